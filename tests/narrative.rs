//! The text against the tables on the real corpus (rules N01–N11 and the text's structure S01,
//! S06, S07, S09): every number a report's narrative states is found, compared with the cells the
//! gold notes name, and agrees; changing one number or the statistics year gives exactly the
//! finding that names it.

mod common;
use common::*;
use nianbao_check::rules::narrative::{self, Claim, Outcome};
use nianbao_check::{check_bytes, read_model, Finding, Options, Report, Severity, Status};

/// What each real report's narrative states (from the gold files' notes), every form of it.
/// (rule, the number stated, a fragment of the sentence). Each must be found and agree with the
/// tables, and nothing else may be claimed.
struct Expected {
    forms: &'static [&'static str],
    claims: &'static [(&'static str, f64, &'static str)],
}

const EXPECTED: &[Expected] = &[
    Expected { forms: &["real/seed-2021-guanqian.txt"], claims: &[("N11", 0.0, "我乡无收到任何组织或个人依申请公开")] },
    Expected {
        forms: &["real/2025-shanghai-office.md"],
        claims: &[
            ("N01", 1295.0, "共受理政府信息公开申请 1295 件"),
            ("N03", 1191.0, "办结 1191 件"),
            ("N02", 189.0, "（含上年结转 189 件）"),
            ("N05", 208.0, "予以公开及部分公开 208 件"),
            ("N06", 17.46, "（17.46%）"),
            ("N05", 20.0, "不予公开 20 件"),
            ("N06", 1.68, "（1.68%）"),
            ("N05", 564.0, "无法提供 564 件"),
            ("N06", 47.36, "（47.36%）"),
            ("N05", 80.0, "不予处理 80 件"),
            ("N06", 6.72, "（6.72%）"),
            ("N05", 319.0, "其他处理 319 件"),
            ("N06", 26.78, "（26.78%，"),
            // "未发生…被行政复议纠错或行政诉讼败诉": t4 corrected = 0 (not N10: cases there were)
            ("N07", 0.0, "未发生因依申请公开被行政复议纠错或行政诉讼败诉情形"),
        ],
    },
    Expected {
        forms: &["real/2025-shuyang-county.md"],
        claims: &[
            // 受理 749 = new + carried (713 + 36); the columns follow that reading.
            ("N01", 749.0, "共受理政府信息公开申请 749 件"),
            ("N01", 741.0, "其中自然人申请 741 件"),
            ("N01", 8.0, "法人或其他组织申请 8 件"),
            ("N03", 718.0, "共办理 718 件"),
            ("N04", 31.0, "结转下一年 31 件"),
            // "全县共办理相关案件 74 件" (复议 + 诉讼) is far from its keyword: not read.
        ],
    },
    Expected {
        forms: &[
            "real/2023-shuyang-fgj.html",
            "derived/2023-shuyang-fgj.gbk.html",
            "derived/2023-shuyang-fgj.docx",
            "derived/2023-shuyang-fgj.doc",
        ],
        claims: &[("N01", 26.0, "共收到依申请信息公开26件")],
    },
    Expected {
        // No request count in the narrative; section 六 "无其他需要报告的事项".
        forms: &["real/pingtan-2019.html", "derived/pingtan-2019.gbk.html", "derived/pingtan-2019.docx", "derived/pingtan-2019.doc"],
        claims: &[],
    },
    Expected {
        forms: &["real/pingtan-2021.html", "derived/pingtan-2021.gbk.html", "derived/pingtan-2021.docx", "derived/pingtan-2021.doc"],
        claims: &[("N01", 70.0, "共收到70件申请"), ("N03", 69.0, "办结69件"), ("N04", 1.0, "1件结转下年度继续办理")],
    },
    Expected {
        forms: &["real/pingtan-2023.html", "derived/pingtan-2023.gbk.html", "derived/pingtan-2023.docx", "derived/pingtan-2023.doc"],
        claims: &[
            ("N01", 81.0, "申请共计81件"),
            ("N01", 80.0, "涉及自然人80件"),
            ("N01", 1.0, "商业企业1件"),
            ("N03", 81.0, "办结依申请公开81件"),
            ("N05", 42.0, "予以公开及部分公开42件"),
            ("N06", 51.85, "占51.85%"),
            ("N05", 5.0, "不予公开5件"),
            ("N06", 6.17, "占6.17%"),
            ("N05", 31.0, "无法提供31件"),
            ("N06", 38.27, "占38.27%"),
            ("N05", 1.0, "不予处理1件"),
            ("N06", 1.23, "占1.23%"),
            ("N05", 2.0, "其他处理2件"),
            ("N06", 2.47, "占2.47%"),
            ("N07", 2.0, "行政复议案件2件"),
            ("N07", 7.0, "行政诉讼案件7件"),
        ],
    },
    Expected {
        forms: &["real/pingtan-2025.html", "derived/pingtan-2025.gbk.html", "derived/pingtan-2025.docx", "derived/pingtan-2025.doc"],
        claims: &[
            ("N01", 154.0, "共收到政府信息公开申请154件"),
            ("N03", 148.0, "共办结148件"),
            ("N04", 6.0, "结转至2026年6件"),
            ("N07", 36.0, "行政复议36起"),
            ("N07", 9.0, "行政诉讼9起"),
        ],
    },
];

