//! The lifecycle, driven headless through `MissionsTest`.

use bevy::prelude::*;
use bevy_missions::catalog::MissionCatalog;
use bevy_missions::lifecycle::FailReason;
use bevy_missions::lifecycle::HookCall;
use bevy_missions::lifecycle::MissionsAppExt;
use bevy_missions::model::dialogue::DialogueLine;
use bevy_missions::model::player::Experience;
use bevy_missions::model::player::Inventory;
use bevy_missions::model::player::MissionHistory;
use bevy_missions::model::player::PlayerTraits;
use bevy_missions::model::player::RewardLedger;
use bevy_missions::model::player::Wallet;
use bevy_missions::prelude::*;
use bevy_missions::testing::MissionsTest;

pub const CATALOG: &str = r#"(
    rules: (concurrent_cap: 3),
    factions: [
        (id: "FED", name: "Federation", rivals: ["PIRATES"]),
        (id: "PIRATES", name: "Pirates"),
        (id: "GUILD", name: "Guild", starting_reputation: 300),
    ],
    items: [(id: "ORE", name: "Ore"), (id: "KEY", name: "Key"), (id: "MAP", name: "Map"), (id: "PASS", name: "Pass")],
    place_kinds: [(id: "BEACON", name: "Beacon")],
    places: [(id: "DOCK", name: "Dock", kind: "BEACON"), (id: "FAR", name: "Far", kind: "BEACON")],
    species: [(id: "DRONE", name: "Drone")],
    enemies: [(id: "SWARMER", name: "Swarmer", species: "DRONE", faction: "PIRATES")],
    traits: [(id: "LICENSE", name: "License")],
    counters: [(id: "SCANS", name: "Scans")],
    objects: [(id: "PC", name: "Terminal")],
    missions: [
        (id: "GO", name: "Go", issuer: "FED", objectives: [(goal: GoTo(place: "DOCK"))],
         rewards: (credits: 100, xp: 1500, reputation: 50, items: [(item: "ORE", count: 2)]),
         follow_ups: [(mission: "NEXT")], dialogue: (success: "Well flown.")),
        (id: "NEXT", name: "Next", issuer: "FED", origins: [Secondary], objectives: [(goal: GoTo(place: "FAR"))],
         rewards: (credits: 10), follow_ups: [(mission: "AUTO_NEXT", mode: AutoStart)]),
        (id: "AUTO_NEXT", name: "Auto next", origins: [Secondary], objectives: [(goal: GoTo(place: "DOCK"))]),
        (id: "KILLS", name: "Kills", issuer: "FED", objectives: [(goal: KillType(enemy: "SWARMER", count: 3))], rewards: (credits: 30)),
        (id: "LEVEL5", name: "Level 5", objectives: [(goal: GoTo(place: "DOCK"))], gates: (min_level: 5)),
        (id: "REP", name: "Reputable", issuer: "GUILD", objectives: [(goal: GoTo(place: "DOCK"))], gates: (min_reputation: 400)),
        (id: "LICENSED", name: "Licensed", objectives: [(goal: GoTo(place: "DOCK"))], gates: (required_traits: ["LICENSE"])),
        (id: "VETERAN", name: "Veteran", objectives: [(goal: GoTo(place: "DOCK"))], gates: (prerequisites: [(mission: "REPEAT", amount: 2)])),
        (id: "REPEAT", name: "Repeat", objectives: [(goal: GoTo(place: "DOCK"))], repeatable: 2, timing: (cooldown: 100.0), rewards: (credits: 5)),
        (id: "KEYED", name: "Keyed", objectives: [(goal: GoTo(place: "DOCK"))], gates: (required_items: [(item: "KEY", count: 1)])),
        (id: "GUILD_ONLY", name: "Guild only", objectives: [(goal: GoTo(place: "DOCK"))], gates: (faction_only: "GUILD")),
        (id: "FED_ONLY", name: "Fed only", objectives: [(goal: GoTo(place: "DOCK"))], gates: (faction_only: "FED")),
        (id: "OFF", name: "Off", active: false, objectives: [(goal: GoTo(place: "DOCK"))]),
        (id: "EXPIRING", name: "Expiring", objectives: [(goal: GoTo(place: "FAR"))], timing: (expires_at: 50.0)),
        (id: "WINDOWED", name: "Windowed", objectives: [(goal: GoTo(place: "FAR"))], timing: (window: (opens_at: 100.0, closes_at: 200.0))),
        (id: "TIMED", name: "Timed", issuer: "FED", objectives: [(goal: GoTo(place: "FAR"))], timing: (deadline_hours: (low: 1.0, high: 2.0)),
         penalty: (credits: 40, reputation: -20), dialogue: (failure: "Too slow.")),
        (id: "SPRINT", name: "Sprint", objectives: [(goal: GoTo(place: "FAR"))], timing: (finish_time: 60.0)),
        (id: "REPORT", name: "Report", issuer: "FED", turn_in: true, objectives: [(goal: GoTo(place: "DOCK"))], rewards: (credits: 70),
         dialogue: (success_lie: "You haven't even been there.", inquire: "Well?")),
        (id: "ENVOY", name: "Envoy", mission_type: Diplomatic, issuer: "FED", target_faction: "PIRATES", objectives: [(goal: GoTo(place: "DOCK"))],
         rewards: (reputation: 30, target_reputation: -25)),
        (id: "PIRATE_FAVOUR", name: "Pirate favour", issuer: "PIRATES", objectives: [(goal: GoTo(place: "FAR"))], rewards: (reputation: 900), repeatable: 0),
        (id: "FED_FAVOUR", name: "Fed favour", issuer: "FED", objectives: [(goal: GoTo(place: "FAR"))], rewards: (reputation: 900), repeatable: 0),
        (id: "SESSION", name: "Session", scope: PlayerSession, objectives: [(goal: GoTo(place: "DOCK"))], repeatable: 0),
        (id: "RELAY", name: "Relay", scope: Shared(rewards: Contributors), objectives: [(goal: Interact(object: "PC"), optional: false), (goal: KillType(enemy: "SWARMER", count: 2))],
         rewards: (credits: 60)),
        (id: "WING", name: "Wing", party: (max_size: 2), objectives: [(goal: KillType(enemy: "SWARMER", count: 4))], rewards: (credits: 200)),
        (id: "SPLIT", name: "Split", party: (max_size: 3, full_rewards_each: false), objectives: [(goal: GoTo(place: "DOCK"))], rewards: (credits: 90)),
        (id: "WELCOME", name: "Welcome", origins: [GameStart], auto_start: true, objectives: [(goal: GoTo(place: "FAR"))]),
        (id: "TREASURE", name: "Treasure", origins: [Secondary], triggered_by_item: "MAP", objectives: [(goal: GoTo(place: "FAR"))]),
        (id: "STARTER", name: "Starter", objectives: [(goal: GoTo(place: "DOCK"))],
         effects: (on_start: [GiveItem(item: "PASS"), Hook(name: "fanfare", args: ["loud"]), Hook(name: "never_registered")])),
        (id: "SMUGGLE", name: "Smuggle", objectives: [(goal: GoTo(place: "FAR"))], fail_when: [CounterReaches(counter: "SCANS", count: 2)]),
        (id: "ORDERED", name: "Ordered", order: Sequential, objectives: [(goal: GoTo(place: "FAR")), (goal: GoTo(place: "DOCK"))]),
    ],
)"#;

