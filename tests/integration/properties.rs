//! Property tests: random sequences of requests, facts and clock advances for several players,
//! with the lifecycle's invariants checked after every step.

use std::collections::HashMap;

use bevy::prelude::*;
use bevy_missions::lifecycle::MissionAcceptance;
use bevy_missions::model::player::MissionJournal;
use bevy_missions::model::player::RewardLedger;
use bevy_missions::model::save::SaveGame;
use bevy_missions::model::status::Transition;
use bevy_missions::model::status::next_status;
use bevy_missions::player::ActiveMissions;
use bevy_missions::prelude::*;
use bevy_missions::save::restore;
use bevy_missions::testing::MissionsTest;
use proptest::prelude::*;

const CATALOG: &str = r#"(
    rules: (concurrent_cap: 2, journal_size: 1000),
    factions: [(id: "A", name: "A", rivals: ["B"]), (id: "B", name: "B")],
    items: [(id: "ORE", name: "Ore")],
    place_kinds: [(id: "K", name: "K")],
    places: [(id: "P1", name: "P1", kind: "K"), (id: "P2", name: "P2", kind: "K")],
    species: [(id: "S", name: "S")],
    enemies: [(id: "E", name: "E", species: "S", faction: "B")],
    missions: [
        (id: "GO", name: "go", issuer: "A", objectives: [(goal: GoTo(place: "P1"))], rewards: (credits: 10, reputation: 40), repeatable: 0, follow_ups: [(mission: "NEXT", mode: AutoStart)]),
        (id: "NEXT", name: "next", issuer: "B", origins: [Secondary], objectives: [(goal: GoToKind(kind: "K", count: 2))], rewards: (credits: 7), repeatable: 0),
        (id: "KILL", name: "kill", issuer: "B", objectives: [(goal: KillFaction(faction: "B", count: 2))], rewards: (credits: 13), repeatable: 3, timing: (cooldown: 30.0)),
        (id: "TIMED", name: "timed", objectives: [(goal: FindItem(item: "ORE", count: 3))], rewards: (credits: 17), timing: (deadline_hours: (low: 0.01, high: 0.02)), repeatable: 0),
        (id: "TURNIN", name: "turn in", turn_in: true, objectives: [(goal: GoTo(place: "P2"))], rewards: (credits: 19), repeatable: 0),
        (id: "SHARED", name: "shared", scope: Shared(rewards: Everyone), objectives: [(goal: KillType(enemy: "E", count: 3))], rewards: (credits: 23), repeatable: 0),
        (id: "PARTY", name: "party", party: (max_size: 2), objectives: [(goal: Survive(seconds: 20.0)), (goal: GoTo(place: "P2"))], order: Sequential, rewards: (credits: 29), repeatable: 0),
    ],
)"#;

const MISSIONS: [&str; 7] = ["GO", "NEXT", "KILL", "TIMED", "TURNIN", "SHARED", "PARTY"];

#[derive(Clone, Debug)]
enum Step {
    Accept(usize, usize),
    Abandon(usize, usize),
    TurnIn(usize, usize),
    Join(usize, usize, usize),
    Fact(usize, u8),
    Advance(u16),
    Burst(usize, usize),
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        (0..3usize, 0..7usize).prop_map(|(p, m)| Step::Accept(p, m)),
        (0..3usize, 0..7usize).prop_map(|(p, m)| Step::Abandon(p, m)),
        (0..3usize, 0..7usize).prop_map(|(p, m)| Step::TurnIn(p, m)),
        (0..3usize, 0..3usize, 0..7usize).prop_map(|(p, l, m)| Step::Join(p, l, m)),
        (0..3usize, 0..6u8).prop_map(|(p, f)| Step::Fact(p, f)),
        (1..60u16).prop_map(Step::Advance),
        (0..3usize, 0..7usize).prop_map(|(p, m)| Step::Burst(p, m)),
    ]
}

fn fact(player: Entity, which: u8) -> MissionFact {
    match which {
        0 => MissionFact::entered(player, "P1"),
        1 => MissionFact::entered(player, "P2"),
        2 => MissionFact::killed(player, "E"),
        3 => MissionFact::collected(player, "ORE", 2),
        4 => MissionFact::collected(player, "ORE", u32::MAX),
        _ => MissionFact::killed(player, "NOT_AN_ENEMY"),
    }
}

