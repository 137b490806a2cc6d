//! The reading invariant, asserted on every file with a gold: each cell the checker reports is the
//! gold's, or it is absent and named as not read (a P03 doubt and the report's `reading`) — never a
//! wrong value, never a 0 turned into a blank. Then the shares: every cell of the corpus's office
//! files and layout variants read; at least 99.5 % of the held-out layouts in `tests/layouts/`
//! (made with a seed this code was not developed against, see `tests/layouts/README.md`).

mod common;
use common::*;
use nianbao_check::{check_bytes, Options, Report, Verdict};
use serde_json::Value;
use std::path::Path;

const LAYOUTS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/layouts");

/// `dir`'s files that have a gold (`<base>.<anything>` → `gold/<base>.json`), as (path, gold base).
fn with_gold(dir: &Path) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| {
            let path = e.ok()?.path();
            let name = path.file_name()?.to_str()?.to_string();
            let base = name.split('.').next()?.to_string();
            Path::new(&format!("{CORPUS}/gold/{base}.json")).exists().then(|| (path.display().to_string(), base))
        })
        .collect();
    out.sort();
    out
}

fn check_path(path: &str) -> Report {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    check_bytes(path, &bytes, &Options::default())
}

/// Asserts the invariant on one file and returns its comparison with the gold.
fn invariant(path: &str, base: &str) -> (Comparison, Report) {
    let gold: Value = gold(base);
    let r = check_path(path);
    assert!(r.error.is_none(), "{path}: {:?}", r.error);
    let c = compare(&r, &gold);
    assert!(c.wrong.is_empty(), "{path}: cells read with a wrong value: {:#?}", c.wrong);
    let unread: Vec<&String> = r.reading.iter().flat_map(|g| &g.cells).collect();
    for m in &c.missing {
        assert!(r.findings.iter().any(|f| f.rule == "P03" && f.cells.contains(m)), "{path}: {m} not read, and no P03 says so");
        assert!(unread.contains(&m), "{path}: {m} not read, and the report's reading does not say so");
    }
    assert_eq!(r.verdict == Verdict::Incomplete, !c.missing.is_empty() && !r.has_error_finding(), "{path}: verdict {:?}", r.verdict);
    // What cannot be read is never blamed on the report: its error findings are the gold's own.
    let (unexpected, expected_missing) = findings_against_gold(&r, &gold);
    assert!(unexpected.is_empty(), "{path}: error findings the report does not have: {unexpected:#?}");
    if c.missing.is_empty() {
        assert!(expected_missing.is_empty(), "{path}: the gold's own errors not found: {expected_missing:#?}");
    }
    (c, r)
}

#[test]
fn every_corpus_file_is_read_right_or_shown_as_not_read() {
    let (mut files, mut right, mut total, mut missing) = (0, 0, 0, 0);
    for dir in ["real", "derived", "variants"] {
        for (path, base) in with_gold(Path::new(&format!("{CORPUS}/{dir}"))) {
            let (c, _) = invariant(&path, &base);
            files += 1;
            right += c.right;
            total += c.total;
            missing += c.missing.len();
        }
    }
    println!("corpus: {files} files, {right}/{total} gold cells right, {missing} shown as not read, none wrong");
    assert!(files >= 100, "the corpus has its real, derived and variant files: {files}");
}

#[test]
fn office_files_and_layout_variants_are_read_in_full() {
    // Everything an office suite made (the Word files, their PDFs, the saved and re-encoded pages,
    // the single-file saves): every cell. Text pulled out of PDFs (real/*.md) is partial by nature.
    let mut n = 0;
    for dir in ["derived", "variants"] {
        for (path, base) in with_gold(Path::new(&format!("{CORPUS}/{dir}"))) {
            let (c, r) = invariant(&path, &base);
            assert!(c.missing.is_empty(), "{path}: not read {:?}", c.missing);
            assert_ne!(r.verdict, Verdict::Incomplete, "{path}");
            n += 1;
        }
    }
    assert!(n >= 90, "{n} files");
    println!("derived and variants: {n} files, every gold cell read");
}

#[test]
fn held_out_layouts_are_read_without_a_wrong_value() {
    let files = with_gold(Path::new(LAYOUTS));
    assert!(files.len() >= 40, "tests/layouts holds the held-out variants: {}", files.len());
    let (mut right, mut total, mut pdfs) = (0, 0, 0);
    for (path, base) in &files {
        let (c, r) = invariant(path, base);
        pdfs += (r.input == Some("pdf")) as usize;
        right += c.right;
        total += c.total;
    }
    let share = right as f64 / total as f64;
    println!("held-out layouts: {} files ({pdfs} PDF), {right}/{total} gold cells right ({:.2} %), none wrong", files.len(), share * 100.0);
    assert!(pdfs >= 30);
    assert!(share >= 0.995, "only {:.3} of the held-out layouts' cells read", share);
}

mod lost_cells {
    //! Text pulled out of a report loses cells: whichever one number of a table row is lost, the
    //! row is shown as not read — never read shifted, never with a 0 turned into a blank.
    use super::*;
    use proptest::prelude::*;

    const SEED: &str = "real/seed-2021-guanqian.txt";

    /// The seed's lines that are table rows with numbers: (line index, indices of its number cells).
    fn rows(text: &str) -> Vec<(usize, Vec<usize>)> {
        text.lines()
            .enumerate()
            .filter_map(|(i, l)| {
                let cells: Vec<&str> = l.split('\t').collect();
                let nums: Vec<usize> = (0..cells.len())
                    .filter(|&k| !cells[k].trim().is_empty() && cells[k].trim().chars().all(|c| c.is_ascii_digit()))
                    .collect();
                (nums.len() >= 5).then_some((i, nums))
            })
            .collect()
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]
        #[test]
        fn a_lost_number_leaves_its_row_unread(row in any::<prop::sample::Index>(), cell in any::<prop::sample::Index>(), keep_tab in any::<bool>()) {
            let text = String::from_utf8(corpus(SEED)).unwrap();
            let candidates = rows(&text);
            let (line, nums) = &candidates[row.index(candidates.len())];
            let k = nums[cell.index(nums.len())];
            let mut lines: Vec<String> = text.lines().map(String::from).collect();
            let mut cells: Vec<&str> = lines[*line].split('\t').collect();
            // The number goes, with its tab or leaving an empty cell.
            if keep_tab { cells[k] = ""; } else { cells.remove(k); }
            lines[*line] = cells.join("\t");
            let r = check_bytes("seed.txt", lines.join("\n").as_bytes(), &Options::default());
            let c = compare(&r, &gold("seed-2021-guanqian"));
            prop_assert!(c.wrong.is_empty() || keep_tab && c.wrong.len() == 1 && c.wrong[0].contains("read Blank"),
                "line {line} cell {k} (keep tab {keep_tab}): {:?}", c.wrong);
            for m in &c.missing {
                prop_assert!(r.findings.iter().any(|f| f.rule == "P03" && f.cells.contains(m)), "{m} unread without P03");
            }
        }
    }
}
