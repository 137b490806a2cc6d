//! Structure rules (S): the report's format, tables and labels.

use super::Ctx;
use crate::format::Version;
use crate::report::{Finding, Severity};

/// S02: the format version fits the report year.
pub fn s02(ctx: &Ctx) -> Vec<Finding> {
    let m = ctx.model;
    let Some(year) = m.year else { return Vec::new() };
    let expected = match year {
        ..=2018 => None,
        2019 | 2020 => Some(Version::V2019),
        _ => Some(Version::V2021),
    };
    let msg = match expected {
        Some(v) if v == m.version => return Vec::new(),
        None => format!("报告年度为 {year} 年，早于 2019 年格式的施行，表格却是{}：请核对报告年度", m.version.name()),
        Some(Version::V2021) => format!(
            "{year} 年度报告应使用{}，本报告仍用{}：未按照新格式",
            Version::V2021.name(),
            m.version.name()
        ),
        Some(_) => format!("{year} 年度报告应使用{}，本报告用的是{}", Version::V2019.name(), m.version.name()),
    };
    vec![Finding::new("S02", Severity::Error, Vec::new(), msg)]
}

/// S03: tables t2, t3, t4 are present.
pub fn s03(ctx: &Ctx) -> Vec<Finding> {
    let names = ["表二“主动公开政府信息情况”", "表三“收到和处理政府信息公开申请情况”", "表四“政府信息公开行政复议、行政诉讼情况”"];
    ctx.model
        .tables_found
        .iter()
        .zip(names)
        .filter(|(found, _)| !**found)
        .map(|(_, name)| Finding::new("S03", Severity::Error, Vec::new(), format!("找不到{name}，无法核对这部分数据")))
        .collect()
}

/// S04: labels written differently from the official wording, quoted exactly.
pub fn s04(ctx: &Ctx) -> Vec<Finding> {
    ctx.model
        .odd_labels
        .iter()
        .map(|l| {
            Finding::new(
                "S04",
                Severity::Warning,
                l.cells.clone(),
                format!("标签写作“{}”，官方格式为“{}”", l.written, l.official),
            )
        })
        .collect()
}
