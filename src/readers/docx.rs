//! .docx reader (Office Open XML, also .docm/.dotx and WPS's docx): the zip is opened with `zip`
//! (inflate only), the main part is walked with `quick-xml` as a stream of events.
//!
//! Tables become grids with their real spans: `w:gridSpan` is a colspan, a `w:vMerge` run
//! (restart, then continue) is one cell with a rowspan, `w:gridBefore` shifts a row's first cell.
//! A nested table is a grid of its own, placed after the table that holds it, and its text is not
//! repeated in the outer cell (a layout table wrapping the statistics table must not swallow it).
//! Paragraphs outside tables are `Block::Para`s.

use std::io::{Cursor, Read};

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use crate::document::{Block, Cell, Document, Grid, InputKind};
use crate::error::{NotWord, ReadError};

/// Zip-bomb bounds. A real report's document.xml is well under 5 MB; these leave room for a
/// report with every table a hundred times over, and stop a file that inflates without end
/// (what is inflated is charged to the check's budget too, `crate::budget`).
#[derive(Debug, Clone, Copy)]
struct Limits {
    entries: usize,
    /// Inflated bytes of one part, and of all parts read.
    part: u64,
    total: u64,
}

const LIMITS: Limits = Limits { entries: 4000, part: 32 << 20, total: 64 << 20 };
/// The package relationships and the core properties are a few hundred bytes.
const SMALL_PART: u64 = 1 << 20;
/// Spans beyond this are markup errors (Word allows 63 columns).
const MAX_SPAN: usize = 1000;

fn damaged() -> ReadError {
    ReadError::WordDamaged { docx: true }
}

fn too_large() -> ReadError {
    ReadError::Bomb
}

/// Reads a zip that should hold a WordprocessingML document.
pub fn read(bytes: &[u8]) -> Result<Document, ReadError> {
    crate::budget::within(|| read_limited(bytes, LIMITS))
}

fn read_limited(bytes: &[u8], limits: Limits) -> Result<Document, ReadError> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| damaged())?;
    if zip.len() > limits.entries {
        return Err(too_large());
    }
    let mut budget = Budget { left: limits.total };
    let main = main_part(&mut zip, &mut budget)?;
    let Some(main) = main else {
        return Err(not_word(&zip));
    };
    let xml = read_entry(&mut zip, &main, &mut budget, limits.part)?.ok_or_else(damaged)?;
    let mut doc = body(&xml_text(xml)?)?;
    doc.title = read_entry(&mut zip, "docProps/core.xml", &mut budget, SMALL_PART)
        .ok()
        .flatten()
        .and_then(|x| core_title(&String::from_utf8_lossy(&x)))
        .filter(|t| looks_like_report_title(t));
    Ok(doc)
}

/// The main document part: the target of the package's officeDocument relationship, else the
/// conventional name (some writers leave out `_rels/.rels`).
fn main_part(zip: &mut zip::ZipArchive<Cursor<&[u8]>>, budget: &mut Budget) -> Result<Option<String>, ReadError> {
    if let Some(rels) = read_entry(zip, "_rels/.rels", budget, SMALL_PART)? {
        if let Some(target) = office_document_target(&String::from_utf8_lossy(&rels)) {
            let name = target.trim_start_matches('/').to_string();
            if zip.index_for_name(&name).is_some() && !name.starts_with("xl/") && !name.starts_with("ppt/") {
                return Ok(Some(name));
            }
        }
    }
    Ok(zip.index_for_name("word/document.xml").map(|_| "word/document.xml".to_string()))
}

fn office_document_target(rels: &str) -> Option<String> {
    let mut r = Reader::from_str(rels);
    loop {
        match r.read_event() {
            Ok(Event::Start(e) | Event::Empty(e)) if e.local_name().as_ref() == "Relationship" => {
                let ty = attr(&e, "Type").unwrap_or_default();
                if ty.ends_with("/officeDocument") {
                    return attr(&e, "Target");
                }
            }
            Ok(Event::Eof) | Err(_) => return None,
            _ => {}
        }
    }
}

