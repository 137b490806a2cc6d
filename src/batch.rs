//! The command line's batch: a province's reports, or years of them, checked on every core with
//! memory that does not grow with the number of files.
//!
//! ```text
//! walk (folders, sorted) ─► workers (--jobs): read ─► check ─► drop the bytes ─► spool (a temp file)
//!                                                                     │ per file, in memory: ~40 bytes
//! pairs (agency, year − 1) and regions (H01) from the in-memory index ◄┘
//!    ─► for each file in order: its report from the spool + cross-year and H01 findings ─► outputs
//! ```
//! Each file is checked on its own by a worker; what the cross-year rules need of it (its cells and
//! running text, `Digest`), what H01 needs (`regions::Summary`) and its report go to the spool,
//! not to memory. Only an index entry stays: the agency (interned), the year, where its records are.
//! When every file is read, each report is paired with last year's report of its agency found
//! anywhere in the batch — not by the order of the files — and its cross-year findings are added
//! as it is written out, in the order of the files. Peak memory is the workers' files in flight
//! plus about 40 bytes (and the path) a file.
//!
//! One partner a report: when a batch holds last year's report of an agency more than once (the
//! same report as a page and a Word file, or copies), this year's is paired with one of them — the
//! first read in full, else the first — rather than with each (`check` pairs every combination,
//! which for many copies grows as their square).

use std::collections::HashMap;
use std::fs::File;
use std::io::{self, BufWriter, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::cell::CellValue;
use crate::document::InputKind;
use crate::error::ReadError;
use crate::format::Shape;
use crate::lang::Lang;
use crate::model::Model;
use crate::readers::native_decoder;
use crate::report::{Finding, Report, Severity, Status, Verdict};
use crate::rules::regions::{self, Summary};
use crate::{budget, check_one, pair_findings, Input, Options};

// ───────────────────────────── the files ─────────────────────────────

/// Names a folder walk skips: hidden files and folders, and what systems leave beside documents.
pub fn skipped(name: &str) -> bool {
    let lower = name.to_lowercase();
    name.starts_with('.')
        || name.starts_with("~$") // Word's lock file beside an open document
        || ["thumbs.db", "desktop.ini", "__macosx", "$recycle.bin", "system volume information"].contains(&lower.as_str())
}

/// The files to check, and the paths that could not be listed (with why, in Chinese). A file
/// named is taken as it is; a folder is walked recursively, in name order, skipping `skipped`
/// names. Links to files are followed, links to folders are not (a link may loop).
pub fn walk(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<String>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for p in paths {
        match std::fs::metadata(p) {
            Ok(m) if m.is_dir() => walk_dir(p, &mut files, &mut errors),
            Ok(_) => files.push(p.clone()),
            Err(e) => errors.push(format!("{}：无法打开文件（{e}）", p.display())),
        }
    }
    (files, errors)
}

fn walk_dir(dir: &Path, files: &mut Vec<PathBuf>, errors: &mut Vec<String>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => return errors.push(format!("{}：无法打开文件夹（{e}）", dir.display())),
    };
    let mut here: Vec<(String, PathBuf, std::fs::FileType)> = entries
        .filter_map(Result::ok)
        .filter_map(|e| Some((e.file_name().to_string_lossy().into_owned(), e.path(), e.file_type().ok()?)))
        .filter(|(name, _, _)| !skipped(name))
        .collect();
    here.sort_by(|a, b| a.0.cmp(&b.0));
    for (_, path, kind) in here {
        if kind.is_dir() {
            walk_dir(&path, files, errors);
        } else if kind.is_file() || kind.is_symlink() && std::fs::metadata(&path).is_ok_and(|m| m.is_file()) {
            files.push(path);
        }
    }
}

// ───────────────────────────── what the cross-year rules need ─────────────────────────────

/// What the cross-year rules (`rules::check_pair`) read of a report besides its cells: its shape,
/// year, title, agency and running text. Stored in the spool instead of the model; the cells are
/// the report's own (`Report::cells` is the model's), read back from the report.
#[derive(Serialize, Deserialize)]
struct Digest {
    layout: String,
    year: Option<i32>,
    title: Option<String>,
    agency: Option<String>,
    paras: Vec<String>,
}

