//! The run: the field a contract is flown on. Built from the catalog (the planet's places and
//! objects, its enemy types) and from what the pilot's active missions ask (items to find,
//! targets to kill, escort or defend, NPCs and lost drones to find). Enemies come from the
//! plugin's spawn director ([`SpawnWave`]); everything the pilot does becomes a [`MissionFact`].

use std::collections::BTreeSet;

use bevy::prelude::*;
use bevy_missions::catalog::MissionCatalog;
use bevy_missions::clock::MissionClock;
use bevy_missions::ids::*;
use bevy_missions::lifecycle::{
    EffectOutcome, MissionAcceptance, MissionCompleted, MissionEffectResolved, MissionFailed,
};
use bevy_missions::model::objective::ObjectiveKind;
use bevy_missions::objectives::MissionTarget;
use bevy_missions::prelude::*;
use bevy_missions::run::SpawnWave;
use bevy_missions::ui::MissionsUi;
use rand::rngs::ChaCha8Rng;
use rand::{RngExt, SeedableRng};

use crate::outcomes::{PendingSpawns, SessionLog};
use crate::ship::{SHIP_HP, Ship};
use crate::{Args, GameState, Pilot};

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
    /// An NPC to find (`NpcFound`).
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
}

/// Runs started this session.
#[derive(Resource, Default, Debug)]
pub struct RunCount(pub u32);

/// Meshes and colours, made once.
#[derive(Resource, Debug)]
pub struct Palette {
    /// The ship.
    pub ship: Handle<Mesh>,
    /// Ship colour.
    pub ship_colour: Handle<ColorMaterial>,
    /// A bullet.
    pub bullet: Handle<Mesh>,
    /// Bullet colour.
    pub bullet_colour: Handle<ColorMaterial>,
    drone: Handle<Mesh>,
    raider: Handle<Mesh>,
    xeno: Handle<Mesh>,
    boss: Handle<Mesh>,
    enemy_colours: [Handle<ColorMaterial>; 4],
    ring: Handle<Mesh>,
    ring_colour: Handle<ColorMaterial>,
    item: Handle<Mesh>,
    item_colour: Handle<ColorMaterial>,
    crate_mesh: Handle<Mesh>,
    crate_colour: Handle<ColorMaterial>,
    ward: Handle<Mesh>,
    ward_colour: Handle<ColorMaterial>,
    friend_colour: Handle<ColorMaterial>,
    object: Handle<Mesh>,
    stars: Handle<Mesh>,
    star_colour: Handle<ColorMaterial>,
}

/// The field: building it, waves, enemies, pickups, places, wards, the end of the run.
pub struct FieldPlugin;

impl Plugin for FieldPlugin {
    fn build(&self, app: &mut App) {
        app.init_resource::<RunCount>()
            .init_resource::<Palette>()
            .add_systems(OnEnter(GameState::Run), build_field)
            .add_systems(OnExit(GameState::Run), leave_field)
            .add_systems(
                Update,
                (
                    spawn_waves,
                    chase,
                    touch,
                    visit_places,
                    move_wards,
                    decide_end,
                )
                    .chain()
                    .run_if(in_state(GameState::Run).and_then(resource_exists::<Sortie>))
                    .after(MissionSystems::SpawnDirector)
                    .before(MissionSystems::Present),
            )
            .add_systems(Update, end_run.run_if(in_state(GameState::Run)))
            .add_systems(PostUpdate, follow_ship.before(TransformSystems::Propagate));
    }
}

impl FromWorld for Palette {
    fn from_world(world: &mut World) -> Self {
        let mut materials = world.resource_mut::<Assets<ColorMaterial>>();
        let mut c = |r, g, b| materials.add(Color::srgb(r, g, b));
        let colours = (
            c(0.4, 0.85, 1.0),
            c(1.0, 0.95, 0.6),
            [
                c(0.95, 0.35, 0.3),
                c(0.95, 0.55, 0.2),
                c(0.7, 0.4, 0.95),
                c(1.0, 0.2, 0.45),
            ],
            c(0.3, 0.75, 0.9),
            c(0.4, 1.0, 0.55),
            c(1.0, 0.8, 0.25),
            c(0.55, 0.9, 0.65),
            c(0.6, 0.95, 1.0),
            c(0.35, 0.38, 0.5),
        );
        let mut meshes = world.resource_mut::<Assets<Mesh>>();
        palette(colours, &mut meshes)
    }
}

