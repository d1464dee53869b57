//! The save plugin: load when the catalog is ready, save after outcomes (debounced) and on
//! exit, and never write over a save the game could not read.

use std::path::{Path, PathBuf};
use std::time::Duration;

use bevy::ecs::system::SystemState;
use bevy::prelude::*;
use bevy::tasks::futures::check_ready;
use bevy::tasks::{IoTaskPool, Task, block_on};

use super::error::SaveError;
use super::file::{backup_path, read_save, set_aside, write_save};
use super::snapshot::{
    DepartedPlayers, KnownPlayers, PlayerComponents, capture, player_bundle, player_save, rejoin,
    restore,
};
use crate::catalog::{CatalogStatus, MissionCatalog};
use crate::lifecycle::*;
use crate::model::player::RewardLedger;
use crate::model::save::SaveGame;
use crate::model::status::MissionStatus;
use crate::player::*;
use crate::schedule::{MissionSchedule, MissionSystems};

/// Saving and loading player progress. With `path: None` (the default, and what
/// [`crate::MissionsPlugins::manual`] keeps) nothing touches the disk, but
/// [`super::capture`] and [`super::restore`] still work.
#[derive(Clone, Debug)]
pub struct SavePlugin {
    /// The save file. Its backup is `<path>.bak`.
    pub path: Option<PathBuf>,
    /// Load the save once the catalog is ready.
    pub load_on_start: bool,
    /// Quiet time after the last change before the save is written (real time).
    pub debounce: Duration,
    /// Longest a change waits while changes keep coming.
    pub max_delay: Duration,
}

impl Default for SavePlugin {
    fn default() -> Self {
        SavePlugin {
            path: None,
            load_on_start: true,
            debounce: Duration::from_millis(750),
            max_delay: Duration::from_secs(10),
        }
    }
}

impl SavePlugin {
    /// Saves to (and loads from) this file, with the default timings.
    pub fn at(path: impl Into<PathBuf>) -> Self {
        SavePlugin {
            path: Some(path.into()),
            ..default()
        }
    }
}

/// What the game asks of the save.
#[derive(Message, Clone, Debug, PartialEq, Eq, Reflect)]
#[non_exhaustive]
pub enum SaveCommand {
    /// Write now (a "save" menu entry, a checkpoint), skipping the debounce.
    SaveNow,
    /// Read the save again and replace the current state with it.
    Reload,
    /// After a refused save: set the refused file aside and load the backup.
    UseBackup,
    /// After a refused save: set the refused file aside and go on with a fresh state.
    StartFresh,
}

/// What happened to the save.
#[derive(Message, Clone, Debug, PartialEq, Reflect)]
#[non_exhaustive]
pub enum SaveOutcome {
    /// A save was loaded.
    Loaded {
        /// The file read.
        path: PathBuf,
        /// What was restored.
        players: usize,
        /// Missions in progress restored.
        acceptances: usize,
        /// Repairs made while restoring.
        warnings: Vec<String>,
    },
    /// There was no save yet: a new game.
    NewGame,
    /// The save could not be read; it is untouched and autosave is paused until the game
    /// answers with [`SaveCommand::UseBackup`] or [`SaveCommand::StartFresh`].
    Refused {
        /// The error, with path and position.
        message: String,
        /// Whether a readable backup exists.
        backup_available: bool,
    },
    /// A refused save was moved out of the way (never deleted).
    SetAside {
        /// Where it was.
        from: PathBuf,
        /// Where it is now.
        to: PathBuf,
    },
    /// The save was written.
    Written {
        /// The file.
        path: PathBuf,
    },
    /// Writing failed; the previous save is untouched. Saving is tried again on the next change.
    WriteFailed {
        /// The error.
        message: String,
    },
}

/// A save the game could not read.
#[derive(Debug)]
pub struct RefusedSave {
    /// Why.
    pub error: SaveError,
    /// The backup, if it exists and reads.
    pub backup: Option<PathBuf>,
}

/// The state of saving, for menus and the notice panel.
#[derive(Resource, Debug, Default, Reflect)]
#[reflect(Resource)]
pub struct SaveStatus {
    /// The save file, if saving is on.
    pub path: Option<PathBuf>,
    /// Whether the startup load has happened (successfully, as a new game, or refused).
    pub started: bool,
    /// A save that could not be read. While set, nothing is written.
    #[reflect(ignore)]
    pub refused: Option<RefusedSave>,
    /// Saves written this run.
    pub writes: u64,
    /// The last write error, cleared by the next good write.
    pub last_error: Option<String>,
    /// What was last written or loaded (compared to skip writes that change nothing).
    last_saved: Option<SaveGame>,
    /// Real time of the first unsaved change and of the latest one.
    pending: Option<(Duration, Duration)>,
    /// The write running on the I/O task pool.
    #[reflect(ignore)]
    writing: Option<Task<WriteDone>>,
    /// The missing-`TimePlugin` warning was logged.
    warned_no_time: bool,
}

