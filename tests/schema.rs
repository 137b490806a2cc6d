//! `schema/report.schema.json` (JSON Schema 2020-12) against the Rust types and the corpus.
//!
//! The schema is written by hand (it carries the descriptions and the rules between fields that a
//! generator would not know) and held to the types three ways, so that a change to the shape
//! without a change to the schema fails here:
//! - every report of the corpus, serialised as the command line writes it, validates; the schema
//!   forbids unknown keys and requires every key, so a field added, removed or retyped fails;
//! - a report built field by field (a struct literal: a new field does not compile until it is set
//!   here) with every variant of every enum validates, and each enum of the schema lists exactly
//!   the Rust variants (exhaustive matches below: a new variant does not compile until listed);
//! - reports the schema must refuse are refused, so the checks above can fail.

mod common;
use common::CORPUS;
use nianbao_check::cell::{CellState, CellValue};
use nianbao_check::document::InputKind;
use nianbao_check::format::{Shape, Version};
use nianbao_check::says::Says;
use nianbao_check::version::{CHECKER_VERSION, RULES_VERSION};
use nianbao_check::{
    check, readers::native_decoder, rules, Finding, Input, Options, Output, ReadError, ReadingGap, Report, Severity, Status, Verdict,
};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};

fn schema() -> Value {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/schema/report.schema.json");
    serde_json::from_str(&std::fs::read_to_string(path).expect("schema/report.schema.json")).expect("the schema is JSON")
}

fn validator() -> jsonschema::Validator {
    let s = schema();
    jsonschema::meta::validate(&s).unwrap_or_else(|e| panic!("the schema is not a valid JSON Schema: {e}"));
    jsonschema::draft202012::new(&s).expect("the schema compiles")
}

/// The schema's errors for `instance`, one line each (empty when it validates; the first 20).
fn errors(v: &jsonschema::Validator, instance: &Value) -> Vec<String> {
    v.iter_errors(instance).take(20).map(|e| format!("{} at {}", e, e.instance_path())).collect()
}

fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("dir entry").path())
        .filter(|p| p.is_file())
        .collect();
    out.sort();
    out
}

#[test]
fn every_corpus_report_validates() {
    let v = validator();
    let dirs = ["real", "derived", "variants", "refuse", "scans", "gold"];
    let (mut reports, mut failed, mut findings, mut na) = (0, 0, 0, 0);
    for dir in dirs {
        let paths = files_under(&Path::new(CORPUS).join(dir));
        assert!(!paths.is_empty(), "corpus/{dir} has files");
        let bytes: Vec<(String, Vec<u8>)> =
            paths.iter().map(|p| (format!("{dir}/{}", p.file_name().unwrap().to_string_lossy()), std::fs::read(p).unwrap())).collect();
        let inputs: Vec<Input> = bytes.iter().map(|(n, b)| Input::new(n, b)).collect();
        // All files of a folder together, as the command line checks them. Blanks as zero once, on
        // the real reports (it changes findings, not the shape).
        let lenient = if dir == "real" { vec![Options { blanks_as_zero: true, ..Options::default() }] } else { vec![] };
        for opts in [vec![Options::default()], lenient].concat() {
            let out = check(&inputs, &opts, native_decoder);
            let value = serde_json::to_value(&out).expect("the output serialises");
            let errs = errors(&v, &value);
            assert!(errs.is_empty(), "corpus/{dir} (blanks_as_zero {}) does not validate:\n{}", opts.blanks_as_zero, errs.join("\n"));
            for r in &out.reports {
                assert_eq!((r.checker_version, r.rules_version), (CHECKER_VERSION, RULES_VERSION), "{}", r.file);
                reports += 1;
                failed += r.error.is_some() as usize;
                findings += r.findings.len();
                na += r.findings.iter().filter(|f| f.status == Status::NotAssessable).count();
            }
        }
    }
    // The corpus reaches the schema's branches: unreadable files, failed and not-assessable findings.
    // (It has no consecutive years of one agency: cross-year findings are in full_reports below.)
    assert!(
        reports > 100 && failed > 10 && findings > 500 && na > 10,
        "{reports} reports, {failed} unreadable, {findings} findings, {na} not assessable"
    );
}

