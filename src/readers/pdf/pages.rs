//! Across pages: a table continued on the next page (its header rows printed again dropped, the
//! row a page break cut put back together), a sentence cut by the break one paragraph again.

use super::*;

/// What a page break does to a table: the next page starts with the same table (same outer
/// borders), maybe under its header rows printed again ("重复标题行"), and maybe with the rest of
/// the row the break cut (its label's end, its numbers, the last digits of a wrapped number).
/// The repeated header rows are dropped; the rest of the row is put back into it when the two
/// parts fit together cell by cell; when they cannot be told apart, both are marked doubtful and
/// recognition leaves them unread. A sentence the break cuts is one paragraph again.
pub(super) fn continue_row(blocks: &mut Vec<Block>, last: &mut Last, mut placed: Vec<Placed>) {
    // A page footer ("-4-") may stand between the parts.
    let minor = |p: &Placed| matches!(&p.block, Block::Para(t) if crate::text::is_page_footer(t));
    let first = placed.iter().position(|p| !minor(p));
    // A sentence the page break cuts: the paragraph ran to the margin, the next page's first one
    // starts unindented in the same font.
    let mut joined_para = None;
    if let (Some((at, size)), Some(i)) = (last.open_para, first) {
        if let (Some((s, _, true)), Block::Para(t)) = (placed[i].ends, &placed[i].block) {
            if (s - size).abs() <= 0.1 * size {
                if let Some(Block::Para(p)) = blocks.get_mut(at) {
                    p.push_str(t);
                    joined_para = Some(i);
                }
            }
        }
    }
    // The table the previous page ended with, continued at the top of this one.
    let mut continued: Option<(usize, Vec<String>)> = None;
    let mut kept_end = None;
    if let (Some(end), Some(i)) = (last.table.take(), first) {
        let p = &mut placed[i];
        if let (Some(next_cols), Block::Table(next)) = (&p.cols, &mut p.block) {
            // The same table: the same outer borders (inner ones may differ with the header).
            let edge = |v: &[f32], i: usize| v.get(i).copied().unwrap_or(f32::NAN);
            let same = (edge(&end.cols, 0) - edge(next_cols, 0)).abs() <= 2.0 * RULE_TOL
                && (edge(&end.cols, end.cols.len() - 1) - edge(next_cols, next_cols.len() - 1)).abs() <= 2.0 * RULE_TOL;
            if same {
                let repeated = repeated_header_rows(next, &end.header);
                drop_rows(next, &mut p.fill, repeated);
                if next.rows.first().is_some_and(|r| r.iter().all(|c| c.text.trim().is_empty())) {
                    // The cut row's rest held nothing (its padding): the next row is a row of its own.
                    drop_rows(next, &mut p.fill, 1);
                } else if let Some(Block::Table(prev)) = blocks.get_mut(end.at) {
                    match join_rows(prev, &end.cols, &end.fill, next, next_cols) {
                        Join::Joined => drop_rows(next, &mut p.fill, 1),
                        Join::Unsure => {
                            doubt_values(prev.rows.iter_mut().last());
                            doubt_values(next.rows.first_mut());
                        }
                        Join::Apart => {}
                    }
                }
                if next.rows.iter().flatten().all(|c| c.text.trim().is_empty()) {
                    // Only the header again: the table goes on, if at all, on the page after.
                    kept_end = Some(end);
                } else {
                    continued = Some((i, end.header));
                }
            }
        }
    }
    let mut open_para = None;
    for (i, p) in placed.into_iter().enumerate() {
        if joined_para == Some(i) {
            // Its text went to the previous page's paragraph, which may go on again.
            open_para = last.open_para.filter(|_| p.ends.is_some_and(|e| e.1));
            continue;
        }
        if minor(&p) {
            blocks.push(p.block);
            continue;
        }
        if kept_end.is_some() && first == Some(i) {
            continue; // an empty continuation: nothing to keep, the table stays open
        }
        kept_end = None;
        last.table = None;
        open_para = None;
        match (&p.block, p.cols, p.ends) {
            (Block::Table(g), Some(cols), _) => {
                let header = match continued.take() {
                    Some((at, header)) if at == i => header,
                    _ => header_rows(g),
                };
                last.table = Some(TableEnd { at: blocks.len(), cols, fill: p.fill, header });
            }
            (Block::Para(_), _, Some((size, true, _))) => open_para = Some((blocks.len(), size)),
            _ => {}
        }
        blocks.push(p.block);
    }
    if let Some(end) = kept_end {
        last.table = Some(end);
    }
    last.open_para = open_para;
}

