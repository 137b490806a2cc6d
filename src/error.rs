//! Why a file could not be read as a report: one enum for every reader and for recognition.
//!
//! Each kind has a stable `code()` (the JSON's `error.code`, a public contract listed below and in
//! the README) and its words in Chinese and English (`message(lang)`, an exhaustive match: a new
//! kind without its words does not compile). `Display` is the Chinese message, `{:#}` the English.
//!
//! | code | when |
//! |---|---|
//! | `empty` | the file holds nothing but spaces |
//! | `not_a_report` | not a file of a known kind, or one without the report's tables or words |
//! | `encoding` | a declared charset the decoder does not know |
//! | `damaged` | a Word file (.doc or .docx) that is broken or cut short |
//! | `not_word` | an Office container that holds no Word document (a spreadsheet, slides, ODF) |
//! | `old_word` | Word 95 or older |
//! | `encrypted` | a Word file with an opening password |
//! | `pdf_encrypted` | an encrypted PDF |
//! | `pdf_broken` | a damaged PDF |
//! | `pdf_no_text` | a PDF without a text layer (a scan) |
//! | `rtf_unsupported` | RTF saved under a .doc name |
//! | `mhtml_broken`, `mhtml_no_page` | a single-file save without its MIME structure, or without its page |
//! | `too_large` | over the size limit, or a part inflating past its bound |
//! | `too_complex` | over a budget of the check (`budget.rs`) |
//! | `old_format` | a report in the pre-2019 format |
//! | `tables_as_pictures` | the tables are published as pictures |
//! | `no_tables` | a report's text without its tables |

use std::fmt;

use crate::budget::Resource;
use crate::lang::Lang;

/// A file that could not be read as a report at all. Nothing else of the report is filled then.
#[derive(Debug, Clone, PartialEq)]
pub enum ReadError {
    Empty,
    /// Neither a web page, text, a Word file nor a PDF.
    Unrecognised,
    /// A readable file without the report's tables or words.
    NotAReport,
    Encoding {
        label: String,
    },
    WordDamaged {
        docx: bool,
    },
    NotWord {
        is: NotWord,
    },
    OldWord,
    WordEncrypted,
    PdfEncrypted,
    PdfBroken,
    PdfNoText,
    Rtf,
    MhtmlBroken,
    MhtmlNoPage,
    /// The file is larger than the limit (bytes), and was not read.
    TooLarge {
        size: usize,
        limit: usize,
    },
    /// A part of a container inflates past its bound (a zip bomb).
    Bomb,
    TooComplex {
        resource: Resource,
        limit: u64,
    },
    OldFormat {
        year: Option<i32>,
    },
    /// The tables under their headings are pictures: "表二（0.png）、表三（1.png）".
    TablesAsPictures {
        named: String,
    },
    /// The report's text, but no tables. `web_page`: a page saved before its script showed them.
    NoTables {
        web_page: bool,
    },
    /// A Word file or a PDF given to a build without that reader (the page's core module).
    ReaderMissing,
    /// Not a Word file or a PDF, given to the Word and PDF readers alone (`readers::read_binary`).
    NotBinary,
    /// The checker itself failed on this file (a panic caught by the command line's batch).
    Internal,
    /// An error a reader module of the page said (`wasm::read`), as it said it: its code one of
    /// `codes()` (else `unreadable`), its messages already written in both languages.
    Relayed {
        code: &'static str,
        zh: String,
        en: String,
    },
}

/// What an Office container is instead of a Word document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotWord {
    Xls,
    Ppt,
    OtherCompound,
    Xlsx,
    Pptx,
    Odf,
    OtherZip,
}

impl ReadError {
    /// One error of every kind, for tests and documentation: the schema's list of codes is checked
    /// against it, and every message is tried in both languages. A new variant goes here too.
    pub fn examples() -> Vec<ReadError> {
        use ReadError::*;
        vec![
            Empty,
            Unrecognised,
            NotAReport,
            Encoding { label: "x-mac-chinesesimp".into() },
            WordDamaged { docx: true },
            NotWord { is: self::NotWord::Xlsx },
            OldWord,
            WordEncrypted,
            PdfEncrypted,
            PdfBroken,
            PdfNoText,
            Rtf,
            MhtmlBroken,
            MhtmlNoPage,
            TooLarge { size: 60 << 20, limit: 50 << 20 },
            Bomb,
            TooComplex { resource: Resource::Cells, limit: 1_000_000 },
            OldFormat { year: Some(2013) },
            TablesAsPictures { named: "表三（1.png）".into() },
            NoTables { web_page: true },
            ReaderMissing,
            NotBinary,
            Internal,
        ]
    }

