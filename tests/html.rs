//! The HTML reader on the markup portals and Word really produce: merged cells that disagree,
//! labels in pieces, placeholders and odd digits, layout tables, raw-text elements, charsets;
//! and the refusals of pages that hold no report.

mod common;
use common::consistent;
use nianbao_check::cell::{self, CellState};
use nianbao_check::document::{Block, Document, Grid};
use nianbao_check::format::{self, Version};
use nianbao_check::readers::{self, html, native_decoder};
use nianbao_check::{check_bytes, Options, Report};
use std::collections::HashMap;

fn grids(d: &Document) -> Vec<&Grid> {
    d.blocks.iter().filter_map(|b| if let Block::Table(g) = b { Some(g) } else { None }).collect()
}

fn paras(d: &Document) -> Vec<&str> {
    d.blocks.iter().filter_map(|b| if let Block::Para(p) = b { Some(p.as_str()) } else { None }).collect()
}

fn texts(g: &Grid) -> Vec<Vec<&str>> {
    g.rows.iter().map(|r| r.iter().map(|c| c.text.as_str()).collect()).collect()
}

/// A label as Word exports it: a span per piece, with Word's source line wrapping between them.
fn spans(label: &str) -> String {
    let chars: Vec<char> = label.chars().collect();
    chars
        .chunks(2)
        .enumerate()
        .map(|(i, c)| {
            let wrap = if i % 3 == 2 { "\r\n" } else { "" };
            format!("<span style='font-family:仿宋_GB2312;mso-bidi-font-family:宋体'>{}</span>{wrap}", c.iter().collect::<String>())
        })
        .collect()
}

/// A cell as Word exports it.
fn td(attrs: &str, inner: &str) -> String {
    format!(
        "<td nowrap {attrs} style='width:42.5pt;border:solid windowtext 1.0pt;padding:0cm 5.4pt 0cm 5.4pt'>\
         <p class=MsoNormal align=center style='text-align:center'>{inner}<o:p></o:p></p></td>\n"
    )
}

fn row(cells: &[String]) -> String {
    format!("<tr style='height:20.0pt'>\n{}</tr>\n", cells.concat())
}

/// The raw text a browser would show for one value written into the page.
fn shown(html_value: &str) -> String {
    html_value.replace("&nbsp;", "\u{a0}")
}