/// A zip that is not a Word document: say what it is when that is easy to tell.
fn not_word(zip: &zip::ZipArchive<Cursor<&[u8]>>) -> ReadError {
    let is = if zip.index_for_name("xl/workbook.xml").is_some() {
        NotWord::Xlsx
    } else if zip.index_for_name("ppt/presentation.xml").is_some() {
        NotWord::Pptx
    } else if zip.index_for_name("content.xml").is_some() {
        NotWord::Odf
    } else {
        NotWord::OtherZip
    };
    ReadError::NotWord { is }
}

/// One entry's bytes, inflated under a `take` bound (the sizes in the zip headers are not
/// trusted). `Ok(None)` when the entry does not exist.
fn read_entry(zip: &mut zip::ZipArchive<Cursor<&[u8]>>, name: &str, budget: &mut Budget, cap: u64) -> Result<Option<Vec<u8>>, ReadError> {
    let Some(i) = zip.index_for_name(name) else { return Ok(None) };
    let entry = zip.by_index(i).map_err(|_| damaged())?;
    let limit = cap.min(budget.left);
    // Sized by the header when it is within the limit (it may lie: then the vector grows).
    let mut out = Vec::with_capacity(entry.size().min(limit) as usize + 1);
    // Past the limit by one byte is enough to know; a read error past it is the bomb too.
    let res = entry.take(limit + 1).read_to_end(&mut out);
    if out.len() as u64 > limit {
        return Err(too_large());
    }
    res.map_err(|_| damaged())?;
    budget.left -= out.len() as u64;
    if !crate::budget::charge(crate::budget::Resource::Decoded, out.len()) {
        return Ok(None);
    }
    Ok(Some(out))
}

/// What is left to inflate.
struct Budget {
    left: u64,
}

/// XML bytes as text: UTF-8 (with or without BOM, taken over without a copy) or UTF-16 with a BOM.
fn xml_text(bytes: Vec<u8>) -> Result<String, ReadError> {
    let utf16 = |b: &[u8], le: bool| -> String {
        let units = b.chunks_exact(2).map(|c| if le { u16::from_le_bytes([c[0], c[1]]) } else { u16::from_be_bytes([c[0], c[1]]) });
        char::decode_utf16(units).map(|c| c.unwrap_or('\u{fffd}')).collect()
    };
    if let Some(b) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return Ok(utf16(b, true));
    }
    if let Some(b) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return Ok(utf16(b, false));
    }
    let mut bytes = bytes;
    if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        bytes.drain(..3);
    }
    String::from_utf8(bytes).map_err(|_| damaged())
}

fn attr(e: &BytesStart, local: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == local)
        .map(|a| a.normalized_value(quick_xml::XmlVersion::Implicit1_0).map(|v| v.into_owned()).unwrap_or_else(|_| a.value.to_string()))
}

fn attr_usize(e: &BytesStart, local: &str) -> Option<usize> {
    attr(e, local).and_then(|v| v.trim().parse::<usize>().ok())
}

/// A table being built: its slot in the block list, its rows so far.
struct TableB {
    block: usize,
    /// Paragraphs open when the table started (a table in a text box sits inside a paragraph).
    para_depth: usize,
    rows: Vec<Vec<Cell>>,
    /// The row being read: its cells, next grid column, and its `w:gridBefore`.
    row: Vec<Cell>,
    next_col: usize,
    in_row: bool,
    /// For each grid column, the (row, index) of the cell that started there most recently, to
    /// extend by a `vMerge` continuation.
    last_at_col: Vec<Option<(usize, usize)>>,
}

/// A cell being read.
#[derive(Default)]
struct CellB {
    paras: Vec<String>,
    span: usize,
    /// `Some(true)` restart, `Some(false)` continue, `None` no vertical merge.
    vmerge: Option<bool>,
    /// The same for `w:hMerge`.
    hmerge: Option<bool>,
}

