//! Unit tests of the PDF reader's parts.

use super::*;

#[test]
fn cmap_reads_bfchar_and_bfrange() {
    let m = CMap::parse(
        b"/CIDInit /ProcSet findresource begin 1 begincodespacerange <0000> <FFFF> endcodespacerange\n\
          2 beginbfchar <0003> <0020> <01A2> <6570> endbfchar\n\
          2 beginbfrange <0010> <0012> <0030> <0020> <0021> [<5E74> <D840DC00>] endbfrange end",
    );
    assert_eq!(m.codespace, vec![(2, 0, 0xffff)]);
    assert_eq!(m.get(0x01a2, 2).as_deref(), Some("数"));
    assert_eq!(m.get(0x0011, 2).as_deref(), Some("1"));
    assert_eq!(m.get(0x0021, 2).as_deref(), Some("\u{20000}"));
    assert_eq!(m.get(0x0013, 2), None);
    assert_eq!(m.get(0x01a2, 1), None, "a one-byte code is not a two-byte one");
}

fn g(x: f32, y: f32, text: &str) -> Glyph {
    let w = 10.0 * text.chars().count() as f32;
    Glyph { x, x_end: x + w, y, size: 10.0, cx: x + w / 2.0, cy: y + 3.5, text: text.into() }
}

#[test]
fn wide_gaps_make_cells_and_digits_apart_are_two_numbers() {
    let line = cells(vec![g(0.0, 0.0, "规"), g(10.0, 0.0, "章"), g(100.0, 0.0, "1"), g(105.0, 0.0, "2"), g(121.0, 0.0, "3")]);
    let texts: Vec<&str> = line.iter().map(|s| s.text.as_str()).collect();
    assert_eq!(texts, ["规章", "12", "3"]);
}

fn h(y: f32, from: f32, to: f32) -> Rule {
    Rule { horizontal: true, pos: y, from, to }
}

fn v(x: f32, from: f32, to: f32) -> Rule {
    Rule { horizontal: false, pos: x, from, to }
}

fn texts(g: &Grid) -> Vec<Vec<(String, usize, usize)>> {
    g.rows.iter().map(|r| r.iter().map(|c| (c.text.clone(), c.col, c.row_span)).collect()).collect()
}

/// Two rows, three columns; the first column is one merged cell (no rule between its rows);
/// an underline under "1" ends inside its cell and is no border.
#[test]
fn ruled_tables_become_grids_with_merged_cells() {
    let rules = vec![
        h(100.0, 0.0, 300.0),
        h(80.0, 100.0, 300.0),
        h(60.0, 0.0, 300.0),
        v(0.0, 60.0, 100.0),
        v(100.0, 60.0, 100.0),
        v(200.0, 60.0, 100.0),
        v(300.0, 60.0, 100.0),
        h(83.0, 140.0, 160.0), // underline
    ];
    let t = tables(&rules);
    assert_eq!(t.len(), 1);
    let glyphs = vec![g(10.0, 85.0, "甲"), g(20.0, 70.0, "乙"), g(140.0, 85.0, "1"), g(240.0, 85.0, "2"), g(140.0, 65.0, "3")];
    let (grid, _) = t[0].grid(glyphs).unwrap();
    assert_eq!(
        texts(&grid),
        vec![
            vec![("甲\n乙".to_string(), 0, 2), ("1".to_string(), 1, 1), ("2".to_string(), 2, 1)],
            vec![("3".to_string(), 1, 1), (String::new(), 2, 1)],
        ]
    );
}

/// Fill of one row's cells: (last line's width) in a column 90 wide, size 10.
fn fills(last: &[f32]) -> Vec<Vec<Fill>> {
    vec![last.iter().map(|&l| Fill { inner: 90.0, last: l, size: 10.0 }).collect()]
}

