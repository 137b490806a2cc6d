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

use super::Ctx;
use crate::cell;
use crate::format;
use crate::model::Model;
use crate::recognise::norm;
use crate::report::{Finding, Severity};

// ───────────────────────────── sections ─────────────────────────────

/// Section names for messages, by number (1–6).
pub const SECTION_NAMES: [&str; 6] = [
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
];

const NUMERALS: &str = "一二三四五六";

/// Longer lines are no headings (a heading has at most 40 characters once spaces and marks are
/// dropped).
const MAX_HEADING_CHARS: usize = 400;

/// Which of the six sections a line heads, by its label (tolerant: "五、存在问题及改进情况",
/// "五.存在的主要问题及整改措施", "## 一、总体情况"). The numbering written may differ from the
/// label's place (a report that skips a section); the label decides.
pub fn heading(line: &str) -> Option<u8> {
    // A line of hundreds of characters heads nothing; not normalised whole for every look.
    if line.chars().nth(MAX_HEADING_CHARS).is_some() {
        return None;
    }
    let n = norm(line);
    let n = n.trim_end_matches(['。', '.', ':']);
    let count = n.chars().count();
    if count == 0 || count > 40 {
        return None;
    }
    let first = n.chars().next()?;
    let numbered = NUMERALS.contains(first) && {
        let rest = &n[first.len_utf8()..];
        rest.starts_with('、') || rest.starts_with('.') || rest.starts_with('，') || rest.starts_with(',')
    };
    let rest: &str = if numbered {
        let r = &n[first.len_utf8()..];
        &r[r.chars().next().map_or(0, char::len_utf8)..]
    } else {
        // Without numbering only a whole, short section title counts (a markdown "## 总体情况"),
        // never a sub-heading "（一）主动公开情况".
        let plain = !n.starts_with(|c: char| c == '(' || c.is_ascii_digit() || NUMERALS.contains(c));
        if !plain || count > 24 || !(n.ends_with("情况") || n.ends_with("事项") || n.ends_with("措施")) {
            return None;
        }
        n
    };
    section_of_label(rest)
}

/// "（一）总体情况", "(五)存在的主要问题及改进情况": a section title under bracketed numbering.
fn bracketed_heading(line: &str) -> Option<u8> {
    if line.chars().nth(MAX_HEADING_CHARS).is_some() {
        return None;
    }
    let n = norm(line);
    let n = n.trim_end_matches(['。', '.', ':']);
    let mut cs = n.chars();
    let (a, b, c) = (cs.next()?, cs.next()?, cs.next()?);
    if a != '(' || !NUMERALS.contains(b) || c != ')' || n.chars().count() > 30 {
        return None;
    }
    let rest: String = n.chars().skip(3).collect();
    let s = section_of_label(&rest)?;
    // The label must be the section's whole title, not a sub-heading that mentions it.
    (NUMERALS.chars().nth(s as usize - 1) == Some(b) || rest.ends_with("情况") || rest.ends_with("事项") || rest.ends_with("措施"))
        .then_some(s)
}

/// Every heading line: (paragraph index, section). When no line heads section 五, a short line
/// between 四 (or 三) and 六 that names the problems and improvements stands for it (text pulled
/// out of a PDF can lose the numbered heading: "（一）2024 年工作中存在问题的改进情况").
fn heading_lines(paras: &[String]) -> Vec<(usize, u8)> {
    let mut out: Vec<(usize, u8)> = paras.iter().enumerate().filter_map(|(i, p)| heading(p).map(|s| (i, s))).collect();
    if out.is_empty() {
        // A report numbered "（一）总体情况 … （六）其他需要报告的事项": only when no "一、" heading
        // exists, because elsewhere "（一）主动公开情况" is a sub-heading.
        out = paras.iter().enumerate().filter_map(|(i, p)| bracketed_heading(p).map(|s| (i, s))).collect();
    }
    if !out.iter().any(|&(_, s)| s == 5) {
        let after = out.iter().filter(|&&(_, s)| s == 4 || s == 3).map(|&(i, _)| i).max();
        let before = out.iter().filter(|&&(_, s)| s == 6).map(|&(i, _)| i).min();
        if let (Some(a), Some(b)) = (after, before) {
            let found = (a + 1..b).find(|&i| {
                let n = norm(&paras[i]);
                let core =
                    n.trim_start_matches(|c: char| c == '(' || c == ')' || NUMERALS.contains(c) || c.is_ascii_digit() || "、.".contains(c));
                n.chars().count() <= 30 && section_of_label(core) == Some(5)
            });
            if let Some(i) = found {
                out.push((i, 5));
                out.sort();
            }
        }
    }
    out
}

fn section_of_label(l: &str) -> Option<u8> {
    if l.starts_with("总体情况") || l == "概述" || l.starts_with("基本情况") {
        Some(1)
    } else if l.contains("主动公开") && !l.contains("申请") {
        Some(2)
    } else if l.contains("收到和处理") || l.contains("依申请公开情况") || l.ends_with("申请情况") {
        Some(3)
    } else if (l.contains("行政复议") || l.contains("行政诉讼")) && l.chars().count() > 6 {
        Some(4)
    } else if l.contains("存在") && l.contains("问题") || l.contains("改进情况") || l.contains("整改") {
        Some(5)
    } else if l.contains("其他需要报告") || l.contains("其他需报告") || l.starts_with("其他事项") {
        Some(6)
    } else {
        None
    }
}

/// A heading found in the text.
#[derive(Debug, Clone, PartialEq)]
pub struct Heading {
    pub section: u8,
    /// Index in `Model::paras`.
    pub para: usize,
    pub text: String,
}

/// The section headings in the order they appear (first heading of each section only).
pub fn headings(paras: &[String]) -> Vec<Heading> {
    let mut out: Vec<Heading> = Vec::new();
    for (i, s) in heading_lines(paras) {
        if !out.iter().any(|h| h.section == s) {
            out.push(Heading { section: s, para: i, text: paras[i].trim().to_string() });
        }
    }
    out
}

/// The section (0 = before the first heading) of every paragraph.
pub fn section_of_paras(paras: &[String]) -> Vec<u8> {
    // Heading lines come in paragraph order: walked alongside (a search per paragraph made a
    // text of many headings quadratic).
    let mut lines = heading_lines(paras).into_iter().peekable();
    let mut cur = 0;
    (0..paras.len())
        .map(|i| {
            while let Some((_, s)) = lines.next_if(|&(j, _)| j <= i) {
                cur = s;
            }
            cur
        })
        .collect()
}

// ───────────────────────────── sentences ─────────────────────────────

#[derive(Debug, Clone, PartialEq)]
pub struct Sentence {
    /// 0 before the first heading, else 1–6.
    pub section: u8,
    /// The block (a paragraph, or wrapped lines joined) it comes from.
    pub block: usize,
    /// The sentence as written, without its final 。；！？ (wrapped lines joined).
    pub text: String,
}

use crate::recognise::is_page_footer;

const ENDS: &[char] = &['。', '；', '！', '？', ';', '!', '?'];

/// A line that starts a new item ("（二）", "一是", "1、", "一、"), never the tail of a wrapped line.
fn starts_item(line: &str) -> bool {
    // Its first two characters decide: the head of a long line is enough.
    let n = norm(&line.chars().take(64).collect::<String>());
    let mut cs = n.chars();
    let (a, b) = (cs.next(), cs.next());
    match (a, b) {
        (Some('('), _) => true,
        (Some(x), Some(y)) if "一二三四五六七八九十".contains(x) && "、.是".contains(y) => true,
        (Some(x), Some(y)) if x.is_ascii_digit() && "、.".contains(y) => true,
        _ => false,
    }
}

/// Sentences of the running text, with the section each is in. Lines of a paragraph wrapped by a
/// PDF are joined (a line that does not end a sentence, is long, and is followed by a line that
/// does not start an item or a heading), page footers between them dropped.
pub fn sentences(paras: &[String]) -> Vec<Sentence> {
    let sections = section_of_paras(paras);
    let mut blocks: Vec<(u8, String)> = Vec::new();
    let mut open = false; // the last block may take the next line
    for (i, p) in paras.iter().enumerate() {
        let line = p.trim_matches(cell::is_space);
        if is_page_footer(line) {
            continue;
        }
        let is_heading = heading(line).is_some();
        let joinable = open && !is_heading && !starts_item(line) && blocks.last().is_some_and(|(s, _)| *s == sections[i]);
        if joinable {
            if let Some((_, b)) = blocks.last_mut() {
                b.push_str(line);
            }
        } else {
            blocks.push((sections[i], line.to_string()));
        }
        let last_line_len = line.chars().filter(|c| !cell::is_space(*c)).count();
        open = !is_heading && last_line_len >= 20 && !line.ends_with(ENDS) && !line.ends_with(['：', ':']);
    }
    let mut out = Vec::new();
    for (bi, (section, text)) in blocks.iter().enumerate() {
        let mut cur = String::new();
        for c in text.chars() {
            if ENDS.contains(&c) {
                push_sentence(&mut out, *section, bi, &cur);
                cur.clear();
            } else {
                cur.push(c);
            }
        }
        push_sentence(&mut out, *section, bi, &cur);
    }
    out
}

