//! Broken Word files never panic: truncated, bit-flipped and re-packed variants of the corpus's
//! .docx and .doc files give either a report or a ReadError in Chinese.

mod common;
use std::io::{Cursor, Read, Write};

use common::corpus;
use nianbao_check::{check_bytes, Options};
use proptest::prelude::*;

const DOCX: &[&str] =
    &["derived/pingtan-2021.docx", "derived/2023-shuyang-fgj.docx", "derived/pingtan-2019.docx", "real/template-2021-blank.docx"];
const DOC: &[&str] = &["derived/pingtan-2021.doc", "derived/2023-shuyang-fgj.doc", "derived/pingtan-2019.doc"];

fn files(names: &[&str]) -> Vec<Vec<u8>> {
    names.iter().map(|n| corpus(n)).collect()
}

/// The outcome every input must have: a report, or an error whose message a Chinese reader can
/// read. `check_bytes` panicking fails the property by itself.
fn read_ok(bytes: &[u8]) -> Result<(), TestCaseError> {
    let r = check_bytes("变体", bytes, &Options::default());
    if let Some(e) = &r.error {
        prop_assert!(e.to_string().chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)), "not Chinese: {e:?}");
        prop_assert!(r.cells.is_empty());
    }
    Ok(())
}

fn flip(mut bytes: Vec<u8>, flips: &[(prop::sample::Index, u8)], within: usize) -> Vec<u8> {
    let n = bytes.len().min(within.max(1));
    for (at, bit) in flips {
        let i = at.index(n);
        bytes[i] ^= 1 << (bit % 8);
    }
    bytes
}

/// The entries of a zip, in order.
fn unzip(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut z = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    (0..z.len())
        .map(|i| {
            let mut f = z.by_index(i).unwrap();
            let mut data = Vec::new();
            f.read_to_end(&mut data).unwrap();
            (f.name().unwrap().to_string(), data)
        })
        .collect()
}

fn rezip(entries: &[(String, Vec<u8>)], stored: bool) -> Vec<u8> {
    let mut z = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let method = if stored { zip::CompressionMethod::Stored } else { zip::CompressionMethod::Deflated };
    let o = zip::write::SimpleFileOptions::default().compression_method(method);
    for (name, data) in entries {
        z.start_file(name.as_str(), o).unwrap();
        z.write_all(data).unwrap();
    }
    z.finish().unwrap().into_inner()
}

/// The streams of a compound file, by path.
fn streams(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut cf = cfb::CompoundFile::open(Cursor::new(bytes)).unwrap();
    let paths: Vec<String> = cf.walk().filter(|e| e.is_stream()).map(|e| e.path().to_string_lossy().into_owned()).collect();
    paths
        .into_iter()
        .map(|p| {
            let mut data = Vec::new();
            cf.open_stream(&p).unwrap().read_to_end(&mut data).unwrap();
            (p, data)
        })
        .collect()
}

fn recfb(streams: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut cf = cfb::CompoundFile::create(Cursor::new(Vec::new())).unwrap();
    for (path, data) in streams {
        if let Some(parent) = std::path::Path::new(path).parent() {
            if parent != std::path::Path::new("/") {
                cf.create_storage_all(parent).unwrap();
            }
        }
        cf.create_stream(path).unwrap().write_all(data).unwrap();
    }
    cf.flush().unwrap();
    cf.into_inner().into_inner()
}

