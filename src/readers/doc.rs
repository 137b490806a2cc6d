//! .doc reader (Word 97–2003 binary, also what WPS saves by default), after [MS-DOC].
//!
//! The compound file is opened with `cfb` (it rejects FAT chains that loop or leave the file).
//! The text is read through the piece table: FIB → CLX in the table stream (0Table/1Table) →
//! PlcPcd, whose pieces are 8-bit "compressed" (CP1252 with [MS-DOC]'s mapping of 0x80–0x9F) or
//! UTF-16LE runs of the WordDocument stream. Only the main document (CP 0..ccpText) is read.
//!
//! Tables have no markup in the text: a cell ends with the cell mark `\x07`, and a row ends with
//! one more `\x07`, the row-end mark. An empty last cell (`…\x07\x07\x07`) can only be told from
//! the row end by the paragraph properties, so the PAPX FKPs (PlcBtePapx) are read for
//! sprmPFInTable, sprmPFTtp and the nesting depth (sprmPItap, sprmPFInnerTableCell,
//! sprmPFInnerTtp). Merged cells leave no structure in the text: recognition maps values by
//! their order after the row's label.
//!
//! Every length and offset read from the file is checked before use: no index past a buffer, no
//! allocation from an unchecked length.

use std::io::{Cursor, Read};

use crate::document::{Block, Document, Grid, InputKind};
use crate::error::{NotWord, ReadError};

fn damaged() -> ReadError {
    ReadError::WordDamaged { docx: false }
}

fn le16(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(at..at.checked_add(2)?)?.try_into().ok()?))
}

fn le32(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(at..at.checked_add(4)?)?.try_into().ok()?))
}

/// Reads a compound file that should hold a Word document.
pub fn read(bytes: &[u8]) -> Result<Document, ReadError> {
    crate::budget::within(|| read_compound(bytes))
}

fn read_compound(bytes: &[u8]) -> Result<Document, ReadError> {
    let mut cf = cfb::CompoundFile::open(Cursor::new(bytes)).map_err(|_| damaged())?;
    if !cf.is_stream("/WordDocument") {
        return Err(not_word(&cf));
    }
    let word = stream(&mut cf, "/WordDocument", bytes.len())?;
    let fib = Fib::parse(&word)?;
    let table = stream(&mut cf, if fib.table1 { "/1Table" } else { "/0Table" }, bytes.len())?;
    let pieces = pieces(&table, fib.clx).ok_or_else(damaged)?;
    let (chars, marks) = text(&word, &pieces, fib.ccp_text);
    // The Data stream holds paragraph properties too large for an FKP (sprmPHugePapx).
    let data = if cf.is_stream("/Data") { stream(&mut cf, "/Data", bytes.len())? } else { Vec::new() };
    let props = papx_runs(&word, &table, fib.bte_papx, &data);
    Ok(Document { kind: InputKind::Doc, title: None, blocks: blocks(&chars, &marks, &props), pictures: Vec::new() })
}

/// A compound file without a WordDocument stream: name what it is when that is easy.
fn not_word<F>(cf: &cfb::CompoundFile<F>) -> ReadError {
    if cf.is_stream("/EncryptedPackage") {
        return encrypted();
    }
    let is = if cf.is_stream("/Workbook") || cf.is_stream("/Book") {
        NotWord::Xls
    } else if cf.is_stream("/PowerPoint Document") {
        NotWord::Ppt
    } else {
        NotWord::OtherCompound
    };
    ReadError::NotWord { is }
}

fn encrypted() -> ReadError {
    ReadError::WordEncrypted
}

/// A whole stream, never more than the file itself could hold.
fn stream(cf: &mut cfb::CompoundFile<Cursor<&[u8]>>, path: &str, file_len: usize) -> Result<Vec<u8>, ReadError> {
    let s = cf.open_stream(path).map_err(|_| damaged())?;
    // Streams may share sectors in a hostile file: what they hold together is charged.
    if s.len() > file_len as u64 || !crate::budget::charge(crate::budget::Resource::Decoded, s.len() as usize) {
        return Err(damaged());
    }
    let mut out = Vec::with_capacity(s.len() as usize);
    s.take(file_len as u64).read_to_end(&mut out).map_err(|_| damaged())?;
    Ok(out)
}

