//! Structure rules (S): the report's format, tables and labels.

use super::{Ctx, How, Rule};
use crate::format::{self, Version};
use crate::report::{Finding, Severity};
use crate::says::{PeriodProblem, Says, YearSource};

/// S02: the format version fits the report year.
pub fn s02(ctx: &Ctx, rule: &'static Rule) -> Vec<Finding> {
    let m = ctx.model;
    let Some(year) = m.year else { return Vec::new() };
    let expected = match year {
        ..=2018 => None,
        2019 | 2020 => Some(Version::V2019),
        _ => Some(Version::V2021),
    };
    if expected == Some(m.version) {
        return Vec::new();
    }
    vec![Finding::new(rule, Vec::new(), Says::FormatYear { year, expected, found: m.version })]
}

/// S03: tables t2, t3, t4 are present, with the rows of the report's format.
pub fn s03(ctx: &Ctx, rule: &'static Rule) -> Vec<Finding> {
    let m = ctx.model;
    // A table announced by its heading (or shown as a picture) but not read is the checker's
    // failure, said in the report's `reading`, not an error of the report.
    let mut out: Vec<Finding> = ["t2", "t3", "t4"]
        .iter()
        .enumerate()
        .filter(|(i, _)| m.lacks_table(*i))
        .map(|(_, t)| Finding::new(rule, Vec::new(), Says::TableMissing { table: format::table_name(t) }))
        .collect();
    if m.version == Version::V2021 && m.shape.single_other_row && m.tables_found[1] {
        let cells = m.shape.table("t3").map_or_else(Vec::new, |t| {
            t.rows.iter().filter(|r| r.key == "other").flat_map(|r| r.columns.iter().map(|c| format::address("t3", r.key, c.key))).collect()
        });
        out.push(Finding::new(rule, cells, Says::SingleOtherRow));
    }
    out
}

/// S04: labels written differently from the official wording, quoted exactly.
pub fn s04(ctx: &Ctx, rule: &'static Rule) -> Vec<Finding> {
    ctx.model
        .odd_labels
        .iter()
        .map(|l| Finding::new(rule, l.cells.clone(), Says::OddLabel { written: l.written.clone(), official: l.official.to_string() }))
        .collect()
}

/// S01: the six sections are there, in order (headings matched by their labels, tolerantly).
pub fn s01(ctx: &Ctx, rule: &'static Rule) -> Vec<Finding> {
    let m = ctx.model;
    if m.paras.is_empty() {
        return Vec::new(); // a form without running text (a spreadsheet, JSON): nothing to check
    }
    let hs = &m.outline.headings;
    if hs.is_empty() {
        return vec![Finding::new(rule, Vec::new(), Says::NoSections)];
    }
    let mut out = Vec::new();
    for s in 1..=6u8 {
        if hs.iter().any(|h| h.section == s) {
            continue;
        }
        // The tables of 二–四 found: their heading may sit in the table's caption.
        if (2..=4).contains(&s) && m.tables_found[(s - 2) as usize] {
            continue;
        }
        out.push(Finding::new(rule, Vec::new(), Says::SectionMissing { section: s }));
    }
    let order: Vec<u8> = hs.iter().map(|h| h.section).collect();
    if order.windows(2).any(|w| w[0] > w[1]) {
        let written: Vec<String> = hs.iter().map(|h| h.text.clone()).collect();
        out.push(Finding::new(rule, Vec::new(), Says::SectionsOutOfOrder { written }));
    }
    out
}

/// S06: one report year everywhere: the title, the statistics period, the text's own mentions.
pub fn s06(ctx: &Ctx, rule: &'static Rule) -> Vec<Finding> {
    use crate::text::{period, report_years_in_text};
    let m = ctx.model;
    let mut sources: Vec<(i32, YearSource, Option<String>)> = Vec::new(); // (year, where, sentence)
    if let Some(y) = m.title.as_deref().and_then(crate::text::year_in) {
        sources.push((y, YearSource::Title, None));
    }
    if let Some(p) = period(&m.outline.sentences) {
        if let Some(y) = p.start.year {
            sources.push((y, YearSource::Period, Some(p.sentence.clone())));
        }
    }
    for (y, s) in report_years_in_text(&m.outline.sentences, m.title.as_deref()) {
        sources.push((y, YearSource::Text, Some(s)));
    }
    let Some(first) = sources.first().map(|s| s.0) else { return Vec::new() };
    let odd: Vec<&(i32, YearSource, Option<String>)> = sources.iter().filter(|s| s.0 != first).collect();
    if odd.is_empty() {
        return Vec::new();
    }
    let said = sources.iter().map(|(y, w, _)| (*w, *y)).collect();
    let mut f = Finding::new(rule, Vec::new(), Says::YearsDiffer { said }).values(first as f64, odd[0].0 as f64);
    f.sentence = odd[0].2.clone();
    vec![f]
}