/// Longer sentences are not read (the corpus's longest has 264 characters): no report states a
/// number in one, and every claim a sentence makes carries a copy of it.
pub const MAX_SENTENCE_CHARS: usize = 2000;

fn push_sentence(out: &mut Vec<Sentence>, section: u8, block: usize, s: &str) {
    let t = s.trim_matches(cell::is_space);
    if !t.is_empty() && t.chars().nth(MAX_SENTENCE_CHARS).is_none() {
        out.push(Sentence { section, block, text: t.to_string() });
    }
}

/// A sentence as characters for matching: spaces dropped, full-width digits folded.
fn chars_of(s: &str) -> Vec<char> {
    s.chars().filter(|c| !cell::is_space(*c)).map(cell::fold_width).collect()
}

fn find(c: &[char], word: &str, from: usize) -> Option<usize> {
    let w: Vec<char> = word.chars().collect();
    if w.is_empty() || c.len() < w.len() {
        return None;
    }
    (from..=c.len() - w.len()).find(|&i| c[i..i + w.len()] == w[..])
}

fn contains(c: &[char], word: &str) -> bool {
    find(c, word, 0).is_some()
}

fn any_of(c: &[char], words: &[&str]) -> bool {
    words.iter().any(|w| contains(c, w))
}

// ───────────────────────────── numbers ─────────────────────────────

/// A Chinese numeral as written in sentences: 零, 一…十, 两, 十二, 二十三, 一百零五, 三千二百.
/// Returns None for anything that is not one well-formed number ("一一", "十十").
pub fn chinese_number(s: &str) -> Option<u64> {
    let digit = |c: char| {
        "零〇一二三四五六七八九".find(c).map(|_| match c {
            '零' | '〇' => 0,
            '一' => 1,
            '二' => 2,
            '三' => 3,
            '四' => 4,
            '五' => 5,
            '六' => 6,
            '七' => 7,
            '八' => 8,
            _ => 9,
        })
    };
    let chars: Vec<char> = s.chars().collect();
    if chars.is_empty() {
        return None;
    }
    if chars == ['两'] {
        return Some(2);
    }
    let mut total: u64 = 0; // completed 万 groups
    let mut section: u64 = 0; // below 万
    let mut pending: Option<u64> = None; // a digit waiting for its unit
    let mut last_unit = u64::MAX;
    for (i, &c) in chars.iter().enumerate() {
        let c = if c == '两' { '二' } else { c };
        if let Some(d) = digit(c) {
            if pending.is_some() && pending != Some(0) {
                return None; // two digits in a row
            }
            pending = Some(d);
            continue;
        }
        let unit = match c {
            '十' => 10,
            '百' => 100,
            '千' => 1000,
            '万' => 10_000,
            _ => return None,
        };
        if unit == 10_000 {
            section += pending.take().unwrap_or(0);
            if section == 0 {
                return None;
            }
            total += section * 10_000;
            section = 0;
            last_unit = u64::MAX;
            continue;
        }
        if unit >= last_unit {
            return None; // 十百, 百百
        }
        let d = match pending.take() {
            Some(d) => d,
            None if unit == 10 && (i == 0 || section == 0 && total == 0) => 1, // 十二 = 12
            None => return None,
        };
        if d == 0 {
            return None;
        }
        section += d * unit;
        last_unit = unit;
    }
    section += pending.unwrap_or(0);
    Some(total + section)
}

/// A count stated in a sentence: a number and its unit.
#[derive(Debug, Clone, PartialEq)]
struct Count {
    value: f64,
    /// Index of the first character of the number.
    start: usize,
    /// Index just after the unit.
    end: usize,
    unit: char,
    /// "100余件", "1.5万件": not compared.
    approx: bool,
}

const CN_NUM: &str = "零〇一二两三四五六七八九十百千万";

fn counts(c: &[char]) -> Vec<Count> {
    let mut out: Vec<Count> = Vec::new();
    for i in 0..c.len() {
        let unit = c[i];
        if unit != '件' && unit != '起' {
            continue;
        }
        let mut k = i;
        let mut approx = false;
        if k > 0 && "余多".contains(c[k - 1]) {
            approx = true;
            k -= 1;
        }
        if k == 0 {
            continue;
        }
        let (start, value) = if c[k - 1].is_ascii_digit() {
            let mut s = k;
            while s > 0 && (c[s - 1].is_ascii_digit() || (matches!(c[s - 1], ',' | '.') && s >= 2 && c[s - 2].is_ascii_digit())) {
                s -= 1;
            }
            let text: String = c[s..k].iter().filter(|&&x| x != ',').collect();
            if text.contains('.') {
                approx = true;
            }
            match text.parse::<f64>() {
                Ok(v) => (s, v),
                Err(_) => continue,
            }
        } else if unit == '件' && CN_NUM.contains(c[k - 1]) {
            let mut s = k;
            while s > 0 && CN_NUM.contains(c[s - 1]) {
                s -= 1;
            }
            // "1.2万件": digits before a Chinese unit
            if s > 0 && c[s - 1].is_ascii_digit() {
                approx = true;
            }
            let text: String = c[s..k].iter().collect();
            match chinese_number(&text) {
                Some(v) => (s, v as f64),
                None => continue,
            }
        } else {
            continue;
        };
        // "第3件" is an ordinal, "每一件" a manner of speaking, "一件事" (高效办成一件事) a slogan;
        // "36起" must not be "起诉", "起草", "一起".
        if start > 0 && "第每这那哪".contains(c[start - 1]) || unit == '件' && c.get(i + 1) == Some(&'事') {
            continue;
        }
        if unit == '起' && (!c[start].is_ascii_digit() || c.get(i + 1).is_some_and(|n| "诉草来到止始码点身步见".contains(*n))) {
            continue;
        }
        out.push(Count { value, start, end: i + 1, unit, approx });
    }
    out
}

