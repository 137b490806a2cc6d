//! Table rules that are not plain balances (T3-04, T2-*).

use super::sums::{instances, read, sum};
use super::{Ctx, How, Rule};
use crate::format::{self, Named};
use crate::report::{Finding, Severity};
use crate::says::Says;

/// T3-04: where T3-03 cannot be assessed, results and carry-forward still cannot exceed what came in.
pub fn t3_04(ctx: &Ctx, rule: &'static Rule) -> Vec<Finding> {
    let m = ctx.model;
    let z = ctx.opts.blanks_as_zero;
    let mut out = Vec::new();
    for inst in instances(sum("T3-03"), m.shape) {
        let all: Vec<&String> = inst.lhs.iter().chain(&inst.rhs).collect();
        if all.iter().all(|a| read(m, a, z).is_some()) {
            continue; // T3-03 decides
        }
        let incoming: Option<f64> = inst.lhs.iter().map(|a| read(m, a, z)).sum();
        let Some(incoming) = incoming else { continue };
        for out_addr in &inst.rhs {
            let Some(v) = read(m, out_addr, z) else { continue };
            if v > incoming {
                let mut cells = vec![out_addr.clone()];
                cells.extend(inst.lhs.iter().cloned());
                let says = Says::OutExceedsIn { column: inst.line.clone(), cell: m.shape.name(out_addr), value: v, incoming };
                out.push(Finding::new(rule, cells, says).values(incoming, v));
            }
        }
    }
    out
}

use crate::format::Version;

fn num(ctx: &Ctx, addr: &str) -> Option<f64> {
    read(ctx.model, addr, ctx.opts.blanks_as_zero)
}

/// T2-01 (v2021): documents issued this year, yet none in force.
pub fn t2_01(ctx: &Ctx, rule: &'static Rule) -> Vec<Finding> {
    let m = ctx.model;
    if m.version != Version::V2021 {
        return Vec::new();
    }
    let mut out = Vec::new();
    for row in ["regulations", "normative"] {
        let (issued, in_force) = (format!("t2/{row}/issued"), format!("t2/{row}/in_force"));
        if let (Some(i), Some(f)) = (num(ctx, &issued), num(ctx, &in_force)) {
            if i > 0.0 && f == 0.0 {
                let name = if row == "regulations" { "规章" } else { "行政规范性文件" };
                let says = Says::IssuedNoneInForce { row: Named::new(name, format::row_en("t2", row)), issued: i };
                out.push(Finding::new(rule, vec![in_force, issued], says).values(i, f));
            }
        }
    }
    out
}

/// T2-02 (v2019): the total published is at least this year's new ones.
pub fn t2_02(ctx: &Ctx, rule: &'static Rule) -> Vec<Finding> {
    let m = ctx.model;
    if m.version != Version::V2019 {
        return Vec::new();
    }
    let mut out = Vec::new();
    for (row, name) in [("regulations", "规章"), ("normative", "规范性文件")] {
        let total = format!("t2/{row}/public_total");
        let Some(t) = num(ctx, &total) else { continue };
        for (col, what) in [("published", "本年新公开数量"), ("made", "本年新制作数量")] {
            let part = format!("t2/{row}/{col}");
            if let Some(p) = num(ctx, &part) {
                if t < p {
                    let says = Says::TotalBelowPart {
                        row: Named::new(name, format::row_en("t2", row)),
                        total: t,
                        part: Named::new(what, format::column_en("t2", row, col)),
                        value: p,
                    };
                    out.push(Finding::new(rule, vec![total.clone(), part], says).values(p, t));
                }
            }
        }
    }
    out
}

/// T2-03 (v2019): a decrease cannot remove more items than there were last year.
pub fn t2_03(ctx: &Ctx, rule: &'static Rule) -> Vec<Finding> {
    let m = ctx.model;
    if m.version != Version::V2019 {
        return Vec::new();
    }
    let mut out = Vec::new();
    for row in ["licensing", "other_services", "penalty", "coercion", "fees"] {
        let (prev, change) = (format!("t2/{row}/prev_items"), format!("t2/{row}/change"));
        if let (Some(p), Some(c)) = (num(ctx, &prev), num(ctx, &change)) {
            if c < 0.0 && -c > p {
                let zh = m.describe(&change).split('·').next().unwrap_or(row).to_string();
                let says = Says::DecreaseTooLarge { row: Named::new(zh, format::row_en("t2", row)), decrease: -c, prev: p };
                out.push(Finding::new(rule, vec![change, prev], says).values(p, -c));
            }
        }
    }
    out
}

// ───────────────────────────── the rules ─────────────────────────────

pub const T2_01: Rule = Rule {
    id: "T2-01",
    severity: Severity::Warning,
    title: "本年制发却无现行有效",
    checks: "2021 年版表二：规章或行政规范性文件本年制发件数大于 0，现行有效件数却为 0。",
    why: "本年制发的文件通常仍然有效，应计入现行有效件数。",
    example: "行政规范性文件本年制发 5 件，现行有效 0 件。",
    how: How::One(t2_01),
};

pub const T2_02: Rule = Rule {
    id: "T2-02",
    severity: Severity::Warning,
    title: "对外公开总数量不少于本年新增",
    checks: "2019 年版表二：对外公开总数量 ≥ 本年新公开数量，且 ≥ 本年新制作数量。",
    why: "总数量包含本年新公开的文件。",
    example: "规范性文件本年新公开 12 件，对外公开总数量填 8。",
    how: How::One(t2_02),
};

pub const T2_03: Rule = Rule {
    id: "T2-03",
    severity: Severity::Error,
    title: "减少的项目不多于上一年项目数",
    checks: "2019 年版表二：本年增/减为负数时，减少的数量不能超过上一年项目数量。",
    why: "不可能减少比原有更多的项目。",
    example: "行政许可上一年项目 10 项，本年增/减填 -12。",
    how: How::One(t2_03),
};

pub const T3_04: Rule = Rule {
    id: "T3-04",
    severity: Severity::Warning,
    title: "表三每列：办结和结转不超过收到",
    checks: "当 T3-03 无法核对时，单独检查：结转下年度 ≤ 新收 + 上年结转，办理结果总计 ≤ 新收 + 上年结转。",
    why: "即使有空白单元格，办结数也不可能多于收到的申请数。",
    example: "新收 5、上年结转 0，办理结果总计却为 8。",
    how: How::One(t3_04),
};

/// This family's rules, for the catalogue.
pub const RULES: &[&Rule] = &[&T2_01, &T2_02, &T2_03, &T3_04];
