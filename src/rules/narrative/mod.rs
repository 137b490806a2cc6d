//! Text against tables (N): the numbers a report states in its running text (sections 一, 五, 六
//! and the preamble) compared with its own tables.
//!
//! The text is cut into the six sections by their headings, wrapped lines (text pulled out of a
//! PDF) are joined, and the text is split into sentences at 。；！？. In a sentence every count
//! ("1295 件", "十二件", "36起") is read with the clause before it (back to the previous count or
//! comma): the keyword nearest the number says what the count is. A keyword far from its number,
//! two competing keywords, an approximate count ("100余件") or a sentence that is not about
//! requests are left alone: a false alarm on a consistent report costs more than a missed one.
//!
//! Every comparison is kept as a [`Claim`] (what was read, against which cells, the outcome), so
//! tests and tools can see what agreed, not only what failed.

use super::{Ctx, How, Rule};
use crate::format::{self, Named};
use crate::model::Model;
use crate::report::{Finding, Severity};
use crate::says::{Says, Stated, TextResult};
use crate::text::{any_of, chars_of, chinese_number, contains, find, Sentence};

mod claims;
mod counts;
mod keywords;
#[cfg(test)]
mod tests;

pub use claims::{claims, Claim, Outcome};
use counts::*;
use keywords::*;

// ───────────────────────────── findings ─────────────────────────────

fn finding(m: &Model, c: &Claim) -> Option<Finding> {
    let rule = RULES.iter().copied().find(|r| r.id == c.rule)?;
    let table = format::table_name(if c.cells.first().is_some_and(|a| a.starts_with("t4/")) { "t4" } else { "t3" });
    // The tables' short names ("表三", "table 3") read better in a sentence than their titles.
    let table = Named::new(table.zh.split('“').next().unwrap_or("").to_string(), table.en.split(" (").next().unwrap_or("").to_string());
    let v = c.table.unwrap_or(0.0);
    let (result, severity) = match &c.outcome {
        Outcome::Agrees | Outcome::AgreesAs(_) => return None,
        Outcome::NotAssessable => (TextResult::NotAssessable { unread: c.cells.iter().take(3).map(|a| m.shape.name(a)).collect() }, None),
        Outcome::Partial(p) => (TextResult::Partial { table: v, equals: p.clone() }, Some(Severity::Info)),
        Outcome::Differs => {
            // A statement about corrected results names the one cell it is about, if one.
            let cell =
                (c.cells.len() == 1 && matches!(c.says, Stated::NothingCorrected | Stated::AllUpheld)).then(|| m.shape.name(&c.cells[0]));
            (TextResult::Differs { table: v, cell }, Some(rule.severity))
        }
    };
    let says = Says::TextVsTable { stated: c.says.clone(), what: c.what.clone(), table, result };
    let mut f = match severity {
        None => Finding::not_assessable(rule, c.cells.clone(), says),
        Some(s) => Finding::new(rule, c.cells.clone(), says).at(s).values(v, c.stated),
    };
    f.sentence = Some(c.sentence.clone());
    Some(f)
}

/// Every comparison of the text that fails or cannot be assessed, for one N rule (the text is
/// read once for all of them).
pub fn check(ctx: &Ctx, rule: &'static Rule) -> Vec<Finding> {
    let all = ctx.claims.get_or_init(|| claims(ctx.model));
    all.iter().filter(|c| c.rule == rule.id).filter_map(|c| finding(ctx.model, c)).collect()
}

// ───────────────────────────── the rules ─────────────────────────────

pub const N01: Rule = Rule {
    id: "N01",
    severity: Severity::Warning,
    title: "文字中的收到申请数与表三一致",
    checks: "第一、五、六部分“（共）收到/受理……申请 X 件”与表三本年新收总计相符（写明或实际含上年结转的，与新收加上年结转相符）；紧跟其后的“其中自然人 X 件、法人或其他组织 X 件”与相应列相符。",
    why: "文字和表格是同一份报告的两处表述，数字不同说明至少有一处写错。",
    example: "正文“全年共收到政府信息公开申请 72 件”，表三本年新收总计为 70。",
    how: How::One(check),
};

