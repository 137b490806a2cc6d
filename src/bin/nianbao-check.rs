//! The command line: `nianbao-check [--json] [--blanks-as-zero] [--max-size SIZE] [--lang en] FILE…`, `nianbao-check --version`
//!
//! Files given together are checked together (reports of one agency in consecutive years are
//! compared). Exit status: 2 when a file could not be read, else 1 when a report has an
//! error-severity finding, else 3 when a report could not be read in full, else 0.

// Native only. `cargo test --target wasm32` builds every bin of the crate, so on wasm32 this is
// an empty crate without a main.
#![cfg_attr(target_arch = "wasm32", no_main)]
#![cfg(not(target_arch = "wasm32"))]

use std::process::ExitCode;

use nianbao_check::version::{CHECKER_VERSION, RULES_VERSION};
use nianbao_check::{budget, check, readers::native_decoder, Input, Lang, Options, Output, Report, Severity, Status, Verdict};

const USAGE: &str = "用法：nianbao-check [--json] [--blanks-as-zero] [--max-size 大小] [--lang en] 文件…\n\
  检查政府信息公开工作年度报告（.html .mht .doc .docx .pdf .txt .md）各表的勾稽关系。\n\
  --json            输出 JSON（格式见 report-json.md）\n\
  --blanks-as-zero  把空白单元格当作 0 参与核对（默认不这样做：空白不等于 0）\n\
  --max-size 大小   超过此大小的文件不予读取（默认 50M；可写 20M、500K、1G 或字节数）\n\
  --lang en         用英文输出摘要（JSON 总是同时含中文 message 和英文 message_en）\n\
  -V, --version     显示版本（检查程序和规则）\n\
退出状态：0 全部通过；1 至少一份报告有错误；2 有文件无法读取；3 没有错误，但有报告未能完整读取。";

/// `50M`, `500K`, `1G`, `20MB`, or bytes.
fn parse_size(s: &str) -> Option<usize> {
    let t = s.trim().to_ascii_uppercase();
    let t = t.strip_suffix('B').unwrap_or(&t);
    let (digits, shift) = match t.chars().last()? {
        'K' => (&t[..t.len() - 1], 10),
        'M' => (&t[..t.len() - 1], 20),
        'G' => (&t[..t.len() - 1], 30),
        _ => (t, 0),
    };
    let n: usize = digits.trim().parse().ok()?;
    n.checked_mul(1 << shift).filter(|&n| n > 0)
}

fn main() -> ExitCode {
    let mut json = false;
    let mut lang = Lang::Zh;
    let mut opts = Options::default();
    let mut files = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--json" => json = true,
            "--lang" => match args.next().as_deref().and_then(Lang::parse) {
                Some(l) => lang = l,
                None => {
                    eprintln!("--lang 后应是 zh 或 en\n{USAGE}");
                    return ExitCode::from(2);
                }
            },
            "--blanks-as-zero" => opts.blanks_as_zero = true,
            // First line as tools expect (`name version`), the rule catalogue's version on the second.
            "-V" | "--version" => {
                println!("nianbao-check {CHECKER_VERSION}\n规则版本 {RULES_VERSION}");
                return ExitCode::SUCCESS;
            }
            "--max-size" => match args.next().as_deref().and_then(parse_size) {
                Some(n) => opts.max_size = n,
                None => {
                    eprintln!("--max-size 后应是大小，如 50M、500K 或字节数\n{USAGE}");
                    return ExitCode::from(2);
                }
            },
            s if s.starts_with("--max-size=") => match parse_size(&s["--max-size=".len()..]) {
                Some(n) => opts.max_size = n,
                None => {
                    eprintln!("--max-size 后应是大小，如 50M、500K 或字节数\n{USAGE}");
                    return ExitCode::from(2);
                }
            },
            "-h" | "--help" => {
                println!("{USAGE}");
                return ExitCode::SUCCESS;
            }
            s if s.starts_with("--") => {
                eprintln!("未知选项 {s}\n{USAGE}");
                return ExitCode::from(2);
            }
            _ => files.push(a),
        }
    }
    if files.is_empty() {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    }
    let mut unreadable = Vec::new();
    // A file over the limit is not read at all: its size is enough to refuse it.
    let contents: Vec<(String, Vec<u8>, Option<usize>)> = files
        .iter()
        .filter_map(|f| {
            if let Some(n) = std::fs::metadata(f).ok().map(|m| m.len() as usize).filter(|&n| n > opts.max_size) {
                return Some((f.clone(), Vec::new(), Some(n)));
            }
            match std::fs::read(f) {
                Ok(b) => Some((f.clone(), b, None)),
                Err(e) => {
                    unreadable.push(format!("{f}：无法打开文件（{e}）"));
                    None
                }
            }
        })
        .collect();
    let inputs: Vec<Input> = contents.iter().map(|(n, b, _)| Input::new(n, b)).collect();
    let mut out = check(&inputs, &opts, native_decoder);
    for (report, (name, _, big)) in out.reports.iter_mut().zip(&contents) {
        if let Some(n) = big {
            *report = Report::failed(name, None, budget::too_large(*n, opts.max_size));
        }
    }
    if json {
        println!("{}", serde_json::to_string_pretty(&out).expect("the report serialises"));
    } else {
        print!("{}", summary(&out, lang));
    }
    for u in &unreadable {
        eprintln!("{u}");
    }
    if !unreadable.is_empty() || out.reports.iter().any(|r| r.error.is_some()) {
        ExitCode::from(2)
    } else if out.reports.iter().any(|r| r.verdict == Verdict::Failed) {
        ExitCode::from(1)
    } else if out.reports.iter().any(|r| r.verdict == Verdict::Incomplete) {
        ExitCode::from(3)
    } else {
        ExitCode::SUCCESS
    }
}

