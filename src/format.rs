//! Both official formats as data (`spec/format.md`): tables, rows, columns, canonical addresses.
//!
//! Addresses (`t3/new/natural`) are the public contract. Everything else here — the official
//! labels, the words that recognise a row, the kind of value a cell holds — is data read by
//! recognition, the rules and the page, so a change to the format is a change here only.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Version {
    #[serde(rename = "v2019")]
    V2019,
    #[serde(rename = "v2021")]
    V2021,
}

impl Version {
    pub fn as_str(self) -> &'static str {
        match self {
            Version::V2019 => "v2019",
            Version::V2021 => "v2021",
        }
    }
    pub fn name(self) -> &'static str {
        match self {
            Version::V2019 => "2019 年版格式（国办公开办函〔2019〕60号）",
            Version::V2021 => "2021 年版格式（国办公开办函〔2021〕30号）",
        }
    }
    pub fn name_en(self) -> &'static str {
        match self {
            Version::V2019 => "2019 format (国办公开办函〔2019〕60号)",
            Version::V2021 => "2021 format (国办公开办函〔2021〕30号)",
        }
    }
}

/// What a cell must hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ValueKind {
    /// A non-negative whole number of items.
    Count,
    /// v2019 本年增/减: a signed whole number.
    Signed,
    /// v2021 本年收费金额 in 万元: a non-negative decimal.
    Amount,
    /// v2019 采购总金额: an amount with its unit written in the cell.
    Money,
}

#[derive(Debug, Clone, Copy, Serialize)]
pub struct Column {
    pub key: &'static str,
    pub label: &'static str,
    pub kind: ValueKind,
}

#[derive(Debug, Clone, Copy, Serialize)]
pub struct Row {
    pub key: &'static str,
    /// The official label (without the group label of merged cells).
    pub label: &'static str,
    /// The label of the merged cell this row sits under (t3 groups, t2 第二十条 bands).
    pub group: Option<&'static str>,
    /// A short name for messages ("本年新收申请数量").
    pub short: &'static str,
    pub columns: &'static [Column],
    /// Words that identify the row in a normalised label (any of them), tried most specific first.
    #[serde(skip)]
    pub words: &'static [&'static str],
}

#[derive(Debug, Clone, Copy, Serialize)]
pub struct Table {
    pub id: &'static str,
    pub title: &'static str,
    pub rows: &'static [Row],
}

const fn count(key: &'static str, label: &'static str) -> Column {
    Column { key, label, kind: ValueKind::Count }
}

pub const T3_COLUMNS: &[Column] = &[
    count("natural", "自然人"),
    count("commercial", "商业企业"),
    count("research", "科研机构"),
    count("social", "社会公益组织"),
    count("legal", "法律服务机构"),
    count("other", "其他"),
    count("total", "总计"),
];

/// The five columns under the merged header 法人或其他组织.
pub const T3_LEGAL_PERSONS: &[&str] = &["commercial", "research", "social", "legal", "other"];

pub const T4_COLUMNS: &[Column] = &[
    count("upheld", "结果维持"),
    count("corrected", "结果纠正"),
    count("other", "其他结果"),
    count("pending", "尚未审结"),
    count("total", "总计"),
];

const T2_2021_DOCS: &[Column] = &[count("issued", "本年制发件数"), count("repealed", "本年废止件数"), count("in_force", "现行有效件数")];
const T2_DECISIONS: &[Column] = &[count("decisions", "本年处理决定数量")];
const T2_2019_DOCS: &[Column] =
    &[count("made", "本年新制作数量"), count("published", "本年新公开数量"), count("public_total", "对外公开总数量")];
const T2_2019_ITEMS: &[Column] = &[
    count("prev_items", "上一年项目数量"),
    Column { key: "change", label: "本年增/减", kind: ValueKind::Signed },
    count("decisions", "处理决定数量"),
];
const T2_2019_FEES: &[Column] =
    &[count("prev_items", "上一年项目数量"), Column { key: "change", label: "本年增/减", kind: ValueKind::Signed }];

