//! The board, run assembly from postings, daily quests and the dashboard.

use bevy::ecs::system::SystemState;
use bevy::prelude::*;
use bevy_missions::board::MissionBoard;
use bevy_missions::catalog::MissionCatalog;
use bevy_missions::clock::MissionClock;
use bevy_missions::draw::daily_missions;
use bevy_missions::draw::pick_two_postings;
use bevy_missions::draw::pick_two_postings_for_planet;
use bevy_missions::ids::PlanetId;
use bevy_missions::lifecycle::MissionSeed;
use bevy_missions::lifecycle::MissionStats;
use bevy_missions::model::run::RunDefinition;
use bevy_missions::model::run::RunOverrides;
use bevy_missions::model::run::WinCondition;
use bevy_missions::model::save::SaveGame;
use bevy_missions::model::tuning::Difficulty;
use bevy_missions::model::tuning::ObjectiveLabel;
use bevy_missions::model::tuning::TuningTables;
use bevy_missions::objectives::FactKind;
use bevy_missions::prelude::*;
use bevy_missions::run::SpawnWave;
use bevy_missions::run::WaveDirector;
use bevy_missions::run::assemble_run;
use bevy_missions::testing::MissionsTest;

use crate::common::{demo_catalog, demo_catalog_every_posting, demo_files};

#[test]
fn the_demo_tuning_tables_hold_the_seed_values() {
    let catalog = demo_catalog();
    let tuning = catalog.tuning();
    let labels: Vec<(f32, u32)> = ObjectiveLabel::ALL
        .iter()
        .map(|l| {
            (
                tuning.label(*l).enemy_count_mult,
                tuning.label(*l).weapon_box_count,
            )
        })
        .collect();
    assert_eq!(labels, vec![(1.0, 0), (0.85, 2), (1.15, 1), (1.4, 0)]);
    let timers: Vec<f32> = Difficulty::ALL.iter().map(|d| tuning.timer(*d)).collect();
    assert_eq!(timers, vec![180.0, 240.0, 300.0, 360.0, 420.0]);
}

#[test]
fn a_run_takes_the_postings_levers_and_a_caller_crate_count_wins() {
    let catalog = demo_catalog();
    // Plating Run: Kepler (x1.0), Find (0.85x, 2 crates), Standard (240 s), common.
    let run = assemble_run(
        &catalog,
        &"P_KEPLER_SALVAGE".into(),
        RunOverrides::default(),
    )
    .expect("run");
    assert_eq!(run.timer_seconds, 240.0);
    assert_eq!(run.weapon_box_count, 2);
    assert!((run.enemy_count_mult - 0.85).abs() < 1e-6);
    assert_eq!((run.win, run.win_count), (WinCondition::Collect, 6));
    let over = RunOverrides {
        weapon_box_count: Some(0),
        challenge: true,
        ..Default::default()
    };
    let run = assemble_run(&catalog, &"P_KEPLER_SALVAGE".into(), over).expect("run");
    assert_eq!(
        run.weapon_box_count, 0,
        "the caller's crate count always wins"
    );
    assert!(
        (run.enemy_count_mult - 0.85 * 1.5).abs() < 1e-6,
        "challenge stacks"
    );
    // Redhand's Bounty: Vesta (x1.2) x Legendary (x1.5) x Battle (x1.4), Black Flag 7:00.
    let run =
        assemble_run(&catalog, &"P_VESTA_REDHAND".into(), RunOverrides::default()).expect("run");
    assert_eq!(run.timer_seconds, 420.0);
    assert!((run.enemy_count_mult - 1.2 * 1.5 * 1.4).abs() < 1e-5);
    assert_eq!(run.win, WinCondition::KillTarget);
    assert!(assemble_run(&catalog, &"NOPE".into(), RunOverrides::default()).is_err());
}