/// Offsets in the FIB of the fields the reader trusts least: ccpText, fcClx/lcbClx,
/// fcPlcfBtePapx/lcbPlcfBtePapx (a Word 97 FIB: csw 14, cslw 22).
fn fib_fields(word: &[u8]) -> Vec<usize> {
    let csw = u16::from_le_bytes([word[32], word[33]]) as usize;
    let lw = 34 + csw * 2;
    let cslw = u16::from_le_bytes([word[lw], word[lw + 1]]) as usize;
    let rglw = lw + 2;
    let rg = rglw + cslw * 4 + 2;
    vec![rglw + 12, rg + 33 * 8, rg + 33 * 8 + 4, rg + 13 * 8, rg + 13 * 8 + 4]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 40, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn truncated_word_files(which in 0usize..7, cut in any::<prop::sample::Index>()) {
        let all: Vec<&str> = DOCX.iter().chain(DOC).copied().collect();
        let bytes = corpus(all[which]);
        let n = cut.index(bytes.len());
        read_ok(&bytes[..n])?;
    }

    #[test]
    fn bit_flipped_word_files(
        which in 0usize..7,
        head in any::<bool>(),
        flips in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..12),
    ) {
        let all: Vec<&str> = DOCX.iter().chain(DOC).copied().collect();
        // Half the time in the first 4 KB, where the zip's first headers or the compound file's
        // header, FAT and FIB lie.
        let bytes = flip(corpus(all[which]), &flips, if head { 4096 } else { usize::MAX });
        read_ok(&bytes)?;
    }

    /// Valid zips around broken parts: the XML inside is cut or flipped, entries dropped or
    /// reordered, stored instead of deflated.
    #[test]
    fn rezipped_docx(
        which in 0usize..4,
        stored in any::<bool>(),
        drop in prop::option::of(any::<prop::sample::Index>()),
        cut in prop::option::of(any::<prop::sample::Index>()),
        flips in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 0..6),
        reverse in any::<bool>(),
    ) {
        let mut entries = unzip(&corpus(DOCX[which]));
        if let Some(d) = drop {
            entries.remove(d.index(entries.len()));
        }
        if let Some((_, xml)) = entries.iter_mut().find(|(n, _)| n == "word/document.xml") {
            if let Some(c) = cut {
                let n = c.index(xml.len());
                xml.truncate(n);
            }
            let flipped = flip(std::mem::take(xml), &flips, usize::MAX);
            *xml = flipped;
        }
        if reverse {
            entries.reverse();
        }
        read_ok(&rezip(&entries, stored))?;
    }

    /// Valid compound files around broken Word streams: FIB lengths and offsets set to any
    /// value, the table stream (CLX, piece table, PlcBtePapx) flipped or cut.
    #[test]
    fn recompounded_doc(
        which in 0usize..3,
        fields in prop::collection::vec((0usize..5, any::<u32>()), 0..4),
        table_flips in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 0..10),
        table_cut in prop::option::of(any::<prop::sample::Index>()),
    ) {
        let mut s = streams(&corpus(DOC[which]));
        let word = s.iter_mut().find(|(p, _)| p == "/WordDocument").expect("WordDocument");
        let offsets = fib_fields(&word.1);
        for (f, v) in &fields {
            let at = offsets[*f];
            word.1[at..at + 4].copy_from_slice(&v.to_le_bytes());
        }
        if let Some((_, table)) = s.iter_mut().find(|(p, _)| p == "/1Table" || p == "/0Table") {
            let mut t = flip(std::mem::take(table), &table_flips, usize::MAX);
            if let Some(c) = table_cut {
                let n = c.index(t.len());
                t.truncate(n);
            }
            *table = t;
        }
        read_ok(&recfb(&s))?;
    }
}

#[test]
fn variants_still_read_when_nothing_is_broken() {
    // The re-packing itself keeps a file readable: the properties above test breakage, not the
    // packer.
    for b in files(DOCX) {
        let r = check_bytes("x", &rezip(&unzip(&b), true), &Options::default());
        assert!(r.error.is_none(), "{:?}", r.error);
        assert!(r.cells.len() >= 198);
    }
    for b in files(DOC) {
        let r = check_bytes("x", &recfb(&streams(&b)), &Options::default());
        assert!(r.error.is_none(), "{:?}", r.error);
        assert!(r.cells.len() >= 198);
    }
}

