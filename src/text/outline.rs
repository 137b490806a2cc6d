//! The report's outline: its six sections' headings, the section of every paragraph, and its
//! sentences (a PDF's wrapped lines joined, page footers dropped) — built once per report.

use super::{is_page_footer, norm};
use crate::cell;

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

pub fn section_of_label(l: &str) -> Option<u8> {
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
fn headings(paras: &[String], lines: &[(usize, u8)]) -> Vec<Heading> {
    let mut out: Vec<Heading> = Vec::new();
    for &(i, s) in lines {
        if !out.iter().any(|h| h.section == s) {
            out.push(Heading { section: s, para: i, text: paras[i].trim().to_string() });
        }
    }
    out
}

/// The section (0 = before the first heading) of every paragraph.
fn section_of_paras(paras: &[String], lines: &[(usize, u8)]) -> Vec<u8> {
    // Heading lines come in paragraph order: walked alongside (a search per paragraph made a
    // text of many headings quadratic).
    let mut lines = lines.iter().copied().peekable();
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

#[derive(Debug, Clone, PartialEq)]
pub struct Sentence {
    /// 0 before the first heading, else 1–6.
    pub section: u8,
    /// The block (a paragraph, or wrapped lines joined) it comes from.
    pub block: usize,
    /// The sentence as written, without its final 。；！？ (wrapped lines joined).
    pub text: String,
}

const ENDS: &[char] = &['。', '；', '！', '？', ';', '!', '?'];

/// A line that starts a new item ("（二）", "一是", "1、", "一、"), never the tail of a wrapped line.
pub fn starts_item(line: &str) -> bool {
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
fn sentences(paras: &[String], sections: &[u8]) -> Vec<Sentence> {
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

/// A report's running text, outlined once: its sections' headings, the section of every
/// paragraph, and its sentences.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Outline {
    /// The first heading of each section found, in text order.
    pub headings: Vec<Heading>,
    /// The section (0 before the first heading, else 1–6) of every paragraph.
    pub sections: Vec<u8>,
    pub sentences: Vec<Sentence>,
}

impl Outline {
    pub fn of(paras: &[String]) -> Outline {
        let lines = heading_lines(paras);
        let sections = section_of_paras(paras, &lines);
        Outline { headings: headings(paras, &lines), sentences: sentences(paras, &sections), sections }
    }

    /// The heading of a section (1–6), if the text has one.
    pub fn heading_of(&self, section: u8) -> Option<&Heading> {
        self.headings.iter().find(|h| h.section == section)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn outline(v: &[&str]) -> Outline {
        Outline::of(&v.iter().map(|s| s.to_string()).collect::<Vec<_>>())
    }

    #[test]
    fn headings_of_the_six_sections() {
        for (l, s) in [
            ("一、总体情况", 1),
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
        let h = outline(&["（一）总体情况", "（二）主动公开政府信息情况", "（五）存在的主要问题及改进情况", "（六）其他需要报告的事项"])
            .headings;
        assert_eq!(h.iter().map(|h| h.section).collect::<Vec<_>>(), [1, 2, 5, 6]);
        let h = outline(&["一、总体情况", "（一）主动公开情况", "二、主动公开政府信息情况"]).headings;
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
        let o = outline(&[
            "一、总体情况",
            "市政府共受理政府信息公开申请 1295 件，办结 1191 件（含",
            "— 2 —",
            "上年结转 189 件），均在法定期限内答复。其中，予以",
            "公开 5 件。",
        ]);
        let s = &o.sentences;
        assert_eq!(s[1].text, "市政府共受理政府信息公开申请 1295 件，办结 1191 件（含上年结转 189 件），均在法定期限内答复");
        assert_eq!(s[2].text, "其中，予以公开 5 件");
        assert!(s.iter().all(|x| x.section == 1 || x.text == "一、总体情况"));
        assert_eq!(o.sections, [1, 1, 1, 1, 1]);
    }
}
