//! Rules the core promises: dailies pay once per game day, random missions belong to the player
//! they were drawn for, expiry costs what failure costs, session scope is never saved.

use bevy::prelude::*;
use bevy_missions::clock::MissionClock;
use bevy_missions::model::player::MissionJournal;
use bevy_missions::model::player::Wallet;
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
        .map(|a| (a.mission().to_string(), a.status()))
        .collect();
    assert_eq!(
        statuses,
        vec![("KEEP".to_owned(), MissionStatus::Active)],
        "the session attempt ended (and was despawned), the persistent one waits for ann"
    );
}

fn survive_ends_at(t: &mut MissionsTest, player: Entity, mission: &str) -> Option<f64> {
    let acc = t.acceptance(player, mission)?;
    acc.progress().iter().find_map(|p| p.ends_at)
}

#[test]
fn the_survive_timer_reads_the_run_the_mission_is_flown_in() {
    use bevy_missions::model::run::RunDefinition;
    use bevy_missions::model::run::RunOverrides;
    let mut t = MissionsTest::new(demo_catalog());
    let (ann, bob) = (t.spawn_player("ann"), t.spawn_player("bob"));
    t.request(MissionRequest::AcceptPosting {
        player: ann,
        posting: "P_KEPLER_SWARM".into(),
        overrides: RunOverrides {
            timer_seconds: Some(45.0),
            ..RunOverrides::default()
        },
    });
    t.request(MissionRequest::AcceptPosting {
        player: bob,
        posting: "P_KEPLER_SWARM".into(),
        overrides: RunOverrides::default(),
    });
    let run = t.get::<RunDefinition>(ann).expect("ann flies a run");
    assert_eq!(
        survive_ends_at(&mut t, ann, "M_KEPLER_SWARM"),
        None,
        "not launched yet"
    );
    t.request(MissionRequest::start_run(ann));
    t.request(MissionRequest::start_run(bob));
    assert_eq!(
        (run.mission.as_str(), run.timer_seconds),
        ("M_KEPLER_SWARM", 45.0)
    );
    assert_eq!(survive_ends_at(&mut t, ann, "M_KEPLER_SWARM"), Some(45.0));
    let hazardous = t
        .get::<RunDefinition>(bob)
        .expect("bob's run")
        .timer_seconds;
    assert_eq!(
        survive_ends_at(&mut t, bob, "M_KEPLER_SWARM"),
        Some(f64::from(hazardous)),
        "without an override, the posting's difficulty sets it"
    );
    t.request(MissionRequest::AcceptPosting {
        player: ann,
        posting: "P_NOWHERE".into(),
        overrides: RunOverrides::default(),
    });
    assert_eq!(
        t.rejections().last(),
        Some(&RejectReason::UnknownPosting {
            posting: "P_NOWHERE".into(),
            nearest: None,
        })
    );
}

/// Every `QuestStateReached`, as (subscriber, state, player).
#[derive(Resource, Default)]
struct Heard(Vec<(Entity, QuestState, Entity)>);

fn listening(t: &mut MissionsTest) {
    t.app.init_resource::<Heard>();
    t.app
        .add_observer(|e: On<QuestStateReached>, mut heard: ResMut<Heard>| {
            heard.0.push((e.entity, e.state, e.player))
        });
}

fn door(t: &mut MissionsTest, mission: &str, state: QuestState, player: Option<Entity>) -> Entity {
    t.app
        .world_mut()
        .spawn(QuestSubscription {
            mission: mission.into(),
            state,
            player,
        })
        .id()
}

fn heard(t: &MissionsTest) -> Vec<(Entity, QuestState, Entity)> {
    t.app.world().resource::<Heard>().0.clone()
}

#[test]
fn a_subscription_added_after_the_state_was_reached_hears_it() {
    let mut t = MissionsTest::from_ron(PACT).unwrap();
    listening(&mut t);
    let ann = t.spawn_player("ann");
    t.accept(ann, "START");
    t.fact(MissionFact::entered(ann, "DOCK"));
    let late = door(&mut t, "START", QuestState::Completed, Some(ann));
    let other = door(&mut t, "START", QuestState::Active, None);
    t.update();
    assert_eq!(heard(&t), vec![(late, QuestState::Completed, ann)]);
    assert!(!heard(&t).iter().any(|(e, ..)| *e == other));
}

