//! From a document (blocks of text and grids, whatever the reader) to the report model: find the
//! tables by their labels, map each row's values by their order after the label, never by line
//! numbers or grid columns alone.
//!
//! The document is flattened into lines (a table row, or a paragraph) and cut into three regions
//! by anchors (t2 … t3 … t4). In each region a line is split into its label and its values; label
//! fragments on lines without values are carried to the next line that has values and no label
//! (a merged label split over lines, a PDF's wrapped label); then each labelled line is matched to
//! a row of the format by the row's words. A row with more or fewer values than columns is not
//! read (P03): shifting values would be a silent error.

use crate::cell::{self, CellState, CellValue};
use crate::document::{Block, Document, Doubt};
use crate::error::ReadError;
use crate::format::{self, Row, Shape, Table, Version};
use crate::model::{Model, OddLabel};
use crate::report::Finding;
use crate::rules::reading::{P01, P03};
use crate::says::{NotRead, Says};
use crate::text::{agency_of, is_page_footer, norm, year_in, Outline};

/// A label without its numbering ("一、", "(三)", "1.") and punctuation, for comparing wordings.
fn label_core(s: &str) -> String {
    let n = norm(s);
    let mut rest = n.as_str();
    loop {
        let before = rest;
        let numeral = |c: char| "一二三四五六七八九十".contains(c);
        let t = rest.trim_start_matches(numeral);
        if t.len() < rest.len() && (t.starts_with('、') || t.starts_with('.')) {
            rest = &t[t.chars().next().map_or(0, char::len_utf8)..];
        }
        if let Some(t) = rest.strip_prefix('(') {
            let inner = t.trim_start_matches(numeral);
            if inner.len() < t.len() {
                if let Some(x) = inner.strip_prefix(')') {
                    rest = x;
                }
            }
        }
        let t = rest.trim_start_matches(|c: char| c.is_ascii_digit());
        if t.len() < rest.len() && t.starts_with('.') {
            rest = &t[1..];
        }
        if rest == before {
            break;
        }
    }
    rest.chars().filter(|c| !"，,、。：:；;".contains(*c)).collect()
}

/// A table row or a paragraph, as cells of text.
#[derive(Debug)]
struct Line {
    cells: Vec<String>,
    in_table: bool,
    /// All text of the line, normalised (for anchors).
    norm: String,
    /// The reader's doubt about a cell of the line (a row a page break cut and could not rejoin).
    doubt: Option<Doubt>,
}

/// A line split into its label and the values after it.
#[derive(Debug, Clone)]
struct Entry {
    label: String,
    /// The last label cell alone: the row's own label without a merged group label before it.
    own_label: String,
    values: Vec<String>,
    /// The label's cells, in order (a value written as text may be among the last ones).
    label_cells: Vec<String>,
    /// The label came from preceding lines, not this one.
    carried: bool,
    /// The reader doubts a cell of this line: the row is not read.
    doubt: Option<Doubt>,
}

fn lines(doc: &Document) -> Vec<Line> {
    let mut out = Vec::new();
    for b in &doc.blocks {
        match b {
            Block::Para(p) => {
                for l in p.split('\n') {
                    if !l.trim_matches(cell::is_space).is_empty() {
                        out.push(Line { cells: vec![l.to_string()], in_table: false, norm: norm(l), doubt: None });
                    }
                }
            }
            Block::Table(g) => {
                for row in &g.rows {
                    let cells: Vec<String> = row.iter().map(|c| c.text.clone()).collect();
                    let norm = norm(&cells.concat());
                    let doubt = row.iter().find_map(|c| c.doubt);
                    out.push(Line { cells, in_table: true, norm, doubt });
                }
            }
        }
    }
    out
}

const MAX_LABEL_CHARS: usize = 60;

fn split(line: &Line) -> Option<Entry> {
    if line.in_table {
        // The label is the run of text cells at the start of the row (after blanks a merged cell
        // left); everything after it is values, text cells included: "abc" where a number
        // should be is a wrong value, not more label.
        let blank = |c: &String| cell::parse(c).state == CellState::Blank;
        let start = line.cells.iter().position(|c| !blank(c)).unwrap_or(line.cells.len());
        let run = line.cells[start..].iter().take_while(|c| !cell::is_value_like(c)).count();
        if run == 0 {
            return Some(Entry {
                label: String::new(),
                own_label: String::new(),
                label_cells: Vec::new(),
                values: line.cells.clone(),
                carried: false,
                doubt: line.doubt,
            });
        }
        let end = start + run;
        let label = line.cells[start..end].concat();
        let own_label = line.cells[end - 1].clone();
        let label_cells = line.cells[start..end].to_vec();
        return Some(Entry { label, own_label, label_cells, values: line.cells[end..].to_vec(), carried: false, doubt: line.doubt });
    }
    let text = &line.cells[0];
    if is_page_footer(text) {
        return None;
    }
    // A paragraph: trailing number-like tokens are values ("行政许可 0"), the rest is the label.
    let tokens: Vec<&str> = text.split(cell::is_space).filter(|t| !t.is_empty()).collect();
    let n_values = tokens.iter().rev().take_while(|t| cell::parse(t).state == CellState::Number).count();
    let label = tokens[..tokens.len() - n_values].join("");
    if label.chars().count() > MAX_LABEL_CHARS {
        return None; // running text, not a table line
    }
    let values = tokens[tokens.len() - n_values..].iter().map(|s| s.to_string()).collect();
    Some(Entry { own_label: label.clone(), label_cells: vec![label.clone()], label, values, carried: false, doubt: None })
}

