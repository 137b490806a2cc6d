//! What hayro-syntax is given: the file's objects, found by one linear scan, checked, and written
//! out again with a cross-reference table that is right by construction.
//!
//! hayro-syntax reads a PDF through its cross-reference table and, when that is broken or an
//! object is not where the table says, rebuilds the table by parsing the file again from every
//! candidate position: quadratic on hostile files (6 MB of nested dictionaries took 5 s, 1 MB
//! of strings that never close 50 s), and a stream with a wrong length is searched for its end
//! once per read. So the reader never hands it the file as it is. This module finds every
//! `N G obj` in one pass, keeps the well-formed objects (nesting at most `MAX_DEPTH`, strings
//! closed, a stream's data found by its `/Length` or by its `endstream`, each byte looked at a
//! bounded number of times), expands object streams into plain objects, and writes them out
//! with a fresh table and a corrected `/Length` where the file's was wrong. Every object the
//! table names then parses, so hayro-syntax never repairs; a sentinel object outside the table
//! shows in debug builds (the fuzzers run them) if it ever does.
//!
//! The scan also tells whether the file was damaged — no usable cross-reference table at its
//! end, objects cut off or broken — so that a damaged file without text is called damaged, not a
//! scan.

use std::io::Write;
use std::ops::Range;

use hayro_syntax::object::{ObjectIdentifier, Stream};
use hayro_syntax::Pdf;

use crate::budget::{self, Resource};

/// Nesting of arrays, dictionaries and parentheses in a string (real files: under 10).
const MAX_DEPTH: usize = 32;
/// Object numbers beyond PDF's own limit (8,388,607) are no real object's.
const MAX_OBJ_NUM: u32 = 8_388_607;
/// Object numbers of what this module adds: the sentinel, and phase one's catalog and pages.
pub(crate) const SENTINEL: u32 = MAX_OBJ_NUM + 1;
const FAKE_CATALOG: u32 = MAX_OBJ_NUM + 2;
const FAKE_PAGES: u32 = MAX_OBJ_NUM + 3;

/// The file as hayro-syntax is to read it, and what the scan found out about it.
pub(crate) struct Prepared {
    pub data: Vec<u8>,
    /// The file's own cross-reference table was unusable, or objects were cut off or broken.
    pub damaged: bool,
}

/// One object as found.
struct Obj {
    num: u32,
    gen: u16,
    /// Where it is defined (for object-stream members: where their stream is): a later
    /// definition of a number replaces an earlier one, as incremental updates do.
    at: usize,
    body: Body,
    /// Its dictionary's `/Type`, when it has one.
    kind: Kind,
    /// It is a dictionary with a `/Pages` reference: what hayro-syntax requires of the catalog
    /// (without one it would rebuild the cross references to look for another).
    has_pages: bool,
}

enum Body {
    /// A value, as bytes of the file.
    Plain(Range<usize>),
    /// A stream: its dictionary and data as bytes of the file; `length_ok` when the dictionary's
    /// own direct `/Length` is the data's length.
    Stream { dict: Range<usize>, data: Range<usize>, length_ok: bool },
    /// A member of an object stream, decoded.
    Member(Vec<u8>),
}

#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Other,
    Catalog,
    XRef,
    ObjStm,
}

/// The trailer's entries that matter: the catalog, and the encryption dictionary with the file
/// identifier it is keyed by (copied as they are written).
#[derive(Default, Clone)]
struct Trailer {
    root: Option<(u32, u16)>,
    encrypt: Option<Range<usize>>,
    id: Option<Range<usize>>,
}

