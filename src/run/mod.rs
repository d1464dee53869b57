//! Run assembly: from a posting to the run definition the game's spawner reads. Only
//! the label's effects survive the translation (timer, crates, enemy multiplier); the label
//! itself does not. [`WaveDirector`] turns a run into waves of enemies.

mod assembly;
mod director;

pub use assembly::*;
pub use director::{SpawnDirectorPlugin, SpawnWave, WaveDirector};