impl Digest {
    fn of(m: &Model) -> Digest {
        Digest { layout: m.shape.key().to_string(), year: m.year, title: m.title.clone(), agency: m.agency.clone(), paras: m.paras.clone() }
    }

    /// A model with what the cross-year rules read, its cells those of `report` (its JSON); the
    /// rest (doubts, odd labels…) is empty.
    fn model(self, report: &Value) -> io::Result<Model> {
        let shape = Shape::from_key(&self.layout).unwrap_or(Shape::of(crate::format::Version::V2021));
        let cells = report["cells"]
            .as_object()
            .into_iter()
            .flatten()
            .map(|(k, v)| Ok((k.clone(), CellValue::deserialize(v)?)))
            .collect::<Result<Vec<_>, serde_json::Error>>()?;
        Ok(Model {
            input: InputKind::Text,
            version: shape.version,
            shape,
            year: self.year,
            title: self.title,
            agency: self.agency,
            cells,
            odd_labels: Vec::new(),
            doubts: Vec::new(),
            tables_found: [true; 3],
            announced: [true; 3],
            pictures: Default::default(),
            outline: crate::text::Outline::of(&self.paras),
            paras: self.paras,
        })
    }
}

// ───────────────────────────── the spool ─────────────────────────────

/// A temporary file of records, read back by position. On Unix it is unlinked as soon as it is
/// open, so nothing is left behind even when the process is killed.
struct Spool {
    file: BufWriter<File>,
    len: u64,
    path: PathBuf,
}

impl Spool {
    fn new() -> io::Result<Spool> {
        let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos());
        let path = std::env::temp_dir().join(format!("nianbao-check-{}-{nanos}.spool", std::process::id()));
        let file = std::fs::OpenOptions::new().read(true).write(true).create_new(true).open(&path)?;
        #[cfg(unix)]
        let _ = std::fs::remove_file(&path);
        Ok(Spool { file: BufWriter::with_capacity(1 << 20, file), len: 0, path })
    }

    fn put(&mut self, bytes: &[u8]) -> io::Result<(u64, u32)> {
        let at = self.len;
        self.file.write_all(bytes)?;
        self.len += bytes.len() as u64;
        Ok((at, bytes.len() as u32))
    }

    fn get(&mut self, (at, len): (u64, u32)) -> io::Result<Vec<u8>> {
        self.file.flush()?;
        let f = self.file.get_mut();
        f.seek(SeekFrom::Start(at))?;
        let mut buf = vec![0; len as usize];
        f.read_exact(&mut buf)?;
        f.seek(SeekFrom::Start(self.len))?;
        Ok(buf)
    }
}

impl Drop for Spool {
    fn drop(&mut self) {
        // Unix: unlinked when opened. Elsewhere best effort (the file may still be open).
        if cfg!(not(unix)) {
            let _ = std::fs::remove_file(&self.path);
        }
    }
}

/// What one worker made of one file.
enum Done {
    Checked {
        report: Vec<u8>,
        digest: Option<Vec<u8>>,
        summary: Option<Vec<u8>>,
        agency: Option<String>,
        year: Option<i32>,
        complete: bool,
    },
    /// The file could not be opened: not a report, said on stderr.
    Unopened(String),
}

type Slot = (u64, u32);

/// What stays in memory of a file.
#[derive(Clone, Copy)]
struct Entry {
    report: Slot,
    digest: Option<Slot>,
    summary: Option<Slot>,
    agency: Option<u32>,
    year: Option<i32>,
    /// Read in full (no reading gap): preferred as last year's partner.
    complete: bool,
}

