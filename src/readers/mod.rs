//! Bytes in, one `Document` out. The format is told by content, never by the file name: a .doc
//! that is really HTML (Word and WPS both save such files) or a .docx renamed .zip read the same.

pub mod charset;
#[cfg(feature = "word")]
pub mod doc;
#[cfg(feature = "word")]
pub mod docx;
pub mod html;
pub mod mhtml;
#[cfg(feature = "pdf")]
pub mod pdf;
pub mod text;

use crate::document::Document;
use crate::error::ReadError;

/// Decodes bytes in a legacy charset (`gbk`, `gb18030`, …) named by its WHATWG label. Natively this
/// is encoding_rs; in the browser the platform's `TextDecoder`, which costs the bundle nothing.
pub type LegacyDecoder = fn(label: &str, bytes: &[u8]) -> Option<String>;

/// The default decoder for native builds.
#[cfg(not(target_arch = "wasm32"))]
pub fn native_decoder(label: &str, bytes: &[u8]) -> Option<String> {
    use encoding_rs::CoderResult;
    let enc = encoding_rs::Encoding::for_label(label.as_bytes())?;
    // In chunks, into a string sized for GBK's text (half as long again as its bytes) rather
    // than for the worst case of three bytes out per byte in: a 48 MB page took 144 MB at once.
    let mut dec = enc.new_decoder();
    let mut out = String::with_capacity(bytes.len() + bytes.len() / 2 + 16);
    let mut rest = bytes;
    loop {
        let chunk = &rest[..rest.len().min(1 << 16)];
        let last = chunk.len() == rest.len();
        let room = dec.max_utf8_buffer_length(chunk.len())?;
        if out.capacity() - out.len() < room {
            out.reserve_exact(room.max(out.len() / 8));
        }
        let (res, read, _) = dec.decode_to_string(chunk, &mut out, last);
        rest = &rest[read..];
        if last && res == CoderResult::InputEmpty && rest.is_empty() {
            return Some(out);
        }
    }
}

/// What the leading bytes say the file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sniffed {
    Zip,
    Cfb,
    Pdf,
    /// A page saved as one file (.mht/.mhtml): a MIME message around the HTML.
    Mhtml,
    Text,
    Empty,
}

pub fn sniff(bytes: &[u8]) -> Sniffed {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        Sniffed::Empty
    } else if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        Sniffed::Zip
    } else if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        Sniffed::Cfb
    } else if bytes.starts_with(b"%PDF") {
        Sniffed::Pdf
    } else if mhtml::looks_like_mhtml(bytes) {
        Sniffed::Mhtml
    } else {
        Sniffed::Text
    }
}

/// Reads a Word file (.docx, .doc) or a PDF, within the budget in force: the readers the page
/// loads as wasm modules of their own, only when such a file is dropped (`wasm::read`). Calling
/// this rather than `read` keeps the text and HTML readers out of those modules.
pub fn read_binary(bytes: &[u8], decode: LegacyDecoder) -> Result<Document, ReadError> {
    crate::budget::within(|| binary(bytes, decode))
}

#[cfg_attr(not(feature = "pdf"), allow(unused_variables))]
fn binary(bytes: &[u8], decode: LegacyDecoder) -> Result<Document, ReadError> {
    match sniff(bytes) {
        #[cfg(feature = "word")]
        Sniffed::Zip => docx::read(bytes),
        #[cfg(feature = "word")]
        Sniffed::Cfb => doc::read(bytes),
        #[cfg(feature = "pdf")]
        Sniffed::Pdf => {
            let doc = pdf::read(bytes, decode)?;
            if pdf::text_chars(&doc) < pdf::SCAN_CHARS {
                // No text layer: a scan, or pages that are pictures of text (a page number or
                // a stamp's few characters aside).
                return Err(ReadError::PdfNoText);
            }
            Ok(doc)
        }
        // A build without that reader (the page's core module: the page reads such files with
        // the reader's own module first).
        #[allow(unreachable_patterns)]
        Sniffed::Zip | Sniffed::Cfb | Sniffed::Pdf => Err(ReadError::ReaderMissing),
        _ => Err(ReadError::NotBinary),
    }
}

/// Reads any supported file into a document, within the budget in force (`crate::budget`).
pub fn read(bytes: &[u8], decode: LegacyDecoder) -> Result<Document, ReadError> {
    crate::budget::within(|| read_sniffed(bytes, decode))
}

fn read_sniffed(bytes: &[u8], decode: LegacyDecoder) -> Result<Document, ReadError> {
    match sniff(bytes) {
        Sniffed::Empty => Err(ReadError::Empty),
        Sniffed::Zip | Sniffed::Cfb | Sniffed::Pdf => binary(bytes, decode),
        // Word and WPS also save RTF under a .doc name; its text is escapes, not readable as text.
        Sniffed::Text if bytes.trim_ascii_start().starts_with(b"{\\rtf") => Err(ReadError::Rtf),
        Sniffed::Mhtml => {
            let page = mhtml::root_page(bytes)?;
            let text = charset::decode_declared(&page.html, page.charset.as_deref(), decode)?;
            html::read(&text)
        }
        Sniffed::Text => {
            let text = charset::decode(bytes, decode)?;
            if html::looks_like_html(&text) {
                html::read(&text)
            } else {
                text::read(&text)
            }
        }
    }
}
