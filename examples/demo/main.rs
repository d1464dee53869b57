//! **Meridian Reach**, the bevy_missions demo: a small 2D space-survivor game built on the
//! plugin. At Meridian Hub you take contracts from the mission board, fly the run (enemies come in
//! waves from the plugin's spawn director, weapons fire on their own), collect, scan and fight for
//! what the mission asks, extract, and come back to the completion screen. Progress is saved.
//!
//! ```sh
//! cargo run --release --example demo --features demo
//! ```
//!
//! Keys: WASD or arrows fly, B board, J journal, G graph, Enter accept, L launch, Escape pause
//! (or a gamepad: left stick, North board, South accept, right trigger launch, Start pause).
//!
//! Flags: `--seed N`, `--save-dir DIR`, `--autoplay --runs N`, `--screenshots DIR`,
//! `--enemies N` (a fixed swarm, for measuring), `--speed X` (game speed),
//! `--measure SECS` (print the mean frame rate after SECS and exit).

mod bare;
mod bot;
mod controls;
mod field;
mod hub;
mod outcomes;
mod pause;
mod produce;
mod ship;
mod shots;
mod station;

use std::path::PathBuf;

use bevy::prelude::*;
use bevy::window::WindowResolution;
use bevy_missions::prelude::*;
use bevy_missions::ui::LocalPlayer;
use bevy_missions::ui::MissionsUiPlugin;

/// What the command line asked for.
#[derive(Resource, Clone, Debug)]
pub struct Args {
    /// Seed for the board, the random missions and the field.
    pub seed: u64,
    /// Where the save lives.
    pub save_dir: PathBuf,
    /// The bot plays.
    pub autoplay: bool,
    /// Runs the bot plays before exiting.
    pub runs: u32,
    /// Where screenshots go, if anywhere.
    pub screenshots: Option<PathBuf>,
    /// Snapshots to compare the screenshots with at the end of an autoplay.
    pub compare: Option<PathBuf>,
    /// A fixed swarm of this many enemies instead of waves (for measuring).
    pub enemies: Option<u32>,
    /// Game speed (virtual time's relative speed).
    pub speed: f32,
    /// Print the mean frame rate after this many seconds and exit.
    pub measure: Option<f32>,
    /// The bare yardstick scene instead of the game (with `--enemies` meshes).
    pub bare: bool,
}

/// Where the game is.
#[derive(States, Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum GameState {
    /// Docked at Meridian Hub: board, journal, station services.
    #[default]
    Hub,
    /// Flying a run.
    Run,
}

/// The pilot: the one player of this game.
#[derive(Resource, Clone, Copy, Debug)]
pub struct Pilot(pub Entity);

fn main() -> AppExit {
    let args = match parse_args(std::env::args().skip(1)) {
        Ok(args) => args,
        Err(e) => {
            eprintln!("demo: {e}\n{USAGE}");
            return AppExit::error();
        }
    };
    let window = WindowPlugin {
        primary_window: Some(Window {
            title: "Meridian Reach: a bevy_missions demo".into(),
            resolution: WindowResolution::new(1280, 720),
            ..default()
        }),
        ..default()
    };
    let mut app = App::new();
    if let Some(seconds) = args.measure {
        app.add_plugins(bare::MeasurePlugin { seconds });
    }
    if args.bare {
        return app
            .add_plugins((
                DefaultPlugins.set(window),
                bare::BareScenePlugin {
                    count: args.enemies.unwrap_or(500),
                },
            ))
            .insert_resource(ClearColor(Color::srgb(0.02, 0.03, 0.07)))
            .run();
    }
    if let Err(e) = std::fs::create_dir_all(&args.save_dir) {
        eprintln!(
            "demo: cannot create the save folder {}: {e}",
            args.save_dir.display()
        );
        return AppExit::error();
    }
    let save = args.save_dir.join("pilot.save.ron");
    println!("demo: saving to {}", save.display());
    // The Controls screen's bindings, kept beside the save; a file that cannot be read is
    // reported and left alone, and the defaults are used.
    let controls_file = args.save_dir.join("controls.ron");
    let controls = controls::Controls::load(&controls_file).unwrap_or_else(|e| {
        eprintln!("demo: the controls could not be read ({e}); the defaults are used");
        None
    });
    app.insert_resource(controls.unwrap_or_default())
        .insert_resource(pause::ControlsFile(controls_file));
    app.add_plugins((
        DefaultPlugins.set(window).set(AssetPlugin {
            watch_for_changes_override: Some(true),
            ..default()
        }),
        MissionsPlugins.set(SavePlugin::at(save)),
        MissionsUiPlugin::default(),
    ))
    .insert_resource(ClearColor(Color::srgb(0.02, 0.03, 0.07)))
    .insert_resource(bevy_missions::lifecycle::MissionSeed(args.seed))
    .init_state::<GameState>()
    .add_plugins((
        ship::ShipPlugin,
        field::FieldPlugin,
        hub::HubPlugin,
        outcomes::OutcomesPlugin,
        pause::PausePlugin,
        shots::ShotsPlugin,
    ))
    .add_systems(Startup, spawn_pilot);
    if args.autoplay {
        app.add_plugins(bot::BotPlugin);
    } else if args.enemies.is_some() {
        app.add_systems(Update, field::quick_run.run_if(in_state(GameState::Hub)));
    }
    app.insert_resource(args).run()
}