impl SaveStatus {
    /// Whether a change is waiting to be written.
    pub fn has_unsaved_changes(&self) -> bool {
        self.pending.is_some()
    }

    /// Whether a write is running in the background.
    pub fn is_writing(&self) -> bool {
        self.writing.is_some()
    }
}

/// Players spawned again after leaving, waiting for their missions to move to the new entity.
#[derive(Resource, Default, Reflect)]
#[reflect(Resource)]
struct Returning(Vec<(PlayerId, Entity)>);

/// The save plugin's timings, as configured.
#[derive(Resource, Clone, Copy, Reflect)]
#[reflect(Resource, opaque)]
struct SaveTimings {
    load_on_start: bool,
    debounce: Duration,
    max_delay: Duration,
}

impl Plugin for SavePlugin {
    fn build(&self, app: &mut App) {
        let schedule = MissionSchedule::of(app, "SavePlugin");
        app.init_resource::<KnownPlayers>()
            .init_resource::<DepartedPlayers>()
            .init_resource::<Returning>()
            .insert_resource(SaveStatus {
                path: self.path.clone(),
                ..default()
            })
            .insert_resource(SaveTimings {
                load_on_start: self.load_on_start,
                debounce: self.debounce,
                max_delay: self.max_delay,
            })
            .add_message::<SaveCommand>()
            .add_message::<SaveOutcome>()
            .add_observer(holder_added)
            .add_observer(holder_removed)
            .add_systems(
                schedule,
                (load_on_start, handle_commands, welcome_back)
                    .chain()
                    .in_set(MissionSystems::Catalog)
                    .after(crate::catalog::rebuild_catalog),
            )
            .add_systems(schedule, mark_changes.after(MissionSystems::Resolve))
            .add_systems(Last, (finish_write, autosave).chain());
    }
}

fn holder_added(
    add: On<Add, MissionHolder>,
    holders: Query<&MissionHolder>,
    mut known: ResMut<KnownPlayers>,
    mut departed: ResMut<DepartedPlayers>,
    mut returning: ResMut<Returning>,
    mut commands: Commands,
) {
    let Ok(holder) = holders.get(add.entity) else {
        return;
    };
    known.0.insert(add.entity, holder.id.clone());
    if let Some(mut p) = departed.0.remove(&holder.id) {
        info!("{} is back: their progress is restored", holder.id);
        let mut entity = commands.entity(add.entity);
        // The run they were flying, if any, comes back with the missions `rejoin` moves.
        if let Some(run) = p.run.take() {
            entity.insert(run);
        }
        entity.insert(player_bundle(p, Default::default()));
        returning.0.push((holder.id.clone(), add.entity));
    }
}

fn welcome_back(world: &mut World) {
    let players = std::mem::take(&mut world.resource_mut::<Returning>().0);
    for (id, entity) in players {
        let moved = rejoin(world, &id, entity);
        if moved > 0 {
            info!("{id}: {moved} missions in progress resume");
        }
        settle_ledger(world, entity);
    }
}

/// A returning player is owed only the attempts they hold now: one that ended while they were
/// away (a shared quest others finished) was not theirs to be paid and leaves their ledger.
fn settle_ledger(world: &mut World, player: Entity) {
    let held: Vec<u64> = world
        .query::<&MissionAcceptance>()
        .iter(world)
        .filter(|a| a.status() == MissionStatus::Active && a.holders().contains(&player))
        .map(MissionAcceptance::serial)
        .collect();
    if let Some(mut ledger) = world.get_mut::<RewardLedger>(player) {
        ledger.owed.retain(|serial| held.contains(serial));
    }
}

/// A despawned player's state stays in the next save.
fn holder_removed(
    remove: On<Remove, MissionHolder>,
    players: Query<PlayerComponents>,
    mut departed: ResMut<DepartedPlayers>,
) {
    if let Ok(p) = players.get(remove.entity) {
        let save = player_save(p);
        departed.0.insert(save.id.clone(), save);
    }
}

fn catalog_ready(world: &World) -> bool {
    let status = world.get_resource::<CatalogStatus>();
    status.is_some_and(|s| s.generation > 0 || !s.errors.is_empty())
        || world
            .get_resource::<MissionCatalog>()
            .is_some_and(|c| c.missions().len() > 0)
}

