//! The pause menu (Escape or Start): the game and the mission clock stop while it is open (and
//! while a mission window, such as the journal or the board, is open). From
//! it: resume, abandon the run, rebind the controls (flying, pause, launch), quit. The keyboard
//! reaches every button through egui's focus (Resume has it first; Tab moves, Enter presses), a
//! gamepad through the D-pad and South ([`gamepad_focus`], which drives the station window too);
//! Start or Escape closes the menu again.

use bevy::prelude::*;
use bevy_egui::input::EguiInputEvent;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, PrimaryEguiContext, egui};
use bevy_missions::catalog::MissionCatalog;
use bevy_missions::prelude::*;
use bevy_missions::ui::MissionsUi;
use leafwing_input_manager::plugin::InputManagerSystem;
use leafwing_input_manager::prelude::*;

use crate::controls::{Controls, next_direction, pad_pushed, rebind_move_step};
use crate::field::{RunEnd, Sortie, finish_sortie};
use crate::outcomes::SessionLog;
use crate::ship::ShipAction;
use crate::station::{GAMEPAD_KEYS, egui_key};
use crate::{GameState, Pilot};

/// Whether the pause menu is open, and the rebinding in progress.
#[derive(Resource, Default, Debug)]
pub struct Paused {
    /// The menu is open (virtual time is paused).
    pub open: bool,
    /// The action waiting for a key or button, in the rebinding screen.
    pub rebinding: Option<ShipAction>,
    /// Keys taken so far while `Move` is rebound (up, left, down, right).
    pub move_keys: Vec<KeyCode>,
    /// The rebinding screen is shown.
    pub controls: bool,
}

/// Where the Controls screen keeps the bindings (`controls.ron` beside the save).
#[derive(Resource, Clone, Debug)]
pub struct ControlsFile(pub std::path::PathBuf);

/// What the pause menu can do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PauseAction {
    /// Close the menu.
    Resume,
    /// Give up the run (the mission is abandoned).
    Abandon,
    /// Show or hide the controls.
    Controls,
    /// Wait for a new key or button for an action.
    Rebind(ShipAction),
    /// Leave the game (the save is written on exit).
    Quit,
}

/// The pause menu.
pub struct PausePlugin;

impl Plugin for PausePlugin {
    fn build(&self, app: &mut App) {
        app.init_resource::<Paused>()
            .add_systems(
                PreUpdate,
                (toggle, capture_binding)
                    .chain()
                    .after(InputManagerSystem::Update),
            )
            .add_systems(Update, gamepad_focus)
            .add_systems(EguiPrimaryContextPass, draw_pause);
    }
}

fn toggle(
    input: Query<&ActionState<ShipAction>>,
    ui: Res<MissionsUi>,
    mut paused: ResMut<Paused>,
    mut time: ResMut<Time<Virtual>>,
) {
    // While a mission window is up, Escape (and Start) belong to it: they close it.
    let menu = ui.is_blocking();
    if paused.rebinding.is_none()
        && (paused.open || !menu)
        && input.iter().any(|a| a.just_pressed(&ShipAction::Pause))
    {
        paused.open = !paused.open;
        paused.controls = false;
    }
    // The game and the mission clock stop while the pause menu or a mission window is open.
    let stop = paused.open || menu;
    if stop && !time.is_paused() {
        time.pause();
    } else if !stop && time.is_paused() {
        time.unpause();
    }
}

/// The D-pad and the A button drive the demo's own windows (the station window at the hub, the
/// pause menu anywhere) as Tab and Enter do on a keyboard: down and up move egui's focus to the
/// next and previous button, left and right to the nearest one that way, A presses the focused
/// one. It stands aside while a mission window is open (the board and the journal have their own
/// gamepad actions, `MissionsAction`), while a rebinding waits for its button, and on the field
/// with the menu closed.
fn gamepad_focus(
    gamepads: Query<&Gamepad>,
    (ui, paused, state): (Res<MissionsUi>, Res<Paused>, Res<State<GameState>>),
    contexts: Query<Entity, With<PrimaryEguiContext>>,
    mut events: MessageWriter<EguiInputEvent>,
) {
    let menus = paused.open || *state.get() == GameState::Hub;
    if !menus || ui.is_blocking() || paused.rebinding.is_some() {
        return;
    }
    let Ok(context) = contexts.single() else {
        return;
    };
    for pad in &gamepads {
        for (button, key, shift) in GAMEPAD_KEYS {
            if pad.just_pressed(button) {
                events.write_batch(
                    egui_key(key, shift).map(|event| EguiInputEvent { context, event }),
                );
            }
        }
    }
}

