//! Between the world and a [`SaveGame`]: [`capture`] reads every persistent piece of mission
//! state, [`restore`] puts a save back, mapping player ids to entities.

use std::collections::{BTreeMap, BTreeSet};

use bevy::ecs::system::SystemState;
use bevy::platform::collections::HashMap;
use bevy::prelude::*;

use crate::catalog::{MissionCatalog, Scope};
use crate::clock::MissionClock;
use crate::lifecycle::*;
use crate::model::save::*;
use crate::objectives::{DeadlineQueue, ObjectiveIndex};
use crate::player::*;
use crate::run::{RunDefinition, WaveDirector};

/// Every player who held missions this session, by entity, including ones whose entity has
/// since been despawned: checkpoint logs still name them in saves.
#[derive(Resource, Default, Debug, Reflect)]
#[reflect(Resource)]
pub(crate) struct KnownPlayers(pub(crate) HashMap<Entity, PlayerId>);

/// Players whose holder entity was despawned: their last state, so the next save still has
/// them. A holder spawned again with the same id gets it back.
#[derive(Resource, Default, Debug, Reflect)]
#[reflect(Resource)]
pub(crate) struct DepartedPlayers(pub(crate) BTreeMap<PlayerId, PlayerSave>);

/// The components of one player, as [`capture`] reads them.
pub(crate) type PlayerComponents = (
    &'static MissionHolder,
    PlayerStateRef,
    Option<&'static RunDefinition>,
);

/// A player's persistent state as the save stores it (session completions left out).
pub(crate) fn player_save(
    (holder, state, run): (
        &MissionHolder,
        PlayerStateRefItem<'_, '_>,
        Option<&RunDefinition>,
    ),
) -> PlayerSave {
    PlayerSave {
        id: holder.id.clone(),
        wallet: *state.wallet,
        experience: *state.experience,
        reputation: state.reputation.clone(),
        traits: state.traits.clone(),
        inventory: state.inventory.clone(),
        completions: state.history.missions.clone(),
        offered: state.history.offered.clone(),
        ledger: LedgerSave::from(state.ledger),
        variables: state.variables.clone(),
        pinned: state.pinned.clone(),
        journal: state.journal.clone(),
        run: run.cloned(),
    }
}

/// The components a saved player is put back with (a session's completions are kept).
pub(crate) fn player_bundle(
    p: PlayerSave,
    session: BTreeMap<crate::ids::MissionId, CompletionRecord>,
) -> PlayerState {
    PlayerState {
        wallet: p.wallet,
        experience: p.experience,
        reputation: p.reputation,
        traits: p.traits,
        inventory: p.inventory,
        history: MissionHistory {
            missions: p.completions,
            session,
            offered: p.offered,
        },
        ledger: p.ledger.into(),
        variables: p.variables,
        pinned: p.pinned,
        journal: p.journal,
    }
}