fn test() -> MissionsTest {
    MissionsTest::from_ron(CATALOG).unwrap_or_else(|e| panic!("{e}"))
}

fn last_rejection(t: &MissionsTest) -> RejectReason {
    t.rejections().last().cloned().expect("a rejection")
}

#[test]
fn accept_progress_complete_pays_once_and_offers_the_follow_up() {
    let mut t = test();
    let ann = t.spawn_player("ann");
    t.accept(ann, "GO");
    assert_eq!(t.status(ann, "GO"), Some(MissionStatus::Active));
    assert_eq!(
        t.outcomes().accepted.last().map(|a| a.mission.as_str()),
        Some("GO")
    );
    t.fact(MissionFact::entered(ann, "DOCK"));
    assert_eq!(t.status(ann, "GO"), Some(MissionStatus::Completed));
    assert_eq!(t.credits(ann), 100);
    assert_eq!(t.reputation(ann, "FED"), 50);
    assert_eq!(t.get::<Experience>(ann).map(|x| x.level), Some(2));
    assert_eq!(
        t.get::<Inventory>(ann).map(|i| i.count(&"ORE".into())),
        Some(2)
    );
    let done = t.outcomes().completed.last().cloned().expect("completed");
    let def = t
        .app
        .world()
        .resource::<MissionCatalog>()
        .mission("GO")
        .cloned()
        .unwrap();
    assert_eq!(def.dialogue.line(DialogueLine::Success), "Well flown.");
    assert_eq!(done.payout.as_ref().map(|p| p.credits), Some(100));
    assert_eq!(
        t.outcomes().offered.last().map(|o| o.mission.as_str()),
        Some("NEXT")
    );
    // A repeated fact and a repeated accept pay nothing more.
    t.fact(MissionFact::entered(ann, "DOCK"));
    t.accept(ann, "GO");
    assert_eq!(
        last_rejection(&t),
        RejectReason::RepeatLimitReached { limit: 1 }
    );
    assert_eq!(t.credits(ann), 100);
    // The offered follow-up can be taken; its own follow-up auto-starts.
    t.accept(ann, "NEXT");
    t.fact(MissionFact::entered(ann, "FAR"));
    assert_eq!(t.status(ann, "NEXT"), Some(MissionStatus::Completed));
    assert_eq!(t.status(ann, "AUTO_NEXT"), Some(MissionStatus::Active));
}

