//! The rule reference and the rule registry.
//!
//! `docs/rules.md` is rendered from `rules::catalogue()`; the test fails when the file is not
//! current. Regenerate with `UPDATE_DOCS=1 cargo test --test rules_doc`.
//!
//! Every rule of the catalogue has a failing and a passing case here (ruff, Arelle): a new rule
//! without both fails the registry test.

mod common;
use common::*;
use nianbao_check::format::Version;
use nianbao_check::rules::{catalogue, How, Rule};
use nianbao_check::{check_bytes, Input, Options, Report, Severity, Status};
use std::collections::HashMap;

// ───────────────────────────── the reference ─────────────────────────────

const FAMILIES: &[(&str, &str)] = &[
    ("S", "结构（S）：报告的格式、表格和各部分"),
    ("C", "单元格（C）：每个单元格填的内容"),
    ("T2", "表二（T2）：主动公开政府信息情况"),
    ("T3", "表三（T3）：收到和处理政府信息公开申请情况（核心勾稽关系）"),
    ("T4", "表四（T4）：行政复议、行政诉讼情况"),
    ("N", "文字与表格（N）：第一、五、六部分写的数字与表格对照"),
    ("X", "跨年度（X）：与同一机关上一年度的报告对照"),
    ("H", "跨机关（H）：汇总报告与下级单位的报告对照"),
    ("P", "提取存疑（P）：读取文件时可能出错的地方"),
];

fn family(id: &str) -> &'static str {
    FAMILIES.iter().map(|(p, _)| *p).filter(|p| id.starts_with(p)).max_by_key(|p| p.len()).unwrap_or("?")
}

fn severity_zh(s: Severity) -> &'static str {
    match s {
        Severity::Error => "错误",
        Severity::Warning => "警告",
        Severity::Info => "提示",
        Severity::Doubt => "存疑",
    }
}

fn how(c: &How) -> &'static str {
    match c {
        How::One(_) => "逐份报告核对",
        How::Pair(_) => "同一机关相邻两年的报告一起核对",
        How::Reading => "读取表格时判断",
        How::Batch(_) => "同一批报告中地区与所属单位的报告一起核对",
    }
}

fn render(rules: &[&Rule]) -> String {
    // By family, then by id: the catalogue's own order is the order rules were added in.
    let mut rules: Vec<&Rule> = rules.to_vec();
    rules.sort_by_key(|r| (FAMILIES.iter().position(|(p, _)| *p == family(r.id)), r.id));
    let mut s = String::from(
        "<!-- 本文件由 tests/rules_doc.rs 根据 rules::catalogue() 生成，请勿手工修改。\n     更新：UPDATE_DOCS=1 cargo test --test rules_doc -->\n\n# 核对规则一览\n\n",
    );
    s.push_str("严重程度：**错误**——报告自己的数字互相矛盾，或不符合格式；**警告**——很可能有错，或写法不规范；");
    s.push_str("**提示**——值得看一眼；**存疑**——可能是读取文件出了错，请对照原文。");
    s.push_str("输入单元格空白或不是数字时，规则“无法核对”，会列出这些单元格，不算通过。\n\n");
    s.push_str("| 编号 | 规则 | 严重程度 |\n|---|---|---|\n");
    for r in &rules {
        s.push_str(&format!("| [{}](#{}) | {} | {} |\n", r.id, r.id.to_lowercase(), r.title, severity_zh(r.severity)));
    }
    for (prefix, heading) in FAMILIES {
        let members: Vec<&&Rule> = rules.iter().filter(|r| family(r.id) == *prefix).collect();
        if members.is_empty() {
            continue;
        }
        s.push_str(&format!("\n## {heading}\n"));
        for r in members {
            s.push_str(&format!("\n### {}\n\n**{}** · {} · {}\n\n", r.id, r.title, severity_zh(r.severity), how(&r.how)));
            s.push_str(&format!("- 核对：{}\n- 为什么：{}\n- 例子：{}\n", r.checks, r.why, r.example));
        }
    }
    s
}

const DOC: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/rules.md");
const PAGE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/www/rules.html");

