//! Shared helpers for the integration tests: the corpus in ../shared/corpus and its gold values.
#![allow(dead_code)]

use nianbao_check::cell::CellState;
use nianbao_check::{check_bytes, Options, Report};
use serde_json::Value;

pub const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus");

pub fn corpus(path: &str) -> Vec<u8> {
    std::fs::read(format!("{CORPUS}/{path}")).unwrap_or_else(|e| panic!("corpus file {path}: {e}"))
}

pub fn gold(name: &str) -> Value {
    serde_json::from_slice(&corpus(&format!("gold/{name}.json"))).expect("gold is JSON")
}

pub fn check(path: &str) -> Report {
    check_bytes(path, &corpus(path), &Options::default())
}

/// How a report's cells compare with the gold: (right, wrong, missing, wrong-cell notes).
pub struct Comparison {
    pub right: usize,
    pub wrong: Vec<String>,
    pub missing: Vec<String>,
    pub total: usize,
}

impl Comparison {
    /// The share of gold cells read right, printed with what was not read and what was false; a
    /// false value fails here (never a wrong number).
    pub fn share_without_false(&self, file: &str) -> f64 {
        let share = self.right as f64 / self.total as f64;
        println!(
            "{file}: {}/{} gold cells right ({:.1}%), {} not read, {} false",
            self.right,
            self.total,
            share * 100.0,
            self.missing.len(),
            self.wrong.len()
        );
        assert!(self.wrong.is_empty(), "{file}: false values {:#?}", self.wrong);
        share
    }
}

pub fn compare(report: &Report, gold: &Value) -> Comparison {
    let cells = gold["cells"].as_object().expect("gold cells");
    let mut c = Comparison { right: 0, wrong: Vec::new(), missing: Vec::new(), total: cells.len() };
    for (addr, want) in cells {
        let Some(got) = report.cell(addr) else {
            c.missing.push(addr.clone());
            continue;
        };
        let ok = match want {
            Value::Null => got.state == CellState::Blank,
            Value::Number(n) => got.state == CellState::Number && got.value.is_some_and(|v| (v - n.as_f64().unwrap()).abs() < 1e-9),
            Value::String(s) => got.state != CellState::Number && got.state != CellState::Blank && got.raw.trim() == s,
            _ => false,
        };
        if ok {
            c.right += 1;
        } else {
            c.wrong.push(format!("{addr}: gold {want}, read {:?} {:?} {:?}", got.state, got.value, got.raw));
        }
    }
    // A cell the gold does not have is a false cell too (e.g. a v2019 key in a v2021 report).
    for (addr, _) in &report.cells {
        if !cells.contains_key(addr) {
            c.wrong.push(format!("{addr}: not in gold"));
        }
    }
    c
}

use nianbao_check::format::{self, Version};

/// A report as tab-separated text in the official layout, with every cell's raw text from `cell`.
/// The text reader and recognition read it like the seed.
pub fn synth(version: Version, year: i32, cell: &dyn Fn(&str) -> String) -> String {
    let mut s = format!("测试县人民政府{year}年政府信息公开工作年度报告\n\n一、总体情况\n\n本报告中所列数据的统计期限为{year}年1月1日至12月31日。\n\n二、主动公开政府信息情况\n\n");
    let [t2, t3, t4] = format::tables(version);
    let mut group = None;
    for r in t2.rows {
        if r.group != group {
            group = r.group;
            s.push_str(&format!("{}\t\t\t\n", r.group.unwrap_or("")));
            let heads: Vec<&str> = r.columns.iter().map(|c| c.label).collect();
            s.push_str(&format!("信息内容\t{}\n", heads.join("\t")));
        }
        let vals: Vec<String> = r.columns.iter().map(|c| cell(&format::address("t2", r.key, c.key))).collect();
        s.push_str(&format!("{}\t{}\n", r.label, vals.join("\t")));
    }
    s.push_str("\n三、收到和处理政府信息公开申请情况\n\n");
    s.push_str("(本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和)\t\t申请人情况\t\t\t\t\t\t\n");
    s.push_str("\t\t自然人\t法人或其他组织\t\t\t\t\t总计\n\t\t\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t\n");
    for r in t3.rows {
        let vals: Vec<String> = r.columns.iter().map(|c| cell(&format::address("t3", r.key, c.key))).collect();
        s.push_str(&format!("{}\t{}\t{}\n", r.group.unwrap_or(""), r.label, vals.join("\t")));
    }
    s.push_str("\n四、政府信息公开行政复议、行政诉讼情况\n\n行政复议\t\t\t\t\t行政诉讼\n");
    s.push_str("结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t未经复议直接起诉\t\t\t\t\t复议后起诉\n");
    let mut flat = Vec::new();
    for r in t4.rows {
        for c in r.columns {
            flat.push(cell(&format::address("t4", r.key, c.key)));
        }
    }
    s.push_str(&flat.join("\t"));
    s.push_str("\n\n五、存在的主要问题及改进情况\n\n一是公开内容还不够全面。下一步将加强培训。\n\n六、其他需要报告的事项\n\n本年度未收取信息处理费。\n");
    s
}

