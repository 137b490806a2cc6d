//! Hostile files, made in code: each is a few kilobytes to a few megabytes and was once a panic,
//! gigabytes of memory or minutes of work. Shared by `tests/hostile.rs` (each must end as a
//! Chinese error or a report, under the budgets), `benches/hostile.rs` (their memory and time)
//! and the fuzz crate's seeds. Nothing here is committed as a file.
#![allow(dead_code)]

use std::io::{Cursor, Write};

/// One hostile input: which reader it attacks, what it does, and the bytes.
pub struct Case {
    pub name: &'static str,
    pub reader: &'static str,
    pub what: &'static str,
    pub bytes: Vec<u8>,
}

/// Every case, at the size the issue measured it (or the size given).
pub fn cases() -> Vec<Case> {
    vec![
        Case { name: "pdf-glyph-name", reader: "pdf", what: "a /Differences glyph name `uniabcé` (cut inside a UTF-8 character)", bytes: pdf_glyph_name() },
        Case { name: "doc-overlapping-pieces", reader: "doc", what: "thousands of piece-table entries over the same CPs and bytes", bytes: doc_overlapping_pieces(5_000, 60_000) },
        Case { name: "html-wide-spans", reader: "html", what: "rows of cells with colspan and rowspan 1000", bytes: html_wide_spans(70) },
        Case { name: "text-spaces", reader: "text", what: "a first line of 100 KB of spaces between two words", bytes: text_spaces(100_000) },
        Case { name: "html-ideographic-spaces", reader: "html", what: "a paragraph of 300 000 U+3000 (not collapsed by HTML)", bytes: html_ideographic_spaces(300_000) },
        Case { name: "pdf-vertical-labels", reader: "pdf", what: "tens of thousands of one-character columns three lines high", bytes: pdf_vertical_labels(20_000) },
        Case { name: "doc-field-stack", reader: "doc", what: "150 000 unclosed fields, then text", bytes: doc_field_stack(150_000, 300_000) },
        Case { name: "pdf-damaged-nested", reader: "pdf", what: "6 MB of nested dictionaries and no cross-reference table", bytes: pdf_damaged_nested(6 << 20) },
        Case { name: "text-tab-row", reader: "text", what: "one line of a million tabs (a million cells)", bytes: b"\t".repeat(1_000_000) },
        Case { name: "html-many-attributes", reader: "html", what: "a tag with a million attributes", bytes: html_many_attributes(1_000_000) },
        Case { name: "html-deep-tables", reader: "html", what: "100 000 tables opened inside each other's cells", bytes: "<table><tr><td>".repeat(100_000).into_bytes() },
        Case { name: "docx-open-paragraphs", reader: "docx", what: "two million unclosed <w:p> in a compressed document.xml", bytes: docx_open_paragraphs(2_000_000) },
        Case { name: "docx-wide-rows", reader: "docx", what: "rows of gridBefore 1000 and gridSpan 1000", bytes: docx_wide_rows(20_000) },
        Case { name: "pdf-many-rules", reader: "pdf", what: "20 000 rules on one page, each touching the others", bytes: pdf_many_rules(20_000) },
        Case { name: "text-long-row-label", reader: "text", what: "a table row of 100 000 text cells (all label)", bytes: text_long_row_label(100_000) },
    ]
}

// ---------------------------------------------------------------------------------------------
// PDF

