//! HTML reader: a saved portal page or Word's HTML export.
//!
//! html5gum tokenizes; the little tree a report needs is built here from the tags: tables (nested
//! ones each their own grid), rows, cells with their spans, and the running text between them.
//! A table whose cells hold other tables is page layout: its text becomes paragraphs and the
//! tables inside it are read on their own, so a portal's frame never swallows the report.
//! Whitespace is collapsed as a browser renders it; a line break in the source between two
//! Chinese characters disappears (Word wraps its HTML every ~80 bytes, mid-word).

use html5gum::{naive_next_state, Emitter, Error, State, Tokenizer};

use crate::budget::{self, Resource};
use crate::cell;
use crate::document::{Block, Document, Grid, InputKind, Picture};
use crate::error::ReadError;

/// HTML is told by its tags, not by a document skeleton: an article body copied out of a CMS
/// (`<p>…</p><table>…`) has no `<html>` or `<body>`, and may come named `.txt`. Plain text —
/// a report copied out of Word, markdown from a PDF — has no tags at all, so a few known
/// element tags in the first 64 KB decide.
pub fn looks_like_html(text: &str) -> bool {
    const TAGS: &[&str] = &[
        "html", "!doctype", "body", "head", "meta", "table", "tbody", "tr", "td", "th", "p", "div", "span", "br", "font", "strong", "b",
        "h1", "h2", "h3", "h4", "li", "section", "article", "img", "a",
    ];
    let head = text.get(..text.len().min(64 * 1024)).unwrap_or(text);
    let bytes = head.as_bytes();
    let mut seen = 0;
    for (i, _) in head.match_indices('<') {
        let rest = &bytes[i + 1..];
        let rest = rest.strip_prefix(b"/").unwrap_or(rest);
        let name_len = rest.iter().take_while(|b| b.is_ascii_alphanumeric() || **b == b'!').count();
        let after = rest.get(name_len).copied();
        let known = TAGS.iter().any(|t| t.len() == name_len && rest[..name_len].eq_ignore_ascii_case(t.as_bytes()));
        if known && matches!(after, Some(b'>' | b' ' | b'\t' | b'\n' | b'\r' | b'/')) {
            let name = &rest[..name_len];
            // A skeleton tag settles it; otherwise a handful of element tags do.
            if [&b"html"[..], b"!doctype", b"body", b"table"].iter().any(|t| name.eq_ignore_ascii_case(t)) {
                return true;
            }
            seen += 1;
            if seen >= 4 {
                return true;
            }
        }
    }
    false
}

pub fn read(text: &str) -> Result<Document, ReadError> {
    crate::budget::within(|| read_markup(text))
}

fn read_markup(text: &str) -> Result<Document, ReadError> {
    let mut b = Builder::default();
    let emitter = Feed { b: &mut b, text: Vec::new(), tag: Tag::default(), last_start_tag: Vec::new(), stopped: false };
    // The tokenizer runs to the end of the page, unless the budget runs out: then its one token
    // stops it (the rest of a 50 MB page is not tokenized for nothing).
    let mut tokens = Tokenizer::new_with_emitter(text, emitter);
    let _ = tokens.next();
    drop(tokens);
    Ok(b.finish())
}

/// A tag as the tokenizer builds it.
#[derive(Default)]
struct Tag {
    end: bool,
    self_closing: bool,
    name: Vec<u8>,
    /// (name, value); the first of a repeated name counts, as in browsers.
    attrs: Vec<(Vec<u8>, Vec<u8>)>,
    /// Attributes past MAX_ATTRS were seen (and not kept).
    attrs_dropped: bool,
}

/// Longer tag and attribute names are no element's the reader knows; a longer value is no
/// span's or title's.
const MAX_NAME: usize = 64;
const MAX_VALUE: usize = 4096;
/// The attributes whose values the builder reads (`Tag::attr`); the others keep only their name.
const READ_ATTRS: &[&[u8]] = &[b"rowspan", b"colspan", b"src", b"alt", b"name", b"property", b"content"];
const MAX_ATTRS: usize = 64;

