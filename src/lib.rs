//! nianbao-check: reads a 政府信息公开工作年度报告 in any of the forms it is published in and checks
//! every consistency rule of the official format.
//!
//! ```text
//! bytes ──sniff──► reader (text | html | mhtml | docx | doc | pdf) ──► Document { blocks: Para | Table(Grid) }
//!       ──recognise──► Model (version, year, cells by address, outline) ──rules──► findings ──► Report
//! ```
//! Every input ends in the one `Document` shape, so recognition and the rules never know what the
//! file was. A cell is either read right or left unread (a reading gap in `Report::reading`); a
//! finding is data (`says::Says`), written out in Chinese and English (`message`, `message_en`).
//! The core is pure Rust: bytes in, report out, no file system and no JavaScript. The command line
//! (`src/bin`) and the WebAssembly layer (`src/wasm.rs`) are thin adapters on top.

/// The command line's batch: folders, every core, flat memory (native only).
#[cfg(not(target_arch = "wasm32"))]
pub mod batch;
pub mod budget;
pub mod cell;
pub mod document;
pub mod error;
pub mod format;
pub mod lang;
pub mod model;
pub mod readers;
pub mod recognise;
pub mod report;
pub mod rules;
pub mod says;
pub mod text;
pub mod version;

#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use error::ReadError;
pub use lang::Lang;
pub use readers::LegacyDecoder;
pub use report::{Finding, Output, ReadingGap, Report, Severity, Status, Verdict};
pub use rules::Options;

use document::Document;
use model::Model;

/// One file to check, with corrections typed on the page (`address → raw text`), if any.
#[derive(Debug, Clone, Default)]
pub struct Input<'a> {
    pub name: &'a str,
    pub bytes: &'a [u8],
    pub edits: Vec<(String, String)>,
}

impl<'a> Input<'a> {
    pub fn new(name: &'a str, bytes: &'a [u8]) -> Input<'a> {
        Input { name, bytes, edits: Vec::new() }
    }
}

/// Reads one file into the report model, or says why it is not a report. The reading is charged
/// to the budget in force (`budget::scope`), or to a default one.
pub fn read_model(bytes: &[u8], decode: LegacyDecoder) -> Result<Model, ReadError> {
    model_of(&readers::read(bytes, decode)?)
}

/// Recognises the report in a document a reader made.
pub fn model_of(doc: &Document) -> Result<Model, ReadError> {
    recognise::recognise(doc).map(|mut m| {
        m.input = doc.kind;
        m
    })
}

fn report_of(file: &str, model: &Model, findings: Vec<Finding>) -> Report {
    Report {
        checker_version: version::CHECKER_VERSION,
        rules_version: version::RULES_VERSION,
        file: file.to_string(),
        input: Some(model.input.as_str()),
        version: Some(model.version),
        layout: Some(model.shape.key()),
        year: model.year,
        title: model.title.clone(),
        agency: model.agency.clone(),
        cells: model.cells.clone(),
        findings,
        error: None,
        verdict: report::Verdict::Passed,
        reading: model.reading_gaps(),
    }
}

/// Checks files together: each on its own, then reports of one agency in consecutive years
/// against each other (the later report carries the cross-year findings).
pub fn check(inputs: &[Input], opts: &Options, decode: LegacyDecoder) -> Output {
    check_read(inputs, &[], opts, decode)
}

/// `check`, where `read[i]`, when given, is what a reader already made of `inputs[i].bytes` (its
/// document, or why it has none). The page's Word and PDF readers are wasm modules of their own
/// that hand their documents to the core module's `check`.
pub fn check_read(inputs: &[Input], read: &[Option<Result<Document, ReadError>>], opts: &Options, decode: LegacyDecoder) -> Output {
    let mut models: Vec<Option<Model>> = Vec::with_capacity(inputs.len());
    let mut reports = Vec::with_capacity(inputs.len());
    for (i, input) in inputs.iter().enumerate() {
        let (report, model) = check_one(input, read.get(i).and_then(Option::as_ref), opts, decode);
        reports.push(report);
        models.push(model);
    }
    for (prev, cur) in pairs(&models) {
        let (Some(p), Some(c)) = (&models[prev], &models[cur]) else { continue };
        reports[cur].findings.extend(pair_findings(p, c, inputs[prev].name));
    }
    for r in &mut reports {
        r.verdict = r.judge();
    }
    Output { reports }
}

/// Checks one file on its own (no cross-year rules; its verdict judged on that), and gives the
/// model the cross-year rules need, when the file is a report. `read`: as in `check_read`.
pub fn check_one(
    input: &Input,
    read: Option<&Result<Document, ReadError>>,
    opts: &Options,
    decode: LegacyDecoder,
) -> (Report, Option<Model>) {
    // Refused before a byte is read: the budgets bound the memory for inputs up to this size.
    if read.is_none() && input.bytes.len() > opts.max_size {
        return (Report::failed(input.name, None, budget::too_large(input.bytes.len(), opts.max_size)), None);
    }
    let (model, _) = budget::scope(budget::Limits::DEFAULT, || match read {
        Some(r) => r.as_ref().map_err(Clone::clone).and_then(model_of),
        None => read_model(input.bytes, decode),
    });
    match model {
        Ok(mut m) => {
            for (addr, raw) in &input.edits {
                m.set_raw(addr, raw);
            }
            let findings = rules::check(&m, opts);
            let mut report = report_of(input.name, &m, findings);
            report.verdict = report.judge();
            (report, Some(m))
        }
        Err(e) => (Report::failed(input.name, None, e), None),
    }
}

/// The cross-year findings of this year's report against last year's (`prev_file`), each naming
/// that file: the message is read on its own (the command line, a portal).
pub fn pair_findings(prev: &Model, cur: &Model, prev_file: &str) -> Vec<Finding> {
    let mut out = rules::check_pair(prev, cur);
    for f in &mut out {
        // Its message names last year's file (`Finding::message`): it is read on its own.
        f.related_file = Some(prev_file.to_string());
    }
    out
}

/// Index pairs (last year, this year) of reports by the same agency in consecutive years.
fn pairs(models: &[Option<Model>]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for (i, a) in models.iter().enumerate() {
        for (j, b) in models.iter().enumerate() {
            let (Some(a), Some(b)) = (a, b) else { continue };
            if let (Some(ya), Some(yb), Some(ga), Some(gb)) = (a.year, b.year, &a.agency, &b.agency) {
                if yb == ya + 1 && ga == gb {
                    out.push((i, j));
                }
            }
        }
    }
    out
}

/// Checks one file; the native convenience with encoding_rs.
#[cfg(not(target_arch = "wasm32"))]
pub fn check_bytes(name: &str, bytes: &[u8], opts: &Options) -> Report {
    check(&[Input::new(name, bytes)], opts, readers::native_decoder).reports.remove(0)
}
