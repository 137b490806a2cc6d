//! PDF reader: the text layer of a PDF made by WPS, Word or an office suite, laid out again as
//! lines and cells.
//!
//! The object layer (xref, object streams, filters, content-stream tokens) is hayro-syntax; this
//! file is the domain part: run each page's content stream far enough to know where every glyph
//! sits and which character it is (ToUnicode CMaps, simple encodings), then group glyphs into
//! lines by baseline and into cells by wide horizontal gaps. A line with several cells becomes a
//! one-row table, a single-cell line a paragraph; recognition does the rest, as for any text.
//!
//! Everything a file declares is distrusted: decoded bytes, glyphs, operators, fonts and CMap
//! entries are charged to the check's budget (`crate::budget`), nesting of forms and of the
//! graphics state is bounded, so a hostile file costs bounded time and memory and ends as a
//! report or a Chinese error, never a panic.

use std::collections::{BTreeMap, HashMap};
use std::io::Read;
use std::rc::Rc;

use hayro_syntax::content::UntypedIter;
use hayro_syntax::object::{Array, Dict, Name, Object, ObjectIdentifier, Stream};
use hayro_syntax::{Filter, LoadPdfError, Pdf};

use super::LegacyDecoder;
use crate::budget::{self, Resource};
use crate::document::{Block, Cell, Document, Grid, InputKind};
use crate::error::ReadError;

const MAX_PAGES: usize = 2_000;
/// Nesting of form XObjects and of q/Q.
const MAX_FORM_DEPTH: usize = 8;
const MAX_STATE_DEPTH: usize = 256;
/// Mappings read from one CMap (a Chinese font's ToUnicode has under 30 000), and its tokens.
const MAX_CMAP_ENTRIES: usize = 100_000;
const MAX_CMAP_TOKENS: usize = 4 * MAX_CMAP_ENTRIES + 1000;

/// Reads a PDF's text layer. A document without any text (a scan) comes back with no blocks; the
/// caller says what to do about it.
pub fn read(bytes: &[u8], decode: LegacyDecoder) -> Result<Document, ReadError> {
    budget::within(|| read_with(bytes, decode, true))
}

/// The reading as if no table had rules (a borderless table): lines and gaps only. For tests of
/// that path on real files.
#[doc(hidden)]
pub fn read_without_rules(bytes: &[u8], decode: LegacyDecoder) -> Result<Document, ReadError> {
    budget::within(|| read_with(bytes, decode, false))
}

fn read_with(bytes: &[u8], decode: LegacyDecoder, use_rules: bool) -> Result<Document, ReadError> {
    // hayro-syntax reads our copy of the file, whose cross references are right by construction:
    // it never rebuilds them by its own scan (pdf_prepare.rs says why).
    let prepared = super::pdf_prepare::prepare(bytes, decode_stream);
    let pdf = Pdf::new(prepared.data).map_err(|e| match e {
        LoadPdfError::Decryption(_) => ReadError::PdfEncrypted,
        LoadPdfError::Invalid => broken(),
    })?;
    let mut ctx = Ctx { fonts: HashMap::new(), decode };
    let mut blocks = Vec::new();
    let mut last = Last::default();
    for page in pdf.pages().iter().take(MAX_PAGES) {
        if !budget::charge(Resource::Objects, 1) {
            break;
        }
        let mut out = Page::default();
        let mut run = Run { ctx: &mut ctx, page: &mut out };
        // hayro-syntax resolves resources inherited from the page tree.
        let res = page.resources();
        for content in content_streams(page.raw()) {
            let Some(data) = run.ctx.decoded(&content) else { continue };
            let mut state = State::default();
            run.interpret(&data, &res.fonts, &res.x_objects, &mut state, 0);
        }
        let placed = layout(out, use_rules);
        continue_row(&mut blocks, &mut last, placed);
        if !budget::ok() {
            break;
        }
    }
    debug_assert!(
        pdf.xref().get::<Object<'_>>(ObjectIdentifier::new(super::pdf_prepare::SENTINEL, 0)).is_none(),
        "hayro-syntax rebuilt the cross references of a prepared file"
    );
    let doc = Document { kind: InputKind::Pdf, title: None, blocks, pictures: Vec::new() };
    // A damaged file without text is damaged, not a scan: its text may be what was lost.
    if prepared.damaged && text_chars(&doc) < SCAN_CHARS {
        return Err(broken());
    }
    Ok(doc)
}

/// Fewer characters than this, spaces aside, is no text layer (a page number or a stamp's few).
pub const SCAN_CHARS: usize = 40;

fn broken() -> ReadError {
    ReadError::PdfBroken
}

/// Characters of text in a document, spaces aside: a scan has none, or a stamp's few.
pub fn text_chars(doc: &Document) -> usize {
    let count = |t: &str| t.chars().filter(|c| !c.is_whitespace()).count();
    doc.blocks
        .iter()
        .map(|b| match b {
            Block::Para(p) => count(p),
            Block::Table(g) => g.rows.iter().flatten().map(|c| count(&c.text)).sum(),
        })
        .sum()
}

/// The page's content streams in order (`/Contents` is one stream or an array of them).
fn content_streams<'a>(page: &Dict<'a>) -> Vec<Stream<'a>> {
    if let Some(s) = page.get::<Stream<'_>>(b"Contents") {
        return vec![s];
    }
    page.get::<Array<'_>>(b"Contents").map(|a| a.iter::<Stream<'_>>().take(10_000).collect()).unwrap_or_default()
}

struct Ctx {
    /// Fonts by object number (resources share them across pages).
    fonts: HashMap<(u32, i32), Rc<Font>>,
    decode: LegacyDecoder,
}

impl Ctx {
    fn decoded(&mut self, s: &Stream<'_>) -> Option<Vec<u8>> {
        decode_stream(s)
    }
}

/// A stream's decoded bytes, charged to the check's budget. FlateDecode (all that office suites
/// write) is inflated here with a cap on the output (one byte past what is left, so a stream too
/// big for the budget trips it); other filters go through hayro-syntax only when even their
/// worst expansion fits.
pub(super) fn decode_stream(s: &Stream<'_>) -> Option<Vec<u8>> {
    {
        let left = budget::left(Resource::Decoded);
        let filters = s.filters();
        let raw = s.raw_data();
        let out: Vec<u8> = if filters.is_empty() {
            raw.get(..raw.len().min(left.saturating_add(1)))?.to_vec()
        } else if filters.as_slice() == [Filter::FlateDecode] && !s.dict().contains_key(b"DecodeParms") {
            let out = inflate(&raw, left.saturating_add(1));
            // A stream flate2 cannot start at all goes to hayro-syntax's lenient inflater.
            if out.is_empty() && !raw.is_empty() && raw.len().saturating_mul(1100) <= left {
                s.decoded().ok()?.into_owned()
            } else {
                out
            }
        } else if raw.len().saturating_mul(1100) <= left {
            s.decoded().ok()?.into_owned()
        } else {
            return None;
        };
        budget::charge(Resource::Decoded, out.len()).then_some(out)
    }
}

/// Inflates a zlib (or bare deflate) stream up to `cap` bytes; a damaged tail keeps what came
/// before it, as viewers do.
fn inflate(data: &[u8], cap: usize) -> Vec<u8> {
    fn run<R: Read>(mut r: R, cap: usize) -> Vec<u8> {
        let mut out = Vec::new();
        let mut buf = [0u8; 16 << 10];
        while out.len() < cap {
            match r.read(&mut buf) {
                Ok(0) | Err(_) => break,
                Ok(n) => {
                    // Growing by a quarter, not doubling: a big stream holds little spare room.
                    if out.capacity() - out.len() < n {
                        out.reserve_exact(n.max(out.len() / 4));
                    }
                    out.extend_from_slice(&buf[..n.min(cap - out.len())]);
                }
            }
        }
        out
    }
    let zlib = data.len() >= 2 && data[0] & 0x0f == 8 && (u16::from(data[0]) << 8 | u16::from(data[1])) % 31 == 0;
    if zlib {
        run(flate2::read::ZlibDecoder::new(data), cap)
    } else {
        run(flate2::read::DeflateDecoder::new(data), cap)
    }
}

// ---------------------------------------------------------------------------------------------
// Fonts: from codes in a string to characters and widths.

struct Font {
    codes: CodeSplit,
    to_unicode: Option<CMap>,
    /// Simple fonts: the character of each code by the font's encoding.
    simple: Option<Box<[Option<char>; 256]>>,
    /// Type0 with a predefined CMap whose codes are Unicode (UniGB-UCS2-H …) or GBK.
    predefined: Predefined,
    widths: Widths,
}

#[derive(Clone, Copy, PartialEq)]
enum Predefined {
    None,
    Ucs2,
    Gbk,
}

/// How a string is cut into codes.
enum CodeSplit {
    One,
    Two,
    /// GBK-EUC and similar: a lead byte ≥ 0x81 starts a two-byte code.
    Gbk,
    /// Codespace ranges of an embedded CMap: (bytes, low, high).
    Ranges(Vec<(usize, u32, u32)>),
}

enum Widths {
    Simple {
        first: u32,
        widths: Vec<f32>,
        missing: f32,
    },
    /// Ranges of CIDs with their width, and the default.
    Cid {
        ranges: Vec<(u32, u32, f32)>,
        default: f32,
    },
}

impl Font {
    fn split(&self, s: &[u8]) -> Vec<(u32, usize)> {
        let mut out = Vec::with_capacity(s.len());
        let mut i = 0;
        while i < s.len() {
            let n = match &self.codes {
                CodeSplit::One => 1,
                CodeSplit::Two => 2,
                CodeSplit::Gbk => {
                    if s[i] >= 0x81 {
                        2
                    } else {
                        1
                    }
                }
                CodeSplit::Ranges(r) => {
                    let mut n = 0;
                    for len in 1..=4usize {
                        if i + len > s.len() {
                            break;
                        }
                        let c = be(&s[i..i + len]);
                        if r.iter().any(|&(l, lo, hi)| l == len && (lo..=hi).contains(&c)) {
                            n = len;
                            break;
                        }
                    }
                    if n == 0 {
                        r.iter().map(|x| x.0).min().unwrap_or(1)
                    } else {
                        n
                    }
                }
            };
            let n = n.min(s.len() - i);
            out.push((be(&s[i..i + n]), n));
            i += n;
        }
        out
    }

