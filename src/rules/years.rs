//! Across years (X): a report against last year's report of the same agency (`Check::Pair`,
//! last year's first). The findings go to this year's report; `lib.rs` names last year's file.
//! Cells named are this report's; last year's cell is named in the message.

use super::{How, Rule};
use crate::format::{self, Named, Version};
use crate::model::Model;
use crate::report::{Finding, Severity};
use crate::says::Says;
use crate::text::heading;
use crate::text::norm;

/// X01: every t3 column, this year's 上年结转 = last year's 结转下年度继续办理.
pub fn x01(prev: &Model, cur: &Model, rule: &'static Rule) -> Vec<Finding> {
    let mut out = Vec::new();
    let mut unassessable = Vec::new();
    for col in format::T3_COLUMNS {
        let here = format::address("t3", "carried", col.key);
        let there = format::address("t3", "carry_forward", col.key);
        match (cur.number(&here), prev.number(&there)) {
            (Some(a), Some(b)) if a != b => {
                let says = Says::CarriedDiffers { column: format::column_name("t3", "carried", col), here: a, there: b };
                out.push(Finding::new(rule, vec![here], says).values(b, a));
            }
            (Some(_), Some(_)) => {}
            _ => unassessable.push((here, format::column_name("t3", "carried", col))),
        }
    }
    if !unassessable.is_empty() {
        let (cells, columns) = unassessable.into_iter().unzip();
        out.push(Finding::not_assessable(rule, cells, Says::CarriedNotAssessable { columns }));
    }
    out
}

/// X02 (v2021): 规章 and 行政规范性文件 in force: last year's + issued − repealed = this year's.
pub fn x02(prev: &Model, cur: &Model, rule: &'static Rule) -> Vec<Finding> {
    if prev.version != Version::V2021 || cur.version != Version::V2021 {
        return Vec::new();
    }
    let mut out = Vec::new();
    for (row, name) in [("regulations", "规章"), ("normative", "行政规范性文件")] {
        let a = |c: &str| format::address("t2", row, c);
        let (in_force, issued, repealed) = (a("in_force"), a("issued"), a("repealed"));
        let cells = vec![in_force.clone(), issued.clone(), repealed.clone()];
        let row_name = Named::new(name, format::row_en("t2", row));
        match (prev.number(&in_force), cur.number(&issued), cur.number(&repealed), cur.number(&in_force)) {
            (Some(p), Some(i), Some(r), Some(f)) => {
                let expected = p + i - r;
                if expected != f {
                    let says = Says::InForceDiffers { row: row_name, prev: p, issued: i, repealed: r, expected, now: f };
                    out.push(Finding::new(rule, cells, says).values(expected, f));
                }
            }
            _ => out.push(Finding::not_assessable(rule, cells, Says::InForceNotAssessable { row: row_name })),
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
pub fn x05(prev: &Model, cur: &Model, rule: &'static Rule) -> Vec<Finding> {
    let mut out = Vec::new();
    let (a, b) = (text_shapes(prev), text_shapes(cur));
    if b.len() >= 8 {
        let same = b.iter().filter(|s| a.contains(s)).count();
        if same * 2 > b.len() {
            out.push(Finding::new(rule, Vec::new(), Says::TextCopied { sentences: b.len(), same }).values(0.0, same as f64));
        }
    }
    // Every t3 and t4 number the same as last year's, and not all zeros.
    let keys: Vec<&(String, crate::cell::CellValue)> =
        cur.cells.iter().filter(|(k, _)| k.starts_with("t3/") || k.starts_with("t4/")).collect();
    let pairs: Vec<(f64, Option<f64>)> = keys.iter().filter_map(|(k, v)| v.number().map(|x| (x, prev.number(k)))).collect();
    let full = cur.shape.table("t3").map_or(0, |t| t.rows.len() * 7) + 15;
    if pairs.len() == full && pairs.iter().all(|(x, y)| Some(*x) == *y) && pairs.iter().any(|(x, _)| *x != 0.0) {
        let cells: Vec<String> = keys.iter().map(|(k, _)| k.clone()).collect();
        out.push(Finding::new(rule, cells, Says::NumbersCopied));
    }
    out
}

// ───────────────────────────── the rules ─────────────────────────────

pub const X01: Rule = Rule {
    id: "X01",
    severity: Severity::Error,
    title: "上年结转与上年报告的结转下年度一致",
    checks: "同一机关相邻两年的报告：本年表三每一列的“上年结转”等于上年报告同一列的“结转下年度继续办理”（2019 年版接 2021 年版同样核对）。",
    why: "上年没办完转到今年的申请，两份报告说的是同一批件，数量必须相同。",
    example: "2021 年报告结转下年度 1 件，2022 年报告上年结转却填 0。",
    how: How::Pair(x01),
};

pub const X02: Rule = Rule {
    id: "X02",
    severity: Severity::Warning,
    title: "现行有效件数与上年衔接",
    checks: "2021 年版表二，规章和行政规范性文件：上年现行有效 + 本年制发 − 本年废止 = 本年现行有效。",
    why: "现行有效件数是逐年累计的存量，对不上多半是漏报了废止或统计口径变了。",
    example: "上年现行有效 698 件，本年制发 77、废止 132，本年现行有效应为 643，表中为 470。",
    how: How::Pair(x02),
};

pub const X05: Rule = Rule {
    id: "X05",
    severity: Severity::Warning,
    title: "不照抄上年报告",
    checks: "本年正文一半以上的句子与上年相同（数字除外），或表三、表四的数字与上年完全相同（且不全为 0）。",
    why: "照抄上年报告的，内容和数字往往都没有如实更新。",
    example: "两年的“存在的主要问题及改进情况”一字不差，只改了年份。",
    how: How::Pair(x05),
};

/// This family's rules, for the catalogue.
pub const RULES: &[&Rule] = &[&X01, &X02, &X05];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_blot_numbers() {
        assert_eq!(shape("全年共收到申请 1,295 件，占 17.46%"), shape("全年共收到申请 70 件，占 5%"));
        assert_ne!(shape("全年共收到申请 70 件"), shape("全年共办结申请 70 件"));
    }
}
