//! What a cell really contains (`format.md`, "What cells really contain"): its raw text is kept,
//! and read into a state and a value. A blank is never a zero.

use serde::{Deserialize, Serialize, Serializer};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CellState {
    Number,
    Blank,
    /// `/`, `—`, `无`, `不适用`: the report says the cell does not apply.
    Na,
    Text,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CellValue {
    pub raw: String,
    #[serde(serialize_with = "number_as_written")]
    pub value: Option<f64>,
    pub state: CellState,
}

/// Whole numbers are written as integers (`0`, not `0.0`), as the report wrote them.
pub(crate) fn number_as_written<S: Serializer>(v: &Option<f64>, s: S) -> Result<S::Ok, S::Error> {
    match v {
        Some(x) if x.fract() == 0.0 && x.abs() < 9e15 => s.serialize_i64(*x as i64),
        Some(x) => s.serialize_f64(*x),
        None => s.serialize_none(),
    }
}

impl CellValue {
    pub fn parse(raw: &str) -> CellValue {
        let p = parse(raw);
        CellValue { raw: raw.to_string(), value: p.value, state: p.state }
    }
    pub fn number(&self) -> Option<f64> {
        if self.state == CellState::Number {
            self.value
        } else {
            None
        }
    }
}

/// The reading of a cell, with what rules C03/C05/C06 need to know about its writing.
#[derive(Debug, Clone, PartialEq)]
pub struct Parsed {
    pub state: CellState,
    pub value: Option<f64>,
    /// A unit written after the number (`件`, `元`, `万元`).
    pub unit: Option<String>,
    /// Words around the number, e.g. `（其中修订16件）` (rule C06).
    pub extra: Option<String>,
    /// An explicit `+` sign was written.
    pub plus: bool,
    /// Digits after the decimal point.
    pub decimals: usize,
}

const UNITS: &[&str] = &["万元", "元", "件", "个", "项", "条", "次", "宗", "份"];
const NA: &[&str] = &["/", "／", "\\", "-", "--", "---", "—", "——", "－", "－－", "–", "无", "不适用", "暂无", "N/A", "n/a"];

/// Whitespace as it appears in cells: ASCII, NBSP (`&nbsp;`), U+3000 (the official Word template's
/// empty cells), zero-width and BOM characters.
pub fn is_space(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{a0}' | '\u{3000}' | '\u{200b}' | '\u{feff}')
}

/// Full-width digits, signs and separators to ASCII.
pub fn fold_width(c: char) -> char {
    match c {
        '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
        '．' => '.',
        '＋' => '+',
        '－' => '-',
        '，' => ',',
        _ => c,
    }
}

pub fn parse(raw: &str) -> Parsed {
    let trimmed = raw.trim_matches(is_space);
    let mut p = Parsed { state: CellState::Text, value: None, unit: None, extra: None, plus: false, decimals: 0 };
    // Most cells are a blank or plain digits: read without the copies below (what the long way
    // gives them, `tests::plain_digits_the_short_way`).
    if trimmed.is_empty() {
        p.state = CellState::Blank;
        return p;
    }
    if trimmed.bytes().all(|b| b.is_ascii_digit()) {
        p.state = CellState::Number;
        p.value = trimmed.parse().ok();
        return p;
    }
    if digits_apart(trimmed) {
        // "2 0" is two numbers in one cell, not twenty (rule C06 names it).
        return p;
    }
    let s: String = trimmed.chars().filter(|&c| !is_space(c)).collect();
    if s.is_empty() {
        p.state = CellState::Blank;
        return p;
    }
    if NA.contains(&s.as_str()) {
        p.state = CellState::Na;
        return p;
    }
    let folded: String = s.chars().map(fold_width).collect();
    let Some((value, len, plus, decimals)) = leading_number(&folded) else {
        return p;
    };
    let rest = &folded[len..];
    let (unit, rest) = match UNITS.iter().find(|u| rest.starts_with(**u)) {
        Some(u) => (Some(u.to_string()), &rest[u.len()..]),
        None => (None, rest),
    };
    if !rest.is_empty() {
        // Only a parenthesised note keeps the number ("55（含自然失效29件）"); anything else
        // ("2 0", "769-4-", "约5") is text: guessing a number there would be a silent error.
        let note = rest.starts_with('（') || rest.starts_with('(');
        let closed = rest.ends_with('）') || rest.ends_with(')');
        if !(note && closed) {
            return p;
        }
        p.extra = Some(rest.to_string());
    }
    p.state = CellState::Number;
    p.value = Some(value);
    p.unit = unit;
    p.plus = plus;
    p.decimals = decimals;
    p
}

/// A number at the start of `s`: optional sign, digits with optional thousands separators, an
/// optional decimal part. Returns (value, bytes used, explicit plus, decimals).
fn leading_number(s: &str) -> Option<(f64, usize, bool, usize)> {
    let b = s.as_bytes();
    let mut i = 0;
    let mut neg = false;
    let mut plus = false;
    if i < b.len() && (b[i] == b'+' || b[i] == b'-') {
        neg = b[i] == b'-';
        plus = b[i] == b'+';
        i += 1;
    }
    let start = i;
    let mut digits = String::new();
    while i < b.len() {
        if b[i].is_ascii_digit() {
            digits.push(b[i] as char);
            i += 1;
        } else if b[i] == b',' && !digits.is_empty() && group_follows(&b[i + 1..]) {
            i += 1;
        } else {
            break;
        }
    }
    if i == start || digits.is_empty() {
        return None;
    }
    let mut decimals = 0;
    if i + 1 < b.len() && b[i] == b'.' && b[i + 1].is_ascii_digit() {
        digits.push('.');
        i += 1;
        while i < b.len() && b[i].is_ascii_digit() {
            digits.push(b[i] as char);
            decimals += 1;
            i += 1;
        }
    }
    let v: f64 = digits.parse().ok()?;
    Some((if neg { -v } else { v }, i, plus, decimals))
}

/// Two digits with only spaces between them.
fn digits_apart(s: &str) -> bool {
    let c: Vec<char> = s.chars().map(fold_width).collect();
    (1..c.len()).any(|i| {
        is_space(c[i]) && c[..i].last().is_some_and(|x| x.is_ascii_digit()) && {
            let j = c[i..].iter().position(|&x| !is_space(x)).map(|k| i + k);
            j.is_some_and(|j| c[j].is_ascii_digit())
        }
    })
}

/// A thousands separator is followed by exactly three digits and then no further digit.
fn group_follows(b: &[u8]) -> bool {
    b.len() >= 3 && b[..3].iter().all(u8::is_ascii_digit) && !b.get(3).is_some_and(u8::is_ascii_digit)
        || b.len() >= 4 && b[..3].iter().all(u8::is_ascii_digit) && b[3] == b','
}

/// Is this text a value cell rather than a label? (numbers, blanks, placeholders)
pub fn is_value_like(raw: &str) -> bool {
    matches!(parse(raw).state, CellState::Number | CellState::Blank | CellState::Na)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(s: &str) -> (CellState, Option<f64>) {
        let p = parse(s);
        (p.state, p.value)
    }

    #[test]
    fn plain_digits_the_short_way() {
        // The same as the long way: a number with a unit dropped is still read as digits.
        for d in ["0", "7", "12", "007", "1295", "123456789012345678901"] {
            let short = parse(d);
            let long = parse(&format!("{d}件"));
            assert_eq!((short.state, short.value, short.decimals, short.plus), (long.state, long.value, long.decimals, long.plus), "{d}");
        }
        assert_eq!(parse(" \u{3000}").state, CellState::Blank);
    }

    #[test]
    fn real_cell_contents() {
        use CellState::*;
        assert_eq!(v("0"), (Number, Some(0.0)));
        assert_eq!(v(""), (Blank, None));
        assert_eq!(v("\u{a0}\u{a0}"), (Blank, None));
        assert_eq!(v("\u{3000}"), (Blank, None));
        for na in ["/", "—", "--", "无", "不适用", "-"] {
            assert_eq!(v(na), (Na, None), "{na}");
        }
        assert_eq!(v("１２"), (Number, Some(12.0)));
        assert_eq!(v("1,234"), (Number, Some(1234.0)));
        assert_eq!(v("1，234"), (Number, Some(1234.0)));
        assert_eq!(v("+1036"), (Number, Some(1036.0)));
        assert!(parse("+1036").plus);
        assert_eq!(v("-3"), (Number, Some(-3.0)));
        assert_eq!(v("251000元"), (Number, Some(251000.0)));
        assert_eq!(parse("251000元").unit.as_deref(), Some("元"));
        assert_eq!(v("0件"), (Number, Some(0.0)));
        assert_eq!(v("96171.6"), (Number, Some(96171.6)));
        assert_eq!(parse("24252.311082").decimals, 6);
        assert_eq!(v("75394432.52元"), (Number, Some(75394432.52)));
        assert_eq!(v("abc"), (Text, None));
        assert_eq!(v("2 0"), (Text, None), "two numbers in one cell");
        assert_eq!(v(" 251000 元 "), (Number, Some(251000.0)));
        assert_eq!(v("769-4-"), (Text, None));
        assert_eq!(v("55（含自然失效29件）"), (Number, Some(55.0)));
        assert!(parse("55（含自然失效29件）").extra.is_some());
        assert_eq!(v("1,2"), (Text, None));
    }

    #[test]
    fn integers_serialise_as_integers() {
        let c = CellValue::parse("0");
        assert_eq!(serde_json::to_string(&c).unwrap(), r#"{"raw":"0","value":0,"state":"number"}"#);
        let c = CellValue::parse("96171.6");
        assert!(serde_json::to_string(&c).unwrap().contains("96171.6"));
    }
}
