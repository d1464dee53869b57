//! The demo's station window played with a gamepad alone: the D-pad moves egui's focus from
//! button to button and A presses the focused one, through the same key events the demo sends.

use bevy::prelude::*;
use bevy_missions::ids::ItemId;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

use crate::station::{GAMEPAD_KEYS, HubAction, StationView, egui_key, station_panel};

fn harness(view: StationView) -> Harness<'static, Vec<HubAction>> {
    Harness::builder()
        .with_size(bevy_egui::egui::vec2(640.0, 480.0))
        .build_ui_state(
            move |ui, actions: &mut Vec<HubAction>| actions.extend(station_panel(ui, &view)),
            Vec::new(),
        )
}

/// Presses a gamepad button as the demo forwards it to egui; returns what the window sent.
fn press(h: &mut Harness<'static, Vec<HubAction>>, button: GamepadButton) -> Vec<HubAction> {
    let (_, key, shift) = GAMEPAD_KEYS
        .iter()
        .find(|(b, ..)| *b == button)
        .expect("a mapped button");
    for event in egui_key(*key, *shift) {
        h.event(event);
    }
    h.run();
    std::mem::take(h.state_mut())
}

#[test]
fn the_station_window_is_played_with_the_d_pad_and_a() {
    let ore: ItemId = "ORE".into();
    let view = StationView {
        credits: 500,
        contract: Some((
            "Beacon Sweep".into(),
            "Kepler".into(),
            "Explore".into(),
            180.0,
        )),
        market: vec![(ore.clone(), "Ore".into(), 40)],
        game_time: "Day 1, 06:00".into(),
        launch_key: "L".into(),
        ..default()
    };
    let mut h = harness(view);
    h.run();
    // The button names the key the Controls screen bound.
    h.get_by_label("Launch (L)");
    // Nothing is pressed until something has the focus.
    assert_eq!(press(&mut h, GamepadButton::South), vec![]);
    // Down focuses the first button, Launch; A presses it, and again.
    assert_eq!(press(&mut h, GamepadButton::DPadDown), vec![]);
    assert_eq!(press(&mut h, GamepadButton::South), vec![HubAction::Launch]);
    assert_eq!(press(&mut h, GamepadButton::South), vec![HubAction::Launch]);
    // Down past the terminal's header to its first button.
    press(&mut h, GamepadButton::DPadDown);
    press(&mut h, GamepadButton::DPadDown);
    assert_eq!(
        press(&mut h, GamepadButton::South),
        vec![HubAction::Buy(ore)]
    );
    // Up goes back the same way.
    press(&mut h, GamepadButton::DPadUp);
    press(&mut h, GamepadButton::DPadUp);
    assert_eq!(press(&mut h, GamepadButton::South), vec![HubAction::Launch]);
}