type Colours = (
    Handle<ColorMaterial>,
    Handle<ColorMaterial>,
    [Handle<ColorMaterial>; 4],
    Handle<ColorMaterial>,
    Handle<ColorMaterial>,
    Handle<ColorMaterial>,
    Handle<ColorMaterial>,
    Handle<ColorMaterial>,
    Handle<ColorMaterial>,
);

fn palette(c: Colours, meshes: &mut Assets<Mesh>) -> Palette {
    Palette {
        ship_colour: c.0,
        bullet_colour: c.1,
        enemy_colours: c.2,
        ring_colour: c.3,
        item_colour: c.4,
        crate_colour: c.5,
        ward_colour: c.6,
        friend_colour: c.7,
        star_colour: c.8,
        ship: meshes.add(Triangle2d::new(
            Vec2::new(0.0, 20.0),
            Vec2::new(-13.0, -13.0),
            Vec2::new(13.0, -13.0),
        )),
        bullet: meshes.add(Circle::new(3.0)),
        drone: meshes.add(Rhombus::new(20.0, 20.0)),
        raider: meshes.add(Triangle2d::new(
            Vec2::new(0.0, -14.0),
            Vec2::new(-12.0, 12.0),
            Vec2::new(12.0, 12.0),
        )),
        xeno: meshes.add(Circle::new(12.0)),
        boss: meshes.add(RegularPolygon::new(30.0, 6)),
        ring: meshes.add(Annulus::new(PLACE_RADIUS - 4.0, PLACE_RADIUS)),
        item: meshes.add(Rhombus::new(14.0, 20.0)),
        crate_mesh: meshes.add(Rectangle::new(20.0, 20.0)),
        ward: meshes.add(Capsule2d::new(14.0, 30.0)),
        object: meshes.add(Rectangle::new(16.0, 26.0)),
        stars: meshes.add(starfield(400, 1800.0)),
    }
}

/// `n` small squares scattered over a square of half-width `extent`, as one mesh.
fn starfield(n: u32, extent: f32) -> Mesh {
    use bevy::asset::RenderAssetUsages;
    use bevy::mesh::{Indices, PrimitiveTopology};
    let mut rng = ChaCha8Rng::seed_from_u64(0x57A2);
    let mut positions = Vec::new();
    let mut indices = Vec::new();
    for i in 0..n {
        let c = Vec2::new(
            rng.random_range(-extent..extent),
            rng.random_range(-extent..extent),
        );
        let r = rng.random_range(0.8..2.0);
        for (dx, dy) in [(-r, -r), (r, -r), (r, r), (-r, r)] {
            positions.push([c.x + dx, c.y + dy, 0.0]);
        }
        let b = i * 4;
        indices.extend([b, b + 1, b + 2, b, b + 2, b + 3]);
    }
    let normals = vec![[0.0, 0.0, 1.0]; positions.len()];
    let uvs = vec![[0.0, 0.0]; positions.len()];
    Mesh::new(PrimitiveTopology::TriangleList, RenderAssetUsages::default())
        .with_inserted_attribute(Mesh::ATTRIBUTE_POSITION, positions)
        .with_inserted_attribute(Mesh::ATTRIBUTE_NORMAL, normals)
        .with_inserted_attribute(Mesh::ATTRIBUTE_UV_0, uvs)
        .with_inserted_indices(Indices::U32(indices))
}

/// The stats of an enemy type: (hp, speed, radius, colour) by species.
fn enemy_stats(catalog: &MissionCatalog, kind: &EnemyTypeId) -> (f32, f32, f32, usize) {
    let species = catalog
        .enemy(kind.as_str())
        .map(|e| e.species.as_str().to_owned())
        .unwrap_or_default();
    match species.as_str() {
        "DRONE" => (1.0, 120.0, 11.0, 0),
        "RAIDER" => (2.0, 100.0, 12.0, 1),
        "XENO" => (3.0, 82.0, 12.0, 2),
        _ => (2.0, 100.0, 12.0, 1),
    }
}