fn check_file(path: &Path, opts: &Options) -> Done {
    let name = path.to_string_lossy();
    // A file over the limit is not read at all: its size is enough to refuse it.
    let too_large = std::fs::metadata(path).ok().map(|m| m.len() as usize).filter(|&n| n > opts.max_size);
    let (report, model) = match too_large {
        Some(n) => (Report::failed(&name, None, budget::too_large(n, opts.max_size)), None),
        None => {
            let bytes = match std::fs::read(path) {
                Ok(b) => b,
                Err(e) => return Done::Unopened(format!("{name}：无法打开文件（{e}）")),
            };
            // A panic in a reader is a bug, but one file's: it becomes that file's error.
            let run = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                check_one(&Input::new(&name, &bytes), None, opts, native_decoder)
            }));
            drop(bytes);
            run.unwrap_or_else(|_| {
                let e = ReadError::Internal;
                (Report::failed(&name, None, e), None)
            })
        }
    };
    Done::Checked {
        report: json(&report),
        digest: model.as_ref().map(|m| json(&Digest::of(m))),
        summary: Summary::of(&report).map(|s| json(&s)),
        agency: report.agency.clone(),
        year: report.year,
        complete: report.error.is_none() && report.reading.is_empty(),
    }
}

fn json<T: Serialize>(v: &T) -> Vec<u8> {
    serde_json::to_vec(v).expect("records serialise")
}

// ───────────────────────────── outputs ─────────────────────────────

/// What the batch writes, and where.
#[derive(Default)]
pub struct Outputs {
    /// Standard output: the summary, or JSON.
    pub stdout: StdoutFormat,
    /// The findings CSV (the page's: `www/export.js`, FINDING_COLUMNS).
    pub csv: Option<PathBuf>,
    /// One row a report, one column a cell address.
    pub cells: Option<PathBuf>,
    /// The summary's language (the JSON and CSV carry both).
    pub lang: Lang,
}

#[derive(Default, Clone, Copy, PartialEq, Eq, Debug)]
pub enum StdoutFormat {
    /// The summary, in `Outputs::lang`.
    #[default]
    Summary,
    /// One JSON document, `{"reports": […]}`.
    Json,
    /// One report a line.
    Jsonl,
}

pub struct Config {
    pub opts: Options,
    /// Worker threads.
    pub jobs: usize,
    /// Draw a progress bar on stderr.
    pub progress: bool,
    pub outputs: Outputs,
}

/// How the batch went: what the exit status is made of.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Tally {
    pub files: usize,
    pub unopened: usize,
    pub unreadable: usize,
    pub failed: usize,
    pub incomplete: usize,
    pub passed: usize,
}

impl Tally {
    /// 2: a file could not be read; else 1: a report fails; else 3: a report not read in full; else 0.
    pub fn exit_code(&self) -> u8 {
        if self.unopened > 0 || self.unreadable > 0 {
            2
        } else if self.failed > 0 {
            1
        } else if self.incomplete > 0 {
            3
        } else {
            0
        }
    }
}

