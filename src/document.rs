//! The one shape every reader ends at: the document's blocks in reading order, tables as grids.
//!
//! Readers resolve their format's quirks (rowspan/colspan, gridSpan/vMerge, `\x07` cell marks,
//! tab-separated lines) into this shape; recognising the report's tables from it is shared code
//! (`crate::recognise`), so a new input format is only a new reader.

use serde::{Deserialize, Serialize};

use crate::budget::{self, Resource};

/// What the file was read as; serialised into the report's `input` field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum InputKind {
    Text,
    Html,
    Docx,
    Doc,
    Xlsx,
    Pdf,
    Json,
}

impl InputKind {
    pub fn as_str(self) -> &'static str {
        match self {
            InputKind::Text => "text",
            InputKind::Html => "html",
            InputKind::Docx => "docx",
            InputKind::Doc => "doc",
            InputKind::Xlsx => "xlsx",
            InputKind::Pdf => "pdf",
            InputKind::Json => "json",
        }
    }
}

/// Columns of a resolved grid at most: Word allows 63, the report's tables have 9.
pub const MAX_COLS: usize = 1000;

/// A document as a reader yields it. Serialisable: the page's Word and PDF readers are wasm modules
/// of their own, and hand the document they read to the core module (`wasm::read`, `check_read`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Document {
    pub kind: InputKind,
    /// A title the container states apart from the body (HTML `<title>`, a CMS title field),
    /// when the reader finds one. The body's own heading is found by recognition.
    pub title: Option<String>,
    pub blocks: Vec<Block>,
    /// Pictures in the running text, where they stand: a page may show its tables as images,
    /// and then saying so (and naming them) is all a reader can do.
    pub pictures: Vec<Picture>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Picture {
    /// The number of blocks before the picture.
    pub at: usize,
    /// Its `alt` text, else its file name.
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Block {
    /// A paragraph or line of running text (a heading is a paragraph too).
    Para(String),
    Table(Grid),
}

/// A table. `rows[r]` holds the cells that *start* in row `r`, left to right; a cell spanning
/// rows appears only in its first row. `col` is the cell's first column in the resolved grid, so
/// the slots a cell covers are `col..col+col_span` in rows `r..r+row_span`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Grid {
    pub rows: Vec<Vec<Cell>>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Cell {
    /// The cell's text as written: line breaks inside the cell (`<br>`, paragraphs, `w:br`) are
    /// `\n`, other whitespace as in the source (`&nbsp;` is U+00A0, U+3000 stays).
    pub text: String,
    pub col: usize,
    pub row_span: usize,
    pub col_span: usize,
    /// Why the reader doubts this cell's text, when it does (a row a page break cut and that
    /// could not be put together again): recognition does not read a row with such a value.
    pub doubt: Option<Doubt>,
}

/// A reader's doubt about a cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Doubt {
    /// A row a page break cut whose two parts could not be put together reliably.
    PageBreak,
    /// A row of copied text shorter than its table's others, with a blank that may be its lost number.
    ShortRow,
}

impl Doubt {
    pub fn message(self, lang: crate::lang::Lang) -> &'static str {
        use crate::lang::Lang::*;
        match (self, lang) {
            (Doubt::PageBreak, Zh) => "表格在分页处断开的一行，两页上的部分未能可靠地拼在一起",
            (Doubt::PageBreak, En) => "a page break cut the row, and its two parts could not be put together reliably",
            (Doubt::ShortRow, Zh) => "这一行比表格的其他行少一个单元格（文本中丢了一个数字或制表符），空白处是否原有数字无法确定",
            (Doubt::ShortRow, En) => {
                "the row has one cell fewer than the table's other rows (a number or a tab was lost in the text), and whether a blank stood for a number cannot be told"
            }
        }
    }
}

impl Cell {
    pub fn new(text: impl Into<String>, col: usize) -> Cell {
        Cell { text: text.into(), col, row_span: 1, col_span: 1, doubt: None }
    }
}

impl Grid {
    /// A grid from rows of plain cells without spans (text, `\x07`-delimited rows). Its slots are
    /// charged to the budget (`crate::budget`; readers charge the cells as they make them), and
    /// rows past it are not kept.
    pub fn from_rows<I, R, S>(rows: I) -> Grid
    where
        I: IntoIterator<Item = R>,
        R: IntoIterator<Item = S>,
        S: Into<String>,
    {
        let mut out = Vec::new();
        for r in rows {
            let row: Vec<Cell> = r.into_iter().enumerate().map(|(i, t)| Cell::new(t, i)).collect();
            if !budget::charge(Resource::Area, row.len()) {
                break;
            }
            out.push(row);
        }
        Grid { rows: out }
    }

