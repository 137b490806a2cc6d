//! The result of a check, as data: the one shape of `report-json.md` for the page, the JS API and
//! the command line. Change it only by adding fields.

use serde::ser::SerializeMap;
use serde::{Deserialize, Serialize, Serializer};

use crate::cell::CellValue;
pub use crate::error::ReadError;
use crate::format::Version;
use crate::lang::Lang;
use crate::rules::Rule;
use crate::says::Says;

#[derive(Debug, Clone, Serialize)]
pub struct Output {
    pub reports: Vec<Report>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// What made the report (`src/version.rs`): the checker's version and the rule catalogue's.
    pub checker_version: &'static str,
    pub rules_version: &'static str,
    pub file: String,
    /// What the file was read as (`text`, `html`, `docx`, `doc`, …); null when it could not be read.
    pub input: Option<&'static str>,
    pub version: Option<Version>,
    /// The tables' layout as the report has them, the key for drawing them: `v2019`, `v2021`, or
    /// `v2021-single-other-row` (a 2021+ report keeping v2019's single （六）其他处理 row).
    pub layout: Option<&'static str>,
    pub year: Option<i32>,
    pub title: Option<String>,
    /// The agency as named in the title (the title without year and report words); used to pair
    /// reports of the same agency across years.
    pub agency: Option<String>,
    #[serde(serialize_with = "cells_as_map")]
    pub cells: Vec<(String, CellValue)>,
    pub findings: Vec<Finding>,
    pub error: Option<ReadError>,
    /// The check's verdict on the whole report; it tells the report's own errors apart from
    /// what the checker could not read.
    pub verdict: Verdict,
    /// The tables that could not be read in full, one entry each: what was not read and what to
    /// do. Empty when every cell was read.
    pub reading: Vec<ReadingGap>,
}

/// What the check says of a report as a whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// Every cell read, and no error-severity finding failed (warnings may remain).
    Passed,
    /// An error-severity finding failed: the report's own numbers or format are wrong.
    Failed,
    /// No error in what was read, but part of the tables could not be read (`reading` says
    /// which): the check is not complete, and the report is not known to be right.
    Incomplete,
    /// The file could not be read as a report at all (`error` says why).
    Unreadable,
}

impl Verdict {
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Passed => "passed",
            Verdict::Failed => "failed",
            Verdict::Incomplete => "incomplete",
            Verdict::Unreadable => "unreadable",
        }
    }

    /// The verdict as the page and the command line say it.
    pub fn zh(self) -> &'static str {
        self.word(Lang::Zh)
    }

    pub fn word(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Verdict::Passed, Lang::Zh) => "通过",
            (Verdict::Failed, Lang::Zh) => "不通过",
            (Verdict::Incomplete, Lang::Zh) => "未能完整读取",
            (Verdict::Unreadable, Lang::Zh) => "无法读取",
            (Verdict::Passed, Lang::En) => "passed",
            (Verdict::Failed, Lang::En) => "failed",
            (Verdict::Incomplete, Lang::En) => "not fully read",
            (Verdict::Unreadable, Lang::En) => "unreadable",
        }
    }
}

/// A table the checker could not read in full.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReadingGap {
    /// `t2`, `t3` or `t4`.
    pub table: &'static str,
    /// The cells not read (shown as unknown, never as a value).
    pub cells: Vec<String>,
    /// What could not be read and what to do, in Chinese.
    pub message: String,
    /// The same in English.
    pub message_en: String,
}

/// Cells are kept in the format's canonical order and written as one JSON object.
fn cells_as_map<S: Serializer>(cells: &[(String, CellValue)], s: S) -> Result<S::Ok, S::Error> {
    let mut m = s.serialize_map(Some(cells.len()))?;
    for (k, v) in cells {
        m.serialize_entry(k, v)?;
    }
    m.end()
}

impl Report {
    pub fn failed(file: &str, input: Option<&'static str>, error: ReadError) -> Report {
        Report {
            checker_version: crate::version::CHECKER_VERSION,
            rules_version: crate::version::RULES_VERSION,
            file: file.to_string(),
            input,
            version: None,
            layout: None,
            year: None,
            title: None,
            agency: None,
            cells: Vec::new(),
            findings: Vec::new(),
            error: Some(error),
            verdict: Verdict::Unreadable,
            reading: Vec::new(),
        }
    }

