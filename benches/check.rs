//! Read + check time per corpus report, for each reader. Figures go in README's performance section.

use criterion::{criterion_group, criterion_main, Criterion};
use nianbao_check::{check_bytes, Options};

const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus");

fn bench(c: &mut Criterion) {
    let files = [
        "real/seed-2021-guanqian.txt",
        "real/2025-shanghai-office.md",
        "real/pingtan-2021.html",
        "derived/pingtan-2021.gbk.html",
        "derived/pingtan-2021.docx",
        "derived/pingtan-2021.doc",
        "derived/pingtan-2021.pdf",
        "real/2024-huaian-city.pdf",
    ];
    let mut g = c.benchmark_group("read+check");
    for f in files {
        let Ok(bytes) = std::fs::read(format!("{CORPUS}/{f}")) else { continue };
        let report = check_bytes(f, &bytes, &Options::default());
        if report.error.is_some() {
            continue; // a reader that has not landed yet
        }
        g.bench_function(f, |b| b.iter(|| check_bytes(f, std::hint::black_box(&bytes), &Options::default())));
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
