//! All the shipped content is playable: a pilot who only does what the demo game lets a player do
//! (`examples/demo/produce.rs`: visit, scan, use and pick up things on the field, destroy enemies
//! and named ships, escort and defend, trade, message, fly with the fleet, deliver, talk and
//! recruit at the station) completes every mission in `assets/missions`, taking them from where
//! the demo offers them (postings, the board, dailies, random missions, people on comms,
//! follow-ups, items) over a few game days.

use std::collections::BTreeSet;

use bevy::ecs::system::SystemState;
use bevy::prelude::*;
use bevy_missions::board::MissionBoard;
use bevy_missions::catalog::MissionCatalog;
use bevy_missions::ids::*;
use bevy_missions::lifecycle::GeneratedMissions;
use bevy_missions::lifecycle::MissionAcceptance;
use bevy_missions::model::objective::ObjectiveKind;
use bevy_missions::model::player::Inventory;
use bevy_missions::model::player::MissionHistory;
use bevy_missions::model::run::RunDefinition;
use bevy_missions::model::run::RunOverrides;
use bevy_missions::model::world::ItemKind;
use bevy_missions::objectives::DeliveryPoint;
use bevy_missions::player::ActiveMissions;
use bevy_missions::prelude::*;
use bevy_missions::testing::MissionsTest;

use crate::common::demo_catalog;
use crate::produce;

/// What the pilot can take now, as the demo offers it: missions never completed first, then
/// repeats of contracts (for the experience and standing later gates ask for).
fn offers(t: &mut MissionsTest, pilot: Entity, catalog: &MissionCatalog) -> Vec<MissionRequest> {
    let history = t.get::<MissionHistory>(pilot).unwrap_or_default();
    let mut state: SystemState<MissionBoard> = SystemState::new(t.app.world_mut());
    let board = state.get(t.app.world()).expect("board");
    let mut out: Vec<(u32, MissionRequest)> = Vec::new();
    for e in board.entries(pilot).iter().filter(|e| e.locked.is_none()) {
        out.push((
            history.completions(&e.mission.id),
            MissionRequest::AcceptPosting {
                player: pilot,
                posting: e.posting.id.clone(),
                overrides: RunOverrides::default(),
            },
        ));
    }
    let mut missions: Vec<MissionId> = Vec::new();
    missions.extend(board.unposted(pilot).iter().map(|o| o.mission.id.clone()));
    missions.extend(
        board
            .dailies(pilot)
            .iter()
            .map(|(_, o)| o.mission.id.clone()),
    );
    missions.extend(board.random(pilot).iter().map(|o| o.mission.id.clone()));
    // The people on comms (those with a home station), as the station window lists them.
    for npc in catalog.npcs().filter(|n| n.home.is_some()) {
        missions.extend(
            board
                .offers_from(pilot, &npc.id)
                .iter()
                .filter(|o| o.locked.is_none())
                .map(|o| o.mission.id.clone()),
        );
    }
    // Follow-ups offered to the pilot.
    missions.extend(history.offered.iter().cloned());
    for mission in missions {
        let done = history.completions(&mission);
        out.push((
            done,
            MissionRequest::Accept {
                player: pilot,
                mission,
            },
        ));
    }
    out.sort_by_key(|(done, _)| *done);
    out.into_iter().map(|(_, r)| r).collect()
}