#[test]
fn the_multiplier_applies_wave_by_wave() {
    let catalog = demo_catalog();
    let run =
        assemble_run(&catalog, &"P_KEPLER_SWARM".into(), RunOverrides::default()).expect("run");
    // Base 8, +2 per wave, x1.4 (Battle on Kepler, uncommon 1.1): 8*1.54, 10*1.54, 12*1.54.
    let mult = 1.0 * 1.1 * 1.4;
    assert_eq!(run.enemies_in_wave(1), (8.0_f32 * mult).round() as u32);
    assert_eq!(run.enemies_in_wave(2), (10.0_f32 * mult).round() as u32);
    assert_eq!(run.enemies_in_wave(3), (12.0_f32 * mult).round() as u32);
    assert_eq!(run.enemies_in_wave(0), run.enemies_in_wave(1));
}

#[test]
fn a_tuning_reload_changes_the_next_run_not_the_one_in_progress() {
    let files = demo_files();
    let edited: Vec<(String, String)> = files
        .iter()
        .map(|(p, t)| (p.clone(), t.replace("Standard: 240.0", "Standard: 250.0")))
        .collect();
    let mut t = MissionsTest::new(demo_catalog());
    let (ann, bob) = (t.spawn_player("ann"), t.spawn_player("bob"));
    let fly = |t: &mut MissionsTest, player| {
        t.request(MissionRequest::AcceptPosting {
            player,
            posting: "P_KEPLER_SALVAGE".into(),
            overrides: RunOverrides::default(),
        });
        t.get::<RunDefinition>(player)
            .expect("flying a run")
            .timer_seconds
    };
    assert_eq!(fly(&mut t, ann), 240.0);
    let reloaded = MissionCatalog::from_texts(edited.iter().map(|(p, t)| (p.as_str(), t.as_str())))
        .expect("valid");
    t.app.insert_resource(reloaded);
    t.update();
    assert_eq!(
        t.get::<RunDefinition>(ann).unwrap().timer_seconds,
        240.0,
        "the run in progress keeps its timer"
    );
    assert_eq!(fly(&mut t, bob), 250.0, "the next run uses the new table");
}

#[test]
fn board_pairs_are_distinct_and_deterministic() {
    let catalog = demo_catalog();
    for seed in 0..2_000u64 {
        let (a, b) = pick_two_postings(&catalog, seed, 0.0).expect("a pair");
        assert_ne!(a.id, b.id, "seed {seed}");
        let again = pick_two_postings(&catalog, seed, 0.0).expect("a pair");
        assert_eq!(
            (a.id.clone(), b.id.clone()),
            (again.0.id.clone(), again.1.id.clone())
        );
        let (c, d) =
            pick_two_postings_for_planet(&catalog, &"HALCYON".into(), seed, 0.0).expect("a pair");
        assert_ne!(c.id, d.id);
        assert!(c.planet.as_str() == "HALCYON" && d.planet.as_str() == "HALCYON");
    }
    let firsts: std::collections::BTreeSet<String> = (0..200)
        .filter_map(|s| pick_two_postings(&catalog, s, 0.0))
        .map(|(a, _)| a.id.to_string())
        .collect();
    assert!(
        firsts.len() >= 10,
        "seeds spread over the board: {firsts:?}"
    );
}

fn board_ids(t: &mut MissionsTest, player: Entity) -> Vec<(String, bool)> {
    let mut state: SystemState<MissionBoard> = SystemState::new(t.app.world_mut());
    let board = state.get(t.app.world()).expect("board");
    board
        .entries(player)
        .iter()
        .map(|e| (e.posting.id.to_string(), e.locked.is_none()))
        .collect()
}