/// The parts of the File Information Block this reader needs.
#[derive(Debug)]
struct Fib {
    table1: bool,
    ccp_text: usize,
    /// (fc, lcb) in the table stream.
    clx: (usize, usize),
    bte_papx: (usize, usize),
}

impl Fib {
    fn parse(w: &[u8]) -> Result<Fib, ReadError> {
        let ident = le16(w, 0).ok_or_else(damaged)?;
        if ident != 0xA5EC {
            return Err(damaged());
        }
        let nfib = le16(w, 2).ok_or_else(damaged)?;
        // Word 6/95 files (nFib < 101) have another layout: no piece table in a table stream.
        if nfib < 101 {
            return Err(ReadError::OldWord);
        }
        let flags = le16(w, 0x0A).ok_or_else(damaged)?;
        if flags & 0x0100 != 0 {
            return Err(encrypted());
        }
        let table1 = flags & 0x0200 != 0;
        // FibBase (32 bytes), csw + FibRgW, cslw + FibRgLw, cbRgFcLcb + FibRgFcLcb.
        let csw = le16(w, 32).ok_or_else(damaged)? as usize;
        let lw = 34 + csw * 2;
        let cslw = le16(w, lw).ok_or_else(damaged)? as usize;
        let rglw = lw + 2;
        let ccp_text = le32(w, rglw + 3 * 4).filter(|_| cslw > 3).ok_or_else(damaged)?;
        let fclcb_count_at = rglw + cslw * 4;
        let cb_rg_fc_lcb = le16(w, fclcb_count_at).ok_or_else(damaged)? as usize;
        let rg = fclcb_count_at + 2;
        let pair = |i: usize| -> Result<(usize, usize), ReadError> {
            if i >= cb_rg_fc_lcb {
                return Err(damaged());
            }
            let fc = le32(w, rg + i * 8).ok_or_else(damaged)? as usize;
            let lcb = le32(w, rg + i * 8 + 4).ok_or_else(damaged)? as usize;
            Ok((fc, lcb))
        };
        Ok(Fib { table1, ccp_text: ccp_text as usize, clx: pair(33)?, bte_papx: pair(13)? })
    }
}

/// A run of text in the WordDocument stream: CPs `cp..cp_end` start at byte `fc`.
#[derive(Debug, Clone, Copy)]
struct Piece {
    cp: usize,
    cp_end: usize,
    fc: usize,
    compressed: bool,
}

/// The piece table from the CLX: skips the Prcs (property modifiers), reads the Pcdt's PlcPcd.
fn pieces(table: &[u8], (fc, lcb): (usize, usize)) -> Option<Vec<Piece>> {
    let clx = table.get(fc..fc.checked_add(lcb)?)?;
    let mut i = 0;
    let plc = loop {
        match *clx.get(i)? {
            0x01 => {
                let cb = le16(clx, i + 1)? as i16;
                if cb < 0 {
                    return None;
                }
                i += 3 + cb as usize;
            }
            0x02 => {
                let len = le32(clx, i + 1)? as usize;
                break clx.get(i + 5..(i + 5).checked_add(len)?)?;
            }
            _ => return None,
        }
    };
    // (n+1) CPs of 4 bytes, then n PCDs of 8 bytes.
    if plc.len() < 16 || (plc.len() - 4) % 12 != 0 {
        return None;
    }
    let n = (plc.len() - 4) / 12;
    if !crate::budget::charge(crate::budget::Resource::Objects, n) {
        return None;
    }
    let mut out = Vec::with_capacity(n);
    for k in 0..n {
        let cp = le32(plc, k * 4)? as usize;
        let cp_end = le32(plc, (k + 1) * 4)? as usize;
        let raw = le32(plc, (n + 1) * 4 + k * 8 + 2)?;
        let compressed = raw & 0x4000_0000 != 0;
        let fc = (raw & 0x3FFF_FFFF) as usize;
        let fc = if compressed { fc / 2 } else { fc };
        if cp_end > cp {
            out.push(Piece { cp, cp_end, fc, compressed });
        }
    }
    Some(out)
}