/// The facts the pilot produces, through the demo's own actions, for one open objective.
fn play(
    t: &mut MissionsTest,
    pilot: Entity,
    catalog: &MissionCatalog,
    goal: &ObjectiveKind,
    left: u32,
    seen: &[String],
) -> Vec<MissionFact> {
    let hostile = || catalog.enemies().filter(|e| !e.friendly);
    let times = |f: MissionFact| vec![f; left as usize];
    let places_of = |kind: &PlaceKindId| -> Vec<PlaceId> {
        catalog
            .places()
            .filter(|p| &p.kind == kind && !seen.iter().any(|s| s == p.id.as_str()))
            .map(|p| p.id.clone())
            .take(left as usize)
            .collect()
    };
    let recruit = |npc: &NpcId| -> Vec<MissionFact> {
        match catalog.npc(npc.as_str()).and_then(|n| n.home.as_ref()) {
            // At the station: call them on comms and sign them on.
            Some(_) => vec![produce::talked(pilot, npc), produce::recruited(pilot, npc)],
            // Adrift: the field puts their ship in reach.
            None => produce::found_adrift(pilot, npc).to_vec(),
        }
    };
    match goal {
        ObjectiveKind::GoTo { place } => vec![produce::visited(pilot, place)],
        ObjectiveKind::GoToKind { kind, .. } => places_of(kind)
            .iter()
            .map(|p| produce::visited(pilot, p))
            .collect(),
        ObjectiveKind::Scan { place } => produce::scanned(pilot, place).to_vec(),
        ObjectiveKind::ScanKind { kind, .. } => places_of(kind)
            .iter()
            .flat_map(|p| produce::scanned(pilot, p))
            .collect(),
        ObjectiveKind::Interact { object } => vec![produce::used(pilot, object)],
        ObjectiveKind::FindItem { item, .. } => times(produce::picked_up(pilot, item)),
        ObjectiveKind::FindAnyItem { items, .. } => items
            .first()
            .map_or(vec![], |i| times(produce::picked_up(pilot, i))),
        ObjectiveKind::Deliver { item, count, to } => {
            let point = DeliveryPoint::accepted_by(catalog, to);
            let mut facts = Vec::new();
            let mut hold = t.get::<Inventory>(pilot).unwrap_or_default();
            let short = count.saturating_sub(hold.count(item));
            let sold_here = catalog
                .item(item.as_str())
                .is_some_and(|d| d.kind == ItemKind::Cargo);
            if short > 0 && sold_here {
                // Bought at the trade terminal, one trade per unit.
                hold.change(item, i64::from(short));
                facts.extend(vec![produce::traded(pilot); short as usize]);
            }
            if hold.count(item) >= *count {
                hold.change(item, -i64::from(*count));
                facts.push(produce::delivered(pilot, item, *count, &point));
            }
            t.app.world_mut().entity_mut(pilot).insert(hold);
            facts
        }
        ObjectiveKind::FindMonster { enemy } => vec![produce::retrieved(pilot, enemy)],
        ObjectiveKind::FindNpc { npc } => produce::found_adrift(pilot, npc).to_vec(),
        ObjectiveKind::RecruitNpc { npc } => recruit(npc),
        ObjectiveKind::RecruitNpcClass { class, .. } => catalog
            .npcs()
            .filter(|n| &n.class == class)
            .take(left as usize)
            .flat_map(|n| recruit(&n.id))
            .collect(),
        ObjectiveKind::Assassinate { npc } => {
            let kind = hostile().next().map(|e| e.id.clone()).unwrap_or_default();
            vec![produce::destroyed(pilot, &kind, None, Some(npc))]
        }
        ObjectiveKind::KillTarget { target } => {
            let kind = hostile().next().map(|e| e.id.clone()).unwrap_or_default();
            vec![produce::destroyed(pilot, &kind, Some(target), None)]
        }
        ObjectiveKind::KillType { enemy, .. } => {
            times(produce::destroyed(pilot, enemy, None, None))
        }
        ObjectiveKind::KillSpecies { species, .. } => hostile()
            .find(|e| &e.species == species)
            .map_or(vec![], |e| {
                times(produce::destroyed(pilot, &e.id, None, None))
            }),
        ObjectiveKind::KillFaction { faction, .. } => hostile()
            .find(|e| e.faction.as_ref() == Some(faction))
            .map_or(vec![], |e| {
                times(produce::destroyed(pilot, &e.id, None, None))
            }),
        ObjectiveKind::Counter { counter, .. } => {
            let one = match counter.as_str() {
                produce::TRADES => produce::traded(pilot),
                produce::MESSAGES_SENT => produce::message_sent(pilot),
                produce::FLEET_ACTIONS => produce::fleet_action(pilot),
                produce::RUNS_WON => produce::run_won(pilot),
                produce::PATROL_SCANS => produce::scanned(pilot, &"HUB_STATION".into())[1].clone(),
                _ => return vec![],
            };
            times(one)
        }
        ObjectiveKind::Escort { target, to } => vec![produce::ward_arrived(pilot, target, to)],
        // Surviving and defending take time; subquests complete with their missions.
        _ => vec![],
    }
}

