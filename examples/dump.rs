//! Prints the blocks a reader yields for a file: `cargo run --example dump FILE`.
use nianbao_check::document::Block;
fn main() {
    let path = std::env::args().nth(1).expect("FILE");
    let bytes = std::fs::read(&path).expect("readable file");
    match nianbao_check::readers::read(&bytes, nianbao_check::readers::native_decoder) {
        Err(e) => println!("error {}: {e}", e.code()),
        Ok(d) => {
            println!("kind {:?} title {:?}", d.kind, d.title);
            for b in &d.blocks {
                match b {
                    Block::Para(p) => println!("P {p}"),
                    Block::Table(g) => {
                        for row in &g.rows {
                            let cells: Vec<String> = row.iter().map(|c| format!("{}@{}", c.text.replace('\n', "⏎"), c.col)).collect();
                            println!("T | {}", cells.join(" | "));
                        }
                        println!("T --");
                    }
                }
            }
        }
    }
}
