//! Input to requests: leafwing actions become [`UiAction`]s (with the keyboard's focus), and
//! every `UiAction`, from a key or a click, becomes a UI state change or a [`MissionRequest`].
//! This is the one place either happens.

use bevy::prelude::*;
use leafwing_input_manager::prelude::*;

use super::input::{MissionsAction, MissionsUiInput, UiBindingsFile};
use super::state::{LocalPlayer, MissionsUi, Panel, UiAction};
use super::view::{BoardView, JournalView};
use crate::lifecycle::MissionRequest;
use crate::model::mission::MissionType;
use crate::run::RunOverrides;

/// The handle of the bindings file, when one is configured.
#[derive(Resource, Clone, Debug, Reflect)]
#[reflect(Resource)]
pub struct BindingsHandle(pub Handle<UiBindingsFile>);

/// How many rows the focused window has.
fn rows_in(panel: Panel, ui: &MissionsUi, board: &BoardView, journal: &JournalView) -> usize {
    match panel {
        Panel::Board => board.visible(&ui.filter).count(),
        Panel::Journal => journal.rows().count(),
        Panel::Graph | Panel::Dashboard => 0,
    }
}

/// Turns this frame's pressed actions into [`UiAction`]s. While a completion screen is up,
/// Accept, Confirm and Close dismiss it; while an abandon waits, Confirm (or Accept) abandons and
/// Close keeps the mission.
pub(crate) fn keys_to_actions(
    input: Query<&ActionState<MissionsAction>, With<MissionsUiInput>>,
    mut ui: ResMut<MissionsUi>,
    board: Res<BoardView>,
    journal: Res<JournalView>,
    mut out: MessageWriter<UiAction>,
) {
    let Ok(state) = input.single() else {
        return;
    };
    let pressed = |a| state.just_pressed(&a);
    let yes = pressed(MissionsAction::Confirm) || pressed(MissionsAction::Accept);
    if ui.completion_showing().is_some() {
        if yes || pressed(MissionsAction::Close) {
            out.write(UiAction::DismissCompletion);
        }
        return;
    }
    if ui.confirm_abandon.is_some() {
        if yes {
            out.write(UiAction::ConfirmAbandon);
        } else if pressed(MissionsAction::Close) {
            out.write(UiAction::CancelAbandon);
        }
        return;
    }
    for (action, panel) in [
        (MissionsAction::OpenBoard, Panel::Board),
        (MissionsAction::OpenJournal, Panel::Journal),
        (MissionsAction::OpenGraph, Panel::Graph),
        (MissionsAction::OpenDashboard, Panel::Dashboard),
    ] {
        if pressed(action) {
            out.write(UiAction::Toggle(panel));
        }
    }
    let panel = ui.focus;
    if !ui.open.window(panel) {
        return;
    }
    if pressed(MissionsAction::Close) {
        out.write(UiAction::Close(panel));
    }
    let n = rows_in(panel, &ui, &board, &journal);
    let row = ui.row(panel).min(n.saturating_sub(1));
    if pressed(MissionsAction::Next) && n > 0 {
        out.write(UiAction::Focus(panel, (row + 1) % n));
    }
    if pressed(MissionsAction::Previous) && n > 0 {
        out.write(UiAction::Focus(panel, (row + n - 1) % n));
    }
    match panel {
        Panel::Board => {
            if pressed(MissionsAction::Accept)
                && let Some(r) = board.visible(&ui.filter).nth(row)
                && r.locked.is_none()
            {
                out.write(UiAction::Accept {
                    mission: r.mission.clone(),
                    posting: r.posting(),
                });
            }
            if pressed(MissionsAction::CycleFaction) {
                let f = &board.factions;
                let next = match &ui.filter.faction {
                    None => f.first().cloned(),
                    Some(cur) => f.iter().skip_while(|x| *x != cur).nth(1).cloned(),
                };
                ui.filter.faction = next;
                ui.rows[Panel::Board as usize] = 0;
            }
            if pressed(MissionsAction::CycleType) {
                let all = MissionType::ALL;
                ui.filter.mission_type = match ui.filter.mission_type {
                    None => Some(all[0]),
                    Some(t) => all.iter().skip_while(|x| **x != t).nth(1).copied(),
                };
                ui.rows[Panel::Board as usize] = 0;
            }
        }
        Panel::Journal => {
            if let Some(r) = journal.rows().nth(row) {
                if pressed(MissionsAction::Abandon) {
                    out.write(UiAction::AskAbandon(r.mission.clone()));
                }
                if pressed(MissionsAction::Track) {
                    out.write(UiAction::Track {
                        mission: r.mission.clone(),
                        tracked: !r.tracked,
                    });
                }
            }
        }
        Panel::Graph | Panel::Dashboard => {}
    }
}