/// [MS-DOC] 2.4.1: bytes 0x80–0x9F of a compressed piece that are not Latin-1.
fn compressed_char(b: u8) -> char {
    let u = match b {
        0x82 => 0x201A,
        0x83 => 0x0192,
        0x84 => 0x201E,
        0x85 => 0x2026,
        0x86 => 0x2020,
        0x87 => 0x2021,
        0x88 => 0x02C6,
        0x89 => 0x2030,
        0x8A => 0x0160,
        0x8B => 0x2039,
        0x8C => 0x0152,
        0x91 => 0x2018,
        0x92 => 0x2019,
        0x93 => 0x201C,
        0x94 => 0x201D,
        0x95 => 0x2022,
        0x96 => 0x2013,
        0x97 => 0x2014,
        0x98 => 0x02DC,
        0x99 => 0x2122,
        0x9A => 0x0161,
        0x9B => 0x203A,
        0x9C => 0x0153,
        0x9F => 0x0178,
        b => b as u32,
    };
    char::from_u32(u).unwrap_or('\u{fffd}')
}

/// The main document's characters (CP 0..ccpText, as far as the pieces reach) and, for each
/// paragraph mark (`\r`, `\x07`, `\x0c`), its index in the text and its byte offset in the
/// WordDocument stream (where the paragraph properties are keyed).
fn text(word: &[u8], pieces: &[Piece], ccp_text: usize) -> (Vec<char>, Vec<(usize, usize)>) {
    let mut chars = Vec::new();
    let mut marks = Vec::new();
    let mut sorted: Vec<Piece> = pieces.to_vec();
    sorted.sort_by_key(|p| p.cp);
    // CPs already read: a CP belongs to one piece, so a piece overlapping the ones before it is
    // read from where they end (a file whose pieces all claim CP 0..N would repeat its text once
    // per piece: gigabytes from a few kilobytes).
    let mut covered = 0usize;
    for p in sorted {
        if p.cp >= ccp_text {
            break;
        }
        let start = p.cp.max(covered);
        let end = p.cp_end.min(ccp_text);
        if start >= end {
            continue;
        }
        covered = end;
        let width = if p.compressed { 1 } else { 2 };
        let fc = p.fc.saturating_add((start - p.cp).saturating_mul(width));
        // A piece can claim no more characters than its bytes hold, and the text no more than
        // the stream's bytes (pieces that share bytes are no real file's).
        let avail = word.len().saturating_sub(fc) / width;
        let n = (end - start).min(avail).min(word.len().saturating_sub(chars.len()));
        // Held as `char`s until the paragraphs are cut: four bytes each.
        if !crate::budget::charge(crate::budget::Resource::Text, n.saturating_mul(4)) {
            break;
        }
        let p = Piece { cp: start, cp_end: end, fc, compressed: p.compressed };
        let bytes = &word[p.fc.min(word.len())..];
        let mut k = 0;
        while k < n {
            let fc = p.fc + k * width;
            let c = if p.compressed {
                compressed_char(bytes[k])
            } else {
                let u = u16::from_le_bytes([bytes[2 * k], bytes[2 * k + 1]]);
                if (0xD800..0xDC00).contains(&u) && k + 1 < n {
                    let lo = u16::from_le_bytes([bytes[2 * k + 2], bytes[2 * k + 3]]);
                    if (0xDC00..0xE000).contains(&lo) {
                        k += 1;
                        let c = 0x10000 + (((u as u32) - 0xD800) << 10) + (lo as u32 - 0xDC00);
                        chars.push(char::from_u32(c).unwrap_or('\u{fffd}'));
                        k += 1;
                        continue;
                    }
                }
                char::from_u32(u as u32).unwrap_or('\u{fffd}')
            };
            if matches!(c, '\r' | '\x07' | '\x0c') {
                // Each paragraph costs a mark, a string and its properties' lookups.
                if !crate::budget::charge(crate::budget::Resource::Objects, 1) {
                    return (chars, marks);
                }
                marks.push((chars.len(), fc));
            }
            chars.push(c);
            k += 1;
        }
        if n < end - p.cp {
            break; // the stream ended inside the piece: keep what was read
        }
    }
    (chars, marks)
}

/// Paragraph properties that place a paragraph in a table.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
struct Pap {
    in_table: bool,
    ttp: bool,
    /// Table depth (sprmPItap); 1 when in a table and not given.
    itap: u32,
    inner_cell: bool,
    inner_ttp: bool,
}

