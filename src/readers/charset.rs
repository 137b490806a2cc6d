//! Turning the bytes of a text file (plain text or HTML) into a string.
//!
//! Order of evidence, as browsers do: a BOM; valid UTF-8; a charset declared in `<meta charset>`
//! or `<meta http-equiv content="…charset=…">` in the first 4 KB; otherwise GB18030, the superset
//! of GBK and GB2312 that Chinese portals without a declaration use. A declaration that
//! contradicts valid UTF-8 loses: portals copy templates with stale `<meta>` tags. So does a
//! `utf-8` declaration on bytes that are not UTF-8 (GBK content in a UTF-8 template), while UTF-8
//! with a rare broken sequence stays UTF-8.

use super::LegacyDecoder;
use crate::error::ReadError;

pub fn decode(bytes: &[u8], decode: LegacyDecoder) -> Result<String, ReadError> {
    decode_declared(bytes, None, decode)
}

/// As `decode`, with a charset the container declares (a MIME part's header) in place of the
/// page's own `<meta>`: the part's header is what the saving browser knew.
pub fn decode_declared(bytes: &[u8], declared: Option<&str>, decode: LegacyDecoder) -> Result<String, ReadError> {
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return Ok(String::from_utf8_lossy(rest).into_owned());
    }
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        let label = if bytes[0] == 0xFF { "utf-16le" } else { "utf-16be" };
        return decode(label, &bytes[2..]).ok_or_else(|| unreadable(label));
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Ok(s.to_string());
    }
    if looks_binary(bytes) {
        return Err(ReadError::Unrecognised);
    }
    if mostly_utf8(bytes) {
        // A UTF-8 page with a stray byte or cut off mid-character: read as GBK it would be garbled whole.
        return Ok(String::from_utf8_lossy(bytes).into_owned());
    }
    // GB2312 and GBK labels are decoded as GB18030: pages labelled gb2312 really contain GBK.
    let declared = declared.map(str::to_string).or_else(|| declared_charset(bytes));
    let label = match declared.as_deref() {
        Some("utf-8") | Some("utf8") | None => "gb18030",
        Some(l) if l.starts_with("gb") || l == "x-gbk" || l == "cp936" => "gb18030",
        Some(l) => return decode(l, bytes).ok_or_else(|| unreadable(l)),
    };
    decode(label, bytes).ok_or_else(|| unreadable(label))
}

fn unreadable(label: &str) -> ReadError {
    ReadError::Encoding { label: label.to_string() }
}

/// UTF-8 with at most one broken sequence per 20 good multi-byte characters. GBK text is far
/// from that: read as UTF-8, the corpus pages have more broken sequences than good ones.
fn mostly_utf8(bytes: &[u8]) -> bool {
    let (mut good, mut bad) = (0usize, 0usize);
    let mut rest = bytes;
    loop {
        match std::str::from_utf8(rest) {
            Ok(s) => {
                good += s.chars().filter(|c| !c.is_ascii()).count();
                break;
            }
            Err(e) => {
                let (ok, after) = rest.split_at(e.valid_up_to());
                good += std::str::from_utf8(ok).map_or(0, |s| s.chars().filter(|c| !c.is_ascii()).count());
                bad += 1;
                match e.error_len() {
                    Some(n) => rest = &after[n..],
                    None => break, // cut off inside the last character
                }
            }
        }
    }
    good >= 20 * bad
}

/// Control bytes other than whitespace mean this is not a text file at all.
fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(4096)];
    let ctl = head.iter().filter(|&&b| b < 0x09 || (0x0E..0x1B).contains(&b) || b == 0x7F).count();
    ctl * 50 > head.len().max(1) || head.contains(&0)
}

/// The charset a `<meta>` tag in the first 4 KB declares, lower-cased.
pub fn declared_charset(bytes: &[u8]) -> Option<String> {
    let head = &bytes[..bytes.len().min(4096)];
    let lower: Vec<u8> = head.iter().map(|b| b.to_ascii_lowercase()).collect();
    let mut from = 0;
    while let Some(i) = find(&lower[from..], b"charset") {
        let at = from + i + b"charset".len();
        from = at;
        let rest = &lower[at..];
        let rest = skip(rest, |b| b == b' ');
        let Some(rest) = rest.strip_prefix(b"=") else { continue };
        let rest = skip(rest, |b| b == b' ' || b == b'"' || b == b'\'');
        let end = rest.iter().position(|&b| !(b.is_ascii_alphanumeric() || b == b'-' || b == b'_')).unwrap_or(rest.len());
        if end > 0 {
            return Some(String::from_utf8_lossy(&rest[..end]).into_owned());
        }
    }
    None
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn skip(s: &[u8], f: impl Fn(u8) -> bool) -> &[u8] {
    let n = s.iter().take_while(|&&b| f(b)).count();
    &s[n..]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::readers::native_decoder;

    #[test]
    fn declared_charset_forms() {
        assert_eq!(declared_charset(b"<meta charset=\"GBK\">").as_deref(), Some("gbk"));
        assert_eq!(
            declared_charset(b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\">").as_deref(),
            Some("gb2312")
        );
        assert_eq!(declared_charset(b"<html><body>charset</body>"), None);
    }

    #[test]
    fn gbk_declared_and_undeclared_and_bom() {
        let (gbk, _, _) = encoding_rs::GBK.encode("规章");
        let mut page = b"<meta charset=gb2312><p>".to_vec();
        page.extend_from_slice(&gbk);
        assert!(decode(&page, native_decoder).unwrap().contains("规章"));
        assert_eq!(decode(&gbk, native_decoder).unwrap(), "规章");
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend_from_slice("规章".as_bytes());
        assert_eq!(decode(&bom, native_decoder).unwrap(), "规章");
        // valid UTF-8 wins over a stale GBK declaration
        assert!(decode("<meta charset=gbk>规章".as_bytes(), native_decoder).unwrap().contains("规章"));
    }

    #[test]
    fn broken_utf8_stays_utf8_and_gbk_declared_utf8_is_gbk() {
        let mut page = "<meta charset=utf-8><p>".to_string();
        page.push_str(&"本年新收政府信息公开申请数量".repeat(10));
        let mut bytes = page.clone().into_bytes();
        bytes.insert(30, 0xFF);
        bytes.extend_from_slice(&"规章".as_bytes()[..4]); // cut off mid-character
        let text = decode(&bytes, native_decoder).unwrap();
        assert!(text.contains(&"本年新收政府信息公开申请数量".repeat(9)), "{text}");
        let (gbk, _, _) = encoding_rs::GBK.encode(&page);
        assert_eq!(decode(&gbk, native_decoder).unwrap(), page);
    }

    #[test]
    fn binary_is_refused() {
        assert!(decode(&[0u8, 1, 2, 3, 0xff, 0xfe, 7, 8], native_decoder).is_err());
    }
}