/// Applies every [`UiAction`]: window and focus changes to [`MissionsUi`], the rest as
/// [`MissionRequest`]s for the local player.
pub(crate) fn apply_actions(
    mut actions: MessageReader<UiAction>,
    mut ui: ResMut<MissionsUi>,
    local: Query<Entity, With<LocalPlayer>>,
    mut requests: MessageWriter<MissionRequest>,
) {
    let player = local.single().ok();
    for action in actions.read() {
        match action.clone() {
            UiAction::Accept { mission, posting } => {
                let Some(player) = player else { continue };
                ui.reply = None;
                requests.write(match posting {
                    Some(posting) => MissionRequest::AcceptPosting {
                        player,
                        posting,
                        overrides: RunOverrides::default(),
                    },
                    None => MissionRequest::Accept { player, mission },
                });
            }
            UiAction::AskAbandon(mission) => ui.confirm_abandon = Some(mission),
            UiAction::ConfirmAbandon => {
                if let (Some(mission), Some(player)) = (ui.confirm_abandon.take(), player) {
                    requests.write(MissionRequest::Abandon { player, mission });
                }
            }
            UiAction::CancelAbandon => ui.confirm_abandon = None,
            UiAction::Track { mission, tracked } => {
                if let Some(player) = player {
                    requests.write(MissionRequest::Track {
                        player,
                        mission,
                        tracked,
                    });
                }
            }
            UiAction::DismissCompletion => {
                ui.completions.pop_front();
                ui.completion_shown_at = None;
            }
            UiAction::Toggle(panel) => ui.toggle(panel),
            UiAction::Close(panel) => ui.close(panel),
            UiAction::Focus(panel, row) => {
                ui.rows[panel as usize] = row;
                ui.focus = panel;
            }
        }
    }
}

/// Replaces the input map when the bindings file loads or changes; a broken file becomes an
/// error toast and the bindings in use stay.
pub(crate) fn reload_bindings(
    handle: Option<Res<BindingsHandle>>,
    files: Res<Assets<UiBindingsFile>>,
    mut events: MessageReader<AssetEvent<UiBindingsFile>>,
    mut maps: Query<&mut InputMap<MissionsAction>, With<MissionsUiInput>>,
    mut ui: ResMut<MissionsUi>,
    time: Res<Time<Real>>,
) {
    let Some(handle) = handle else {
        events.clear();
        return;
    };
    let now = time.elapsed_secs_f64();
    for event in events.read() {
        let (AssetEvent::LoadedWithDependencies { id } | AssetEvent::Modified { id }) = event
        else {
            continue;
        };
        if *id != handle.0.id() {
            continue;
        }
        match files.get(*id).map(|f| &f.0) {
            Some(Ok(bindings)) => {
                for mut map in &mut maps {
                    *map = bindings.input_map();
                }
                ui.toast("Key bindings loaded", false, now);
            }
            Some(Err(message)) => ui.toast(message.clone(), true, now),
            None => {}
        }
    }
}
