//! Structure-aware HTML: pages of tables built from the report's own words, numbers, blanks and
//! spans, so that the fuzzer spends its time in the grid and recognition code rather than
//! rediscovering `<td>`.

use std::fmt::Write;

use arbitrary::Arbitrary;

#[derive(Arbitrary, Debug)]
pub struct Page {
    pub before: Vec<Block>,
    pub tables: Vec<Table>,
    pub after: Vec<Block>,
}

#[derive(Arbitrary, Debug)]
pub enum Block {
    Para(Vec<Piece>),
    Div(Vec<Block>),
    Br,
}

#[derive(Arbitrary, Debug)]
pub struct Table {
    pub body: bool,
    pub rows: Vec<Row>,
    pub close: bool,
}

#[derive(Arbitrary, Debug)]
pub struct Row {
    pub cells: Vec<Cell>,
    pub close: bool,
}

#[derive(Arbitrary, Debug)]
pub struct Cell {
    pub th: bool,
    pub rowspan: u8,
    pub colspan: u8,
    pub content: Vec<Piece>,
    pub close: bool,
}

#[derive(Arbitrary, Debug)]
pub enum Piece {
    Label(u16),
    Number(u32),
    /// A blank or placeholder: nbsp, U+3000, `/`, `—`, `无`, `-`, empty.
    Blank(u8),
    Text(String),
    Br,
    P(Vec<Piece>),
    Span(Vec<Piece>),
    Nested(Box<Table>),
    Script,
    Comment,
}

impl Page {
    pub fn html(&self) -> String {
        let mut s = String::from("<html><head><meta charset=utf-8><title>年度报告</title></head><body>");
        for b in &self.before {
            b.write(&mut s);
        }
        for t in &self.tables {
            t.write(&mut s);
        }
        for b in &self.after {
            b.write(&mut s);
        }
        s.push_str("</body></html>");
        s
    }
}

impl Block {
    fn write(&self, s: &mut String) {
        match self {
            Block::Para(p) => {
                s.push_str("<p>");
                p.iter().for_each(|x| x.write(s));
                s.push_str("</p>\n");
            }
            Block::Div(b) => {
                s.push_str("<div>");
                b.iter().for_each(|x| x.write(s));
                s.push_str("</div>");
            }
            Block::Br => s.push_str("<br>"),
        }
    }
}

impl Table {
    fn write(&self, s: &mut String) {
        s.push_str("<table border=1>");
        if self.body {
            s.push_str("<tbody>");
        }
        for r in &self.rows {
            s.push_str("\n<tr>");
            for c in &r.cells {
                let tag = if c.th { "th" } else { "td" };
                let _ = write!(s, "<{tag}");
                if c.rowspan > 1 {
                    let _ = write!(s, " rowspan=\"{}\"", c.rowspan);
                }
                if c.colspan > 1 {
                    let _ = write!(s, " colspan={}", c.colspan);
                }
                s.push('>');
                c.content.iter().for_each(|x| x.write(s));
                if c.close {
                    let _ = write!(s, "</{tag}>");
                }
            }
            if r.close {
                s.push_str("</tr>");
            }
        }
        if self.close {
            s.push_str("</table>");
        }
    }
}

impl Piece {
    fn write(&self, s: &mut String) {
        match self {
            Piece::Label(i) => {
                let l = crate::labels();
                s.push_str(&l[*i as usize % l.len()]);
            }
            Piece::Number(n) => {
                let _ = write!(s, "{}", n % 100_000);
            }
            Piece::Blank(k) => s.push_str(["&nbsp;", "\u{3000}", "/", "—", "无", "-", "", " "][*k as usize % 8]),
            Piece::Text(t) => t.chars().take(40).for_each(|c| s.push(c)),
            Piece::Br => s.push_str("<br>"),
            Piece::P(p) => {
                s.push_str("<p>");
                p.iter().for_each(|x| x.write(s));
                s.push_str("</p>");
            }
            Piece::Span(p) => {
                s.push_str("<span style=\"font-size:12pt\">");
                p.iter().for_each(|x| x.write(s));
                s.push_str("</span>");
            }
            Piece::Nested(t) => t.write(s),
            Piece::Script => s.push_str("<script>var t='<td>1</td>';</script>"),
            Piece::Comment => s.push_str("<!--[if gte mso 9]><td>2</td><![endif]-->"),
        }
    }
}
