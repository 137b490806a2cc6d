//! Across agencies (H): a region's report against its subordinate units' reports of the same year,
//! when a batch holds both (the command line over a county's or a city's folder).
//!
//! How a region and its units are told, from the agency each title names (`Report::agency`):
//! - **a region's report**: the agency is a place name — ending in 省, 市, 县, 区, 旗, 州 or 盟, at
//!   least two characters — alone or followed by 人民政府: `沭阳县人民政府`, `淮安市`,
//!   `平潭综合实验区`. Townships (乡, 镇, 街道) are units, not regions: none of them has units
//!   that publish reports of their own.
//! - **its units**: every other report of the same year whose agency starts with that place name
//!   (`沭阳县发展和改革局`, `沭阳县人民政府办公室`, `沭阳县钱集镇人民政府`). Of several regions
//!   of the batch that a name starts with, the longest wins: `淮安市淮安区教育局` is a unit of
//!   `淮安市淮安区` when that district's report is in the batch (and the district itself a unit
//!   of `淮安市`), else of `淮安市`. Names are compared as the titles write them, so a typo in a
//!   title (`沐阳县` for `沭阳县`) separates the reports.
//! - One report per agency and year: the same report in two forms (a page and its Word file) is
//!   counted once, the first of the list given (the caller puts those read in full first).
//!
//! The rule compares every t3 and t4 cell of the region's report with the sum of its units' (only
//! where every unit has a number: a blank or unread cell of one unit leaves that cell out) and says
//! what differs. It is a note (`info`), never an error: a region's report often counts only the
//! applications made to the region's government itself, and then it need not equal the sum.

use serde::{Deserialize, Serialize};

use super::{How, Rule};
use crate::format::Shape;
use crate::report::{Finding, Report, Severity};
use crate::says::Says;

/// What H01 needs of one report: who, which year, its t3 and t4 numbers. Small (about 190 numbers),
/// so a batch can keep or store it instead of the report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    pub file: String,
    pub agency: String,
    pub year: i32,
    /// The tables' layout (`Shape::key`), for naming cells in messages.
    pub layout: String,
    /// Every t3 and t4 cell the report has, in canonical order, with its number if it is one.
    pub cells: Vec<(String, Option<f64>)>,
}

impl Summary {
    /// The summary of a report read as one, with an agency and a year; else none.
    pub fn of(report: &Report) -> Option<Summary> {
        if report.error.is_some() {
            return None;
        }
        let cells = report
            .cells
            .iter()
            .filter(|(k, _)| k.starts_with("t3/") || k.starts_with("t4/"))
            .map(|(k, v)| (k.clone(), v.number()))
            .collect();
        Some(Summary {
            file: report.file.clone(),
            agency: report.agency.clone()?,
            year: report.year?,
            layout: report.layout.unwrap_or("v2021").to_string(),
            cells,
        })
    }
}

const PLACE_ENDS: [char; 7] = ['省', '市', '县', '区', '旗', '州', '盟'];

/// The place name of a region's report (`沭阳县人民政府` → `沭阳县`), or none when the agency is
/// not a region's government.
pub fn region_place(agency: &str) -> Option<&str> {
    let place = agency.strip_suffix("人民政府").unwrap_or(agency);
    let last = place.chars().last()?;
    (PLACE_ENDS.contains(&last) && place.chars().count() >= 2).then_some(place)
}

/// A region and its units, as indices into the names given to `groups`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    pub region: usize,
    pub units: Vec<usize>,
}

/// Finds each region of `names` (agency, year) with its units of the same year (see the module's
/// doc). Only the first entry of each agency and year takes part. Groups without a unit are left
/// out; groups come in the order of their region.
pub fn groups(names: &[(&str, i32)]) -> Vec<Group> {
    use std::collections::HashMap;
    // `X县` and `X县人民政府` are one region's report under two names.
    let key = |agency: &str| -> String { region_place(agency).unwrap_or(agency).to_string() };
    let mut first: HashMap<(String, i32), usize> = HashMap::new();
    for (i, (agency, year)) in names.iter().enumerate() {
        first.entry((key(agency), *year)).or_insert(i);
    }
    let counted = |i: usize| first[&(key(names[i].0), names[i].1)] == i;
    // (place, year) → the index of the region's report.
    let mut regions: HashMap<(&str, i32), usize> = HashMap::new();
    for (i, (agency, year)) in names.iter().enumerate() {
        if let (true, Some(place)) = (counted(i), region_place(agency)) {
            regions.insert((place, *year), i);
        }
    }
    let mut units: HashMap<usize, Vec<usize>> = HashMap::new();
    for (i, (agency, year)) in names.iter().enumerate() {
        if !counted(i) {
            continue;
        }
        // The longest region the name starts with, other than the report's own place.
        let own = region_place(agency);
        let best = agency
            .char_indices()
            .map(|(at, c)| &agency[..at + c.len_utf8()])
            .filter(|p| p.len() < agency.len() && Some(*p) != own)
            .filter_map(|p| regions.get(&(p, *year)))
            .next_back();
        if let Some(&r) = best {
            units.entry(r).or_default().push(i);
        }
    }
    let mut out: Vec<Group> = units.into_iter().map(|(region, units)| Group { region, units }).collect();
    out.sort_by_key(|g| g.region);
    out
}

