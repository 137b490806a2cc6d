//! Hostile files, made in code: each is a few kilobytes to a few megabytes and was once a panic,
//! gigabytes of memory or minutes of work. Shared by `tests/hostile.rs` (each must end as a
//! Chinese error or a report, under the budgets), `benches/hostile.rs` (their memory and time)
//! and the fuzz crate's seeds. Nothing here is committed as a file.
#![allow(dead_code)]

use std::io::{Cursor, Write};

/// One hostile input: which reader it attacks, what it does, and how to make it.
pub struct Case {
    pub name: &'static str,
    pub reader: &'static str,
    pub what: &'static str,
    pub make: fn() -> Vec<u8>,
}

/// Every case: those of issue 12 at the size it measured them, then the same patterns found
/// elsewhere.
pub fn cases() -> Vec<Case> {
    vec![
        Case {
            name: "pdf-glyph-name",
            reader: "pdf",
            what: "a /Differences glyph name `uniabcé`: four bytes in is inside the é",
            make: pdf_glyph_name,
        },
        Case {
            name: "doc-overlapping-pieces",
            reader: "doc",
            what: "5,000 piece-table entries over the same CPs and bytes",
            make: || doc_overlapping_pieces(5_000, 60_000),
        },
        Case {
            name: "html-wide-spans",
            reader: "html",
            what: "a row of 2,000 cells of colspan and rowspan 1000 over 1,000 rows",
            make: || html_wide_spans(2_000, 1_000),
        },
        Case {
            name: "text-spaces",
            reader: "text",
            what: "a first line of 100 KB of spaces between two words",
            make: || text_spaces(100_000),
        },
        Case {
            name: "html-ideographic-spaces",
            reader: "html",
            what: "a paragraph of 300,000 U+3000 (not collapsed by HTML)",
            make: || html_ideographic_spaces(300_000),
        },
        Case {
            name: "pdf-vertical-labels",
            reader: "pdf",
            what: "60,000 three-line columns of one character (vertical labels), compressed",
            make: || pdf_vertical_labels(60_000),
        },
        Case {
            name: "doc-field-stack",
            reader: "doc",
            what: "150,000 fields begun and never ended, then text",
            make: || doc_field_stack(150_000, 300_000),
        },
        Case {
            name: "pdf-damaged-nested",
            reader: "pdf",
            what: "a page, then 6 MB of dictionaries nested past 512 levels, no cross-reference table",
            make: || pdf_damaged_nested(6 << 20),
        },
        Case { name: "html-200mb", reader: "html", what: "a 200 MB page of table rows", make: || html_big(200 << 20) },
        // The same patterns elsewhere.
        Case {
            name: "pdf-damaged-strings",
            reader: "pdf",
            what: "a page, then 1 MB of `<< /A (` (strings never closed), no cross-reference table",
            make: || pdf_damaged_strings(1 << 20),
        },
        Case {
            name: "pdf-pages-of-rules",
            reader: "pdf",
            what: "2,000 pages sharing one content stream of 5,000 crossing rules",
            make: || pdf_pages_of_rules(2_000, 5_000),
        },
        Case {
            name: "pdf-cmap-entries",
            reader: "pdf",
            what: "fonts whose ToUnicode CMaps hold millions of entries",
            make: || pdf_cmap_entries(200, 100_000),
        },
        Case {
            name: "pdf-shared-widths",
            reader: "pdf",
            what: "1,000 fonts sharing one /W array of 65,536 widths",
            make: || pdf_shared_widths(1_000),
        },
        Case { name: "pdf-many-pages", reader: "pdf", what: "400,000 pages in one page tree", make: || pdf_many_pages(400_000) },
        Case {
            name: "text-tab-row",
            reader: "text",
            what: "one line of ten million tabs (ten million cells)",
            make: || text_tabs(10_000_000),
        },
        Case {
            name: "text-long-row-label",
            reader: "text",
            what: "a table row of 90,000 text cells (all label)",
            make: || text_long_row_label(90_000),
        },
        Case {
            name: "text-blank-row",
            reader: "text",
            what: "a table row of a label, 90,000 blank cells and a number",
            make: || text_blank_row(90_000),
        },
        Case {
            name: "text-label-cells",
            reader: "text",
            what: "a table row of 90,000 text cells naming no row, then a number",
            make: || seed_with_row(&format!("甲{}\t1", "\t某".repeat(90_000))),
        },
        Case {
            name: "text-long-narrative",
            reader: "text",
            what: "a report whose narrative is 3.5 MB in one sentence of counts",
            make: || text_narrative(7 << 19, false),
        },
        Case {
            name: "text-many-sentences",
            reader: "text",
            what: "a report whose narrative is 3.5 MB of short sentences of counts",
            make: || text_narrative(7 << 19, true),
        },
        Case {
            name: "html-many-attributes",
            reader: "html",
            what: "a cell tag with ten million attributes",
            make: || html_many_attributes(10_000_000),
        },
        Case {
            name: "html-many-cells",
            reader: "html",
            what: "ten million `<td>` in one table",
            make: || "<table><tr>".bytes().chain("<td>".repeat(10_000_000).into_bytes()).collect(),
        },
        Case {
            name: "html-deep-tables",
            reader: "html",
            what: "100,000 tables opened inside each other's cells",
            make: || "<table><tr><td>".repeat(100_000).into_bytes(),
        },
        Case {
            name: "docx-open-paragraphs",
            reader: "docx",
            what: "five million unclosed <w:p> in a compressed document.xml",
            make: || docx_open_paragraphs(5_000_000),
        },
        Case {
            name: "docx-wide-rows",
            reader: "docx",
            what: "20,000 rows of gridBefore 1000 and gridSpan 1000",
            make: || docx_wide_rows(20_000),
        },
        Case {
            name: "docx-nested-tables",
            reader: "docx",
            what: "300,000 tables each opened in a cell of the one before",
            make: || docx(&"<w:tbl><w:tr><w:tc>".repeat(300_000)),
        },
        Case {
            name: "doc-paragraph-marks",
            reader: "doc",
            what: "a .doc whose 40 MB of text is paragraph marks",
            make: || doc(&b"\r".repeat(40 << 20), &[]),
        },
        // Inputs near the size limit that stay within the budgets as long as they can: what
        // the memory bound must hold for.
        Case { name: "max-text", reader: "text", what: "48 MB of UTF-8 lines of a table row", make: || text_big(48 << 20) },
        Case { name: "max-html-gbk", reader: "html", what: "48 MB of a GBK page of table rows", make: || html_gbk_big(48 << 20) },
        Case {
            name: "max-docx",
            reader: "docx",
            what: "a .docx whose document.xml inflates to 30 MB of paragraphs",
            make: || docx_big(30 << 20),
        },
        Case {
            name: "max-doc",
            reader: "doc",
            what: "a 48 MB .doc of text",
            make: || doc(&b"\xd0\xd0\xd5\xfe 1 2 3\r".repeat(4 << 20), &[]),
        },
        Case { name: "max-pdf-objects", reader: "pdf", what: "48 MB of small PDF objects", make: || pdf_many_objects(48 << 20) },
        Case { name: "max-pdf-glyphs", reader: "pdf", what: "a page of 400,000 glyphs on 20,000 lines", make: || pdf_glyphs(400_000) },
        Case { name: "max-pdf-pages", reader: "pdf", what: "45,000 pages in one page tree", make: || pdf_many_pages(45_000) },
        // Each resource taken close to its limit at once, in a file near the size limit.
        Case {
            name: "max-pdf-all",
            reader: "pdf",
            what: "41 MB: 480,000 objects and a content stream of 45 MB with 390,000 glyphs",
            make: || pdf_all(480_000, 2300),
        },
        Case {
            name: "max-docx-all",
            reader: "docx",
            what: "a document.xml of 16 MB: 95,000 cells, 860,000 elements, 2.3 MB of text",
            make: || docx_all(19_000),
        },
        Case {
            name: "max-html-all",
            reader: "html",
            what: "48 MB: 95,000 cells, 900,000 tags, 2.4 MB of text",
            make: || html_all(48 << 20, 300),
        },
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
    writeln!(out, "xref\n0 {}\n0000000000 65535 f ", objects.len() + 1).unwrap();
    for o in offsets {
        writeln!(out, "{o:010} 00000 n ").unwrap();
    }
    writeln!(out, "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF", objects.len() + 1).unwrap();
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
/// with another cell on every line; relative moves, so it compresses to almost nothing.
pub fn pdf_vertical_labels(groups: usize) -> Vec<u8> {
    let mut c = Vec::new();
    c.extend_from_slice(b"BT /F1 10 Tf 50 800000 Td\n");
    let line = b"<e4> Tj 150 0 Td (x) Tj -150 -10 Td\n";
    for _ in 0..groups {
        for _ in 0..3 {
            c.extend_from_slice(line);
        }
        c.extend_from_slice(b"0 -40 Td\n");
    }
    c.extend_from_slice(b"ET");
    one_page(stream("/Filter /FlateDecode", &deflate(&c)), HELVETICA)
}

/// `pages` pages sharing one content stream of `rules` crossing lines.
pub fn pdf_pages_of_rules(pages: usize, rules: usize) -> Vec<u8> {
    let mut c = Vec::new();
    for i in 0..rules / 2 {
        let p = 10.0 + i as f32 * 0.1;
        writeln!(c, "10 {p} m 600 {p} l {p} 10 m {p} 600 l").unwrap();
    }
    c.extend_from_slice(b"S BT /F1 10 Tf 20 20 Td (a) Tj ET");
    // Objects: 1 catalog, 2 pages, 3 content, 4 font, then the pages.
    let kids: String = (0..pages).map(|i| format!("{} 0 R ", 5 + i)).collect();
    let mut objs = vec![
        o("<< /Type /Catalog /Pages 2 0 R >>"),
        o(&format!("<< /Type /Pages /Kids [{kids}] /Count {pages} >>")),
        stream("/Filter /FlateDecode", &deflate(&c)),
        HELVETICA.to_vec(),
    ];
    for _ in 0..pages {
        objs.push(o("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 3 0 R >>"));
    }
    pdf(&objs)
}

/// `fonts` Type0 fonts sharing one ToUnicode CMap of `entries` bfchar entries: each font reads
/// it again.
pub fn pdf_cmap_entries(fonts: usize, entries: usize) -> Vec<u8> {
    let mut cmap = format!("1 begincodespacerange <0000> <FFFF> endcodespacerange\n{entries} beginbfchar\n").into_bytes();
    for i in 0..entries {
        writeln!(cmap, "<{:04X}> <{:04X}>", i % 65536, 0x4E00 + i % 20000).unwrap();
    }
    cmap.extend_from_slice(b"endbfchar");
    // Objects: 1 catalog, 2 pages, 3 page, 4 content, 5 CMap, then the fonts.
    let font_names: String = (0..fonts).map(|i| format!("/F{i} {} 0 R ", 6 + i)).collect();
    let content: String = (0..fonts).map(|i| format!("BT /F{i} 12 Tf 72 700 Td <0041> Tj ET\n")).collect();
    let mut objs = vec![
        o("<< /Type /Catalog /Pages 2 0 R >>"),
        o("<< /Type /Pages /Kids [3 0 R] /Count 1 >>"),
        o(&format!("<< /Type /Page /Parent 2 0 R /Resources << /Font << {font_names} >> >> /Contents 4 0 R >>")),
        stream("", content.as_bytes()),
        stream("/Filter /FlateDecode", &deflate(&cmap)),
    ];
    for _ in 0..fonts {
        objs.push(o("<< /Type /Font /Subtype /Type0 /BaseFont /X /Encoding /Identity-H /ToUnicode 5 0 R /DescendantFonts [<< /Subtype /CIDFontType2 /DW 1000 >>] >>"));
    }
    pdf(&objs)
}

/// A catalog and one empty page, written without an xref table, trailer or startxref (a file
/// cut off or damaged): the reader must find its objects by scanning.
fn damaged_start() -> Vec<u8> {
    let mut out = b"%PDF-1.7\n".to_vec();
    out.extend_from_slice(b"1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n");
    out.extend_from_slice(b"2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n");
    out.extend_from_slice(b"3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>\nendobj\n");
    out
}

/// A damaged file: a page, then `size` bytes of an object of dictionaries nested deeper than
/// any parser goes (each level a candidate where a scan for objects restarts).
pub fn pdf_damaged_nested(size: usize) -> Vec<u8> {
    let mut out = damaged_start();
    out.extend_from_slice(b"4 0 obj\n");
    while out.len() < size {
        out.extend_from_slice(b"<< /A ");
    }
    out
}

/// A damaged file: a page, then `size` bytes of dictionaries whose strings never close.
pub fn pdf_damaged_strings(size: usize) -> Vec<u8> {
    let mut out = damaged_start();
    out.extend_from_slice(b"4 0 obj\n");
    while out.len() < size {
        out.extend_from_slice(b"<< /A ( ");
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

/// A first row of `cells` cells of colspan and rowspan 1000, then `rows` rows of one cell.
pub fn html_wide_spans(cells: usize, rows: usize) -> Vec<u8> {
    let mut s = String::from("<html><body><table><tr>");
    for _ in 0..cells {
        s.push_str("<td colspan=1000 rowspan=1000>1</td>");
    }
    s.push_str("</tr>");
    for _ in 0..rows {
        s.push_str("<tr><td>1</td></tr>");
    }
    s.push_str("</table></body></html>");
    s.into_bytes()
}

/// A page of `size` bytes: table rows of numbers.
pub fn html_big(size: usize) -> Vec<u8> {
    let row = "<tr><td>行政许可</td><td>1</td><td>2</td><td>3</td></tr>\n";
    let mut s = String::with_capacity(size + 100);
    s.push_str("<html><body><table>");
    while s.len() + row.len() < size {
        s.push_str(row);
    }
    s.into_bytes()
}

pub fn text_tabs(n: usize) -> Vec<u8> {
    let mut v = b"x".to_vec();
    v.extend(std::iter::repeat_n(b'\t', n));
    v
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

/// The seed report with one more line in table 三, after its first row.
pub fn seed_with_row(row: &str) -> Vec<u8> {
    let seed = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus/real/seed-2021-guanqian.txt")).unwrap();
    let seed = String::from_utf8(seed).unwrap();
    let mut out = String::new();
    for line in seed.lines() {
        out.push_str(line);
        out.push('\n');
        if line.starts_with("一、本年新收") {
            out.push_str(row);
            out.push('\n');
        }
    }
    out.into_bytes()
}

/// A row of table 三 of `n` text cells: all label, given back to the values one by one.
pub fn text_long_row_label(n: usize) -> Vec<u8> {
    seed_with_row(&format!("（二）部分公开{}\t1", "\t申请".repeat(n)))
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
    let xml = format!(
        r#"<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>"#
    );
    zip_of(&[("word/document.xml", xml.as_bytes())])
}

pub fn docx_open_paragraphs(n: usize) -> Vec<u8> {
    docx(&"<w:p>".repeat(n))
}

pub fn docx_wide_rows(rows: usize) -> Vec<u8> {
    let row = r#"<w:tr><w:trPr><w:gridBefore w:val="1000"/></w:trPr><w:tc><w:tcPr><w:gridSpan w:val="1000"/></w:tcPr><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc></w:tr>"#;
    docx(&format!("<w:tbl>{}</w:tbl>", row.repeat(rows)))
}

// ---------------------------------------------------------------------------------------------
// Near the size limit.

pub fn text_big(size: usize) -> Vec<u8> {
    let row = "行政许可\t1\t2\t3\t4\t5\t6\t7\n".as_bytes();
    let mut v = Vec::with_capacity(size);
    while v.len() + row.len() <= size {
        v.extend_from_slice(row);
    }
    v
}

/// Table rows in GBK, declared as such (decoded, the text grows by half).
pub fn html_gbk_big(size: usize) -> Vec<u8> {
    // "<tr><td>行政许可</td><td>1</td></tr>" with 行政许可 in GBK.
    let row: &[u8] = b"<tr><td>\xd0\xd0\xd5\xfe\xd0\xed\xbf\xc9</td><td>1</td></tr>\n";
    let mut v = b"<html><head><meta charset=gbk></head><body><table>\n".to_vec();
    while v.len() + row.len() <= size {
        v.extend_from_slice(row);
    }
    v
}

pub fn docx_big(size: usize) -> Vec<u8> {
    let p = "<w:p><w:r><w:t>行政许可 1 2 3</w:t></w:r></w:p>";
    docx(&p.repeat(size / p.len()))
}

/// Objects of a few bytes each, with a catalog and an empty page so the file opens.
pub fn pdf_many_objects(size: usize) -> Vec<u8> {
    let mut out = b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n3 0 obj\n<< /Type /Page /Parent 2 0 R >>\nendobj\n".to_vec();
    let mut i = 4;
    while out.len() < size {
        writeln!(out, "{i} 0 obj [1]endobj").unwrap();
        i += 1;
    }
    out
}

/// One page of `n` glyphs, twenty to a line.
pub fn pdf_glyphs(n: usize) -> Vec<u8> {
    let mut c = b"BT /F1 10 Tf 50 800 Td\n".to_vec();
    for _ in 0..n / 20 {
        c.extend_from_slice(b"(abcdefghij klmnopqrs) Tj 0 -0.04 Td\n");
    }
    c.extend_from_slice(b"ET");
    one_page(stream("/Filter /FlateDecode", &deflate(&c)), HELVETICA)
}

/// Objects, glyphs and decoded bytes each just under their limits (with 480,000 objects and
/// 2,300 bytes of comment a line).
pub fn pdf_all(objects: usize, pad: usize) -> Vec<u8> {
    let mut c = b"BT /F1 10 Tf 50 800 Td\n".to_vec();
    // Comments: decoded bytes that are no operators.
    let pad = vec![b'%'; pad];
    for _ in 0..390_000 / 20 {
        c.extend_from_slice(b"(abcdefghij klmnopqrs) Tj 0 -0.04 Td\n");
        c.extend_from_slice(&pad);
        c.push(b'\n');
    }
    c.extend_from_slice(b"ET");
    let mut out = one_page(stream("/Filter /FlateDecode", &deflate(&c)), HELVETICA);
    // Drop the xref and trailer: objects follow, the file is read by scanning.
    let end = out.windows(4).rposition(|w| w == b"xref").unwrap();
    out.truncate(end);
    let mut i = 6;
    while out.len() < 48 << 20 && i < objects {
        writeln!(out, "{i} 0 obj [1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 26]endobj").unwrap();
        i += 1;
    }
    out
}

/// Cells, elements and text each just under their limits (with 19,000 rows).
pub fn docx_all(rows: usize) -> Vec<u8> {
    // Rows of 5 cells of 9 elements and 25 bytes of text each: 16 MB of XML for 19,000.
    let text = "行政许可".repeat(2);
    let cell = format!(
        r#"<w:tc><w:tcPr/><w:p w:rsidR="00AB12CD"><w:pPr/><w:r><w:rPr/><w:t>{text}</w:t></w:r><w:r><w:t>1</w:t></w:r></w:p></w:tc>"#
    );
    let row = format!("<w:tr>{}</w:tr>", cell.repeat(5));
    docx(&format!("<w:tbl>{}</w:tbl>", row.repeat(rows)))
}

/// Cells, tags and text each just under their limits, a comment of `pad` bytes after each cell,
/// comments filling the rest up to `size`.
pub fn html_all(size: usize, pad: usize) -> Vec<u8> {
    let mut s = String::from("<html><body><table>");
    let text = "行政许可".repeat(2);
    let pad = format!("<!--{}-->", "x".repeat(pad));
    let mut cells = 0;
    while cells < 95_000 {
        s.push_str("<tr>");
        for _ in 0..5 {
            s.push_str(&format!("<td><p><span>{text}</span></p><p><b>1</b></p></td>{pad}"));
        }
        s.push_str("</tr>\n");
        cells += 5;
    }
    let filler = format!("{pad}\n");
    while s.len() + filler.len() < size {
        s.push_str(&filler);
    }
    s.into_bytes()
}

/// A row of table 三: its label, `n` blank cells, a number.
pub fn text_blank_row(n: usize) -> Vec<u8> {
    seed_with_row(&format!("（二）部分公开{}\t1", "\t".repeat(n)))
}

/// The seed report with `size` bytes of narrative after its first paragraph: counts the
/// narrative rules read, in one sentence or in many.
pub fn text_narrative(size: usize, sentences: bool) -> Vec<u8> {
    let seed = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus/real/seed-2021-guanqian.txt")).unwrap();
    let seed = String::from_utf8(seed).unwrap();
    let clause = if sentences {
        "本年收到政府信息公开申请12件，其中予以公开3件。"
    } else {
        "本年收到政府信息公开申请12件，其中予以公开3件，"
    };
    let at = seed.find("\n\n").unwrap_or(0);
    let mut s = String::with_capacity(seed.len() + size);
    s.push_str(&seed[..at]);
    s.push_str("\n\n");
    while s.len() < size {
        s.push_str(clause);
    }
    s.push_str(&seed[at..]);
    s.into_bytes()
}

/// `fonts` Type0 fonts, all with the same /W array (an object) of 65,536 widths.
pub fn pdf_shared_widths(fonts: usize) -> Vec<u8> {
    let widths: String = (0..65_536).map(|i| format!("{} ", 500 + i % 500)).collect();
    // Objects: 1 catalog, 2 pages, 3 page, 4 content, 5 the widths, then the fonts.
    let names: String = (0..fonts).map(|i| format!("/F{i} {} 0 R ", 6 + i)).collect();
    let content: String = (0..fonts).map(|i| format!("BT /F{i} 12 Tf 72 700 Td <0041> Tj ET\n")).collect();
    let mut objs = vec![
        o("<< /Type /Catalog /Pages 2 0 R >>"),
        o("<< /Type /Pages /Kids [3 0 R] /Count 1 >>"),
        o(&format!("<< /Type /Page /Parent 2 0 R /Resources << /Font << {names} >> >> /Contents 4 0 R >>")),
        stream("", content.as_bytes()),
        o(&format!("[0 [{widths}]]")),
    ];
    for _ in 0..fonts {
        objs.push(o(
            "<< /Type /Font /Subtype /Type0 /BaseFont /X /Encoding /Identity-H /DescendantFonts [<< /Subtype /CIDFontType2 /W 5 0 R >>] >>",
        ));
    }
    pdf(&objs)
}

/// A page tree of `pages` pages, each its own object.
pub fn pdf_many_pages(pages: usize) -> Vec<u8> {
    let kids: String = (0..pages).map(|i| format!("{} 0 R ", 3 + i)).collect();
    let mut objs = vec![o("<< /Type /Catalog /Pages 2 0 R >>"), o(&format!("<< /Type /Pages /Kids [{kids}] /Count {pages} >>"))];
    for _ in 0..pages {
        objs.push(o("<< /Type /Page /Parent 2 0 R >>"));
    }
    pdf(&objs)
}
