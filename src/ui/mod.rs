//! The mission UI in egui (feature `ui`): the mission board, the journal, the HUD tracker with
//! its arrow and extraction banner, the completion screen, the mission graph, the dashboard,
//! toasts, and the catalog and save notices; every action on leafwing-input-manager with
//! keyboard and gamepad defaults, rebindable from a hot-reloading RON file.
//!
//! Mark the player the UI is for with [`LocalPlayer`], add [`MissionsUiPlugin`], and open
//! windows from game code through [`MissionsUi`] (or with the keys, B for the board and J for
//! the journal by default):
//!
//! ```no_run
//! use bevy::prelude::*;
//! use bevy_missions::prelude::*;
//! use bevy_missions::ui::{LocalPlayer, MissionsUi, MissionsUiPlugin, Panel};
//!
//! App::new()
//!     .add_plugins((DefaultPlugins, MissionsPlugins, MissionsUiPlugin::default()))
//!     .add_systems(Startup, |mut commands: Commands, mut ui: ResMut<MissionsUi>| {
//!         commands.spawn((MissionHolder::new("pilot"), LocalPlayer));
//!         ui.open(Panel::Board);
//!     })
//!     .run();
//! ```
//!
//! Structure: [`view`] holds the view models (public, so a game can draw its own panels),
//! rebuilt by systems only when their inputs change; [`panels`] holds plain functions from a view
//! model to egui calls that return [`UiAction`]s; one system turns those (and key presses) into
//! [`MissionRequest`](crate::lifecycle::MissionRequest)s.

mod control;
mod draw;
mod input;
mod notices;
pub mod panels;
mod state;
mod theme;
pub mod view;
mod views;

use bevy::ecs::schedule::ScheduleLabel;
use bevy::prelude::*;
use bevy_egui::{EguiPlugin, EguiPrimaryContextPass};
use leafwing_input_manager::prelude::*;

pub use control::BindingsHandle;
pub use input::{
    Binding, MissionsAction, MissionsUiInput, UiBindings, UiBindingsFile, UiBindingsLoader,
};
pub use notices::{CatalogNotice, SaveChoice, catalog_errors_panel, save_refused_panel};
pub use state::{
    LocalPlayer, MAX_TOASTS, MissionsUi, Panel, PanelFlags, TOAST_SECS, Toast, UiAction,
};
pub use theme::{UiTheme, clock_text};
pub use views::BOARD_REFRESH_SECS;

use crate::schedule::MissionSystems;
use view::{BoardView, DashboardView, GraphView, HudView, JournalView};

/// When the mission UI's systems run.
#[derive(SystemSet, Clone, Copy, Debug, PartialEq, Eq, Hash, Reflect)]
pub enum MissionsUiSystems {
    /// `Update`: leafwing actions become [`UiAction`]s; a changed bindings file is applied.
    Input,
    /// `Update`, after `Input` (and before [`MissionSystems::Catalog`] when the missions run in
    /// `Update`): every [`UiAction`] becomes a UI change or a mission request.
    Apply,
    /// The mission schedule (`Update` unless [`crate::MissionSchedulePlugin::in_schedule`] chose
    /// another), after [`MissionSystems::Present`]: outcomes become screens and toasts; view
    /// models are rebuilt where their inputs changed.
    Views,
    /// `EguiPrimaryContextPass`: the panels are drawn (only when [`MissionsUiPlugin::draw`]).
    Draw,
}

/// Adds the mission UI. Every field has a working default: every piece on, default bindings,
/// the default theme, drawing with egui.
#[derive(Clone, Debug, Reflect)]
pub struct MissionsUiPlugin {
    /// Pieces that exist (a disabled window never opens); copied into [`MissionsUi::enabled`].
    pub panels: PanelFlags,
    /// Asset path of a `*.bindings.ron` file that rebinds actions and hot-reloads (needs bevy's
    /// `AssetPlugin`); `None` keeps the defaults.
    pub bindings: Option<String>,
    /// Text sizes and colours.
    pub theme: UiTheme,
    /// Draw with egui (adds `EguiPlugin` when missing; bevy's `InputPlugin` is added in any case
    /// when missing, since the actions need it). `false` keeps the view models, input and
    /// requests without any drawing: headless tests, or a game that draws its own panels.
    pub draw: bool,
}

impl Default for MissionsUiPlugin {
    fn default() -> Self {
        MissionsUiPlugin {
            panels: PanelFlags::ALL,
            bindings: None,
            theme: UiTheme::default(),
            draw: true,
        }
    }
}

impl Plugin for MissionsUiPlugin {
    fn build(&self, app: &mut App) {
        if !app.is_plugin_added::<bevy::input::InputPlugin>() {
            app.add_plugins(bevy::input::InputPlugin);
        }
        app.add_plugins(InputManagerPlugin::<MissionsAction>::default())
            .insert_resource(MissionsUi {
                enabled: self.panels,
                ..default()
            })
            .insert_resource(self.theme.clone())
            .init_resource::<BoardView>()
            .init_resource::<JournalView>()
            .init_resource::<HudView>()
            .init_resource::<GraphView>()
            .init_resource::<DashboardView>()
            .init_resource::<CatalogNotice>()
            .add_message::<UiAction>()
            .configure_sets(
                Update,
                (MissionsUiSystems::Input, MissionsUiSystems::Apply).chain(),
            )
            .add_systems(Startup, spawn_input)
            .add_systems(
                Update,
                (
                    control::keys_to_actions.in_set(MissionsUiSystems::Input),
                    control::apply_actions.in_set(MissionsUiSystems::Apply),
                ),
            );
        if let Some(path) = &self.bindings {
            app.init_asset::<UiBindingsFile>()
                .init_asset_loader::<UiBindingsLoader>();
            let handle = app.world().resource::<AssetServer>().load(path.clone());
            app.insert_resource(BindingsHandle(handle)).add_systems(
                Update,
                control::reload_bindings.in_set(MissionsUiSystems::Input),
            );
        }
        if self.draw {
            if !app.is_plugin_added::<EguiPlugin>() {
                app.add_plugins(EguiPlugin::default());
            }
            app.configure_sets(EguiPrimaryContextPass, MissionsUiSystems::Draw)
                .add_systems(
                    EguiPrimaryContextPass,
                    (
                        draw::draw_hud,
                        draw::draw_windows,
                        notices::show_catalog_notice,
                        notices::show_save_notice,
                    )
                        .chain()
                        .in_set(MissionsUiSystems::Draw),
                );
        }
    }

    /// The view models follow the mission schedule, which is known once every plugin is built
    /// (so the UI may be added before or after [`crate::MissionsPlugins`]): they are rebuilt in
    /// that schedule after [`MissionSystems::Present`], in step with the state they show. Input
    /// is read and applied every frame in `Update`, before the mission systems when they run
    /// there too.
    fn finish(&self, app: &mut App) {
        let schedule = crate::schedule::MissionSchedule::of(app, "MissionsUiPlugin");
        if schedule == Update.intern() {
            app.configure_sets(
                Update,
                MissionsUiSystems::Apply.before(MissionSystems::Catalog),
            );
        }
        app.configure_sets(
            schedule,
            MissionsUiSystems::Views.after(MissionSystems::Present),
        )
        .add_systems(
            schedule,
            (
                views::listen_outcomes,
                views::build_board,
                views::build_journal,
                views::build_hud,
                views::build_graph,
                views::build_dashboard,
            )
                .chain()
                .in_set(MissionsUiSystems::Views),
        );
    }
}

fn spawn_input(mut commands: Commands) {
    commands.spawn((MissionsUiInput, MissionsAction::default_input_map()));
}
