//! HTML reader: a saved portal page or Word's HTML export.
// Placeholder until the HTML reader lands: such files are refused with a clear message.

use crate::document::Document;
use crate::report::ReadError;

pub fn looks_like_html(text: &str) -> bool {
    let head: String = text.chars().take(2048).collect::<String>().to_ascii_lowercase();
    head.contains("<html") || head.contains("<!doctype html") || head.contains("<table") || head.contains("<body") || head.contains("<meta")
}

pub fn read(_text: &str) -> Result<Document, ReadError> {
    Err(ReadError::new("unsupported", "暂时还不能读取网页（HTML）文件。"))
}
