//! Every objective kind, ordered/parallel/optional objectives, subquests and timers.

use bevy_missions::catalog::MissionCatalog;
use bevy_missions::objectives::DeliveryPoint;
use bevy_missions::objectives::FactKind;
use bevy_missions::objectives::ObjectiveMarker;
use bevy_missions::objectives::objective_marker;
use bevy_missions::prelude::*;
use bevy_missions::testing::MissionsTest;

const CATALOG: &str = r#"(
    factions: [(id: "FED", name: "Fed"), (id: "PIRATES", name: "Pirates")],
    items: [(id: "ORE", name: "Ore"), (id: "GEM", name: "Gem"), (id: "POUCH", name: "Pouch")],
    place_kinds: [(id: "BEACON", name: "Beacon"), (id: "STATION", name: "Station")],
    places: [
        (id: "B1", name: "B1", kind: "BEACON", position: (10.0, 20.0)), (id: "B2", name: "B2", kind: "BEACON"),
        (id: "FORT", name: "Fort", kind: "STATION", faction: "FED"), (id: "DEN", name: "Den", kind: "STATION", faction: "PIRATES"),
    ],
    species: [(id: "DRONE", name: "Drone"), (id: "XENO", name: "Xeno")],
    enemies: [
        (id: "SWARMER", name: "Swarmer", species: "DRONE", faction: "PIRATES"),
        (id: "LEECH", name: "Leech", species: "XENO"),
        (id: "PET", name: "Pet", species: "DRONE", friendly: true),
    ],
    npc_classes: [(id: "ENGINEER", name: "Engineer"), (id: "CAPTAIN", name: "Captain")],
    npcs: [
        (id: "JUNO", name: "Juno", class: "ENGINEER", home: "FORT"), (id: "KAEL", name: "Kael", class: "ENGINEER"),
        (id: "VOSS", name: "Voss", class: "CAPTAIN", faction: "FED"), (id: "REDHAND", name: "Redhand", class: "CAPTAIN", faction: "PIRATES"),
    ],
    objects: [(id: "PC", name: "Terminal", place: "B2")],
    counters: [(id: "TRADES", name: "Trades")],
    missions: [
        (id: "EXPLORE", name: "Explore", objectives: [(goal: GoToKind(kind: "BEACON", count: 2))]),
        (id: "SCAN", name: "Scan", objectives: [(goal: Scan(place: "B1")), (goal: ScanKind(kind: "STATION", count: 2))]),
        (id: "ANY", name: "Any", objectives: [(goal: FindAnyItem(items: ["ORE", "GEM"], count: 3))]),
        (id: "CARGO", name: "Cargo", objectives: [(goal: Deliver(item: "ORE", count: 5, to: Place("FORT")))]),
        (id: "COURIER", name: "Courier", mission_type: Diplomatic, issuer: "PIRATES", target_faction: "FED",
         objectives: [(goal: Deliver(item: "POUCH", to: Faction("FED")))]),
        (id: "HANDOVER", name: "Handover", objectives: [(goal: Deliver(item: "GEM", to: Npc("VOSS")))]),
        (id: "PEOPLE", name: "People", objectives: [(goal: FindMonster(enemy: "PET")), (goal: FindNpc(npc: "KAEL")),
            (goal: RecruitNpc(npc: "JUNO")), (goal: RecruitNpcClass(class: "ENGINEER", count: 2))]),
        (id: "HITS", name: "Hits", effects: (on_start: [SpawnTarget(target: "BOSS", enemy: "LEECH")]),
         objectives: [(goal: Assassinate(npc: "REDHAND")), (goal: KillTarget(target: "BOSS")),
            (goal: KillSpecies(species: "DRONE", count: 2)), (goal: KillFaction(faction: "PIRATES", count: 3))]),
        (id: "HOLD", name: "Hold", objectives: [(goal: Survive(seconds: 30.0)), (goal: Counter(counter: "TRADES", count: 2), optional: true)]),
        (id: "ESCORT", name: "Escort", effects: (on_start: [SpawnTarget(target: "POD", npc: "KAEL")]),
         objectives: [(goal: Escort(target: "POD", to: "FORT"))]),
        (id: "DEFEND", name: "Defend", effects: (on_start: [SpawnTarget(target: "PYLON", enemy: "PET")]),
         objectives: [(goal: Defend(target: "PYLON", seconds: 60.0))]),
        (id: "SUB_A", name: "Sub A", origins: [Secondary], objectives: [(goal: Counter(counter: "TRADES", count: 1))]),
        (id: "PARENT", name: "Parent", effects: (on_start: [StartMission(mission: "SUB_A", auto_accept: true)]),
         objectives: [(goal: Subquest(mission: "SUB_A")), (goal: Interact(object: "PC"))]),
        (id: "SEQ_TIMER", name: "Seq timer", order: Sequential, objectives: [(goal: GoTo(place: "B1")), (goal: Survive(seconds: 10.0))]),
    ],
)"#;

