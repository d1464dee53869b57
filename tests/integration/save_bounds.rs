//! Saves mutated field by field: every value a real save holds replaced with extreme and
//! negative numbers, huge counts and values of the wrong kind. Each either loads and plays on
//! without a panic, or is refused with the line of the value and the name of its field.

use std::path::Path;
use std::sync::OnceLock;

use bevy::prelude::*;
use bevy_missions::model::player::{Inventory, Reputation};
use bevy_missions::model::save::SaveGame;
use bevy_missions::prelude::*;
use bevy_missions::save::restore;
use bevy_missions::testing::MissionsTest;
use proptest::prelude::*;

use crate::common::demo_catalog_every_posting;

/// Replacements: out of every range the game reaches, negative, non-finite, past each integer
/// type, and of the wrong kind.
const EXTREMES: &[&str] = &[
    "1e19",
    "-1",
    "-1e300",
    "1000000000001",
    "2000000",
    "4000000000",
    "4294967296",
    "18446744073709551615",
    "18446744073709551616",
    "-9223372036854775808",
    "9007199254740993",
    "NaN",
    "inf",
    "0",
    "\"text\"",
    "true",
    "[]",
    "()",
    "Some(1)",
];

/// A save from a played game on the demo catalog: a posting's run with its timer, a random
/// mission, shared and personal attempts with progress, completions, a journal.
fn played_save() -> &'static str {
    static TEXT: OnceLock<String> = OnceLock::new();
    TEXT.get_or_init(|| {
        let catalog = demo_catalog_every_posting();
        let posting = catalog.postings()[0].id.clone();
        let waiting = catalog.postings()[1].id.clone();
        let missions: Vec<String> = catalog.missions().map(|m| m.id.to_string()).collect();
        let enemies: Vec<String> = catalog.enemies().map(|e| e.id.to_string()).collect();
        let places: Vec<String> = catalog.places().map(|p| p.id.to_string()).collect();
        let mut t = MissionsTest::new(catalog);
        let pilot = t.spawn_player("pilot");
        let wing = t.spawn_player("wing");
        t.update();
        t.request(MissionRequest::accept_posting(pilot, posting));
        t.request(MissionRequest::start_run(pilot));
        t.request(MissionRequest::accept_posting(wing, waiting));
        t.request(MissionRequest::generate(pilot, None, 7));
        for m in &missions {
            t.request(MissionRequest::accept(wing, m.as_str()));
        }
        t.update();
        t.advance(90.0);
        for (i, enemy) in enemies.iter().enumerate() {
            t.fact(MissionFact::killed([pilot, wing][i % 2], enemy.as_str()));
        }
        for place in &places {
            t.fact(MissionFact::entered(wing, place.as_str()));
            t.fact(MissionFact::scanned(wing, place.as_str()));
        }
        t.advance(30.0);
        // Standings and a hold, whatever the facts above earned.
        let mut wing_state = t.app.world_mut().entity_mut(wing);
        if let Some(mut reputation) = wing_state.get_mut::<Reputation>() {
            reputation.standings.insert("FED".into(), -12);
            reputation.standings.insert("GUILD".into(), 30);
        }
        if let Some(mut hold) = wing_state.get_mut::<Inventory>() {
            hold.0.insert("ORE".into(), 4);
        }
        t.update();
        t.snapshot().to_ron().expect("a played save encodes")
    })
}

/// A value in the save: its byte range, its line (1-based) and the field that holds it (for a
/// map value or a tuple item, the field holding the map or the list).
#[derive(Clone, Debug)]
struct Leaf {
    start: usize,
    end: usize,
    line: usize,
    field: String,
}

/// Every number in the save (a field's value, a map value, a tuple or list item), and every
/// string and boolean written right after `name:`.
fn leaves(text: &str) -> Vec<Leaf> {
    let bytes = text.as_bytes();
    let ident = |c: u8| c.is_ascii_alphanumeric() || c == b'_';
    let mut out = Vec::new();
    let (mut i, mut line, mut field) = (0, 1, String::new());
    // Where the last `name: ` ended, so a value right after it is that field's own.
    let mut after_colon = usize::MAX;
    while i < bytes.len() {
        let c = bytes[i];
        let starts_number =
            c.is_ascii_digit() || (c == b'-' && bytes.get(i + 1).is_some_and(u8::is_ascii_digit));
        if c == b'\n' {
            line += 1;
            i += 1;
        } else if c == b'"' {
            let end = i + 1 + text[i + 1..].find('"').expect("strings close");
            if after_colon == i {
                out.push(Leaf {
                    start: i,
                    end: end + 1,
                    line,
                    field: field.clone(),
                });
            }
            i = end + 1;
        } else if c == b':' {
            let name_end = i;
            let mut name_start = i;
            while name_start > 0 && ident(bytes[name_start - 1]) {
                name_start -= 1;
            }
            if name_start < name_end && bytes[name_start].is_ascii_alphabetic() {
                field = text[name_start..name_end].to_owned();
                after_colon = i + 2;
            }
            i += 1;
        } else if (starts_number || ident(c)) && (i == 0 || !ident(bytes[i - 1])) {
            // A number (digits, a sign, a point, an exponent) or a word.
            let number_char = |b: u8| ident(b) || (starts_number && b".+-".contains(&b));
            let mut end = i + 1;
            while end < bytes.len() && number_char(bytes[end]) {
                end += 1;
            }
            let word = &text[i..end];
            if starts_number || (after_colon == i && matches!(word, "true" | "false")) {
                out.push(Leaf {
                    start: i,
                    end,
                    line,
                    field: field.clone(),
                });
            }
            i = end;
        } else {
            i += 1;
        }
    }
    out
}