#[test]
fn a_row_cut_by_a_page_break_is_put_back_together_only_when_its_parts_fit() {
    let cols = [0.0, 100.0, 200.0];
    let join = |prev: &[&str; 2], last: &[f32], next: &[&str; 2]| {
        let mut g = Grid::from_rows([*prev]);
        let j = join_rows(&mut g, &cols, &fills(last), &Grid::from_rows([*next]), &cols);
        (j, g.rows[0].iter().map(|c| c.text.clone()).collect::<Vec<_>>())
    };
    // The label's end, where the line above it ran full.
    assert_eq!(join(&["1.属于国家", "0"], &[88.0, 6.0], &["秘密", ""]), (Join::Joined, vec!["1.属于国家\n秘密".into(), "0".into()]));
    // The numbers on the next page, the label before the break.
    assert_eq!(join(&["5.要求行政机关确认", ""], &[88.0, 0.0], &["或重新出具", "3"]).1, vec!["5.要求行政机关确认\n或重新出具", "3"]);
    assert_eq!(join(&["4.保护第三方合法权益", ""], &[50.0, 0.0], &["", "12"]).1, vec!["4.保护第三方合法权益", "12"]);
    // A new item, a short label that was not cut ("行政强制 | 54" after "行政处罚"), a data row
    // after a header row: rows of their own.
    assert_eq!(join(&["1.属于国家秘密", "0"], &[88.0, 6.0], &["2.其他法律", "1"]).0, Join::Apart);
    assert_eq!(join(&["行政处罚", "1330"], &[40.0, 20.0], &["行政强制", "54"]).0, Join::Apart);
    // Text alone goes on the label above, cut or not: were it a row of its own ("行政强制"
    // left blank), the two labels name two rows, and recognition reads neither.
    assert_eq!(join(&["行政处罚", "1330"], &[40.0, 20.0], &["行政强制", ""]).0, Join::Joined);
    assert_eq!(join(&["信息内容", "本年收费金额"], &[40.0, 60.0], &["行政事业性收费", "5949.08"]).0, Join::Apart);
    assert_eq!(join(&["第二十条", ""], &[40.0, 0.0], &["信息内容", "数量"]).0, Join::Apart);
    // Digits under digits after a cut label: "3" / "0" kept on two lines for recognition.
    assert_eq!(join(&["（一）予以公", "3"], &[88.0, 6.0], &["开", "0"]), (Join::Joined, vec!["（一）予以公\n开".into(), "3\n0".into()]));
    // The rest of the row, but a piece of text lands on a number: it cannot be put back.
    let cols3 = [0.0, 100.0, 200.0, 300.0];
    let mut prev = Grid::from_rows([["（一）予以公", "", "3"]]);
    let f3 = vec![vec![Fill { inner: 90.0, last: 88.0, size: 10.0 }; 3]];
    assert_eq!(join_rows(&mut prev, &cols3, &f3, &Grid::from_rows([["开", "5", "注"]]), &cols3), Join::Unsure);
}

#[test]
fn repeated_header_rows_are_told_by_the_table_s_first_rows() {
    let first = Grid::from_rows([vec!["（本列数据的勾稽关系为：…）", "申请人情况"], vec!["", "自然人"], vec!["一、本年新收", "5"]]);
    let header = header_rows(&first);
    assert_eq!(header.len(), 2, "the rows before the first number");
    let next = Grid::from_rows([vec!["（本列数据的勾稽关系为：…）", "申请人情况"], vec!["", "自 然 人"], vec!["（二）部分公开", "1"]]);
    assert_eq!(repeated_header_rows(&next, &header), 2);
    let plain = Grid::from_rows([vec!["（二）部分公开", "1"]]);
    assert_eq!(repeated_header_rows(&plain, &header), 0);
}

#[test]
fn a_number_too_wide_for_its_cell_is_one_number() {
    let l = |t: &str| line(0.0, 0.0, 8.0, 10.0, t);
    assert_eq!(cell_text(&[l("14"), l("8")], false), "148");
    assert_eq!(cell_text(&[l("1,2"), l("34")], false), "1,234");
    // Text, or lines that are several rows run together, keep their breaks.
    assert_eq!(cell_text(&[l("本年"), l("新收")], false), "本年\n新收");
    assert_eq!(cell_text(&[l("3"), l("0")], true), "3\n0");
}

fn line(y: f32, x: f32, x_end: f32, size: f32, text: &str) -> Line {
    Line { y, size, cells: vec![Span { x, x_end, size, word_end: x + size, text: text.into(), vertical: false }] }
}

