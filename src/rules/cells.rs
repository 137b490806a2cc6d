//! Rules on single cells (C): what each cell holds, against what its column must hold.

use super::Ctx;
use crate::cell::CellState;
use crate::format::{self, ValueKind};
use crate::report::{Finding, Severity};

fn kind(ctx: &Ctx, addr: &str) -> Option<ValueKind> {
    ctx.model.shape.lookup(addr).map(|(_, _, c)| c.kind)
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
            // Digits among words are C06's doubt about the reading, not a wrong value.
            (CellState::Text, _, _) if is_c06(&c.raw) => continue,
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
    for t in m.shape.tables() {
        let cells: Vec<&String> = m
            .cells
            .iter()
            .filter(|(a, c)| {
                a.starts_with(t.id) && a.as_bytes().get(2) == Some(&b'/') && matches!(c.state, CellState::Blank | CellState::Na)
            })
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

/// C03: the v2021 fee amount is a non-negative decimal in 万元, without unit words, with at most
/// four decimals (the official header says 保留4位小数), and of a believable size.
pub fn c03(ctx: &Ctx) -> Vec<Finding> {
    let m = ctx.model;
    let addr = "t2/fees/amount";
    if m.version != format::Version::V2021 {
        return Vec::new();
    }
    let Some(c) = m.get(addr) else { return Vec::new() };
    if c.state != CellState::Number {
        return Vec::new();
    }
    let p = crate::cell::parse(&c.raw);
    let v = c.value.unwrap_or(0.0);
    let raw = c.raw.trim();
    let mut problems = Vec::new();
    if v < 0.0 {
        problems.push("金额为负数".to_string());
    }
    if let Some(u) = &p.unit {
        problems.push(format!("单元格里写了单位“{u}”（表头已规定单位为万元，只填数字）"));
    }
    if p.decimals > 4 {
        problems.push(format!("有 {} 位小数（按格式保留 4 位小数）", p.decimals));
    }
    // More than 1000 亿元 a year is no agency's fee income: most likely 元 entered as 万元.
    if v > 10_000_000.0 {
        problems.push("数额大得不合常理，可能把“元”当成了“万元”".to_string());
    }
    if problems.is_empty() {
        return Vec::new();
    }
    let msg = format!("行政事业性收费·本年收费金额为“{raw}”：{}", problems.join("；"));
    vec![Finding::new("C03", Severity::Warning, vec![addr.into()], msg)]
}

/// C05: v2019 本年增/减 is a signed whole number; 采购总金额 keeps the unit it was written in.
pub fn c05(ctx: &Ctx) -> Vec<Finding> {
    let m = ctx.model;
    if m.version != format::Version::V2019 {
        return Vec::new();
    }
    let mut out = Vec::new();
    for (addr, c) in &m.cells {
        let Some(k) = kind(ctx, addr) else { continue };
        let raw = c.raw.trim();
        let msg = match (k, c.state) {
            (ValueKind::Signed, CellState::Number) if c.value.is_some_and(|v| v.fract() != 0.0) => {
                format!("{}为“{raw}”，本年增/减应为整数（可带正负号）", m.describe(addr))
            }
            (ValueKind::Money, CellState::Number) if crate::cell::parse(raw).unit.is_none() => {
                format!("{}为“{raw}”，没有写单位（元或万元），金额无法比较", m.describe(addr))
            }
            _ => continue,
        };
        out.push(Finding::new("C05", Severity::Warning, vec![addr.clone()], msg));
    }
    out
}

/// Text cells with digits in them ("2 0", "约5件"), and numbers with words around them
/// ("55（含自然失效29件）"): the extraction or the cell may hold more than one number.
pub fn is_c06(raw: &str) -> bool {
    let p = crate::cell::parse(raw);
    match p.state {
        CellState::Text => raw.chars().any(|c| crate::cell::fold_width(c).is_ascii_digit()),
        CellState::Number => p.extra.is_some(),
        _ => false,
    }
}

/// C06: a cell with several numbers, or words around a number.
pub fn c06(ctx: &Ctx) -> Vec<Finding> {
    let m = ctx.model;
    m.cells
        .iter()
        .filter(|(_, c)| is_c06(&c.raw))
        .map(|(addr, c)| {
            let raw = c.raw.trim();
            let msg = match c.state {
                CellState::Number => format!(
                    "{}写作“{raw}”，数字旁有文字说明，按 {} 读取；请核对原文",
                    m.describe(addr),
                    c.value.map(|v| v.to_string()).unwrap_or_default()
                ),
                _ => format!(
                    "{}写作“{raw}”，一个单元格里有多个数字或夹杂文字，无法确定数值；请核对原文（可能是提取时把相邻单元格或页码连在了一起）",
                    m.describe(addr)
                ),
            };
            Finding::new("C06", Severity::Doubt, vec![addr.clone()], msg)
        })
        .collect()
}
