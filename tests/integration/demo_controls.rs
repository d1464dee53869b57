//! The demo's Controls screen rebinds flying: four keys in turn (up, left, down, right), or the
//! stick or D-pad pushed; the ship's input map then flies with them.

use bevy::prelude::*;
use leafwing_input_manager::prelude::*;

use crate::controls::{
    Controls, MoveBindings, PadMove, ShipAction, next_direction, rebind_move_step,
};

/// The ship's `Move` value in an app whose input map is `map`, with `keys` held.
fn moved(map: InputMap<ShipAction>, keys: &[KeyCode]) -> Vec2 {
    let mut app = App::new();
    app.add_plugins((
        MinimalPlugins,
        bevy::input::InputPlugin,
        InputManagerPlugin::<ShipAction>::default(),
    ));
    app.world_mut().spawn(map);
    app.update();
    for key in keys {
        key.press(app.world_mut());
    }
    app.update();
    let mut q = app.world_mut().query::<&ActionState<ShipAction>>();
    q.single(app.world()).unwrap().axis_pair(&ShipAction::Move)
}

#[test]
fn flying_is_rebound_to_four_keys_or_another_stick() {
    // Out of the box: WASD and the arrows fly.
    let map = Controls::default().input_map();
    assert_eq!(moved(map.clone(), &[KeyCode::KeyW]), Vec2::Y);
    assert_eq!(moved(map, &[KeyCode::ArrowLeft]), Vec2::NEG_X);

    // An AZERTY pilot presses Z Q S D; a key pressed twice counts once.
    let mut taken = Vec::new();
    let start = MoveBindings::default();
    let mut done = None;
    for key in [
        KeyCode::KeyZ,
        KeyCode::KeyZ,
        KeyCode::KeyQ,
        KeyCode::KeyS,
        KeyCode::KeyD,
    ] {
        assert_eq!(done, None, "done before four keys");
        assert!(!next_direction(taken.len()).is_empty());
        done = rebind_move_step(start, &mut taken, Some(key), None);
    }
    let azerty = done.expect("four keys rebind");
    assert_eq!(
        azerty.keys,
        [KeyCode::KeyZ, KeyCode::KeyQ, KeyCode::KeyS, KeyCode::KeyD]
    );
    assert!(taken.is_empty());
    assert_eq!(azerty.describe(), "Z Q S D, the arrows, the left stick");
    let mut map = Controls::default().input_map();
    azerty.apply(&mut map);
    assert_eq!(moved(map.clone(), &[KeyCode::KeyQ]), Vec2::NEG_X);
    assert_eq!(moved(map.clone(), &[KeyCode::KeyZ]), Vec2::Y);
    assert_eq!(
        moved(map.clone(), &[KeyCode::KeyW]),
        Vec2::ZERO,
        "W no longer flies"
    );
    assert_eq!(moved(map.clone(), &[KeyCode::ArrowDown]), Vec2::NEG_Y);
    // Pause and Launch keep their bindings.
    assert!(
        map.get_buttonlike(&ShipAction::Pause)
            .is_some_and(|b| b.len() == 2)
    );

    // Pushing the D-pad first takes it for the gamepad, and the keys stay.
    let dpad = rebind_move_step(azerty, &mut Vec::new(), None, Some(PadMove::DPad)).unwrap();
    assert_eq!((dpad.keys, dpad.pad), (azerty.keys, PadMove::DPad));
    assert_eq!(dpad.describe(), "Z Q S D, the arrows, the D-pad");
}

#[test]
fn the_controls_are_kept_in_a_file_and_a_broken_one_is_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("controls.ron");
    assert_eq!(Controls::load(&path), Ok(None), "no file: the defaults");

    let mut controls = Controls::default();
    controls.moving.keys = [KeyCode::KeyI, KeyCode::KeyJ, KeyCode::KeyK, KeyCode::KeyL];
    // A key replaces the key, a button the button.
    controls.rebind(ShipAction::Pause, Some(KeyCode::KeyP), None);
    controls.rebind(ShipAction::Launch, None, Some(GamepadButton::South));
    assert_eq!(controls.pause.button, GamepadButton::Start);
    assert_eq!(controls.launch.key, KeyCode::KeyL);
    // The Controls screen names them as a player reads them.
    assert_eq!(controls.pause.describe(), "P, Start");
    assert_eq!(controls.launch.describe(), "L, South");
    controls.save(&path).unwrap();
    let loaded = Controls::load(&path).unwrap().expect("saved");
    assert_eq!(loaded, controls);
    // The loaded bindings fly and pause.
    assert_eq!(moved(loaded.input_map(), &[KeyCode::KeyJ]), Vec2::NEG_X);
    let map = loaded.input_map();
    let pause = map.get_buttonlike(&ShipAction::Pause).unwrap();
    assert_eq!(pause.len(), 2);

    // A damaged file is reported with its position and not touched.
    let broken = "(moving: (keys: [KeyI, KeyJ";
    std::fs::write(&path, broken).unwrap();
    let error = Controls::load(&path).unwrap_err();
    assert!(error.contains("controls.ron:1:"), "{error}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), broken);
    // A field the game does not know is refused rather than ignored.
    std::fs::write(&path, "(speed: 3)").unwrap();
    assert!(Controls::load(&path).is_err());
}