/// What the previous page ended with: a ruled table, or a paragraph that ran to the margin (its
/// block and font size).
#[derive(Default)]
pub(super) struct Last {
    pub(super) table: Option<TableEnd>,
    pub(super) open_para: Option<(usize, f32)>,
}

/// The ruled table a page ended with: its block, its column borders, how its cells are filled,
/// and the header rows of the table it belongs to (as printed where the table began).
pub(super) struct TableEnd {
    pub(super) at: usize,
    pub(super) cols: Vec<f32>,
    pub(super) fill: Vec<Vec<Fill>>,
    pub(super) header: Vec<String>,
}

pub(super) fn row_text(row: &[Cell]) -> String {
    crate::text::norm(&row.iter().map(|c| c.text.as_str()).collect::<String>())
}

pub(super) fn has_number(row: &[Cell]) -> bool {
    use crate::cell::{parse, CellState};
    row.iter().any(|c| parse(&c.text).state == CellState::Number)
}

/// A table's header rows: its leading rows before the first that holds a number.
pub(super) fn header_rows(g: &Grid) -> Vec<String> {
    g.rows.iter().take(8).take_while(|r| !has_number(r)).map(|r| row_text(r)).collect()
}

/// How many of a continued table's first rows repeat its header rows, in order.
pub(super) fn repeated_header_rows(next: &Grid, header: &[String]) -> usize {
    next.rows.iter().zip(header).take_while(|(r, h)| !h.is_empty() && !has_number(r) && row_text(r) == **h).count()
}

pub(super) fn drop_rows(g: &mut Grid, fill: &mut Vec<Vec<Fill>>, n: usize) {
    let n = n.min(g.rows.len());
    g.rows.drain(..n);
    fill.drain(..n.min(fill.len()));
}

/// A row whose parts the page break left apart: its numbers are not to be read.
pub(super) fn doubt_values(row: Option<&mut Vec<Cell>>) {
    use crate::cell::{parse, CellState};
    for c in row.into_iter().flatten() {
        if parse(&c.text).state != CellState::Text || c.text.trim().is_empty() {
            c.doubt = Some(crate::document::Doubt::PageBreak);
        }
    }
}

/// A label that starts an item of the format's numbering: "（一）", "一、", "1." / "1、".
pub(super) fn starts_item(s: &str) -> bool {
    let t: String = s.chars().filter(|c| !c.is_whitespace()).take(6).collect();
    let numeral = |c: char| "一二三四五六七八九十".contains(c);
    let mut it = t.chars();
    match it.next() {
        Some('（' | '(') => {
            let rest: String = it.collect();
            let n = rest.chars().take_while(|&c| numeral(c)).count();
            n > 0 && rest.chars().nth(n).is_some_and(|c| matches!(c, '）' | ')'))
        }
        Some(c) if numeral(c) => {
            let n = t.chars().take_while(|&c| numeral(c)).count();
            t.chars().nth(n).is_some_and(|c| matches!(c, '、' | '.' | '．'))
        }
        Some(c) if c.is_ascii_digit() => {
            let n = t.chars().take_while(|c| c.is_ascii_digit()).count();
            t.chars().nth(n).is_some_and(|c| matches!(c, '、' | '.' | '．'))
        }
        _ => false,
    }
}

/// Whether the first row of the next page's part of a table is the rest of the previous page's
/// last row.
#[derive(Debug, PartialEq)]
pub(super) enum Join {
    /// It was, and is now part of it.
    Joined,
    /// It is a row of its own.
    Apart,
    /// It continues the row, but its pieces do not fit back (text on a number, a number on
    /// text): neither part can be trusted.
    Unsure,
}

