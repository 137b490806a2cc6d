//! The WebAssembly layer: JS values in, the core's `Output` out as plain objects. No logic lives
//! here; every rule, reader and message is in the pure-Rust core.
//!
//! The page loads three modules built from this crate (scripts/build.sh): the core (`check`,
//! `layout`, `rules`; text, HTML and .mht readers), and the Word and the PDF reader (`read`, built
//! with the `reader` feature), fetched on the first such file. A reader module's document goes to
//! the core's `check` as `{name, document}`. A build with every feature (the wasm tests) has all
//! four exports.
//!
//! Errors at this boundary (a malformed argument) become a JS `Error` in one place (`bad`);
//! a file that is not a report is not an error here: it is a report with `error` set.

use serde::Serialize;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(start)]
pub fn start() {
    console_error_panic_hook::set_once();
}

fn bad(msg: impl std::fmt::Display) -> JsError {
    JsError::new(&msg.to_string())
}

/// `json_compatible`: maps become plain objects and 64-bit numbers plain numbers, so the page
/// sees exactly the JSON shape of `report-json.md`.
fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsError> {
    value.serialize(&serde_wasm_bindgen::Serializer::json_compatible()).map_err(bad)
}

/// The browser decodes GBK/GB18030 and every other WHATWG label itself: no tables in the bundle.
fn decode_legacy(label: &str, bytes: &[u8]) -> Option<String> {
    let decoder = web_sys::TextDecoder::new_with_label(label).ok()?;
    decoder.decode_with_u8_array(bytes).ok()
}

/// Reads a Word file or a PDF into the document the core's `check` takes: `{document}`, or
/// `{error: {code, message}}` when it cannot be read.
#[cfg(any(feature = "word", feature = "pdf"))]
#[wasm_bindgen]
pub fn read(bytes: &[u8]) -> Result<JsValue, JsError> {
    #[derive(Serialize)]
    struct Read<'a> {
        document: Option<&'a crate::document::Document>,
        error: Option<&'a crate::ReadError>,
    }
    let (read, _) = crate::budget::scope(crate::budget::Limits::DEFAULT, || crate::readers::read_binary(bytes, decode_legacy));
    match &read {
        Ok(d) => to_js(&Read { document: Some(d), error: None }),
        Err(e) => to_js(&Read { document: None, error: Some(e) }),
    }
}

#[cfg(not(feature = "reader"))]
pub use checker::*;

/// The core module's exports.
#[cfg(not(feature = "reader"))]
mod checker {
    use std::collections::BTreeMap;

    use js_sys::{Array, ArrayBuffer, Reflect, Uint8Array};
    use serde::{Deserialize, Serialize};
    use wasm_bindgen::prelude::*;

    use super::{bad, decode_legacy, to_js};
    use crate::document::Document;
    use crate::format;
    use crate::rules;
    use crate::{Input, Options, ReadError};

    #[derive(Deserialize, Default)]
    #[serde(rename_all = "camelCase", default)]
    struct JsOptions {
        blanks_as_zero: bool,
        /// Bytes; files over it are refused unread (the page refuses them before reading too).
        max_size: Option<f64>,
    }

    struct File {
        name: String,
        bytes: Vec<u8>,
        edits: Vec<(String, String)>,
        /// The length of bytes over the size limit, left in JS rather than copied.
        too_large: Option<usize>,
        /// What a reader module made of the file, when one did.
        read: Option<Result<Document, ReadError>>,
    }

