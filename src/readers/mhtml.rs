//! A web page saved as one file (`.mht`/`.mhtml`: what "save as single file" writes in Chrome,
//! IE mode and 360): a MIME message whose root part is the page's HTML, the page's pictures and
//! styles after it. Only the root HTML matters here; it comes out as bytes with the charset its
//! part declares, and the HTML reader does the rest.
//!
//! A MIME reader of our own rather than a mail crate: what is needed is headers, one boundary,
//! quoted-printable and base64; mail crates bring charset tables (the browser decodes charsets
//! for nothing) and mail semantics the bundle would carry for no use. Every step is one linear
//! pass over the input, and no output is larger than the input it comes from.

use crate::error::ReadError;

/// The root HTML of a saved page: its bytes, and the charset its part's header names.
#[derive(Debug)]
pub struct Page {
    pub html: Vec<u8>,
    pub charset: Option<String>,
}

/// Headers of a MIME message at the start of the file, and a multipart or HTML type among them.
pub fn looks_like_mhtml(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(16 * 1024)];
    let Some((headers, _)) = split_headers(head) else { return false };
    let ty = header(&headers, "content-type").unwrap_or_default().to_ascii_lowercase();
    header(&headers, "mime-version").is_some() && (ty.starts_with("multipart/") || ty.starts_with("text/html"))
}

/// Finds the root HTML part and decodes its transfer encoding.
pub fn root_page(bytes: &[u8]) -> Result<Page, ReadError> {
    let (headers, body) = split_headers(bytes).ok_or_else(broken)?;
    let ty = header(&headers, "content-type").unwrap_or_default();
    if !ty.to_ascii_lowercase().starts_with("multipart/") {
        return Ok(decode_part(&headers, body));
    }
    let boundary = param(&ty, "boundary").filter(|b| !b.is_empty()).ok_or_else(broken)?;
    let start = param(&ty, "start");
    let mut first_html = None;
    for part in parts(body, boundary.as_bytes()) {
        let Some((h, b)) = split_headers(part) else { continue };
        let pty = header(&h, "content-type").unwrap_or_default().to_ascii_lowercase();
        // The root is the part `start` names, else the first HTML part (Chrome and IE write it first).
        let named = start.as_deref().is_some_and(|s| header(&h, "content-id").is_some_and(|id| id.trim() == s.trim()));
        if named {
            return Ok(decode_part(&h, b));
        }
        if first_html.is_none() && pty.starts_with("text/html") {
            first_html = Some(decode_part(&h, b));
            if start.is_none() {
                break;
            }
        }
    }
    first_html.ok_or(ReadError::MhtmlNoPage)
}

fn broken() -> ReadError {
    ReadError::MhtmlBroken
}

/// A part's headers: (lower-case name, value), unfolded.
type Headers = Vec<(String, String)>;

/// Unfolded headers and the body after the first empty line.
fn split_headers(bytes: &[u8]) -> Option<(Headers, &[u8])> {
    let mut headers: Vec<(String, String)> = Vec::new();
    let mut at = 0;
    // Leading blank lines before a part's headers are tolerated.
    while bytes[at..].starts_with(b"\r\n") || bytes[at..].starts_with(b"\n") {
        at += if bytes[at] == b'\r' { 2 } else { 1 };
    }
    loop {
        let rest = &bytes[at..];
        let end = rest.iter().position(|&b| b == b'\n')?;
        let line = rest[..end].strip_suffix(b"\r").unwrap_or(&rest[..end]);
        at += end + 1;
        if line.is_empty() {
            return Some((headers, &bytes[at..]));
        }
        let line = String::from_utf8_lossy(line);
        if line.starts_with([' ', '\t']) {
            // A folded header goes on from the line before.
            let (_, v) = headers.last_mut()?;
            v.push(' ');
            v.push_str(line.trim());
        } else {
            let (name, value) = line.split_once(':')?;
            headers.push((name.trim().to_ascii_lowercase(), value.trim().to_string()));
        }
        if headers.len() > 200 {
            return None; // not a header block
        }
    }
}

fn header(headers: &[(String, String)], name: &str) -> Option<String> {
    headers.iter().find(|(n, _)| n == name).map(|(_, v)| v.clone())
}

/// A parameter of a header value: `boundary="----x"`, `charset=gb2312`.
fn param(value: &str, name: &str) -> Option<String> {
    for p in value.split(';').skip(1) {
        let Some((k, v)) = p.split_once('=') else { continue };
        if k.trim().eq_ignore_ascii_case(name) {
            return Some(v.trim().trim_matches('"').to_string());
        }
    }
    None
}

/// The parts between `--boundary` lines, up to `--boundary--`.
fn parts<'a>(body: &'a [u8], boundary: &[u8]) -> Vec<&'a [u8]> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut at = 0;
    while at < body.len() {
        let end = body[at..].iter().position(|&b| b == b'\n').map_or(body.len(), |e| at + e);
        let line = &body[at..end];
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        if let Some(rest) = line.strip_prefix(b"--").and_then(|l| l.strip_prefix(boundary)) {
            let rest = rest.trim_ascii_end();
            if rest.is_empty() || rest == b"--" {
                if let Some(s) = start {
                    // The line break before the boundary belongs to the boundary.
                    let mut e = at;
                    if body[..e].ends_with(b"\n") {
                        e -= 1;
                    }
                    if body[..e].ends_with(b"\r") {
                        e -= 1;
                    }
                    out.push(&body[s..e.max(s)]);
                }
                if rest == b"--" {
                    return out;
                }
                start = Some((end + 1).min(body.len()));
            }
        }
        at = end + 1;
    }
    // A file cut off before its closing boundary still gives the parts it has.
    if let Some(s) = start {
        out.push(&body[s..]);
    }
    out
}

