//! Every input the fuzzers found (fuzz/regressions/<target>/, minimised), replayed: through the
//! reader its directory names and through the whole check, each must end as a report or a
//! Chinese error. Debug assertions are on here as in the fuzz builds (the PDF reader asserts that
//! hayro-syntax never rebuilt a prepared file's cross references).

use nianbao_check::budget::{self, Limits};
use nianbao_check::readers::{self, native_decoder};
use nianbao_check::{check_bytes, Options};

fn chinese(s: &str) -> bool {
    s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

#[test]
fn every_kept_fuzz_finding_ends_in_a_report_or_a_chinese_error() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/fuzz/regressions");
    let mut n = 0;
    for target in std::fs::read_dir(dir).unwrap() {
        let target = target.unwrap().path();
        let name = target.file_name().unwrap().to_string_lossy().to_string();
        for f in std::fs::read_dir(&target).unwrap() {
            let path = f.unwrap().path();
            let bytes = std::fs::read(&path).unwrap();
            let text = String::from_utf8_lossy(&bytes);
            let (read, _) = budget::scope(Limits::DEFAULT, || match name.as_str() {
                "text" => readers::text::read(&text).map(|_| ()),
                "html" | "html_tables" => readers::html::read(&text).map(|_| ()),
                "docx" => readers::docx::read(&bytes).map(|_| ()),
                "doc" => readers::doc::read(&bytes).map(|_| ()),
                "pdf" | "pdf_content" => readers::pdf::read(&bytes, native_decoder).map(|_| ()),
                _ => readers::read(&bytes, native_decoder).map(|_| ()),
            });
            if let Err(e) = read {
                assert!(chinese(&e.to_string()), "{path:?}: {e:?}");
            }
            let r = check_bytes(&path.to_string_lossy(), &bytes, &Options::default());
            if let Some(e) = &r.error {
                assert!(chinese(&e.to_string()), "{path:?}: {e:?}");
            }
            n += 1;
        }
    }
    assert!(n > 0, "the kept findings are replayed");
}
