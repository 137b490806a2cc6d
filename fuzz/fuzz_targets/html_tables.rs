//! Structure-aware: generated pages of report tables through the HTML reader, recognition and
//! every rule.
#![no_main]
use nianbao_check_fuzz::html_tables::Page;

libfuzzer_sys::fuzz_target!(|page: Page| {
    let html = page.html();
    let r = nianbao_check::check_bytes("生成.html", html.as_bytes(), &nianbao_check::Options::default());
    nianbao_check_fuzz::report_ok(&r);
});