/// A range of WordDocument bytes `fc..fc_end` whose paragraphs have the same properties.
#[derive(Debug, Clone, Copy)]
struct PapRun {
    fc: usize,
    fc_end: usize,
    pap: Pap,
}

/// The PAPX runs of every FKP named by PlcBtePapx, sorted by position. Empty when the table
/// cannot be read (the caller falls back to a heuristic).
fn papx_runs(word: &[u8], table: &[u8], (fc, lcb): (usize, usize), data: &[u8]) -> Vec<PapRun> {
    let mut out = Vec::new();
    let Some(plc) = fc.checked_add(lcb).and_then(|end| table.get(fc..end)) else { return out };
    if plc.len() < 12 || (plc.len() - 4) % 8 != 0 {
        return out;
    }
    let n = (plc.len() - 4) / 8;
    for k in 0..n {
        let Some(pn) = le32(plc, (n + 1) * 4 + k * 4) else { continue };
        let pn = (pn & 0x003F_FFFF) as usize;
        let Some(page) = pn.checked_mul(512).and_then(|at| word.get(at..at + 512)) else { continue };
        fkp(page, data, &mut out);
    }
    out.sort_by_key(|r| r.fc);
    out
}

/// One PapxFkp page: `crun` FCs bounds, `crun` BxPap entries (offset of the PAPX, /2).
fn fkp(page: &[u8], data: &[u8], out: &mut Vec<PapRun>) {
    let crun = page[511] as usize;
    // (crun+1)*4 bytes of FCs and crun*13 bytes of BxPap must fit before the count byte.
    if crun == 0 || (crun + 1) * 4 + crun * 13 > 511 || !crate::budget::charge(crate::budget::Resource::Objects, crun) {
        return;
    }
    for i in 0..crun {
        let (Some(fc), Some(fc_end)) = (le32(page, i * 4), le32(page, (i + 1) * 4)) else { return };
        let b_offset = page[(crun + 1) * 4 + i * 13] as usize;
        let pap = if b_offset == 0 { Pap::default() } else { papx(page, b_offset * 2, data).unwrap_or_default() };
        out.push(PapRun { fc: fc as usize, fc_end: fc_end as usize, pap });
    }
}

/// A PapxInFkp: its size, the style index, then the sprms.
fn papx(page: &[u8], at: usize, data: &[u8]) -> Option<Pap> {
    let cb = *page.get(at)? as usize;
    let (start, len) = if cb == 0 { (at + 2, *page.get(at + 1)? as usize * 2) } else { (at + 1, cb * 2 - 1) };
    let grp = page.get(start..start.checked_add(len)?.min(511))?;
    Some(sprms(grp.get(2..)?, data)) // after the istd
}

/// The table flags among a grpprl's sprms, as far as they can be parsed.
fn sprms(grpprl: &[u8], data: &[u8]) -> Pap {
    let mut pap = Pap::default();
    let _ = scan(grpprl, data, 0, &mut pap);
    pap
}

/// `hops` bounds sprmPHugePapx indirection.
fn scan(sprms: &[u8], data: &[u8], hops: u8, pap: &mut Pap) -> Option<()> {
    let mut i = 0;
    while i + 2 <= sprms.len() {
        let sprm = le16(sprms, i)?;
        i += 2;
        let size = match sprm >> 13 {
            0 | 1 => 1,
            2 | 4 | 5 => 2,
            3 => 4,
            7 => 3,
            _ => {
                // Variable: sprmPChgTabs may say 255 and carry its own counts; others a byte size.
                let cb = *sprms.get(i)? as usize;
                if sprm == 0xD608 {
                    // sprmTDefTable: a 2-byte size, counting itself as one byte.
                    1 + le16(sprms, i)? as usize
                } else if sprm == 0xC615 && cb == 255 {
                    let del = *sprms.get(i + 1)? as usize;
                    let add_at = i + 2 + del * 4;
                    let add = *sprms.get(add_at)? as usize;
                    add_at + 1 + add * 3 - i
                } else {
                    1 + cb
                }
            }
        };
        let op = sprms.get(i..i.checked_add(size)?)?;
        match sprm {
            0x2416 => pap.in_table = op[0] != 0,
            0x2417 => pap.ttp = op[0] != 0,
            0x6649 => pap.itap = le32(op, 0).unwrap_or(0),
            0x664A => pap.itap = (pap.itap as i64 + le32(op, 0).unwrap_or(0) as i32 as i64).clamp(0, 64) as u32,
            0x244B => pap.inner_cell = op[0] != 0,
            0x244C => pap.inner_ttp = op[0] != 0,
            // sprmPHugePapx: the real properties are a PrcData in the Data stream.
            0x6646 if hops == 0 => {
                let at = le32(op, 0)? as usize;
                let n = le16(data, at)? as usize;
                let grp = data.get(at + 2..at.checked_add(2 + n)?)?;
                let _ = scan(grp, data, 1, pap);
            }
            _ => {}
        }
        i += size;
    }
    Some(())
}

