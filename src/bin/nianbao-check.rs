//! The command line: `nianbao-check [options] FILE|FOLDER…`, `nianbao-check --version`.
//!
//! Folders are walked; files are checked on every core (`--jobs`), and reports of one agency in
//! consecutive years are compared wherever they are in the batch (`nianbao_check::batch`). Exit
//! status: 2 when a file could not be read, else 1 when a report has an error-severity finding,
//! else 3 when a report could not be read in full, else 0.

// Native only. `cargo test --target wasm32` builds every bin of the crate, so on wasm32 this is
// an empty crate without a main.
#![cfg_attr(target_arch = "wasm32", no_main)]
#![cfg(not(target_arch = "wasm32"))]

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use nianbao_check::batch::{self, Config, Outputs, StdoutFormat};
use nianbao_check::version::{CHECKER_VERSION, RULES_VERSION};
use nianbao_check::{Lang, Options};

const USAGE: &str = "用法：nianbao-check [选项] 文件或文件夹…\n\
  检查政府信息公开工作年度报告（.html .mht .doc .docx .pdf .txt .md）各表的勾稽关系。\n\
  文件夹会逐层检查（跳过隐藏文件和系统文件）；同一机关相邻两年的报告在整批中配对核对。\n\
  --json            输出一个 JSON 文档（格式见 report-json.md）\n\
  --jsonl           每份报告输出一行 JSON\n\
  --csv 文件        另把全部问题写成 CSV（与网页导出的相同）\n\
  --cells 文件      另把每份报告的全部单元格写成 CSV（每份报告一行，每个单元格地址一列）\n\
  --jobs N, -j N    同时检查的文件数（默认为处理器核数）\n\
  --blanks-as-zero  把空白单元格当作 0 参与核对（默认不这样做：空白不等于 0）\n\
  --max-size 大小   超过此大小的文件不予读取（默认 50M；可写 20M、500K、1G 或字节数）\n\
  --lang en         用英文输出摘要（JSON 和 CSV 总是同时含中文 message 和英文 message_en）\n\
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

fn usage_error(msg: &str) -> ExitCode {
    eprintln!("{msg}\n{USAGE}");
    ExitCode::from(2)
}

fn main() -> ExitCode {
    let mut opts = Options::default();
    let mut outputs = Outputs::default();
    let mut jobs = std::thread::available_parallelism().map_or(1, |n| n.get());
    let mut paths = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        // `--name value` and `--name=value` alike.
        let (flag, inline) = match a.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f.to_string(), Some(v.to_string())),
            _ => (a.clone(), None),
        };
        let mut value = |what: &str| inline.clone().or_else(|| args.next()).ok_or_else(|| format!("{flag} 后应是{what}"));
        match flag.as_str() {
            "--json" => outputs.stdout = StdoutFormat::Json,
            "--jsonl" => outputs.stdout = StdoutFormat::Jsonl,
            "--lang" => match value("zh 或 en").ok().as_deref().and_then(Lang::parse) {
                Some(l) => outputs.lang = l,
                None => return usage_error("--lang 后应是 zh 或 en"),
            },
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
            "--max-size" => match value("大小").ok().as_deref().and_then(parse_size) {
                Some(n) => opts.max_size = n,
                None => return usage_error("--max-size 后应是大小，如 50M、500K 或字节数"),
            },
            "--jobs" | "-j" => match value("数目").ok().and_then(|v| v.parse::<usize>().ok()).filter(|&n| n > 0) {
                Some(n) => jobs = n,
                None => return usage_error("--jobs 后应是正整数"),
            },
            "--csv" | "--cells" => match value("文件名") {
                Ok(f) if !f.is_empty() => {
                    let f = Some(PathBuf::from(f));
                    if flag == "--csv" {
                        outputs.csv = f;
                    } else {
                        outputs.cells = f;
                    }
                }
                _ => return usage_error(&format!("{flag} 后应是文件名")),
            },
            s if s.starts_with('-') && s.len() > 1 => return usage_error(&format!("未知选项 {s}")),
            _ => paths.push(PathBuf::from(a)),
        }
    }
    if paths.is_empty() {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    }
    let (files, errors) = batch::walk(&paths);
    for e in &errors {
        eprintln!("{e}");
    }
    if files.is_empty() {
        if errors.is_empty() {
            eprintln!("没有找到要检查的文件");
        }
        return ExitCode::from(2);
    }
    let config = Config { opts, jobs, progress: std::io::stderr().is_terminal(), outputs };
    match batch::run(&files, &config, &mut std::io::stdout().lock(), &mut std::io::stderr()) {
        Ok(tally) if errors.is_empty() => ExitCode::from(tally.exit_code()),
        Ok(_) => ExitCode::from(2),
        // A closed pipe (`| head`) ends the output, not the check's verdict.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::from(2),
        Err(e) => {
            eprintln!("nianbao-check：{e}");
            ExitCode::from(2)
        }
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
