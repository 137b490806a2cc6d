//! Broken and hostile PDFs never panic: truncated and bit-flipped corpus PDFs, arbitrary bytes
//! after a PDF header, and hand-made files that declare more than they hold (object streams,
//! nesting, lengths, reference loops, decompression bombs) give a report or a Chinese error, in
//! bounded time.

mod common;
use std::io::Write;
use std::time::{Duration, Instant};

use common::corpus;
use nianbao_check::{check_bytes, Options, Report};
use proptest::prelude::*;

const PDFS: &[&str] = &["real/2024-huaian-city.pdf", "derived/pingtan-2021.pdf", "derived/2023-shuyang-fgj.pdf"];

fn chinese(s: &str) -> bool {
    s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

/// A report, or an error a Chinese reader can read. `check_bytes` panicking fails by itself.
fn read_ok(bytes: &[u8]) -> Result<(), TestCaseError> {
    let r = check_bytes("变体.pdf", bytes, &Options::default());
    if let Some(e) = &r.error {
        prop_assert!(chinese(&e.to_string()), "not Chinese: {e:?}");
        prop_assert!(r.cells.is_empty());
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn truncated_pdfs_never_panic(file in 0..PDFS.len(), keep in 0.0f64..1.0) {
        let bytes = corpus(PDFS[file]);
        let n = (bytes.len() as f64 * keep) as usize;
        read_ok(&bytes[..n])?;
    }

    #[test]
    fn bit_flipped_pdfs_never_panic(file in 0..PDFS.len(), flips in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..40)) {
        let mut bytes = corpus(PDFS[file]);
        let n = bytes.len();
        for (at, bit) in &flips {
            bytes[at.index(n)] ^= 1 << (bit % 8);
        }
        read_ok(&bytes)?;
    }

    #[test]
    fn arbitrary_bytes_after_a_pdf_header_never_panic(tail in prop::collection::vec(any::<u8>(), 0..4000)) {
        let mut bytes = b"%PDF-1.7\n".to_vec();
        bytes.extend(tail);
        read_ok(&bytes)?;
    }

    /// PDF-looking tokens in random order reach the parser's deeper paths more often than bytes.
    #[test]
    fn arbitrary_pdf_tokens_never_panic(tokens in prop::collection::vec(prop::sample::select(TOKENS.to_vec()), 0..300)) {
        let mut bytes = b"%PDF-1.7\n".to_vec();
        for t in tokens {
            bytes.extend_from_slice(t.as_bytes());
            bytes.push(b' ');
        }
        read_ok(&bytes)?;
    }
}

const TOKENS: &[&str] = &[
    "1 0 obj",
    "2 0 obj",
    "3 0 obj",
    "endobj",
    "<<",
    ">>",
    "[",
    "]",
    "/Type",
    "/Catalog",
    "/Pages",
    "/Page",
    "/Kids",
    "/Count",
    "/Contents",
    "/Resources",
    "/Font",
    "/Length",
    "/Filter",
    "/FlateDecode",
    "/ObjStm",
    "/N",
    "/First",
    "1 0 R",
    "2 0 R",
    "3 0 R",
    "stream\n",
    "\nendstream",
    "xref",
    "0 4",
    "0000000000 65535 f ",
    "trailer",
    "/Root",
    "/Size",
    "startxref",
    "9",
    "%%EOF",
    "BT",
    "ET",
    "Tj",
    "TJ",
    "(a)",
    "<00410042>",
    "/F1",
    "12",
    "Tf",
    "-1e30",
    "99999999999",
];

/// A PDF from object bodies (object i+1 is `objects[i]`), with a correct xref table.
fn pdf(objects: &[Vec<u8>]) -> Vec<u8> {
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

fn stream(dict: &str, data: &[u8]) -> Vec<u8> {
    let mut s = format!("<< {dict} /Length {} >>\nstream\n", data.len()).into_bytes();
    s.extend_from_slice(data);
    s.extend_from_slice(b"\nendstream");
    s
}

fn deflate(data: &[u8]) -> Vec<u8> {
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    z.write_all(data).unwrap();
    z.finish().unwrap()
}

fn o(s: &str) -> Vec<u8> {
    s.as_bytes().to_vec()
}

/// Catalog, one page with font F1 (a simple Helvetica), and the given content stream body.
fn one_page(content: Vec<u8>, extra: Vec<Vec<u8>>) -> Vec<u8> {
    let mut objs = vec![
        o("<< /Type /Catalog /Pages 2 0 R >>"),
        o("<< /Type /Pages /Kids [3 0 R] /Count 1 >>"),
        o("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> /XObject << /X1 6 0 R >> >> /Contents 4 0 R >>"),
        content,
        o("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"),
    ];
    objs.extend(extra);
    pdf(&objs)
}

fn timed(name: &str, bytes: &[u8]) -> Report {
    let t = Instant::now();
    let r = check_bytes(name, bytes, &Options::default());
    assert!(t.elapsed() < Duration::from_secs(30), "{name}: took {:?}", t.elapsed());
    if let Some(e) = &r.error {
        assert!(chinese(&e.to_string()), "{name}: {e:?}");
    }
    r
}

#[test]
fn a_hand_made_pdf_with_text_reads_and_the_fixture_is_sound() {
    let content = stream("", b"BT /F1 12 Tf 72 700 Td (Annual report 2024, a text layer of some fifty characters.) Tj ET");
    let bytes = one_page(content, vec![o("<< >>")]);
    let doc = nianbao_check::readers::read(&bytes, nianbao_check::readers::native_decoder).expect("a text layer");
    assert_eq!(doc.blocks, vec![nianbao_check::document::Block::Para("Annual report 2024, a text layer of some fifty characters.".into())]);
    let r = timed("plain.pdf", &bytes);
    // It has text but is no report: the refusal is about the report, not about reading the PDF.
    let e = r.error.expect("not a report");
    assert!(e.code() != "pdf_broken" && e.code() != "pdf_no_text", "{e:?}");
}

#[test]
fn a_pdf_without_text_is_called_a_scan() {
    let image = stream("/Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray /BitsPerComponent 8", b"\x80");
    // A page number is all the text there is.
    let content = stream("", b"q 595 0 0 842 0 0 cm /X1 Do Q BT /F1 9 Tf 290 20 Td (- 1 -) Tj ET");
    let r = timed("scan.pdf", &one_page(content, vec![image]));
    let e = r.error.expect("refused");
    assert_eq!(e.code(), "pdf_no_text");
    assert!(e.to_string().contains("扫描件") && e.to_string().contains("OCR") && e.to_string().contains("Word"), "{e}");
}

#[test]
fn garbage_after_the_header_is_a_broken_pdf() {
    let r = timed("junk.pdf", b"%PDF-1.7\nnothing here at all");
    assert!(r.error.is_some());
}

#[test]
fn huge_declared_lengths_and_counts_are_not_believed() {
    let content = b"4 0 obj\n<< /Length 999999999999 >>\nstream\nBT /F1 12 Tf (x) Tj ET\nendstream\nendobj\n".to_vec();
    let mut bytes = one_page(o("<< /Length 1 >>\nstream\nx\nendstream"), vec![o("<< >>")]);
    bytes.extend(content); // a later, broken definition of the content stream
    timed("length.pdf", &bytes);
    // An object stream that claims a million objects and a first offset far past its end.
    let objstm = stream("/Type /ObjStm /N 1000000 /First 99999999", b"1 0 2 5 <<>> <<>>");
    timed("objstm.pdf", &one_page(stream("", b"BT ET"), vec![o("<< >>"), objstm]));
    // A ToUnicode range over four billion codes, and widths for a million CIDs.
    let cmap =
        stream("", b"1 begincodespacerange <00000000> <FFFFFFFF> endcodespacerange 1 beginbfrange <00000000> <FFFFFFFF> <0041> endbfrange");
    let font = o("<< /Type /Font /Subtype /Type0 /BaseFont /X /Encoding /Identity-H /ToUnicode 7 0 R /DescendantFonts [<< /Subtype /CIDFontType2 /W [0 1000000 500] /DW 1000 >>] >>");
    let page = o("<< /Type /Page /Parent 2 0 R /Resources << /Font << /F1 8 0 R >> >> /Contents 4 0 R >>");
    let objs = vec![
        o("<< /Type /Catalog /Pages 2 0 R >>"),
        o("<< /Type /Pages /Kids [3 0 R] /Count 1 >>"),
        page,
        stream("", b"BT /F1 12 Tf 72 700 Td <00410042> Tj ET"),
        o("<< >>"),
        o("<< >>"),
        cmap,
        font,
    ];
    timed("cmap.pdf", &pdf(&objs));
}

#[test]
fn deep_nesting_and_reference_loops_end() {
    // Arrays nested a hundred thousand deep, in an object and in a content stream.
    let deep = format!("{}1{}", "[".repeat(100_000), "]".repeat(100_000));
    let content = stream("", format!("BT /F1 12 Tf {deep} TJ ET").as_bytes());
    timed("deep.pdf", &one_page(content, vec![o(&format!("<< /A {deep} >>"))]));
    // A page tree whose node is its own kid, and a parent loop.
    let objs = vec![
        o("<< /Type /Catalog /Pages 2 0 R >>"),
        o("<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>"),
        o("<< /Type /Pages /Kids [2 0 R] /Parent 3 0 R /Count 1 >>"),
    ];
    timed("tree.pdf", &pdf(&objs));
    // A form that draws itself, and a reference that points at itself.
    let form = stream(
        "/Type /XObject /Subtype /Form /BBox [0 0 10 10] /Resources << /XObject << /X1 6 0 R >> /Font << /F1 5 0 R >> >>",
        b"BT /F1 12 Tf (a) Tj ET /X1 Do /X1 Do",
    );
    let content = stream("", b"/X1 Do 7 0 R");
    timed("form.pdf", &one_page(content, vec![form, o("7 0 R")]));
    // q without Q, a million times.
    let content = stream("/Filter /FlateDecode", &deflate(&b"q 1 0 0 1 0 0 cm ".repeat(1_000_000)));
    timed("q.pdf", &one_page(content, vec![o("<< >>")]));
}

#[test]
fn decompression_bombs_stop_at_the_budget() {
    // 4 MB of text operators in some kB, referenced fifty times by one page: 200 MB if believed.
    let bomb = deflate(&b"BT /F1 1 Tf (0) Tj ET\n".repeat((4 << 20) / 22));
    let refs = "4 0 R ".repeat(50);
    let objs = vec![
        o("<< /Type /Catalog /Pages 2 0 R >>"),
        o("<< /Type /Pages /Kids [3 0 R] /Count 1 >>"),
        o(&format!("<< /Type /Page /Parent 2 0 R /Resources << /Font << /F1 5 0 R >> >> /Contents [{refs}] >>")),
        stream("/Filter /FlateDecode", &bomb),
        o("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"),
    ];
    timed("bomb.pdf", &pdf(&objs));
}
