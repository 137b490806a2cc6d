//! The command line: `nianbao-check [--json] [--blanks-as-zero] FILE…`, `nianbao-check --version`
//!
//! Files given together are checked together (reports of one agency in consecutive years are
//! compared). Exit status: 0 when no report has an error-severity finding, 1 when one has, 2 when
//! a file could not be read.

// Native only. `cargo test --target wasm32` builds every bin of the crate, so on wasm32 this is
// an empty crate without a main.
#![cfg_attr(target_arch = "wasm32", no_main)]
#![cfg(not(target_arch = "wasm32"))]

use std::process::ExitCode;

use nianbao_check::version::{CHECKER_VERSION, RULES_VERSION};
use nianbao_check::{check, readers::native_decoder, Input, Options, Output, Severity, Status};

const USAGE: &str = "用法：nianbao-check [--json] [--blanks-as-zero] 文件…\n\
  检查政府信息公开工作年度报告（.txt .md .html .doc .docx）各表的勾稽关系。\n\
  --json            输出 JSON（格式见 report-json.md）\n\
  --blanks-as-zero  把空白单元格当作 0 参与核对（默认不这样做：空白不等于 0）\n\
  -V, --version     显示版本（检查程序和规则）\n\
退出状态：0 无错误；1 至少一份报告有错误；2 有文件无法读取。";

fn main() -> ExitCode {
    let mut json = false;
    let mut opts = Options::default();
    let mut files = Vec::new();
    for a in std::env::args().skip(1) {
        match a.as_str() {
            "--json" => json = true,
            "--blanks-as-zero" => opts.blanks_as_zero = true,
            // First line as tools expect (`name version`), the rule catalogue's version on the second.
            "-V" | "--version" => {
                println!("nianbao-check {CHECKER_VERSION}\n规则版本 {RULES_VERSION}");
                return ExitCode::SUCCESS;
            }
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
    let contents: Vec<(String, Vec<u8>)> = files
        .iter()
        .filter_map(|f| match std::fs::read(f) {
            Ok(b) => Some((f.clone(), b)),
            Err(e) => {
                unreadable.push(format!("{f}：无法打开文件（{e}）"));
                None
            }
        })
        .collect();
    let inputs: Vec<Input> = contents.iter().map(|(n, b)| Input::new(n, b)).collect();
    let out = check(&inputs, &opts, native_decoder);
    if json {
        println!("{}", serde_json::to_string_pretty(&out).expect("the report serialises"));
    } else {
        print!("{}", summary(&out));
    }
    for u in &unreadable {
        eprintln!("{u}");
    }
    if !unreadable.is_empty() || out.reports.iter().any(|r| r.error.is_some()) {
        ExitCode::from(2)
    } else if out.reports.iter().any(|r| r.has_error_finding()) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn label(sev: Severity, status: Status) -> &'static str {
    match (status, sev) {
        (Status::NotAssessable, _) => "无法核对",
        (_, Severity::Error) => "错误",
        (_, Severity::Warning) => "警告",
        (_, Severity::Doubt) => "存疑",
        (_, Severity::Info) => "提示",
    }
}

fn summary(out: &Output) -> String {
    let mut s = String::new();
    for r in &out.reports {
        s.push_str(&format!("■ {}\n", r.file));
        if let Some(e) = &r.error {
            s.push_str(&format!("  无法读取：{}\n\n", e.message));
            continue;
        }
        let title = r.title.as_deref().unwrap_or("（未找到标题）");
        let version = r.version.map(|v| v.as_str()).unwrap_or("?");
        let year = r.year.map(|y| format!("{y} 年度")).unwrap_or_else(|| "年度不明".into());
        s.push_str(&format!("  {title}｜{year}｜格式 {version}｜读作 {}\n", r.input.unwrap_or("?")));
        let count = |sev: Severity| r.findings.iter().filter(|f| f.status == Status::Failed && f.severity == sev).count();
        let na = r.findings.iter().filter(|f| f.status == Status::NotAssessable).count();
        let (e, w) = (count(Severity::Error), count(Severity::Warning));
        if e == 0 && w == 0 {
            s.push_str("  结论：通过（未发现错误和警告）");
        } else {
            s.push_str(&format!("  结论：{e} 个错误 · {w} 个警告"));
        }
        s.push_str(&format!("；{} 个存疑；{na} 项无法核对\n", count(Severity::Doubt)));
        for f in &r.findings {
            s.push_str(&format!("  [{} {}] {}\n", label(f.severity, f.status), f.rule, f.message));
            if !f.cells.is_empty() {
                let shown: Vec<&str> = f.cells.iter().take(8).map(|c| c.as_str()).collect();
                let more = if f.cells.len() > 8 { format!(" 等 {} 个", f.cells.len()) } else { String::new() };
                s.push_str(&format!("      单元格：{}{more}\n", shown.join(" ")));
            }
        }
        s.push('\n');
    }
    s
}