#[expect(clippy::too_many_arguments, reason = "building the field reads the world")]
fn build_field(
    mut commands: Commands,
    catalog: Res<MissionCatalog>,
    clock: Res<MissionClock>,
    pilot: Res<Pilot>,
    args: Res<Args>,
    palette: Res<Palette>,
    mut count: ResMut<RunCount>,
    mut ships: Query<(&mut Ship, &mut Transform, Option<&RunDefinition>)>,
    acceptances: Query<&MissionAcceptance>,
    mut ui: ResMut<MissionsUi>,
    mut pending: ResMut<PendingSpawns>,
    mut resolved: MessageWriter<MissionEffectResolved>,
    mut next: ResMut<NextState<GameState>>,
    mut measure: Option<ResMut<crate::bare::MeasureReady>>,
) {
    let Ok((mut ship, mut at, Some(run))) = ships.get_mut(pilot.0) else {
        error!("demo: a run started without a contract; back to the hub");
        next.set(GameState::Hub);
        return;
    };
    count.0 += 1;
    if let Some(r) = measure.as_mut() {
        r.0 = true;
    }
    *ship = Ship::default();
    *at = Transform::from_xyz(0.0, -60.0, 3.0);
    commands.entity(pilot.0).insert((
        Mesh2d(palette.ship.clone()),
        MeshMaterial2d(palette.ship_colour.clone()),
        Visibility::Visible,
    ));
    for p in bevy_missions::ui::Panel::ALL {
        ui.close(p);
    }
    ui.enabled.hud = true;
    let label = catalog
        .postings()
        .iter()
        .find(|p| p.id == run.posting)
        .map(|p| format!("{:?}", p.label))
        .unwrap_or_default();
    let mut rng = ChaCha8Rng::seed_from_u64(args.seed ^ u64::from(count.0) << 32);
    // Stars: one mesh of many small quads (one draw, however many stars).
    commands.spawn((
        InRun,
        Mesh2d(palette.stars.clone()),
        MeshMaterial2d(palette.star_colour.clone()),
        Transform::from_xyz(0.0, 0.0, -5.0),
    ));
    // The planet's places (and the places of no planet), with their objects.
    let here = |p: &Option<PlanetId>| p.as_ref().is_none_or(|p| *p == run.planet);
    for place in catalog.places().filter(|p| here(&p.planet)) {
        let pos = Vec2::from(place.position);
        commands.spawn((
            InRun,
            PlaceMarker {
                place: place.id.clone(),
                dwell: 0.0,
            },
            MissionTarget::Place(place.id.clone()),
            Mesh2d(palette.ring.clone()),
            MeshMaterial2d(palette.ring_colour.clone()),
            Transform::from_translation(pos.extend(-1.0)),
            children![(
                Text2d::new(place.name.clone()),
                TextFont::from_font_size(15.0),
                TextColor(Color::srgb(0.6, 0.85, 1.0)),
                Transform::from_xyz(0.0, PLACE_RADIUS + 14.0, 0.0),
            )],
        ));
        for object in catalog
            .objects()
            .filter(|o| o.place.as_ref() == Some(&place.id))
        {
            commands.spawn((
                InRun,
                ObjectMarker(object.id.clone()),
                Mesh2d(palette.object.clone()),
                MeshMaterial2d(palette.crate_colour.clone()),
                Transform::from_translation((pos + Vec2::new(28.0, -20.0)).extend(0.5)),
            ));
        }
    }
    // Crates from the label.
    for _ in 0..run.weapon_box_count {
        let p = scatter(&mut rng, 180.0, 700.0);
        commands.spawn((
            InRun,
            Pickup::Crate,
            Mesh2d(palette.crate_mesh.clone()),
            MeshMaterial2d(palette.crate_colour.clone()),
            Transform::from_translation(p.extend(0.5)),
        ));
    }
    // Targets the missions asked the game to spawn (start effects), answered with the entity.
    let mut targets_done = BTreeSet::new();
    pending.0.retain(|p| {
        acceptances
            .get(p.acceptance)
            .is_ok_and(|a| !a.status.is_terminal())
    });
    for spawn in &pending.0 {
        let Some(def) = catalog.mission(spawn.mission.as_str()) else {
            continue;
        };
        let at_place = spawn
            .at
            .as_ref()
            .and_then(|p| catalog.place(p.as_str()))
            .filter(|p| here(&p.planet))
            .map(|p| Vec2::from(p.position) + Vec2::new(0.0, -PLACE_RADIUS - 30.0));
        let role = def.objectives.iter().find_map(|o| match &o.goal {
            ObjectiveKind::Defend { target, .. } if *target == spawn.target => Some(None),
            ObjectiveKind::Escort { target, to } if *target == spawn.target => Some(Some(to.clone())),
            _ => None,
        });
        let entity = match role {
            Some(to) => {
                let to = to.map(|to| {
                    let dest = catalog
                        .place(to.as_str())
                        .map_or(Vec2::new(400.0, 400.0), |p| Vec2::from(p.position));
                    (to, dest)
                });
                let start = at_place.unwrap_or(Vec2::new(0.0, 90.0));
                spawn_ward(&mut commands, &palette, &spawn.target, to, start)
            }
            None => {
                let kind = spawn.enemy.clone().unwrap_or_else(|| {
                    catalog
                        .planet(run.planet.as_str())
                        .and_then(|pl| pl.enemies.last().cloned())
                        .unwrap_or_else(|| "CORSAIR_GUNSHIP".into())
                });
                let p = at_place.unwrap_or_else(|| scatter(&mut rng, 450.0, 800.0));
                let Some(e) = spawn_boss(
                    &mut commands,
                    &palette,
                    kind,
                    Some(spawn.target.clone()),
                    spawn.npc.clone(),
                    p,
                    pilot.0,
                ) else {
                    continue;
                };
                if let Some(npc) = &spawn.npc {
                    targets_done.insert(npc.to_string());
                }
                e
            }
        };
        targets_done.insert(spawn.target.to_string());
        resolved.write(MissionEffectResolved {
            acceptance: spawn.acceptance,
            outcome: EffectOutcome::Spawned {
                target: spawn.target.clone(),
                entity,
            },
        });
    }
    pending.0.clear();
    // What the pilot's active missions ask for, on this planet.
    for acc in acceptances
        .iter()
        .filter(|a| a.holders.contains(&pilot.0) && !a.status.is_terminal())
    {
        let Some(def) = catalog.mission(acc.mission.as_str()) else {
            continue;
        };
        for (i, o) in def.objectives.iter().enumerate() {
            let Some(progress) = acc.progress.get(i) else {
                continue;
            };
            if progress.done {
                continue;
            }
            let left = progress.target.saturating_sub(progress.count);
            let on_run = acc.mission == run.mission;
            match &o.goal {
                ObjectiveKind::FindItem { item, .. } => {
                    spawn_items(&mut commands, &palette, &mut rng, &[item.clone()], left + 2);
                }
                ObjectiveKind::FindAnyItem { items, .. } => {
                    spawn_items(&mut commands, &palette, &mut rng, items, left + 2);
                }
                ObjectiveKind::FindMonster { enemy } => {
                    let p = scatter(&mut rng, 300.0, 800.0);
                    spawn_pickup(
                        &mut commands,
                        &palette,
                        Pickup::Monster(enemy.clone()),
                        p,
                        &palette.drone,
                    );
                }
                ObjectiveKind::FindNpc { npc } => {
                    let p = scatter(&mut rng, 300.0, 800.0);
                    let name = catalog
                        .npc(npc.as_str())
                        .map_or(npc.to_string(), |n| n.name.clone());
                    spawn_pickup(&mut commands, &palette, Pickup::Npc(npc.clone()), p, &palette.ward);
                    commands.spawn((
                        InRun,
                        Text2d::new(name),
                        TextFont::from_font_size(13.0),
                        Transform::from_translation((p + Vec2::new(0.0, 30.0)).extend(1.0)),
                    ));
                }
                ObjectiveKind::KillTarget { target } if targets_done.insert(target.to_string()) => {
                    let p = scatter(&mut rng, 450.0, 800.0);
                    let kind = catalog
                        .planet(run.planet.as_str())
                        .and_then(|pl| pl.enemies.first().cloned())
                        .unwrap_or_else(|| "SWARM_DRONE".into());
                    spawn_boss(&mut commands, &palette, kind, Some(target.clone()), None, p, pilot.0);
                }
                ObjectiveKind::Assassinate { npc } if on_run || targets_done.len() < 4 => {
                    if !targets_done.insert(npc.to_string()) {
                        continue;
                    }
                    let p = scatter(&mut rng, 450.0, 800.0);
                    let kind = catalog
                        .planet(run.planet.as_str())
                        .and_then(|pl| pl.enemies.last().cloned())
                        .unwrap_or_else(|| "CORSAIR_GUNSHIP".into());
                    spawn_boss(&mut commands, &palette, kind, None, Some(npc.clone()), p, pilot.0);
                }
                ObjectiveKind::Escort { target, to } if targets_done.insert(target.to_string()) => {
                    let dest = catalog
                        .place(to.as_str())
                        .map_or(Vec2::new(400.0, 400.0), |p| Vec2::from(p.position));
                    spawn_ward(&mut commands, &palette, target, Some((to.clone(), dest)), Vec2::new(-60.0, -90.0));
                }
                ObjectiveKind::Defend { target, .. } if targets_done.insert(target.to_string()) => {
                    spawn_ward(&mut commands, &palette, target, None, Vec2::new(0.0, 80.0));
                }
                _ => {}
            }
        }
    }
    let sortie = Sortie {
        number: count.0,
        mission: run.mission.clone(),
        posting: run.posting.clone(),
        label,
        planet: run.planet.clone(),
        ends_at: clock.now + f64::from(run.timer_seconds),
        end: None,
        ended_at: None,
        entered: BTreeSet::new(),
        scanned: BTreeSet::new(),
        used: BTreeSet::new(),
        kills: 0,
        queued: 0,
    };
    if let Some(n) = args.enemies {
        let kinds = catalog
            .planet(run.planet.as_str())
            .map(|p| p.enemies.clone())
            .unwrap_or_default();
        for i in 0..n {
            let kind = kinds
                .get(i as usize % kinds.len().max(1))
                .cloned()
                .unwrap_or_else(|| "SWARM_DRONE".into());
            let p = scatter(&mut rng, 250.0, 900.0);
            spawn_enemy(&mut commands, &catalog, &palette, kind, p, Some(pilot.0), &mut rng);
        }
    }
    commands.insert_resource(FieldRng(rng));
    commands.insert_resource(sortie);
}

