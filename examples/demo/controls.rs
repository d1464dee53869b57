//! The demo's own actions (flying, pausing, launching) and their bindings, with the rebinding
//! the pause menu's Controls screen does. It needs only bevy and leafwing, so the integration
//! tests include it (`#[path]`) and rebind headless.

use bevy::prelude::*;
use leafwing_input_manager::prelude::*;

/// What the player does with the ship and the game (the mission UI has its own actions).
#[derive(Actionlike, PartialEq, Eq, Clone, Copy, Hash, Debug, Reflect)]
pub enum ShipAction {
    /// Fly (WASD, arrows, left stick; the keys and the stick can be rebound).
    #[actionlike(DualAxis)]
    Move,
    /// Pause menu (Escape, Start).
    Pause,
    /// Launch the accepted contract from the hub (L, the right trigger).
    Launch,
}

impl ShipAction {
    /// The default bindings: keyboard and gamepad.
    pub fn default_map() -> InputMap<ShipAction> {
        let mut map = InputMap::default();
        MoveBindings::default().apply(&mut map);
        map.insert(ShipAction::Pause, KeyCode::Escape);
        map.insert(ShipAction::Pause, GamepadButton::Start);
        map.insert(ShipAction::Launch, KeyCode::KeyL);
        map.insert(ShipAction::Launch, GamepadButton::RightTrigger2);
        map
    }
}

/// What on a gamepad flies the ship.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PadMove {
    /// The left stick.
    LeftStick,
    /// The right stick.
    RightStick,
    /// The D-pad.
    DPad,
}

/// How the ship is flown: four keys (the arrow keys fly it too, always) and a stick or the
/// D-pad. The Controls screen changes it.
#[derive(Resource, Clone, Copy, Debug, PartialEq, Eq)]
pub struct MoveBindings {
    /// Up, left, down, right.
    pub keys: [KeyCode; 4],
    /// The gamepad's.
    pub pad: PadMove,
}

impl Default for MoveBindings {
    fn default() -> Self {
        MoveBindings {
            keys: [KeyCode::KeyW, KeyCode::KeyA, KeyCode::KeyS, KeyCode::KeyD],
            pad: PadMove::LeftStick,
        }
    }
}

impl MoveBindings {
    /// Replaces the map's `Move` bindings with these.
    pub fn apply(&self, map: &mut InputMap<ShipAction>) {
        let [up, left, down, right] = self.keys;
        map.clear_action(&ShipAction::Move);
        map.insert_dual_axis(ShipAction::Move, VirtualDPad::new(up, down, left, right));
        map.insert_dual_axis(ShipAction::Move, VirtualDPad::arrow_keys());
        match self.pad {
            PadMove::LeftStick => map.insert_dual_axis(ShipAction::Move, GamepadStick::LEFT),
            PadMove::RightStick => map.insert_dual_axis(ShipAction::Move, GamepadStick::RIGHT),
            PadMove::DPad => map.insert_dual_axis(ShipAction::Move, VirtualDPad::dpad()),
        };
    }

    /// "W A S D, the arrows, the left stick".
    pub fn describe(&self) -> String {
        let keys: Vec<String> = self
            .keys
            .iter()
            .map(|k| format!("{k:?}").trim_start_matches("Key").to_owned())
            .collect();
        let pad = match self.pad {
            PadMove::LeftStick => "the left stick",
            PadMove::RightStick => "the right stick",
            PadMove::DPad => "the D-pad",
        };
        format!("{}, the arrows, {pad}", keys.join(" "))
    }
}

/// The direction the Controls screen asks for next while `Move` is rebound, after `taken` keys.
pub fn next_direction(taken: usize) -> &'static str {
    ["up", "left", "down", "right"]
        .get(taken)
        .copied()
        .unwrap_or("")
}

/// One step of rebinding `Move`: a key joins the keys taken so far (up, left, down, right; a key
/// already taken is ignored), a gamepad stick or the D-pad is taken at once. Returns the new
/// bindings when the rebinding is done.
pub fn rebind_move_step(
    current: MoveBindings,
    taken: &mut Vec<KeyCode>,
    key: Option<KeyCode>,
    pad: Option<PadMove>,
) -> Option<MoveBindings> {
    if let Some(pad) = pad.filter(|_| taken.is_empty()) {
        return Some(MoveBindings { pad, ..current });
    }
    let key = key?;
    if !taken.contains(&key) {
        taken.push(key);
    }
    let keys: [KeyCode; 4] = taken.as_slice().try_into().ok()?;
    taken.clear();
    Some(MoveBindings { keys, ..current })
}

/// Which stick or D-pad a gamepad is being pushed with, if any (for rebinding `Move`).
pub fn pad_pushed(pad: &Gamepad) -> Option<PadMove> {
    const PUSHED: f32 = 0.6;
    let dpad = [
        GamepadButton::DPadUp,
        GamepadButton::DPadDown,
        GamepadButton::DPadLeft,
        GamepadButton::DPadRight,
    ];
    if pad.any_just_pressed(dpad) {
        Some(PadMove::DPad)
    } else if pad.left_stick().length() > PUSHED {
        Some(PadMove::LeftStick)
    } else if pad.right_stick().length() > PUSHED {
        Some(PadMove::RightStick)
    } else {
        None
    }
}