#[test]
fn the_board_shows_two_postings_per_planet_a_day_and_only_those_can_be_taken() {
    let catalog = demo_catalog();
    assert_eq!(catalog.rules().postings_per_planet, Some(2));
    let mut t = MissionsTest::new(catalog.clone());
    t.app.insert_resource(MissionSeed(7));
    let ann = t.spawn_player("ann");
    let today = board_ids(&mut t, ann);
    let planets: std::collections::BTreeSet<&str> = catalog
        .postings()
        .iter()
        .map(|p| p.planet.as_str())
        .collect();
    for planet in &planets {
        let here = today
            .iter()
            .filter(|(id, _)| {
                catalog
                    .postings()
                    .iter()
                    .any(|p| p.id.as_str() == id && p.planet.as_str() == *planet)
            })
            .count();
        assert_eq!(here, 2, "{planet}: {today:?}");
    }
    // A posting the draw left out is refused, and nothing is accepted.
    let hidden = catalog
        .postings()
        .iter()
        .find(|p| !today.iter().any(|(id, _)| id == p.id.as_str()))
        .expect("a hidden posting");
    t.request(MissionRequest::AcceptPosting {
        player: ann,
        posting: hidden.id.clone(),
        overrides: RunOverrides::default(),
    });
    assert_eq!(t.rejections().last(), Some(&RejectReason::NotPostedToday));
    assert_eq!(t.status(ann, hidden.mission.as_str()), None);
    // One on the board is taken.
    let (shown, _) = today
        .iter()
        .find(|(_, open)| *open)
        .expect("an open posting");
    t.request(MissionRequest::AcceptPosting {
        player: ann,
        posting: shown.as_str().into(),
        overrides: RunOverrides::default(),
    });
    assert!(
        t.get::<RunDefinition>(ann).is_some(),
        "{:?}",
        t.rejections()
    );
    // The board is drawn again at each daily refresh, and every posting comes round.
    let mut seen: std::collections::BTreeSet<String> =
        today.iter().map(|(id, _)| id.clone()).collect();
    let mut boards = std::collections::BTreeSet::from([today]);
    for _ in 0..20 {
        t.advance(86_400.0);
        let day = board_ids(&mut t, ann);
        seen.extend(day.iter().map(|(id, _)| id.clone()));
        boards.insert(day);
    }
    assert!(boards.len() > 5, "{boards:?}");
    // Every posting showed on some day.
    assert_eq!(seen.len(), catalog.postings().len(), "{seen:?}");
}

#[test]
fn locked_postings_say_why() {
    let mut t = MissionsTest::new(demo_catalog_every_posting());
    let ann = t.spawn_player("ann");
    let mut state: SystemState<MissionBoard> = SystemState::new(t.app.world_mut());
    let board = state.get(t.app.world()).expect("board");
    let entries = board.entries(ann);
    assert_eq!(entries.len(), 12);
    let locked = |id: &str| {
        entries
            .iter()
            .find(|e| e.posting.id.as_str() == id)
            .and_then(|e| e.locked.clone())
    };
    assert_eq!(locked("P_KEPLER_SURVEY"), None);
    assert_eq!(
        locked("P_ASHFALL_CORSAIRS"),
        Some(RejectReason::LevelTooLow { have: 1, need: 3 })
    );
    assert_eq!(
        locked("P_VESTA_XENO"),
        Some(RejectReason::MissingTrait("XENO_CLEARANCE".into()))
    );
    assert_eq!(
        locked("P_VESTA_DEPOT"),
        Some(RejectReason::PrerequisiteMissing {
            mission: "M_GUILD_FIRST_HAUL".into(),
            have: 0,
            need: 1
        })
    );
}

#[test]
fn dailies_are_the_same_for_everyone_and_expire_at_the_refresh_hour() {
    let mut t = MissionsTest::new(demo_catalog());
    let (ann, bob) = (t.spawn_player("ann"), t.spawn_player("bob"));
    let today = {
        let w = t.app.world();
        daily_missions(w.resource::<MissionCatalog>(), w.resource::<MissionClock>())
    };
    assert_eq!(today.len(), 4);
    let (_, trade) = today
        .iter()
        .find(|(s, _)| *s == bevy_missions::model::board::DailySlot::Trade)
        .cloned()
        .expect("trade");
    let other = if trade.as_str() == "D_TRADE_SMALL" {
        "D_TRADE_BULK"
    } else {
        "D_TRADE_SMALL"
    };
    t.accept(ann, other);
    assert_eq!(t.rejections().last(), Some(&RejectReason::NotTodaysDaily));
    t.accept(ann, trade.as_str());
    t.accept(bob, trade.as_str());
    t.fact(MissionFact::counter(bob, "TRADES", 6));
    assert_eq!(
        t.status(bob, trade.as_str()),
        Some(MissionStatus::Completed),
        "per-player completion"
    );
    assert_eq!(t.status(ann, trade.as_str()), Some(MissionStatus::Active));
    // The demo clock starts at 00:00 UTC and dailies refresh at 00:00: the day ends in 86,400 s.
    t.advance(86_399.0);
    assert_eq!(t.status(ann, trade.as_str()), Some(MissionStatus::Active));
    t.advance(1.0);
    assert_eq!(
        t.status(ann, trade.as_str()),
        Some(MissionStatus::Expired),
        "unfinished dailies expire at the refresh"
    );
}

