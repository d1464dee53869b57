//! `--autoplay`: a bot that plays the way a player would, through the same actions. At the hub
//! it takes today's dailies, does the station work they ask for, picks a posting (a label it has
//! not flown yet first) and launches; in the run it steers toward the HUD arrow's target, the
//! nearest pickup, or around the field, away from enemies that get close. After `--runs N` runs
//! it prints a summary and exits: 0 when every run finished, 1 when one could not.

use bevy::prelude::*;
use bevy_missions::catalog::CatalogStatus;
use bevy_missions::catalog::MissionCatalog;
use bevy_missions::lifecycle::GeneratedMissions;
use bevy_missions::lifecycle::MissionAcceptance;
use bevy_missions::model::objective::ObjectiveKind;
use bevy_missions::model::player::MissionHistory;
use bevy_missions::model::player::Wallet;
use bevy_missions::model::run::RunDefinition;
use bevy_missions::prelude::*;
use bevy_missions::save::SaveStatus;
use bevy_missions::ui::MissionsUi;
use bevy_missions::ui::Panel;
use bevy_missions::ui::view::BoardRow;
use bevy_missions::ui::view::BoardView;
use bevy_missions::ui::view::HudView;
use bevy_missions::ui::view::JournalView;
use bevy_missions::ui::view::OfferSource;

use crate::field::{Enemy, Pickup, RunCount, Sortie};
use crate::hub::{HubAction, StationView};
use crate::outcomes::SessionLog;
use crate::ship::{Ship, Steer};
use crate::shots::Shots;
use crate::{Args, GameState, Pilot};

/// The order labels are tried in, so four runs cover all four.
const LABELS: [&str; 4] = ["Find", "Explore", "Protect", "Battle"];
/// Real seconds the bot may wait at the hub for something to fly before it gives up.
const STUCK_SECS: f64 = 90.0;

/// The bot's memory.
#[derive(Resource, Default, Debug)]
pub struct Bot {
    /// Labels flown.
    pub flown: Vec<String>,
    /// Real time the current hub visit began.
    arrived: Option<f64>,
    /// Real time of the last step.
    last_step: f64,
}

/// The bot.
pub struct BotPlugin;

impl Plugin for BotPlugin {
    fn build(&self, app: &mut App) {
        app.init_resource::<Bot>()
            .add_systems(OnEnter(GameState::Hub), |mut bot: ResMut<Bot>| {
                bot.arrived = None;
            })
            .add_systems(OnExit(GameState::Run), |mut steer: ResMut<Steer>| {
                steer.0 = Vec2::ZERO;
            })
            .add_systems(
                Update,
                (
                    hub_bot
                        .run_if(in_state(GameState::Hub))
                        .before(MissionSystems::Ingest),
                    run_bot
                        .run_if(in_state(GameState::Run))
                        .before(MissionSystems::Ingest),
                ),
            );
    }
}

/// What the hub bot reads.
#[derive(bevy::ecs::system::SystemParam)]
struct HubWorld<'w, 's> {
    args: Res<'w, Args>,
    time: Res<'w, Time<Real>>,
    catalog: Res<'w, MissionCatalog>,
    generated: Res<'w, GeneratedMissions>,
    status: Option<Res<'w, CatalogStatus>>,
    save: Res<'w, SaveStatus>,
    pilot: Res<'w, Pilot>,
    board: Res<'w, BoardView>,
    journal: Res<'w, JournalView>,
    station: Res<'w, StationView>,
    runs: Res<'w, RunCount>,
    log: Res<'w, SessionLog>,
    shots: Res<'w, Shots>,
    flying: Query<'w, 's, &'static RunDefinition>,
    acceptances: Query<'w, 's, &'static MissionAcceptance>,
    pilots: Query<'w, 's, (&'static Wallet, &'static MissionHistory)>,
}

