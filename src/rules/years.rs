//! Across years (X): a report against last year's report of the same agency (`Check::Pair`,
//! last year's first). The findings go to this year's report; `lib.rs` names last year's file.
//! Cells named are this report's; last year's cell is named in the message.

use crate::format::{self, Version};
use crate::model::Model;
use crate::report::{Finding, Severity};
use crate::text::heading;
use crate::text::norm;

fn fmt(v: f64) -> String {
    if v.fract() == 0.0 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

/// X01: every t3 column, this year's 上年结转 = last year's 结转下年度继续办理.
pub fn x01(prev: &Model, cur: &Model) -> Vec<Finding> {
    let mut out = Vec::new();
    let mut unassessable = Vec::new();
    for col in format::T3_COLUMNS {
        let here = format::address("t3", "carried", col.key);
        let there = format::address("t3", "carry_forward", col.key);
        match (cur.number(&here), prev.number(&there)) {
            (Some(a), Some(b)) if a != b => {
                let msg = format!(
                    "本年“上年结转（{}）”为 {}，上年报告“结转下年度继续办理（{}）”为 {}：两者应相等",
                    col.label,
                    fmt(a),
                    col.label,
                    fmt(b)
                );
                out.push(Finding::new("X01", Severity::Error, vec![here], msg).values(b, a));
            }
            (Some(_), Some(_)) => {}
            _ => unassessable.push((here, col.label)),
        }
    }
    if !unassessable.is_empty() {
        let names: Vec<&str> = unassessable.iter().map(|(_, l)| *l).collect();
        let msg = format!("{}列：本年的上年结转或上年报告的结转下年度为空白或未能读出，无法核对两年的衔接", names.join("、"));
        out.push(Finding::not_assessable("X01", unassessable.into_iter().map(|(a, _)| a).collect(), msg));
    }
    out
}

/// X02 (v2021): 规章 and 行政规范性文件 in force: last year's + issued − repealed = this year's.
pub fn x02(prev: &Model, cur: &Model) -> Vec<Finding> {
    if prev.version != Version::V2021 || cur.version != Version::V2021 {
        return Vec::new();
    }
    let mut out = Vec::new();
    for (row, name) in [("regulations", "规章"), ("normative", "行政规范性文件")] {
        let a = |c: &str| format::address("t2", row, c);
        let (in_force, issued, repealed) = (a("in_force"), a("issued"), a("repealed"));
        let cells = vec![in_force.clone(), issued.clone(), repealed.clone()];
        match (prev.number(&in_force), cur.number(&issued), cur.number(&repealed), cur.number(&in_force)) {
            (Some(p), Some(i), Some(r), Some(f)) => {
                let expected = p + i - r;
                if expected != f {
                    let msg = format!(
                        "{name}：上年现行有效 {} 件 + 本年制发 {} 件 − 本年废止 {} 件 = {} 件，本年现行有效件数却为 {} 件",
                        fmt(p),
                        fmt(i),
                        fmt(r),
                        fmt(expected),
                        fmt(f)
                    );
                    out.push(Finding::new("X02", Severity::Warning, cells, msg).values(expected, f));
                }
            }
            _ => out.push(Finding::not_assessable(
                "X02",
                cells,
                format!("{name}：本年或上年报告的件数空白或未能读出，无法核对现行有效件数的衔接"),
            )),
        }
    }
    out
}

/// A sentence with its numbers blotted out: a copied sentence with new numbers is still a copy.
fn shape(s: &str) -> String {
    let mut out = String::new();
    for c in norm(s).chars() {
        if c.is_ascii_digit() || (c == '.' || c == ',') && out.ends_with('#') {
            if !out.ends_with('#') {
                out.push('#');
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// The shapes of the running text's sentences worth comparing: sections 一, 五, 六 and the
/// preamble, not headings, not the title, not short lines.
fn text_shapes(m: &Model) -> Vec<String> {
    let title = m.title.as_deref().map(shape);
    m.outline
        .sentences
        .iter()
        .filter(|s| matches!(s.section, 0 | 1 | 5 | 6) && heading(&s.text).is_none())
        .map(|s| shape(&s.text))
        .filter(|s| s.chars().count() >= 12 && Some(s) != title.as_ref())
        .collect()
}

/// X05: this year's text more than half last year's (of at least 8 sentences: a short report is
/// mostly boilerplate), or every table number the same.
pub fn x05(prev: &Model, cur: &Model) -> Vec<Finding> {
    let mut out = Vec::new();
    let (a, b) = (text_shapes(prev), text_shapes(cur));
    if b.len() >= 8 {
        let same = b.iter().filter(|s| a.contains(s)).count();
        if same * 2 > b.len() {
            let msg = format!(
                "本年报告正文 {} 句中有 {} 句（{}%）与上年报告相同（数字除外）：请核对是否照抄了上年的报告",
                b.len(),
                same,
                same * 100 / b.len()
            );
            out.push(Finding::new("X05", Severity::Warning, Vec::new(), msg).values(0.0, same as f64));
        }
    }
    // Every t3 and t4 number the same as last year's, and not all zeros.
    let keys: Vec<&(String, crate::cell::CellValue)> =
        cur.cells.iter().filter(|(k, _)| k.starts_with("t3/") || k.starts_with("t4/")).collect();
    let pairs: Vec<(f64, Option<f64>)> = keys.iter().filter_map(|(k, v)| v.number().map(|x| (x, prev.number(k)))).collect();
    let full = cur.shape.table("t3").map_or(0, |t| t.rows.len() * 7) + 15;
    if pairs.len() == full && pairs.iter().all(|(x, y)| Some(*x) == *y) && pairs.iter().any(|(x, _)| *x != 0.0) {
        let cells: Vec<String> = keys.iter().map(|(k, _)| k.clone()).collect();
        let msg = "表三、表四的全部数字与上年报告完全相同：请核对是否照抄了上年的数据".to_string();
        out.push(Finding::new("X05", Severity::Warning, cells, msg));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_blot_numbers() {
        assert_eq!(shape("全年共收到申请 1,295 件，占 17.46%"), shape("全年共收到申请 70 件，占 5%"));
        assert_ne!(shape("全年共收到申请 70 件"), shape("全年共办结申请 70 件"));
    }
}
