//! The verdict tells the report's own errors from what the checker could not read: a table whose
//! heading is there but whose grid is not read is "not fully read" (a reading gap, no S03 error);
//! a report that really lacks the table fails S03; one whose unread cells hide nothing else passes
//! nothing — it is incomplete. And the command line says so in its exit status.

mod common;
use common::*;
use nianbao_check::format::Version;
use nianbao_check::{check_bytes, Options, Report, Severity, Status, Verdict};

fn report(text: &str) -> Report {
    check_bytes("r.txt", text.as_bytes(), &Options::default())
}

fn consistent_text() -> String {
    let v = consistent(Version::V2021, 7);
    synth(Version::V2021, 2023, &|a| v[a].clone())
}

/// The text with the lines of section 四's table taken out (its heading kept or not).
fn without_t4(keep_heading: bool) -> String {
    let text = consistent_text();
    let (head, rest) = text.split_at(text.find("四、政府信息公开行政复议").unwrap());
    let tail = &rest[rest.find("五、").unwrap()..];
    let heading = if keep_heading { "四、政府信息公开行政复议、行政诉讼情况\n\n" } else { "" };
    format!("{head}{heading}{tail}")
}

#[test]
fn a_consistent_report_read_in_full_passes() {
    let r = report(&consistent_text());
    assert_eq!(r.verdict, Verdict::Passed, "{:#?}", r.findings);
    assert!(r.reading.is_empty());
}

#[test]
fn a_table_announced_but_not_read_is_a_reading_gap_not_an_error() {
    let r = report(&without_t4(true));
    assert!(r.error.is_none());
    assert_eq!(r.verdict, Verdict::Incomplete);
    assert!(!r.findings.iter().any(|f| f.rule == "S03"), "not blamed on the report: {:#?}", r.findings);
    assert_eq!(r.reading.len(), 1, "{:#?}", r.reading);
    let g = &r.reading[0];
    assert_eq!(g.table, "t4");
    assert_eq!(g.cells.len(), 15);
    assert!(g.message.contains("表四") && g.message.contains("标题") && g.message.contains("Word"), "{}", g.message);
}

#[test]
fn a_table_the_report_lacks_is_its_error() {
    let r = report(&without_t4(false));
    assert_eq!(r.verdict, Verdict::Failed);
    assert!(r.findings.iter().any(|f| f.rule == "S03" && f.severity == Severity::Error && f.status == Status::Failed));
    assert!(r.reading.is_empty(), "what the report lacks is not a reading gap: {:#?}", r.reading);
}

#[test]
fn a_row_not_read_makes_the_report_incomplete_and_an_error_still_fails_it() {
    // One t3 row with a number too few: not read (P03), never shifted.
    let v = consistent(Version::V2021, 3);
    let text =
        synth(Version::V2021, 2023, &|a| if a == "t3/partial/research" { "\u{0}".into() } else { v[a].clone() }).replace("\t\u{0}", "");
    let r = report(&text);
    assert_eq!(r.verdict, Verdict::Incomplete, "{:#?}", r.findings);
    assert_eq!(r.reading.len(), 1);
    assert_eq!(r.reading[0].table, "t3");
    assert_eq!(r.reading[0].cells.len(), 7);
    assert!(r.reading[0].message.contains("部分公开"), "{}", r.reading[0].message);
    // The same with a real error elsewhere: the report fails, and the gap is still said.
    let broken = synth(Version::V2021, 2023, &|a| match a {
        "t3/partial/research" => "\u{0}".into(),
        "t4/review/total" => "999".into(),
        _ => v[a].clone(),
    })
    .replace("\t\u{0}", "");
    let r = report(&broken);
    assert_eq!(r.verdict, Verdict::Failed);
    assert_eq!(r.reading.len(), 1);
}

#[test]
fn the_command_line_exit_status_tells_incomplete_apart() {
    let dir = std::env::temp_dir().join(format!("nb-verdict-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let run = |name: &str, text: &str| {
        let path = dir.join(name);
        std::fs::write(&path, text).unwrap();
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_nianbao-check")).arg(&path).output().unwrap();
        (out.status.code(), String::from_utf8_lossy(&out.stdout).into_owned())
    };
    let (code, out) = run("ok.txt", &consistent_text());
    assert_eq!(code, Some(0), "{out}");
    assert!(out.contains("结论：通过"), "{out}");
    let (code, out) = run("part.txt", &without_t4(true));
    assert_eq!(code, Some(3), "{out}");
    assert!(out.contains("结论：未能完整读取") && out.contains("[未能读取] 文件中有表四"), "{out}");
    let (code, out) = run("lacks.txt", &without_t4(false));
    assert_eq!(code, Some(1), "{out}");
    assert!(out.contains("结论：不通过"), "{out}");
    std::fs::remove_dir_all(&dir).ok();
}