#[test]
fn the_command_lines_json_validates() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_nianbao-check"))
        .arg("--json")
        .args(["real/pingtan-2021.html", "real/pingtan-2023.html", "real/pingtan-2013-oldformat.txt"].map(|f| format!("{CORPUS}/{f}")))
        .output()
        .expect("the command line runs");
    let value: Value = serde_json::from_slice(&out.stdout).expect("--json writes JSON");
    assert_eq!(errors(&validator(), &value), Vec::<String>::new());
    for r in value["reports"].as_array().unwrap() {
        assert_eq!(r["checker_version"], env!("CARGO_PKG_VERSION"));
        assert_eq!(r["rules_version"], RULES_VERSION);
    }
}

// Exhaustive: a new variant stops these from compiling until it is listed (and the schema follows).
fn severities() -> Vec<Severity> {
    let all = vec![Severity::Error, Severity::Warning, Severity::Doubt, Severity::Info];
    for s in &all {
        match s {
            Severity::Error | Severity::Warning | Severity::Doubt | Severity::Info => {}
        }
    }
    all
}
fn statuses() -> Vec<Status> {
    let all = vec![Status::Failed, Status::NotAssessable];
    for s in &all {
        match s {
            Status::Failed | Status::NotAssessable => {}
        }
    }
    all
}
fn states() -> Vec<CellState> {
    let all = vec![CellState::Number, CellState::Blank, CellState::Na, CellState::Text];
    for s in &all {
        match s {
            CellState::Number | CellState::Blank | CellState::Na | CellState::Text => {}
        }
    }
    all
}
fn versions() -> Vec<Version> {
    let all = vec![Version::V2019, Version::V2021];
    for v in &all {
        match v {
            Version::V2019 | Version::V2021 => {}
        }
    }
    all
}
fn verdicts() -> Vec<Verdict> {
    let all = vec![Verdict::Passed, Verdict::Failed, Verdict::Incomplete, Verdict::Unreadable];
    for v in &all {
        match v {
            Verdict::Passed | Verdict::Failed | Verdict::Incomplete | Verdict::Unreadable => {}
        }
    }
    all
}
fn layouts() -> Vec<Option<&'static str>> {
    let mut all: Vec<Option<&'static str>> = [Version::V2019, Version::V2021]
        .iter()
        .flat_map(|&v| [false, true].map(|single| Shape { version: v, single_other_row: single }.key()))
        .map(Some)
        .collect();
    all.sort();
    all.dedup();
    all.push(None);
    all
}
fn input_kinds() -> Vec<InputKind> {
    use InputKind::*;
    let all = vec![Text, Html, Docx, Doc, Xlsx, Pdf, Json];
    for k in &all {
        match k {
            Text | Html | Docx | Doc | Xlsx | Pdf | Json => {}
        }
    }
    all
}

fn as_json<T: serde::Serialize>(items: &[T]) -> Vec<Value> {
    items.iter().map(|i| serde_json::to_value(i).unwrap()).collect()
}

fn sorted(mut v: Vec<Value>) -> Vec<String> {
    let mut out: Vec<String> = v.drain(..).map(|x| x.to_string()).collect();
    out.sort();
    out
}