fn all_blank(v: &[String]) -> bool {
    v.iter().all(|c| cell::parse(c).state == CellState::Blank)
}

/// A header's words in a row's values ("申请人情况" where a number should be): a header row
/// printed again on the next page has landed in the row.
fn header_word_in_values(table: &Table, values: &[String]) -> Option<String> {
    const HEADS: &[&str] = &["申请人情况", "法人或其他组织", "信息内容", "勾稽关系", "行政复议", "行政诉讼"];
    let mut texts = values.iter().filter(|v| cell::parse(v).state == CellState::Text).peekable();
    // Values are numbers in all but a few rows: the words are made only for a text among them.
    texts.peek()?;
    let columns = table.rows.iter().flat_map(|r| r.columns.iter().map(|c| c.label)).filter(|l| l.chars().count() >= 3);
    let words: Vec<String> = HEADS.iter().map(|w| w.to_string()).chain(columns.map(norm)).collect();
    texts.find_map(|v| {
        let n = norm(v);
        words.iter().find(|w| n.contains(w.as_str())).cloned()
    })
}

/// A label that is only the end of the row's official label (its item number and first words
/// on the page before): the remnant of a row a page break cut.
fn is_fragment(row: &Row, written: &str) -> bool {
    let official = label_core(row.label);
    let w = label_core(written);
    !w.is_empty() && official.contains(&w) && !official.starts_with(&w)
}

/// Joins label fragments to the next line that has values but no label of its own.
fn entries(lines: &[Line]) -> Vec<Entry> {
    let raw: Vec<Entry> = lines.iter().filter_map(split).map(header_as_label).collect();
    let mut out = Vec::new();
    let mut pending = String::new();
    for (i, e) in raw.iter().enumerate() {
        let next_unlabelled = raw.get(i + 1).is_some_and(|n| n.label.is_empty() && !n.values.is_empty() && !all_blank(&n.values));
        let label_only = e.values.is_empty() || (all_blank(&e.values) && next_unlabelled);
        if !e.label.is_empty() && label_only {
            pending.push_str(&e.label);
            if e.values.is_empty() && e.label_cells.len() > 1 {
                out.push(e.clone()); // maybe "行政处罚 | 未统计": resolve() decides
            }
            continue;
        }
        if e.values.is_empty() {
            continue;
        }
        if e.label.is_empty() {
            let label = from_last_item(&std::mem::take(&mut pending)).to_string();
            out.push(Entry {
                own_label: label.clone(),
                label_cells: vec![label.clone()],
                label,
                values: e.values.clone(),
                carried: true,
                doubt: e.doubt,
            });
        } else {
            pending.clear();
            out.push(e.clone());
        }
    }
    out
}

/// Fragments carried over several lines may start with the tail of the row above (a PDF prints
/// a row's numbers beside the middle of its wrapped label): a carried label begins at its last
/// item number ("7.", "1、", "（三）") when text stands before it.
fn from_last_item(label: &str) -> &str {
    let chars: Vec<(usize, char)> = label.char_indices().collect();
    let numeral = |c: char| "一二三四五六七八九十".contains(c);
    let mut start = 0;
    for (k, &(at, c)) in chars.iter().enumerate().skip(1) {
        let next = chars.get(k + 1).map(|x| x.1);
        let digit_item = cell::fold_width(c).is_ascii_digit()
            && !cell::fold_width(chars[k - 1].1).is_ascii_digit()
            && matches!(next, Some('.' | '．' | '、'));
        let bracket_item =
            matches!(c, '(' | '（') && next.is_some_and(numeral) && chars.get(k + 2).is_some_and(|x| matches!(x.1, ')' | '）'));
        if digit_item || bracket_item {
            start = at;
        }
    }
    &label[start..]
}

/// A header row ("信息内容 | 本年制发件数 | …", "行政复议 | | 行政诉讼") has text but no number
/// after its first cell: all of it is label.
fn header_as_label(mut e: Entry) -> Entry {
    let parsed: Vec<CellState> = e.values.iter().map(|v| cell::parse(v).state).collect();
    if parsed.contains(&CellState::Text) && !parsed.contains(&CellState::Number) {
        for v in e.values.drain(..) {
            e.label.push_str(&v);
            e.label_cells.push(v);
        }
    }
    e
}

/// Trims blank cells that come from merged-cell remnants until the count fits: leading blanks
/// first (a label's merged second column), then trailing ones (a row's empty last field).
fn fit(values: &[String], expected: usize) -> Vec<String> {
    // The ends move inwards; the kept slice is copied once (removing from the front one by one
    // made a row of many blanks quadratic).
    let blank = |v: &String| cell::parse(v).state == CellState::Blank;
    let (mut lo, mut hi) = (0, values.len());
    while hi - lo > expected {
        if blank(&values[lo]) {
            lo += 1;
        } else if blank(&values[hi - 1]) {
            hi -= 1;
        } else {
            break;
        }
    }
    values[lo..hi].to_vec()
}

