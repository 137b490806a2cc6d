//! Claims: every number of the text set against the cells it speaks of, with the outcome.

use super::*;

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
pub(super) fn sum(m: &Model, cells: &[String]) -> Option<f64> {
    cells.iter().map(|a| m.number(a)).sum()
}

pub(super) fn t3_rows(m: &Model, prefix: &str) -> Vec<&'static str> {
    m.shape
        .table("t3")
        .map(|t| t.rows.iter().filter(|r| r.key == prefix || r.key.starts_with(&format!("{prefix}."))).map(|r| r.key).collect())
        .unwrap_or_default()
}

pub(super) const T3_COLS: [&str; 6] = ["natural", "commercial", "research", "social", "legal", "other"];
pub(super) const COL_NAMES: [&str; 6] = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"];

pub(super) fn col_name(col: &str) -> &'static str {
    T3_COLS.iter().position(|c| *c == col).map_or("总计", |i| COL_NAMES[i])
}

/// The t3 rows a target names, and its name for messages.
pub(super) fn t3_target(m: &Model, t: Target) -> Option<(Vec<&'static str>, Named)> {
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

pub(super) fn cells_of(rows: &[&str], col: &str) -> Vec<String> {
    rows.iter().map(|r| format::address("t3", r, col)).collect()
}

pub(super) fn cells_of_cols(rows: &[&str], cols: &[&str]) -> Vec<String> {
    rows.iter().flat_map(|r| cols.iter().map(move |c| format::address("t3", r, c))).collect()
}

/// The first of these cells that is not a number, for a not-assessable message.
pub(super) fn unreadable(m: &Model, cells: &[String]) -> Vec<String> {
    cells.iter().filter(|a| m.number(a).is_none()).cloned().collect()
}

pub(super) struct Ctxs<'a> {
    pub(super) m: &'a Model,
    pub(super) sentence: &'a Sentence,
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
pub(super) fn percent_after(c: &[char], cnt: &Count) -> Option<f64> {
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
pub(super) const MAX_COUNTS: usize = 10_000;
pub(super) const MAX_CLAIMS: usize = 1_000;

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

pub(super) fn share(cx: &Ctxs, p: f64, stated: f64, of: &Claim, stated_results: &[f64]) -> Claim {
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
pub(super) fn statements(cx: &Ctxs, c: &[char], out: &mut Vec<Claim>) {
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
pub(super) const NO_REQUEST_GAP: &[&str] = &[
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
pub(super) const NO_CASE_GAP: &[&str] = &[
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
pub(super) fn only(gap: &[char], words: &[&str]) -> bool {
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
pub(super) fn no_requests(cl: &[char]) -> bool {
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

pub(super) fn t4_zero(cx: &Ctxs, rows: &[&str]) -> Claim {
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

pub(super) fn corrected_zero(cx: &Ctxs, rows: &[&str], said: Stated) -> Option<Claim> {
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