fn claims_of(file: &str) -> Vec<Claim> {
    let m = read_model(&corpus(file), nianbao_check::readers::native_decoder).unwrap_or_else(|e| panic!("{file}: {e:?}"));
    narrative::claims(&m)
}

fn text_rules(f: &Finding) -> bool {
    f.rule.starts_with('N') || ["S01", "S06", "S07", "S09"].contains(&f.rule)
}

#[test]
fn every_stated_number_is_found_and_agrees_with_the_tables() {
    let mut compared = 0;
    for e in EXPECTED {
        for file in e.forms {
            let got = claims_of(file);
            for (rule, stated, fragment) in e.claims {
                let c = got
                    .iter()
                    .find(|c| {
                        c.rule == *rule
                            && (c.stated - stated).abs() < 1e-9
                            && c.sentence.replace(' ', "").contains(&fragment.replace(' ', ""))
                    })
                    .unwrap_or_else(|| panic!("{file}: no {rule} claim {stated} in «{fragment}»; got {got:#?}"));
                assert!(matches!(c.outcome, Outcome::Agrees | Outcome::AgreesAs(_)), "{file}: {c:#?}");
                assert!(!c.cells.is_empty() && c.table.is_some(), "{file}: {c:#?}");
                compared += 1;
            }
            // Nothing else claimed: a new reading of these texts must be looked at and listed.
            assert_eq!(got.len(), e.claims.len(), "{file}: {got:#?}");
            // And the whole check has no text finding at all on these consistent reports.
            let r = check(file);
            assert!(r.error.is_none(), "{file}: {:?}", r.error);
            let text: Vec<&Finding> = r.findings.iter().filter(|f| text_rules(f)).collect();
            assert!(text.is_empty(), "{file}: {text:#?}");
        }
    }
    println!("narrative numbers compared with the tables and agreeing: {compared}");
    assert!(compared > 100, "the list of expected claims shrank");
}

#[test]
fn readings_the_text_allows_are_named() {
    // 受理 749 件 is new + carried in the table (713 + 36), and its columns follow that reading.
    let got = claims_of("real/2025-shuyang-county.md");
    let c = got.iter().find(|c| c.stated == 749.0).unwrap();
    assert_eq!(c.outcome, Outcome::AgreesAs("本年新收加上年结转".into()));
    assert_eq!(c.cells, ["t3/new/total", "t3/carried/total"]);
    let col = got.iter().find(|c| c.stated == 741.0).unwrap();
    assert_eq!(col.cells, ["t3/new/natural", "t3/carried/natural"]);
    // 予以公开及部分公开 is the sum of two rows.
    let got = claims_of("real/pingtan-2023.html");
    let c = got.iter().find(|c| c.rule == "N05" && c.stated == 42.0).unwrap();
    assert_eq!(c.cells, ["t3/granted/total", "t3/partial/total"]);
}

