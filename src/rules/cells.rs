//! Rules on single cells (C): what each cell holds, against what its column must hold.

use super::Ctx;
use crate::cell::CellState;
use crate::format::{self, ValueKind};
use crate::report::{Finding, Severity};

fn kind(ctx: &Ctx, addr: &str) -> Option<ValueKind> {
    format::lookup(ctx.model.version, addr).map(|(_, _, c)| c.kind)
}

/// C01: every count is a non-negative whole number.
pub fn c01(ctx: &Ctx) -> Vec<Finding> {
    let m = ctx.model;
    let mut out = Vec::new();
    for (addr, c) in &m.cells {
        let Some(k) = kind(ctx, addr) else { continue };
        let name = m.describe(addr);
        let raw = c.raw.trim();
        let msg = match (c.state, c.value, k) {
            (CellState::Text, _, ValueKind::Count | ValueKind::Signed) => {
                format!("{name}填的是“{raw}”，应为整数件数")
            }
            (CellState::Number, Some(v), ValueKind::Count) if v < 0.0 => format!("{name}为负数 {raw}，件数不能小于 0"),
            (CellState::Number, Some(v), ValueKind::Count | ValueKind::Signed) if v.fract() != 0.0 => {
                format!("{name}为 {raw}，件数应为整数")
            }
            _ => continue,
        };
        out.push(Finding::new("C01", Severity::Error, vec![addr.clone()], msg));
    }
    out
}

/// C02: blank and "/" cells, one finding per table: a blank is not a zero.
pub fn c02(ctx: &Ctx) -> Vec<Finding> {
    let m = ctx.model;
    let mut out = Vec::new();
    for t in format::tables(m.version) {
        let cells: Vec<&String> = m
            .cells
            .iter()
            .filter(|(a, c)| a.starts_with(t.id) && a.as_bytes().get(2) == Some(&b'/') && matches!(c.state, CellState::Blank | CellState::Na))
            .map(|(a, _)| a)
            .collect();
        if cells.is_empty() {
            continue;
        }
        let names: Vec<String> = cells.iter().take(3).map(|a| m.describe(a)).collect();
        let more = if cells.len() > 3 { format!("等 {} 个单元格", cells.len()) } else { String::new() };
        let msg = format!(
            "{}：{}{}为空白或填了“/”“无”等。空白不等于 0：没有发生的事项应填 0，否则相关的勾稽关系无法核对",
            t.title.split('、').nth(1).unwrap_or(t.title),
            names.join("、"),
            more
        );
        out.push(Finding::new("C02", Severity::Warning, cells.into_iter().cloned().collect(), msg));
    }
    out
}
