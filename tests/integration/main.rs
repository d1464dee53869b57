//! The integration tests, in one binary (each test binary links all of bevy).

mod api;
mod architecture;
mod board;
mod catalog_model;
mod catalog_validation;
mod common;
/// The demo's actions and their rebinding (shared with the demo game).
#[cfg(feature = "ui")]
#[path = "../../examples/demo/controls.rs"]
#[expect(dead_code, reason = "the tests rebind by keys, not by a real gamepad")]
mod controls;
mod demo_content;
#[cfg(feature = "ui")]
mod demo_controls;
#[cfg(feature = "ui")]
mod demo_station;
mod economy;
mod hot_reload;
mod ledger;
mod lifecycle;
mod lint;
mod objectives;
/// The `own_economy` example's economy (the economy test plays it across a save).
#[path = "../../examples/own_economy.rs"]
#[expect(
    dead_code,
    reason = "the test plays its own session, not the example's main"
)]
mod own_economy;
mod plugins;
/// The demo's facts, one function per thing its pilot does (shared with the demo game).
#[path = "../../examples/demo/produce.rs"]
#[expect(
    dead_code,
    reason = "the content test needs every fact but a lost ward"
)]
mod produce;
mod properties;
mod rules;
mod save;
mod save_bounds;
mod scenarios;
/// The demo's station window (shared with the demo game).
#[cfg(feature = "ui")]
#[path = "../../examples/demo/station.rs"]
#[expect(dead_code, reason = "the tests drive the panel, not the game time")]
mod station;
#[cfg(feature = "ui")]
mod ui;
