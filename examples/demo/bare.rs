//! `--bare --enemies N --measure SECS`: the yardstick for the demo's frame rate. A bare bevy
//! scene drawing N meshes the way the run draws its swarm (the same shapes and colours, placed on
//! the same ring around the centre, closing in and coming back from the ring) and nothing else:
//! no missions, no UI, no game logic. `scripts/fps.sh` runs it and the demo's run
//! scene with the same N and compares the two.

use bevy::prelude::*;
use rand::rngs::ChaCha8Rng;
use rand::{RngExt, SeedableRng};

/// A mesh closing in on the centre at this speed.
#[derive(Component)]
struct Drift(f32);

/// Adds the bare scene.
pub struct BareScenePlugin {
    /// Meshes to draw.
    pub count: u32,
}

impl Plugin for BareScenePlugin {
    fn build(&self, app: &mut App) {
        let count = self.count;
        app.add_systems(
            Startup,
            move |mut commands: Commands,
                  mut ready: Option<ResMut<MeasureReady>>,
                  mut meshes: ResMut<Assets<Mesh>>,
                  mut materials: ResMut<Assets<ColorMaterial>>| {
                commands.spawn(Camera2d);
                if let Some(r) = ready.as_mut() {
                    r.0 = true;
                }
                let shapes = [
                    meshes.add(Rhombus::new(20.0, 20.0)),
                    meshes.add(Triangle2d::new(
                        Vec2::new(0.0, -14.0),
                        Vec2::new(-12.0, 12.0),
                        Vec2::new(12.0, 12.0),
                    )),
                    meshes.add(Circle::new(12.0)),
                ];
                let colours = [
                    materials.add(Color::srgb(0.95, 0.35, 0.3)),
                    materials.add(Color::srgb(0.95, 0.55, 0.2)),
                    materials.add(Color::srgb(0.7, 0.4, 0.95)),
                ];
                let mut rng = ChaCha8Rng::seed_from_u64(1);
                for i in 0..count as usize {
                    let at = ring(&mut rng, 250.0);
                    commands.spawn((
                        Drift(rng.random_range(85.0..115.0)),
                        Mesh2d(shapes[i % 3].clone()),
                        MeshMaterial2d(colours[i % 3].clone()),
                        Transform::from_translation(at.extend(1.0)),
                    ));
                }
                commands.insert_resource(Ring(rng));
            },
        )
        .add_systems(Update, drift);
    }
}

/// The random ring the meshes come back from.
#[derive(Resource)]
struct Ring(ChaCha8Rng);

fn ring(rng: &mut ChaCha8Rng, min: f32) -> Vec2 {
    Vec2::from_angle(rng.random_range(0.0..std::f32::consts::TAU)) * rng.random_range(min..900.0)
}

/// Each mesh closes in on the centre; one that gets there comes back from the ring.
fn drift(time: Res<Time>, mut rng: ResMut<Ring>, mut q: Query<(&mut Transform, &Drift)>) {
    for (mut t, speed) in &mut q {
        let p = t.translation.truncate();
        if p.length() < 30.0 {
            t.translation = ring(&mut rng.0, 700.0).extend(1.0);
            continue;
        }
        t.translation -= (p.normalize() * speed.0 * time.delta_secs()).extend(0.0);
    }
}

/// Whether the scene to measure is on screen (the bare scene at once, the game once a run has
/// started).
#[derive(Resource, Default, Debug)]
pub struct MeasureReady(pub bool);

/// `--measure SECS`: once [`MeasureReady`] and after a 3 s warm-up, counts frames for SECS
/// seconds, prints `fps: F` and exits.
pub struct MeasurePlugin {
    /// Seconds measured.
    pub seconds: f32,
}

impl Plugin for MeasurePlugin {
    fn build(&self, app: &mut App) {
        let seconds = f64::from(self.seconds.max(1.0));
        app.init_resource::<MeasureReady>().add_systems(
            Last,
            move |time: Res<Time<Real>>,
                  ready: Res<MeasureReady>,
                  mut frames: Local<(u64, Option<f64>, Option<f64>)>,
                  mut exit: MessageWriter<AppExit>| {
                let now = time.elapsed_secs_f64();
                if !ready.0 {
                    return;
                }
                if now - *frames.2.get_or_insert(now) < 3.0 {
                    return;
                }
                let start = *frames.1.get_or_insert(now);
                frames.0 += 1;
                if now - start >= seconds {
                    println!("fps: {:.1}", frames.0 as f64 / (now - start));
                    exit.write(AppExit::Success);
                }
            },
        );
    }
}