/// The field's random numbers (seeded from `--seed` and the run number).
#[derive(Resource)]
pub struct FieldRng(pub ChaCha8Rng);

fn scatter(rng: &mut ChaCha8Rng, min: f32, max: f32) -> Vec2 {
    let angle = rng.random_range(0.0..std::f32::consts::TAU);
    Vec2::from_angle(angle) * rng.random_range(min..max)
}

fn spawn_items(
    commands: &mut Commands,
    palette: &Palette,
    rng: &mut ChaCha8Rng,
    items: &[ItemId],
    n: u32,
) {
    for i in 0..n.min(40) {
        let Some(item) = items.get(i as usize % items.len().max(1)) else {
            return;
        };
        let p = scatter(rng, 150.0, 850.0);
        spawn_pickup(commands, palette, Pickup::Item(item.clone()), p, &palette.item);
    }
}

fn spawn_pickup(
    commands: &mut Commands,
    palette: &Palette,
    pickup: Pickup,
    at: Vec2,
    mesh: &Handle<Mesh>,
) {
    let colour = match pickup {
        Pickup::Item(_) => palette.item_colour.clone(),
        Pickup::Crate => palette.crate_colour.clone(),
        Pickup::Monster(_) | Pickup::Npc(_) => palette.friend_colour.clone(),
    };
    let mut e = commands.spawn((
        InRun,
        pickup.clone(),
        Mesh2d(mesh.clone()),
        MeshMaterial2d(colour),
        Transform::from_translation(at.extend(0.5)),
    ));
    if let Pickup::Npc(npc) = pickup {
        e.insert(MissionTarget::Npc(npc));
    }
}