// ───────────────────────────── what a count is ─────────────────────────────

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Target {
    New,
    Carried,
    Results,
    /// "办理 X 件": mostly the results, sometimes what came in.
    Handled,
    CarryForward,
    /// A t3 row (granted, partial, a sub-row).
    Row(&'static str),
    /// A t3 group: Σ of the rows whose key starts with the prefix ("denied", "unable", …).
    Group(&'static str),
    GrantedPartial,
    Review,
    Suits,
    ReviewAndSuits,
    /// An applicant column (natural, …), or "legal_persons" for the five 法人 columns.
    Column(&'static str),
}

impl Target {
    fn rule(self) -> &'static str {
        match self {
            Target::New | Target::Column(_) => "N01",
            Target::Carried => "N02",
            Target::Results | Target::Handled => "N03",
            Target::CarryForward => "N04",
            Target::Row(_) | Target::Group(_) | Target::GrantedPartial => "N05",
            Target::Review | Target::Suits | Target::ReviewAndSuits => "N07",
        }
    }
}

/// Keywords, the thing they name, and whether they are generic words that name a request count
/// only close to the number or with 申请 between ("办理", "答复").
const KEYWORDS: &[(&str, Target, bool)] = &[
    ("收到", Target::New, true),
    ("受理", Target::New, true),
    ("新收", Target::New, true),
    ("接收", Target::New, true),
    ("接到", Target::New, true),
    ("收悉", Target::New, true),
    ("上年结转", Target::Carried, false),
    ("上年度结转", Target::Carried, false),
    ("上一年度结转", Target::Carried, false),
    ("上一年结转", Target::Carried, false),
    ("上年转入", Target::Carried, false),
    ("上年度转入", Target::Carried, false),
    ("上年遗留", Target::Carried, false),
    ("办结", Target::Results, true),
    ("答复", Target::Results, true),
    ("办理", Target::Handled, true),
    ("处理完毕", Target::Results, true),
    ("办理完毕", Target::Results, true),
    ("结转下", Target::CarryForward, false),
    ("结转至", Target::CarryForward, false),
    ("结转到", Target::CarryForward, false),
    ("转入下", Target::CarryForward, false),
    ("顺延", Target::CarryForward, false),
    ("继续办理", Target::CarryForward, true),
    ("正在办理", Target::CarryForward, true),
    ("尚在办理", Target::CarryForward, true),
    ("尚未办结", Target::CarryForward, true),
    ("予以公开", Target::Row("granted"), false),
    ("同意公开", Target::Row("granted"), false),
    ("全部公开", Target::Row("granted"), false),
    ("部分公开", Target::Row("partial"), false),
    ("予以公开及部分公开", Target::GrantedPartial, false),
    ("予以公开和部分公开", Target::GrantedPartial, false),
    ("予以公开、部分公开", Target::GrantedPartial, false),
    ("予以公开或部分公开", Target::GrantedPartial, false),
    ("予以公开与部分公开", Target::GrantedPartial, false),
    ("全部或部分公开", Target::GrantedPartial, false),
    ("全部公开和部分公开", Target::GrantedPartial, false),
    ("不予公开", Target::Group("denied"), false),
    ("无法提供", Target::Group("unable"), false),
    ("不予处理", Target::Group("rejected"), false),
    ("其他处理", Target::Group("other"), false),
    ("国家秘密", Target::Row("denied.secret"), false),
    ("禁止公开", Target::Row("denied.law"), false),
    ("三安全一稳定", Target::Row("denied.safety"), false),
    ("第三方合法权益", Target::Row("denied.third_party"), false),
    ("内部事务", Target::Row("denied.internal"), false),
    ("过程性信息", Target::Row("denied.process"), false),
    ("行政执法案卷", Target::Row("denied.enforcement"), false),
    ("行政查询", Target::Row("denied.query"), false),
    ("不掌握", Target::Row("unable.not_held"), false),
    ("另行制作", Target::Row("unable.to_create"), false),
    ("仍不明确", Target::Row("unable.unclear"), false),
    ("信访举报投诉", Target::Row("rejected.petition"), false),
    ("重复申请", Target::Row("rejected.repeat"), false),
    ("公开出版物", Target::Row("rejected.publication"), false),
    ("大量反复", Target::Row("rejected.mass"), false),
    ("确认或重新出具", Target::Row("rejected.confirm"), false),
    ("逾期不补正", Target::Row("other.no_correction"), false),
    ("缴纳费用", Target::Row("other.no_fee"), false),
    ("行政复议", Target::Review, false),
    ("复议", Target::Review, false),
    ("行政诉讼", Target::Suits, false),
    ("诉讼", Target::Suits, false),
    ("起诉", Target::Suits, false),
    ("应诉", Target::Suits, false),
    ("行政复议和行政诉讼", Target::ReviewAndSuits, false),
    ("行政复议、行政诉讼", Target::ReviewAndSuits, false),
    ("行政复议及行政诉讼", Target::ReviewAndSuits, false),
    ("行政复议或行政诉讼", Target::ReviewAndSuits, false),
    ("复议和诉讼", Target::ReviewAndSuits, false),
    ("复议、诉讼", Target::ReviewAndSuits, false),
    ("复议诉讼", Target::ReviewAndSuits, false),
    ("自然人", Target::Column("natural"), false),
    ("商业企业", Target::Column("commercial"), false),
    ("科研机构", Target::Column("research"), false),
    ("社会公益组织", Target::Column("social"), false),
    ("社会组织", Target::Column("social"), false),
    ("法律服务机构", Target::Column("legal"), false),
    ("法人或其他组织", Target::Column("legal_persons"), false),
    ("法人和其他组织", Target::Column("legal_persons"), false),
    ("法人及其他组织", Target::Column("legal_persons"), false),
    ("法人", Target::Column("legal_persons"), false),
];

/// Words that put a count outside requests: complaints, letters, hotline tickets, cases, fees.
const NOT_REQUESTS: &[&str] = &[
    "复议",
    "诉讼",
    "起诉",
    "案件",
    "咨询",
    "来信",
    "留言",
    "投诉",
    "建议",
    "提案",
    "热线",
    "信箱",
    "工单",
    "来电",
    "诉求",
    "处理费",
    "收费",
    "许可",
    "审批",
    "办件",
    "政务服务",
    "业务",
];

/// Words that make a t4 count a sub-result, not a total.
const T4_RESULT_WORDS: &[&str] = &["维持", "纠正", "纠错", "败诉", "胜诉", "撤销", "驳回", "审结", "结案", "终止", "确认违法"];

/// Clause boundaries: a count's keyword is looked for back to one of these.
const CLAUSE_ENDS: &[char] = &['，', ',', '：', ':', '（', '(', '）', ')', '"', '“', '”'];

const MAX_CLAUSE: usize = 30;
const MAX_GAP: usize = 24;
/// A generic keyword must be this close to its number unless 申请 stands between.
const GENERIC_GAP: usize = 3;

/// What the sentence and the sentences before it in the same paragraph are about.
#[derive(Debug, Clone, Copy, Default)]
struct Context {
    /// They speak of 申请.
    request: bool,
    /// They speak of disclosure on request (依申请, 公开申请, 申请公开).
    on_request: bool,
}

/// Words that compare with another year or part: "比上年增加5件" is not a count of requests.
const COMPARATIVE: &[&str] = &["比上", "比去", "较上", "较去", "同比", "环比", "增加", "减少", "增长", "下降", "上升", "持平"];

/// Words that narrow requests to one channel or source: "收到上级转办的申请3件" is a part.
const QUALIFIERS: &[&str] = &[
    "网上",
    "网络",
    "在线",
    "信函",
    "邮寄",
    "来信",
    "当面",
    "现场",
    "窗口",
    "传真",
    "电子邮件",
    "邮箱",
    "转办",
    "转交",
    "转来",
    "上级",
    "首次",
];

/// An enumeration of channels covers them all: "通过邮寄、网络提交的各类…申请".
const ALL_CHANNELS: &[&str] = &["、", "和", "及", "各类", "各种", "全部", "所有"];

/// What a count is, from the clause before it (and a few words after it).
fn classify(c: &[char], counts: &[Count], k: usize, cx: Context) -> Option<Target> {
    let cnt = &counts[k];
    let after: String = c[cnt.end..(cnt.end + 8).min(c.len())].iter().collect();
    // A number before its keyword: "1件结转下年度继续办理", "另有103件顺延到下年度答复".
    let after_trim = after.trim_start_matches(['已', '将', '需', '均', '因']);
    let after_trim = ["政府信息公开申请", "信息公开申请", "申请"].iter().find_map(|w| after_trim.strip_prefix(w)).unwrap_or(after_trim);
    if ["结转", "顺延", "转入下", "继续办理", "正在办理", "尚在办理", "尚未办结"].iter().any(|w| after_trim.starts_with(w))
    {
        // "2件结转自上年" is last year's, not next year's: left alone.
        return (!after_trim.starts_with("结转上") && !after_trim.starts_with("结转自")).then_some(Target::CarryForward);
    }
    // The clause: back to the previous count, a comma or bracket, at most MAX_CLAUSE characters.
    let prev_end = if k > 0 { counts[k - 1].end } else { 0 };
    let mut from = cnt.start;
    while from > prev_end && cnt.start - from < MAX_CLAUSE && !CLAUSE_ENDS.contains(&c[from - 1]) {
        from -= 1;
    }
    let mut clause = &c[from..cnt.start];
    if let Some(p) = (0..clause.len().saturating_sub(1)).rev().find(|&i| clause[i] == '其' && clause[i + 1] == '中') {
        clause = &clause[p + 2..];
    }
    if any_of(clause, COMPARATIVE) {
        return None;
    }
    // "继续办理"/"正在办理"/"结转下年度办理" are carried forward, not 办理 = handled.
    let carry_words = ["结转下", "结转至", "结转到", "转入下", "顺延"];
    let handled_shadowed =
        |p: usize| p > 0 && "续在".contains(clause[p - 1]) || carry_words.iter().any(|w| find(&clause[..p], w, 0).is_some());
    // The keyword nearest the number (ending last; the longer one on a tie).
    let mut best: Option<(usize, usize, Target, bool)> = None; // (end, len, target, generic)
    for &(w, t, generic) in KEYWORDS {
        let wl = w.chars().count();
        let mut at = 0;
        while let Some(p) = find(clause, w, at) {
            let end = p + wl;
            let shadowed = w == "办理" && handled_shadowed(p);
            if !shadowed && best.is_none_or(|(be, bl, _, _)| end > be || end == be && wl > bl) {
                best = Some((end, wl, t, generic));
            }
            at = p + 1;
        }
    }
    let (end, _, mut target, generic) = best?;
    let gap = &clause[end..];
    if gap.len() > MAX_GAP {
        return None;
    }
    let gap_has_request = contains(gap, "申请");
    let clause_has_request = contains(clause, "申请");
    let after_has_request = after.starts_with("申请")
        || after.starts_with("政府信息公开申请")
        || after.starts_with("依申请")
        || after.starts_with("信息公开申请");
    if generic && gap.len() > GENERIC_GAP && !gap_has_request {
        return None;
    }
    // Two different request counts named in one clause ("受理并办结…"): not decided here.
    // (A word inside a longer one, 办结 in 尚未办结, is that one.)
    let mut found: Vec<(usize, usize, &str)> = Vec::new(); // (start, end, rule)
    for &(w, t, _) in KEYWORDS {
        if !matches!(t, Target::New | Target::Results | Target::Handled | Target::CarryForward) {
            continue;
        }
        let mut at = 0;
        while let Some(p) = find(clause, w, at) {
            at = p + 1;
            if !(w == "办理" && handled_shadowed(p)) {
                found.push((p, p + w.chars().count(), t.rule()));
            }
        }
    }
    let families: Vec<&str> =
        found.iter().filter(|(a, b, _)| !found.iter().any(|(x, y, _)| x <= a && b <= y && y - x > b - a)).map(|(_, _, r)| *r).collect();
    if families.iter().any(|f| *f != families[0]) {
        return None;
    }
    // "全部公开或部分公开 X 件": both rows.
    if target == Target::Row("partial") && any_of(clause, &["予以公开", "全部公开", "同意公开"]) {
        target = Target::GrantedPartial;
    }
    let narrowed = any_of(clause, QUALIFIERS) && !any_of(clause, ALL_CHANNELS);
    match target {
        Target::New => {
            let about_disclosure = contains(clause, "公开") || contains(clause, "信息") || cx.on_request;
            if any_of(clause, NOT_REQUESTS)
                || narrowed
                || !about_disclosure
                || !(clause_has_request || after_has_request || cx.request && gap.len() <= GENERIC_GAP)
            {
                return None;
            }
        }
        Target::Results | Target::Handled | Target::CarryForward
            if any_of(clause, NOT_REQUESTS) || narrowed || generic && !(clause_has_request || after_has_request || cx.request) =>
        {
            return None;
        }
        Target::Carried if any_of(clause, NOT_REQUESTS) || narrowed => return None,
        Target::Review | Target::Suits | Target::ReviewAndSuits => {
            if any_of(gap, T4_RESULT_WORDS) || any_of(clause, &["纠错", "败诉", "纠正"]) {
                return None;
            }
            // "复议后起诉", "未经复议直接起诉": one kind of suit, not decided here.
            if any_of(clause, &["复议后", "经复议", "直接起诉"]) {
                return None;
            }
            let review = contains(clause, "复议");
            let suits = contains(clause, "诉讼") || contains(clause, "起诉") || contains(clause, "应诉");
            if review && suits {
                target = Target::ReviewAndSuits;
            }
        }
        _ => {}
    }
    if cnt.unit != '件' && !matches!(target, Target::Review | Target::Suits | Target::ReviewAndSuits) {
        return None;
    }
    Some(target)
}

// ───────────────────────────── claims ─────────────────────────────

/// How a number of the text compares with the tables.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    Agrees,
    /// Agrees with another reading the text allows (e.g. 受理 = 新收 + 上年结转).
    AgreesAs(String),
    /// Differs from the row or group, but equals one sub-row or one column: named.
    Partial(String),
    Differs,
    /// A cell it is compared with is blank, not a number or not read.
    NotAssessable,
}

/// One comparison of the text with the tables.
#[derive(Debug, Clone, PartialEq)]
pub struct Claim {
    pub rule: &'static str,
    pub section: u8,
    /// The sentence, verbatim.
    pub sentence: String,
    /// What the text says (a count, a percentage; 0 for "未发生…" statements).
    pub stated: f64,
    /// What it is compared with, in words.
    pub what: String,
    /// The cells compared, the one to blame first.
    pub cells: Vec<String>,
    /// The table's value, when it could be read.
    pub table: Option<f64>,
    pub outcome: Outcome,
}

/// The sum of some cells, or None when one is not a number (or not read).
fn sum(m: &Model, cells: &[String]) -> Option<f64> {
    cells.iter().map(|a| m.number(a)).sum()
}

fn t3_rows(m: &Model, prefix: &str) -> Vec<&'static str> {
    m.shape
        .table("t3")
        .map(|t| t.rows.iter().filter(|r| r.key == prefix || r.key.starts_with(&format!("{prefix}."))).map(|r| r.key).collect())
        .unwrap_or_default()
}

