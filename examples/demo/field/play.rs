//! The field in play: waves, enemies, pickups, places, wards.

use bevy::prelude::*;
use bevy_missions::catalog::MissionCatalog;
use bevy_missions::clock::MissionClock;
use bevy_missions::prelude::*;
use bevy_missions::run::SpawnWave;
use bevy_missions::ui::MissionsUi;
use rand::RngExt;

use super::build::{scatter, spawn_enemy};
use super::{
    Enemy, FieldRng, MAX_ENEMIES, ObjectMarker, PLACE_RADIUS, Palette, Pickup, PlaceMarker, REACH,
    SCAN_SECS, Sortie, WARD_DAMAGE, Ward,
};
use crate::produce;
use crate::ship::Ship;
use crate::{Args, Pilot};

/// Waves from the plugin's spawn director become enemies on a ring around the ship, of the
/// run's enemy types ([`Sortie::kinds`]).
#[expect(clippy::too_many_arguments, reason = "the spawner reads the world")]
pub(super) fn spawn_waves(
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
    let room = MAX_ENEMIES
        .max(args.enemies.unwrap_or(0) as usize)
        .saturating_sub(alive) as u32;
    let n = sortie.queued.min(room);
    if n == 0 {
        return;
    }
    sortie.queued -= n;
    let Ok(at) = ships.get(pilot.0) else { return };
    let centre = at.translation.truncate();
    let kinds = sortie.kinds.clone();
    let wards: Vec<Entity> = wards.iter().collect();
    for i in 0..n {
        let Some(kind) = kinds
            .get(rng.0.random_range(0..kinds.len().max(1)))
            .cloned()
        else {
            return;
        };
        let p = centre + scatter(&mut rng.0, 700.0, 900.0);
        let chases = if !wards.is_empty() && i % 3 == 0 {
            Some(wards[i as usize % wards.len()])
        } else {
            Some(pilot.0)
        };
        spawn_enemy(
            &mut commands,
            &catalog,
            &palette,
            kind,
            p,
            chases,
            &mut rng.0,
        );
    }
}

/// Neither the ship nor a ward (their transforms are read while enemies move).
pub(super) type NotShipOrWard = (Without<Ship>, Without<Ward>);

/// Enemies close in on what they chase and hurt it on contact.
pub(super) fn chase(
    time: Res<Time>,
    pilot: Res<Pilot>,
    mut enemies: Query<(&mut Transform, &mut Enemy), NotShipOrWard>,
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
#[expect(
    clippy::too_many_arguments,
    reason = "one system for everything the ship touches"
)]
pub(super) fn touch(
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
        match pickup {
            Pickup::Item(item) => {
                facts.write(produce::picked_up(pilot.0, item));
            }
            Pickup::Monster(enemy) => {
                facts.write(produce::retrieved(pilot.0, enemy));
            }
            Pickup::Npc(npc) => {
                facts.write_batch(produce::found_adrift(pilot.0, npc));
            }
            Pickup::Crate => {
                ship.weapon += 1;
                ship.hp = ship.max_hp;
                ui.toast(
                    format!("Weapon crate: guns at level {}", ship.weapon + 1),
                    false,
                    clock.now,
                );
            }
        }
    }
    for (t, object) in &objects {
        if t.translation.truncate().distance(pos) < REACH + 10.0
            && sortie.used.insert(object.0.clone())
        {
            facts.write(produce::used(pilot.0, &object.0));
        }
    }
}

/// Entering a place counts once per run; staying inside for [`SCAN_SECS`] scans it (and counts
/// as a patrol scan).
pub(super) fn visit_places(
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
            facts.write(produce::visited(pilot.0, &place.place));
        }
        place.dwell += time.delta_secs();
        if place.dwell >= SCAN_SECS && sortie.scanned.insert(place.place.clone()) {
            facts.write_batch(produce::scanned(pilot.0, &place.place));
        }
    }
}

/// An escorted ward follows the ship and reports its arrival; a ward that loses its hull is
/// destroyed.
pub(super) fn move_wards(
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
            facts.write(produce::ward_lost(pilot.0, &ward.target));
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
            facts.write(produce::ward_arrived(pilot.0, &ward.target, &place));
            ward.to = None;
        }
    }
}
