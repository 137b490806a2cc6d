//! The command line as a batch tool: folders walked (nested, hidden and system files skipped, a
//! stray non-report said to be unreadable), every output parsed back (`--json`, `--jsonl`,
//! `--csv`, `--cells`), cross-year pairs found across a shuffled folder, H01 on a region and its
//! units, the same output whatever `--jobs`, and the exit status.

mod common;
use common::*;

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::Command;

use nianbao_check::format::Version;
use nianbao_check::{Input, Options};
use serde_json::Value;

fn run(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_nianbao-check")).args(args).output().unwrap();
    (out.status.code().unwrap_or(-1), String::from_utf8(out.stdout).unwrap(), String::from_utf8_lossy(&out.stderr).into_owned())
}

/// A fresh folder under the system's temp folder, removed when dropped.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> TempDir {
        let p = std::env::temp_dir().join(format!("nianbao-cli-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&p);
        std::fs::create_dir_all(&p).unwrap();
        TempDir(p)
    }
    fn put(&self, rel: &str, bytes: &[u8]) -> String {
        let p = self.0.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(&p, bytes).unwrap();
        p.to_string_lossy().into_owned()
    }
    fn path(&self) -> &str {
        self.0.to_str().unwrap()
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// A generated report of `agency` for `year` (consistent numbers from `seed`).
fn report(agency: &str, year: i32, seed: u64) -> Vec<u8> {
    report_with(agency, year, seed, |_| {})
}

fn report_with(agency: &str, year: i32, seed: u64, change: fn(&mut std::collections::HashMap<String, String>)) -> Vec<u8> {
    let mut v = consistent(Version::V2021, seed);
    change(&mut v);
    synth(Version::V2021, year, &|a| v[a].clone()).replacen("测试县人民政府", agency, 1).into_bytes()
}

/// Reports compared one by one, the first difference shown key by key (a report is long).
fn assert_same_reports(got: &[Value], want: &[Value]) {
    assert_eq!(got.len(), want.len(), "the number of reports");
    for (g, w) in got.iter().zip(want) {
        if g == w {
            continue;
        }
        for (k, v) in w.as_object().unwrap() {
            assert_eq!(&g[k], v, "{}: {k}", w["file"]);
        }
        assert_eq!(g, w);
    }
}

/// RFC 4180, as the page and the command line write it: a BOM, CRLF, quoted fields.
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let text = text.strip_prefix('\u{feff}').expect("a BOM");
    let mut rows = Vec::new();
    let (mut row, mut field, mut quoted, mut chars) = (Vec::new(), String::new(), false, text.chars().peekable());
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut field)),
            (false, '\r') => {
                assert_eq!(chars.next(), Some('\n'), "CRLF line ends");
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (false, '\n') => panic!("a bare LF"),
            (false, c) => field.push(c),
        }
    }
    assert!(field.is_empty() && row.is_empty(), "the last row ends with CRLF");
    rows
}

fn reports_of(json: &str) -> Vec<Value> {
    let v: Value = serde_json::from_str(json).expect("--json is one JSON document");
    v["reports"].as_array().unwrap().clone()
}