const G1: Option<&str> = Some("第二十条第（一）项");
const G5: Option<&str> = Some("第二十条第（五）项");
const G6: Option<&str> = Some("第二十条第（六）项");
const G8: Option<&str> = Some("第二十条第（八）项");
const G9: Option<&str> = Some("第二十条第（九）项");

const fn row(
    key: &'static str,
    label: &'static str,
    group: Option<&'static str>,
    short: &'static str,
    columns: &'static [Column],
    words: &'static [&'static str],
) -> Row {
    Row { key, label, group, short, columns, words }
}

pub const T2_V2021: Table = Table {
    id: "t2",
    title: "二、主动公开政府信息情况",
    rows: &[
        row("regulations", "规章", G1, "规章", T2_2021_DOCS, &["规章"]),
        row("normative", "行政规范性文件", G1, "行政规范性文件", T2_2021_DOCS, &["规范性文件"]),
        row("licensing", "行政许可", G5, "行政许可", T2_DECISIONS, &["行政许可"]),
        row("penalty", "行政处罚", G6, "行政处罚", T2_DECISIONS, &["行政处罚"]),
        row("coercion", "行政强制", G6, "行政强制", T2_DECISIONS, &["行政强制"]),
        row(
            "fees",
            "行政事业性收费",
            G8,
            "行政事业性收费",
            &[Column { key: "amount", label: "本年收费金额（单位：万元）", kind: ValueKind::Amount }],
            &["事业性收费"],
        ),
    ],
};

pub const T2_V2019: Table = Table {
    id: "t2",
    title: "二、主动公开政府信息情况",
    rows: &[
        row("regulations", "规章", G1, "规章", T2_2019_DOCS, &["规章"]),
        row("normative", "规范性文件", G1, "规范性文件", T2_2019_DOCS, &["规范性文件"]),
        row("licensing", "行政许可", G5, "行政许可", T2_2019_ITEMS, &["行政许可"]),
        row("other_services", "其他对外管理服务事项", G5, "其他对外管理服务事项", T2_2019_ITEMS, &["对外管理服务"]),
        row("penalty", "行政处罚", G6, "行政处罚", T2_2019_ITEMS, &["行政处罚"]),
        row("coercion", "行政强制", G6, "行政强制", T2_2019_ITEMS, &["行政强制"]),
        row("fees", "行政事业性收费", G8, "行政事业性收费", T2_2019_FEES, &["事业性收费"]),
        row(
            "procurement",
            "政府集中采购",
            G9,
            "政府集中采购",
            &[count("items", "采购项目数量"), Column { key: "amount", label: "采购总金额", kind: ValueKind::Money }],
            &["集中采购"],
        ),
    ],
};

const R3: Option<&str> = Some("三、本年度办理结果");
const D3: Option<&str> = Some("（三）不予公开");
const U4: Option<&str> = Some("（四）无法提供");
const J5: Option<&str> = Some("（五）不予处理");
const O6: Option<&str> = Some("（六）其他处理");
const C7: &[Column] = T3_COLUMNS;

const fn t3(
    key: &'static str,
    label: &'static str,
    group: Option<&'static str>,
    short: &'static str,
    words: &'static [&'static str],
) -> Row {
    row(key, label, group, short, C7, words)
}

const T3_HEAD: [Row; 2] = [
    t3("new", "一、本年新收政府信息公开申请数量", None, "本年新收申请数量", &["本年新收"]),
    t3("carried", "二、上年结转政府信息公开申请数量", None, "上年结转申请数量", &["上年结转"]),
];

