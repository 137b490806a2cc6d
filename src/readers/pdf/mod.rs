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

mod content;
mod fonts;
mod lattice;
mod layout;
mod pages;
mod prepare;
#[cfg(test)]
mod tests;

use content::*;
use fonts::*;
use lattice::*;
use layout::*;
use pages::*;

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
    // it never rebuilds them by its own scan (prepare.rs says why).
    let prepared = prepare::prepare(bytes, decode_stream);
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
        pdf.xref().get::<Object<'_>>(ObjectIdentifier::new(prepare::SENTINEL, 0)).is_none(),
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