fn label(sev: Severity, status: Status, lang: Lang) -> &'static str {
    match (status, sev, lang) {
        (Status::NotAssessable, _, Lang::Zh) => "无法核对",
        (_, Severity::Error, Lang::Zh) => "错误",
        (_, Severity::Warning, Lang::Zh) => "警告",
        (_, Severity::Doubt, Lang::Zh) => "存疑",
        (_, Severity::Info, Lang::Zh) => "提示",
        (Status::NotAssessable, _, Lang::En) => "not assessable",
        (_, Severity::Error, Lang::En) => "error",
        (_, Severity::Warning, Lang::En) => "warning",
        (_, Severity::Doubt, Lang::En) => "doubt",
        (_, Severity::Info, Lang::En) => "note",
    }
}

const TABLE_NAMES: [(&str, &str, &str); 3] = [("t2", "表二", "Table 2"), ("t3", "表三", "Table 3"), ("t4", "表四", "Table 4")];

fn summary(out: &Output, lang: Lang) -> String {
    let zh = lang == Lang::Zh;
    let w = |c: &'static str, e: &'static str| if zh { c } else { e };
    let mut s = String::new();
    for r in &out.reports {
        s.push_str(&format!("■ {}\n", r.file));
        if let Some(e) = &r.error {
            s.push_str(&format!(
                "  {}{}{}\n\n",
                w("结论：", "Verdict: "),
                Verdict::Unreadable.word(lang),
                if zh { format!("：{e}") } else { format!(": {e:#}") }
            ));
            continue;
        }
        let title = r.title.as_deref().unwrap_or(w("（未找到标题）", "(no title found)"));
        let version = r.version.map(|v| v.as_str()).unwrap_or("?");
        let year = r
            .year
            .map(|y| if zh { format!("{y} 年度") } else { format!("year {y}") })
            .unwrap_or_else(|| w("年度不明", "year unknown").into());
        let input = r.input.unwrap_or("?");
        s.push_str(&if zh {
            format!("  {title}｜{year}｜格式 {version}｜读作 {input}\n")
        } else {
            format!("  {title} | {year} | format {version} | read as {input}\n")
        });
        let count = |sev: Severity| r.findings.iter().filter(|f| f.status == Status::Failed && f.severity == sev).count();
        let na = r.findings.iter().filter(|f| f.status == Status::NotAssessable).count();
        let (e, warn, doubt) = (count(Severity::Error), count(Severity::Warning), count(Severity::Doubt));
        let line = match (r.verdict, lang) {
            (Verdict::Failed, Lang::Zh) => format!("{e} 个错误 · {warn} 个警告"),
            (Verdict::Incomplete, Lang::Zh) => {
                format!("读出的部分未发现错误，但有 {} 张表没能完整读出，见下；{warn} 个警告", r.reading.len())
            }
            (_, Lang::Zh) if warn > 0 => format!("未发现错误，{warn} 个警告"),
            (_, Lang::Zh) => "未发现错误和警告".to_string(),
            (Verdict::Failed, Lang::En) => format!("{e} errors · {warn} warnings"),
            (Verdict::Incomplete, Lang::En) => {
                format!("no error in what was read, but {} tables could not be read in full, see below; {warn} warnings", r.reading.len())
            }
            (_, Lang::En) if warn > 0 => format!("no error, {warn} warnings"),
            (_, Lang::En) => "no error and no warning".to_string(),
        };
        s.push_str(&if zh {
            format!("  结论：{}（{line}）；{doubt} 个存疑；{na} 项无法核对\n", r.verdict.word(lang))
        } else {
            format!("  Verdict: {} ({line}); {doubt} doubts; {na} not assessable\n", r.verdict.word(lang))
        });
        for g in &r.reading {
            s.push_str(&format!("  [{}] {}\n", w("未能读取", "not read"), if zh { &g.message } else { &g.message_en }));
        }
        // Doubts about cells the reading gaps already name are said there; the rest one by one.
        let unread: Vec<&String> = r.reading.iter().flat_map(|g| &g.cells).collect();
        for f in &r.findings {
            if f.status == Status::NotAssessable || f.rule == "P03" && !f.cells.is_empty() && f.cells.iter().all(|c| unread.contains(&c)) {
                continue;
            }
            s.push_str(&format!("  [{} {}] {}\n", label(f.severity, f.status, lang), f.rule, f.message(lang)));
            cells_line(&mut s, &f.cells, lang);
        }
        // Rules that could not be assessed: one line per table, not one per row or column.
        for (t, name_zh, name_en) in TABLE_NAMES {
            let here: Vec<_> = r
                .findings
                .iter()
                .filter(|f| f.status == Status::NotAssessable && f.cells.first().is_some_and(|c| c.starts_with(&format!("{t}/"))))
                .collect();
            if here.is_empty() {
                continue;
            }
            let mut rules: Vec<(&str, usize)> = Vec::new();
            for f in &here {
                match rules.iter_mut().find(|(id, _)| *id == f.rule) {
                    Some((_, n)) => *n += 1,
                    None => rules.push((f.rule, 1)),
                }
            }
            let by_unread = here.iter().any(|f| f.cells.iter().any(|c| unread.contains(&c)));
            if zh {
                let by_rule: Vec<String> = rules.iter().map(|(id, n)| format!("{id} {n} 项")).collect();
                let why = if by_unread { "未读出或空白" } else { "空白或不是数字" };
                s.push_str(&format!(
                    "  [无法核对] {name_zh}：{} 项勾稽关系无法核对（{}），涉及{why}的单元格；--json 列出每一项\n",
                    here.len(),
                    by_rule.join("、")
                ));
            } else {
                let by_rule: Vec<String> = rules.iter().map(|(id, n)| format!("{id} ×{n}")).collect();
                let why = if by_unread { "not read or blank" } else { "blank or not numbers" };
                s.push_str(&format!(
                    "  [not assessable] {name_en}: {} checks could not be made ({}), through cells {why}; --json lists each\n",
                    here.len(),
                    by_rule.join(", ")
                ));
            }
        }
        s.push('\n');
    }
    s
}

fn cells_line(s: &mut String, cells: &[String], lang: Lang) {
    if !cells.is_empty() {
        let shown: Vec<&str> = cells.iter().take(8).map(|c| c.as_str()).collect();
        let (more, head) = match lang {
            Lang::Zh => (if cells.len() > 8 { format!(" 等 {} 个", cells.len()) } else { String::new() }, "单元格："),
            Lang::En => (if cells.len() > 8 { format!(", {} in all", cells.len()) } else { String::new() }, "cells: "),
        };
        s.push_str(&format!("      {head}{}{more}\n", shown.join(" ")));
    }
}

#[cfg(test)]
mod tests {
    use super::parse_size;

    #[test]
    fn sizes() {
        assert_eq!(parse_size("50M"), Some(50 << 20));
        assert_eq!(parse_size("20mb"), Some(20 << 20));
        assert_eq!(parse_size("500K"), Some(500 << 10));
        assert_eq!(parse_size("1G"), Some(1 << 30));
        assert_eq!(parse_size("12345"), Some(12345));
        for bad in ["", "M", "0", "-5M", "5X", "1.5M"] {
            assert_eq!(parse_size(bad), None, "{bad}");
        }
    }
}