const T3_COLS: [&str; 6] = ["natural", "commercial", "research", "social", "legal", "other"];
const COL_NAMES: [&str; 6] = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"];

fn col_name(col: &str) -> &'static str {
    T3_COLS.iter().position(|c| *c == col).map_or("总计", |i| COL_NAMES[i])
}

/// The t3 rows a target names, and its name for messages.
fn t3_target(m: &Model, t: Target) -> Option<(Vec<&'static str>, String)> {
    let rows_named = |keys: Vec<&'static str>, name: &str| Some((keys, name.to_string()));
    match t {
        Target::New => rows_named(vec!["new"], "本年新收申请"),
        Target::Carried => rows_named(vec!["carried"], "上年结转申请"),
        Target::Results | Target::Handled => rows_named(vec!["results_total"], "办理结果总计"),
        Target::CarryForward => rows_named(vec!["carry_forward"], "结转下年度继续办理"),
        Target::GrantedPartial => rows_named(vec!["granted", "partial"], "予以公开加部分公开"),
        Target::Row(key) => {
            let row = m.shape.table("t3")?.rows.iter().find(|r| r.key == key)?;
            Some((vec![row.key], row.short.to_string()))
        }
        Target::Group(g) => {
            let keys = t3_rows(m, g);
            if keys.is_empty() {
                return None;
            }
            let name = match g {
                "denied" => "不予公开（各项之和）",
                "unable" => "无法提供（各项之和）",
                "rejected" => "不予处理（各项之和）",
                _ => "其他处理（各项之和）",
            };
            Some((keys, name.to_string()))
        }
        _ => None,
    }
}

fn cells_of(rows: &[&str], col: &str) -> Vec<String> {
    rows.iter().map(|r| format::address("t3", r, col)).collect()
}

fn cells_of_cols(rows: &[&str], cols: &[&str]) -> Vec<String> {
    rows.iter().flat_map(|r| cols.iter().map(move |c| format::address("t3", r, c))).collect()
}

/// The first of these cells that is not a number, for a not-assessable message.
fn unreadable(m: &Model, cells: &[String]) -> Vec<String> {
    cells.iter().filter(|a| m.number(a).is_none()).cloned().collect()
}

struct Ctxs<'a> {
    m: &'a Model,
    sentence: &'a Sentence,
}

