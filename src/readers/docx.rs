//! .docx reader (Office Open XML).
// Placeholder until the Word readers land.

use crate::document::Document;
use crate::report::ReadError;

pub fn read(_bytes: &[u8]) -> Result<Document, ReadError> {
    Err(ReadError::new("unsupported", "暂时还不能读取 Word（.docx）文件。"))
}
