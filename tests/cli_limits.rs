//! The command line's size limit: a file over `--max-size` is refused unread (exit status 2,
//! the reason in Chinese), the others are checked; a size it cannot read is a usage error.

use std::process::Command;

const SEED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus/real/seed-2021-guanqian.txt");

fn run(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_nianbao-check")).args(args).output().unwrap();
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stdout).into_owned(), String::from_utf8_lossy(&out.stderr).into_owned())
}

#[test]
fn a_file_over_the_limit_is_refused_and_the_rest_is_checked() {
    let (code, out, _) = run(&["--max-size", "1K", SEED]);
    assert_eq!(code, 2);
    assert!(out.contains("文件大小为 6.4 KB，超过了允许的 1.0 KB，未予读取"), "{out}");
    let (code, out, _) = run(&["--json", "--max-size=10M", SEED]);
    assert_ne!(code, 2, "{out}");
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json["reports"][0]["error"], serde_json::Value::Null);
    let (_, out, _) = run(&["--json", "--max-size", "5000", SEED]);
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json["reports"][0]["error"]["code"], "too_large");
}

#[test]
fn a_size_that_is_no_size_is_a_usage_error() {
    for bad in [vec!["--max-size"], vec!["--max-size", "lots", SEED], vec!["--max-size=0", SEED]] {
        let (code, _, err) = run(&bad);
        assert_eq!(code, 2, "{bad:?}");
        assert!(err.contains("--max-size 后应是大小"), "{bad:?}: {err}");
    }
}