/// Puts the first row of `next` back into the last row of `prev`, cell by cell (by the column
/// under each cell's middle). It is the rest of that row when its own label does not start a
/// new item, and every piece lands where it can continue: on an empty cell, text on text whose
/// last line the break cut (the line is full), digits on digits that could not have stood on one
/// line. Two whole numbers in one column make it a row of its own.
pub(super) fn join_rows(prev: &mut Grid, prev_cols: &[f32], prev_fill: &[Vec<Fill>], next: &Grid, next_cols: &[f32]) -> Join {
    use crate::cell::{parse, CellState};
    let Some(first) = next.rows.first() else { return Join::Apart };
    let slots = prev.slots();
    let Some(row) = slots.last() else { return Join::Apart };
    let number = |t: &str| parse(t).state == CellState::Number;
    let texty = |t: &str| !t.trim().is_empty() && !number(t);
    let first_number = first.iter().find(|c| number(&c.text)).map_or(usize::MAX, |c| c.col);
    if first.iter().rfind(|c| texty(&c.text) && c.col < first_number).is_some_and(|c| starts_item(&c.text)) {
        return Join::Apart;
    }
    let fill = |f: &[Vec<Fill>], r: usize, i: usize| f.get(r).and_then(|r| r.get(i)).copied().unwrap_or_default();
    // The cell of `prev`'s last row under the middle of a cell of `next` (by x): `None` when the
    // borders do not say, `Some(None)` for a slot no cell of that row covers on the page before
    // (a merged label whose text all went to the next page).
    let under = |c: &Cell| -> Option<Option<(usize, usize)>> {
        let (a, b) = (next_cols.get(c.col)?, next_cols.get(c.col + c.col_span)?);
        let col = prev_cols.partition_point(|&x| x <= (a + b) / 2.0).saturating_sub(1);
        row.get(col).copied()
    };
    // The rest of a row has no label, or its label goes on from the cut label above it: in a
    // table whose labels are numbered ("1.", "（三）"), an unnumbered line under a numbered label
    // is its rest (a new row would start with its number); else the line above must have run
    // full, so that the next character could not have stood on it. Text alone (no number) goes
    // on a label in any case: should it be a row of its own after all, its label and the one
    // above name two rows, and recognition reads neither.
    let text_only = first_number == usize::MAX;
    let label_continues = first.iter().filter(|c| texty(&c.text) && c.col < first_number).all(|c| match under(c) {
        Some(Some((r, i))) => {
            let t = &prev.rows[r][i].text;
            texty(t) && (text_only || starts_item(t) || fill(prev_fill, r, i).last_line_full())
        }
        Some(None) => true,
        None => false,
    });
    let mut moves = Vec::new();
    let mut unsure = false;
    for c in first.iter().filter(|c| !c.text.trim().is_empty()) {
        let (r, i) = match under(c) {
            Some(Some(at)) => at,
            // The end of a merged label with no cell on the page before (texty, as
            // `label_continues` holds): it names no row, and is left out.
            Some(None) if label_continues && texty(&c.text) => continue,
            _ => return Join::Apart,
        };
        let target = &prev.rows[r][i].text;
        let glue = if target.trim().is_empty() {
            ""
        } else if texty(target) && texty(&c.text) {
            if !label_continues {
                return Join::Apart;
            }
            "\n"
        } else if label_continues && number_part(target) && number_part(&c.text) {
            // Digits under digits in the rest of a row: the end of a number too wide for its
            // cell ("3" / "0"). The page cannot tell it from two numbers; kept on two lines,
            // for recognition to read as one only where the row's sum says so.
            "\n"
        } else if !label_continues || number(&c.text) {
            // A number under header text (a header row, then a data row), a band heading across
            // a row's numbers: a row of its own.
            return Join::Apart;
        } else {
            // The rest of the row, but its label text lands on a number.
            unsure = true;
            ""
        };
        moves.push((r, i, glue, c.text.clone()));
    }
    if moves.is_empty() {
        return Join::Apart;
    }
    if unsure {
        return Join::Unsure;
    }
    for (r, i, glue, t) in moves {
        let cell = &mut prev.rows[r][i];
        cell.text.push_str(glue);
        cell.text.push_str(&t);
    }
    Join::Joined
}