/// Checks `files` and writes the outputs to `out` (standard output) and the files `config` names.
/// Messages about files that could not be opened go to `err`.
pub fn run(files: &[PathBuf], config: &Config, out: &mut dyn Write, err: &mut dyn Write) -> io::Result<Tally> {
    let n = files.len();
    let mut spool = Spool::new()?;
    let mut entries: Vec<Option<Entry>> = vec![None; n];
    let mut agencies: Vec<String> = Vec::new();
    let mut agency_ids: HashMap<String, u32> = HashMap::new();
    let mut unopened: Vec<(usize, String)> = Vec::new();
    let mut progress = Progress::new(n, config.progress);

    // Phase 1: every file checked on its own, on `jobs` threads; the results spooled in arrival order.
    let next = AtomicUsize::new(0);
    let jobs = config.jobs.clamp(1, n.max(1));
    let spooled: io::Result<()> = std::thread::scope(|s| {
        let (tx, rx) = mpsc::sync_channel::<(usize, Done)>(jobs * 2);
        for _ in 0..jobs {
            let tx = tx.clone();
            let next = &next;
            let opts = &config.opts;
            s.spawn(move || loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                if i >= n || tx.send((i, check_file(&files[i], opts))).is_err() {
                    break;
                }
            });
        }
        drop(tx);
        for (i, done) in rx {
            match done {
                Done::Unopened(msg) => unopened.push((i, msg)),
                Done::Checked { report, digest, summary, agency, year, complete } => {
                    let agency = agency.map(|a| match agency_ids.get(&a) {
                        Some(&id) => id,
                        None => {
                            agency_ids.insert(a.clone(), agencies.len() as u32);
                            agencies.push(a);
                            agencies.len() as u32 - 1
                        }
                    });
                    let entry = Entry {
                        report: spool.put(&report)?,
                        digest: digest.map(|d| spool.put(&d)).transpose()?,
                        summary: summary.map(|d| spool.put(&d)).transpose()?,
                        agency,
                        year,
                        complete,
                    };
                    entries[i] = Some(entry);
                }
            }
            progress.tick();
        }
        Ok(())
    });
    spooled?;
    progress.finish();
    drop(agency_ids);

    // Last year's partner of each (agency, year): the first read in full, else the first.
    let mut partner: HashMap<(u32, i32), usize> = HashMap::new();
    for (i, e) in entries.iter().enumerate() {
        let Some(Entry { digest: Some(_), agency: Some(a), year: Some(y), complete, .. }) = *e else { continue };
        partner
            .entry((a, y))
            .and_modify(|best| {
                if complete && !entries[*best].is_some_and(|b| b.complete) {
                    *best = i;
                }
            })
            .or_insert(i);
    }

    // H01: regions and their units of the batch, one group in memory at a time.
    let mut h01: HashMap<usize, Finding> = HashMap::new();
    {
        let mut order: Vec<usize> = (0..n).filter(|&i| entries[i].is_some_and(|e| e.summary.is_some() && e.agency.is_some())).collect();
        order.sort_by_key(|&i| (!entries[i].is_some_and(|e| e.complete), i));
        let names: Vec<(&str, i32)> = order
            .iter()
            .map(|&i| entries[i].map(|e| (agencies[e.agency.unwrap_or(0) as usize].as_str(), e.year.unwrap_or(0))).unwrap())
            .collect();
        for g in regions::groups(&names) {
            let mut load = |k: usize| -> io::Result<Summary> {
                let slot = entries[order[k]].and_then(|e| e.summary).expect("a summary");
                Ok(serde_json::from_slice(&spool.get(slot)?)?)
            };
            let region = load(g.region)?;
            let units = g.units.iter().map(|&u| load(u)).collect::<io::Result<Vec<_>>>()?;
            if let Some(f) = regions::h01(&region, &units) {
                h01.insert(order[g.region], f);
            }
        }
    }

    // Phase 2: each report in the order of the files, completed and written out.
    let mut sinks = Sinks::open(&config.outputs, out)?;
    let mut tally = Tally { files: n, unopened: unopened.len(), ..Tally::default() };
    let mut last_prev: Option<(usize, Model)> = None;
    for (i, e) in entries.iter().enumerate() {
        let Some(e) = e else { continue };
        let mut report: Value = serde_json::from_slice(&spool.get(e.report)?)?;
        let mut added: Vec<Finding> = Vec::new();
        if let (Some(a), Some(y), Some(d)) = (e.agency, e.year, e.digest) {
            if let Some(&p) = partner.get(&(a, y - 1)) {
                // Copies of one agency's reports share last year's: read it once.
                if last_prev.as_ref().is_none_or(|(q, _)| *q != p) {
                    let partner = entries[p].expect("a partner was checked");
                    let digest: Digest = serde_json::from_slice(&spool.get(partner.digest.expect("a partner has a digest"))?)?;
                    let its_report: Value = serde_json::from_slice(&spool.get(partner.report)?)?;
                    last_prev = Some((p, digest.model(&its_report)?));
                }
                let cur: Digest = serde_json::from_slice(&spool.get(d)?)?;
                let prev = &last_prev.as_ref().expect("loaded").1;
                added.extend(pair_findings(prev, &cur.model(&report)?, &files[p].to_string_lossy()));
            }
        }
        added.extend(h01.remove(&i));
        complete(&mut report, &added);
        match report["verdict"].as_str() {
            Some("unreadable") => tally.unreadable += 1,
            Some("failed") => tally.failed += 1,
            Some("incomplete") => tally.incomplete += 1,
            _ => tally.passed += 1,
        }
        sinks.write(&report)?;
    }
    sinks.finish()?;
    unopened.sort();
    for (_, msg) in unopened {
        writeln!(err, "{msg}")?;
    }
    Ok(tally)
}

