//! What a finding says, as data: each kind with its typed arguments, and its words in each
//! language from one exhaustive match (`message`), so a new kind without its Chinese and English
//! text does not compile. Cells and rows are named by `Named` (both languages, from the format's
//! data); numbers are kept as numbers until they are written.

use crate::document::Doubt;
use crate::format::{Named, Version};
use crate::lang::Lang;

/// A number as a message writes it: whole numbers without a decimal point.
pub fn num(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Says {
    // ── Reading (P): what recognition could not read, or read with a doubt ──
    /// A row not read: its numbers are missing, or do not fit its columns, or are doubtful.
    RowNotRead {
        row: Named,
        why: NotRead,
    },
    /// A row without a recognisable label, placed by the format's row order.
    RowByOrder {
        row: Named,
        written: Option<String>,
    },
    /// One number too many; joining two adjacent one-digit cells closes the row's sum (P01).
    SplitNumber {
        row: Named,
        got: usize,
        a: String,
        b: String,
        joined: String,
    },
    /// A number a page break cut in two, joined because the row's sum closes with it (P01).
    CutNumber {
        row: Named,
        shown: String,
        joined: String,
    },
    /// Table 四 is neither 15 numbers in a run nor 5 a row.
    T4NotRead {
        got: usize,
    },

    // ── Structure (S) ──
    NoSections,
    SectionMissing {
        section: u8,
    },
    SectionsOutOfOrder {
        written: Vec<String>,
    },
    /// The tables' format does not fit the report year (S02).
    FormatYear {
        year: i32,
        expected: Option<Version>,
        found: Version,
    },
    TableMissing {
        table: Named,
    },
    /// A 2021+ table 三 with v2019's single （六）其他处理 row.
    SingleOtherRow,
    OddLabel {
        written: String,
        official: String,
    },
    YearsDiffer {
        said: Vec<(YearSource, i32)>,
    },
    PeriodNotYear {
        wrong: Vec<PeriodProblem>,
    },
    Section5Empty {
        only: Option<String>,
    },

    // ── Cells (C) ──
    NotACount {
        cell: Named,
        raw: String,
        problem: CountProblem,
    },
    Blanks {
        table: Named,
        first: Vec<Named>,
        total: usize,
    },
    FeeAmount {
        raw: String,
        problems: Vec<FeeProblem>,
    },
    ChangeNotWhole {
        cell: Named,
        raw: String,
    },
    MoneyWithoutUnit {
        cell: Named,
        raw: String,
    },
    WordsBesideNumber {
        cell: Named,
        raw: String,
        read_as: f64,
    },
    SeveralNumbers {
        cell: Named,
        raw: String,
    },

    // ── Tables (T): balances and bounds ──
    SumDiffers {
        sum: &'static str,
        line: Named,
        lhs: f64,
        rhs: f64,
    },
    NotAssessable {
        line: Named,
        unread: Vec<Unread>,
        total: usize,
    },
    OutExceedsIn {
        column: Named,
        cell: Named,
        value: f64,
        incoming: f64,
    },
    IssuedNoneInForce {
        row: Named,
        issued: f64,
    },
    TotalBelowPart {
        row: Named,
        total: f64,
        part: Named,
        value: f64,
    },
    DecreaseTooLarge {
        row: Named,
        decrease: f64,
        prev: f64,
    },

    // ── Text against tables (N) ──
    TextVsTable {
        stated: Stated,
        what: Named,
        table: Named,
        result: TextResult,
    },

    // ── Across years (X) ──
    CarriedDiffers {
        column: Named,
        here: f64,
        there: f64,
    },
    CarriedNotAssessable {
        columns: Vec<Named>,
    },
    InForceDiffers {
        row: Named,
        prev: f64,
        issued: f64,
        repealed: f64,
        expected: f64,
        now: f64,
    },
    InForceNotAssessable {
        row: Named,
    },
    TextCopied {
        sentences: usize,
        same: usize,
    },
    NumbersCopied,

    // ── Across agencies (H) ──
    /// A region's t3/t4 cells that are not its units' sum (H01).
    RegionDiffers {
        year: i32,
        /// The units' agencies, as their titles name them (the first three).
        units: Vec<String>,
        count: usize,
        /// (cell, this report's number, the units' sum), the first four.
        shown: Vec<(Named, f64, f64)>,
        differ: usize,
        left_out: usize,
    },
}

/// Why a row was not read.
#[derive(Debug, Clone, PartialEq)]
pub enum NotRead {
    /// No numbers were found for it.
    Missing,
    /// More or fewer numbers than columns: (expected, got, what was written).
    Count { expected: usize, got: usize, written: Vec<String> },
    /// Two lines claim it with different numbers.
    Clash,
    /// The reader doubts a cell of it.
    Reader(Doubt),
    /// A header's words in its values.
    HeaderWord(String),
    /// Only the end of its label, without numbers.
    Fragment(String),
    /// A number cut by a page break that its row's sum cannot confirm.
    CutNumber(String),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum YearSource {
    Title,
    Period,
    Text,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PeriodProblem {
    Starts { month: u32, day: u32 },
    Ends { month: u32, day: u32 },
    CrossesYears { from: i32, to: i32 },
    NoEnd,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CountProblem {
    Text,
    Negative,
    Fraction,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FeeProblem {
    Negative,
    Unit(String),
    Decimals(usize),
    TooLarge,
}

/// A cell that kept a rule from being assessed, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct Unread {
    pub cell: Named,
    pub why: UnreadWhy,
}

#[derive(Debug, Clone, PartialEq)]
pub enum UnreadWhy {
    NotRead,
    Blank,
    Placeholder(String),
    NotANumber(String),
}

/// What a sentence of the text states.
#[derive(Debug, Clone, PartialEq)]
pub enum Stated {
    /// A count of the thing named.
    Count(f64),
    /// A share of the results, in per cent.
    Percent(f64),
    /// "未发生…": none of these (行政复议, 行政诉讼, or both).
    NoCases(Named),
    /// "未收到…申请".
    NoRequests,
    /// "没有被纠错或败诉的案件".
    NothingCorrected,
    /// "均获维持".
    AllUpheld,
}

/// How the table answers what the text states.
#[derive(Debug, Clone, PartialEq)]
pub enum TextResult {
    /// The cells compared are blank or not read.
    NotAssessable { unread: Vec<Named> },
    /// The table differs, but the stated number equals one sub-row or column.
    Partial { table: f64, equals: Named },
    /// The table differs: its value, and the cell named when one is to blame.
    Differs { table: f64, cell: Option<Named> },
}

impl Says {
    /// The message for the person who wrote the report (Chinese) or who reads the English page.
    pub fn message(&self, lang: Lang) -> String {
        use Lang::{En, Zh};
        let zh = lang == Zh;
        match self {
            Says::RowNotRead { row, why } => {
                let r = row.get(lang);
                match (why, lang) {
                    (NotRead::Missing, Zh) => format!("“{r}”一行的数字未能读出（文件中缺失或错位），这一行的单元格无法核对，请对照原文。"),
                    (NotRead::Missing, En) => format!(
                        "The numbers of the row “{r}” could not be read (missing or out of place in the file): its cells cannot be checked. Please compare with the original."
                    ),
                    (NotRead::Count { expected, got, written }, Zh) => format!(
                        "“{r}”一行应有 {expected} 个数字，读出 {got} 个（{}）：为免错位，这一行不予读取，请对照原文核实。",
                        written.join("、")
                    ),
                    (NotRead::Count { expected, got, written }, En) => format!(
                        "The row “{r}” should have {expected} numbers, {got} were read ({}): so as not to shift them, the row is not read. Please check the original.",
                        written.join(", ")
                    ),
                    (why, _) => {
                        let reason = match (why, lang) {
                            (NotRead::Clash, Zh) => "文件中有两处文字都像是这一行，数字却不一致（可能是分页处重复的表头或断开的行）".to_string(),
                            (NotRead::Clash, En) => {
                                "two lines of the file look like this row, with different numbers (a header repeated at a page break, or a row it cut)".to_string()
                            }
                            (NotRead::Reader(d), _) => d.message(lang).to_string(),
                            (NotRead::HeaderWord(w), Zh) => format!("数据格里出现了表头文字“{w}”（分页处重复的表头落进了这一行）"),
                            (NotRead::HeaderWord(w), En) => {
                                format!("the header's words “{w}” stand among its numbers (a header repeated at a page break fell into the row)")
                            }
                            (NotRead::Fragment(l), Zh) => format!("只找到这一行标签的一部分（“{l}”），没有数字（行可能被分页截断）"),
                            (NotRead::Fragment(l), En) => {
                                format!("only part of its label was found (“{l}”), with no numbers (a page break may have cut the row)")
                            }
                            (NotRead::CutNumber(s), Zh) => format!("分页处断开的数字（“{s}”）是一个数还是两个数，无法确定"),
                            (NotRead::CutNumber(s), En) => {
                                format!("a number cut by a page break (“{s}”) may be one number or two, and which cannot be told")
                            }
                            (NotRead::Missing | NotRead::Count { .. }, _) => unreachable!("handled above"),
                        };
                        if zh {
                            format!("“{r}”一行未能可靠读出：{reason}。这一行的单元格无法核对，请对照原文。")
                        } else {
                            format!("The row “{r}” could not be read reliably: {reason}. Its cells cannot be checked; please compare with the original.")
                        }
                    }
                }
            }
            Says::RowByOrder { row, written } => match lang {
                Zh => format!(
                    "这一行在文件中没有可辨认的行标签（{}），按官方表格的行序推断为“{}”，请对照原文核实。",
                    written.as_ref().map_or("空白".to_string(), |w| format!("写作“{w}”")),
                    row.zh
                ),
                En => format!(
                    "This row has no recognisable label in the file ({}); by the official order of the rows it is “{}”. Please check the original.",
                    written.as_ref().map_or("blank".to_string(), |w| format!("written “{w}”")),
                    row.en
                ),
            },
            Says::SplitNumber { row, got, a, b, joined } => match lang {
                Zh => format!(
                    "“{}”一行读出 {got} 个数字，多出一个；把相邻的“{a}”“{b}”连成 {joined} 后总计正好相符，按此读取。数字可能在排版或提取中被拆开，请对照原文核实",
                    row.zh
                ),
                En => format!(
                    "The row “{}” has {got} numbers, one too many; joining the adjacent “{a}” and “{b}” into {joined} makes its total add up, and it is read so. \
                     A number may have been split in layout or extraction: please check the original",
                    row.en
                ),
            },
            Says::CutNumber { row, shown, joined } => match lang {
                Zh => format!("“{}”一行的一个数字被分页截成两段（“{shown}”），连成 {joined} 后这一行的合计正好相符，按此读取。请对照原文核实", row.zh),
                En => format!(
                    "A number of the row “{}” was cut in two by a page break (“{shown}”); joined into {joined} the row adds up, and it is read so. Please check the original",
                    row.en
                ),
            },
            Says::T4NotRead { got } => match lang {
                Zh => format!("表四应有 15 个数字（3 组，每组 5 个），读出 {got} 个：为免错位，表四不予读取，请对照原文核实。"),
                En => format!("Table 4 should have 15 numbers (3 groups of 5), {got} were read: so as not to shift them, table 4 is not read. Please check the original."),
            },

            Says::NoSections => match lang {
                Zh => "找不到报告六个部分的标题（一、总体情况 … 六、其他需要报告的事项），请核对报告是否按格式分部分编写".into(),
                En => "None of the headings of the report's six sections (一、总体情况 … 六、其他需要报告的事项) was found: is the report written in the format's sections?"
                    .into(),
            },
            Says::SectionMissing { section } => {
                let i = (*section as usize).clamp(1, 6) - 1;
                let name = crate::text::SECTION_NAMES[i];
                match lang {
                    Zh => format!("找不到第{}部分“{name}”的标题", "一二三四五六".chars().nth(i).unwrap_or('?')),
                    En => format!("The heading of section {} (“{name}”) was not found", i + 1),
                }
            }
            Says::SectionsOutOfOrder { written } => match lang {
                Zh => format!("各部分的顺序与格式不符：文中依次为 {}", written.join(" → ")),
                En => format!("The sections are not in the format's order: the text has {}", written.join(" → ")),
            },
            Says::FormatYear { year, expected, found } => match (expected, lang) {
                (None, Zh) => format!("报告年度为 {year} 年，早于 2019 年格式的施行，表格却是{}：请核对报告年度", found.name()),
                (None, En) => format!(
                    "The report year is {year}, before the 2019 format came into force, yet its tables are in the {}: please check the report year",
                    found.name_en()
                ),
                (Some(Version::V2021), Zh) => format!("{year} 年度报告应使用{}，本报告仍用{}：未按照新格式", Version::V2021.name(), found.name()),
                (Some(Version::V2021), En) => format!(
                    "A report for {year} must use the {}; this one still uses the {}: the new format was not followed",
                    Version::V2021.name_en(),
                    found.name_en()
                ),
                (Some(v), Zh) => format!("{year} 年度报告应使用{}，本报告用的是{}", v.name(), found.name()),
                (Some(v), En) => format!("A report for {year} must use the {}; this one uses the {}", v.name_en(), found.name_en()),
            },
            Says::TableMissing { table } => match lang {
                Zh => format!("找不到{}，无法核对这部分数据", table.zh),
                En => format!("{} is not in the report: this part cannot be checked", capitalised(&table.en)),
            },
            Says::SingleOtherRow => match lang {
                Zh => "表三（六）其他处理仍是 2019 年版的一行：2021 年版格式（国办公开办函〔2021〕30号）把它分为三行——\
                       1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请；2.申请人逾期未按收费通知要求缴纳费用、\
                       行政机关不再处理其政府信息公开申请；3.其他。请按新格式分项填报（本工具仍按这一行核对各项合计）。"
                    .into(),
                En => "Table 3's （六）其他处理 is still the single row of the 2019 format: the 2021 format (国办公开办函〔2021〕30号) splits it into three rows — \
                       not corrected in time, fee not paid in time, and other. Please report them as the new format asks (the sums are still checked with the one row)."
                    .into(),
            },
            Says::OddLabel { written, official } => match lang {
                Zh => format!("标签写作“{written}”，官方格式为“{official}”"),
                En => format!("The label is written “{written}”; the official wording is “{official}”"),
            },
            Says::YearsDiffer { said } => {
                let mut parts: Vec<String> = Vec::new();
                for (w, y) in said {
                    let t = match (w, lang) {
                        (YearSource::Title, Zh) => format!("标题为 {y} 年"),
                        (YearSource::Period, Zh) => format!("统计期限为 {y} 年"),
                        (YearSource::Text, Zh) => format!("正文为 {y} 年"),
                        (YearSource::Title, En) => format!("the title says {y}"),
                        (YearSource::Period, En) => format!("the statistics period says {y}"),
                        (YearSource::Text, En) => format!("the text says {y}"),
                    };
                    if !parts.contains(&t) {
                        parts.push(t);
                    }
                }
                match lang {
                    Zh => format!("报告年度前后不一致：{}", parts.join("，")),
                    En => format!("The report year is not the same throughout: {}", parts.join(", ")),
                }
            }
            Says::PeriodNotYear { wrong } => {
                let parts: Vec<String> = wrong
                    .iter()
                    .map(|p| match (p, lang) {
                        (PeriodProblem::Starts { month, day }, Zh) => format!("起于 {month} 月 {day} 日，应为 1 月 1 日"),
                        (PeriodProblem::Starts { month, day }, En) => format!("it starts on {month}/{day}, not on 1 January"),
                        (PeriodProblem::Ends { month, day }, Zh) => format!("止于 {month} 月 {day} 日，应为 12 月 31 日"),
                        (PeriodProblem::Ends { month, day }, En) => format!("it ends on {month}/{day}, not on 31 December"),
                        (PeriodProblem::CrossesYears { from, to }, Zh) => format!("跨了年度（{from} 年至 {to} 年）"),
                        (PeriodProblem::CrossesYears { from, to }, En) => format!("it runs across years ({from} to {to})"),
                        (PeriodProblem::NoEnd, Zh) => "没有写明止于哪一天".into(),
                        (PeriodProblem::NoEnd, En) => "it does not say when it ends".into(),
                    })
                    .collect();
                match lang {
                    Zh => format!("统计期限应为报告年度的 1 月 1 日至 12 月 31 日：文中{}", parts.join("，")),
                    En => format!("The statistics period must run from 1 January to 31 December of the report year: {}", parts.join(", ")),
                }
            }
            Says::Section5Empty { only } => match (only, lang) {
                (None, Zh) => "第五部分“存在的主要问题及改进情况”没有内容".into(),
                (None, En) => "Section 5 (“存在的主要问题及改进情况”, problems and improvements) is empty".into(),
                (Some(w), Zh) => format!("第五部分“存在的主要问题及改进情况”只写了“{w}”：应如实写明存在的问题和改进措施"),
                (Some(w), En) => format!(
                    "Section 5 (“存在的主要问题及改进情况”, problems and improvements) says only “{w}”: it must state the problems and what is done about them"
                ),
            },

            Says::NotACount { cell, raw, problem } => match (problem, lang) {
                (CountProblem::Text, Zh) => format!("{}填的是“{raw}”，应为整数件数", cell.zh),
                (CountProblem::Text, En) => format!("{} holds “{raw}”: it must be a whole number", cell.en),
                (CountProblem::Negative, Zh) => format!("{}为负数 {raw}，件数不能小于 0", cell.zh),
                (CountProblem::Negative, En) => format!("{} is negative ({raw}): a count cannot be below 0", cell.en),
                (CountProblem::Fraction, Zh) => format!("{}为 {raw}，件数应为整数", cell.zh),
                (CountProblem::Fraction, En) => format!("{} is {raw}: a count must be a whole number", cell.en),
            },
            Says::Blanks { table, first, total } => {
                let names: Vec<&str> = first.iter().map(|n| n.get(lang)).collect();
                match lang {
                    Zh => format!(
                        "{}：{}{}为空白或填了“/”“无”等。空白不等于 0：没有发生的事项应填 0，否则相关的勾稽关系无法核对",
                        table.zh,
                        names.join("、"),
                        if *total > first.len() { format!("等 {total} 个单元格") } else { String::new() }
                    ),
                    En => format!(
                        "{}: {}{} {} blank or hold “/”, “无” or the like. A blank is not a zero: what did not happen is written 0, or the sums through these cells cannot be checked",
                        capitalised(&table.en),
                        names.join(", "),
                        if *total > first.len() { format!(" and {} more cells", total - first.len()) } else { String::new() },
                        if *total == 1 { "is" } else { "are" }
                    ),
                }
            }
            Says::FeeAmount { raw, problems } => {
                let parts: Vec<String> = problems
                    .iter()
                    .map(|p| match (p, lang) {
                        (FeeProblem::Negative, Zh) => "金额为负数".into(),
                        (FeeProblem::Negative, En) => "the amount is negative".into(),
                        (FeeProblem::Unit(u), Zh) => format!("单元格里写了单位“{u}”（表头已规定单位为万元，只填数字）"),
                        (FeeProblem::Unit(u), En) => format!("the cell writes a unit, “{u}” (the header fixes the unit, 10,000 yuan: write the number only)"),
                        (FeeProblem::Decimals(d), Zh) => format!("有 {d} 位小数（按格式保留 4 位小数）"),
                        (FeeProblem::Decimals(d), En) => format!("it has {d} decimals (the format keeps 4)"),
                        (FeeProblem::TooLarge, Zh) => "数额大得不合常理，可能把“元”当成了“万元”".into(),
                        (FeeProblem::TooLarge, En) => "the amount is implausibly large: yuan may have been written as 10,000 yuan".into(),
                    })
                    .collect();
                match lang {
                    Zh => format!("行政事业性收费·本年收费金额为“{raw}”：{}", parts.join("；")),
                    En => format!("Administrative fees · fees collected this year is “{raw}”: {}", parts.join("; ")),
                }
            }
            Says::ChangeNotWhole { cell, raw } => match lang {
                Zh => format!("{}为“{raw}”，本年增/减应为整数（可带正负号）", cell.zh),
                En => format!("{} is “{raw}”: the change this year must be a whole number (with its sign)", cell.en),
            },
            Says::MoneyWithoutUnit { cell, raw } => match lang {
                Zh => format!("{}为“{raw}”，没有写单位（元或万元），金额无法比较", cell.zh),
                En => format!("{} is “{raw}” without a unit (yuan or 10,000 yuan): the amount cannot be compared", cell.en),
            },
            Says::WordsBesideNumber { cell, raw, read_as } => match lang {
                Zh => format!("{}写作“{raw}”，数字旁有文字说明，按 {} 读取；请核对原文", cell.zh, read_as),
                En => format!("{} is written “{raw}”, with words beside the number; it is read as {}. Please check the original", cell.en, read_as),
            },
            Says::SeveralNumbers { cell, raw } => match lang {
                Zh => format!(
                    "{}写作“{raw}”，一个单元格里有多个数字或夹杂文字，无法确定数值；请核对原文（可能是提取时把相邻单元格或页码连在了一起）",
                    cell.zh
                ),
                En => format!(
                    "{} is written “{raw}”: several numbers or numbers among words in one cell, so its value cannot be told. \
                     Please check the original (extraction may have run neighbouring cells or a page number together)",
                    cell.en
                ),
            },

            Says::SumDiffers { sum, line, lhs, rhs } => crate::rules::sums::message(sum, line.get(lang), *lhs, *rhs, lang),
            Says::NotAssessable { line, unread, total } => {
                let names: Vec<String> = unread
                    .iter()
                    .map(|u| {
                        let n = u.cell.get(lang);
                        match (&u.why, lang) {
                            (UnreadWhy::NotRead, Zh) => format!("{n}未能读出"),
                            (UnreadWhy::Blank, Zh) => format!("{n}为空白"),
                            (UnreadWhy::Placeholder(r), Zh) => format!("{n}填的是“{r}”"),
                            (UnreadWhy::NotANumber(r), Zh) => format!("{n}为“{r}”，不是数字"),
                            (UnreadWhy::NotRead, En) => format!("{n} was not read"),
                            (UnreadWhy::Blank, En) => format!("{n} is blank"),
                            (UnreadWhy::Placeholder(r), En) => format!("{n} holds “{r}”"),
                            (UnreadWhy::NotANumber(r), En) => format!("{n} is “{r}”, not a number"),
                        }
                    })
                    .collect();
                match lang {
                    Zh => format!(
                        "{}：{}{}，这项勾稽关系无法核对（空白不等于 0）",
                        line.zh,
                        names.join("，"),
                        if *total > unread.len() { format!("等 {total} 个单元格") } else { String::new() }
                    ),
                    En => format!(
                        "{}: {}{}; this sum cannot be checked (a blank is not a zero)",
                        line.en,
                        names.join(", "),
                        if *total > unread.len() { format!(", {total} cells in all") } else { String::new() }
                    ),
                }
            }
            Says::OutExceedsIn { column, cell, value, incoming } => match lang {
                Zh => format!("{}列：{}为 {}，多于本年新收加上年结转的 {}", column.zh, cell.zh, value, incoming),
                En => format!("{} column: {} is {}, more than the {} new and carried-over requests", column.en, cell.en, value, incoming),
            },
            Says::IssuedNoneInForce { row, issued } => match lang {
                Zh => format!("{}：本年制发 {issued} 件，现行有效件数却为 0（本年制发的应计入现行有效）", row.zh),
                En => format!("{}: {issued} issued this year, yet 0 in force (what was issued this year is in force)", row.en),
            },
            Says::TotalBelowPart { row, total, part, value } => match lang {
                Zh => format!("{}：对外公开总数量 {total} 小于{} {value}", row.zh, part.zh),
                En => format!("{}: the total published, {total}, is less than the {}, {value}", row.en, part.en),
            },
            Says::DecreaseTooLarge { row, decrease, prev } => match lang {
                Zh => format!("{}：本年减少 {decrease} 项，多于上一年的项目数量 {prev}", row.zh),
                En => format!("{}: {decrease} items fewer this year, more than last year's {prev} items", row.en),
            },

            Says::TextVsTable { stated, what, table, result } => text_vs_table(stated, what, table, result, lang),

            Says::CarriedDiffers { column, here, there } => match lang {
                Zh => format!(
                    "本年“上年结转（{}）”为 {}，上年报告“结转下年度继续办理（{}）”为 {}：两者应相等",
                    column.zh,
                    num(*here),
                    column.zh,
                    num(*there)
                ),
                En => format!(
                    "This year's “carried over from last year ({})” is {}, last year's “carried over to next year ({})” is {}: they must be equal",
                    column.en,
                    num(*here),
                    column.en,
                    num(*there)
                ),
            },
            Says::CarriedNotAssessable { columns } => {
                let names: Vec<&str> = columns.iter().map(|c| c.get(lang)).collect();
                match lang {
                    Zh => format!("{}列：本年的上年结转或上年报告的结转下年度为空白或未能读出，无法核对两年的衔接", names.join("、")),
                    En => format!(
                        "Columns {}: this year's carried-over or last year's carried-forward cells are blank or not read; the two years' link cannot be checked",
                        names.join(", ")
                    ),
                }
            }
            Says::InForceDiffers { row, prev, issued, repealed, expected, now } => match lang {
                Zh => format!(
                    "{}：上年现行有效 {} 件 + 本年制发 {} 件 − 本年废止 {} 件 = {} 件，本年现行有效件数却为 {} 件",
                    row.zh,
                    num(*prev),
                    num(*issued),
                    num(*repealed),
                    num(*expected),
                    num(*now)
                ),
                En => format!(
                    "{}: {} in force last year + {} issued − {} repealed this year = {}, yet {} are in force this year",
                    row.en,
                    num(*prev),
                    num(*issued),
                    num(*repealed),
                    num(*expected),
                    num(*now)
                ),
            },
            Says::InForceNotAssessable { row } => match lang {
                Zh => format!("{}：本年或上年报告的件数空白或未能读出，无法核对现行有效件数的衔接", row.zh),
                En => format!("{}: a count of this year's or last year's report is blank or not read; the documents in force cannot be followed on", row.en),
            },
            Says::TextCopied { sentences, same } => match lang {
                Zh => format!(
                    "本年报告正文 {sentences} 句中有 {same} 句（{}%）与上年报告相同（数字除外）：请核对是否照抄了上年的报告",
                    same * 100 / sentences.max(&1)
                ),
                En => format!(
                    "{same} of the {sentences} sentences of this year's text ({}%) are last year's (numbers aside): was last year's report copied?",
                    same * 100 / sentences.max(&1)
                ),
            },
            Says::NumbersCopied => match lang {
                Zh => "表三、表四的全部数字与上年报告完全相同：请核对是否照抄了上年的数据".into(),
                En => "Every number of tables 3 and 4 is the same as last year's: were last year's numbers copied?".into(),
            },
            Says::RegionDiffers { year, units, count, shown, differ, left_out } => {
                let more_units = *count > units.len();
                let cells: Vec<String> = shown
                    .iter()
                    .map(|(cell, here, sum)| match lang {
                        Zh => format!("{}本报告 {}、各单位合计 {}", cell.zh, num(*here), num(*sum)),
                        En => format!("{}: {} here, {} in the units' sum", cell.en, num(*here), num(*sum)),
                    })
                    .collect();
                match lang {
                    Zh => format!(
                        "同一批报告中有所属单位的 {year} 年度报告 {count} 份（{}{}）。表三、表四与各单位之和不同的有：{}{}。{}\
                         本级报告若只统计向本级政府提出的申请，不必等于各单位之和；请确认统计口径。",
                        units.join("、"),
                        if more_units { "等" } else { "" },
                        cells.join("；"),
                        if *differ > shown.len() { format!("等 {differ} 个单元格") } else { String::new() },
                        if *left_out > 0 { format!("另有 {left_out} 个单元格因有单位空白或未读出，没有比较。") } else { String::new() },
                    ),
                    En => format!(
                        "The batch holds {count} reports for {year} of this region's units ({}{}). Cells of tables 3 and 4 that are not the units' sum: {}{}.{} \
                         A region's report that counts only the applications made to its own government need not equal the units' sum; please confirm what it counts.",
                        units.join(", "),
                        if more_units { " and others" } else { "" },
                        cells.join("; "),
                        if *differ > shown.len() { format!(" ({differ} cells in all)") } else { String::new() },
                        if *left_out > 0 { format!(" {left_out} more cells were not compared: a unit's cell is blank or not read.") } else { String::new() },
                    ),
                }
            }
        }
    }
}

fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    c.next().map_or_else(String::new, |f| f.to_uppercase().collect::<String>() + c.as_str())
}

/// "文字说…为 X 件，表三中为 Y" and its kin.
fn text_vs_table(stated: &Stated, what: &Named, table: &Named, result: &TextResult, lang: Lang) -> String {
    let w = what.get(lang);
    let said = match (stated, lang) {
        (Stated::Count(v), Lang::Zh) => format!("文字说{w}为 {} 件", num(*v)),
        (Stated::Count(v), Lang::En) => format!("The text says {w}: {}", num(*v)),
        (Stated::Percent(p), Lang::Zh) => format!("文字写{w}为 {}%", num(*p)),
        (Stated::Percent(p), Lang::En) => format!("The text gives {w} as {}%", num(*p)),
        (Stated::NoCases(of), Lang::Zh) => format!("文字说没有发生{}", of.zh),
        (Stated::NoCases(of), Lang::En) => format!("The text says there was no {}", of.en),
        (Stated::NoRequests, Lang::Zh) => "文字说本年没有收到政府信息公开申请".into(),
        (Stated::NoRequests, Lang::En) => "The text says no request for government information was received this year".into(),
        (Stated::NothingCorrected, Lang::Zh) => "文字说没有被纠错或败诉的案件".into(),
        (Stated::NothingCorrected, Lang::En) => "The text says no decision was corrected and no lawsuit lost".into(),
        (Stated::AllUpheld, Lang::Zh) => "文字说复议、诉讼结果均获维持".into(),
        (Stated::AllUpheld, Lang::En) => "The text says every review and lawsuit upheld the decision".into(),
    };
    let t = table.get(lang);
    match (result, lang) {
        (TextResult::NotAssessable { unread }, _) => {
            let names: Vec<&str> = unread.iter().map(|n| n.get(lang)).collect();
            match lang {
                Lang::Zh => format!("{said}，但表中{}空白或未能读出，无法核对", names.join("、")),
                Lang::En => format!(
                    "{said}, but {} in the table {} blank or not read: it cannot be checked",
                    names.join(", "),
                    if names.len() == 1 { "is" } else { "are" }
                ),
            }
        }
        (TextResult::Partial { table: v, equals }, Lang::Zh) => {
            format!("{said}，{t}中为 {}；{} 等于{}：文字可能只说了其中一项，请核对", num(*v), stated_number(stated), equals.zh)
        }
        (TextResult::Partial { table: v, equals }, Lang::En) => format!(
            "{said}; {t} has {}. {} equals {}: the text may give only one part of it. Please check",
            num(*v),
            stated_number(stated),
            equals.en
        ),
        (TextResult::Differs { table: v, cell }, Lang::Zh) => match stated {
            Stated::Percent(_) => format!("{said}，按表中数字计算应为 {}%", num(*v)),
            Stated::NoCases(_) => format!("{said}，{t}中{}却为 {}", what.zh, num(*v)),
            Stated::NoRequests => format!("{said}，表三本年新收申请总计却为 {}", num(*v)),
            Stated::NothingCorrected | Stated::AllUpheld => {
                format!("{said}，{t}中{}却为 {}", cell.as_ref().map_or("结果纠正（合计）", |c| c.zh.as_str()), num(*v))
            }
            Stated::Count(_) => format!("{said}，{t}中为 {}", num(*v)),
        },
        (TextResult::Differs { table: v, cell }, Lang::En) => match stated {
            Stated::Percent(_) => format!("{said}; by the table's numbers it is {}%", num(*v)),
            Stated::NoCases(_) => format!("{said}, yet {} in {t} is {}", what.en, num(*v)),
            Stated::NoRequests => format!("{said}, yet table 3's new requests this year total {}", num(*v)),
            Stated::NothingCorrected | Stated::AllUpheld => {
                format!("{said}, yet {} in {t} is {}", cell.as_ref().map_or("corrected (in all)", |c| c.en.as_str()), num(*v))
            }
            Stated::Count(_) => format!("{said}; {t} has {}", num(*v)),
        },
    }
}

fn stated_number(s: &Stated) -> String {
    match s {
        Stated::Count(v) | Stated::Percent(v) => num(*v),
        _ => "0".into(),
    }
}
