//! Across years (X01, X02, X05): reports of one agency checked together. The real pingtan series
//! (2019, 2021, 2023, 2025) has no two consecutive years; consecutive pairs are made from corpus
//! copies by moving a report's year, and what X01 must say is worked out from the gold values.

mod common;
use common::*;
use nianbao_check::{check, Finding, Input, Options, Output, Report, Severity, Status};

const COLS: [&str; 7] = ["natural", "commercial", "research", "social", "legal", "other", "total"];

/// A corpus file as another year: every "YYYY年" of the report year moved (title, period, text).
fn as_year(file: &str, from: i32, to: i32) -> Vec<u8> {
    let t = String::from_utf8(corpus(file)).unwrap();
    let moved = t.replace(&format!("{from}年"), &format!("{to}年")).replace(&format!("{from} 年"), &format!("{to} 年"));
    assert_ne!(moved, t);
    moved.into_bytes()
}

fn run(inputs: &[Input]) -> Output {
    check(inputs, &Options::default(), nianbao_check::readers::native_decoder)
}

fn x(r: &Report) -> Vec<&Finding> {
    r.findings.iter().filter(|f| f.rule.starts_with('X')).collect()
}

fn failed<'a>(r: &'a Report, rule: &str) -> Vec<&'a Finding> {
    r.findings.iter().filter(|f| f.rule == rule && f.status == Status::Failed).collect()
}

/// The columns where this year's carried differs from last year's carry_forward, by the gold.
fn x01_by_gold(prev: &str, cur: &str) -> Vec<String> {
    let (p, c) = (gold(prev), gold(cur));
    COLS.iter()
        .filter(|col| c["cells"][format!("t3/carried/{col}")] != p["cells"][format!("t3/carry_forward/{col}")])
        .map(|col| format!("t3/carried/{col}"))
        .collect()
}

fn x01_cells(r: &Report) -> Vec<String> {
    failed(r, "X01").iter().map(|f| f.cells[0].clone()).collect()
}

#[test]
fn the_real_series_has_no_consecutive_years() {
    let names = ["pingtan-2019", "pingtan-2021", "pingtan-2023", "pingtan-2025"];
    let files: Vec<(String, Vec<u8>)> = names.iter().map(|n| (format!("real/{n}.html"), corpus(&format!("real/{n}.html")))).collect();
    let inputs: Vec<Input> = files.iter().map(|(n, b)| Input::new(n, b)).collect();
    let out = run(&inputs);
    let years: Vec<i64> = names.iter().map(|n| gold(n)["year"].as_i64().unwrap()).collect();
    for (r, n) in out.reports.iter().zip(names) {
        assert!(r.error.is_none(), "{n}: {:?}", r.error);
        assert_eq!(r.agency.as_deref(), Some("平潭综合实验区"), "{n}");
    }
    // What the gold implies: X01 applies only to consecutive years, and there are none.
    assert!(years.windows(2).all(|w| w[1] - w[0] == 2));
    for r in &out.reports {
        assert!(x(r).is_empty(), "{}: {:#?}", r.file, x(r));
    }
}

#[test]
fn consecutive_copies_of_the_series_give_what_the_gold_implies() {
    // Each earlier report moved to the year before the next one: 2019→2020 (v2019 to v2021, X01
    // still holds: both have carried / carry_forward), 2021→2022, 2023→2024.
    let mut fired = 0;
    for (prev, cur) in [(2019, 2021), (2021, 2023), (2023, 2025)] {
        let pf = format!("real/pingtan-{prev}.html");
        let cf = format!("real/pingtan-{cur}.html");
        let moved = as_year(&pf, prev, cur - 1);
        let this = corpus(&cf);
        let out = run(&[Input::new("last.html", &moved), Input::new(&cf, &this)]);
        assert_eq!(out.reports[0].year, Some(cur - 1));
        let r = &out.reports[1];
        let want = x01_by_gold(&format!("pingtan-{prev}"), &format!("pingtan-{cur}"));
        assert_eq!(x01_cells(r), want, "{prev}→{cur}: {:#?}", x(r));
        assert!(!r.findings.iter().any(|f| f.rule == "X01" && f.status == Status::NotAssessable), "{:#?}", x(r));
        // Nothing on the earlier report: cross-year findings go to the later one.
        assert!(x(&out.reports[0]).is_empty());
        for f in failed(r, "X01") {
            assert_eq!(f.severity, Severity::Error);
            assert_eq!(f.related_file.as_deref(), Some("last.html"));
            assert!(f.message(nianbao_check::Lang::Zh).contains("last.html"), "{}", f.message(nianbao_check::Lang::Zh));
        }
        // Two different years' real texts are not copies of each other.
        assert!(failed(r, "X05").is_empty(), "{prev}→{cur}: {:#?}", failed(r, "X05"));
        fired += want.len();
    }
    // 2021 carried one natural-person request forward; 2023 carried none in: natural and total.
    assert_eq!(fired, 2);
}

