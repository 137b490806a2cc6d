//! Mutations of the seed report: each change gives exactly the findings that name the changed
//! cell — every failing rule and every cell it involves — and nothing else.

mod common;
use common::*;
use nianbao_check::{check_bytes, Finding, Options, Report, Severity, Status};

const SEED: &str = "real/seed-2021-guanqian.txt";

fn seed() -> String {
    String::from_utf8(corpus(SEED)).unwrap()
}

/// Replaces the `n`-th value field (0-based, counting the fields after the label) of the line
/// that starts with `label`.
fn set_field(text: &str, label: &str, n: usize, new: &str) -> String {
    let mut done = false;
    let out: Vec<String> = text
        .lines()
        .map(|l| {
            if done || !l.trim_start_matches('\t').starts_with(label) {
                return l.to_string();
            }
            done = true;
            let mut f: Vec<String> = l.split('\t').map(String::from).collect();
            let first_value = f.iter().position(|c| c.trim() == "0").expect("a zero field");
            f[first_value + n] = new.to_string();
            f.join("\t")
        })
        .collect();
    assert!(done, "line {label} not found");
    out.join("\n")
}

fn run(text: &str) -> Report {
    check_bytes("mutated.txt", text.as_bytes(), &Options::default())
}

fn baseline() -> Vec<String> {
    run(&seed()).findings.iter().map(|f| format!("{} {:?}", f.rule, f.cells)).collect()
}

/// The findings the mutation added to the seed's own (two S04 label warnings).
fn added(r: &Report) -> Vec<&Finding> {
    let base = baseline();
    r.findings.iter().filter(|f| !base.contains(&format!("{} {:?}", f.rule, f.cells))).collect()
}

fn ids(fs: &[&Finding]) -> Vec<String> {
    let mut v: Vec<String> = fs.iter().map(|f| f.rule.to_string()).collect();
    v.sort();
    v
}

#[test]
fn the_seed_itself_has_no_error() {
    let r = run(&seed());
    assert!(!r.has_error_finding(), "{:#?}", r.findings);
    assert_eq!(r.cells.len(), 200);
    assert!(r.cells.iter().all(|(_, c)| c.value == Some(0.0)));
}

#[test]
fn a_t3_number_changed() {
    // 予以公开, 自然人: 0 → 3
    let r = run(&set_field(&seed(), "三、本年度办理结果", 0, "3"));
    let a = added(&r);
    assert_eq!(ids(&a), ["T3-01", "T3-02"], "{a:#?}");
    for f in &a {
        assert!(f.cells.contains(&"t3/granted/natural".to_string()), "{f:?}");
        assert_eq!(f.severity, Severity::Error);
    }
    let row = a.iter().find(|f| f.rule == "T3-01").unwrap();
    assert_eq!(row.cells.len(), 7, "the row's total and six parts");
    assert_eq!(row.cells[0], "t3/granted/total", "the total is blamed first");
    assert_eq!((row.expected, row.actual), (Some(3.0), Some(0.0)));
    assert!(
        row.message(nianbao_check::Lang::Zh).contains("予以公开")
            && row.message(nianbao_check::Lang::Zh).contains("应为 3")
            && row.message(nianbao_check::Lang::Zh).contains("表中为 0"),
        "{}",
        row.message(nianbao_check::Lang::Zh)
    );
    let col = a.iter().find(|f| f.rule == "T3-02").unwrap();
    assert_eq!(col.cells.len(), 22, "results total + 21 result rows");
}

#[test]
fn a_t4_number_changed() {
    // the flat run of 15: position 1 is 行政复议·结果纠正
    let text = seed().replace("0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0", "0\t2\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0");
    let r = run(&text);
    let a = added(&r);
    assert_eq!(ids(&a), ["T4-01"], "{a:#?}");
    assert_eq!(a[0].cells, ["t4/review/total", "t4/review/upheld", "t4/review/corrected", "t4/review/other", "t4/review/pending"]);
}

#[test]
fn a_rows_total_changed() {
    // （七）总计, 总计 column: every balance through that cell fails
    let r = run(&set_field(&seed(), "(七) 总计", 6, "5"));
    let a = added(&r);
    assert_eq!(ids(&a), ["T3-01", "T3-02", "T3-03"], "{a:#?}");
    for f in &a {
        assert!(f.cells.contains(&"t3/results_total/total".to_string()));
    }
}

#[test]
fn a_cell_blanked() {
    let r = run(&set_field(&seed(), "一、本年新收", 0, ""));
    assert_eq!(r.cell("t3/new/natural").unwrap().state, nianbao_check::cell::CellState::Blank);
    let a = added(&r);
    assert_eq!(ids(&a), ["C02", "T3-01", "T3-03"], "{a:#?}");
    for f in &a {
        assert_eq!(f.cells[0], "t3/new/natural", "{f:?}");
    }
    for f in a.iter().filter(|f| f.rule.starts_with("T3")) {
        assert_eq!(f.status, Status::NotAssessable, "a blank is not read as 0");
        assert_ne!(f.severity, Severity::Error);
    }
    assert!(!r.has_error_finding());
}

#[test]
fn a_cell_made_text() {
    let r = run(&set_field(&seed(), "一、本年新收", 0, "abc"));
    let a = added(&r);
    assert_eq!(ids(&a), ["C01", "T3-01", "T3-03"], "{a:#?}");
    for f in &a {
        assert_eq!(f.cells[0], "t3/new/natural");
    }
    let c01 = a.iter().find(|f| f.rule == "C01").unwrap();
    assert!(c01.message(nianbao_check::Lang::Zh).contains("abc"));
    assert!(r.has_error_finding());
}

#[test]
fn blanks_as_zero_is_an_option_not_the_default() {
    let text = set_field(&seed(), "一、本年新收", 0, "");
    let opts = Options { blanks_as_zero: true, ..Options::default() };
    let r = check_bytes("x.txt", text.as_bytes(), &opts);
    assert!(added(&r).iter().all(|f| f.rule == "C02"));
}

#[test]
fn the_json_has_the_shape_of_report_json() {
    let text = set_field(&seed(), "三、本年度办理结果", 0, "3");
    let out = nianbao_check::check(
        &[nianbao_check::Input::new("x.txt", text.as_bytes())],
        &Options::default(),
        nianbao_check::readers::native_decoder,
    );
    let v: serde_json::Value = serde_json::to_value(&out).unwrap();
    let r = &v["reports"][0];
    for k in ["file", "input", "version", "year", "title", "cells", "findings", "error"] {
        assert!(r.get(k).is_some(), "report has {k}");
    }
    assert_eq!(r["input"], "text");
    assert_eq!(r["version"], "v2021");
    assert_eq!(r["year"], 2021);
    assert_eq!(r["cells"]["t3/new/natural"], serde_json::json!({"raw": "0", "value": 0, "state": "number"}));
    let f = r["findings"].as_array().unwrap().iter().find(|f| f["rule"] == "T3-01").unwrap();
    for k in ["rule", "severity", "status", "cells", "message", "expected", "actual"] {
        assert!(f.get(k).is_some(), "finding has {k}");
    }
    assert_eq!(f["expected"], serde_json::json!(3), "whole numbers are written as integers");
    assert_eq!(f["actual"], serde_json::json!(0));
    assert_eq!(f["severity"], "error");
    assert!(r["error"].is_null());
}