// ───────────────────────────── mutations ─────────────────────────────

fn run(name: &str, bytes: &[u8]) -> Report {
    check_bytes(name, bytes, &Options::default())
}

fn key(f: &Finding) -> String {
    format!("{} {:?} {:?} {}", f.rule, f.status, f.cells, f.message(nianbao_check::Lang::Zh))
}

/// The findings `after` has that `before` has not; asserts none went away.
fn added<'a>(before: &Report, after: &'a Report) -> Vec<&'a Finding> {
    let b: Vec<String> = before.findings.iter().map(key).collect();
    let a: Vec<String> = after.findings.iter().map(key).collect();
    let gone: Vec<&String> = b.iter().filter(|k| !a.contains(k)).collect();
    assert!(gone.is_empty(), "findings went away: {gone:#?}");
    after.findings.iter().filter(|f| !b.contains(&key(f))).collect()
}

fn text_of(file: &str) -> String {
    String::from_utf8(corpus(file)).unwrap()
}

/// Changes `from` to `to` (exactly once) in a corpus file and returns the report before and after.
fn mutate(file: &str, from: &str, to: &str) -> (Report, Report) {
    let t = text_of(file);
    assert_eq!(t.matches(from).count(), 1, "{file}: «{from}» once");
    (run(file, t.as_bytes()), run(file, t.replace(from, to).as_bytes()))
}

/// Exactly one new finding, of `rule`, failed, naming the sentence and the cell first.
fn exactly<'a>(
    before: &Report,
    after: &'a Report,
    rule: &str,
    severity: Severity,
    sentence_has: &str,
    first_cell: Option<&str>,
) -> &'a Finding {
    let new = added(before, after);
    assert_eq!(new.len(), 1, "{new:#?}");
    let f = new[0];
    assert_eq!((f.rule, f.severity, f.status), (rule, severity, Status::Failed), "{f:#?}");
    let s = f.sentence.as_deref().unwrap_or_else(|| panic!("no sentence: {f:#?}"));
    assert!(s.contains(sentence_has), "«{s}» lacks «{sentence_has}»");
    if let Some(c) = first_cell {
        assert_eq!(f.cells.first().map(String::as_str), Some(c), "{f:#?}");
    }
    f
}

#[test]
fn a_changed_count_in_a_sentence_is_named() {
    let (b, a) = mutate("real/2025-shanghai-office.md", "受理政府信息公开申请 1295 件", "受理政府信息公开申请 1296 件");
    let f = exactly(&b, &a, "N01", Severity::Warning, "1296 件", Some("t3/new/total"));
    assert_eq!((f.expected, f.actual), (Some(1295.0), Some(1296.0)));
    assert!(
        f.message(nianbao_check::Lang::Zh).contains("1296") && f.message(nianbao_check::Lang::Zh).contains("1295"),
        "{}",
        f.message(nianbao_check::Lang::Zh)
    );

    let (b, a) = mutate("real/2025-shanghai-office.md", "不予公开 20 件", "不予公开 21 件");
    let f = exactly(&b, &a, "N05", Severity::Warning, "不予公开 21 件", Some("t3/denied.secret/total"));
    assert_eq!(f.cells.len(), 8, "the group's eight rows");

    let (b, a) = mutate("real/2025-shuyang-county.md", "结转下一年 31 件", "结转下一年 13 件");
    exactly(&b, &a, "N04", Severity::Warning, "结转下一年 13 件", Some("t3/carry_forward/total"));

    let (b, a) = mutate("real/2025-shuyang-county.md", "其中自然人申请 741 件", "其中自然人申请 740 件");
    exactly(&b, &a, "N01", Severity::Warning, "自然人申请 740 件", Some("t3/new/natural"));

    // Chinese numerals: 十二 is 12, and 2021 had 70.
    let (b, a) = mutate("real/pingtan-2021.html", "共收到70件申请", "共收到七十二件申请");
    let f = exactly(&b, &a, "N01", Severity::Warning, "七十二件", Some("t3/new/total"));
    assert_eq!(f.actual, Some(72.0));
    let (b, a) = mutate("real/pingtan-2021.html", "共收到70件申请", "共收到七十件申请");
    assert!(added(&b, &a).is_empty());
}

