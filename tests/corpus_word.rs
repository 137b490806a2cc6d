//! Word files of the corpus (.docx and .doc made from the real reports, the official blank
//! template) against the gold values, and the format told by content, not by the file's name.

mod common;
use common::*;
use nianbao_check::cell::CellState;
use nianbao_check::document::Block;
use nianbao_check::readers::{self, native_decoder};
use nianbao_check::{check_bytes, Options, Status};
use serde_json::Value;

/// Every `derived/*.docx` and `derived/*.doc`, with the gold of the report it was made from.
fn word_files() -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = std::fs::read_dir(format!("{CORPUS}/derived"))
        .expect("corpus derived/")
        .filter_map(|e| {
            let name = e.ok()?.file_name().into_string().ok()?;
            let base = name.strip_suffix(".docx").or_else(|| name.strip_suffix(".doc"))?.to_string();
            Some((format!("derived/{name}"), base))
        })
        .collect();
    out.sort();
    out
}

#[test]
fn word_forms_match_gold_in_every_cell() {
    let files = word_files();
    assert!(files.len() >= 10, "expected the corpus's .docx and .doc files, found {files:?}");
    let mut compared = 0;
    for (file, base) in &files {
        let gold = gold(base);
        let r = check(file);
        assert!(r.error.is_none(), "{file}: {:?}", r.error);
        let kind = if file.ends_with(".docx") { "docx" } else { "doc" };
        assert_eq!(r.input, Some(kind), "{file}");
        assert_eq!(r.version.map(|v| v.as_str()), gold["version"].as_str(), "{file} version");
        assert_eq!(r.year, gold["year"].as_i64().map(|y| y as i32), "{file} year");
        let c = compare(&r, &gold);
        assert!(c.wrong.is_empty() && c.missing.is_empty(), "{file}: wrong {:#?} missing {:?}", c.wrong, c.missing);
        assert_eq!(c.right, c.total, "{file}");
        let (unexpected, missing) = findings_against_gold(&r, &gold);
        assert!(unexpected.is_empty() && missing.is_empty(), "{file}: unexpected {unexpected:#?}, expected but not found {missing:#?}");
        compared += c.right;
    }
    println!("Word files: {}, gold cells compared and equal: {compared}", files.len());
    assert!(compared >= 1990);
}

#[test]
fn blank_template_reads_as_blank_v2021() {
    let r = check("real/template-2021-blank.docx");
    assert!(r.error.is_none(), "{:?}", r.error);
    assert_eq!(r.input, Some("docx"));
    assert_eq!(r.version.map(|v| v.as_str()), Some("v2021"));
    assert_eq!(r.cells.len(), 200);
    let not_blank: Vec<_> = r.cells.iter().filter(|(_, v)| v.state != CellState::Blank).collect();
    assert!(not_blank.is_empty(), "{not_blank:#?}");
    assert!(r.findings.iter().any(|f| f.status == Status::NotAssessable), "blank cells make sums not assessable");
    assert!(errors(&r).is_empty(), "{:#?}", errors(&r));
}

/// The tables' rows as their non-empty cell texts, whitespace folded.
fn table_rows(bytes: &[u8]) -> Vec<Vec<Vec<String>>> {
    let doc = readers::read(bytes, native_decoder).expect("readable");
    doc.blocks
        .iter()
        .filter_map(|b| match b {
            Block::Table(g) => Some(
                g.rows
                    .iter()
                    .map(|row| row.iter().map(|c| c.text.split_whitespace().collect::<String>()).filter(|t| !t.is_empty()).collect())
                    .collect(),
            ),
            Block::Para(_) => None,
        })
        .collect()
}

