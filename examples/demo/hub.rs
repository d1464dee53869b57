//! Meridian Hub: the station between runs. The mission board and journal are the plugin's
//! panels; this module adds the station's own window (a view model and a plain panel function,
//! like the plugin's): the pilot's credits, level and standing, the trade terminal, comms,
//! fleet actions, deliveries, the station's people, turn-ins, and the launch of the contract.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};
use bevy_missions::catalog::MissionCatalog;
use bevy_missions::clock::MissionClock;
use bevy_missions::ids::*;
use bevy_missions::lifecycle::GeneratedMissions;
use bevy_missions::lifecycle::MissionAcceptance;
use bevy_missions::model::objective::DeliveryTarget;
use bevy_missions::model::objective::ObjectiveKind;
use bevy_missions::model::player::Experience;
use bevy_missions::model::player::Inventory;
use bevy_missions::model::player::Reputation;
use bevy_missions::model::player::Wallet;
use bevy_missions::model::run::RunDefinition;
use bevy_missions::model::world::ItemKind;
use bevy_missions::objectives::DeliveryPoint;
use bevy_missions::prelude::*;
use bevy_missions::ui::MissionsUi;
use bevy_missions::ui::Panel;
use leafwing_input_manager::prelude::*;

use crate::controls::{Controls, key_name};
use crate::field::Palette;
use crate::ship::ShipAction;
pub use crate::station::{DeliveryRow, HubAction, StationView};
use crate::station::{game_time_text, station_panel};
use crate::{GameState, Pilot, produce};

/// The station the hub is (docking there counts as visiting it).
pub const HUB: &str = "HUB_STATION";

/// The station: its scene, window and actions.
pub struct HubPlugin;

impl Plugin for HubPlugin {
    fn build(&self, app: &mut App) {
        app.add_message::<HubAction>()
            .init_resource::<StationView>()
            .add_systems(OnEnter(GameState::Hub), station_scene)
            .add_systems(
                Update,
                (
                    dock,
                    offer_random,
                    build_station,
                    launch_key,
                    apply_hub_actions,
                )
                    .chain()
                    .run_if(in_state(GameState::Hub))
                    .before(MissionSystems::Ingest),
            )
            .add_systems(
                EguiPrimaryContextPass,
                draw_station.run_if(in_state(GameState::Hub)),
            );
    }
}

fn station_scene(
    mut ui: ResMut<MissionsUi>,
    mut commands: Commands,
    palette: Res<Palette>,
    mut meshes: ResMut<Assets<Mesh>>,
    mut materials: ResMut<Assets<ColorMaterial>>,
) {
    // The HUD tracker (objectives, arrow, extraction banner) is for the run.
    ui.enabled.hud = false;
    ui.hold_completions = false;
    let hull = materials.add(Color::srgb(0.22, 0.26, 0.36));
    let light = materials.add(Color::srgb(0.35, 0.8, 1.0));
    commands.spawn((
        DespawnOnExit(GameState::Hub),
        Mesh2d(meshes.add(RegularPolygon::new(150.0, 8))),
        MeshMaterial2d(hull.clone()),
        Transform::from_xyz(0.0, 0.0, -2.0),
    ));
    commands.spawn((
        DespawnOnExit(GameState::Hub),
        Mesh2d(meshes.add(Annulus::new(190.0, 198.0))),
        MeshMaterial2d(light.clone()),
        Transform::from_xyz(0.0, 0.0, -2.0),
    ));
    for i in 0..6 {
        let a = i as f32 * std::f32::consts::TAU / 6.0;
        commands.spawn((
            DespawnOnExit(GameState::Hub),
            Mesh2d(meshes.add(Rectangle::new(26.0, 90.0))),
            MeshMaterial2d(hull.clone()),
            Transform::from_translation((Vec2::from_angle(a) * 200.0).extend(-3.0))
                .with_rotation(Quat::from_rotation_z(a + std::f32::consts::FRAC_PI_2)),
        ));
    }
    commands.spawn((
        DespawnOnExit(GameState::Hub),
        Mesh2d(palette.ship.clone()),
        MeshMaterial2d(palette.ship_colour.clone()),
        Transform::from_xyz(0.0, -240.0, 1.0),
    ));
    commands.spawn((
        DespawnOnExit(GameState::Hub),
        Text2d::new("MERIDIAN HUB"),
        TextFont::from_font_size(22.0),
        TextColor(Color::srgb(0.6, 0.85, 1.0)),
        Transform::from_xyz(0.0, 0.0, 1.0),
    ));
}

/// Docked at the hub: the station counts as visited (the tutorial asks for it). Repeated every
/// two seconds so a mission that starts later (a loaded save, an auto-start) still hears it.
fn dock(
    time: Res<Time<Real>>,
    pilot: Res<Pilot>,
    mut last: Local<f64>,
    mut facts: MessageWriter<MissionFact>,
) {
    let now = time.elapsed_secs_f64();
    if now - *last >= 2.0 {
        *last = now;
        facts.write(produce::visited(pilot.0, &HUB.into()));
    }
}

