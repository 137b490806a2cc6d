//! Sum rules as data: each is a balance `Σ lhs = Σ rhs`, stated once and applied along every row
//! (or column) of a table. One engine reads them all; a new sum rule is one entry here and one
//! test. A balance whose cells are not all numbers is *not assessable*, never passed.

use crate::format::{self, Shape};
use crate::model::Model;
use crate::report::{Finding, Severity};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Along {
    /// The balance holds in each row; `lhs`/`rhs` name columns.
    Rows,
    /// The balance holds in each column; `lhs`/`rhs` name rows (`denied.*` names a group).
    Columns,
}

#[derive(Debug)]
pub struct Sum {
    pub id: &'static str,
    pub table: &'static str,
    pub along: Along,
    /// Only these rows (or columns); `None` for all.
    pub lines: Option<&'static [&'static str]>,
    pub lhs: &'static [&'static str],
    pub rhs: &'static [&'static str],
    /// The message; `{line}` is the row or column, `{lhs}` and `{rhs}` the two sums.
    pub says: &'static str,
}

const APPLICANTS: &[&str] = &["natural", "commercial", "research", "social", "legal", "other"];
const T4_PARTS: &[&str] = &["upheld", "corrected", "other", "pending"];

pub const SUMS: &[Sum] = &[
    Sum {
        id: "T3-01",
        table: "t3",
        along: Along::Rows,
        lines: None,
        lhs: &["total"],
        rhs: APPLICANTS,
        says: "{line}：总计应为 {rhs}（自然人与各类法人或其他组织之和），表中为 {lhs}",
    },
    Sum {
        id: "T3-02",
        table: "t3",
        along: Along::Columns,
        lines: None,
        lhs: &["results_total"],
        rhs: &["granted", "partial", "denied.*", "unable.*", "rejected.*", "other", "other.*"],
        says: "{line}列：（七）总计应为 {rhs}（各项办理结果之和），表中为 {lhs}",
    },
    Sum {
        id: "T3-03",
        table: "t3",
        along: Along::Columns,
        lines: None,
        lhs: &["new", "carried"],
        rhs: &["results_total", "carry_forward"],
        says: "{line}列：本年新收加上年结转为 {lhs}，应等于办理结果总计加结转下年度 {rhs}（表中勾稽关系：第一项加第二项之和，等于第三项加第四项之和）",
    },
    Sum {
        id: "T4-01",
        table: "t4",
        along: Along::Rows,
        lines: Some(&["review"]),
        lhs: &["total"],
        rhs: T4_PARTS,
        says: "{line}：总计应为 {rhs}（结果维持、结果纠正、其他结果、尚未审结之和），表中为 {lhs}",
    },
    Sum {
        id: "T4-02",
        table: "t4",
        along: Along::Rows,
        lines: Some(&["suit_direct"]),
        lhs: &["total"],
        rhs: T4_PARTS,
        says: "{line}：总计应为 {rhs}（结果维持、结果纠正、其他结果、尚未审结之和），表中为 {lhs}",
    },
    Sum {
        id: "T4-03",
        table: "t4",
        along: Along::Rows,
        lines: Some(&["suit_after_review"]),
        lhs: &["total"],
        rhs: T4_PARTS,
        says: "{line}：总计应为 {rhs}（结果维持、结果纠正、其他结果、尚未审结之和），表中为 {lhs}",
    },
];

pub fn sum(id: &str) -> &'static Sum {
    SUMS.iter().find(|s| s.id == id).expect("every sum rule id is in SUMS")
}

/// `denied.*` matches `denied.secret` …; other keys match themselves.
fn key_matches(pattern: &str, key: &str) -> bool {
    match pattern.strip_suffix(".*") {
        Some(prefix) => key.strip_prefix(prefix).is_some_and(|r| r.starts_with('.')),
        None => pattern == key,
    }
}

/// One instance of a balance: its line's name and the addresses on each side.
pub struct Instance {
    pub line: String,
    pub lhs: Vec<String>,
    pub rhs: Vec<String>,
}