#[test]
fn the_schemas_enumerations_are_the_rust_types() {
    let s = schema();
    let e = |ptr: &str| sorted(s.pointer(ptr).unwrap_or_else(|| panic!("{ptr} in the schema")).as_array().unwrap().clone());
    assert_eq!(e("/$defs/finding/properties/severity/enum"), sorted(as_json(&severities())));
    assert_eq!(e("/$defs/finding/properties/status/enum"), sorted(as_json(&statuses())));
    assert_eq!(e("/$defs/cell/properties/state/enum"), sorted(as_json(&states())));
    let mut v = as_json(&versions());
    v.push(Value::Null);
    assert_eq!(e("/$defs/report/properties/version/enum"), sorted(v));
    assert_eq!(e("/$defs/report/properties/verdict/enum"), sorted(as_json(&verdicts())));
    assert_eq!(e("/$defs/report/properties/layout/enum"), sorted(as_json(&layouts())));
    let mut k: Vec<Value> = input_kinds().iter().map(|k| json!(k.as_str())).collect();
    assert_eq!(as_json(&input_kinds()), k, "the report's input is the kind's serde name");
    k.push(Value::Null);
    assert_eq!(e("/$defs/report/properties/input/enum"), sorted(k));
    // Every error code the checker writes, and the page's own `unreadable`.
    let mut codes: Vec<Value> = ReadError::codes().into_iter().map(|c| json!(c)).collect();
    codes.push(json!("unreadable"));
    assert_eq!(e("/$defs/readError/properties/code/enum"), sorted(codes));
    // Every key the types write is required: a consumer may rely on it.
    for (def, required) in [
        (
            "report",
            &[
                "checker_version",
                "rules_version",
                "file",
                "input",
                "version",
                "layout",
                "year",
                "title",
                "agency",
                "cells",
                "findings",
                "error",
                "verdict",
                "reading",
            ][..],
        ),
        ("readingGap", &["table", "cells", "message", "message_en"]),
        ("finding", &["rule", "severity", "status", "cells", "message", "message_en", "expected", "actual", "sentence", "related_file"]),
        ("cell", &["raw", "value", "state"]),
        ("readError", &["code", "message", "message_en"]),
    ] {
        let got: Vec<&str> = s["$defs"][def]["required"].as_array().unwrap().iter().map(|x| x.as_str().unwrap()).collect();
        assert_eq!(got, required, "{def}: required");
    }
}

/// A report of every kind of value: each field set (a struct literal, so a new field must be set
/// here), each enum variant, each address of both formats, each rule of the catalogue.
fn full_reports() -> Vec<Report> {
    let sev = severities();
    let mut out = Vec::new();
    // Every format, the v2021 one also with v2019's single （六） row; every verdict of a read report.
    let shapes: Vec<Shape> =
        versions().into_iter().map(Shape::of).chain([Shape { version: Version::V2021, single_other_row: true }]).collect();
    let judged: Vec<Verdict> = verdicts().into_iter().filter(|v| *v != Verdict::Unreadable).collect();
    for (i, shape) in shapes.into_iter().enumerate() {
        let v = shape.version;
        let verdict = judged[i % judged.len()];
        let st = states();
        let cells: Vec<(String, CellValue)> = shape
            .addresses()
            .into_iter()
            .enumerate()
            .map(|(j, a)| {
                let state = st[j % st.len()];
                let value = if state == CellState::Number { Some(if j % 2 == 0 { j as f64 } else { j as f64 + 0.25 }) } else { None };
                (a, CellValue { raw: format!("{j}"), value, state })
            })
            .collect();
        let mut findings: Vec<Finding> = rules::catalogue()
            .iter()
            .enumerate()
            .map(|(j, r)| Finding {
                rule: r.id,
                severity: sev[j % sev.len()],
                status: Status::Failed,
                cells: vec![cells[j % cells.len()].0.clone()],
                says: Says::OddLabel { written: format!("{}：示例", r.title), official: r.id.into() },
                expected: Some(5.0),
                actual: Some(4.5),
                sentence: Some("本年共收到申请 5 件。".into()),
                related_file: Some("上年.html".into()),
            })
            .collect();
        findings.push(Finding::not_assessable(rules::rule("T3-01").unwrap(), vec![], Says::NoSections));
        findings.push(Finding::new(rules::rule("S03").unwrap(), vec![], Says::SingleOtherRow));
        out.push(Report {
            checker_version: CHECKER_VERSION,
            rules_version: RULES_VERSION,
            file: format!("报告{i}.docx"),
            input: Some(input_kinds()[i % input_kinds().len()].as_str()),
            version: Some(v),
            layout: Some(shape.key()),
            year: Some(2021 + i as i32),
            title: Some("某县人民政府2021年政府信息公开工作年度报告".into()),
            agency: Some("某县人民政府".into()),
            reading: if verdict == Verdict::Passed {
                Vec::new()
            } else {
                vec![ReadingGap {
                    table: "t3",
                    cells: vec![cells[12].0.clone()],
                    message: "表三有 1 个单元格未能可靠读出。".into(),
                    message_en: "Table 3 has a cell not read.".into(),
                }]
            },
            cells,
            findings,
            error: None,
            verdict,
        });
    }
    for (i, k) in input_kinds().into_iter().enumerate() {
        let input = if i == 0 { None } else { Some(k.as_str()) };
        out.push(Report::failed(&format!("坏{i}"), input, ReadError::NoTables { web_page: i % 2 == 0 }));
    }
    // Every kind of error, with its code and both messages.
    for (i, e) in ReadError::examples().into_iter().enumerate() {
        out.push(Report::failed(&format!("错{i}"), None, e));
    }
    out
}