/// A t3 row with one value too many where joining two adjacent one-digit cells ("2", "0" → "20")
/// makes the row's total equal the sum of its parts, in exactly one way.
fn join_split_number(table: &Table, values: &[String]) -> Option<(Vec<String>, usize)> {
    let n = table.rows.first()?.columns.len();
    if table.id != "t3" || values.len() != n + 1 {
        return None;
    }
    let digit = |s: &str| {
        let t = s.trim_matches(cell::is_space);
        t.chars().count() == 1 && t.chars().all(|c| cell::fold_width(c).is_ascii_digit())
    };
    let mut found = None;
    for i in 0..n {
        if !(digit(&values[i]) && digit(&values[i + 1])) {
            continue;
        }
        let mut v = values.to_vec();
        let joined = format!("{}{}", v[i].trim_matches(cell::is_space), v[i + 1].trim_matches(cell::is_space));
        v.splice(i..i + 2, [joined]);
        let nums: Option<Vec<f64>> = v.iter().map(|x| cell::parse(x).value).collect();
        let Some(nums) = nums else { continue };
        if nums[..n - 1].iter().sum::<f64>() == nums[n - 1] {
            if found.is_some() {
                return None; // two readings close the sum: do not guess
            }
            found = Some((v, i));
        }
    }
    found
}

/// Which row of `table` a normalised label names, by the row's words; the word found last in the
/// label wins, because a merged group label comes first ("(三)不予公开1.属于国家秘密").
fn match_row(table: &'static Table, version: Version, label: &str) -> Option<&'static Row> {
    let mut best: Option<(usize, &Row)> = None;
    let mut rows_named = 0;
    // Most words share no character with a given label: a word with a character the label lacks
    // is passed over before a substring search is set up (most of the time this function took).
    let have = char_mask(label);
    for r in table.rows {
        let mut named = false;
        for w in r.words {
            if char_mask(w) & !have != 0 {
                continue;
            }
            if let Some(p) = label.rfind(w) {
                if r.key == "results_total" && !is_total_label(label) {
                    continue;
                }
                named = true;
                if best.is_none_or(|(bp, _)| p > bp) {
                    best = Some((p, r));
                }
            }
        }
        rows_named += named as usize;
    }
    // Two rows' own words in one label ("行政处罚" and "行政强制"): two rows run together, and
    // which one the numbers belong to cannot be told.
    if rows_named > 1 {
        return None;
    }
    if best.is_none() && table.id == "t3" && version == Version::V2021 && is_other_other(label) {
        return table.rows.iter().find(|r| r.key == "other.other");
    }
    best.map(|(_, r)| r)
}

/// The characters of a text as a 64-bit set (each character one bit of 64 by its code): a word
/// whose set is not within a text's cannot be in it.
fn char_mask(s: &str) -> u64 {
    s.chars().fold(0, |m, c| m | 1 << (c as u32 % 64))
}

/// Matches an entry to a row. A text value right after the label ("行政处罚 | 未统计") looks like
/// more label: when the whole run names no row with the right number of values, the last label
/// cells are given back to the values, shortest label last.
fn resolve(table: &'static Table, version: Version, e: &Entry) -> (Option<usize>, Entry) {
    let index = |label: &str| match_row(table, version, &norm(label)).and_then(|r| table.rows.iter().position(|x| x.key == r.key));
    let k = e.label_cells.len();
    // The whole label is the label cells joined (`split`, `entries`): matched once, first.
    debug_assert!(k == 0 || e.label == e.label_cells.concat(), "{e:?}");
    let whole = index(&e.label);
    // Label cells are never blank, so `fit` keeps every one given back: more than a row's
    // values can never fit (trying them all made a row of many label cells quadratic).
    let most = table.rows.iter().map(|r| r.columns.len()).max().unwrap_or(0);
    for j in (1..=k).rev().take(most + 1) {
        let label = if j == k { e.label.clone() } else { e.label_cells[..j].concat() };
        let Some(ri) = (if j == k { whole } else { index(&label) }) else { continue };
        let mut values = e.label_cells[j..].to_vec();
        values.extend(e.values.iter().cloned());
        if fit(&values, table.rows[ri].columns.len()).len() == table.rows[ri].columns.len() {
            let own_label = e.label_cells[j - 1].clone();
            return (Some(ri), Entry { label, own_label, label_cells: e.label_cells[..j].to_vec(), values, ..e.clone() });
        }
    }
    (whole, e.clone())
}

fn is_total_label(l: &str) -> bool {
    let l = l.trim_start_matches("三、本年度办理结果").trim_start_matches("三.本年度办理结果");
    l.contains("(七)") || l.chars().count() <= 6 && (l.ends_with("总计") || l.ends_with("合计"))
}

fn is_other_other(l: &str) -> bool {
    l.ends_with("其他") && (l.ends_with("3.其他") || l.contains("(六)") || l == "其他" || l.ends_with(")其他"))
}

/// Words that tell the formats apart (format.md, "How version is told apart").
const V2021_WORDS: &[&str] =
    &["本年制发件数", "本年废止件数", "现行有效件数", "本年收费金额", "逾期未按收费通知", "缴纳费用", "逾期不补正"];
const V2019_WORDS: &[&str] =
    &["本年新制作数量", "本年新公开数量", "对外公开总数量", "上一年项目数量", "本年增/减", "政府集中采购", "采购总金额", "对外管理服务"];

fn detect_version(lines: &[Line]) -> Option<Version> {
    let count = |words: &[&str]| words.iter().filter(|w| lines.iter().any(|l| l.norm.contains(*w))).count();
    let (a, b) = (count(V2021_WORDS), count(V2019_WORDS));
    match (a, b) {
        (0, 0) => None,
        (a, b) if a >= b => Some(Version::V2021),
        _ => Some(Version::V2019),
    }
}

fn is_anchor_line(l: &Line) -> bool {
    l.in_table || l.norm.chars().count() <= MAX_LABEL_CHARS
}

fn find_from(lines: &[Line], from: usize, pred: impl Fn(&Line) -> bool) -> Option<usize> {
    lines.iter().enumerate().skip(from).find(|(_, l)| is_anchor_line(l) && pred(l)).map(|(i, _)| i)
}

fn is_section(l: &Line, num: &str) -> bool {
    l.norm.starts_with(&format!("{num}、")) || l.norm.starts_with(&format!("{num}."))
}

struct Regions {
    t2: std::ops::Range<usize>,
    t3: std::ops::Range<usize>,
    t4: std::ops::Range<usize>,
}

fn regions(lines: &[Line]) -> Option<Regions> {
    let t3 = find_from(lines, 0, |l| l.norm.contains("本年新收") || l.norm.contains("勾稽关系") || l.norm.contains("申请人情况"))?;
    let t4 = find_from(lines, t3, |l| l.norm.contains("行政复议") && !l.norm.contains("本年新收")).unwrap_or(lines.len());
    let t2 = find_from(lines, 0, |l| {
        l.norm.contains("第二十条")
            || l.norm.contains("本年制发件数")
            || l.norm.contains("本年新制作数量")
            || l.norm.starts_with("信息内容")
    })
    .filter(|&i| i < t3)
    .or_else(|| find_from(lines, 0, |l| is_section(l, "二") && l.norm.contains("主动公开")).filter(|&i| i < t3))
    .unwrap_or(0);
    let end = find_from(lines, t4, |l| is_section(l, "五") || is_section(l, "六")).unwrap_or(lines.len());
    let end = end.min(t4.saturating_add(60)).max(t4);
    Some(Regions { t2: t2..t3, t3: t3..t4, t4: t4..end })
}

/// Reads the cells of one region's table into the model.
struct Reader<'m> {
    model: &'m mut Model,
}