    /// Builds a grid from rows of `(text, row_span, col_span)` as they appear in markup, placing each
    /// cell in the first slot its row leaves free (the HTML table model). Spans are clamped to sane
    /// bounds and the grid to `MAX_COLS` columns (cells beyond are dropped), so a hostile
    /// `rowspan="65534"` or a row of a thousand `colspan="1000"` cannot blow up memory; each row
    /// is charged to the budget for the slots it walks.
    pub fn place(rows: Vec<Vec<(String, usize, usize)>>) -> Grid {
        const MAX_SPAN: usize = 1000;
        let n = rows.len();
        // busy[c] = the first row below the cells placed so far that span column c: one number per
        // column instead of a flag per slot, so a rowspan costs nothing per row it covers.
        let mut busy: Vec<usize> = Vec::new();
        let mut out = Vec::with_capacity(n);
        for (r, row) in rows.into_iter().enumerate() {
            let mut placed = Vec::with_capacity(row.len());
            let mut c = 0usize;
            for (text, rs, cs) in row {
                while busy.get(c).is_some_and(|&until| until > r) {
                    c += 1;
                }
                if c >= MAX_COLS {
                    break;
                }
                let rs = rs.clamp(1, MAX_SPAN).min(n - r);
                let cs = cs.clamp(1, MAX_SPAN).min(MAX_COLS - c);
                if busy.len() < c + cs {
                    busy.resize(c + cs, 0);
                }
                for until in &mut busy[c..c + cs] {
                    *until = (*until).max(r + rs);
                }
                placed.push(Cell { text, col: c, row_span: rs, col_span: cs, doubt: None });
                c += cs;
            }
            out.push(placed);
            if !budget::charge(Resource::Area, c.max(1)) {
                break;
            }
        }
        Grid { rows: out }
    }

    /// Number of columns of the resolved grid.
    pub fn width(&self) -> usize {
        self.rows.iter().flatten().map(|c| c.col + c.col_span).max().unwrap_or(0)
    }

    /// The resolved grid: for every slot, the (row, index) of the cell covering it.
    pub fn slots(&self) -> Vec<Vec<Option<(usize, usize)>>> {
        let w = self.width();
        let mut s = vec![vec![None; w]; self.rows.len()];
        for (r, row) in self.rows.iter().enumerate() {
            for (i, cell) in row.iter().enumerate() {
                for slots in s.iter_mut().take(r + cell.row_span).skip(r) {
                    for slot in slots.iter_mut().skip(cell.col).take(cell.col_span) {
                        slot.get_or_insert((r, i));
                    }
                }
            }
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str, rs: usize, cs: usize) -> (String, usize, usize) {
        (s.to_string(), rs, cs)
    }

    #[test]
    fn place_skips_slots_taken_by_rowspans() {
        let g = Grid::place(vec![vec![t("A", 2, 1), t("B", 1, 2)], vec![t("C", 1, 1), t("D", 1, 1)]]);
        assert_eq!(g.rows[1][0].col, 1);
        assert_eq!(g.rows[1][1].col, 2);
        assert_eq!(g.width(), 3);
        let s = g.slots();
        assert_eq!(s[1][0], Some((0, 0)));
    }

    #[test]
    fn place_clamps_hostile_spans() {
        let g = Grid::place(vec![vec![t("A", 65534, 3)], vec![t("B", 1, 1)]]);
        assert_eq!(g.rows[0][0].row_span, 2);
        assert_eq!(g.rows[1][0].col, 3);
        // A row of wide cells stops at MAX_COLS; the rows under them start after them.
        let wide: Vec<_> = (0..50).map(|_| t("W", 1000, 1000)).collect();
        let g = Grid::place(vec![wide, vec![t("C", 1, 1)], vec![t("D", 1, 1)]]);
        assert_eq!(g.width(), MAX_COLS);
        assert_eq!(g.rows[0].len(), 1, "the first cell takes every column");
        assert!(g.rows[1].is_empty() && g.rows[2].is_empty(), "no column is free below it");
    }

    #[test]
    fn place_overlapping_spans_keep_the_longest() {
        // A (rows 0-2, col 0); B (row 1, cols 1-2) ; row 2's cell goes after A, to col 1.
        let g = Grid::place(vec![vec![t("A", 3, 1), t("X", 1, 1)], vec![t("B", 1, 2)], vec![t("C", 1, 1)]]);
        assert_eq!((g.rows[1][0].col, g.rows[2][0].col), (1, 1));
    }

    #[test]
    fn grids_are_charged_to_the_budget() {
        let rows: Vec<Vec<String>> = (0..100).map(|_| vec!["a".to_string(); 10]).collect();
        let limits = budget::Limits { area: 500, ..budget::Limits::DEFAULT };
        let (g, end) = budget::scope(limits, || Grid::from_rows(rows));
        assert_eq!(end.tripped, Some(Resource::Area));
        assert!(g.rows.len() < 100);
        let rows: Vec<Vec<(String, usize, usize)>> = (0..100).map(|_| vec![t("a", 1, 1000)]).collect();
        let limits = budget::Limits { area: 50_000, ..budget::Limits::DEFAULT };
        let (_, end) = budget::scope(limits, || Grid::place(rows));
        assert_eq!(end.tripped, Some(Resource::Area));
    }
}
