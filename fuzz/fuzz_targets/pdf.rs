//! The PDF reader (object scan, hayro-syntax, content streams, layout) and recognition.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    nianbao_check_fuzz::reader(|| nianbao_check::readers::pdf::read(data, nianbao_check::readers::native_decoder));
});
