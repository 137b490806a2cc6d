//! What every fuzz target checks, and the generators of the structure-aware targets.
//!
//! A reader must end with a document or a Chinese error, never a panic (a panic is a crash for
//! libFuzzer); stay within the budget (run under `budget::scope`, whose limits bound the memory;
//! libFuzzer's `-rss_limit_mb` and `-malloc_limit_mb`, set by `scripts/fuzz.sh`, catch what the
//! budget would miss); and be quick (`-timeout`). Debug assertions are on in fuzz builds, so the
//! PDF reader's check that hayro-syntax never rebuilt a prepared file's cross references runs.

use nianbao_check::budget::{self, Limits};
use nianbao_check::document::Document;
use nianbao_check::{recognise, ReadError, Report};

pub mod html_tables;
pub mod pdf_content;

fn chinese(s: &str) -> bool {
    s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

/// An operational error names what is wrong in Chinese.
pub fn error_ok(e: &ReadError) {
    assert!(chinese(&e.message), "not a Chinese message: {e:?}");
    assert!(!e.code.is_empty());
}

/// A report: an error and nothing else, or cells and findings with Chinese messages.
pub fn report_ok(r: &Report) {
    match &r.error {
        Some(e) => {
            error_ok(e);
            assert!(r.cells.is_empty() && r.findings.is_empty(), "a failed report has no cells");
        }
        None => {
            for f in &r.findings {
                assert!(chinese(&f.message), "{f:?}");
            }
        }
    }
}

/// Runs a reader under a fresh default budget, then recognition on what it read: each ends in a
/// value or a Chinese error, and the budget's limits hold.
pub fn reader(read: impl FnOnce() -> Result<Document, ReadError>) {
    let (out, end) = budget::scope(Limits::DEFAULT, || {
        let doc = read()?;
        recognise::recognise(&doc).map(|_| ())
    });
    if let Err(e) = &out {
        error_ok(e);
    }
    for r in budget::RESOURCES {
        assert!(end.tripped.is_some() || end.spent.get(r) <= Limits::DEFAULT.get(r), "{} over its limit", r.as_str());
    }
    // A budget that ran out ends the read with its error, whatever the reader had made by then.
    if end.tripped.is_some() {
        assert_eq!(out.err().map(|e| e.code), Some("too_complex"));
    }
}

/// The report's words: row labels, group and column labels, section headings, of both formats.
pub fn labels() -> &'static [String] {
    use nianbao_check::format::{self, Version};
    static LABELS: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    LABELS.get_or_init(|| {
        let mut v: Vec<String> = [
            "二、主动公开政府信息情况",
            "三、收到和处理政府信息公开申请情况",
            "四、政府信息公开行政复议、行政诉讼情况",
            "五、存在的主要问题及改进情况",
            "信息内容",
            "申请人情况",
            "法人或其他组织",
            "行政复议",
            "行政诉讼",
            "未经复议直接起诉",
            "复议后起诉",
            "某某县人民政府2023年政府信息公开工作年度报告",
            "本报告中所列数据的统计期限为2023年1月1日至12月31日。",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        for version in [Version::V2019, Version::V2021] {
            for t in format::tables(version) {
                for r in t.rows {
                    v.push(r.label.to_string());
                    v.extend(r.group.map(str::to_string));
                    for c in r.columns {
                        v.push(c.label.to_string());
                    }
                }
            }
        }
        v.sort();
        v.dedup();
        v
    })
}