#[derive(Default)]
struct Walker {
    blocks: Vec<Block>,
    tables: Vec<TableB>,
    /// One open cell per open table (innermost last); `None` between cells.
    cells: Vec<Option<CellB>>,
    /// Open paragraphs: a text box's paragraphs open inside a paragraph of the body.
    paras: Vec<String>,
    /// Inside `w:t` (the text events to keep).
    in_t: bool,
    /// Tables opened beyond `MAX_NESTING`: their rows and cells are not tables of their own, their
    /// text goes to the innermost table's cell.
    too_deep: usize,
}

/// Tables nest this deep at most (a report's sit two or three deep), as in the HTML reader.
const MAX_NESTING: usize = 32;

impl Walker {
    fn text(&mut self, s: &str) {
        if self.in_t && crate::budget::charge(crate::budget::Resource::Text, s.len()) {
            if let Some(p) = self.paras.last_mut() {
                p.push_str(s);
            }
        }
    }

    fn push_char(&mut self, c: char) {
        if let Some(p) = self.paras.last_mut() {
            p.push(c);
        }
    }

    fn end_para(&mut self) {
        let Some(text) = self.paras.pop() else { return };
        if let (Some(t), Some(Some(cell))) = (self.tables.last(), self.cells.last_mut()) {
            if t.para_depth == self.paras.len() {
                cell.paras.push(text);
                return;
            }
        }
        if let Some(outer) = self.paras.last_mut() {
            // A text box's paragraph: part of the paragraph that anchors it.
            if !text.trim().is_empty() {
                if !outer.is_empty() {
                    outer.push('\n');
                }
                outer.push_str(&text);
            }
            return;
        }
        if !text.trim().is_empty() {
            self.blocks.push(Block::Para(text));
        }
    }

    fn start_table(&mut self) {
        // The grid's slot is taken now so an outer table comes before the tables nested in it.
        self.blocks.push(Block::Table(Grid::default()));
        let para_depth = self.paras.len();
        self.tables.push(TableB {
            block: self.blocks.len() - 1,
            para_depth,
            rows: Vec::new(),
            row: Vec::new(),
            next_col: 0,
            in_row: false,
            last_at_col: Vec::new(),
        });
        self.cells.push(None);
    }

    fn end_table(&mut self) {
        self.end_row();
        let Some(t) = self.tables.pop() else { return };
        self.cells.pop();
        self.blocks[t.block] = Block::Table(Grid { rows: t.rows });
    }

    fn start_row(&mut self) {
        self.end_row();
        if let Some(t) = self.tables.last_mut() {
            t.in_row = true;
            t.next_col = 0;
        }
    }

    fn end_row(&mut self) {
        self.end_cell();
        if let Some(t) = self.tables.last_mut() {
            if t.in_row {
                t.in_row = false;
                let row = std::mem::take(&mut t.row);
                t.rows.push(row);
            }
        }
    }

    fn start_cell(&mut self) {
        self.end_cell();
        if let Some(t) = self.tables.last_mut() {
            if !t.in_row {
                t.in_row = true; // a cell outside `w:tr` (broken markup): give it a row
                t.next_col = 0;
            }
            if let Some(slot) = self.cells.last_mut() {
                *slot = Some(CellB { span: 1, ..CellB::default() });
            }
        }
    }

    fn end_cell(&mut self) {
        // Paragraphs left open by broken markup end with their cell.
        let depth = self.tables.last().map_or(0, |t| t.para_depth);
        while self.paras.len() > depth && matches!(self.cells.last(), Some(Some(_))) {
            self.end_para();
        }
        let Some(t) = self.tables.last_mut() else { return };
        let Some(cell) = self.cells.last_mut().and_then(Option::take) else { return };
        if !crate::budget::charge(crate::budget::Resource::Cells, 1) {
            return;
        }
        let col = t.next_col;
        let span = cell.span.clamp(1, MAX_SPAN);
        t.next_col = (col + span).min(MAX_SPAN * 4);
        let r = t.rows.len();
        if cell.vmerge == Some(false) {
            // A continuation: the cell above at this column grows by one row, if it ends just above.
            if let Some(Some((or, oi))) = t.last_at_col.get(col).copied() {
                if let Some(above) = t.rows.get_mut(or).and_then(|row| row.get_mut(oi)) {
                    if or + above.row_span == r && above.col_span == span {
                        above.row_span += 1;
                        return;
                    }
                }
            }
        }
        if cell.hmerge == Some(false) {
            // Word 95's horizontal merge: a continuation widens the cell before it.
            if let Some(left) = t.row.last_mut() {
                left.col_span = (left.col_span + span).min(MAX_SPAN);
                return;
            }
        }
        if t.last_at_col.len() < col + 1 {
            t.last_at_col.resize(col + 1, None);
        }
        t.last_at_col[col] = Some((r, t.row.len()));
        t.row.push(Cell { text: cell.paras.join("\n"), col, row_span: 1, col_span: span, doubt: None });
    }

