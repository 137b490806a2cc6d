//! PDFs of the corpus (the real WPS-made Huai'an report and the office-suite PDFs made from the
//! real HTML reports) against the gold values: no false value ever, every cell not read named by
//! a P03 doubt, and at least the share of cells reached today.

mod common;
use common::*;
use nianbao_check::document::Block;
use nianbao_check::readers::{self, native_decoder};

/// (file, gold, least share of gold cells read right)
fn pdf_files() -> Vec<(String, String, f64)> {
    let mut out: Vec<(String, String, f64)> = std::fs::read_dir(format!("{CORPUS}/derived"))
        .expect("corpus derived/")
        .filter_map(|e| {
            let name = e.ok()?.file_name().into_string().ok()?;
            let base = name.strip_suffix(".pdf")?.to_string();
            Some((format!("derived/{name}"), base, LEAST_DERIVED))
        })
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out.push(("real/2024-huaian-city.pdf".into(), "2024-huaian-city".into(), 1.0));
    out
}

/// Office-suite PDFs keep their tables' rules: every cell is reachable, rows cut by a page break
/// included.
const LEAST_DERIVED: f64 = 1.0;

#[test]
fn pdfs_match_gold_without_false_values() {
    let files = pdf_files();
    assert!(files.len() >= 6, "expected the corpus's PDFs, found {files:?}");
    let (mut right, mut total) = (0, 0);
    for (file, base, least) in &files {
        let gold = gold(base);
        let r = check(file);
        assert!(r.error.is_none(), "{file}: {:?}", r.error);
        assert_eq!(r.input, Some("pdf"), "{file}");
        assert_eq!(r.version.map(|v| v.as_str()), gold["version"].as_str(), "{file} version");
        assert_eq!(r.year, gold["year"].as_i64().map(|y| y as i32), "{file} year");
        let c = compare(&r, &gold);
        let share = c.share_without_false(file);
        for m in &c.missing {
            assert!(r.findings.iter().any(|f| f.rule == "P03" && f.cells.contains(m)), "{file}: {m} missing without P03");
        }
        assert!(share >= *least, "{file}: only {share:.3} of gold cells right; missing {:?}", c.missing);
        assert!(errors(&r).is_empty(), "{file}: {:#?}", errors(&r));
        right += c.right;
        total += c.total;
    }
    println!("PDFs: {} files, {right}/{total} gold cells right", files.len());
}

/// The Huai'an PDF's layout notes (gold `notes`): wrapped labels, a vertical group label, a table
/// across a page break with the footer "-4-" between rows, and table 四 as one run of 15 numbers.
#[test]
fn huaian_layout_is_read_as_the_page_shows_it() {
    let doc = readers::read(&corpus("real/2024-huaian-city.pdf"), native_decoder).expect("readable");
    // Every block's text, cells one by one, whitespace (and in-cell line breaks) dropped.
    let texts: Vec<String> = doc
        .blocks
        .iter()
        .flat_map(|b| match b {
            Block::Para(p) => vec![p.clone()],
            Block::Table(g) => g.rows.iter().flatten().map(|c| c.text.clone()).collect(),
        })
        .map(|t| t.split_whitespace().collect())
        .collect();
    for words in ["三、本年度办理结果", "商业企业", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "96171.6", "-4-"]
    {
        assert!(texts.iter().any(|t| t == words), "no block or cell reads {words}");
    }
    // A sentence cut by the page break (footer "-2-" between its halves) is one paragraph.
    assert!(texts.iter().any(|t| t.contains("另有103件顺延到下年度答复），均在法定期限内予以答复")), "sentence across pages");
    // The 15 numbers of table 四 are one row of 15 cells.
    let flat = doc.blocks.iter().any(|b| matches!(b, Block::Table(g) if g.rows.iter().any(|r| r.len() == 15 && r[0].text == "72")));
    assert!(flat, "table 四's numbers as one row");
    let r = check("real/2024-huaian-city.pdf");
    assert_eq!(r.cell("t4/suit_after_review/total").and_then(|c| c.value), Some(20.0));
    // The title centred over two lines is one paragraph.
    assert_eq!(r.title.as_deref().map(|t| t.replace(' ', "")).as_deref(), Some("淮安市人民政府2024年政府信息公开工作年度报告"));
    assert_eq!(r.cell("t3/unable.unclear/total").and_then(|c| c.value), Some(1.0));
}