fn pap_at(runs: &[PapRun], fc: usize) -> Option<Pap> {
    let i = runs.partition_point(|r| r.fc <= fc);
    let r = runs.get(i.checked_sub(1)?)?;
    (fc < r.fc_end).then_some(r.pap)
}

/// Open fields, innermost last (`true` once in its result), and how many are still in their
/// code: a count kept as fields open and close, not a scan of the stack per character (a file
/// of unclosed fields made that quadratic).
#[derive(Default)]
struct Fields {
    stack: Vec<bool>,
    in_code: usize,
}

/// Field codes (`\x13 code \x14 result \x15`, possibly nested) give way to their results; other
/// control characters go; `\x0b` is a line break.
fn clean(chars: &[char], fields: &mut Fields) -> String {
    let mut s = String::new();
    for &c in chars {
        match c {
            '\x13' => {
                fields.stack.push(false);
                fields.in_code += 1;
            }
            '\x14' => {
                if let Some(f) = fields.stack.last_mut() {
                    if !*f {
                        fields.in_code -= 1;
                    }
                    *f = true;
                }
            }
            '\x15' => {
                if fields.stack.pop() == Some(false) {
                    fields.in_code -= 1;
                }
            }
            _ if fields.in_code > 0 => {}
            '\x0b' | '\x0e' => s.push('\n'),
            '\t' => s.push('\t'),
            '\x1e' => s.push('-'),
            c if (c as u32) < 0x20 => {}
            c => s.push(c),
        }
    }
    s
}

/// A table being built; its grid goes in the block slot taken when it started.
struct TableB {
    block: usize,
    rows: Vec<Vec<String>>,
    row: Vec<String>,
    cell: Vec<String>,
}

impl TableB {
    fn end_cell(&mut self, last_para: String) {
        crate::budget::charge(crate::budget::Resource::Cells, 1);
        self.cell.push(last_para);
        self.row.push(std::mem::take(&mut self.cell).join("\n"));
    }

    fn end_row(&mut self) {
        if !self.cell.is_empty() {
            let t = std::mem::take(&mut self.cell).join("\n");
            self.row.push(t);
        }
        if !self.row.is_empty() {
            self.rows.push(std::mem::take(&mut self.row));
        }
    }
}

/// Paragraphs (text up to each mark) into blocks, tables by their marks' properties.
fn blocks(chars: &[char], marks: &[(usize, usize)], runs: &[PapRun]) -> Vec<Block> {
    let mut fields = Fields::default();
    let mut start = 0;
    let paras: Vec<String> = marks
        .iter()
        .map(|&(at, _)| {
            let p = clean(&chars[start..at], &mut fields);
            start = at + 1;
            p
        })
        .collect();
    let look = Lookahead::new(chars, marks, &paras);
    let mut blocks = Vec::new();
    let mut stack: Vec<TableB> = Vec::new();
    let finish = |mut t: TableB, blocks: &mut Vec<Block>| {
        t.end_row();
        blocks[t.block] = Block::Table(Grid::from_rows(t.rows));
    };
    for (i, (&(at, fc), para)) in marks.iter().zip(paras).enumerate() {
        let mark = chars[at];
        // Depth, and whether this mark ends a cell or a row at that depth.
        let (depth, cell_end, row_end) = match pap_at(runs, fc) {
            Some(pap) => {
                let depth = if pap.itap > 0 { pap.itap as usize } else { usize::from(pap.in_table) };
                let depth = depth.min(64);
                if depth >= 2 {
                    (depth, pap.inner_cell, pap.inner_ttp)
                } else if depth == 0 && mark == '\x07' {
                    (1, true, false) // a cell mark whose properties lost the table flag
                } else {
                    (depth, mark == '\x07' && !pap.ttp, pap.ttp)
                }
            }
            None => heuristic(stack.last(), mark, &look, i),
        };
        while stack.len() > depth {
            if let Some(t) = stack.pop() {
                finish(t, &mut blocks);
            }
        }
        if depth == 0 {
            if !para.trim().is_empty() {
                blocks.push(Block::Para(para));
            }
            continue;
        }
        while stack.len() < depth {
            blocks.push(Block::Table(Grid::default()));
            stack.push(TableB { block: blocks.len() - 1, rows: Vec::new(), row: Vec::new(), cell: Vec::new() });
        }
        let Some(t) = stack.last_mut() else { continue };
        if row_end {
            t.end_row();
        } else if cell_end {
            t.end_cell(para);
        } else {
            t.cell.push(para);
        }
    }
    while let Some(t) = stack.pop() {
        finish(t, &mut blocks);
    }
    blocks
}