#[test]
fn a_changed_carried_cell_is_named_with_last_years_value_and_file() {
    let seed = "real/seed-2021-guanqian.txt";
    let last = corpus(seed);
    let this = as_year(seed, 2021, 2022);
    let edits = |v: &[(&str, &str)]| v.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect::<Vec<_>>();
    let pair =
        |e: Vec<(String, String)>| run(&[Input::new("官前乡2021.txt", &last), Input { name: "官前乡2022.txt", bytes: &this, edits: e }]);
    let base = pair(Vec::new());
    assert_eq!(base.reports[1].year, Some(2022));
    assert!(failed(&base.reports[1], "X01").is_empty() && failed(&base.reports[1], "X02").is_empty());
    // The copy is last year's text word for word (X05), its numbers all zero (not called copied).
    let x05 = failed(&base.reports[1], "X05");
    assert_eq!(x05.len(), 1, "{x05:#?}");
    assert!(x05[0].message(nianbao_check::Lang::Zh).contains("与上年报告相同"), "{}", x05[0].message(nianbao_check::Lang::Zh));

    let out = pair(edits(&[("t3/carried/natural", "3")]));
    let new: Vec<&Finding> = x(&out.reports[1]).into_iter().filter(|f| f.rule != "X05").collect();
    assert_eq!(new.len(), 1, "{new:#?}");
    let f = new[0];
    assert_eq!((f.rule, f.severity, f.status), ("X01", Severity::Error, Status::Failed));
    assert_eq!(f.cells[0], "t3/carried/natural");
    assert_eq!((f.expected, f.actual), (Some(0.0), Some(3.0)));
    assert!(
        f.message(nianbao_check::Lang::Zh).contains("结转下年度继续办理（自然人）”为 0")
            && f.message(nianbao_check::Lang::Zh).contains("官前乡2021.txt"),
        "{}",
        f.message(nianbao_check::Lang::Zh)
    );
    assert_eq!(f.related_file.as_deref(), Some("官前乡2021.txt"));

    // X02: in force last year 0 + issued 2 − repealed 0 must be 2.
    let ok = pair(edits(&[("t2/normative/issued", "2"), ("t2/normative/in_force", "2")]));
    assert!(failed(&ok.reports[1], "X02").is_empty());
    let bad = pair(edits(&[("t2/normative/issued", "2"), ("t2/normative/in_force", "5")]));
    let f = failed(&bad.reports[1], "X02");
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].cells, ["t2/normative/in_force", "t2/normative/issued", "t2/normative/repealed"]);
    assert_eq!((f[0].expected, f[0].actual), (Some(2.0), Some(5.0)));
}

#[test]
fn a_copied_report_of_a_busy_office_is_named_by_text_and_numbers() {
    // Shanghai 2025 as 2026, unchanged: text and every t3/t4 number the same (X05 twice), and
    // X01 fails where its carried differs from its own carry_forward (by the gold).
    let f = "real/2025-shanghai-office.md";
    let (a, b) = (corpus(f), as_year(f, 2025, 2026));
    let out = run(&[Input::new("2025.md", &a), Input::new("2026.md", &b)]);
    let r = &out.reports[1];
    assert_eq!(x01_cells(r), x01_by_gold("2025-shanghai-office", "2025-shanghai-office"));
    assert_eq!(x01_cells(r), ["t3/carried/natural", "t3/carried/commercial", "t3/carried/legal", "t3/carried/total"]);
    let x05 = failed(r, "X05");
    assert_eq!(x05.len(), 2, "{x05:#?}");
    assert!(x05.iter().any(|f| f.message(nianbao_check::Lang::Zh).contains("全部数字与上年报告完全相同")));
    // Its t2 rows 规章 and 行政规范性文件 were not read (P03): X02 says it cannot assess them.
    let x02: Vec<&Finding> = r.findings.iter().filter(|f| f.rule == "X02").collect();
    assert_eq!(x02.len(), 2);
    assert!(x02.iter().all(|f| f.status == Status::NotAssessable));
}

#[test]
fn only_the_same_agency_in_consecutive_years_is_paired() {
    let seed = corpus("real/seed-2021-guanqian.txt");
    let sh = corpus("real/2025-shanghai-office.md");
    let two_years_on = as_year("real/seed-2021-guanqian.txt", 2021, 2023);
    let out = run(&[Input::new("a.txt", &seed), Input::new("b.md", &sh), Input::new("c.txt", &two_years_on)]);
    for r in &out.reports {
        assert!(x(r).is_empty(), "{}: {:#?}", r.file, x(r));
    }
    // Given in any order, last year's report is found.
    let next = as_year("real/seed-2021-guanqian.txt", 2021, 2022);
    let out = run(&[Input::new("2022.txt", &next), Input::new("2021.txt", &seed)]);
    assert!(x(&out.reports[1]).is_empty());
    assert!(!x(&out.reports[0]).is_empty(), "the 2022 copy is compared with 2021");
}
