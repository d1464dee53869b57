//! egui panels (feature `ui`). For now: the catalog notice a designer sees when a saved edit
//! is rejected, dismissable with a rebindable [`MissionsAction`]. The mission board, journal and
//! HUD panels are built on the same pattern: a pure panel function over plugin data, drawn by a
//! system in `EguiPrimaryContextPass`.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPlugin, EguiPrimaryContextPass, egui};
use leafwing_input_manager::prelude::*;

use crate::catalog::{CatalogError, CatalogStatus};

/// Player actions the mission UI listens for; rebind them by replacing the [`InputMap`] on the
/// entity spawned by [`MissionsUiPlugin`].
#[derive(Actionlike, Clone, Copy, Debug, PartialEq, Eq, Hash, Reflect)]
pub enum MissionsAction {
    /// Close the catalog notice.
    DismissNotice,
}

impl MissionsAction {
    /// The default bindings: Escape dismisses the notice.
    pub fn default_input_map() -> InputMap<Self> {
        InputMap::new([(MissionsAction::DismissNotice, KeyCode::Escape)])
    }
}

/// Which catalog errors the player already dismissed (a new set of errors shows again).
#[derive(Resource, Default, Debug)]
pub struct CatalogNotice {
    dismissed: Vec<CatalogError>,
}

/// Marks the entity holding the mission UI's input map.
#[derive(Component)]
pub struct MissionsUiInput;

/// Adds the mission UI panels (and `EguiPlugin` and the input plugin when missing).
#[derive(Default)]
pub struct MissionsUiPlugin;

impl Plugin for MissionsUiPlugin {
    fn build(&self, app: &mut App) {
        if !app.is_plugin_added::<EguiPlugin>() {
            app.add_plugins(EguiPlugin::default());
        }
        app.add_plugins(InputManagerPlugin::<MissionsAction>::default())
            .init_resource::<CatalogNotice>()
            .add_systems(Startup, |mut commands: Commands| {
                commands.spawn((MissionsUiInput, MissionsAction::default_input_map()));
            })
            .add_systems(EguiPrimaryContextPass, show_catalog_notice);
    }
}

/// Draws the catalog notice: every error as `path:line:col: message` and which catalog is still
/// in use. Returns true when the player pressed "Dismiss".
pub fn catalog_errors_panel(ui: &mut egui::Ui, status: &CatalogStatus) -> bool {
    ui.label(format!(
        "The last catalog edit was rejected; the game keeps using generation {}.",
        status.generation
    ));
    ui.separator();
    egui::ScrollArea::vertical()
        .max_height(240.0)
        .show(ui, |ui| {
            for error in &status.errors {
                ui.monospace(error.to_string());
            }
        });
    ui.separator();
    ui.button("Dismiss").clicked()
}

fn show_catalog_notice(
    mut contexts: EguiContexts,
    status: Res<CatalogStatus>,
    mut notice: ResMut<CatalogNotice>,
    input: Query<&ActionState<MissionsAction>, With<MissionsUiInput>>,
) -> Result {
    if status.errors.is_empty() || notice.dismissed == status.errors {
        return Ok(());
    }
    let pressed = input
        .iter()
        .any(|a| a.just_pressed(&MissionsAction::DismissNotice));
    let mut dismissed = pressed;
    egui::Window::new("Mission catalog rejected")
        .collapsible(false)
        .show(contexts.ctx_mut()?, |ui| {
            dismissed |= catalog_errors_panel(ui, &status);
        });
    if dismissed {
        notice.dismissed = status.errors.clone();
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use egui_kittest::Harness;
    use egui_kittest::kittest::Queryable;

    use super::*;
    use crate::catalog::CatalogErrorKind;

    #[test]
    fn the_notice_shows_every_error_and_can_be_dismissed() {
        let status = CatalogStatus {
            generation: 3,
            errors: vec![CatalogError::new(
                "missions/a.missions.ron",
                4,
                17,
                CatalogErrorKind::Syntax("Expected closing `]`".into()),
            )],
        };
        let mut harness = Harness::new_ui_state(
            |ui, state: &mut (CatalogStatus, bool)| {
                if catalog_errors_panel(ui, &state.0) {
                    state.1 = true;
                }
            },
            (status, false),
        );
        harness.run();
        assert!(
            harness
                .query_by_label("missions/a.missions.ron:4:17: Expected closing `]`")
                .is_some()
        );
        assert!(
            harness
                .query_by_label_contains("keeps using generation 3")
                .is_some()
        );
        harness.get_by_label("Dismiss").click();
        harness.run();
        assert!(harness.state().1);
    }
}