#[test]
fn after_a_load_every_subscriber_hears_where_its_quest_stands() {
    let mut t = MissionsTest::from_ron(PACT).unwrap();
    let ann = t.spawn_player("ann");
    t.accept(ann, "START");
    t.fact(MissionFact::entered(ann, "DOCK"));
    let save = t.snapshot();

    let mut back = MissionsTest::from_ron(PACT).unwrap();
    listening(&mut back);
    // The level's door exists before the save is loaded.
    let level_door = door(&mut back, "START", QuestState::Completed, None);
    back.update();
    assert!(
        heard(&back).is_empty(),
        "nobody has finished it in this world yet"
    );
    restore(back.app.world_mut(), save);
    back.update();
    let ann = back.player("ann").unwrap();
    assert_eq!(heard(&back), vec![(level_door, QuestState::Completed, ann)]);
}

const SHARED: &str = r#"(
    objects: [(id: "RELAY", name: "Relay")],
    missions: [(id: "RELAY_ON", name: "Relay", scope: Shared(rewards: Contributors),
                objectives: [(goal: Interact(object: "RELAY"))])],
)"#;

#[test]
fn a_shared_quest_is_told_once_per_change_not_once_per_holder() {
    let mut t = MissionsTest::from_ron(SHARED).unwrap();
    listening(&mut t);
    let started = door(&mut t, "RELAY_ON", QuestState::Active, None);
    let finished = door(&mut t, "RELAY_ON", QuestState::Completed, None);
    t.update();
    let (ann, bob) = (t.spawn_player("ann"), t.spawn_player("bob"));
    t.accept(ann, "RELAY_ON");
    t.accept(bob, "RELAY_ON");
    t.fact(MissionFact::interacted(bob, "RELAY"));
    let told = heard(&t);
    assert_eq!(
        told.iter().filter(|(e, ..)| *e == started).count(),
        1,
        "{told:?}"
    );
    assert_eq!(
        told.iter().filter(|(e, ..)| *e == finished).count(),
        1,
        "{told:?}"
    );
}

const CYCLES: &str = r#"(
    rules: (journal_size: 5),
    place_kinds: [(id: "BEACON", name: "Beacon")],
    places: [(id: "DOCK", name: "Dock", kind: "BEACON")],
    missions: [(id: "LOOP", name: "Loop", repeatable: 0, objectives: [(goal: GoTo(place: "DOCK"))], rewards: (credits: 1))],
)"#;

/// The process's resident memory in KiB (Linux), for the record.
fn resident_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn entity_count(app: &mut App) -> usize {
    app.world_mut().query::<Entity>().iter(app.world()).count()
}

#[test]
fn a_hundred_thousand_finished_attempts_do_not_pile_up() {
    // A plain app, as a server runs it (the test driver would keep a record of every outcome).
    let mut app = App::new();
    app.add_plugins((MinimalPlugins, MissionsPlugins::manual()))
        .insert_resource(bevy_missions::catalog::MissionCatalog::from_ron_str(CYCLES).unwrap())
        .insert_resource(MissionClock::manual());
    let players: Vec<Entity> = (0..100)
        .map(|i| {
            app.world_mut()
                .spawn(MissionHolder::new(format!("p{i}")))
                .id()
        })
        .collect();
    app.update();
    let rss_before = resident_kib();
    let mut settled = None;
    for round in 0..1_000 {
        for &player in &players {
            app.world_mut().write_message(MissionRequest::Accept {
                player,
                mission: "LOOP".into(),
            });
            app.world_mut()
                .write_message(MissionFact::entered(player, "DOCK"));
        }
        app.update();
        if round == 10 {
            settled = Some(entity_count(&mut app));
        }
    }
    let rss_after = resident_kib();
    eprintln!(
        "100,000 cycles: {} entities; resident memory {rss_before:?} KiB before, {rss_after:?} KiB after",
        entity_count(&mut app)
    );
    let world = app.world();
    assert_eq!(
        world.get::<Wallet>(players[0]).unwrap().credits,
        1_000,
        "every cycle completed and paid"
    );
    assert_eq!(
        entity_count(&mut app),
        settled.unwrap(),
        "no entity is left behind per cycle"
    );
    let journal = app.world().get::<MissionJournal>(players[0]).unwrap();
    assert_eq!(journal.0.len(), 5, "the journal keeps the last five");
    assert_eq!(journal.0.back().unwrap().status, MissionStatus::Completed);
    let history = app
        .world()
        .get::<bevy_missions::model::player::MissionHistory>(players[0])
        .unwrap();
    assert_eq!(history.completions(&"LOOP".into()), 1_000);
}

