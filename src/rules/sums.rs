//! Sum rules as data: each is a balance `Σ lhs = Σ rhs`, stated once and applied along every row
//! (or column) of a table. One engine reads them all; a new sum rule is one entry of `SUMS` (its
//! rule, its cells, its words) and one test. A balance whose cells are not all numbers is *not
//! assessable*, never passed.

use super::{Ctx, How, Rule};
use crate::format::{self, Named, Shape};
use crate::lang::Lang;
use crate::model::Model;
use crate::report::{Finding, Severity};
use crate::says::{num, Says, Unread, UnreadWhy};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Along {
    /// The balance holds in each row; `lhs`/`rhs` name columns.
    Rows,
    /// The balance holds in each column; `lhs`/`rhs` name rows (`denied.*` names a group).
    Columns,
}

#[derive(Debug)]
pub struct Sum {
    /// The rule each line is checked under: one for every line, or one per entry of `lines`
    /// (table 四's three blocks are three rules of one balance).
    pub rules: &'static [&'static Rule],
    pub table: &'static str,
    pub along: Along,
    /// Only these rows (or columns); `None` for all.
    pub lines: Option<&'static [&'static str]>,
    pub lhs: &'static [&'static str],
    pub rhs: &'static [&'static str],
    /// What a mismatch says, in Chinese and in English; `{line}` is the row or column, `{lhs}`
    /// and `{rhs}` the two sums.
    pub says: [&'static str; 2],
}

const APPLICANTS: &[&str] = &["natural", "commercial", "research", "social", "legal", "other"];
const T4_PARTS: &[&str] = &["upheld", "corrected", "other", "pending"];

pub const SUMS: &[Sum] = &[
    Sum {
        rules: &[&T3_01],
        table: "t3",
        along: Along::Rows,
        lines: None,
        lhs: &["total"],
        rhs: APPLICANTS,
        says: [
            "{line}：总计应为 {rhs}（自然人与各类法人或其他组织之和），表中为 {lhs}",
            "{line}: the total should be {rhs} (natural persons plus every kind of legal person or organisation); the table has {lhs}",
        ],
    },
    Sum {
        rules: &[&T3_02],
        table: "t3",
        along: Along::Columns,
        lines: None,
        lhs: &["results_total"],
        rhs: &["granted", "partial", "denied.*", "unable.*", "rejected.*", "other", "other.*"],
        says: [
            "{line}列：（七）总计应为 {rhs}（各项办理结果之和），表中为 {lhs}",
            "{line} column: the results' total (（七）总计) should be {rhs} (the sum of every result); the table has {lhs}",
        ],
    },
    Sum {
        rules: &[&T3_03],
        table: "t3",
        along: Along::Columns,
        lines: None,
        lhs: &["new", "carried"],
        rhs: &["results_total", "carry_forward"],
        says: [
            "{line}列：本年新收加上年结转为 {lhs}，应等于办理结果总计加结转下年度 {rhs}（表中勾稽关系：第一项加第二项之和，等于第三项加第四项之和）",
            "{line} column: new plus carried-over requests are {lhs}, which should equal the results' total plus those carried to next year, {rhs} \
             (the table's own rule: items one and two add up to items three and four)",
        ],
    },
    Sum {
        rules: &[&T4_01, &T4_02, &T4_03],
        table: "t4",
        along: Along::Rows,
        lines: Some(&["review", "suit_direct", "suit_after_review"]),
        lhs: &["total"],
        rhs: T4_PARTS,
        says: [
            "{line}：总计应为 {rhs}（结果维持、结果纠正、其他结果、尚未审结之和），表中为 {lhs}",
            "{line}: the total should be {rhs} (upheld, corrected, other results and pending together); the table has {lhs}",
        ],
    },
];

/// The balance a rule checks.
pub fn sum(id: &str) -> &'static Sum {
    SUMS.iter().find(|s| s.rules.iter().any(|r| r.id == id)).expect("every sum rule is in SUMS")
}

/// A mismatch's words: the balance's template filled in.
pub fn message(id: &str, line: &str, lhs: f64, rhs: f64, lang: Lang) -> String {
    let t = sum(id).says[match lang {
        Lang::Zh => 0,
        Lang::En => 1,
    }];
    t.replace("{line}", line).replace("{lhs}", &num(lhs)).replace("{rhs}", &num(rhs))
}

/// `denied.*` matches `denied.secret` …; other keys match themselves.
fn key_matches(pattern: &str, key: &str) -> bool {
    match pattern.strip_suffix(".*") {
        Some(prefix) => key.strip_prefix(prefix).is_some_and(|r| r.starts_with('.')),
        None => pattern == key,
    }
}

