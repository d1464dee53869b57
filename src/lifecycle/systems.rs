//! The lifecycle's systems and plugin.

use bevy::ecs::system::SystemState;
use bevy::prelude::*;

use super::answers::{MissionEffectRefused, MissionEffectResolved};
use super::messages::{
    ItemsChanged, MissionAbandoned, MissionAccepted, MissionCompleted, MissionEffectRequested,
    MissionExpired, MissionFailed, MissionOffered, MissionRejected, MissionRequest,
    MissionWithdrawn, ObjectiveProgressed, ObjectiveRemoved, QuestSubscription,
};
use super::param::Lifecycle;
use super::pending::{PendingInput, gate_facts, gate_requests};
use super::resources::{
    AutoStartQueue, EndedSessions, FinishedAcceptances, GeneratedMissions, MissionSeed, NewPlayers,
    QuestSubscribers, SerialCounter, SharedMissions, SharedVariables, SubscribersToCatchUp,
    TriggerTimes,
};
use super::stats::MissionStats;
use crate::catalog::{
    CatalogReadiness, CatalogReloaded, CatalogSources, CatalogStatus, MissionCatalog, Scope,
};
use crate::clock::{MissionClock, advance_clock};
use crate::objectives::{DeadlineQueue, MissionFact, ObjectiveIndex};
use crate::player::{ActiveMissions, MissionHolder};
use crate::schedule::{MissionSchedule, MissionSystems};

/// The mission runtime: registers the lifecycle's resources, messages, observers and systems
/// (requests, facts, objectives, deadlines, rewards, outcomes). Part of [`crate::MissionsPlugins`].
pub struct LifecyclePlugin;

impl Plugin for LifecyclePlugin {
    fn build(&self, app: &mut App) {
        let schedule = MissionSchedule::of(app, "LifecyclePlugin");
        app.init_resource::<MissionClock>()
            .init_resource::<MissionSeed>()
            .init_resource::<SerialCounter>()
            .init_resource::<ObjectiveIndex>()
            .init_resource::<DeadlineQueue>()
            .init_resource::<SharedMissions>()
            .init_resource::<SharedVariables>()
            .init_resource::<QuestSubscribers>()
            .init_resource::<AutoStartQueue>()
            .init_resource::<MissionStats>()
            .init_resource::<GeneratedMissions>()
            .init_resource::<super::resources::EndedDraws>()
            .init_resource::<PendingInput>()
            .init_resource::<EndedSessions>()
            .init_resource::<SubscribersToCatchUp>()
            .init_resource::<FinishedAcceptances>()
            .init_resource::<NewPlayers>()
            .init_resource::<TriggerTimes>()
            .init_resource::<super::unknown::UnknownFactIds>()
            .add_message::<MissionRequest>()
            .add_message::<MissionFact>()
            .add_message::<MissionAccepted>()
            .add_message::<ObjectiveProgressed>()
            .add_message::<MissionCompleted>()
            .add_message::<MissionFailed>()
            .add_message::<MissionAbandoned>()
            .add_message::<MissionExpired>()
            .add_message::<MissionRejected>()
            .add_message::<MissionOffered>()
            .add_message::<ItemsChanged>()
            .add_message::<MissionEffectRequested>()
            .add_message::<MissionEffectResolved>()
            .add_message::<MissionEffectRefused>()
            .add_message::<MissionWithdrawn>()
            .add_message::<ObjectiveRemoved>()
            .add_observer(subscribe)
            .add_observer(unsubscribe)
            .add_observer(new_holder)
            .add_observer(holder_gone)
            .add_systems(
                schedule,
                conform_to_catalog
                    .run_if(resource_changed::<MissionCatalog>)
                    .in_set(MissionSystems::Catalog)
                    .after(crate::catalog::rebuild_catalog),
            )
            // The systems that take the whole `Lifecycle` (two dozen resources and queries) run
            // only when they have something to do: an idle frame checks a few numbers instead.
            .add_systems(
                schedule,
                (
                    advance_clock,
                    process_requests,
                    ingest_facts.run_if(input_waiting),
                )
                    .chain()
                    .in_set(MissionSystems::Ingest),
            )
            .add_systems(
                schedule,
                tick_deadlines
                    .run_if(anything_due)
                    .in_set(MissionSystems::Evaluate),
            )
            .add_systems(
                schedule,
                despawn_finished
                    .run_if(|finished: Res<FinishedAcceptances>| !finished.0.is_empty())
                    .after(MissionSystems::Present),
            )
            .add_systems(
                schedule,
                (
                    start_auto_missions.run_if(players_waiting),
                    super::stats::count_outcomes,
                )
                    .chain()
                    .in_set(MissionSystems::Resolve),
            );
    }
}