#[test]
fn wrapped_running_text_is_one_paragraph_and_a_heading_stands_alone() {
    let lines = vec![
        line(800.0, 200.0, 400.0, 22.0, "某某市人民政府"),
        line(772.0, 150.0, 450.0, 22.0, "2024 年政府信息公开工作年度报告"),
        line(700.0, 80.0, 200.0, 16.0, "一、总体情况"),
        line(672.0, 112.0, 520.0, 16.0, "本报告所列数据统计期限为"),
        line(644.0, 80.0, 300.0, 16.0, "2024年1月1日至12月31日。"),
        line(616.0, 112.0, 400.0, 16.0, "新的段落。"),
    ];
    let p: Vec<String> = paragraphs(&lines).into_iter().map(|p| p.text).collect();
    assert_eq!(
        p,
        ["某某市人民政府2024 年政府信息公开工作年度报告", "一、总体情况", "本报告所列数据统计期限为2024年1月1日至12月31日。", "新的段落。"]
    );
}

#[cfg(not(target_arch = "wasm32"))]
#[test]
fn predefined_chinese_cmaps_read_without_to_unicode() {
    let font = |codes, predefined| Font {
        codes,
        to_unicode: None,
        simple: None,
        predefined,
        widths: Widths::Cid { ranges: vec![], default: 1000.0 },
    };
    let gbk = font(CodeSplit::Gbk, Predefined::Gbk);
    let codes = gbk.split(&[0xc4, 0xea, b'2']);
    assert_eq!(codes, vec![(0xc4ea, 2), (0x32, 1)]);
    assert_eq!(gbk.text(0xc4ea, 2, crate::readers::native_decoder).as_deref(), Some("年"));
    assert_eq!(gbk.width(0x32, 1), 500.0);
    let ucs2 = font(CodeSplit::Two, Predefined::Ucs2);
    assert_eq!(ucs2.text(0x5e74, 2, crate::readers::native_decoder).as_deref(), Some("年"));
}

#[test]
fn glyph_names_are_cut_at_character_boundaries() {
    assert_eq!(glyph_char("uni4E2D"), Some('中'));
    assert_eq!(glyph_char("uni4E2D4E2D"), Some('中'));
    assert_eq!(glyph_char("uniabc\u{e9}"), None, "four bytes in is inside the é");
    assert_eq!(glyph_char("uni\u{e9}\u{e9}"), None);
    assert_eq!(glyph_char("u\u{e9}\u{e9}"), None);
    assert_eq!(glyph_char("\u{e9}"), Some('\u{e9}'));
}

#[test]
fn many_vertical_labels_are_lifted_in_order() {
    // Two labels of three characters, each beside two rows of another cell.
    let mut glyphs = Vec::new();
    for (k, label) in ["一二三", "四五六"].iter().enumerate() {
        let top = 1000.0 - 100.0 * k as f32;
        for (i, c) in label.chars().enumerate() {
            glyphs.push(g(0.0, top - 15.0 * i as f32, &c.to_string()));
            glyphs.push(g(100.0, top - 15.0 * i as f32, "值"));
        }
    }
    let mut lines = group_lines(glyphs);
    lift_vertical_labels(&mut lines);
    let texts: Vec<Vec<&str>> = lines.iter().map(|l| l.cells.iter().map(|c| c.text.as_str()).collect()).collect();
    assert_eq!(texts, vec![vec!["一二三"], vec!["值"], vec!["值"], vec!["值"], vec!["四五六"], vec!["值"], vec!["值"], vec!["值"]]);
}

#[test]
fn a_vertical_label_leaves_the_rows_it_crosses() {
    let glyphs = vec![
        g(0.0, 100.0, "本"),
        g(30.0, 100.0, "行"),
        g(100.0, 100.0, "1"),
        g(0.0, 85.0, "年"),
        g(0.0, 70.0, "度"),
        g(30.0, 70.0, "列"),
        g(100.0, 70.0, "2"),
    ];
    let mut lines = group_lines(glyphs);
    lift_vertical_labels(&mut lines);
    let texts: Vec<Vec<&str>> = lines.iter().map(|l| l.cells.iter().map(|c| c.text.as_str()).collect()).collect();
    assert_eq!(texts, vec![vec!["本年度"], vec!["行", "1"], vec!["列", "2"]]);
}