/// What the heuristic may look at after a mark.
struct Lookahead {
    /// How many empty `\x07` paragraphs follow in a row from each mark (0 if it is not one).
    empties: Vec<usize>,
    /// For the run of empties at a mark: whether the paragraph after the run is a value cell.
    value_after: Vec<bool>,
    /// Whether the next mark is a cell mark.
    cell_next: Vec<bool>,
}

impl Lookahead {
    fn new(chars: &[char], marks: &[(usize, usize)], paras: &[String]) -> Lookahead {
        let n = marks.len();
        let is_cell = |i: usize| chars[marks[i].0] == '\x07';
        let empty = |i: usize| is_cell(i) && marks[i].0 == if i == 0 { 0 } else { marks[i - 1].0 + 1 };
        let mut empties = vec![0usize; n];
        for i in (0..n).rev() {
            if empty(i) {
                empties[i] = 1 + empties.get(i + 1).copied().unwrap_or(0);
            }
        }
        let value_after = (0..n)
            .map(|i| {
                let j = i + empties[i];
                empties[i] > 0 && j < n && is_cell(j) && crate::cell::is_value_like(&paras[j])
            })
            .collect();
        let cell_next = (0..n).map(|i| i + 1 < n && is_cell(i + 1)).collect();
        Lookahead { empties, value_after, cell_next }
    }
}

