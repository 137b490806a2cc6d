//! Rules on single cells (C): what each cell holds, against what its column must hold.

use super::{Ctx, How, Rule};
use crate::cell::CellState;
use crate::format::{self, ValueKind};
use crate::report::{Finding, Severity};
use crate::says::{CountProblem, FeeProblem, Says};

fn kind(ctx: &Ctx, addr: &str) -> Option<ValueKind> {
    ctx.model.shape.lookup(addr).map(|(_, _, c)| c.kind)
}

/// C01: every count is a non-negative whole number.
pub fn c01(ctx: &Ctx, rule: &'static Rule) -> Vec<Finding> {
    let m = ctx.model;
    let mut out = Vec::new();
    for (addr, c) in &m.cells {
        let Some(k) = kind(ctx, addr) else { continue };
        let problem = match (c.state, c.value, k) {
            // Digits among words are C06's doubt about the reading, not a wrong value.
            (CellState::Text, _, _) if is_c06(&c.raw) => continue,
            (CellState::Text, _, ValueKind::Count | ValueKind::Signed) => CountProblem::Text,
            (CellState::Number, Some(v), ValueKind::Count) if v < 0.0 => CountProblem::Negative,
            (CellState::Number, Some(v), ValueKind::Count | ValueKind::Signed) if v.fract() != 0.0 => CountProblem::Fraction,
            _ => continue,
        };
        let says = Says::NotACount { cell: m.shape.name(addr), raw: c.raw.trim().to_string(), problem };
        out.push(Finding::new(rule, vec![addr.clone()], says));
    }
    out
}

/// C02: blank and "/" cells, one finding per table: a blank is not a zero.
pub fn c02(ctx: &Ctx, rule: &'static Rule) -> Vec<Finding> {
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
        let table = format::Named::new(t.title.split('、').nth(1).unwrap_or(t.title), format::table_name(t.id).en);
        let says = Says::Blanks { table, first: cells.iter().take(3).map(|a| m.shape.name(a)).collect(), total: cells.len() };
        out.push(Finding::new(rule, cells.into_iter().cloned().collect(), says));
    }
    out
}

/// C03: the v2021 fee amount is a non-negative decimal in 万元, without unit words, with at most
/// four decimals (the official header says 保留4位小数), and of a believable size.
pub fn c03(ctx: &Ctx, rule: &'static Rule) -> Vec<Finding> {
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
    let mut problems = Vec::new();
    if v < 0.0 {
        problems.push(FeeProblem::Negative);
    }
    if let Some(u) = &p.unit {
        problems.push(FeeProblem::Unit(u.to_string()));
    }
    if p.decimals > 4 {
        problems.push(FeeProblem::Decimals(p.decimals));
    }
    // More than 1000 亿元 a year is no agency's fee income: most likely 元 entered as 万元.
    if v > 10_000_000.0 {
        problems.push(FeeProblem::TooLarge);
    }
    if problems.is_empty() {
        return Vec::new();
    }
    vec![Finding::new(rule, vec![addr.into()], Says::FeeAmount { raw: c.raw.trim().to_string(), problems })]
}

/// C05: v2019 本年增/减 is a signed whole number; 采购总金额 keeps the unit it was written in.
pub fn c05(ctx: &Ctx, rule: &'static Rule) -> Vec<Finding> {
    let m = ctx.model;
    if m.version != format::Version::V2019 {
        return Vec::new();
    }
    let mut out = Vec::new();
    for (addr, c) in &m.cells {
        let Some(k) = kind(ctx, addr) else { continue };
        let (cell, raw) = (m.shape.name(addr), c.raw.trim().to_string());
        let says = match (k, c.state) {
            (ValueKind::Signed, CellState::Number) if c.value.is_some_and(|v| v.fract() != 0.0) => Says::ChangeNotWhole { cell, raw },
            (ValueKind::Money, CellState::Number) if crate::cell::parse(&raw).unit.is_none() => Says::MoneyWithoutUnit { cell, raw },
            _ => continue,
        };
        out.push(Finding::new(rule, vec![addr.clone()], says));
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
pub fn c06(ctx: &Ctx, rule: &'static Rule) -> Vec<Finding> {
    let m = ctx.model;
    m.cells
        .iter()
        .filter(|(_, c)| is_c06(&c.raw))
        .map(|(addr, c)| {
            let (cell, raw) = (m.shape.name(addr), c.raw.trim().to_string());
            let says = match (c.state, c.value) {
                (CellState::Number, Some(read_as)) => Says::WordsBesideNumber { cell, raw, read_as },
                _ => Says::SeveralNumbers { cell, raw },
            };
            Finding::new(rule, vec![addr.clone()], says)
        })
        .collect()
}

// ───────────────────────────── the rules ─────────────────────────────

pub const C01: Rule = Rule {
    id: "C01",
    severity: Severity::Error,
    title: "件数是非负整数",
    checks: "每个计数单元格都是不小于 0 的整数。",
    why: "申请件数、决定数量不可能是负数、小数或文字。",
    example: "本年新收申请数量（自然人）填为“abc”或“-2”。",
    how: How::One(c01),
};

pub const C02: Rule = Rule {
    id: "C02",
    severity: Severity::Warning,
    title: "空白和“/”“无”单元格",
    checks: "列出空白或填“/”“无”“—”的单元格。",
    why: "空白不等于 0：没有发生的事项应填 0，否则无法核对勾稽关系。",
    example: "表三五类法人或其他组织的列整列空白。",
    how: How::One(c02),
};

pub const C03: Rule = Rule {
    id: "C03",
    severity: Severity::Warning,
    title: "收费金额以万元填写",
    checks: "2021 年版表二“本年收费金额”是不小于 0 的万元数：单元格里写了单位、超过 4 位小数或数额大得不合常理的，逐一指出。",
    why: "表头已规定单位为万元、保留 4 位小数；写“元”或多位小数多半是单位用错。",
    example: "本年收费金额填“251000元”，或 24252.311082（6 位小数）。",
    how: How::One(c03),
};

pub const C05: Rule = Rule {
    id: "C05",
    severity: Severity::Warning,
    title: "2019 年版增减数和采购金额",
    checks: "2019 年版表二“本年增/减”是带正负号的整数；“采购总金额”保留单元格里写的单位（元或万元），没写单位的指出。",
    why: "增减数可以为负，但不会是小数；采购金额没有统一单位，缺了单位就无法比较。",
    example: "本年增/减填“1.5”；采购总金额只写“251000”。",
    how: How::One(c05),
};

pub const C06: Rule = Rule {
    id: "C06",
    severity: Severity::Doubt,
    title: "一个单元格里有多个数字或夹杂文字",
    checks: "单元格里有多个数字（“2 0”）、数字旁有文字说明（“55（含自然失效29件）”）或页码粘连（“769- 4 -”）。",
    why: "这多半是提取或排版造成的，读出的数值可能不对，请对照原文。",
    example: "现行有效件数写作“55（含自然失效29件）”。",
    how: How::One(c06),
};

/// This family's rules, for the catalogue.
pub const RULES: &[&Rule] = &[&C01, &C02, &C03, &C05, &C06];
