//! .doc reader (Word 97–2003 binary).
// Placeholder until the Word readers land.

use crate::document::Document;
use crate::report::ReadError;

pub fn read(_bytes: &[u8]) -> Result<Document, ReadError> {
    Err(ReadError::new("unsupported", "暂时还不能读取 Word 97–2003（.doc）文件。"))
}