/// The session seed without `--seed`: its first day's board holds a contract of every label a
/// new pilot can take, and the first link of the flight-recorder chain.
const DEFAULT_SEED: u64 = 31;

const USAGE: &str = "usage: demo [--seed N] [--save-dir DIR] [--autoplay] [--runs N] \
[--screenshots DIR] [--compare DIR] [--enemies N] [--speed X] [--measure SECS] [--bare]";

fn parse_args(args: impl Iterator<Item = String>) -> Result<Args, String> {
    let mut out = Args {
        seed: DEFAULT_SEED,
        save_dir: default_save_dir(),
        autoplay: false,
        runs: 1,
        screenshots: None,
        compare: None,
        enemies: None,
        speed: 1.0,
        measure: None,
        bare: false,
    };
    let mut it = args;
    let value = |flag: &str, it: &mut dyn Iterator<Item = String>| {
        it.next().ok_or_else(|| format!("{flag} needs a value"))
    };
    fn num<T: std::str::FromStr>(flag: &str, v: String) -> Result<T, String> {
        v.parse()
            .map_err(|_| format!("{flag}: `{v}` is not a valid number"))
    }
    while let Some(a) = it.next() {
        match a.as_str() {
            "--seed" => out.seed = num("--seed", value(&a, &mut it)?)?,
            "--save-dir" => out.save_dir = PathBuf::from(value(&a, &mut it)?),
            "--autoplay" => out.autoplay = true,
            "--bare" => out.bare = true,
            "--runs" => out.runs = num("--runs", value(&a, &mut it)?)?,
            "--screenshots" => out.screenshots = Some(PathBuf::from(value(&a, &mut it)?)),
            "--compare" => out.compare = Some(PathBuf::from(value(&a, &mut it)?)),
            "--enemies" => out.enemies = Some(num("--enemies", value(&a, &mut it)?)?),
            "--speed" => {
                let s: f32 = num("--speed", value(&a, &mut it)?)?;
                if !(s.is_finite() && (0.1..=50.0).contains(&s)) {
                    return Err(format!("--speed {s}: use a number from 0.1 to 50"));
                }
                out.speed = s;
            }
            "--measure" => out.measure = Some(num("--measure", value(&a, &mut it)?)?),
            "--help" | "-h" => return Err("help".into()),
            other => return Err(format!("unknown argument `{other}`")),
        }
    }
    Ok(out)
}

/// The platform's data folder: `$XDG_DATA_HOME` or `~/.local/share` on Linux, `%APPDATA%` on
/// Windows, `~/Library/Application Support` on macOS; the working folder if none is known.
fn default_save_dir() -> PathBuf {
    let base = if cfg!(windows) {
        std::env::var_os("APPDATA").map(PathBuf::from)
    } else if cfg!(target_os = "macos") {
        std::env::var_os("HOME").map(|h| PathBuf::from(h).join("Library/Application Support"))
    } else {
        std::env::var_os("XDG_DATA_HOME")
            .map(PathBuf::from)
            .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local/share")))
    };
    base.unwrap_or_else(|| PathBuf::from("."))
        .join("bevy_missions_demo")
}

fn spawn_pilot(mut commands: Commands, args: Res<Args>, mut time: ResMut<Time<Virtual>>) {
    commands.spawn((Camera2d, field::FollowShip));
    let pilot = commands
        .spawn((
            MissionHolder::new("pilot"),
            LocalPlayer,
            ship::Ship::default(),
            Transform::default(),
            Visibility::Hidden,
        ))
        .id();
    commands.insert_resource(Pilot(pilot));
    time.set_relative_speed(args.speed);
    // A slow software-rendered frame at a high game speed still moves the game by at most this.
    time.set_max_delta(std::time::Duration::from_millis(250));
}
