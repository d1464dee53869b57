//! A save file: any bytes give a save (possibly migrated from an older format) or a
//! positioned error, never a panic; a save that loads writes back to text that loads to the
//! same text again.
#![no_main]

use std::path::Path;

use bevy_missions::model::save::SaveGame;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    match SaveGame::from_ron(Path::new("fuzz.save.ron"), data) {
        Ok(save) => {
            if let Ok(text) = save.to_ron() {
                let again = SaveGame::from_ron(Path::new("again.save.ron"), text.as_bytes())
                    .expect("a written save loads");
                assert_eq!(again.to_ron().ok().as_deref(), Some(text.as_str()));
            }
        }
        Err(e) => {
            let _ = e.to_string();
        }
    }
});