#[test]
fn a_report_of_every_field_and_variant_validates() {
    let v = validator();
    let value = serde_json::to_value(Output { reports: full_reports() }).unwrap();
    assert_eq!(errors(&v, &value), Vec::<String>::new());
    // The page's JSON export adds the corrections tried on a report.
    let mut exported = value["reports"][0].clone();
    exported["edits"] = json!([{ "cell": "t3/new/natural", "original": "0", "corrected": "3" }, { "cell": "t3/new/total", "original": null, "corrected": "" }]);
    assert_eq!(errors(&v, &json!({ "reports": [exported] })), Vec::<String>::new());
}

#[test]
fn the_schema_refuses_what_is_not_the_shape() {
    let v = validator();
    let good = serde_json::to_value(Output { reports: full_reports() }).unwrap();
    let report = good["reports"][0].clone();
    let failed = good["reports"].as_array().unwrap().last().unwrap().clone();
    let with = |base: &Value, f: &dyn Fn(&mut Value)| {
        let mut r = base.clone();
        f(&mut r);
        json!({ "reports": [r] })
    };
    let bad: Vec<(&str, Value)> = vec![
        ("an unknown field", with(&report, &|r| r["surprise"] = json!(1))),
        ("no rules_version", with(&report, &|r| drop(r.as_object_mut().unwrap().remove("rules_version")))),
        ("no agency", with(&report, &|r| drop(r.as_object_mut().unwrap().remove("agency")))),
        ("a version that is not semver", with(&report, &|r| r["checker_version"] = json!("v1"))),
        ("an unknown input", with(&report, &|r| r["input"] = json!("xls"))),
        ("an unknown format", with(&report, &|r| r["version"] = json!("v2025"))),
        ("a year as text", with(&report, &|r| r["year"] = json!("2021"))),
        ("an address outside t2-t4", with(&report, &|r| r["cells"]["t5/a/b"] = json!({ "raw": "", "value": null, "state": "blank" }))),
        (
            "a number without a value",
            with(&report, &|r| r["cells"]["t3/new/natural"] = json!({ "raw": "3", "value": null, "state": "number" })),
        ),
        ("a blank with a value", with(&report, &|r| r["cells"]["t3/new/natural"] = json!({ "raw": "", "value": 0, "state": "blank" }))),
        ("a cell with an extra key", with(&report, &|r| r["cells"]["t3/new/natural"]["unit"] = json!("件"))),
        ("an unknown severity", with(&report, &|r| r["findings"][0]["severity"] = json!("fatal"))),
        ("an unknown status", with(&report, &|r| r["findings"][0]["status"] = json!("passed"))),
        (
            "a not-assessable error",
            with(&report, &|r| {
                r["findings"][0]["status"] = json!("not_assessable");
                r["findings"][0]["severity"] = json!("error");
            }),
        ),
        ("a finding without expected", with(&report, &|r| drop(r["findings"][0].as_object_mut().unwrap().remove("expected")))),
        ("a rule id in lower case", with(&report, &|r| r["findings"][0]["rule"] = json!("t3-01"))),
        ("an empty message", with(&report, &|r| r["findings"][0]["message"] = json!(""))),
        ("an error report with cells", with(&failed, &|r| r["cells"] = report["cells"].clone())),
        ("an error report with a title", with(&failed, &|r| r["title"] = json!("标题"))),
        ("an error without a message", with(&failed, &|r| drop(r["error"].as_object_mut().unwrap().remove("message")))),
        ("an edit without its cell", with(&report, &|r| r["edits"] = json!([{ "original": "0", "corrected": "3" }]))),
    ];
    for (what, instance) in bad {
        assert!(!errors(&v, &instance).is_empty(), "the schema accepts {what}");
    }
    assert!(!errors(&v, &json!({ "reports": [], "more": 1 })).is_empty(), "an unknown top-level key");
    assert!(!errors(&v, &json!([])).is_empty(), "a bare array");
}