const T3_RESULTS: [Row; 18] = [
    t3("granted", "（一）予以公开", R3, "予以公开", &["予以公开"]),
    t3("partial", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", R3, "部分公开", &["部分公开"]),
    t3("denied.secret", "1.属于国家秘密", D3, "不予公开·属于国家秘密", &["国家秘密"]),
    t3("denied.law", "2.其他法律行政法规禁止公开", D3, "不予公开·其他法律行政法规禁止公开", &["禁止公开"]),
    t3("denied.safety", "3.危及“三安全一稳定”", D3, "不予公开·危及“三安全一稳定”", &["三安全", "一稳定", "危及"]),
    t3("denied.third_party", "4.保护第三方合法权益", D3, "不予公开·保护第三方合法权益", &["第三方"]),
    t3("denied.internal", "5.属于三类内部事务信息", D3, "不予公开·属于三类内部事务信息", &["内部事务"]),
    t3("denied.process", "6.属于四类过程性信息", D3, "不予公开·属于四类过程性信息", &["过程性"]),
    t3("denied.enforcement", "7.属于行政执法案卷", D3, "不予公开·属于行政执法案卷", &["执法案卷"]),
    t3("denied.query", "8.属于行政查询事项", D3, "不予公开·属于行政查询事项", &["查询事项"]),
    t3("unable.not_held", "1.本机关不掌握相关政府信息", U4, "无法提供·本机关不掌握相关政府信息", &["不掌握"]),
    t3("unable.to_create", "2.没有现成信息需要另行制作", U4, "无法提供·没有现成信息需要另行制作", &["另行制作", "没有现成"]),
    t3("unable.unclear", "3.补正后申请内容仍不明确", U4, "无法提供·补正后申请内容仍不明确", &["仍不明确", "补正后"]),
    t3("rejected.petition", "1.信访举报投诉类申请", J5, "不予处理·信访举报投诉类申请", &["信访", "举报投诉"]),
    t3("rejected.repeat", "2.重复申请", J5, "不予处理·重复申请", &["重复申请"]),
    t3("rejected.publication", "3.要求提供公开出版物", J5, "不予处理·要求提供公开出版物", &["出版物"]),
    t3("rejected.mass", "4.无正当理由大量反复申请", J5, "不予处理·无正当理由大量反复申请", &["大量反复"]),
    t3(
        "rejected.confirm",
        "5.要求行政机关确认或重新出具已获取信息",
        J5,
        "不予处理·要求行政机关确认或重新出具已获取信息",
        &["重新出具", "确认或"],
    ),
];

const T3_TAIL: [Row; 2] = [
    t3("results_total", "（七）总计", R3, "办理结果总计", &["总计", "合计"]),
    t3("carry_forward", "四、结转下年度继续办理", None, "结转下年度继续办理", &["结转下年"]),
];

const fn concat<const A: usize, const B: usize, const C: usize, const D: usize, const N: usize>(
    a: [Row; A],
    b: [Row; B],
    c: [Row; C],
    d: [Row; D],
) -> [Row; N] {
    let mut out = [a[0]; N];
    let mut i = 0;
    while i < A {
        out[i] = a[i];
        i += 1;
    }
    let mut j = 0;
    while j < B {
        out[A + j] = b[j];
        j += 1;
    }
    let mut k = 0;
    while k < C {
        out[A + B + k] = c[k];
        k += 1;
    }
    let mut l = 0;
    while l < D {
        out[A + B + C + l] = d[l];
        l += 1;
    }
    out
}

const T3_OTHER_2021: [Row; 3] = [
    t3(
        "other.no_correction",
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        O6,
        "其他处理·申请人逾期不补正",
        &["不补正"],
    ),
    t3(
        "other.no_fee",
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        O6,
        "其他处理·申请人逾期未缴纳费用",
        &["缴纳费用", "收费通知"],
    ),
    t3("other.other", "3.其他", O6, "其他处理·其他", &[]),
];
const T3_OTHER_2019: [Row; 1] = [t3("other", "（六）其他处理", R3, "其他处理", &["其他处理"])];

const T3_ROWS_2021: [Row; 25] = concat(T3_HEAD, T3_RESULTS, T3_OTHER_2021, T3_TAIL);
const T3_ROWS_2019: [Row; 23] = concat(T3_HEAD, T3_RESULTS, T3_OTHER_2019, T3_TAIL);

pub const T3_V2021: Table = Table { id: "t3", title: "三、收到和处理政府信息公开申请情况", rows: &T3_ROWS_2021 };
pub const T3_V2019: Table = Table { id: "t3", title: "三、收到和处理政府信息公开申请情况", rows: &T3_ROWS_2019 };

pub const T4: Table = Table {
    id: "t4",
    title: "四、政府信息公开行政复议、行政诉讼情况",
    rows: &[
        row("review", "行政复议", None, "行政复议", T4_COLUMNS, &["行政复议"]),
        row("suit_direct", "未经复议直接起诉", Some("行政诉讼"), "行政诉讼·未经复议直接起诉", T4_COLUMNS, &["直接起诉"]),
        row("suit_after_review", "复议后起诉", Some("行政诉讼"), "行政诉讼·复议后起诉", T4_COLUMNS, &["复议后起诉"]),
    ],
};

pub fn tables(v: Version) -> [&'static Table; 3] {
    Shape::of(v).tables()
}

pub fn table(v: Version, id: &str) -> Option<&'static Table> {
    Shape::of(v).table(id)
}

