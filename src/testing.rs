//! A headless test driver: the plugin on `MinimalPlugins`, a catalog from a string, a manual
//! clock, and every outcome recorded.
//!
//! ```
//! use bevy_missions::prelude::*;
//! use bevy_missions::testing::MissionsTest;
//!
//! let mut t = MissionsTest::from_ron(r#"(
//!     place_kinds: [(id: "BEACON", name: "Beacon")],
//!     places: [(id: "DOCK", name: "Dock", kind: "BEACON")],
//!     missions: [(id: "HELLO", name: "Hello", objectives: [(goal: GoTo(place: "DOCK"))], rewards: (credits: 10))],
//! )"#).unwrap();
//! let ann = t.spawn_player("ann");
//! t.accept(ann, "HELLO");
//! t.fact(MissionFact::entered(ann, "DOCK"));
//! assert_eq!(t.status(ann, "HELLO"), Some(MissionStatus::Completed));
//! assert_eq!(t.credits(ann), 10);
//! ```

use bevy::ecs::schedule::ScheduleLabel;
use bevy::prelude::*;

use crate::catalog::{CatalogErrors, MissionCatalog};
use crate::clock::MissionClock;
use crate::ids::*;
use crate::lifecycle::*;
use crate::objectives::MissionFact;
use crate::player::*;
use crate::plugin::MissionsPlugins;
use crate::save::{SaveGame, SavePlugin, SaveStatus};
use crate::schedule::MissionSystems;

/// Every outcome message, in order, as recorded by [`MissionsTest`].
#[derive(Resource, Default, Debug, Clone, Reflect)]
#[reflect(Resource)]
pub struct RecordedOutcomes {
    /// Every acceptance as it ended (the plugin despawns them once their outcome is out), in
    /// the order they ended.
    pub finished: Vec<MissionAcceptance>,
    /// Accepted.
    pub accepted: Vec<MissionAccepted>,
    /// Progressed.
    pub progressed: Vec<ObjectiveProgressed>,
    /// Completed.
    pub completed: Vec<MissionCompleted>,
    /// Failed.
    pub failed: Vec<MissionFailed>,
    /// Abandoned.
    pub abandoned: Vec<MissionAbandoned>,
    /// Expired.
    pub expired: Vec<MissionExpired>,
    /// Rejected.
    pub rejected: Vec<MissionRejected>,
    /// Offered.
    pub offered: Vec<MissionOffered>,
    /// Items.
    pub items: Vec<ItemsChanged>,
    /// Game-side effects.
    pub effects: Vec<MissionEffectRequested>,
}

fn record(
    mut log: ResMut<RecordedOutcomes>,
    mut out: OutcomeReaders,
    acceptances: Query<&MissionAcceptance>,
) {
    let mut ended = Vec::new();
    for m in out.completed.read() {
        ended.push(m.acceptance);
        log.completed.push(m.clone());
    }
    for m in out.failed.read() {
        ended.push(m.acceptance);
        log.failed.push(m.clone());
    }
    for m in out.expired.read() {
        ended.push(m.acceptance);
        log.expired.push(m.clone());
    }
    for m in out.abandoned.read() {
        ended.push(m.acceptance);
        log.abandoned.push(m.clone());
    }
    for entity in ended {
        if let Ok(acc) = acceptances.get(entity)
            && acc.status != MissionStatus::Active
            && !log.finished.iter().any(|f| f.serial == acc.serial)
        {
            log.finished.push(acc.clone());
        }
    }
    log.accepted.extend(out.accepted.read().cloned());
    log.progressed.extend(out.progressed.read().cloned());
    log.rejected.extend(out.rejected.read().cloned());
    log.offered.extend(out.offered.read().cloned());
    log.items.extend(out.items.read().cloned());
    log.effects.extend(out.effects.read().cloned());
}

/// Drives the plugin headless.
pub struct MissionsTest {
    /// The app, for anything the helpers do not cover.
    pub app: App,
}

impl MissionsTest {
    /// The plugin on `MinimalPlugins` with a catalog parsed from RON and a manual clock.
    pub fn from_ron(catalog: &str) -> Result<Self, CatalogErrors> {
        Ok(Self::new(MissionCatalog::from_ron_str(catalog)?))
    }

    /// The plugin with a catalog built in code.
    pub fn new(catalog: MissionCatalog) -> Self {
        Self::with_plugins(catalog, MissionsPlugins::manual())
    }

    /// The headless plugin saving to a file: the save loads on the first frame.
    pub fn with_save(catalog: MissionCatalog, save: SavePlugin) -> Self {
        Self::with_plugins(catalog, MissionsPlugins::manual().set(save))
    }

    /// A configured plugin group (its catalog source should be manual, as in
    /// [`MissionsPlugins::manual`]) with a catalog built in code.
    pub fn with_plugins(catalog: MissionCatalog, plugins: impl PluginGroup) -> Self {
        let mut app = App::new();
        app.add_plugins((MinimalPlugins, plugins));
        let schedule = app
            .world()
            .get_resource::<crate::schedule::MissionSchedule>()
            .map_or(Update.intern(), |s| s.0);
        app.insert_resource(catalog)
            .insert_resource(MissionClock::manual())
            .init_resource::<RecordedOutcomes>()
            .add_systems(schedule, record.after(MissionSystems::Resolve));
        // What `App::run` does before the first frame: plugins finish their setup.
        app.finish();
        app.cleanup();
        app.update();
        MissionsTest { app }
    }

    /// Spawns a player and runs a frame (auto-start missions start).
    pub fn spawn_player(&mut self, id: &str) -> Entity {
        let entity = self.app.world_mut().spawn(MissionHolder::new(id)).id();
        self.app.update();
        entity
    }