/// The .doc's tables come from cell marks and paragraph properties, the .docx's from markup:
/// both must give the same rows with the same texts (a .doc repeats a vertically merged cell as
/// an empty one in each row, hence only non-empty texts are compared).
#[test]
fn doc_and_docx_give_the_same_tables() {
    let mut pairs = 0;
    for (file, base) in word_files() {
        if !file.ends_with(".doc") {
            continue;
        }
        let doc = table_rows(&corpus(&file));
        let docx = table_rows(&corpus(&format!("derived/{base}.docx")));
        assert_eq!(doc.len(), docx.len(), "{base}: number of tables");
        for (t, (a, b)) in doc.iter().zip(&docx).enumerate() {
            assert_eq!(a, b, "{base}: table {t}");
        }
        assert!(doc.iter().map(Vec::len).sum::<usize>() >= 40, "{base}: the report's tables have rows");
        pairs += 1;
    }
    assert!(pairs >= 5);
}

/// Renamed copies in a temporary folder, read by the command line: the name says nothing.
#[test]
fn format_is_told_by_content_not_by_name() {
    let dir = std::env::temp_dir().join(format!("nianbao-word-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let cases = [
        ("derived/pingtan-2021.doc", "pingtan-2021.docx", Some("doc")),
        ("derived/pingtan-2021.docx", "pingtan-2021.zip", Some("docx")),
        ("derived/pingtan-2021.docx", "pingtan-2021.doc", Some("docx")),
        ("derived/pingtan-2023.gbk.html", "pingtan-2023.doc", None),
    ];
    for (src, renamed, kind) in cases {
        let bytes = corpus(src);
        let path = dir.join(renamed);
        std::fs::write(&path, &bytes).unwrap();
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_nianbao-check")).arg("--json").arg(&path).output().unwrap();
        let json: Value =
            serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{renamed}: {e}: {}", String::from_utf8_lossy(&out.stdout)));
        let got = &json["reports"][0];
        // The same bytes under their own name give the same reading.
        let want = serde_json::to_value(check_bytes(renamed, &bytes, &Options::default())).unwrap();
        assert_eq!(got["input"], want["input"], "{renamed}");
        assert_eq!(got["cells"], want["cells"], "{renamed}");
        assert_eq!(got["error"], want["error"], "{renamed}");
        match kind {
            Some(k) => {
                assert_eq!(got["input"], k, "{renamed}");
                assert_eq!(got["cells"].as_object().map(|m| m.len()), Some(200), "{renamed}");
            }
            // HTML saved as .doc goes to the HTML reader, whatever it makes of it.
            None => assert!(readers::sniff(&bytes) == readers::Sniffed::Text && got["input"] != "doc", "{renamed}: {got}"),
        }
    }
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn what_is_not_word_gets_a_chinese_reason() {
    use std::io::Write;
    let zip_of = |name: &str| {
        let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        z.start_file(name, zip::write::SimpleFileOptions::default()).unwrap();
        z.write_all(b"<x/>").unwrap();
        z.finish().unwrap().into_inner()
    };
    let has_cjk = |s: &str| s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("a zip of photos", zip_of("photo.jpg")),
        ("a workbook", zip_of("xl/workbook.xml")),
        ("a truncated zip", corpus("derived/pingtan-2021.docx")[..3000].to_vec()),
        ("a truncated doc", corpus("derived/pingtan-2021.doc")[..4096].to_vec()),
        ("a compound file header only", corpus("derived/pingtan-2021.doc")[..512].to_vec()),
        ("binary noise", (0..4000u32).map(|i| (i.wrapping_mul(2654435761) >> 13) as u8).collect()),
        ("an RTF file saved as .doc", br"{\rtf1\ansi\ansicpg936 {\fonttbl} \'c4\'ea\'b6\'c8\'b1\'a8\'b8\'e6\par }".to_vec()),
    ];
    for (what, bytes) in cases {
        let r = check_bytes(what, &bytes, &Options::default());
        let e = r.error.unwrap_or_else(|| panic!("{what}: read as a report"));
        assert!(has_cjk(&e.to_string()), "{what}: {e:?}");
        if what.contains("RTF") {
            assert_eq!(e.code(), "rtf_unsupported");
        }
    }
}