    /// Every `error.code` the checker writes, sorted.
    pub fn codes() -> Vec<&'static str> {
        let mut c: Vec<&str> = Self::examples().iter().map(ReadError::code).collect();
        c.sort_unstable();
        c.dedup();
        c
    }

    /// The JSON's `error.code`: stable, a public contract.
    pub fn code(&self) -> &'static str {
        match self {
            ReadError::Empty => "empty",
            ReadError::Unrecognised | ReadError::NotAReport => "not_a_report",
            ReadError::Encoding { .. } => "encoding",
            ReadError::WordDamaged { .. } => "damaged",
            ReadError::NotWord { .. } => "not_word",
            ReadError::OldWord => "old_word",
            ReadError::WordEncrypted => "encrypted",
            ReadError::PdfEncrypted => "pdf_encrypted",
            ReadError::PdfBroken => "pdf_broken",
            ReadError::PdfNoText => "pdf_no_text",
            ReadError::Rtf => "rtf_unsupported",
            ReadError::MhtmlBroken => "mhtml_broken",
            ReadError::MhtmlNoPage => "mhtml_no_page",
            ReadError::TooLarge { .. } | ReadError::Bomb => "too_large",
            ReadError::TooComplex { .. } => "too_complex",
            ReadError::OldFormat { .. } => "old_format",
            ReadError::TablesAsPictures { .. } => "tables_as_pictures",
            ReadError::NoTables { .. } => "no_tables",
            ReadError::ReaderMissing => "reader_missing",
            ReadError::NotBinary => "not_binary",
            ReadError::Internal => "check_failed",
            ReadError::Relayed { code, .. } => code,
        }
    }

    /// The message for the person who dropped the file: what is wrong, and what to do.
    pub fn message(&self, lang: Lang) -> String {
        use Lang::*;
        let size = |n: usize| match n {
            n if n >= 10 << 20 => format!("{} MB", n >> 20),
            n if n >= 1 << 20 => format!("{:.1} MB", n as f64 / (1 << 20) as f64),
            n if n >= 1 << 10 => format!("{:.1} KB", n as f64 / 1024.0),
            n if lang == Zh => format!("{n} 字节"),
            n => format!("{n} bytes"),
        };
        match (self, lang) {
            (ReadError::Empty, Zh) => "文件是空的，没有可读取的内容。".into(),
            (ReadError::Empty, En) => "The file is empty: there is nothing to read.".into(),
            (ReadError::Unrecognised, Zh) => {
                "无法识别的文件类型：既不是网页、文本，也不是 Word 文件。请上传年度报告的 .html、.txt、.doc 或 .docx 文件。".into()
            }
            (ReadError::Unrecognised, En) => {
                "Unknown kind of file: not a web page, text or a Word file. Please use the report's .html, .txt, .doc or .docx file."
                    .into()
            }
            (ReadError::NotAReport, Zh) => {
                "这个文件不是政府信息公开工作年度报告：其中找不到“收到和处理政府信息公开申请情况”等报告表格。".into()
            }
            (ReadError::NotAReport, En) => {
                "This file is not a government information disclosure annual report: it has none of the report's tables \
                 (such as “收到和处理政府信息公开申请情况”)."
                    .into()
            }
            (ReadError::Encoding { label }, Zh) => format!("无法按声明的字符编码“{label}”解码此文件，请确认文件没有损坏。"),
            (ReadError::Encoding { label }, En) => {
                format!("The file cannot be decoded in the character encoding it declares (“{label}”); please check that it is not damaged.")
            }
            (ReadError::WordDamaged { docx: false }, Zh) => {
                "这个 Word 97–2003（.doc）文件已损坏或不完整，无法读出正文。请用 Word 或 WPS 打开后另存为 .docx，再检查。".into()
            }
            (ReadError::WordDamaged { docx: true }, Zh) => {
                "这个 Word（.docx）文件已损坏或不完整，无法打开其中的内容。请用 Word 或 WPS 打开后重新保存，再检查。".into()
            }
            (ReadError::WordDamaged { docx }, En) => format!(
                "This Word {} file is damaged or incomplete, and its text cannot be read. Please open it in Word or WPS, save it again as .docx and check that.",
                if *docx { "(.docx)" } else { "97–2003 (.doc)" }
            ),
            (ReadError::NotWord { is }, Zh) => match is {
                NotWord::Xls => "这是 Excel 97–2003 表格（.xls），不是 Word 文档。请上传年度报告的 Word 文件（.doc/.docx）或网页。",
                NotWord::Ppt => "这是 PowerPoint 97–2003 演示文稿（.ppt），不是 Word 文档。请上传年度报告的 Word 文件（.doc/.docx）或网页。",
                NotWord::OtherCompound => {
                    "这是一个 Office 复合文档，但里面没有 Word 正文（WordDocument）。请上传年度报告的 Word 文件（.doc/.docx）或网页。"
                }
                NotWord::Xlsx => "这是 Excel 表格（.xlsx）文件，不是 Word 文档。请上传年度报告的 Word 文件（.doc/.docx）或网页。",
                NotWord::Pptx => "这是 PowerPoint 演示文稿（.pptx），不是 Word 文档。请上传年度报告的 Word 文件（.doc/.docx）或网页。",
                NotWord::Odf => "这是 OpenDocument（.odt 等）文件，目前还不能读取。请在 WPS 或 Word 中另存为 .docx 再检查。",
                NotWord::OtherZip => {
                    "这是一个 zip 压缩包，但里面没有 Word 文档（word/document.xml）。请上传年度报告的 Word 文件（.doc/.docx）或网页。"
                }
            }
            .into(),
            (ReadError::NotWord { is }, En) => {
                let what = match is {
                    NotWord::Xls => "an Excel 97–2003 spreadsheet (.xls), not a Word document",
                    NotWord::Ppt => "a PowerPoint 97–2003 presentation (.ppt), not a Word document",
                    NotWord::OtherCompound => "an Office compound file without a Word document in it",
                    NotWord::Xlsx => "an Excel spreadsheet (.xlsx), not a Word document",
                    NotWord::Pptx => "a PowerPoint presentation (.pptx), not a Word document",
                    NotWord::Odf => "an OpenDocument file (.odt or similar), which cannot be read yet; save it as .docx in WPS or Word",
                    NotWord::OtherZip => "a zip archive without a Word document (word/document.xml) in it",
                };
                format!("This is {what}. Please use the report's Word file (.doc/.docx) or its web page.")
            }
            (ReadError::OldWord, Zh) => "这是 Word 95 或更早版本的文件，不能读取。请用 Word 或 WPS 打开后另存为 .docx，再检查。".into(),
            (ReadError::OldWord, En) => "This is a Word 95 or older file, which cannot be read. Please save it as .docx in Word or WPS.".into(),
            (ReadError::WordEncrypted, Zh) => "这个 Word 文件设置了打开密码（已加密），无法读取。请在 Word 或 WPS 中取消密码后另存，再检查。".into(),
            (ReadError::WordEncrypted, En) => {
                "This Word file has an opening password (it is encrypted) and cannot be read. Please remove the password in Word or WPS and save it again.".into()
            }
            (ReadError::PdfEncrypted, Zh) => {
                "这个 PDF 文件设置了密码或加密保护，无法读取其中的文字。请使用未加密的 PDF，或报告的 Word 原件（.doc/.docx）。".into()
            }
            (ReadError::PdfEncrypted, En) => {
                "This PDF is protected by a password or encryption, and its text cannot be read. Please use an unencrypted PDF or the report's Word file (.doc/.docx).".into()
            }
            (ReadError::PdfBroken, Zh) => {
                "这个 PDF 文件已损坏或不完整（可能没有下载完），无法读取。请重新下载后再试，或改用报告的 Word 原件。".into()
            }
            (ReadError::PdfBroken, En) => {
                "This PDF is damaged or incomplete (perhaps not fully downloaded) and cannot be read. Please download it again, or use the report's Word file.".into()
            }
            (ReadError::PdfNoText, Zh) => "这个 PDF 没有文字层（很可能是扫描件或图片），无法读取其中的表格。请改用报告的 Word 原件（.doc/.docx）或网页；\
                 也可以先用 OCR 软件把 PDF 识别成文字，再检查识别结果。"
                .into(),
            (ReadError::PdfNoText, En) => {
                "This PDF has no text layer (it is most likely a scan or pictures), so its tables cannot be read. Please use the report's Word file (.doc/.docx) \
                 or web page, or turn the PDF into text with OCR software first and check the result."
                    .into()
            }
            (ReadError::Rtf, Zh) => {
                "这是 RTF 格式的文件（扩展名可能是 .doc），目前还不能读取。请在 Word 或 WPS 中打开后另存为 .docx 或 .doc，再检查。".into()
            }
            (ReadError::Rtf, En) => {
                "This is an RTF file (perhaps named .doc), which cannot be read yet. Please save it as .docx or .doc in Word or WPS.".into()
            }
            (ReadError::MhtmlBroken, Zh) => "这个单文件网页（.mht/.mhtml）的结构不完整（缺少 MIME 头或分隔符），无法读取。\
                 请在浏览器中重新“另存为”网页，或下载报告的 Word/PDF 附件。"
                .into(),
            (ReadError::MhtmlBroken, En) => {
                "This single-file web page (.mht/.mhtml) is incomplete (its MIME headers or boundary are missing) and cannot be read. \
                 Please save the page again in the browser, or download the report's Word or PDF attachment."
                    .into()
            }
            (ReadError::MhtmlNoPage, Zh) => "这个单文件网页（.mht/.mhtml）里没有网页正文（HTML 部分），可能保存不完整。\
                 请在浏览器中重新“另存为”网页，或下载报告的 Word/PDF 附件。"
                .into(),
            (ReadError::MhtmlNoPage, En) => {
                "This single-file web page (.mht/.mhtml) holds no page (no HTML part); it may not have been saved completely. \
                 Please save the page again in the browser, or download the report's Word or PDF attachment."
                    .into()
            }
            (ReadError::TooLarge { size: n, limit }, Zh) => format!(
                "文件大小为 {}，超过了允许的 {}，未予读取。年度报告的网页、Word 或 PDF 文件通常不到 5 MB；请确认选对了文件，\
                 或改用报告的 Word 原件（.doc/.docx）。",
                size(*n),
                size(*limit)
            ),
            (ReadError::TooLarge { size: n, limit }, En) => format!(
                "The file is {}, more than the {} allowed, and was not read. A report's web page, Word or PDF file is usually under 5 MB; \
                 please check the file, or use the report's Word file (.doc/.docx).",
                size(*n),
                size(*limit)
            ),
            (ReadError::Bomb, Zh) => {
                "这个文件解压后体积异常巨大（可能是“压缩炸弹”），为安全起见不予读取。请用 Word 或 WPS 打开后另存为 .docx 再检查。".into()
            }
            (ReadError::Bomb, En) => {
                "This file inflates to an abnormal size (perhaps a “zip bomb”) and was not read, to be safe. Please save it again as .docx in Word or WPS.".into()
            }
            (ReadError::TooComplex { resource, limit }, _) => {
                let what = resource.describe(*limit, lang);
                match lang {
                    Zh => format!(
                        "这个文件的内容超出了检查程序的处理上限（{what}），为免浏览器或电脑卡死，已停止读取。真实的年度报告远用不到这么多，\
                         文件可能已损坏，或并非年度报告。请改用报告的 Word 原件（.doc/.docx）或网页。"
                    ),
                    En => format!(
                        "This file goes beyond what the checker reads ({what}), and reading stopped so as not to freeze the browser or computer. \
                         A real report needs far less: the file may be damaged, or not a report. Please use the report's Word file (.doc/.docx) or web page."
                    ),
                }
            }
            (ReadError::OldFormat { year }, Zh) => {
                let y = year.map(|y| format!("（{y}年）")).unwrap_or_default();
                format!(
                    "这是 2019年以前的旧格式年度报告{y}：它用“政府信息公开情况统计表”（申请总数等），\
                     不是国办公开办函〔2019〕60号或〔2021〕30号规定的表格，本工具不核对旧格式报告。"
                )
            }
            (ReadError::OldFormat { year }, En) => {
                let y = year.map(|y| format!(" ({y})")).unwrap_or_default();
                format!(
                    "This is an annual report in the format used before 2019{y}: its statistics table (“政府信息公开情况统计表”) is not one of the tables \
                     of 国办公开办函〔2019〕60号 or 〔2021〕30号, and reports in the old format are not checked."
                )
            }
            (ReadError::TablesAsPictures { named }, Zh) => format!(
                "这份报告的统计表格是图片：{named}。图片里的数字无法读取和核对。\
                 请下载报告的 Word（.doc/.docx）或 PDF 附件后再检查；如果网站只提供图片，请向发布单位索取原件。"
            ),
            (ReadError::TablesAsPictures { named }, En) => format!(
                "The report's statistics tables are pictures: {named}. Numbers in pictures cannot be read or checked. Please download the report's \
                 Word (.doc/.docx) or PDF attachment and check that; if the site offers only pictures, ask the publishing office for the original."
            ),
            (ReadError::NoTables { web_page: true }, Zh) => {
                "这个网页文件里没有年度报告的统计表格。很可能是网页还没加载完就保存了（有些门户网站用脚本在打开后才显示正文）。\
                 请在浏览器中等正文和表格完全显示后再“另存为”完整网页，或用“打印→另存为 PDF”，也可以下载报告的 Word 附件。"
                    .into()
            }
            (ReadError::NoTables { web_page: true }, En) => {
                "This saved web page holds no statistics tables of the report. It was most likely saved before it had loaded (some portals show the \
                 article by script after opening). Please wait until the text and tables show, then save the complete page, or print it to PDF, \
                 or download the report's Word attachment."
                    .into()
            }
            (ReadError::NoTables { web_page: false }, Zh) => {
                "文件中找不到年度报告的统计表格（二、三、四部分的表格）。请确认上传的是报告全文，而不是只有文字部分。".into()
            }
            (ReadError::NoTables { web_page: false }, En) => {
                "The report's statistics tables (those of sections 二, 三 and 四) are not in the file. Please check that it is the whole report, \
                 not only its text."
                    .into()
            }
            (ReadError::ReaderMissing, Zh) => "这个版本的检查程序没有读取 Word 或 PDF 文件的部分，无法读取这个文件。".into(),
            (ReadError::ReaderMissing, En) => "This build of the checker has no Word or PDF reader, so it cannot read this file.".into(),
            (ReadError::NotBinary, Zh) => "这不是 Word（.docx、.doc）或 PDF 文件。".into(),
            (ReadError::NotBinary, En) => "This is not a Word (.docx, .doc) or PDF file.".into(),
            (ReadError::Internal, Zh) => "检查这个文件时程序出错（内部错误），未能检查。请把文件报告给开发者。".into(),
            (ReadError::Internal, En) => "The checker failed on this file (an internal error) and could not check it. Please report the file to its developers.".into(),
            (ReadError::Relayed { zh, .. }, Zh) => zh.clone(),
            (ReadError::Relayed { en, .. }, En) => en.clone(),
        }
    }
}