impl Ctxs<'_> {
    fn claim(&self, rule: &'static str, stated: f64, what: String, cells: Vec<String>, table: Option<f64>, outcome: Outcome) -> Claim {
        Claim { rule, section: self.sentence.section, sentence: self.sentence.text.clone(), stated, what, cells, table, outcome }
    }

    /// A stated count against the total column of some t3 rows, with the readings the text
    /// allows (alternatives) and, on a mismatch, the sub-rows and columns it may have quoted.
    fn t3_count(&self, t: Target, v: f64) -> Option<Claim> {
        let m = self.m;
        let (rows, name) = t3_target(m, t)?;
        let cells = cells_of(&rows, "total");
        let rule = t.rule();
        let Some(table) = sum(m, &cells) else {
            // The total column blank: the applicant columns may still add up.
            let by_cols = cells_of_cols(&rows, &T3_COLS);
            if let Some(s) = sum(m, &by_cols).filter(|s| *s == v) {
                return Some(self.claim(rule, v, name, cells, Some(s), Outcome::AgreesAs("各类申请人之和".into())));
            }
            let bad = unreadable(m, &cells);
            return Some(self.claim(rule, v, name, bad, None, Outcome::NotAssessable));
        };
        if table == v {
            return Some(self.claim(rule, v, name, cells, Some(table), Outcome::Agrees));
        }
        // 受理 / 收到 often count last year's carried-over requests too; 办理 may mean either.
        if t == Target::New || t == Target::Handled {
            let both = vec!["t3/new/total".to_string(), "t3/carried/total".to_string()];
            if sum(m, &both) == Some(v) {
                return Some(self.claim(rule, v, name, both, Some(v), Outcome::AgreesAs("本年新收加上年结转".into())));
            }
        }
        if t == Target::Handled && m.number("t3/new/total") == Some(v) {
            return Some(self.claim(rule, v, name, vec!["t3/new/total".into()], Some(v), Outcome::AgreesAs("本年新收".into())));
        }
        if v > 0.0 {
            if let Some(p) = self.partial(&rows, v) {
                return Some(self.claim(rule, v, name, cells, Some(table), Outcome::Partial(p)));
            }
        }
        Some(self.claim(rule, v, name, cells, Some(table), Outcome::Differs))
    }

    /// The one sub-row or one column a count equals, when it is not the whole.
    fn partial(&self, rows: &[&'static str], v: f64) -> Option<String> {
        let m = self.m;
        let mut hits = Vec::new();
        if rows.len() > 1 {
            for r in rows {
                if m.number(&format::address("t3", r, "total")) == Some(v) {
                    hits.push(m.shape.describe(&format::address("t3", r, "total")));
                }
            }
        }
        for (i, col) in T3_COLS.iter().enumerate() {
            if sum(m, &cells_of(rows, col)) == Some(v) {
                hits.push(format!("{}列", COL_NAMES[i]));
            }
        }
        (hits.len() == 1).then(|| hits.remove(0))
    }

    fn t4_count(&self, t: Target, v: f64) -> Option<Claim> {
        let m = self.m;
        let (rows, name): (&[&str], &str) = match t {
            Target::Review => (&["review"], "行政复议（总计）"),
            Target::Suits => (&["suit_direct", "suit_after_review"], "行政诉讼（未经复议直接起诉与复议后起诉之和）"),
            _ => (&["review", "suit_direct", "suit_after_review"], "行政复议与行政诉讼（总计之和）"),
        };
        let cells: Vec<String> = rows.iter().map(|r| format::address("t4", r, "total")).collect();
        let Some(table) = sum(m, &cells) else {
            return Some(self.claim("N07", v, name.into(), unreadable(m, &cells), None, Outcome::NotAssessable));
        };
        if table == v {
            return Some(self.claim("N07", v, name.into(), cells, Some(table), Outcome::Agrees));
        }
        if v > 0.0 && rows.len() > 1 {
            let hits: Vec<&String> = cells.iter().filter(|a| m.number(a) == Some(v)).collect();
            if hits.len() == 1 {
                let p = m.shape.describe(hits[0]);
                return Some(self.claim("N07", v, name.into(), cells.clone(), Some(table), Outcome::Partial(p)));
            }
        }
        Some(self.claim("N07", v, name.into(), cells, Some(table), Outcome::Differs))
    }

    /// A column count ("其中自然人申请741件") against the row(s) the sentence's total matched.
    fn column_count(&self, col: &'static str, v: f64, basis: &[&'static str]) -> Option<Claim> {
        let m = self.m;
        let (cols, cname): (Vec<&str>, &str) =
            if col == "legal_persons" { (format::T3_LEGAL_PERSONS.to_vec(), "法人或其他组织") } else { (vec![col], col_name(col)) };
        let cells = cells_of_cols(basis, &cols);
        let what = format!("{}（{}）", if basis.len() > 1 { "本年新收加上年结转" } else { "本年新收申请" }, cname);
        let Some(table) = sum(m, &cells) else {
            return Some(self.claim("N01", v, what, unreadable(m, &cells), None, Outcome::NotAssessable));
        };
        let outcome = if table == v { Outcome::Agrees } else { Outcome::Differs };
        Some(self.claim("N01", v, what, cells, Some(table), outcome))
    }
}

/// A percentage written right after a count: "208 件（17.46%）", "42件，占51.85%".
fn percent_after(c: &[char], cnt: &Count) -> Option<f64> {
    let mut i = cnt.end;
    let mut skipped = 0;
    while i < c.len() && skipped < 4 && "（(，,占比为约".contains(c[i]) {
        i += 1;
        skipped += 1;
    }
    let s = i;
    while i < c.len() && (c[i].is_ascii_digit() || c[i] == '.') {
        i += 1;
    }
    if i == s || i >= c.len() || !matches!(c[i], '%' | '％') {
        return None;
    }
    let between: String = c[cnt.end..s].iter().collect();
    if between.contains("比") && !between.contains("占比") {
        return None; // 同比, 环比
    }
    c[s..i].iter().collect::<String>().parse().ok()
}

/// Counts looked at and comparisons made in one report at most (a report states some dozens):
/// a text of millions of counts is not a report's, and each is work and a copy of its sentence.
const MAX_COUNTS: usize = 10_000;
const MAX_CLAIMS: usize = 1_000;

/// Every comparison the text allows, in text order.
pub fn claims(m: &Model) -> Vec<Claim> {
    let all = sentences(&m.paras);
    let mut out = Vec::new();
    let mut stated_results: Vec<f64> = Vec::new();
    let on_request = |t: &str| t.contains("依申请") || t.contains("公开申请") || t.contains("申请公开");
    // Whether an earlier sentence of the same block speaks of requests: kept as the sentences
    // go (looking back from each sentence made a block of many sentences quadratic).
    let (mut block, mut request_before, mut on_request_before) = (usize::MAX, false, false);
    let mut looked_at = 0;
    for s in all.iter() {
        if s.block != block {
            (block, request_before, on_request_before) = (s.block, false, false);
        }
        let (before, on_request_before_here) = (request_before, on_request_before);
        request_before |= s.text.contains("申请");
        on_request_before |= on_request(&s.text);
        if !matches!(s.section, 0 | 1 | 5 | 6) {
            continue;
        }
        if looked_at >= MAX_COUNTS || out.len() >= MAX_CLAIMS {
            break;
        }
        let c = chars_of(&s.text);
        let cx = Ctxs { m, sentence: s };
        let context = Context { request: contains(&c, "申请") || before, on_request: on_request(&s.text) || on_request_before_here };
        statements(&cx, &c, &mut out);
        let cs = counts(&c);
        looked_at += cs.len();
        // The rows the sentence's request total matched ("受理749件" = new + carried), for the
        // applicant columns that follow it.
        let mut basis: Option<Vec<&'static str>> = None;
        for k in 0..cs.len() {
            let cnt = &cs[k];
            if cnt.approx || out.len() >= MAX_CLAIMS {
                continue;
            }
            let Some(t) = classify(&c, &cs, k, context) else { continue };
            let claim = match t {
                Target::Column(col) => match &basis {
                    Some(b) => cx.column_count(col, cnt.value, b),
                    None => None,
                },
                Target::Review | Target::Suits | Target::ReviewAndSuits => cx.t4_count(t, cnt.value),
                _ => cx.t3_count(t, cnt.value),
            };
            let Some(claim) = claim else { continue };
            // Columns that follow belong to the request total just read; after any other count
            // ("办结8件，其中自然人6件") they are not compared.
            match t {
                Target::New => {
                    basis = match &claim.outcome {
                        Outcome::Agrees => Some(vec!["new"]),
                        Outcome::AgreesAs(_) if claim.cells.len() == 2 => Some(vec!["new", "carried"]),
                        _ => None,
                    }
                }
                Target::Column(_) => {}
                _ => basis = None,
            }
            if t == Target::Results {
                stated_results.push(cnt.value);
            }
            // N06: a share written after a result count.
            if t.rule() == "N05" {
                if let Some(p) = percent_after(&c, cnt) {
                    out.push(share(&cx, p, cnt.value, &claim, &stated_results));
                }
            }
            out.push(claim);
        }
    }
    out
}

fn share(cx: &Ctxs, p: f64, stated: f64, of: &Claim, stated_results: &[f64]) -> Claim {
    let m = cx.m;
    let rt_cell = "t3/results_total/total".to_string();
    let what = format!("{}占办理结果总计的比例", of.what);
    let mut denominators: Vec<f64> = stated_results.to_vec();
    let rt = m.number(&rt_cell);
    denominators.extend(rt);
    let mut numerators = vec![stated];
    numerators.extend(of.table);
    let mut cells = vec![rt_cell.clone()];
    cells.extend(of.cells.iter().cloned());
    let Some(rt) = rt.or_else(|| stated_results.last().copied()) else {
        return cx.claim("N06", p, what, vec![rt_cell], None, Outcome::NotAssessable);
    };
    let fits = denominators.iter().filter(|d| **d > 0.0).any(|d| numerators.iter().any(|n| (p - n / d * 100.0).abs() <= 0.1 + 1e-9));
    let expected = if rt > 0.0 { (of.table.unwrap_or(stated) / rt * 10000.0).round() / 100.0 } else { 0.0 };
    cx.claim("N06", p, what, cells, Some(expected), if fits { Outcome::Agrees } else { Outcome::Differs })
}