impl Reader<'_> {
    fn put_row(&mut self, table: &Table, row: &Row, values: &[String]) {
        for (c, raw) in row.columns.iter().zip(values) {
            let addr = format::address(table.id, row.key, c.key);
            if self.model.get(&addr).is_none() {
                self.model.cells.push((addr, CellValue::parse(raw.trim_matches(|c: char| c.is_ascii_whitespace()))));
            }
        }
    }

    fn row_cells(table: &Table, row: &Row) -> Vec<String> {
        row.columns.iter().map(|c| format::address(table.id, row.key, c.key)).collect()
    }

    fn p03(&mut self, table: &Table, row: &Row, got: usize, written: &[String]) {
        let why = if got == 0 {
            NotRead::Missing
        } else {
            NotRead::Count { expected: row.columns.len(), got, written: written.iter().map(|s| s.trim().to_string()).collect() }
        };
        let f = Finding::new(&P03, Self::row_cells(table, row), Says::RowNotRead { row: format::row_name(table.id, row), why });
        self.model.doubts.push(f.values(row.columns.len() as f64, got as f64));
    }

    /// A number a page break cut in two ("3" at the foot of a page, "0" at the top of the next,
    /// joined as "3\n0" by the reader): one number only when the row's own sum closes with it
    /// (t3: the applicants add up to the total; t4: the four results to the total), named as a
    /// doubt as P01 names a split number; else the row is not read. `None` when it is not.
    fn cut_numbers(&mut self, table: &Table, row: &Row, values: &[String]) -> Option<Vec<String>> {
        let cut =
            |v: &String| v.contains('\n') && v.split('\n').all(|p| !p.trim().is_empty() && p.trim().chars().all(|c| c.is_ascii_digit()));
        let Some(at) = values.iter().position(cut) else { return Some(values.to_vec()) };
        let joined: Vec<String> = values.iter().map(|v| if cut(v) { v.split('\n').map(str::trim).collect() } else { v.clone() }).collect();
        let nums: Option<Vec<f64>> = joined.iter().map(|v| cell::parse(v).value).collect();
        let closes =
            matches!(table.id, "t3" | "t4") && nums.is_some_and(|n| n.len() >= 2 && n[..n.len() - 1].iter().sum::<f64>() == n[n.len() - 1]);
        let shown = values[at].replace('\n', "”“");
        if !closes {
            self.p03_because(table, row, NotRead::CutNumber(shown));
            return None;
        }
        let cells = Self::row_cells(table, row);
        let mut named = vec![cells[at].clone()];
        named.extend(cells.iter().filter(|c| **c != cells[at]).cloned());
        let says = Says::CutNumber { row: format::row_name(table.id, row), shown, joined: joined[at].clone() };
        self.model.doubts.push(Finding::new(&P01, named, says));
        Some(joined)
    }

    /// P03 with the reason the row is not read.
    fn p03_because(&mut self, table: &Table, row: &Row, why: NotRead) {
        let says = Says::RowNotRead { row: format::row_name(table.id, row), why };
        self.model.doubts.push(Finding::new(&P03, Self::row_cells(table, row), says));
    }

    /// P01: the row is read with the two cells joined, and the join is named as a doubt.
    fn p01(&mut self, table: &Table, row: &Row, split: &[String], at: usize, joined: &[String]) {
        let cells = Self::row_cells(table, row);
        let mut named = vec![cells[at].clone()];
        named.extend(cells.iter().filter(|c| **c != cells[at]).cloned());
        let says = Says::SplitNumber {
            row: format::row_name(table.id, row),
            got: split.len(),
            a: split[at].trim().to_string(),
            b: split[at + 1].trim().to_string(),
            joined: joined[at].clone(),
        };
        self.model.doubts.push(Finding::new(&P01, named, says));
        self.put_row(table, row, joined);
    }

    fn check_label(&mut self, table: &Table, row: &Row, written: &str) {
        let official = label_core(row.label);
        let w = label_core(written);
        // Tolerated: brackets, quotes, numbering, punctuation, spaces, a group label in front.
        if w.is_empty() || w.contains(&official) {
            return;
        }
        // Labels split over several lines of a PDF arrive in pieces: only name a whole label.
        if official.chars().count() > 16 && w.chars().count() < official.chars().count() {
            return;
        }
        self.model.odd_labels.push(OddLabel {
            cells: Self::row_cells(table, row),
            official: row.label,
            written: written.trim().to_string(),
        });
    }

    /// t2 and t3: every entry with a label that names a row. For t3, entries whose label is
    /// missing or unreadable are placed by the official row order when that is unambiguous.
    fn labelled_rows(&mut self, table: &'static Table, entries: &[Entry], by_order: bool) -> usize {
        let version = self.model.version;
        let (matched, entries): (Vec<Option<usize>>, Vec<Entry>) =
            entries.iter().map(|e| resolve(table, version, e)).filter(|(_, e)| !e.values.is_empty()).unzip();
        let mut assigned: Vec<Option<usize>> = matched.clone();
        if by_order {
            infer_by_order(&mut assigned, table.rows.len());
        }
        // Each row's line; a second line naming the same row with other numbers makes the row
        // doubtful (a header printed again, a row cut by a page break): neither is read.
        let mut claim: Vec<Option<usize>> = vec![None; table.rows.len()];
        let mut clash = vec![false; table.rows.len()];
        for (i, e) in entries.iter().enumerate() {
            let Some(ri) = assigned[i] else { continue };
            match claim[ri] {
                None => claim[ri] = Some(i),
                Some(j) => {
                    let n = table.rows[ri].columns.len();
                    if fit(&entries[j].values, n) != fit(&e.values, n) {
                        clash[ri] = true;
                    }
                }
            }
        }
        let mut found = 0;
        for (ri, row) in table.rows.iter().enumerate() {
            let Some(i) = claim[ri] else { continue };
            let e = &entries[i];
            found += 1;
            let values = fit(&e.values, row.columns.len());
            if matched[i].is_some() && !e.carried {
                self.check_label(table, row, &e.own_label);
            }
            if clash[ri] {
                self.p03_because(table, row, NotRead::Clash);
                continue;
            }
            if let Some(why) = e.doubt {
                self.p03_because(table, row, NotRead::Reader(why));
                continue;
            }
            if let Some(word) = header_word_in_values(table, &values) {
                self.p03_because(table, row, NotRead::HeaderWord(word));
                continue;
            }
            if all_blank(&values) && is_fragment(row, &e.own_label) {
                self.p03_because(table, row, NotRead::Fragment(e.own_label.trim().to_string()));
                continue;
            }
            if values.len() != row.columns.len() {
                match join_split_number(table, &values) {
                    Some((joined, at)) => self.p01(table, row, &values, at, &joined),
                    None => self.p03(table, row, values.len(), &values),
                }
                continue;
            }
            let Some(values) = self.cut_numbers(table, row, &values) else { continue };
            if matched[i].is_none() {
                let written = Some(e.label.trim().to_string()).filter(|l| !l.is_empty());
                let says = Says::RowByOrder { row: format::row_name(table.id, row), written };
                self.model.doubts.push(Finding::new(&P03, Self::row_cells(table, row), says));
            }
            self.put_row(table, row, &values);
        }
        if found > 0 {
            for (ri, row) in table.rows.iter().enumerate() {
                if claim[ri].is_none() {
                    self.p03(table, row, 0, &[]);
                }
            }
        }
        found
    }

    fn t4(&mut self, entries: &[Entry]) -> usize {
        let table = &format::T4;
        // One flat run of 15 numbers: 1–5, 6–10, 11–15 (P04).
        if let Some(e) = entries.iter().find(|e| fit(&e.values, 15).len() == 15) {
            let v = fit(&e.values, 15);
            for (k, row) in table.rows.iter().enumerate() {
                self.put_row(table, row, &v[k * 5..k * 5 + 5]);
            }
            return 3;
        }
        let mut next = 0;
        let mut found = 0;
        let mut seen = [false; 3];
        for e in entries {
            let values = fit(&e.values, 5);
            if values.len() != 5 {
                continue;
            }
            let by_label = match_row(table, Version::V2021, &norm(&e.label)).and_then(|r| table.rows.iter().position(|x| x.key == r.key));
            let Some(ri) = by_label.filter(|&r| !seen[r]).or_else(|| (next..3).find(|&r| !seen[r])) else { continue };
            seen[ri] = true;
            next = ri + 1;
            found += 1;
            let row = &table.rows[ri];
            if let Some(why) = e.doubt {
                self.p03_because(table, row, NotRead::Reader(why));
                continue;
            }
            if let Some(values) = self.cut_numbers(table, row, &values) {
                self.put_row(table, row, &values);
            }
        }
        if found > 0 {
            for (ri, row) in table.rows.iter().enumerate() {
                if !seen[ri] {
                    self.p03(table, row, 0, &[]);
                }
            }
        } else if let Some(e) =
            entries.iter().filter(|e| e.values.iter().any(|v| cell::parse(v).state == CellState::Number)).max_by_key(|e| e.values.len())
        {
            // Numbers are there, but neither 15 in a run nor 5 a row: not read, and said so.
            let got = fit(&e.values, 15);
            let cells: Vec<String> = table.rows.iter().flat_map(|r| Self::row_cells(table, r)).collect();
            let f = Finding::new(&P03, cells, Says::T4NotRead { got: got.len() });
            self.model.doubts.push(f.values(15.0, got.len() as f64));
        }
        found
    }
}