/// Reads every persistent piece of mission state. Session-scope completions are left out, as
/// are acceptances that already ended (their outcome is in the players' histories).
pub fn capture(world: &mut World) -> SaveGame {
    let mut names: HashMap<Entity, PlayerId> = world
        .get_resource::<KnownPlayers>()
        .map(|k| k.0.clone())
        .unwrap_or_default();
    let mut players: BTreeMap<PlayerId, PlayerSave> = world
        .get_resource::<DepartedPlayers>()
        .map(|d| d.0.clone())
        .unwrap_or_default();
    let mut query = world.query::<(Entity, PlayerComponents)>();
    for (entity, components) in query.iter(world) {
        names.insert(entity, components.0.id.clone());
        let save = player_save(components);
        players.insert(save.id.clone(), save);
    }

    let session = session_missions(world);
    let mut acceptances: Vec<AcceptanceSave> = world
        .query::<&MissionAcceptance>()
        .iter(world)
        .filter(|acc| acc.status == MissionStatus::Active && !session.contains(&acc.mission))
        .filter_map(|acc| acceptance_save(acc, &names))
        .collect();
    acceptances.sort_by_key(|a| a.serial);
    // A ledger owes only attempts the save holds: a session-scope attempt ends with the session.
    for p in players.values_mut() {
        p.ledger.owed.retain(|serial| {
            acceptances
                .binary_search_by_key(serial, |a| a.serial)
                .is_ok_and(|i| acceptances[i].holders.contains(&p.id))
        });
    }

    // Generated missions are kept while someone has them pinned, in progress or in a journal.
    let wanted: BTreeSet<&crate::ids::MissionId> = players
        .values()
        .flat_map(|p| {
            p.pinned
                .0
                .iter()
                .chain(p.journal.0.iter().map(|e| &e.mission))
        })
        .chain(acceptances.iter().map(|a| &a.mission))
        .collect();
    let generated = world
        .get_resource::<GeneratedMissions>()
        .map(|g| {
            g.0.iter()
                .filter(|(id, _)| wanted.contains(id))
                .map(|(id, def)| (id.clone(), def.clone()))
                .collect()
        })
        .unwrap_or_default();

    let clock = world
        .get_resource::<MissionClock>()
        .cloned()
        .unwrap_or_default();
    SaveGame {
        version: SAVE_VERSION,
        clock_now: clock.now,
        clock_epoch_unix: clock.epoch_unix,
        last_serial: world.get_resource::<SerialCounter>().map_or(0, |s| s.0),
        players: players.into_values().collect(),
        acceptances,
        shared: SharedSave {
            completions: world
                .get_resource::<SharedMissions>()
                .map(|s| s.completions.clone())
                .unwrap_or_default(),
            variables: world
                .get_resource::<SharedVariables>()
                .map(|v| v.0.clone())
                .unwrap_or_default(),
        },
        generated,
    }
}

/// Missions of session scope (catalog and generated): never saved, even in progress.
fn session_missions(world: &World) -> BTreeSet<crate::ids::MissionId> {
    let catalog = world.get_resource::<MissionCatalog>();
    let generated = world.get_resource::<GeneratedMissions>();
    catalog
        .into_iter()
        .flat_map(|c| c.missions())
        .chain(generated.into_iter().flat_map(|g| g.0.values()))
        .filter(|d| d.scope == Scope::PlayerSession)
        .map(|d| d.id.clone())
        .collect()
}

/// One mission in progress, with its players named by id (`None` when no holder is known).
fn acceptance_save(
    acc: &MissionAcceptance,
    names: &HashMap<Entity, PlayerId>,
) -> Option<AcceptanceSave> {
    let ids = |entities: &[Entity]| -> Vec<PlayerId> {
        entities
            .iter()
            .filter_map(|e| names.get(e).cloned())
            .collect()
    };
    let holders = ids(&acc.holders);
    if holders.is_empty() {
        warn!(
            "acceptance {} of {} has no known holder; not saved",
            acc.serial, acc.mission
        );
        return None;
    }
    Some(AcceptanceSave {
        serial: acc.serial,
        mission: acc.mission.clone(),
        holders,
        status: acc.status,
        accepted_at: acc.accepted_at,
        deadline: acc.deadline,
        expires_at: acc.expires_at,
        progress: acc.stored_progress(),
        fail_counts: acc.fail_counts.clone(),
        fail_keys: acc.fail_keys.clone(),
        checkpoints: acc
            .checkpoints
            .iter()
            .filter_map(|c| {
                Some(CheckpointSave {
                    at: c.at,
                    objective: c.objective,
                    amount: c.amount,
                    by: names.get(&c.by)?.clone(),
                })
            })
            .collect(),
        contributors: ids(&acc.contributors),
        tracked: acc.tracked,
        run_seconds: acc.run_seconds,
        run_started_at: acc.run_started_at,
        launch_by: acc.launch_by(),
        places: acc.places.clone(),
    })
}