#[test]
fn a_changed_share_or_case_count_is_named() {
    let (b, a) = mutate("real/2025-shanghai-office.md", "（17.46%）", "（18.46%）");
    let f = exactly(&b, &a, "N06", Severity::Warning, "18.46%", Some("t3/results_total/total"));
    assert!(f.message(nianbao_check::Lang::Zh).contains("17.46%"), "{}", f.message(nianbao_check::Lang::Zh));

    let (b, a) = mutate("real/pingtan-2023.html", "行政诉讼案件7件", "行政诉讼案件8件");
    exactly(&b, &a, "N07", Severity::Warning, "行政诉讼案件8件", Some("t4/suit_direct/total"));

    let html = "引发的行政复议</span><span style=\"text-indent: 2em;\">36<";
    let (b, a) = mutate("real/pingtan-2025.html", html, &html.replace("36", "35"));
    exactly(&b, &a, "N07", Severity::Warning, "行政复议35起", Some("t4/review/total"));
}

#[test]
fn a_sub_row_quoted_under_a_group_word_is_explained_not_failed() {
    // 予以公开及部分公开 206 件: the table has 206 + 2; 206 is the 予以公开 row alone.
    let (b, a) = mutate("real/2025-shanghai-office.md", "予以公开及部\n分公开 208 件", "予以公开及部\n分公开 206 件");
    let f = exactly(&b, &a, "N05", Severity::Info, "分公开 206 件", Some("t3/granted/total"));
    assert!(f.message(nianbao_check::Lang::Zh).contains("等于予以公开"), "{}", f.message(nianbao_check::Lang::Zh));
}

const SEED: &str = "real/seed-2021-guanqian.txt";

#[test]
fn statements_without_numbers_are_checked() {
    let seed = text_of(SEED);
    // N11: "无收到任何…申请" and a request in the table (kept balanced, so only N11 speaks).
    let edits = [
        ("t3/new/natural", "1"),
        ("t3/new/total", "1"),
        ("t3/granted/natural", "1"),
        ("t3/granted/total", "1"),
        ("t3/results_total/natural", "1"),
        ("t3/results_total/total", "1"),
    ];
    let base = run(SEED, seed.as_bytes());
    let out = nianbao_check::check(
        &[nianbao_check::Input {
            name: SEED,
            bytes: seed.as_bytes(),
            edits: edits.iter().map(|(a, v)| (a.to_string(), v.to_string())).collect(),
        }],
        &Options::default(),
        nianbao_check::readers::native_decoder,
    );
    exactly(&base, &out.reports[0], "N11", Severity::Error, "无收到任何组织或个人依申请公开", Some("t3/new/total"));

    // N10: "未发生…行政复议、行政诉讼" with a review case in table 四.
    let said = seed.replace("依申请公开政府信息的情况。", "依申请公开政府信息的情况。本年度未发生因政府信息公开引起的行政复议、行政诉讼。");
    let before = run(SEED, said.as_bytes());
    assert!(!before.findings.iter().any(text_rules), "{:#?}", before.findings);
    let t4 = "0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0";
    assert_eq!(said.matches(t4).count(), 1);
    let after = run(SEED, said.replace(t4, "1\t0\t0\t0\t1\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0").as_bytes());
    let f = exactly(&before, &after, "N10", Severity::Error, "未发生因政府信息公开引起的行政复议、行政诉讼", Some("t4/review/total"));
    assert!(f.message(nianbao_check::Lang::Zh).contains("行政复议"), "{}", f.message(nianbao_check::Lang::Zh));

    // N07: "均获维持" with a corrected case.
    let said = seed.replace("依申请公开政府信息的情况。", "依申请公开政府信息的情况。发生行政复议1件，均获维持。");
    let before = run(SEED, said.replace(t4, "1\t0\t0\t0\t1\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0").as_bytes());
    assert!(!before.findings.iter().any(text_rules), "{:#?}", before.findings);
    let after = run(SEED, said.replace(t4, "0\t1\t0\t0\t1\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0").as_bytes());
    exactly(&before, &after, "N07", Severity::Warning, "均获维持", Some("t4/review/corrected"));
}