/// Adds findings to a report read back from the spool, and judges its verdict again as
/// `Report::judge` would: an added error makes a passed or incomplete report fail.
fn complete(report: &mut Value, added: &[Finding]) {
    if added.is_empty() {
        return;
    }
    let fails = added.iter().any(|f| f.severity == Severity::Error && f.status == Status::Failed);
    if let Some(list) = report["findings"].as_array_mut() {
        list.extend(added.iter().map(|f| serde_json::to_value(f).expect("findings serialise")));
    }
    if fails && matches!(report["verdict"].as_str(), Some("passed" | "incomplete")) {
        report["verdict"] = Value::from(Verdict::Failed.as_str());
    }
}

struct Sinks<'a> {
    format: StdoutFormat,
    lang: Lang,
    out: BufWriter<&'a mut dyn Write>,
    first: bool,
    csv: Option<BufWriter<File>>,
    cells: Option<(BufWriter<File>, Vec<String>)>,
}

/// Every canonical address of every layout, each once: v2021's, then v2019's own.
pub fn all_addresses() -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for key in ["v2021", "v2021-single-other-row", "v2019"] {
        for a in Shape::from_key(key).expect("a layout").addresses() {
            if !out.contains(&a) {
                out.push(a);
            }
        }
    }
    out
}

/// The columns of `--cells` before the addresses.
pub const CELLS_COLUMNS: [&str; 6] = ["file", "agency", "year", "version", "layout", "verdict"];
/// The columns of `--csv`, as the page's findings CSV (`www/export.js`).
pub const FINDING_COLUMNS: [&str; 11] =
    ["file", "rule", "severity", "status", "cells", "message", "message_en", "expected", "actual", "checker_version", "rules_version"];

impl<'a> Sinks<'a> {
    fn open(o: &Outputs, out: &'a mut dyn Write) -> io::Result<Sinks<'a>> {
        let create = |p: &PathBuf| -> io::Result<BufWriter<File>> {
            let mut f = BufWriter::new(File::create(p)?);
            f.write_all(BOM.as_bytes())?;
            Ok(f)
        };
        let mut csv = o.csv.as_ref().map(create).transpose()?;
        if let Some(f) = &mut csv {
            csv_row(f, FINDING_COLUMNS.iter().map(|c| c.to_string()))?;
        }
        let cells = match &o.cells {
            Some(p) => {
                let mut f = create(p)?;
                let addresses = all_addresses();
                csv_row(&mut f, CELLS_COLUMNS.iter().map(|c| c.to_string()).chain(addresses.iter().cloned()))?;
                Some((f, addresses))
            }
            None => None,
        };
        let mut out = BufWriter::with_capacity(1 << 16, out);
        if o.stdout == StdoutFormat::Json {
            out.write_all(b"{\n  \"reports\": [")?;
        }
        Ok(Sinks { format: o.stdout, lang: o.lang, out, first: true, csv, cells })
    }

    fn write(&mut self, r: &Value) -> io::Result<()> {
        match self.format {
            StdoutFormat::Summary => self.out.write_all(summary(r, self.lang).as_bytes())?,
            StdoutFormat::Json => {
                // The document as `to_string_pretty` writes it, one report at a time.
                let pretty = serde_json::to_string_pretty(r)?;
                self.out.write_all(if self.first { b"\n" } else { b",\n" })?;
                for (k, line) in pretty.lines().enumerate() {
                    if k > 0 {
                        self.out.write_all(b"\n")?;
                    }
                    self.out.write_all(b"    ")?;
                    self.out.write_all(line.as_bytes())?;
                }
            }
            StdoutFormat::Jsonl => {
                serde_json::to_writer(&mut self.out, r)?;
                self.out.write_all(b"\n")?;
            }
        }
        self.first = false;
        if let Some(f) = &mut self.csv {
            finding_rows(f, r)?;
        }
        if let Some((f, addresses)) = &mut self.cells {
            cells_row(f, r, addresses)?;
        }
        Ok(())
    }

    fn finish(mut self) -> io::Result<()> {
        if self.format == StdoutFormat::Json {
            self.out.write_all(if self.first { b"]\n}\n" } else { b"\n  ]\n}\n" })?;
        }
        self.out.flush()?;
        if let Some(mut f) = self.csv.take() {
            f.flush()?;
        }
        if let Some((mut f, _)) = self.cells.take() {
            f.flush()?;
        }
        Ok(())
    }
}

// ───────────────────────────── CSV ─────────────────────────────

/// Excel and WPS read a CSV without it as GBK: with it, as UTF-8.
const BOM: &str = "\u{feff}";

/// One CSV field as the page writes it (`csvField` in `www/export.js`): a text a spreadsheet would
/// run as a formula (`= + - @`, tab, CR first) gets a leading apostrophe; quoted when it holds a
/// comma, quote, CR or LF.
pub fn csv_field(s: &str, text: bool) -> String {
    let mut s = s.to_string();
    if text && s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        s.insert(0, '\'');
    }
    if s.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

fn csv_row(f: &mut impl Write, fields: impl Iterator<Item = String>) -> io::Result<()> {
    let row: Vec<String> = fields.collect();
    f.write_all(row.join(",").as_bytes())?;
    // CRLF, as RFC 4180 says and Excel writes.
    f.write_all(b"\r\n")
}

fn text(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => csv_field(s, true),
        other => csv_field(&other.to_string(), true),
    }
}

