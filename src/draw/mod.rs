//! The board's draws, as pure functions of the catalog, a seed and the clock: which postings
//! the board shows today ([`board_postings`]), today's daily missions ([`daily_missions`]) and
//! random missions filled in from templates ([`generate_mission`]). The lifecycle applies them
//! when a request is made; [`crate::board::MissionBoard`] shows them to a player with the gates.

mod daily;
mod postings;
mod templates;

pub use daily::{daily_missions, daily_missions_on, mix64};
pub use postings::{
    board_postings, open_postings, pick_n, pick_two, pick_two_postings,
    pick_two_postings_for_planet,
};
pub use templates::{Situation, choose_template, generate_mission, template_of};
pub(crate) use templates::{draw_serial, unique_draw_id};
