//! The JSON of every corpus file, held against a snapshot (`tests/snapshots/corpus.json.gz`):
//! restructuring the code must not change what a report says. Fields added on purpose since the
//! snapshot are listed in `ADDED` and left out of the comparison; the versions are left out too,
//! and findings are compared as a set (their order in the list is not part of the contract).
//! `UPDATE_SNAPSHOT=1 cargo test --test snapshot` writes the snapshot anew (for a change that is
//! meant to change reports: say so in the commit).

mod common;
use common::CORPUS;
use flate2::read::GzDecoder;
use flate2::write::GzEncoder;
use nianbao_check::{check_bytes, Options};
use serde_json::{Map, Value};
use std::io::{Read, Write};
use std::path::Path;

const SNAPSHOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/snapshots/corpus.json.gz");

/// Keys added to reports or findings after the snapshot was taken, on purpose.
const ADDED: &[&str] = &["message_en"];
/// Keys that change with every release.
const VOLATILE: &[&str] = &["checker_version", "rules_version"];

fn files() -> Vec<String> {
    let mut out = Vec::new();
    for dir in ["real", "derived", "variants", "refuse", "scans"] {
        let mut names: Vec<String> = std::fs::read_dir(format!("{CORPUS}/{dir}"))
            .unwrap()
            .filter_map(|e| e.ok()?.file_name().into_string().ok())
            .filter(|n| !n.ends_with(".tsv"))
            .map(|n| format!("{dir}/{n}"))
            .collect();
        names.sort();
        out.extend(names);
    }
    out
}

fn strip(v: &mut Value) {
    match v {
        Value::Object(m) => {
            for k in ADDED.iter().chain(VOLATILE) {
                m.remove(*k);
            }
            m.values_mut().for_each(strip);
            // Findings come family by family; their order is not part of what a report says.
            // Sorted by what they say, not by their JSON text: key order differs with serde_json's
            // `preserve_order` (the command line's), which this test binary may be built with.
            if let Some(Value::Array(f)) = m.get_mut("findings") {
                f.sort_by_key(|x| ["rule", "status", "message", "cells", "expected", "actual"].map(|k| x[k].to_string()));
            }
        }
        Value::Array(a) => a.iter_mut().for_each(strip),
        _ => {}
    }
}

fn current() -> Map<String, Value> {
    let mut out = Map::new();
    for f in files() {
        let bytes = std::fs::read(Path::new(CORPUS).join(&f)).unwrap();
        let mut v = serde_json::to_value(check_bytes(&f, &bytes, &Options::default())).unwrap();
        strip(&mut v);
        out.insert(f, v);
    }
    out
}

#[test]
fn every_corpus_report_is_as_the_snapshot_says() {
    let now = current();
    assert!(now.len() >= 100, "the corpus: {} files", now.len());
    if std::env::var_os("UPDATE_SNAPSHOT").is_some() {
        std::fs::create_dir_all(Path::new(SNAPSHOT).parent().unwrap()).unwrap();
        let mut gz = GzEncoder::new(std::fs::File::create(SNAPSHOT).unwrap(), flate2::Compression::best());
        gz.write_all(serde_json::to_string(&now).unwrap().as_bytes()).unwrap();
        gz.finish().unwrap();
        return;
    }
    let mut text = String::new();
    GzDecoder::new(std::fs::File::open(SNAPSHOT).expect("tests/snapshots/corpus.json.gz")).read_to_string(&mut text).unwrap();
    let mut before: Map<String, Value> = serde_json::from_str(&text).unwrap();
    before.values_mut().for_each(strip);
    let mut differ = Vec::new();
    for (f, was) in &before {
        match now.get(f) {
            None => differ.push(format!("{f}: no longer in the corpus")),
            Some(is) if is != was => {
                differ.push(format!("{f}:\n  before {}\n  now    {}", first_difference(was, is).0, first_difference(was, is).1))
            }
            _ => {}
        }
    }
    for f in now.keys().filter(|f| !before.contains_key(*f)) {
        differ.push(format!("{f}: new in the corpus (UPDATE_SNAPSHOT=1 takes it in)"));
    }
    assert!(differ.is_empty(), "{} reports differ from the snapshot:\n{}", differ.len(), differ.join("\n"));
}

/// The first place two values differ, as (path: before, path: now).
fn first_difference(a: &Value, b: &Value) -> (String, String) {
    fn walk(a: &Value, b: &Value, path: &str) -> Option<(String, String)> {
        match (a, b) {
            (Value::Object(x), Value::Object(y)) => {
                for k in x.keys().chain(y.keys()) {
                    let (va, vb) = (x.get(k).unwrap_or(&Value::Null), y.get(k).unwrap_or(&Value::Null));
                    if va != vb {
                        return walk(va, vb, &format!("{path}.{k}"));
                    }
                }
                None
            }
            (Value::Array(x), Value::Array(y)) if x.len() == y.len() => {
                x.iter().zip(y).enumerate().find(|(_, (p, q))| p != q).and_then(|(i, (p, q))| walk(p, q, &format!("{path}[{i}]")))
            }
            _ if a != b => Some((format!("{path}: {a}"), format!("{path}: {b}"))),
            _ => None,
        }
    }
    walk(a, b, "").unwrap_or_default()
}