fn test() -> MissionsTest {
    MissionsTest::from_ron(CATALOG).unwrap_or_else(|e| panic!("{e}"))
}

fn counts(t: &mut MissionsTest, player: bevy::prelude::Entity, mission: &str) -> Vec<u32> {
    t.acceptance(player, mission)
        .map(|a| a.progress().iter().map(|p| p.count).collect())
        .unwrap_or_default()
}

#[test]
fn go_to_a_kind_counts_distinct_places() {
    let mut t = test();
    let p = t.spawn_player("p");
    t.accept(p, "EXPLORE");
    t.fact(MissionFact::entered(p, "B1"));
    t.fact(MissionFact::entered(p, "B1"));
    t.fact(MissionFact::entered(p, "FORT"));
    assert_eq!(counts(&mut t, p, "EXPLORE"), vec![1]);
    t.fact(MissionFact::entered(p, "B2"));
    assert_eq!(t.status(p, "EXPLORE"), Some(MissionStatus::Completed));
}

#[test]
fn scanning_a_place_and_places_of_a_kind() {
    let mut t = test();
    let p = t.spawn_player("p");
    t.accept(p, "SCAN");
    t.fact(MissionFact::entered(p, "B1"));
    assert_eq!(
        counts(&mut t, p, "SCAN"),
        vec![0, 0],
        "entering is not scanning"
    );
    t.fact(MissionFact::scanned(p, "B1"));
    t.fact(MissionFact::scanned(p, "FORT"));
    t.fact(MissionFact::scanned(p, "DEN"));
    assert_eq!(t.status(p, "SCAN"), Some(MissionStatus::Completed));
}

#[test]
fn find_any_of_several_items() {
    let mut t = test();
    let p = t.spawn_player("p");
    t.accept(p, "ANY");
    t.fact(MissionFact::collected(p, "ORE", 1));
    t.fact(MissionFact::collected(p, "POUCH", 5));
    t.fact(MissionFact::collected(p, "GEM", 0));
    assert_eq!(counts(&mut t, p, "ANY"), vec![1]);
    t.fact(MissionFact::collected(p, "GEM", u32::MAX));
    assert_eq!(counts(&mut t, p, "ANY"), vec![3], "never past the target");
    assert_eq!(t.status(p, "ANY"), Some(MissionStatus::Completed));
}

#[test]
fn deliveries_must_reach_the_right_place_faction_or_npc() {
    let mut t = test();
    let p = t.spawn_player("p");
    for m in ["CARGO", "COURIER", "HANDOVER"] {
        t.accept(p, m);
    }
    t.fact(MissionFact::delivered(p, "ORE", 5, "DEN"));
    t.fact(MissionFact::delivered(p, "POUCH", 1, "DEN"));
    assert_eq!(counts(&mut t, p, "CARGO"), vec![0]);
    assert_eq!(counts(&mut t, p, "COURIER"), vec![0]);
    t.fact(MissionFact::delivered(p, "ORE", 3, "FORT"));
    t.fact(MissionFact::delivered(p, "ORE", 3, "FORT"));
    t.fact(MissionFact::delivered(p, "POUCH", 1, "FORT"));
    let to_voss = FactKind::Delivered {
        item: "GEM".into(),
        amount: 1,
        to: DeliveryPoint {
            place: None,
            npc: Some("VOSS".into()),
        },
    };
    t.fact(MissionFact::new(p, to_voss));
    for m in ["CARGO", "COURIER", "HANDOVER"] {
        assert_eq!(t.status(p, m), Some(MissionStatus::Completed), "{m}");
    }
}

