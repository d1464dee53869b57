//! The integration tests, in one binary (each test binary links all of bevy).

mod architecture;
mod board;
mod catalog_model;
mod catalog_validation;
mod common;
mod hot_reload;
mod lifecycle;
mod lint;
mod objectives;
mod plugins;
mod properties;
mod rules;
mod save;
mod scenarios;
#[cfg(feature = "ui")]
mod ui;
