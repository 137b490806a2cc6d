//! The report model: what recognition makes of a document, and all that the rules see.

use crate::cell::CellValue;
use crate::document::InputKind;
use crate::format::{self, Shape, Version};
use crate::report::{Finding, ReadingGap};
use crate::text::Outline;

#[derive(Debug, Clone)]
pub struct Model {
    pub input: InputKind,
    pub version: Version,
    /// The tables as the report has them (a 2021+ report may keep v2019's single （六） row).
    pub shape: Shape,
    pub year: Option<i32>,
    pub title: Option<String>,
    pub agency: Option<String>,
    /// Cells found, in the format's canonical order. A cell the document does not yield
    /// (a lost row) is absent, never zero.
    pub cells: Vec<(String, CellValue)>,
    /// The running text outside the tables, paragraph by paragraph, in order.
    pub paras: Vec<String>,
    /// Its outline (headings, sections, sentences), built once by recognition.
    pub outline: Outline,
    /// Row and column labels as written, where they differ from the official wording (rule S04).
    pub odd_labels: Vec<OddLabel>,
    /// What recognition itself doubts (P03, P04 …), reported with the rules' findings.
    pub doubts: Vec<Finding>,
    /// Which tables were found at all.
    pub tables_found: [bool; 3],
    /// Which tables the document announces by their section heading (二、主动公开… and so on):
    /// a table announced but not read is the checker's failure, not the report's.
    pub announced: [bool; 3],
    /// Pictures under the headings of t2, t3, t4: tables published as images.
    pub pictures: [Vec<String>; 3],
}

#[derive(Debug, Clone, PartialEq)]
pub struct OddLabel {
    /// The cells of the row or column the label names.
    pub cells: Vec<String>,
    pub official: &'static str,
    pub written: String,
}

impl Model {
    pub fn get(&self, addr: &str) -> Option<&CellValue> {
        self.cells.iter().find(|(k, _)| k == addr).map(|(_, v)| v)
    }

    pub fn get_mut(&mut self, addr: &str) -> Option<&mut CellValue> {
        self.cells.iter_mut().find(|(k, _)| k == addr).map(|(_, v)| v)
    }

    /// The number in a cell, or why there is none.
    pub fn number(&self, addr: &str) -> Option<f64> {
        self.get(addr).and_then(CellValue::number)
    }

    /// Sets a cell from raw text (a correction typed on the page), keeping canonical order.
    pub fn set_raw(&mut self, addr: &str, raw: &str) -> bool {
        if self.shape.lookup(addr).is_none() {
            return false;
        }
        match self.get_mut(addr) {
            Some(c) => *c = CellValue::parse(raw),
            None => {
                self.cells.push((addr.to_string(), CellValue::parse(raw)));
                let order = self.shape.addresses();
                self.cells.sort_by_key(|(k, _)| order.iter().position(|a| a == k));
            }
        }
        true
    }

    pub fn describe(&self, addr: &str) -> String {
        self.shape.describe(addr)
    }

    /// Whether a missing table is missing from the report itself (rule S03) rather than unread.
    pub fn lacks_table(&self, i: usize) -> bool {
        !self.tables_found[i] && !self.announced[i] && self.pictures[i].is_empty()
    }

    /// The tables not read in full, each with the cells not read and what to do. A table the
    /// report really lacks is not here (that is rule S03's error).
    pub fn reading_gaps(&self) -> Vec<ReadingGap> {
        const NAMES: [&str; 3] =
            ["表二（主动公开政府信息情况）", "表三（收到和处理政府信息公开申请情况）", "表四（政府信息公开行政复议、行政诉讼情况）"];
        const ADVICE: &str = "请对照原文核实；用报告的 Word 原件（.doc/.docx）或网页再检查，通常能完整读出。";
        let mut out = Vec::new();
        for (i, table) in self.shape.tables().into_iter().enumerate() {
            if self.lacks_table(i) {
                continue;
            }
            let missing: Vec<String> = table
                .rows
                .iter()
                .flat_map(|r| r.columns.iter().map(move |c| format::address(table.id, r.key, c.key)))
                .filter(|a| self.get(a).is_none())
                .collect();
            if missing.is_empty() {
                continue;
            }
            const NAMES_EN: [&str; 3] =
                ["Table 2 (proactive disclosure)", "Table 3 (requests received and handled)", "Table 4 (review and litigation)"];
            const ADVICE_EN: &str = "Please check the original; the report's Word file (.doc/.docx) or web page usually reads in full.";
            let (message, message_en) = if !self.pictures[i].is_empty() && !self.tables_found[i] {
                (
                    format!(
                        "{}是图片（{}），其中的数字无法读取，这部分没有核对。请下载报告的 Word 或 PDF 附件后再检查。",
                        NAMES[i],
                        self.pictures[i].join("、")
                    ),
                    format!(
                        "{} is a picture ({}): its numbers cannot be read, and this part was not checked. Please download the report's Word or PDF attachment.",
                        NAMES_EN[i],
                        self.pictures[i].join(", ")
                    ),
                )
            } else if !self.tables_found[i] {
                (
                    format!("文件中有{}的标题，但这张表格未能读出，这部分没有核对。{ADVICE}", NAMES[i]),
                    format!(
                        "The file has the heading of {}, but the table could not be read, and this part was not checked. {ADVICE_EN}",
                        NAMES_EN[i]
                    ),
                )
            } else {
                let rows: Vec<&crate::format::Row> = table
                    .rows
                    .iter()
                    .filter(|r| r.columns.iter().any(|c| missing.contains(&format::address(table.id, r.key, c.key))))
                    .collect();
                let shown = rows.iter().take(4).map(|r| r.short).collect::<Vec<_>>().join("、");
                let shown_en = rows.iter().take(4).map(|r| format::row_en(table.id, r.key)).collect::<Vec<_>>().join("; ");
                let more = if rows.len() > 4 { format!("等 {} 行", rows.len()) } else { String::new() };
                let more_en = if rows.len() > 4 { format!("; {} rows in all", rows.len()) } else { String::new() };
                (
                    format!(
                        "{}有 {} 个单元格未能可靠读出（{shown}{more}），显示为“？”，涉及它们的勾稽关系没有核对。{ADVICE}",
                        NAMES[i],
                        missing.len()
                    ),
                    format!(
                        "{} has {} cells that could not be read reliably ({shown_en}{more_en}); they are shown as “？”, and the sums through them were not checked. {ADVICE_EN}",
                        NAMES_EN[i],
                        missing.len()
                    ),
                )
            };
            out.push(ReadingGap { table: table.id, cells: missing, message, message_en });
        }
        out
    }
}