fn push_capped(to: &mut Vec<u8>, s: &[u8], cap: usize) {
    to.extend_from_slice(&s[..s.len().min(cap.saturating_sub(to.len()))]);
}

impl Tag {
    fn attr(&self, name: &str) -> Option<String> {
        let v = &self.attrs.iter().find(|(k, _)| k == name.as_bytes())?.1;
        Some(String::from_utf8_lossy(v).trim().to_string())
    }
}

/// html5gum's emitter, feeding the builder directly: no token objects, no spans, no error
/// reports, comments and doctypes dropped as they are read. (Its default emitter, with all of
/// that, makes the wasm bundle markedly bigger.)
struct Feed<'b> {
    b: &'b mut Builder,
    text: Vec<u8>,
    tag: Tag,
    last_start_tag: Vec<u8>,
    /// The budget ran out: the next token stops the tokenizer.
    stopped: bool,
}

impl Feed<'_> {
    fn flush_text(&mut self) {
        if !self.text.is_empty() {
            self.b.text(&String::from_utf8_lossy(&self.text));
            self.text.clear();
        }
    }
}

impl Emitter for Feed<'_> {
    type Token = ();

    fn set_last_start_tag(&mut self, last_start_tag: Option<&[u8]>) {
        self.last_start_tag = last_start_tag.unwrap_or_default().to_vec();
    }
    fn emit_eof(&mut self) {
        self.flush_text();
    }
    fn emit_error(&mut self, _: Error) {}
    fn should_emit_errors(&mut self) -> bool {
        false
    }
    fn pop_token(&mut self) -> Option<Self::Token> {
        self.stopped.then_some(())
    }
    fn emit_string(&mut self, s: &[u8]) {
        // Text the builder would drop (a script's, past the budget) is not even gathered.
        if self.b.skip.is_none() && budget::ok() {
            self.text.extend_from_slice(s);
        }
    }
    fn init_start_tag(&mut self) {
        self.tag = Tag::default();
    }
    fn init_end_tag(&mut self) {
        self.tag = Tag { end: true, ..Tag::default() };
    }
    fn emit_current_tag(&mut self) -> Option<State> {
        self.flush_text();
        let tag = std::mem::take(&mut self.tag);
        if budget::charge(Resource::Objects, 1 + tag.attrs.len()) {
            self.b.tag(&tag);
        }
        self.stopped = !budget::ok();
        if tag.end {
            self.last_start_tag.clear();
            None
        } else {
            // script/style/textarea/title hold raw text: the tokenizer must be told, or a
            // `"<td>"` in a script string would open a cell and a `"<!--"` swallow the page.
            let next = naive_next_state(&tag.name);
            self.last_start_tag = tag.name;
            next
        }
    }
    fn set_self_closing(&mut self) {
        self.tag.self_closing = !self.tag.end;
    }
    // Names and values are kept only as long as any the builder looks at can be, and a tag's
    // attributes only up to MAX_ATTRS: a tag of a million attributes is kept as a small one.
    fn push_tag_name(&mut self, s: &[u8]) {
        push_capped(&mut self.tag.name, s, MAX_NAME);
    }
    fn init_attribute(&mut self) {
        if self.tag.attrs.len() < MAX_ATTRS {
            self.tag.attrs.push((Vec::new(), Vec::new()));
        } else {
            self.tag.attrs_dropped = true;
        }
    }
    fn push_attribute_name(&mut self, s: &[u8]) {
        if let (false, Some(a)) = (self.tag.attrs_dropped, self.tag.attrs.last_mut()) {
            push_capped(&mut a.0, s, MAX_NAME);
        }
    }
    fn push_attribute_value(&mut self, s: &[u8]) {
        // Only the values the builder reads are kept: a page Word saved has a `style` of
        // hundreds of bytes on every element, copied for nothing.
        if let (false, Some(a)) = (self.tag.attrs_dropped, self.tag.attrs.last_mut()) {
            if READ_ATTRS.contains(&a.0.as_slice()) {
                push_capped(&mut a.1, s, MAX_VALUE);
            }
        }
    }
    fn current_is_appropriate_end_tag_token(&mut self) -> bool {
        self.tag.end && !self.last_start_tag.is_empty() && self.tag.name == self.last_start_tag
    }
    // Comments (Word's `<!--[if gte mso 9]>…<![endif]-->` too) and doctypes are not text.
    fn init_comment(&mut self) {}
    fn emit_current_comment(&mut self) {}
    fn push_comment(&mut self, _: &[u8]) {}
    fn init_doctype(&mut self) {}
    fn emit_current_doctype(&mut self) {}
    fn set_force_quirks(&mut self) {}
    fn push_doctype_name(&mut self, _: &[u8]) {}
    fn set_doctype_public_identifier(&mut self, _: &[u8]) {}
    fn set_doctype_system_identifier(&mut self, _: &[u8]) {}
    fn push_doctype_public_identifier(&mut self, _: &[u8]) {}
    fn push_doctype_system_identifier(&mut self, _: &[u8]) {}
}

