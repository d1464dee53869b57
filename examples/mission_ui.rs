//! Every panel of the mission UI over sample data from the shipped catalog: a pilot who finished
//! the first mission of a chain (the completion screen), flies a beacon sweep (the HUD tracker,
//! the extraction banner and the arrow to the nearest beacon), and holds a few more contracts.
//!
//! ```sh
//! cargo run --example mission_ui --features ui
//! ```
//!
//! Keys: B board, J journal, G graph, F3 dashboard, arrows to move, Enter to accept, Delete to
//! abandon, T to track, Y to confirm, Escape to close (or a gamepad; see `MissionsAction`).
//!
//! `--screenshots DIR` saves one PNG per panel (completion, board, journal, graph, dashboard,
//! hud) and exits; `--compare DIR` then compares each with the snapshot of the same name there
//! and exits non-zero when one is blank or differs (scripts/snapshots.sh runs both under Xvfb).

use std::path::PathBuf;

use bevy::prelude::*;
use bevy::render::view::screenshot::{Screenshot, save_to_disk};
use bevy::window::WindowResolution;
use bevy_missions::catalog::catalog_ready;
use bevy_missions::prelude::*;
use bevy_missions::screenshot::Tolerance;
use bevy_missions::screenshot::compare;
use bevy_missions::ui::LocalPlayer;
use bevy_missions::ui::MissionsUi;
use bevy_missions::ui::MissionsUiPlugin;
use bevy_missions::ui::Panel;

/// What the command line asked for.
#[derive(Resource, Clone, Default)]
struct Args {
    screenshots: Option<PathBuf>,
    compare: Option<PathBuf>,
}

/// The panels photographed, in order, with their file names.
const SHOTS: [(&str, Option<Panel>); 6] = [
    ("completion", None),
    ("board", Some(Panel::Board)),
    ("journal", Some(Panel::Journal)),
    ("graph", Some(Panel::Graph)),
    ("dashboard", Some(Panel::Dashboard)),
    ("hud", None),
];

fn main() -> AppExit {
    let args = parse_args();
    App::new()
        .add_plugins((
            DefaultPlugins.set(WindowPlugin {
                primary_window: Some(Window {
                    title: "bevy_missions: mission UI".into(),
                    resolution: WindowResolution::new(1280, 720),
                    ..default()
                }),
                ..default()
            }),
            MissionsPlugins,
            MissionsUiPlugin::default(),
        ))
        .insert_resource(args)
        // The board draws two postings per planet from the session seed and the day; this seed's
        // first day has Beacon Sweep, which the sample accepts (the demo's default seed too).
        .insert_resource(bevy_missions::lifecycle::MissionSeed(31))
        .insert_resource(ClearColor(Color::srgb(0.03, 0.04, 0.08)))
        .add_systems(Startup, scene)
        .add_systems(
            Update,
            sample_data
                .run_if(catalog_ready)
                .before(MissionSystems::Catalog),
        )
        .add_systems(Update, photograph.after(MissionSystems::Present))
        .run()
}

fn parse_args() -> Args {
    let mut args = Args::default();
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        match a.as_str() {
            "--screenshots" => args.screenshots = it.next().map(PathBuf::from),
            "--compare" => args.compare = it.next().map(PathBuf::from),
            other => eprintln!("mission_ui: ignoring unknown argument {other}"),
        }
    }
    args
}

/// A camera, a ship, and beacons and wrecks at the catalog's positions.
fn scene(
    mut commands: Commands,
    mut meshes: ResMut<Assets<Mesh>>,
    mut materials: ResMut<Assets<ColorMaterial>>,
) {
    commands.spawn((
        Camera2d,
        Projection::Orthographic(OrthographicProjection {
            scale: 1.6,
            ..OrthographicProjection::default_2d()
        }),
    ));
    commands.spawn((
        MissionHolder::new("pilot"),
        LocalPlayer,
        Mesh2d(meshes.add(Triangle2d::new(
            Vec2::new(0.0, 22.0),
            Vec2::new(-14.0, -14.0),
            Vec2::new(14.0, -14.0),
        ))),
        MeshMaterial2d(materials.add(Color::srgb(0.4, 0.85, 1.0))),
        Transform::from_xyz(0.0, 0.0, 1.0),
    ));
}