/// Places entries without a recognised row between two recognised ones, when the number of such
/// entries equals the number of rows missing between them (the official order is fixed).
fn infer_by_order(assigned: &mut [Option<usize>], n_rows: usize) {
    let anchors: Vec<usize> = (0..assigned.len()).filter(|&i| assigned[i].is_some()).collect();
    for w in anchors.windows(2) {
        let (a, b) = (w[0], w[1]);
        let (ra, rb) = (assigned[a].unwrap_or(0), assigned[b].unwrap_or(0));
        if rb <= ra || b - a < 2 {
            continue;
        }
        if b - a - 1 == rb - ra - 1 {
            for k in 1..(b - a) {
                assigned[a + k] = Some(ra + k);
            }
        }
    }
    let _ = n_rows;
}

/// The report's title: a heading near the top that names a year and a report.
fn find_title(doc: &Document, lines: &[Line]) -> Option<String> {
    let paras: Vec<&str> = lines.iter().filter(|l| !l.in_table).map(|l| l.cells[0].as_str()).take(20).collect();
    let clean = |s: &str| -> String {
        let s = s.trim_matches(|c: char| cell::is_space(c) || c == '#' || c == '*');
        // "2025 年" → "2025年": spaces a PDF puts around Latin digits. A run of spaces is one step
        // (looking ahead from every space made a line of spaces quadratic).
        let mut out = String::new();
        let mut chars = s.chars().peekable();
        while let Some(c) = chars.next() {
            if cell::is_space(c) {
                while chars.next_if(|c| cell::is_space(*c)).is_some() {}
                let latin = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
                if latin(out.chars().next_back()) && latin(chars.peek().copied()) {
                    out.push(' ');
                }
                continue;
            }
            out.push(c);
        }
        out
    };
    for (i, p) in paras.iter().enumerate() {
        let t = clean(p);
        if t.chars().count() > 80 || !has_year(&t) {
            continue;
        }
        if t.contains("年度报告") || t.contains("年报") {
            // A line that holds the container's title with more around it ("标题：…-网站名",
            // "首页>…") is decoration around it: the container's own title is the clean one.
            let inner = doc.title.as_deref().map(clean).filter(|d| has_year(d) && d.len() < t.len() && t.contains(d.as_str()));
            return Some(inner.unwrap_or(t));
        }
        // A title wrapped over two lines ("…政府信息公开" / "工作年度报告").
        if let Some(n) = paras.get(i + 1) {
            let n = clean(n);
            if n.chars().count() <= 16 && n.contains("报告") && (t.contains("政府信息公开") || t.chars().count() <= 30) {
                return Some(format!("{t}{n}"));
            }
        }
    }
    doc.title.as_deref().map(clean).filter(|t| has_year(t) && t.contains("报告"))
}