#[test]
fn the_refresh_hour_is_configurable() {
    let files = demo_files();
    let six: Vec<(String, String)> = files
        .iter()
        .map(|(p, t)| (p.clone(), t.replace("refresh_hour: 0", "refresh_hour: 6")))
        .collect();
    let catalog = MissionCatalog::from_texts(six.iter().map(|(p, t)| (p.as_str(), t.as_str())))
        .expect("valid");
    let mut t = MissionsTest::new(catalog);
    let ann = t.spawn_player("ann");
    let today = {
        let w = t.app.world();
        daily_missions(w.resource::<MissionCatalog>(), w.resource::<MissionClock>())
    };
    let (_, social) = today
        .into_iter()
        .find(|(s, _)| *s == bevy_missions::model::board::DailySlot::Social)
        .expect("social");
    t.accept(ann, social.as_str());
    // 00:00 is 18 hours before the 06:00 refresh.
    t.advance(6.0 * 3600.0 - 1.0);
    assert_eq!(t.status(ann, social.as_str()), Some(MissionStatus::Active));
    t.advance(1.0);
    assert_eq!(t.status(ann, social.as_str()), Some(MissionStatus::Expired));
}

#[test]
fn the_dashboard_counts_outcomes() {
    let mut t = MissionsTest::new(demo_catalog());
    let (ann, bob) = (t.spawn_player("ann"), t.spawn_player("bob"));
    t.accept(ann, "M_LOST_DRONE");
    t.accept(bob, "M_LOST_DRONE");
    t.advance(100.0);
    t.fact(MissionFact::new(
        ann,
        FactKind::MonsterFound {
            enemy: "LOST_SURVEY_DRONE".into(),
        },
    ));
    t.abandon(bob, "M_LOST_DRONE");
    let stats = t.app.world().resource::<MissionStats>();
    let counts = stats
        .0
        .get(&MissionId::from("M_LOST_DRONE"))
        .cloned()
        .expect("counts");
    assert_eq!(
        (counts.accepted, counts.completed, counts.abandoned),
        (2, 1, 1)
    );
    assert_eq!(counts.average_completion_secs(), Some(100.0));
}

fn generated(t: &mut MissionsTest) -> Vec<MissionId> {
    t.outcomes()
        .offered
        .iter()
        .filter(|o| o.mission.as_str().contains('#'))
        .map(|o| o.mission.clone())
        .collect()
}

