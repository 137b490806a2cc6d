//! Counts in a sentence: "1295 件", "十二件", "36起", approximate ones marked.

use super::*;

/// A count stated in a sentence: a number and its unit.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Count {
    pub(super) value: f64,
    /// Index of the first character of the number.
    pub(super) start: usize,
    /// Index just after the unit.
    pub(super) end: usize,
    pub(super) unit: char,
    /// "100余件", "1.5万件": not compared.
    pub(super) approx: bool,
}

pub(super) const CN_NUM: &str = "零〇一二两三四五六七八九十百千万";

pub(super) fn counts(c: &[char]) -> Vec<Count> {
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