/// Tables nest this deep at most (a report sits two or three layout tables deep); deeper ones
/// are read as text, so hostile markup cannot exhaust the stack when the tree is walked.
const MAX_NESTING: usize = 32;

/// Elements whose content is never shown as the page's text.
const HIDDEN: &[&str] =
    &["script", "style", "noscript", "template", "textarea", "iframe", "noembed", "noframes", "svg", "math", "object", "select"];

/// Elements that start a new line of text where they open and where they close.
const BLOCK: &[&str] = &[
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "br",
    "section",
    "article",
    "header",
    "footer",
    "nav",
    "main",
    "aside",
    "blockquote",
    "pre",
    "hr",
    "form",
    "center",
    "address",
    "figure",
    "figcaption",
    "fieldset",
    "legend",
    "details",
    "summary",
    "tr",
    "td",
    "th",
    "caption",
    "option",
    "body",
    "html",
    "dir",
    "menu",
    "hgroup",
    "table",
    "thead",
    "tbody",
    "tfoot",
];

enum Item {
    Text(String),
    Break,
    Table(TableB),
    Picture(String),
}

/// Running text (of the page or of one cell) with the tables inside it.
#[derive(Default)]
struct Flow {
    items: Vec<Item>,
    /// Collapsible whitespace seen since the last character: `Some(true)` if it held a line break.
    pending: Option<bool>,
    prev: Option<char>,
}

fn is_wide(c: char) -> bool {
    matches!(c as u32, 0x2E80..=0x9FFF | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFFEF | 0x20000..=0x3FFFF)
}

