//! Panels: plain functions from a view model to egui calls, returning what the player asked for
//! as [`UiAction`](super::UiAction)s. They draw into any `egui::Ui`, so tests drive them with
//! egui_kittest and games can place them in their own windows.

mod board;
mod graph;
mod hud;
mod journal;

pub use board::board_panel;
pub use graph::{dashboard_panel, graph_panel};
pub use hud::{
    COUNT_UP_SECS, completion_panel, hud_arrow, hud_panel, survive_banner, toasts_panel,
};
pub use journal::{abandon_confirm_panel, journal_panel, objective};
