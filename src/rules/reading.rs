//! Extraction doubts (P): what recognition itself says while reading the tables — a number it
//! read with a doubt (P01), a row it did not read (P03). Emitted by `recognise.rs`.
//!
//! (A table 四 written as one run of 15 numbers is read by the format's fixed order of its three
//! blocks, which leaves nothing to doubt: the catalogue once listed that as P04 and never emitted it.)

use super::{How, Rule};
use crate::report::Severity;

// ───────────────────────────── the rules ─────────────────────────────

pub const P01: Rule = Rule {
    id: "P01",
    severity: Severity::Doubt,
    title: "数字可能被拆开",
    checks: "表三一行多出一个数字，而把相邻两个一位数连起来（2、0 → 20）正好使总计相符时，按连起来读取并提示核对。",
    why: "网页和 PDF 提取常把一个两位数拆进两个单元格。",
    example: "“予以公开”一行读出 2 0 0 0 0 0 0 20：应为 20 0 0 0 0 0 20。",
    how: How::Reading,
};

pub const P03: Rule = Rule {
    id: "P03",
    severity: Severity::Doubt,
    title: "一行的数字个数不对",
    checks: "表格一行读出的数字比列数多或少（提取丢失、错位），或这一行读得不可靠（分页处断开后无法拼合、两处文字都像这一行、数据格里有表头文字、只剩标签的一段），这一行不读取、标为无法核对，绝不移位填充。",
    why: "PDF 转文字、复制粘贴常丢失或挪动单元格；移位读取会造成虚假的错误。",
    example: "“规章”一行只读出 22、235 两个数字，应有三个。",
    how: How::Reading,
};

/// This family's rules, for the catalogue.
pub const RULES: &[&Rule] = &[&P01, &P03];
