//! Observers and subscriptions: one player's outcomes heard on their entity, every player's
//! status changes heard by a global observer, and a door that opens when a quest becomes active
//! (a `QuestSubscription`). Headless, with a catalog built in code.
//!
//! ```sh
//! cargo run --example observers
//! ```
//!
//! Exits with success once the door has opened and the mission is complete, with an error after
//! 100 frames.

use bevy::prelude::*;
use bevy_missions::prelude::*;

const CATALOG: &str = r#"(
    place_kinds: [(id: "VAULT", name: "Vault")],
    places: [(id: "ARCHIVE", name: "Sealed archive", kind: "VAULT")],
    missions: [(
        id: "OPEN_THE_ARCHIVE",
        name: "Open the archive",
        objectives: [(goal: GoTo(place: "ARCHIVE"), text: "Reach the archive")],
        rewards: (credits: 50),
    )],
)"#;

/// A door in the level that opens when the archive quest becomes active.
#[derive(Component)]
struct Door {
    open: bool,
}

fn main() -> AppExit {
    App::new()
        .add_plugins((MinimalPlugins, MissionsPlugins::manual()))
        .insert_resource(MissionCatalog::from_ron_str(CATALOG).expect("the catalog is valid"))
        // Every player's status changes, in one place (a log, analytics, achievements).
        .add_observer(|change: On<MissionStatusChanged>| {
            println!("{} is now {:?}", change.mission, change.status);
        })
        .add_systems(Startup, setup)
        .add_systems(Update, give_up_after(100))
        .run()
}

fn setup(mut commands: Commands, mut requests: MessageWriter<MissionRequest>) {
    // The door listens for one quest state.
    commands
        .spawn((
            Door { open: false },
            QuestSubscription {
                mission: "OPEN_THE_ARCHIVE".into(),
                state: QuestState::Active,
                player: None,
            },
        ))
        .observe(
            |reached: On<QuestStateReached>, mut doors: Query<&mut Door>| {
                if let Ok(mut door) = doors.get_mut(reached.entity) {
                    door.open = true;
                    println!("the archive door opens");
                }
            },
        );
    // One player's own outcomes, on their entity.
    let pilot = commands
        .spawn(MissionHolder::new("vera"))
        .observe(
            |job: On<MissionAccepted>, mut facts: MessageWriter<MissionFact>| {
                println!("accepted {}", job.mission);
                facts.write(MissionFact::entered(job.player, "ARCHIVE"));
            },
        )
        .observe(|step: On<ObjectiveProgressed>| {
            println!("{}: {}/{}", step.key, step.count, step.target);
        })
        .observe(
            |done: On<MissionCompleted>, doors: Query<&Door>, mut exit: MessageWriter<AppExit>| {
                let paid = done.payout.as_ref().map_or(0, |p| p.credits);
                println!("completed {}: +{paid} credits", done.mission);
                let opened = doors.iter().all(|d| d.open);
                exit.write(if opened && paid == 50 {
                    AppExit::Success
                } else {
                    AppExit::error()
                });
            },
        )
        .id();
    requests.write(MissionRequest::accept(pilot, "OPEN_THE_ARCHIVE"));
}

fn give_up_after(frames: u32) -> impl FnMut(MessageWriter<AppExit>, Local<u32>) {
    move |mut exit, mut seen| {
        *seen += 1;
        if *seen >= frames {
            eprintln!("the mission did not complete within {frames} frames");
            exit.write(AppExit::error());
        }
    }
}
