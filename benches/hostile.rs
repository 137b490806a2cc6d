//! Memory and time of every hostile file (`tests/common/hostile.rs`), one child process per case
//! so a blow-up is measured rather than suffered: peak heap by a counting global allocator
//! (a case past `HOSTILE_CAP`, 4 GiB by default, is stopped there), wall time (a case past
//! `HOSTILE_TIMEOUT`, 120 s, is killed), and what the check ended with.
//!
//! `cargo bench --bench hostile` prints a markdown table and writes it to
//! `target/hostile-report.md` (with `UPDATE_DOCS=1` also to the committed `docs/hostile-report.md`),
//! with the worst case of each reader by memory and by time; a name as argument runs the cases
//! whose name contains it (and writes no report).

use std::alloc::{GlobalAlloc, Layout, System};
use std::io::Write;
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

#[path = "../tests/common/hostile.rs"]
mod hostile;

struct Counting;

static CURRENT: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);
static CAP: AtomicUsize = AtomicUsize::new(usize::MAX);

fn grow(n: usize) -> bool {
    let now = CURRENT.fetch_add(n, Ordering::Relaxed) + n;
    PEAK.fetch_max(now, Ordering::Relaxed);
    if now > CAP.load(Ordering::Relaxed) {
        let _ = std::io::stderr().write_all(b"HOSTILE: over the memory cap\n");
        std::process::abort();
    }
    true
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, l: Layout) -> *mut u8 {
        grow(l.size());
        unsafe { System.alloc(l) }
    }
    unsafe fn alloc_zeroed(&self, l: Layout) -> *mut u8 {
        grow(l.size());
        unsafe { System.alloc_zeroed(l) }
    }
    unsafe fn dealloc(&self, p: *mut u8, l: Layout) {
        CURRENT.fetch_sub(l.size(), Ordering::Relaxed);
        unsafe { System.dealloc(p, l) }
    }
    unsafe fn realloc(&self, p: *mut u8, l: Layout, new: usize) -> *mut u8 {
        if new > l.size() {
            grow(new - l.size());
        } else {
            CURRENT.fetch_sub(l.size() - new, Ordering::Relaxed);
        }
        unsafe { System.realloc(p, l, new) }
    }
}

#[global_allocator]
static A: Counting = Counting;

fn mb(n: usize) -> String {
    if n >= 1 << 30 {
        format!("{:.1} GB", n as f64 / (1u64 << 30) as f64)
    } else if n >= 1 << 20 {
        format!("{:.1} MB", n as f64 / (1u64 << 20) as f64)
    } else {
        format!("{:.0} KB", n as f64 / 1024.0)
    }
}

/// In the child: run one case, print `peak_bytes ms outcome`.
fn child(name: &str) {
    let case = hostile::cases().into_iter().find(|c| c.name == name).expect("a case of that name");
    let bytes = (case.make)();
    let base = CURRENT.load(Ordering::Relaxed);
    PEAK.store(base, Ordering::Relaxed);
    if let Ok(cap) = std::env::var("HOSTILE_CAP").map(|v| v.parse::<usize>().unwrap_or(4 << 30)) {
        CAP.store(base + cap, Ordering::Relaxed);
    } else {
        CAP.store(base + (4 << 30), Ordering::Relaxed);
    }
    let t = Instant::now();
    let r = std::panic::catch_unwind(|| nianbao_check::check_bytes(name, &bytes, &nianbao_check::Options::default()));
    let ms = t.elapsed().as_millis();
    let outcome = match r {
        Err(_) => "panic".to_string(),
        Ok(r) => match r.error {
            Some(e) => format!("error {}", e.code()),
            None => format!("report ({} cells)", r.cells.len()),
        },
    };
    // The input is the caller's: only what the check itself took counts.
    let peak = PEAK.load(Ordering::Relaxed) - base;
    println!("{peak} {ms} {outcome}");
}