#[test]
fn random_missions_are_deterministic_and_filled_from_the_situation() {
    use bevy_missions::draw::Situation;
    use bevy_missions::draw::choose_template;
    use bevy_missions::draw::generate_mission;
    use bevy_missions::model::player::Reputation;
    let catalog = demo_catalog();
    let rep = Reputation::default();
    let kepler = PlanetId::from("KEPLER");
    let situation = Situation {
        planet: Some(&kepler),
        reputation: &rep,
        now: 0.0,
    };
    let mut kinds = std::collections::BTreeSet::new();
    for seed in 0..300u64 {
        let template = choose_template(&catalog, &rep, seed).expect("a template");
        assert_ne!(
            template.id.as_str(),
            "T_SMUGGLING",
            "Fringe-only, and this player is not allied"
        );
        let a = generate_mission(&catalog, template, &situation, seed);
        let b = generate_mission(&catalog, template, &situation, seed);
        assert_eq!(a, b, "same seed, same mission");
        if let Some(def) = a {
            kinds.insert(template.id.to_string());
            assert!(!def.name.contains('{'), "placeholders filled: {}", def.name);
            let credits = def.rewards.credits;
            assert!((template.min_credits..=template.max_credits).contains(&credits));
            if template.id.as_str() == "T_BOUNTY" {
                // A low-reputation captain (the Corsairs start at -300).
                assert!(
                    def.name == "Bounty: Captain Redhand" || def.name == "Bounty: Captain Skrell",
                    "{}",
                    def.name
                );
            }
            if template.id.as_str() == "T_SALVAGE" {
                assert!(
                    def.name.contains("Wreck of the Aurelian")
                        || def.name.contains("Shattered Freighter")
                );
            }
        }
    }
    assert_eq!(
        kinds.len(),
        3,
        "bounty, salvage and distress all come up: {kinds:?}"
    );
    let mut allied = Reputation::default();
    allied.standings.insert("FRINGE".into(), 300);
    assert!((0..300).any(|s| {
        choose_template(&catalog, &allied, s).is_some_and(|t| t.id.as_str() == "T_SMUGGLING")
    }));
}

#[test]
fn random_missions_are_pinned_capped_and_run_through_the_lifecycle() {
    let mut t = MissionsTest::new(demo_catalog());
    let ann = t.spawn_player("ann");
    for seed in 1..=4u64 {
        t.request(MissionRequest::Generate {
            player: ann,
            planet: Some("ASHFALL".into()),
            seed,
        });
    }
    let offered = generated(&mut t);
    assert_eq!(offered.len(), 3);
    assert_eq!(
        t.rejections().last(),
        Some(&RejectReason::TooManyRandomMissions { cap: 3 })
    );
    let pinned = t
        .get::<bevy_missions::model::player::PinnedMissions>(ann)
        .expect("pinned")
        .0;
    assert_eq!(pinned, offered);
    // Take one and finish it by abandoning: the pin is freed and a new one can be generated.
    let first = offered[0].clone();
    t.accept(ann, first.as_str());
    assert_eq!(t.status(ann, first.as_str()), Some(MissionStatus::Active));
    t.abandon(ann, first.as_str());
    assert_eq!(
        t.get::<bevy_missions::model::player::PinnedMissions>(ann)
            .expect("pinned")
            .0
            .len(),
        2
    );
    t.request(MissionRequest::Generate {
        player: ann,
        planet: Some("ASHFALL".into()),
        seed: 99,
    });
    assert_eq!(
        t.get::<bevy_missions::model::player::PinnedMissions>(ann)
            .expect("pinned")
            .0
            .len(),
        3
    );
}

#[test]
fn a_distress_beacon_is_only_open_for_its_window() {
    use bevy_missions::draw::choose_template;
    use bevy_missions::model::player::Reputation;
    let catalog = demo_catalog();
    let seed = (0..1000u64)
        .find(|s| {
            choose_template(&catalog, &Reputation::default(), *s)
                .is_some_and(|t| t.id.as_str() == "T_DISTRESS")
        })
        .expect("a seed that draws the distress beacon");
    let mut t = MissionsTest::new(catalog);
    let (ann, bob) = (t.spawn_player("ann"), t.spawn_player("bob"));
    t.request(MissionRequest::Generate {
        player: ann,
        planet: Some("KEPLER".into()),
        seed,
    });
    let beacon = generated(&mut t).pop().expect("generated");
    t.accept(ann, beacon.as_str());
    t.advance(1_799.0);
    assert_eq!(t.status(ann, beacon.as_str()), Some(MissionStatus::Active));
    t.advance(1.0);
    assert_eq!(
        t.status(ann, beacon.as_str()),
        Some(MissionStatus::Expired),
        "the 30-minute window closed"
    );
    t.accept(bob, beacon.as_str());
    assert!(matches!(
        t.rejections().last(),
        Some(RejectReason::OutsideWindow { .. })
    ));
    // Beacons bob draws and lets close unaccepted do not hold his random-contract places.
    let cap = t
        .app
        .world()
        .resource::<MissionCatalog>()
        .rules()
        .random_missions_cap;
    for round in 0..=cap {
        t.request(MissionRequest::Generate {
            player: bob,
            planet: Some("KEPLER".into()),
            seed,
        });
        assert!(
            !t.rejections()
                .iter()
                .any(|r| matches!(r, RejectReason::TooManyRandomMissions { .. })),
            "round {round}: closed beacons still pinned"
        );
        t.advance(1_800.0);
    }
    let pinned = t
        .get::<bevy_missions::model::player::PinnedMissions>(bob)
        .unwrap();
    assert_eq!(pinned.0.len(), 1, "only the open beacon: {pinned:?}");
}

