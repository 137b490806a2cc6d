//! The exported `check` as JavaScript sees it, in node (wasm-bindgen-test). Natively this file is
//! empty: the core is tested natively by the other tests.
#![cfg(target_arch = "wasm32")]

use js_sys::{Array, Object, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::*;

const SEED: &[u8] = include_bytes!("../../shared/corpus/real/seed-2021-guanqian.txt");

/// The exported `check`, as wasm-bindgen exports it to JavaScript.
fn js_check(files: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    nianbao_check::wasm::check(files, options).map_err(JsValue::from)
}

fn get(v: &JsValue, path: &str) -> JsValue {
    path.split('.').fold(v.clone(), |acc, k| {
        let key = if let Ok(i) = k.parse::<u32>() { JsValue::from(i) } else { JsValue::from_str(k) };
        Reflect::get(&acc, &key).unwrap_or(JsValue::UNDEFINED)
    })
}

/// Reads a cell the way the page does: `report.cells["t3/new/natural"]`.
fn cell(report: &JsValue, addr: &str) -> JsValue {
    Reflect::get(&get(report, "cells"), &JsValue::from_str(addr)).unwrap()
}

fn file(name: &str, bytes: &[u8]) -> JsValue {
    let o = Object::new();
    Reflect::set(&o, &"name".into(), &name.into()).unwrap();
    Reflect::set(&o, &"bytes".into(), &Uint8Array::from(bytes)).unwrap();
    o.into()
}

fn check_one(name: &str, bytes: &[u8]) -> JsValue {
    let files = Array::of1(&file(name, bytes));
    let out = js_check(files.into(), JsValue::UNDEFINED).unwrap();
    let reports = get(&out, "reports");
    assert!(Array::is_array(&reports), "reports is an array");
    assert_eq!(Array::from(&reports).length(), 1);
    get(&reports, "0")
}

fn findings(report: &JsValue) -> Vec<JsValue> {
    Array::from(&get(report, "findings")).iter().collect()
}

fn names_cell(f: &JsValue, addr: &str) -> bool {
    Array::from(&get(f, "cells")).iter().any(|c| c.as_string().as_deref() == Some(addr))
}

#[wasm_bindgen_test]
fn seed_reads_as_plain_objects() {
    let r = check_one("seed.txt", SEED);
    assert_eq!(get(&r, "version").as_string().as_deref(), Some("v2021"));
    assert_eq!(get(&r, "year").as_f64(), Some(2021.0));
    assert_eq!(get(&r, "input").as_string().as_deref(), Some("text"));
    assert!(get(&r, "error").is_null());
    // json_compatible: cells is a plain object keyed by address, not a JS Map.
    assert!(!get(&r, "cells").is_instance_of::<js_sys::Map>());
    let c = cell(&r, "t3/new/natural");
    assert_eq!(get(&c, "raw").as_string().as_deref(), Some("0"));
    assert_eq!(get(&c, "value").as_f64(), Some(0.0));
    assert_eq!(get(&c, "state").as_string().as_deref(), Some("number"));
    assert_eq!(Object::keys(&get(&r, "cells").into()).length(), 200, "every v2021 cell");
    let errors: Vec<_> = findings(&r).into_iter().filter(|f| get(f, "severity").as_string().as_deref() == Some("error")).collect();
    assert!(errors.is_empty(), "the all-zero seed has no error finding");
}

#[wasm_bindgen_test]
fn a_changed_t3_cell_is_named_by_t3_01() {
    let text = std::str::from_utf8(SEED).unwrap();
    // The first data row of t3 (一、本年新收…): natural 0 → 3, so its row total no longer adds up.
    let line = text.lines().find(|l| l.starts_with("一、本年新收")).unwrap();
    let changed = line.replacen("\t0", "\t3", 1);
    let mutated = text.replacen(line, &changed, 1);
    let r = check_one("mutated.txt", mutated.as_bytes());
    assert_eq!(get(&cell(&r, "t3/new/natural"), "value").as_f64(), Some(3.0));
    let t301: Vec<_> = findings(&r).into_iter().filter(|f| get(f, "rule").as_string().as_deref() == Some("T3-01")).collect();
    assert!(!t301.is_empty(), "a T3-01 finding");
    let f = t301.iter().find(|f| names_cell(f, "t3/new/natural")).expect("T3-01 names t3/new/natural");
    assert_eq!(get(f, "severity").as_string().as_deref(), Some("error"));
    assert_eq!(get(f, "status").as_string().as_deref(), Some("failed"));
    assert_eq!(get(f, "expected").as_f64(), Some(3.0));
    assert_eq!(get(f, "actual").as_f64(), Some(0.0));
}

#[wasm_bindgen_test]
fn edits_and_options_reach_the_core() {
    let f = file("seed.txt", SEED);
    let edits = Object::new();
    Reflect::set(&edits, &"t4/review/upheld".into(), &"2".into()).unwrap();
    Reflect::set(&f, &"edits".into(), &edits).unwrap();
    let opts = Object::new();
    Reflect::set(&opts, &"blanksAsZero".into(), &true.into()).unwrap();
    let out = js_check(Array::of1(&f).into(), opts.into()).unwrap();
    let r = get(&out, "reports.0");
    assert_eq!(get(&cell(&r, "t4/review/upheld"), "raw").as_string().as_deref(), Some("2"));
    assert!(findings(&r).iter().any(|f| get(f, "rule").as_string().as_deref() == Some("T4-01")));
}

#[wasm_bindgen_test]
fn bad_arguments_throw_and_bad_files_report() {
    // Not an array: a JS Error with a Chinese message, no panic.
    let err = js_check(JsValue::from_str("x"), JsValue::UNDEFINED).unwrap_err();
    assert!(err.is_instance_of::<js_sys::Error>());
    let msg = get(&err, "message").as_string().unwrap();
    assert!(msg.contains("数组"), "{msg}");
    let err = js_check(Array::of1(&JsValue::from(3)).into(), JsValue::UNDEFINED).unwrap_err();
    assert!(get(&err, "message").as_string().unwrap().contains("files[0]"));
    // Not a report: a report with `error`, not an exception.
    let r = check_one("empty.txt", b"  \n");
    assert_eq!(get(&r, "error.code").as_string().as_deref(), Some("empty"));
}

/// A reader module's document (`read`, as the Word and PDF modules export it) checked by the core
/// (`{name, document}`): the same report as the bytes checked in one module; an error the reader
/// gives comes back as the report's error.
#[wasm_bindgen_test]
fn a_document_read_by_a_reader_module_checks_as_its_bytes() {
    const DOCX: &[u8] = include_bytes!("../../shared/corpus/derived/pingtan-2021.docx");
    const PDF: &[u8] = include_bytes!("../../shared/corpus/real/2024-huaian-city.pdf");
    for (name, bytes) in [("a.docx", DOCX), ("b.pdf", PDF)] {
        let read = nianbao_check::wasm::read(bytes).map_err(JsValue::from).unwrap();
        assert!(get(&read, "error").is_null(), "{name}");
        let doc = Object::new();
        Reflect::set(&doc, &"name".into(), &name.into()).unwrap();
        Reflect::set(&doc, &"document".into(), &get(&read, "document")).unwrap();
        let via_document = js_check(Array::of1(&doc).into(), JsValue::UNDEFINED).unwrap();
        let via_bytes = js_check(Array::of1(&file(name, bytes)).into(), JsValue::UNDEFINED).unwrap();
        let json = |v: &JsValue| js_sys::JSON::stringify(v).unwrap().as_string().unwrap();
        assert_eq!(json(&via_document), json(&via_bytes), "{name}");
        assert!(get(&via_document, "reports.0.error").is_null(), "{name} is a report");
    }
    let broken = nianbao_check::wasm::read(b"PK\x03\x04 not a zip").map_err(JsValue::from).unwrap();
    assert!(get(&broken, "document").is_null());
    let failed = Object::new();
    Reflect::set(&failed, &"name".into(), &"c.docx".into()).unwrap();
    Reflect::set(&failed, &"error".into(), &get(&broken, "error")).unwrap();
    let out = js_check(Array::of1(&failed).into(), JsValue::UNDEFINED).unwrap();
    let via_bytes = js_check(Array::of1(&file("c.docx", b"PK\x03\x04 not a zip")).into(), JsValue::UNDEFINED).unwrap();
    assert_eq!(get(&out, "reports.0.error.code").as_string(), get(&via_bytes, "reports.0.error.code").as_string());
    assert_eq!(get(&out, "reports.0.verdict").as_string().as_deref(), Some("unreadable"));
}