/// A v2021 report as a saved portal page: the article with its three tables inside a layout
/// table, every cell Word-exported, with the quirks real pages have.
fn page(v: &HashMap<String, String>, year: i32) -> String {
    let val = |a: String| td("", &format!("<span lang=EN-US>{}</span>", v[&a]));
    let [t2, t3, t4] = format::tables(Version::V2021);

    // Table 二: bands with their own header rows; headers broken with <br>.
    let mut h2 = String::new();
    let mut band = None;
    for r in t2.rows {
        let width = 4;
        if r.group != band {
            band = r.group;
            h2 += &row(&[td(&format!("colspan={width}"), &spans(r.group.unwrap_or("")))]);
            let mut head = vec![td("", &spans("信息内容"))];
            let span = if r.columns.len() == 1 { "colspan=3" } else { "" };
            for c in r.columns {
                let (a, b) = c.label.split_at(c.label.char_indices().nth(2).map_or(0, |(i, _)| i));
                head.push(td(span, &format!("<span>{a}</span><span><br></span><span>{b}</span>")));
            }
            h2 += &row(&head);
        }
        let mut cells = vec![td("", &spans(r.label))];
        let span = if r.columns.len() == 1 { "colspan=3" } else { "" };
        for c in r.columns {
            cells.push(td(span, &v[&format::address("t2", r.key, c.key)]));
        }
        h2 += &row(&cells);
    }

    // Table 三: the three header rows, then rows under merged group labels. The outer label
    // "三、本年度办理结果" is repeated with a rowspan of its own halfway (as pingtan-2019 has it).
    let mut h3 = String::new();
    h3 += &row(&[
        td("colspan=3 rowspan=3", &spans("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）")),
        td("colspan=7", &spans("申请人情况")),
    ]);
    h3 += &row(&[td("rowspan=2", "自然人"), td("colspan=5", &spans("法人或其他组织")), td("rowspan=2", "总计")]);
    h3 += &row(&["商业<br>企业", "科研<br>机构", "社会公益<br>组织", "法律服务<br>机构", "其他"].map(|h| td("", h)));
    let rows_under = |group: &str| t3.rows.iter().filter(|r| r.group == Some(group)).count();
    let first_half = ["granted", "partial"].len() + rows_under("（三）不予公开");
    let second_half = t3.rows.iter().filter(|r| r.group.is_some()).count() - first_half;
    let mut group = None;
    for r in t3.rows {
        let mut cells = Vec::new();
        match r.key {
            "granted" => cells.push(td(&format!("rowspan={first_half}"), &spans("三、本年度办理结果"))),
            "unable.not_held" => cells.push(td(&format!("rowspan={second_half}"), &spans("三、本年度办理结果"))),
            _ => {}
        }
        match r.group {
            None => cells.push(td("colspan=3", &spans(r.label))),
            Some("三、本年度办理结果") => cells.push(td("colspan=2", &spans(r.label))),
            Some(g) => {
                if group != r.group {
                    cells.push(td(&format!("rowspan={}", rows_under(g)), &spans(g)));
                }
                cells.push(td("", &spans(r.label)));
            }
        }
        group = r.group;
        for c in r.columns {
            cells.push(val(format::address("t3", r.key, c.key)));
        }
        h3 += &row(&cells);
    }

    // Table 四: the header's colspan of 行政复议 says 4 although its data run has 5 cells.
    let mut h4 = String::new();
    h4 += &row(&[td("colspan=4", "行政复议"), td("colspan=10", "行政诉讼")]);
    let mut second: Vec<String> =
        ["结果<br>维持", "结果<br>纠正", "其他<br>结果", "尚未<br>审结", "总计"].map(|h| td("rowspan=2", h)).to_vec();
    second.push(td("colspan=5", "未经复议直接起诉"));
    second.push(td("colspan=5", "复议后起诉"));
    h4 += &row(&second);
    h4 += &row(&["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"].repeat(2).into_iter().map(|h| td("", h)).collect::<Vec<_>>());
    let mut flat = Vec::new();
    for r in t4.rows {
        for c in r.columns {
            flat.push(val(format::address("t4", r.key, c.key)));
        }
    }
    h4 += &row(&flat);

    let table = |body: &str| {
        format!("<table class=MsoNormalTable border=1 cellspacing=0 cellpadding=0 style='border-collapse:collapse'>\n<tbody>\n{body}</tbody></table>\n")
    };
    format!(
        "<!DOCTYPE html>\n<html xmlns:o=\"urn:schemas-microsoft-com:office:office\"><head>\
         <meta http-equiv=\"Content-Type\" content=\"text/html; charset=utf-8\">\
         <title>测试县人民政府{year}年政府信息公开工作年度报告_政府信息公开年报_测试县人民政府门户网站</title>\
         <style>td {{ border: 1px solid }} /* <table><tr><td>9</td></tr></table> */</style>\
         <script>var tpl = '<table><tr><td>一、本年新收政府信息公开申请数量</td><td>99</td></tr></table>';</script>\
         <!--[if gte mso 9]><xml><w:WordDocument><w:View>Normal</w:View></w:WordDocument></xml><![endif]-->\
         </head><body>\
         <table class=layout width=100%><tr><td>首页</td><td>政务公开</td><td>政府信息公开年报</td></tr>\
         <tr><td colspan=3><div class=TRS_Editor>\
         <p align=center><b>测试县人民政府{year}年<br>政府信息公开工作年度报告</b></p>\
         <p>一、总体情况</p><p>本报告中所列数据的统计期限为{year}年1月1日至12月31日。</p>\
         <p><![if !supportLists]>二、<![endif]>主动公开政府信息情况</p>\n{}\
         <p>三、收到和处理政府信息公开申请情况</p>\n{}\
         <p>四、政府信息公开行政复议、行政诉讼情况</p>\n{}\
         <p>五、存在的主要问题及改进情况</p><p>一是公开内容还不够全面。</p>\
         <p>六、其他需要报告的事项</p><p>本年度未收取信息处理费。</p>\
         </div></td></tr><tr><td colspan=3>版权所有 测试县人民政府</td></tr></table>\
         <noscript><table><tr><td>请启用脚本</td></tr></table></noscript>\
         <template><table><tr><td>模板</td></tr></table></template>\
         </body></html>",
        table(&h2),
        table(&h3),
        table(&h4)
    )
}

/// Every cell of the report reads as the text a browser shows for what was written.
fn assert_reads(r: &Report, v: &HashMap<String, String>) {
    assert!(r.error.is_none(), "{:?}", r.error);
    for addr in format::addresses(Version::V2021) {
        let want = cell::parse(&shown(&v[&addr]));
        let got = r.cell(&addr).unwrap_or_else(|| panic!("{addr} not read; findings {:#?}", r.findings));
        assert_eq!((got.state, got.value), (want.state, want.value), "{addr}: wrote {:?}, read {:?}", v[&addr], got.raw);
    }
    assert_eq!(r.cells.len(), format::addresses(Version::V2021).len());
}

