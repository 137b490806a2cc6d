//! The two versions every report carries, and `nianbao-check --version`.
//!
//! `rules_version` means something only if it changes with the catalogue: every rules version ever
//! set is listed below with the fingerprint of the catalogue it names (each rule's id, severity
//! and what it checks). Changing the catalogue under an old version fails here.

use nianbao_check::rules::catalogue;
use nianbao_check::version::{CHECKER_VERSION, RULES_VERSION};
use nianbao_check::{check_bytes, Options};

/// Every `RULES_VERSION` and the fingerprint of its catalogue. When the catalogue changes, raise
/// `RULES_VERSION` in src/version.rs and add a line (the failure message gives the fingerprint).
const RULES_VERSIONS: &[(&str, &str)] = &[("2026.1", "339b8bb133886fc2"), ("2026.2", "33dd9a5293e2f59d"), ("2026.3", "2c385feb9af0cbdf")];

/// FNV-1a (64 bit) over the catalogue sorted by id: stable across Rust releases, unlike std's hasher.
fn fingerprint() -> String {
    let mut rules: Vec<String> = catalogue().iter().map(|r| format!("{}\u{1f}{}\u{1f}{}", r.id, r.severity.as_str(), r.checks)).collect();
    rules.sort();
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in rules.join("\u{1e}").bytes() {
        h ^= b as u64;
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{:016x}", h)
}

#[test]
fn the_rules_version_changes_with_the_catalogue() {
    let now = fingerprint();
    let known = RULES_VERSIONS.iter().find(|(v, _)| *v == RULES_VERSION);
    let Some((_, fp)) = known else {
        panic!("RULES_VERSION {RULES_VERSION} is not listed in tests/versions.rs: add (\"{RULES_VERSION}\", \"{now}\")");
    };
    assert_eq!(
        *fp, now,
        "the rule catalogue changed under rules version {RULES_VERSION}: raise RULES_VERSION in src/version.rs and add (\"<new>\", \"{now}\") to RULES_VERSIONS"
    );
    for (i, (v, f)) in RULES_VERSIONS.iter().enumerate() {
        for (w, g) in &RULES_VERSIONS[..i] {
            assert!(v != w && f != g, "{v} and {w}: each version names its own catalogue");
        }
    }
    assert_eq!(RULES_VERSIONS.last().unwrap().0, RULES_VERSION, "the current rules version is the last listed");
}

#[test]
fn every_report_carries_both_versions() {
    assert_eq!(CHECKER_VERSION, env!("CARGO_PKG_VERSION"));
    let read = check_bytes("a.txt", "年度报告\n".repeat(3).as_bytes(), &Options::default());
    assert!(read.error.is_some(), "not a report, still a report");
    let v = serde_json::to_value(&read).unwrap();
    assert_eq!((v["checker_version"].as_str(), v["rules_version"].as_str()), (Some(CHECKER_VERSION), Some(RULES_VERSION)));
    let seed = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus/real/seed-2021-guanqian.txt")).unwrap();
    let v = serde_json::to_value(check_bytes("seed.txt", &seed, &Options::default())).unwrap();
    assert!(v["error"].is_null());
    assert_eq!((v["checker_version"].as_str(), v["rules_version"].as_str()), (Some(CHECKER_VERSION), Some(RULES_VERSION)));
}

#[test]
fn the_command_line_says_its_version() {
    for flag in ["--version", "-V"] {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_nianbao-check")).arg(flag).output().unwrap();
        assert!(out.status.success(), "{flag}");
        let text = String::from_utf8(out.stdout).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines, [format!("nianbao-check {}", env!("CARGO_PKG_VERSION")), format!("规则版本 {RULES_VERSION}")], "{flag}");
    }
    let help = std::process::Command::new(env!("CARGO_BIN_EXE_nianbao-check")).arg("--help").output().unwrap();
    assert!(String::from_utf8(help.stdout).unwrap().contains("--version"));
}