/// Each visit to the hub, the board draws random missions for the pilot from the templates
/// (up to the rules' cap; the plugin keeps each one pinned to the pilot until it is finished).
/// The draw is seeded from `--seed` and the visit, so a session replays the same board.
fn offer_random(
    args: Res<crate::Args>,
    pilot: Res<Pilot>,
    status: Res<bevy_missions::save::SaveStatus>,
    catalog: Res<MissionCatalog>,
    mut visits: Local<(u64, bool)>,
    state: Res<State<GameState>>,
    mut requests: MessageWriter<MissionRequest>,
) {
    if state.is_changed() {
        visits.1 = false;
    }
    if visits.1 || !status.started || catalog.generation() == 0 {
        return;
    }
    visits.1 = true;
    visits.0 += 1;
    requests.write(MissionRequest::Generate {
        player: pilot.0,
        planet: None,
        seed: args.seed.wrapping_mul(1_000_003).wrapping_add(visits.0),
    });
}

type PilotState<'a> = (
    &'a Wallet,
    &'a Experience,
    &'a Reputation,
    &'a Inventory,
    Option<&'a RunDefinition>,
);

/// The station's view model, from the pilot and the catalog.
fn build_station(
    (catalog, generated): (Res<MissionCatalog>, Res<GeneratedMissions>),
    pilot: Res<Pilot>,
    (board, clock, controls): (
        Res<bevy_missions::ui::view::BoardView>,
        Res<MissionClock>,
        Res<Controls>,
    ),
    players: Query<PilotState>,
    acceptances: Query<&MissionAcceptance>,
    mut view: ResMut<StationView>,
) {
    let Ok((wallet, xp, rep, hold, run)) = players.get(pilot.0) else {
        return;
    };
    let item_name = |i: &ItemId| {
        catalog
            .item(i.as_str())
            .map_or(i.to_string(), |d| d.name.clone())
    };
    let mut next = StationView {
        credits: wallet.credits,
        level: xp.level,
        xp: xp.xp,
        standing: catalog
            .factions()
            .map(|f| (f.name.clone(), rep.get(&f.id, &catalog)))
            .collect(),
        hold: hold
            .0
            .iter()
            .filter(|(_, n)| **n > 0)
            .map(|(i, n)| {
                let def = catalog.item(i.as_str());
                let goods = def.is_some_and(|d| {
                    matches!(
                        d.kind,
                        ItemKind::Cargo | ItemKind::Collectible | ItemKind::Contraband
                    )
                });
                (
                    i.clone(),
                    item_name(i),
                    *n,
                    def.map_or(0, |d| d.value),
                    goods,
                )
            })
            .collect(),
        market: catalog
            .items()
            .filter(|d| d.kind == ItemKind::Cargo)
            .map(|d| (d.id.clone(), d.name.clone(), d.value.max(1)))
            .collect(),
        daily_refresh_in: board.daily_refresh_in,
        game_time: game_time_text(&clock),
        launch_key: key_name(controls.launch.key),
        ..default()
    };
    for acc in acceptances
        .iter()
        .filter(|a| a.holders().contains(&pilot.0) && !a.status().is_terminal())
    {
        let Some(def) = generated.lookup(&catalog, acc.mission().as_str()) else {
            continue;
        };
        if def.turn_in && acc.objectives_met() {
            let to = def
                .giver
                .as_ref()
                .and_then(|g| catalog.npc(g.as_str()))
                .map_or("the issuer".to_owned(), |n| n.name.clone());
            next.turn_ins.push((def.id.clone(), def.name.clone(), to));
        }
        for (i, o) in def.objectives.iter().enumerate() {
            let ObjectiveKind::Deliver { item, count, to } = &o.goal else {
                continue;
            };
            if acc.progress().get(i).is_none_or(|p| p.done) {
                continue;
            }
            let (point, whom) = match to {
                DeliveryTarget::Place(p) => (
                    DeliveryPoint {
                        place: Some(p.clone()),
                        npc: None,
                    },
                    catalog
                        .place(p.as_str())
                        .map_or(p.to_string(), |d| d.name.clone()),
                ),
                DeliveryTarget::Npc(n) => (
                    DeliveryPoint {
                        place: None,
                        npc: Some(n.clone()),
                    },
                    catalog
                        .npc(n.as_str())
                        .map_or(n.to_string(), |d| d.name.clone()),
                ),
                DeliveryTarget::Faction(f) => {
                    let place = catalog
                        .places()
                        .find(|p| p.faction.as_ref() == Some(f))
                        .map(|p| (p.id.clone(), p.name.clone()));
                    let Some((place, name)) = place else { continue };
                    (
                        DeliveryPoint {
                            place: Some(place),
                            npc: None,
                        },
                        name,
                    )
                }
            };
            next.deliveries.push(DeliveryRow {
                text: format!("Deliver {count} {} to {whom}", item_name(item)),
                ready: hold.count(item) >= *count,
                action: HubAction::Deliver {
                    item: item.clone(),
                    count: *count,
                    to: point,
                },
            });
        }
    }
    next.people = catalog
        .npcs()
        .filter(|n| n.home.is_some())
        .map(|n| {
            let home = n
                .home
                .as_ref()
                .and_then(|h| catalog.place(h.as_str()))
                .map_or(String::new(), |p| p.name.clone());
            (n.id.clone(), n.name.clone(), home)
        })
        .collect();
    next.usable = catalog
        .missions()
        .filter_map(|m| m.triggered_by_item.as_ref())
        .filter(|i| hold.count(i) > 0)
        .map(|i| (i.clone(), item_name(i)))
        .collect();
    next.contract = run.map(|r| {
        let posting = catalog.postings().iter().find(|p| p.id == r.posting);
        let title = posting.map_or(r.mission.to_string(), |p| p.title.clone());
        let label = posting.map_or(String::new(), |p| format!("{:?}", p.label));
        let planet = catalog
            .planet(r.planet.as_str())
            .map_or(r.planet.to_string(), |p| p.name.clone());
        (title, planet, label, r.timer_seconds)
    });
    view.set_if_neq(next);
}

