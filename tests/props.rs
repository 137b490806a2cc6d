//! Property tests: whatever the bytes, a report or a Chinese error, never a panic; a consistent
//! generated report has no finding; one changed cell gives only findings that name it.

mod common;
use common::*;
use nianbao_check::format::{self, Version};
use nianbao_check::{check_bytes, Options, Report, Status};
use proptest::prelude::*;

fn has_cjk(s: &str) -> bool {
    s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

fn sane(r: &Report) {
    match &r.error {
        Some(e) => {
            assert!(has_cjk(&e.to_string()), "error message in Chinese: {e:?}");
            assert!(r.cells.is_empty() && r.findings.is_empty());
        }
        None => {
            for f in &r.findings {
                assert!(has_cjk(&f.message(nianbao_check::Lang::Zh)), "{f:?}");
            }
        }
    }
}

/// Every corpus file, whatever its format.
fn corpus_files() -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    for dir in ["real", "derived"] {
        for e in std::fs::read_dir(format!("{CORPUS}/{dir}")).unwrap() {
            let p = e.unwrap().path();
            out.push((p.display().to_string(), std::fs::read(&p).unwrap()));
        }
    }
    out.sort();
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2000)) {
        sane(&check_bytes("x", &bytes, &Options::default()));
    }

    #[test]
    fn arbitrary_text_never_panics(text in "[一二三四五六七（）()、.0-9０-９\\t\\n |/—行政复议诉讼本年新收结转总计予以公开规章信息内容abc]{0,400}") {
        sane(&check_bytes("x.txt", text.as_bytes(), &Options::default()));
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 60, ..ProptestConfig::default() })]

    /// Cut, flipped, spliced and duplicated corpus files.
    #[test]
    fn mutated_corpus_files_never_panic(
        pick in any::<prop::sample::Index>(),
        cut in any::<prop::sample::Index>(),
        flips in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 0..20),
        splice in any::<prop::sample::Index>(),
        len in 0usize..400,
    ) {
        let files = corpus_files();
        let (name, bytes) = &files[pick.index(files.len())];
        let mut b = bytes.clone();
        for (at, x) in &flips {
            let i = at.index(b.len().max(1));
            if i < b.len() { b[i] ^= x | 1; }
        }
        let s = splice.index(b.len().max(1)).min(b.len());
        let chunk: Vec<u8> = b[s..(s + len).min(b.len())].to_vec();
        b.splice(s..s, chunk);
        sane(&check_bytes(name, &b, &Options::default()));
        b.truncate(cut.index(b.len().max(1)));
        sane(&check_bytes(name, &b, &Options::default()));
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 40, ..ProptestConfig::default() })]

    #[test]
    fn consistent_reports_pass_and_one_change_is_named(
        seed in any::<u64>(),
        v2019 in any::<bool>(),
        which in any::<prop::sample::Index>(),
        delta in 1u64..30,
    ) {
        let version = if v2019 { Version::V2019 } else { Version::V2021 };
        let year = if v2019 { 2020 } else { 2023 };
        let mut vals = consistent(version, seed);
        let text = synth(version, year, &|a| vals[a].clone());
        let r = check_bytes("s.txt", text.as_bytes(), &Options::default());
        prop_assert!(r.findings.is_empty(), "{:#?}", r.findings);

        // Change one t3/t4 count: every finding names it, and some balance fails.
        let counts: Vec<String> = format::addresses(version).into_iter().filter(|a| !a.starts_with("t2")).collect();
        let addr = counts[which.index(counts.len())].clone();
        let old: u64 = vals[&addr].parse().unwrap();
        vals.insert(addr.clone(), (old + delta).to_string());
        let text = synth(version, year, &|a| vals[a].clone());
        let r = check_bytes("s.txt", text.as_bytes(), &Options::default());
        prop_assert!(!r.findings.is_empty());
        for f in &r.findings {
            prop_assert!(f.cells.contains(&addr), "{} does not name {addr}: {f:?}", f.rule);
            prop_assert_eq!(f.status, Status::Failed);
        }
        prop_assert!(r.has_error_finding());
    }
}
