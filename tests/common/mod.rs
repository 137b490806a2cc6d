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
            Value::Number(n) => {
                got.state == CellState::Number && got.value.is_some_and(|v| (v - n.as_f64().unwrap()).abs() < 1e-9)
            }
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
