//! One catalog file, as the asset loader and the lint read it: any bytes give a catalog source
//! or a positioned error, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Err(e) = bevy_missions::catalog::parse_source("fuzz.missions.ron", data) {
        assert!(e.line >= 1 && e.col >= 1);
        let _ = e.to_string();
    }
});