fn apply(t: &mut MissionsTest, players: &[Entity], step: &Step) {
    let mission = |m: usize| MissionId::from(MISSIONS[m]);
    match step {
        Step::Accept(p, m) => t.accept(players[*p], MISSIONS[*m]),
        Step::Abandon(p, m) => t.abandon(players[*p], MISSIONS[*m]),
        Step::TurnIn(p, m) => t.turn_in(players[*p], MISSIONS[*m]),
        Step::Join(p, l, m) => t.request(MissionRequest::Join {
            player: players[*p],
            leader: players[*l],
            mission: mission(*m),
        }),
        Step::Fact(p, f) => t.fact(fact(players[*p], *f)),
        Step::Advance(s) => t.advance(f64::from(*s)),
        Step::Burst(p, m) => {
            // Interleaved requests in one frame.
            let player = players[*p];
            for request in [
                MissionRequest::Accept {
                    player,
                    mission: mission(*m),
                },
                MissionRequest::TurnIn {
                    player,
                    mission: mission(*m),
                },
                MissionRequest::Accept {
                    player,
                    mission: mission(*m),
                },
                MissionRequest::Abandon {
                    player,
                    mission: mission(*m),
                },
            ] {
                t.app.world_mut().write_message(request);
            }
            t.app.world_mut().write_message(fact(player, 1));
            t.update();
        }
    }
}

/// One attempt, live or finished.
struct Attempt {
    serial: u64,
    mission: MissionId,
    status: MissionStatus,
    holders: Vec<Entity>,
}

