//! Notices: the catalog notice a designer sees when a saved edit is rejected (dismissed with
//! [`MissionsAction::Close`]), and the save notice a player sees when their save cannot be read,
//! with the choice of the backup or a fresh start.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, egui};
use leafwing_input_manager::prelude::*;

use super::input::{MissionsAction, MissionsUiInput};
use crate::catalog::{CatalogError, CatalogStatus};
use crate::save::{SaveCommand, SaveStatus};

/// Which catalog errors the player already dismissed (a new set of errors shows again).
#[derive(Resource, Default, Debug, Reflect)]
#[reflect(Resource)]
pub struct CatalogNotice {
    dismissed: Vec<CatalogError>,
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

/// What the player chose in the save notice.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Reflect)]
pub enum SaveChoice {
    /// Load the backup.
    UseBackup,
    /// Go on with a fresh state.
    StartFresh,
}

/// Draws the save notice: why the save was refused (path, line, column), that it is kept as it
/// is, and the two ways on. "Load backup" only shows when a readable backup exists.
pub fn save_refused_panel(
    ui: &mut egui::Ui,
    message: &str,
    backup: Option<&std::path::Path>,
) -> Option<SaveChoice> {
    ui.label("Your save could not be loaded. It has not been changed or deleted.");
    ui.monospace(message);
    ui.separator();
    let mut choice = None;
    ui.horizontal(|ui| {
        if let Some(backup) = backup
            && ui
                .button("Load backup")
                .on_hover_text(backup.display().to_string())
                .clicked()
        {
            choice = Some(SaveChoice::UseBackup);
        }
        if ui
            .button("Start fresh")
            .on_hover_text("The unreadable save is kept beside it as .rejected")
            .clicked()
        {
            choice = Some(SaveChoice::StartFresh);
        }
    });
    choice
}

pub(crate) fn show_save_notice(
    mut contexts: EguiContexts,
    status: Option<Res<SaveStatus>>,
    mut commands: MessageWriter<SaveCommand>,
) -> Result {
    let Some(refused) = status.as_ref().and_then(|s| s.refused.as_ref()) else {
        return Ok(());
    };
    let mut choice = None;
    egui::Window::new("Save could not be loaded")
        .collapsible(false)
        .show(contexts.ctx_mut()?, |ui| {
            choice = save_refused_panel(ui, &refused.error.to_string(), refused.backup.as_deref());
        });
    match choice {
        Some(SaveChoice::UseBackup) => {
            commands.write(SaveCommand::UseBackup);
        }
        Some(SaveChoice::StartFresh) => {
            commands.write(SaveCommand::StartFresh);
        }
        None => {}
    }
    Ok(())
}

pub(crate) fn show_catalog_notice(
    mut contexts: EguiContexts,
    status: Res<CatalogStatus>,
    mut notice: ResMut<CatalogNotice>,
    input: Query<&ActionState<MissionsAction>, With<MissionsUiInput>>,
) -> Result {
    if status.errors.is_empty() || notice.dismissed == status.errors {
        return Ok(());
    }
    let pressed = input.iter().any(|a| a.just_pressed(&MissionsAction::Close));
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

    #[test]
    fn the_save_notice_offers_the_backup_only_when_there_is_one() {
        let message = "saves/pilot.save.ron:3:9: not a valid save: Unexpected end of RON";
        let backup = std::path::PathBuf::from("saves/pilot.save.ron.bak");
        let mut harness = Harness::new_ui_state(
            |ui, state: &mut (Option<std::path::PathBuf>, Option<SaveChoice>)| {
                if let Some(choice) = save_refused_panel(ui, message, state.0.as_deref()) {
                    state.1 = Some(choice);
                }
            },
            (Some(backup), None),
        );
        harness.run();
        assert!(harness.query_by_label(message).is_some());
        assert!(
            harness
                .query_by_label_contains("not been changed")
                .is_some()
        );
        harness.get_by_label("Load backup").click();
        harness.run();
        assert_eq!(harness.state().1, Some(SaveChoice::UseBackup));

        let mut harness = Harness::new_ui_state(
            |ui, state: &mut Option<SaveChoice>| {
                if let Some(choice) = save_refused_panel(ui, message, None) {
                    *state = Some(choice);
                }
            },
            None,
        );
        harness.run();
        assert!(harness.query_by_label("Load backup").is_none());
        harness.get_by_label("Start fresh").click();
        harness.run();
        assert_eq!(*harness.state(), Some(SaveChoice::StartFresh));
    }
}
