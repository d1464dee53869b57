//! `--screenshots DIR`: board.png, run.png, journal.png and complete.png, each taken once at its
//! moment (the board open at the hub, a run under way, the journal open, the completion screen
//! after its count-up). `--compare DIR` then compares them with the snapshots there.

use std::collections::BTreeSet;
use std::path::Path;

use bevy::prelude::*;
use bevy::render::view::screenshot::{Screenshot, save_to_disk};
use bevy_missions::clock::MissionClock;
use bevy_missions::screenshot::Tolerance;
use bevy_missions::screenshot::compare;
use bevy_missions::ui::MissionsUi;
use bevy_missions::ui::Panel;
use bevy_missions::ui::view::BoardView;
use bevy_missions::ui::view::JournalView;

use crate::field::{Enemy, Sortie};
use crate::ship::Ship;
use crate::{Args, GameState, Pilot};

/// The pictures, in the order a session usually takes them.
pub const SHOTS: [&str; 4] = ["board", "run", "journal", "complete"];

/// Which pictures were taken, and since when each moment has lasted.
#[derive(Resource, Default, Debug)]
pub struct Shots {
    /// Taken so far.
    pub taken: BTreeSet<&'static str>,
    since: [Option<f64>; 4],
}

impl Shots {
    /// Whether `name` is still to be taken (always false without `--screenshots`).
    pub fn wants(&self, args: &Args, name: &str) -> bool {
        args.screenshots.is_some() && !self.taken.contains(name)
    }
}

/// Takes the screenshots.
pub struct ShotsPlugin;

impl Plugin for ShotsPlugin {
    fn build(&self, app: &mut App) {
        app.init_resource::<Shots>().add_systems(Last, photograph);
    }
}

#[expect(clippy::too_many_arguments, reason = "each picture has its own moment")]
fn photograph(
    args: Res<Args>,
    time: Res<Time<Real>>,
    state: Res<State<GameState>>,
    ui: Res<MissionsUi>,
    board: Res<BoardView>,
    journal: Res<JournalView>,
    sortie: Option<Res<Sortie>>,
    clock: Res<MissionClock>,
    pilot: Res<Pilot>,
    ships: Query<&Transform, With<Ship>>,
    enemies: Query<&Transform, With<Enemy>>,
    mut shots: ResMut<Shots>,
    mut commands: Commands,
) {
    let Some(dir) = &args.screenshots else { return };
    let now = time.elapsed_secs_f64();
    let hub = *state.get() == GameState::Hub;
    let moments = [
        hub && ui.open.window(Panel::Board) && !board.rows.is_empty() && ui.completions.is_empty(),
        // A run under way: at least six enemies in view.
        !hub && sortie.is_some_and(|s| s.end.is_none() && clock.now - s.started_at >= 5.0)
            && in_view(&ships, &pilot, &enemies) >= 6,
        hub && ui.open.window(Panel::Journal)
            && (journal.rows().next().is_some() || !journal.finished.is_empty())
            && ui.completions.is_empty(),
        hub && ui.completion_showing().is_some(),
    ];
    let waits = [1.0, 0.0, 1.0, 2.2];
    for (i, name) in SHOTS.into_iter().enumerate() {
        if !moments[i] {
            shots.since[i] = None;
            continue;
        }
        let since = *shots.since[i].get_or_insert(now);
        if now - since >= waits[i] && shots.taken.insert(name) {
            if let Err(e) = std::fs::create_dir_all(dir) {
                eprintln!("demo: cannot create {}: {e}", dir.display());
                continue;
            }
            let file = dir.join(format!("{name}.png"));
            println!("screenshot: {}", file.display());
            commands
                .spawn(Screenshot::primary_window())
                .observe(save_to_disk(file));
        }
    }
}

/// Enemies inside the 1280×720 view around the ship.
fn in_view(
    ships: &Query<&Transform, With<Ship>>,
    pilot: &Pilot,
    enemies: &Query<&Transform, With<Enemy>>,
) -> usize {
    let Ok(ship) = ships.get(pilot.0) else {
        return 0;
    };
    let c = ship.translation.truncate();
    enemies
        .iter()
        .filter(|t| {
            let d = (t.translation.truncate() - c).abs();
            d.x < 620.0 && d.y < 340.0
        })
        .count()
}

/// How loosely a picture is compared: the run moves, the hub stands still.
pub fn tolerance(name: &str) -> Tolerance {
    if name == "run" {
        Tolerance::SCENE
    } else {
        Tolerance::SCREEN
    }
}

/// Compares each picture in `dir` with the snapshot of the same name in `snapshots` (loosely:
/// the run's scene moves, but a blank picture, a missing window or one that moved fails). Returns
/// whether all passed.
pub fn compare_all(dir: &Path, snapshots: &Path) -> bool {
    let mut ok = true;
    for name in SHOTS {
        let file = dir.join(format!("{name}.png"));
        match compare(
            &file,
            &snapshots.join(format!("{name}.png")),
            tolerance(name),
        ) {
            Ok(score) => println!(
                "{name}.png matches its snapshot ({:.1}% of cells changed)",
                score * 100.0
            ),
            Err(e) => {
                eprintln!("{name}.png: {e}");
                ok = false;
            }
        }
    }
    ok
}