#[test]
fn finding_and_recruiting_people_and_monsters() {
    let mut t = test();
    let p = t.spawn_player("p");
    t.accept(p, "PEOPLE");
    t.fact(MissionFact::new(
        p,
        FactKind::MonsterFound {
            enemy: "PET".into(),
        },
    ));
    t.fact(MissionFact::new(
        p,
        FactKind::NpcFound { npc: "KAEL".into() },
    ));
    t.fact(MissionFact::new(
        p,
        FactKind::NpcRecruited { npc: "JUNO".into() },
    ));
    assert_eq!(counts(&mut t, p, "PEOPLE"), vec![1, 1, 1, 1]);
    t.fact(MissionFact::new(
        p,
        FactKind::NpcRecruited { npc: "VOSS".into() },
    ));
    assert_eq!(
        counts(&mut t, p, "PEOPLE"),
        vec![1, 1, 1, 1],
        "a captain is not an engineer"
    );
    t.fact(MissionFact::new(
        p,
        FactKind::NpcRecruited { npc: "KAEL".into() },
    ));
    assert_eq!(t.status(p, "PEOPLE"), Some(MissionStatus::Completed));
}

#[test]
fn kills_by_npc_target_species_and_faction() {
    let mut t = test();
    let p = t.spawn_player("p");
    t.accept(p, "HITS");
    let spawned = t
        .outcomes()
        .effects
        .last()
        .cloned()
        .expect("the game is asked to spawn the target");
    assert_eq!(spawned.mission.as_str(), "HITS");
    t.fact(MissionFact::killed(p, "SWARMER"));
    t.fact(MissionFact::killed(p, "SWARMER"));
    assert_eq!(counts(&mut t, p, "HITS"), vec![0, 0, 2, 2]);
    let boss = FactKind::Killed {
        enemy: "LEECH".into(),
        target: Some("BOSS".into()),
        npc: None,
    };
    t.fact(MissionFact::new(p, boss));
    let redhand = FactKind::Killed {
        enemy: "SWARMER".into(),
        target: None,
        npc: Some("REDHAND".into()),
    };
    t.fact(MissionFact::new(p, redhand));
    assert_eq!(t.status(p, "HITS"), Some(MissionStatus::Completed));
}

#[test]
fn survive_completes_at_zero_and_optional_objectives_are_not_needed() {
    let mut t = test();
    let p = t.spawn_player("p");
    t.accept(p, "HOLD");
    let ends = t
        .acceptance(p, "HOLD")
        .and_then(|a| a.progress()[0].ends_at);
    assert_eq!(ends, Some(30.0), "the HUD can show the time left");
    t.advance(29.0);
    assert_eq!(t.status(p, "HOLD"), Some(MissionStatus::Active));
    t.advance(1.0);
    assert_eq!(t.status(p, "HOLD"), Some(MissionStatus::Completed));
    assert_eq!(counts(&mut t, p, "HOLD"), vec![30, 0]);
}

#[test]
fn escort_arrives_or_fails_when_the_target_is_lost() {
    let mut t = test();
    let (p, q) = (t.spawn_player("p"), t.spawn_player("q"));
    t.accept(p, "ESCORT");
    t.fact(MissionFact::new(
        p,
        FactKind::TargetArrived {
            target: "POD".into(),
            place: "DEN".into(),
        },
    ));
    assert_eq!(
        t.status(p, "ESCORT"),
        Some(MissionStatus::Active),
        "wrong place"
    );
    t.fact(MissionFact::new(
        p,
        FactKind::TargetArrived {
            target: "POD".into(),
            place: "FORT".into(),
        },
    ));
    assert_eq!(t.status(p, "ESCORT"), Some(MissionStatus::Completed));
    t.accept(q, "ESCORT");
    t.fact(MissionFact::new(
        q,
        FactKind::TargetDestroyed {
            target: "POD".into(),
        },
    ));
    assert_eq!(t.status(q, "ESCORT"), Some(MissionStatus::Failed));
}