fn load_on_start(world: &mut World) {
    let Some(timings) = world.get_resource::<SaveTimings>().copied() else {
        return;
    };
    let status = world.resource::<SaveStatus>();
    if status.started || !catalog_ready(world) {
        return;
    }
    let path = status.path.clone();
    world.resource_mut::<SaveStatus>().started = true;
    match path {
        Some(path) if timings.load_on_start => load(world, &path),
        _ => {}
    }
}

/// Reads the save and restores it; a save that cannot be read is reported and left alone.
fn load(world: &mut World, path: &Path) {
    match read_save(path) {
        Ok(Some(save)) => apply(world, path, save),
        Ok(None) => {
            info!("no save at {}: a new game", path.display());
            world.write_message(SaveOutcome::NewGame);
        }
        Err(error) => refuse(world, path, error),
    }
}

fn apply(world: &mut World, path: &Path, save: SaveGame) {
    let report = restore(world, save);
    info!(
        "loaded {}: {} players, {} missions in progress",
        path.display(),
        report.players,
        report.acceptances
    );
    let snapshot = capture(world);
    let mut status = world.resource_mut::<SaveStatus>();
    status.refused = None;
    status.pending = None;
    status.last_saved = Some(snapshot);
    world.write_message(SaveOutcome::Loaded {
        path: path.to_owned(),
        players: report.players,
        acceptances: report.acceptances,
        warnings: report.warnings,
    });
}

fn refuse(world: &mut World, path: &Path, error: SaveError) {
    let backup = backup_path(path);
    let backup = matches!(read_save(&backup), Ok(Some(_))).then_some(backup);
    error!("{error}; the file is left as it is and nothing will be saved until you choose");
    world.write_message(SaveOutcome::Refused {
        message: error.to_string(),
        backup_available: backup.is_some(),
    });
    world.resource_mut::<SaveStatus>().refused = Some(RefusedSave { error, backup });
}

fn handle_commands(world: &mut World, reader: &mut SystemState<MessageReader<SaveCommand>>) {
    let Ok(mut messages) = reader.get_mut(world) else {
        return;
    };
    let commands: Vec<SaveCommand> = messages.read().cloned().collect();
    let Some(path) = world.resource::<SaveStatus>().path.clone() else {
        if !commands.is_empty() {
            warn!("save command ignored: no save path is set");
        }
        return;
    };
    for command in commands {
        let refused = world.resource::<SaveStatus>().refused.is_some();
        match command {
            SaveCommand::SaveNow => write_now(world, &path),
            SaveCommand::Reload => load(world, &path),
            SaveCommand::UseBackup if refused => match read_save(&backup_path(&path)) {
                Ok(Some(save)) => {
                    if set_aside_refused(world, &path) {
                        apply(world, &path, save);
                        // The save's path is empty now: write the backup's state there.
                        world.resource_mut::<SaveStatus>().last_saved = None;
                        write_now(world, &path);
                    }
                }
                Ok(None) => warn!("there is no backup at {}", backup_path(&path).display()),
                Err(error) => refuse(world, &path, error),
            },
            SaveCommand::StartFresh if refused => {
                if set_aside_refused(world, &path) {
                    world.resource_mut::<SaveStatus>().refused = None;
                    write_now(world, &path);
                }
            }
            SaveCommand::UseBackup | SaveCommand::StartFresh => {
                warn!("{command:?} only applies after a save was refused");
            }
        }
    }
}

/// Moves the refused file aside. False (and the file untouched) if that failed.
fn set_aside_refused(world: &mut World, path: &Path) -> bool {
    if !path.exists() {
        return true;
    }
    match set_aside(path) {
        Ok(to) => {
            info!("the refused save is kept at {}", to.display());
            world.write_message(SaveOutcome::SetAside {
                from: path.to_owned(),
                to,
            });
            true
        }
        Err(e) => {
            let message = format!(
                "{}: cannot move the refused save aside: {e}",
                path.display()
            );
            error!("{message}");
            world.write_message(SaveOutcome::WriteFailed { message });
            false
        }
    }
}

/// Notes the real time of any change to persistent mission state.
fn mark_changes(
    time: Option<Res<Time<Real>>>,
    mut status: ResMut<SaveStatus>,
    players: Query<(), (With<MissionHolder>, PlayerStateChanged)>,
    acceptances: Query<(), Changed<MissionAcceptance>>,
    shared: Res<SharedMissions>,
    shared_vars: Res<SharedVariables>,
) {
    if status.path.is_none() || !status.started {
        return;
    }
    if time.is_none() && !status.warned_no_time {
        status.warned_no_time = true;
        warn!(
            "SavePlugin: no Time resource (add TimePlugin); saves are written only on exit and \
             on SaveCommand::SaveNow"
        );
    }
    let changed = !players.is_empty()
        || !acceptances.is_empty()
        || shared.is_changed()
        || shared_vars.is_changed();
    if changed {
        let now = time.map_or(Duration::ZERO, |t| t.elapsed());
        status.pending = Some(status.pending.map_or((now, now), |(first, _)| (first, now)));
    }
}