fn has_year(s: &str) -> bool {
    year_in(s).is_some()
}

/// The statistics period's year ("统计期限为2021年1月1日至…"), else the first year in the text.
fn year_from_text(lines: &[Line]) -> Option<i32> {
    lines.iter().find(|l| l.norm.contains("统计期限") || l.norm.contains("统计时限")).and_then(|l| year_in(&l.norm))
}

/// A 2021+ table 三 made from the old template: one （六）其他处理 row with its numbers, none of
/// the three rows that replaced it (逾期不补正, 逾期未缴纳费用, 其他).
fn has_single_other_row(t3: &[Line]) -> bool {
    let any = |w: &str| t3.iter().any(|l| l.norm.contains(w));
    any("其他处理") && !any("不补正") && !any("缴纳费用") && !any("收费通知")
}

/// Old (pre-2019) reports carry a free statistics table: 统计表, 申请总数 …
fn is_old_format(lines: &[Line]) -> bool {
    let all = |w: &str| lines.iter().any(|l| l.norm.contains(w));
    all("统计表") && (all("申请总数") || all("依申请公开信息总数") || all("答复总数") || all("主动公开信息数"))
}

pub fn recognise(doc: &Document) -> Result<Model, ReadError> {
    let lines = lines(doc);
    let title = find_title(doc, &lines);
    let year = title.as_deref().and_then(year_in).or_else(|| year_from_text(&lines));
    let Some(reg) = regions(&lines) else {
        return Err(no_tables_error(doc, &lines, year));
    };
    let table_lines = &lines[reg.t2.start..reg.t4.end];
    let Some(version) = detect_version(table_lines).or_else(|| detect_version(&lines)) else {
        if is_old_format(&lines) {
            return Err(old_format_error(year));
        }
        return Err(no_tables_error(doc, &lines, year));
    };
    let shape = Shape { version, single_other_row: version == Version::V2019 || has_single_other_row(&lines[reg.t3.clone()]) };
    let mut model = Model {
        input: doc.kind,
        version,
        shape,
        year,
        agency: title.as_deref().and_then(agency_of),
        title,
        cells: Vec::new(),
        paras: Vec::new(),
        outline: Outline::default(),
        odd_labels: Vec::new(),
        doubts: Vec::new(),
        tables_found: [false; 3],
        announced: announced(&lines),
        pictures: table_pictures(doc).map(|p| p.into_iter().map(String::from).collect()),
    };
    model.paras = lines.iter().filter(|l| !l.in_table).map(|l| l.cells[0].clone()).collect();
    model.outline = Outline::of(&model.paras);
    let [t2, t3, _] = shape.tables();
    let mut r = Reader { model: &mut model };
    let e2 = entries(&lines[reg.t2.clone()]);
    let f2 = r.labelled_rows(t2, &e2, false);
    let e3 = entries(&lines[reg.t3.clone()]);
    let f3 = r.labelled_rows(t3, &e3, true);
    let e4 = entries(&lines[reg.t4.clone()]);
    let f4 = r.t4(&e4);
    model.tables_found = [f2 > 0, f3 > 0, f4 > 0];
    if !model.tables_found[1] && is_old_format(&lines) {
        return Err(old_format_error(year));
    }
    column_labels(&mut model, &lines[reg.t3.clone()]);
    let order = shape.addresses();
    model.cells.sort_by_key(|(k, _)| order.iter().position(|a| a == k));
    Ok(model)
}