fn spawn_boss(
    commands: &mut Commands,
    palette: &Palette,
    kind: EnemyTypeId,
    target: Option<TargetId>,
    npc: Option<NpcId>,
    at: Vec2,
    chases: Entity,
) -> Option<Entity> {
    let marker = match (&target, &npc) {
        (Some(t), _) => MissionTarget::Target(t.clone()),
        (None, Some(n)) => MissionTarget::Npc(n.clone()),
        (None, None) => return None,
    };
    let e = commands.spawn((
        InRun,
        marker,
        Enemy {
            kind,
            hp: 30.0,
            radius: 28.0,
            speed: 70.0,
            target,
            npc,
            chases: Some(chases),
        },
        Mesh2d(palette.boss.clone()),
        MeshMaterial2d(palette.enemy_colours[3].clone()),
        Transform::from_translation(at.extend(1.0)),
    ));
    Some(e.id())
}

fn spawn_ward(
    commands: &mut Commands,
    palette: &Palette,
    target: &TargetId,
    to: Option<(PlaceId, Vec2)>,
    at: Vec2,
) -> Entity {
    commands
        .spawn((
        InRun,
        Ward {
            target: target.clone(),
            hp: WARD_HP,
            to,
        },
        MissionTarget::Target(target.clone()),
        Mesh2d(palette.ward.clone()),
        MeshMaterial2d(palette.ward_colour.clone()),
        Transform::from_translation(at.extend(1.0)),
    ))
        .id()
}

fn spawn_enemy(
    commands: &mut Commands,
    catalog: &MissionCatalog,
    palette: &Palette,
    kind: EnemyTypeId,
    at: Vec2,
    chases: Option<Entity>,
    rng: &mut ChaCha8Rng,
) {
    let (hp, speed, radius, colour) = enemy_stats(catalog, &kind);
    let mesh = match colour {
        0 => palette.drone.clone(),
        1 => palette.raider.clone(),
        _ => palette.xeno.clone(),
    };
    commands.spawn((
        InRun,
        Enemy {
            kind,
            hp,
            radius,
            speed: speed * rng.random_range(0.85..1.15),
            target: None,
            npc: None,
            chases,
        },
        Mesh2d(mesh),
        MeshMaterial2d(palette.enemy_colours[colour].clone()),
        Transform::from_translation(at.extend(1.0)),
    ));
}