fn main() {
    if let Ok(name) = std::env::var("HOSTILE_CHILD") {
        child(&name);
        return;
    }
    let filter: Vec<String> = std::env::args().skip(1).filter(|a| !a.starts_with('-')).collect();
    let timeout = Duration::from_secs(std::env::var("HOSTILE_TIMEOUT").ok().and_then(|v| v.parse().ok()).unwrap_or(120));
    let exe = std::env::current_exe().unwrap();
    let mut table = String::from("| case | reader | input | peak heap | time | ends with |\n|---|---|---:|---:|---:|---|\n");
    print!("{table}");
    // (reader, case, peak, ms) of every case that finished.
    let mut done: Vec<(&str, &str, usize, u128)> = Vec::new();
    for case in hostile::cases() {
        if !filter.is_empty() && !filter.iter().any(|f| case.name.contains(f.as_str())) {
            continue;
        }
        let mut c = Command::new(&exe).env("HOSTILE_CHILD", case.name).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
        let start = Instant::now();
        let status = loop {
            if let Some(s) = c.try_wait().unwrap() {
                break Some(s);
            }
            if start.elapsed() > timeout {
                let _ = c.kill();
                let _ = c.wait();
                break None;
            }
            std::thread::sleep(Duration::from_millis(20));
        };
        let out = c.wait_with_output().unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout);
        let stderr = String::from_utf8_lossy(&out.stderr);
        let line = match (status, stdout.split_whitespace().collect::<Vec<_>>().as_slice()) {
            (None, _) => format!("? | > {} s | killed", timeout.as_secs()),
            (Some(_), [peak, ms, rest @ ..]) => {
                let (peak, ms) = (peak.parse().unwrap_or(0), ms.parse().unwrap_or(0));
                done.push((case.reader, case.name, peak, ms));
                format!("{} | {} ms | {}", mb(peak), ms, rest.join(" "))
            }
            (Some(_), _) if stderr.contains("over the memory cap") => {
                format!(
                    "> {} | {:.1} s | stopped at the cap",
                    mb(std::env::var("HOSTILE_CAP").ok().and_then(|v| v.parse().ok()).unwrap_or(4 << 30)),
                    start.elapsed().as_secs_f64()
                )
            }
            (Some(s), _) => format!("? | {:.1} s | crashed ({s}): {}", start.elapsed().as_secs_f64(), stderr.lines().last().unwrap_or("")),
        };
        let row = format!("| {} | {} | {} | {line} |\n", case.name, case.reader, mb((case.make)().len()));
        print!("{row}");
        table.push_str(&row);
    }
    if !filter.is_empty() {
        return;
    }
    let mut worst = String::from("\n| reader | most memory | peak heap | longest | time |\n|---|---|---:|---|---:|\n");
    let mut readers: Vec<&str> = done.iter().map(|d| d.0).collect();
    readers.dedup();
    readers.sort();
    readers.dedup();
    for r in readers {
        let of = || done.iter().filter(|d| d.0 == r);
        let (Some(m), Some(t)) = (of().max_by_key(|d| d.2), of().max_by_key(|d| d.3)) else { continue };
        worst.push_str(&format!("| {r} | {} | {} | {} | {} ms |\n", m.1, mb(m.2), t.1, t.3));
    }
    print!("{worst}");
    let report = format!(
        "# Hostile files: memory and time\n\nWritten by `cargo bench --bench hostile` (one child process per case; peak heap by a counting \
         allocator, the input not counted; release build). The cases are made by `tests/common/hostile.rs`.\n\n{table}{worst}"
    );
    let root = env!("CARGO_MANIFEST_DIR");
    let _ = std::fs::create_dir_all(format!("{root}/target"));
    let _ = std::fs::write(format!("{root}/target/hostile-report.md"), &report);
    if std::env::var_os("UPDATE_DOCS").is_some() {
        let _ = std::fs::write(format!("{root}/docs/hostile-report.md"), &report);
    }
}