    /// Sends a request and runs a frame.
    pub fn request(&mut self, request: MissionRequest) {
        self.app.world_mut().write_message(request);
        self.app.update();
    }

    /// Requests an accept and runs a frame.
    pub fn accept(&mut self, player: Entity, mission: &str) {
        self.request(MissionRequest::Accept {
            player,
            mission: mission.into(),
        });
    }

    /// Requests an abandon and runs a frame.
    pub fn abandon(&mut self, player: Entity, mission: &str) {
        self.request(MissionRequest::Abandon {
            player,
            mission: mission.into(),
        });
    }

    /// Requests a turn-in and runs a frame.
    pub fn turn_in(&mut self, player: Entity, mission: &str) {
        self.request(MissionRequest::TurnIn {
            player,
            mission: mission.into(),
        });
    }

    /// Reports a fact and runs a frame.
    pub fn fact(&mut self, fact: MissionFact) {
        self.app.world_mut().write_message(fact);
        self.app.update();
    }

    /// Advances the mission clock and runs a frame.
    pub fn advance(&mut self, secs: f64) {
        self.app
            .world_mut()
            .resource_mut::<MissionClock>()
            .advance(secs);
        self.app.update();
    }

    /// Runs one frame.
    pub fn update(&mut self) {
        self.app.update();
    }

    /// Sends [`AppExit`] and runs the last frame (the save plugin writes on exit).
    pub fn exit(&mut self) {
        self.app.world_mut().write_message(AppExit::Success);
        self.app.update();
    }

    /// The holder entity of a player id (players restored from a save are spawned for you).
    pub fn player(&mut self, id: &str) -> Option<Entity> {
        let world = self.app.world_mut();
        let mut q = world.query::<(Entity, &MissionHolder)>();
        q.iter(world).find(|(_, h)| h.id.0 == id).map(|(e, _)| e)
    }

    /// The save's state.
    pub fn save_status(&self) -> &SaveStatus {
        self.app.world().resource::<SaveStatus>()
    }

    /// Everything a save would hold right now.
    pub fn snapshot(&mut self) -> SaveGame {
        crate::save::capture(self.app.world_mut())
    }

    /// The latest acceptance of a mission by a player (active first, then the newest ended one).
    ///
    /// Finished acceptances are despawned once their outcome is out; the ones that ended while
    /// this test ran come from [`RecordedOutcomes::finished`], and older ones (restored from a
    /// save) from the player's [`MissionJournal`].
    pub fn acceptance(&mut self, player: Entity, mission: &str) -> Option<MissionAcceptance> {
        let world = self.app.world_mut();
        let mut q = world.query::<&MissionAcceptance>();
        let mine =
            |a: &&MissionAcceptance| a.mission.as_str() == mission && a.holders.contains(&player);
        let latest = |a: &&MissionAcceptance| (a.status == MissionStatus::Active, a.serial);
        let live = q.iter(world).filter(mine).max_by_key(latest).cloned();
        let recorded = world
            .resource::<RecordedOutcomes>()
            .finished
            .iter()
            .filter(mine)
            .max_by_key(latest)
            .cloned();
        let journal = world
            .get::<MissionJournal>(player)
            .and_then(|j| j.last_of(mission))
            .map(|e| MissionAcceptance {
                serial: e.serial,
                mission: e.mission.clone(),
                holders: vec![player],
                status: e.status,
                accepted_at: e.accepted_at,
                ended_at: Some(e.ended_at),
                deadline: None,
                expires_at: None,
                progress: e.progress.clone(),
                fail_counts: Vec::new(),
                fail_keys: Vec::new(),
                withdrawn: false,
                checkpoints: e
                    .checkpoints
                    .iter()
                    .map(|&(at, objective, amount, _)| Checkpoint {
                        at,
                        objective,
                        amount,
                        by: player,
                    })
                    .collect(),
                contributors: Vec::new(),
                tracked: false,
                run_seconds: None,
                run_started_at: None,
                launch_by: None,
                places: Vec::new(),
                spawned: Vec::new(),
            });
        [live, recorded, journal]
            .into_iter()
            .flatten()
            .max_by_key(|a| (a.status == MissionStatus::Active, a.serial))
    }

    /// Status of the latest acceptance of a mission by a player.
    pub fn status(&mut self, player: Entity, mission: &str) -> Option<MissionStatus> {
        self.acceptance(player, mission).map(|a| a.status)
    }

    /// A player component.
    pub fn get<C: Component + Clone>(&self, player: Entity) -> Option<C> {
        self.app.world().get::<C>(player).cloned()
    }

    /// Credits.
    pub fn credits(&self, player: Entity) -> u64 {
        self.get::<Wallet>(player).map_or(0, |w| w.credits)
    }

    /// Standing with a faction.
    pub fn reputation(&self, player: Entity, faction: &str) -> i32 {
        let catalog = self.app.world().resource::<MissionCatalog>();
        self.get::<Reputation>(player)
            .map_or(0, |r| r.get(&FactionId::from(faction), catalog))
    }

    /// Times a player completed a mission.
    pub fn completions(&self, player: Entity, mission: &str) -> u32 {
        self.get::<MissionHistory>(player)
            .map_or(0, |h| h.completions(&MissionId::from(mission)))
    }

    /// Every outcome recorded so far.
    pub fn outcomes(&self) -> &RecordedOutcomes {
        self.app.world().resource::<RecordedOutcomes>()
    }

    /// The reasons of every rejection so far.
    pub fn rejections(&self) -> Vec<RejectReason> {
        self.outcomes()
            .rejected
            .iter()
            .map(|r| r.reason.clone())
            .collect()
    }
}