/// A PDF from object bodies (object i+1 is `objects[i]`), with a correct xref table.
pub fn pdf(objects: &[Vec<u8>]) -> Vec<u8> {
    let mut out = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n".to_vec();
    let mut offsets = Vec::new();
    for (i, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        writeln!(out, "{} 0 obj", i + 1).unwrap();
        out.extend_from_slice(body);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    write!(out, "xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).unwrap();
    for o in offsets {
        writeln!(out, "{o:010} 00000 n ").unwrap();
    }
    write!(out, "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n", objects.len() + 1).unwrap();
    out
}

pub fn stream(dict: &str, data: &[u8]) -> Vec<u8> {
    let mut s = format!("<< {dict} /Length {} >>\nstream\n", data.len()).into_bytes();
    s.extend_from_slice(data);
    s.extend_from_slice(b"\nendstream");
    s
}

pub fn deflate(data: &[u8]) -> Vec<u8> {
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    z.write_all(data).unwrap();
    z.finish().unwrap()
}

fn o(s: &str) -> Vec<u8> {
    s.as_bytes().to_vec()
}

/// Catalog, one page, font F1 = `font`, and a content stream.
pub fn one_page(content: Vec<u8>, font: &[u8]) -> Vec<u8> {
    pdf(&[
        o("<< /Type /Catalog /Pages 2 0 R >>"),
        o("<< /Type /Pages /Kids [3 0 R] /Count 1 >>"),
        o("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>"),
        content,
        font.to_vec(),
    ])
}

const HELVETICA: &[u8] = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>";

/// A simple font whose /Differences names code 65 `uniabc\u{e9}`: four bytes in is inside the é.
pub fn pdf_glyph_name() -> Vec<u8> {
    let font = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding << /Type /Encoding /Differences [65 /uniabc\xc3\xa9 66 /u00e9\xc3\xa9 67 /uni\xc3\xa9\xc3\xa9 68 /u\xc3\xa9] >> >>";
    let text = b"BT /F1 12 Tf 72 700 Td (ABCD ABCD ABCD ABCD ABCD ABCD ABCD ABCD ABCD ABCD ABCD ABCD) Tj ET";
    one_page(stream("", text), font)
}

/// Groups of three one-character lines at the same x (a vertical label each), `groups` times,
/// with another cell on every line; compressed.
pub fn pdf_vertical_labels(groups: usize) -> Vec<u8> {
    let mut c = Vec::new();
    c.extend_from_slice(b"BT /F1 10 Tf\n");
    let mut y = 800_000.0f32;
    for _ in 0..groups {
        for _ in 0..3 {
            write!(c, "1 0 0 1 50 {y} Tm <e4> Tj 1 0 0 1 200 {y} Tm (x) Tj\n").unwrap();
            y -= 10.0;
        }
        y -= 40.0;
    }
    c.extend_from_slice(b"ET");
    one_page(stream("/Filter /FlateDecode", &deflate(&c)), HELVETICA)
}

/// `n` rules crossing each other on one page (a grid of n/2 horizontal and n/2 vertical lines).
pub fn pdf_many_rules(n: usize) -> Vec<u8> {
    let mut c = Vec::new();
    let half = n / 2;
    for i in 0..half {
        let p = 10.0 + i as f32 * 0.01;
        write!(c, "10 {p} m 500 {p} l S {p} 10 m {p} 500 l S\n").unwrap();
    }
    c.extend_from_slice(b"BT /F1 10 Tf 20 20 Td (a) Tj ET");
    one_page(stream("/Filter /FlateDecode", &deflate(&c)), HELVETICA)
}

/// About `size` bytes of objects holding nested dictionaries, and no xref table, trailer or
/// startxref: the reader must rebuild the cross references by scanning.
pub fn pdf_damaged_nested(size: usize) -> Vec<u8> {
    let mut out = b"%PDF-1.7\n".to_vec();
    let depth = 50;
    let mut i = 1;
    while out.len() < size {
        write!(out, "{i} 0 obj\n").unwrap();
        for _ in 0..depth {
            out.extend_from_slice(b"<< /A ");
        }
        out.extend_from_slice(b"1");
        for _ in 0..depth {
            out.extend_from_slice(b" >>");
        }
        out.extend_from_slice(b"\nendobj\n");
        i += 1;
    }
    out
}

// ---------------------------------------------------------------------------------------------
// .doc (a compound file with a WordDocument and a 1Table stream)

/// A Word 97 file whose main text is `text` (8-bit, one piece unless `pcd` is given) and whose
/// piece table is `pcd`: (cp, cp_end) ranges, all starting at the text's first byte.
pub fn doc(text: &[u8], pieces: &[(u32, u32)]) -> Vec<u8> {
    const TEXT_AT: usize = 1024;
    let mut word = vec![0u8; TEXT_AT];
    word[0..2].copy_from_slice(&0xA5ECu16.to_le_bytes());
    word[2..4].copy_from_slice(&0x00C1u16.to_le_bytes());
    word[0x0A..0x0C].copy_from_slice(&0x0200u16.to_le_bytes()); // 1Table
    word[32..34].copy_from_slice(&14u16.to_le_bytes()); // csw
    let lw = 34 + 14 * 2;
    word[lw..lw + 2].copy_from_slice(&22u16.to_le_bytes()); // cslw
    let rglw = lw + 2;
    word[rglw + 12..rglw + 16].copy_from_slice(&(text.len() as u32).to_le_bytes()); // ccpText
    let at = rglw + 22 * 4;
    word[at..at + 2].copy_from_slice(&93u16.to_le_bytes()); // cbRgFcLcb
    let rg = at + 2;
    word.extend_from_slice(text);
    // The CLX: one Pcdt with the pieces' CP boundaries and descriptors.
    let ranges: Vec<(u32, u32)> = if pieces.is_empty() { vec![(0, text.len() as u32)] } else { pieces.to_vec() };
    let mut cps: Vec<u32> = Vec::new();
    for &(a, b) in &ranges {
        if cps.last() != Some(&a) {
            cps.push(a);
        }
        cps.push(b);
    }
    // Pieces are the spans between consecutive CPs; each points at the text's start.
    let n = cps.len() - 1;
    let mut plc = Vec::new();
    for cp in &cps {
        plc.extend_from_slice(&cp.to_le_bytes());
    }
    for _ in 0..n {
        plc.extend_from_slice(&[0, 0]);
        plc.extend_from_slice(&(0x4000_0000u32 | (TEXT_AT as u32 * 2)).to_le_bytes());
        plc.extend_from_slice(&[0, 0]);
    }
    let mut table = vec![0x02];
    table.extend_from_slice(&(plc.len() as u32).to_le_bytes());
    table.extend_from_slice(&plc);
    let clx = (0u32, table.len() as u32);
    word[rg + 33 * 8..rg + 33 * 8 + 4].copy_from_slice(&clx.0.to_le_bytes());
    word[rg + 33 * 8 + 4..rg + 33 * 8 + 8].copy_from_slice(&clx.1.to_le_bytes());
    let mut cf = cfb::CompoundFile::create(Cursor::new(Vec::new())).unwrap();
    cf.create_stream("/WordDocument").unwrap().write_all(&word).unwrap();
    cf.create_stream("/1Table").unwrap().write_all(&table).unwrap();
    cf.flush().unwrap();
    cf.into_inner().into_inner()
}

/// `pieces` entries that all cover CP 0..`chars` of the same bytes.
pub fn doc_overlapping_pieces(pieces: usize, chars: usize) -> Vec<u8> {
    let mut text = b"\xd5\xfb\xc4\xea ".repeat(chars / 5 + 1);
    text.truncate(chars);
    let ranges: Vec<(u32, u32)> = (0..pieces).map(|_| (0, chars as u32)).collect();
    doc(&text, &ranges)
}

/// `open` fields begun and separated (`\x13\x14`) but never ended, then `chars` of text.
pub fn doc_field_stack(open: usize, chars: usize) -> Vec<u8> {
    let mut text = b"\x13\x14".repeat(open);
    text.extend(std::iter::repeat_n(b'a', chars).enumerate().map(|(i, c)| if i % 80 == 79 { b'\r' } else { c }));
    doc(&text, &[])
}

// ---------------------------------------------------------------------------------------------
// HTML and text

/// `rows` rows of `rows` cells, each colspan and rowspan 1000.
pub fn html_wide_spans(rows: usize) -> Vec<u8> {
    let mut s = String::from("<html><body><table>");
    for _ in 0..rows {
        s.push_str("<tr>");
        for _ in 0..rows {
            s.push_str("<td colspan=1000 rowspan=1000>1</td>");
        }
        s.push_str("</tr>");
    }
    s.push_str("</table></body></html>");
    s.into_bytes()
}

pub fn text_spaces(n: usize) -> Vec<u8> {
    format!("a{}b\n2024年某某县政府信息公开工作年度报告\n", " ".repeat(n)).into_bytes()
}

pub fn html_ideographic_spaces(n: usize) -> Vec<u8> {
    format!("<html><body><p>2024年{}年度报告</p></body></html>", "\u{3000}".repeat(n)).into_bytes()
}

pub fn html_many_attributes(n: usize) -> Vec<u8> {
    format!("<html><body><table><tr><td {}>1</td></tr></table></body></html>", "a ".repeat(n)).into_bytes()
}

pub fn text_long_row_label(n: usize) -> Vec<u8> {
    let mut s = String::from("三、收到和处理政府信息公开申请情况\n本年新收政府信息公开申请数量");
    for _ in 0..n {
        s.push_str("\t申请");
    }
    s.push_str("\t1\n");
    s.into_bytes()
}

// ---------------------------------------------------------------------------------------------
// .docx

pub fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut z = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let o = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, data) in entries {
        z.start_file(*name, o).unwrap();
        z.write_all(data).unwrap();
    }
    z.finish().unwrap().into_inner()
}

pub fn docx(body: &str) -> Vec<u8> {
    let xml = format!(r#"<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>"#);
    zip_of(&[("word/document.xml", xml.as_bytes())])
}

pub fn docx_open_paragraphs(n: usize) -> Vec<u8> {
    docx(&"<w:p>".repeat(n))
}

pub fn docx_wide_rows(rows: usize) -> Vec<u8> {
    let row = r#"<w:tr><w:trPr><w:gridBefore w:val="1000"/></w:trPr><w:tc><w:tcPr><w:gridSpan w:val="1000"/></w:tcPr><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc></w:tr>"#;
    docx(&format!("<w:tbl>{}</w:tbl>", row.repeat(rows)))
}