/// What [`restore`] did.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RestoreReport {
    /// Players restored.
    pub players: usize,
    /// Missions in progress restored.
    pub acceptances: usize,
    /// Holder entities spawned for players in the save who were not in the world.
    pub spawned: Vec<Entity>,
    /// Inconsistencies repaired (each also logged as a warning).
    pub warnings: Vec<String>,
}

/// Replaces the world's mission state with a save. Players already in the world (matched by
/// [`MissionHolder::id`]) get their saved state; players missing from the world are spawned as
/// holders. Missions in progress are rebuilt, routed and their timers queued. Inconsistent
/// records (an acceptance naming no known player, a repeated serial) are dropped with a
/// warning; nothing panics.
pub fn restore(world: &mut World, mut save: SaveGame) -> RestoreReport {
    let mut report = RestoreReport::default();
    // A ledger owes only the attempts the save holds for that player: an edited save cannot be
    // owed an attempt it does not have (or one that already ended and was paid).
    // Grouped by player, so each player's id is looked up once, not once per serial.
    {
        let mut held: HashMap<&PlayerId, BTreeSet<u64>> = HashMap::new();
        for a in &save.acceptances {
            for h in &a.holders {
                held.entry(h).or_default().insert(a.serial);
            }
        }
        let none = BTreeSet::new();
        for p in &mut save.players {
            let before = p.ledger.owed.len();
            let theirs = held.get(&p.id).unwrap_or(&none);
            p.ledger.owed.retain(|serial| theirs.contains(serial));
            if p.ledger.owed.len() < before {
                report.warn(format!(
                    "{}: {} owed attempt(s) not in the save were dropped",
                    p.id.0,
                    before - p.ledger.owed.len()
                ));
            }
        }
    }
    reset_runtime(world, &mut save);
    let runs: Vec<(PlayerId, Option<RunDefinition>)> = save
        .players
        .iter_mut()
        .map(|p| (p.id.clone(), p.run.take()))
        .collect();
    let by_id = restore_players(world, save.players, &mut report);
    let mut serials = BTreeSet::new();
    let mut restored = Vec::new();
    for a in save.acceptances {
        if let Some(acceptance) = restore_acceptance(a, &by_id, &mut serials, &mut report) {
            restored.push(world.spawn(acceptance).id());
        }
    }
    report.acceptances = restored.len();

    let mut state: SystemState<Lifecycle> = SystemState::new(world);
    match state.get_mut(world) {
        Ok(mut lifecycle) => lifecycle.adopt_restored(&restored),
        Err(e) => report.warn(format!("missions in progress not routed: {e}")),
    }
    state.apply(world);
    restore_runs(world, runs, &by_id, &mut report);
    // Every subscriber hears where its quest stands in the loaded game.
    let subscribers: Vec<Entity> = world
        .query_filtered::<Entity, With<QuestSubscription>>()
        .iter(world)
        .collect();
    if let Some(mut catch_up) = world.get_resource_mut::<SubscribersToCatchUp>() {
        catch_up.0.extend(subscribers);
    }
    report
}

impl RestoreReport {
    fn warn(&mut self, message: String) {
        warn!("save: {message}");
        self.warnings.push(message);
    }
}

