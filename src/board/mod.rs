//! The mission board: postings (seed 004), random missions from templates and daily quests
//! (seed 000), and [`MissionBoard`], the board as one player sees it.
//!
//! The draws ([`daily`], [`postings`], [`templates`]) are pure functions of the catalog, a seed
//! and the clock; [`MissionBoard`] adds the player's gates.

pub mod daily;
pub mod postings;
pub mod templates;
mod view;

pub use daily::{daily_missions, daily_missions_on, mix64};
pub use postings::{
    board_postings, open_postings, pick_n, pick_two, pick_two_postings,
    pick_two_postings_for_planet,
};
pub use templates::{Situation, choose_template, generate_mission};
pub use view::{BoardEntry, MissionBoard, Offer};

pub use crate::model::board::*;