fn number(v: &Value) -> String {
    match v {
        Value::Number(n) => n.to_string(),
        _ => String::new(),
    }
}

fn finding_rows(f: &mut impl Write, r: &Value) -> io::Result<()> {
    let versions = [text(&r["checker_version"]), text(&r["rules_version"])];
    if !r["error"].is_null() {
        let e = &r["error"];
        let row = [
            text(&r["file"]),
            text(&e["code"]),
            "error".into(),
            "unreadable".into(),
            String::new(),
            text(&e["message"]),
            text(&e["message_en"]),
            String::new(),
            String::new(),
        ];
        return csv_row(f, row.into_iter().chain(versions));
    }
    for x in r["findings"].as_array().into_iter().flatten() {
        let cells: Vec<&str> = x["cells"].as_array().into_iter().flatten().filter_map(Value::as_str).collect();
        let row = [
            text(&r["file"]),
            text(&x["rule"]),
            x["severity"].as_str().unwrap_or("").to_string(),
            x["status"].as_str().unwrap_or("").to_string(),
            csv_field(&cells.join(" "), true),
            text(&x["message"]),
            text(&x["message_en"]),
            number(&x["expected"]),
            number(&x["actual"]),
        ];
        csv_row(f, row.into_iter().chain(versions.iter().cloned()))?;
    }
    Ok(())
}

/// A raw cell as the report printed it; a blank is empty. A plain number keeps its sign (`-2` is
/// data here), any other text gets the formula guard.
fn cell_field(c: &Value) -> String {
    if c["state"].as_str() == Some("blank") {
        return String::new();
    }
    let raw = c["raw"].as_str().unwrap_or("");
    let plain = raw.trim_start_matches(['+', '-']);
    let numeric = plain.starts_with(|c: char| c.is_ascii_digit()) && plain.chars().all(|c| c.is_ascii_digit() || c == ',' || c == '.');
    csv_field(raw, !numeric)
}

fn cells_row(f: &mut impl Write, r: &Value, addresses: &[String]) -> io::Result<()> {
    let head = [text(&r["file"]), text(&r["agency"]), number(&r["year"]), text(&r["version"]), text(&r["layout"]), text(&r["verdict"])];
    let cells = &r["cells"];
    let values = addresses.iter().map(|a| cells.get(a).map(cell_field).unwrap_or_default());
    csv_row(f, head.into_iter().chain(values))
}

// ───────────────────────────── the summary ─────────────────────────────

fn verdict(v: &Value) -> Verdict {
    match v.as_str() {
        Some("failed") => Verdict::Failed,
        Some("incomplete") => Verdict::Incomplete,
        Some("unreadable") => Verdict::Unreadable,
        _ => Verdict::Passed,
    }
}

fn label(sev: &str, status: &str, lang: Lang) -> &'static str {
    match (status, sev, lang) {
        ("not_assessable", _, Lang::Zh) => "无法核对",
        (_, "error", Lang::Zh) => "错误",
        (_, "warning", Lang::Zh) => "警告",
        (_, "doubt", Lang::Zh) => "存疑",
        (_, _, Lang::Zh) => "提示",
        ("not_assessable", _, Lang::En) => "not assessable",
        (_, "error", Lang::En) => "error",
        (_, "warning", Lang::En) => "warning",
        (_, "doubt", Lang::En) => "doubt",
        (_, _, Lang::En) => "note",
    }
}