    /// One `{name, bytes, edits?}`, or `{name, document | error, edits?}` from a reader module. Bytes
    /// are copied out of the Uint8Array in one call (serde would walk them one element at a time),
    /// unless there are more than `max_size` of them.
    fn file_of(i: u32, value: &JsValue, max_size: usize) -> Result<File, JsError> {
        if !value.is_object() {
            return Err(bad(format!("files[{i}] 必须是 {{name, bytes}} 对象")));
        }
        let get = |key: &str| Reflect::get(value, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED);
        let name = get("name").as_string().ok_or_else(|| bad(format!("files[{i}].name 必须是字符串")))?;
        let raw = get("bytes");
        let (document, error) = (get("document"), get("error"));
        let read = if !document.is_undefined() && !document.is_null() {
            let d: Document = serde_wasm_bindgen::from_value(document).map_err(|e| bad(format!("files[{i}].document 无效：{e}")))?;
            Some(Ok(d))
        } else if !error.is_undefined() && !error.is_null() {
            let e: ReadError = serde_wasm_bindgen::from_value(error).map_err(|e| bad(format!("files[{i}].error 无效：{e}")))?;
            Some(Err(e))
        } else {
            None
        };
        let (bytes, too_large) = if read.is_some() {
            (Vec::new(), None)
        } else if raw.is_instance_of::<Uint8Array>() || raw.is_instance_of::<ArrayBuffer>() {
            let array = Uint8Array::new(&raw);
            // A file too large to read is given by its size alone (nianbao-check.js never reads it).
            let size = get("size").as_f64().filter(|n| n.is_finite() && *n >= 0.0).map(|n| n as usize);
            let len = (array.length() as usize).max(size.unwrap_or(0));
            if len > max_size {
                (Vec::new(), Some(len))
            } else {
                (array.to_vec(), None)
            }
        } else {
            return Err(bad(format!("files[{i}].bytes 必须是 Uint8Array 或 ArrayBuffer")));
        };
        let edits_js = get("edits");
        let edits = if edits_js.is_undefined() || edits_js.is_null() {
            Vec::new()
        } else {
            let map: BTreeMap<String, String> = serde_wasm_bindgen::from_value(edits_js)
                .map_err(|e| bad(format!("files[{i}].edits 必须是 {{单元格地址: 文本}} 对象：{e}")))?;
            map.into_iter().collect()
        };
        Ok(File { name, bytes, edits, too_large, read })
    }

    /// Checks files together (cross-year rules pair reports of one agency).
    /// `files`: `[{name, bytes: Uint8Array, edits?: {address: rawText}}]`, a file a reader module read
    /// given as `{name, document, edits?}` or `{name, error}` (what `read` returned) instead of its
    /// bytes; `options`: `{blanksAsZero?, maxSize?}`.
    #[wasm_bindgen]
    pub fn check(files: JsValue, options: JsValue) -> Result<JsValue, JsError> {
        if !Array::is_array(&files) {
            return Err(bad("files 必须是数组"));
        }
        let opts: JsOptions = if options.is_undefined() || options.is_null() {
            JsOptions::default()
        } else {
            serde_wasm_bindgen::from_value(options).map_err(|e| bad(format!("options 无效：{e}")))?
        };
        let max_size = match opts.max_size {
            Some(n) if n.is_finite() && n > 0.0 => n as usize,
            Some(_) => return Err(bad("options.maxSize 必须是正数（字节）")),
            None => crate::budget::DEFAULT_MAX_SIZE,
        };
        let mut files: Vec<File> =
            Array::from(&files).iter().enumerate().map(|(i, f)| file_of(i as u32, &f, max_size)).collect::<Result<_, _>>()?;
        let read: Vec<_> = files.iter_mut().map(|f| f.read.take()).collect();
        let inputs: Vec<Input> = files.iter().map(|f| Input { name: &f.name, bytes: &f.bytes, edits: f.edits.clone() }).collect();
        let mut out = crate::check_read(&inputs, &read, &Options { blanks_as_zero: opts.blanks_as_zero, max_size }, decode_legacy);
        for (report, f) in out.reports.iter_mut().zip(&files) {
            if let Some(len) = f.too_large {
                *report = crate::Report::failed(&f.name, None, crate::budget::too_large(len, max_size));
            }
        }
        to_js(&out)
    }

    /// The official layout of a format version (`"v2019"`, `"v2021"`, or a report's own `layout`
    /// such as `"v2021-single-other-row"`): tables, rows (with their merged group labels) and
    /// columns, for drawing the tables as printed.
    #[wasm_bindgen]
    pub fn layout(key: &str) -> Result<JsValue, JsError> {
        let shape = format::Shape::from_key(key)
            .ok_or_else(|| bad(format!("未知的格式版本：{key}（应为 v2019、v2021 或 v2021-single-other-row）")))?;
        to_js(&shape.tables())
    }

    #[derive(Serialize)]
    struct RuleInfo {
        id: &'static str,
        severity: crate::Severity,
        title: &'static str,
        checks: &'static str,
        why: &'static str,
        example: &'static str,
    }

    /// The rule catalogue, for the page's rule reference.
    #[wasm_bindgen]
    pub fn rules() -> Result<JsValue, JsError> {
        let list: Vec<RuleInfo> = rules::catalogue()
            .into_iter()
            .map(|r| RuleInfo { id: r.id, severity: r.severity, title: r.title, checks: r.checks, why: r.why, example: r.example })
            .collect();
        to_js(&list)
    }
}