/// H01 on one region's report and its units': a note on the cells where the region's number is
/// not the units' sum, or none when every compared cell agrees (or none can be compared).
pub fn h01(region: &Summary, units: &[Summary]) -> Option<Finding> {
    if units.is_empty() {
        return None;
    }
    let shape = Shape::from_key(&region.layout).unwrap_or(Shape::of(crate::format::Version::V2021));
    let mut differ: Vec<(String, f64, f64)> = Vec::new();
    let mut left_out = 0;
    for (addr, here) in &region.cells {
        let Some(here) = here else { continue };
        let mut sum = 0.0;
        let mut all = true;
        for u in units {
            match u.cells.iter().find(|(k, _)| k == addr).and_then(|(_, v)| *v) {
                Some(v) => sum += v,
                None => all = false,
            }
        }
        if !all {
            left_out += 1;
        } else if (sum - here).abs() > 1e-9 {
            differ.push((addr.clone(), sum, *here));
        }
    }
    let (_, sum, here) = differ.first().cloned()?;
    let says = Says::RegionDiffers {
        year: region.year,
        units: units.iter().take(3).map(|u| u.agency.clone()).collect(),
        count: units.len(),
        shown: differ.iter().take(4).map(|(a, sum, here)| (shape.name(a), *here, *sum)).collect(),
        differ: differ.len(),
        left_out,
    };
    Some(Finding::new(&H01, differ.into_iter().map(|(a, _, _)| a).collect(), says).values(sum, here))
}

/// H01 over a batch: `(index of the region's summary, its finding)` for each region whose
/// numbers differ from its units' sums. List reports read in full first: of one agency's reports
/// of a year, only the first is counted.
pub fn check_batch(summaries: &[Summary]) -> Vec<(usize, Finding)> {
    let names: Vec<(&str, i32)> = summaries.iter().map(|s| (s.agency.as_str(), s.year)).collect();
    groups(&names)
        .into_iter()
        .filter_map(|g| {
            let units: Vec<Summary> = g.units.iter().map(|&u| summaries[u].clone()).collect();
            h01(&summaries[g.region], &units).map(|f| (g.region, f))
        })
        .collect()
}

pub const H01: Rule = Rule {
    id: "H01",
    severity: Severity::Info,
    title: "地区报告与所属单位报告之和",
    checks: "同一批报告中有某地区（省、市、县、区、旗）人民政府的报告和同年度所属单位（名称以该地区名开头的机关、乡镇）的报告时，逐格比较地区报告表三、表四与各单位之和（只比较各单位都填了数字的单元格），说明哪些不同。",
    why: "地区的年度报告与所属单位的报告说的是同一地区的申请和复议诉讼；数字对不上时值得确认统计口径：是只统计本级，还是汇总了全地区。",
    example: "沭阳县人民政府报告本年新收申请 12 件，同批所属 35 个单位的报告合计 340 件：说明县政府报告只统计了本级。",
    how: How::Batch(check_batch),
};

/// This family's rules, for the catalogue.
pub const RULES: &[&Rule] = &[&H01];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Lang;

    #[test]
    fn regions_are_place_names() {
        assert_eq!(region_place("沭阳县人民政府"), Some("沭阳县"));
        assert_eq!(region_place("淮安市"), Some("淮安市"));
        assert_eq!(region_place("平潭综合实验区"), Some("平潭综合实验区"));
        for not in ["沭阳县发展和改革局", "上海市人民政府办公厅", "官前乡人民政府", "县", "人民政府"] {
            assert_eq!(region_place(not), None, "{not}");
        }
    }

    #[test]
    fn units_go_to_the_longest_region_of_their_year() {
        let names = [
            ("淮安市人民政府", 2024),
            ("淮安市淮安区人民政府", 2024),
            ("淮安市淮安区教育局", 2024),
            ("淮安市教育局", 2024),
            ("淮安市市场监督管理局", 2024),
            ("淮安市教育局", 2024), // the same report again: counted once
            ("淮安市财政局", 2023), // another year
            ("淮安市", 2024),       // the region's report under its place name alone
            ("盐城市教育局", 2024), // another region, absent
            ("淮安市淮安区", 2024), // the district's report again, by its place name
        ];
        let g = groups(&names);
        assert_eq!(g, vec![Group { region: 0, units: vec![1, 3, 4] }, Group { region: 1, units: vec![2] }]);
    }

    fn summary(agency: &str, cells: &[(&str, Option<f64>)]) -> Summary {
        Summary {
            file: format!("{agency}.html"),
            agency: agency.into(),
            year: 2024,
            layout: "v2021".into(),
            cells: cells.iter().map(|(a, v)| (a.to_string(), *v)).collect(),
        }
    }

    #[test]
    fn a_region_is_compared_where_every_unit_has_a_number() {
        let region = summary("X县人民政府", &[("t3/new/total", Some(10.0)), ("t3/new/natural", Some(3.0)), ("t4/review/total", Some(1.0))]);
        let a = summary("X县教育局", &[("t3/new/total", Some(4.0)), ("t3/new/natural", Some(1.0)), ("t4/review/total", None)]);
        let b = summary("X县财政局", &[("t3/new/total", Some(6.0)), ("t3/new/natural", Some(1.0)), ("t4/review/total", Some(1.0))]);
        let f = h01(&region, &[a.clone(), b.clone()]).expect("t3/new/natural differs");
        assert_eq!(
            (f.severity, f.cells.clone(), f.expected, f.actual),
            (Severity::Info, vec!["t3/new/natural".to_string()], Some(2.0), Some(3.0))
        );
        let (zh, en) = (f.message(Lang::Zh), f.message(Lang::En));
        assert!(zh.contains("本年新收申请数量（自然人）本报告 3、各单位合计 2"), "{zh}");
        assert!(zh.contains("另有 1 个单元格"), "{zh}");
        assert!(en.contains(": 3 here, 2 in the units' sum") && en.contains("1 more cells were not compared"), "{en}");
        let same = summary("X县人民政府", &[("t3/new/total", Some(10.0)), ("t3/new/natural", Some(2.0))]);
        assert!(h01(&same, &[a, b]).is_none());
        assert!(h01(&same, &[]).is_none());
    }
}