/// Writes pending changes once the debounce or the longest delay has passed, and everything
/// on exit.
fn autosave(world: &mut World) {
    let exiting = world
        .get_resource::<Messages<AppExit>>()
        .is_some_and(|m| !m.is_empty());
    let Some(timings) = world.get_resource::<SaveTimings>().copied() else {
        return;
    };
    let status = world.resource::<SaveStatus>();
    let Some(path) = status.path.clone() else {
        return;
    };
    let Some((first, last)) = status.pending else {
        return;
    };
    let Some(now) = world.get_resource::<Time<Real>>().map(Time::elapsed) else {
        if exiting {
            write_now(world, &path);
        }
        return;
    };
    let due = now.saturating_sub(last) >= timings.debounce
        || now.saturating_sub(first) >= timings.max_delay;
    if exiting {
        write_now(world, &path);
    } else if due {
        write_in_background(world, &path);
    }
}

/// A finished write: where, what, and how it went.
struct WriteDone {
    path: PathBuf,
    save: SaveGame,
    result: Result<(), SaveError>,
}

/// Writes a save to disk (on the caller's thread) and hands it back with the result.
fn write_to_disk(path: PathBuf, save: SaveGame) -> WriteDone {
    let result = write_save(&path, &save);
    WriteDone { path, save, result }
}

/// Collects the result of a background write.
fn finish_write(world: &mut World) {
    let mut status = world.resource_mut::<SaveStatus>();
    let Some(done) = status.writing.as_mut().and_then(check_ready) else {
        return;
    };
    status.writing = None;
    record_write(world, done);
}

/// Waits for a background write, if one is running.
fn wait_for_write(world: &mut World) {
    if let Some(task) = world.resource_mut::<SaveStatus>().writing.take() {
        record_write(world, block_on(task));
    }
}

fn record_write(world: &mut World, done: WriteDone) {
    let mut status = world.resource_mut::<SaveStatus>();
    match done.result {
        Ok(()) => {
            status.writes += 1;
            status.last_error = None;
            status.last_saved = Some(done.save);
            debug!("saved {}", done.path.display());
            world.write_message(SaveOutcome::Written { path: done.path });
        }
        Err(e) => {
            let message = e.to_string();
            error!("{message}");
            status.last_error = Some(message.clone());
            // Try again on the next change.
            status.last_saved = None;
            world.write_message(SaveOutcome::WriteFailed { message });
        }
    }
}

/// What should be written now, if anything: nothing while a refused save waits for the
/// player's choice, nor when nothing persistent changed since the last write.
fn next_save(world: &mut World) -> Option<SaveGame> {
    if world.resource::<SaveStatus>().refused.is_some() {
        return None;
    }
    let save = capture(world);
    let mut status = world.resource_mut::<SaveStatus>();
    status.pending = None;
    let unchanged = status
        .last_saved
        .as_ref()
        .is_some_and(|last| same_progress(last, &save));
    (!unchanged).then_some(save)
}

/// Starts a write on the I/O task pool (the frame does not wait for the disk). One write runs
/// at a time; changes made meanwhile are written after it.
fn write_in_background(world: &mut World, path: &Path) {
    if world.resource::<SaveStatus>().writing.is_some() {
        return;
    }
    let Some(pool) = IoTaskPool::try_get() else {
        write_now(world, path);
        return;
    };
    let Some(save) = next_save(world) else {
        return;
    };
    let path = path.to_owned();
    let task = pool.spawn(async move { write_to_disk(path, save) });
    world.resource_mut::<SaveStatus>().writing = Some(task);
}

/// Writes the state now and waits for the disk (exit, "save now", the player's choice after a
/// refused save).
fn write_now(world: &mut World, path: &Path) {
    wait_for_write(world);
    if let Some(save) = next_save(world) {
        let done = write_to_disk(path.to_owned(), save);
        record_write(world, done);
    }
}

/// Whether two saves differ only by the clock (time passing alone is not worth a write).
fn same_progress(a: &SaveGame, b: &SaveGame) -> bool {
    a.players == b.players
        && a.acceptances == b.acceptances
        && a.shared == b.shared
        && a.generated == b.generated
        && a.last_serial == b.last_serial
}