fn decode_part(headers: &[(String, String)], body: &[u8]) -> Page {
    let cte = header(headers, "content-transfer-encoding").unwrap_or_default().to_ascii_lowercase();
    let html = match cte.trim() {
        "quoted-printable" => quoted_printable(body),
        "base64" => base64(body),
        _ => body.to_vec(),
    };
    let charset = header(headers, "content-type").and_then(|t| param(&t, "charset")).map(|c| c.to_ascii_lowercase());
    Page { html, charset }
}

fn hex(b: u8) -> Option<u8> {
    (b as char).to_digit(16).map(|d| d as u8)
}

/// `=XX` is a byte, `=` at a line's end joins the lines; anything malformed stays as written.
fn quoted_printable(s: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(s.len());
    let mut i = 0;
    while i < s.len() {
        if s[i] != b'=' {
            out.push(s[i]);
            i += 1;
            continue;
        }
        let rest = &s[i + 1..];
        if rest.starts_with(b"\r\n") {
            i += 3;
        } else if rest.starts_with(b"\n") {
            i += 2;
        } else if let (Some(h), Some(l)) = (rest.first().and_then(|&b| hex(b)), rest.get(1).and_then(|&b| hex(b))) {
            out.push(h << 4 | l);
            i += 3;
        } else {
            out.push(b'=');
            i += 1;
        }
    }
    out
}

/// Standard base64, whitespace ignored; decoding stops at padding or at a byte outside the alphabet.
fn base64(s: &[u8]) -> Vec<u8> {
    let value = |b: u8| -> Option<u32> {
        Some(match b {
            b'A'..=b'Z' => b - b'A',
            b'a'..=b'z' => b - b'a' + 26,
            b'0'..=b'9' => b - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return None,
        } as u32)
    };
    let mut out = Vec::with_capacity(s.len() / 4 * 3);
    let (mut acc, mut bits) = (0u32, 0);
    for &b in s {
        if b.is_ascii_whitespace() {
            continue;
        }
        let Some(v) = value(b) else { break };
        acc = (acc << 6) | v;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn message(cte: &str, charset: &str, body: &str) -> Vec<u8> {
        format!(
            "From: <Saved by Blink>\r\nSubject: =?utf-8?Q?x?=\r\nMIME-Version: 1.0\r\nContent-Type: multipart/related;\r\n\ttype=\"text/html\";\r\n\tboundary=\"----B--x\"\r\n\r\n\r\n\
             ------B--x\r\nContent-Type: text/html{charset}\r\nContent-Transfer-Encoding: {cte}\r\nContent-Location: http://a/\r\n\r\n{body}\r\n\
             ------B--x\r\nContent-Type: image/png\r\nContent-Transfer-Encoding: base64\r\n\r\niVBORw0KGgo=\r\n------B--x--\r\n"
        )
        .into_bytes()
    }

    #[test]
    fn quoted_printable_root_part() {
        let m = message("quoted-printable", "", "<p a=3D\"1\">=E8=A7=84=\r\n=E7=AB=A0</p>");
        assert!(looks_like_mhtml(&m));
        let p = root_page(&m).unwrap();
        assert_eq!(String::from_utf8(p.html).unwrap(), "<p a=\"1\">规章</p>");
        assert_eq!(p.charset, None);
    }

    #[test]
    fn base64_part_with_its_charset() {
        // "<p>规章</p>" in GBK, base64
        let m = message("base64", "; charset=\"gb2312\"", "PHA+uebVwjwvcD4=");
        let p = root_page(&m).unwrap();
        assert_eq!(p.html, b"<p>\xb9\xe6\xd5\xc2</p>");
        assert_eq!(p.charset.as_deref(), Some("gb2312"));
    }

    #[test]
    fn start_names_the_root_and_a_cut_file_keeps_its_parts() {
        let m = b"MIME-Version: 1.0\nContent-Type: multipart/related; boundary=b; start=\"<two>\"\n\n--b\nContent-Type: text/html\nContent-ID: <one>\n\nfirst\n--b\nContent-Type: text/html\nContent-ID: <two>\n\nsecond";
        assert_eq!(root_page(m).unwrap().html, b"second");
    }

    #[test]
    fn not_mhtml_and_broken_mhtml() {
        assert!(!looks_like_mhtml(b"<html><body>x</body></html>"));
        assert!(!looks_like_mhtml("一、总体情况\n\n二、".as_bytes()));
        let no_boundary = b"MIME-Version: 1.0\r\nContent-Type: multipart/related\r\n\r\nx";
        assert_eq!(root_page(no_boundary).unwrap_err().code(), "mhtml_broken");
        let no_html =
            b"MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=b\r\n\r\n--b\r\nContent-Type: image/png\r\n\r\nx\r\n--b--\r\n";
        assert_eq!(root_page(no_html).unwrap_err().code(), "mhtml_no_page");
    }

    #[test]
    fn malformed_encodings_never_panic() {
        assert_eq!(quoted_printable(b"a=\xff=4"), b"a=\xff=4");
        assert_eq!(quoted_printable(b"="), b"=");
        assert_eq!(base64(b"QQ"), b"A");
        assert_eq!(base64(b"QUJD!!"), b"ABC");
    }
}