/// The t3 column headers as written: 社会组织 for 社会公益组织, 合计 for 总计 (rule S04).
fn column_labels(model: &mut Model, lines: &[Line]) {
    let header: String = lines.iter().take_while(|l| !l.norm.contains("本年新收")).map(|l| l.norm.as_str()).collect();
    let col = |k: &str| -> Vec<String> {
        model.shape.table("t3").map(|t| t.rows.iter().map(|r| format::address("t3", r.key, k)).collect()).unwrap_or_default()
    };
    if header.contains("社会组织") && !header.contains("社会公益组织") {
        let cells = col("social");
        model.odd_labels.push(OddLabel { cells, official: "社会公益组织", written: "社会组织".into() });
    }
    if header.contains("合计") && !header.contains("总计") {
        let cells = col("total");
        model.odd_labels.push(OddLabel { cells, official: "总计", written: "合计".into() });
    }
}

fn old_format_error(year: Option<i32>) -> ReadError {
    ReadError::OldFormat { year }
}

/// Which of the tables' sections (二, 三, 四) the document has a heading for.
fn announced(lines: &[Line]) -> [bool; 3] {
    let heading = |num: &str, words: &[&str]| {
        lines.iter().any(|l| l.norm.chars().count() <= MAX_LABEL_CHARS && is_section(l, num) && words.iter().any(|w| l.norm.contains(w)))
    };
    [heading("二", &["主动公开"]), heading("三", &["收到", "申请情况"]), heading("四", &["复议", "诉讼"])]
}

/// Pictures standing under the headings of sections 二, 三 and 四 (before the next section):
/// the tables published as images.
fn table_pictures(doc: &Document) -> [Vec<&str>; 3] {
    let mut out: [Vec<&str>; 3] = Default::default();
    if doc.pictures.is_empty() {
        return out; // most documents: no heading needs finding
    }
    let heading = |b: &Block| -> Option<usize> {
        let Block::Para(p) = b else { return None };
        let n = norm(p);
        if n.chars().count() > MAX_LABEL_CHARS {
            return None;
        }
        ["二", "三", "四", "五", "六"].iter().position(|s| n.starts_with(&format!("{s}、")) || n.starts_with(&format!("{s}.")))
    };
    let mut current: Option<usize> = None;
    let mut pics = doc.pictures.iter().peekable();
    for (i, b) in doc.blocks.iter().enumerate() {
        while let Some(p) = pics.next_if(|p| p.at <= i) {
            if let Some(t) = current.filter(|&t| t < 3) {
                out[t].push(p.name.as_str());
            }
        }
        if let Some(s) = heading(b) {
            current = Some(s);
        }
    }
    if let Some(t) = current.filter(|&t| t < 3) {
        out[t].extend(pics.map(|p| p.name.as_str()));
    }
    out
}

