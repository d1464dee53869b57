//! The run: the field a contract is flown on. Built from the catalog (the planet's places and
//! objects, its enemy types) and from what the pilot's active missions ask (items to find,
//! targets to kill, escort or defend, NPCs and lost drones to find). Enemies come from the
//! plugin's spawn director ([`SpawnWave`]); everything the pilot does becomes a [`MissionFact`].

use std::collections::BTreeSet;

use bevy::prelude::*;
use bevy_missions::ids::*;
use bevy_missions::prelude::*;
use rand::rngs::ChaCha8Rng;

use crate::ship::Ship;
use crate::{GameState, Pilot};

mod build;
mod end;
mod palette;
mod play;

pub use end::{finish_sortie, quick_run};
pub use palette::Palette;

/// Despawned when the run ends.
#[derive(Component, Clone, Copy, Debug, Default)]
pub struct InRun;

/// The camera follows the ship during a run.
#[derive(Component, Debug)]
pub struct FollowShip;

/// An enemy ship.
#[derive(Component, Clone, Debug)]
pub struct Enemy {
    /// Its type (its species and faction come from the catalog).
    pub kind: EnemyTypeId,
    /// Hit points.
    pub hp: f32,
    /// Collision radius.
    pub radius: f32,
    /// Units per second.
    pub speed: f32,
    /// The named target it is, if it is one.
    pub target: Option<TargetId>,
    /// The NPC it is, if it is one.
    pub npc: Option<NpcId>,
    /// What it goes for: the ship, or a target it was sent against.
    pub chases: Option<Entity>,
}

/// Something lying on the field that a mission wants.
#[derive(Component, Clone, Debug)]
pub enum Pickup {
    /// An item (`Collected`).
    Item(ItemId),
    /// A weapon crate (the label's crates): the guns improve.
    Crate,
    /// A friendly monster to retrieve (`MonsterFound`).
    Monster(EnemyTypeId),
    /// An NPC adrift: found, and glad to sign on (`NpcFound`, then `NpcRecruited`).
    Npc(NpcId),
}

/// A place of the catalog on the field: entering it counts, staying a moment scans it.
#[derive(Component, Clone, Debug)]
pub struct PlaceMarker {
    /// The place.
    pub place: PlaceId,
    /// Seconds the ship has stayed inside.
    pub dwell: f32,
}

/// An object to use (`Interacted`).
#[derive(Component, Clone, Debug)]
pub struct ObjectMarker(pub ObjectId);

/// A friendly target: escorted to a place, or defended where it stands.
#[derive(Component, Clone, Debug)]
pub struct Ward {
    /// Its target id.
    pub target: TargetId,
    /// Hit points.
    pub hp: f32,
    /// Where it is escorted to (`None`: it is defended in place).
    pub to: Option<(PlaceId, Vec2)>,
}

/// Radius of a place marker.
pub const PLACE_RADIUS: f32 = 70.0;
/// Seconds inside a place that scan it.
pub const SCAN_SECS: f32 = 1.5;
/// Reach for pickups and objects.
pub const REACH: f32 = 34.0;
/// Hull a ward (an escorted or defended ship) starts with.
pub const WARD_HP: f32 = 200.0;
/// Hull per second an enemy in contact takes off a ward.
pub const WARD_DAMAGE: f32 = 4.0;
/// At most this many enemies at once (the rest of a wave waits for room).
pub const MAX_ENEMIES: usize = 700;

/// How the run ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RunEnd {
    /// The mission completed: extraction.
    Extracted,
    /// The extraction timer ran out with objectives still open.
    ObjectivesUnmet,
    /// The ship was destroyed.
    Destroyed,
    /// The pilot gave up.
    Abandoned,
    /// The mission failed for its own reasons (a target lost, a deadline).
    MissionFailed,
}

impl RunEnd {
    /// For the outcome line.
    pub fn describe(self) -> &'static str {
        match self {
            RunEnd::Extracted => "extracted, mission complete",
            RunEnd::ObjectivesUnmet => "extraction with objectives unmet: failed",
            RunEnd::Destroyed => "ship destroyed: failed",
            RunEnd::Abandoned => "abandoned",
            RunEnd::MissionFailed => "mission failed",
        }
    }
}

/// The run in progress.
#[derive(Resource, Clone, Debug)]
pub struct Sortie {
    /// Its number this session, from 1.
    pub number: u32,
    /// The run's mission and posting.
    pub mission: MissionId,
    /// The posting.
    pub posting: PostingId,
    /// The posting's label (Battle, Protect, Explore, Find).
    pub label: String,
    /// The planet.
    pub planet: PlanetId,
    /// Mission-clock time the run began.
    pub started_at: f64,
    /// Mission-clock time of extraction.
    pub ends_at: f64,
    /// How it ended, once it has.
    pub end: Option<RunEnd>,
    /// Real time the end was decided (the field stays a moment).
    pub ended_at: Option<f64>,
    /// Places entered and scanned this run.
    pub entered: BTreeSet<PlaceId>,
    /// Places scanned.
    pub scanned: BTreeSet<PlaceId>,
    /// Objects used.
    pub used: BTreeSet<ObjectId>,
    /// Enemies destroyed.
    pub kills: u32,
    /// Enemies still to spawn from waves that found no room.
    pub queued: u32,
    /// The enemy types waves are drawn from: the planet's, and those the pilot's missions ask
    /// to destroy (by type, species or faction).
    pub kinds: Vec<EnemyTypeId>,
}

/// Runs started this session.
#[derive(Resource, Default, Debug)]
pub struct RunCount(pub u32);

/// The field: building it, waves, enemies, pickups, places, wards, the end of the run.
pub struct FieldPlugin;

impl Plugin for FieldPlugin {
    fn build(&self, app: &mut App) {
        app.init_resource::<RunCount>()
            .init_resource::<Palette>()
            .add_systems(OnEnter(GameState::Run), build::build_field)
            .add_systems(OnExit(GameState::Run), end::leave_field)
            .add_systems(
                Update,
                (
                    play::spawn_waves,
                    play::chase,
                    play::touch,
                    play::visit_places,
                    play::move_wards,
                    end::decide_end,
                )
                    .chain()
                    .run_if(in_state(GameState::Run).and_then(resource_exists::<Sortie>))
                    .after(MissionSystems::SpawnDirector)
                    .before(MissionSystems::Present),
            )
            .add_systems(Update, end::end_run.run_if(in_state(GameState::Run)))
            .add_systems(PostUpdate, follow_ship.before(TransformSystems::Propagate));
    }
}

/// The field's random numbers (seeded from `--seed` and the run number).
#[derive(Resource)]
pub struct FieldRng(pub ChaCha8Rng);

fn follow_ship(
    state: Res<State<GameState>>,
    pilot: Res<Pilot>,
    ships: Query<&Transform, (With<Ship>, Without<FollowShip>)>,
    mut cameras: Query<&mut Transform, With<FollowShip>>,
) {
    let target = match state.get() {
        GameState::Run => ships
            .get(pilot.0)
            .map_or(Vec2::ZERO, |t| t.translation.truncate()),
        GameState::Hub => Vec2::ZERO,
    };
    for mut cam in &mut cameras {
        cam.translation = target.extend(cam.translation.z);
    }
}
