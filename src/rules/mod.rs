//! The rules (`spec/rules.md`). Each family declares its rules where their code lives — id,
//! severity, Chinese title, what it checks, why, an example, and how it is checked — and lists
//! them in its `RULES`; the catalogue is those lists put together. The page's rule reference
//! (`docs/rules.md`, `www/rules.html`) is rendered from the catalogue, and a test keeps it current.
//!
//! Rules see only the model. Adding a rule: one `const` in its family's file, its entry in that
//! file's `RULES`, the code that emits it (`Finding::new(rule, cells, says)`, the severity is the
//! rule's), the words of what it says (`says.rs`), and one test.

pub mod cells;
pub mod narrative;
pub mod reading;
pub mod regions;
pub mod structure;
pub mod sums;
pub mod tables;
pub mod years;

use crate::model::Model;
use crate::report::{Finding, Severity};

#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// Read blank cells as 0 in sums. Off by default: a blank is not a zero.
    pub blanks_as_zero: bool,
    /// Files larger than this (bytes) are refused unread (`too_large`); 50 MB by default.
    pub max_size: usize,
}

impl Default for Options {
    fn default() -> Options {
        Options { blanks_as_zero: false, max_size: crate::budget::DEFAULT_MAX_SIZE }
    }
}

pub struct Ctx<'a> {
    pub model: &'a Model,
    pub opts: &'a Options,
    /// What the text states, read once for all narrative rules.
    pub claims: std::cell::OnceCell<Vec<narrative::Claim>>,
}

impl<'a> Ctx<'a> {
    pub fn new(model: &'a Model, opts: &'a Options) -> Ctx<'a> {
        Ctx { model, opts, claims: std::cell::OnceCell::new() }
    }
}

/// How a rule is checked. The function is given the rule it checks (several rules may share one:
/// every sum is checked by the sum engine, every N rule by the text comparison).
#[derive(Clone, Copy)]
pub enum How {
    /// On one report.
    One(fn(&Ctx, &'static Rule) -> Vec<Finding>),
    /// On two reports of the same agency, last year's first.
    Pair(fn(&Model, &Model, &'static Rule) -> Vec<Finding>),
    /// By recognition itself, while reading the tables (P01, P03).
    Reading,
    /// Over the reports of a batch (the command line): (index of the report spoken on, finding).
    Batch(fn(&[regions::Summary]) -> Vec<(usize, Finding)>),
}

pub struct Rule {
    pub id: &'static str,
    pub severity: Severity,
    pub title: &'static str,
    /// What it checks.
    pub checks: &'static str,
    /// Why a reviewer cares.
    pub why: &'static str,
    pub example: &'static str,
    pub how: How,
}

impl std::fmt::Debug for Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.id)
    }
}

impl PartialEq for Rule {
    fn eq(&self, other: &Rule) -> bool {
        self.id == other.id
    }
}

/// Every rule, family by family.
pub fn catalogue() -> Vec<&'static Rule> {
    [structure::RULES, cells::RULES, tables::RULES, sums::RULES, reading::RULES, narrative::RULES, years::RULES, regions::RULES].concat()
}

/// The rule of an id.
pub fn rule(id: &str) -> Option<&'static Rule> {
    catalogue().into_iter().find(|r| r.id == id)
}

/// Runs every single-report rule and returns recognition's doubts with the findings.
pub fn check(model: &Model, opts: &Options) -> Vec<Finding> {
    let ctx = Ctx::new(model, opts);
    let mut out = model.doubts.clone();
    for r in catalogue() {
        if let How::One(f) = r.how {
            out.extend(f(&ctx, r));
        }
    }
    out
}

/// Runs the cross-year rules on two reports of one agency, last year's first.
pub fn check_pair(prev: &Model, cur: &Model) -> Vec<Finding> {
    catalogue()
        .into_iter()
        .filter_map(|r| match r.how {
            How::Pair(f) => Some(f(prev, cur, r)),
            _ => None,
        })
        .flatten()
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_and_documented() {
        let cat = catalogue();
        let mut ids: Vec<&str> = cat.iter().map(|r| r.id).collect();
        ids.sort();
        let n = ids.len();
        ids.dedup();
        assert_eq!(ids.len(), n, "unique rule ids");
        for r in &cat {
            assert!(!r.title.is_empty() && !r.checks.is_empty() && !r.why.is_empty() && !r.example.is_empty(), "{}", r.id);
            assert!(r.title.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)), "{} has a Chinese title", r.id);
        }
    }
}