/// One instance of a balance: its rule, its line's name and the addresses on each side.
pub struct Instance {
    pub rule: &'static Rule,
    pub line: Named,
    pub lhs: Vec<String>,
    pub rhs: Vec<String>,
}

/// Every instance of a balance in a layout. The same for every report of that layout, so made
/// once per balance and layout and kept (a few dozen instances in all): making them, addresses
/// formatted and names looked up, was most of what the sum rules took.
pub fn instances(s: &'static Sum, shape: Shape) -> &'static [Instance] {
    use std::sync::Mutex;
    type Made = (&'static str, &'static str, &'static [Instance]);
    static MADE: Mutex<Vec<Made>> = Mutex::new(Vec::new());
    let id = s.rules.first().map_or("", |r| r.id);
    let mut made = MADE.lock().unwrap_or_else(|e| e.into_inner());
    if let Some((_, _, i)) = made.iter().find(|(r, k, _)| *r == id && *k == shape.key()) {
        return i;
    }
    let i: &'static [Instance] = Box::leak(make_instances(s, shape).into_boxed_slice());
    made.push((id, shape.key(), i));
    i
}

fn make_instances(s: &Sum, shape: Shape) -> Vec<Instance> {
    let Some(table) = shape.table(s.table) else { return Vec::new() };
    // The rule of a line: its own where rules are given per line, else the one rule.
    let rule_of = |k: &str| -> Option<&'static Rule> {
        match s.lines {
            None => s.rules.first().copied(),
            Some(lines) => lines.iter().position(|l| *l == k).map(|i| s.rules.get(i).copied().unwrap_or(s.rules[0])),
        }
    };
    let pick = |pats: &[&str], keys: &[&'static str]| -> Vec<&'static str> {
        // Keep the table's order, so cells are listed as they stand in the table.
        keys.iter().copied().filter(|k| pats.iter().any(|p| key_matches(p, k))).collect()
    };
    match s.along {
        Along::Rows => table
            .rows
            .iter()
            .filter_map(|r| {
                let cols: Vec<&'static str> = r.columns.iter().map(|c| c.key).collect();
                Some(Instance {
                    rule: rule_of(r.key)?,
                    line: format::row_name(table.id, r),
                    lhs: pick(s.lhs, &cols).iter().map(|c| format::address(table.id, r.key, c)).collect(),
                    rhs: pick(s.rhs, &cols).iter().map(|c| format::address(table.id, r.key, c)).collect(),
                })
            })
            .collect(),
        Along::Columns => {
            let rows: Vec<&'static str> = table.rows.iter().map(|r| r.key).collect();
            let Some(first) = table.rows.first() else { return Vec::new() };
            first
                .columns
                .iter()
                .filter_map(|c| {
                    Some(Instance {
                        rule: rule_of(c.key)?,
                        line: format::column_name(table.id, first.key, c),
                        lhs: pick(s.lhs, &rows).iter().map(|r| format::address(table.id, r, c.key)).collect(),
                        rhs: pick(s.rhs, &rows).iter().map(|r| format::address(table.id, r, c.key)).collect(),
                    })
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

/// Cells that cannot be read as numbers.
pub fn unreadable(m: &Model, cells: &[String], blanks_as_zero: bool) -> Vec<String> {
    cells.iter().filter(|a| read(m, a, blanks_as_zero).is_none()).cloned().collect()
}

/// Why a cell is not a number: not read, blank, a placeholder, text.
pub fn why_unreadable(m: &Model, addr: &str) -> Unread {
    let why = match m.get(addr) {
        None => UnreadWhy::NotRead,
        Some(c) => match c.state {
            crate::cell::CellState::Blank => UnreadWhy::Blank,
            crate::cell::CellState::Na => UnreadWhy::Placeholder(c.raw.trim().to_string()),
            _ => UnreadWhy::NotANumber(c.raw.trim().to_string()),
        },
    };
    Unread { cell: m.shape.name(addr), why }
}

fn not_assessable(rule: &'static Rule, m: &Model, line: Named, cells: Vec<String>, bad: Vec<String>) -> Finding {
    let unread = bad.iter().take(4).map(|a| why_unreadable(m, a)).collect();
    let says = Says::NotAssessable { line, unread, total: bad.len() };
    let mut ordered = bad.clone();
    ordered.extend(cells.into_iter().filter(|c| !bad.contains(c)));
    Finding::not_assessable(rule, ordered, says)
}

/// Every line a rule's balance holds on.
pub fn check(ctx: &Ctx, rule: &'static Rule) -> Vec<Finding> {
    let (m, blanks_as_zero) = (ctx.model, ctx.opts.blanks_as_zero);
    let mut out = Vec::new();
    for inst in instances(sum(rule.id), m.shape).iter().filter(|i| i.rule.id == rule.id) {
        let cells: Vec<String> = inst.lhs.iter().chain(&inst.rhs).cloned().collect();
        let bad = unreadable(m, &cells, blanks_as_zero);
        if !bad.is_empty() {
            out.push(not_assessable(rule, m, inst.line.clone(), cells, bad));
            continue;
        }
        let total = |side: &[String]| side.iter().filter_map(|a| read(m, a, blanks_as_zero)).sum::<f64>();
        let (l, r) = (total(&inst.lhs), total(&inst.rhs));
        if (l - r).abs() > 1e-6 {
            let says = Says::SumDiffers { sum: rule.id, line: inst.line.clone(), lhs: l, rhs: r };
            out.push(Finding::new(rule, cells, says).values(r, l));
        }
    }
    out
}

// ───────────────────────────── the rules ─────────────────────────────

pub const T3_01: Rule = Rule {
    id: "T3-01",
    severity: Severity::Error,
    title: "表三每行：总计 = 各类申请人之和",
    checks: "表三每一行：总计 = 自然人 + 商业企业 + 科研机构 + 社会公益组织 + 法律服务机构 + 其他。",
    why: "总计列是同一行各类申请人的合计，必须相加一致。",
    example: "本年新收：自然人 3、商业企业 2，总计却填 4（应为 5）。",
    how: How::One(check),
};

pub const T3_02: Rule = Rule {
    id: "T3-02",
    severity: Severity::Error,
    title: "表三每列：办理结果总计 = 各项办理结果之和",
    checks: "表三每一列：（七）总计 = 予以公开 + 部分公开 + 不予公开各项 + 无法提供各项 + 不予处理各项 + 其他处理（各项）。",
    why: "（七）总计是全部办理结果的合计。",
    example: "自然人列各项办理结果相加为 12，（七）总计填 10。",
    how: How::One(check),
};

pub const T3_03: Rule = Rule {
    id: "T3-03",
    severity: Severity::Error,
    title: "表三每列：新收 + 结转 = 办结 + 结转下年度",
    checks: "表三每一列：本年新收 + 上年结转 = 办理结果总计 + 结转下年度继续办理（表头印明的勾稽关系）。",
    why: "收到的申请要么本年办结，要么结转下年度，数量必须守恒。",
    example: "总计列：新收 70 + 上年结转 0 = 70，办结 69 + 结转 0 = 69。",
    how: How::One(check),
};

pub const T4_01: Rule = Rule {
    id: "T4-01",
    severity: Severity::Error,
    title: "表四行政复议：总计 = 各结果之和",
    checks: "行政复议：结果维持 + 结果纠正 + 其他结果 + 尚未审结 = 总计。",
    why: "总计是四种结果的合计。",
    example: "维持 1、纠正 0、其他 2、尚未审结 0，总计填 4（应为 3）。",
    how: How::One(check),
};

pub const T4_02: Rule = Rule {
    id: "T4-02",
    severity: Severity::Error,
    title: "表四未经复议直接起诉：总计 = 各结果之和",
    checks: "行政诉讼（未经复议直接起诉）：结果维持 + 结果纠正 + 其他结果 + 尚未审结 = 总计。",
    why: "总计是四种结果的合计。",
    example: "维持 12、其余为 0，总计填 21。",
    how: How::One(check),
};

pub const T4_03: Rule = Rule {
    id: "T4-03",
    severity: Severity::Error,
    title: "表四复议后起诉：总计 = 各结果之和",
    checks: "行政诉讼（复议后起诉）：结果维持 + 结果纠正 + 其他结果 + 尚未审结 = 总计。",
    why: "总计是四种结果的合计。",
    example: "各结果均为 0，总计填 1。",
    how: How::One(check),
};

/// This family's rules, for the catalogue.
pub const RULES: &[&Rule] = &[&T3_01, &T3_02, &T3_03, &T4_01, &T4_02, &T4_03];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::Version;

    #[test]
    fn every_sum_has_instances_in_both_formats() {
        for s in SUMS {
            for v in [Version::V2019, Version::V2021] {
                let inst = instances(s, Shape::of(v));
                assert_eq!(
                    inst.iter().map(|i| i.rule.id).collect::<std::collections::BTreeSet<_>>().len(),
                    s.rules.len(),
                    "every rule has lines"
                );
                assert!(!inst.is_empty(), "{:?} {:?}", s.rules, v);
                for i in inst {
                    assert!(!i.lhs.is_empty() && !i.rhs.is_empty(), "{:?} {}", s.rules, i.line.zh);
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