impl fmt::Display for ReadError {
    /// The Chinese message; `{:#}` the English one.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(if f.alternate() { Lang::En } else { Lang::Zh }))
    }
}

impl std::error::Error for ReadError {}

/// What `Serialize` wrote, read back (a reader module's error, in the core module).
impl<'de> serde::Deserialize<'de> for ReadError {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<ReadError, D::Error> {
        #[derive(serde::Deserialize)]
        struct Wire {
            code: String,
            message: String,
            #[serde(default)]
            message_en: Option<String>,
        }
        let w = Wire::deserialize(d)?;
        // Only the checker's own codes come through: the JSON's `code` stays a closed list.
        let code = ReadError::codes().into_iter().find(|c| *c == w.code).unwrap_or("unreadable");
        Ok(ReadError::Relayed { code, en: w.message_en.unwrap_or_else(|| w.message.clone()), zh: w.message })
    }
}

/// In the JSON: `{code, message, message_en}`.
impl serde::Serialize for ReadError {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("ReadError", 3)?;
        st.serialize_field("code", self.code())?;
        st.serialize_field("message", &self.message(Lang::Zh))?;
        st.serialize_field("message_en", &self.message(Lang::En))?;
        st.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_both_languages() {
        for e in &ReadError::examples() {
            let (zh, en) = (format!("{e}"), format!("{e:#}"));
            assert!(zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)), "{zh}");
            assert!(en.is_ascii() || en.contains('“') || en.contains('（') || en.contains('—'), "{en}");
            assert_ne!(zh, en);
        }
        assert_eq!(ReadError::TooLarge { size: 1, limit: 0 }.code(), "too_large");
        assert!(format!("{}", ReadError::TooLarge { size: 60 << 20, limit: 50 << 20 }).contains("60 MB"));
        let v = serde_json::to_value(ReadError::PdfBroken).unwrap();
        assert_eq!(v["code"], "pdf_broken");
        assert!(v["message_en"].as_str().unwrap().starts_with("This PDF is damaged"));
        // Across wasm modules: what was written is what is read, and a made-up code is not kept.
        let back: ReadError = serde_json::from_value(v.clone()).unwrap();
        assert_eq!(serde_json::to_value(&back).unwrap(), v);
        let odd: ReadError = serde_json::from_str(r#"{"code":"made_up","message":"x"}"#).unwrap();
        assert_eq!(odd.code(), "unreadable");
    }
}
