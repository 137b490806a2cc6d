//! Cell rules (C01–C06) and t2 rules (T2-01..03) on generated reports of both formats: each rule
//! fails on its case and passes on the consistent report.

mod common;
use common::*;
use nianbao_check::format::Version;
use nianbao_check::{check_bytes, Finding, Options, Report, Severity};

fn report(version: Version, change: &[(&str, &str)]) -> Report {
    let year = if version == Version::V2021 { 2022 } else { 2020 };
    let mut vals = consistent(version, 7);
    for (a, raw) in change {
        assert!(vals.insert(a.to_string(), raw.to_string()).is_some(), "{a}");
    }
    let text = synth(version, year, &|a| vals[a].clone());
    check_bytes("synth.txt", text.as_bytes(), &Options::default())
}

fn of<'a>(r: &'a Report, rule: &str) -> Vec<&'a Finding> {
    r.findings.iter().filter(|f| f.rule == rule).collect()
}

#[test]
fn consistent_reports_of_both_formats_have_no_finding() {
    for v in [Version::V2021, Version::V2019] {
        let r = report(v, &[]);
        assert!(r.error.is_none(), "{:?}", r.error);
        assert_eq!(r.version, Some(v));
        assert_eq!(r.cells.len(), if v == Version::V2021 { 200 } else { 198 });
        assert!(r.findings.is_empty(), "{v:?}: {:#?}", r.findings);
    }
}

#[test]
fn c01_negative_fraction_and_text_counts() {
    let r = report(Version::V2021, &[("t4/review/pending", "-1")]);
    assert_eq!(of(&r, "C01")[0].cells, ["t4/review/pending"]);
    let r = report(Version::V2021, &[("t2/licensing/decisions", "2.5")]);
    assert_eq!(of(&r, "C01")[0].cells, ["t2/licensing/decisions"]);
    let r = report(Version::V2021, &[("t2/penalty/decisions", "未统计")]);
    let f = of(&r, "C01");
    assert_eq!(f[0].severity, Severity::Error);
    assert!(f[0].message(nianbao_check::Lang::Zh).contains("未统计"));
}

#[test]
fn c02_lists_blanks_and_placeholders_per_table() {
    let r = report(Version::V2021, &[("t2/penalty/decisions", "/"), ("t2/coercion/decisions", "")]);
    let f = of(&r, "C02");
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].cells, ["t2/penalty/decisions", "t2/coercion/decisions"]);
}

#[test]
fn c03_fee_amount_in_wan_yuan() {
    for (raw, word) in [("251000元", "单位"), ("24252.311082", "6 位小数"), ("99999999", "不合常理")] {
        let r = report(Version::V2021, &[("t2/fees/amount", raw)]);
        let f = of(&r, "C03");
        assert_eq!(f.len(), 1, "{raw}");
        assert!(f[0].message(nianbao_check::Lang::Zh).contains(word), "{}", f[0].message(nianbao_check::Lang::Zh));
    }
    assert!(of(&report(Version::V2021, &[("t2/fees/amount", "96171.6")]), "C03").is_empty());
}

#[test]
fn c05_v2019_change_and_procurement_unit() {
    let r = report(Version::V2019, &[("t2/licensing/change", "+12")]);
    assert!(of(&r, "C05").is_empty(), "a signed change is right");
    assert_eq!(r.cell("t2/licensing/change").unwrap().value, Some(12.0));
    let r = report(Version::V2019, &[("t2/licensing/change", "1.5")]);
    assert_eq!(of(&r, "C05")[0].cells, ["t2/licensing/change"]);
    let r = report(Version::V2019, &[("t2/procurement/amount", "251000")]);
    assert!(of(&r, "C05")[0].message(nianbao_check::Lang::Zh).contains("单位"));
}

#[test]
fn c06_several_numbers_or_words_around_one() {
    let r = report(Version::V2021, &[("t2/normative/repealed", "55（含自然失效29件）")]);
    let f = of(&r, "C06");
    assert_eq!(f[0].severity, Severity::Doubt);
    assert_eq!(r.cell("t2/normative/repealed").unwrap().value, Some(55.0));
    let r = report(Version::V2021, &[("t3/new/legal", "2 0")]);
    assert_eq!(of(&r, "C06")[0].cells, ["t3/new/legal"]);
    assert!(of(&r, "C01").is_empty(), "a doubtful reading is not called a wrong value");
}

