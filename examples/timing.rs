//! Rough per-stage timing of one file: `cargo run --release --example timing FILE`.
use std::time::Instant;
fn main() {
    let path = std::env::args().nth(1).expect("FILE");
    let bytes = std::fs::read(&path).expect("readable");
    let n = 50;
    let t = Instant::now();
    for _ in 0..n {
        let _ = nianbao_check::readers::read(&bytes, nianbao_check::readers::native_decoder);
    }
    let read = t.elapsed() / n;
    let doc = nianbao_check::readers::read(&bytes, nianbao_check::readers::native_decoder).unwrap();
    let t = Instant::now();
    for _ in 0..n {
        let _ = nianbao_check::recognise::recognise(&doc);
    }
    let rec = t.elapsed() / n;
    let model = nianbao_check::recognise::recognise(&doc).unwrap();
    let opts = nianbao_check::Options::default();
    let t = Instant::now();
    for _ in 0..n {
        let _ = nianbao_check::rules::check(&model, &opts);
    }
    let rules = t.elapsed() / n;
    println!("read {read:?}  recognise {rec:?}  rules {rules:?}");
    let ctx = nianbao_check::rules::Ctx::new(&model, &opts);
    for r in nianbao_check::rules::catalogue() {
        if let nianbao_check::rules::How::One(f) = r.how {
            let t = Instant::now();
            for _ in 0..n {
                let _ = f(&ctx, r);
            }
            let d = t.elapsed() / n;
            if d.as_micros() > 100 {
                println!("  {} {d:?}", r.id);
            }
        }
    }
}