/// The tables one report really has: its version's, or — for a 2021+ report made from an old
/// template — v2021's tables with v2019's single （六）其他处理 row in t3. The breach is reported
/// (rule S03); the report's numbers are still read and checked in the shape they have.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shape {
    pub version: Version,
    pub single_other_row: bool,
}

impl Shape {
    /// The key of the drawing layout (`layout()` in the wasm layer, the report's `layout`).
    pub fn key(self) -> &'static str {
        match (self.version, self.single_other_row) {
            (Version::V2019, _) => "v2019",
            (Version::V2021, false) => "v2021",
            (Version::V2021, true) => "v2021-single-other-row",
        }
    }

    pub fn from_key(key: &str) -> Option<Shape> {
        [Shape::of(Version::V2019), Shape::of(Version::V2021), Shape { version: Version::V2021, single_other_row: true }]
            .into_iter()
            .find(|s| s.key() == key)
    }

    pub fn of(version: Version) -> Shape {
        Shape { version, single_other_row: version == Version::V2019 }
    }

    pub fn tables(self) -> [&'static Table; 3] {
        match (self.version, self.single_other_row) {
            (Version::V2019, _) => [&T2_V2019, &T3_V2019, &T4],
            (Version::V2021, false) => [&T2_V2021, &T3_V2021, &T4],
            // t3 of v2019 is v2021's but for the one row.
            (Version::V2021, true) => [&T2_V2021, &T3_V2019, &T4],
        }
    }

    pub fn table(self, id: &str) -> Option<&'static Table> {
        self.tables().into_iter().find(|t| t.id == id)
    }

    /// Every cell address, in table, row, column order.
    pub fn addresses(self) -> Vec<String> {
        let mut out = Vec::new();
        for t in self.tables() {
            for r in t.rows {
                for c in r.columns {
                    out.push(address(t.id, r.key, c.key));
                }
            }
        }
        out
    }

    /// The row and column of an address.
    pub fn lookup(self, addr: &str) -> Option<(&'static Table, &'static Row, &'static Column)> {
        let mut parts = addr.splitn(3, '/');
        let (t, r, c) = (parts.next()?, parts.next()?, parts.next()?);
        let table = self.table(t)?;
        let row = table.rows.iter().find(|x| x.key == r)?;
        let col = row.columns.iter().find(|x| x.key == c)?;
        Some((table, row, col))
    }

    /// "本年新收申请数量（自然人）" — how a message names a cell.
    pub fn describe(self, addr: &str) -> String {
        self.name(addr).zh
    }

    /// A cell's name in both languages: "本年新收申请数量（自然人）", "new requests this year (natural persons)".
    pub fn name(self, addr: &str) -> Named {
        match self.lookup(addr) {
            Some((t, r, c)) if t.id == "t3" || t.id == "t4" => Named {
                zh: format!("{}（{}）", r.short, c.label),
                en: format!("{} ({})", row_en(t.id, r.key), column_en(t.id, r.key, c.key)),
            },
            Some((t, r, c)) => Named {
                zh: format!("{}·{}", r.short, c.label),
                en: format!("{} · {}", row_en(t.id, r.key), column_en(t.id, r.key, c.key)),
            },
            None => Named::same(addr),
        }
    }
}