fn check_invariants(
    t: &mut MissionsTest,
    players: &[Entity],
    seen: &mut HashMap<u64, MissionStatus>,
) -> Result<(), TestCaseError> {
    // Live acceptances, and the finished ones (despawned) from the players' journals.
    let mut acceptances: Vec<Attempt> = {
        let world = t.app.world_mut();
        let mut q = world.query::<&MissionAcceptance>();
        q.iter(world)
            .map(|a| Attempt {
                serial: a.serial(),
                mission: a.mission().clone(),
                status: a.status(),
                holders: a.holders().to_vec(),
            })
            .collect()
    };
    for &player in players {
        let journal = t.get::<MissionJournal>(player).unwrap_or_default();
        for entry in &journal.0 {
            match acceptances.iter_mut().find(|a| a.serial == entry.serial) {
                Some(a) if !a.holders.contains(&player) => a.holders.push(player),
                Some(_) => {}
                None => acceptances.push(Attempt {
                    serial: entry.serial,
                    mission: entry.mission.clone(),
                    status: entry.status,
                    holders: vec![player],
                }),
            }
        }
    }
    // Only legal transitions: a status either stays or follows the table.
    for acc in &acceptances {
        if let Some(before) = seen.get(&acc.serial)
            && *before != acc.status
        {
            let legal = [
                Transition::Complete,
                Transition::Fail,
                Transition::Abandon,
                Transition::Expire,
            ]
            .iter()
            .any(|t| next_status(*before, *t) == Ok(acc.status));
            prop_assert!(legal, "illegal transition {:?} -> {:?}", before, acc.status);
        }
        seen.insert(acc.serial, acc.status);
    }
    for &player in players {
        let active = t.get::<ActiveMissions>(player).expect("active");
        let cap = 2;
        prop_assert!(active.len() <= cap, "active {} > cap", active.len());
        for (e, m) in active.iter() {
            let acc = acceptances.iter().find(|a| {
                t.app
                    .world()
                    .get::<MissionAcceptance>(e)
                    .is_some_and(|x| x.serial() == a.serial)
            });
            prop_assert!(
                acc.is_some_and(|a| a.status == MissionStatus::Active && &a.mission == m),
                "active list out of sync"
            );
        }
        let ledger = t.get::<RewardLedger>(player).expect("ledger");
        // No penalties or credit effects in this catalog: credits are exactly what was paid.
        prop_assert_eq!(t.credits(player), ledger.credits_paid());
        // The ledger owes exactly the attempts this player holds in progress: nothing finished
        // stays in it (it cannot grow), and nothing in progress is missing (it will be paid).
        for a in &acceptances {
            let held = a.status == MissionStatus::Active && a.holders.contains(&player);
            prop_assert_eq!(ledger.owes(a.serial), held, "serial {}", a.serial);
        }
        let held = acceptances
            .iter()
            .filter(|a| a.status == MissionStatus::Active && a.holders.contains(&player))
            .count();
        prop_assert_eq!(ledger.owed_len(), held);
        let completed_paid: u64 = acceptances
            .iter()
            .filter(|a| a.status == MissionStatus::Completed && a.holders.contains(&player))
            .map(|a| match a.mission.as_str() {
                "GO" => 10,
                "NEXT" => 7,
                "KILL" => 13,
                "TIMED" => 17,
                "TURNIN" => 19,
                "SHARED" => 23,
                "PARTY" => 29,
                _ => 0,
            })
            .sum();
        prop_assert_eq!(
            ledger.credits_paid(),
            completed_paid,
            "credits equal the sum of rewards of completed acceptances"
        );
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn lifecycle_invariants_hold_after_every_step(steps in proptest::collection::vec(step(), 1..40)) {
        let mut t = MissionsTest::from_ron(CATALOG).expect("valid catalog");
        let players = [t.spawn_player("p0"), t.spawn_player("p1"), t.spawn_player("p2")];
        let mut seen = HashMap::new();
        for step in &steps {
            apply(&mut t, &players, step);
            check_invariants(&mut t, &players, &mut seen)?;
        }
    }
}

/// Everything a save holds, through text and back into a fresh game, then captured again.
fn reloaded(t: &mut MissionsTest) -> Result<(SaveGame, SaveGame), TestCaseError> {
    let before = t.snapshot();
    let text = before
        .to_ron()
        .map_err(|e| TestCaseError::fail(e.to_string()))?;
    let parsed = SaveGame::from_ron(std::path::Path::new("p.save.ron"), text.as_bytes())
        .map_err(|e| TestCaseError::fail(e.to_string()))?;
    prop_assert_eq!(&parsed, &before, "text round trip");
    let mut fresh = MissionsTest::from_ron(CATALOG).expect("valid catalog");
    let report = restore(fresh.app.world_mut(), parsed);
    prop_assert!(report.warnings.is_empty(), "{:?}", report.warnings);
    fresh.update();
    Ok((before, fresh.snapshot()))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 32, ..ProptestConfig::default() })]

    /// Save → load is the identity for any state the lifecycle can reach.
    #[test]
    fn save_then_load_is_the_identity(steps in proptest::collection::vec(step(), 1..30)) {
        let mut t = MissionsTest::from_ron(CATALOG).expect("valid catalog");
        let players = [t.spawn_player("p0"), t.spawn_player("p1"), t.spawn_player("p2")];
        for step in &steps {
            apply(&mut t, &players, step);
        }
        let (before, after) = reloaded(&mut t)?;
        prop_assert_eq!(after, before);
    }

    /// The save loader never panics: any bytes load or give an error naming the file.
    #[test]
    fn the_save_loader_never_panics_on_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        if let Err(e) = SaveGame::from_ron(std::path::Path::new("junk.ron"), &bytes) {
            prop_assert!(e.to_string().starts_with("junk.ron"));
        }
    }

    /// Nor on a real save with bytes cut out or replaced.
    #[test]
    fn the_save_loader_never_panics_on_damaged_saves(
        cut in 0usize..4096,
        len in 0usize..64,
        junk in proptest::collection::vec(any::<u8>(), 0..8),
    ) {
        let text = SAVE_SAMPLE.as_bytes();
        let start = cut.min(text.len());
        let end = (start + len).min(text.len());
        let mut bytes = text[..start].to_vec();
        bytes.extend_from_slice(&junk);
        bytes.extend_from_slice(&text[end..]);
        let _ = SaveGame::from_ron(std::path::Path::new("damaged.ron"), &bytes);
    }
}

const SAVE_SAMPLE: &str = include_str!("../fixtures/save_v2.ron");
