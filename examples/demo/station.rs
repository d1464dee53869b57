//! The station window as a plain function from its view model to egui calls and actions (like
//! the plugin's panels), with the actions it sends and the gamepad keys that drive it. It needs
//! only bevy, egui and the plugin, so the integration tests include it (`#[path]`) and drive it
//! headless with egui_kittest.

use bevy::prelude::*;
use bevy_egui::egui;
use bevy_missions::clock::MissionClock;
use bevy_missions::ids::*;
use bevy_missions::objectives::DeliveryPoint;
use bevy_missions::ui::clock_text;

/// Game hours a sortie takes from launch to docking: leaving the field moves the mission clock
/// on by what the flight itself did not use, so four sorties make a game day and the dailies
/// and the board's draw turn over as the pilot plays.
pub const SORTIE_HOURS: u32 = 6;

/// What the pilot can do at the station (the window's buttons and the bot send these).
#[derive(Message, Clone, Debug, PartialEq)]
pub enum HubAction {
    /// Fly the accepted contract.
    Launch,
    /// Buy one unit at the trade terminal.
    Buy(ItemId),
    /// Sell one unit at the trade terminal.
    Sell(ItemId),
    /// Send a message over the station's comms.
    SendMessage,
    /// Join the fleet action forming at the station.
    FleetAction,
    /// Hand items over for a delivery objective.
    Deliver {
        /// The item.
        item: ItemId,
        /// How many.
        count: u32,
        /// Where and to whom.
        to: DeliveryPoint,
    },
    /// Talk to someone at the station (their offers show on the board).
    Talk(NpcId),
    /// Sign someone on.
    Recruit(NpcId),
    /// Report back on a mission that needs it.
    TurnIn(MissionId),
    /// Use an item from the hold.
    Use(ItemId),
}

/// One delivery the pilot can make.
#[derive(Clone, Debug, PartialEq)]
pub struct DeliveryRow {
    /// Button text.
    pub text: String,
    /// Whether the hold has enough.
    pub ready: bool,
    /// The action.
    pub action: HubAction,
}

/// Everything the station window shows.
#[derive(Resource, Clone, Debug, Default, PartialEq)]
pub struct StationView {
    /// Credits.
    pub credits: u64,
    /// Level and experience.
    pub level: u32,
    /// Experience.
    pub xp: u64,
    /// `(faction name, standing)`.
    pub standing: Vec<(String, i32)>,
    /// `(item, name, count, value, kind is trade goods)` in the hold.
    pub hold: Vec<(ItemId, String, u32, u64, bool)>,
    /// `(item, name, price)` the terminal sells.
    pub market: Vec<(ItemId, String, u64)>,
    /// Deliveries the active missions ask for.
    pub deliveries: Vec<DeliveryRow>,
    /// `(npc, name, where, recruited)`.
    pub people: Vec<(NpcId, String, String)>,
    /// Missions waiting for a report: `(mission, title, to whom)`.
    pub turn_ins: Vec<(MissionId, String, String)>,
    /// Items that start something when used: `(item, name)`.
    pub usable: Vec<(ItemId, String)>,
    /// The contract ready to fly: `(title, planet, label, timer)`.
    pub contract: Option<(String, String, String, f32)>,
    /// Seconds until the dailies refresh.
    pub daily_refresh_in: Option<f64>,
    /// The game's day and time: "Day 2, 14:20".
    pub game_time: String,
    /// The key that launches, as the Controls screen bound it ("L").
    pub launch_key: String,
}

/// "Day N, HH:MM" for game time `now`: days count from 1 at the clock's start, the time of day
/// is UTC on the clock's calendar.
pub fn game_time_text(clock: &MissionClock) -> String {
    let day = clock.day(0) - clock.day_at(0.0, 0) + 1;
    let of_day = clock.unix_at(clock.now).rem_euclid(86_400);
    format!("Day {day}, {:02}:{:02}", of_day / 3600, (of_day / 60) % 60)
}

/// Which key each gamepad button stands for in the station window (with Shift or not).
pub const GAMEPAD_KEYS: [(GamepadButton, egui::Key, bool); 5] = [
    (GamepadButton::DPadDown, egui::Key::Tab, false),
    (GamepadButton::DPadUp, egui::Key::Tab, true),
    (GamepadButton::DPadLeft, egui::Key::ArrowLeft, false),
    (GamepadButton::DPadRight, egui::Key::ArrowRight, false),
    (GamepadButton::South, egui::Key::Enter, false),
];