impl Flow {
    fn text(&mut self, s: &str) {
        if !budget::charge(Resource::Text, s.len()) {
            return;
        }
        for c in s.chars() {
            if matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0c') {
                let nl = c == '\n' || c == '\r';
                self.pending = Some(self.pending.unwrap_or(false) || nl);
                continue;
            }
            let space = match (self.pending.take(), self.prev) {
                (Some(nl), Some(p)) => !(nl && is_wide(p) && is_wide(c)),
                _ => false,
            };
            let buf = match self.items.last_mut() {
                Some(Item::Text(t)) => t,
                _ => {
                    self.items.push(Item::Text(String::new()));
                    match self.items.last_mut() {
                        Some(Item::Text(t)) => t,
                        _ => unreachable!("just pushed a text item"),
                    }
                }
            };
            if space {
                buf.push(' ');
            }
            buf.push(c);
            self.prev = Some(c);
        }
    }

    fn line_break(&mut self) {
        self.pending = None;
        self.prev = None;
        if !matches!(self.items.last(), None | Some(Item::Break)) {
            self.items.push(Item::Break);
        }
    }

    fn table(&mut self, t: TableB) {
        self.line_break();
        self.items.push(Item::Table(t));
        self.line_break();
    }

    fn has_table(&self) -> bool {
        self.items.iter().any(|i| matches!(i, Item::Table(_)))
    }

    /// The text of a cell: lines joined by `\n`, blank padding lines dropped beside real text.
    fn cell_text(self) -> String {
        let mut s = String::new();
        for i in self.items {
            match i {
                Item::Text(t) => s.push_str(&t),
                Item::Break => s.push('\n'),
                Item::Table(_) | Item::Picture(_) => {}
            }
        }
        let lines: Vec<&str> = s.split('\n').map(|l| l.trim_matches(|c: char| c.is_ascii_whitespace())).filter(|l| !l.is_empty()).collect();
        let blank = |l: &&str| l.chars().all(cell::is_space);
        if lines.iter().any(|l| !blank(l)) {
            lines.into_iter().filter(|l| !blank(l)).collect::<Vec<_>>().join("\n")
        } else {
            lines.join("\n")
        }
    }

    /// The flow as blocks: a paragraph per line, each table and picture in its place.
    fn blocks(self, out: &mut Vec<Block>, pictures: &mut Vec<Picture>) {
        let mut para = String::new();
        let flush = |para: &mut String, out: &mut Vec<Block>| {
            let p = para.trim_matches(cell::is_space);
            if !p.is_empty() {
                out.push(Block::Para(p.to_string()));
            }
            para.clear();
        };
        for i in self.items {
            match i {
                Item::Text(t) => para.push_str(&t),
                Item::Break => flush(&mut para, out),
                Item::Table(t) => {
                    flush(&mut para, out);
                    t.blocks(out, pictures);
                }
                Item::Picture(name) => {
                    flush(&mut para, out);
                    pictures.push(Picture { at: out.len(), name });
                }
            }
        }
        flush(&mut para, out);
    }
}

struct CellB {
    row_span: usize,
    col_span: usize,
    flow: Flow,
}

#[derive(Default)]
struct TableB {
    rows: Vec<Vec<CellB>>,
    row_open: bool,
    cell: Option<CellB>,
}

impl TableB {
    fn close_cell(&mut self) {
        if let Some(c) = self.cell.take().filter(|_| budget::charge(Resource::Cells, 1)) {
            if !self.row_open {
                self.start_row();
            }
            if let Some(r) = self.rows.last_mut() {
                r.push(c);
            }
        }
    }

    fn start_row(&mut self) {
        self.rows.push(Vec::new());
        self.row_open = true;
    }

    fn blocks(self, out: &mut Vec<Block>, pictures: &mut Vec<Picture>) {
        let n_cells: usize = self.rows.iter().map(Vec::len).sum();
        let layout = n_cells <= 1 || self.rows.iter().flatten().any(|c| c.flow.has_table());
        if layout {
            for c in self.rows.into_iter().flatten() {
                c.flow.blocks(out, pictures);
            }
            return;
        }
        let rows = self.rows.into_iter().map(|r| r.into_iter().map(|c| (c.flow.cell_text(), c.row_span, c.col_span)).collect()).collect();
        out.push(Block::Table(Grid::place(rows)));
    }
}

#[derive(Default)]
struct Builder {
    doc: Flow,
    tables: Vec<TableB>,
    /// `<table>`s opened beyond `MAX_NESTING`, read as plain text of the innermost cell.
    too_deep: usize,
    /// Inside a hidden element: its name and how deep it nests in itself.
    skip: Option<(String, usize)>,
    in_title: bool,
    title: Option<String>,
    meta_title: Option<String>,
}

fn span_attr(tag: &Tag, name: &str) -> usize {
    let Some(s) = tag.attr(name) else { return 1 };
    let digits: String = s.chars().take_while(|c| c.is_ascii_digit()).take(6).collect();
    digits.parse::<usize>().ok().filter(|&n| n > 0).unwrap_or(1)
}