/// Statements without a count: "未收到…申请" (N11), "未发生行政复议、行政诉讼" (N10),
/// "均获维持" / "未发生…纠错、败诉" (N07, corrected = 0).
fn statements(cx: &Ctxs, c: &[char], out: &mut Vec<Claim>) {
    let m = cx.m;
    // Clauses of the sentence (a negation reaches to the next comma only).
    let mut clauses: Vec<&[char]> = Vec::new();
    let mut start = 0;
    for i in 0..=c.len() {
        if i == c.len() || matches!(c[i], '，' | ',' | '：' | ':') {
            clauses.push(&c[start..i]);
            start = i + 1;
        }
    }
    for cl in clauses {
        let t4_rows = |cl: &[char]| -> Vec<&'static str> {
            let mut r = Vec::new();
            if contains(cl, "复议") {
                r.push("review");
            }
            if contains(cl, "诉讼") || contains(cl, "起诉") {
                r.extend(["suit_direct", "suit_after_review"]);
            }
            r
        };
        let negation = ["未发生", "没有发生", "未出现", "未有", "未产生", "不存在", "没有", "未被", "无"]
            .iter()
            .filter_map(|w| find(cl, w, 0).map(|p| (p, w.chars().count())))
            .filter(|&(p, l)| !(cl.get(p + l).is_some_and(|x| "法正论".contains(*x))))
            .min();
        let outcome_words = ["纠错", "败诉", "纠正", "撤销", "确认违法", "被改变", "变更"];
        if let Some((p, l)) = negation {
            let rest = &cl[p + l..];
            let rows = t4_rows(rest);
            // Only plain words between the negation and the case: "未发生因政府信息公开引起的
            // 行政复议" is all of them; "未发生因主动公开引起的行政复议" only some.
            let first = ["复议", "诉讼", "起诉"].iter().filter_map(|w| find(rest, w, 0)).min();
            let plain = first.is_some_and(|q| q <= 20 && only(&rest[..q], NO_CASE_GAP));
            if !rows.is_empty() && plain && counts(cl).is_empty() {
                if any_of(rest, &outcome_words) {
                    // "未发生…被行政复议纠错或行政诉讼败诉": nothing corrected.
                    out.extend(corrected_zero(cx, &rows, "文字说没有被纠错或败诉的案件"));
                } else {
                    out.push(t4_zero(cx, &rows));
                }
            }
        }
        // N11: "未收到…申请", "无…申请".
        if no_requests(cl) {
            let cell = "t3/new/total".to_string();
            let (table, outcome) = match m.number(&cell) {
                Some(v) => (Some(v), if v == 0.0 { Outcome::Agrees } else { Outcome::Differs }),
                None => (None, Outcome::NotAssessable),
            };
            out.push(cx.claim("N11", 0.0, "本年新收申请（总计）".into(), vec![cell], table, outcome));
        }
        // "均获维持", "全部维持": nothing corrected.
        if any_of(cl, &["均获维持", "均被维持", "均予维持", "全部维持", "均维持", "全部获得维持", "都得到维持"])
        {
            let mut rows = t4_rows(cl);
            if rows.is_empty() {
                rows = vec!["review", "suit_direct", "suit_after_review"];
            }
            out.extend(corrected_zero(cx, &rows, "文字说复议、诉讼结果均获维持"));
        }
    }
}

/// Words that do not narrow a "none": "未收到任何组织或个人依申请公开…", "未发生因政府信息公开
/// 引起的行政复议". Anything else ("通过信函", "主动公开") may mean "none of this kind" only.
const NO_REQUEST_GAP: &[&str] = &[
    "任何",
    "组织",
    "个人",
    "公民",
    "法人",
    "其他",
    "或者",
    "或",
    "和",
    "及",
    "与",
    "、",
    "的",
    "政府信息公开",
    "政府信息",
    "信息公开",
    "依申请公开",
    "依",
    "有关",
    "相关",
    "新的",
    "新",
    "各类",
    "提出",
    "提交",
    "关于",
    "公开",
    "本机关",
    "本单位",
    "我单位",
    "向",
    "过",
    "到",
];
const NO_CASE_GAP: &[&str] = &[
    "因",
    "政府信息公开",
    "信息公开",
    "依申请公开",
    "政府信息",
    "申请",
    "工作",
    "引起",
    "引发",
    "导致",
    "产生",
    "而",
    "的",
    "被",
    "提起",
    "相关",
    "任何",
    "涉及",
    "有关",
    "本机关",
    "本单位",
    "我单位",
    "本年度",
    "本年",
    "全年",
    "年内",
    "行政",
    "或",
    "和",
    "、",
    "及",
    "与",
    "向",
    "过",
    "发生",
    "出现",
    "方面",
];

/// The text is made only of these words.
fn only(gap: &[char], words: &[&str]) -> bool {
    let mut i = 0;
    while i < gap.len() {
        let Some(l) = words.iter().map(|w| w.chars().collect::<Vec<_>>()).filter(|w| gap[i..].starts_with(w)).map(|w| w.len()).max() else {
            return false;
        };
        i += l;
    }
    true
}

/// "未收到…申请", "本年度无政府信息公开申请", "无依申请公开事项": no request came in.
fn no_requests(cl: &[char]) -> bool {
    if !counts(cl).is_empty() || any_of(cl, &["复议", "诉讼", "补正", "投诉", "处理费", "收费", "正当理由", "申请人", "结转", "咨询"])
    {
        return false;
    }
    let received = ["未收到", "无收到", "没有收到", "未接到", "没有接到", "未受理", "未接收", "未有"];
    if let Some(p) = received.iter().filter_map(|w| find(cl, w, 0).map(|p| p + w.chars().count())).min() {
        return find(cl, "申请", p).is_some_and(|q| only(&cl[p..q], NO_REQUEST_GAP));
    }
    let mut at = 0;
    while let Some(p) = find(cl, "无", at) {
        at = p + 1;
        // 申请 within 13 characters: looked for there only (a search to the end from every 无
        // made a clause of many 无 quadratic).
        let window = &cl[..cl.len().min(p + 15)];
        if let Some(q) = find(window, "申请", p + 1).filter(|q| q - p <= 13) {
            let between = &cl[p + 1..q];
            let about = cl.get(p + 1) == Some(&'依') || contains(between, "公开") || contains(between, "政府信息");
            if about && only(between, NO_REQUEST_GAP) {
                return true;
            }
        }
    }
    false
}

fn t4_zero(cx: &Ctxs, rows: &[&str]) -> Claim {
    let m = cx.m;
    let cells: Vec<String> = rows.iter().map(|r| format::address("t4", r, "total")).collect();
    let what = if rows.len() == 3 {
        "行政复议与行政诉讼总计"
    } else if rows[0] == "review" {
        "行政复议总计"
    } else {
        "行政诉讼总计"
    };
    let Some(table) = sum(m, &cells) else {
        return cx.claim("N10", 0.0, what.into(), unreadable(m, &cells), None, Outcome::NotAssessable);
    };
    let mut blamed: Vec<String> = cells.iter().filter(|a| m.number(a).is_some_and(|v| v > 0.0)).cloned().collect();
    blamed.extend(cells.iter().filter(|a| !blamed.contains(a)).cloned().collect::<Vec<_>>());
    cx.claim("N10", 0.0, what.into(), blamed, Some(table), if table == 0.0 { Outcome::Agrees } else { Outcome::Differs })
}

fn corrected_zero(cx: &Ctxs, rows: &[&str], what: &str) -> Option<Claim> {
    let m = cx.m;
    let cells: Vec<String> = rows.iter().map(|r| format::address("t4", r, "corrected")).collect();
    let Some(table) = sum(m, &cells) else {
        return Some(cx.claim("N07", 0.0, what.into(), unreadable(m, &cells), None, Outcome::NotAssessable));
    };
    let mut blamed: Vec<String> = cells.iter().filter(|a| m.number(a).is_some_and(|v| v > 0.0)).cloned().collect();
    blamed.extend(cells.iter().filter(|a| !blamed.contains(a)).cloned().collect::<Vec<_>>());
    Some(cx.claim("N07", 0.0, what.into(), blamed, Some(table), if table == 0.0 { Outcome::Agrees } else { Outcome::Differs }))
}

// ───────────────────────────── findings ─────────────────────────────