/// "表二（0.png）、表三（1.png）" — the tables shown as pictures, for messages.
fn pictures_named(pictures: &[Vec<&str>; 3]) -> Option<String> {
    let named: Vec<String> = pictures
        .iter()
        .zip(["表二", "表三", "表四"])
        .filter(|(p, _)| !p.is_empty())
        .map(|(p, t)| format!("{t}（{}）", p.join("、")))
        .collect();
    (!named.is_empty()).then(|| named.join("、"))
}

fn no_tables_error(doc: &Document, lines: &[Line], year: Option<i32>) -> ReadError {
    if is_old_format(lines) {
        return old_format_error(year);
    }
    if let Some(named) = pictures_named(&table_pictures(doc)) {
        return ReadError::TablesAsPictures { named };
    }
    // The container's title counts: a script-rendered page saved too early has only its <title>.
    let text: String = lines.iter().map(|l| l.norm.as_str()).chain(doc.title.as_deref()).collect();
    let about_report = text.contains("政府信息公开") && (text.contains("年度报告") || text.contains("年报"));
    let web_page = doc.kind == crate::document::InputKind::Html;
    if about_report || web_page && lines.len() < 30 {
        return ReadError::NoTables { web_page };
    }
    ReadError::NotAReport
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn norm_folds_brackets_numbering_and_spaces() {
        assert_eq!(norm("（三） 不予公开 1、属于国家秘密"), "(三)不予公开1.属于国家秘密");
        assert_eq!(norm("3.危及“三安全一稳定”"), "3.危及\"三安全一稳定\"");
    }

    #[test]
    fn the_latest_word_names_the_row() {
        let r = match_row(&format::T3_V2021, Version::V2021, &norm("(三) 不予公开 1.属于国家秘密")).unwrap();
        assert_eq!(r.key, "denied.secret");
        let r = match_row(&format::T3_V2021, Version::V2021, &norm("三、本年度办理结果 (一) 予以公开")).unwrap();
        assert_eq!(r.key, "granted");
        let r = match_row(&format::T3_V2021, Version::V2021, &norm("（七）总计")).unwrap();
        assert_eq!(r.key, "results_total");
        assert!(match_row(&format::T3_V2021, Version::V2021, &norm("申请人情况自然人法人或其他组织总计")).is_none());
        let r = match_row(&format::T3_V2021, Version::V2021, &norm("3.其他")).unwrap();
        assert_eq!(r.key, "other.other");
        // Two rows' labels run together (a page break joined them): neither row is named.
        assert!(match_row(&format::T2_V2021, Version::V2021, &norm("行政处罚\n行政强制")).is_none());
        assert!(match_row(&format::T3_V2021, Version::V2021, &norm("1.属于国家秘密2.其他法律行政法规禁止公开")).is_none());
    }

    #[test]
    fn label_fragments_and_header_words_are_told() {
        let row = format::T3_V2021.rows.iter().find(|r| r.key == "rejected.confirm").unwrap();
        assert!(is_fragment(row, "或重新出具已获取信息"));
        assert!(!is_fragment(row, "5.要求行政机关确认或重新出具已获取信息"));
        assert!(!is_fragment(row, "5.要求行政机关确认"), "the head of a label is not the remnant of a cut row");
        let v = |s: &[&str]| s.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        assert_eq!(header_word_in_values(&format::T3_V2021, &v(&["0", "", "申请人情况", "0"])).as_deref(), Some("申请人情况"));
        assert_eq!(header_word_in_values(&format::T3_V2021, &v(&["0", "无", "/", "0"])), None);
    }

    #[test]
    fn label_core_drops_numbering_and_punctuation() {
        assert_eq!(label_core("一、本年新收政府信息公开申请数量"), "本年新收政府信息公开申请数量");
        assert_eq!(label_core("（一）予以公开"), "予以公开");
        assert_eq!(label_core("1. 申请人无正当理由逾期不补正, 行政机关"), "申请人无正当理由逾期不补正行政机关");
    }

    #[test]
    fn a_carried_label_starts_at_its_last_item_number() {
        assert_eq!(from_last_item("过程性信息7.属于行政"), "7.属于行政");
        assert_eq!(from_last_item("息6、属于四类"), "6、属于四类");
        assert_eq!(from_last_item("三、本年度办理结果（二）部分公开"), "（二）部分公开");
        assert_eq!(from_last_item("（二）部分公开（区分处理的，只计这一情"), "（二）部分公开（区分处理的，只计这一情");
        assert_eq!(from_last_item("截至2024.12"), "截至2024.12");
    }

    #[test]
    fn fit_trims_merge_remnants() {
        let v = |s: &[&str]| s.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        assert_eq!(fit(&v(&["", "1", "2"]), 2), v(&["1", "2"]));
        assert_eq!(fit(&v(&["1", "2", ""]), 2), v(&["1", "2"]));
        assert_eq!(fit(&v(&["1", "2", "3"]), 2), v(&["1", "2", "3"]));
    }

    #[test]
    fn order_inference_only_when_unambiguous() {
        let mut a = vec![Some(3), None, Some(5)];
        infer_by_order(&mut a, 10);
        assert_eq!(a, vec![Some(3), Some(4), Some(5)]);
        let mut b = vec![Some(3), None, Some(6)];
        infer_by_order(&mut b, 10);
        assert_eq!(b, vec![Some(3), None, Some(6)]);
    }
}