    /// The verdict from the findings, the reading gaps and the error.
    pub fn judge(&self) -> Verdict {
        if self.error.is_some() {
            Verdict::Unreadable
        } else if self.has_error_finding() {
            Verdict::Failed
        } else if !self.reading.is_empty() {
            Verdict::Incomplete
        } else {
            Verdict::Passed
        }
    }

    pub fn cell(&self, address: &str) -> Option<&CellValue> {
        self.cells.iter().find(|(k, _)| k == address).map(|(_, v)| v)
    }

    pub fn has_error_finding(&self) -> bool {
        self.findings.iter().any(|f| f.severity == Severity::Error && f.status == Status::Failed)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Doubt,
    Info,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Doubt => "doubt",
            Severity::Info => "info",
        }
    }
}

/// A rule either failed, or could not be assessed because an input cell is blank, not a number
/// or missing. Not-assessable findings carry severity `info`: they are not errors of the report,
/// but they are not passes either.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Failed,
    NotAssessable,
}

/// A rule that failed, or could not be assessed, on a report: what it says is data (`says`), its
/// words in either language come from `message(lang)`.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    pub rule: &'static str,
    pub severity: Severity,
    pub status: Status,
    /// Every cell the rule involves, the cell to blame first.
    pub cells: Vec<String>,
    pub says: Says,
    /// The value the rule expects and the value the report has; null where the rule has none
    /// (always present, so a consumer can rely on the keys).
    pub expected: Option<f64>,
    pub actual: Option<f64>,
    /// The sentence of the report's text the finding is about (narrative rules), verbatim.
    pub sentence: Option<String>,
    /// For cross-year findings: the other report's file.
    pub related_file: Option<String>,
}

impl Finding {
    /// A failed rule, with the rule's severity.
    pub fn new(rule: &'static Rule, cells: Vec<String>, says: Says) -> Finding {
        Finding {
            rule: rule.id,
            severity: rule.severity,
            status: Status::Failed,
            cells,
            says,
            expected: None,
            actual: None,
            sentence: None,
            related_file: None,
        }
    }

    /// A rule that could not be assessed: severity `info`, not a failure and not a pass.
    pub fn not_assessable(rule: &'static Rule, cells: Vec<String>, says: Says) -> Finding {
        Finding { status: Status::NotAssessable, severity: Severity::Info, ..Finding::new(rule, cells, says) }
    }

    /// The same finding at another severity (a partial match of the text is only worth a look).
    pub fn at(mut self, severity: Severity) -> Finding {
        self.severity = severity;
        self
    }

    pub fn values(mut self, expected: f64, actual: f64) -> Finding {
        self.expected = Some(expected);
        self.actual = Some(actual);
        self
    }

    /// The message in a language; a cross-year finding names last year's file.
    pub fn message(&self, lang: Lang) -> String {
        let m = self.says.message(lang);
        match (&self.related_file, lang) {
            (Some(f), Lang::Zh) => format!("{m}（上年报告：{f}）"),
            (Some(f), Lang::En) => format!("{m} (last year's report: {f})"),
            (None, _) => m,
        }
    }
}

/// In the JSON: the message in Chinese (`message`) and in English (`message_en`), the rest as is.
impl Serialize for Finding {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        struct Written(Option<f64>);
        impl Serialize for Written {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                crate::cell::number_as_written(&self.0, s)
            }
        }
        let mut st = s.serialize_struct("Finding", 10)?;
        st.serialize_field("rule", self.rule)?;
        st.serialize_field("severity", &self.severity)?;
        st.serialize_field("status", &self.status)?;
        st.serialize_field("cells", &self.cells)?;
        st.serialize_field("message", &self.message(Lang::Zh))?;
        st.serialize_field("message_en", &self.message(Lang::En))?;
        st.serialize_field("expected", &Written(self.expected))?;
        st.serialize_field("actual", &Written(self.actual))?;
        st.serialize_field("sentence", &self.sentence)?;
        st.serialize_field("related_file", &self.related_file)?;
        st.end()
    }
}