fn esc(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// The same reference as a page of the site (`www/rules.html`), which the page links to: static
/// HTML under the site's CSP, anchors by rule id (`rules.html#T3-01`).
fn render_page(rules: &[&Rule]) -> String {
    let mut rules: Vec<&Rule> = rules.to_vec();
    rules.sort_by_key(|r| (FAMILIES.iter().position(|(p, _)| *p == family(r.id)), r.id));
    let mut s = String::from(concat!(
        "<!doctype html>\n<!-- 本文件由 tests/rules_doc.rs 根据 rules::catalogue() 生成，请勿手工修改。",
        "更新：UPDATE_DOCS=1 cargo test --test rules_doc -->\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n",
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'self'; script-src 'none'; style-src 'self'; ",
        "img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'none'\">\n",
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<link rel=\"icon\" href=\"data:,\">\n",
        "<link rel=\"stylesheet\" href=\"rules.css\">\n<title>核对规则一览 · 年报检查</title>\n</head>\n<body>\n<main>\n",
        "<p><a href=\"./\">← 返回年报检查</a></p>\n<h1>核对规则一览</h1>\n",
        "<p>严重程度：<strong>错误</strong>——报告自己的数字互相矛盾，或不符合格式；<strong>警告</strong>——很可能有错，或写法不规范；",
        "<strong>提示</strong>——值得看一眼；<strong>存疑</strong>——可能是读取文件出了错，请对照原文。",
        "输入单元格空白或不是数字时，规则“无法核对”，会列出这些单元格，不算通过。</p>\n",
        "<table>\n<thead><tr><th scope=\"col\">编号</th><th scope=\"col\">规则</th><th scope=\"col\">严重程度</th></tr></thead>\n<tbody>\n"
    ));
    for r in &rules {
        s.push_str(&format!(
            "<tr><td><a href=\"#{}\">{}</a></td><td>{}</td><td>{}</td></tr>\n",
            r.id,
            r.id,
            esc(r.title),
            severity_zh(r.severity)
        ));
    }
    s.push_str("</tbody>\n</table>\n");
    for (prefix, heading) in FAMILIES {
        let members: Vec<&&Rule> = rules.iter().filter(|r| family(r.id) == *prefix).collect();
        if members.is_empty() {
            continue;
        }
        s.push_str(&format!("<section>\n<h2>{}</h2>\n", esc(heading)));
        for r in members {
            s.push_str(&format!(
                "<article id=\"{}\">\n<h3>{} {}</h3>\n<p class=\"meta\">{} · {}</p>\n<dl>\n<dt>核对</dt><dd>{}</dd>\n<dt>为什么</dt><dd>{}</dd>\n<dt>例子</dt><dd>{}</dd>\n</dl>\n</article>\n",
                r.id, r.id, esc(r.title), severity_zh(r.severity), how(&r.how), esc(r.checks), esc(r.why), esc(r.example)
            ));
        }
        s.push_str("</section>\n");
    }
    s.push_str("</main>\n</body>\n</html>\n");
    s
}

#[test]
fn www_rules_html_is_current() {
    let want = render_page(&catalogue());
    if std::env::var_os("UPDATE_DOCS").is_some() {
        std::fs::write(PAGE, &want).unwrap();
    }
    let have = std::fs::read_to_string(PAGE).unwrap_or_default();
    assert!(have == want, "www/rules.html is not current: run `UPDATE_DOCS=1 cargo test --test rules_doc`");
    for r in catalogue() {
        assert!(want.contains(&format!("<article id=\"{}\">", r.id)), "{} has an anchor", r.id);
    }
}

#[test]
fn docs_rules_md_is_current() {
    let want = render(&catalogue());
    if std::env::var_os("UPDATE_DOCS").is_some() {
        std::fs::create_dir_all(concat!(env!("CARGO_MANIFEST_DIR"), "/docs")).unwrap();
        std::fs::write(DOC, &want).unwrap();
    }
    let have = std::fs::read_to_string(DOC).unwrap_or_default();
    assert!(have == want, "docs/rules.md is not current: run `UPDATE_DOCS=1 cargo test --test rules_doc`");
}

#[test]
fn every_rule_is_in_the_reference_under_its_family() {
    let cat = catalogue();
    let doc = render(&cat);
    for r in &cat {
        assert_ne!(family(r.id), "?", "{} has no family", r.id);
        assert!(doc.contains(&format!("### {}\n\n**{}** · {}", r.id, r.title, severity_zh(r.severity))), "{}", r.id);
    }
}

// ───────────────────────────── the registry ─────────────────────────────

type Vals = HashMap<String, String>;

/// A generated report: the official layout with consistent values (`common::synth`), then a
/// change to the values and a change to the text.
struct Doc {
    version: Version,
    year: i32,
    seed: u64,
    change: fn(&mut Vals),
    text: fn(&Vals, String) -> String,
}

fn keep(_: &mut Vals) {}
fn same(_: &Vals, t: String) -> String {
    t
}

const fn doc(version: Version, year: i32) -> Doc {
    Doc { version, year, seed: 7, change: keep, text: same }
}

fn n(v: &Vals, a: &str) -> i64 {
    v[a].parse().unwrap()
}

fn add(v: &mut Vals, a: &str, d: i64) {
    let x = n(v, a) + d;
    v.insert(a.into(), x.to_string());
}

impl Doc {
    fn bytes(&self) -> Vec<u8> {
        let mut v = consistent(self.version, self.seed);
        (self.change)(&mut v);
        let t = synth(self.version, self.year, &|a| v[a].clone());
        (self.text)(&v, t).into_bytes()
    }
}

/// A sentence put into section 一.
fn say(t: String, sentence: &str) -> String {
    assert!(t.contains("一、总体情况\n\n"));
    t.replacen("一、总体情况\n\n", &format!("一、总体情况\n\n{sentence}\n\n"), 1)
}

enum Case {
    One(Doc),
    /// Last year's report, this year's.
    Pair(Doc, Doc),
    /// A region's report first, then its units' (a batch).
    Batch(Vec<Doc>),
    /// A corpus file, a text change, cell edits.
    Corpus(&'static str, (&'static str, &'static str), &'static [(&'static str, &'static str)]),
}

impl Case {
    /// The report the rule speaks on.
    fn report(&self) -> Report {
        let opts = Options::default();
        match self {
            Case::One(d) => check_bytes("case.txt", &d.bytes(), &opts),
            Case::Pair(a, b) => {
                let (a, b) = (a.bytes(), b.bytes());
                let out = nianbao_check::check(
                    &[Input::new("last.txt", &a), Input::new("this.txt", &b)],
                    &opts,
                    nianbao_check::readers::native_decoder,
                );
                out.reports.into_iter().nth(1).unwrap()
            }
            Case::Batch(docs) => {
                let mut reports: Vec<Report> =
                    docs.iter().enumerate().map(|(i, d)| check_bytes(&format!("{i}.txt"), &d.bytes(), &opts)).collect();
                let summaries: Vec<_> = reports.iter().filter_map(nianbao_check::rules::regions::Summary::of).collect();
                assert_eq!(summaries.len(), reports.len(), "every report of the batch has an agency and a year");
                for (i, f) in nianbao_check::rules::regions::check_batch(&summaries) {
                    reports[i].findings.push(f);
                }
                reports.remove(0)
            }
            Case::Corpus(file, (from, to), edits) => {
                let t = String::from_utf8(corpus(file)).unwrap().replace(from, to);
                let input =
                    Input { name: file, bytes: t.as_bytes(), edits: edits.iter().map(|(a, v)| (a.to_string(), v.to_string())).collect() };
                nianbao_check::check(&[input], &opts, nianbao_check::readers::native_decoder).reports.remove(0)
            }
        }
    }
}

const V21: Version = Version::V2021;
const V19: Version = Version::V2019;

/// Section 五 of the generated report.
const FIVE: &str = "五、存在的主要问题及改进情况\n\n一是公开内容还不够全面。下一步将加强培训。";

fn flat_t4_zero(v: &mut Vals) {
    for k in v.keys().filter(|k| k.starts_with("t4/")).cloned().collect::<Vec<_>>() {
        v.insert(k, "0".into());
    }
}

/// Last year's carry_forward made equal to this year's carried (seed 8), last year's new adjusted
/// so that its own balance holds.
fn carry_into_next(v: &mut Vals) {
    let next = consistent(V21, 8);
    for c in ["natural", "commercial", "research", "social", "legal", "other", "total"] {
        let d = n(&next, &format!("t3/carried/{c}")) - n(v, &format!("t3/carry_forward/{c}"));
        add(v, &format!("t3/carry_forward/{c}"), d);
        add(v, &format!("t3/new/{c}"), d);
    }
}

/// Units of the generated reports' region (测试县人民政府).
fn unit_a(_: &Vals, t: String) -> String {
    t.replacen("测试县人民政府", "测试县教育局", 1)
}
fn unit_b(_: &Vals, t: String) -> String {
    t.replacen("测试县人民政府", "测试县城关镇人民政府", 1)
}

/// Every rule: (id, a case where it fails, a case where it passes).
fn cases() -> Vec<(&'static str, Case, Case)> {
    use Case::*;
    let ok = || One(doc(V21, 2022));
    let ok19 = || One(doc(V19, 2020));
    let with = |change: fn(&mut Vals)| One(Doc { change, ..doc(V21, 2022) });
    let with19 = |change: fn(&mut Vals)| One(Doc { change, ..doc(V19, 2020) });
    let text = |text: fn(&Vals, String) -> String| One(Doc { text, ..doc(V21, 2022) });
    let both = |change: fn(&mut Vals), text: fn(&Vals, String) -> String| One(Doc { change, text, ..doc(V21, 2022) });
    vec![
        ("S01", text(|_, t| t.replace("五、存在的主要问题及改进情况", "")), ok()),
        ("S02", One(doc(V19, 2022)), ok()),
        ("S03", text(|_, t| t[..t.find("四、政府信息公开").unwrap()].to_string() + &t[t.find("五、存在").unwrap()..]), ok()),
        ("S04", text(|_, t| t.replace("社会公益组织", "社会组织")), ok()),
        ("S06", text(|_, t| t.replace("统计期限为2022年", "统计期限为2021年")), ok()),
        ("S07", text(|_, t| t.replace("1月1日至12月31日", "1月1日至11月30日")), ok()),
        ("S09", text(|_, t| t.replace(FIVE, "五、存在的主要问题及改进情况\n\n无。")), ok()),
        ("C01", with(|v| add(v, "t4/review/pending", -1000)), ok()),
        ("C02", with(|v| drop(v.insert("t3/new/legal".into(), "/".into()))), ok()),
        ("C03", with(|v| drop(v.insert("t2/fees/amount".into(), "251000元".into()))), ok()),
        ("C05", with19(|v| drop(v.insert("t2/licensing/change".into(), "1.5".into()))), ok19()),
        ("C06", with(|v| drop(v.insert("t3/new/legal".into(), "2 0".into()))), ok()),
        (
            "T2-01",
            with(|v| {
                v.insert("t2/normative/issued".into(), "5".into());
                v.insert("t2/normative/in_force".into(), "0".into());
            }),
            ok(),
        ),
        (
            "T2-02",
            with19(|v| {
                v.insert("t2/regulations/published".into(), "70".into());
                v.insert("t2/regulations/public_total".into(), "8".into());
            }),
            ok19(),
        ),
        (
            "T2-03",
            with19(|v| {
                v.insert("t2/penalty/prev_items".into(), "10".into());
                v.insert("t2/penalty/change".into(), "-12".into());
            }),
            ok19(),
        ),
        ("T3-01", with(|v| add(v, "t3/new/total", 1)), ok()),
        (
            "T3-02",
            with(|v| {
                add(v, "t3/granted/natural", 1);
                add(v, "t3/granted/total", 1);
            }),
            ok(),
        ),
        (
            "T3-03",
            with(|v| {
                add(v, "t3/carry_forward/natural", 1);
                add(v, "t3/carry_forward/total", 1);
            }),
            ok(),
        ),
        (
            "T3-04",
            with(|v| {
                v.insert("t3/carry_forward/natural".into(), String::new());
                let incoming = n(v, "t3/new/natural") + n(v, "t3/carried/natural");
                let d = incoming + 5 - n(v, "t3/results_total/natural");
                add(v, "t3/results_total/natural", d);
            }),
            ok(),
        ),
        ("T4-01", with(|v| add(v, "t4/review/total", 1)), ok()),
        ("T4-02", with(|v| add(v, "t4/suit_direct/total", 1)), ok()),
        ("T4-03", with(|v| add(v, "t4/suit_after_review/total", 1)), ok()),
        (
            "N01",
            text(|v, t| say(t, &format!("本年度共收到政府信息公开申请{}件。", n(v, "t3/new/total") + 1))),
            text(|v, t| say(t, &format!("本年度共收到政府信息公开申请{}件。", n(v, "t3/new/total")))),
        ),
        (
            "N02",
            text(|v, t| say(t, &format!("另有上年结转申请{}件。", n(v, "t3/carried/total") + 1))),
            text(|v, t| say(t, &format!("另有上年结转申请{}件。", n(v, "t3/carried/total")))),
        ),
        (
            "N03",
            text(|v, t| say(t, &format!("本年度办结政府信息公开申请{}件。", n(v, "t3/results_total/total") + 1))),
            text(|v, t| say(t, &format!("本年度办结政府信息公开申请{}件。", n(v, "t3/results_total/total")))),
        ),
        (
            "N04",
            text(|v, t| say(t, &format!("{}件申请结转下年度继续办理。", n(v, "t3/carry_forward/total") + 1))),
            text(|v, t| say(t, &format!("{}件申请结转下年度继续办理。", n(v, "t3/carry_forward/total")))),
        ),
        (
            "N05",
            text(|v, t| {
                let s: i64 = v
                    .iter()
                    .filter(|(k, _)| k.starts_with("t3/denied.") && k.ends_with("/total"))
                    .map(|(_, x)| x.parse::<i64>().unwrap())
                    .sum();
                say(t, &format!("不予公开{}件。", s + 100))
            }),
            text(|v, t| {
                let s: i64 = v
                    .iter()
                    .filter(|(k, _)| k.starts_with("t3/denied.") && k.ends_with("/total"))
                    .map(|(_, x)| x.parse::<i64>().unwrap())
                    .sum();
                say(t, &format!("不予公开{}件。", s))
            }),
        ),
        (
            "N06",
            text(|v, t| {
                say(
                    t,
                    &format!(
                        "予以公开{}件，占{:.2}%。",
                        n(v, "t3/granted/total"),
                        100.0 * n(v, "t3/granted/total") as f64 / n(v, "t3/results_total/total") as f64 + 1.0
                    ),
                )
            }),
            text(|v, t| {
                say(
                    t,
                    &format!(
                        "予以公开{}件，占{:.2}%。",
                        n(v, "t3/granted/total"),
                        100.0 * n(v, "t3/granted/total") as f64 / n(v, "t3/results_total/total") as f64
                    ),
                )
            }),
        ),
        (
            "N07",
            text(|v, t| say(t, &format!("因政府信息公开被申请行政复议{}件。", n(v, "t4/review/total") + 1))),
            text(|v, t| say(t, &format!("因政府信息公开被申请行政复议{}件。", n(v, "t4/review/total")))),
        ),
        (
            "N10",
            both(
                |v| {
                    flat_t4_zero(v);
                    v.insert("t4/review/upheld".into(), "1".into());
                    v.insert("t4/review/total".into(), "1".into());
                },
                |_, t| say(t, "本年度未发生行政复议、行政诉讼。"),
            ),
            both(flat_t4_zero, |_, t| say(t, "本年度未发生行政复议、行政诉讼。")),
        ),
        (
            "N11",
            Corpus("real/seed-2021-guanqian.txt", ("", ""), &[("t3/new/natural", "1"), ("t3/new/total", "1")]),
            Corpus("real/seed-2021-guanqian.txt", ("", ""), &[]),
        ),
        (
            "X01",
            Pair(doc(V21, 2021), Doc { seed: 8, ..doc(V21, 2022) }),
            Pair(Doc { change: carry_into_next, ..doc(V21, 2021) }, Doc { seed: 8, ..doc(V21, 2022) }),
        ),
        (
            "X02",
            Pair(doc(V21, 2021), Doc { seed: 8, ..doc(V21, 2022) }),
            Pair(
                doc(V21, 2021),
                Doc {
                    seed: 8,
                    change: |v| {
                        // in force = last year's (seed 7) + issued − repealed
                        let last = consistent(V21, 7);
                        for row in ["regulations", "normative"] {
                            let f = n(&last, &format!("t2/{row}/in_force")) + n(v, &format!("t2/{row}/issued"))
                                - n(v, &format!("t2/{row}/repealed"));
                            v.insert(format!("t2/{row}/in_force"), f.to_string());
                        }
                    },
                    ..doc(V21, 2022)
                },
            ),
        ),
        ("X05", Pair(doc(V21, 2021), Doc { text: |_, t| t, ..doc(V21, 2022) }), Pair(doc(V21, 2021), Doc { seed: 8, ..doc(V21, 2022) })),
        (
            "H01",
            Batch(vec![doc(V21, 2022), Doc { seed: 8, text: unit_a, ..doc(V21, 2022) }, Doc { seed: 9, text: unit_b, ..doc(V21, 2022) }]),
            Batch(vec![
                Doc {
                    change: |v| {
                        // The region's t3 and t4 are its units' sums (seeds 8 and 9).
                        let (a, b) = (consistent(V21, 8), consistent(V21, 9));
                        for (k, x) in v.iter_mut().filter(|(k, _)| k.starts_with("t3/") || k.starts_with("t4/")) {
                            *x = (n(&a, k) + n(&b, k)).to_string();
                        }
                    },
                    ..doc(V21, 2022)
                },
                Doc { seed: 8, text: unit_a, ..doc(V21, 2022) },
                Doc { seed: 9, text: unit_b, ..doc(V21, 2022) },
            ]),
        ),
        (
            "P01",
            text(|v, t| {
                // A two-digit cell split in two by the extraction ("12" → "1", "2"), where one join closes the row.
                let line = t.lines().find(|l| l.contains("（一）予以公开")).unwrap().to_string();
                let mut f: Vec<String> = line.split('\t').map(String::from).collect();
                let i = f.iter().rposition(|x| x == &v["t3/granted/total"]).unwrap();
                let total = &v["t3/granted/total"];
                assert!(total.len() == 2, "the case needs a two-digit total: {total}");
                let (a, b) = total.split_at(1);
                f.splice(i..i + 1, [a.to_string(), b.to_string()]);
                t.replace(&line, &f.join("\t"))
            }),
            ok(),
        ),
        (
            "P03",
            text(|_, t| {
                let line = t.lines().find(|l| l.contains("（一）予以公开")).unwrap().to_string();
                let cut = line[..line.rfind('\t').unwrap()].to_string();
                t.replace(&line, &cut)
            }),
            ok(),
        ),
    ]
}

fn has(r: &Report, id: &str, status: Status) -> bool {
    r.findings.iter().any(|f| f.rule == id && f.status == status)
}

#[test]
fn every_rule_fails_on_one_case_and_passes_on_another() {
    let ids: Vec<&str> = catalogue().iter().map(|r| r.id).collect();
    let cases = cases();
    for id in &ids {
        assert!(cases.iter().any(|(c, _, _)| c == id), "rule {id} has no failing and passing case in tests/rules_doc.rs");
    }
    let mut problems = Vec::new();
    for (id, fail, pass) in &cases {
        assert!(ids.contains(id), "{id} is not in the catalogue");
        let f = fail.report();
        if f.error.is_some() || !has(&f, id, Status::Failed) {
            problems.push(format!("{id}: the failing case does not fail: {:?} {:#?}", f.error, f.findings));
        }
        let p = pass.report();
        let mention: Vec<_> = p.findings.iter().filter(|x| x.rule == *id).collect();
        if p.error.is_some() || !mention.is_empty() {
            problems.push(format!("{id}: the passing case does not pass: {:?} {mention:#?}", p.error));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
