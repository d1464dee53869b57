//! The demo's own actions (flying, pausing, launching) and their bindings, with the rebinding
//! the pause menu's Controls screen does and the file that keeps it (`controls.ron` beside the
//! save). It needs only bevy, leafwing, serde and ron, so the integration tests include it
//! (`#[path]`) and rebind headless.

use std::path::Path;

use bevy::prelude::*;
use leafwing_input_manager::prelude::*;
use serde::{Deserialize, Serialize};

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

/// A key and a gamepad button that do the same thing.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Buttons {
    /// The key.
    pub key: KeyCode,
    /// The gamepad button.
    pub button: GamepadButton,
}

impl Buttons {
    /// "L, RightTrigger2".
    pub fn describe(&self) -> String {
        format!("{}, {:?}", key_name(self.key), self.button)
    }
}

/// Every binding of the ship's actions: what the Controls screen changes and `controls.ron`
/// keeps.
#[derive(Resource, Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Controls {
    /// Flying.
    pub moving: MoveBindings,
    /// The pause menu.
    pub pause: Buttons,
    /// Launching the contract.
    pub launch: Buttons,
}

impl Default for Controls {
    fn default() -> Self {
        Controls {
            moving: MoveBindings::default(),
            pause: Buttons {
                key: KeyCode::Escape,
                button: GamepadButton::Start,
            },
            launch: Buttons {
                key: KeyCode::KeyL,
                button: GamepadButton::RightTrigger2,
            },
        }
    }
}

impl Controls {
    /// The input map these bindings make.
    pub fn input_map(&self) -> InputMap<ShipAction> {
        let mut map = InputMap::default();
        self.moving.apply(&mut map);
        for (action, b) in [
            (ShipAction::Pause, self.pause),
            (ShipAction::Launch, self.launch),
        ] {
            map.insert(action, b.key);
            map.insert(action, b.button);
        }
        map
    }

    /// Binds a button action (Pause or Launch) to a key or a gamepad button, replacing the one of
    /// the same device. `Move` is rebound with [`rebind_move_step`].
    pub fn rebind(
        &mut self,
        action: ShipAction,
        key: Option<KeyCode>,
        button: Option<GamepadButton>,
    ) {
        let slot = match action {
            ShipAction::Pause => &mut self.pause,
            ShipAction::Launch => &mut self.launch,
            ShipAction::Move => return,
        };
        match (key, button) {
            (Some(key), _) => slot.key = key,
            (None, Some(button)) => slot.button = button,
            (None, None) => {}
        }
    }

    /// The bindings in `path`: `Ok(None)` when there is no file, an error naming the line and
    /// column when it cannot be read (the caller keeps the defaults and leaves the file alone).
    pub fn load(path: &Path) -> Result<Option<Controls>, String> {
        let text = match std::fs::read_to_string(path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(format!("{}: {e}", path.display())),
        };
        ron::from_str(&text).map(Some).map_err(|e| {
            format!(
                "{}:{}:{}: {}",
                path.display(),
                e.span.start.line,
                e.span.start.col,
                e.code
            )
        })
    }

    /// Writes the bindings to `path` (through a temporary file, so a crash never leaves half a
    /// file).
    pub fn save(&self, path: &Path) -> Result<(), String> {
        let text = ron::ser::to_string_pretty(self, ron::ser::PrettyConfig::default())
            .map_err(|e| e.to_string())?;
        let tmp = path.with_extension("ron.tmp");
        std::fs::write(&tmp, text)
            .and_then(|()| std::fs::rename(&tmp, path))
            .map_err(|e| format!("{}: {e}", path.display()))
    }
}

/// What on a gamepad flies the ship.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
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
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
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
        let keys: Vec<String> = self.keys.iter().map(|k| key_name(*k)).collect();
        let pad = match self.pad {
            PadMove::LeftStick => "the left stick",
            PadMove::RightStick => "the right stick",
            PadMove::DPad => "the D-pad",
        };
        format!("{}, the arrows, {pad}", keys.join(" "))
    }
}

/// A key as a player reads it: "L", "Escape", "Digit1".
pub fn key_name(key: KeyCode) -> String {
    format!("{key:?}").trim_start_matches("Key").to_owned()
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
