//! Structure-aware PDF: pages of content streams built from text operators (the report's words
//! and numbers in a Unicode font), rules and rectangles (table borders) and graphics state, in a
//! small well-formed file, so that the fuzzer spends its time in the interpreter, the layout and
//! recognition rather than in the object syntax.

use std::io::Write;

use arbitrary::Arbitrary;

#[derive(Arbitrary, Debug)]
pub struct Doc {
    pub pages: Vec<Vec<Op>>,
}

#[derive(Arbitrary, Debug)]
pub enum Op {
    /// Text at (x, y) in font size `size` (F1: Unicode, F2: Latin).
    Text { x: u16, y: u16, size: u8, latin: bool, what: Vec<Piece> },
    /// `TJ` with kerning between pieces, at the current position.
    Kerned(Vec<(Piece, i16)>),
    /// A line from (x0, y0) to (x1, y1), stroked.
    Rule { x0: u16, y0: u16, x1: u16, y1: u16 },
    /// A rectangle, filled (Word's borders) or stroked.
    Rect { x: u16, y: u16, w: i16, h: i16, fill: bool },
    Save,
    Restore,
    /// `cm` with small factors.
    Matrix([i8; 6]),
    CharSpacing(i8),
    Scale(u8),
    Leading(i8),
    NextLine,
    /// The form XObject X1, which shows a label.
    Form,
}

#[derive(Arbitrary, Debug)]
pub enum Piece {
    Label(u16),
    Number(u32),
    Char(u16),
    Footer(u8),
}

fn hex_utf16(s: &str, out: &mut Vec<u8>) {
    out.push(b'<');
    for u in s.encode_utf16() {
        let _ = write!(out, "{u:04X}");
    }
    out.push(b'>');
}

impl Piece {
    fn text(&self) -> String {
        match self {
            Piece::Label(i) => {
                let l = crate::labels();
                l[*i as usize % l.len()].clone()
            }
            Piece::Number(n) => (n % 100_000).to_string(),
            Piece::Char(c) => char::from_u32(u32::from(*c)).map(String::from).unwrap_or_default(),
            Piece::Footer(n) => format!("- {} -", n),
        }
    }

    /// As a string operand: UTF-16 hex for the Unicode font, a literal for the Latin one.
    fn operand(&self, latin: bool, out: &mut Vec<u8>) {
        let t = self.text();
        if latin {
            out.push(b'(');
            for c in t.chars().filter(char::is_ascii) {
                if matches!(c, '(' | ')' | '\\') {
                    out.push(b'\\');
                }
                out.push(c as u8);
            }
            out.push(b')');
        } else {
            hex_utf16(&t, out);
        }
    }
}

impl Op {
    fn write(&self, c: &mut Vec<u8>) {
        match self {
            Op::Text { x, y, size, latin, what } => {
                let font = if *latin { "F2" } else { "F1" };
                let _ = write!(c, "BT /{font} {} Tf {} {} Td ", size % 40 + 1, x % 700, y % 900);
                for p in what {
                    p.operand(*latin, c);
                    c.extend_from_slice(b" Tj ");
                }
                c.extend_from_slice(b"ET\n");
            }
            Op::Kerned(parts) => {
                c.extend_from_slice(b"BT /F1 10 Tf [");
                for (p, k) in parts {
                    p.operand(false, c);
                    let _ = write!(c, " {k} ");
                }
                c.extend_from_slice(b"] TJ ET\n");
            }
            Op::Rule { x0, y0, x1, y1 } => {
                let _ = writeln!(c, "{} {} m {} {} l S", x0 % 700, y0 % 900, x1 % 700, y1 % 900);
            }
            Op::Rect { x, y, w, h, fill } => {
                let _ = writeln!(c, "{} {} {} {} re {}", x % 700, y % 900, w % 700, h % 900, if *fill { "f" } else { "S" });
            }
            Op::Save => c.extend_from_slice(b"q\n"),
            Op::Restore => c.extend_from_slice(b"Q\n"),
            Op::Matrix(m) => {
                let f = |v: i8| f32::from(v) / 32.0;
                let _ = writeln!(c, "{} {} {} {} {} {} cm", f(m[0]), f(m[1]), f(m[2]), f(m[3]), m[4], m[5]);
            }
            Op::CharSpacing(v) => {
                let _ = writeln!(c, "{} Tc", f32::from(*v) / 10.0);
            }
            Op::Scale(v) => {
                let _ = writeln!(c, "{v} Tz");
            }
            Op::Leading(v) => {
                let _ = writeln!(c, "{v} TL");
            }
            Op::NextLine => c.extend_from_slice(b"BT T* ET\n"),
            Op::Form => c.extend_from_slice(b"q 1 0 0 1 50 50 cm /X1 Do Q\n"),
        }
    }
}

impl Doc {
    /// A PDF of the pages: 1 catalog, 2 page tree, 3 F1 (Unicode: UniGB-UCS2-H, codes are
    /// UTF-16), 4 F2 (Helvetica), 5 the form, then each page and its content.
    pub fn pdf(&self) -> Vec<u8> {
        let mut objs: Vec<Vec<u8>> = Vec::new();
        let pages: Vec<&Vec<Op>> = self.pages.iter().take(50).collect();
        let kids: String = (0..pages.len()).map(|i| format!("{} 0 R ", 6 + 2 * i)).collect();
        objs.push(b"<< /Type /Catalog /Pages 2 0 R >>".to_vec());
        objs.push(format!("<< /Type /Pages /Kids [{kids}] /Count {} >>", pages.len()).into_bytes());
        objs.push(b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /DW 1000 >>] >>".to_vec());
        objs.push(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_vec());
        let mut form = Vec::new();
        form.extend_from_slice(b"BT /F1 12 Tf 0 0 Td ");
        hex_utf16("行政许可", &mut form);
        form.extend_from_slice(b" Tj ET");
        objs.push(stream("/Type /XObject /Subtype /Form /BBox [0 0 100 100]", &form));
        for ops in pages {
            let n = objs.len() + 2; // this page's content
            objs.push(format!("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R /F2 4 0 R >> /XObject << /X1 5 0 R >> >> /Contents {n} 0 R >>").into_bytes());
            let mut c = Vec::new();
            for op in ops.iter().take(2000) {
                op.write(&mut c);
            }
            objs.push(stream("", &c));
        }
        file(&objs)
    }
}

fn stream(dict: &str, data: &[u8]) -> Vec<u8> {
    let mut s = format!("<< {dict} /Length {} >>\nstream\n", data.len()).into_bytes();
    s.extend_from_slice(data);
    s.extend_from_slice(b"\nendstream");
    s
}

/// Objects 1.. with a correct cross-reference table.
fn file(objects: &[Vec<u8>]) -> Vec<u8> {
    let mut out = b"%PDF-1.7\n".to_vec();
    let mut offsets = Vec::new();
    for (i, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        let _ = writeln!(out, "{} 0 obj", i + 1);
        out.extend_from_slice(body);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    let _ = write!(out, "xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1);
    for o in offsets {
        let _ = writeln!(out, "{o:010} 00000 n ");
    }
    let _ = write!(out, "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n", objects.len() + 1);
    out
}
