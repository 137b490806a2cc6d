//! Structure rules (S): the report's format, tables and labels.

use super::Ctx;
use crate::format::{self, Version};
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
        Some(Version::V2021) => format!("{year} 年度报告应使用{}，本报告仍用{}：未按照新格式", Version::V2021.name(), m.version.name()),
        Some(_) => format!("{year} 年度报告应使用{}，本报告用的是{}", Version::V2019.name(), m.version.name()),
    };
    vec![Finding::new("S02", Severity::Error, Vec::new(), msg)]
}

/// S03: tables t2, t3, t4 are present, with the rows of the report's format.
pub fn s03(ctx: &Ctx) -> Vec<Finding> {
    let m = ctx.model;
    let names = ["表二“主动公开政府信息情况”", "表三“收到和处理政府信息公开申请情况”", "表四“政府信息公开行政复议、行政诉讼情况”"];
    // A table announced by its heading (or shown as a picture) but not read is the checker's
    // failure, said in the report's `reading`, not an error of the report.
    let mut out: Vec<Finding> = names
        .iter()
        .enumerate()
        .filter(|(i, _)| m.lacks_table(*i))
        .map(|(_, name)| Finding::new("S03", Severity::Error, Vec::new(), format!("找不到{name}，无法核对这部分数据")))
        .collect();
    if m.version == Version::V2021 && m.shape.single_other_row && m.tables_found[1] {
        let cells = m.shape.table("t3").map_or_else(Vec::new, |t| {
            t.rows.iter().filter(|r| r.key == "other").flat_map(|r| r.columns.iter().map(|c| format::address("t3", r.key, c.key))).collect()
        });
        out.push(Finding::new(
            "S03",
            Severity::Error,
            cells,
            "表三（六）其他处理仍是 2019 年版的一行：2021 年版格式（国办公开办函〔2021〕30号）把它分为三行——\
             1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请；2.申请人逾期未按收费通知要求缴纳费用、\
             行政机关不再处理其政府信息公开申请；3.其他。请按新格式分项填报（本工具仍按这一行核对各项合计）。"
                .to_string(),
        ));
    }
    out
}

/// S04: labels written differently from the official wording, quoted exactly.
pub fn s04(ctx: &Ctx) -> Vec<Finding> {
    ctx.model
        .odd_labels
        .iter()
        .map(|l| Finding::new("S04", Severity::Warning, l.cells.clone(), format!("标签写作“{}”，官方格式为“{}”", l.written, l.official)))
        .collect()
}

/// S01: the six sections are there, in order (headings matched by their labels, tolerantly).
pub fn s01(ctx: &Ctx) -> Vec<Finding> {
    use crate::text::SECTION_NAMES;
    let m = ctx.model;
    if m.paras.is_empty() {
        return Vec::new(); // a form without running text (a spreadsheet, JSON): nothing to check
    }
    let hs = &m.outline.headings;
    if hs.is_empty() {
        let msg = "找不到报告六个部分的标题（一、总体情况 … 六、其他需要报告的事项），请核对报告是否按格式分部分编写".to_string();
        return vec![Finding::new("S01", Severity::Warning, Vec::new(), msg)];
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
        let msg =
            format!("找不到第{}部分“{}”的标题", "一二三四五六".chars().nth(s as usize - 1).unwrap_or('?'), SECTION_NAMES[s as usize - 1]);
        out.push(Finding::new("S01", Severity::Warning, Vec::new(), msg));
    }
    let order: Vec<u8> = hs.iter().map(|h| h.section).collect();
    if order.windows(2).any(|w| w[0] > w[1]) {
        let written: Vec<&str> = hs.iter().map(|h| h.text.as_str()).collect();
        let msg = format!("各部分的顺序与格式不符：文中依次为 {}", written.join(" → "));
        out.push(Finding::new("S01", Severity::Warning, Vec::new(), msg));
    }
    out
}

/// S06: one report year everywhere: the title, the statistics period, the text's own mentions.
pub fn s06(ctx: &Ctx) -> Vec<Finding> {
    use crate::text::{period, report_years_in_text};
    let m = ctx.model;
    let mut sources: Vec<(i32, String, Option<String>)> = Vec::new(); // (year, where, sentence)
    if let Some(y) = m.title.as_deref().and_then(crate::text::year_in) {
        sources.push((y, "标题".into(), None));
    }
    if let Some(p) = period(&m.outline.sentences) {
        if let Some(y) = p.start.year {
            sources.push((y, "统计期限".into(), Some(p.sentence.clone())));
        }
    }
    for (y, s) in report_years_in_text(&m.outline.sentences, m.title.as_deref()) {
        sources.push((y, "正文".into(), Some(s)));
    }
    let Some(first) = sources.first().map(|s| s.0) else { return Vec::new() };
    let odd: Vec<&(i32, String, Option<String>)> = sources.iter().filter(|s| s.0 != first).collect();
    if odd.is_empty() {
        return Vec::new();
    }
    let mut said: Vec<String> = Vec::new();
    for (y, w, _) in &sources {
        let t = format!("{w}为 {y} 年");
        if !said.contains(&t) {
            said.push(t);
        }
    }
    let mut f = Finding::new("S06", Severity::Error, Vec::new(), format!("报告年度前后不一致：{}", said.join("，")))
        .values(first as f64, odd[0].0 as f64);
    f.sentence = odd[0].2.clone();
    vec![f]
}

/// S07: the statistics period runs from 1月1日 to 12月31日 of one year.
pub fn s07(ctx: &Ctx) -> Vec<Finding> {
    let Some(p) = crate::text::period(&ctx.model.outline.sentences) else { return Vec::new() };
    let mut wrong = Vec::new();
    if (p.start.month, p.start.day) != (1, 1) {
        wrong.push(format!("起于 {} 月 {} 日，应为 1 月 1 日", p.start.month, p.start.day));
    }
    match p.end {
        Some(e) if (e.month, e.day) != (12, 31) => wrong.push(format!("止于 {} 月 {} 日，应为 12 月 31 日", e.month, e.day)),
        Some(e) if e.year.is_some_and(|y| Some(y) != p.start.year) => {
            wrong.push(format!("跨了年度（{} 年至 {} 年）", p.start.year.unwrap_or(0), e.year.unwrap_or(0)))
        }
        None => wrong.push("没有写明止于哪一天".into()),
        _ => {}
    }
    if wrong.is_empty() {
        return Vec::new();
    }
    let mut f = Finding::new(
        "S07",
        Severity::Warning,
        Vec::new(),
        format!("统计期限应为报告年度的 1 月 1 日至 12 月 31 日：文中{}", wrong.join("，")),
    );
    f.sentence = Some(p.sentence);
    vec![f]
}

/// S09: section 五 says something: not empty, not only "无".
pub fn s09(ctx: &Ctx) -> Vec<Finding> {
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
    let msg = if core.is_empty() {
        "第五部分“存在的主要问题及改进情况”没有内容".to_string()
    } else if ["无", "暂无", "没有", "无问题", "无此情况", "本年度无"].contains(&core) {
        format!("第五部分“存在的主要问题及改进情况”只写了“{core}”：应如实写明存在的问题和改进措施")
    } else {
        return Vec::new();
    };
    let mut f = Finding::new("S09", Severity::Warning, Vec::new(), msg);
    f.sentence = Some(h.text.clone());
    vec![f]
}