    /// The text of one code, when the font tells it.
    fn text(&self, code: u32, len: usize, decode: LegacyDecoder) -> Option<String> {
        if let Some(t) = self.to_unicode.as_ref().and_then(|m| m.get(code, len)) {
            return Some(t);
        }
        if let Some(table) = &self.simple {
            return table.get(code as usize).copied().flatten().map(String::from);
        }
        match self.predefined {
            Predefined::Ucs2 => char::from_u32(code).map(String::from),
            Predefined::Gbk if len == 1 => char::from_u32(code).filter(char::is_ascii).map(String::from),
            Predefined::Gbk => decode("gbk", &[(code >> 8) as u8, code as u8]),
            Predefined::None => None,
        }
    }

    /// The advance of a code in text space units (1/1000 of the font size).
    fn width(&self, code: u32, len: usize) -> f32 {
        match &self.widths {
            Widths::Simple { first, widths, missing } => {
                code.checked_sub(*first).and_then(|i| widths.get(i as usize)).copied().unwrap_or(*missing)
            }
            Widths::Cid { ranges, default } => {
                // Only Identity encodings make the code the CID; otherwise one byte is half width.
                if !matches!(self.codes, CodeSplit::Two) && len == 1 {
                    return 500.0;
                }
                let i = ranges.partition_point(|r| r.0 <= code);
                ranges[..i].iter().rev().take(4).find(|r| code <= r.1).map_or(*default, |r| r.2)
            }
        }
    }
}

fn be(b: &[u8]) -> u32 {
    b.iter().take(4).fold(0u32, |a, &x| a << 8 | u32::from(x))
}

fn num(o: &Object<'_>) -> Option<f32> {
    match o {
        Object::Number(n) => Some(n.as_f32()).filter(|v| v.is_finite()),
        _ => None,
    }
}

impl Ctx {
    fn font(&mut self, dict: &Dict<'_>) -> Rc<Font> {
        let key = dict.obj_id().map(|id| (id.obj_number, id.gen_number));
        if let Some(f) = key.and_then(|k| self.fonts.get(&k)) {
            return f.clone();
        }
        let f = Rc::new(self.load_font(dict));
        if let Some(k) = key {
            self.fonts.insert(k, f.clone());
        }
        f
    }

    fn load_font(&mut self, dict: &Dict<'_>) -> Font {
        budget::charge(Resource::Objects, 1);
        let to_unicode = dict.get::<Stream<'_>>(b"ToUnicode").and_then(|s| self.decoded(&s)).map(|d| CMap::parse(&d));
        let subtype = dict.get::<Name<'_>>(b"Subtype");
        if subtype.as_deref() == Some(b"Type0".as_slice()) {
            let (codes, predefined) = match dict.get::<Name<'_>>(b"Encoding") {
                Some(n) => {
                    let n = n.as_str();
                    if n.starts_with("Identity") {
                        (CodeSplit::Two, Predefined::None)
                    } else if n.contains("UCS2") || n.contains("UTF16") {
                        (CodeSplit::Two, Predefined::Ucs2)
                    } else if n.starts_with("GB") {
                        (CodeSplit::Gbk, Predefined::Gbk)
                    } else {
                        (CodeSplit::Two, Predefined::None)
                    }
                }
                None => {
                    // An embedded encoding CMap: its codespace tells the code lengths.
                    let ranges = dict
                        .get::<Stream<'_>>(b"Encoding")
                        .and_then(|s| self.decoded(&s))
                        .map(|d| CMap::parse(&d).codespace)
                        .filter(|r| !r.is_empty());
                    (ranges.map_or(CodeSplit::Two, CodeSplit::Ranges), Predefined::None)
                }
            };
            let descendant = dict.get::<Array<'_>>(b"DescendantFonts").and_then(|a| a.iter::<Dict<'_>>().next()).unwrap_or_default();
            let default = descendant.get::<f32>(b"DW").filter(|v| v.is_finite()).unwrap_or(1000.0);
            let ranges = descendant.get::<Array<'_>>(b"W").map(|w| cid_widths(&w)).unwrap_or_default();
            return Font { codes, to_unicode, simple: None, predefined, widths: Widths::Cid { ranges, default } };
        }
        let first = dict.get::<f32>(b"FirstChar").filter(|v| v.is_finite() && *v >= 0.0).unwrap_or(0.0) as u32;
        let widths: Vec<f32> = dict
            .get::<Array<'_>>(b"Widths")
            .map(|a| a.iter::<f32>().take(256).map(|w| if w.is_finite() { w } else { 0.0 }).collect())
            .unwrap_or_default();
        let missing = dict
            .get::<Dict<'_>>(b"FontDescriptor")
            .and_then(|d| d.get::<f32>(b"MissingWidth"))
            .filter(|v| v.is_finite() && *v > 0.0)
            .unwrap_or(if widths.is_empty() { 500.0 } else { 0.0 });
        Font {
            codes: CodeSplit::One,
            to_unicode,
            simple: Some(simple_encoding(dict)),
            predefined: Predefined::None,
            widths: Widths::Simple { first, widths, missing },
        }
    }
}

/// `/W [c [w1 w2 …] c1 c2 w …]` as sorted ranges.
fn cid_widths(w: &Array<'_>) -> Vec<(u32, u32, f32)> {
    /// CIDs are 16-bit: no font has more widths.
    const MAX_CIDS: usize = 65_536;
    let items: Vec<Object<'_>> = w.iter::<Object<'_>>().take(100_000).collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < items.len() && out.len() < MAX_CIDS {
        let Some(c) = num(&items[i]).filter(|c| *c >= 0.0) else { break };
        let c = c as u32;
        match items.get(i + 1) {
            Some(Object::Array(list)) => {
                for (k, w) in list.iter::<f32>().take(MAX_CIDS.saturating_sub(out.len())).enumerate() {
                    let cid = c.saturating_add(k as u32);
                    out.push((cid, cid, if w.is_finite() { w } else { 0.0 }));
                }
                i += 2;
            }
            Some(o) => {
                let (Some(c2), Some(w)) = (num(o), items.get(i + 2).and_then(num)) else { break };
                out.push((c, c2.max(0.0) as u32, w));
                i += 3;
            }
            None => break,
        }
    }
    out.sort_by_key(|r| r.0);
    // Kept with the font: a /W array shared by a thousand fonts is a thousand copies.
    budget::charge(Resource::Objects, out.len());
    out
}

/// The 256 characters of a simple font: the base encoding (WinAnsi for the upper half, ASCII
/// below; office suites write little else) with `/Differences` glyph names applied.
fn simple_encoding(font: &Dict<'_>) -> Box<[Option<char>; 256]> {
    let mut t: Box<[Option<char>; 256]> = Box::new([None; 256]);
    for (i, slot) in t.iter_mut().enumerate() {
        *slot = match i {
            0x20..=0x7e => Some(i as u8 as char),
            0x80..=0x9f => WIN_ANSI_80[i - 0x80],
            0xa0..=0xff => char::from_u32(i as u32),
            _ => None,
        };
    }
    if let Some(enc) = font.get::<Dict<'_>>(b"Encoding") {
        if let Some(diff) = enc.get::<Array<'_>>(b"Differences") {
            let mut code = 0usize;
            for o in diff.iter::<Object<'_>>().take(4096) {
                match o {
                    Object::Number(n) => code = n.as_f32().clamp(0.0, 256.0) as usize,
                    Object::Name(n) => {
                        if let Some(slot) = t.get_mut(code) {
                            *slot = glyph_char(n.as_str());
                        }
                        code += 1;
                    }
                    _ => {}
                }
            }
        }
    }
    t
}

const WIN_ANSI_80: [Option<char>; 32] = [
    Some('€'),
    None,
    Some('‚'),
    Some('ƒ'),
    Some('„'),
    Some('…'),
    Some('†'),
    Some('‡'),
    Some('ˆ'),
    Some('‰'),
    Some('Š'),
    Some('‹'),
    Some('Œ'),
    None,
    Some('Ž'),
    None,
    None,
    Some('‘'),
    Some('’'),
    Some('“'),
    Some('”'),
    Some('•'),
    Some('–'),
    Some('—'),
    Some('˜'),
    Some('™'),
    Some('š'),
    Some('›'),
    Some('œ'),
    None,
    Some('ž'),
    Some('Ÿ'),
];

/// A glyph name's character: `uniXXXX`, `uXXXX[XX]`, one-letter names and the usual ASCII names.
fn glyph_char(name: &str) -> Option<char> {
    let hex = |h: &str| u32::from_str_radix(h, 16).ok().and_then(char::from_u32);
    if let Some(h) = name.strip_prefix("uni").filter(|h| h.len() >= 4) {
        // `get`, not `[..4]`: a name is the file's bytes, and four bytes in may be inside a character.
        return h.get(..4).and_then(hex);
    }
    if let Some(h) = name.strip_prefix('u').filter(|h| (4..=6).contains(&h.len())) {
        if let Some(c) = hex(h) {
            return Some(c);
        }
    }
    let mut cs = name.chars();
    if let (Some(c), None) = (cs.next(), cs.next()) {
        return Some(c);
    }
    const NAMES: &[(&str, char)] = &[
        ("space", ' '),
        ("zero", '0'),
        ("one", '1'),
        ("two", '2'),
        ("three", '3'),
        ("four", '4'),
        ("five", '5'),
        ("six", '6'),
        ("seven", '7'),
        ("eight", '8'),
        ("nine", '9'),
        ("period", '.'),
        ("comma", ','),
        ("hyphen", '-'),
        ("minus", '-'),
        ("slash", '/'),
        ("colon", ':'),
        ("semicolon", ';'),
        ("percent", '%'),
        ("parenleft", '('),
        ("parenright", ')'),
        ("bracketleft", '['),
        ("bracketright", ']'),
        ("plus", '+'),
        ("equal", '='),
        ("quotesingle", '\''),
        ("quotedbl", '"'),
        ("underscore", '_'),
        ("ampersand", '&'),
        ("endash", '–'),
        ("emdash", '—'),
        ("quoteleft", '‘'),
        ("quoteright", '’'),
        ("quotedblleft", '“'),
        ("quotedblright", '”'),
        ("bullet", '•'),
        ("nbspace", '\u{a0}'),
    ];
    NAMES.iter().find(|(n, _)| *n == name).map(|(_, c)| *c)
}