fn hub_bot(
    w: HubWorld,
    mut bot: ResMut<Bot>,
    mut ui: ResMut<MissionsUi>,
    mut hub: MessageWriter<HubAction>,
    mut requests: MessageWriter<MissionRequest>,
    mut exit: MessageWriter<AppExit>,
) {
    let now = w.time.elapsed_secs_f64();
    if w.status.as_ref().is_none_or(|s| s.generation == 0)
        || !w.save.started
        || w.save.refused.is_some()
    {
        return;
    }
    let arrived = *bot.arrived.get_or_insert(now);
    // Let the completion screen count up (and be photographed), then dismiss it.
    if ui.completion_showing().is_some() {
        if now - arrived > 3.0 || !w.shots.wants(&w.args, "complete") && now - arrived > 1.0 {
            ui.completions.pop_front();
            ui.completion_shown_at = None;
        }
        return;
    }
    if now - bot.last_step < 0.3 || now - arrived < 1.0 {
        return;
    }
    bot.last_step = now;
    // After a run, a look at the journal while it has missions in it (for the screenshot).
    let journal_shot = w.shots.wants(&w.args, "journal");
    if w.runs.0 > 0 && journal_shot && w.journal.rows().next().is_some() {
        ui.open(Panel::Journal);
        return;
    }
    ui.close(Panel::Journal);
    if w.runs.0 >= w.args.runs {
        if w.runs.0 > 0 && journal_shot && now - arrived < 20.0 {
            ui.open(Panel::Journal);
            return;
        }
        finish(&w, &mut exit);
        return;
    }
    if now - arrived > STUCK_SECS {
        eprintln!(
            "autoplay: nothing to fly after {STUCK_SECS} s at the hub (run {} of {})",
            w.runs.0 + 1,
            w.args.runs
        );
        exit.write(AppExit::error());
        return;
    }
    let p = w.pilot.0;
    let active: Vec<&MissionAcceptance> = w
        .acceptances
        .iter()
        .filter(|a| a.holders().contains(&p) && !a.status().is_terminal())
        .collect();
    // Today's dailies.
    if let Some(row) = w.board.rows.iter().find(|r| {
        matches!(r.source, OfferSource::Daily(_))
            && r.locked.is_none()
            && !r.in_progress
            && !r.done_today
    }) {
        requests.write(MissionRequest::Accept {
            player: p,
            mission: row.mission.clone(),
        });
        return;
    }
    // Station work the active missions ask for: one action per step.
    if let Some(action) = chore(&w, &active) {
        hub.write(action);
        return;
    }
    if let Some((m, _, _)) = w.station.turn_ins.first() {
        hub.write(HubAction::TurnIn(m.clone()));
        return;
    }
    if w.flying.get(p).is_ok() {
        if ui.open.window(Panel::Board) && w.shots.wants(&w.args, "board") {
            return;
        }
        hub.write(HubAction::Launch);
        return;
    }
    // Show the board, then take the next posting.
    if !ui.open.window(Panel::Board) {
        ui.open(Panel::Board);
        return;
    }
    if w.shots.wants(&w.args, "board") {
        return;
    }
    let postings: Vec<_> = w
        .board
        .rows
        .iter()
        .filter(|r| r.posting().is_some() && r.locked.is_none() && !r.in_progress)
        .collect();
    // A chain's first link before a lone contract, so its follow-up unlocks.
    let chained = |r: &&&BoardRow| {
        w.catalog
            .mission(r.mission.as_str())
            .is_some_and(|d| !d.follow_ups.is_empty())
    };
    let pick = LABELS
        .iter()
        .filter(|l| !bot.flown.iter().any(|f| f == *l))
        .find_map(|l| {
            let mut of_label = postings.iter().filter(|r| r.label.as_deref() == Some(*l));
            of_label.clone().find(chained).or_else(|| of_label.next())
        })
        .or_else(|| postings.first());
    if let Some(row) = pick
        && let Some(posting) = row.posting()
    {
        println!(
            "autoplay: run {} takes {} ({})",
            w.runs.0 + 1,
            row.title,
            row.label.clone().unwrap_or_default()
        );
        bot.flown.push(row.label.clone().unwrap_or_default());
        requests.write(MissionRequest::AcceptPosting {
            player: p,
            posting,
            overrides: default(),
        });
    }
}

