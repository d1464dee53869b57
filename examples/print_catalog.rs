//! Loads `assets/missions/` through the plugin, exactly as a game does, and prints the catalog.
//!
//! ```text
//! cargo run --example print_catalog                              # print once and exit
//! cargo run --example print_catalog --features hot_reload -- --watch   # reprint on every save
//! ```
//!
//! With `--watch`, edit any `assets/missions/*.missions.ron` file: a good save prints the new
//! catalog within a second; a broken save prints every error with `path:line:col` and the old
//! catalog stays in use.

use bevy_missions::catalog::CatalogRejected;
use bevy_missions::catalog::CatalogReloaded;
use bevy_missions::model::player::Experience;
use bevy_missions::model::player::Inventory;
use bevy_missions::model::player::MissionHistory;
use bevy_missions::model::player::PinnedMissions;
use bevy_missions::model::player::PlayerTraits;
use bevy_missions::model::player::PlayerVariables;
use bevy_missions::model::player::Reputation;
use std::time::Duration;

use bevy::app::ScheduleRunnerPlugin;
use bevy::prelude::*;
use bevy_missions::prelude::*;

#[derive(Resource)]
struct Watch(bool);

fn main() {
    let watch = std::env::args().any(|a| a == "--watch");
    App::new()
        .add_plugins((
            MinimalPlugins.set(ScheduleRunnerPlugin::run_loop(Duration::from_millis(50))),
            AssetPlugin::default(),
            bevy::log::LogPlugin::default(),
            MissionsPlugins,
        ))
        .insert_resource(Watch(watch))
        .add_systems(Update, report.after(MissionSystems::Catalog))
        .run();
}

fn report(
    mut reloaded: MessageReader<CatalogReloaded>,
    mut rejected: MessageReader<CatalogRejected>,
    catalog: Res<MissionCatalog>,
    watch: Res<Watch>,
    mut exit: MessageWriter<AppExit>,
) {
    for _ in reloaded.read() {
        print_catalog(&catalog);
        if !watch.0 {
            exit.write(AppExit::Success);
        }
    }
    for r in rejected.read() {
        println!(
            "catalog rejected, still using generation {}:",
            catalog.generation()
        );
        for e in &r.errors {
            println!("  {e}");
        }
        if !watch.0 {
            exit.write(AppExit::error());
        }
    }
}

fn print_catalog(catalog: &MissionCatalog) {
    println!(
        "== mission catalog, generation {} ({} files) ==",
        catalog.generation(),
        catalog.files().len()
    );
    println!("\nFactions:");
    for f in catalog.factions() {
        let rivals: Vec<&str> = f.rivals.iter().map(|r| r.as_str()).collect();
        println!("  {:<24} rivals: {}", f.name, rivals.join(", "));
    }
    println!("\nBoard:");
    for planet in catalog.planets() {
        println!("  {} (enemies x{})", planet.name, planet.enemy_count_mult);
        for p in catalog.postings().iter().filter(|p| p.planet == planet.id) {
            let timer = catalog.tuning().timer(p.difficulty);
            let label = catalog.tuning().label(p.label);
            println!(
                "    {:<22} {:<8} {:<10} {}:{:02} extraction, {} crates, enemies x{}",
                p.title,
                format!("{:?}", p.label),
                p.difficulty.name(),
                timer as u32 / 60,
                timer as u32 % 60,
                label.weapon_box_count,
                label.enemy_count_mult
            );
        }
    }
    println!("\nMissions:");
    for m in catalog.missions() {
        let follow: Vec<&str> = m.follow_ups.iter().map(|f| f.mission.as_str()).collect();
        println!(
            "  {:<26} {:<14} {:>5} cr  {}{}",
            m.id,
            format!("{:?}", m.mission_type),
            m.rewards.credits,
            m.name,
            if follow.is_empty() {
                String::new()
            } else {
                format!("  -> {}", follow.join(", "))
            }
        );
    }
    if let Some(daily) = catalog.daily() {
        println!("\nDaily slots (refresh at {:02}:00):", daily.refresh_hour);
        for pool in &daily.slots {
            let ids: Vec<&str> = pool.missions.iter().map(|m| m.as_str()).collect();
            println!("  {:?}: {}", pool.slot, ids.join(", "));
        }
    }
    print_new_pilot(catalog);
    println!("\nRandom-mission templates:");
    for t in catalog.templates() {
        println!("  {:<14} {}", t.id, t.name);
    }
}

/// What a brand-new pilot sees: today's two postings, which contracts are locked and why, and the
/// run the first open one assembles into.
fn print_new_pilot(catalog: &MissionCatalog) {
    use bevy_missions::clock::MissionClock;
    use bevy_missions::draw::daily_missions;
    use bevy_missions::draw::open_postings;
    use bevy_missions::draw::pick_two_postings;
    use bevy_missions::lifecycle::PlayerView;
    use bevy_missions::lifecycle::check_gates;
    use bevy_missions::model::run::RunOverrides;
    use bevy_missions::run::assemble_run;

    let clock = MissionClock::manual();
    let hour = catalog.daily().map_or(0, |d| d.refresh_hour);
    println!("\nA new pilot, day {} of the game clock:", clock.day(hour));
    if let Some((a, b)) = pick_two_postings(catalog, clock.day(hour) as u64, clock.now) {
        println!("  Today's featured contracts: {} and {}", a.title, b.title);
    }
    let (reputation, experience, traits, inventory, history) = (
        Reputation::default(),
        Experience::default(),
        PlayerTraits::default(),
        Inventory::default(),
        MissionHistory::default(),
    );
    let (pinned, variables) = (PinnedMissions::default(), PlayerVariables::default());
    let view = PlayerView {
        variables: &variables,
        pinned: &pinned,
        reputation: &reputation,
        experience: &experience,
        traits: &traits,
        inventory: &inventory,
        history: &history,
        active_count: 0,
        has_active: false,
    };
    for posting in open_postings(catalog, clock.now) {
        let Some(mission) = catalog.mission(posting.mission.as_str()) else {
            continue;
        };
        match check_gates(mission, &view, catalog, &(), &clock) {
            Ok(()) => println!("  open    {:<22}", posting.title),
            Err(why) => println!("  locked  {:<22} {why}", posting.title),
        }
    }
    if let Some(first) = catalog.postings().first()
        && let Ok(run) = assemble_run(catalog, &first.id, RunOverrides::default())
    {
        println!(
            "  Taking {}: SURVIVE {}:{:02} until extraction, {} crates, waves of {} / {} / {} enemies, win: {:?}",
            first.title,
            run.timer_seconds as u32 / 60,
            run.timer_seconds as u32 % 60,
            run.weapon_box_count,
            run.enemies_in_wave(1),
            run.enemies_in_wave(2),
            run.enemies_in_wave(3),
            run.win
        );
    }
    let dailies: Vec<String> = daily_missions(catalog, &clock)
        .into_iter()
        .map(|(slot, m)| format!("{slot:?}: {m}"))
        .collect();
    println!("  Today's dailies: {}", dailies.join(", "));
}