/// Waves from the plugin's spawn director become enemies on a ring around the ship, of the
/// planet's enemy types (and the types the pilot's missions ask to destroy).
#[expect(clippy::too_many_arguments, reason = "the spawner reads the world")]
fn spawn_waves(
    mut waves: MessageReader<SpawnWave>,
    args: Res<Args>,
    pilot: Res<Pilot>,
    catalog: Res<MissionCatalog>,
    palette: Res<Palette>,
    mut sortie: ResMut<Sortie>,
    mut rng: ResMut<FieldRng>,
    ships: Query<&Transform, With<Ship>>,
    enemies: Query<(), With<Enemy>>,
    wards: Query<Entity, With<Ward>>,
    mut commands: Commands,
) {
    for wave in waves.read().filter(|w| w.runner == pilot.0) {
        if args.enemies.is_none() && sortie.end.is_none() {
            sortie.queued = sortie.queued.saturating_add(wave.enemies);
        }
    }
    let alive = enemies.iter().count();
    if let Some(n) = args.enemies {
        // A fixed swarm: what the guns destroy comes back.
        sortie.queued = (n as usize).saturating_sub(alive) as u32;
    }
    let room = MAX_ENEMIES.max(args.enemies.unwrap_or(0) as usize).saturating_sub(alive) as u32;
    let n = sortie.queued.min(room);
    if n == 0 {
        return;
    }
    sortie.queued -= n;
    let Ok(at) = ships.get(pilot.0) else { return };
    let centre = at.translation.truncate();
    let kinds: Vec<EnemyTypeId> = catalog
        .planet(sortie.planet.as_str())
        .map(|p| p.enemies.clone())
        .unwrap_or_default();
    let wards: Vec<Entity> = wards.iter().collect();
    for i in 0..n {
        let Some(kind) = kinds.get(rng.0.random_range(0..kinds.len().max(1))).cloned() else {
            return;
        };
        let p = centre + scatter(&mut rng.0, 700.0, 900.0);
        let chases = if !wards.is_empty() && i % 3 == 0 {
            Some(wards[i as usize % wards.len()])
        } else {
            Some(pilot.0)
        };
        spawn_enemy(&mut commands, &catalog, &palette, kind, p, chases, &mut rng.0);
    }
}

/// Enemies close in on what they chase and hurt it on contact.
fn chase(
    time: Res<Time>,
    pilot: Res<Pilot>,
    mut enemies: Query<(&mut Transform, &mut Enemy), (Without<Ship>, Without<Ward>)>,
    mut ships: Query<(&Transform, &mut Ship), Without<Ward>>,
    mut wards: Query<(&Transform, &mut Ward), Without<Ship>>,
    args: Res<Args>,
) {
    // The measuring swarm (`--enemies`) does no harm, so the run lasts.
    let fixed_swarm = args.enemies.is_some();
    let dt = time.delta_secs();
    let Ok((ship_at, mut ship)) = ships.get_mut(pilot.0) else {
        return;
    };
    let ship_pos = ship_at.translation.truncate();
    let mut hull = ship.hp;
    for (mut at, mut enemy) in &mut enemies {
        let pos = at.translation.truncate();
        let goal = match enemy.chases {
            Some(e) if e != pilot.0 => match wards.get_mut(e) {
                Ok((t, mut ward)) => {
                    let p = t.translation.truncate();
                    if p.distance(pos) < enemy.radius + 18.0 {
                        ward.hp -= WARD_DAMAGE * dt;
                    }
                    p
                }
                Err(_) => {
                    enemy.chases = Some(pilot.0);
                    ship_pos
                }
            },
            _ => ship_pos,
        };
        let d = goal - pos;
        if d.length() > 1.0 {
            let step = d.normalize() * enemy.speed * dt;
            at.translation += step.extend(0.0);
            at.rotation = Quat::from_rotation_z(d.to_angle() + std::f32::consts::FRAC_PI_2);
        }
        if pos.distance(ship_pos) < enemy.radius + 14.0 && !fixed_swarm {
            hull -= 9.0 * dt;
        }
    }
    ship.hp = (hull + 1.5 * dt).min(ship.max_hp);
}

