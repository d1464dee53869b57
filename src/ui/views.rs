//! Systems that keep the view models current (each rebuilt only when its inputs changed) and turn
//! the plugin's outcome messages into completion screens, replies and toasts.

use bevy::prelude::*;

use super::state::{LocalPlayer, MissionsUi};
use super::view::{
    BoardView, CompletionKind, CompletionView, DashboardView, GraphView, HudView, HudWorld,
    JournalView,
};
use crate::board::MissionBoard;
use crate::catalog::{CatalogRejected, CatalogReloaded, MissionCatalog};
use crate::clock::MissionClock;
use crate::lifecycle::{
    FailReason, GeneratedMissions, MissionAbandoned, MissionAcceptance, MissionAccepted,
    MissionCompleted, MissionExpired, MissionFailed, MissionRejected, MissionStats,
    MissionWithdrawn, ObjectiveProgressed,
};
use crate::model::dialogue::DialogueLine;
use crate::model::player::{MissionHistory, MissionJournal, PlayerStateChanged};
use crate::objectives::MissionTarget;
use crate::player::ActiveMissions;
use crate::run::RunDefinition;

/// A change of the local player's state or missions.
type PlayerChanged = (
    With<LocalPlayer>,
    Or<(
        PlayerStateChanged,
        Changed<ActiveMissions>,
        Added<LocalPlayer>,
    )>,
);
/// The local player with its position and run, for the HUD.
type LocalShip<'a> = (
    Entity,
    Option<&'a GlobalTransform>,
    Option<&'a RunDefinition>,
);

/// Real seconds between rebuilds of the board when nothing changed (cooldowns and time windows
/// open by themselves).
pub const BOARD_REFRESH_SECS: f64 = 1.0;

/// Rebuilds the board when the catalog, the game day, the player, their missions, their random
/// missions or the NPC they talk to changed, and once a second for time-based gates.
#[expect(
    clippy::too_many_arguments,
    reason = "each argument is one input the board depends on"
)]
pub(crate) fn build_board(
    board: MissionBoard,
    catalog: Res<MissionCatalog>,
    generated: Res<GeneratedMissions>,
    ui: Res<MissionsUi>,
    time: Res<Time<Real>>,
    local: Query<Entity, With<LocalPlayer>>,
    changed: Query<(), PlayerChanged>,
    mut view: ResMut<BoardView>,
    mut last: Local<(f64, Option<Entity>)>,
) {
    let player = local.single().ok();
    let now = time.elapsed_secs_f64();
    let due = catalog.is_changed()
        || generated.is_changed()
        || ui.is_changed()
        || !changed.is_empty()
        || player != last.1
        || now - last.0 >= BOARD_REFRESH_SECS;
    if !due {
        return;
    }
    *last = (now, player);
    let next = match player {
        Some(p) => BoardView::build(&board, &catalog, p, ui.talking_to.as_ref()),
        None => BoardView::default(),
    };
    view.set_if_neq(next);
}

/// Rebuilds the journal when an acceptance, the player's finished attempts or the catalog changed.
pub(crate) fn build_journal(
    (catalog, generated): (Res<MissionCatalog>, Res<GeneratedMissions>),
    local: Query<(Entity, Ref<MissionJournal>), With<LocalPlayer>>,
    acceptances: Query<&MissionAcceptance>,
    changed: Query<(), Changed<MissionAcceptance>>,
    mut removed: RemovedComponents<MissionAcceptance>,
    mut view: ResMut<JournalView>,
    mut last: Local<Option<Entity>>,
) {
    let player = local.single().ok();
    let removed = removed.read().count() > 0;
    let due = catalog.is_changed()
        || generated.is_changed()
        || removed
        || !changed.is_empty()
        || player
            .as_ref()
            .map(|(e, j)| (*e, j.is_changed()))
            .map(|(e, c)| c || Some(e) != *last)
            .unwrap_or(last.is_some());
    if !due {
        return;
    }
    *last = player.as_ref().map(|(e, _)| *e);
    let next = match &player {
        Some((p, journal)) => {
            JournalView::build(&catalog, &generated, *p, acceptances.iter(), Some(journal))
        }
        None => JournalView::default(),
    };
    view.set_if_neq(next);
}

