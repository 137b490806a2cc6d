//! What a count is: the keyword nearest it in its clause, and the words that say a sentence is
//! not about requests or is about a change, not a total.

use super::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Target {
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
    pub(super) fn rule(self) -> &'static str {
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
pub(super) const KEYWORDS: &[(&str, Target, bool)] = &[
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
pub(super) const NOT_REQUESTS: &[&str] = &[
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
pub(super) const T4_RESULT_WORDS: &[&str] = &["维持", "纠正", "纠错", "败诉", "胜诉", "撤销", "驳回", "审结", "结案", "终止", "确认违法"];

/// Clause boundaries: a count's keyword is looked for back to one of these.
pub(super) const CLAUSE_ENDS: &[char] = &['，', ',', '：', ':', '（', '(', '）', ')', '"', '“', '”'];

pub(super) const MAX_CLAUSE: usize = 30;
pub(super) const MAX_GAP: usize = 24;
/// A generic keyword must be this close to its number unless 申请 stands between.
pub(super) const GENERIC_GAP: usize = 3;

/// What the sentence and the sentences before it in the same paragraph are about.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Context {
    /// They speak of 申请.
    pub(super) request: bool,
    /// They speak of disclosure on request (依申请, 公开申请, 申请公开).
    pub(super) on_request: bool,
}

/// Words that compare with another year or part: "比上年增加5件" is not a count of requests.
pub(super) const COMPARATIVE: &[&str] = &["比上", "比去", "较上", "较去", "同比", "环比", "增加", "减少", "增长", "下降", "上升", "持平"];

/// Words that narrow requests to one channel or source: "收到上级转办的申请3件" is a part.
pub(super) const QUALIFIERS: &[&str] = &[
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
pub(super) const ALL_CHANNELS: &[&str] = &["、", "和", "及", "各类", "各种", "全部", "所有"];

/// What a count is, from the clause before it (and a few words after it).
pub(super) fn classify(c: &[char], counts: &[Count], k: usize, cx: Context) -> Option<Target> {
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