/// Pickups within reach: items, crates, lost drones, NPCs; objects within reach are used.
#[expect(clippy::too_many_arguments, reason = "one system for everything the ship touches")]
fn touch(
    pilot: Res<Pilot>,
    clock: Res<MissionClock>,
    mut sortie: ResMut<Sortie>,
    mut ships: Query<(&Transform, &mut Ship)>,
    pickups: Query<(Entity, &Transform, &Pickup)>,
    objects: Query<(&Transform, &ObjectMarker)>,
    mut facts: MessageWriter<MissionFact>,
    mut ui: ResMut<MissionsUi>,
    mut commands: Commands,
) {
    let Ok((at, mut ship)) = ships.get_mut(pilot.0) else {
        return;
    };
    let pos = at.translation.truncate();
    for (e, t, pickup) in &pickups {
        if t.translation.truncate().distance(pos) > REACH {
            continue;
        }
        commands.entity(e).despawn();
        let kind = match pickup {
            Pickup::Item(item) => FactKind::Collected {
                item: item.clone(),
                amount: 1,
            },
            Pickup::Monster(enemy) => FactKind::MonsterFound {
                enemy: enemy.clone(),
            },
            Pickup::Npc(npc) => FactKind::NpcFound { npc: npc.clone() },
            Pickup::Crate => {
                ship.weapon += 1;
                ship.hp = ship.max_hp.max(SHIP_HP);
                ui.toast(
                    format!("Weapon crate: guns at level {}", ship.weapon + 1),
                    false,
                    clock.now,
                );
                continue;
            }
        };
        facts.write(MissionFact::new(pilot.0, kind));
    }
    for (t, object) in &objects {
        if t.translation.truncate().distance(pos) < REACH + 10.0
            && sortie.used.insert(object.0.clone())
        {
            facts.write(MissionFact::interacted(pilot.0, object.0.clone()));
        }
    }
}

/// Entering a place counts once per run; staying inside for [`SCAN_SECS`] scans it (and counts
/// as a patrol scan).
fn visit_places(
    time: Res<Time>,
    pilot: Res<Pilot>,
    mut sortie: ResMut<Sortie>,
    ships: Query<&Transform, With<Ship>>,
    mut places: Query<(&Transform, &mut PlaceMarker)>,
    mut facts: MessageWriter<MissionFact>,
) {
    let Ok(at) = ships.get(pilot.0) else { return };
    let pos = at.translation.truncate();
    for (t, mut place) in &mut places {
        if t.translation.truncate().distance(pos) > PLACE_RADIUS {
            place.dwell = 0.0;
            continue;
        }
        if sortie.entered.insert(place.place.clone()) {
            facts.write(MissionFact::entered(pilot.0, place.place.clone()));
        }
        place.dwell += time.delta_secs();
        if place.dwell >= SCAN_SECS && sortie.scanned.insert(place.place.clone()) {
            facts.write(MissionFact::scanned(pilot.0, place.place.clone()));
            facts.write(MissionFact::counter(pilot.0, "PATROL_SCANS", 1));
        }
    }
}

/// An escorted ward follows the ship and reports its arrival; a ward that loses its hull is
/// destroyed.
fn move_wards(
    time: Res<Time>,
    pilot: Res<Pilot>,
    ships: Query<&Transform, (With<Ship>, Without<Ward>)>,
    mut wards: Query<(Entity, &mut Transform, &mut Ward)>,
    mut facts: MessageWriter<MissionFact>,
    mut commands: Commands,
) {
    let Ok(ship) = ships.get(pilot.0) else { return };
    let ship_pos = ship.translation.truncate();
    for (e, mut at, mut ward) in &mut wards {
        if ward.hp <= 0.0 {
            facts.write(MissionFact::new(
                pilot.0,
                FactKind::TargetDestroyed {
                    target: ward.target.clone(),
                },
            ));
            commands.entity(e).despawn();
            continue;
        }
        let Some((place, dest)) = ward.to.clone() else {
            continue;
        };
        let pos = at.translation.truncate();
        let d = ship_pos - pos;
        if d.length() > 60.0 && d.length() < 400.0 {
            at.translation += (d.normalize() * 200.0 * time.delta_secs()).extend(0.0);
        }
        if pos.distance(dest) < PLACE_RADIUS {
            facts.write(MissionFact::new(
                pilot.0,
                FactKind::TargetArrived {
                    target: ward.target.clone(),
                    place,
                },
            ));
            ward.to = None;
        }
    }
}

