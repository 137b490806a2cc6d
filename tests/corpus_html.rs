//! Every saved portal page of the corpus, UTF-8 as saved and re-encoded as GBK, against its gold.

mod common;
use common::*;
use nianbao_check::Status;
use std::collections::BTreeSet;

const REPORTS: &[&str] = &["2023-shuyang-fgj", "pingtan-2019", "pingtan-2021", "pingtan-2023", "pingtan-2025"];

fn pages() -> Vec<(String, &'static str)> {
    REPORTS.iter().flat_map(|g| [(format!("real/{g}.html"), *g), (format!("derived/{g}.gbk.html"), *g)]).collect()
}

#[test]
fn every_saved_page_matches_gold_in_every_cell() {
    let (mut compared, mut gold_total) = (0, 0);
    for (file, g) in pages() {
        let gold = gold(g);
        let r = check(&file);
        assert!(r.error.is_none(), "{file}: {:?}", r.error);
        assert_eq!(r.input, Some("html"), "{file}");
        assert_eq!(r.version.map(|v| v.as_str()), gold["version"].as_str(), "{file} version");
        assert_eq!(r.year, gold["year"].as_i64().map(|y| y as i32), "{file} year");
        assert_eq!(r.title.as_deref(), gold["title"].as_str(), "{file} title");
        let c = compare(&r, &gold);
        assert!(c.wrong.is_empty() && c.missing.is_empty(), "{file}: wrong {:#?} missing {:?}", c.wrong, c.missing);
        assert_eq!(c.right, c.total);
        println!("{file}: {} gold cells equal", c.right);
        compared += c.right;
        gold_total += c.total;
    }
    println!("gold cells compared and equal over {} pages: {compared}", pages().len());
    assert_eq!(compared, gold_total);
    assert!(compared > 1900, "the corpus shrank: {compared}");
}

#[test]
fn consistent_pages_have_no_error_finding() {
    for (file, g) in pages() {
        let gold = gold(g);
        let expected = gold["expected_findings"].as_array().map_or(0, Vec::len);
        let r = check(&file);
        assert_eq!(expected, 0, "{file}: the corpus now lists expected findings; compare them here");
        assert!(errors(&r).is_empty(), "{file}: {:#?}", errors(&r));
    }
}

/// The segment of the addresses `t3/<row>/<column>` that all cells of a finding share.
fn common_part(cells: &[String], idx: usize) -> Option<String> {
    let parts: BTreeSet<&str> = cells.iter().filter_map(|c| c.split('/').nth(idx)).collect();
    (parts.len() == 1).then(|| parts.into_iter().next().unwrap_or_default().to_string())
}

/// "T3-02 not assessable for commercial, research, social" in the gold's notes.
fn listed(notes: &str, rule: &str) -> BTreeSet<String> {
    let key = format!("{rule} not assessable for ");
    let at = notes.find(&key).unwrap_or_else(|| panic!("gold notes name {rule}")) + key.len();
    let list = notes[at..].split([';', '\n']).next().unwrap_or("").trim().trim_end_matches('.');
    list.split(',').map(|s| s.trim().to_string()).collect()
}

#[test]
fn blank_legal_person_columns_are_not_assessable_and_named() {
    let gold = gold("2023-shuyang-fgj");
    let notes = gold["notes"].as_str().expect("notes");
    for file in ["real/2023-shuyang-fgj.html", "derived/2023-shuyang-fgj.gbk.html"] {
        let r = check(file);
        assert!(errors(&r).is_empty(), "{file}: {:#?}", errors(&r));
        let na: Vec<_> = r.findings.iter().filter(|f| f.status == Status::NotAssessable).collect();
        let instances = |rule: &str, idx: usize| -> BTreeSet<String> {
            na.iter().filter(|f| f.rule == rule).filter_map(|f| common_part(&f.cells, idx)).collect()
        };
        let rows = instances("T3-01", 1);
        assert_eq!(rows.len(), 25, "{file}: T3-01 for every row");
        assert_eq!(rows, listed(notes, "T3-01"), "{file}");
        assert_eq!(instances("T3-02", 2), listed(notes, "T3-02"), "{file}");
        assert_eq!(instances("T3-03", 2), listed(notes, "T3-03"), "{file}");
        assert_eq!(na.len(), 35, "{file}: no other rule is unassessable: {:#?}", na.iter().map(|f| f.rule).collect::<Vec<_>>());
        // Each not-assessable finding names a blank cell of the five 法人 columns.
        for f in &na {
            let blank = f.cells.iter().find(|c| r.cell(c).is_some_and(|v| v.state == nianbao_check::cell::CellState::Blank));
            let col = blank.and_then(|c| c.rsplit('/').next()).unwrap_or("");
            assert!(["commercial", "research", "social", "legal", "other"].contains(&col), "{file}: {} names {:?}", f.rule, f.cells);
            assert!(f.message(nianbao_check::Lang::Zh).contains("空白"), "{file}: {}", f.message(nianbao_check::Lang::Zh));
        }
    }
}

#[test]
fn pingtan_2019_is_the_2019_format() {
    for file in ["real/pingtan-2019.html", "derived/pingtan-2019.gbk.html"] {
        let r = check(file);
        assert_eq!(r.version.map(|v| v.as_str()), Some("v2019"), "{file}");
        let t2: Vec<_> = r.cells.iter().filter(|(a, _)| a.starts_with("t2/")).collect();
        assert_eq!(t2.len(), 22, "{file}");
        let amount = r.cell("t2/procurement/amount").expect("采购总金额");
        assert_eq!(amount.raw.trim(), "75394432.52元", "{file}");
        assert_eq!(amount.value, Some(75394432.52), "{file}");
    }
}

#[test]
fn gbk_pages_read_like_their_utf8_originals() {
    for g in REPORTS {
        let a = check(&format!("real/{g}.html"));
        let b = check(&format!("derived/{g}.gbk.html"));
        assert_eq!(a.cells, b.cells, "{g}");
        assert_eq!(a.title, b.title, "{g}");
        assert_eq!(a.findings.len(), b.findings.len(), "{g}");
    }
}
