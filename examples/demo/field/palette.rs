//! The field's meshes and colours, made once.

use bevy::prelude::*;
use rand::rngs::ChaCha8Rng;
use rand::{RngExt, SeedableRng};

use super::PLACE_RADIUS;

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
    pub(crate) drone: Handle<Mesh>,
    pub(crate) raider: Handle<Mesh>,
    pub(crate) xeno: Handle<Mesh>,
    pub(crate) boss: Handle<Mesh>,
    pub(crate) enemy_colours: [Handle<ColorMaterial>; 4],
    pub(crate) ring: Handle<Mesh>,
    pub(crate) ring_colour: Handle<ColorMaterial>,
    pub(crate) item: Handle<Mesh>,
    pub(crate) item_colour: Handle<ColorMaterial>,
    pub(crate) crate_mesh: Handle<Mesh>,
    pub(crate) crate_colour: Handle<ColorMaterial>,
    pub(crate) ward: Handle<Mesh>,
    pub(crate) ward_colour: Handle<ColorMaterial>,
    pub(crate) friend_colour: Handle<ColorMaterial>,
    pub(crate) object: Handle<Mesh>,
    pub(crate) stars: Handle<Mesh>,
    pub(crate) star_colour: Handle<ColorMaterial>,
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
    Mesh::new(
        PrimitiveTopology::TriangleList,
        RenderAssetUsages::default(),
    )
    .with_inserted_attribute(Mesh::ATTRIBUTE_POSITION, positions)
    .with_inserted_attribute(Mesh::ATTRIBUTE_NORMAL, normals)
    .with_inserted_attribute(Mesh::ATTRIBUTE_UV_0, uvs)
    .with_inserted_indices(Indices::U32(indices))
}