/// A consistent set of values: every sum of the format holds. `seed` varies the numbers.
pub fn consistent(version: Version, seed: u64) -> std::collections::HashMap<String, String> {
    let mut x = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
    let mut next = |n: u64| {
        x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (x >> 33) % n
    };
    let mut v = std::collections::HashMap::new();
    let [t2, t3, t4] = format::tables(version);
    for r in t2.rows {
        for c in r.columns {
            let val = match c.kind {
                format::ValueKind::Amount => format!("{}.{}", next(100), next(10)),
                format::ValueKind::Money => format!("{}元", next(100000)),
                _ => next(50).to_string(),
            };
            v.insert(format::address("t2", r.key, c.key), val);
        }
    }
    // v2021: issued documents stay in force (T2-01); v2019: totals cover the new ones (T2-02).
    for row in ["regulations", "normative"] {
        let (a, b) = if version == Version::V2021 { ("issued", "in_force") } else { ("made", "public_total") };
        let issued: u64 = v[&format!("t2/{row}/{a}")].parse().unwrap();
        v.insert(format!("t2/{row}/{b}"), (issued + 60).to_string());
    }
    let cols = ["natural", "commercial", "research", "social", "legal", "other"];
    let results: Vec<&str> =
        t3.rows.iter().map(|r| r.key).filter(|k| !["new", "carried", "results_total", "carry_forward"].contains(k)).collect();
    let mut results_total = [0u64; 6];
    for r in &results {
        let mut row = 0;
        for (i, c) in cols.iter().enumerate() {
            let n = if next(3) == 0 { next(20) } else { 0 };
            results_total[i] += n;
            row += n;
            v.insert(format!("t3/{r}/{c}"), n.to_string());
        }
        v.insert(format!("t3/{r}/total"), row.to_string());
    }
    let mut sums = [[0u64; 7]; 4]; // new, carried, results_total, carry_forward
    for (i, _) in cols.iter().enumerate() {
        let carry_forward = next(5);
        let carried = next(5).min(results_total[i] + carry_forward);
        let new = results_total[i] + carry_forward - carried;
        for (k, n) in [new, carried, results_total[i], carry_forward].into_iter().enumerate() {
            sums[k][i] = n;
            sums[k][6] += n;
        }
    }
    for (k, key) in ["new", "carried", "results_total", "carry_forward"].into_iter().enumerate() {
        for (i, c) in cols.iter().chain(["total"].iter()).enumerate() {
            v.insert(format!("t3/{key}/{c}"), sums[k][i].to_string());
        }
    }
    for r in t4.rows {
        let mut total = 0;
        for c in ["upheld", "corrected", "other", "pending"] {
            let n = next(4);
            total += n;
            v.insert(format!("t4/{}/{c}", r.key), n.to_string());
        }
        v.insert(format!("t4/{}/total", r.key), total.to_string());
    }
    v
}

/// The failed error-severity findings of a report, as "rule message" lines.
pub fn errors(r: &Report) -> Vec<String> {
    use nianbao_check::{Severity, Status};
    r.findings
        .iter()
        .filter(|f| f.severity == Severity::Error && f.status == Status::Failed)
        .map(|f| format!("{} {}", f.rule, f.message(nianbao_check::Lang::Zh)))
        .collect()
}

/// The report's failed error findings against the gold's `expected_findings` (the report's own
/// real inconsistencies): those not expected, and those expected but not found. A finding matches
/// an expected one by its rule and its cells (as a set; an expected finding without cells matches
/// any finding of its rule).
pub fn findings_against_gold(r: &Report, gold: &Value) -> (Vec<String>, Vec<String>) {
    use nianbao_check::{Severity, Status};
    use std::collections::BTreeSet;
    let expected: Vec<(String, BTreeSet<String>)> = gold["expected_findings"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|f| {
                    let cells =
                        f["cells"].as_array().map(|c| c.iter().filter_map(|x| x.as_str().map(String::from)).collect()).unwrap_or_default();
                    (f["rule"].as_str().unwrap_or_default().to_string(), cells)
                })
                .collect()
        })
        .unwrap_or_default();
    let matches = |f: &nianbao_check::Finding, (rule, cells): &(String, BTreeSet<String>)| {
        f.rule == rule && (cells.is_empty() || f.cells.iter().cloned().collect::<BTreeSet<_>>() == *cells)
    };
    let errors: Vec<&nianbao_check::Finding> =
        r.findings.iter().filter(|f| f.severity == Severity::Error && f.status == Status::Failed).collect();
    let unexpected = errors
        .iter()
        .filter(|f| !expected.iter().any(|e| matches(f, e)))
        .map(|f| format!("{} {}", f.rule, f.message(nianbao_check::Lang::Zh)))
        .collect();
    let missing = expected.iter().filter(|e| !errors.iter().any(|f| matches(f, e))).map(|(r, c)| format!("{r} {c:?}")).collect();
    (unexpected, missing)
}
