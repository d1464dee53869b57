//! The pilot's ship: flying (leafwing actions, or the bot's steering), the auto-firing guns and
//! the bullets.

use bevy::prelude::*;
use bevy_missions::prelude::*;
use leafwing_input_manager::prelude::*;

use crate::controls::Controls;
pub use crate::controls::ShipAction;
use crate::field::{Enemy, InRun, Palette, Sortie};
use crate::{GameState, Pilot};

/// The ship's state.
#[derive(Component, Clone, Debug)]
pub struct Ship {
    /// Hull points.
    pub hp: f32,
    /// Full hull.
    pub max_hp: f32,
    /// Seconds until the guns fire again.
    pub cooldown: f32,
    /// Weapon level (crates raise it): faster fire and more barrels.
    pub weapon: u32,
}

impl Default for Ship {
    fn default() -> Self {
        Ship {
            hp: SHIP_HP,
            max_hp: SHIP_HP,
            cooldown: 0.0,
            weapon: 0,
        }
    }
}

/// Hull of a fresh ship.
pub const SHIP_HP: f32 = 160.0;
/// Top speed in world units per second.
pub const SHIP_SPEED: f32 = 270.0;
/// Guns reach this far.
pub const GUN_RANGE: f32 = 520.0;
const BULLET_SPEED: f32 = 950.0;
const BULLET_LIFE: f32 = 0.6;

/// Where the bot wants to fly (unit vector or zero); the player's input wins when there is any.
#[derive(Resource, Default, Debug, Clone, Copy)]
pub struct Steer(pub Vec2);

/// A bullet in flight.
#[derive(Component, Debug)]
pub struct Bullet {
    velocity: Vec2,
    life: f32,
}

/// Flying, firing and hits.
pub struct ShipPlugin;

impl Plugin for ShipPlugin {
    fn build(&self, app: &mut App) {
        app.add_plugins(InputManagerPlugin::<ShipAction>::default())
            .init_resource::<Steer>()
            .init_resource::<Controls>()
            .add_systems(
                Startup,
                |mut commands: Commands, controls: Res<Controls>| {
                    commands.spawn(controls.input_map());
                },
            )
            .add_systems(
                Update,
                (fly, fire, move_bullets)
                    .chain()
                    .run_if(in_state(GameState::Run))
                    .before(MissionSystems::Ingest),
            );
    }
}

fn fly(
    time: Res<Time>,
    input: Query<&ActionState<ShipAction>>,
    steer: Res<Steer>,
    pilot: Res<Pilot>,
    mut ships: Query<&mut Transform, With<Ship>>,
) {
    let Ok(mut at) = ships.get_mut(pilot.0) else {
        return;
    };
    let mut dir = input
        .iter()
        .map(|a| a.clamped_axis_pair(&ShipAction::Move))
        .find(|v| v.length_squared() > 0.01)
        .unwrap_or(steer.0);
    if dir.length_squared() > 1.0 {
        dir = dir.normalize();
    }
    at.translation += (dir * SHIP_SPEED * time.delta_secs()).extend(0.0);
    if dir.length_squared() > 0.01 {
        at.rotation = Quat::from_rotation_z(dir.to_angle() - std::f32::consts::FRAC_PI_2);
    }
}

fn fire(
    time: Res<Time>,
    pilot: Res<Pilot>,
    palette: Res<Palette>,
    mut ships: Query<(&Transform, &mut Ship)>,
    enemies: Query<&Transform, With<Enemy>>,
    mut commands: Commands,
) {
    let Ok((at, mut ship)) = ships.get_mut(pilot.0) else {
        return;
    };
    ship.cooldown -= time.delta_secs();
    if ship.cooldown > 0.0 {
        return;
    }
    let from = at.translation.truncate();
    let Some(target) = enemies
        .iter()
        .map(|t| t.translation.truncate())
        .filter(|p| p.distance_squared(from) < GUN_RANGE * GUN_RANGE)
        .min_by(|a, b| {
            a.distance_squared(from)
                .total_cmp(&b.distance_squared(from))
        })
    else {
        return;
    };
    ship.cooldown = 0.24 / (1.0 + 0.3 * ship.weapon as f32);
    let aim = (target - from).normalize_or(Vec2::Y);
    let barrels = 1 + ship.weapon.min(6) / 2;
    for b in 0..barrels {
        let spread = (b as f32 - (barrels - 1) as f32 / 2.0) * 0.12;
        let dir = Vec2::from_angle(spread).rotate(aim);
        commands.spawn((
            Bullet {
                velocity: dir * BULLET_SPEED,
                life: BULLET_LIFE,
            },
            InRun,
            Mesh2d(palette.bullet.clone()),
            MeshMaterial2d(palette.bullet_colour.clone()),
            Transform::from_translation(from.extend(2.0)),
        ));
    }
}

/// Bullets fly and hit the first enemy their path this frame crosses.
fn move_bullets(
    time: Res<Time>,
    pilot: Res<Pilot>,
    mut bullets: Query<(Entity, &mut Bullet, &mut Transform), Without<Enemy>>,
    mut enemies: Query<(Entity, &Transform, &mut Enemy)>,
    mut facts: MessageWriter<MissionFact>,
    mut commands: Commands,
    mut sortie: Option<ResMut<Sortie>>,
) {
    let dt = time.delta_secs();
    for (e, mut bullet, mut at) in &mut bullets {
        bullet.life -= dt;
        let from = at.translation.truncate();
        let to = from + bullet.velocity * dt;
        at.translation = to.extend(2.0);
        let hit = enemies
            .iter_mut()
            .filter(|(_, _, enemy)| enemy.hp > 0.0)
            .find(|(_, t, enemy)| {
                segment_distance(from, to, t.translation.truncate()) < enemy.radius + 4.0
            });
        if let Some((enemy_entity, _, mut enemy)) = hit {
            enemy.hp -= 1.0;
            if enemy.hp <= 0.0 {
                facts.write(crate::produce::destroyed(
                    pilot.0,
                    &enemy.kind,
                    enemy.target.as_ref(),
                    enemy.npc.as_ref(),
                ));
                commands.entity(enemy_entity).despawn();
                if let Some(s) = sortie.as_mut() {
                    s.kills += 1;
                }
            }
            bullet.life = 0.0;
        }
        if bullet.life <= 0.0 {
            commands.entity(e).despawn();
        }
    }
}

/// Distance from `p` to the segment `a`–`b`.
pub fn segment_distance(a: Vec2, b: Vec2, p: Vec2) -> f32 {
    let ab = b - a;
    let t = if ab.length_squared() > 0.0 {
        ((p - a).dot(ab) / ab.length_squared()).clamp(0.0, 1.0)
    } else {
        0.0
    };
    (a + ab * t).distance(p)
}