#[test]
fn every_shipped_mission_can_be_completed_with_what_the_demo_produces() {
    let catalog = demo_catalog();
    let mut t = MissionsTest::new(catalog.clone());
    let pilot = t.spawn_player("pilot");
    let all: BTreeSet<MissionId> = catalog.missions().map(|m| m.id.clone()).collect();
    for day in 0..40u64 {
        t.request(MissionRequest::Generate {
            player: pilot,
            planet: None,
            seed: day,
        });
        for _round in 0..6 {
            // Taken one at a time, keeping two places free under the cap for the subquests
            // a mission may start.
            let cap = catalog.rules().concurrent_cap as usize;
            for request in offers(&mut t, pilot, &catalog) {
                let active = t.get::<ActiveMissions>(pilot).map_or(0, |a| a.len());
                if active + 2 < cap {
                    t.request(request);
                }
            }
            // The pilot launches every contract taken (its extraction timer starts then).
            if t.get::<RunDefinition>(pilot).is_some() {
                t.request(MissionRequest::start_run(pilot));
            }
            // Items that start a mission when used, from the hold.
            let hold = t.get::<Inventory>(pilot).unwrap_or_default();
            for m in catalog.missions() {
                if let Some(item) = m.triggered_by_item.as_ref().filter(|i| hold.count(i) > 0) {
                    t.request(MissionRequest::UseItem {
                        player: pilot,
                        item: item.clone(),
                    });
                }
            }
            let active: Vec<MissionAcceptance> = {
                let world = t.app.world_mut();
                let mut q = world.query::<&MissionAcceptance>();
                q.iter(world)
                    .filter(|a| a.holders().contains(&pilot) && !a.status().is_terminal())
                    .cloned()
                    .collect()
            };
            for acc in &active {
                let generated = t.app.world().resource::<GeneratedMissions>();
                let Some(def) = generated.lookup(&catalog, acc.mission().as_str()).cloned() else {
                    continue;
                };
                for (i, o) in def.objectives.iter().enumerate() {
                    let Some(p) = acc.progress().get(i).filter(|p| !p.done) else {
                        continue;
                    };
                    if !acc.is_current(i, def.order) {
                        continue;
                    }
                    let left = p.target.saturating_sub(p.count).max(1);
                    for fact in play(&mut t, pilot, &catalog, &o.goal, left, &p.seen) {
                        t.fact(fact);
                    }
                }
                if def.turn_in {
                    t.request(MissionRequest::TurnIn {
                        player: pilot,
                        mission: def.id.clone(),
                    });
                }
            }
            // A run's worth of time: survive timers and defences run out.
            for _ in 0..5 {
                t.advance(100.0);
            }
        }
        let history = t.get::<MissionHistory>(pilot).unwrap_or_default();
        let done: BTreeSet<MissionId> = all
            .iter()
            .filter(|m| history.completions(m) > 0)
            .cloned()
            .collect();
        if done.len() == all.len() {
            println!("every mission completed by day {day}");
            return;
        }
        t.advance(86_400.0);
    }
    let history = t.get::<MissionHistory>(pilot).unwrap_or_default();
    let missing: Vec<&MissionId> = all.iter().filter(|m| history.completions(m) == 0).collect();
    let completed: BTreeSet<&MissionId> =
        t.outcomes().completed.iter().map(|c| &c.mission).collect();
    eprintln!("completed: {completed:?}");
    let world = t.app.world_mut();
    let mut q = world.query::<&MissionAcceptance>();
    for a in q.iter(world).filter(|a| !a.status().is_terminal()) {
        eprintln!(
            "still active: {} {:?}",
            a.mission(),
            a.progress()
                .iter()
                .map(|p| (p.count, p.target, p.done, p.ends_at))
                .collect::<Vec<_>>()
        );
    }
    let mut rejected: Vec<String> = t.rejections().iter().map(|r| format!("{r:?}")).collect();
    rejected.sort();
    rejected.dedup();
    eprintln!("rejections: {rejected:#?}");
    panic!("never completed with what the demo produces: {missing:?}");
}
