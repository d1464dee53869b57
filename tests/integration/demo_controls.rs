//! The demo's Controls screen rebinds flying: four keys in turn (up, left, down, right), or the
//! stick or D-pad pushed; the ship's input map then flies with them.

use bevy::prelude::*;
use leafwing_input_manager::prelude::*;

use crate::controls::{MoveBindings, PadMove, ShipAction, next_direction, rebind_move_step};

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
    let map = ShipAction::default_map();
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
    let mut map = ShipAction::default_map();
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