/// Scans `bytes` and writes the file hayro-syntax reads. `decode` decodes a stream (object
/// streams are decoded through hayro-syntax itself, which decrypts them).
pub(crate) fn prepare(bytes: &[u8], decode: impl Fn(&Stream<'_>) -> Option<Vec<u8>>) -> Prepared {
    let mut scan = Scan::new(bytes);
    scan.run();
    if !budget::ok() {
        // The read ends in the budget's error; nothing is written.
        return Prepared { data: Vec::new(), damaged: true };
    }
    let Scan { mut objs, trailers, mut damaged, .. } = scan;
    damaged |= !xref_at_end(bytes, &objs);
    // The last trailer (or cross-reference stream) naming a catalog: incremental updates append
    // theirs. Without one, the last object that says it is a catalog (below, once object
    // streams are expanded).
    let mut trailer = trailers.iter().rev().find(|t| t.root.is_some()).cloned().unwrap_or_default();
    if trailer.root.is_none() {
        trailer.encrypt = trailers.iter().rev().find_map(|t| t.encrypt.clone());
        trailer.id = trailers.iter().rev().find_map(|t| t.id.clone());
    }

    // Object streams: phase one writes the plain objects with a catalog of no pages, so that
    // hayro-syntax can decode (and decrypt) each object stream; their members become plain
    // objects of phase two.
    let streams: Vec<(u32, u16, usize)> = objs.iter().filter(|o| o.kind == Kind::ObjStm).map(|o| (o.num, o.gen, o.at)).collect();
    if !streams.is_empty() {
        let fake = Trailer { root: Some((FAKE_CATALOG, 0)), ..trailer.clone() };
        let data = write(bytes, &mut objs, &fake, true);
        if let Ok(pdf) = Pdf::new(data) {
            for (num, gen, at) in streams {
                let Some(s) = pdf.xref().get::<Stream<'_>>(ObjectIdentifier::new(num, gen.into())) else { continue };
                let Some(decoded) = decode(&s) else { continue };
                let n = s.dict().get::<usize>(b"N").unwrap_or(0);
                let first = s.dict().get::<usize>(b"First").unwrap_or(0);
                if !members(&decoded, n, first, at, &mut objs) {
                    damaged = true;
                }
                if !budget::ok() {
                    break;
                }
            }
        }
    }
    // The catalog named must be one hayro-syntax accepts: the last definition of that number, of
    // that generation, a dictionary with a `/Pages` reference. Else the last object that says it
    // is a catalog and is one.
    let defined = |objs: &[Obj], (num, gen): (u32, u16)| {
        objs.iter().filter(|o| o.num == num).max_by_key(|o| o.at).is_some_and(|o| o.gen == gen && o.has_pages)
    };
    if trailer.root.is_some_and(|r| !defined(&objs, r)) {
        trailer.root = None;
    }
    if trailer.root.is_none() {
        objs.sort_unstable_by_key(|o| o.at);
        trailer.root =
            objs.iter().rev().filter(|o| o.kind == Kind::Catalog && o.has_pages).map(|o| (o.num, o.gen)).find(|&r| defined(&objs, r));
    }
    if trailer.root.is_none() {
        // No catalog: hayro-syntax would look for one by its own scan. Nothing to read.
        return Prepared { data: Vec::new(), damaged: true };
    }
    let data = write(bytes, &mut objs, &trailer, false);
    Prepared { data, damaged }
}

/// The members of one object stream: `n` pairs of (number, offset) before `first`, each offset
/// counted from `first`. False when the stream is malformed (its readable members are kept).
fn members(data: &[u8], n: usize, first: usize, at: usize, objs: &mut Vec<Obj>) -> bool {
    let Some(header) = data.get(..first) else { return false };
    let mut i = 0;
    let mut pairs = Vec::new();
    while pairs.len() < n {
        i = ws(header, i);
        let Some((num, j)) = uint(header, i) else { return false };
        let j2 = ws(header, j);
        let Some((off, k)) = uint(header, j2).filter(|_| j2 > j) else { return false };
        if !budget::charge(Resource::Objects, 2) {
            return false;
        }
        pairs.push((num, off));
        i = k;
    }
    let mut ok = true;
    for (num, off) in pairs {
        let (Ok(num), Some(start)) = (u32::try_from(num), first.checked_add(off as usize)) else {
            ok = false;
            continue;
        };
        let start = ws(data, start.min(data.len()));
        let mut keys = Keys::default();
        match value(data, start, 0, Some(&mut keys)) {
            Ok(end) if num > 0 && num <= MAX_OBJ_NUM && budget::charge(Resource::Objects, keys.pages_cost()) => {
                let (kind, has_pages) = (keys.kind(data), keys.pages.is_some());
                objs.push(Obj { num, gen: 0, at, body: Body::Member(data[start..end].to_vec()), kind, has_pages });
            }
            _ => ok = false,
        }
    }
    ok
}

/// Whether the file ends with a cross-reference section where its last `startxref` says: the
/// `xref` keyword, or an object that is a cross-reference stream. Either way hayro-syntax would
/// have read the file's own table; without one it would have rebuilt it.
fn xref_at_end(b: &[u8], objs: &[Obj]) -> bool {
    let tail = b.len().saturating_sub(4096);
    let Some(k) = rfind(&b[tail..], b"startxref").map(|k| tail + k) else { return false };
    let i = ws(b, k + 9);
    let Some((off, _)) = uint(b, i) else { return false };
    let Ok(off) = usize::try_from(off) else { return false };
    if b.get(off..).is_some_and(|r| r.starts_with(b"xref")) {
        return true;
    }
    objs.iter().any(|o| o.at == off && o.kind == Kind::XRef)
}

/// Writes the objects (the last definition of each number) with a cross-reference table and a
/// trailer; with `fake_root`, plus a catalog of no pages (phase one).
fn write(b: &[u8], objs: &mut [Obj], trailer: &Trailer, fake_root: bool) -> Vec<u8> {
    // The last definition wins: by number, then by where it is defined.
    objs.sort_unstable_by_key(|o| (o.num, o.at));
    // Sized once: each object's bytes, its header and end (under 64 bytes with a corrected
    // length), its line of the table; then the trailer.
    let size: usize = objs
        .iter()
        .map(|o| {
            64 + 20
                + match &o.body {
                    Body::Plain(r) => r.len(),
                    Body::Member(v) => v.len(),
                    Body::Stream { dict, data, .. } => dict.len() + data.len() + 32,
                }
        })
        .sum::<usize>()
        + 4096
        + trailer.encrypt.as_ref().map_or(0, Range::len)
        + trailer.id.as_ref().map_or(0, Range::len);
    let mut out: Vec<u8> = Vec::with_capacity(size);
    out.extend_from_slice(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n");
    let mut table: Vec<(u32, u16, usize)> = Vec::with_capacity(objs.len() + 2);
    for (k, o) in objs.iter().enumerate() {
        if objs.get(k + 1).is_some_and(|next| next.num == o.num) {
            continue;
        }
        // In phase one the object streams are what is to be read; in phase two, their members.
        if !fake_root && o.kind == Kind::ObjStm {
            continue;
        }
        table.push((o.num, o.gen, out.len()));
        let _ = writeln!(out, "{} {} obj", o.num, o.gen);
        match &o.body {
            Body::Plain(r) => out.extend_from_slice(&b[r.clone()]),
            Body::Member(v) => out.extend_from_slice(v),
            Body::Stream { dict, data, length_ok } => {
                if *length_ok {
                    out.extend_from_slice(&b[dict.clone()]);
                } else {
                    // A later key wins in hayro-syntax's dictionaries: the data's real length.
                    out.extend_from_slice(&b[dict.start..dict.end - 2]);
                    let _ = write!(out, " /Length {}>>", data.len());
                }
                out.extend_from_slice(b"\nstream\n");
                out.extend_from_slice(&b[data.clone()]);
                out.extend_from_slice(b"\nendstream");
            }
        }
        out.extend_from_slice(b"\nendobj\n");
    }
    if fake_root {
        table.push((FAKE_CATALOG, 0, out.len()));
        let _ = writeln!(out, "{FAKE_CATALOG} 0 obj\n<< /Type /Catalog /Pages {FAKE_PAGES} 0 R >>\nendobj");
        table.push((FAKE_PAGES, 0, out.len()));
        let _ = writeln!(out, "{FAKE_PAGES} 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj");
    }
    // Not in the table: found only if hayro-syntax rebuilds the table by scanning.
    let _ = writeln!(out, "{SENTINEL} 0 obj\nnull\nendobj");
    let xref = out.len();
    table.sort_by_key(|e| e.0);
    out.extend_from_slice(b"xref\n0 1\n0000000000 65535 f\r\n");
    let mut k = 0;
    while k < table.len() {
        // A subsection per run of consecutive numbers.
        let mut end = k + 1;
        while end < table.len() && table[end].0 == table[end - 1].0 + 1 {
            end += 1;
        }
        let _ = writeln!(out, "{} {}", table[k].0, end - k);
        for &(_, gen, off) in &table[k..end] {
            let _ = writeln!(out, "{off:010} {gen:05} n\r");
        }
        k = end;
    }
    let size = table.last().map_or(1, |e| e.0 + 1).max(1);
    let _ = write!(out, "trailer\n<< /Size {size}");
    if let Some((num, gen)) = trailer.root {
        let _ = write!(out, " /Root {num} {gen} R");
    }
    for (key, r) in [("Encrypt", &trailer.encrypt), ("ID", &trailer.id)] {
        if let Some(r) = r {
            let _ = write!(out, " /{key} ");
            out.extend_from_slice(&b[r.clone()]);
        }
    }
    let _ = writeln!(out, " >>\nstartxref\n{xref}\n%%EOF");
    out
}

// ---------------------------------------------------------------------------------------------
// The scan.

struct Scan<'a> {
    b: &'a [u8],
    objs: Vec<Obj>,
    trailers: Vec<Trailer>,
    damaged: bool,
}

impl<'a> Scan<'a> {
    fn new(b: &'a [u8]) -> Scan<'a> {
        Scan { b, objs: Vec::new(), trailers: Vec::new(), damaged: false }
    }

    /// Objects and trailers, front to back. After an object the scan goes on where it ended;
    /// after a broken one, where it broke: the position only moves forward.
    fn run(&mut self) {
        let b = self.b;
        let mut pos = 0;
        let mut next_obj = find(b, b"obj", 0);
        let mut next_trailer = find(b, b"trailer", 0);
        loop {
            // Searched again from where the scan is, past a stream's data rather than through it.
            if next_obj.is_some_and(|k| k < pos) {
                next_obj = find(b, b"obj", pos);
            }
            if next_trailer.is_some_and(|k| k < pos) {
                next_trailer = find(b, b"trailer", pos);
            }
            match (next_obj, next_trailer) {
                (Some(k), t) if t.is_none_or(|t| k < t) => {
                    next_obj = find(b, b"obj", k + 1);
                    let Some(h) = header_before(b, k, pos) else { continue };
                    // Two units: an object costs this scan's entry and hayro-syntax's.
                    if !budget::charge(Resource::Objects, 2) {
                        return;
                    }
                    match self.object(h, k + 3) {
                        Ok(end) => pos = end,
                        Err(at) => {
                            self.damaged = true;
                            pos = at.max(k + 3);
                        }
                    }
                }
                (_, Some(t)) => {
                    next_trailer = find(b, b"trailer", t + 1);
                    let i = ws(b, t + 7);
                    let mut keys = Keys::default();
                    let dict = if b[i..].starts_with(b"<<") { value(b, i, 0, Some(&mut keys)) } else { Err(i) };
                    match dict {
                        Ok(end) => {
                            self.trailers.push(keys.trailer());
                            pos = end;
                        }
                        Err(at) => pos = at.max(t + 7),
                    }
                }
                (None, None) => return,
                _ => return,
            }
        }
    }

    /// The object whose header (`N G`) starts at `h` and whose `obj` keyword ends at `i`: its end,
    /// or where it broke.
    fn object(&mut self, h: usize, i: usize) -> Result<usize, usize> {
        let b = self.b;
        let (num, j) = uint(b, h).ok_or(i)?;
        let (gen, _) = uint(b, ws(b, j)).ok_or(i)?;
        let start = ws(b, i);
        let mut keys = Keys::default();
        let end = value(b, start, 0, Some(&mut keys))?;
        let (num, gen) = match (u32::try_from(num), u16::try_from(gen)) {
            (Ok(n), Ok(g)) if (1..=MAX_OBJ_NUM).contains(&n) => (n, g),
            _ => return Err(end),
        };
        let k = ws(b, end);
        let (body, end) = if b[start..].starts_with(b"<<") && b[k..].starts_with(b"stream") {
            let (data, length_ok, after) = stream_data(b, k + 6, keys.length)?;
            (Body::Stream { dict: start..end, data, length_ok }, after)
        } else {
            (Body::Plain(start..end), end)
        };
        // `endobj` is optional, as it is for hayro-syntax.
        let k = ws(b, end);
        let end = if b[k..].starts_with(b"endobj") { k + 6 } else { end };
        let kind = keys.kind(b);
        if !budget::charge(Resource::Objects, keys.pages_cost()) {
            return Err(end);
        }
        if kind == Kind::XRef {
            // A cross-reference stream's dictionary is the trailer of its section.
            self.trailers.push(keys.trailer());
        }
        let has_pages = keys.pages.is_some() && matches!(body, Body::Plain(_));
        self.objs.push(Obj { num, gen, at: h, body, kind, has_pages });
        Ok(end)
    }
}

/// A stream's data after the `stream` keyword that ends at `i`: as hayro-syntax reads it, one
/// end of line, then `/Length` bytes when `endstream` follows them, else everything up to the
/// next `endstream` (trailing whitespace aside). The data, whether the length was right, and
/// the position after `endstream`.
fn stream_data(b: &[u8], i: usize, length: Option<u64>) -> Result<(Range<usize>, bool, usize), usize> {
    let eol = if b[i..].starts_with(b"\r\n") {
        2
    } else if b[i..].starts_with(b"\n") || b[i..].starts_with(b"\r") {
        1
    } else {
        return Err(i);
    };
    let start = i + eol;
    let by_length = length.and_then(|n| usize::try_from(n).ok()).and_then(|n| {
        let e = start.checked_add(n)?;
        let after = b.get(e..)?;
        let w = after.iter().take_while(|c| is_white(**c)).count();
        after[w..].starts_with(b"endstream").then_some((e, e + w + 9))
    });
    if let Some((e, after)) = by_length {
        return Ok((start..e, true, after));
    }
    let e = find(b, b"endstream", start).ok_or(b.len())?;
    let mut d = e;
    while d > start && is_white(b[d - 1]) {
        d -= 1;
    }
    Ok((start..d, false, e + 9))
}

/// Top-level dictionary entries an object or trailer is known by (the last of a repeated key
/// counts, as in hayro-syntax).
#[derive(Default)]
struct Keys {
    type_: Option<Range<usize>>,
    length: Option<u64>,
    root: Option<(u32, u16)>,
    pages: Option<(u32, u16)>,
    encrypt: Option<Range<usize>>,
    id: Option<Range<usize>>,
    /// Entries of its /Kids array, and whether it has /Contents: what hayro-syntax may make a
    /// page of (its list of pages, built when the file is opened, costs about 1 KB a page).
    kids: usize,
    contents: bool,
}

/// A page, as objects of the budget: 400,000 pages took hayro-syntax 409 MB.
const PAGE_COST: usize = 20;

impl Keys {
    /// What the object costs beyond itself, in objects of the budget.
    fn pages_cost(&self) -> usize {
        PAGE_COST * (self.kids + usize::from(self.contents))
    }

    fn note(&mut self, b: &[u8], key: Range<usize>, v: Range<usize>) {
        match &b[key] {
            b"/Type" => self.type_ = Some(v),
            b"/Length" => self.length = uint(b, v.start).filter(|(_, e)| *e == v.end).map(|(n, _)| n),
            b"/Root" => self.root = reference(b, v),
            b"/Pages" => self.pages = reference(b, v),
            b"/Kids" => self.kids = elements(b, v),
            b"/Contents" => self.contents = true,
            b"/Encrypt" => self.encrypt = Some(v),
            b"/ID" => self.id = Some(v),
            _ => {}
        }
    }

    fn kind(&self, b: &[u8]) -> Kind {
        match self.type_.as_ref().map(|r| &b[r.clone()]) {
            Some(b"/Catalog") => Kind::Catalog,
            Some(b"/XRef") => Kind::XRef,
            Some(b"/ObjStm") => Kind::ObjStm,
            _ => Kind::Other,
        }
    }

    fn trailer(&self) -> Trailer {
        Trailer { root: self.root, encrypt: self.encrypt.clone(), id: self.id.clone() }
    }
}

/// The elements of an array (already checked by `value`), counted.
fn elements(b: &[u8], v: Range<usize>) -> usize {
    if b.get(v.start) != Some(&b'[') {
        return 0;
    }
    let (mut j, mut n) = (v.start + 1, 0);
    loop {
        j = ws(b, j);
        if j >= v.end || b[j] == b']' {
            return n;
        }
        match value(b, j, 1, None) {
            Ok(end) => (j, n) = (end, n + 1),
            Err(_) => return n,
        }
    }
}

/// Past whitespace only: what hayro-syntax allows inside a reference (no comments there).
fn white(b: &[u8], mut i: usize) -> usize {
    while b.get(i).is_some_and(|&c| is_white(c)) {
        i += 1;
    }
    i
}

/// `N G R` at `i`, as hayro-syntax reads one (a number that fits a u32, whitespace, one that
/// fits an i32, whitespace, `R`): where it ends. Anything looser would be a reference here and
/// none there, and the object would not parse for it.
fn reference_end(b: &[u8], i: usize) -> Option<usize> {
    let (n, j) = uint(b, i)?;
    let k = white(b, j);
    let (g, l) = uint(b, k).filter(|_| k > j)?;
    let r = white(b, l);
    (r > l && b.get(r) == Some(&b'R') && b.get(r + 1).is_none_or(|&c| is_white(c) || is_delim(c))).then_some(())?;
    (u32::try_from(n).is_ok() && i32::try_from(g).is_ok()).then_some(r + 1)
}

/// `N G R` as the whole of `v`.
fn reference(b: &[u8], v: Range<usize>) -> Option<(u32, u16)> {
    (reference_end(b, v.start)? == v.end).then_some(())?;
    let (n, j) = uint(b, v.start)?;
    let (g, _) = uint(b, white(b, j))?;
    Some((u32::try_from(n).ok()?, u16::try_from(g).ok()?))
}

// ---------------------------------------------------------------------------------------------
// Lexing.

fn is_white(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'\0')
}

fn is_delim(c: u8) -> bool {
    matches!(c, b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%')
}

/// Past whitespace and comments.
fn ws(b: &[u8], mut i: usize) -> usize {
    while i < b.len() {
        if is_white(b[i]) {
            i += 1;
        } else if b[i] == b'%' {
            while i < b.len() && b[i] != b'\n' && b[i] != b'\r' {
                i += 1;
            }
        } else {
            break;
        }
    }
    i
}

/// An unsigned integer of at most 10 digits ending at a delimiter: its value and end.
fn uint(b: &[u8], i: usize) -> Option<(u64, usize)> {
    let n = b.get(i..)?.iter().take(11).take_while(|c| c.is_ascii_digit()).count();
    if n == 0 || n > 10 || b.get(i + n).is_some_and(|&c| !is_white(c) && !is_delim(c)) {
        return None;
    }
    let v = std::str::from_utf8(&b[i..i + n]).ok()?.parse().ok()?;
    Some((v, i + n))
}

fn find(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    hay.get(from..)?.windows(needle.len()).position(|w| w == needle).map(|k| from + k)
}

fn rfind(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).rposition(|w| w == needle)
}

/// Where the header `N G` of the `obj` keyword at `k` starts, if one stands there (not before
/// `floor`): `obj` followed by a delimiter, after whitespace, a generation, whitespace and a
/// number that starts at a delimiter. Whitespace runs are looked through for 16 bytes at most.
fn header_before(b: &[u8], k: usize, floor: usize) -> Option<usize> {
    if b.get(k + 3).is_some_and(|&c| !is_white(c) && !is_delim(c)) {
        return None;
    }
    let back_ws = |mut i: usize| -> Option<usize> {
        let start = i;
        while i > floor && start - i < 16 && is_white(b[i - 1]) {
            i -= 1;
        }
        (i < start).then_some(i)
    };
    let back_digits = |mut i: usize, max: usize| -> Option<usize> {
        let start = i;
        while i > floor && start - i < max && b[i - 1].is_ascii_digit() {
            i -= 1;
        }
        (i < start).then_some(i)
    };
    let i = back_ws(k)?;
    let i = back_digits(i, 5)?;
    let i = back_ws(i)?;
    let h = back_digits(i, 10)?;
    (h == 0 || h == floor || is_white(b[h - 1]) || is_delim(b[h - 1])).then_some(h)
}

/// One PDF value starting at `i`: its end, or where it broke. With `keys`, the entries of a
/// top-level dictionary that matter are noted.
fn value(b: &[u8], i: usize, depth: usize, mut keys: Option<&mut Keys>) -> Result<usize, usize> {
    let Some(&c) = b.get(i) else { return Err(i) };
    if depth > MAX_DEPTH {
        return Err(i);
    }
    match c {
        b'<' if b.get(i + 1) == Some(&b'<') => {
            let mut j = i + 2;
            loop {
                j = ws(b, j);
                match b.get(j) {
                    None => return Err(j),
                    Some(b'>') if b.get(j + 1) == Some(&b'>') => return Ok(j + 2),
                    Some(b'/') => {}
                    Some(_) => return Err(j),
                }
                let key = j..name(b, j)?;
                j = ws(b, key.end);
                let v_start = j;
                let top = depth == 0;
                j = value(b, j, depth + 1, None)?;
                if let (true, Some(k)) = (top, keys.as_deref_mut()) {
                    k.note(b, key, v_start..j);
                }
            }
        }
        b'<' => {
            let mut j = i + 1;
            while let Some(&c) = b.get(j) {
                match c {
                    b'>' => return Ok(j + 1),
                    c if c.is_ascii_hexdigit() || is_white(c) => j += 1,
                    _ => return Err(j),
                }
            }
            Err(j)
        }
        b'[' => {
            let mut j = i + 1;
            loop {
                j = ws(b, j);
                match b.get(j) {
                    None => return Err(j),
                    Some(b']') => return Ok(j + 1),
                    Some(_) => j = value(b, j, depth + 1, None)?,
                }
            }
        }
        b'(' => string(b, i),
        b'/' => name(b, i),
        b'+' | b'-' | b'.' | b'0'..=b'9' => {
            let end = number(b, i)?;
            Ok(reference_end(b, i).unwrap_or(end))
        }
        _ => {
            let n = b[i..].iter().take(6).take_while(|c| !is_white(**c) && !is_delim(**c)).count();
            match &b[i..i + n] {
                b"true" | b"false" | b"null" => Ok(i + n),
                _ => Err(i),
            }
        }
    }
}

/// A name: `/` and regular characters, as hayro-syntax reads it (bytes beyond ASCII too: WPS
/// writes font names in GBK; `#` escapes are decoded, or kept as they are when not hex).
fn name(b: &[u8], i: usize) -> Result<usize, usize> {
    Ok(i + 1 + b[i + 1..].iter().take_while(|&&c| !is_white(c) && !is_delim(c)).count())
}

/// `[+-]?(digits[.digits*] | .digits)` ending at a delimiter.
fn number(b: &[u8], i: usize) -> Result<usize, usize> {
    let mut j = i;
    if matches!(b.get(j), Some(b'+' | b'-')) {
        j += 1;
    }
    let int = b[j.min(b.len())..].iter().take_while(|c| c.is_ascii_digit()).count();
    j += int;
    let mut frac = 0;
    if b.get(j) == Some(&b'.') {
        j += 1;
        frac = b[j.min(b.len())..].iter().take_while(|c| c.is_ascii_digit()).count();
        j += frac;
    }
    if int + frac == 0 || b.get(j).is_some_and(|&c| !is_white(c) && !is_delim(c)) {
        return Err(j);
    }
    Ok(j)
}

/// A literal string with balanced parentheses (at most `MAX_DEPTH` deep) and escapes. A line
/// that starts with `endobj` ends it as broken: a string cut open swallows no more than its
/// object, and the objects after it are found.
fn string(b: &[u8], i: usize) -> Result<usize, usize> {
    let mut depth = 0usize;
    let mut j = i;
    while let Some(&c) = b.get(j) {
        match c {
            b'\\' => j += 1,
            b'(' => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Err(j);
                }
            }
            b')' => {
                depth -= 1;
                if depth == 0 {
                    return Ok(j + 1);
                }
            }
            b'\n' | b'\r' if b[j + 1..].starts_with(b"endobj") => return Err(j + 1),
            _ => {}
        }
        j += 1;
    }
    Err(b.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use hayro_syntax::object::{Dict, Object};

    fn prepared(b: &[u8]) -> Prepared {
        prepare(b, |s| s.decoded().ok().map(|d| d.into_owned()))
    }

    /// Objects by number, as hayro-syntax reads them from the prepared file, and whether it
    /// had to rebuild the table (the sentinel).
    fn read(p: &Prepared) -> (Pdf, bool) {
        let pdf = Pdf::new(p.data.clone()).expect("the prepared file opens");
        let repaired = pdf.xref().get::<Object<'_>>(ObjectIdentifier::new(SENTINEL, 0)).is_some();
        (pdf, repaired)
    }

    const HEAD: &str =
        "%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n";

    #[test]
    fn objects_are_found_without_a_table_and_the_file_is_called_damaged() {
        let file = format!("{HEAD}3 0 obj\n<< /A [1 2.5 -3 .5 (a(b)c\\)) <4E2D> /N#20x true null 4 0 R] >>\nendobj\n4 0 obj\n7\nendobj\n");
        let p = prepared(file.as_bytes());
        assert!(p.damaged, "no cross-reference table");
        let (pdf, repaired) = read(&p);
        assert!(!repaired);
        let d = pdf.xref().get::<Dict<'_>>(ObjectIdentifier::new(3, 0)).unwrap();
        assert_eq!(d.get::<hayro_syntax::object::Array<'_>>(b"A").unwrap().iter::<Object<'_>>().count(), 10);
    }

    #[test]
    fn a_later_definition_replaces_an_earlier_one() {
        let file = format!("{HEAD}3 0 obj\n<< /V 1 >>\nendobj\n3 0 obj\n<< /V 2 >>\nendobj\n");
        let (pdf, _) = read(&prepared(file.as_bytes()));
        let d = pdf.xref().get::<Dict<'_>>(ObjectIdentifier::new(3, 0)).unwrap();
        assert_eq!(d.get::<i32>(b"V"), Some(2));
    }

    #[test]
    fn a_wrong_stream_length_is_corrected() {
        for length in ["999", "1", "9 0 R", "-4"] {
            let file = format!("{HEAD}3 0 obj\n<< /Length {length} >>\nstream\r\nBT (hello) Tj ET\nendstream\nendobj\n");
            let p = prepared(file.as_bytes());
            let (pdf, repaired) = read(&p);
            assert!(!repaired, "{length}");
            let s = pdf.xref().get::<Stream<'_>>(ObjectIdentifier::new(3, 0)).unwrap();
            assert_eq!(&*s.raw_data(), b"BT (hello) Tj ET", "{length}");
        }
    }

    #[test]
    fn object_streams_are_expanded_through_a_cross_reference_stream() {
        let members = ["<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [] /Count 0 >>", "<< /V 7 >>"];
        let mut body = String::new();
        let mut header = String::new();
        for (n, m) in [1, 2, 5].iter().zip(members) {
            header.push_str(&format!("{n} {} ", body.len()));
            body.push_str(m);
            body.push(' ');
        }
        let data = format!("{header}{body}");
        let mut file = b"%PDF-1.7\n".to_vec();
        let at7 = file.len();
        file.extend_from_slice(
            format!(
                "7 0 obj\n<< /Type /ObjStm /N 3 /First {} /Length {} >>\nstream\n{data}\nendstream\nendobj\n",
                header.len(),
                data.len()
            )
            .as_bytes(),
        );
        let at8 = file.len();
        let x = [[0u8, 0, 0, 0, 0, 0, 0], [1, 0, 0, 0, at7 as u8, 0, 0]];
        let mut xs = Vec::new();
        for e in x {
            xs.extend_from_slice(&e);
        }
        file.extend_from_slice(
            format!("8 0 obj\n<< /Type /XRef /Size 8 /W [1 4 2] /Root 1 0 R /Length {} >>\nstream\n", xs.len()).as_bytes(),
        );
        file.extend_from_slice(&xs);
        file.extend_from_slice(format!("\nendstream\nendobj\nstartxref\n{at8}\n%%EOF\n").as_bytes());
        let p = prepared(&file);
        assert!(!p.damaged, "the file ends with a cross-reference stream");
        let (pdf, repaired) = read(&p);
        assert!(!repaired);
        let d = pdf.xref().get::<Dict<'_>>(ObjectIdentifier::new(5, 0)).unwrap();
        assert_eq!(d.get::<i32>(b"V"), Some(7));
    }

    #[test]
    fn broken_objects_are_left_out_and_the_scan_goes_on() {
        // A string cut open, nesting past the limit, a value that is no value, a name; each
        // broken object is skipped and the ones after it are found.
        let deep = format!("{}1{}", "[".repeat(MAX_DEPTH + 5), "]".repeat(MAX_DEPTH + 5));
        let file = format!(
            "{HEAD}3 0 obj\n<< /A (open\nendobj\n4 0 obj\n{deep}\nendobj\n5 0 obj\n<< /A foo >>\nendobj\n6 0 obj\n<< /Ok /Yes >>\nendobj\n"
        );
        let p = prepared(file.as_bytes());
        assert!(p.damaged);
        let (pdf, repaired) = read(&p);
        assert!(!repaired);
        for n in [3, 4, 5] {
            assert!(pdf.xref().get::<Object<'_>>(ObjectIdentifier::new(n, 0)).is_none(), "{n} is left out");
        }
        assert!(pdf.xref().get::<Dict<'_>>(ObjectIdentifier::new(6, 0)).is_some());
    }

    #[test]
    fn a_reference_is_what_hayro_syntax_reads_as_one() {
        // A comment inside `N G R`, a number past u32: no reference for hayro-syntax, so none
        // here either (the catalog below has no /Pages then, and nothing is read).
        for pages in ["2%c\n 0 R", "4294967296 0 R", "2 2147483648 R"] {
            let file = format!(
                "%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages {pages} >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n"
            );
            assert!(prepared(file.as_bytes()).data.is_empty(), "{pages}");
        }
        let (pdf, repaired) = read(&prepared(format!("{HEAD}3 0 obj\n[1 %c\n 0 R]\nendobj\n").as_bytes()));
        assert!(!repaired);
        assert!(pdf.xref().get::<Object<'_>>(ObjectIdentifier::new(3, 0)).is_none(), "an array hayro-syntax cannot read is left out");
    }

    #[test]
    fn a_file_without_a_catalog_gives_nothing_to_read() {
        let p = prepared(b"%PDF-1.7\n1 0 obj\n<< /Type /Pages /Kids [] >>\nendobj\n");
        assert!(p.damaged && p.data.is_empty());
    }

    #[test]
    fn the_scan_is_linear_on_what_made_the_old_repair_quadratic() {
        // Each of these took hayro-syntax's own repair seconds to a minute per megabyte; here
        // each byte is looked at a bounded number of times, and a megabyte takes milliseconds
        // (the bound below is a hundred times that, for a debug build on a busy machine).
        for tail in ["<< /A ", "<< /A ( ", "1 0 obj [", "1 0 obj (", "<< /A [ "] {
            let file = format!("{HEAD}{}", tail.repeat((1 << 20) / tail.len()));
            let start = std::time::Instant::now();
            let p = prepared(file.as_bytes());
            assert!(p.damaged, "{tail}");
            assert!(start.elapsed() < std::time::Duration::from_secs(20), "{tail}: {:?}", start.elapsed());
        }
    }
}

#[cfg(test)]
mod catalog_tests {
    use super::*;

    #[test]
    fn a_catalog_without_pages_is_no_catalog() {
        // hayro-syntax rebuilds the table when the catalog has no /Pages reference: such a file
        // is given nothing to read instead.
        let file = b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog /P\x89ages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\ntrailer << /Root 1 0 R >>";
        let p = prepare(file, |_| None);
        assert!(p.data.is_empty());
        // A trailer naming another generation, or a non-dictionary: the catalog found by its type.
        let file = b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n3 0 obj\n[1]\nendobj\ntrailer << /Root 3 0 R >>";
        let p = prepare(file, |_| None);
        let pdf = Pdf::new(p.data).unwrap();
        assert_eq!(pdf.xref().root_id(), ObjectIdentifier::new(1, 0));
    }
}
