//! Years, agencies, dates and the statistics period as the text gives them.

use super::{chars_of, find, norm, Sentence};
use crate::cell;

/// The first "YYYY年" in a text.
pub fn year_in(s: &str) -> Option<i32> {
    let c: Vec<char> = s.chars().map(cell::fold_width).collect();
    for i in 0..c.len() {
        if i + 4 <= c.len() && c[i..i + 4].iter().all(|d| d.is_ascii_digit()) && (i == 0 || !c[i - 1].is_ascii_digit()) {
            let rest = c[i + 4..].iter().find(|x| !cell::is_space(**x));
            if rest == Some(&'年') {
                let y: i32 = c[i..i + 4].iter().collect::<String>().parse().ok()?;
                if (1990..=2100).contains(&y) {
                    return Some(y);
                }
            }
        }
    }
    None
}

/// The agency named in a title: the title without its year and report words.
pub fn agency_of(title: &str) -> Option<String> {
    let t: String = title.chars().filter(|c| !cell::is_space(*c)).collect();
    let t = t.trim_start_matches(['(', '（']).to_string();
    let year = year_in(&t)?.to_string();
    let mut s = t.replacen(&format!("{year}年度"), "", 1).replacen(&format!("{year}年"), "", 1);
    for suffix in ["政府信息公开工作年度报告", "政府信息公开年度报告", "信息公开工作年度报告", "年度报告", "工作报告", "年报"]
    {
        if let Some(x) = s.strip_suffix(suffix) {
            s = x.to_string();
            break;
        }
    }
    let s = s.trim_end_matches("关于").trim().to_string();
    (!s.is_empty()).then_some(s)
}

/// A date written "2021年1月1日" or "12月31日" (year optional).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Date {
    pub year: Option<i32>,
    pub month: u32,
    pub day: u32,
}

/// The statistics period as the text states it.
#[derive(Debug, Clone, PartialEq)]
pub struct Period {
    pub sentence: String,
    pub start: Date,
    pub end: Option<Date>,
}

fn dates(c: &[char]) -> Vec<Date> {
    let mut out = Vec::new();
    let num = |c: &[char], i: usize| -> (usize, Option<u32>) {
        let mut j = i;
        while j < c.len() && c[j].is_ascii_digit() {
            j += 1;
        }
        (j, c[i..j].iter().collect::<String>().parse().ok())
    };
    let mut i = 0;
    while i < c.len() {
        if !c[i].is_ascii_digit() || (i > 0 && c[i - 1].is_ascii_digit()) {
            i += 1;
            continue;
        }
        let (j, n) = num(c, i);
        let mut year = None;
        let mut k = j;
        let mut month = None;
        if j < c.len() && c[j] == '年' && j - i == 4 {
            year = n.map(|y| y as i32);
            let (k2, mo) = num(c, j + 1);
            if k2 < c.len() && c[k2] == '月' {
                month = mo;
                k = k2;
            }
        } else if j < c.len() && c[j] == '月' {
            month = n;
            k = j;
        }
        if let Some(mo) = month {
            let (k3, d) = num(c, k + 1);
            if let (Some(d), true) = (d, k3 < c.len() && c[k3] == '日') {
                out.push(Date { year, month: mo, day: d });
                i = k3 + 1;
                continue;
            }
        }
        i = j.max(i + 1);
    }
    out
}

/// The statistics period ("统计期限为2021年1月1日至12月31日"), if the text states it.
pub fn period(sentences: &[Sentence]) -> Option<Period> {
    // Every word below starts with 统 (which `chars_of` leaves as it is): the few sentences with
    // it are the only ones worth making characters of.
    for s in sentences.iter().filter(|s| s.text.contains('统')) {
        let c = chars_of(&s.text);
        let Some(p) = ["统计期限", "统计时限", "统计期间", "统计区间", "统计时间", "统计周期", "统计时段"]
            .iter()
            .filter_map(|w| find(&c, w, 0))
            .min()
        else {
            continue;
        };
        let ds = dates(&c[p..]);
        let Some(start) = ds.first().copied().filter(|d| d.year.is_some()) else { continue };
        return Some(Period { sentence: s.text.clone(), start, end: ds.get(1).copied() });
    }
    None
}