/// Without paragraph properties (writers that leave out the FKPs are rare): a `\x07` ends a cell.
/// After a cell end, a run of empty `\x07` paragraphs followed by a value cell lies inside a row
/// (blank columns); followed by anything else it holds the row end: its empties first fill the
/// row up to the previous row's width (none in a table's first row, whose cells are headers),
/// the rest start the next row (vertically merged cells continue as empty cells). Rows of uneven
/// width next to empty cells can be misread; recognition reads a row by its label and the values
/// after it, so a stray empty cell at a row's edge does not shift values.
fn heuristic(open: Option<&TableB>, mark: char, look: &Lookahead, i: usize) -> (usize, bool, bool) {
    if mark != '\x07' {
        // A cell's paragraph before its last one, in a table already begun: the row is open, or
        // the next mark ends a cell. (A table's very first cell cannot be told from the text
        // before it.)
        let in_cell = open.is_some_and(|t| !t.row.is_empty() || look.cell_next[i]);
        return (usize::from(in_cell), false, false);
    }
    let k = look.empties[i];
    if let Some(t) = open {
        let after_cell = t.cell.is_empty() && !t.row.is_empty();
        if k > 0 && after_cell && !look.value_after[i] {
            let fill = t.rows.last().map_or(0, |prev| prev.len().saturating_sub(t.row.len()).min(k - 1));
            if fill == 0 {
                return (1, false, true);
            }
        }
    }
    (1, true, false)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(s: &str) -> (Vec<char>, Vec<(usize, usize)>) {
        let c: Vec<char> = s.chars().collect();
        let marks = c.iter().enumerate().filter(|(_, c)| matches!(c, '\r' | '\x07' | '\x0c')).map(|(i, _)| (i, i * 2)).collect();
        (c, marks)
    }

    fn run(fc: usize, in_table: bool, ttp: bool) -> PapRun {
        PapRun { fc, fc_end: fc + 2, pap: Pap { in_table, ttp, itap: 0, inner_cell: false, inner_ttp: false } }
    }

    #[test]
    fn properties_tell_an_empty_last_cell_from_the_row_end() {
        // "标题\r" then a row of cells [a, ""] and its row end, then a paragraph.
        let (c, m) = chars("标题\ra\x07\x07\x07后文\r");
        let runs = vec![run(4, false, false), run(8, true, false), run(10, true, false), run(12, true, true), run(18, false, false)];
        let b = blocks(&c, &m, &runs);
        assert_eq!(b.len(), 3);
        let Block::Table(g) = &b[1] else { panic!("{b:?}") };
        assert_eq!(g.rows.len(), 1);
        assert_eq!(g.rows[0].iter().map(|c| c.text.as_str()).collect::<Vec<_>>(), ["a", ""]);
        assert_eq!(b[2], Block::Para("后文".into()));
    }

    #[test]
    fn nested_tables_by_depth() {
        // Outer cell "外" holding an inner row [内1, 内2] (inner cells end with `\r`), then the
        // outer row end.
        let (c, m) = chars("外\r内1\r内2\r\r\x07\x07");
        let pap = |itap: u32, inner_cell: bool, inner_ttp: bool, ttp: bool| Pap { in_table: true, ttp, itap, inner_cell, inner_ttp };
        let paps = [
            pap(1, false, false, false),
            pap(2, true, false, false),
            pap(2, true, false, false),
            pap(2, false, true, false),
            pap(1, false, false, false),
            pap(1, false, false, true),
        ];
        let runs: Vec<PapRun> = m.iter().zip(paps).map(|(&(_, fc), pap)| PapRun { fc, fc_end: fc + 2, pap }).collect();
        let b = blocks(&c, &m, &runs);
        assert_eq!(b.len(), 2, "{b:?}");
        let (Block::Table(outer), Block::Table(inner)) = (&b[0], &b[1]) else { panic!("{b:?}") };
        assert_eq!(outer.rows.len(), 1);
        assert_eq!(outer.rows[0][0].text, "外\n");
        assert_eq!(inner.rows[0].iter().map(|c| c.text.as_str()).collect::<Vec<_>>(), ["内1", "内2"]);
    }

    #[test]
    fn heuristic_without_properties() {
        // A header row, a row with blank middle columns, a row with blank last columns.
        let (c, m) = chars("表\r项目\x07a\x07b\x07c\x07\x07许可\x07\x07\x073\x07\x07处罚\x071\x07\x07\x07\x07\r后\r");
        let b = blocks(&c, &m, &[]);
        assert_eq!(b.len(), 3, "{b:?}");
        let Block::Table(g) = &b[1] else { panic!("{b:?}") };
        let rows: Vec<Vec<&str>> = g.rows.iter().map(|r| r.iter().map(|c| c.text.as_str()).collect()).collect();
        assert_eq!(rows, [vec!["项目", "a", "b", "c"], vec!["许可", "", "", "3"], vec!["处罚", "1", "", ""]]);
        assert_eq!(b[2], Block::Para("后".into()));
    }

    #[test]
    fn fields_keep_their_results() {
        let mut f = Fields::default();
        let s: Vec<char> = "第\x13 PAGE \x143\x15页\x13 TOC \x15\x0b尾\x01".chars().collect();
        assert_eq!(clean(&s, &mut f), "第3页\n尾");
        assert!(f.stack.is_empty() && f.in_code == 0);
        // Nested: the outer field's code hides the inner field and its result.
        let s: Vec<char> = "a\x13 IF \x13 PAGE \x142\x15 \x14b\x15c".chars().collect();
        assert_eq!(clean(&s, &mut f), "abc");
        assert_eq!(f.in_code, 0);
    }

    #[test]
    fn overlapping_pieces_are_read_once() {
        let word = b"abcdefgh".to_vec();
        let p = |cp, cp_end, fc| Piece { cp, cp_end, fc, compressed: true };
        // Three pieces claiming CP 0..8, then one 4..12 whose new CPs would repeat bytes already
        // read: the text is never longer than the stream.
        let (c, _) = text(&word, &[p(0, 8, 0), p(0, 8, 0), p(0, 8, 0), p(4, 12, 0)], 12);
        assert_eq!(c.iter().collect::<String>(), "abcdefgh");
        let (c, _) = text(&word, &[p(0, 4, 0), p(2, 6, 4)], 6);
        assert_eq!(c.iter().collect::<String>(), "abcdgh", "the second piece starts where the first ends, two bytes in");
    }

    #[test]
    fn compressed_mapping() {
        assert_eq!(compressed_char(0x93), '\u{201C}');
        assert_eq!(compressed_char(0x41), 'A');
        assert_eq!(compressed_char(0xA0), '\u{a0}');
    }

    #[test]
    fn hostile_lengths_are_refused_not_indexed() {
        // CLX claiming more than the table stream holds, a Pcdt with a ragged length.
        assert!(pieces(&[0x02, 0xFF, 0xFF, 0xFF, 0x7F], (0, 5)).is_none());
        assert!(pieces(&[0x02, 5, 0, 0, 0, 1, 2, 3, 4, 5], (0, 10)).is_none());
        assert!(pieces(&[], (usize::MAX, 2)).is_none());
        // A piece pointing past the stream yields nothing rather than panicking.
        let p = [Piece { cp: 0, cp_end: 1000, fc: 1 << 20, compressed: false }];
        assert!(text(&[0u8; 16], &p, 1000).0.is_empty());
        // A PlcBtePapx whose one FKP page number lies past the stream.
        let plc = [0, 0, 0, 0, 0x10, 0, 0, 0, 0xFF, 0xFF, 0x3F, 0];
        assert!(papx_runs(&[0u8; 600], &plc, (0, 12), &[]).is_empty());
        // sprmPHugePapx pointing past the Data stream.
        assert_eq!(sprms(&[0x46, 0x66, 0xFF, 0xFF, 0, 0], &[1, 2, 3]), Pap::default());
        // Flags before a truncated sprm are kept.
        assert!(sprms(&[0x16, 0x24, 1, 0x08, 0xD6, 0xFF], &[]).in_table);
        let mut page = [0u8; 512];
        page[511] = 200; // a crun that cannot fit
        let mut out = Vec::new();
        fkp(&page, &[], &mut out);
        assert!(out.is_empty());
    }
}