/// The spawn director's waves, per label, with everything else equal.
#[derive(Resource, Default)]
struct Waves(Vec<SpawnWave>);

fn log_waves(mut waves: MessageReader<SpawnWave>, mut log: ResMut<Waves>) {
    log.0.extend(waves.read().cloned());
}

#[test]
fn the_spawn_director_sends_denser_waves_for_denser_labels() {
    let labels = ["Battle", "Protect", "Explore", "Find"];
    // The seed's tuning tables (the demo's), one planet, one difficulty: only the label differs.
    let tuning = ron::to_string(&TuningTables::default()).expect("tuning");
    let mut ron = format!(
        r#"(tuning: {tuning}, planets: [(id: "X", name: "X", enemy_count_mult: 1.0)], postings: ["#,
    );
    for l in labels {
        ron.push_str(&format!(
            r#"(id: "P_{l}", title: "{l}", planet: "X", label: {l}, difficulty: Standard, mission: "M_{l}"),"#
        ));
    }
    ron.push_str("], missions: [");
    for l in labels {
        ron.push_str(&format!(
            r#"(id: "M_{l}", name: "{l}", origins: [Board], objectives: [(goal: Survive())]),"#
        ));
    }
    ron.push_str("])");
    let mut t = MissionsTest::from_ron(&ron).expect(&ron);
    t.app
        .init_resource::<Waves>()
        .add_systems(Update, log_waves.after(MissionSystems::SpawnDirector));
    let mut runners = Vec::new();
    for l in labels {
        let p = t.spawn_player(l);
        t.request(MissionRequest::AcceptPosting {
            player: p,
            posting: format!("P_{l}").into(),
            overrides: RunOverrides::default(),
        });
        t.request(MissionRequest::start_run(p));
        runners.push(p);
    }
    for _ in 0..4 {
        t.advance(20.0);
    }
    let waves = &t.app.world().resource::<Waves>().0;
    let per_label: Vec<Vec<u32>> = runners
        .iter()
        .map(|r| {
            waves
                .iter()
                .filter(|w| w.runner == *r)
                .map(|w| w.enemies)
                .collect()
        })
        .collect();
    for (l, w) in labels.iter().zip(&per_label) {
        println!("{l:>8}: enemies per wave {w:?}");
    }
    for w in &per_label {
        assert_eq!(w.len(), 5, "the first wave at once, then one every 20 s");
    }
    for wave in 0..5 {
        let counts: Vec<u32> = per_label.iter().map(|w| w[wave]).collect();
        assert!(
            counts.windows(2).all(|p| p[0] > p[1]),
            "wave {}: Battle > Protect > Explore > Find, got {counts:?}",
            wave + 1
        );
    }
    // A run that ends stops its waves; the others go on.
    let count = |t: &MissionsTest, r: Entity| {
        t.app
            .world()
            .resource::<Waves>()
            .0
            .iter()
            .filter(|w| w.runner == r)
            .count()
    };
    t.app
        .world_mut()
        .entity_mut(runners[0])
        .remove::<RunDefinition>();
    t.advance(20.0);
    t.advance(20.0);
    assert_eq!(count(&t, runners[0]), 5);
    assert_eq!(count(&t, runners[1]), 7);
    assert!(t.get::<WaveDirector>(runners[0]).is_none());
}