#[test]
fn secondary_missions_need_an_offer() {
    let mut t = test();
    let ann = t.spawn_player("ann");
    t.accept(ann, "NEXT");
    assert_eq!(last_rejection(&t), RejectReason::NotOffered);
}

#[test]
fn progress_counts_and_one_message_per_objective_per_frame() {
    let mut t = test();
    let ann = t.spawn_player("ann");
    t.accept(ann, "KILLS");
    for _ in 0..2 {
        t.app
            .world_mut()
            .write_message(MissionFact::killed(ann, "SWARMER"));
    }
    t.update();
    let acc = t.acceptance(ann, "KILLS").expect("acceptance");
    assert_eq!(acc.progress()[0].count, 2);
    assert_eq!(acc.checkpoints().len(), 2);
    assert_eq!(acc.checkpoints().next().map(|c| c.by), Some(ann));
    let progressed: Vec<_> = t
        .outcomes()
        .progressed
        .iter()
        .filter(|p| p.mission.as_str() == "KILLS")
        .collect();
    assert_eq!(progressed.len(), 1, "two facts in one frame, one message");
    assert_eq!(progressed[0].count, 2);
    // Absurd amounts never go past the target.
    t.fact(MissionFact::killed(ann, "SWARMER"));
    t.fact(MissionFact::killed(ann, "SWARMER"));
    assert_eq!(t.status(ann, "KILLS"), Some(MissionStatus::Completed));
    assert_eq!(
        t.acceptance(ann, "KILLS").map(|a| a.progress()[0].count),
        Some(3)
    );
}

#[test]
fn each_gate_refuses_with_its_reason() {
    let mut t = test();
    let ann = t.spawn_player("ann");
    let cases: [(&str, RejectReason); 7] = [
        ("LEVEL5", RejectReason::LevelTooLow { have: 1, need: 5 }),
        (
            "REP",
            RejectReason::ReputationTooLow {
                faction: "GUILD".into(),
                have: 300,
                need: 400,
            },
        ),
        ("LICENSED", RejectReason::MissingTrait("LICENSE".into())),
        (
            "VETERAN",
            RejectReason::PrerequisiteMissing {
                mission: "REPEAT".into(),
                have: 0,
                need: 2,
            },
        ),
        (
            "KEYED",
            RejectReason::MissingItems {
                item: "KEY".into(),
                have: 0,
                need: 1,
            },
        ),
        (
            "FED_ONLY",
            RejectReason::NotAllied {
                faction: "FED".into(),
                have: 0,
                need: 250,
            },
        ),
        ("OFF", RejectReason::Inactive),
    ];
    for (mission, reason) in cases {
        t.accept(ann, mission);
        assert_eq!(last_rejection(&t), reason, "{mission}");
        assert_eq!(t.status(ann, mission), None, "{mission}");
    }
    // Allied at 250: the Guild's starting 300 is enough.
    t.accept(ann, "GUILD_ONLY");
    assert_eq!(t.status(ann, "GUILD_ONLY"), Some(MissionStatus::Active));
    t.accept(ann, "NOPE");
    assert_eq!(
        last_rejection(&t),
        RejectReason::UnknownMission {
            mission: "NOPE".into(),
            nearest: None,
        }
    );

    // Meeting a gate later lets the same request through.
    t.app
        .world_mut()
        .get_mut::<PlayerTraits>(ann)
        .expect("traits")
        .0
        .insert("LICENSE".into());
    t.accept(ann, "LICENSED");
    assert_eq!(t.status(ann, "LICENSED"), Some(MissionStatus::Active));
}