#[test]
fn the_journal_survives_a_restart() {
    let mut t = MissionsTest::from_ron(CYCLES).unwrap();
    let ann = t.spawn_player("ann");
    for _ in 0..3 {
        t.accept(ann, "LOOP");
        t.fact(MissionFact::entered(ann, "DOCK"));
    }
    let save = t.snapshot();
    let mut back = MissionsTest::from_ron(CYCLES).unwrap();
    restore(back.app.world_mut(), save);
    back.update();
    let ann = back.player("ann").unwrap();
    let journal = back.get::<MissionJournal>(ann).unwrap();
    assert_eq!(journal.0.len(), 3);
    assert!(journal.0.iter().all(|e| e.checkpoints.len() == 1));
}

const ORIGINS: &str = r#"(
    factions: [(id: "FED", name: "Federation")],
    npc_classes: [(id: "OFFICER", name: "Officer")],
    npcs: [
        (id: "VOSS", name: "Admiral Voss", class: "OFFICER", faction: "FED"),
        (id: "ODA", name: "Quartermaster Oda", class: "OFFICER"),
    ],
    place_kinds: [(id: "BEACON", name: "Beacon")],
    places: [(id: "DOCK", name: "Dock", kind: "BEACON")],
    missions: [
        (id: "WELCOME", name: "Welcome", origins: [GameStart], objectives: [(goal: GoTo(place: "DOCK"))],
         dialogue: (offer: "Welcome aboard, pilot.")),
        (id: "NOTICE", name: "Notice", origins: [Board], objectives: [(goal: GoTo(place: "DOCK"))]),
        (id: "FED_JOB", name: "Fed job", issuer: "FED", origins: [AnyNpc], objectives: [(goal: GoTo(place: "DOCK"))],
         dialogue: (offer: "The fleet needs you.", advice: "Come back when you are trusted."),
         gates: (min_level: 3)),
        (id: "ODA_JOB", name: "Oda's job", giver: "ODA", origins: [OpenerNpc], objectives: [(goal: GoTo(place: "DOCK"))],
         dialogue: (offer: "Help me out?")),
        (id: "TOLD", name: "Told in dialogue", origins: [Scripted], objectives: [(goal: GoTo(place: "DOCK"))]),
    ],
)"#;

#[test]
fn a_new_player_is_offered_the_game_start_missions_once() {
    let mut t = MissionsTest::from_ron(ORIGINS).unwrap();
    let ann = t.spawn_player("ann");
    let offered: Vec<(String, String)> = t
        .outcomes()
        .offered
        .iter()
        .filter(|o| o.player == ann)
        .map(|o| {
            let catalog = t
                .app
                .world()
                .resource::<bevy_missions::catalog::MissionCatalog>();
            let offer = catalog
                .mission(o.mission.as_str())
                .unwrap()
                .dialogue
                .offer
                .clone();
            (o.mission.to_string(), offer)
        })
        .collect();
    assert_eq!(
        offered,
        vec![("WELCOME".into(), "Welcome aboard, pilot.".into())]
    );
    t.accept(ann, "WELCOME");
    t.fact(MissionFact::entered(ann, "DOCK"));
    let save = t.snapshot();
    let mut back = MissionsTest::from_ron(ORIGINS).unwrap();
    restore(back.app.world_mut(), save);
    back.update();
    assert!(
        back.outcomes().offered.is_empty(),
        "a returning player who finished it is not offered it again"
    );
}

