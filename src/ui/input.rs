//! The mission UI's input: leafwing-input-manager actions with keyboard and gamepad defaults,
//! rebindable from a RON file that hot-reloads like the catalog.
//!
//! A bindings file lists only the actions it changes; the others keep their defaults:
//!
//! ```ron
//! (bindings: {
//!     OpenBoard: (keys: [KeyM], buttons: [North]),
//!     Accept: (keys: [Enter, Space]),
//! })
//! ```
//!
//! Key names are bevy's [`KeyCode`] variants, buttons its [`GamepadButton`] variants.

use std::collections::BTreeMap;

use bevy::asset::io::Reader;
use bevy::asset::{AssetLoader, LoadContext};
use bevy::prelude::*;
use leafwing_input_manager::prelude::*;
use serde::{Deserialize, Serialize};

/// Everything the player can do in the mission UI.
#[derive(
    Actionlike,
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Reflect,
    Serialize,
    Deserialize,
)]
pub enum MissionsAction {
    /// Open or close the mission board.
    OpenBoard,
    /// Open or close the journal.
    OpenJournal,
    /// Open or close the mission graph.
    OpenGraph,
    /// Open or close the dashboard.
    OpenDashboard,
    /// Focus the next row.
    Next,
    /// Focus the previous row.
    Previous,
    /// Accept the focused board row (or confirm what is asked).
    Accept,
    /// Abandon the focused journal mission (asks first).
    Abandon,
    /// Track or untrack the focused journal mission.
    Track,
    /// Confirm: abandon after asking, dismiss the completion screen.
    Confirm,
    /// Close: the completion screen, the confirmation, a notice, then the focused window.
    Close,
    /// The board's next faction filter.
    CycleFaction,
    /// The board's next mission-type filter.
    CycleType,
}

impl MissionsAction {
    /// Every action.
    pub const ALL: [MissionsAction; 13] = [
        MissionsAction::OpenBoard,
        MissionsAction::OpenJournal,
        MissionsAction::OpenGraph,
        MissionsAction::OpenDashboard,
        MissionsAction::Next,
        MissionsAction::Previous,
        MissionsAction::Accept,
        MissionsAction::Abandon,
        MissionsAction::Track,
        MissionsAction::Confirm,
        MissionsAction::Close,
        MissionsAction::CycleFaction,
        MissionsAction::CycleType,
    ];

    /// The default key and gamepad button of the action.
    pub fn default_binding(self) -> Binding {
        use GamepadButton as G;
        use KeyCode as K;
        let (key, button) = match self {
            MissionsAction::OpenBoard => (K::KeyB, G::North),
            MissionsAction::OpenJournal => (K::KeyJ, G::Select),
            MissionsAction::OpenGraph => (K::KeyG, G::LeftTrigger),
            MissionsAction::OpenDashboard => (K::F3, G::RightTrigger),
            MissionsAction::Next => (K::ArrowDown, G::DPadDown),
            MissionsAction::Previous => (K::ArrowUp, G::DPadUp),
            MissionsAction::Accept => (K::Enter, G::South),
            MissionsAction::Abandon => (K::Delete, G::West),
            MissionsAction::Track => (K::KeyT, G::DPadRight),
            MissionsAction::Confirm => (K::KeyY, G::Start),
            MissionsAction::Close => (K::Escape, G::East),
            MissionsAction::CycleFaction => (K::KeyF, G::LeftThumb),
            MissionsAction::CycleType => (K::KeyV, G::RightThumb),
        };
        Binding {
            keys: vec![key],
            buttons: vec![button],
        }
    }

    /// The default bindings of every action.
    pub fn default_input_map() -> InputMap<Self> {
        UiBindings::default().input_map()
    }
}

/// The keys and gamepad buttons of one action.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, Reflect)]
#[serde(deny_unknown_fields)]
pub struct Binding {
    /// Keyboard keys (bevy's [`KeyCode`] names).
    #[serde(default)]
    pub keys: Vec<KeyCode>,
    /// Gamepad buttons (bevy's [`GamepadButton`] names).
    #[serde(default)]
    pub buttons: Vec<GamepadButton>,
}

