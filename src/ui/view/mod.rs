//! View models: plain data built from the plugin's state, one per panel. They are public so a
//! game can draw its own panels from them; the systems rebuild them only when their inputs
//! change.

mod board;
mod completion;
mod graph;
mod hud;
mod journal;

pub use board::{BoardFilter, BoardRow, BoardView, OfferSource, rewards_text};
pub use completion::{CompletionKind, CompletionView};
pub use graph::{DashboardRow, DashboardView, GraphNodeView, GraphView, NodeState};
pub use hud::{HudLine, HudView, HudWorld};
pub use journal::{
    DEFAULT_GROUP, FinishedRow, JournalGroup, JournalRow, JournalView, ObjectiveRow, objective_row,
    objective_text,
};