#[test]
fn defend_holds_for_its_time_or_fails_when_the_target_dies() {
    let mut t = test();
    let (p, q) = (t.spawn_player("p"), t.spawn_player("q"));
    t.accept(p, "DEFEND");
    t.accept(q, "DEFEND");
    t.advance(30.0);
    t.fact(MissionFact::new(
        q,
        FactKind::TargetDestroyed {
            target: "PYLON".into(),
        },
    ));
    assert_eq!(t.status(q, "DEFEND"), Some(MissionStatus::Failed));
    assert_eq!(
        t.status(p, "DEFEND"),
        Some(MissionStatus::Active),
        "q's pylon is not p's"
    );
    t.advance(30.0);
    assert_eq!(t.status(p, "DEFEND"), Some(MissionStatus::Completed));
    // A lost target after the objective is done changes nothing.
    t.fact(MissionFact::new(
        p,
        FactKind::TargetDestroyed {
            target: "PYLON".into(),
        },
    ));
    assert_eq!(t.status(p, "DEFEND"), Some(MissionStatus::Completed));
}

#[test]
fn subquests_contribute_to_their_parent() {
    let mut t = test();
    let p = t.spawn_player("p");
    t.accept(p, "PARENT");
    assert_eq!(
        t.status(p, "SUB_A"),
        Some(MissionStatus::Active),
        "started by the parent's effect"
    );
    t.fact(MissionFact::counter(p, "TRADES", 1));
    assert_eq!(t.status(p, "SUB_A"), Some(MissionStatus::Completed));
    assert_eq!(counts(&mut t, p, "PARENT"), vec![1, 0]);
    t.fact(MissionFact::interacted(p, "PC"));
    assert_eq!(t.status(p, "PARENT"), Some(MissionStatus::Completed));
}

#[test]
fn a_sequential_timer_starts_when_its_objective_becomes_current() {
    let mut t = test();
    let p = t.spawn_player("p");
    t.accept(p, "SEQ_TIMER");
    assert_eq!(
        t.acceptance(p, "SEQ_TIMER")
            .and_then(|a| a.progress()[1].ends_at),
        None
    );
    t.advance(50.0);
    t.fact(MissionFact::entered(p, "B1"));
    assert_eq!(
        t.acceptance(p, "SEQ_TIMER")
            .and_then(|a| a.progress()[1].ends_at),
        Some(60.0)
    );
    t.advance(9.0);
    assert_eq!(t.status(p, "SEQ_TIMER"), Some(MissionStatus::Active));
    t.advance(1.0);
    assert_eq!(t.status(p, "SEQ_TIMER"), Some(MissionStatus::Completed));
}

#[test]
fn every_objective_exposes_a_marker() {
    let catalog = MissionCatalog::from_ron_str(CATALOG).expect("valid");
    let marker = |mission: &str, i: usize| {
        objective_marker(
            &catalog.mission(mission).expect("mission").objectives[i].goal,
            &catalog,
        )
    };
    assert_eq!(
        marker("SCAN", 0),
        ObjectiveMarker::Place {
            place: "B1".into(),
            position: (10.0, 20.0)
        }
    );
    assert_eq!(
        marker("EXPLORE", 0),
        ObjectiveMarker::PlaceKind("BEACON".into())
    );
    assert_eq!(marker("HITS", 1), ObjectiveMarker::Target("BOSS".into()));
    assert_eq!(marker("COURIER", 0), ObjectiveMarker::Faction("FED".into()));
    assert_eq!(
        marker("PEOPLE", 2),
        ObjectiveMarker::Npc {
            npc: "JUNO".into(),
            position: Some((0.0, 0.0))
        }
    );
    assert_eq!(
        marker("PARENT", 1),
        ObjectiveMarker::Place {
            place: "B2".into(),
            position: (0.0, 0.0)
        }
    );
    assert_eq!(marker("HOLD", 0), ObjectiveMarker::None);
}