/// Rebuilds the HUD every frame (the arrow follows the ship).
pub(crate) fn build_hud(
    catalog: Res<MissionCatalog>,
    generated: Res<GeneratedMissions>,
    local: Query<LocalShip, With<LocalPlayer>>,
    acceptances: Query<&MissionAcceptance>,
    targets: Query<(&MissionTarget, &GlobalTransform)>,
    positions: Query<&GlobalTransform>,
    mut view: ResMut<HudView>,
) {
    let next = match local.single() {
        Ok((player, at, run)) => HudView::build(
            &catalog,
            &generated,
            player,
            acceptances.iter(),
            HudWorld {
                player_at: at.map(|t| t.translation().truncate()),
                run_mission: run.map(|r| &r.mission),
                targets: targets.iter().map(|(t, g)| (t, g.translation().truncate())),
                entity: |e| positions.get(e).ok().map(|g| g.translation().truncate()),
            },
        ),
        Err(_) => HudView::default(),
    };
    view.set_if_neq(next);
}

/// Rebuilds the open graph when it opens, when the catalog, the player's missions or anything a
/// gate reads about the player (level, items, standing, traits, variables) changed, and once a
/// game second (cooldowns end, windows open, the day turns).
#[expect(
    clippy::too_many_arguments,
    reason = "each input is one reason to rebuild"
)]
pub(crate) fn build_graph(
    board: MissionBoard,
    catalog: Res<MissionCatalog>,
    local: Query<(Entity, &MissionHistory, &ActiveMissions), With<LocalPlayer>>,
    changed: Query<(), PlayerChanged>,
    clock: Res<MissionClock>,
    mut built: Local<Option<f64>>,
    ui: Res<MissionsUi>,
    mut view: ResMut<GraphView>,
) {
    // `MissionsUi` is written every frame, so its change flag cannot say the graph opened: a
    // closed graph forgets when it was built instead.
    if !ui.open.graph {
        *built = None;
        return;
    }
    let stale = built.is_none_or(|at| clock.now - at >= 1.0 || clock.now < at);
    if !stale && !catalog.is_changed() && changed.is_empty() {
        return;
    }
    *built = Some(clock.now);
    let next = match local.single() {
        Ok((player, history, active)) => {
            let active: Vec<_> = active.0.iter().map(|(_, m)| m.clone()).collect();
            // Available means what accept would say: the same gate check, every gate.
            let unlocked = |id: &crate::ids::MissionId| {
                catalog
                    .mission(id.as_str())
                    .is_some_and(|m| board.check(player, m).is_ok())
            };
            GraphView::build(&catalog, Some(history), &active, unlocked)
        }
        Err(_) => GraphView::build(&catalog, None, &[], |_| false),
    };
    view.set_if_neq(next);
}

/// Rebuilds the dashboard when the counts changed.
pub(crate) fn build_dashboard(
    stats: Res<MissionStats>,
    catalog: Res<MissionCatalog>,
    mut view: ResMut<DashboardView>,
) {
    if stats.is_changed() || catalog.is_changed() {
        view.set_if_neq(DashboardView::build(&stats, &catalog));
    }
}

/// The outcome messages the UI turns into screens and toasts.
#[derive(bevy::ecs::system::SystemParam)]
pub(crate) struct UiOutcomes<'w, 's> {
    accepted: MessageReader<'w, 's, MissionAccepted>,
    rejected: MessageReader<'w, 's, MissionRejected>,
    progressed: MessageReader<'w, 's, ObjectiveProgressed>,
    completed: MessageReader<'w, 's, MissionCompleted>,
    failed: MessageReader<'w, 's, MissionFailed>,
    expired: MessageReader<'w, 's, MissionExpired>,
    abandoned: MessageReader<'w, 's, MissionAbandoned>,
    withdrawn: MessageReader<'w, 's, MissionWithdrawn>,
    reloaded: MessageReader<'w, 's, CatalogReloaded>,
    catalog_rejected: MessageReader<'w, 's, CatalogRejected>,
}

