//! Text reader: a report as text copied or extracted from Word (tab-separated cells, like the
//! seed) or from a PDF (markdown with `|` tables, loose lines). Consecutive tabbed or piped lines
//! form a grid; every other line is a paragraph. Merged cells leave no trace in such text, so the
//! grid has no spans: recognition maps values by their order after the label.

use crate::document::{Block, Document, Grid, InputKind};
use crate::error::ReadError;

pub fn read(text: &str) -> Result<Document, ReadError> {
    crate::budget::within(|| read_lines(text))
}

fn read_lines(text: &str) -> Result<Document, ReadError> {
    use crate::budget::{charge, Resource};
    let mut blocks = Vec::new();
    let mut rows: Vec<Vec<String>> = Vec::new();
    let flush = |rows: &mut Vec<Vec<String>>, blocks: &mut Vec<Block>| {
        if !rows.is_empty() {
            blocks.push(Block::Table(grid(std::mem::take(rows))));
        }
    };
    for line in text.lines() {
        let line = line.trim_end_matches('\r');
        // Charged before a cell is made: a line of a million tabs is a million cells.
        let cells = line.bytes().filter(|&b| b == b'\t' || b == b'|').count() + 1;
        if !charge(Resource::Text, line.len()) || !charge(Resource::Cells, cells) {
            break;
        }
        if let Some(cells) = pipe_row(line) {
            if !is_separator(&cells) {
                rows.push(cells);
            }
            continue;
        }
        if line.contains('\t') {
            rows.push(line.split('\t').map(unbold).collect());
            continue;
        }
        flush(&mut rows, &mut blocks);
        let p = unbold(line.trim_start_matches('#').trim());
        if !p.trim().is_empty() {
            blocks.push(Block::Para(p));
        }
    }
    flush(&mut rows, &mut blocks);
    Ok(Document { kind: InputKind::Text, title: None, blocks, pictures: Vec::new() })
}

/// A table copied out of Word has one cell per grid column in every row (a merged cell leaves
/// empty ones), so its rows are equally long. A row shorter than the others has lost a cell: if
/// it has empty cells, which of them stands for the lost number cannot be told, and its cells
/// are marked doubtful (recognition leaves the row unread rather than shift a value or take a
/// lost 0 for a blank).
fn grid(rows: Vec<Vec<String>>) -> Grid {
    let mut g = Grid::from_rows(rows);
    let mut lengths: Vec<usize> = g.rows.iter().map(Vec::len).filter(|&n| n >= 3).collect();
    lengths.sort_unstable();
    // The most common length (the longer one on a tie: a row can lose a cell, not gain one).
    let common = lengths.chunk_by(|a, b| a == b).max_by_key(|run| (run.len(), run[0])).map_or(0, |run| run[0]);
    for row in &mut g.rows {
        let empty = |c: &crate::document::Cell| c.text.trim_matches(crate::cell::is_space).is_empty();
        if row.len() >= 3 && row.len() < common && row.iter().any(empty) && !row.iter().all(empty) {
            for c in row.iter_mut() {
                c.doubt = Some(crate::document::Doubt::ShortRow);
            }
        }
    }
    g
}

/// `| a | b |` → ["a", "b"].
fn pipe_row(line: &str) -> Option<Vec<String>> {
    let t = line.trim();
    let inner = t.strip_prefix('|')?.strip_suffix('|')?;
    Some(inner.split('|').map(|c| unbold(c.trim())).collect())
}

/// `|---|:--:|`
fn is_separator(cells: &[String]) -> bool {
    cells.iter().all(|c| !c.is_empty() && c.chars().all(|ch| matches!(ch, '-' | ':' | ' ')))
}

/// Markdown emphasis marks (`**bold**`) are not text.
fn unbold(s: &str) -> String {
    s.replace("**", "")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tabs_and_pipes_make_grids() {
        let d = read("标题\n规章\t0\t0\t0\n\n| 行政许可 | 5 |\n|---|---|\n| 行政处罚 | 6 |\n**五、**存在问题").unwrap();
        assert_eq!(d.blocks.len(), 4);
        let Block::Table(g) = &d.blocks[1] else { panic!() };
        assert_eq!(g.rows[0].len(), 4);
        let Block::Table(g) = &d.blocks[2] else { panic!() };
        assert_eq!(g.rows.len(), 2);
        assert_eq!(g.rows[1][1].text, "6");
        assert_eq!(d.blocks[3], Block::Para("五、存在问题".into()));
    }

    #[test]
    fn a_row_shorter_than_the_others_is_doubted_when_a_blank_could_stand_for_its_lost_cell() {
        let d = read("a\t\t1\t2\t3\nb\t\t4\t5\t6\nc\t\t7\t8\nd\t9\t1\t2\ne\t").unwrap();
        let Block::Table(g) = &d.blocks[0] else { panic!() };
        let doubted: Vec<bool> = g.rows.iter().map(|r| r.iter().all(|c| c.doubt.is_some())).collect();
        // "c" lost a number and kept an empty cell; "d" lost only the empty one: its numbers fit;
        // "e" is a label with one empty cell, as short rows of a narrower band are.
        assert_eq!(doubted, vec![false, false, true, false, false]);
    }
}
