//! One catalog file: its RON shape and its parser.
//!
//! Every `*.missions.ron` file has the same shape; any section may appear in any file and the
//! files are merged. Unknown fields are refused with the nearest known name suggested.

use serde::{Deserialize, Serialize};

use super::error::{CatalogError, CatalogErrorKind};
use super::mission::MissionDef;
use super::world::*;
use crate::board::{DailyRules, MissionTemplate, PostingDef};
use crate::rules::GameRules;
use crate::tuning::TuningTables;

/// The content of one catalog file. Every section is optional.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CatalogSource {
    /// Global rules (at most one file may set them).
    #[serde(default)]
    pub rules: Option<GameRules>,
    /// Tuning tables (exactly one file defines them when there are postings).
    #[serde(default)]
    pub tuning: Option<TuningTables>,
    /// Daily-quest slots (at most one file).
    #[serde(default)]
    pub daily: Option<DailyRules>,
    /// Factions.
    #[serde(default)]
    pub factions: Vec<FactionDef>,
    /// Items.
    #[serde(default)]
    pub items: Vec<ItemDef>,
    /// Enemy species.
    #[serde(default)]
    pub species: Vec<SpeciesDef>,
    /// Enemy types.
    #[serde(default)]
    pub enemies: Vec<EnemyDef>,
    /// Kinds of place.
    #[serde(default)]
    pub place_kinds: Vec<PlaceKindDef>,
    /// Places.
    #[serde(default)]
    pub places: Vec<PlaceDef>,
    /// Planets.
    #[serde(default)]
    pub planets: Vec<PlanetDef>,
    /// NPC classes.
    #[serde(default)]
    pub npc_classes: Vec<NpcClassDef>,
    /// NPCs.
    #[serde(default)]
    pub npcs: Vec<NpcDef>,
    /// Player traits.
    #[serde(default)]
    pub traits: Vec<TraitDef>,
    /// Interactable objects.
    #[serde(default)]
    pub objects: Vec<ObjectDef>,
    /// Named counters.
    #[serde(default)]
    pub counters: Vec<CounterDef>,
    /// Named variables.
    #[serde(default)]
    pub variables: Vec<VariableDef>,
    /// Missions and quests.
    #[serde(default)]
    pub missions: Vec<MissionDef>,
    /// Board postings.
    #[serde(default)]
    pub postings: Vec<PostingDef>,
    /// Random-mission templates.
    #[serde(default)]
    pub templates: Vec<MissionTemplate>,
}

/// The RON options every catalog parse uses: `implicit_some` (write `issuer: "FED"` rather than
/// `issuer: Some("FED")`; both work) and ron's default recursion limit (128), which keeps deeply
/// nested garbage from overflowing the stack.
pub fn ron_options() -> ron::Options {
    ron::Options::default().with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
}

/// Parses one catalog file. `path` is only used in error messages.
///
/// Never panics: empty input, truncated input, invalid UTF-8, huge numbers and deep nesting all
/// give a [`CatalogError`] with the line and column.
pub fn parse_source(path: &str, bytes: &[u8]) -> Result<CatalogSource, CatalogError> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(CatalogError::new(path, 1, 1, CatalogErrorKind::Empty));
    }
    ron_options()
        .from_bytes::<CatalogSource>(bytes)
        .map_err(|e| CatalogError::from_ron(path, e))
}

/// Returns the closest of `candidates` to `found`, if it is close enough to be a likely typo.
pub fn nearest_name<'a>(found: &str, candidates: &[&'a str]) -> Option<&'a str> {
    let limit = (found.chars().count() / 3).max(2);
    candidates
        .iter()
        .map(|c| (strsim::damerau_levenshtein(found, c), *c))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_name_finds_typos_only() {
        let known = ["min_reputation", "min_level", "prerequisites"];
        assert_eq!(
            nearest_name("min_reputaton", &known),
            Some("min_reputation")
        );
        assert_eq!(nearest_name("min_levle", &known), Some("min_level"));
        assert_eq!(nearest_name("colour", &known), None);
    }

    #[test]
    fn empty_and_whitespace_files_are_errors() {
        let err = parse_source("a.missions.ron", b"  \n ").unwrap_err();
        assert_eq!(err.kind, CatalogErrorKind::Empty);
        assert_eq!((err.line, err.col), (1, 1));
    }

    #[test]
    fn unknown_field_suggests_the_known_one() {
        let text = "(\n  missions: [(id: \"M\", name: \"m\", gates: (min_reputaton: 5))],\n)";
        let err = parse_source("x.missions.ron", text.as_bytes()).unwrap_err();
        assert_eq!(err.line, 2);
        let message = err.to_string();
        assert!(message.contains("min_reputaton"), "{message}");
        assert!(
            message.contains("did you mean `min_reputation`"),
            "{message}"
        );
        assert!(message.starts_with("x.missions.ron:2:"), "{message}");
    }
}