fn fmt(v: f64) -> String {
    if v.fract() == 0.0 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

fn finding(m: &Model, c: &Claim) -> Option<Finding> {
    let severity = match c.rule {
        "N10" | "N11" => Severity::Error,
        _ => Severity::Warning,
    };
    let statement = c.rule == "N07" && c.what.starts_with("文字");
    let said = match c.rule {
        "N06" => format!("文字写{}为 {}%", c.what, fmt(c.stated)),
        "N10" => format!("文字说没有发生{}", c.what.trim_end_matches("总计")),
        "N11" => "文字说本年没有收到政府信息公开申请".to_string(),
        _ if statement => c.what.clone(),
        _ => format!("文字说{}为 {} 件", c.what, fmt(c.stated)),
    };
    let table = c.table.map(fmt).unwrap_or_default();
    let tab = if c.cells.first().is_some_and(|a| a.starts_with("t4/")) { "表四" } else { "表三" };
    let mut f = match &c.outcome {
        Outcome::Agrees | Outcome::AgreesAs(_) => return None,
        Outcome::NotAssessable => {
            let names: Vec<String> = c.cells.iter().take(3).map(|a| m.describe(a)).collect();
            Finding::not_assessable(c.rule, c.cells.clone(), format!("{said}，但表中{}空白或未能读出，无法核对", names.join("、")))
        }
        Outcome::Partial(p) => Finding::new(
            c.rule,
            Severity::Info,
            c.cells.clone(),
            format!("{said}，{tab}中为 {table}；{} 等于{p}：文字可能只说了其中一项，请核对", fmt(c.stated)),
        )
        .values(c.table.unwrap_or(0.0), c.stated),
        Outcome::Differs => {
            let msg = match c.rule {
                "N06" => format!("{said}，按表中数字计算应为 {table}%"),
                "N10" => format!("{said}，表四中{}却为 {table}", c.what),
                "N11" => format!("{said}，表三本年新收申请总计却为 {table}"),
                _ if statement => {
                    let what = if c.cells.len() == 1 { m.describe(&c.cells[0]) } else { "结果纠正（合计）".to_string() };
                    format!("{said}，表四中{what}却为 {table}")
                }
                _ => format!("{said}，{tab}中为 {table}"),
            };
            Finding::new(c.rule, severity, c.cells.clone(), msg).values(c.table.unwrap_or(0.0), c.stated)
        }
    };
    f.sentence = Some(c.sentence.clone());
    Some(f)
}

fn rule_findings(ctx: &Ctx, rules: &[&str]) -> Vec<Finding> {
    let all = ctx.claims.get_or_init(|| claims(ctx.model));
    all.iter().filter(|c| rules.contains(&c.rule)).filter_map(|c| finding(ctx.model, c)).collect()
}

/// N01: 收到/受理…申请 X 件 (and the applicant columns that follow) = t3 本年新收.
pub fn n01(ctx: &Ctx) -> Vec<Finding> {
    rule_findings(ctx, &["N01"])
}
/// N02: 上年结转 X 件 = t3 上年结转.
pub fn n02(ctx: &Ctx) -> Vec<Finding> {
    rule_findings(ctx, &["N02"])
}
/// N03: 办结/答复 X 件 = t3 办理结果总计.
pub fn n03(ctx: &Ctx) -> Vec<Finding> {
    rule_findings(ctx, &["N03"])
}
/// N04: 结转下年度 X 件 = t3 结转下年度继续办理.
pub fn n04(ctx: &Ctx) -> Vec<Finding> {
    rule_findings(ctx, &["N04"])
}
/// N05: 予以公开 … 其他处理 X 件 = the row or the group's sum.
pub fn n05(ctx: &Ctx) -> Vec<Finding> {
    rule_findings(ctx, &["N05"])
}
/// N06: 占 X% = recomputed against 办理结果总计.
pub fn n06(ctx: &Ctx) -> Vec<Finding> {
    rule_findings(ctx, &["N06"])
}
/// N07: 行政复议 X 件 / 行政诉讼 X 件 / 均获维持 against t4.
pub fn n07(ctx: &Ctx) -> Vec<Finding> {
    rule_findings(ctx, &["N07"])
}
/// N10: 未发生行政复议、行政诉讼 → t4 totals are 0.
pub fn n10(ctx: &Ctx) -> Vec<Finding> {
    rule_findings(ctx, &["N10"])
}
/// N11: 未收到…申请 → t3 本年新收 is 0.
pub fn n11(ctx: &Ctx) -> Vec<Finding> {
    rule_findings(ctx, &["N11"])
}

// ───────────────────────────── the report year in the text ─────────────────────────────

/// A date written "2021年1月1日" or "12月31日" (year optional).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Date {
    pub year: Option<i32>,
    pub month: u32,
    pub day: u32,
}

/// The statistics period as the text states it.
#[derive(Debug, Clone, PartialEq)]
pub struct Period {
    pub sentence: String,
    pub start: Date,
    pub end: Option<Date>,
}

fn dates(c: &[char]) -> Vec<Date> {
    let mut out = Vec::new();
    let num = |c: &[char], i: usize| -> (usize, Option<u32>) {
        let mut j = i;
        while j < c.len() && c[j].is_ascii_digit() {
            j += 1;
        }
        (j, c[i..j].iter().collect::<String>().parse().ok())
    };
    let mut i = 0;
    while i < c.len() {
        if !c[i].is_ascii_digit() || (i > 0 && c[i - 1].is_ascii_digit()) {
            i += 1;
            continue;
        }
        let (j, n) = num(c, i);
        let mut year = None;
        let mut k = j;
        let mut month = None;
        if j < c.len() && c[j] == '年' && j - i == 4 {
            year = n.map(|y| y as i32);
            let (k2, mo) = num(c, j + 1);
            if k2 < c.len() && c[k2] == '月' {
                month = mo;
                k = k2;
            }
        } else if j < c.len() && c[j] == '月' {
            month = n;
            k = j;
        }
        if let Some(mo) = month {
            let (k3, d) = num(c, k + 1);
            if let (Some(d), true) = (d, k3 < c.len() && c[k3] == '日') {
                out.push(Date { year, month: mo, day: d });
                i = k3 + 1;
                continue;
            }
        }
        i = j.max(i + 1);
    }
    out
}

/// The statistics period ("统计期限为2021年1月1日至12月31日"), if the text states it.
pub fn period(paras: &[String]) -> Option<Period> {
    for s in sentences(paras) {
        let c = chars_of(&s.text);
        let Some(p) = ["统计期限", "统计时限", "统计期间", "统计区间", "统计时间", "统计周期", "统计时段"]
            .iter()
            .filter_map(|w| find(&c, w, 0))
            .min()
        else {
            continue;
        };
        let ds = dates(&c[p..]);
        let Some(start) = ds.first().copied().filter(|d| d.year.is_some()) else { continue };
        return Some(Period { sentence: s.text.clone(), start, end: ds.get(1).copied() });
    }
    None
}

