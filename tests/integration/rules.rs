//! Rules the core promises: dailies pay once per game day, random missions belong to the player
//! they were drawn for, expiry costs what failure costs, session scope is never saved.

use bevy::prelude::*;
use bevy_missions::clock::MissionClock;
use bevy_missions::prelude::*;
use bevy_missions::save::restore;
use bevy_missions::testing::MissionsTest;

use crate::common::demo_catalog;

/// One daily per slot, so the same mission is drawn every day.
const DAILIES: &str = r#"(
    place_kinds: [(id: "BEACON", name: "Beacon")],
    places: [(id: "DOCK", name: "Dock", kind: "BEACON")],
    counters: [(id: "TRADES", name: "Trades")],
    daily: (refresh_hour: 0, slots: [
        (slot: Trade, missions: ["D_TRADE"]),
        (slot: Combat, missions: ["D_COMBAT"]),
        (slot: Travel, missions: ["D_TRAVEL"]),
        (slot: Social, missions: ["D_SOCIAL"]),
    ]),
    missions: [
        (id: "D_TRADE", name: "Trade", origins: [Daily], repeatable: 0,
         objectives: [(goal: Counter(counter: "TRADES", count: 1))], rewards: (credits: 100)),
        (id: "D_COMBAT", name: "Combat", origins: [Daily], repeatable: 0, objectives: [(goal: GoTo(place: "DOCK"))]),
        (id: "D_TRAVEL", name: "Travel", origins: [Daily], repeatable: 0, objectives: [(goal: GoTo(place: "DOCK"))]),
        (id: "D_SOCIAL", name: "Social", origins: [Daily], repeatable: 0, objectives: [(goal: GoTo(place: "DOCK"))]),
    ],
)"#;

fn trade_daily(t: &mut MissionsTest, player: Entity) {
    t.accept(player, "D_TRADE");
    t.fact(MissionFact::counter(player, "TRADES", 1));
}

fn seconds_to_next_refresh(t: &MissionsTest) -> f64 {
    let clock = t.app.world().resource::<MissionClock>();
    clock.next_refresh_after(clock.day(0), 0) - clock.now
}

#[test]
fn a_daily_pays_once_per_game_day_and_is_offered_again_the_next_day() {
    let mut t = MissionsTest::from_ron(DAILIES).unwrap();
    let ann = t.spawn_player("ann");
    trade_daily(&mut t, ann);
    assert_eq!(t.credits(ann), 100);
    t.accept(ann, "D_TRADE");
    assert_eq!(t.rejections().last(), Some(&RejectReason::DailyDoneToday));
    t.fact(MissionFact::counter(ann, "TRADES", 1));
    assert_eq!(t.credits(ann), 100, "paid once today");

    let wait = seconds_to_next_refresh(&t);
    t.advance(wait + 1.0);
    trade_daily(&mut t, ann);
    assert_eq!(t.credits(ann), 200, "offered and paid again the next day");
}

#[test]
fn saving_and_loading_the_same_day_does_not_reset_a_daily() {
    let mut t = MissionsTest::from_ron(DAILIES).unwrap();
    let ann = t.spawn_player("ann");
    trade_daily(&mut t, ann);
    let save = t.snapshot();
    // Quit, start a new game process, load the save the same day.
    let mut back = MissionsTest::from_ron(DAILIES).unwrap();
    back.app
        .world_mut()
        .resource_mut::<MissionClock>()
        .advance(save.clock_now);
    restore(back.app.world_mut(), save);
    back.update();
    let ann = back.player("ann").expect("ann is back");
    back.accept(ann, "D_TRADE");
    assert_eq!(
        back.rejections().last(),
        Some(&RejectReason::DailyDoneToday)
    );
}