/// Years the running text gives the report itself, outside the title: "现将…2025年政府信息公开
/// 年度报告向社会公布". Titles of other documents (《…》) and lone link lines are not the report.
pub fn report_years_in_text(sentences: &[Sentence], title: Option<&str>) -> Vec<(i32, String)> {
    let title_n = title.map(norm).unwrap_or_default();
    let mut out = Vec::new();
    // Only a sentence that names a report (报告, whatever stands between its characters) is
    // normalised: most are not.
    for s in sentences.iter().filter(|s| s.text.contains('报') && s.text.contains('告')) {
        let n = norm(&s.text);
        if n.chars().count() < 30 || n == title_n || title_n.contains(&n) {
            continue;
        }
        // Only where the text presents itself ("现将…年度报告向社会公布"), never where it looks
        // back ("对照上年度报告…") or elsewhere in the report.
        let presents = ["现将", "向社会公布", "予以公布", "特此公布", "编制完成", "编制本", "本报告"].iter().any(|w| n.contains(w));
        let looks_back = ["上年", "上一年", "去年", "往年", "历年"].iter().any(|w| n.contains(w));
        if s.section > 1 || !presents || looks_back {
            continue;
        }
        // drop 《…》 and 〈…〉 quotations
        let mut depth = 0;
        let plain: String = n
            .chars()
            .filter(|&ch| {
                match ch {
                    '《' | '〈' => depth += 1,
                    '》' | '〉' => {
                        depth -= 1;
                        return false;
                    }
                    _ => {}
                }
                depth <= 0
            })
            .collect();
        let c: Vec<char> = plain.chars().collect();
        for w in ["政府信息公开工作年度报告", "政府信息公开年度报告"] {
            let mut at = 0;
            while let Some(p) = find(&c, w, at) {
                at = p + 1;
                let before: String = c[p.saturating_sub(7)..p].iter().collect();
                let before = before.trim_end_matches('度').trim_end_matches('年');
                if before.chars().count() >= 4 {
                    let y: String = before.chars().rev().take(4).collect::<Vec<_>>().into_iter().rev().collect();
                    if let Ok(y) = y.parse::<i32>() {
                        if (1990..=2100).contains(&y) {
                            out.push((y, s.text.clone()));
                        }
                    }
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Outline;

    #[test]
    fn years_and_agencies() {
        assert_eq!(year_in("2025 年上海市"), Some(2025));
        assert_eq!(year_in("第12345号 2021年度"), Some(2021));
        assert_eq!(agency_of("平潭综合实验区2021年度政府信息公开工作年度报告").as_deref(), Some("平潭综合实验区"));
        assert_eq!(agency_of("2025年上海市人民政府办公厅政府信息公开工作年度报告").as_deref(), Some("上海市人民政府办公厅"));
    }

    #[test]
    fn dates_and_periods() {
        let d = dates(&chars_of("统计期限自2019年1月1日起至2019年12月31日止"));
        assert_eq!(d, vec![Date { year: Some(2019), month: 1, day: 1 }, Date { year: Some(2019), month: 12, day: 31 }]);
        let o = Outline::of(&[
            "其他需要报告的事项。本年度报告中所列数据统计期限为 2025".into(),
            "年 1 月 1 日至 12 月 31 日。本年度报告电子版可下载。".into(),
        ]);
        let p = period(&o.sentences).expect("period");
        assert_eq!(p.start, Date { year: Some(2025), month: 1, day: 1 });
        assert_eq!(p.end, Some(Date { year: None, month: 12, day: 31 }));
    }
}