/// Two players drawing the same template with the same seed get two missions: the second draw
/// never replaces the definition under the first player's attempt, nor pins it to them.
#[test]
fn two_players_drawing_the_same_seed_get_missions_of_their_own() {
    let mut t = MissionsTest::new(demo_catalog());
    let (ann, bob) = (t.spawn_player("ann"), t.spawn_player("bob"));
    let draw = |player| MissionRequest::Generate {
        player,
        planet: Some("ASHFALL".into()),
        seed: 7,
    };
    t.request(draw(ann));
    let anns = generated(&mut t).pop().expect("ann's draw");
    t.accept(ann, anns.as_str());
    t.request(draw(bob));
    let bobs = generated(&mut t).pop().expect("bob's draw");
    assert_ne!(anns, bobs, "one id per draw");
    assert_eq!(t.status(ann, anns.as_str()), Some(MissionStatus::Active));
    let pinned = |t: &MissionsTest, p| {
        t.get::<bevy_missions::model::player::PinnedMissions>(p)
            .expect("pinned")
            .0
    };
    assert_eq!(pinned(&t, ann), vec![anns.clone()]);
    assert_eq!(pinned(&t, bob), vec![bobs.clone()]);
    // Bob cannot take Ann's; Ann's attempt still follows her own definition.
    t.accept(bob, anns.as_str());
    assert_eq!(t.rejections().last(), Some(&RejectReason::NotYours));
    // The same player drawing the same seed again gets yet another mission.
    t.request(draw(bob));
    let again = generated(&mut t).pop().expect("bob's second draw");
    assert_ne!(again, bobs);
    // A save edited to an older serial counter (and without its attempts) still hands out no
    // id twice: the counter starts above every draw the save holds.
    let mut save = t.snapshot();
    let top = save
        .generated
        .keys()
        .filter_map(|id| id.as_str().rsplit_once('-')?.1.parse::<u64>().ok())
        .max()
        .expect("draws in the save");
    save.last_serial = 0;
    save.acceptances.clear();
    let mut fresh = MissionsTest::new(demo_catalog());
    bevy_missions::save::restore(fresh.app.world_mut(), save);
    fresh.update();
    assert!(fresh.snapshot().last_serial >= top);
    let bob = fresh.player("bob").unwrap();
    let before = fresh
        .app
        .world()
        .resource::<bevy_missions::lifecycle::GeneratedMissions>()
        .0
        .clone();
    fresh.request(draw(bob));
    let after = &fresh
        .app
        .world()
        .resource::<bevy_missions::lifecycle::GeneratedMissions>()
        .0;
    assert_eq!(
        after.len(),
        before.len() + 1,
        "a new id, not one overwritten"
    );
}