impl Builder {
    /// Where text goes now: the innermost open cell, or the page.
    fn flow(&mut self) -> &mut Flow {
        match self.tables.iter_mut().rev().find_map(|t| t.cell.as_mut()) {
            Some(c) => &mut c.flow,
            None => &mut self.doc,
        }
    }

    fn tag(&mut self, tag: &Tag) {
        let name = String::from_utf8_lossy(&tag.name);
        if let Some((skipping, depth)) = &mut self.skip {
            if *skipping == name {
                if tag.end {
                    *depth -= 1;
                    if *depth == 0 {
                        self.skip = None;
                    }
                } else {
                    *depth += 1;
                }
                return;
            }
            // Word's `<o:p>` is always closed; should one not be, a cell boundary ends it.
            if !(skipping == "o:p" && matches!(&*name, "td" | "th" | "tr" | "table" | "p" | "div")) {
                return;
            }
            self.skip = None;
        }
        if tag.end {
            self.end_tag(&name);
        } else {
            self.start_tag(&name, tag);
        }
    }

    fn text(&mut self, s: &str) {
        if self.skip.is_some() {
            return;
        }
        if self.in_title {
            self.title.get_or_insert_with(String::new).push_str(s);
        } else {
            self.flow().text(s);
        }
    }

    fn start_tag(&mut self, name: &str, tag: &Tag) {
        if HIDDEN.contains(&name) || name == "o:p" {
            // `<script/>` still switched the tokenizer to raw text: its content ends at `</script>`.
            if !tag.self_closing || naive_next_state(name.as_bytes()).is_some() {
                self.skip = Some((name.to_string(), 1));
            }
            return;
        }
        match name {
            "title" => {
                // Only the page's own title; an SVG's or a later one is body text at most.
                self.in_title = self.title.is_none();
                if !self.in_title {
                    self.skip = Some(("title".into(), 1));
                }
            }
            "meta" => {
                let key = tag.attr("name").or_else(|| tag.attr("property")).unwrap_or_default().to_ascii_lowercase();
                if matches!(key.as_str(), "articletitle" | "og:title") && self.meta_title.is_none() {
                    self.meta_title = tag.attr("content").filter(|c| !c.is_empty());
                }
            }
            "table" => {
                self.flow().line_break();
                if self.tables.len() >= MAX_NESTING {
                    self.too_deep += 1;
                } else {
                    self.tables.push(TableB::default());
                }
            }
            "img" => {
                // Named by what the page says of it, else by its file: "0.png" of "/pic/0.png".
                let src = tag.attr("src").unwrap_or_default();
                let file = if src.starts_with("data:") {
                    "（内嵌图片）".to_string()
                } else {
                    src.split(['?', '#']).next().unwrap_or("").rsplit('/').next().unwrap_or("").to_string()
                };
                let name = tag.attr("alt").filter(|a| !a.is_empty()).or(Some(file).filter(|f| !f.is_empty()));
                if let Some(name) = name {
                    let flow = self.flow();
                    flow.line_break();
                    flow.items.push(Item::Picture(name.chars().take(80).collect()));
                    flow.line_break();
                }
            }
            "tr" | "td" | "th" | "thead" | "tbody" | "tfoot" if self.too_deep > 0 => self.flow().line_break(),
            "tr" => match self.tables.last_mut() {
                Some(t) => {
                    t.close_cell();
                    t.start_row();
                }
                None => self.flow().line_break(),
            },
            "td" | "th" => match self.tables.last_mut() {
                Some(t) => {
                    t.close_cell();
                    if !t.row_open {
                        t.start_row();
                    }
                    t.cell =
                        Some(CellB { row_span: span_attr(tag, "rowspan"), col_span: span_attr(tag, "colspan"), flow: Flow::default() });
                }
                None => self.flow().line_break(),
            },
            "thead" | "tbody" | "tfoot" => {
                if let Some(t) = self.tables.last_mut() {
                    t.close_cell();
                    t.row_open = false;
                }
            }
            _ if BLOCK.contains(&name) => self.flow().line_break(),
            _ => {}
        }
    }