/// In the rebinding screen: the next key or gamepad button pressed becomes the action's binding
/// (replacing the old binding of the same device). `Move` takes four keys in turn, or the stick
/// or D-pad pushed. The new bindings are written to the controls file at once.
fn capture_binding(
    mut paused: ResMut<Paused>,
    keys: Res<ButtonInput<KeyCode>>,
    pads: Query<&Gamepad>,
    mut maps: Query<&mut InputMap<ShipAction>>,
    (mut controls, file): (ResMut<Controls>, Option<Res<ControlsFile>>),
) {
    let Some(action) = paused.rebinding else {
        return;
    };
    let key = keys.get_just_pressed().next().copied();
    if action == ShipAction::Move {
        let pad = pads.iter().find_map(pad_pushed);
        match rebind_move_step(controls.moving, &mut paused.move_keys, key, pad) {
            Some(done) => controls.moving = done,
            None => return,
        }
    } else {
        let button = pads
            .iter()
            .find_map(|p| p.get_just_pressed().next().copied());
        if key.is_none() && button.is_none() {
            return;
        }
        controls.rebind(action, key, button);
    }
    paused.rebinding = None;
    for mut map in &mut maps {
        *map = controls.input_map();
    }
    if let Some(file) = file
        && let Err(e) = controls.save(&file.0)
    {
        eprintln!("demo: the controls could not be saved ({e})");
    }
}

/// The menu: a plain function from the state to egui calls and actions.
pub fn pause_panel(
    ui: &mut egui::Ui,
    paused: &Paused,
    in_run: bool,
    bindings: &[(ShipAction, String)],
) -> Vec<PauseAction> {
    let mut out = Vec::new();
    let resume = ui.button("Resume");
    if ui.memory(|m| m.focused().is_none()) {
        resume.request_focus();
    }
    if resume.clicked() {
        out.push(PauseAction::Resume);
    }
    if in_run && ui.button("Abandon the run").clicked() {
        out.push(PauseAction::Abandon);
    }
    if ui.button("Controls").clicked() {
        out.push(PauseAction::Controls);
    }
    if paused.controls {
        ui.separator();
        for (action, keys) in bindings {
            ui.horizontal(|ui| {
                ui.label(format!("{action:?}: {keys}"));
                let waiting = paused.rebinding == Some(*action);
                let text = match (waiting, action) {
                    (false, _) => "Rebind".to_owned(),
                    (true, ShipAction::Move) => format!(
                        "press the key for {} (or push a stick or the D-pad)…",
                        next_direction(paused.move_keys.len())
                    ),
                    (true, _) => "press a key or button…".to_owned(),
                };
                if ui.button(text).clicked() {
                    out.push(PauseAction::Rebind(*action));
                }
            });
        }
        ui.label("The mission UI's keys are rebound in a bindings file (see the README).");
    }
    if ui.button("Quit").clicked() {
        out.push(PauseAction::Quit);
    }
    out
}

#[expect(
    clippy::too_many_arguments,
    reason = "the menu's actions reach the run and the app"
)]
fn draw_pause(
    mut contexts: EguiContexts,
    mut paused: ResMut<Paused>,
    state: Res<State<GameState>>,
    controls: Res<Controls>,
    pilot: Res<Pilot>,
    real: Res<Time<Real>>,
    mut sortie: Option<ResMut<Sortie>>,
    (catalog, mut log): (Res<MissionCatalog>, ResMut<SessionLog>),
    mut requests: MessageWriter<MissionRequest>,
    mut exit: MessageWriter<AppExit>,
) -> Result {
    if !paused.open {
        return Ok(());
    }
    let ctx = contexts.ctx_mut()?;
    let in_run = *state.get() == GameState::Run && sortie.is_some();
    let bindings = [
        (ShipAction::Move, controls.moving.describe()),
        (ShipAction::Pause, controls.pause.describe()),
        (ShipAction::Launch, controls.launch.describe()),
    ];
    let mut actions = Vec::new();
    egui::Window::new("Paused")
        .anchor(egui::Align2::CENTER_CENTER, [0.0, 0.0])
        .collapsible(false)
        .resizable(false)
        .show(ctx, |ui| {
            actions = pause_panel(ui, &paused, in_run, &bindings)
        });
    for a in actions {
        match a {
            PauseAction::Resume => paused.open = false,
            PauseAction::Controls => paused.controls = !paused.controls,
            PauseAction::Rebind(action) => {
                paused.rebinding = Some(action);
                paused.move_keys.clear();
            }
            PauseAction::Quit => {
                exit.write(AppExit::Success);
            }
            PauseAction::Abandon => {
                if let Some(s) = sortie.as_mut() {
                    requests.write(MissionRequest::Abandon {
                        player: pilot.0,
                        mission: s.mission.clone(),
                    });
                    finish_sortie(
                        s,
                        RunEnd::Abandoned,
                        real.elapsed_secs_f64(),
                        &catalog,
                        &mut log,
                    );
                }
                paused.open = false;
            }
        }
    }
    Ok(())
}