/// Forgets the current missions in progress and puts back the save's shared state, generated
/// missions, clock and serial counter (moved out of the save, not copied).
fn reset_runtime(world: &mut World, save: &mut SaveGame) {
    let old: Vec<Entity> = world
        .query_filtered::<Entity, With<MissionAcceptance>>()
        .iter(world)
        .collect();
    if let Some(mut index) = world.get_resource_mut::<ObjectiveIndex>() {
        for &e in &old {
            index.unregister(e);
        }
    }
    for e in old {
        world.despawn(e);
    }
    world.insert_resource(DeadlineQueue::default());
    world.insert_resource(SharedMissions {
        completions: std::mem::take(&mut save.shared.completions),
        ..default()
    });
    world.insert_resource(SharedVariables(std::mem::take(&mut save.shared.variables)));
    // A generated mission the save keeps only for a journal has ended: it is forgotten like
    // any ended draw once no journal shows it.
    let live: BTreeSet<&crate::ids::MissionId> = save
        .players
        .iter()
        .flat_map(|p| &p.pinned.0)
        .chain(save.acceptances.iter().map(|a| &a.mission))
        .collect();
    let ended: Vec<crate::ids::MissionId> = save
        .generated
        .keys()
        .filter(|id| !live.contains(id))
        .cloned()
        .collect();
    world.insert_resource(EndedDraws {
        ids: ended,
        kept: 0,
    });
    // Serials handed out so far: no new attempt or draw may reuse one, even if an edited save
    // says a lower `last_serial`.
    let top_serial = save
        .acceptances
        .iter()
        .map(|a| a.serial)
        .chain(
            save.players
                .iter()
                .flat_map(|p| p.journal.0.iter().map(|e| e.serial)),
        )
        .chain(save.generated.keys().filter_map(crate::draw::draw_serial))
        .max()
        .unwrap_or(0);
    world.insert_resource(GeneratedMissions(std::mem::take(&mut save.generated)));
    world.insert_resource(DepartedPlayers::default());
    {
        let mut clock = world.get_resource_or_insert_with(MissionClock::default);
        if save.clock_now.is_finite() && save.clock_now >= 0.0 {
            clock.now = save.clock_now;
        }
        clock.epoch_unix = save.clock_epoch_unix;
    }
    world.insert_resource(SerialCounter(save.last_serial.max(top_serial)));
}

/// Gives every saved player their state: holders already in the world are matched by id, the
/// others are spawned. Returns every player's entity by id.
fn restore_players(
    world: &mut World,
    players: Vec<PlayerSave>,
    report: &mut RestoreReport,
) -> HashMap<PlayerId, Entity> {
    let mut by_id: HashMap<PlayerId, Entity> = HashMap::default();
    let mut holders = world.query::<(Entity, &MissionHolder)>();
    for (entity, holder) in holders.iter(world) {
        by_id.entry(holder.id.clone()).or_insert(entity);
    }
    for entity in by_id.values() {
        if let Some(mut active) = world.get_mut::<ActiveMissions>(*entity) {
            active.0.clear();
        }
    }
    let mut seen = BTreeSet::new();
    for p in players {
        if !seen.insert(p.id.clone()) {
            report.warn(format!(
                "player {} appears twice; the first record wins",
                p.id
            ));
            continue;
        }
        let entity = match by_id.get(&p.id) {
            Some(&e) => e,
            None => {
                let e = world.spawn(MissionHolder { id: p.id.clone() }).id();
                report.spawned.push(e);
                by_id.insert(p.id.clone(), e);
                e
            }
        };
        let session = world
            .get::<MissionHistory>(entity)
            .map(|h| h.session.clone())
            .unwrap_or_default();
        world
            .entity_mut(entity)
            .insert((player_bundle(p, session), ActiveMissions::default()));
        report.players += 1;
    }
    if let Some(mut known) = world.get_resource_mut::<KnownPlayers>() {
        for (id, &e) in &by_id {
            known.0.insert(e, id.clone());
        }
    }
    by_id
}

/// Puts each player's saved run back while its mission is still in progress (a run whose
/// mission is over or gone is dropped with a warning); a player saved without a run has none.
fn restore_runs(
    world: &mut World,
    runs: Vec<(PlayerId, Option<RunDefinition>)>,
    by_id: &HashMap<PlayerId, Entity>,
    report: &mut RestoreReport,
) {
    for (id, run) in runs {
        let Some(&entity) = by_id.get(&id) else {
            continue;
        };
        let acceptance = run.as_ref().and_then(|r| {
            world
                .get::<ActiveMissions>(entity)
                .and_then(|a| a.of(&r.mission))
        });
        // A run that had started goes on with a director (its waves from the first again); a
        // contract still at the hub waits for its launch.
        let started = acceptance
            .and_then(|a| world.get::<MissionAcceptance>(a))
            .is_some_and(|a| a.run_started_at().is_some());
        let mut player = world.entity_mut(entity);
        match run {
            Some(run) if acceptance.is_some() => {
                player.insert(run);
                if started {
                    player.insert(WaveDirector::default());
                }
            }
            Some(run) => {
                report.warn(format!(
                    "player {id}: the run for {} is dropped (its mission is not in progress)",
                    run.mission
                ));
                player.remove::<RunDefinition>();
            }
            None => {
                player.remove::<RunDefinition>();
            }
        }
    }
}