    fn cell_mut(&mut self) -> Option<&mut CellB> {
        self.cells.last_mut().and_then(Option::as_mut)
    }

    /// `w:gridBefore`: the row's first cell starts that many grid columns in.
    fn grid_before(&mut self, n: usize) {
        if let Some(t) = self.tables.last_mut() {
            if t.row.is_empty() {
                t.next_col = n.min(MAX_SPAN);
            }
        }
    }
}

/// Walks `w:body`: paragraphs, tables, cells, runs.
fn body(xml: &str) -> Result<Document, ReadError> {
    let mut r = Reader::from_str(xml);
    let mut w = Walker::default();
    // Depth of a subtree being skipped (`mc:Fallback` repeats its `mc:Choice`; ruby text).
    let mut skip = 0usize;
    let mut saw_document = false;
    loop {
        let ev = match r.read_event() {
            Ok(ev) => ev,
            Err(_) => return Err(damaged()),
        };
        // Every element is charged: unclosed ones are a stack here and in the XML reader.
        if matches!(ev, Event::Start(_) | Event::Empty(_)) && !crate::budget::charge(crate::budget::Resource::Objects, 1) {
            break;
        }
        if skip > 0 {
            match ev {
                Event::Start(_) => skip += 1,
                Event::End(_) => skip -= 1,
                Event::Eof => break,
                _ => {}
            }
            continue;
        }
        match ev {
            Event::Start(e) => {
                let name = e.local_name();
                match name.as_ref() {
                    "document" => saw_document = true,
                    "Fallback" | "rt" | "instrText" | "delText" => skip = 1,
                    "tbl" if w.tables.len() >= MAX_NESTING => w.too_deep += 1,
                    "tr" | "tc" if w.too_deep > 0 => {}
                    "tbl" => w.start_table(),
                    "tr" => w.start_row(),
                    "tc" => w.start_cell(),
                    "p" => w.paras.push(String::new()),
                    "t" => w.in_t = true,
                    _ => start_or_empty(&mut w, &e),
                }
            }
            Event::Empty(e) => match e.local_name().as_ref() {
                "p" => {
                    w.paras.push(String::new());
                    w.end_para();
                }
                "tc" if w.too_deep > 0 => {}
                "tc" => {
                    w.start_cell();
                    w.end_cell();
                }
                _ => start_or_empty(&mut w, &e),
            },
            Event::End(e) => match e.local_name().as_ref() {
                "tbl" if w.too_deep > 0 => w.too_deep -= 1,
                "tr" | "tc" if w.too_deep > 0 => {}
                "tbl" => w.end_table(),
                "tr" => w.end_row(),
                "tc" => w.end_cell(),
                "p" => w.end_para(),
                "t" => w.in_t = false,
                _ => {}
            },
            Event::Text(t) => w.text(&t.xml10_content()),
            Event::CData(t) => {
                let s = t.to_string();
                w.text(&s);
            }
            Event::GeneralRef(g) => {
                let c = match g.resolve_char_ref() {
                    Ok(Some(c)) => Some(c),
                    _ => match &*g {
                        "amp" => Some('&'),
                        "lt" => Some('<'),
                        "gt" => Some('>'),
                        "quot" => Some('"'),
                        "apos" => Some('\''),
                        _ => None,
                    },
                };
                if let Some(c) = c {
                    w.text(c.encode_utf8(&mut [0; 4]));
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if !saw_document {
        return Err(damaged());
    }
    while !w.tables.is_empty() {
        w.end_table();
    }
    while !w.paras.is_empty() {
        w.end_para();
    }
    Ok(Document { kind: InputKind::Docx, title: None, blocks: w.blocks, pictures: Vec::new() })
}

/// Elements that matter whether they come as `<x/>` or `<x>…</x>`.
fn start_or_empty(w: &mut Walker, e: &BytesStart) {
    match e.local_name().as_ref() {
        // `w:tab` in a run is a tab character; in `w:tabs` (paragraph properties) it is a tab
        // stop and carries `w:pos`.
        "tab" | "ptab" if attr(e, "pos").is_none() => w.push_char('\t'),
        "br" | "cr" => w.push_char('\n'),
        "noBreakHyphen" => w.push_char('-'),
        "gridSpan" => {
            let n = attr_usize(e, "val").unwrap_or(1);
            if let Some(c) = w.cell_mut() {
                c.span = n.clamp(1, MAX_SPAN);
            }
        }
        "vMerge" | "hMerge" => {
            let restart = attr(e, "val").is_some_and(|v| v == "restart");
            let vertical = e.local_name().as_ref() == "vMerge";
            if let Some(c) = w.cell_mut() {
                *(if vertical { &mut c.vmerge } else { &mut c.hmerge }) = Some(restart);
            }
        }
        "gridBefore" => w.grid_before(attr_usize(e, "val").unwrap_or(0)),
        _ => {}
    }
}

/// `dc:title` of docProps/core.xml.
fn core_title(xml: &str) -> Option<String> {
    let mut r = Reader::from_str(xml);
    let mut in_title = false;
    let mut out = String::new();
    loop {
        match r.read_event() {
            Ok(Event::Start(e)) if e.local_name().as_ref() == "title" => in_title = true,
            Ok(Event::End(e)) if e.local_name().as_ref() == "title" => break,
            Ok(Event::Text(t)) if in_title => out.push_str(&t.xml10_content()),
            Ok(Event::GeneralRef(g)) if in_title => {
                if let Ok(Some(c)) = g.resolve_char_ref() {
                    out.push(c);
                }
            }
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
    }
    let t = out.trim().to_string();
    (!t.is_empty()).then_some(t)
}

/// A file's stored title is often a file name or a template's name; only a title that names a
/// year and a report is worth keeping.
fn looks_like_report_title(t: &str) -> bool {
    crate::text::year_in(t).is_some() && t.contains("报告") && t.chars().count() <= 80
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(body_xml: &str) -> Document {
        let xml = format!(
            r#"<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><w:body>{body_xml}</w:body></w:document>"#
        );
        body(&xml).unwrap()
    }

    fn grid(d: &Document, i: usize) -> &Grid {
        match &d.blocks[i] {
            Block::Table(g) => g,
            b => panic!("block {i} is {b:?}"),
        }
    }

    fn tc(inner: &str) -> String {
        format!("<w:tc>{inner}</w:tc>")
    }
    fn p(text: &str) -> String {
        format!("<w:p><w:r><w:t>{text}</w:t></w:r></w:p>")
    }

    #[test]
    fn spans_merges_and_grid_before() {
        let row1 = format!(
            "<w:tr>{}{}</w:tr>",
            tc(&format!(r#"<w:tcPr><w:vMerge w:val="restart"/></w:tcPr>{}"#, p("不予公开"))),
            tc(&format!(r#"<w:tcPr><w:gridSpan w:val="2"/></w:tcPr>{}"#, p("1.属于国家秘密")))
        );
        let row2 = format!("<w:tr>{}{}{}</w:tr>", tc(&format!("<w:tcPr><w:vMerge/></w:tcPr>{}", p("ignored"))), tc(&p("a")), tc(&p("b")));
        let row3 = format!(r#"<w:tr><w:trPr><w:gridBefore w:val="2"/></w:trPr>{}</w:tr>"#, tc(&p("c")));
        let row4 = format!(
            "<w:tr>{}{}{}</w:tr>",
            tc(&format!(r#"<w:tcPr><w:hMerge w:val="restart"/></w:tcPr>{}"#, p("d"))),
            tc(&format!("<w:tcPr><w:hMerge/></w:tcPr>{}", p(""))),
            tc(&p("e"))
        );
        let d = doc(&format!("{}<w:tbl>{row1}{row2}{row3}{row4}</w:tbl>{}", p("标题"), p("后文")));
        assert_eq!(d.blocks.len(), 3);
        let g = grid(&d, 1);
        assert_eq!(g.rows[0][0].row_span, 2);
        assert_eq!(g.rows[0][1].col_span, 2);
        assert_eq!(g.rows[1].len(), 2, "the continuation is not a cell of its own");
        assert_eq!((g.rows[1][0].text.as_str(), g.rows[1][0].col), ("a", 1));
        assert_eq!((g.rows[2][0].text.as_str(), g.rows[2][0].col), ("c", 2));
        assert_eq!((g.rows[3][0].col_span, g.rows[3][1].text.as_str(), g.rows[3][1].col), (2, "e", 2));
        assert_eq!(d.blocks[2], Block::Para("后文".into()));
    }

    #[test]
    fn runs_fields_breaks_and_deleted_text() {
        let para = r#"<w:p><w:r><w:t xml:space="preserve">本年 </w:t></w:r><w:r><w:tab/></w:r>
            <w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>
            <w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>12</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>
            <w:del><w:r><w:delText>旧</w:delText></w:r></w:del><w:r><w:br/><w:t>A&amp;B&#x3000;</w:t></w:r>
            <mc:AlternateContent><mc:Choice><w:t>x</w:t></mc:Choice><mc:Fallback><w:t>x</w:t></mc:Fallback></mc:AlternateContent></w:p>"#;
        let d = doc(para);
        assert_eq!(d.blocks, vec![Block::Para("本年 \t12\nA&B\u{3000}x".into())]);
    }

    #[test]
    fn nested_table_is_its_own_grid_after_its_holder() {
        let inner = format!("<w:tbl><w:tr>{}{}</w:tr></w:tbl>", tc(&p("行政许可")), tc(&p("5")));
        let outer = format!("<w:tbl><w:tr>{}</w:tr><w:tr>{}</w:tr></w:tbl>", tc(&format!("{}{inner}", p("外"))), tc(&p("下")));
        let d = doc(&outer);
        assert_eq!(d.blocks.len(), 2);
        let o = grid(&d, 0);
        assert_eq!(o.rows.len(), 2);
        assert_eq!(o.rows[0][0].text, "外");
        let i = grid(&d, 1);
        assert_eq!(i.rows[0][1].text, "5");
    }

    #[test]
    fn cell_paragraphs_join_with_newlines_and_tab_stops_are_not_text() {
        let cell = r#"<w:tc><w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="420"/></w:tabs></w:pPr><w:r><w:t>本年新</w:t></w:r></w:p><w:p><w:r><w:t>制作数量</w:t></w:r></w:p></w:tc>"#;
        let d = doc(&format!("<w:tbl><w:tr>{cell}</w:tr></w:tbl>"));
        assert_eq!(grid(&d, 0).rows[0][0].text, "本年新\n制作数量");
    }

    #[test]
    fn hostile_spans_stay_bounded() {
        let wide = r#"<w:tc><w:tcPr><w:gridSpan w:val="99999"/></w:tcPr><w:p/></w:tc>"#.repeat(6);
        let cont = r#"<w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc>"#.repeat(3);
        let before = r#"<w:tr><w:trPr><w:gridBefore w:val="4294967295"/></w:trPr><w:tc><w:p/></w:tc></w:tr>"#;
        let d = doc(&format!("<w:tbl><w:tr>{wide}{cont}</w:tr><w:tr>{cont}</w:tr>{before}</w:tbl>"));
        let g = grid(&d, 0);
        assert!(g.width() <= 5 * MAX_SPAN);
        assert_eq!(g.slots().len(), 3);
    }

    #[test]
    fn tables_nest_at_most_max_nesting_deep() {
        let n = MAX_NESTING + 10;
        let xml = format!("{}{}{}", "<w:tbl><w:tr><w:tc>".repeat(n), p("最里"), "</w:tc></w:tr></w:tbl>".repeat(n));
        let d = doc(&xml);
        assert_eq!(d.blocks.len(), MAX_NESTING, "one grid per table up to the limit");
        let Block::Table(inner) = &d.blocks[MAX_NESTING - 1] else { panic!() };
        assert_eq!(inner.rows[0][0].text, "最里", "deeper text goes to the innermost table kept");
    }

    #[test]
    fn broken_xml_is_a_chinese_error() {
        let e = body("<w:document><w:body><w:p></w:x>").unwrap_err();
        assert!(e.to_string().contains("损坏"));
    }

    fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
        use std::io::Write;
        let mut z = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let o = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        for (name, data) in entries {
            z.start_file(*name, o).unwrap();
            z.write_all(data).unwrap();
        }
        z.finish().unwrap().into_inner()
    }

    const DOC: &str = r#"<w:document xmlns:w="x"><w:body><w:p><w:r><w:t>正文</w:t></w:r></w:p></w:body></w:document>"#;

    #[test]
    fn bombs_are_refused_while_inflating() {
        let big = vec![b' '; 20_000];
        let limits = Limits { entries: 10, part: 10_000, total: 15_000 };
        let z = zip_of(&[("word/document.xml", &big)]);
        assert!(z.len() < 1000, "the test zip is a small bomb");
        assert_eq!(read_limited(&z, limits).unwrap_err().code(), "too_large");
        // Each part under the part bound, together over the total.
        let z = zip_of(&[("_rels/.rels", &big[..9_000]), ("word/document.xml", &big[..9_000])]);
        assert_eq!(read_limited(&z, limits).unwrap_err().code(), "too_large");
        // Too many entries: refused before anything is inflated.
        let names: Vec<String> = (0..11).map(|i| format!("f{i}")).collect();
        let mut e: Vec<(&str, &[u8])> = names.iter().map(|n| (n.as_str(), &b""[..])).collect();
        e.push(("word/document.xml", DOC.as_bytes()));
        assert_eq!(read_limited(&zip_of(&e), limits).unwrap_err().code(), "too_large");
        e.drain(..3);
        assert!(read_limited(&zip_of(&e), limits).is_ok());
    }

    #[test]
    fn a_lying_size_header_does_not_lift_the_bound() {
        let big = vec![b' '; 20_000];
        let mut z = zip_of(&[("word/document.xml", &big)]);
        // Patch every "uncompressed size" field (local header at 22, central header at 24) to 100.
        for sig in [&b"PK\x03\x04"[..], &b"PK\x01\x02"[..]] {
            let at = z.windows(4).position(|w| w == sig).unwrap();
            let off = if sig[2] == 3 { 22 } else { 24 };
            z[at + off..at + off + 4].copy_from_slice(&100u32.to_le_bytes());
        }
        let e = read_limited(&z, Limits { entries: 10, part: 10_000, total: 15_000 }).unwrap_err();
        assert!(matches!(e.code(), "too_large" | "damaged"), "{e:?}");
    }

    #[test]
    fn main_part_follows_the_package_relationship() {
        let rels = r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="/word/document2.xml"/></Relationships>"#;
        let z = zip_of(&[("_rels/.rels", rels.as_bytes()), ("word/document2.xml", DOC.as_bytes())]);
        assert_eq!(read(&z).unwrap().blocks, vec![Block::Para("正文".into())]);
        let z = zip_of(&[("xl/workbook.xml", b"<workbook/>")]);
        let e = read(&z).unwrap_err();
        assert_eq!(e.code(), "not_word");
        assert!(e.to_string().contains("Excel"));
    }

    #[test]
    fn report_titles_only() {
        assert!(!looks_like_report_title("pingtan-2021"));
        assert!(looks_like_report_title("平潭综合实验区2021年政府信息公开工作年度报告"));
        assert_eq!(core_title("<cp:coreProperties><dc:title>A &#x26; B</dc:title></cp:coreProperties>").as_deref(), Some("A & B"));
    }
}