#[test]
fn the_board_and_npcs_list_what_they_offer_with_the_gate_and_the_line() {
    use bevy::ecs::system::SystemState;
    use bevy_missions::board::MissionBoard;
    let mut t = MissionsTest::from_ron(ORIGINS).unwrap();
    let ann = t.spawn_player("ann");
    let mut state: SystemState<MissionBoard> = SystemState::new(t.app.world_mut());
    let board = state.get(t.app.world()).unwrap();
    let unposted: Vec<&str> = board
        .unposted(ann)
        .iter()
        .map(|o| o.mission.id.as_str())
        .collect();
    assert_eq!(unposted, vec!["NOTICE"]);
    let voss = board.offers_from(ann, &"VOSS".into());
    assert_eq!(voss.len(), 1);
    assert_eq!(voss[0].mission.id.as_str(), "FED_JOB");
    assert!(matches!(
        voss[0].locked,
        Some(RejectReason::LevelTooLow { need: 3, .. })
    ));
    assert_eq!(voss[0].line, "Come back when you are trusted.");
    let oda = board.offers_from(ann, &"ODA".into());
    let oda: Vec<(&str, &str)> = oda
        .iter()
        .map(|o| (o.mission.id.as_str(), o.line))
        .collect();
    assert_eq!(oda, vec![("ODA_JOB", "Help me out?")]);
    assert!(board.offers_from(ann, &"NOBODY".into()).is_empty());
}

#[test]
fn missions_the_game_starts_itself_are_reachable_and_accepted_by_request() {
    let mut t = MissionsTest::from_ron(ORIGINS).unwrap();
    let ann = t.spawn_player("ann");
    t.accept(ann, "TOLD");
    assert_eq!(t.status(ann, "TOLD"), Some(MissionStatus::Active));
}

const EDITED: &str = r#"(
    place_kinds: [(id: "BEACON", name: "Beacon")],
    places: [(id: "A", name: "A", kind: "BEACON"), (id: "B", name: "B", kind: "BEACON"), (id: "C", name: "C", kind: "BEACON")],
    species: [(id: "DRONE", name: "Drone")],
    enemies: [(id: "SWARMER", name: "Swarmer", species: "DRONE")],
    missions: [
        (id: "TOUR", name: "Tour", objectives: [
            (goal: KillType(enemy: "SWARMER", count: 5)),
            (goal: GoTo(place: "A")),
            (goal: GoTo(place: "B")),
        ]),
        (id: "OTHER", name: "Other", objectives: [(goal: GoTo(place: "C"))]),
    ],
)"#;

/// The same mission after a designer's edit: objectives reordered, one inserted, one removed.
fn edited(text: &str) -> String {
    text.replace(
        r#"(goal: KillType(enemy: "SWARMER", count: 5)),
            (goal: GoTo(place: "A")),
            (goal: GoTo(place: "B")),"#,
        r#"(goal: GoTo(place: "C")),
            (goal: GoTo(place: "B")),
            (goal: KillType(enemy: "SWARMER", count: 6)),"#,
    )
}

fn counts(t: &mut MissionsTest, player: Entity) -> Vec<(String, u32)> {
    t.acceptance(player, "TOUR")
        .unwrap()
        .progress()
        .iter()
        .map(|p| (p.key.to_string(), p.count))
        .collect()
}

fn tour_in_progress(t: &mut MissionsTest) -> Entity {
    let ann = t.spawn_player("ann");
    t.accept(ann, "TOUR");
    for _ in 0..3 {
        t.fact(MissionFact::killed(ann, "SWARMER"));
    }
    t.fact(MissionFact::entered(ann, "A"));
    ann
}

#[test]
fn a_live_edit_keeps_each_count_on_its_objective() {
    let mut t = MissionsTest::from_ron(EDITED).unwrap();
    let ann = tour_in_progress(&mut t);
    let catalog = bevy_missions::catalog::MissionCatalog::from_ron_str(&edited(EDITED)).unwrap();
    t.app.insert_resource(catalog);
    t.update();
    assert_eq!(
        counts(&mut t, ann),
        vec![
            ("GoTo(C)".to_owned(), 0),
            ("GoTo(B)".to_owned(), 0),
            ("KillType(SWARMER)".to_owned(), 3),
        ]
    );
    let removed: Vec<(String, u32)> = t
        .app
        .world()
        .resource::<Messages<bevy_missions::lifecycle::ObjectiveRemoved>>()
        .iter_current_update_messages()
        .map(|m| (m.key.to_string(), m.count))
        .collect();
    assert_eq!(
        removed,
        vec![("GoTo(A)".to_owned(), 1)],
        "the removed objective is reported"
    );
    t.fact(MissionFact::killed(ann, "SWARMER"));
    assert_eq!(counts(&mut t, ann)[2], ("KillType(SWARMER)".to_owned(), 4));
}