/// A bindings file: the actions it rebinds.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, Reflect)]
#[serde(deny_unknown_fields)]
pub struct UiBindings {
    /// Replaced bindings; actions not listed keep [`MissionsAction::default_binding`].
    #[serde(default)]
    pub bindings: BTreeMap<MissionsAction, Binding>,
}

impl UiBindings {
    /// Parses a bindings file; an error reads `path:line:col: message`.
    pub fn parse(path: &str, text: &str) -> Result<Self, String> {
        crate::catalog::ron_options()
            .from_str::<UiBindings>(text)
            .map_err(|e| {
                format!(
                    "{path}:{}:{}: {}",
                    e.span.start.line, e.span.start.col, e.code
                )
            })
    }

    /// The binding of an action: the file's, else the default.
    pub fn binding(&self, action: MissionsAction) -> Binding {
        self.bindings
            .get(&action)
            .cloned()
            .unwrap_or_else(|| action.default_binding())
    }

    /// The input map these bindings make.
    pub fn input_map(&self) -> InputMap<MissionsAction> {
        let mut map = InputMap::default();
        for action in MissionsAction::ALL {
            let b = self.binding(action);
            for key in b.keys {
                map.insert(action, key);
            }
            for button in b.buttons {
                map.insert(action, button);
            }
        }
        map
    }
}

/// A bindings file as an asset: its bindings, or its parse error as `path:line:col: message`
/// (kept inside the asset so the UI can show it while the old bindings stay in use).
#[derive(Asset, TypePath, Clone, Debug)]
pub struct UiBindingsFile(pub Result<UiBindings, String>);

/// Loads `*.bindings.ron` files.
#[derive(Default, TypePath)]
pub struct UiBindingsLoader;

impl AssetLoader for UiBindingsLoader {
    type Asset = UiBindingsFile;
    type Settings = ();
    type Error = std::io::Error;

    async fn load(
        &self,
        reader: &mut dyn Reader,
        _settings: &(),
        load_context: &mut LoadContext<'_>,
    ) -> Result<UiBindingsFile, std::io::Error> {
        let mut bytes = Vec::new();
        reader.read_to_end(&mut bytes).await?;
        let path = load_context.path().to_string();
        let text = String::from_utf8_lossy(&bytes);
        Ok(UiBindingsFile(UiBindings::parse(&path, &text)))
    }

    fn extensions(&self) -> &[&str] {
        &["bindings.ron"]
    }
}

/// Marks the entity holding the mission UI's [`InputMap`] and [`ActionState`]. Replace its
/// input map to rebind from code.
#[derive(Component, Clone, Copy, Debug, Default, Reflect)]
#[reflect(Component)]
pub struct MissionsUiInput;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_rebinds_only_what_it_lists_and_reports_line_and_column() {
        let b = UiBindings::parse(
            "x.bindings.ron",
            "(bindings: { OpenBoard: (keys: [KeyM]) })",
        )
        .unwrap();
        assert_eq!(
            b.binding(MissionsAction::OpenBoard).keys,
            vec![KeyCode::KeyM]
        );
        assert!(b.binding(MissionsAction::OpenBoard).buttons.is_empty());
        assert_eq!(
            b.binding(MissionsAction::Close),
            MissionsAction::Close.default_binding()
        );
        let err = UiBindings::parse(
            "x.bindings.ron",
            "(bindings: {\n  OpenBord: (keys: [KeyM]) })",
        )
        .unwrap_err();
        assert!(err.starts_with("x.bindings.ron:2:"), "{err}");
        assert!(err.contains("OpenBord"), "{err}");
    }

    #[test]
    fn every_action_has_a_key_and_a_button_by_default() {
        let defaults = UiBindings::default();
        for a in MissionsAction::ALL {
            let b = defaults.binding(a);
            assert!(!b.keys.is_empty() && !b.buttons.is_empty(), "{a:?}");
        }
    }
}