fn launch_key(input: Query<&ActionState<ShipAction>>, mut out: MessageWriter<HubAction>) {
    if input.iter().any(|a| a.just_pressed(&ShipAction::Launch)) {
        out.write(HubAction::Launch);
    }
}

fn draw_station(
    mut contexts: EguiContexts,
    view: Res<StationView>,
    mut out: MessageWriter<HubAction>,
) -> Result {
    let ctx = contexts.ctx_mut()?;
    let mut actions = Vec::new();
    egui::Window::new("Meridian Hub")
        .anchor(egui::Align2::LEFT_BOTTOM, [10.0, -10.0])
        .default_width(420.0)
        .show(ctx, |ui| actions = station_panel(ui, &view));
    out.write_batch(actions);
    Ok(())
}

/// The one place station actions change the game: facts and requests for the plugin, and the
/// trade terminal's credits and hold.
#[expect(
    clippy::too_many_arguments,
    reason = "each station service touches its own part"
)]
fn apply_hub_actions(
    mut actions: MessageReader<HubAction>,
    catalog: Res<MissionCatalog>,
    pilot: Res<Pilot>,
    mut players: Query<(&mut Wallet, &mut Inventory, Option<&RunDefinition>)>,
    mut facts: MessageWriter<MissionFact>,
    mut requests: MessageWriter<MissionRequest>,
    mut ui: ResMut<MissionsUi>,
    mut next: ResMut<NextState<GameState>>,
    clock: Res<MissionClock>,
) {
    let p = pilot.0;
    let Ok((mut wallet, mut hold, run)) = players.get_mut(p) else {
        return;
    };
    for action in actions.read() {
        match action {
            HubAction::Launch => {
                if run.is_some() {
                    // The contract's extraction timer and the waves start now, not when it was
                    // accepted: time at the hub is the pilot's own.
                    requests.write(MissionRequest::start_run(p));
                    next.set(GameState::Run);
                } else {
                    ui.toast("Accept a contract from the board first.", false, clock.now);
                }
            }
            HubAction::Buy(item) => {
                let price = catalog.item(item.as_str()).map_or(0, |d| d.value.max(1));
                if price > 0 && wallet.credits >= price {
                    wallet.credits -= price;
                    hold.change(item, 1);
                    facts.write(produce::traded(p));
                }
            }
            HubAction::Sell(item) => {
                if hold.count(item) > 0 {
                    hold.change(item, -1);
                    wallet.credits = wallet
                        .credits
                        .saturating_add(catalog.item(item.as_str()).map_or(0, |d| d.value));
                    facts.write(produce::traded(p));
                }
            }
            HubAction::SendMessage => {
                facts.write(produce::message_sent(p));
                ui.toast("Message sent.", false, clock.now);
            }
            HubAction::FleetAction => {
                facts.write(produce::fleet_action(p));
                ui.toast("You flew with the fleet.", false, clock.now);
            }
            HubAction::Deliver { item, count, to } => {
                // The goods leave the hold.
                if hold.count(item) >= *count {
                    hold.change(item, -i64::from(*count));
                    facts.write(produce::delivered(p, item, *count, to));
                }
            }
            HubAction::Talk(npc) => {
                facts.write(produce::talked(p, npc));
                ui.talking_to = Some(npc.clone());
                ui.open(Panel::Board);
            }
            HubAction::Recruit(npc) => {
                facts.write(produce::recruited(p, npc));
                ui.toast("Signed on.", false, clock.now);
            }
            HubAction::TurnIn(mission) => {
                requests.write(MissionRequest::TurnIn {
                    player: p,
                    mission: mission.clone(),
                });
            }
            HubAction::Use(item) => {
                requests.write(MissionRequest::UseItem {
                    player: p,
                    item: item.clone(),
                });
            }
        }
    }
}