pub fn instances(s: &Sum, shape: Shape) -> Vec<Instance> {
    let Some(table) = shape.table(s.table) else { return Vec::new() };
    let in_lines = |k: &str| s.lines.is_none_or(|l| l.contains(&k));
    let pick = |pats: &[&str], keys: &[&'static str]| -> Vec<&'static str> {
        // Keep the table's order, so cells are listed as they stand in the table.
        keys.iter().copied().filter(|k| pats.iter().any(|p| key_matches(p, k))).collect()
    };
    match s.along {
        Along::Rows => table
            .rows
            .iter()
            .filter(|r| in_lines(r.key))
            .map(|r| {
                let cols: Vec<&'static str> = r.columns.iter().map(|c| c.key).collect();
                Instance {
                    line: r.short.to_string(),
                    lhs: pick(s.lhs, &cols).iter().map(|c| format::address(table.id, r.key, c)).collect(),
                    rhs: pick(s.rhs, &cols).iter().map(|c| format::address(table.id, r.key, c)).collect(),
                }
            })
            .collect(),
        Along::Columns => {
            let rows: Vec<&'static str> = table.rows.iter().map(|r| r.key).collect();
            let cols = table.rows.first().map(|r| r.columns).unwrap_or(&[]);
            cols.iter()
                .filter(|c| in_lines(c.key))
                .map(|c| Instance {
                    line: c.label.to_string(),
                    lhs: pick(s.lhs, &rows).iter().map(|r| format::address(table.id, r, c.key)).collect(),
                    rhs: pick(s.rhs, &rows).iter().map(|r| format::address(table.id, r, c.key)).collect(),
                })
                .collect()
        }
    }
}

/// The value a balance reads from a cell: a number; a blank as 0 only when asked.
pub fn read(m: &Model, addr: &str, blanks_as_zero: bool) -> Option<f64> {
    let c = m.get(addr)?;
    match c.state {
        crate::cell::CellState::Number => c.value,
        crate::cell::CellState::Blank if blanks_as_zero => Some(0.0),
        _ => None,
    }
}

/// Cells that cannot be read as numbers, named for a not-assessable message.
pub fn unreadable(m: &Model, cells: &[String], blanks_as_zero: bool) -> Vec<String> {
    cells.iter().filter(|a| read(m, a, blanks_as_zero).is_none()).cloned().collect()
}

pub fn not_assessable(rule: &'static str, m: &Model, line: &str, cells: Vec<String>, bad: Vec<String>) -> Finding {
    let names: Vec<String> = bad.iter().take(4).map(|a| why_unreadable(m, a)).collect();
    let more = if bad.len() > 4 { format!("等 {} 个单元格", bad.len()) } else { String::new() };
    let mut ordered = bad.clone();
    ordered.extend(cells.into_iter().filter(|c| !bad.contains(c)));
    Finding::not_assessable(rule, ordered, format!("{line}：{}{more}，这项勾稽关系无法核对（空白不等于 0）", names.join("，")))
}

/// "商业企业列为空白", "…为“abc”，不是数字", "…未能读出".
pub fn why_unreadable(m: &Model, addr: &str) -> String {
    let name = m.describe(addr);
    match m.get(addr) {
        None => format!("{name}未能读出"),
        Some(c) => match c.state {
            crate::cell::CellState::Blank => format!("{name}为空白"),
            crate::cell::CellState::Na => format!("{name}填的是“{}”", c.raw.trim()),
            _ => format!("{name}为“{}”，不是数字", c.raw.trim()),
        },
    }
}

fn fmt(x: f64) -> String {
    if x.fract() == 0.0 {
        format!("{}", x as i64)
    } else {
        format!("{x}")
    }
}

pub fn check(s: &'static Sum, m: &Model, blanks_as_zero: bool) -> Vec<Finding> {
    let mut out = Vec::new();
    for inst in instances(s, m.shape) {
        let cells: Vec<String> = inst.lhs.iter().chain(&inst.rhs).cloned().collect();
        let bad = unreadable(m, &cells, blanks_as_zero);
        if !bad.is_empty() {
            out.push(not_assessable(s.id, m, &inst.line, cells, bad));
            continue;
        }
        let total = |side: &[String]| side.iter().filter_map(|a| read(m, a, blanks_as_zero)).sum::<f64>();
        let (l, r) = (total(&inst.lhs), total(&inst.rhs));
        if (l - r).abs() > 1e-6 {
            let msg = s.says.replace("{line}", &inst.line).replace("{lhs}", &fmt(l)).replace("{rhs}", &fmt(r));
            out.push(Finding::new(s.id, Severity::Error, cells, msg).values(r, l));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::Version;

    #[test]
    fn every_sum_has_instances_in_both_formats() {
        for s in SUMS {
            for v in [Version::V2019, Version::V2021] {
                let inst = instances(s, Shape::of(v));
                assert!(!inst.is_empty(), "{} {:?}", s.id, v);
                for i in &inst {
                    assert!(!i.lhs.is_empty() && !i.rhs.is_empty(), "{} {}", s.id, i.line);
                    for a in i.lhs.iter().chain(&i.rhs) {
                        assert!(format::lookup(v, a).is_some(), "{a}");
                    }
                }
            }
        }
    }

    #[test]
    fn t3_02_sums_every_result_row() {
        let i = &instances(sum("T3-02"), Shape::of(Version::V2021))[0];
        assert_eq!(i.lhs, vec!["t3/results_total/natural"]);
        assert_eq!(i.rhs.len(), 2 + 8 + 3 + 5 + 3);
        let i = &instances(sum("T3-02"), Shape::of(Version::V2019))[0];
        assert_eq!(i.rhs.len(), 2 + 8 + 3 + 5 + 1);
    }
}