#[test]
fn expiry_and_windows_gate_acceptance_and_expire_attempts() {
    let mut t = test();
    let ann = t.spawn_player("ann");
    t.accept(ann, "WINDOWED");
    assert_eq!(
        last_rejection(&t),
        RejectReason::OutsideWindow {
            opens_at: 100.0,
            closes_at: 200.0
        }
    );
    t.accept(ann, "EXPIRING");
    assert_eq!(t.status(ann, "EXPIRING"), Some(MissionStatus::Active));
    t.advance(49.0);
    assert_eq!(t.status(ann, "EXPIRING"), Some(MissionStatus::Active));
    t.advance(1.0);
    assert_eq!(t.status(ann, "EXPIRING"), Some(MissionStatus::Expired));
    assert_eq!(t.outcomes().expired.len(), 1);
    t.accept(ann, "EXPIRING");
    assert_eq!(last_rejection(&t), RejectReason::Expired);
    t.advance(60.0);
    t.accept(ann, "WINDOWED");
    assert_eq!(t.status(ann, "WINDOWED"), Some(MissionStatus::Active));
    t.advance(100.0);
    assert_eq!(t.status(ann, "WINDOWED"), Some(MissionStatus::Expired));
}

#[test]
fn the_concurrent_cap_holds_even_within_one_frame() {
    let mut t = test();
    let ann = t.spawn_player("ann");
    for mission in ["KILLS", "GO", "REPEAT", "SPRINT", "ORDERED"] {
        t.app.world_mut().write_message(MissionRequest::Accept {
            player: ann,
            mission: mission.into(),
        });
    }
    t.update();
    // WELCOME started by itself when ann spawned: it takes one of the three slots.
    let active = t
        .get::<bevy_missions::player::ActiveMissions>(ann)
        .expect("active")
        .len();
    assert_eq!(active, 3);
    assert_eq!(t.rejections(), vec![RejectReason::AtCapacity { cap: 3 }; 3]);
    assert_eq!(t.status(ann, "KILLS"), Some(MissionStatus::Active));
    assert_eq!(t.status(ann, "GO"), Some(MissionStatus::Active));
    assert_eq!(t.status(ann, "REPEAT"), None);
}

#[test]
fn repeatables_respect_their_limit_and_cooldown() {
    let mut t = test();
    let ann = t.spawn_player("ann");
    t.accept(ann, "REPEAT");
    t.fact(MissionFact::entered(ann, "DOCK"));
    t.accept(ann, "REPEAT");
    assert_eq!(
        last_rejection(&t),
        RejectReason::CoolingDown { remaining: 100.0 }
    );
    t.advance(100.0);
    t.accept(ann, "REPEAT");
    t.fact(MissionFact::entered(ann, "DOCK"));
    assert_eq!(t.completions(ann, "REPEAT"), 2);
    t.advance(100.0);
    t.accept(ann, "REPEAT");
    assert_eq!(
        last_rejection(&t),
        RejectReason::RepeatLimitReached { limit: 2 }
    );
    assert_eq!(t.credits(ann), 10);
    // The prerequisite "REPEAT completed twice" now holds.
    t.accept(ann, "VETERAN");
    assert_eq!(t.status(ann, "VETERAN"), Some(MissionStatus::Active));
}

#[test]
fn illegal_transitions_are_refused_and_change_nothing() {
    let mut t = test();
    let ann = t.spawn_player("ann");
    t.accept(ann, "GO");
    t.accept(ann, "GO");
    assert_eq!(last_rejection(&t), RejectReason::AlreadyActive);
    t.fact(MissionFact::entered(ann, "DOCK"));
    t.abandon(ann, "GO");
    assert_eq!(last_rejection(&t), RejectReason::NotActive);
    t.turn_in(ann, "GO");
    assert_eq!(last_rejection(&t), RejectReason::NotActive);
    assert_eq!(t.status(ann, "GO"), Some(MissionStatus::Completed));
    assert_eq!(t.credits(ann), 100);
    assert_eq!(
        t.reputation(ann, "FED"),
        50,
        "no abandon penalty on a completed mission"
    );
}

