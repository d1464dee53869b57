//! The data model: every field survives a RON round trip, and defaults match the seeds.

use bevy_missions::catalog::*;
use bevy_missions::model::board::DailySlot;
use bevy_missions::model::board::TemplateKind;
use bevy_missions::model::effect::Effect;
use bevy_missions::model::mission::FollowUpMode;
use bevy_missions::model::mission::MissionType;
use bevy_missions::model::mission::Origin;
use bevy_missions::model::mission::Scope;
use bevy_missions::model::mission::SharedRewards;
use bevy_missions::model::objective::DeliveryTarget;
use bevy_missions::model::objective::ObjectiveKind;
use bevy_missions::model::source::CatalogSource;
use bevy_missions::model::tuning::Difficulty;
use bevy_missions::model::tuning::ObjectiveLabel;
use bevy_missions::model::tuning::Rarity;

use crate::common::{demo_catalog, demo_files};

const EVERY_FIELD: &str = include_str!("../fixtures/every_field.missions.ron");

fn round_trip(source: &CatalogSource) -> CatalogSource {
    let text = ron::ser::to_string_pretty(source, ron::ser::PrettyConfig::default())
        .expect("a catalog serialises");
    parse_source("round-trip", text.as_bytes()).unwrap_or_else(|e| panic!("{e}\n{text}"))
}

#[test]
fn every_field_survives_a_round_trip() {
    let source =
        parse_source("every_field", EVERY_FIELD.as_bytes()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(round_trip(&source), source);

    // And every field really was read (not left at its default).
    let full = source
        .missions
        .iter()
        .find(|m| m.id.as_str() == "FULL")
        .expect("FULL");
    assert_eq!(full.mission_type, MissionType::Diplomatic);
    assert_eq!(full.label, Some(ObjectiveLabel::Protect));
    assert_eq!(
        (full.difficulty, full.value, full.urgent),
        (3, 150000, true)
    );
    assert_eq!(full.gates.min_reputation, 100);
    assert_eq!(full.gates.prerequisites[0].amount, 2);
    assert_eq!(
        full.gates.faction_only.as_ref().map(|f| f.as_str()),
        Some("FED")
    );
    assert_eq!(full.rewards.target_reputation, -10);
    assert_eq!(
        full.timing.deadline_hours.map(|d| (d.low, d.high)),
        Some((2.0, 5.0))
    );
    assert_eq!(full.timing.window.map(|w| w.closes_at), Some(90000.0));
    assert_eq!(full.repeatable, 4);
    assert_eq!(
        full.scope,
        Scope::Shared {
            rewards: SharedRewards::Finisher
        }
    );
    assert_eq!(full.party.max_size, 4);
    assert!(full.auto_start && full.turn_in && !full.visible && !full.tracked);
    assert_eq!(full.dialogue.success_lie, "l");
    assert_eq!(full.success_message, "done!");
    assert_eq!(full.follow_ups[0].mode, FollowUpMode::AutoStart);
    assert_eq!(full.objectives.len(), 25);
    assert!(full.objectives[0].hidden);
    assert!(matches!(
        &full.objectives[8].goal,
        ObjectiveKind::Deliver { to: DeliveryTarget::Faction(f), count: 1, .. } if f.as_str() == "PIRATES"
    ));
    assert_eq!(full.effects.on_success.len(), 6);
    assert!(
        matches!(&full.effects.on_failure[1], Effect::Hook { name, args } if name.as_str() == "explode_station" && args == &["big"])
    );
    let Effect::AssignTarget(assign) = &full.effects.on_start[1] else {
        panic!("AssignTarget expected");
    };
    assert_eq!(
        (assign.layer, assign.search_range, assign.must_see),
        (Some(-2), 180, true)
    );

    let tuning = source.tuning.as_ref().expect("tuning");
    assert_eq!(tuning.rarity_mult[&Rarity::Legendary], 1.8);
    assert_eq!(source.daily.as_ref().map(|d| d.refresh_hour), Some(6));
    assert!(matches!(
        source.templates[2].kind,
        TemplateKind::Smuggling { max_scans: 2, .. }
    ));
    assert_eq!(source.places[0].position, (1.5, -2.5));
    assert!(!source.places[0].known);

    // The fixture is a valid catalog too.
    MissionCatalog::from_ron_str(EVERY_FIELD).unwrap_or_else(|e| panic!("{e}"));
}

#[test]
fn the_demo_catalog_survives_a_round_trip() {
    for (path, text) in demo_files() {
        let source = parse_source(&path, text.as_bytes()).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(round_trip(&source), source, "{path}");
    }
}

#[test]
fn defaults_match_the_seeds() {
    let catalog = MissionCatalog::from_ron_str(
        r#"(missions: [(id: "M", name: "m", objectives: [(goal: Counter(counter: "C", count: 1))])],
            counters: [(id: "C", name: "c")])"#,
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let m = catalog.mission("M").expect("M");
    assert_eq!(m.gates.min_reputation, -800, "seed 000: anyone");
    assert_eq!(m.gates.min_level, 1, "seed 000");
    assert_eq!(m.repeatable, 1, "Portals one-shot");
    assert!(m.active && m.visible && m.tracked);
    assert_eq!(m.scope, Scope::Player);
    assert_eq!(m.origins, vec![Origin::AnyNpc]);
    assert_eq!(m.party.max_size, 1);
    assert_eq!(catalog.rules().concurrent_cap, 5, "seed 000 cap");
    assert_eq!(
        catalog.rules().reputation.abandon_penalty,
        -5,
        "seed 000 abandon penalty"
    );
    let tuning = catalog.tuning();
    assert_eq!(tuning.timer(Difficulty::Routine), 180.0);
    assert_eq!(tuning.timer(Difficulty::Standard), 240.0);
    assert_eq!(tuning.label(ObjectiveLabel::Protect).weapon_box_count, 1);
    assert_eq!(tuning.label(ObjectiveLabel::Protect).enemy_count_mult, 1.15);
}

#[test]
fn the_demo_catalog_has_the_promised_content() {
    let catalog = demo_catalog();
    assert!(catalog.factions().len() >= 5);
    assert!(catalog.factions().filter(|f| !f.rivals.is_empty()).count() >= 4);
    let postings = catalog.postings();
    assert!(postings.len() >= 11);
    let mut planets: Vec<&str> = postings.iter().map(|p| p.planet.as_str()).collect();
    planets.sort();
    planets.dedup();
    assert!(planets.len() >= 3, "postings across several planets");
    for label in ObjectiveLabel::ALL {
        assert!(
            postings.iter().any(|p| p.label == label),
            "{label:?} posting"
        );
    }
    for difficulty in Difficulty::ALL {
        assert!(
            postings.iter().any(|p| p.difficulty == difficulty),
            "{difficulty:?} posting"
        );
    }
    assert!(
        catalog.missions().any(|m| !m.follow_ups.is_empty()),
        "a chain with follow-ups"
    );
    assert!(
        catalog
            .missions()
            .any(|m| !m.gates.prerequisites.is_empty()),
        "prerequisites"
    );
    let daily = catalog.daily().expect("daily slots");
    for slot in DailySlot::ALL {
        assert!(daily.slots.iter().any(|p| p.slot == slot), "{slot:?}");
    }
    assert_eq!(catalog.templates().len(), 4);
}