// ---------------------------------------------------------------------------------------------
// ToUnicode and encoding CMaps.

#[derive(Default)]
struct CMap {
    codespace: Vec<(usize, u32, u32)>,
    /// (code length in bytes, code) → text.
    chars: BTreeMap<(usize, u32), String>,
    /// (length, low, high, first destination as UTF-16, or one text per code).
    ranges: Vec<(usize, u32, u32, RangeDst)>,
}

enum RangeDst {
    Start(Vec<u16>),
    List(Vec<String>),
}

#[derive(Debug, PartialEq)]
enum Tok<'a> {
    Hex(Vec<u8>),
    Word(&'a [u8]),
    Open,
    Close,
}

fn tokens(d: &[u8]) -> Vec<Tok<'_>> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < d.len() && out.len() < MAX_CMAP_TOKENS {
        let b = d[i];
        match b {
            b'%' => {
                while i < d.len() && d[i] != b'\n' && d[i] != b'\r' {
                    i += 1;
                }
            }
            b'<' if d.get(i + 1) == Some(&b'<') => i += 2,
            b'>' if d.get(i + 1) == Some(&b'>') => i += 2,
            b'<' => {
                let start = i + 1;
                let end = d[start..].iter().position(|&c| c == b'>').map_or(d.len(), |p| start + p);
                let digits: Vec<u8> = d[start..end].iter().filter_map(|&c| (c as char).to_digit(16).map(|v| v as u8)).take(128).collect();
                let mut bytes: Vec<u8> = digits.chunks(2).map(|p| p[0] << 4 | p.get(1).copied().unwrap_or(0)).collect();
                bytes.truncate(64);
                out.push(Tok::Hex(bytes));
                i = end + 1;
            }
            b'[' => {
                out.push(Tok::Open);
                i += 1;
            }
            b']' => {
                out.push(Tok::Close);
                i += 1;
            }
            b'(' => {
                // A literal string (a CMap name, registry): skipped with its nesting.
                let mut depth = 0usize;
                while i < d.len() {
                    match d[i] {
                        b'\\' => i += 1,
                        b'(' => depth += 1,
                        b')' => {
                            depth -= 1;
                            if depth == 0 {
                                break;
                            }
                        }
                        _ => {}
                    }
                    i += 1;
                }
                i += 1;
            }
            _ if b.is_ascii_whitespace() => i += 1,
            _ => {
                let start = i;
                i += 1;
                while i < d.len() && !d[i].is_ascii_whitespace() && !b"<>[]()%/{}".contains(&d[i]) {
                    i += 1;
                }
                out.push(Tok::Word(&d[start..i]));
            }
        }
    }
    out
}

fn utf16(b: &[u8]) -> Vec<u16> {
    b.chunks(2).map(|p| u16::from(p[0]) << 8 | u16::from(p.get(1).copied().unwrap_or(0))).collect()
}

impl CMap {
    fn parse(data: &[u8]) -> CMap {
        let toks = tokens(data);
        let mut m = CMap::default();
        let mut i = 0;
        let mut entries = 0usize;
        while i < toks.len() && entries < MAX_CMAP_ENTRIES {
            let Tok::Word(w) = toks[i] else {
                i += 1;
                continue;
            };
            i += 1;
            match w {
                b"begincodespacerange" => {
                    while let (Some(Tok::Hex(lo)), Some(Tok::Hex(hi))) = (toks.get(i), toks.get(i + 1)) {
                        if !lo.is_empty() && lo.len() <= 4 {
                            m.codespace.push((lo.len(), be(lo), be(hi)));
                        }
                        i += 2;
                        entries += 1;
                    }
                }
                b"beginbfchar" => {
                    while let (Some(Tok::Hex(src)), Some(Tok::Hex(dst))) = (toks.get(i), toks.get(i + 1)) {
                        if !src.is_empty() && src.len() <= 4 {
                            m.chars.insert((src.len(), be(src)), String::from_utf16_lossy(&utf16(dst)));
                        }
                        i += 2;
                        entries += 1;
                    }
                }
                b"beginbfrange" => {
                    while let (Some(Tok::Hex(lo)), Some(Tok::Hex(hi))) = (toks.get(i), toks.get(i + 1)) {
                        let ok = !lo.is_empty() && lo.len() <= 4;
                        let (l, h) = (be(lo), be(hi));
                        match toks.get(i + 2) {
                            Some(Tok::Hex(dst)) => {
                                if ok && h >= l {
                                    m.ranges.push((lo.len(), l, h, RangeDst::Start(utf16(dst))));
                                }
                                i += 3;
                            }
                            Some(Tok::Open) => {
                                let mut list = Vec::new();
                                i += 3;
                                while let Some(Tok::Hex(d)) = toks.get(i) {
                                    list.push(String::from_utf16_lossy(&utf16(d)));
                                    i += 1;
                                }
                                if toks.get(i) == Some(&Tok::Close) {
                                    i += 1;
                                }
                                if ok && h >= l {
                                    m.ranges.push((lo.len(), l, h, RangeDst::List(list)));
                                }
                            }
                            _ => break,
                        }
                        entries += 1;
                    }
                }
                _ => {}
            }
        }
        m.ranges.sort_by_key(|r| r.1);
        budget::charge(Resource::Objects, entries);
        m
    }

    fn get(&self, code: u32, len: usize) -> Option<String> {
        if let Some(s) = self.chars.get(&(len, code)) {
            return Some(s.clone());
        }
        let i = self.ranges.partition_point(|r| r.1 <= code);
        for (l, lo, hi, dst) in self.ranges[..i].iter().rev().take(16) {
            if *l != len || code > *hi {
                continue;
            }
            let k = code - lo;
            return match dst {
                RangeDst::Start(u) => {
                    let mut u = u.clone();
                    let last = u.last_mut()?;
                    *last = last.wrapping_add(k as u16);
                    Some(String::from_utf16_lossy(&u))
                }
                RangeDst::List(list) => list.get(k as usize).cloned(),
            };
        }
        None
    }
}

// ---------------------------------------------------------------------------------------------
// Content streams: where each glyph lands.

type Matrix = [f32; 6];
const IDENTITY: Matrix = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];

/// `a × b` (PDF's row-vector convention: apply `a` first).
fn mul(a: &Matrix, b: &Matrix) -> Matrix {
    [
        a[0] * b[0] + a[1] * b[2],
        a[0] * b[1] + a[1] * b[3],
        a[2] * b[0] + a[3] * b[2],
        a[2] * b[1] + a[3] * b[3],
        a[4] * b[0] + a[5] * b[2] + b[4],
        a[4] * b[1] + a[5] * b[3] + b[5],
    ]
}

fn apply(m: &Matrix, x: f32, y: f32) -> (f32, f32) {
    (x * m[0] + y * m[2] + m[4], x * m[1] + y * m[3] + m[5])
}

/// One glyph as placed on the page (PDF user space: y grows upwards).
#[derive(Debug, Clone)]
struct Glyph {
    x: f32,
    x_end: f32,
    y: f32,
    size: f32,
    /// The middle of the glyph's box: what decides the table cell it sits in.
    cx: f32,
    cy: f32,
    text: String,
}

impl Glyph {
    fn is_space(&self) -> bool {
        self.text.chars().all(|c| c.is_whitespace())
    }
}

/// The graphics state that q/Q save: the CTM and the text state.
#[derive(Clone)]
struct State {
    ctm: Matrix,
    font: Option<Rc<Font>>,
    size: f32,
    char_spacing: f32,
    word_spacing: f32,
    scale: f32,
    leading: f32,
    rise: f32,
}

impl Default for State {
    fn default() -> State {
        State { ctm: IDENTITY, font: None, size: 0.0, char_spacing: 0.0, word_spacing: 0.0, scale: 1.0, leading: 0.0, rise: 0.0 }
    }
}

struct Run<'c, 'g> {
    ctx: &'c mut Ctx,
    page: &'g mut Page,
}

/// What a page's content streams leave: glyphs, and straight rules (table borders).
#[derive(Default)]
struct Page {
    glyphs: Vec<Glyph>,
    rules: Vec<Rule>,
}

/// An axis-parallel rule on the page: at `pos` (y of a horizontal one, x of a vertical one),
/// from `from` to `to` along its axis.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Rule {
    horizontal: bool,
    pos: f32,
    from: f32,
    to: f32,
}

const MAX_RULES: usize = 20_000;

impl Run<'_, '_> {
    /// Keeps the axis-parallel pieces of a painted path as rules.
    fn paint(&mut self, path: &[(f32, f32, f32, f32)]) {
        for &(x0, y0, x1, y1) in path {
            if self.page.rules.len() >= MAX_RULES {
                return;
            }
            if (y0 - y1).abs() <= 0.5 && (x0 - x1).abs() >= 1.0 {
                self.page.rules.push(Rule { horizontal: true, pos: (y0 + y1) / 2.0, from: x0.min(x1), to: x0.max(x1) });
            } else if (x0 - x1).abs() <= 0.5 && (y0 - y1).abs() >= 1.0 {
                self.page.rules.push(Rule { horizontal: false, pos: (x0 + x1) / 2.0, from: y0.min(y1), to: y0.max(y1) });
            }
        }
    }