#[test]
fn a_folder_is_walked_and_every_output_reads_back() {
    let dir = TempDir::new("walk");
    let seed = corpus("real/seed-2021-guanqian.txt");
    let files = [
        dir.put("县直/2021/官前乡.txt", &seed),
        dir.put("县直/pingtan-2021.html", &corpus("real/pingtan-2021.html")),
        dir.put("乡镇/深/更深/pingtan-2021.docx", &corpus("derived/pingtan-2021.docx")),
        dir.put("乡镇/表格.xlsx", b"PK\x03\x04 not really a workbook"),
        dir.put("上海.md", &corpus("real/2025-shanghai-office.md")),
    ];
    // Skipped: hidden files and folders, what systems and Word leave behind.
    for skip in [".hidden.txt", ".git/seed.txt", "Thumbs.db", "县直/desktop.ini", "~$官前乡.docx", "__MACOSX/x.txt"] {
        dir.put(skip, &seed);
    }
    let (code, text, err) = run(&[dir.path()]);
    assert_eq!(code, 2, "the stray file is unreadable: {text}{err}");
    let listed: Vec<&str> = text.lines().filter_map(|l| l.strip_prefix("■ ")).collect();
    let mut want: Vec<&str> = files.iter().map(String::as_str).collect();
    want.sort_by_key(|f| f.strip_prefix(dir.path()).unwrap().to_string());
    assert_eq!(listed, want, "every file once, in path order, nothing skipped listed");
    let stray = text.split("■ ").find(|b| b.starts_with(&files[3])).unwrap();
    assert!(stray.contains("结论：无法读取："), "{stray}");
    let shanghai = text.split("■ ").find(|b| b.starts_with(&files[4])).unwrap();
    assert!(shanghai.contains("结论：未能完整读取") && shanghai.contains("[未能读取] 表二"), "{shanghai}");

    // --json: one document, each report as the library makes it.
    let (_, json, _) = run(&["--json", dir.path()]);
    let reports = reports_of(&json);
    assert_eq!(reports.iter().map(|r| r["file"].as_str().unwrap()).collect::<Vec<_>>(), want);
    for r in &reports {
        let file = r["file"].as_str().unwrap();
        let alone = nianbao_check::check_bytes(file, &std::fs::read(file).unwrap(), &Options::default());
        assert_same_reports(std::slice::from_ref(r), &[serde_json::to_value(&alone).unwrap()]);
    }

    // --jsonl: the same reports, one a line; --csv and --cells written beside.
    let csv = dir.0.join("out/findings.csv");
    let cells = dir.0.join("out/cells.csv");
    std::fs::create_dir_all(csv.parent().unwrap()).unwrap();
    let (code, lines, _) =
        run(&["--jsonl", "--csv", csv.to_str().unwrap(), &format!("--cells={}", cells.to_str().unwrap()), "-j", "3", dir.path()]);
    assert_eq!(code, 2);
    let from_lines: Vec<Value> = lines.lines().map(|l| serde_json::from_str(l).expect("each line is a report")).collect();
    assert_same_reports(&from_lines, &reports);

    // The findings CSV: the page's columns (read from www/export.js, so the two cannot drift
    // apart), one row per finding, one per unreadable file.
    let rows = parse_csv(&std::fs::read_to_string(&csv).unwrap());
    let export = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/www/export.js")).unwrap();
    let line = export.lines().find(|l| l.starts_with("export const FINDING_COLUMNS")).expect("FINDING_COLUMNS in export.js");
    let page_columns: Vec<String> = line.split('\'').skip(1).step_by(2).map(String::from).collect();
    assert_eq!(rows[0], page_columns);
    assert_eq!(
        rows[0],
        ["file", "rule", "severity", "status", "cells", "message", "message_en", "expected", "actual", "checker_version", "rules_version"]
    );
    let mut expected = Vec::new();
    for r in &reports {
        let s = |v: &Value| v.as_str().unwrap_or("").to_string();
        let n = |v: &Value| if v.is_null() { String::new() } else { v.to_string() };
        let versions = [s(&r["checker_version"]), s(&r["rules_version"])];
        if !r["error"].is_null() {
            expected.push(
                [
                    s(&r["file"]),
                    s(&r["error"]["code"]),
                    "error".into(),
                    "unreadable".into(),
                    "".into(),
                    s(&r["error"]["message"]),
                    s(&r["error"]["message_en"]),
                    "".into(),
                    "".into(),
                    versions[0].clone(),
                    versions[1].clone(),
                ]
                .to_vec(),
            );
        }
        for f in r["findings"].as_array().unwrap() {
            let c: Vec<&str> = f["cells"].as_array().unwrap().iter().map(|c| c.as_str().unwrap()).collect();
            expected.push(vec![
                s(&r["file"]),
                s(&f["rule"]),
                s(&f["severity"]),
                s(&f["status"]),
                c.join(" "),
                s(&f["message"]),
                s(&f["message_en"]),
                n(&f["expected"]),
                n(&f["actual"]),
                versions[0].clone(),
                versions[1].clone(),
            ]);
        }
    }
    assert!(expected.len() > 5 && expected.iter().any(|r| r[3] == "unreadable"), "{expected:?}");
    assert_eq!(rows[1..], expected[..]);

    // The cells CSV: one row a report, one column an address, raw values, a blank empty.
    let rows = parse_csv(&std::fs::read_to_string(&cells).unwrap());
    let head = &rows[0];
    assert_eq!(head[..6], ["file", "agency", "year", "version", "layout", "verdict"]);
    let addresses = &head[6..];
    for a in nianbao_check::format::addresses(Version::V2021).iter().chain(&nianbao_check::format::addresses(Version::V2019)) {
        assert_eq!(addresses.iter().filter(|x| *x == a).count(), 1, "{a} is one column");
    }
    assert_eq!(rows.len() - 1, reports.len());
    for (row, r) in rows[1..].iter().zip(&reports) {
        assert_eq!(row.len(), head.len());
        assert_eq!(row[0], r["file"].as_str().unwrap());
        assert_eq!(row[1], r["agency"].as_str().unwrap_or(""));
        assert_eq!(row[2], r["year"].as_i64().map(|y| y.to_string()).unwrap_or_default());
        assert_eq!(
            (row[3].as_str(), row[4].as_str(), row[5].as_str()),
            (r["version"].as_str().unwrap_or(""), r["layout"].as_str().unwrap_or(""), r["verdict"].as_str().unwrap())
        );
        for (a, got) in addresses.iter().zip(&row[6..]) {
            let want = match r["cells"].get(a) {
                Some(c) if c["state"] == "blank" => String::new(),
                Some(c) => c["raw"].as_str().unwrap().to_string(),
                None => String::new(),
            };
            assert_eq!(got.trim_start_matches('\''), want, "{} {a}", row[0]);
        }
    }
    let seed_row = rows.iter().find(|r| r[0] == files[0]).unwrap();
    let natural = addresses.iter().position(|a| a == "t3/new/natural").unwrap();
    assert_eq!((seed_row[2].as_str(), seed_row[3].as_str(), seed_row[6 + natural].as_str()), ("2021", "v2021", "0"));
}

