//! The report model: what recognition makes of a document, and all that the rules see.

use crate::cell::CellValue;
use crate::document::InputKind;
use crate::format::{Shape, Version};
use crate::report::Finding;

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
    /// Row and column labels as written, where they differ from the official wording (rule S04).
    pub odd_labels: Vec<OddLabel>,
    /// What recognition itself doubts (P03, P04 …), reported with the rules' findings.
    pub doubts: Vec<Finding>,
    /// Which tables were found at all.
    pub tables_found: [bool; 3],
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
}