    fn interpret(&mut self, data: &[u8], fonts: &Dict<'_>, xobjects: &Dict<'_>, state: &mut State, depth: usize) {
        let mut stack: Vec<State> = Vec::new();
        let mut tm = IDENTITY;
        let mut tlm = IDENTITY;
        let mut iter = UntypedIter::new(data);
        let mut by_name: HashMap<Vec<u8>, Option<Rc<Font>>> = HashMap::new();
        // The path being built, as device-space segments; thin filled rectangles are kept apart
        // (Word draws borders as filled bars).
        let mut path: Vec<(f32, f32, f32, f32)> = Vec::new();
        let mut bars: Vec<(f32, f32, f32, f32)> = Vec::new();
        let (mut cur, mut start) = ((0.0f32, 0.0f32), (0.0f32, 0.0f32));
        while let Some(op) = iter.next() {
            if !budget::charge(Resource::Operators, 1) {
                return;
            }
            let args: Vec<&Object<'_>> = op.operands().collect();
            let n = |i: usize| args.get(i).and_then(|o| num(o)).unwrap_or(0.0);
            let name: &[u8] = op.operator;
            match name {
                b"q" if stack.len() < MAX_STATE_DEPTH => stack.push(state.clone()),
                b"Q" => {
                    if let Some(s) = stack.pop() {
                        *state = s;
                    }
                }
                b"cm" => {
                    let m = [n(0), n(1), n(2), n(3), n(4), n(5)];
                    state.ctm = mul(&m, &state.ctm);
                }
                b"m" => {
                    cur = apply(&state.ctm, n(0), n(1));
                    start = cur;
                }
                b"l" => {
                    let p = apply(&state.ctm, n(0), n(1));
                    if path.len() < MAX_RULES {
                        path.push((cur.0, cur.1, p.0, p.1));
                    }
                    cur = p;
                }
                b"c" | b"v" | b"y" => {
                    let k = if name == b"c" { 4 } else { 2 };
                    cur = apply(&state.ctm, n(k), n(k + 1));
                }
                b"h" => {
                    if path.len() < MAX_RULES {
                        path.push((cur.0, cur.1, start.0, start.1));
                    }
                    cur = start;
                }
                b"re" => {
                    let (x, y, w, h) = (n(0), n(1), n(2), n(3));
                    let c = [(x, y), (x + w, y), (x + w, y + h), (x, y + h)].map(|(a, b)| apply(&state.ctm, a, b));
                    let (dx, dy) = ((c[0].0 - c[2].0).abs(), (c[0].1 - c[2].1).abs());
                    if dy <= 2.5 && dx > dy {
                        let y = (c[0].1 + c[2].1) / 2.0;
                        bars.push((c[0].0, y, c[2].0, y));
                    } else if dx <= 2.5 && dy > dx {
                        let x = (c[0].0 + c[2].0) / 2.0;
                        bars.push((x, c[0].1, x, c[2].1));
                    }
                    if path.len() + 4 <= MAX_RULES {
                        path.extend((0..4).map(|i| (c[i].0, c[i].1, c[(i + 1) % 4].0, c[(i + 1) % 4].1)));
                    }
                    cur = c[0];
                    start = c[0];
                }
                b"S" | b"s" | b"B" | b"B*" | b"b" | b"b*" | b"f" | b"F" | b"f*" | b"n" => {
                    if matches!(name, b"S" | b"s" | b"B" | b"B*" | b"b" | b"b*") {
                        self.paint(&path);
                    } else if name != b"n" {
                        self.paint(&bars);
                    }
                    path.clear();
                    bars.clear();
                }
                b"BT" => {
                    tm = IDENTITY;
                    tlm = IDENTITY;
                }
                b"Tf" => {
                    state.size = n(1);
                    state.font = match args.first() {
                        // Looking a font up parses its dictionary again: once per name is enough.
                        Some(Object::Name(f)) => match by_name.get(f.as_ref()) {
                            Some(font) => font.clone(),
                            None => {
                                let font = fonts.get::<Dict<'_>>(f.as_ref()).map(|d| self.ctx.font(&d));
                                if by_name.len() < 1000 {
                                    by_name.insert(f.as_ref().to_vec(), font.clone());
                                }
                                font
                            }
                        },
                        _ => None,
                    };
                }
                b"Tc" => state.char_spacing = n(0),
                b"Tw" => state.word_spacing = n(0),
                b"Tz" => state.scale = n(0) / 100.0,
                b"TL" => state.leading = n(0),
                b"Ts" => state.rise = n(0),
                b"Td" | b"TD" => {
                    if name == b"TD" {
                        state.leading = -n(1);
                    }
                    tlm = mul(&[1.0, 0.0, 0.0, 1.0, n(0), n(1)], &tlm);
                    tm = tlm;
                }
                b"Tm" => {
                    tlm = [n(0), n(1), n(2), n(3), n(4), n(5)];
                    tm = tlm;
                }
                b"T*" => {
                    tlm = mul(&[1.0, 0.0, 0.0, 1.0, 0.0, -state.leading], &tlm);
                    tm = tlm;
                }
                b"Tj" | b"'" | b"\"" => {
                    if name != b"Tj" {
                        if name == b"\"" {
                            state.word_spacing = n(0);
                            state.char_spacing = n(1);
                        }
                        tlm = mul(&[1.0, 0.0, 0.0, 1.0, 0.0, -state.leading], &tlm);
                        tm = tlm;
                    }
                    if let Some(Object::String(s)) = args.last() {
                        self.show(s.as_bytes(), state, &mut tm);
                    }
                }
                b"TJ" => {
                    if let Some(Object::Array(a)) = args.first() {
                        for item in a.iter::<Object<'_>>().take(100_000) {
                            match item {
                                Object::String(s) => self.show(s.as_bytes(), state, &mut tm),
                                Object::Number(k) => {
                                    let tx = -k.as_f32() / 1000.0 * state.size * state.scale;
                                    if tx.is_finite() {
                                        tm = mul(&[1.0, 0.0, 0.0, 1.0, tx, 0.0], &tm);
                                    }
                                }
                                _ => {}
                            }
                        }
                    }
                }
                b"Do" if depth < MAX_FORM_DEPTH => {
                    let Some(Object::Name(x)) = args.first() else { continue };
                    let Some(form) = xobjects.get::<Stream<'_>>(x.as_ref()) else { continue };
                    if form.dict().get::<Name<'_>>(b"Subtype").as_deref() != Some(b"Form".as_slice()) {
                        continue;
                    }
                    let Some(body) = self.ctx.decoded(&form) else { continue };
                    let m: Matrix = form
                        .dict()
                        .get::<Array<'_>>(b"Matrix")
                        .and_then(|a| <[f32; 6]>::try_from(a.iter::<f32>().take(6).collect::<Vec<_>>()).ok())
                        .unwrap_or(IDENTITY);
                    // A form without its own resources uses its parent's.
                    let own = form.dict().get::<Dict<'_>>(b"Resources");
                    let own_fonts = own.as_ref().and_then(|r| r.get::<Dict<'_>>(b"Font"));
                    let own_xobjects = own.as_ref().and_then(|r| r.get::<Dict<'_>>(b"XObject"));
                    let mut inner = state.clone();
                    inner.ctm = mul(&m, &state.ctm);
                    self.interpret(
                        &body,
                        own_fonts.as_ref().unwrap_or(fonts),
                        own_xobjects.as_ref().unwrap_or(xobjects),
                        &mut inner,
                        depth + 1,
                    );
                }
                _ => {}
            }
        }
    }