fn subscribe(
    add: On<Add, QuestSubscription>,
    subs: Query<&QuestSubscription>,
    mut index: ResMut<QuestSubscribers>,
    mut catch_up: ResMut<SubscribersToCatchUp>,
) {
    catch_up.0.push(add.entity);
    if let Ok(sub) = subs.get(add.entity) {
        index
            .0
            .entry(sub.mission.clone())
            .or_default()
            .push(add.entity);
    }
}

fn unsubscribe(
    remove: On<Remove, QuestSubscription>,
    subs: Query<&QuestSubscription>,
    mut index: ResMut<QuestSubscribers>,
) {
    if let Ok(sub) = subs.get(remove.entity)
        && let Some(list) = index.0.get_mut(&sub.mission)
    {
        list.retain(|e| *e != remove.entity);
    }
}

fn new_holder(
    add: On<Add, MissionHolder>,
    mut queue: ResMut<AutoStartQueue>,
    mut new: ResMut<NewPlayers>,
) {
    queue.0.push(add.entity);
    new.0.push(add.entity);
}

/// A player's entity is going away: their facts find nothing from now on, and their session
/// ends as if they had left, so their session-scope attempts in progress end (abandoned, at no
/// cost) in the next `Ingest`.
fn holder_gone(
    remove: On<Remove, MissionHolder>,
    players: Query<&ActiveMissions>,
    catalog: Res<MissionCatalog>,
    generated: Res<GeneratedMissions>,
    mut ended: ResMut<EndedSessions>,
    mut index: ResMut<ObjectiveIndex>,
) {
    index.forget_player(remove.entity);
    let Ok(active) = players.get(remove.entity) else {
        return;
    };
    let session = active.0.iter().filter(|(_, m)| {
        generated
            .lookup(&catalog, m.as_str())
            .is_some_and(|d| d.scope == Scope::PlayerSession)
    });
    ended.0.extend(session.map(|(acceptance, _)| *acceptance));
}

/// Despawns the acceptances that ended this frame: their outcome is in the messages, the
/// holders' histories and journals.
fn despawn_finished(mut commands: Commands, mut finished: ResMut<FinishedAcceptances>) {
    for acceptance in finished.0.drain(..) {
        if let Ok(mut entity) = commands.get_entity(acceptance) {
            entity.despawn();
        }
    }
}

fn conform_to_catalog(
    mut lifecycle: Lifecycle,
    mut reloads: MessageReader<CatalogReloaded>,
    holders: Query<Entity, With<MissionHolder>>,
) {
    reloads.clear();
    lifecycle.conform_all();
    lifecycle.queue_auto_start(holders.iter());
}

/// Requests are applied one at a time, with their commands applied in between, so that two
/// requests in one frame see each other (accept then abandon, accept twice, the cap).
fn process_requests(
    world: &mut World,
    reader: &mut SystemState<MessageReader<MissionRequest>>,
    lifecycle: &mut SystemState<Lifecycle<'static, 'static>>,
) {
    let Ok(mut messages) = reader.get_mut(world) else {
        return;
    };
    let new: Vec<MissionRequest> = messages.read().cloned().collect();
    let waiting = world
        .get_resource::<PendingInput>()
        .is_some_and(|p| !p.requests.is_empty());
    if new.is_empty() && !waiting {
        return;
    }
    let requests = gate_requests(world, new);
    for request in &requests {
        match lifecycle.get_mut(world) {
            Ok(mut lc) => lc.request(request),
            Err(e) => {
                warn!("mission request skipped: {e}");
                continue;
            }
        }
        lifecycle.apply(world);
    }
}

