//! The .doc reader and recognition.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    nianbao_check_fuzz::reader(|| nianbao_check::readers::doc::read(data));
});