#[test]
fn a_game_update_that_reorders_objectives_keeps_saved_counts() {
    let mut t = MissionsTest::from_ron(EDITED).unwrap();
    tour_in_progress(&mut t);
    let save = t.snapshot();
    let text = save.to_ron().unwrap();
    assert!(
        text.contains("key: \"KillType(SWARMER)\""),
        "keys are saved"
    );
    let mut updated = MissionsTest::from_ron(&edited(EDITED)).unwrap();
    restore(updated.app.world_mut(), save);
    updated.update();
    let ann = updated.player("ann").unwrap();
    assert_eq!(
        counts(&mut updated, ann)[2],
        ("KillType(SWARMER)".to_owned(), 3)
    );
}

#[test]
fn a_withdrawn_mission_is_reported_and_resumes_when_it_comes_back() {
    use bevy_missions::lifecycle::MissionWithdrawn;
    let mut t = MissionsTest::from_ron(EDITED).unwrap();
    t.app.init_resource::<Withdrawals>().add_systems(
        Update,
        (|mut r: MessageReader<MissionWithdrawn>, mut w: ResMut<Withdrawals>| {
            w.0.extend(r.read().map(|m| (m.mission.to_string(), m.withdrawn)));
        })
        .after(MissionSystems::Resolve),
    );
    let ann = tour_in_progress(&mut t);
    let without = EDITED.replace("(id: \"TOUR\"", "(id: \"TOUR_GONE\"");
    t.app
        .insert_resource(bevy_missions::catalog::MissionCatalog::from_ron_str(&without).unwrap());
    t.update();
    t.update();
    assert!(t.acceptance(ann, "TOUR").unwrap().is_withdrawn());
    t.fact(MissionFact::entered(ann, "B"));
    assert_eq!(
        counts(&mut t, ann)[2].1,
        0,
        "frozen: facts do not advance it"
    );
    t.app
        .insert_resource(bevy_missions::catalog::MissionCatalog::from_ron_str(EDITED).unwrap());
    t.update();
    assert!(!t.acceptance(ann, "TOUR").unwrap().is_withdrawn());
    t.fact(MissionFact::entered(ann, "B"));
    assert_eq!(counts(&mut t, ann)[2].1, 1, "resumed");
    assert_eq!(
        t.app.world().resource::<Withdrawals>().0,
        vec![("TOUR".to_owned(), true), ("TOUR".to_owned(), false)],
        "told once each way"
    );
}

#[derive(Resource, Default)]
struct Withdrawals(Vec<(String, bool)>);

const TRIGGERS: &str = r#"(
    variables: [(id: "ALARM", name: "Alarm"), (id: "POWER", name: "Power", shared: true)],
    place_kinds: [(id: "BEACON", name: "Beacon")],
    places: [(id: "DOCK", name: "Dock", kind: "BEACON"), (id: "FAR", name: "Far", kind: "BEACON")],
    missions: [
        (id: "RAISE", name: "Raise the alarm", objectives: [(goal: GoTo(place: "DOCK"))],
         effects: (on_success: [AddVariable(variable: "ALARM", delta: 2)])),
        (id: "GUARDED", name: "Guarded", objectives: [(goal: GoTo(place: "FAR"))],
         gates: (variables: [(variable: "ALARM", value: 2)])),
        (id: "ON_ALARM", name: "On alarm", trigger: VariableReaches(variable: "ALARM", value: 2),
         objectives: [(goal: GoTo(place: "FAR"))]),
        (id: "AT_NOON", name: "At noon", trigger: AtTime(at: 500.0), objectives: [(goal: GoTo(place: "FAR"))]),
        (id: "LATER", name: "Later", trigger: AfterMission(mission: "RAISE", seconds: 60.0),
         objectives: [(goal: GoTo(place: "FAR"))]),
        (id: "POWER_UP", name: "Power up", objectives: [(goal: GoTo(place: "DOCK"))],
         effects: (on_success: [SetVariable(variable: "POWER", value: 1)])),
        (id: "LIGHTS_ON", name: "Lights on", trigger: VariableReaches(variable: "POWER", value: 1),
         objectives: [(goal: GoTo(place: "FAR"))]),
    ],
)"#;

