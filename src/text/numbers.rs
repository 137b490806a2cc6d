//! Chinese numerals as reports write them in sentences.

/// A Chinese numeral as written in sentences: 零, 一…十, 两, 十二, 二十三, 一百零五, 三千二百.
/// Returns None for anything that is not one well-formed number ("一一", "十十").
pub fn chinese_number(s: &str) -> Option<u64> {
    let digit = |c: char| {
        "零〇一二三四五六七八九".find(c).map(|_| match c {
            '零' | '〇' => 0,
            '一' => 1,
            '二' => 2,
            '三' => 3,
            '四' => 4,
            '五' => 5,
            '六' => 6,
            '七' => 7,
            '八' => 8,
            _ => 9,
        })
    };
    let chars: Vec<char> = s.chars().collect();
    if chars.is_empty() {
        return None;
    }
    if chars == ['两'] {
        return Some(2);
    }
    let mut total: u64 = 0; // completed 万 groups
    let mut section: u64 = 0; // below 万
    let mut pending: Option<u64> = None; // a digit waiting for its unit
    let mut last_unit = u64::MAX;
    for (i, &c) in chars.iter().enumerate() {
        let c = if c == '两' { '二' } else { c };
        if let Some(d) = digit(c) {
            if pending.is_some() && pending != Some(0) {
                return None; // two digits in a row
            }
            pending = Some(d);
            continue;
        }
        let unit = match c {
            '十' => 10,
            '百' => 100,
            '千' => 1000,
            '万' => 10_000,
            _ => return None,
        };
        if unit == 10_000 {
            section += pending.take().unwrap_or(0);
            if section == 0 {
                return None;
            }
            total += section * 10_000;
            section = 0;
            last_unit = u64::MAX;
            continue;
        }
        if unit >= last_unit {
            return None; // 十百, 百百
        }
        let d = match pending.take() {
            Some(d) => d,
            None if unit == 10 && (i == 0 || section == 0 && total == 0) => 1, // 十二 = 12
            None => return None,
        };
        if d == 0 {
            return None;
        }
        section += d * unit;
        last_unit = unit;
    }
    section += pending.unwrap_or(0);
    Some(total + section)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_numerals() {
        for (s, v) in [
            ("零", 0),
            ("一", 1),
            ("两", 2),
            ("十", 10),
            ("十二", 12),
            ("二十", 20),
            ("二十三", 23),
            ("一百零五", 105),
            ("一百一十", 110),
            ("三千二百", 3200),
            ("两千零五十", 2050),
            ("一万二千", 12000),
        ] {
            assert_eq!(chinese_number(s), Some(v), "{s}");
        }
        for s in ["一一", "十十", "百", "十百", "", "五零五"] {
            assert_eq!(chinese_number(s), None, "{s}");
        }
    }
}