/// The run ends when its mission completes (extraction), fails, the timer runs out with
/// objectives open, or the ship is destroyed.
#[expect(clippy::too_many_arguments, reason = "every way a run ends")]
fn decide_end(
    real: Res<Time<Real>>,
    clock: Res<MissionClock>,
    pilot: Res<Pilot>,
    mut sortie: ResMut<Sortie>,
    ships: Query<&Ship>,
    mut completed: MessageReader<MissionCompleted>,
    mut failed: MessageReader<MissionFailed>,
    mut requests: MessageWriter<MissionRequest>,
    mut facts: MessageWriter<MissionFact>,
    (catalog, mut log): (Res<MissionCatalog>, ResMut<SessionLog>),
) {
    let mine = |m: &MissionId, players: &[Entity]| *m == sortie.mission && players.contains(&pilot.0);
    let done = completed.read().any(|c| mine(&c.mission, &c.players));
    let lost = failed.read().any(|f| mine(&f.mission, &f.players));
    if sortie.end.is_some() {
        return;
    }
    let end = if done {
        facts.write(MissionFact::counter(pilot.0, "PVE_WINS", 1));
        Some(RunEnd::Extracted)
    } else if lost {
        Some(RunEnd::MissionFailed)
    } else if ships.get(pilot.0).is_ok_and(|s| s.hp <= 0.0) {
        Some(RunEnd::Destroyed)
    } else if clock.now > sortie.ends_at + 1.0 {
        Some(RunEnd::ObjectivesUnmet)
    } else {
        None
    };
    if let Some(end) = end {
        if matches!(end, RunEnd::Destroyed | RunEnd::ObjectivesUnmet) {
            requests.write(MissionRequest::Fail {
                player: pilot.0,
                mission: sortie.mission.clone(),
            });
        }
        finish_sortie(&mut sortie, end, real.elapsed_secs_f64(), &catalog, &mut log);
    }
}

/// Ends the run: the outcome line, the session log.
pub fn finish_sortie(
    sortie: &mut Sortie,
    end: RunEnd,
    now: f64,
    catalog: &MissionCatalog,
    log: &mut SessionLog,
) {
    if sortie.end.is_some() {
        return;
    }
    sortie.end = Some(end);
    sortie.ended_at = Some(now);
    let title = catalog
        .postings()
        .iter()
        .find(|p| p.id == sortie.posting)
        .map_or(sortie.posting.to_string(), |p| p.title.clone());
    let planet = catalog
        .planet(sortie.planet.as_str())
        .map_or(sortie.planet.to_string(), |p| p.name.clone());
    println!(
        "outcome: run {}: {title} [{}] on {planet}: {} ({} kills)",
        sortie.number,
        sortie.label,
        end.describe(),
        sortie.kills
    );
    log.runs.push((sortie.label.clone(), end));
}

/// A moment after the end (so the last explosions are seen), back to the hub.
fn end_run(
    real: Res<Time<Real>>,
    sortie: Option<Res<Sortie>>,
    mut next: ResMut<NextState<GameState>>,
) {
    if let Some(at) = sortie.and_then(|s| s.ended_at)
        && real.elapsed_secs_f64() - at > 1.5
    {
        next.set(GameState::Hub);
    }
}

fn leave_field(
    mut commands: Commands,
    pilot: Res<Pilot>,
    field: Query<Entity, With<InRun>>,
    mut requests: MessageWriter<MissionRequest>,
    sortie: Option<Res<Sortie>>,
) {
    for e in &field {
        commands.entity(e).despawn();
    }
    if let Some(s) = sortie
        && s.end.is_none()
    {
        requests.write(MissionRequest::Abandon {
            player: pilot.0,
            mission: s.mission.clone(),
        });
    }
    commands.entity(pilot.0).remove::<RunDefinition>();
    commands.entity(pilot.0).insert(Visibility::Hidden);
    commands.remove_resource::<Sortie>();
}

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

/// `--enemies N` without the bot: take the first open posting and fly it at once (for
/// measuring the frame rate with a fixed swarm).
pub fn quick_run(
    pilot: Res<Pilot>,
    catalog: Res<MissionCatalog>,
    status: Res<bevy_missions::save::SaveStatus>,
    flying: Query<(), With<RunDefinition>>,
    mut asked: Local<bool>,
    mut requests: MessageWriter<MissionRequest>,
    mut next: ResMut<NextState<GameState>>,
) {
    if !status.started || catalog.postings().is_empty() {
        return;
    }
    if flying.get(pilot.0).is_ok() {
        next.set(GameState::Run);
    } else if !*asked {
        *asked = true;
        requests.write(MissionRequest::AcceptPosting {
            player: pilot.0,
            posting: catalog.postings()[0].id.clone(),
            overrides: default(),
        });
    }
}