#[test]
fn abandon_costs_reputation_with_the_issuer_and_pays_nothing() {
    let mut t = test();
    let ann = t.spawn_player("ann");
    t.accept(ann, "KILLS");
    t.fact(MissionFact::killed(ann, "SWARMER"));
    t.abandon(ann, "KILLS");
    assert_eq!(t.status(ann, "KILLS"), Some(MissionStatus::Abandoned));
    assert_eq!(t.reputation(ann, "FED"), -5);
    assert_eq!(t.credits(ann), 0);
    assert_eq!(t.outcomes().abandoned[0].reputation_change, -5);
    // Facts after abandoning do nothing.
    t.fact(MissionFact::killed(ann, "SWARMER"));
    assert_eq!(
        t.acceptance(ann, "KILLS").map(|a| a.progress()[0].count),
        Some(1)
    );
    // It can be taken again (one-shot limits count completions, not attempts).
    t.accept(ann, "KILLS");
    assert_eq!(t.status(ann, "KILLS"), Some(MissionStatus::Active));
}

#[test]
fn accept_then_abandon_in_the_same_frame() {
    let mut t = test();
    let ann = t.spawn_player("ann");
    t.app.world_mut().write_message(MissionRequest::Accept {
        player: ann,
        mission: "KILLS".into(),
    });
    t.app.world_mut().write_message(MissionRequest::Abandon {
        player: ann,
        mission: "KILLS".into(),
    });
    t.update();
    assert_eq!(t.status(ann, "KILLS"), Some(MissionStatus::Abandoned));
    assert!(t.rejections().is_empty());
}

#[test]
fn turn_in_before_the_objectives_is_refused_with_the_lie_line_then_pays_once() {
    let mut t = test();
    let ann = t.spawn_player("ann");
    t.accept(ann, "REPORT");
    t.turn_in(ann, "REPORT");
    let rejected = t.outcomes().rejected.last().cloned().expect("rejected");
    assert_eq!(rejected.reason, RejectReason::ObjectivesNotMet);
    assert_eq!(rejected.line, DialogueLine::SuccessLie);
    let def = t
        .app
        .world()
        .resource::<MissionCatalog>()
        .mission("REPORT")
        .cloned()
        .unwrap();
    assert_eq!(
        def.dialogue.line(rejected.line),
        "You haven't even been there."
    );
    t.fact(MissionFact::entered(ann, "DOCK"));
    assert_eq!(
        t.status(ann, "REPORT"),
        Some(MissionStatus::Active),
        "waits for the turn-in"
    );
    // Two turn-ins in one frame: one completion, one payment.
    for _ in 0..2 {
        t.app.world_mut().write_message(MissionRequest::TurnIn {
            player: ann,
            mission: "REPORT".into(),
        });
    }
    t.update();
    assert_eq!(t.status(ann, "REPORT"), Some(MissionStatus::Completed));
    assert_eq!(t.credits(ann), 70);
    assert_eq!(t.outcomes().completed.len(), 1);
    let ledger = t.get::<RewardLedger>(ann).unwrap();
    let active = t
        .get::<bevy_missions::player::ActiveMissions>(ann)
        .unwrap()
        .len();
    assert_eq!((ledger.payments(), ledger.owed_len()), (1, active));
}

#[test]
fn deadlines_are_drawn_in_range_and_fail_with_the_penalty() {
    let mut t = test();
    let ann = t.spawn_player("ann");
    t.app
        .world_mut()
        .get_mut::<Wallet>(ann)
        .expect("wallet")
        .credits = 100;
    t.accept(ann, "TIMED");
    let deadline = t
        .acceptance(ann, "TIMED")
        .and_then(|a| a.deadline())
        .expect("deadline");
    assert!((3600.0..=7200.0).contains(&deadline), "{deadline}");
    t.advance(deadline - 1.0);
    assert_eq!(t.status(ann, "TIMED"), Some(MissionStatus::Active));
    t.advance(1.0);
    assert_eq!(t.status(ann, "TIMED"), Some(MissionStatus::Failed));
    assert_eq!(t.credits(ann), 60);
    assert_eq!(t.reputation(ann, "FED"), -20);
    assert_eq!(t.outcomes().failed[0].reason, FailReason::DeadlinePassed);
    let def = t
        .app
        .world()
        .resource::<MissionCatalog>()
        .mission("TIMED")
        .cloned()
        .unwrap();
    assert_eq!(def.dialogue.line(DialogueLine::Failure), "Too slow.");
}