#[test]
fn the_fee_in_yuan_is_never_compared_with_the_table_fee() {
    // Section 六: 收取信息处理费共计380元 / 1件; the t2 fee is 4068.208 万元.
    let got = claims_of("real/2025-shuyang-county.md");
    assert!(got.iter().all(|c| !c.sentence.contains("信息处理费")), "{got:#?}");
    let (b, a) = mutate("real/2025-shuyang-county.md", "收取信息处理费共计380元，其中民政局1件", "收取信息处理费共计4068元，其中民政局2件");
    assert!(added(&b, &a).is_empty());
}

#[test]
fn the_year_of_the_statistics_period_is_checked() {
    // S06: the period says another year than the title.
    let (b, a) = mutate(SEED, "统计时限为2021年1月1日起至2021年12月31日止", "统计时限为2020年1月1日起至2020年12月31日止");
    let f = exactly(&b, &a, "S06", Severity::Error, "统计时限为2020年1月1日", None);
    assert!(
        f.message(nianbao_check::Lang::Zh).contains("标题为 2021 年") && f.message(nianbao_check::Lang::Zh).contains("统计期限为 2020 年"),
        "{}",
        f.message(nianbao_check::Lang::Zh)
    );
    // The same in a PDF's text, the year on a wrapped line.
    let (b, a) = mutate("real/2025-shanghai-office.md", "统计期限为 2025\n", "统计期限为 2024\n");
    exactly(&b, &a, "S06", Severity::Error, "2024年 1 月 1 日", None);
    // S07: the period is not the whole year.
    let (b, a) = mutate(SEED, "至2021年12月31日止", "至2021年11月30日止");
    let f = exactly(&b, &a, "S07", Severity::Warning, "11月30日", None);
    assert!(f.message(nianbao_check::Lang::Zh).contains("11 月 30 日"), "{}", f.message(nianbao_check::Lang::Zh));
}

#[test]
fn sections_are_checked() {
    let seed = text_of(SEED);
    let base = run(SEED, seed.as_bytes());
    // S01: section 五's heading gone.
    let t = seed.replace("五、存在的主要问题及改进情况", "");
    let r = run(SEED, t.as_bytes());
    let new = added(&base, &r);
    assert_eq!(new.len(), 1, "{new:#?}");
    assert_eq!((new[0].rule, new[0].severity), ("S01", Severity::Warning));
    assert!(new[0].message(nianbao_check::Lang::Zh).contains("第五部分"), "{}", new[0].message(nianbao_check::Lang::Zh));
    // S01: two sections swapped.
    let (five, six) = (seed.find("五、存在的主要问题").unwrap(), seed.find("六、其他需要报告的事项").unwrap());
    let swapped = format!("{}{}{}", &seed[..five], &seed[six..], &seed[five..six]);
    let new: Vec<String> = added(&base, &run(SEED, swapped.as_bytes())).iter().map(|f| f.rule.to_string()).collect();
    assert_eq!(new, ["S01"]);
    // S09: section 五 only "无".
    let only_none = format!("{}五、存在的主要问题及改进情况\n\n无。\n\n{}", &seed[..five], &seed[six..]);
    let r = run(SEED, only_none.as_bytes());
    let new = added(&base, &r);
    assert_eq!(new.len(), 1, "{new:#?}");
    assert_eq!((new[0].rule, new[0].severity), ("S09", Severity::Warning));
    assert!(new[0].message(nianbao_check::Lang::Zh).contains("只写了“无”"), "{}", new[0].message(nianbao_check::Lang::Zh));
    // The variants of the section titles are the same sections.
    for v in [
        "五、存在问题及改进情况",
        "五、存在的主要问题及整改措施",
        "## 五、政府信息公开工作存在的主要问题及改进情况",
        "五.存在的主要问题及改进情况",
    ] {
        let r = run(SEED, seed.replace("五、存在的主要问题及改进情况", v).as_bytes());
        assert!(added(&base, &r).is_empty(), "{v}");
    }
}