const TABLE_NAMES: [(&str, &str, &str); 3] = [("t2", "表二", "Table 2"), ("t3", "表三", "Table 3"), ("t4", "表四", "Table 4")];

fn strs(v: &Value) -> Vec<&str> {
    v.as_array().into_iter().flatten().filter_map(Value::as_str).collect()
}

/// One report as the command line prints it, in the reader's language: file, verdict, reading
/// gaps, findings, and the rules that could not be assessed, grouped per table.
pub fn summary(r: &Value, lang: Lang) -> String {
    let zh = lang == Lang::Zh;
    let w = |c: &'static str, e: &'static str| if zh { c } else { e };
    // The message in the reader's language (`message_en` beside `message` in the JSON).
    let msg = |v: &Value| v[if zh { "message" } else { "message_en" }].as_str().unwrap_or("").to_string();
    let mut s = String::new();
    let file = r["file"].as_str().unwrap_or("");
    s.push_str(&format!("■ {file}\n"));
    if !r["error"].is_null() {
        let word = Verdict::Unreadable.word(lang);
        s.push_str(&if zh {
            format!("  结论：{word}：{}\n\n", msg(&r["error"]))
        } else {
            format!("  Verdict: {word}: {}\n\n", msg(&r["error"]))
        });
        return s;
    }
    let title = r["title"].as_str().unwrap_or(w("（未找到标题）", "(no title found)"));
    let version = r["version"].as_str().unwrap_or("?");
    let year = r["year"]
        .as_i64()
        .map(|y| if zh { format!("{y} 年度") } else { format!("year {y}") })
        .unwrap_or_else(|| w("年度不明", "year unknown").into());
    let input = r["input"].as_str().unwrap_or("?");
    s.push_str(&if zh {
        format!("  {title}｜{year}｜格式 {version}｜读作 {input}\n")
    } else {
        format!("  {title} | {year} | format {version} | read as {input}\n")
    });
    let findings: Vec<&Value> = r["findings"].as_array().into_iter().flatten().collect();
    let status = |f: &Value| f["status"].as_str().unwrap_or("").to_string();
    let count = |sev: &str| findings.iter().filter(|f| status(f) == "failed" && f["severity"] == sev).count();
    let na = findings.iter().filter(|f| status(f) == "not_assessable").count();
    let (e, warn, doubt) = (count("error"), count("warning"), count("doubt"));
    let reading: Vec<&Value> = r["reading"].as_array().into_iter().flatten().collect();
    let v = verdict(&r["verdict"]);
    let line = match (v, lang) {
        (Verdict::Failed, Lang::Zh) => format!("{e} 个错误 · {warn} 个警告"),
        (Verdict::Incomplete, Lang::Zh) => format!("读出的部分未发现错误，但有 {} 张表没能完整读出，见下；{warn} 个警告", reading.len()),
        (_, Lang::Zh) if warn > 0 => format!("未发现错误，{warn} 个警告"),
        (_, Lang::Zh) => "未发现错误和警告".to_string(),
        (Verdict::Failed, Lang::En) => format!("{e} errors · {warn} warnings"),
        (Verdict::Incomplete, Lang::En) => {
            format!("no error in what was read, but {} tables could not be read in full, see below; {warn} warnings", reading.len())
        }
        (_, Lang::En) if warn > 0 => format!("no error, {warn} warnings"),
        (_, Lang::En) => "no error and no warning".to_string(),
    };
    s.push_str(&if zh {
        format!("  结论：{}（{line}）；{doubt} 个存疑；{na} 项无法核对\n", v.word(lang))
    } else {
        format!("  Verdict: {} ({line}); {doubt} doubts; {na} not assessable\n", v.word(lang))
    });
    for g in &reading {
        s.push_str(&format!("  [{}] {}\n", w("未能读取", "not read"), msg(g)));
    }
    // Doubts about cells the reading gaps already name are said there; the rest one by one.
    let unread: Vec<&str> = reading.iter().flat_map(|g| strs(&g["cells"])).collect();
    for f in &findings {
        let cells = strs(&f["cells"]);
        if status(f) == "not_assessable" || f["rule"] == "P03" && !cells.is_empty() && cells.iter().all(|c| unread.contains(c)) {
            continue;
        }
        let rule = f["rule"].as_str().unwrap_or("");
        s.push_str(&format!("  [{} {rule}] {}\n", label(f["severity"].as_str().unwrap_or(""), &status(f), lang), msg(f)));
        if !cells.is_empty() {
            let shown: Vec<&str> = cells.iter().take(8).copied().collect();
            let (head, more) = match lang {
                Lang::Zh => ("单元格：", if cells.len() > 8 { format!(" 等 {} 个", cells.len()) } else { String::new() }),
                Lang::En => ("cells: ", if cells.len() > 8 { format!(", {} in all", cells.len()) } else { String::new() }),
            };
            s.push_str(&format!("      {head}{}{more}\n", shown.join(" ")));
        }
    }
    // Rules that could not be assessed: one line per table, not one per row or column.
    for (t, name_zh, name_en) in TABLE_NAMES {
        let prefix = format!("{t}/");
        let here: Vec<&&Value> = findings
            .iter()
            .filter(|f| status(f) == "not_assessable" && strs(&f["cells"]).first().is_some_and(|c| c.starts_with(&prefix)))
            .collect();
        if here.is_empty() {
            continue;
        }
        let mut rules: Vec<(&str, usize)> = Vec::new();
        for f in &here {
            let id = f["rule"].as_str().unwrap_or("");
            match rules.iter_mut().find(|(r, _)| *r == id) {
                Some((_, n)) => *n += 1,
                None => rules.push((id, 1)),
            }
        }
        let by_unread = here.iter().any(|f| strs(&f["cells"]).iter().any(|c| unread.contains(c)));
        if zh {
            let by_rule: Vec<String> = rules.iter().map(|(id, n)| format!("{id} {n} 项")).collect();
            let why = if by_unread { "未读出或空白" } else { "空白或不是数字" };
            s.push_str(&format!(
                "  [无法核对] {name_zh}：{} 项勾稽关系无法核对（{}），涉及{why}的单元格；--json 列出每一项\n",
                here.len(),
                by_rule.join("、")
            ));
        } else {
            let by_rule: Vec<String> = rules.iter().map(|(id, n)| format!("{id} ×{n}")).collect();
            let why = if by_unread { "not read or blank" } else { "blank or not numbers" };
            s.push_str(&format!(
                "  [not assessable] {name_en}: {} checks could not be made ({}), through cells {why}; --json lists each\n",
                here.len(),
                by_rule.join(", ")
            ));
        }
    }
    s.push('\n');
    s
}

