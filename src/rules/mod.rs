//! The rule catalogue (`spec/rules.md`) in one place: every rule's id, Chinese title, what it
//! checks, why, an example, and the function that checks it. The page's rule reference
//! (`docs/rules.md`) is rendered from this list, and a test keeps it current.
//!
//! Rules see only the model. Adding a rule is one entry here, one function, and one test.

pub mod cells;
pub mod narrative;
pub mod regions;
pub mod structure;
pub mod sums;
pub mod tables;
pub mod years;

use crate::model::Model;
use crate::report::{Finding, Severity};

#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// Read blank cells as 0 in sums. Off by default: a blank is not a zero.
    pub blanks_as_zero: bool,
    /// Files larger than this (bytes) are refused unread (`too_large`); 50 MB by default.
    pub max_size: usize,
}

impl Default for Options {
    fn default() -> Options {
        Options { blanks_as_zero: false, max_size: crate::budget::DEFAULT_MAX_SIZE }
    }
}

pub struct Ctx<'a> {
    pub model: &'a Model,
    pub opts: &'a Options,
    /// What the text states, read once for all narrative rules.
    pub claims: std::cell::OnceCell<Vec<narrative::Claim>>,
}

impl<'a> Ctx<'a> {
    pub fn new(model: &'a Model, opts: &'a Options) -> Ctx<'a> {
        Ctx { model, opts, claims: std::cell::OnceCell::new() }
    }
}

/// How a rule is checked.
pub enum Check {
    /// On one report.
    One(fn(&Ctx) -> Vec<Finding>),
    /// On two reports of the same agency, last year's first.
    Pair(fn(&Model, &Model) -> Vec<Finding>),
    /// By recognition itself, while reading the tables (P03, P04).
    Reading,
    /// Over the reports of a batch (the command line): (index of the report spoken on, finding).
    Batch(fn(&[regions::Summary]) -> Vec<(usize, Finding)>),
}

pub struct Rule {
    pub id: &'static str,
    pub severity: Severity,
    pub title: &'static str,
    /// What it checks.
    pub checks: &'static str,
    /// Why a reviewer cares.
    pub why: &'static str,
    pub example: &'static str,
    pub check: Check,
}

fn sum_rule(
    id: &'static str,
    title: &'static str,
    checks: &'static str,
    why: &'static str,
    example: &'static str,
    check: fn(&Ctx) -> Vec<Finding>,
) -> Rule {
    Rule { id, severity: Severity::Error, title, checks, why, example, check: Check::One(check) }
}

