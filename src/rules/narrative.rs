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

// ───────────────────────────── numbers ─────────────────────────────

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
    Partial(Named),
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
    /// The same as said: a count, a share, or a statement without a number.
    pub says: Stated,
    /// What it is compared with, in words.
    pub what: Named,
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
fn t3_target(m: &Model, t: Target) -> Option<(Vec<&'static str>, Named)> {
    let rows_named = |keys: Vec<&'static str>, zh: &str, en: &str| Some((keys, Named::new(zh, en)));
    match t {
        Target::New => rows_named(vec!["new"], "本年新收申请", "new requests this year"),
        Target::Carried => rows_named(vec!["carried"], "上年结转申请", "requests carried over from last year"),
        Target::Results | Target::Handled => rows_named(vec!["results_total"], "办理结果总计", "the results' total"),
        Target::CarryForward => rows_named(vec!["carry_forward"], "结转下年度继续办理", "requests carried over to next year"),
        Target::GrantedPartial => rows_named(vec!["granted", "partial"], "予以公开加部分公开", "disclosed plus partly disclosed"),
        Target::Row(key) => {
            let row = m.shape.table("t3")?.rows.iter().find(|r| r.key == key)?;
            Some((vec![row.key], format::row_name("t3", row)))
        }
        Target::Group(g) => {
            let keys = t3_rows(m, g);
            if keys.is_empty() {
                return None;
            }
            let name = match g {
                "denied" => Named::new("不予公开（各项之和）", "not disclosed (all items)"),
                "unable" => Named::new("无法提供（各项之和）", "cannot be provided (all items)"),
                "rejected" => Named::new("不予处理（各项之和）", "not processed (all items)"),
                _ => Named::new("其他处理（各项之和）", "otherwise handled (all items)"),
            };
            Some((keys, name))
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
    fn claim(&self, rule: &'static str, says: Stated, what: Named, cells: Vec<String>, table: Option<f64>, outcome: Outcome) -> Claim {
        let stated = match says {
            Stated::Count(v) | Stated::Percent(v) => v,
            _ => 0.0,
        };
        Claim { rule, section: self.sentence.section, sentence: self.sentence.text.clone(), stated, says, what, cells, table, outcome }
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
                return Some(self.claim(rule, Stated::Count(v), name, cells, Some(s), Outcome::AgreesAs("各类申请人之和".into())));
            }
            let bad = unreadable(m, &cells);
            return Some(self.claim(rule, Stated::Count(v), name, bad, None, Outcome::NotAssessable));
        };
        if table == v {
            return Some(self.claim(rule, Stated::Count(v), name, cells, Some(table), Outcome::Agrees));
        }
        // 受理 / 收到 often count last year's carried-over requests too; 办理 may mean either.
        if t == Target::New || t == Target::Handled {
            let both = vec!["t3/new/total".to_string(), "t3/carried/total".to_string()];
            if sum(m, &both) == Some(v) {
                return Some(self.claim(rule, Stated::Count(v), name, both, Some(v), Outcome::AgreesAs("本年新收加上年结转".into())));
            }
        }
        if t == Target::Handled && m.number("t3/new/total") == Some(v) {
            return Some(self.claim(
                rule,
                Stated::Count(v),
                name,
                vec!["t3/new/total".into()],
                Some(v),
                Outcome::AgreesAs("本年新收".into()),
            ));
        }
        if v > 0.0 {
            if let Some(p) = self.partial(&rows, v) {
                return Some(self.claim(rule, Stated::Count(v), name, cells, Some(table), Outcome::Partial(p)));
            }
        }
        Some(self.claim(rule, Stated::Count(v), name, cells, Some(table), Outcome::Differs))
    }

    /// The one sub-row or one column a count equals, when it is not the whole.
    fn partial(&self, rows: &[&'static str], v: f64) -> Option<Named> {
        let m = self.m;
        let mut hits = Vec::new();
        if rows.len() > 1 {
            for r in rows {
                if m.number(&format::address("t3", r, "total")) == Some(v) {
                    hits.push(m.shape.name(&format::address("t3", r, "total")));
                }
            }
        }
        for (i, col) in T3_COLS.iter().enumerate() {
            if sum(m, &cells_of(rows, col)) == Some(v) {
                hits.push(Named::new(format!("{}列", COL_NAMES[i]), format!("the {} column", format::column_en("t3", "new", col))));
            }
        }
        (hits.len() == 1).then(|| hits.remove(0))
    }

    fn t4_count(&self, t: Target, v: f64) -> Option<Claim> {
        let m = self.m;
        let (rows, name): (&[&str], Named) = match t {
            Target::Review => (&["review"], Named::new("行政复议（总计）", "administrative reviews (total)")),
            Target::Suits => (
                &["suit_direct", "suit_after_review"],
                Named::new("行政诉讼（未经复议直接起诉与复议后起诉之和）", "lawsuits (without and after review together)"),
            ),
            _ => (
                &["review", "suit_direct", "suit_after_review"],
                Named::new("行政复议与行政诉讼（总计之和）", "administrative reviews and lawsuits (their totals together)"),
            ),
        };
        let cells: Vec<String> = rows.iter().map(|r| format::address("t4", r, "total")).collect();
        let Some(table) = sum(m, &cells) else {
            return Some(self.claim("N07", Stated::Count(v), name.clone(), unreadable(m, &cells), None, Outcome::NotAssessable));
        };
        if table == v {
            return Some(self.claim("N07", Stated::Count(v), name.clone(), cells, Some(table), Outcome::Agrees));
        }
        if v > 0.0 && rows.len() > 1 {
            let hits: Vec<&String> = cells.iter().filter(|a| m.number(a) == Some(v)).collect();
            if hits.len() == 1 {
                let p = m.shape.name(hits[0]);
                return Some(self.claim("N07", Stated::Count(v), name.clone(), cells.clone(), Some(table), Outcome::Partial(p)));
            }
        }
        Some(self.claim("N07", Stated::Count(v), name.clone(), cells, Some(table), Outcome::Differs))
    }

    /// A column count ("其中自然人申请741件") against the row(s) the sentence's total matched.
    fn column_count(&self, col: &'static str, v: f64, basis: &[&'static str]) -> Option<Claim> {
        let m = self.m;
        let (cols, cname): (Vec<&str>, &str) =
            if col == "legal_persons" { (format::T3_LEGAL_PERSONS.to_vec(), "法人或其他组织") } else { (vec![col], col_name(col)) };
        let cname_en = if col == "legal_persons" { "legal persons and other organisations" } else { format::column_en("t3", "new", col) };
        let cells = cells_of_cols(basis, &cols);
        let both = basis.len() > 1;
        let what = Named::new(
            format!("{}（{}）", if both { "本年新收加上年结转" } else { "本年新收申请" }, cname),
            format!("{} ({cname_en})", if both { "new plus carried-over requests" } else { "new requests this year" }),
        );
        let Some(table) = sum(m, &cells) else {
            return Some(self.claim("N01", Stated::Count(v), what.clone(), unreadable(m, &cells), None, Outcome::NotAssessable));
        };
        let outcome = if table == v { Outcome::Agrees } else { Outcome::Differs };
        Some(self.claim("N01", Stated::Count(v), what, cells, Some(table), outcome))
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
    let all = &m.outline.sentences;
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
    let what = Named::new(format!("{}占办理结果总计的比例", of.what.zh), format!("the share of {} in the results' total", of.what.en));
    let mut denominators: Vec<f64> = stated_results.to_vec();
    let rt = m.number(&rt_cell);
    denominators.extend(rt);
    let mut numerators = vec![stated];
    numerators.extend(of.table);
    let mut cells = vec![rt_cell.clone()];
    cells.extend(of.cells.iter().cloned());
    let Some(rt) = rt.or_else(|| stated_results.last().copied()) else {
        return cx.claim("N06", Stated::Percent(p), what, vec![rt_cell], None, Outcome::NotAssessable);
    };
    let fits = denominators.iter().filter(|d| **d > 0.0).any(|d| numerators.iter().any(|n| (p - n / d * 100.0).abs() <= 0.1 + 1e-9));
    let expected = if rt > 0.0 { (of.table.unwrap_or(stated) / rt * 10000.0).round() / 100.0 } else { 0.0 };
    cx.claim("N06", Stated::Percent(p), what, cells, Some(expected), if fits { Outcome::Agrees } else { Outcome::Differs })
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
                    out.extend(corrected_zero(cx, &rows, Stated::NothingCorrected));
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
            let what = Named::new("本年新收申请（总计）", "new requests this year (total)");
            out.push(cx.claim("N11", Stated::NoRequests, what, vec![cell], table, outcome));
        }
        // "均获维持", "全部维持": nothing corrected.
        if any_of(cl, &["均获维持", "均被维持", "均予维持", "全部维持", "均维持", "全部获得维持", "都得到维持"])
        {
            let mut rows = t4_rows(cl);
            if rows.is_empty() {
                rows = vec!["review", "suit_direct", "suit_after_review"];
            }
            out.extend(corrected_zero(cx, &rows, Stated::AllUpheld));
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
    let (what, of) = if rows.len() == 3 {
        (
            Named::new("行政复议与行政诉讼总计", "the total of administrative reviews and lawsuits"),
            Named::new("行政复议与行政诉讼", "administrative review or lawsuit"),
        )
    } else if rows[0] == "review" {
        (Named::new("行政复议总计", "the administrative reviews' total"), Named::new("行政复议", "administrative review"))
    } else {
        (Named::new("行政诉讼总计", "the lawsuits' total"), Named::new("行政诉讼", "lawsuit"))
    };
    let Some(table) = sum(m, &cells) else {
        return cx.claim("N10", Stated::NoCases(of), what, unreadable(m, &cells), None, Outcome::NotAssessable);
    };
    let mut blamed: Vec<String> = cells.iter().filter(|a| m.number(a).is_some_and(|v| v > 0.0)).cloned().collect();
    blamed.extend(cells.iter().filter(|a| !blamed.contains(a)).cloned().collect::<Vec<_>>());
    cx.claim("N10", Stated::NoCases(of), what, blamed, Some(table), if table == 0.0 { Outcome::Agrees } else { Outcome::Differs })
}

fn corrected_zero(cx: &Ctxs, rows: &[&str], said: Stated) -> Option<Claim> {
    let m = cx.m;
    let what = Named::new("结果纠正（合计）", "corrected (in all)");
    let cells: Vec<String> = rows.iter().map(|r| format::address("t4", r, "corrected")).collect();
    let Some(table) = sum(m, &cells) else {
        return Some(cx.claim("N07", said, what, unreadable(m, &cells), None, Outcome::NotAssessable));
    };
    let mut blamed: Vec<String> = cells.iter().filter(|a| m.number(a).is_some_and(|v| v > 0.0)).cloned().collect();
    blamed.extend(cells.iter().filter(|a| !blamed.contains(a)).cloned().collect::<Vec<_>>());
    Some(cx.claim("N07", said, what, blamed, Some(table), if table == 0.0 { Outcome::Agrees } else { Outcome::Differs }))
}

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

#[cfg(test)]
mod tests {
    use super::*;

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
}