/// A name in both languages, for messages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Named {
    pub zh: String,
    pub en: String,
}

impl Named {
    pub fn new(zh: impl Into<String>, en: impl Into<String>) -> Named {
        Named { zh: zh.into(), en: en.into() }
    }

    /// A name that is the same in both languages (an address, a label quoted as written).
    pub fn same(s: impl Into<String>) -> Named {
        let s = s.into();
        Named { zh: s.clone(), en: s }
    }

    pub fn get(&self, lang: crate::lang::Lang) -> &str {
        match lang {
            crate::lang::Lang::Zh => &self.zh,
            crate::lang::Lang::En => &self.en,
        }
    }
}

/// A row's short name, in both languages.
pub fn row_name(table: &str, row: &Row) -> Named {
    Named::new(row.short, row_en(table, row.key))
}

/// A column's name, in both languages.
pub fn column_name(table: &str, row: &str, col: &Column) -> Named {
    Named::new(col.label, column_en(table, row, col.key))
}

/// The English names of the rows (the Chinese ones are the format's own, in the tables above).
pub fn row_en(table: &str, row: &str) -> &'static str {
    match (table, row) {
        ("t2", "regulations") => "Regulations",
        ("t2", "normative") => "Normative documents",
        ("t2", "licensing") => "Administrative licensing",
        ("t2", "other_services") => "Other external management services",
        ("t2", "penalty") => "Administrative penalties",
        ("t2", "coercion") => "Administrative coercion",
        ("t2", "fees") => "Administrative fees",
        ("t2", "procurement") => "Government centralised procurement",
        ("t3", "new") => "New requests this year",
        ("t3", "carried") => "Requests carried over from last year",
        ("t3", "granted") => "Disclosed",
        ("t3", "partial") => "Partly disclosed",
        ("t3", "denied.secret") => "Not disclosed · state secrets",
        ("t3", "denied.law") => "Not disclosed · forbidden by other laws and regulations",
        ("t3", "denied.safety") => "Not disclosed · endangering the “three securities and one stability”",
        ("t3", "denied.third_party") => "Not disclosed · protecting a third party's rights",
        ("t3", "denied.internal") => "Not disclosed · internal affairs",
        ("t3", "denied.process") => "Not disclosed · information in process",
        ("t3", "denied.enforcement") => "Not disclosed · administrative enforcement files",
        ("t3", "denied.query") => "Not disclosed · administrative inquiry matters",
        ("t3", "unable.not_held") => "Cannot be provided · not held by this office",
        ("t3", "unable.to_create") => "Cannot be provided · would have to be made",
        ("t3", "unable.unclear") => "Cannot be provided · still unclear after correction",
        ("t3", "rejected.petition") => "Not processed · petitions, reports and complaints",
        ("t3", "rejected.repeat") => "Not processed · repeated requests",
        ("t3", "rejected.publication") => "Not processed · requests for publications",
        ("t3", "rejected.mass") => "Not processed · mass repeated requests without good reason",
        ("t3", "rejected.confirm") => "Not processed · confirming or reissuing information already had",
        ("t3", "other") => "Otherwise handled",
        ("t3", "other.no_correction") => "Otherwise handled · not corrected in time",
        ("t3", "other.no_fee") => "Otherwise handled · fee not paid in time",
        ("t3", "other.other") => "Otherwise handled · other",
        ("t3", "results_total") => "Results, total",
        ("t3", "carry_forward") => "Carried over to next year",
        ("t4", "review") => "Administrative review",
        ("t4", "suit_direct") => "Lawsuits · without review first",
        ("t4", "suit_after_review") => "Lawsuits · after review",
        _ => "?",
    }
}