/// A raw deflate stream that inflates to `mib` MiB of spaces from a few KB: one compressed MiB,
/// sync-flushed so that it ends on a byte boundary, repeated, then a final empty block.
fn deflate_bomb(mib: usize) -> Vec<u8> {
    let mut c = flate2::Compress::new(flate2::Compression::best(), false);
    let mut chunk = Vec::with_capacity(1 << 16);
    c.compress_vec(&vec![b' '; 1 << 20], &mut chunk, flate2::FlushCompress::Sync).unwrap();
    let mut out = chunk.repeat(mib);
    out.extend_from_slice(&[0x03, 0x00]); // BFINAL, fixed Huffman, end of block
    out
}

/// A one-entry zip written by hand, so that its headers can say anything.
fn zip_with(name: &str, deflated: &[u8], declared: u32) -> Vec<u8> {
    let le16 = |v: u16| v.to_le_bytes();
    let le32 = |v: u32| v.to_le_bytes();
    let mut z = Vec::new();
    let header = |sig: u32, central: bool| -> Vec<u8> {
        let mut h = le32(sig).to_vec();
        if central {
            h.extend(le16(20)); // made by
        }
        h.extend(le16(20)); // version needed
        h.extend(le16(0)); // flags
        h.extend(le16(8)); // deflate
        h.extend(le32(0)); // time, date
        h.extend(le32(0)); // crc: never reached, the bound stops first
        h.extend(le32(deflated.len() as u32));
        h.extend(le32(declared));
        h.extend(le16(name.len() as u16));
        h.extend(le16(0)); // extra
        if central {
            h.extend([0; 8]); // comment len, disk, internal attrs, external attrs (part)
            h.extend([0; 2]);
            h.extend(le32(0)); // local header offset
        }
        h.extend(name.as_bytes());
        h
    };
    z.extend(header(0x04034b50, false));
    z.extend(deflated);
    let cd_at = z.len() as u32;
    let cd = header(0x02014b50, true);
    z.extend(&cd);
    z.extend(le32(0x06054b50));
    z.extend([0; 4]);
    z.extend(le16(1));
    z.extend(le16(1));
    z.extend(le32(cd.len() as u32));
    z.extend(le32(cd_at));
    z.extend(le16(0));
    z
}

#[test]
fn a_real_size_bomb_is_refused_while_inflating() {
    let bomb = deflate_bomb(65);
    assert!(bomb.len() < 200_000, "{} bytes", bomb.len());
    // Declared honestly: stopped at the 64 MB bound.
    let z = zip_with("word/document.xml", &bomb, 65 << 20);
    let e = check_bytes("bomb.docx", &z, &Options::default()).error.expect("refused");
    assert_eq!(e.code(), "too_large", "{e:?}");
    assert!(e.to_string().contains("压缩炸弹"));
    // Declared as 1 KB: the zip crate stops at the declared size, and the entry is damaged.
    let z = zip_with("word/document.xml", &bomb, 1024);
    let e = check_bytes("bomb.docx", &z, &Options::default()).error.expect("refused");
    assert!(matches!(e.code(), "too_large" | "damaged"), "{e:?}");
    // The relationships part gets a far smaller bound: a bomb there is refused as well.
    let z = zip_with("_rels/.rels", &deflate_bomb(2), 2 << 20);
    assert_eq!(check_bytes("bomb.docx", &z, &Options::default()).error.map(|e| e.code()), Some("too_large"));
    // The hand-made zip itself is sound: a small honest document.xml reads.
    let xml = br#"<w:document xmlns:w="x"><w:body><w:p><w:r><w:t>x</w:t></w:r></w:p></w:body></w:document>"#;
    let mut c = flate2::Compress::new(flate2::Compression::default(), false);
    let mut d = Vec::with_capacity(4096);
    c.compress_vec(xml, &mut d, flate2::FlushCompress::Finish).unwrap();
    let e = check_bytes("ok.docx", &zip_with("word/document.xml", &d, xml.len() as u32), &Options::default()).error.unwrap();
    assert_eq!(e.code(), "damaged", "read as far as the crc, which the hand-made zip leaves 0");
}