#[test]
fn a_word_exported_report_in_a_portal_page_reads_cell_for_cell() {
    for seed in 0..4 {
        let v = consistent(Version::V2021, seed);
        let r = check_bytes("page.html", page(&v, 2023).as_bytes(), &Options::default());
        assert_reads(&r, &v);
        assert_eq!(r.input, Some("html"));
        assert_eq!(r.year, Some(2023));
        assert_eq!(r.title.as_deref(), Some("测试县人民政府2023年政府信息公开工作年度报告"));
        let errors: Vec<_> = r.findings.iter().filter(|f| f.severity == nianbao_check::Severity::Error).collect();
        assert!(errors.is_empty(), "seed {seed}: a consistent report: {errors:#?}");
        assert!(r.findings.iter().all(|f| f.rule != "P03"), "seed {seed}: every row placed: {:#?}", r.findings);
    }
}

#[test]
fn odd_values_keep_their_meaning() {
    let mut v = consistent(Version::V2021, 7);
    let odd = [
        ("t3/new/natural", "１２"),           // full-width digits
        ("t2/penalty/decisions", "1,234"),    // thousands separator
        ("t2/licensing/decisions", "2，345"), // full-width separator
        ("t3/carried/legal", "&nbsp;"),       // Word's empty cell
        ("t3/carried/social", "&nbsp;&nbsp;"),
        ("t3/granted/research", "\u{3000}"), // the official template's empty cell
        ("t3/denied.query/social", "/"),
        ("t3/denied.query/legal", "—"),
        ("t4/review/upheld", "&nbsp;0&nbsp;"), // padding around a number
        ("t2/fees/amount", "12.5"),
    ];
    for (a, raw) in odd {
        v.insert(a.to_string(), raw.to_string());
    }
    let r = check_bytes("page.html", page(&v, 2022).as_bytes(), &Options::default());
    assert_reads(&r, &v);
    let state = |a: &str| r.cell(a).map(|c| (c.state, c.value));
    assert_eq!(state("t3/new/natural"), Some((CellState::Number, Some(12.0))));
    assert_eq!(state("t2/penalty/decisions"), Some((CellState::Number, Some(1234.0))));
    assert_eq!(state("t2/licensing/decisions"), Some((CellState::Number, Some(2345.0))));
    assert_eq!(state("t3/carried/legal"), Some((CellState::Blank, None)));
    assert_eq!(state("t3/granted/research"), Some((CellState::Blank, None)));
    assert_eq!(state("t3/denied.query/social"), Some((CellState::Na, None)));
    assert_eq!(state("t3/denied.query/legal"), Some((CellState::Na, None)));
    assert_eq!(state("t4/review/upheld"), Some((CellState::Number, Some(0.0))));
    assert_eq!(r.cell("t3/carried/legal").map(|c| c.raw.as_str()), Some("\u{a0}"), "&nbsp; is U+00A0");
}

#[test]
fn merged_cells_resolve_and_labels_stay_whole() {
    let v = consistent(Version::V2021, 3);
    let d = html::read(&page(&v, 2023)).unwrap();
    let g = grids(&d);
    assert_eq!(g.len(), 3, "the layout table is not a grid; the noscript and template tables are not read");
    let t2 = texts(g[0]);
    assert_eq!(t2[1], vec!["信息内容", "本年\n制发件数", "本年\n废止件数", "现行\n有效件数"], "<br> in a header is a line break");
    assert_eq!(t2[2][0], "规章");
    let t3 = g[1];
    assert_eq!(t3.width(), 10);
    assert_eq!(
        t3.rows[0][0].text, "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
        "spans join directly, Word's line wrap between Chinese characters vanishes"
    );
    assert_eq!((t3.rows[0][0].row_span, t3.rows[0][0].col_span), (3, 3));
    // 自然人 sits at column 3, after the 3-wide label block; the five kinds under 法人 at 4..=8.
    assert_eq!(t3.rows[1][0].col, 3);
    assert_eq!(t3.rows[2].iter().map(|c| c.col).collect::<Vec<_>>(), vec![4, 5, 6, 7, 8]);
    assert_eq!(t3.rows[2][0].text, "商业\n企业");
    // The repeated outer label starts its own rowspan; the values beside it stay in columns 3..=9.
    let repeat = t3
        .rows
        .iter()
        .position(|r| r.len() == 10 && r[0].text == "三、本年度办理结果" && r[1].text == "（四）无法提供")
        .expect("repeated label row");
    assert!(t3.rows[repeat].iter().skip(3).map(|c| c.col).eq(3..10));
    let t4 = g[2];
    assert_eq!(t4.rows[0][1].col, 4, "the header's colspan of 4 is kept as written");
    assert_eq!(t4.rows[3].len(), 15);
    // Running text around the tables, line by line; nothing of the script, style or comments.
    let p = paras(&d);
    assert!(
        p.starts_with(&["首页", "政务公开", "政府信息公开年报", "测试县人民政府2023年", "政府信息公开工作年度报告", "一、总体情况"]),
        "{p:?}"
    );
    assert!(p.contains(&"二、主动公开政府信息情况"), "Word's <![if !supportLists]> content is shown: {p:?}");
    assert!(
        p.iter().all(|s| !s.contains("tpl")
            && !s.contains("border")
            && !s.contains("Normal")
            && !s.contains("模板")
            && !s.contains("启用")),
        "{p:?}"
    );
    assert_eq!(d.title.as_deref(), Some("测试县人民政府2023年政府信息公开工作年度报告"));
}

