//! Normalised text for comparing labels and words: spaces dropped, widths and brackets folded.

use crate::cell;

/// Normalised label text: no spaces, ASCII brackets and digits, "1、" as "1.".
pub fn norm(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut prev_digit = false;
    for c in s.chars() {
        if cell::is_space(c) || c == '*' || c == '#' || c == '|' {
            continue;
        }
        let c = match cell::fold_width(c) {
            '（' | '〔' | '[' | '【' => '(',
            '）' | '〕' | ']' | '】' => ')',
            '“' | '”' | '‘' | '’' | '「' | '」' | '\'' | '『' | '』' => '"',
            '：' => ':',
            '、' | '．' if prev_digit => '.',
            c => c,
        };
        prev_digit = c.is_ascii_digit();
        out.push(c);
    }
    out
}

/// A page footer ("— 4 —", "-4-") between table rows of a PDF's text.
pub fn is_page_footer(s: &str) -> bool {
    let t: String = s.chars().filter(|c| !cell::is_space(*c)).collect();
    !t.is_empty()
        && t.chars().any(|c| c.is_ascii_digit())
        && t.chars().all(|c| c.is_ascii_digit() || matches!(c, '-' | '—' | '–' | '－' | '第' | '页' | '/'))
        && t.chars().filter(|c| c.is_ascii_digit()).count() <= 3
}

/// A sentence as characters for matching: spaces dropped, full-width digits folded.
pub fn chars_of(s: &str) -> Vec<char> {
    s.chars().filter(|c| !cell::is_space(*c)).map(cell::fold_width).collect()
}

pub fn find(c: &[char], word: &str, from: usize) -> Option<usize> {
    // Without copying the word: this runs for every word of every sentence the rules read.
    let first = word.chars().next()?;
    let n = word.chars().count();
    if c.len() < n {
        return None;
    }
    (from..=c.len() - n).find(|&i| c[i] == first && c[i..i + n].iter().copied().eq(word.chars()))
}

pub fn contains(c: &[char], word: &str) -> bool {
    find(c, word, 0).is_some()
}

pub fn any_of(c: &[char], words: &[&str]) -> bool {
    words.iter().any(|w| contains(c, w))
}