#[cfg(test)]
mod corpus_tests {
    use super::*;

    /// The corpus .docs carry paragraph properties, and the rows they give are the rows the cell
    /// marks alone would give only where no last cell is empty.
    #[test]
    fn corpus_docs_are_read_through_their_paragraph_properties() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus/derived");
        let mut n = 0;
        for e in std::fs::read_dir(dir).unwrap() {
            let path = e.unwrap().path();
            if path.extension().is_none_or(|x| x != "doc") {
                continue;
            }
            let bytes = std::fs::read(&path).unwrap();
            let mut cf = cfb::CompoundFile::open(Cursor::new(&bytes[..])).unwrap();
            let word = stream(&mut cf, "/WordDocument", bytes.len()).unwrap();
            let fib = Fib::parse(&word).unwrap();
            let table = stream(&mut cf, if fib.table1 { "/1Table" } else { "/0Table" }, bytes.len()).unwrap();
            let data = stream(&mut cf, "/Data", bytes.len()).unwrap_or_default();
            let runs = papx_runs(&word, &table, fib.bte_papx, &data);
            let (chars, marks) = text(&word, &pieces(&table, fib.clx).unwrap(), fib.ccp_text);
            let paps: Vec<Pap> = marks.iter().filter_map(|&(_, fc)| pap_at(&runs, fc)).collect();
            assert_eq!(paps.len(), marks.len(), "{path:?}: every paragraph mark has properties");
            let ttp = paps.iter().filter(|p| p.ttp).count();
            assert!(ttp >= 40, "{path:?}: row ends found by sprmPFTtp");
            // The fallback for files without FKPs, tried on these: its rows may differ where an
            // empty cell meets a row end, but the report read from them must not.
            let model = |runs: &[PapRun]| {
                let d = Document { kind: InputKind::Doc, title: None, blocks: blocks(&chars, &marks, runs), pictures: Vec::new() };
                crate::recognise::recognise(&d).unwrap().cells
            };
            let (with, without) = (model(&runs), model(&[]));
            assert_eq!(with.len(), without.len(), "{path:?}");
            for (a, b) in with.iter().zip(&without) {
                assert_eq!(a, b, "{path:?}: heuristic rows");
            }
            n += 1;
        }
        assert!(n >= 5);
    }
}