pub fn catalogue() -> Vec<Rule> {
    use Severity::*;
    vec![
        Rule {
            id: "S02",
            severity: Error,
            title: "格式版本与报告年度相符",
            checks: "从表格标签识别格式版本（2019 年版或 2021 年版），它必须与报告年度相符：2019、2020 年度用 2019 年版，2021 年度起用 2021 年版。",
            why: "2021 年起国办公开办函〔2021〕30号规定了新的表格；仍用旧表的报告缺少新增的统计项。",
            example: "2022 年度报告仍用“本年新制作数量”“政府集中采购”等旧表：未按照新格式。",
            check: Check::One(structure::s02),
        },
        Rule {
            id: "S03",
            severity: Error,
            title: "三张统计表齐全",
            checks: "表二（主动公开）、表三（依申请公开）、表四（复议诉讼）都能找到。",
            why: "三张表是年度报告格式的必备内容，缺表就无法核对。",
            example: "报告只有文字，没有“收到和处理政府信息公开申请情况”表。",
            check: Check::One(structure::s03),
        },
        Rule {
            id: "S04",
            severity: Warning,
            title: "行列标签用规范表述",
            checks: "每个行、列标签都能对应到官方格式的标签；不规范的写法按原文列出。",
            why: "标签改动容易造成统计口径不一，也说明表格没有照官方模板填写。",
            example: "表三列标题写作“社会组织”，官方为“社会公益组织”。",
            check: Check::One(structure::s04),
        },
        Rule {
            id: "C01",
            severity: Error,
            title: "件数是非负整数",
            checks: "每个计数单元格都是不小于 0 的整数。",
            why: "申请件数、决定数量不可能是负数、小数或文字。",
            example: "本年新收申请数量（自然人）填为“abc”或“-2”。",
            check: Check::One(cells::c01),
        },
        Rule {
            id: "C02",
            severity: Warning,
            title: "空白和“/”“无”单元格",
            checks: "列出空白或填“/”“无”“—”的单元格。",
            why: "空白不等于 0：没有发生的事项应填 0，否则无法核对勾稽关系。",
            example: "表三五类法人或其他组织的列整列空白。",
            check: Check::One(cells::c02),
        },
        Rule {
            id: "C03",
            severity: Warning,
            title: "收费金额以万元填写",
            checks: "2021 年版表二“本年收费金额”是不小于 0 的万元数：单元格里写了单位、超过 4 位小数或数额大得不合常理的，逐一指出。",
            why: "表头已规定单位为万元、保留 4 位小数；写“元”或多位小数多半是单位用错。",
            example: "本年收费金额填“251000元”，或 24252.311082（6 位小数）。",
            check: Check::One(cells::c03),
        },
        Rule {
            id: "C05",
            severity: Warning,
            title: "2019 年版增减数和采购金额",
            checks: "2019 年版表二“本年增/减”是带正负号的整数；“采购总金额”保留单元格里写的单位（元或万元），没写单位的指出。",
            why: "增减数可以为负，但不会是小数；采购金额没有统一单位，缺了单位就无法比较。",
            example: "本年增/减填“1.5”；采购总金额只写“251000”。",
            check: Check::One(cells::c05),
        },
        Rule {
            id: "C06",
            severity: Doubt,
            title: "一个单元格里有多个数字或夹杂文字",
            checks: "单元格里有多个数字（“2 0”）、数字旁有文字说明（“55（含自然失效29件）”）或页码粘连（“769- 4 -”）。",
            why: "这多半是提取或排版造成的，读出的数值可能不对，请对照原文。",
            example: "现行有效件数写作“55（含自然失效29件）”。",
            check: Check::One(cells::c06),
        },
        Rule {
            id: "T2-01",
            severity: Warning,
            title: "本年制发却无现行有效",
            checks: "2021 年版表二：规章或行政规范性文件本年制发件数大于 0，现行有效件数却为 0。",
            why: "本年制发的文件通常仍然有效，应计入现行有效件数。",
            example: "行政规范性文件本年制发 5 件，现行有效 0 件。",
            check: Check::One(tables::t2_01),
        },
        Rule {
            id: "T2-02",
            severity: Warning,
            title: "对外公开总数量不少于本年新增",
            checks: "2019 年版表二：对外公开总数量 ≥ 本年新公开数量，且 ≥ 本年新制作数量。",
            why: "总数量包含本年新公开的文件。",
            example: "规范性文件本年新公开 12 件，对外公开总数量填 8。",
            check: Check::One(tables::t2_02),
        },
        Rule {
            id: "T2-03",
            severity: Error,
            title: "减少的项目不多于上一年项目数",
            checks: "2019 年版表二：本年增/减为负数时，减少的数量不能超过上一年项目数量。",
            why: "不可能减少比原有更多的项目。",
            example: "行政许可上一年项目 10 项，本年增/减填 -12。",
            check: Check::One(tables::t2_03),
        },
        sum_rule(
            "T3-01",
            "表三每行：总计 = 各类申请人之和",
            "表三每一行：总计 = 自然人 + 商业企业 + 科研机构 + 社会公益组织 + 法律服务机构 + 其他。",
            "总计列是同一行各类申请人的合计，必须相加一致。",
            "本年新收：自然人 3、商业企业 2，总计却填 4（应为 5）。",
            |c| sums::check(sums::sum("T3-01"), c.model, c.opts.blanks_as_zero),
        ),
        sum_rule(
            "T3-02",
            "表三每列：办理结果总计 = 各项办理结果之和",
            "表三每一列：（七）总计 = 予以公开 + 部分公开 + 不予公开各项 + 无法提供各项 + 不予处理各项 + 其他处理（各项）。",
            "（七）总计是全部办理结果的合计。",
            "自然人列各项办理结果相加为 12，（七）总计填 10。",
            |c| sums::check(sums::sum("T3-02"), c.model, c.opts.blanks_as_zero),
        ),
        sum_rule(
            "T3-03",
            "表三每列：新收 + 结转 = 办结 + 结转下年度",
            "表三每一列：本年新收 + 上年结转 = 办理结果总计 + 结转下年度继续办理（表头印明的勾稽关系）。",
            "收到的申请要么本年办结，要么结转下年度，数量必须守恒。",
            "总计列：新收 70 + 上年结转 0 = 70，办结 69 + 结转 0 = 69。",
            |c| sums::check(sums::sum("T3-03"), c.model, c.opts.blanks_as_zero),
        ),
        Rule {
            id: "T3-04",
            severity: Warning,
            title: "表三每列：办结和结转不超过收到",
            checks: "当 T3-03 无法核对时，单独检查：结转下年度 ≤ 新收 + 上年结转，办理结果总计 ≤ 新收 + 上年结转。",
            why: "即使有空白单元格，办结数也不可能多于收到的申请数。",
            example: "新收 5、上年结转 0，办理结果总计却为 8。",
            check: Check::One(tables::t3_04),
        },
        sum_rule(
            "T4-01",
            "表四行政复议：总计 = 各结果之和",
            "行政复议：结果维持 + 结果纠正 + 其他结果 + 尚未审结 = 总计。",
            "总计是四种结果的合计。",
            "维持 1、纠正 0、其他 2、尚未审结 0，总计填 4（应为 3）。",
            |c| sums::check(sums::sum("T4-01"), c.model, c.opts.blanks_as_zero),
        ),
        sum_rule(
            "T4-02",
            "表四未经复议直接起诉：总计 = 各结果之和",
            "行政诉讼（未经复议直接起诉）：结果维持 + 结果纠正 + 其他结果 + 尚未审结 = 总计。",
            "总计是四种结果的合计。",
            "维持 12、其余为 0，总计填 21。",
            |c| sums::check(sums::sum("T4-02"), c.model, c.opts.blanks_as_zero),
        ),
        sum_rule(
            "T4-03",
            "表四复议后起诉：总计 = 各结果之和",
            "行政诉讼（复议后起诉）：结果维持 + 结果纠正 + 其他结果 + 尚未审结 = 总计。",
            "总计是四种结果的合计。",
            "各结果均为 0，总计填 1。",
            |c| sums::check(sums::sum("T4-03"), c.model, c.opts.blanks_as_zero),
        ),
        Rule {
            id: "P01",
            severity: Doubt,
            title: "数字可能被拆开",
            checks: "表三一行多出一个数字，而把相邻两个一位数连起来（2、0 → 20）正好使总计相符时，按连起来读取并提示核对。",
            why: "网页和 PDF 提取常把一个两位数拆进两个单元格。",
            example: "“予以公开”一行读出 2 0 0 0 0 0 0 20：应为 20 0 0 0 0 0 20。",
            check: Check::Reading,
        },
        Rule {
            id: "P03",
            severity: Doubt,
            title: "一行的数字个数不对",
            checks: "表格一行读出的数字比列数多或少（提取丢失、错位），这一行不读取、标为无法核对，绝不移位填充。",
            why: "PDF 转文字、复制粘贴常丢失或挪动单元格；移位读取会造成虚假的错误。",
            example: "“规章”一行只读出 22、235 两个数字，应有三个。",
            check: Check::Reading,
        },
        Rule {
            id: "P04",
            severity: Info,
            title: "表四为一行 15 个数字",
            checks: "表四三块并排成一行 15 个数字时，按 1–5 行政复议、6–10 未经复议直接起诉、11–15 复议后起诉读取。",
            why: "官方表四三块并排，文字版常成一行。",
            example: "0 0 0 1 1 0 0 0 0 0 0 0 0 0 0",
            check: Check::Reading,
        },
        // Structure of the text, text against tables, across years (narrative.rs, years.rs).
        Rule {
            id: "S01",
            severity: Warning,
            title: "六个部分齐全、顺序正确",
            checks: "正文有“一、总体情况”至“六、其他需要报告的事项”六个部分的标题，且按顺序排列；标题写法有出入（如“五、存在问题及改进情况”“存在的主要问题及整改措施”、用“一.”或 Markdown 标题）仍认作同一部分。",
            why: "年度报告格式规定了六个部分；缺一部分，往往就缺了应报告的内容。",
            example: "报告从“四、政府信息公开行政复议、行政诉讼情况”直接跳到“六、其他需要报告的事项”，没有第五部分。",
            check: Check::One(structure::s01),
        },
        Rule {
            id: "S06",
            severity: Error,
            title: "报告年度前后一致",
            checks: "标题、统计期限和正文提到本报告时写的年度是同一年。",
            why: "照搬上年报告时最容易漏改年份；年度不一致，整份报告的数据归属就说不清。",
            example: "标题为“2021年政府信息公开工作年度报告”，正文写“统计期限为2020年1月1日至12月31日”。",
            check: Check::One(structure::s06),
        },
        Rule {
            id: "S07",
            severity: Warning,
            title: "统计期限为全年",
            checks: "正文写明的统计期限从报告年度的 1 月 1 日起，到同年 12 月 31 日止。",
            why: "年度报告统计一个完整的自然年度；期限不全或跨年，数字就不能与上下年衔接。",
            example: "“本报告统计期限为2021年1月1日至2021年11月30日”。",
            check: Check::One(structure::s07),
        },
        Rule {
            id: "S09",
            severity: Warning,
            title: "第五部分有实际内容",
            checks: "“五、存在的主要问题及改进情况”不为空，也不只写一个“无”。",
            why: "格式要求如实报告存在的问题和改进措施，一个“无”等于没有报告。",
            example: "“五、存在的主要问题及改进情况 无。”",
            check: Check::One(structure::s09),
        },
        Rule {
            id: "N01",
            severity: Warning,
            title: "文字中的收到申请数与表三一致",
            checks: "第一、五、六部分“（共）收到/受理……申请 X 件”与表三本年新收总计相符（写明或实际含上年结转的，与新收加上年结转相符）；紧跟其后的“其中自然人 X 件、法人或其他组织 X 件”与相应列相符。",
            why: "文字和表格是同一份报告的两处表述，数字不同说明至少有一处写错。",
            example: "正文“全年共收到政府信息公开申请 72 件”，表三本年新收总计为 70。",
            check: Check::One(narrative::n01),
        },
        Rule {
            id: "N02",
            severity: Warning,
            title: "文字中的上年结转数与表三一致",
            checks: "“上年结转 X 件”与表三上年结转总计相符。",
            why: "文字和表格应一致。",
            example: "“办结 1191 件（含上年结转 189 件）”，表三上年结转总计为 180。",
            check: Check::One(narrative::n02),
        },
        Rule {
            id: "N03",
            severity: Warning,
            title: "文字中的办结数与表三一致",
            checks: "“办结/答复/共办理 X 件”与表三办理结果总计相符。",
            why: "文字和表格应一致。",
            example: "“及时依法依规办结 69 件”，表三（七）总计为 68。",
            check: Check::One(narrative::n03),
        },
        Rule {
            id: "N04",
            severity: Warning,
            title: "文字中的结转下年度数与表三一致",
            checks: "“结转下年度（继续办理）X 件”“X 件顺延到下年度”与表三结转下年度继续办理总计相符。",
            why: "文字和表格应一致。",
            example: "“1 件结转下年度继续办理”，表三结转下年度总计为 0。",
            check: Check::One(narrative::n04),
        },
        Rule {
            id: "N05",
            severity: Warning,
            title: "文字中的办理结果与表三一致",
            checks: "“予以公开/部分公开/不予公开/无法提供/不予处理/其他处理 X 件”与表三该行或该组各项之和相符（“予以公开及部分公开”为两行之和）；只与其中一项或某一列相符时，指明是哪一项（提示）。",
            why: "文字常只引用一组中的一项或自然人一列，要区分“说得不全”和“说错了”。",
            example: "“不予公开 20 件”，表三不予公开 8 项之和为 18。",
            check: Check::One(narrative::n05),
        },
        Rule {
            id: "N06",
            severity: Warning,
            title: "文字中的百分比算得对",
            checks: "办理结果后写的“占 X%”“（X%）”按办理结果总计重新计算，误差不超过 0.1 个百分点。",
            why: "百分比是由件数算出来的，算错说明件数或总数有一处不对。",
            example: "“予以公开及部分公开 42 件，占 58.85%”，42 ÷ 81 = 51.85%。",
            check: Check::One(narrative::n06),
        },
        Rule {
            id: "N07",
            severity: Warning,
            title: "文字中的复议、诉讼数与表四一致",
            checks: "“行政复议 X 件（起）”与表四行政复议总计相符，“行政诉讼 X 件（起）”与未经复议直接起诉和复议后起诉的总计之和相符；“均获维持”“未发生被纠错、败诉”时表四结果纠正为 0。",
            why: "文字和表格应一致；说“均获维持”而表中有纠正，是实质性的矛盾。",
            example: "“行政诉讼 9 起”，表四两类行政诉讼总计之和为 6。",
            check: Check::One(narrative::n07),
        },
        Rule {
            id: "N10",
            severity: Error,
            title: "说未发生复议诉讼，表四应全为 0",
            checks: "文字说“未发生（因政府信息公开引起的）行政复议、行政诉讼”时，表四相应的总计为 0。",
            why: "报告自相矛盾：文字否认的事，表格里却有。",
            example: "“本年度未发生行政复议、行政诉讼”，表四行政复议总计为 1。",
            check: Check::One(narrative::n10),
        },
        Rule {
            id: "N11",
            severity: Error,
            title: "说未收到申请，表三新收应为 0",
            checks: "文字说“未收到/无……政府信息公开申请”时，表三本年新收总计为 0。",
            why: "报告自相矛盾：文字说没有申请，表格里却有。",
            example: "“2021年我乡无收到任何组织或个人依申请公开政府信息的情况”，表三本年新收总计为 2。",
            check: Check::One(narrative::n11),
        },
        Rule {
            id: "X01",
            severity: Error,
            title: "上年结转与上年报告的结转下年度一致",
            checks: "同一机关相邻两年的报告：本年表三每一列的“上年结转”等于上年报告同一列的“结转下年度继续办理”（2019 年版接 2021 年版同样核对）。",
            why: "上年没办完转到今年的申请，两份报告说的是同一批件，数量必须相同。",
            example: "2021 年报告结转下年度 1 件，2022 年报告上年结转却填 0。",
            check: Check::Pair(years::x01),
        },
        Rule {
            id: "X02",
            severity: Warning,
            title: "现行有效件数与上年衔接",
            checks: "2021 年版表二，规章和行政规范性文件：上年现行有效 + 本年制发 − 本年废止 = 本年现行有效。",
            why: "现行有效件数是逐年累计的存量，对不上多半是漏报了废止或统计口径变了。",
            example: "上年现行有效 698 件，本年制发 77、废止 132，本年现行有效应为 643，表中为 470。",
            check: Check::Pair(years::x02),
        },
        Rule {
            id: "X05",
            severity: Warning,
            title: "不照抄上年报告",
            checks: "本年正文一半以上的句子与上年相同（数字除外），或表三、表四的数字与上年完全相同（且不全为 0）。",
            why: "照抄上年报告的，内容和数字往往都没有如实更新。",
            example: "两年的“存在的主要问题及改进情况”一字不差，只改了年份。",
            check: Check::Pair(years::x05),
        },
        Rule {
            id: "H01",
            severity: Info,
            title: "地区报告与所属单位报告之和",
            checks: "同一批报告中有某地区（省、市、县、区、旗）人民政府的报告和同年度所属单位（名称以该地区名开头的机关、乡镇）的报告时，逐格比较地区报告表三、表四与各单位之和（只比较各单位都填了数字的单元格），说明哪些不同。",
            why: "地区的年度报告与所属单位的报告说的是同一地区的申请和复议诉讼；数字对不上时值得确认统计口径：是只统计本级，还是汇总了全地区。",
            example: "沭阳县人民政府报告本年新收申请 12 件，同批所属 35 个单位的报告合计 340 件：说明县政府报告只统计了本级。",
            check: Check::Batch(regions::check_batch),
        },
    ]
}

/// Runs every single-report rule and returns recognition's doubts with the findings.
pub fn check(model: &Model, opts: &Options) -> Vec<Finding> {
    let ctx = Ctx::new(model, opts);
    let mut out = model.doubts.clone();
    for r in catalogue() {
        if let Check::One(f) = r.check {
            out.extend(f(&ctx));
        }
    }
    out
}

/// Runs the cross-year rules on two reports of one agency, last year's first.
pub fn check_pair(prev: &Model, cur: &Model) -> Vec<Finding> {
    catalogue()
        .into_iter()
        .filter_map(|r| match r.check {
            Check::Pair(f) => Some(f(prev, cur)),
            _ => None,
        })
        .flatten()
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_and_documented() {
        let cat = catalogue();
        let mut ids: Vec<&str> = cat.iter().map(|r| r.id).collect();
        ids.sort();
        let n = ids.len();
        ids.dedup();
        assert_eq!(ids.len(), n, "unique rule ids");
        for r in &cat {
            assert!(!r.title.is_empty() && !r.checks.is_empty() && !r.why.is_empty() && !r.example.is_empty(), "{}", r.id);
            assert!(r.title.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)), "{} has a Chinese title", r.id);
        }
    }
}
