//! Compares files with their gold, cell by cell: `cargo run --release --example goldcheck -- FILE…`.
//! The gold is `../shared/corpus/gold/<base>.json`, the base taken from the file name before its
//! first dot ("pingtan-2021.v03.pdf" → "pingtan-2021"), or given as `FILE=BASE`.
//! Prints one line per file (right / wrong / missing) and the wrong cells; `-v` also the missing.
use nianbao_check::cell::CellState;
use nianbao_check::{check_bytes, Options};
use serde_json::Value;

fn main() {
    let gold_dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus/gold");
    let mut verbose = false;
    let (mut right, mut total, mut wrong_all, mut files) = (0, 0, 0, 0);
    for arg in std::env::args().skip(1) {
        if arg == "-v" {
            verbose = true;
            continue;
        }
        let (path, base) = match arg.split_once('=') {
            Some((p, b)) => (p.to_string(), b.to_string()),
            None => {
                let name = std::path::Path::new(&arg).file_name().unwrap().to_string_lossy().to_string();
                (arg.clone(), name.split('.').next().unwrap().to_string())
            }
        };
        let bytes = std::fs::read(&path).expect("readable file");
        let gold: Value = match std::fs::read(format!("{gold_dir}/{base}.json")) {
            Ok(b) => serde_json::from_slice(&b).expect("gold json"),
            Err(_) => {
                println!("{path}: no gold {base}");
                continue;
            }
        };
        let t = std::time::Instant::now();
        let r = check_bytes(&path, &bytes, &Options::default());
        let ms = t.elapsed().as_secs_f64() * 1000.0;
        files += 1;
        if let Some(e) = &r.error {
            println!("{path}: ERROR {} {e}", e.code());
            total += gold["cells"].as_object().map_or(0, |c| c.len());
            continue;
        }
        let cells = gold["cells"].as_object().unwrap();
        let (mut ok, mut wrong, mut missing) = (0, Vec::new(), Vec::new());
        for (addr, want) in cells {
            let Some(got) = r.cell(addr) else {
                missing.push(addr.clone());
                continue;
            };
            let good = match want {
                Value::Null => got.state == CellState::Blank,
                Value::Number(n) => got.state == CellState::Number && got.value.is_some_and(|v| (v - n.as_f64().unwrap()).abs() < 1e-9),
                Value::String(s) => got.state != CellState::Number && got.state != CellState::Blank && got.raw.trim() == s,
                _ => false,
            };
            if good {
                ok += 1;
            } else {
                wrong.push(format!("{addr}: gold {want}, read {:?} {:?}", got.state, got.raw));
            }
        }
        for (addr, _) in &r.cells {
            if !cells.contains_key(addr) {
                wrong.push(format!("{addr}: not in gold"));
            }
        }
        let errors: Vec<&str> = r
            .findings
            .iter()
            .filter(|f| f.severity == nianbao_check::Severity::Error && f.status == nianbao_check::Status::Failed)
            .map(|f| f.rule)
            .collect();
        println!("{path}: {ok}/{} right, {} wrong, {} missing, errors {:?} ({ms:.1} ms)", cells.len(), wrong.len(), missing.len(), errors);
        for w in &wrong {
            println!("    WRONG {w}");
        }
        if verbose && !missing.is_empty() {
            println!("    missing {}", missing.join(" "));
        }
        right += ok;
        total += cells.len();
        wrong_all += wrong.len();
    }
    println!("TOTAL {files} files: {right}/{total} right ({:.2}%), {wrong_all} wrong", 100.0 * right as f64 / total.max(1) as f64);
}