/// The Huai'an report is a PDF (not read yet): its narrative, quoted line by line from the text
/// layer (wrapped as in the PDF, with a page footer), is checked against its gold tables.
const HUAIAN_TEXT: &str = "一、总体情况
（一）主动公开情况。2024 年，市政府网站主动公开各类政
府信息 5500 余条，全年新增公开市政府规章 1 件、市政府及市
政府办政策性文件 11 件，通过文字、图片等形式制作政策解读
21 个，制作《淮安市人民政府公报》6 期。
（二）依申请公开情况。定期对政府信息公开申请集中的领
域和热点问题进行研判，探索从源头上解决实际问题。着力强化
与申请人的直接沟通，准确了解申请人诉求，提高答复的及时性
和针对性。2024 年，全市共受理政府信息公开申请 3119 件，答
复 3050 件（含上年度结转申请 34 件，另有 103 件顺延到下年度
-2-
答复），均在法定期限内予以答复。政府信息公开行政复议 351
件，其中结果维持 72 件，结果纠正 64 件，其他结果 178 件，尚
未审结 37 件；政府信息公开行政诉讼 46 件，其中结果维持 25
件，结果纠正 5 件，其他结果 9 件，尚未审结 7 件。
";

#[test]
fn the_huaian_narrative_agrees_with_its_gold_tables() {
    let g = gold("2024-huaian-city");
    let cell = |a: &str| g["cells"][a].to_string().trim_matches('"').to_string();
    let mut text = synth(nianbao_check::format::Version::V2021, 2024, &cell);
    text = text.replacen("一、总体情况\n", HUAIAN_TEXT, 1);
    text = text.replace(
        "本年度未收取信息处理费。",
        "2024 年，市政府严格落实《政府信息公开信息处理费管理\n办法》，全年收取政府信息公开信息处理费 3940 元。",
    );
    let m = read_model(text.as_bytes(), nianbao_check::readers::native_decoder).unwrap();
    let got = narrative::claims(&m);
    let want = [("N01", 3119.0), ("N03", 3050.0), ("N02", 34.0), ("N04", 103.0), ("N07", 351.0), ("N07", 46.0)];
    assert_eq!(got.iter().map(|c| (c.rule, c.stated)).collect::<Vec<_>>(), want, "{got:#?}");
    assert!(got.iter().all(|c| c.outcome == Outcome::Agrees), "{got:#?}");
    let r = check_bytes("huaian.txt", text.as_bytes(), &Options::default());
    assert!(!r.findings.iter().any(text_rules), "{:#?}", r.findings);
    // 规章 1 件 and 政策性文件 11 件 (not 行政规范性文件) are not compared; 3940 元 is not the t2 fee.
    let (b, a) = (r, check_bytes("huaian.txt", text.replace("行政复议 351\n件", "行政复议 315\n件").as_bytes(), &Options::default()));
    exactly(&b, &a, "N07", Severity::Warning, "行政复议 315件", Some("t4/review/total"));
}