/// S07: the statistics period runs from 1月1日 to 12月31日 of one year.
pub fn s07(ctx: &Ctx, rule: &'static Rule) -> Vec<Finding> {
    let Some(p) = crate::text::period(&ctx.model.outline.sentences) else { return Vec::new() };
    let mut wrong = Vec::new();
    if (p.start.month, p.start.day) != (1, 1) {
        wrong.push(PeriodProblem::Starts { month: p.start.month, day: p.start.day });
    }
    match p.end {
        Some(e) if (e.month, e.day) != (12, 31) => wrong.push(PeriodProblem::Ends { month: e.month, day: e.day }),
        Some(e) if e.year.is_some_and(|y| Some(y) != p.start.year) => {
            wrong.push(PeriodProblem::CrossesYears { from: p.start.year.unwrap_or(0), to: e.year.unwrap_or(0) })
        }
        None => wrong.push(PeriodProblem::NoEnd),
        _ => {}
    }
    if wrong.is_empty() {
        return Vec::new();
    }
    let mut f = Finding::new(rule, Vec::new(), Says::PeriodNotYear { wrong });
    f.sentence = Some(p.sentence);
    vec![f]
}

/// S09: section 五 says something: not empty, not only "无".
pub fn s09(ctx: &Ctx, rule: &'static Rule) -> Vec<Finding> {
    let m = ctx.model;
    let Some(h) = m.outline.heading_of(5) else { return Vec::new() };
    let sections = &m.outline.sections;
    let body: String = m.paras[h.para + 1..]
        .iter()
        .zip(&sections[h.para + 1..])
        .take_while(|(_, s)| **s == 5)
        .map(|(p, _)| crate::text::norm(p))
        .collect();
    let core = body.trim_matches(|c: char| "。.；;：:".contains(c));
    let only = if core.is_empty() {
        None
    } else if ["无", "暂无", "没有", "无问题", "无此情况", "本年度无"].contains(&core) {
        Some(core.to_string())
    } else {
        return Vec::new();
    };
    let mut f = Finding::new(rule, Vec::new(), Says::Section5Empty { only });
    f.sentence = Some(h.text.clone());
    vec![f]
}

// ───────────────────────────── the rules ─────────────────────────────

pub const S01: Rule = Rule {
    id: "S01",
    severity: Severity::Warning,
    title: "六个部分齐全、顺序正确",
    checks: "正文有“一、总体情况”至“六、其他需要报告的事项”六个部分的标题，且按顺序排列；标题写法有出入（如“五、存在问题及改进情况”“存在的主要问题及整改措施”、用“一.”或 Markdown 标题）仍认作同一部分。",
    why: "年度报告格式规定了六个部分；缺一部分，往往就缺了应报告的内容。",
    example: "报告从“四、政府信息公开行政复议、行政诉讼情况”直接跳到“六、其他需要报告的事项”，没有第五部分。",
    how: How::One(s01),
};

pub const S02: Rule = Rule {
    id: "S02",
    severity: Severity::Error,
    title: "格式版本与报告年度相符",
    checks: "从表格标签识别格式版本（2019 年版或 2021 年版），它必须与报告年度相符：2019、2020 年度用 2019 年版，2021 年度起用 2021 年版。",
    why: "2021 年起国办公开办函〔2021〕30号规定了新的表格；仍用旧表的报告缺少新增的统计项。",
    example: "2022 年度报告仍用“本年新制作数量”“政府集中采购”等旧表：未按照新格式。",
    how: How::One(s02),
};

pub const S03: Rule = Rule {
    id: "S03",
    severity: Severity::Error,
    title: "三张统计表齐全",
    checks: "表二（主动公开）、表三（依申请公开）、表四（复议诉讼）都能找到。",
    why: "三张表是年度报告格式的必备内容，缺表就无法核对。",
    example: "报告只有文字，没有“收到和处理政府信息公开申请情况”表。",
    how: How::One(s03),
};

pub const S04: Rule = Rule {
    id: "S04",
    severity: Severity::Warning,
    title: "行列标签用规范表述",
    checks: "每个行、列标签都能对应到官方格式的标签；不规范的写法按原文列出。",
    why: "标签改动容易造成统计口径不一，也说明表格没有照官方模板填写。",
    example: "表三列标题写作“社会组织”，官方为“社会公益组织”。",
    how: How::One(s04),
};

pub const S06: Rule = Rule {
    id: "S06",
    severity: Severity::Error,
    title: "报告年度前后一致",
    checks: "标题、统计期限和正文提到本报告时写的年度是同一年。",
    why: "照搬上年报告时最容易漏改年份；年度不一致，整份报告的数据归属就说不清。",
    example: "标题为“2021年政府信息公开工作年度报告”，正文写“统计期限为2020年1月1日至12月31日”。",
    how: How::One(s06),
};

pub const S07: Rule = Rule {
    id: "S07",
    severity: Severity::Warning,
    title: "统计期限为全年",
    checks: "正文写明的统计期限从报告年度的 1 月 1 日起，到同年 12 月 31 日止。",
    why: "年度报告统计一个完整的自然年度；期限不全或跨年，数字就不能与上下年衔接。",
    example: "“本报告统计期限为2021年1月1日至2021年11月30日”。",
    how: How::One(s07),
};

pub const S09: Rule = Rule {
    id: "S09",
    severity: Severity::Warning,
    title: "第五部分有实际内容",
    checks: "“五、存在的主要问题及改进情况”不为空，也不只写一个“无”。",
    why: "格式要求如实报告存在的问题和改进措施，一个“无”等于没有报告。",
    example: "“五、存在的主要问题及改进情况 无。”",
    how: How::One(s09),
};

/// This family's rules, for the catalogue.
pub const RULES: &[&Rule] = &[&S01, &S02, &S03, &S04, &S06, &S07, &S09];