/// A contract's timers run from the launch, not the acceptance: the pilot's time at the hub is
/// their own. The waves wait for the launch too; a contract never launched expires as its
/// posting says, taking its run off the pilot.
#[test]
fn a_contract_runs_from_its_launch_and_one_never_launched_expires() {
    let mut t = MissionsTest::new(demo_catalog_every_posting());
    t.app
        .init_resource::<Waves>()
        .add_systems(Update, log_waves.after(MissionSystems::SpawnDirector));
    let (ann, bob) = (t.spawn_player("ann"), t.spawn_player("bob"));
    let dee = t.spawn_player("dee");
    t.request(MissionRequest::accept_posting(ann, "P_KEPLER_SURVEY"));
    t.request(MissionRequest::accept_posting(bob, "P_KEPLER_SURVEY"));
    // Covering the convoy for 90 s counts from the launch too.
    t.request(MissionRequest::accept_posting(dee, "P_ASHFALL_CONVOY"));
    let timer = f64::from(
        t.get::<RunDefinition>(ann)
            .expect("a contract")
            .timer_seconds,
    );
    let acc = t.acceptance(ann, "M_KEPLER_SURVEY").unwrap();
    assert!(acc.awaiting_launch());
    assert_eq!(acc.launch_by(), Some(1800.0), "the posting's launch_within");
    // Lingering at the hub costs nothing.
    t.advance(600.0);
    assert!(
        t.app.world().resource::<Waves>().0.is_empty(),
        "no waves before launch"
    );
    let survive = |t: &mut MissionsTest, p| {
        let acc = t.acceptance(p, "M_KEPLER_SURVEY").unwrap();
        acc.progress().iter().find_map(|p| p.ends_at)
    };
    assert_eq!(survive(&mut t, ann), None);
    let depot = t.acceptance(dee, "M_ASHFALL_CONVOY").unwrap();
    assert_eq!(
        depot.status(),
        MissionStatus::Active,
        "no convoy covered at the hub"
    );
    assert!(
        depot
            .progress()
            .iter()
            .all(|p| p.ends_at.is_none() && !p.done)
    );
    t.request(MissionRequest::start_run(ann));
    assert_eq!(
        survive(&mut t, ann),
        Some(600.0 + timer),
        "extraction from the launch"
    );
    let acc = t.acceptance(ann, "M_KEPLER_SURVEY").unwrap();
    assert_eq!((acc.run_started_at(), acc.launch_by()), (Some(600.0), None));
    t.update();
    assert_eq!(
        t.app.world().resource::<Waves>().0.len(),
        1,
        "the first wave at launch"
    );
    // Launching again changes nothing; nobody without a contract can launch.
    t.request(MissionRequest::start_run(ann));
    assert_eq!(survive(&mut t, ann), Some(600.0 + timer));
    assert!(t.rejections().is_empty(), "{:?}", t.rejections());
    let cid = t.spawn_player("cid");
    t.request(MissionRequest::start_run(cid));
    assert_eq!(t.rejections(), vec![RejectReason::NoContract]);
    // Bob never launches: at 1800 s his contract expires and his run is gone; ann's goes on.
    t.advance(1100.0);
    assert_eq!(
        t.status(bob, "M_KEPLER_SURVEY"),
        Some(MissionStatus::Active)
    );
    t.advance(200.0);
    assert_eq!(
        t.status(bob, "M_KEPLER_SURVEY"),
        Some(MissionStatus::Expired)
    );
    assert!(t.get::<RunDefinition>(bob).is_none());
    assert_ne!(
        t.status(ann, "M_KEPLER_SURVEY"),
        Some(MissionStatus::Expired)
    );
}

/// A contract waiting at the hub is saved waiting: after a load its timer has not started and
/// it still expires when its posting says; a launched one keeps its timer and its waves.
#[test]
fn a_contract_waiting_at_the_hub_is_saved_waiting() {
    let mut t = MissionsTest::new(demo_catalog_every_posting());
    let (ann, bob) = (t.spawn_player("ann"), t.spawn_player("bob"));
    t.request(MissionRequest::accept_posting(ann, "P_KEPLER_SURVEY"));
    t.request(MissionRequest::accept_posting(bob, "P_KEPLER_SURVEY"));
    t.advance(100.0);
    t.request(MissionRequest::start_run(bob));
    let text = t.snapshot().to_ron().unwrap();
    let save = SaveGame::from_ron(std::path::Path::new("s.ron"), text.as_bytes()).unwrap();
    let mut fresh = MissionsTest::new(demo_catalog_every_posting());
    bevy_missions::save::restore(fresh.app.world_mut(), save);
    fresh.update();
    let (ann, bob) = (fresh.player("ann").unwrap(), fresh.player("bob").unwrap());
    let a = fresh.acceptance(ann, "M_KEPLER_SURVEY").unwrap();
    assert!(a.awaiting_launch());
    assert_eq!(a.launch_by(), Some(1800.0));
    assert!(a.progress().iter().all(|p| p.ends_at.is_none()));
    assert!(
        fresh.get::<WaveDirector>(ann).is_none(),
        "no waves at the hub"
    );
    let b = fresh.acceptance(bob, "M_KEPLER_SURVEY").unwrap();
    assert_eq!(b.run_started_at(), Some(100.0));
    assert!(
        fresh.get::<WaveDirector>(bob).is_some(),
        "the launched run goes on"
    );
    fresh.advance(1800.0);
    assert_eq!(
        fresh.status(ann, "M_KEPLER_SURVEY"),
        Some(MissionStatus::Expired)
    );
}