#[test]
fn the_same_seed_draws_the_same_deadline() {
    let draw = |seed: u64| {
        let mut t = test();
        t.app
            .insert_resource(bevy_missions::lifecycle::MissionSeed(seed));
        let ann = t.spawn_player("ann");
        t.accept(ann, "TIMED");
        t.acceptance(ann, "TIMED")
            .and_then(|a| a.deadline())
            .expect("TIMED draws a deadline")
    };
    assert_eq!(draw(1), draw(1), "same seed, same deadline");
    let others: Vec<f64> = (2..12).map(draw).collect();
    assert!(
        others.iter().any(|d| *d != draw(1)),
        "the draw depends on the seed: {others:?}"
    );
}

#[test]
fn finish_time_fails_the_attempt() {
    let mut t = test();
    let ann = t.spawn_player("ann");
    t.accept(ann, "SPRINT");
    t.advance(59.0);
    t.fact(MissionFact::entered(ann, "DOCK"));
    assert_eq!(t.status(ann, "SPRINT"), Some(MissionStatus::Active));
    t.advance(1.0);
    assert_eq!(t.status(ann, "SPRINT"), Some(MissionStatus::Failed));
}

#[test]
fn rivalry_caps_gains_and_diplomatic_missions_pay_two_factions() {
    let mut t = test();
    let ann = t.spawn_player("ann");
    t.accept(ann, "PIRATE_FAVOUR");
    t.fact(MissionFact::entered(ann, "FAR"));
    assert_eq!(t.reputation(ann, "PIRATES"), 900);
    t.accept(ann, "FED_FAVOUR");
    t.fact(MissionFact::entered(ann, "FAR"));
    // FED and PIRATES are rivals: FED may only reach 1000 - 900 = 100.
    assert_eq!(t.reputation(ann, "FED"), 100);
    t.accept(ann, "ENVOY");
    t.fact(MissionFact::entered(ann, "DOCK"));
    let payout = t
        .outcomes()
        .completed
        .last()
        .expect("completed")
        .payout
        .clone()
        .unwrap();
    // The issuer gain is capped (already at the cap); the target loss is not.
    assert_eq!(
        payout.reputation,
        vec![("FED".into(), 0), ("PIRATES".into(), -25)]
    );
    assert_eq!(t.reputation(ann, "PIRATES"), 875);
}

#[test]
fn session_scope_resets_when_the_player_leaves() {
    let mut t = test();
    let ann = t.spawn_player("ann");
    t.accept(ann, "SESSION");
    t.fact(MissionFact::entered(ann, "DOCK"));
    assert_eq!(t.completions(ann, "SESSION"), 1);
    t.accept(ann, "SESSION");
    t.request(MissionRequest::Leave { player: ann });
    assert_eq!(t.completions(ann, "SESSION"), 0);
    let history = t.get::<MissionHistory>(ann).expect("history");
    assert!(
        !history.missions.contains_key(&MissionId::from("SESSION")),
        "never in the saved history"
    );
    let active = t
        .get::<bevy_missions::player::ActiveMissions>(ann)
        .expect("active");
    assert_eq!(active.of(&"SESSION".into()), None);
    assert_eq!(t.status(ann, "SESSION"), Some(MissionStatus::Abandoned));
}

#[test]
fn shared_quests_complete_for_everyone_and_pay_contributors() {
    let mut t = test();
    let (ann, bob, cy) = (
        t.spawn_player("ann"),
        t.spawn_player("bob"),
        t.spawn_player("cy"),
    );
    for p in [ann, bob, cy] {
        t.accept(p, "RELAY");
    }
    let acc = t.acceptance(ann, "RELAY").expect("shared");
    assert_eq!(
        acc.holders(),
        vec![ann, bob, cy],
        "one acceptance for everyone"
    );
    t.fact(MissionFact::interacted(ann, "PC"));
    t.fact(MissionFact::killed(bob, "SWARMER"));
    t.fact(MissionFact::killed(bob, "SWARMER"));
    for p in [ann, bob, cy] {
        assert_eq!(t.status(p, "RELAY"), Some(MissionStatus::Completed));
        assert_eq!(t.completions(p, "RELAY"), 1);
    }
    assert_eq!((t.credits(ann), t.credits(bob), t.credits(cy)), (60, 60, 0));
    // One state for everyone: nobody can start it again.
    let dan = t.spawn_player("dan");
    t.accept(dan, "RELAY");
    assert_eq!(
        last_rejection(&t),
        RejectReason::RepeatLimitReached { limit: 1 }
    );
}