#[test]
fn consecutive_years_pair_across_a_shuffled_folder_whatever_the_jobs() {
    let dir = TempDir::new("years");
    // Three agencies, three years each, under names and folders that put no year next to its
    // neighbour: pairing must come from agency and year, not from the order of the files.
    let agencies = ["甲县教育局", "乙县教育局", "丙市财政局"]; // no region among them: no H01
    let mut files = Vec::new();
    let order = [7, 2, 5, 0, 8, 3, 6, 1, 4];
    for (k, slot) in order.iter().enumerate() {
        let (a, y) = (agencies[slot % 3], 2021 + (*slot / 3) as i32);
        let rel = format!("{}/{:02}.txt", ["b", "a", "c"][k % 3], (k * 7) % 10);
        files.push(dir.put(&rel, &report(a, y, 11 + *slot as u64)));
    }
    files.sort();
    let (code, json, err) = run(&["--json", "--jobs", "3", dir.path()]);
    assert_eq!(code, 1, "X01 fails between generated years: {err}");
    let reports = reports_of(&json);
    assert_eq!(reports.iter().map(|r| r["file"].as_str().unwrap()).collect::<Vec<_>>(), files);

    // The library checking all the files together is the reference.
    let bytes: Vec<Vec<u8>> = files.iter().map(|f| std::fs::read(f).unwrap()).collect();
    let inputs: Vec<Input> = files.iter().zip(&bytes).map(|(f, b)| Input::new(f, b)).collect();
    let reference = nianbao_check::check(&inputs, &Options::default(), nianbao_check::readers::native_decoder);
    assert_same_reports(&reports, serde_json::to_value(&reference.reports).unwrap().as_array().unwrap());
    let paired: BTreeMap<&str, &str> = reports
        .iter()
        .flat_map(|r| {
            r["findings"].as_array().unwrap().iter().filter_map(|f| f["related_file"].as_str()).map(|p| (r["file"].as_str().unwrap(), p))
        })
        .collect();
    assert_eq!(paired.len(), 6, "two pairs for each agency: {paired:#?}");
    for (cur, prev) in &paired {
        let (c, p) = (reports.iter().find(|r| r["file"] == *cur).unwrap(), reports.iter().find(|r| r["file"] == *prev).unwrap());
        assert_eq!((c["agency"].clone(), c["year"].as_i64().unwrap() - 1), (p["agency"].clone(), p["year"].as_i64().unwrap()));
    }
    assert!(reports.iter().any(|r| r["findings"].as_array().unwrap().iter().any(|f| f["rule"] == "X01" && f["status"] == "failed")));

    // One job or many, the same output.
    let (_, one, _) = run(&["--json", "--jobs=1", dir.path()]);
    assert_eq!(one, json);
    let (_, text1, _) = run(&["-j", "1", dir.path()]);
    let (_, text3, _) = run(&["-j", "3", dir.path()]);
    assert_eq!(text1, text3);
    assert!(text1.contains("（上年报告："));
}