/// One saved mission in progress as an acceptance, or `None` (with a warning) when it is not in
/// progress, repeats a serial or names no known player.
fn restore_acceptance(
    a: AcceptanceSave,
    by_id: &HashMap<PlayerId, Entity>,
    serials: &mut BTreeSet<u64>,
    report: &mut RestoreReport,
) -> Option<MissionAcceptance> {
    if a.status != MissionStatus::Active {
        report.warn(format!(
            "acceptance {} of {} is {:?}, not in progress; skipped",
            a.serial, a.mission, a.status
        ));
        return None;
    }
    if !serials.insert(a.serial) {
        report.warn(format!(
            "acceptance serial {} appears twice; the first wins",
            a.serial
        ));
        return None;
    }
    let entity_of = |id: &PlayerId| by_id.get(id).copied();
    let holders: Vec<Entity> = a.holders.iter().filter_map(entity_of).collect();
    if holders.len() != a.holders.len() {
        report.warn(format!(
            "acceptance {} of {} names a player not in the save",
            a.serial, a.mission
        ));
    }
    if holders.is_empty() {
        return None;
    }
    Some(MissionAcceptance {
        serial: a.serial,
        mission: a.mission,
        holders,
        status: MissionStatus::Active,
        accepted_at: a.accepted_at,
        ended_at: None,
        deadline: a.deadline,
        expires_at: a.expires_at,
        progress: a.progress,
        fail_counts: a.fail_counts,
        fail_keys: a.fail_keys,
        withdrawn: false,
        checkpoints: a
            .checkpoints
            .into_iter()
            .filter_map(|c| {
                Some(Checkpoint {
                    at: c.at,
                    objective: c.objective,
                    amount: c.amount,
                    by: entity_of(&c.by)?,
                })
            })
            .collect(),
        contributors: a.contributors.iter().filter_map(entity_of).collect(),
        tracked: a.tracked,
        run_seconds: a.run_seconds,
        run_started_at: a.run_started_at,
        launch_by: a.launch_by,
        places: a.places,
        spawned: Vec::new(),
    })
}

/// A player spawned again after their entity was despawned: their missions in progress (and
/// their place in logs and parties) move from the old entity to `new`, and are routed again.
/// Returns how many missions moved.
pub(crate) fn rejoin(world: &mut World, id: &PlayerId, new: Entity) -> usize {
    let old: Vec<Entity> = world
        .get_resource::<KnownPlayers>()
        .map(|k| {
            k.0.iter()
                .filter(|(e, p)| *p == id && **e != new)
                .map(|(e, _)| *e)
                .collect()
        })
        .unwrap_or_default();
    if old.is_empty() {
        return 0;
    }
    let swap = |e: &mut Entity| {
        if old.contains(e) {
            *e = new;
        }
    };
    let mut moved = Vec::new();
    let mut query = world.query::<(Entity, &mut MissionAcceptance)>();
    for (entity, mut acc) in query.iter_mut(world) {
        if acc.status != MissionStatus::Active || !acc.holders.iter().any(|h| old.contains(h)) {
            continue;
        }
        acc.holders.iter_mut().for_each(swap);
        acc.holders.dedup();
        acc.contributors.iter_mut().for_each(swap);
        acc.checkpoints.iter_mut().for_each(|c| swap(&mut c.by));
        moved.push(entity);
    }
    let mut state: SystemState<Lifecycle> = SystemState::new(world);
    if let Ok(mut lifecycle) = state.get_mut(world) {
        lifecycle.adopt_restored(&moved);
    }
    state.apply(world);
    moved.len()
}
