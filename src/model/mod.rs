//! The data model: every type a catalog file or a save holds, with its serde defaults.
//!
//! This layer depends on nothing else in the crate but [`crate::ids`] and [`crate::clock`]; the
//! catalog (parsing, merging, validation), the runtime (lifecycle, objective routing, board
//! draws, run assembly) and saves are built on top of it and never the other way round.
//!
//! | module | holds |
//! |---|---|
//! | [`source`] | the shape of one `*.missions.ron` file |
//! | [`mission`] | a mission: gates, rewards, timing, scope, effects lists |
//! | [`dialogue`] | what the giver says, and the names of its lines |
//! | [`objective`] | objectives and their goals |
//! | [`effect`] | what happens when a mission starts or ends |
//! | [`world`] | factions, items, enemies, places, planets, NPCs, traits, objects, counters, variables |
//! | [`board`] | postings, random-mission templates, daily slots |
//! | [`tuning`] | objective labels, difficulties, rarities and their tables |
//! | [`rules`] | the global rules (caps, penalties, reputation bounds, levels) |
//! | [`status`] | the state machine every attempt follows, as data |
//! | [`progress`] | progress on one objective |
//! | [`player`] | a player's persistent state |
//! | [`save`] | the save file's shape |
//! | [`bounds`] | the range each saved number may take, checked while a save is read |

pub mod board;
pub mod bounds;
pub(crate) mod defaults;
pub mod dialogue;
pub mod effect;
pub mod mission;
pub mod objective;
pub mod player;
pub mod progress;
pub mod rules;
pub mod run;
pub mod save;
pub mod source;
pub mod status;
pub mod tuning;
pub mod world;