#[test]
fn markers_point_at_what_the_game_reported_for_start_effects() {
    use bevy_missions::lifecycle::EffectOutcome;
    use bevy_missions::lifecycle::MissionEffectResolved;
    use bevy_missions::model::progress::ChosenPlace;
    let mut t = MissionsTest::new(crate::common::demo_catalog());
    let ann = t.spawn_player("ann");
    t.accept(ann, "M_ASHFALL_CONVOY");
    let acc = t.acceptance(ann, "M_ASHFALL_CONVOY").unwrap();
    let acceptance = t.outcomes().accepted.last().map(|a| a.acceptance).unwrap();
    let catalog = t.app.world().resource::<MissionCatalog>().clone();
    let def = catalog.mission("M_ASHFALL_CONVOY").unwrap();
    assert_eq!(
        acc.marker(0, def, &catalog),
        ObjectiveMarker::Target("GUILD_HAULER".into()),
        "before the game answers, the marker names the target"
    );
    let hauler = t.app.world_mut().spawn_empty().id();
    t.app.world_mut().write_message(MissionEffectResolved {
        acceptance,
        outcome: EffectOutcome::Spawned {
            target: "GUILD_HAULER".into(),
            entity: hauler,
        },
    });
    // The convoy asked for no place: an answer naming one is refused.
    t.app.world_mut().write_message(MissionEffectResolved {
        acceptance,
        outcome: EffectOutcome::Place(ChosenPlace {
            kind: Some("WRECK".into()),
            place: "ASHFALL_WRECK_2".into(),
        }),
    });
    // An answer about an acceptance that does not exist is refused.
    let ghost = t.app.world_mut().spawn_empty().id();
    t.app.world_mut().write_message(MissionEffectResolved {
        acceptance: ghost,
        outcome: EffectOutcome::Spawned {
            target: "GUILD_HAULER".into(),
            entity: ghost,
        },
    });
    t.update();
    let acc = t.acceptance(ann, "M_ASHFALL_CONVOY").unwrap();
    assert_eq!(
        acc.marker(0, def, &catalog),
        ObjectiveMarker::Entity(hauler)
    );
    assert!(acc.places().is_empty(), "the unasked place was refused");
    // A kind of place: the marker points at the place the game chose.
    t.accept(ann, "M_FIND_BLACK_BOX");
    let search = t.outcomes().accepted.last().map(|a| a.acceptance).unwrap();
    t.app.world_mut().write_message(MissionEffectResolved {
        acceptance: search,
        outcome: EffectOutcome::Place(ChosenPlace {
            kind: Some("WRECK".into()),
            place: "ASHFALL_WRECK_2".into(),
        }),
    });
    t.update();
    let saved = t.snapshot();
    let places = &saved
        .acceptances
        .iter()
        .find(|a| a.mission.as_str() == "M_FIND_BLACK_BOX")
        .unwrap()
        .places;
    assert_eq!(
        places[0].place.as_str(),
        "ASHFALL_WRECK_2",
        "the chosen place is saved"
    );
    let def = catalog.mission("M_FIND_BLACK_BOX").unwrap();
    let acc = t.acceptance(ann, "M_FIND_BLACK_BOX").unwrap();
    assert_eq!(
        acc.marker(0, def, &catalog),
        ObjectiveMarker::Place {
            place: "ASHFALL_WRECK_2".into(),
            position: (380.0, -300.0)
        }
    );
}