#[test]
fn nested_layout_tables_keep_their_order() {
    let d = html::read(
        "<table><tr><td>导航</td></tr><tr><td>\
           <table><tr><td>\
             <p>甲</p>\
             <table><tr><td>a</td><td>1</td></tr><tr><td>b</td><td>2</td></tr></table>\
             <p>乙</p>\
             <table><tr><th>c</th><th>3</th></tr></table>\
           </td><td>侧栏</td></tr></table>\
         </td></tr></table><p>页脚</p>",
    )
    .unwrap();
    let order: Vec<String> = d
        .blocks
        .iter()
        .map(|b| match b {
            Block::Para(p) => p.clone(),
            Block::Table(g) => format!("[{}]", texts(g).iter().map(|r| r.join(",")).collect::<Vec<_>>().join(";")),
        })
        .collect();
    assert_eq!(order, vec!["导航", "甲", "[a,1;b,2]", "乙", "[c,3]", "侧栏", "页脚"]);
}

#[test]
fn tag_soup_does_not_lose_or_invent_cells() {
    // Unclosed cells and rows, a stray </table>, a <td> outside any table, an unclosed table.
    let d = html::read("</table><td>孤立</td><table><tr><td>a<td>1<tr><td>b<td>2</table><p>后<table><tr><td>x<td>9").unwrap();
    let g = grids(&d);
    assert_eq!(texts(g[0]), vec![vec!["a", "1"], vec!["b", "2"]]);
    assert_eq!(texts(g[1]), vec![vec!["x", "9"]]);
    assert_eq!(paras(&d), vec!["孤立", "后"]);
    // Hostile nesting and spans neither panic nor blow up.
    let deep = "<table><tr><td>".repeat(5000) + "0";
    let d = html::read(&deep).unwrap();
    assert!(paras(&d).contains(&"0"));
    let d = html::read("<table><tr><td rowspan=99999999 colspan=-3>a</td><td colspan=x>b</td></tr></table>").unwrap();
    assert_eq!(grids(&d)[0].rows[0][1].col, 1);
}

#[test]
fn word_paragraphs_in_a_cell_are_lines_and_padding_is_dropped() {
    let d = html::read(
        "<table><tr><td><p>本年新</p><p>制作数量</p></td>\
         <td><p>5<o:p></o:p></p><p><o:p>&nbsp;</o:p></p></td>\
         <td><p><o:p>&nbsp;</o:p></p></td><td>&nbsp;</td><td>\u{3000}</td><td><p>7</p><p>&nbsp;</p></td></tr></table>",
    )
    .unwrap();
    assert_eq!(texts(grids(&d)[0]), vec![vec!["本年新\n制作数量", "5", "", "\u{a0}", "\u{3000}", "7"]]);
}

#[test]
fn raw_text_elements_end_where_browsers_end_them() {
    // Tokenized as plain data, the script's "<!--" would open a comment that swallows the page,
    // and the title's "<b>" would be a tag.
    let d = html::read(
        "<title>a<b>标题</title><script>if (a<b) {} var c = \"<!--\";</script>\
         <style>p::before{content:\"<!--\"}</style><textarea><table><tr><td>1</td></tr></table></textarea><p>正文</p>",
    )
    .unwrap();
    assert_eq!(paras(&d), vec!["正文"]);
    assert!(grids(&d).is_empty());
    assert_eq!(d.title.as_deref(), Some("a<b>标题"));
}