/// Years the running text gives the report itself, outside the title: "现将…2025年政府信息公开
/// 年度报告向社会公布". Titles of other documents (《…》) and lone link lines are not the report.
pub fn report_years_in_text(paras: &[String], title: Option<&str>) -> Vec<(i32, String)> {
    let title_n = title.map(norm).unwrap_or_default();
    let mut out = Vec::new();
    for s in sentences(paras) {
        let n = norm(&s.text);
        if n.chars().count() < 30 || n == title_n || title_n.contains(&n) {
            continue;
        }
        // Only where the text presents itself ("现将…年度报告向社会公布"), never where it looks
        // back ("对照上年度报告…") or elsewhere in the report.
        let presents = ["现将", "向社会公布", "予以公布", "特此公布", "编制完成", "编制本", "本报告"].iter().any(|w| n.contains(w));
        let looks_back = ["上年", "上一年", "去年", "往年", "历年"].iter().any(|w| n.contains(w));
        if s.section > 1 || !presents || looks_back {
            continue;
        }
        // drop 《…》 and 〈…〉 quotations
        let mut depth = 0;
        let plain: String = n
            .chars()
            .filter(|&ch| {
                match ch {
                    '《' | '〈' => depth += 1,
                    '》' | '〉' => {
                        depth -= 1;
                        return false;
                    }
                    _ => {}
                }
                depth <= 0
            })
            .collect();
        let c: Vec<char> = plain.chars().collect();
        for w in ["政府信息公开工作年度报告", "政府信息公开年度报告"] {
            let mut at = 0;
            while let Some(p) = find(&c, w, at) {
                at = p + 1;
                let before: String = c[p.saturating_sub(7)..p].iter().collect();
                let before = before.trim_end_matches('度').trim_end_matches('年');
                if before.chars().count() >= 4 {
                    let y: String = before.chars().rev().take(4).collect::<Vec<_>>().into_iter().rev().collect();
                    if let Ok(y) = y.parse::<i32>() {
                        if (1990..=2100).contains(&y) {
                            out.push((y, s.text.clone()));
                        }
                    }
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_numerals() {
        for (s, v) in [
            ("零", 0),
            ("一", 1),
            ("两", 2),
            ("十", 10),
            ("十二", 12),
            ("二十", 20),
            ("二十三", 23),
            ("一百零五", 105),
            ("一百一十", 110),
            ("三千二百", 3200),
            ("两千零五十", 2050),
            ("一万二千", 12000),
        ] {
            assert_eq!(chinese_number(s), Some(v), "{s}");
        }
        for s in ["一一", "十十", "百", "十百", "", "五零五"] {
            assert_eq!(chinese_number(s), None, "{s}");
        }
    }

    fn values(s: &str) -> Vec<(f64, bool)> {
        counts(&chars_of(s)).into_iter().map(|c| (c.value, c.approx)).collect()
    }

    #[test]
    fn counts_in_sentences() {
        assert_eq!(values("共受理政府信息公开申请 1295 件，办结 1191 件"), vec![(1295.0, false), (1191.0, false)]);
        assert_eq!(values("收到申请十二件、两件未办结"), vec![(12.0, false), (2.0, false)]);
        assert_eq!(values("收到申请１２件"), vec![(12.0, false)]);
        assert_eq!(values("收到申请1,234件"), vec![(1234.0, false)]);
        assert_eq!(values("100余件，1.5万件"), vec![(100.0, true)]);
        assert_eq!(values("规范性文件，第3件，按件收费"), vec![]);
        assert_eq!(values("行政复议36起，行政诉讼9起，一起研究，起诉"), vec![(36.0, false), (9.0, false)]);
    }

    /// What each count of a sentence is read as (`Target` in Debug form), with the context of a
    /// paragraph about requests on disclosure.
    fn read(s: &str) -> Vec<(String, f64)> {
        let c = chars_of(s);
        let cs = counts(&c);
        let cx = Context { request: true, on_request: true };
        (0..cs.len()).filter_map(|k| classify(&c, &cs, k, cx).map(|t| (format!("{t:?}"), cs[k].value))).collect()
    }

    #[test]
    fn counts_are_read_by_their_nearest_keyword() {
        let r = |v: &[(&str, f64)]| v.iter().map(|(t, x)| (t.to_string(), *x)).collect::<Vec<_>>();
        for (s, want) in [
            ("2023年，共收到政府信息公开申请25件，其中上年结转2件，本年新收23件", r(&[("New", 25.0), ("Carried", 2.0), ("New", 23.0)])),
            ("全年共受理政府信息公开申请120件（含上年结转5件），已全部办结", r(&[("New", 120.0), ("Carried", 5.0)])),
            ("本年度收到政府信息公开申请12件，比上年增加5件", r(&[("New", 12.0)])),
            ("收到申请数量比上年增加5件", r(&[])),
            (
                "其中，予以公开12件，部分公开3件，不予公开1件，无法提供20件，不予处理2件，其他处理1件",
                r(&[
                    ("Row(\"granted\")", 12.0),
                    ("Row(\"partial\")", 3.0),
                    ("Group(\"denied\")", 1.0),
                    ("Group(\"unable\")", 20.0),
                    ("Group(\"rejected\")", 2.0),
                    ("Group(\"other\")", 1.0),
                ]),
            ),
            ("收到行政复议申请1件", r(&[("Review", 1.0)])),
            ("行政复议结果为维持1件", r(&[])),
            ("全年共办理人大代表建议和政协委员提案45件", r(&[])),
            ("受理群众来信来访20件，受理各类咨询200件", r(&[])),
            ("受理许可申请500件", r(&[])),
            ("收到上级转办的政府信息公开申请3件", r(&[])),
            ("共收到网上申请20件、信函申请5件", r(&[])),
            ("接收通过邮寄、网络提交的各类政府信息公开申请共计81件", r(&[("New", 81.0)])),
            ("上年结转的2件申请已全部办结", r(&[("Carried", 2.0)])),
            ("结转下年度办理3件", r(&[("CarryForward", 3.0)])),
            ("共办理政府信息公开申请749件", r(&[("Handled", 749.0)])),
            ("2件结转自上年", r(&[])),
            ("行政复议和诉讼案件共3件", r(&[("ReviewAndSuits", 3.0)])),
            ("复议后起诉2件", r(&[])),
            ("因政府信息公开被申请行政复议1件、提起行政诉讼2件", r(&[("Review", 1.0), ("Suits", 2.0)])),
            ("被申请行政复议2件，其中维持1件、纠正1件", r(&[("Review", 2.0)])),
            ("收到申请5件（自然人4件、法人1件）", r(&[("New", 5.0), ("Column(\"natural\")", 4.0), ("Column(\"legal_persons\")", 1.0)])),
            ("不予公开的3件均属于国家秘密", r(&[("Group(\"denied\")", 3.0)])),
            ("属于国家秘密的1件", r(&[("Row(\"denied.secret\")", 1.0)])),
            ("尚未办结的3件", r(&[("CarryForward", 3.0)])),
            ("12345热线受理群众诉求3000余件", r(&[])),
            ("全年主动公开政府信息1234条，发布政策解读20篇", r(&[])),
            ("全部公开或部分公开5件", r(&[("GrantedPartial", 5.0)])),
            ("推进高效办理一件事，每一件申请都认真办理", r(&[])),
        ] {
            assert_eq!(read(s), want, "{s}");
        }
    }

    fn no_requests_in(s: &str) -> bool {
        no_requests(&chars_of(s))
    }

    #[test]
    fn none_received_only_when_it_says_none_at_all() {
        for s in [
            "2021年我乡无收到任何组织或个人依申请公开政府信息的情况",
            "本年度未收到政府信息公开申请",
            "没有收到依申请公开的相关申请",
            "本年度无政府信息公开申请",
            "无依申请公开事项",
        ] {
            assert!(no_requests_in(s), "{s}");
        }
        for s in [
            "本年度未收到行政复议申请",
            "未收到申请人补正材料",
            "本年度未收到通过信函提交的政府信息公开申请",
            "无收取信息处理费情况",
            "无其他需要报告的事项",
            "未收取信息处理费",
        ] {
            assert!(!no_requests_in(s), "{s}");
        }
        let gap = |s: &str| only(&chars_of(s), NO_CASE_GAP);
        assert!(gap("因政府信息公开引起的行政") && gap("因依申请公开被行政") && !gap("因主动公开引起的行政"));
    }

    #[test]
    fn headings_are_matched_tolerantly() {
        for (l, s) in [
            ("一、总体情况", 1),
            ("## 一、总体情况", 1),
            ("一.总体情况", 1),
            ("二、主动公开政府信息情况", 2),
            ("三、收到和处理政府信息公开申请情况", 3),
            ("四、因政府信息公开工作被申请行政复议、提起行政诉讼情况", 4),
            ("五、政府信息公开工作存在的主要问题及改进情况", 5),
            ("五、存在问题及改进情况", 5),
            ("五、存在的主要问题及整改措施", 5),
            ("六、其他需要报告的事项", 6),
            ("存在的主要问题及改进情况", 5),
        ] {
            assert_eq!(heading(l), Some(s), "{l}");
        }
        let paras = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let h = headings(&paras(&[
            "（一）总体情况",
            "（二）主动公开政府信息情况",
            "（五）存在的主要问题及改进情况",
            "（六）其他需要报告的事项",
        ]));
        assert_eq!(h.iter().map(|h| h.section).collect::<Vec<_>>(), [1, 2, 5, 6]);
        let h = headings(&paras(&["一、总体情况", "（一）主动公开情况", "二、主动公开政府信息情况"]));
        assert_eq!(h.iter().map(|h| (h.section, h.para)).collect::<Vec<_>>(), [(1, 0), (2, 2)]);
        for l in [
            "一、本年新收政府信息公开申请数量",
            "三、本年度办理结果",
            "四、结转下年度继续办理",
            "（一）主动公开方面",
            "行政复议",
            "一是拓宽主动公开渠道",
        ] {
            assert_eq!(heading(l), None, "{l}");
        }
    }

    #[test]
    fn wrapped_lines_are_joined() {
        let paras: Vec<String> = [
            "一、总体情况",
            "市政府共受理政府信息公开申请 1295 件，办结 1191 件（含",
            "— 2 —",
            "上年结转 189 件），均在法定期限内答复。其中，予以",
            "公开 5 件。",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let s = sentences(&paras);
        assert_eq!(s[1].text, "市政府共受理政府信息公开申请 1295 件，办结 1191 件（含上年结转 189 件），均在法定期限内答复");
        assert_eq!(s[2].text, "其中，予以公开 5 件");
        assert!(s.iter().all(|x| x.section == 1 || x.text == "一、总体情况"));
    }

    #[test]
    fn dates_and_periods() {
        let d = dates(&chars_of("统计期限自2019年1月1日起至2019年12月31日止"));
        assert_eq!(d, vec![Date { year: Some(2019), month: 1, day: 1 }, Date { year: Some(2019), month: 12, day: 31 }]);
        let p = period(&[
            "其他需要报告的事项。本年度报告中所列数据统计期限为 2025".into(),
            "年 1 月 1 日至 12 月 31 日。本年度报告电子版可下载。".into(),
        ]);
        let p = p.expect("period");
        assert_eq!(p.start, Date { year: Some(2025), month: 1, day: 1 });
        assert_eq!(p.end, Some(Date { year: None, month: 12, day: 31 }));
    }
}