/// The English names of the columns.
pub fn column_en(table: &str, row: &str, col: &str) -> &'static str {
    match (table, col) {
        ("t2", "issued") => "issued this year",
        ("t2", "repealed") => "repealed this year",
        ("t2", "in_force") => "in force",
        ("t2", "decisions") => "decisions this year",
        ("t2", "amount") if row == "fees" => "fees collected this year (10,000 yuan)",
        ("t2", "amount") => "total amount",
        ("t2", "made") => "made this year",
        ("t2", "published") => "published this year",
        ("t2", "public_total") => "total published",
        ("t2", "prev_items") => "items last year",
        ("t2", "change") => "change this year",
        ("t2", "items") => "items",
        ("t3", "natural") => "natural persons",
        ("t3", "commercial") => "commercial enterprises",
        ("t3", "research") => "research institutions",
        ("t3", "social") => "social welfare organisations",
        ("t3", "legal") => "legal service institutions",
        ("t3", "other") => "other",
        ("t4", "upheld") => "upheld",
        ("t4", "corrected") => "corrected",
        ("t4", "other") => "other results",
        ("t4", "pending") => "pending",
        (_, "total") => "total",
        _ => "?",
    }
}

/// A table's name for messages, in both languages.
pub fn table_name(id: &str) -> Named {
    match id {
        "t2" => Named::new("表二“主动公开政府信息情况”", "table 2 (proactive disclosure)"),
        "t3" => Named::new("表三“收到和处理政府信息公开申请情况”", "table 3 (requests received and handled)"),
        _ => Named::new("表四“政府信息公开行政复议、行政诉讼情况”", "table 4 (administrative review and litigation)"),
    }
}

/// `t3/new/natural`
pub fn address(table: &str, row: &str, col: &str) -> String {
    format!("{table}/{row}/{col}")
}

/// Every cell address of a format, in table, row, column order.
pub fn addresses(v: Version) -> Vec<String> {
    Shape::of(v).addresses()
}

/// Looks up the row and column of an address.
pub fn lookup(v: Version, addr: &str) -> Option<(&'static Table, &'static Row, &'static Column)> {
    Shape::of(v).lookup(addr)
}

/// "本年新收申请数量（自然人）" — how a message names a cell.
pub fn describe(v: Version, addr: &str) -> String {
    Shape::of(v).describe(addr)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cell_counts_match_the_spec() {
        assert_eq!(addresses(Version::V2021).len(), 10 + 175 + 15);
        assert_eq!(addresses(Version::V2019).len(), 22 + 161 + 15);
        let a = addresses(Version::V2021);
        let mut dedup = a.clone();
        dedup.sort();
        dedup.dedup();
        assert_eq!(dedup.len(), a.len(), "addresses are unique");
        assert_eq!(a[10], "t3/new/natural");
    }

    #[test]
    fn every_row_and_column_has_an_english_name() {
        for v in [Version::V2019, Version::V2021] {
            for a in addresses(v) {
                let n = Shape::of(v).name(&a);
                let cjk = n.en.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
                assert!(!n.en.contains('?') && !cjk, "{a}: {}", n.en);
            }
        }
        assert_eq!(Shape::of(Version::V2021).name("t3/new/natural").en, "New requests this year (natural persons)");
    }

    #[test]
    fn describe_names_row_and_column() {
        assert_eq!(describe(Version::V2021, "t3/new/natural"), "本年新收申请数量（自然人）");
        assert_eq!(describe(Version::V2021, "t2/fees/amount"), "行政事业性收费·本年收费金额（单位：万元）");
    }
}