#[test]
fn titles_come_from_the_cms_or_the_page() {
    let d =
        html::read("<head><meta name=\"ArticleTitle\" content=\"某区2024年政府信息公开工作年度报告\"><title>首页</title></head>").unwrap();
    assert_eq!(d.title.as_deref(), Some("某区2024年政府信息公开工作年度报告"));
    let d = html::read("<title>\n  某局2023年政府信息公开年度报告 - 某县人民政府\n</title>").unwrap();
    assert_eq!(d.title.as_deref(), Some("某局2023年政府信息公开年度报告"));
    let d = html::read("<title>某局2023年政府信息公开年度报告-某县发改局</title><svg><title>图标</title></svg>").unwrap();
    assert_eq!(d.title.as_deref(), Some("某局2023年政府信息公开年度报告"));
    assert!(paras(&d).is_empty());
}

#[test]
fn a_script_shell_page_is_refused_with_advice() {
    let shell = "<!DOCTYPE html><html><head><meta charset=utf-8>\
        <title>某市人民政府2024年政府信息公开工作年度报告_某市人民政府</title>\
        <link rel=stylesheet href=/static/css/app.css></head>\
        <body><noscript>We're sorry but this site doesn't work properly without JavaScript enabled.</noscript>\
        <div id=\"app\"></div><script src=/static/js/chunk-vendors.js></script><script src=/static/js/app.js></script></body></html>";
    let r = check_bytes("shell.html", shell.as_bytes(), &Options::default());
    let e = r.error.expect("refused");
    assert_eq!(e.code(), "no_tables");
    assert!(e.to_string().contains("加载") && e.to_string().contains("PDF"), "{e}");
    // The same shell inside a portal's static header and footer: the report is named only in
    // the <title>, and that is enough to tell the page was saved before its article loaded.
    let links: String = (1..=40).map(|i| format!("<li><a href=#>栏目{i}</a></li>")).collect();
    let portal = shell.replace("<div id=\"app\"></div>", &format!("<ul>{links}</ul><div id=\"app\"></div><ul>{links}</ul>"));
    let e = check_bytes("portal.html", portal.as_bytes(), &Options::default()).error.expect("refused");
    assert_eq!(e.code(), "no_tables", "{e}");
    assert!(e.to_string().contains("PDF"), "{e}");
}

#[test]
fn a_page_that_is_not_a_report_is_refused() {
    let mut page = String::from("<html><head><title>某市召开全市安全生产工作会议_某市人民政府</title></head><body><ul>");
    for item in ["首页", "要闻动态", "政务公开", "政务服务", "互动交流", "走进某市", "数据开放", "专题专栏"] {
        page += &format!("<li><a href=#>{item}</a></li>");
    }
    page += "</ul><h1>某市召开全市安全生产工作会议</h1><p>发布时间：2024-03-01</p>";
    for i in 1..=30 {
        page += &format!("<p>会议要求，各地各部门要压紧压实安全生产责任，第{i}项工作要抓实抓细。</p>");
    }
    page += "<table><tr><td>联系电话</td><td>12345</td></tr><tr><td>地址</td><td>某市人民路1号</td></tr></table></body></html>";
    let r = check_bytes("news.html", page.as_bytes(), &Options::default());
    assert_eq!(r.error.expect("refused").code(), "not_a_report");
}

#[test]
fn legacy_charsets_are_decoded() {
    let v = consistent(Version::V2021, 11);
    let utf8 = page(&v, 2023);
    let (gbk, _, bad) = encoding_rs::GBK.encode(&utf8);
    assert!(!bad);
    // Declared gb2312 (the page's meta says utf-8: swap it), undeclared, and falsely declared utf-8.
    let mut declared = gbk.to_vec();
    let at = declared.windows(13).position(|w| w == b"charset=utf-8").expect("meta");
    declared.splice(at..at + 13, b"charset=gb2312".iter().copied());
    let undeclared: Vec<u8> = {
        let mut b = gbk.to_vec();
        let at = b.windows(13).position(|w| w == b"charset=utf-8").expect("meta");
        b.splice(at..at + 13, b"nothing=there".iter().copied());
        b
    };
    for (name, bytes) in [("declared gb2312", declared), ("undeclared", undeclared), ("declared utf-8, really GBK", gbk.to_vec())] {
        let r = check_bytes("page.html", &bytes, &Options::default());
        assert_reads(&r, &v);
        assert_eq!(r.title.as_deref(), Some("测试县人民政府2023年政府信息公开工作年度报告"), "{name}");
        let d = readers::read(&bytes, native_decoder).unwrap();
        assert!(paras(&d).contains(&"三、收到和处理政府信息公开申请情况"), "{name}");
    }
}