// ───────────────────────────── progress ─────────────────────────────

/// A progress line on a terminal's stderr, redrawn at most ten times a second.
struct Progress {
    total: usize,
    done: usize,
    start: Instant,
    drawn: Option<Instant>,
    on: bool,
}

impl Progress {
    fn new(total: usize, on: bool) -> Progress {
        Progress { total, done: 0, start: Instant::now(), drawn: None, on: on && total > 1 }
    }

    fn tick(&mut self) {
        self.done += 1;
        if !self.on || self.drawn.is_some_and(|t| t.elapsed() < Duration::from_millis(100)) && self.done < self.total {
            return;
        }
        self.drawn = Some(Instant::now());
        let secs = self.start.elapsed().as_secs_f64().max(1e-3);
        let rate = self.done as f64 / secs;
        let width = 30;
        let filled = width * self.done / self.total.max(1);
        let left = if rate > 0.0 { ((self.total - self.done) as f64 / rate).ceil() as u64 } else { 0 };
        eprint!(
            "\r\x1b[2K检查 {}/{} [{}{}] {:.0} 份/秒 · 剩余约 {left} 秒",
            self.done,
            self.total,
            "#".repeat(filled),
            "-".repeat(width - filled),
            rate
        );
    }

    fn finish(&self) {
        if self.on && self.drawn.is_some() {
            eprint!("\r\x1b[2K");
        }
    }
}