#[test]
fn parties_share_progress_and_each_member_is_paid() {
    let mut t = test();
    let (ann, bob, cy) = (
        t.spawn_player("ann"),
        t.spawn_player("bob"),
        t.spawn_player("cy"),
    );
    t.accept(ann, "WING");
    t.request(MissionRequest::Join {
        player: bob,
        leader: ann,
        mission: "WING".into(),
    });
    t.request(MissionRequest::Join {
        player: cy,
        leader: ann,
        mission: "WING".into(),
    });
    assert_eq!(last_rejection(&t), RejectReason::PartyFull { max: 2 });
    t.fact(MissionFact::killed(ann, "SWARMER"));
    t.fact(MissionFact::killed(bob, "SWARMER"));
    t.fact(MissionFact::killed(bob, "SWARMER"));
    assert_eq!(
        t.acceptance(ann, "WING").map(|a| a.progress()[0].count),
        Some(3)
    );
    t.fact(MissionFact::killed(ann, "SWARMER"));
    assert_eq!(t.status(bob, "WING"), Some(MissionStatus::Completed));
    assert_eq!(
        (t.credits(ann), t.credits(bob), t.credits(cy)),
        (200, 200, 0)
    );
    // Solo missions cannot be joined; split rewards divide credits.
    t.accept(ann, "SPLIT");
    t.request(MissionRequest::Join {
        player: bob,
        leader: ann,
        mission: "SPLIT".into(),
    });
    t.request(MissionRequest::Join {
        player: cy,
        leader: ann,
        mission: "SPLIT".into(),
    });
    t.fact(MissionFact::entered(cy, "DOCK"));
    assert_eq!(
        (t.credits(ann), t.credits(bob), t.credits(cy)),
        (230, 230, 30)
    );
    t.accept(ann, "GO");
    t.request(MissionRequest::Join {
        player: bob,
        leader: ann,
        mission: "GO".into(),
    });
    assert_eq!(last_rejection(&t), RejectReason::Solo);
}

#[test]
fn auto_start_and_item_triggered_missions_start_by_themselves() {
    let mut t = test();
    let ann = t.spawn_player("ann");
    assert_eq!(t.status(ann, "WELCOME"), Some(MissionStatus::Active));
    t.request(MissionRequest::UseItem {
        player: ann,
        item: "MAP".into(),
    });
    assert_eq!(t.status(ann, "TREASURE"), Some(MissionStatus::Active));
}

#[test]
fn effects_run_and_unregistered_hooks_only_warn() {
    let mut t = test();
    #[derive(Resource, Default)]
    struct Fanfares(Vec<Vec<String>>);
    t.app.init_resource::<Fanfares>();
    t.app
        .add_mission_hook("fanfare", |call: In<HookCall>, mut f: ResMut<Fanfares>| {
            f.0.push(call.args.clone())
        });
    let ann = t.spawn_player("ann");
    t.accept(ann, "STARTER");
    assert_eq!(
        t.get::<Inventory>(ann).map(|i| i.count(&"PASS".into())),
        Some(1)
    );
    assert_eq!(t.outcomes().items.last().map(|i| i.delta), Some(1));
    t.update();
    assert_eq!(
        t.app.world().resource::<Fanfares>().0,
        vec![vec!["loud".to_string()]]
    );
    assert_eq!(t.status(ann, "STARTER"), Some(MissionStatus::Active));
}

#[test]
fn fail_conditions_and_sequential_order() {
    let mut t = test();
    let ann = t.spawn_player("ann");
    t.accept(ann, "SMUGGLE");
    t.fact(MissionFact::counter(ann, "SCANS", 1));
    assert_eq!(t.status(ann, "SMUGGLE"), Some(MissionStatus::Active));
    t.fact(MissionFact::counter(ann, "SCANS", 1));
    assert_eq!(t.status(ann, "SMUGGLE"), Some(MissionStatus::Failed));

    t.accept(ann, "ORDERED");
    t.fact(MissionFact::entered(ann, "DOCK"));
    assert_eq!(
        t.acceptance(ann, "ORDERED").map(|a| a.progress()[1].count),
        Some(0),
        "not current yet"
    );
    t.fact(MissionFact::entered(ann, "FAR"));
    t.fact(MissionFact::entered(ann, "DOCK"));
    assert_eq!(t.status(ann, "ORDERED"), Some(MissionStatus::Completed));
}