/// Run condition of [`ingest_facts`]: facts, answers or ended sessions are waiting. Its readers
/// move in step with the system's (it is checked right before the system, whenever the system
/// could run), so it sees exactly the messages the system would read.
fn input_waiting(
    mut facts: MessageReader<MissionFact>,
    mut answers: MessageReader<MissionEffectResolved>,
    pending: Res<PendingInput>,
    ended: Res<EndedSessions>,
) -> bool {
    let new = !facts.is_empty() || !answers.is_empty();
    facts.clear();
    answers.clear();
    new || !pending.facts.is_empty() || !ended.0.is_empty()
}

/// Run condition of [`tick_deadlines`]: a timer, deadline or timer trigger is due (O(1)).
fn anything_due(
    clock: Res<MissionClock>,
    deadlines: Res<DeadlineQueue>,
    triggers: Res<TriggerTimes>,
) -> bool {
    deadlines.next_at().is_some_and(|at| at <= clock.now) || triggers.any_due(clock.now)
}

/// Run condition of [`start_auto_missions`]: players or subscribers are queued.
fn players_waiting(
    queue: Res<AutoStartQueue>,
    new: Res<NewPlayers>,
    catch_up: Res<SubscribersToCatchUp>,
) -> bool {
    !queue.0.is_empty() || !new.0.is_empty() || !catch_up.0.is_empty()
}

/// Everything gameplay reports, in order: sessions of despawned players end, the game's answers
/// to start effects are kept, facts advance objectives.
fn ingest_facts(
    mut lifecycle: Lifecycle,
    mut facts: MessageReader<MissionFact>,
    mut answers: MessageReader<MissionEffectResolved>,
    mut pending: ResMut<PendingInput>,
    mut ended: ResMut<EndedSessions>,
    catalog: (Option<Res<CatalogSources>>, Option<Res<CatalogStatus>>),
) {
    let sessions_ended = !ended.0.is_empty();
    for acceptance in ended.0.drain(..) {
        lifecycle.end_session_attempt(acceptance);
    }
    for answer in answers.read() {
        lifecycle.keep_effect_outcome(answer);
    }
    if facts.is_empty() && pending.facts.is_empty() {
        if sessions_ended {
            lifecycle.flush();
        }
        return;
    }
    let state = CatalogReadiness::of(catalog.0.is_some(), catalog.1.as_deref());
    if state != CatalogReadiness::Ready {
        gate_facts(state, &mut pending, facts.read().cloned());
        return;
    }
    // The hot path: facts are applied where they lie, queued ones first, nothing cloned.
    let queued = std::mem::take(&mut pending.facts);
    for fact in &queued {
        lifecycle.fact(fact.player, &fact.kind);
    }
    for fact in facts.read() {
        lifecycle.fact(fact.player, &fact.kind);
    }
    lifecycle.flush();
}

fn tick_deadlines(mut lifecycle: Lifecycle) {
    if lifecycle.anything_due() {
        lifecycle.tick();
    }
    lifecycle.queue_due_triggers();
}

/// Auto-start missions, game-start offers for new players, and the current quest state for new
/// subscribers (and every subscriber after a load).
fn start_auto_missions(
    mut lifecycle: Lifecycle,
    mut new: ResMut<NewPlayers>,
    mut catch_up: ResMut<SubscribersToCatchUp>,
    catalog: (Option<Res<CatalogSources>>, Option<Res<CatalogStatus>>),
) {
    for entity in catch_up.0.drain(..) {
        lifecycle.notify_current(entity);
    }
    let players = lifecycle.take_auto_queue();
    if !players.is_empty() {
        lifecycle.auto_start(&players);
    }
    // Game-start offers wait for the catalog, like every other input that arrives early: a
    // player spawned on the first frame is offered them once the files have loaded.
    let ready = CatalogReadiness::of(catalog.0.is_some(), catalog.1.as_deref());
    if !new.0.is_empty() && ready == CatalogReadiness::Ready {
        let players = std::mem::take(&mut new.0);
        lifecycle.offer_game_start(&players);
    }
}