impl UiOutcomes<'_, '_> {
    /// The completion screens of this frame's outcomes for `player`.
    fn screens(&mut self, player: Option<Entity>, catalog: &MissionCatalog) -> Vec<CompletionView> {
        let mine = |players: &[Entity]| player.is_some_and(|p| players.contains(&p));
        let me = |p: Entity| Some(p) == player;
        let mut screens = Vec::new();
        for m in self.completed.read().filter(|m| me(m.player)) {
            screens.push(CompletionView::completed(m, catalog));
        }
        for m in self.failed.read().filter(|m| me(m.player)) {
            let reason = match &m.reason {
                FailReason::DeadlinePassed => "The deadline passed.".to_owned(),
                FailReason::TargetLost => "The target was lost.".to_owned(),
                FailReason::Condition(key) => format!("Fail condition {key} was met."),
                FailReason::Declared => "Your ship was lost.".to_owned(),
            };
            let line = catalog
                .mission(m.mission.as_str())
                .map_or("", |d| d.dialogue.line(DialogueLine::Failure));
            screens.push(CompletionView::notice(
                &m.mission,
                catalog,
                CompletionKind::Failed(reason),
                line,
            ));
        }
        for m in self.expired.read().filter(|m| me(m.player)) {
            screens.push(CompletionView::notice(
                &m.mission,
                catalog,
                CompletionKind::Expired,
                "",
            ));
        }
        for m in self.abandoned.read().filter(|m| Some(m.player) == player) {
            let mut v = CompletionView::notice(&m.mission, catalog, CompletionKind::Abandoned, "");
            if let Some(issuer) = catalog
                .mission(m.mission.as_str())
                .and_then(|d| d.issuer.clone())
                && m.reputation_change != 0
            {
                v.reputation.push((issuer, m.reputation_change));
            }
            screens.push(v);
        }
        for m in self
            .withdrawn
            .read()
            .filter(|m| m.withdrawn && mine(&m.players))
        {
            screens.push(CompletionView::notice(
                &m.mission,
                catalog,
                CompletionKind::Withdrawn,
                "",
            ));
        }
        screens
    }
}

/// Turns the plugin's outcomes for the local player into the reply line, completion screens and
/// toasts; catalog reloads and rejections become toasts for everyone.
pub(crate) fn listen_outcomes(
    mut out: UiOutcomes,
    mut ui: ResMut<MissionsUi>,
    catalog: Res<MissionCatalog>,
    time: Res<Time<Real>>,
    local: Query<Entity, With<LocalPlayer>>,
) {
    let now = time.elapsed_secs_f64();
    let player = local.single().ok();
    for m in out.accepted.read().filter(|m| Some(m.player) == player) {
        let def = catalog.mission(m.mission.as_str());
        let name = def.map_or(m.mission.as_str(), |d| d.name.as_str());
        let line = def.map_or("", |d| d.dialogue.line(DialogueLine::Accepted));
        ui.reply = Some(if line.is_empty() {
            format!("Accepted: {name}")
        } else {
            line.to_owned()
        });
    }
    for m in out.rejected.read().filter(|m| Some(m.player) == player) {
        let line = m
            .mission
            .as_ref()
            .and_then(|id| catalog.mission(id.as_str()))
            .map_or("", |d| d.dialogue.line(m.line));
        ui.reply = Some(if line.is_empty() {
            format!("Refused: {}", m.reason)
        } else {
            format!("{line} ({})", m.reason)
        });
    }
    for m in out.progressed.read().filter(|m| Some(m.player) == player) {
        let text = catalog
            .mission(m.mission.as_str())
            .and_then(|d| {
                d.objectives
                    .iter()
                    .find(|o| o.key() == m.key)
                    .map(|o| (d, o))
            })
            .filter(|(d, o)| d.visible && !o.hidden)
            .map(|(_, o)| super::view::objective_text(o));
        if let Some(text) = text {
            let done = if m.done { " ✔" } else { "" };
            ui.toast(
                format!("{text}: {}/{}{done}", m.count, m.target),
                false,
                now,
            );
        }
    }
    let screens = out.screens(player, &catalog);
    if ui.enabled.completion {
        ui.completions.extend(screens);
    }
    for m in out.reloaded.read().filter(|m| m.generation > 1) {
        ui.toast(
            format!(
                "Catalog reloaded: {} missions (generation {})",
                m.missions, m.generation
            ),
            false,
            now,
        );
    }
    for m in out.catalog_rejected.read() {
        for e in &m.errors {
            ui.toast(e.to_string(), true, now);
        }
    }
    if ui.toasts.iter().any(|t| t.until <= now) {
        ui.toasts.retain(|t| t.until > now);
    }
}
