//! The whole check: sniffing, charsets, every reader, recognition, every rule, two files paired.
#![no_main]
use nianbao_check::{check, readers::native_decoder, Input, Options};

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    // The first half as last year's file, the whole as this year's: cross-year rules run too.
    let inputs = [Input::new("上年.txt", &data[..data.len() / 2]), Input::new("本年.html", data)];
    let out = check(&inputs, &Options::default(), native_decoder);
    for r in &out.reports {
        nianbao_check_fuzz::report_ok(r);
    }
});