/// Once the catalog is in: take contracts and report what the pilot did, over a few frames.
fn sample_data(
    mut step: Local<u32>,
    player: Query<Entity, With<LocalPlayer>>,
    catalog: Res<MissionCatalog>,
    mut requests: MessageWriter<MissionRequest>,
    mut facts: MessageWriter<MissionFact>,
    mut commands: Commands,
    (mut meshes, mut materials): (ResMut<Assets<Mesh>>, ResMut<Assets<ColorMaterial>>),
) {
    let Ok(player) = player.single() else { return };
    *step += 1;
    match *step {
        1 => {
            let beacon = meshes.add(Circle::new(12.0));
            let colour = materials.add(Color::srgb(0.95, 0.8, 0.3));
            for place in catalog
                .places()
                .filter(|p| p.planet.as_ref().is_some_and(|p| p.as_str() == "KEPLER"))
            {
                commands.spawn((
                    Mesh2d(beacon.clone()),
                    MeshMaterial2d(colour.clone()),
                    Transform::from_xyz(place.position.0, place.position.1, 0.0),
                ));
            }
            for mission in ["M_FIND_BLACK_BOX", "M_GUILD_FIRST_HAUL", "M_RELAY_RESTORE"] {
                requests.write(MissionRequest::Accept {
                    player,
                    mission: mission.into(),
                });
            }
            requests.write(MissionRequest::AcceptPosting {
                player,
                posting: "P_KEPLER_SURVEY".into(),
                overrides: default(),
            });
            // The contract is flown at once: its extraction timer starts.
            requests.write(MissionRequest::start_run(player));
        }
        2 => {
            facts.write(MissionFact::entered(player, "ASHFALL_WRECK_1"));
            facts.write(MissionFact::collected(player, "BLACK_BOX", 1));
            facts.write(MissionFact::entered(player, "KEPLER_BEACON_A"));
        }
        _ => {}
    }
}

/// With `--screenshots`: one panel at a time, two seconds each (the completion screen's count-up
/// takes 1.5 s), a screenshot, then the next; at the end the comparison and the exit.
#[expect(
    clippy::too_many_arguments,
    reason = "a test driver touching what it photographs"
)]
fn photograph(
    args: Res<Args>,
    mut ui: ResMut<MissionsUi>,
    time: Res<Time<Real>>,
    mut commands: Commands,
    mut shot: Local<usize>,
    mut since: Local<Option<f64>>,
    mut taken: Local<bool>,
    mut exit: MessageWriter<AppExit>,
) {
    let Some(dir) = &args.screenshots else { return };
    let now = time.elapsed_secs_f64();
    if ui.completions.is_empty() && *shot == 0 {
        // Waiting for the sample completion.
        if now > 60.0 {
            eprintln!("mission_ui: the sample mission never completed");
            exit.write(AppExit::error());
        }
        return;
    }
    let start = *since.get_or_insert(now);
    if *shot >= SHOTS.len() {
        if now - start > 1.5 {
            exit.write(finish(dir, args.compare.as_deref()));
        }
        return;
    }
    let (name, panel) = SHOTS[*shot];
    for p in Panel::ALL {
        ui.open.set_window(p, Some(p) == panel);
    }
    if let Some(p) = panel {
        ui.focus = p;
    }
    if *shot > 0 {
        ui.completions.clear();
    }
    if now - start > 2.0 && !*taken {
        std::fs::create_dir_all(dir).ok();
        commands
            .spawn(Screenshot::primary_window())
            .observe(save_to_disk(dir.join(format!("{name}.png"))));
        *taken = true;
    }
    if now - start > 2.5 {
        *shot += 1;
        *since = Some(now);
        *taken = false;
    }
}

fn finish(dir: &std::path::Path, snapshots: Option<&std::path::Path>) -> AppExit {
    let mut failed = false;
    for (name, _) in SHOTS {
        let file = dir.join(format!("{name}.png"));
        match snapshots {
            Some(snapshots) => match compare(
                &file,
                &snapshots.join(format!("{name}.png")),
                Tolerance::PANELS,
            ) {
                Ok(score) => println!(
                    "{name}: matches its snapshot ({:.2}% of cells changed)",
                    score * 100.0
                ),
                Err(e) => {
                    eprintln!("{e}");
                    failed = true;
                }
            },
            None if file.exists() => println!("{name}: {}", file.display()),
            None => {
                eprintln!("{name}: no screenshot was written");
                failed = true;
            }
        }
    }
    if failed {
        AppExit::error()
    } else {
        AppExit::Success
    }
}