fn mutated(text: &str, leaf: &Leaf, value: &str) -> String {
    format!("{}{value}{}", &text[..leaf.start], &text[leaf.end..])
}

/// Loads a mutated save: `Ok` if it loaded, or the refusal checked to name the value's line
/// and field.
fn load_or_refuse(text: &str, leaf: &Leaf, value: &str) -> Result<SaveGame, String> {
    let bad = mutated(text, leaf, value);
    match SaveGame::from_ron(Path::new("m.save.ron"), bad.as_bytes()) {
        Ok(save) => Ok(save),
        // A version this build does not read is refused by number (it has no position).
        Err(bevy_missions::save::SaveError::UnsupportedVersion { .. })
            if leaf.field == "version" =>
        {
            Err(String::new())
        }
        Err(e) => {
            let message = e.to_string();
            let (line, _) = e
                .position()
                .ok_or_else(|| format!("`{}` = {value}: no position: {message}", leaf.field))?;
            // A generated mission is checked whole once read: its refusal names the mission
            // and points at its end, in the `generated` section.
            let generated = message.contains("generated mission");
            let in_generated = text[..leaf.start].contains("\n  generated: {");
            if generated && in_generated {
                return Err(String::new());
            }
            if line != leaf.line || !message.contains(&format!("`{}`", leaf.field)) {
                return Err(format!(
                    "`{}` (line {}) = {value}: the refusal should name it and its line: {message}",
                    leaf.field, leaf.line
                ));
            }
            Err(String::new())
        }
    }
}

/// Every field of a played save, each replaced with every extreme value: each loads, or its
/// refusal names the field and its line.
#[test]
fn every_field_of_a_save_out_of_range_is_refused_at_the_value_or_loads() {
    let text = played_save();
    let leaves = leaves(text);
    assert!(leaves.len() > 100, "a played save has many fields: {text}");
    for field in [
        "clock_now",
        "last_serial",
        "serial",
        "accepted_at",
        "ends_at",
        "count",
    ] {
        assert!(
            leaves.iter().any(|l| l.field == field),
            "the played save has `{field}`: {text}"
        );
    }
    let mut wrong = Vec::new();
    let mut refused = std::collections::BTreeSet::new();
    for leaf in &leaves {
        for value in EXTREMES {
            match load_or_refuse(text, leaf, value) {
                Ok(_) => {}
                Err(e) if e.is_empty() => {
                    refused.insert((leaf.field.as_str(), *value));
                }
                Err(e) => wrong.push(e),
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "{} refusals off:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
    // What the game cannot compute with is refused, not loaded: times past its range, serials
    // that would wrap, counts that would overflow when counted up.
    for must in [
        ("clock_now", "1e19"),
        ("clock_now", "-1"),
        ("accepted_at", "1000000000001"),
        ("ends_at", "inf"),
        ("last_serial", "18446744073709551615"),
        ("serial", "9007199254740993"),
        ("count", "4000000000"),
        ("target", "4000000000"),
        ("clock_epoch_unix", "-9223372036854775808"),
        ("standings", "2000000"),
        ("owed", "9007199254740993"),
        ("checkpoints", "1e19"),
        ("launch_by", "inf"),
    ] {
        assert!(refused.contains(&must), "{must:?} must be refused");
    }
}

/// An acceptance's serial is told apart from `last_serial` with the same value: the refusal
/// points at the acceptance's own line.
#[test]
fn a_bad_serial_is_found_where_it_is_not_where_its_digits_first_appear() {
    let text = played_save();
    let leaf = leaves(text)
        .into_iter()
        .find(|l| l.field == "serial")
        .expect("an acceptance");
    let last = text.find("last_serial").unwrap();
    assert!(leaf.start > last);
    let err = SaveGame::from_ron(Path::new("s.ron"), mutated(text, &leaf, "1e19").as_bytes())
        .unwrap_err();
    assert_eq!(err.position().unwrap().0, leaf.line, "{err}");
    assert!(err.to_string().contains("`serial`"), "{err}");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// A save mutated in one field that still loads plays on: restored into a game that then
    /// runs frames, takes facts and moves its clock past every timer, without a panic.
    #[test]
    fn a_mutated_save_that_loads_plays_on(
        which in any::<prop::sample::Index>(),
        value in prop::sample::select(EXTREMES),
        seconds in 0.0f64..1e6,
    ) {
        let text = played_save();
        let leaves = leaves(text);
        let leaf = which.get(&leaves);
        match load_or_refuse(text, leaf, value) {
            Err(e) => prop_assert!(e.is_empty(), "{}", e),
            Ok(save) => {
                let mut t = MissionsTest::new(demo_catalog_every_posting());
                restore(t.app.world_mut(), save);
                t.update();
                let pilot = match t.player("pilot") {
                    Some(p) => p,
                    None => t.spawn_player("pilot"),
                };
                t.fact(MissionFact::killed(pilot, "DRONE"));
                t.advance(seconds);
                t.update();
                let again = t.snapshot().to_ron();
                prop_assert!(again.is_ok(), "{:?}", again);
            }
        }
    }
}
