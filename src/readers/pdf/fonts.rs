//! Fonts: from the codes of a string to characters and widths; ToUnicode and encoding CMaps.

use super::*;

pub(super) struct Font {
    pub(super) codes: CodeSplit,
    pub(super) to_unicode: Option<CMap>,
    /// Simple fonts: the character of each code by the font's encoding.
    pub(super) simple: Option<Box<[Option<char>; 256]>>,
    /// Type0 with a predefined CMap whose codes are Unicode (UniGB-UCS2-H …) or GBK.
    pub(super) predefined: Predefined,
    pub(super) widths: Widths,
}

#[derive(Clone, Copy, PartialEq)]
pub(super) enum Predefined {
    None,
    Ucs2,
    Gbk,
}

/// How a string is cut into codes.
pub(super) enum CodeSplit {
    One,
    Two,
    /// GBK-EUC and similar: a lead byte ≥ 0x81 starts a two-byte code.
    Gbk,
    /// Codespace ranges of an embedded CMap: (bytes, low, high).
    Ranges(Vec<(usize, u32, u32)>),
}

pub(super) enum Widths {
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
    pub(super) fn split(&self, s: &[u8]) -> Vec<(u32, usize)> {
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
    pub(super) fn text(&self, code: u32, len: usize, decode: LegacyDecoder) -> Option<String> {
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
    pub(super) fn width(&self, code: u32, len: usize) -> f32 {
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

pub(super) fn be(b: &[u8]) -> u32 {
    b.iter().take(4).fold(0u32, |a, &x| a << 8 | u32::from(x))
}

pub(super) fn num(o: &Object<'_>) -> Option<f32> {
    match o {
        Object::Number(n) => Some(n.as_f32()).filter(|v| v.is_finite()),
        _ => None,
    }
}

impl Ctx {
    pub(super) fn font(&mut self, dict: &Dict<'_>) -> Rc<Font> {
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

    pub(super) fn load_font(&mut self, dict: &Dict<'_>) -> Font {
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
pub(super) fn cid_widths(w: &Array<'_>) -> Vec<(u32, u32, f32)> {
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
pub(super) fn simple_encoding(font: &Dict<'_>) -> Box<[Option<char>; 256]> {
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

pub(super) const WIN_ANSI_80: [Option<char>; 32] = [
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
pub(super) fn glyph_char(name: &str) -> Option<char> {
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
pub(super) struct CMap {
    pub(super) codespace: Vec<(usize, u32, u32)>,
    /// (code length in bytes, code) → text.
    pub(super) chars: BTreeMap<(usize, u32), String>,
    /// (length, low, high, first destination as UTF-16, or one text per code).
    pub(super) ranges: Vec<(usize, u32, u32, RangeDst)>,
}

pub(super) enum RangeDst {
    Start(Vec<u16>),
    List(Vec<String>),
}

#[derive(Debug, PartialEq)]
pub(super) enum Tok<'a> {
    Hex(Vec<u8>),
    Word(&'a [u8]),
    Open,
    Close,
}

pub(super) fn tokens(d: &[u8]) -> Vec<Tok<'_>> {
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

pub(super) fn utf16(b: &[u8]) -> Vec<u16> {
    b.chunks(2).map(|p| u16::from(p[0]) << 8 | u16::from(p.get(1).copied().unwrap_or(0))).collect()
}

impl CMap {
    pub(super) fn parse(data: &[u8]) -> CMap {
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

    pub(super) fn get(&self, code: u32, len: usize) -> Option<String> {
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
