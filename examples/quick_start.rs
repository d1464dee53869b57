use bevy::prelude::*;
use bevy_missions::prelude::*;

fn main() -> AppExit {
    App::new()
        .add_plugins((MinimalPlugins, AssetPlugin::default(), MissionsPlugins))
        .add_systems(Startup, spawn_pilot)
        .run()
}

fn spawn_pilot(mut commands: Commands, mut requests: MessageWriter<MissionRequest>) {
    let pilot = commands.spawn(MissionHolder::new("ann")).id();
    // Requests sent before the catalog has loaded wait for it.
    requests.write(MissionRequest::accept(pilot, "FIRST_FLIGHT"));
    commands
        .entity(pilot)
        // Your gameplay reports what the player did: here, docking as soon as the job is taken.
        .observe(
            |job: On<MissionAccepted>, mut facts: MessageWriter<MissionFact>| {
                facts.write(MissionFact::entered(job.player, "DOCK"));
            },
        )
        .observe(
            |done: On<MissionCompleted>, mut exit: MessageWriter<AppExit>| {
                println!("{} complete, paid {:?}", done.mission, done.payout);
                exit.write(AppExit::Success);
            },
        );
}