/// One piece of station work an active mission asks for, if any.
fn chore(w: &HubWorld, active: &[&MissionAcceptance]) -> Option<HubAction> {
    for acc in active {
        let Some(def) = w.generated.lookup(&w.catalog, acc.mission().as_str()) else {
            continue;
        };
        for (i, o) in def.objectives.iter().enumerate() {
            if acc.progress().get(i).is_none_or(|p| p.done) {
                continue;
            }
            match &o.goal {
                ObjectiveKind::Counter { counter, .. } => match counter.as_str() {
                    "MESSAGES_SENT" => return Some(HubAction::SendMessage),
                    "FLEET_ACTIONS" => return Some(HubAction::FleetAction),
                    "TRADES" => {
                        // Sell what the hold has, else buy the cheapest goods.
                        if let Some((item, ..)) = w.station.hold.iter().find(|h| h.4) {
                            return Some(HubAction::Sell(item.clone()));
                        }
                        let cheapest = w
                            .station
                            .market
                            .iter()
                            .filter(|m| m.2 <= w.station.credits)
                            .min_by_key(|m| m.2)?;
                        return Some(HubAction::Buy(cheapest.0.clone()));
                    }
                    _ => {}
                },
                ObjectiveKind::Deliver { .. } => {
                    if let Some(d) = w.station.deliveries.iter().find(|d| d.ready) {
                        return Some(d.action.clone());
                    }
                }
                _ => {}
            }
        }
    }
    None
}

fn finish(w: &HubWorld, exit: &mut MessageWriter<AppExit>) {
    let log = &w.log;
    println!(
        "autoplay: {} runs; completed {} missions ({} dailies), {} follow-ups unlocked, {} lost",
        w.runs.0,
        log.completed.len(),
        log.dailies.len(),
        log.follow_ups.len(),
        log.lost.len()
    );
    if let Ok((wallet, history)) = w.pilots.get(w.pilot.0) {
        println!(
            "autoplay: the pilot ends with {}",
            crate::outcomes::pilot_summary(wallet, history)
        );
    }
    let mut ok = true;
    if let (Some(dir), Some(snapshots)) = (&w.args.screenshots, &w.args.compare) {
        ok &= crate::shots::compare_all(dir, snapshots);
    }
    exit.write(if ok {
        AppExit::Success
    } else {
        AppExit::error()
    });
}

#[expect(clippy::too_many_arguments, reason = "steering reads the whole field")]
/// Steering: the HUD's target, else the nearest pickup, else a boss, else a wide circle; always
/// away from enemies that come too close.
fn run_bot(
    time: Res<Time>,
    pilot: Res<Pilot>,
    hud: Res<HudView>,
    sortie: Option<Res<Sortie>>,
    ships: Query<(&Transform, &Ship)>,
    pickups: Query<&Transform, With<Pickup>>,
    enemies: Query<(&Transform, &Enemy)>,
    mut steer: ResMut<Steer>,
) {
    let Ok((at, ship)) = ships.get(pilot.0) else {
        return;
    };
    if sortie.is_none_or(|s| s.end.is_some()) {
        steer.0 = Vec2::ZERO;
        return;
    }
    let pos = at.translation.truncate();
    let nearest = |points: &mut dyn Iterator<Item = Vec2>| {
        points.min_by(|a, b| a.distance_squared(pos).total_cmp(&b.distance_squared(pos)))
    };
    let goal = hud
        .arrow
        .zip(hud.distance)
        .filter(|(_, d)| *d > 4.0)
        .map(|(dir, d)| pos + dir * d)
        .or_else(|| nearest(&mut pickups.iter().map(|t| t.translation.truncate())))
        .or_else(|| {
            nearest(
                &mut enemies
                    .iter()
                    .filter(|(_, e)| e.target.is_some() || e.npc.is_some())
                    .map(|(t, _)| t.translation.truncate()),
            )
        })
        .unwrap_or_else(|| {
            // A slow circle around the field's centre, where the waves chase the ship.
            let t = time.elapsed_secs() * 0.25;
            Vec2::from_angle(t) * 320.0
        });
    let mut dir = (goal - pos).normalize_or_zero();
    let mut push = Vec2::ZERO;
    let danger = if ship.hp < ship.max_hp * 0.4 {
        200.0
    } else {
        120.0
    };
    for (t, e) in &enemies {
        let d = pos - t.translation.truncate();
        let len = d.length();
        if len < danger + e.radius && len > 0.1 {
            push += d / len * (1.0 - len / (danger + e.radius));
        }
    }
    if push.length() > 0.05 {
        dir = (dir + push * 2.5).normalize_or_zero();
    }
    steer.0 = dir;
}