#[test]
fn a_random_mission_can_only_be_taken_by_the_player_it_was_drawn_for() {
    let mut t = MissionsTest::new(demo_catalog());
    let (ann, bob) = (t.spawn_player("ann"), t.spawn_player("bob"));
    t.request(MissionRequest::Generate {
        player: ann,
        planet: Some("ASHFALL".into()),
        seed: 7,
    });
    let drawn = t
        .outcomes()
        .offered
        .last()
        .map(|o| o.mission.clone())
        .expect("a random mission for ann");
    t.accept(bob, drawn.as_str());
    assert_eq!(t.rejections().last(), Some(&RejectReason::NotYours));
    assert_eq!(t.status(bob, drawn.as_str()), None);
    t.accept(ann, drawn.as_str());
    assert_eq!(t.status(ann, drawn.as_str()), Some(MissionStatus::Active));
}

const PACT: &str = r#"(
    factions: [(id: "FED", name: "Federation")],
    place_kinds: [(id: "BEACON", name: "Beacon")],
    places: [(id: "DOCK", name: "Dock", kind: "BEACON"), (id: "FAR", name: "Far", kind: "BEACON")],
    missions: [
        (id: "START", name: "Starting credits", objectives: [(goal: GoTo(place: "DOCK"))], rewards: (credits: 500)),
        (id: "PACT", name: "Pact", issuer: "FED", timing: (expires_at: 100.0),
         objectives: [(goal: GoTo(place: "FAR"))],
         penalty: (credits: 200, reputation: -30),
         effects: (on_failure: [Credits(delta: -50)])),
    ],
)"#;

#[test]
fn an_expired_acceptance_costs_what_a_failure_costs_exactly_once() {
    let mut t = MissionsTest::from_ron(PACT).unwrap();
    let (ann, bob) = (t.spawn_player("ann"), t.spawn_player("bob"));
    for p in [ann, bob] {
        t.accept(p, "START");
        t.fact(MissionFact::entered(p, "DOCK"));
    }
    t.accept(ann, "PACT");
    t.advance(150.0);
    assert_eq!(t.status(ann, "PACT"), Some(MissionStatus::Expired));
    assert_eq!(
        t.credits(ann),
        500 - 200 - 50,
        "penalty and on_failure, once"
    );
    assert_eq!(t.reputation(ann, "FED"), -30);
    t.advance(1_000.0);
    assert_eq!(t.credits(ann), 250, "nothing more later");
    assert_eq!(
        t.credits(bob),
        500,
        "bob never accepted: the expiry costs him nothing"
    );
    assert_eq!(t.reputation(bob, "FED"), 0);
}

const SESSION: &str = r#"(
    place_kinds: [(id: "BEACON", name: "Beacon")],
    places: [(id: "DOCK", name: "Dock", kind: "BEACON"), (id: "FAR", name: "Far", kind: "BEACON")],
    missions: [
        (id: "LAP", name: "Lap", scope: PlayerSession, objectives: [(goal: GoTo(place: "FAR"))]),
        (id: "KEEP", name: "Keep", objectives: [(goal: GoTo(place: "FAR"))]),
    ],
)"#;

#[test]
fn a_session_attempt_in_progress_is_never_saved() {
    let mut t = MissionsTest::from_ron(SESSION).unwrap();
    let ann = t.spawn_player("ann");
    t.accept(ann, "LAP");
    t.accept(ann, "KEEP");
    let saved: Vec<String> = t
        .snapshot()
        .acceptances
        .iter()
        .map(|a| a.mission.to_string())
        .collect();
    assert_eq!(saved, vec!["KEEP"]);
}

#[test]
fn a_session_ends_when_the_player_entity_despawns() {
    let mut t = MissionsTest::from_ron(SESSION).unwrap();
    let ann = t.spawn_player("ann");
    t.accept(ann, "LAP");
    t.accept(ann, "KEEP");
    t.app.world_mut().despawn(ann);
    t.update();
    let statuses: Vec<(String, MissionStatus)> = t
        .app
        .world_mut()
        .query::<&MissionAcceptance>()
        .iter(t.app.world())
        .map(|a| (a.mission.to_string(), a.status))
        .collect();
    assert!(
        statuses.contains(&("LAP".into(), MissionStatus::Abandoned)),
        "{statuses:?}"
    );
    assert!(
        statuses.contains(&("KEEP".into(), MissionStatus::Active)),
        "{statuses:?}"
    );
}