#[test]
fn t2_rules() {
    let r = report(Version::V2021, &[("t2/normative/issued", "5"), ("t2/normative/in_force", "0")]);
    assert_eq!(of(&r, "T2-01")[0].cells, ["t2/normative/in_force", "t2/normative/issued"]);
    let r = report(Version::V2019, &[("t2/regulations/published", "70"), ("t2/regulations/public_total", "8")]);
    assert!(of(&r, "T2-02").iter().any(|f| f.cells == ["t2/regulations/public_total", "t2/regulations/published"]));
    let r = report(Version::V2019, &[("t2/penalty/prev_items", "10"), ("t2/penalty/change", "-12")]);
    let f = of(&r, "T2-03");
    assert_eq!(f[0].cells, ["t2/penalty/change", "t2/penalty/prev_items"]);
    assert_eq!(f[0].severity, Severity::Error);
    assert!(of(&report(Version::V2019, &[("t2/penalty/prev_items", "10"), ("t2/penalty/change", "-10")]), "T2-03").is_empty());
}

#[test]
fn s02_old_tables_in_a_new_year() {
    let vals = consistent(Version::V2019, 3);
    let text = synth(Version::V2019, 2022, &|a| vals[a].clone());
    let r = check_bytes("x.txt", text.as_bytes(), &Options::default());
    let f = of(&r, "S02");
    assert_eq!(f.len(), 1);
    assert!(f[0].message(nianbao_check::Lang::Zh).contains("未按照新格式"), "{}", f[0].message(nianbao_check::Lang::Zh));
}

/// Adds `delta` to a t3 result cell and keeps every balance: the row total, the results total and
/// the new applications grow with it.
fn bump(vals: &mut std::collections::HashMap<String, String>, row: &str, col: &str, delta: i64) {
    for a in [
        format!("t3/{row}/{col}"),
        format!("t3/{row}/total"),
        format!("t3/results_total/{col}"),
        "t3/results_total/total".into(),
        format!("t3/new/{col}"),
        "t3/new/total".into(),
    ] {
        let v: i64 = vals[&a].parse().unwrap();
        vals.insert(a, (v + delta).to_string());
    }
}

#[test]
fn p01_a_split_number_is_joined_when_the_sum_closes() {
    let mut vals = consistent(Version::V2021, 11);
    let now: i64 = vals["t3/granted/legal"].parse().unwrap();
    bump(&mut vals, "granted", "legal", 20 - now);
    let text = synth(Version::V2021, 2022, &|a| vals[a].clone());
    assert!(check_bytes("a.txt", text.as_bytes(), &Options::default()).findings.is_empty());
    // The extraction split 20 into two cells.
    let line = text.lines().find(|l| l.contains("（一）予以公开")).unwrap();
    let mut f: Vec<&str> = line.split('\t').collect();
    let legal = f.len() - 3;
    assert_eq!(f[legal], "20");
    f.splice(legal..legal + 1, ["2", "0"]);
    let broken = text.replace(line, &f.join("\t"));
    let r = check_bytes("b.txt", broken.as_bytes(), &Options::default());
    let p01 = of(&r, "P01");
    assert_eq!(p01.len(), 1, "{:#?}", r.findings);
    assert_eq!(p01[0].severity, Severity::Doubt);
    assert_eq!(p01[0].cells[0], "t3/granted/legal");
    assert_eq!(r.cell("t3/granted/legal").unwrap().value, Some(20.0));
    assert!(!r.has_error_finding());
    // When no join closes the sum, the row is not read (P03), never shifted.
    let f2: Vec<&str> = line.split('\t').collect();
    let mut g = f2.clone();
    g.insert(legal, "7");
    let r = check_bytes("c.txt", text.replace(line, &g.join("\t")).as_bytes(), &Options::default());
    assert!(of(&r, "P01").is_empty());
    assert!(of(&r, "P03").iter().any(|f| f.cells.contains(&"t3/granted/natural".to_string())));
    assert!(r.cell("t3/granted/natural").is_none());
}

#[test]
fn a_blank_total_column_is_not_assessable_not_wrong() {
    let vals = consistent(Version::V2021, 5);
    let text =
        synth(Version::V2021, 2022, &|a| if a.starts_with("t3/") && a.ends_with("/total") { String::new() } else { vals[a].clone() });
    let r = check_bytes("x.txt", text.as_bytes(), &Options::default());
    assert!(!r.has_error_finding(), "{:#?}", r.findings);
    let na: Vec<_> = r.findings.iter().filter(|f| f.status == nianbao_check::Status::NotAssessable).collect();
    // T3-01 in each of the 25 rows, T3-02 and T3-03 in the total column.
    assert_eq!(na.iter().filter(|f| f.rule == "T3-01").count(), 25);
    assert_eq!(na.iter().filter(|f| f.rule == "T3-02").count(), 1);
    assert_eq!(na.iter().filter(|f| f.rule == "T3-03").count(), 1);
    for f in &na {
        assert!(f.cells[0].ends_with("/total"), "the blank cell first: {f:?}");
        assert!(f.message(nianbao_check::Lang::Zh).contains("空白"), "{}", f.message(nianbao_check::Lang::Zh));
    }
    assert_eq!(of(&r, "C02")[0].cells.len(), 25);
}
