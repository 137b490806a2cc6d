//! Table rules that are not plain balances (T3-04, T2-*).

use super::sums::{instances, read, sum};
use super::Ctx;
use crate::report::{Finding, Severity};

/// T3-04: where T3-03 cannot be assessed, results and carry-forward still cannot exceed what came in.
pub fn t3_04(ctx: &Ctx) -> Vec<Finding> {
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
                let msg = format!("{}列：{}为 {}，多于本年新收加上年结转的 {}", inst.line, m.describe(out_addr), v, incoming);
                out.push(Finding::new("T3-04", Severity::Warning, cells, msg).values(incoming, v));
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
pub fn t2_01(ctx: &Ctx) -> Vec<Finding> {
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
                let msg = format!("{name}：本年制发 {i} 件，现行有效件数却为 0（本年制发的应计入现行有效）");
                out.push(Finding::new("T2-01", Severity::Warning, vec![in_force, issued], msg).values(i, f));
            }
        }
    }
    out
}

/// T2-02 (v2019): the total published is at least this year's new ones.
pub fn t2_02(ctx: &Ctx) -> Vec<Finding> {
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
                    let msg = format!("{name}：对外公开总数量 {t} 小于{what} {p}");
                    out.push(Finding::new("T2-02", Severity::Warning, vec![total.clone(), part], msg).values(p, t));
                }
            }
        }
    }
    out
}

/// T2-03 (v2019): a decrease cannot remove more items than there were last year.
pub fn t2_03(ctx: &Ctx) -> Vec<Finding> {
    let m = ctx.model;
    if m.version != Version::V2019 {
        return Vec::new();
    }
    let mut out = Vec::new();
    for row in ["licensing", "other_services", "penalty", "coercion", "fees"] {
        let (prev, change) = (format!("t2/{row}/prev_items"), format!("t2/{row}/change"));
        if let (Some(p), Some(c)) = (num(ctx, &prev), num(ctx, &change)) {
            if c < 0.0 && -c > p {
                let msg = format!("{}：本年减少 {} 项，多于上一年的项目数量 {p}", m.describe(&change).split('·').next().unwrap_or(row), -c);
                out.push(Finding::new("T2-03", Severity::Error, vec![change, prev], msg).values(p, -c));
            }
        }
    }
    out
}
