//! Structure-aware: generated content streams of text, rules and graphics state in a small PDF,
//! through the PDF reader's interpreter and layout, recognition and every rule.
#![no_main]
use nianbao_check_fuzz::pdf_content::Doc;

libfuzzer_sys::fuzz_target!(|doc: Doc| {
    let pdf = doc.pdf();
    let r = nianbao_check::check_bytes("生成.pdf", &pdf, &nianbao_check::Options::default());
    nianbao_check_fuzz::report_ok(&r);
});