/// A key pressed and let go, as egui reads it (a press with no release would make the next press
/// of the same key a repeat, which buttons ignore).
pub fn egui_key(key: egui::Key, shift: bool) -> [egui::Event; 2] {
    let modifiers = egui::Modifiers { shift, ..default() };
    [true, false].map(|pressed| egui::Event::Key {
        key,
        physical_key: None,
        pressed,
        repeat: false,
        modifiers,
    })
}

/// The station window: a plain function from the view model to egui calls and actions.
pub fn station_panel(ui: &mut egui::Ui, view: &StationView) -> Vec<HubAction> {
    let mut out = Vec::new();
    ui.horizontal(|ui| {
        ui.strong(format!("{} credits", view.credits));
        ui.label(format!("Level {} ({} XP)", view.level, view.xp));
        ui.label(&view.game_time);
        if let Some(s) = view.daily_refresh_in {
            ui.label(format!(
                "Dailies refresh in {} (a sortie takes {SORTIE_HOURS} h)",
                clock_text(s)
            ));
        }
    });
    ui.horizontal_wrapped(|ui| {
        for (name, standing) in &view.standing {
            let colour = if *standing < 0 {
                egui::Color32::from_rgb(240, 110, 100)
            } else {
                egui::Color32::from_rgb(150, 210, 160)
            };
            ui.colored_label(colour, format!("{name} {standing:+}"));
        }
    });
    ui.separator();
    match &view.contract {
        Some((title, planet, label, timer)) => {
            ui.strong(format!(
                "Contract: {title}, {label} on {planet}, extraction after {}",
                clock_text(f64::from(*timer))
            ));
            if ui.button(format!("Launch ({})", view.launch_key)).clicked() {
                out.push(HubAction::Launch);
            }
        }
        None => {
            ui.label("No contract accepted: take one from the mission board (B).");
        }
    }
    ui.separator();
    egui::CollapsingHeader::new("Trade terminal")
        .default_open(true)
        .show(ui, |ui| {
            ui.horizontal_wrapped(|ui| {
                for (item, name, price) in &view.market {
                    let can = view.credits >= *price;
                    if ui
                        .add_enabled(can, egui::Button::new(format!("Buy {name} ({price} cr)")))
                        .clicked()
                    {
                        out.push(HubAction::Buy(item.clone()));
                    }
                }
            });
            ui.horizontal_wrapped(|ui| {
                for (item, name, n, value, goods) in &view.hold {
                    if *goods
                        && ui
                            .button(format!("Sell {name} x{n} ({value} cr)"))
                            .clicked()
                    {
                        out.push(HubAction::Sell(item.clone()));
                    }
                }
            });
        });
    ui.horizontal(|ui| {
        if ui.button("Send a message").clicked() {
            out.push(HubAction::SendMessage);
        }
        if ui.button("Join the fleet action").clicked() {
            out.push(HubAction::FleetAction);
        }
    });
    for d in &view.deliveries {
        if ui
            .add_enabled(d.ready, egui::Button::new(&d.text))
            .clicked()
        {
            out.push(d.action.clone());
        }
    }
    for (mission, title, to) in &view.turn_ins {
        if ui.button(format!("Report to {to}: {title}")).clicked() {
            out.push(HubAction::TurnIn(mission.clone()));
        }
    }
    for (item, name) in &view.usable {
        if ui.button(format!("Use {name}")).clicked() {
            out.push(HubAction::Use(item.clone()));
        }
    }
    egui::CollapsingHeader::new("People on comms").show(ui, |ui| {
        for (npc, name, home) in &view.people {
            ui.horizontal(|ui| {
                ui.label(format!("{name} ({home})"));
                if ui.button("Talk").clicked() {
                    out.push(HubAction::Talk(npc.clone()));
                }
                if ui.button("Recruit").clicked() {
                    out.push(HubAction::Recruit(npc.clone()));
                }
            });
        }
    });
    ui.separator();
    ui.label(
        "hold: ".to_owned()
            + &view
                .hold
                .iter()
                .map(|(_, name, n, _, _)| format!("{name} x{n}"))
                .collect::<Vec<_>>()
                .join(", "),
    );
    out
}