    fn end_tag(&mut self, name: &str) {
        match name {
            "title" => self.in_title = false,
            "table" if self.too_deep > 0 => self.too_deep -= 1,
            "tr" | "td" | "th" | "thead" | "tbody" | "tfoot" if self.too_deep > 0 => self.flow().line_break(),
            "table" => {
                if let Some(mut t) = self.tables.pop() {
                    t.close_cell();
                    self.flow().table(t);
                }
            }
            "tr" | "thead" | "tbody" | "tfoot" => match self.tables.last_mut() {
                Some(t) => {
                    t.close_cell();
                    t.row_open = false;
                }
                None => self.flow().line_break(),
            },
            "td" | "th" => match self.tables.last_mut() {
                Some(t) => t.close_cell(),
                None => self.flow().line_break(),
            },
            _ if BLOCK.contains(&name) => self.flow().line_break(),
            _ => {}
        }
    }

    fn finish(mut self) -> Document {
        while let Some(mut t) = self.tables.pop() {
            t.close_cell();
            self.flow().table(t);
        }
        let mut blocks = Vec::new();
        let mut pictures = Vec::new();
        self.doc.blocks(&mut blocks, &mut pictures);
        let title = self.meta_title.or(self.title).map(|t| page_title(&t)).filter(|t| !t.is_empty());
        Document { kind: InputKind::Html, title, blocks, pictures }
    }
}

/// A `<title>` without the site's name: portals write "报告标题_栏目_网站" or "报告标题-网站".
fn page_title(raw: &str) -> String {
    let t: String = {
        let mut f = Flow::default();
        f.text(raw);
        f.cell_text()
    };
    let parts: Vec<&str> = t
        .split(['_', '|', '｜'])
        .flat_map(|p| p.split(" - "))
        .flat_map(|p| p.split(['—', '–']))
        .map(|p| p.trim_matches(cell::is_space))
        .filter(|p| !p.is_empty())
        .collect();
    // A '-' may also join a date ("2023-12"), so split on it only when a part names the report.
    let named = |p: &str| p.contains("报告") || p.contains("年报");
    if let Some(p) = parts.iter().find(|p| named(p)) {
        let dashed: Vec<&str> = p.split('-').map(|s| s.trim_matches(cell::is_space)).collect();
        return dashed.iter().find(|s| named(s)).map_or(p.to_string(), |s| s.to_string());
    }
    parts.first().map_or(t.clone(), |p| p.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paras(d: &Document) -> Vec<&str> {
        d.blocks.iter().filter_map(|b| if let Block::Para(p) = b { Some(p.as_str()) } else { None }).collect()
    }

    #[test]
    fn site_name_is_cut_from_the_title() {
        assert_eq!(
            page_title("平潭综合实验区2019年度政府信息公开工作年度报告_政府信息公开年报_平潭综合实验区党工委管委会"),
            "平潭综合实验区2019年度政府信息公开工作年度报告"
        );
        assert_eq!(page_title("沭阳县发展和改革局2023年政府信息公开年度报告-沭阳县发改局"), "沭阳县发展和改革局2023年政府信息公开年度报告");
        assert_eq!(page_title("  首页 | 某市政府 "), "首页");
    }

    #[test]
    fn raw_text_elements_do_not_open_cells() {
        let d = read("<title>x</title><script>var s='<table><tr><td>1</td></tr></table>';</script><style>td{}</style><p>正文</p>").unwrap();
        assert!(d.blocks.iter().all(|b| matches!(b, Block::Para(_))));
        assert_eq!(paras(&d), vec!["正文"]);
    }

    #[test]
    fn wrapped_source_lines_between_chinese_characters_vanish() {
        let d = read("<p>本年新\r\n制作数量 and\nmore</p>").unwrap();
        assert_eq!(paras(&d), vec!["本年新制作数量 and more"]);
    }
}
