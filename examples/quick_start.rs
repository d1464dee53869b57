//! The README's quick start, runnable: a headless app loads `assets/missions/`, a player takes a
//! contract on the first frame (before the catalog has loaded; the request waits for it), the
//! game reports what the player did, and the plugin pays out.
//!
//! ```sh
//! cargo run --example quick_start
//! ```
//!
//! Exits with success once the mission completes, or with an error after 600 frames.

use bevy::prelude::*;
use bevy_missions::prelude::*;

fn main() -> AppExit {
    App::new()
        .add_plugins((MinimalPlugins, AssetPlugin::default(), MissionsPlugins))
        .add_systems(Startup, |mut commands: Commands| {
            commands.spawn(MissionHolder::new("ann"));
        })
        .add_systems(Update, (take_contract, fly).before(MissionSystems::Ingest))
        .add_systems(Update, celebrate.after(MissionSystems::Resolve))
        .add_systems(Last, give_up_after(600))
        .run()
}

/// Ask to accept a mission; every gate is re-checked and a refusal arrives as `MissionRejected`.
fn take_contract(
    new: Query<Entity, Added<MissionHolder>>,
    mut requests: MessageWriter<MissionRequest>,
) {
    for player in &new {
        requests.write(MissionRequest::accept(player, "M_RELAY_RESTORE"));
    }
}

/// Your gameplay code reports facts; here the player reboots the relay once they hold the job.
fn fly(mut accepted: MessageReader<MissionAccepted>, mut facts: MessageWriter<MissionFact>) {
    for job in accepted.read() {
        info!("{} accepted", job.mission);
        facts.write(MissionFact::interacted(job.player, "RELAY_TERMINAL"));
    }
}

fn celebrate(mut completed: MessageReader<MissionCompleted>, mut exit: MessageWriter<AppExit>) {
    for done in completed.read() {
        info!("{} complete: {:?}", done.mission, done.payout);
        println!("{} complete", done.mission);
        exit.write(AppExit::Success);
    }
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