/// The game answers each start effect once: a second place for the same kind, a second live
/// entity for the same target, an answer to an effect the mission never asked for, or about an
/// attempt that does not exist, is refused with its reason; a target spawned again once the
/// first is gone replaces it. After a save and load the game is asked again for what it must
/// redo (targets are not saved) or never answered.
#[test]
fn each_start_effect_is_answered_once_and_asked_again_after_a_load() {
    use bevy_missions::lifecycle::{
        EffectAnswerRefusal, EffectOutcome, MissionEffectRefused, MissionEffectResolved,
    };
    use bevy_missions::model::effect::Effect;
    use bevy_missions::model::progress::ChosenPlace;
    use bevy_missions::save::{capture, restore};
    const EFFECTS: &str = r#"(
        place_kinds: [(id: "WRECK", name: "Wreck")],
        places: [(id: "W1", name: "Wreck 1", kind: "WRECK"), (id: "W2", name: "Wreck 2", kind: "WRECK")],
        species: [(id: "DRONE", name: "Drone")],
        enemies: [(id: "BOSS_SHIP", name: "Boss", species: "DRONE")],
        missions: [(id: "HUNT", name: "Hunt",
            objectives: [(goal: GoToKind(kind: "WRECK")), (goal: KillTarget(target: "BOSS"))],
            effects: (on_start: [AssignTarget((kind: "WRECK")), SpawnTarget(target: "BOSS", enemy: "BOSS_SHIP")]))],
    )"#;
    let mut t = MissionsTest::from_ron(EFFECTS).unwrap();
    let ann = t.spawn_player("ann");
    t.accept(ann, "HUNT");
    let acceptance = t.outcomes().accepted[0].acceptance;
    let answer = |t: &mut MissionsTest, outcome: EffectOutcome| {
        t.app.world_mut().write_message(MissionEffectResolved {
            acceptance,
            outcome,
        });
        t.update();
        t.app
            .world_mut()
            .resource_mut::<bevy::ecs::message::Messages<MissionEffectRefused>>()
            .drain()
            .map(|r| r.reason)
            .collect::<Vec<_>>()
    };
    let place = |p: &str| {
        EffectOutcome::Place(ChosenPlace {
            kind: Some("WRECK".into()),
            place: p.into(),
        })
    };
    let boss = t.app.world_mut().spawn_empty().id();
    let spawned = |e| EffectOutcome::Spawned {
        target: "BOSS".into(),
        entity: e,
    };
    assert_eq!(answer(&mut t, place("W1")), vec![]);
    assert_eq!(
        answer(&mut t, place("W2")),
        vec![EffectAnswerRefusal::AlreadyAnswered]
    );
    // Answers that name no kind go to the one effect that takes them, once: a game that
    // answers again and again adds nothing.
    let kindless = |p: &str| {
        EffectOutcome::Place(ChosenPlace {
            kind: None,
            place: p.into(),
        })
    };
    assert_eq!(answer(&mut t, kindless("W2")), vec![]);
    for p in ["W1", "W3", "W4"] {
        assert_eq!(
            answer(&mut t, kindless(p)),
            vec![EffectAnswerRefusal::AlreadyAnswered],
            "{p}"
        );
    }
    assert_eq!(t.acceptance(ann, "HUNT").unwrap().places().len(), 2);
    assert_eq!(answer(&mut t, spawned(boss)), vec![]);
    let other = t.app.world_mut().spawn_empty().id();
    assert_eq!(
        answer(&mut t, spawned(other)),
        vec![EffectAnswerRefusal::AlreadyAnswered],
        "the first boss is still there"
    );
    t.app.world_mut().despawn(boss);
    assert_eq!(
        answer(&mut t, spawned(other)),
        vec![],
        "spawned again for a new run"
    );
    let stranger = EffectOutcome::Spawned {
        target: "NOBODY".into(),
        entity: other,
    };
    assert_eq!(
        answer(&mut t, stranger),
        vec![EffectAnswerRefusal::NotRequested]
    );
    let acc = t.acceptance(ann, "HUNT").unwrap();
    assert_eq!(acc.places().len(), 2);
    assert_eq!(
        acc.spawned().iter().map(|s| s.entity).collect::<Vec<_>>(),
        vec![other]
    );

    // Saved and loaded: the place is kept, the boss is asked for again.
    let save = capture(t.app.world_mut());
    let mut back = MissionsTest::from_ron(EFFECTS).unwrap();
    restore(back.app.world_mut(), save);
    back.update();
    let asked: Vec<Effect> = back
        .outcomes()
        .effects
        .iter()
        .map(|e| e.effect.clone())
        .collect();
    assert!(
        matches!(asked.as_slice(), [Effect::SpawnTarget { .. }]),
        "only the target is asked for again: {asked:?}"
    );
    let ann = back.player("ann").unwrap();
    assert_eq!(back.acceptance(ann, "HUNT").unwrap().places().len(), 2);
}
