//! The HTML reader and recognition.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    nianbao_check_fuzz::reader(|| nianbao_check::readers::html::read(&text));
});