    /// Places the glyphs of one string and advances the text matrix.
    fn show(&mut self, s: &[u8], state: &State, tm: &mut Matrix) {
        let Some(font) = state.font.clone() else { return };
        let decode = self.ctx.decode;
        for (code, len) in font.split(s) {
            let w0 = font.width(code, len) / 1000.0;
            let m = mul(tm, &state.ctm);
            let (x, y) = apply(&m, 0.0, state.rise);
            let (x_end, _) = apply(&m, w0 * state.size * state.scale, state.rise);
            // The glyph's height on the page: the font size through the matrices' vertical scale.
            let size = (state.size * m[2].hypot(m[3])).abs();
            let (cx, cy) = apply(&m, w0 * state.size * state.scale / 2.0, state.rise + 0.35 * state.size);
            if let Some(text) = font.text(code, len, decode) {
                let finite = [x, y, x_end, size, cx, cy].iter().all(|v| v.is_finite());
                if finite && budget::charge(Resource::Glyphs, 1) {
                    self.page.glyphs.push(Glyph { x, x_end: x_end.max(x), y, size: size.max(0.1), cx, cy, text });
                }
            }
            let space = if len == 1 && code == 32 { state.word_spacing } else { 0.0 };
            let tx = (w0 * state.size + state.char_spacing + space) * state.scale;
            *tm = mul(&[1.0, 0.0, 0.0, 1.0, tx, 0.0], tm);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Layout: glyphs → lines → cells.

/// A visual line: its baseline, and its cells left to right.
struct Line {
    y: f32,
    size: f32,
    cells: Vec<Span>,
}

/// A run of glyphs without a wide gap: one cell's text.
struct Span {
    x: f32,
    x_end: f32,
    size: f32,
    text: String,
    /// Where the span's first unbreakable word ends ("2025年" breaks after its digits' run;
    /// a Chinese character is a word by itself): whether it would have fitted on the line above.
    word_end: f32,
    /// A label printed down a narrow cell, one character per line, read as one line: every
    /// one of its lines was full.
    vertical: bool,
}

/// A block as laid out on its page: where it starts, and for a ruled table its column borders.
struct Placed {
    y: f32,
    block: Block,
    cols: Option<Vec<f32>>,
    /// For a ruled table, how each cell's text fills it (parallel to the grid's rows).
    fill: Vec<Vec<Fill>>,
    /// A paragraph's font size, whether it runs to the right margin and whether it starts at
    /// the left one (see `Para`).
    ends: Option<(f32, bool, bool)>,
}

fn layout(page: Page, use_rules: bool) -> Vec<Placed> {
    let Page { glyphs, rules } = page;
    let tables = if use_rules { tables(&rules) } else { Vec::new() };
    // Glyphs inside a table go to its cells; the rest make lines.
    let mut inside: Vec<Vec<Glyph>> = vec![Vec::new(); tables.len()];
    let mut free = Vec::new();
    for g in glyphs {
        match tables.iter().position(|t| t.contains(g.cx, g.cy)) {
            Some(t) => inside[t].push(g),
            None => free.push(g),
        }
    }
    // Blocks with the y of their top, merged top to bottom.
    let mut placed: Vec<Placed> = Vec::new();
    for (t, gs) in tables.iter().zip(inside) {
        if let Some((grid, fill)) = t.grid(gs).filter(|(g, _)| budget::charge(Resource::Cells, g.rows.iter().map(Vec::len).sum())) {
            placed.push(Placed { y: t.top(), block: Block::Table(grid), cols: Some(t.xs.clone()), fill, ends: None });
        }
    }
    let mut lines = group_lines(free);
    lift_vertical_labels(&mut lines);
    lines.retain(|l| l.cells.iter().any(|c| !c.text.trim().is_empty()));
    for p in paragraphs(&lines) {
        let ends = Some((p.size, p.open, p.flush));
        placed.push(Placed { y: p.y, block: Block::Para(p.text), cols: None, fill: Vec::new(), ends });
    }
    for l in lines.into_iter().filter(|l| l.cells.len() > 1 && budget::charge(Resource::Cells, l.cells.len())) {
        let row = l.cells.into_iter().enumerate().map(|(i, c)| Cell::new(c.text, i)).collect();
        placed.push(Placed { y: l.y, block: Block::Table(Grid { rows: vec![row] }), cols: None, fill: Vec::new(), ends: None });
    }
    // Stable: blocks keep their order among equals.
    placed.sort_by(|a, b| b.y.total_cmp(&a.y));
    placed
}

/// Running text wraps at the right margin: a line that reaches it continues on the next line when
/// that one starts back at the left margin in the same font. A title centred over two lines in a
/// large font is one paragraph too. Every other single-cell line stands alone.
fn paragraphs(lines: &[Line]) -> Vec<Para> {
    let singles: Vec<&Line> = lines.iter().filter(|l| l.cells.len() == 1).collect();
    let left = singles.iter().map(|l| l.cells[0].x).fold(f32::INFINITY, f32::min);
    let right = singles.iter().map(|l| l.cells[0].x_end).fold(f32::NEG_INFINITY, f32::max);
    let mut sizes: Vec<f32> = singles.iter().map(|l| l.size).collect();
    sizes.sort_by(f32::total_cmp);
    let body = sizes.get(sizes.len() / 2).copied().unwrap_or(0.0);
    // The page's usual line pitch (line spacing differs from file to file: 1.5 to 3 sizes).
    let mut pitches: Vec<f32> = singles
        .windows(2)
        .filter(|w| (w[0].size - w[1].size).abs() <= 0.1 * w[0].size)
        .map(|w| (w[0].y - w[1].y) / w[0].size)
        .filter(|p| (0.8..=4.0).contains(p))
        .collect();
    pitches.sort_by(f32::total_cmp);
    let pitch_of_page = pitches.get(pitches.len() / 2).copied().unwrap_or(1.6);
    let mut out: Vec<Para> = Vec::new();
    let mut prev: Option<&Line> = None;
    for (i, l) in lines.iter().enumerate() {
        if l.cells.len() != 1 {
            prev = None;
            continue;
        }
        let c = &l.cells[0];
        let joins = prev.is_some_and(|p| {
            let pc = &p.cells[0];
            let same_font = (p.size - l.size).abs() <= 0.1 * p.size;
            let pitch = p.y - l.y;
            let next_line = pitch >= 0.8 * p.size && pitch <= (1.2 * pitch_of_page).max(1.6) * p.size;
            // The line above ends where the next line's first word would not have fitted.
            let full = pc.x_end >= right - 1.5 * p.size || pc.x_end + (c.word_end - c.x) > right - 0.5 * l.size;
            let wrapped = full && c.x <= left + 1.0 * l.size;
            let centre = (left + right) / 2.0;
            let centred = |s: &Span| ((s.x + s.x_end) / 2.0 - centre).abs() <= 2.0 * s.size;
            let title = l.size >= 1.2 * body && centred(pc) && centred(c) && pitch <= 2.5 * p.size;
            same_font && (next_line && wrapped || title)
        });
        let open = c.x_end >= right - 1.5 * l.size;
        match out.last_mut() {
            Some(p) if joins => {
                p.text.push_str(c.text.trim());
                p.open = open;
            }
            _ => out.push(Para { y: l.y, text: c.text.trim().to_string(), size: l.size, open, flush: c.x <= left + 0.5 * l.size }),
        }
        prev = Some(&lines[i]);
    }
    out
}

/// A paragraph of a page, with what joining it to the next page's first paragraph needs.
struct Para {
    y: f32,
    text: String,
    size: f32,
    /// Its last line runs to the right margin: the text may go on.
    open: bool,
    /// Its first line starts at the left margin: no indent, so no new paragraph.
    flush: bool,
}

/// What a page break does to a table: the next page starts with the same table (same outer
/// borders), maybe under its header rows printed again ("重复标题行"), and maybe with the rest of
/// the row the break cut (its label's end, its numbers, the last digits of a wrapped number).
/// The repeated header rows are dropped; the rest of the row is put back into it when the two
/// parts fit together cell by cell; when they cannot be told apart, both are marked doubtful and
/// recognition leaves them unread. A sentence the break cuts is one paragraph again.
fn continue_row(blocks: &mut Vec<Block>, last: &mut Last, mut placed: Vec<Placed>) {
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
struct Last {
    table: Option<TableEnd>,
    open_para: Option<(usize, f32)>,
}

/// The ruled table a page ended with: its block, its column borders, how its cells are filled,
/// and the header rows of the table it belongs to (as printed where the table began).
struct TableEnd {
    at: usize,
    cols: Vec<f32>,
    fill: Vec<Vec<Fill>>,
    header: Vec<String>,
}

fn row_text(row: &[Cell]) -> String {
    crate::text::norm(&row.iter().map(|c| c.text.as_str()).collect::<String>())
}

fn has_number(row: &[Cell]) -> bool {
    use crate::cell::{parse, CellState};
    row.iter().any(|c| parse(&c.text).state == CellState::Number)
}

/// A table's header rows: its leading rows before the first that holds a number.
fn header_rows(g: &Grid) -> Vec<String> {
    g.rows.iter().take(8).take_while(|r| !has_number(r)).map(|r| row_text(r)).collect()
}

/// How many of a continued table's first rows repeat its header rows, in order.
fn repeated_header_rows(next: &Grid, header: &[String]) -> usize {
    next.rows.iter().zip(header).take_while(|(r, h)| !h.is_empty() && !has_number(r) && row_text(r) == **h).count()
}

fn drop_rows(g: &mut Grid, fill: &mut Vec<Vec<Fill>>, n: usize) {
    let n = n.min(g.rows.len());
    g.rows.drain(..n);
    fill.drain(..n.min(fill.len()));
}

/// A row whose parts the page break left apart: its numbers are not to be read.
fn doubt_values(row: Option<&mut Vec<Cell>>) {
    use crate::cell::{parse, CellState};
    for c in row.into_iter().flatten() {
        if parse(&c.text).state != CellState::Text || c.text.trim().is_empty() {
            c.doubt = Some(crate::document::Doubt::PageBreak);
        }
    }
}

/// A label that starts an item of the format's numbering: "（一）", "一、", "1." / "1、".
fn starts_item(s: &str) -> bool {
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
enum Join {
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
fn join_rows(prev: &mut Grid, prev_cols: &[f32], prev_fill: &[Vec<Fill>], next: &Grid, next_cols: &[f32]) -> Join {
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

/// A ruled table: the x of its column borders (left to right) and the y of its row borders (top
/// to bottom), and for each slot between them whether the border to its right / below is drawn.
struct Lattice {
    xs: Vec<f32>,
    ys: Vec<f32>,
    /// right[r][c]: a rule between slot (r, c) and (r, c + 1).
    right: Vec<Vec<bool>>,
    /// below[r][c]: a rule between slot (r, c) and (r + 1, c).
    below: Vec<Vec<bool>>,
}

const MAX_LATTICE: usize = 300;
/// How far apart two rules may be and still be one border (double lines, pen widths).
const RULE_TOL: f32 = 2.0;

/// Positions within `RULE_TOL` of each other as one.
fn cluster(mut v: Vec<f32>) -> Vec<f32> {
    v.sort_by(f32::total_cmp);
    let mut out: Vec<(f32, usize)> = Vec::new();
    for x in v {
        match out.last_mut() {
            Some((sum, n)) if x - *sum / *n as f32 <= RULE_TOL => {
                *sum += x;
                *n += 1;
            }
            _ => out.push((x, 1)),
        }
    }
    out.into_iter().map(|(sum, n)| sum / n as f32).collect()
}

/// The page's rules in groups that touch each other, each group a table when it has at least
/// two rows or two columns of slots.
fn tables(rules: &[Rule]) -> Vec<Lattice> {
    let rules: Vec<Rule> = rules.iter().copied().filter(|r| r.to - r.from >= 1.0).take(5_000).collect();
    // Grouping compares rules pairwise: charged as operators (one per hundred comparisons), so
    // pages of thousands of rules cannot repeat it until the time runs out.
    if !budget::charge(Resource::Operators, rules.len() * rules.len() / 100) {
        return Vec::new();
    }
    // A border runs from one crossing rule to another; an underline or a strike-through stops
    // in the middle of a cell, so a rule with a free end is not a border.
    let ends_on = |r: &Rule, others: &[Rule]| {
        let on = |at: f32| {
            others.iter().any(|o| {
                o.horizontal != r.horizontal && (o.pos - at).abs() <= RULE_TOL && r.pos >= o.from - RULE_TOL && r.pos <= o.to + RULE_TOL
            })
        };
        on(r.from) && on(r.to)
    };
    let horizontal: Vec<Rule> = rules.iter().copied().filter(|r| r.horizontal && ends_on(r, &rules)).collect();
    let vertical: Vec<Rule> = rules.iter().copied().filter(|r| !r.horizontal && ends_on(r, &horizontal)).collect();
    let rules: Vec<Rule> = horizontal.into_iter().chain(vertical).collect();
    let n = rules.len();
    let mut parent: Vec<usize> = (0..n).collect();
    fn root(p: &mut [usize], mut i: usize) -> usize {
        while p[i] != i {
            p[i] = p[p[i]];
            i = p[i];
        }
        i
    }
    let touch = |a: &Rule, b: &Rule| {
        let within = |v: f32, r: &Rule| v >= r.from - RULE_TOL && v <= r.to + RULE_TOL;
        if a.horizontal == b.horizontal {
            (a.pos - b.pos).abs() <= RULE_TOL && a.from <= b.to + RULE_TOL && b.from <= a.to + RULE_TOL
        } else {
            within(a.pos, b) && within(b.pos, a)
        }
    };
    for i in 0..n {
        for j in i + 1..n {
            if touch(&rules[i], &rules[j]) {
                let (a, b) = (root(&mut parent, i), root(&mut parent, j));
                parent[a] = b;
            }
        }
    }
    let mut groups: BTreeMap<usize, Vec<Rule>> = BTreeMap::new();
    for (i, rule) in rules.iter().enumerate() {
        let r = root(&mut parent, i);
        groups.entry(r).or_default().push(*rule);
    }
    groups.into_values().filter_map(|g| Lattice::new(&g)).take(200).collect()
}

impl Lattice {
    fn new(rules: &[Rule]) -> Option<Lattice> {
        let xs = cluster(rules.iter().filter(|r| !r.horizontal).map(|r| r.pos).collect());
        let mut ys = cluster(rules.iter().filter(|r| r.horizontal).map(|r| r.pos).collect());
        ys.reverse(); // top first
        if xs.len() < 2 || ys.len() < 2 || xs.len() > MAX_LATTICE || ys.len() > MAX_LATTICE || xs.len() * ys.len() <= 4 {
            return None;
        }
        // The rules at each border position, so that a slot looks only at its own borders.
        let at = |horizontal: bool, pos: f32| -> Vec<(f32, f32)> {
            rules.iter().filter(|r| r.horizontal == horizontal && (r.pos - pos).abs() <= RULE_TOL).map(|r| (r.from, r.to)).collect()
        };
        let vertical: Vec<Vec<(f32, f32)>> = xs.iter().map(|&x| at(false, x)).collect();
        let horizontal: Vec<Vec<(f32, f32)>> = ys.iter().map(|&y| at(true, y)).collect();
        let covers = |list: &[(f32, f32)], v: f32| list.iter().any(|&(a, b)| v >= a - 1.0 && v <= b + 1.0);
        let (rows, cols) = (ys.len() - 1, xs.len() - 1);
        let right =
            (0..rows).map(|r| (0..cols).map(|c| c + 1 == cols || covers(&vertical[c + 1], (ys[r] + ys[r + 1]) / 2.0)).collect()).collect();
        let below = (0..rows)
            .map(|r| (0..cols).map(|c| r + 1 == rows || covers(&horizontal[r + 1], (xs[c] + xs[c + 1]) / 2.0)).collect())
            .collect();
        Some(Lattice { xs, ys, right, below })
    }

    fn top(&self) -> f32 {
        self.ys[0]
    }

    fn contains(&self, x: f32, y: f32) -> bool {
        x >= self.xs[0] && x <= self.xs[self.xs.len() - 1] && y <= self.ys[0] && y >= self.ys[self.ys.len() - 1]
    }

    fn slot(&self, x: f32, y: f32) -> (usize, usize) {
        let c = self.xs.partition_point(|&v| v <= x).clamp(1, self.xs.len() - 1) - 1;
        let r = self.ys.partition_point(|&v| v >= y).clamp(1, self.ys.len() - 1) - 1;
        (r, c)
    }

    /// Slots without a rule between them are one cell (merged cells); each cell's text is its
    /// glyphs' lines, joined with line breaks as a Word cell's paragraphs are.
    fn grid(&self, glyphs: Vec<Glyph>) -> Option<(Grid, Vec<Vec<Fill>>)> {
        let (rows, cols) = (self.ys.len() - 1, self.xs.len() - 1);
        let mut parent: Vec<usize> = (0..rows * cols).collect();
        fn root(p: &mut [usize], mut i: usize) -> usize {
            while p[i] != i {
                p[i] = p[p[i]];
                i = p[i];
            }
            i
        }
        for r in 0..rows {
            for c in 0..cols {
                let i = r * cols + c;
                if !self.right[r][c] {
                    let (a, b) = (root(&mut parent, i), root(&mut parent, i + 1));
                    parent[a.max(b)] = a.min(b);
                }
                if !self.below[r][c] {
                    let (a, b) = (root(&mut parent, i), root(&mut parent, i + cols));
                    parent[a.max(b)] = a.min(b);
                }
            }
        }
        // Each cell: its slot span and its glyphs, keyed by its root (the top-left slot).
        let mut span: BTreeMap<usize, (usize, usize, usize, usize)> = BTreeMap::new();
        for i in 0..rows * cols {
            let k = root(&mut parent, i);
            let (r, c) = (i / cols, i % cols);
            let e = span.entry(k).or_insert((r, c, r, c));
            e.0 = e.0.min(r);
            e.1 = e.1.min(c);
            e.2 = e.2.max(r);
            e.3 = e.3.max(c);
        }
        let mut text: HashMap<usize, Vec<Glyph>> = HashMap::new();
        for g in glyphs {
            let (r, c) = self.slot(g.cx, g.cy);
            let k = root(&mut parent, r * cols + c);
            text.entry(k).or_default().push(g);
        }
        if text.is_empty() {
            return None;
        }
        let mut cells: Vec<(usize, usize, usize, usize, usize)> = span.iter().map(|(&k, &(r0, c0, r1, c1))| (r0, c0, r1, c1, k)).collect();
        cells.sort();
        // Each cell's lines.
        let cell_lines: Vec<Vec<Line>> = cells
            .iter()
            .map(|&(.., k)| {
                text.remove(&k).map_or_else(Vec::new, |gs| {
                    let mut lines = group_lines(gs);
                    lift_vertical_labels(&mut lines);
                    lines
                })
            })
            .collect();
        // The width text may take in a column: cell padding is not in the file, but a line that
        // wraps ran as far as it could, so the widest line followed by another in a cell of the
        // same columns shows it. Without such a line, the cell's own width (an overestimate: a
        // line is then seldom "full", and rows are joined less).
        let width = |l: &Line| l.cells.last().map_or(0.0, |s| s.x_end) - l.cells.first().map_or(0.0, |s| s.x);
        let mut widest: HashMap<(usize, usize), f32> = HashMap::new();
        for (&(_, c0, _, c1, _), lines) in cells.iter().zip(&cell_lines) {
            let w = lines.iter().rev().skip(1).map(width).fold(0.0, f32::max);
            let e = widest.entry((c0, c1)).or_insert(0.0);
            *e = e.max(w);
        }
        // A grid row whose labels hold several items ("1.…" on one line, "2.…" on another) is
        // several table rows whose dividing rules are missing.
        let mut several_rows = vec![false; rows];
        for (&(r0, ..), lines) in cells.iter().zip(&cell_lines) {
            let items = lines.iter().filter(|l| l.cells.first().is_some_and(|s| starts_item(&s.text))).count();
            several_rows[r0] |= items >= 2;
        }
        // A row whose cells hold text and, below it on one baseline, numbers is two rows whose
        // dividing rule is not drawn on this page: the rest of a merged header cell a page break
        // cut, over the data row.
        let line_text = |l: &Line| l.cells.iter().map(|s| s.text.as_str()).collect::<Vec<_>>().join(" ");
        let mut split = vec![false; rows];
        for (r, split) in split.iter_mut().enumerate() {
            let (mut mixed, mut ok, mut base) = (false, !several_rows[r], None::<f32>);
            for ((r0, .., r1, _), lines) in cells.iter().zip(&cell_lines) {
                let Some(last) = lines.last().filter(|_| (*r0, *r1) == (r, r)) else { continue };
                let numbers = lines.iter().filter(|l| number_part(&line_text(l))).count();
                if numbers == 0 {
                    continue;
                }
                let same_base = base.is_none_or(|b| (b - last.y).abs() <= 0.5 * last.size);
                ok &= numbers == 1 && number_part(&line_text(last)) && same_base;
                base = Some(last.y);
                mixed |= lines.len() > 1;
            }
            *split = ok && mixed;
        }
        // Output row of each lattice row (a split row becomes two: its text, then its numbers).
        let at: Vec<usize> = split.iter().scan(0, |n, &s| Some(std::mem::replace(n, *n + 1 + s as usize))).collect();
        let out_rows = rows + split.iter().filter(|&&s| s).count();
        let mut out: Vec<Vec<(String, usize, usize)>> = vec![Vec::new(); out_rows];
        let mut fills: Vec<Vec<Fill>> = vec![Vec::new(); out_rows];
        for (&(r0, c0, r1, c1, _), lines) in cells.iter().zip(&cell_lines) {
            let inner = widest.get(&(c0, c1)).copied().filter(|&w| w > 0.0).unwrap_or(self.xs[c1 + 1] - self.xs[c0]);
            let fill = |lines: &[Line]| {
                // A vertical label's lines are full whatever the column shows.
                let vertical = lines.last().is_some_and(|l| l.cells.iter().any(|s| s.vertical));
                Fill {
                    inner: if vertical { 0.0 } else { inner },
                    last: lines.last().map_or(0.0, width),
                    size: lines.last().map_or(0.0, |l| l.size),
                }
            };
            let (start, end) = (at[r0], at[r1] + split[r1] as usize);
            if r0 == r1 && split[r0] {
                let cut = lines.iter().position(|l| number_part(&line_text(l))).unwrap_or(lines.len());
                let (text, numbers) = lines.split_at(cut);
                for (row, part) in [(start, text), (start + 1, numbers)] {
                    out[row].push((cell_text(part, false), 1, c1 - c0 + 1));
                    fills[row].push(fill(part));
                }
                continue;
            }
            out[start].push((cell_text(lines, several_rows[r0]), end - start + 1, c1 - c0 + 1));
            fills[start].push(fill(lines));
        }
        Some((Grid::place(out), fills))
    }
}

/// How a table cell's text fills it: the width text takes in its column (the widest line of the
/// column's cells), the width of its last line and that line's size. A line is full when the next character would not have
/// fitted: the text was wrapped there, or cut there by a page break.
#[derive(Debug, Clone, Copy, Default)]
struct Fill {
    inner: f32,
    last: f32,
    size: f32,
}

impl Fill {
    /// The next character (about a size wide) would not have fitted.
    fn last_line_full(&self) -> bool {
        self.last + 0.9 * self.size > self.inner
    }
}

/// Digits, with the separators a number may hold: a line that is part of a number.
fn number_part(s: &str) -> bool {
    let t = s.trim();
    !t.is_empty() && t.chars().all(|c| c.is_ascii_digit() || matches!(c, ',' | '.' | '，'))
}

/// A cell's lines joined by line breaks, as a Word cell's paragraphs are — except a number the
/// cell was too narrow for ("14" / "8"): a count cell holds one number, so lines of digits are
/// one number again. (Where rules between rows are missing, one "cell" holds several rows and
/// its lines are several numbers: `several_rows` says so, and then nothing is joined.)
fn cell_text(lines: &[Line], several_rows: bool) -> String {
    let mut out = String::new();
    let mut prev_digits = false;
    for l in lines {
        let t = l.cells.iter().map(|s| s.text.as_str()).collect::<Vec<_>>().join(" ");
        let digits = number_part(&t);
        if !(out.is_empty() || digits && prev_digits && !several_rows) {
            out.push('\n');
        }
        out.push_str(&t);
        prev_digits = digits;
    }
    out
}

/// Glyphs whose baselines lie within a fraction of the font size of each other share a line
/// (cells of one table row are centred, so fonts of different sizes sit a little apart); lines
/// come top to bottom.
fn group_lines(mut glyphs: Vec<Glyph>) -> Vec<Line> {
    glyphs.sort_by(|a, b| b.y.total_cmp(&a.y).then(a.x.total_cmp(&b.x)));
    let mut lines: Vec<(f32, f32, Vec<Glyph>)> = Vec::new(); // (first baseline, size, glyphs)
    for g in glyphs {
        // Only the last few lines can be close: glyphs come in falling baseline order.
        let found =
            lines.iter_mut().rev().take(4).find(|(y, size, _)| (y - g.y).abs() <= 0.45 * size.max(g.size).min(2.0 * size.min(g.size)));
        match found {
            Some((_, size, gs)) => {
                if !g.is_space() {
                    *size = size.max(g.size);
                }
                gs.push(g);
            }
            None => lines.push((g.y, g.size, vec![g])),
        }
    }
    lines.into_iter().map(|(y, size, gs)| Line { y, size, cells: cells(gs) }).collect()
}

/// Cuts a line's glyphs into cells at gaps much wider than a character. Digits of one number
/// stand together, so two digits apart by half a character are two numbers.
fn cells(mut gs: Vec<Glyph>) -> Vec<Span> {
    gs.sort_by(|a, b| a.x.total_cmp(&b.x));
    // Glyphs drawn twice (a bold effect) would double the text.
    gs.dedup_by(|b, a| b.text == a.text && (b.x - a.x).abs() < 0.2 * a.size && (b.y - a.y).abs() < 0.2 * a.size);
    let mut out: Vec<Span> = Vec::new();
    let mut pending_space = false;
    for g in gs {
        if g.is_space() {
            pending_space = true;
            continue;
        }
        let digit = |s: &str| s.chars().all(|c| c.is_ascii_digit() || c == '.');
        let alnum = |s: &str| s.chars().all(|c| c.is_ascii_alphanumeric() || c == '.');
        if let Some(last) = out.last_mut() {
            let gap = g.x - last.x_end;
            let size = last.size.max(g.size);
            let both_digits = digit(&g.text) && last.text.chars().last().is_some_and(|c| c.is_ascii_digit() || c == '.');
            // A number after a Chinese label: running text puts at most a narrow space there
            // ("收到 70 件"), a table cell's padding is wider.
            let label_number = digit(&g.text) && last.text.chars().last().is_some_and(|c| !c.is_ascii());
            let limit = if both_digits {
                0.4 * size
            } else if label_number {
                0.6 * size
            } else {
                1.2 * size
            };
            if gap <= limit {
                if pending_space || gap > 0.25 * size {
                    last.text.push(' ');
                }
                let in_word = !pending_space && gap <= 0.25 * size && last.word_end == last.x_end && alnum(&last.text) && alnum(&g.text);
                last.text.push_str(&g.text);
                last.x_end = last.x_end.max(g.x_end);
                if in_word {
                    last.word_end = last.x_end;
                }
                last.size = size;
                pending_space = false;
                continue;
            }
        }
        pending_space = false;
        out.push(Span { x: g.x, x_end: g.x_end, size: g.size, word_end: g.x_end, text: g.text, vertical: false });
    }
    out
}

/// A label printed one character per line down a merged cell (三、本年度办理结果) would put a
/// stray character on some table rows and take their label's place. Such a column of short
/// cells at one x, on consecutive lines, is taken out of those lines and read as one label line
/// where it starts.
fn lift_vertical_labels(lines: &mut Vec<Line>) {
    /// Lines looked at below a label character for the next one (a real label's characters have
    /// a few lines beside them; tiny lines under a huge character must not make this quadratic).
    const LOOK: usize = 64;
    let short = |s: &Span| {
        let n = s.text.chars().filter(|c| !c.is_whitespace()).count();
        (1..=2).contains(&n) && !s.text.chars().any(|c| c.is_ascii_alphanumeric())
    };
    // Labels found, each with the index of the line it goes before; lines are rebuilt once at
    // the end (an insert and a retain per label made many labels quadratic).
    let mut labels: Vec<(usize, Line)> = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let Some(first) = lines[i].cells.first().filter(|c| short(c)) else {
            i += 1;
            continue;
        };
        let (x, size) = (first.x, first.size);
        // Follow the column down: each next character is the first cell of a line not far below.
        let mut members = vec![i];
        let mut last_y = lines[i].y;
        let mut since = 0;
        for (j, l) in lines.iter().enumerate().skip(i + 1) {
            if last_y - l.y > 2.5 * size || since >= LOOK {
                break;
            }
            if l.cells.first().is_some_and(|c| short(c) && (c.x - x).abs() <= 0.5 * size && (c.size - size).abs() <= 0.2 * size) {
                members.push(j);
                last_y = l.y;
                since = 0;
            } else {
                since += 1;
            }
        }
        if members.len() < 3 {
            i += 1;
            continue;
        }
        let text: String = members.iter().map(|&j| lines[j].cells[0].text.trim().to_string()).collect();
        let y = lines[i].y;
        for &j in &members {
            lines[j].cells.remove(0);
        }
        labels.push((i, Line { y, size, cells: vec![Span { x, x_end: x + size, size, word_end: x + size, text, vertical: true }] }));
        i = members.last().copied().unwrap_or(i) + 1;
    }
    if labels.is_empty() {
        return;
    }
    let mut labels = labels.into_iter().peekable();
    let old = std::mem::take(lines);
    for (k, l) in old.into_iter().enumerate() {
        while let Some((_, label)) = labels.next_if(|(at, _)| *at == k) {
            lines.push(label);
        }
        if !l.cells.is_empty() {
            lines.push(l);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cmap_reads_bfchar_and_bfrange() {
        let m = CMap::parse(
            b"/CIDInit /ProcSet findresource begin 1 begincodespacerange <0000> <FFFF> endcodespacerange\n\
              2 beginbfchar <0003> <0020> <01A2> <6570> endbfchar\n\
              2 beginbfrange <0010> <0012> <0030> <0020> <0021> [<5E74> <D840DC00>] endbfrange end",
        );
        assert_eq!(m.codespace, vec![(2, 0, 0xffff)]);
        assert_eq!(m.get(0x01a2, 2).as_deref(), Some("数"));
        assert_eq!(m.get(0x0011, 2).as_deref(), Some("1"));
        assert_eq!(m.get(0x0021, 2).as_deref(), Some("\u{20000}"));
        assert_eq!(m.get(0x0013, 2), None);
        assert_eq!(m.get(0x01a2, 1), None, "a one-byte code is not a two-byte one");
    }

    fn g(x: f32, y: f32, text: &str) -> Glyph {
        let w = 10.0 * text.chars().count() as f32;
        Glyph { x, x_end: x + w, y, size: 10.0, cx: x + w / 2.0, cy: y + 3.5, text: text.into() }
    }

    #[test]
    fn wide_gaps_make_cells_and_digits_apart_are_two_numbers() {
        let line = cells(vec![g(0.0, 0.0, "规"), g(10.0, 0.0, "章"), g(100.0, 0.0, "1"), g(105.0, 0.0, "2"), g(121.0, 0.0, "3")]);
        let texts: Vec<&str> = line.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(texts, ["规章", "12", "3"]);
    }

    fn h(y: f32, from: f32, to: f32) -> Rule {
        Rule { horizontal: true, pos: y, from, to }
    }

    fn v(x: f32, from: f32, to: f32) -> Rule {
        Rule { horizontal: false, pos: x, from, to }
    }

    fn texts(g: &Grid) -> Vec<Vec<(String, usize, usize)>> {
        g.rows.iter().map(|r| r.iter().map(|c| (c.text.clone(), c.col, c.row_span)).collect()).collect()
    }

    /// Two rows, three columns; the first column is one merged cell (no rule between its rows);
    /// an underline under "1" ends inside its cell and is no border.
    #[test]
    fn ruled_tables_become_grids_with_merged_cells() {
        let rules = vec![
            h(100.0, 0.0, 300.0),
            h(80.0, 100.0, 300.0),
            h(60.0, 0.0, 300.0),
            v(0.0, 60.0, 100.0),
            v(100.0, 60.0, 100.0),
            v(200.0, 60.0, 100.0),
            v(300.0, 60.0, 100.0),
            h(83.0, 140.0, 160.0), // underline
        ];
        let t = tables(&rules);
        assert_eq!(t.len(), 1);
        let glyphs = vec![g(10.0, 85.0, "甲"), g(20.0, 70.0, "乙"), g(140.0, 85.0, "1"), g(240.0, 85.0, "2"), g(140.0, 65.0, "3")];
        let (grid, _) = t[0].grid(glyphs).unwrap();
        assert_eq!(
            texts(&grid),
            vec![
                vec![("甲\n乙".to_string(), 0, 2), ("1".to_string(), 1, 1), ("2".to_string(), 2, 1)],
                vec![("3".to_string(), 1, 1), (String::new(), 2, 1)],
            ]
        );
    }

    /// Fill of one row's cells: (last line's width) in a column 90 wide, size 10.
    fn fills(last: &[f32]) -> Vec<Vec<Fill>> {
        vec![last.iter().map(|&l| Fill { inner: 90.0, last: l, size: 10.0 }).collect()]
    }

    #[test]
    fn a_row_cut_by_a_page_break_is_put_back_together_only_when_its_parts_fit() {
        let cols = [0.0, 100.0, 200.0];
        let join = |prev: &[&str; 2], last: &[f32], next: &[&str; 2]| {
            let mut g = Grid::from_rows([*prev]);
            let j = join_rows(&mut g, &cols, &fills(last), &Grid::from_rows([*next]), &cols);
            (j, g.rows[0].iter().map(|c| c.text.clone()).collect::<Vec<_>>())
        };
        // The label's end, where the line above it ran full.
        assert_eq!(join(&["1.属于国家", "0"], &[88.0, 6.0], &["秘密", ""]), (Join::Joined, vec!["1.属于国家\n秘密".into(), "0".into()]));
        // The numbers on the next page, the label before the break.
        assert_eq!(join(&["5.要求行政机关确认", ""], &[88.0, 0.0], &["或重新出具", "3"]).1, vec!["5.要求行政机关确认\n或重新出具", "3"]);
        assert_eq!(join(&["4.保护第三方合法权益", ""], &[50.0, 0.0], &["", "12"]).1, vec!["4.保护第三方合法权益", "12"]);
        // A new item, a short label that was not cut ("行政强制 | 54" after "行政处罚"), a data row
        // after a header row: rows of their own.
        assert_eq!(join(&["1.属于国家秘密", "0"], &[88.0, 6.0], &["2.其他法律", "1"]).0, Join::Apart);
        assert_eq!(join(&["行政处罚", "1330"], &[40.0, 20.0], &["行政强制", "54"]).0, Join::Apart);
        // Text alone goes on the label above, cut or not: were it a row of its own ("行政强制"
        // left blank), the two labels name two rows, and recognition reads neither.
        assert_eq!(join(&["行政处罚", "1330"], &[40.0, 20.0], &["行政强制", ""]).0, Join::Joined);
        assert_eq!(join(&["信息内容", "本年收费金额"], &[40.0, 60.0], &["行政事业性收费", "5949.08"]).0, Join::Apart);
        assert_eq!(join(&["第二十条", ""], &[40.0, 0.0], &["信息内容", "数量"]).0, Join::Apart);
        // Digits under digits after a cut label: "3" / "0" kept on two lines for recognition.
        assert_eq!(
            join(&["（一）予以公", "3"], &[88.0, 6.0], &["开", "0"]),
            (Join::Joined, vec!["（一）予以公\n开".into(), "3\n0".into()])
        );
        // The rest of the row, but a piece of text lands on a number: it cannot be put back.
        let cols3 = [0.0, 100.0, 200.0, 300.0];
        let mut prev = Grid::from_rows([["（一）予以公", "", "3"]]);
        let f3 = vec![vec![Fill { inner: 90.0, last: 88.0, size: 10.0 }; 3]];
        assert_eq!(join_rows(&mut prev, &cols3, &f3, &Grid::from_rows([["开", "5", "注"]]), &cols3), Join::Unsure);
    }

    #[test]
    fn repeated_header_rows_are_told_by_the_table_s_first_rows() {
        let first = Grid::from_rows([vec!["（本列数据的勾稽关系为：…）", "申请人情况"], vec!["", "自然人"], vec!["一、本年新收", "5"]]);
        let header = header_rows(&first);
        assert_eq!(header.len(), 2, "the rows before the first number");
        let next = Grid::from_rows([vec!["（本列数据的勾稽关系为：…）", "申请人情况"], vec!["", "自 然 人"], vec!["（二）部分公开", "1"]]);
        assert_eq!(repeated_header_rows(&next, &header), 2);
        let plain = Grid::from_rows([vec!["（二）部分公开", "1"]]);
        assert_eq!(repeated_header_rows(&plain, &header), 0);
    }

    #[test]
    fn a_number_too_wide_for_its_cell_is_one_number() {
        let l = |t: &str| line(0.0, 0.0, 8.0, 10.0, t);
        assert_eq!(cell_text(&[l("14"), l("8")], false), "148");
        assert_eq!(cell_text(&[l("1,2"), l("34")], false), "1,234");
        // Text, or lines that are several rows run together, keep their breaks.
        assert_eq!(cell_text(&[l("本年"), l("新收")], false), "本年\n新收");
        assert_eq!(cell_text(&[l("3"), l("0")], true), "3\n0");
    }

    fn line(y: f32, x: f32, x_end: f32, size: f32, text: &str) -> Line {
        Line { y, size, cells: vec![Span { x, x_end, size, word_end: x + size, text: text.into(), vertical: false }] }
    }

    #[test]
    fn wrapped_running_text_is_one_paragraph_and_a_heading_stands_alone() {
        let lines = vec![
            line(800.0, 200.0, 400.0, 22.0, "某某市人民政府"),
            line(772.0, 150.0, 450.0, 22.0, "2024 年政府信息公开工作年度报告"),
            line(700.0, 80.0, 200.0, 16.0, "一、总体情况"),
            line(672.0, 112.0, 520.0, 16.0, "本报告所列数据统计期限为"),
            line(644.0, 80.0, 300.0, 16.0, "2024年1月1日至12月31日。"),
            line(616.0, 112.0, 400.0, 16.0, "新的段落。"),
        ];
        let p: Vec<String> = paragraphs(&lines).into_iter().map(|p| p.text).collect();
        assert_eq!(
            p,
            [
                "某某市人民政府2024 年政府信息公开工作年度报告",
                "一、总体情况",
                "本报告所列数据统计期限为2024年1月1日至12月31日。",
                "新的段落。"
            ]
        );
    }

    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn predefined_chinese_cmaps_read_without_to_unicode() {
        let font = |codes, predefined| Font {
            codes,
            to_unicode: None,
            simple: None,
            predefined,
            widths: Widths::Cid { ranges: vec![], default: 1000.0 },
        };
        let gbk = font(CodeSplit::Gbk, Predefined::Gbk);
        let codes = gbk.split(&[0xc4, 0xea, b'2']);
        assert_eq!(codes, vec![(0xc4ea, 2), (0x32, 1)]);
        assert_eq!(gbk.text(0xc4ea, 2, crate::readers::native_decoder).as_deref(), Some("年"));
        assert_eq!(gbk.width(0x32, 1), 500.0);
        let ucs2 = font(CodeSplit::Two, Predefined::Ucs2);
        assert_eq!(ucs2.text(0x5e74, 2, crate::readers::native_decoder).as_deref(), Some("年"));
    }

    #[test]
    fn glyph_names_are_cut_at_character_boundaries() {
        assert_eq!(glyph_char("uni4E2D"), Some('中'));
        assert_eq!(glyph_char("uni4E2D4E2D"), Some('中'));
        assert_eq!(glyph_char("uniabc\u{e9}"), None, "four bytes in is inside the é");
        assert_eq!(glyph_char("uni\u{e9}\u{e9}"), None);
        assert_eq!(glyph_char("u\u{e9}\u{e9}"), None);
        assert_eq!(glyph_char("\u{e9}"), Some('\u{e9}'));
    }

    #[test]
    fn many_vertical_labels_are_lifted_in_order() {
        // Two labels of three characters, each beside two rows of another cell.
        let mut glyphs = Vec::new();
        for (k, label) in ["一二三", "四五六"].iter().enumerate() {
            let top = 1000.0 - 100.0 * k as f32;
            for (i, c) in label.chars().enumerate() {
                glyphs.push(g(0.0, top - 15.0 * i as f32, &c.to_string()));
                glyphs.push(g(100.0, top - 15.0 * i as f32, "值"));
            }
        }
        let mut lines = group_lines(glyphs);
        lift_vertical_labels(&mut lines);
        let texts: Vec<Vec<&str>> = lines.iter().map(|l| l.cells.iter().map(|c| c.text.as_str()).collect()).collect();
        assert_eq!(texts, vec![vec!["一二三"], vec!["值"], vec!["值"], vec!["值"], vec!["四五六"], vec!["值"], vec!["值"], vec!["值"]]);
    }

    #[test]
    fn a_vertical_label_leaves_the_rows_it_crosses() {
        let glyphs = vec![
            g(0.0, 100.0, "本"),
            g(30.0, 100.0, "行"),
            g(100.0, 100.0, "1"),
            g(0.0, 85.0, "年"),
            g(0.0, 70.0, "度"),
            g(30.0, 70.0, "列"),
            g(100.0, 70.0, "2"),
        ];
        let mut lines = group_lines(glyphs);
        lift_vertical_labels(&mut lines);
        let texts: Vec<Vec<&str>> = lines.iter().map(|l| l.cells.iter().map(|c| c.text.as_str()).collect()).collect();
        assert_eq!(texts, vec![vec!["本年度"], vec!["行", "1"], vec!["列", "2"]]);
    }
}
