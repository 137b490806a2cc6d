//! Table rules that are not plain balances (T3-04, T2-*).

use super::sums::{instances, read, sum};
use super::Ctx;
use crate::report::{Finding, Severity};

/// T3-04: where T3-03 cannot be assessed, results and carry-forward still cannot exceed what came in.
pub fn t3_04(ctx: &Ctx) -> Vec<Finding> {
    let m = ctx.model;
    let z = ctx.opts.blanks_as_zero;
    let mut out = Vec::new();
    for inst in instances(sum("T3-03"), m.version) {
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
                let msg = format!(
                    "{}列：{}为 {}，多于本年新收加上年结转的 {}",
                    inst.line,
                    m.describe(out_addr),
                    v,
                    incoming
                );
                out.push(Finding::new("T3-04", Severity::Warning, cells, msg).values(incoming, v));
            }
        }
    }
    out
}