pub const N02: Rule = Rule {
    id: "N02",
    severity: Severity::Warning,
    title: "文字中的上年结转数与表三一致",
    checks: "“上年结转 X 件”与表三上年结转总计相符。",
    why: "文字和表格应一致。",
    example: "“办结 1191 件（含上年结转 189 件）”，表三上年结转总计为 180。",
    how: How::One(check),
};

pub const N03: Rule = Rule {
    id: "N03",
    severity: Severity::Warning,
    title: "文字中的办结数与表三一致",
    checks: "“办结/答复/共办理 X 件”与表三办理结果总计相符。",
    why: "文字和表格应一致。",
    example: "“及时依法依规办结 69 件”，表三（七）总计为 68。",
    how: How::One(check),
};

pub const N04: Rule = Rule {
    id: "N04",
    severity: Severity::Warning,
    title: "文字中的结转下年度数与表三一致",
    checks: "“结转下年度（继续办理）X 件”“X 件顺延到下年度”与表三结转下年度继续办理总计相符。",
    why: "文字和表格应一致。",
    example: "“1 件结转下年度继续办理”，表三结转下年度总计为 0。",
    how: How::One(check),
};

pub const N05: Rule = Rule {
    id: "N05",
    severity: Severity::Warning,
    title: "文字中的办理结果与表三一致",
    checks: "“予以公开/部分公开/不予公开/无法提供/不予处理/其他处理 X 件”与表三该行或该组各项之和相符（“予以公开及部分公开”为两行之和）；只与其中一项或某一列相符时，指明是哪一项（提示）。",
    why: "文字常只引用一组中的一项或自然人一列，要区分“说得不全”和“说错了”。",
    example: "“不予公开 20 件”，表三不予公开 8 项之和为 18。",
    how: How::One(check),
};

pub const N06: Rule = Rule {
    id: "N06",
    severity: Severity::Warning,
    title: "文字中的百分比算得对",
    checks: "办理结果后写的“占 X%”“（X%）”按办理结果总计重新计算，误差不超过 0.1 个百分点。",
    why: "百分比是由件数算出来的，算错说明件数或总数有一处不对。",
    example: "“予以公开及部分公开 42 件，占 58.85%”，42 ÷ 81 = 51.85%。",
    how: How::One(check),
};

pub const N07: Rule = Rule {
    id: "N07",
    severity: Severity::Warning,
    title: "文字中的复议、诉讼数与表四一致",
    checks: "“行政复议 X 件（起）”与表四行政复议总计相符，“行政诉讼 X 件（起）”与未经复议直接起诉和复议后起诉的总计之和相符；“均获维持”“未发生被纠错、败诉”时表四结果纠正为 0。",
    why: "文字和表格应一致；说“均获维持”而表中有纠正，是实质性的矛盾。",
    example: "“行政诉讼 9 起”，表四两类行政诉讼总计之和为 6。",
    how: How::One(check),
};

pub const N10: Rule = Rule {
    id: "N10",
    severity: Severity::Error,
    title: "说未发生复议诉讼，表四应全为 0",
    checks: "文字说“未发生（因政府信息公开引起的）行政复议、行政诉讼”时，表四相应的总计为 0。",
    why: "报告自相矛盾：文字否认的事，表格里却有。",
    example: "“本年度未发生行政复议、行政诉讼”，表四行政复议总计为 1。",
    how: How::One(check),
};

pub const N11: Rule = Rule {
    id: "N11",
    severity: Severity::Error,
    title: "说未收到申请，表三新收应为 0",
    checks: "文字说“未收到/无……政府信息公开申请”时，表三本年新收总计为 0。",
    why: "报告自相矛盾：文字说没有申请，表格里却有。",
    example: "“2021年我乡无收到任何组织或个人依申请公开政府信息的情况”，表三本年新收总计为 2。",
    how: How::One(check),
};

/// This family's rules, for the catalogue.
pub const RULES: &[&Rule] = &[&N01, &N02, &N03, &N04, &N05, &N06, &N07, &N10, &N11];