#[test]
fn subscribed_entities_observe_quest_states() {
    let mut t = test();
    #[derive(Resource, Default)]
    struct Opened(Vec<(Entity, QuestState)>);
    t.app.init_resource::<Opened>();
    t.app
        .add_observer(|e: On<QuestStateReached>, mut opened: ResMut<Opened>| {
            opened.0.push((e.entity, e.state))
        });
    let door = t
        .app
        .world_mut()
        .spawn(QuestSubscription {
            mission: "GO".into(),
            state: QuestState::Active,
            player: None,
        })
        .id();
    let chest = t
        .app
        .world_mut()
        .spawn(QuestSubscription {
            mission: "GO".into(),
            state: QuestState::Completed,
            player: None,
        })
        .id();
    let ann = t.spawn_player("ann");
    t.accept(ann, "GO");
    assert_eq!(
        t.app.world().resource::<Opened>().0,
        vec![(door, QuestState::Active)]
    );
    t.fact(MissionFact::entered(ann, "DOCK"));
    assert_eq!(
        t.app.world().resource::<Opened>().0,
        vec![(door, QuestState::Active), (chest, QuestState::Completed)]
    );
}

#[test]
fn bad_input_never_panics_and_changes_nothing() {
    let mut t = test();
    let ann = t.spawn_player("ann");
    let ghost = t.app.world_mut().spawn_empty().id();
    t.accept(ghost, "GO");
    assert_eq!(last_rejection(&t), RejectReason::UnknownPlayer);
    t.accept(ann, "KILLS");
    t.app.world_mut().despawn(ann);
    t.fact(MissionFact::killed(ann, "SWARMER"));
    t.fact(MissionFact::killed(ghost, "UNKNOWN_ENEMY"));
    t.fact(MissionFact::collected(ghost, "ORE", u32::MAX));
    t.abandon(ann, "KILLS");
    assert_eq!(last_rejection(&t), RejectReason::UnknownPlayer);
    let before = t.snapshot();
    t.advance(1e12);
    t.fact(MissionFact::killed(ghost, "SWARMER"));
    t.accept(ghost, "NO_SUCH_MISSION");
    // Nothing the bad input named changed: no player gained anything, no acceptance moved.
    let after = t.snapshot();
    assert_eq!(after.players, before.players);
    assert_eq!(after.acceptances, before.acceptances);
    let world = t.app.world_mut();
    let progressed: u32 = world
        .query::<&MissionAcceptance>()
        .iter(world)
        .map(|a| a.progress().iter().map(|p| p.count).sum::<u32>())
        .sum();
    assert_eq!(progressed, 0, "no fact from a missing player counted");
}

#[test]
fn progress_survives_a_catalog_reload_and_removed_missions_freeze() {
    let mut t = test();
    let ann = t.spawn_player("ann");
    t.accept(ann, "KILLS");
    t.fact(MissionFact::killed(ann, "SWARMER"));
    // The designer raises the kill count: progress is kept, the target follows.
    let edited = CATALOG.replace(
        "KillType(enemy: \"SWARMER\", count: 3)",
        "KillType(enemy: \"SWARMER\", count: 5)",
    );
    t.app
        .insert_resource(MissionCatalog::from_ron_str(&edited).expect("valid"));
    t.update();
    let acc = t.acceptance(ann, "KILLS").expect("acceptance");
    assert_eq!((acc.progress()[0].count, acc.progress()[0].target), (1, 5));
    t.fact(MissionFact::killed(ann, "SWARMER"));
    assert_eq!(
        t.acceptance(ann, "KILLS").map(|a| a.progress()[0].count),
        Some(2)
    );
    // Remove the mission: it freezes, nothing panics, and abandoning still works.
    let removed = edited.replace("(id: \"KILLS\"", "(id: \"KILLS_RENAMED\"");
    t.app
        .insert_resource(MissionCatalog::from_ron_str(&removed).expect("valid"));
    t.update();
    t.fact(MissionFact::killed(ann, "SWARMER"));
    assert_eq!(
        t.acceptance(ann, "KILLS")
            .map(|a| (a.status(), a.progress()[0].count)),
        Some((MissionStatus::Active, 2))
    );
    t.abandon(ann, "KILLS");
    assert_eq!(t.status(ann, "KILLS"), Some(MissionStatus::Abandoned));
}