#[test]
fn a_copy_of_last_years_report_pairs_once() {
    let dir = TempDir::new("copies");
    let last = report("甲县教育局", 2021, 3);
    let f1 = dir.put("a/2021.txt", &last);
    dir.put("b/2021-copy.txt", &last);
    dir.put("c/2022.txt", &report("甲县教育局", 2022, 4));
    let (_, json, _) = run(&["--json", dir.path()]);
    let reports = reports_of(&json);
    let x01: Vec<&Value> = reports[2]["findings"].as_array().unwrap().iter().filter(|f| f["rule"] == "X01").collect();
    assert!(!x01.is_empty());
    assert!(x01.iter().all(|f| f["related_file"] == f1.as_str()), "the first of the two copies: {x01:#?}");
}

#[test]
fn a_region_and_its_units_give_h01_on_the_region() {
    let dir = TempDir::new("region");
    let region = dir.put("县政府/2023.txt", &report("测试县人民政府", 2023, 21));
    let units = [
        dir.put("部门/教育局.txt", &report("测试县教育局", 2023, 22)),
        dir.put("乡镇/城关镇.txt", &report("测试县城关镇人民政府", 2023, 23)),
    ];
    dir.put("其他/乙县财政局.txt", &report("乙县财政局", 2023, 24)); // another county: not a unit
    dir.put("县政府/2022.txt", &report("测试县财政局", 2022, 25)); // another year: not a unit
    let (code, json, _) = run(&["--json", dir.path()]);
    let reports = reports_of(&json);
    let h01: Vec<(&str, &Value)> = reports
        .iter()
        .flat_map(|r| {
            r["findings"].as_array().unwrap().iter().filter(|f| f["rule"] == "H01").map(move |f| (r["file"].as_str().unwrap(), f))
        })
        .collect();
    assert_eq!(h01.len(), 1, "{h01:#?}");
    let (file, f) = h01[0];
    assert_eq!(file, region);
    assert_eq!((f["severity"].as_str(), f["status"].as_str()), (Some("info"), Some("failed")));
    let msg = f["message"].as_str().unwrap();
    assert!(
        msg.contains("所属单位的 2023 年度报告 2 份（") && msg.contains("测试县教育局") && msg.contains("测试县城关镇人民政府"),
        "{msg}"
    );
    // Its numbers: the region's against the two units' sum, for the cell named first.
    let cell = f["cells"][0].as_str().unwrap();
    let num = |file: &str| reports.iter().find(|r| r["file"] == file).unwrap()["cells"][cell]["value"].as_f64().unwrap();
    assert_eq!((f["actual"].as_f64().unwrap(), f["expected"].as_f64().unwrap()), (num(&region), num(&units[0]) + num(&units[1])));
    // A note, never an error: the region's verdict is what it is without it.
    let alone = nianbao_check::check_bytes(&region, &std::fs::read(&region).unwrap(), &Options::default());
    let r = reports.iter().find(|r| r["file"] == region.as_str()).unwrap();
    assert_eq!(r["verdict"], alone.verdict.as_str());
    assert_ne!(code, 1, "generated reports pass on their own, and H01 does not fail them");
    let (_, text, _) = run(&[dir.path()]);
    assert!(text.contains("[提示 H01] 同一批报告中有所属单位的 2023 年度报告 2 份"), "{text}");
}

#[test]
fn exit_status_and_usage() {
    let dir = TempDir::new("exit");
    let ok = dir.put("ok.txt", &report("甲县教育局", 2022, 5));
    let (code, _, _) = run(&[&ok]);
    assert_eq!(code, 0);
    let shanghai = format!("{CORPUS}/real/2025-shanghai-office.md");
    assert_eq!(run(&[&ok, &shanghai]).0, 3, "incomplete");
    let bad = dir.put("bad.txt", &report_with("甲县教育局", 2022, 5, |v| drop(v.insert("t3/new/total".into(), "9999".into()))));
    assert_eq!(run(&[&ok, &shanghai, &bad]).0, 1, "failed over incomplete");
    let (code, _, err) = run(&[&ok, &format!("{}/missing.txt", dir.path())]);
    assert_eq!(code, 2, "a file that is not there");
    assert!(err.contains("missing.txt：无法打开文件"), "{err}");
    let empty = TempDir::new("empty");
    let (code, _, err) = run(&[empty.path()]);
    assert_eq!((code, err.trim()), (2, "没有找到要检查的文件"));
    for bad in [vec!["--jobs", "0", &ok], vec!["--jobs"], vec!["--csv"], vec!["--frobnicate", &ok]] {
        let (code, _, err) = run(&bad);
        assert_eq!(code, 2, "{bad:?}");
        assert!(err.contains("用法"), "{bad:?}: {err}");
    }
    // Piped, no progress bar: stderr stays empty for a batch that reads.
    let (_, _, err) = run(&[&ok, &ok]);
    assert_eq!(err, "");
}
