//! A whole catalog, parsed, merged and validated (references, cycles, tuning tables): any
//! bytes give a catalog or a list of positioned errors, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let report =
        bevy_missions::catalog::lint_files(vec![("fuzz.missions.ron".into(), data.to_vec())]);
    for e in &report.errors {
        assert!(e.line >= 1 && e.col >= 1);
        let _ = e.to_string();
    }
});