/// Tables without rules are read from lines and gaps alone: fewer cells, but still no false
/// value, and every cell not read is named by a doubt. (The corpus's PDFs read with their rules
/// ignored stand in for borderless tables.)
#[test]
fn without_rules_fewer_cells_but_no_false_value() {
    use nianbao_check::cell::CellState;
    let mut total_right = 0;
    for (file, base, _) in pdf_files() {
        let gold = gold(&base);
        let doc = readers::pdf::read_without_rules(&corpus(&file), native_decoder).expect("readable");
        let m = nianbao_check::recognise::recognise(&doc).expect("recognised");
        let cells = gold["cells"].as_object().expect("gold cells");
        let mut right = 0;
        for (addr, want) in cells {
            match m.cells.iter().find(|(a, _)| a == addr) {
                Some((_, got)) => {
                    let ok = match want.as_f64() {
                        Some(n) => got.state == CellState::Number && got.value == Some(n),
                        None => got.state != CellState::Number,
                    };
                    assert!(ok, "{file} without rules: {addr} gold {want}, read {got:?}");
                    right += 1;
                }
                None => assert!(
                    m.doubts.iter().any(|f| f.rule == "P03" && f.cells.contains(addr)),
                    "{file} without rules: {addr} missing without P03"
                ),
            }
        }
        println!("{file} without rules: {right}/{} gold cells right", cells.len());
        total_right += right;
    }
    // 918 of 1198 today (the narrow LibreOffice tables lose most, Huai'an none).
    assert!(total_right >= 900, "without rules only {total_right} gold cells right");
}

/// A PDF and a .docx made from the same report read alike: same title, year, cells and the same
/// findings, messages included (the narrative rules read the PDF's wrapped lines as paragraphs).
#[test]
fn pdf_and_docx_of_one_report_give_the_same_report() {
    let mut pairs = 0;
    for (file, base, _) in pdf_files().into_iter().filter(|(f, _, _)| f.starts_with("derived/")) {
        let (p, w) = (check(&file), check(&format!("derived/{base}.docx")));
        assert_eq!((&p.title, p.year, &p.agency), (&w.title, w.year, &w.agency), "{file}");
        // Values and states; raw texts differ in padding (the .docx keeps U+00A0).
        let cells = |r: &nianbao_check::Report| -> Vec<String> {
            r.cells.iter().map(|(a, c)| format!("{a} {:?} {:?}", c.state, c.value)).collect()
        };
        assert_eq!(cells(&p), cells(&w), "{file}: cells");
        let findings = |r: &nianbao_check::Report| -> Vec<String> {
            let mut v: Vec<String> = r
                .findings
                .iter()
                .map(|f| format!("{} {:?} {:?} {}", f.rule, f.status, f.cells, f.message(nianbao_check::Lang::Zh)))
                .collect();
            v.sort();
            v
        };
        assert_eq!(findings(&p), findings(&w), "{file}");
        pairs += 1;
    }
    assert!(pairs >= 5);
}

/// The running text is read as paragraphs: the numbers the narrative states are found and agree
/// with the tables — the Huai'an PDF's six (its gold notes), and for each office-suite PDF the
/// same claims as its .docx.
#[test]
fn the_narrative_of_a_pdf_is_read_like_the_word_file() {
    use nianbao_check::rules::narrative::{self, Outcome};
    let claims = |file: &str| -> Vec<(String, f64, String)> {
        let m = nianbao_check::read_model(&corpus(file), native_decoder).unwrap_or_else(|e| panic!("{file}: {e:?}"));
        narrative::claims(&m).into_iter().map(|c| (c.rule.to_string(), c.stated, format!("{:?}", c.outcome))).collect()
    };
    let got = claims("real/2024-huaian-city.pdf");
    let want = [("N01", 3119.0), ("N03", 3050.0), ("N02", 34.0), ("N04", 103.0), ("N07", 351.0), ("N07", 46.0)];
    assert_eq!(got.iter().map(|(r, s, _)| (r.as_str(), *s)).collect::<Vec<_>>(), want, "{got:#?}");
    assert!(got.iter().all(|(_, _, o)| *o == format!("{:?}", Outcome::Agrees)), "{got:#?}");
    let mut compared = 0;
    for (file, base, _) in pdf_files().into_iter().filter(|(f, _, _)| f.starts_with("derived/")) {
        let (p, w) = (claims(&file), claims(&format!("derived/{base}.docx")));
        assert_eq!(p, w, "{file}");
        compared += p.len();
    }
    assert!(compared >= 20, "claims compared: {compared}");
}
