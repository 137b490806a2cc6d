//! Every corpus report, in every form the readers support, against its hand-checked gold values.

mod common;
use common::*;
use nianbao_check::{Severity, Status};

/// Forms read with every gold cell equal (value and state).
const EXACT: &[(&str, &str)] = &[("real/seed-2021-guanqian.txt", "seed-2021-guanqian")];

/// Text pulled out of PDFs with cells displaced or lost: read as far as it honestly goes.
/// (file, gold, the least share of gold cells that must be right)
const PARTIAL: &[(&str, &str, f64)] =
    &[("real/2025-shanghai-office.md", "2025-shanghai-office", 0.9), ("real/2025-shuyang-county.md", "2025-shuyang-county", 0.9)];

#[test]
fn exact_forms_match_gold_in_every_cell() {
    let mut compared = 0;
    for (file, g) in EXACT {
        let gold = gold(g);
        let r = check(file);
        assert!(r.error.is_none(), "{file}: {:?}", r.error);
        assert_eq!(r.version.map(|v| v.as_str()), gold["version"].as_str(), "{file} version");
        assert_eq!(r.year, gold["year"].as_i64().map(|y| y as i32), "{file} year");
        let c = compare(&r, &gold);
        assert!(c.wrong.is_empty() && c.missing.is_empty(), "{file}: wrong {:#?} missing {:?}", c.wrong, c.missing);
        compared += c.right;
    }
    println!("gold cells compared and equal: {compared}");
    assert!(compared >= 200);
}

#[test]
fn pdf_text_is_read_honestly() {
    for (file, g, least) in PARTIAL {
        let gold = gold(g);
        let r = check(file);
        assert!(r.error.is_none(), "{file}: {:?}", r.error);
        let c = compare(&r, &gold);
        let share = c.share_without_false(file);
        assert!(share >= *least, "{file}: only {share:.3} of gold cells right; missing {:?}", c.missing);
        // Every cell not read is named by a doubt finding: unknown is shown as unknown.
        for m in &c.missing {
            assert!(r.findings.iter().any(|f| f.rule == "P03" && f.cells.contains(m)), "{file}: {m} missing without P03");
        }
    }
}

#[test]
fn consistent_real_reports_have_no_error_finding() {
    for (file, _) in EXACT.iter().chain(PARTIAL.iter().map(|(f, g, _)| (*f, *g)).collect::<Vec<_>>().iter()) {
        let r = check(file);
        let errors: Vec<_> = r.findings.iter().filter(|f| f.severity == Severity::Error && f.status == Status::Failed).collect();
        assert!(errors.is_empty(), "{file}: {errors:#?}");
    }
}

#[test]
fn old_format_is_refused_with_a_reason() {
    let r = check("real/pingtan-2013-oldformat.txt");
    let e = r.error.expect("refused");
    assert_eq!(e.code(), "old_format");
    assert!(e.to_string().contains("2019年以前的旧格式"), "{e}");
    assert!(r.cells.is_empty() && r.findings.is_empty());
}

#[test]
fn tables_published_as_pictures_are_named_not_called_unfinished() {
    let r = check("refuse/pingtan-2023.tables-as-images.html");
    let e = r.error.expect("refused");
    assert_eq!(e.code(), "tables_as_pictures");
    for name in ["表二（0.png）", "表三（1.png）", "表四（2.png）"] {
        assert!(e.to_string().contains(name), "the pictures are named: {e}");
    }
    assert!(e.to_string().contains("Word") && e.to_string().contains("PDF"), "the attachment is asked for: {e}");
    assert!(!e.to_string().contains("加载完"), "not 'saved too early': {e}");
}

/// The article alone, as copied out of a CMS: no <html>, <head> or <body>, maybe named .txt.
#[test]
fn an_html_fragment_is_read_as_html_whatever_its_name() {
    for (file, g) in [("real/pingtan-2021.html", "pingtan-2021"), ("real/2023-shuyang-fgj.html", "2023-shuyang-fgj")] {
        let page = String::from_utf8(corpus(file)).unwrap();
        let at = page.find("一、总体情况").expect("the article");
        let start = page[..at].rfind("<p").or_else(|| page[..at].rfind("<div")).expect("a block before it");
        let end = page.rfind("</table>").expect("the tables") + "</table>".len();
        let fragment = &page[start..end];
        assert!(!fragment.contains("<html") && !fragment.contains("<body") && !fragment.contains("<head"), "{file}: a fragment");
        let r = nianbao_check::check_bytes("正文.txt", fragment.as_bytes(), &nianbao_check::Options::default());
        assert!(r.error.is_none(), "{file}: {:?}", r.error);
        assert_eq!(r.input, Some("html"), "{file}: told by its tags");
        let c = compare(&r, &gold(g));
        assert!(c.wrong.is_empty() && c.missing.is_empty(), "{file}: wrong {:?} missing {:?}", c.wrong, c.missing);
    }
}