#[test]
fn a_gate_can_need_a_variable() {
    let mut t = MissionsTest::from_ron(TRIGGERS).unwrap();
    let ann = t.spawn_player("ann");
    t.accept(ann, "GUARDED");
    assert_eq!(
        t.rejections().last(),
        Some(&RejectReason::VariableTooLow {
            variable: "ALARM".into(),
            have: 0,
            need: 2
        })
    );
    t.accept(ann, "RAISE");
    t.fact(MissionFact::entered(ann, "DOCK"));
    t.accept(ann, "GUARDED");
    assert_eq!(t.status(ann, "GUARDED"), Some(MissionStatus::Active));
}

#[test]
fn variables_and_timers_start_missions() {
    let mut t = MissionsTest::from_ron(TRIGGERS).unwrap();
    let (ann, bob) = (t.spawn_player("ann"), t.spawn_player("bob"));
    for m in ["ON_ALARM", "AT_NOON", "LATER", "LIGHTS_ON"] {
        assert_eq!(t.status(ann, m), None, "{m} waits for its trigger");
    }
    t.advance(100.0);
    t.accept(ann, "RAISE");
    t.fact(MissionFact::entered(ann, "DOCK"));
    t.update();
    assert_eq!(
        t.status(ann, "ON_ALARM"),
        Some(MissionStatus::Active),
        "the variable reached 2"
    );
    assert_eq!(
        t.status(bob, "ON_ALARM"),
        None,
        "bob's own alarm is still 0"
    );
    t.advance(59.0);
    assert_eq!(t.status(ann, "LATER"), None);
    t.advance(2.0);
    assert_eq!(
        t.status(ann, "LATER"),
        Some(MissionStatus::Active),
        "60 s after RAISE"
    );
    assert_eq!(t.status(ann, "AT_NOON"), None);
    t.advance(400.0);
    for p in [ann, bob] {
        assert_eq!(
            t.status(p, "AT_NOON"),
            Some(MissionStatus::Active),
            "the clock reached 500"
        );
    }
    t.accept(bob, "POWER_UP");
    t.fact(MissionFact::entered(bob, "DOCK"));
    t.update();
    for p in [ann, bob] {
        assert_eq!(
            t.status(p, "LIGHTS_ON"),
            Some(MissionStatus::Active),
            "a shared variable starts it for everyone"
        );
    }
}

#[test]
fn the_game_can_declare_an_attempt_failed_and_the_failure_costs_what_it_should() {
    let mut t = bevy_missions::testing::MissionsTest::from_ron(
        r#"(
        factions: [(id: "FED", name: "Federation")],
        place_kinds: [(id: "K", name: "k")],
        places: [(id: "P", name: "p", kind: "K")],
        missions: [(id: "RUN", name: "Run", issuer: "FED", objectives: [(goal: GoTo(place: "P"))],
                    penalty: (reputation: -7))],
    )"#,
    )
    .unwrap();
    let player = t.spawn_player("pilot");
    t.request(MissionRequest::Fail {
        player,
        mission: "RUN".into(),
    });
    assert_eq!(
        t.rejections(),
        vec![RejectReason::NotActive],
        "nothing to fail yet"
    );
    t.accept(player, "RUN");
    t.request(MissionRequest::Fail {
        player,
        mission: "RUN".into(),
    });
    let failed = &t.outcomes().failed;
    assert_eq!(failed.len(), 1);
    assert_eq!(
        failed[0].reason,
        bevy_missions::lifecycle::FailReason::Declared
    );
    assert_eq!(t.reputation(player, "FED"), -7);
    t.request(MissionRequest::Fail {
        player,
        mission: "RUN".into(),
    });
    assert_eq!(
        t.outcomes().failed.len(),
        1,
        "a repeated request fails nothing twice"
    );
}
