//! Building the field when a run starts, and spawning what lives on it.

use bevy_missions::model::run::RunDefinition;
use std::collections::BTreeSet;

use bevy::prelude::*;
use bevy_missions::catalog::MissionCatalog;
use bevy_missions::clock::MissionClock;
use bevy_missions::ids::*;
use bevy_missions::lifecycle::EffectOutcome;
use bevy_missions::lifecycle::GeneratedMissions;
use bevy_missions::lifecycle::MissionAcceptance;
use bevy_missions::lifecycle::MissionEffectResolved;
use bevy_missions::model::objective::ObjectiveKind;
use bevy_missions::objectives::MissionTarget;
use bevy_missions::ui::MissionsUi;
use rand::rngs::ChaCha8Rng;
use rand::{RngExt, SeedableRng};

use super::{
    Enemy, FieldRng, InRun, ObjectMarker, PLACE_RADIUS, Palette, Pickup, PlaceMarker, RunCount,
    Sortie, WARD_HP, Ward,
};
use crate::outcomes::PendingSpawns;
use crate::ship::Ship;
use crate::{Args, GameState, Pilot};

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

#[expect(
    clippy::too_many_arguments,
    reason = "building the field reads the world"
)]
pub(super) fn build_field(
    mut commands: Commands,
    (catalog, generated): (Res<MissionCatalog>, Res<GeneratedMissions>),
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
    // Completion screens (a daily done mid-run) wait for the hub; toasts still show.
    ui.hold_completions = true;
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
            .is_ok_and(|a| !a.status().is_terminal())
    });
    for spawn in &pending.0 {
        let Some(def) = generated.lookup(&catalog, spawn.mission.as_str()) else {
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
            ObjectiveKind::Escort { target, to } if *target == spawn.target => {
                Some(Some(to.clone()))
            }
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
        .filter(|a| a.holders().contains(&pilot.0) && !a.status().is_terminal())
    {
        let Some(def) = generated.lookup(&catalog, acc.mission().as_str()) else {
            continue;
        };
        for (i, o) in def.objectives.iter().enumerate() {
            let Some(progress) = acc.progress().get(i) else {
                continue;
            };
            if progress.done {
                continue;
            }
            let left = progress.target.saturating_sub(progress.count);
            let on_run = *acc.mission() == run.mission;
            match &o.goal {
                ObjectiveKind::FindItem { item, .. } => {
                    spawn_items(
                        &mut commands,
                        &palette,
                        &mut rng,
                        std::slice::from_ref(item),
                        left + 2,
                    );
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
                    spawn_pickup(
                        &mut commands,
                        &palette,
                        Pickup::Npc(npc.clone()),
                        p,
                        &palette.ward,
                    );
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
                    spawn_boss(
                        &mut commands,
                        &palette,
                        kind,
                        Some(target.clone()),
                        None,
                        p,
                        pilot.0,
                    );
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
                    spawn_boss(
                        &mut commands,
                        &palette,
                        kind,
                        None,
                        Some(npc.clone()),
                        p,
                        pilot.0,
                    );
                }
                ObjectiveKind::Escort { target, to } if targets_done.insert(target.to_string()) => {
                    let dest = catalog
                        .place(to.as_str())
                        .map_or(Vec2::new(400.0, 400.0), |p| Vec2::from(p.position));
                    spawn_ward(
                        &mut commands,
                        &palette,
                        target,
                        Some((to.clone(), dest)),
                        Vec2::new(-60.0, -90.0),
                    );
                }
                ObjectiveKind::Defend { target, .. } if targets_done.insert(target.to_string()) => {
                    spawn_ward(&mut commands, &palette, target, None, Vec2::new(0.0, 80.0));
                }
                _ => {}
            }
        }
    }
    let kinds = wave_kinds(&catalog, &generated, &run.planet, &acceptances, pilot.0);
    let sortie = Sortie {
        kinds: kinds.clone(),
        number: count.0,
        mission: run.mission.clone(),
        posting: run.posting.clone(),
        label,
        planet: run.planet.clone(),
        started_at: clock.now,
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
        for i in 0..n {
            let kind = kinds
                .get(i as usize % kinds.len().max(1))
                .cloned()
                .unwrap_or_else(|| "SWARM_DRONE".into());
            let p = scatter(&mut rng, 250.0, 900.0);
            spawn_enemy(
                &mut commands,
                &catalog,
                &palette,
                kind,
                p,
                Some(pilot.0),
                &mut rng,
            );
        }
    }
    commands.insert_resource(FieldRng(rng));
    commands.insert_resource(sortie);
}

pub(super) fn scatter(rng: &mut ChaCha8Rng, min: f32, max: f32) -> Vec2 {
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
        spawn_pickup(
            commands,
            palette,
            Pickup::Item(item.clone()),
            p,
            &palette.item,
        );
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

pub(super) fn spawn_enemy(
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

/// The enemy types a run's waves are drawn from: the planet's, plus one of each type, species or
/// faction an active mission of the pilot asks to destroy (so a kill objective can be met on any
/// planet).
pub(super) fn wave_kinds(
    catalog: &MissionCatalog,
    generated: &GeneratedMissions,
    planet: &PlanetId,
    acceptances: &Query<&MissionAcceptance>,
    pilot: Entity,
) -> Vec<EnemyTypeId> {
    let mut kinds = catalog
        .planet(planet.as_str())
        .map(|p| p.enemies.clone())
        .unwrap_or_default();
    let hostile = || catalog.enemies().filter(|e| !e.friendly);
    for acc in acceptances
        .iter()
        .filter(|a| a.holders().contains(&pilot) && !a.status().is_terminal())
    {
        let Some(def) = generated.lookup(catalog, acc.mission().as_str()) else {
            continue;
        };
        for o in &def.objectives {
            let wanted = match &o.goal {
                ObjectiveKind::KillType { enemy, .. } => Some(enemy.clone()),
                ObjectiveKind::KillSpecies { species, .. } => hostile()
                    .find(|e| &e.species == species)
                    .map(|e| e.id.clone()),
                ObjectiveKind::KillFaction { faction, .. } => hostile()
                    .find(|e| e.faction.as_ref() == Some(faction))
                    .map(|e| e.id.clone()),
                _ => None,
            };
            if let Some(kind) = wanted.filter(|k| !kinds.contains(k)) {
                kinds.push(kind);
            }
        }
    }
    kinds
}
