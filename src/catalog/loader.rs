//! Loading catalog files as Bevy assets, merging them, and hot reload.

use std::collections::HashMap;

use bevy::asset::io::Reader;
use bevy::asset::{AssetLoadFailedEvent, AssetLoader, LoadContext, LoadState, LoadedFolder};
use bevy::ecs::system::SystemParam;
use bevy::prelude::*;

use super::build::{CatalogInput, build_from_files};
use super::error::{CatalogError, CatalogErrorKind};
use super::store::MissionCatalog;
use crate::schedule::{MissionSchedule, MissionSystems};

/// One `*.missions.ron` file as a Bevy asset. Parse errors are kept inside the asset (not raised
/// as load failures) so that they arrive typed, with line and column, and the merge step can
/// report every broken file at once.
#[derive(Asset, TypePath, Debug, Clone)]
pub struct CatalogFile(pub CatalogInput);

/// The [`AssetLoader`] for `*.missions.ron` files.
#[derive(Default, TypePath)]
pub struct CatalogFileLoader;

/// A catalog file that could not even be read.
#[derive(Debug, thiserror::Error)]
pub enum CatalogLoadError {
    /// The file could not be read.
    #[error("cannot read catalog file: {0}")]
    Io(#[from] std::io::Error),
}

impl AssetLoader for CatalogFileLoader {
    type Asset = CatalogFile;
    type Settings = ();
    type Error = CatalogLoadError;

    async fn load(
        &self,
        reader: &mut dyn Reader,
        _settings: &(),
        load_context: &mut LoadContext<'_>,
    ) -> Result<CatalogFile, CatalogLoadError> {
        let mut bytes = Vec::new();
        reader.read_to_end(&mut bytes).await?;
        let path = load_context.path().to_string();
        Ok(CatalogFile(CatalogInput::parse(path, &bytes)))
    }

    fn extensions(&self) -> &[&str] {
        &["missions.ron"]
    }
}

/// Raised when a new catalog replaced the old one.
#[derive(Message, Clone, Debug, Reflect)]
pub struct CatalogReloaded {
    /// The new catalog's generation.
    pub generation: u64,
    /// Missions it holds.
    pub missions: usize,
}

/// Raised when a load or reload failed; the previous catalog stays in use.
#[derive(Message, Clone, Debug, Reflect)]
pub struct CatalogRejected {
    /// Every problem, each with `path:line:col`.
    pub errors: Vec<CatalogError>,
}

/// What the UI shows about the catalog: its generation and the errors of the last failed load.
#[derive(Resource, Clone, Debug, Default, Reflect)]
#[reflect(Resource)]
pub struct CatalogStatus {
    /// Generation of the catalog in use (0 before the first good load).
    pub generation: u64,
    /// Errors of the last failed load or reload; empty once a good one lands.
    pub errors: Vec<CatalogError>,
}

/// Loads catalog files from the asset folder and keeps [`MissionCatalog`] current.
///
/// Needs Bevy's `AssetPlugin` (part of `DefaultPlugins`) when `folder` or `files` is set, added
/// before or after this plugin; without it the catalog is reported failed
/// ([`CatalogErrorKind::NoAssetPlugin`] in [`CatalogStatus::errors`]), never ready and empty. With
/// bevy's `file_watcher` feature (this crate's `hot_reload`), a saved edit shows up within a
/// second; a broken edit keeps the last good catalog and raises [`CatalogRejected`].
#[derive(Clone, Debug)]
pub struct CatalogPlugin {
    /// Asset folder whose `*.missions.ron` files form the catalog (default `missions`).
    pub folder: Option<String>,
    /// Extra individual files, as asset paths.
    pub files: Vec<String>,
}

impl Default for CatalogPlugin {
    fn default() -> Self {
        CatalogPlugin {
            folder: Some("missions".into()),
            files: Vec::new(),
        }
    }
}

impl CatalogPlugin {
    /// A plugin that loads nothing: insert a [`MissionCatalog`] yourself (tests, servers).
    pub fn manual() -> Self {
        CatalogPlugin {
            folder: None,
            files: Vec::new(),
        }
    }
}

/// Where the catalog stands: the one rule behind [`catalog_ready`], [`catalog_failed`] and the
/// lifecycle's handling of input that arrives before the catalog.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CatalogReadiness {
    /// A catalog is in place: built in code ([`CatalogPlugin::manual`]), or loaded from files
    /// at least once.
    Ready,
    /// Files are still loading.
    Loading,
    /// The files failed to load and no good catalog was ever in place.
    Failed,
}

impl CatalogReadiness {
    /// The readiness of a catalog that does (or does not) load files, with this status.
    pub fn of(loads_files: bool, status: Option<&CatalogStatus>) -> Self {
        let generation = status.map_or(0, |s| s.generation);
        let failed = status.is_some_and(|s| !s.errors.is_empty());
        match (loads_files, generation, failed) {
            (false, _, _) | (true, 1.., _) => CatalogReadiness::Ready,
            (true, 0, true) => CatalogReadiness::Failed,
            (true, 0, false) => CatalogReadiness::Loading,
        }
    }

    /// The readiness in a world.
    pub fn of_world(world: &World) -> Self {
        CatalogReadiness::of(
            world.contains_resource::<CatalogSources>(),
            world.get_resource::<CatalogStatus>(),
        )
    }
}

/// Run condition: true once a catalog is in place ([`CatalogReadiness::Ready`]). Requests and
/// facts sent earlier are kept and applied then, so a game only needs this to wait for the
/// catalog itself (to list missions on a first screen, say).
pub fn catalog_ready(
    status: Option<Res<CatalogStatus>>,
    sources: Option<Res<CatalogSources>>,
) -> bool {
    CatalogReadiness::of(sources.is_some(), status.as_deref()) == CatalogReadiness::Ready
}

/// Run condition: true when the catalog files failed to load at start and no good catalog was
/// ever in place ([`CatalogReadiness::Failed`]).
pub fn catalog_failed(
    status: Option<Res<CatalogStatus>>,
    sources: Option<Res<CatalogSources>>,
) -> bool {
    CatalogReadiness::of(sources.is_some(), status.as_deref()) == CatalogReadiness::Failed
}

/// The handles of the catalog's files: present only when the catalog is loaded from files.
#[derive(Resource, Default, Reflect)]
#[reflect(Resource)]
pub struct CatalogSources {
    folder: Option<Handle<LoadedFolder>>,
    files: Vec<Handle<CatalogFile>>,
}

impl Plugin for CatalogPlugin {
    fn build(&self, app: &mut App) {
        MissionSchedule::of(app, "CatalogPlugin");
        app.init_resource::<MissionCatalog>()
            .init_resource::<CatalogStatus>()
            .add_message::<CatalogReloaded>()
            .add_message::<CatalogRejected>();
        if self.wants_files() {
            // Loading until the files are read (or `finish` finds no asset server): never
            // "ready and empty".
            app.init_resource::<CatalogSources>();
        }
        if app.world().contains_resource::<AssetServer>() {
            self.load_assets(app);
        }
    }

    /// `AssetPlugin` may be added after this plugin: once every plugin is built, the files are
    /// loaded if that did not happen yet, or, with no asset server at all, the catalog is
    /// marked failed with the reason (requests are then refused with
    /// [`RejectReason::CatalogUnavailable`](crate::lifecycle::RejectReason::CatalogUnavailable)).
    fn finish(&self, app: &mut App) {
        if app.world().contains_resource::<Assets<CatalogFile>>() {
            return;
        }
        if app.world().contains_resource::<AssetServer>() {
            self.load_assets(app);
        } else if self.wants_files() {
            let what = self.folder.clone().unwrap_or_else(|| self.files.join(", "));
            let error = CatalogError::new(&what, 1, 1, CatalogErrorKind::NoAssetPlugin);
            error!("{error}");
            app.world_mut()
                .resource_mut::<CatalogStatus>()
                .errors
                .push(error);
        }
    }
}

impl CatalogPlugin {
    fn wants_files(&self) -> bool {
        self.folder.is_some() || !self.files.is_empty()
    }

    /// Registers the catalog asset and, when the plugin loads files, starts loading them and
    /// rebuilds the catalog as they arrive.
    fn load_assets(&self, app: &mut App) {
        let schedule = MissionSchedule::of(app, "CatalogPlugin");
        app.init_asset::<CatalogFile>()
            .register_asset_loader(CatalogFileLoader);
        if !self.wants_files() {
            return;
        }
        let server = app.world().resource::<AssetServer>().clone();
        let sources = CatalogSources {
            folder: self.folder.as_ref().map(|f| server.load_folder(f.clone())),
            files: self.files.iter().map(|f| server.load(f.clone())).collect(),
        };
        app.insert_resource(sources)
            .add_systems(schedule, rebuild_catalog.in_set(MissionSystems::Catalog));
    }
}

fn text_hash(text: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    text.hash(&mut hasher);
    hasher.finish()
}

fn terminal(server: &AssetServer, id: impl Into<bevy::asset::UntypedAssetId>) -> bool {
    matches!(
        server.load_state(id),
        LoadState::Loaded | LoadState::Failed(_)
    )
}

/// The asset side of the catalog: the handles, their load states and the events about them.
#[derive(SystemParam)]
pub(crate) struct CatalogAssets<'w, 's> {
    events: MessageReader<'w, 's, AssetEvent<CatalogFile>>,
    folder_events: MessageReader<'w, 's, AssetEvent<LoadedFolder>>,
    failures: MessageReader<'w, 's, AssetLoadFailedEvent<CatalogFile>>,
    sources: Res<'w, CatalogSources>,
    server: Res<'w, AssetServer>,
    folders: Res<'w, Assets<LoadedFolder>>,
    files: Res<'w, Assets<CatalogFile>>,
}

/// What the rebuild remembers between frames.
#[derive(Default)]
pub(crate) struct RebuildState {
    /// Files that could not be read, by path.
    io_errors: HashMap<String, CatalogError>,
    /// Something changed since the last rebuild.
    dirty: bool,
    /// Path and text hash of each file at the last rebuild.
    last_inputs: Option<Vec<(String, u64)>>,
}

impl CatalogAssets<'_, '_> {
    /// Reads this frame's events; true when something may have changed.
    fn changed(&mut self, state: &mut RebuildState) -> bool {
        let mut changed = self
            .events
            .read()
            .any(|e| !matches!(e, AssetEvent::Unused { .. }));
        changed |= self.folder_events.read().count() > 0;
        for failure in self.failures.read() {
            let path = failure.path.to_string();
            let kind = CatalogErrorKind::Io(failure.error.to_string());
            state
                .io_errors
                .insert(path.clone(), CatalogError::new(&path, 1, 1, kind));
            changed = true;
        }
        changed
    }

    /// Every file handle once all of them have finished loading (or failed).
    fn settled_handles(&self) -> Option<Vec<Handle<CatalogFile>>> {
        let mut handles: Vec<Handle<CatalogFile>> = self.sources.files.clone();
        if let Some(folder) = &self.sources.folder {
            let loaded = self.folders.get(folder)?;
            handles.extend(
                loaded
                    .handles
                    .iter()
                    .filter_map(|h| h.clone().try_typed::<CatalogFile>().ok()),
            );
        }
        let settled = handles.iter().all(|h| terminal(&self.server, h));
        settled.then_some(handles)
    }

    /// Path and text hash of each file (the watcher often fires twice for one save).
    fn fingerprint(&self, handles: &[Handle<CatalogFile>]) -> Vec<(String, u64)> {
        handles
            .iter()
            .map(|h| match self.files.get(h) {
                Some(file) => (file.0.path.clone(), text_hash(&file.0.text)),
                None => (h.path().map(|p| p.to_string()).unwrap_or_default(), 0),
            })
            .collect()
    }

    /// The inputs of a build: each loaded file, and an error for each file that failed to load.
    fn inputs(
        &self,
        handles: &[Handle<CatalogFile>],
        state: &mut RebuildState,
    ) -> Vec<CatalogInput> {
        let mut inputs = Vec::new();
        for handle in handles {
            if let Some(file) = self.files.get(handle) {
                state.io_errors.remove(&file.0.path);
                inputs.push(file.0.clone());
            } else if let Some(path) = handle.path()
                && let Some(e) = state.io_errors.get(&path.to_string())
            {
                inputs.push(CatalogInput {
                    path: e.path.clone(),
                    text: String::new(),
                    content: Err(e.clone()),
                });
            }
        }
        inputs
    }
}

/// The catalog's outputs: the resource, its status and the messages about it.
#[derive(SystemParam)]
pub(crate) struct CatalogOutputs<'w> {
    catalog: ResMut<'w, MissionCatalog>,
    status: ResMut<'w, CatalogStatus>,
    reloaded: MessageWriter<'w, CatalogReloaded>,
    rejected: MessageWriter<'w, CatalogRejected>,
}

impl CatalogOutputs<'_> {
    /// Puts a new catalog in place.
    fn accept(&mut self, mut next: MissionCatalog) {
        let generation = self.status.generation + 1;
        next.set_generation(generation);
        info!(
            "mission catalog generation {generation}: {} missions from {} files",
            next.missions().len(),
            next.files().len()
        );
        self.reloaded.write(CatalogReloaded {
            generation,
            missions: next.missions().len(),
        });
        *self.catalog = next;
        self.status.generation = generation;
        self.status.errors.clear();
    }

    /// Keeps the last good catalog and reports the errors (once per distinct set).
    fn reject(&mut self, errors: Vec<CatalogError>) {
        if errors == self.status.errors {
            return;
        }
        for e in &errors {
            error!("{e}");
        }
        warn!(
            "mission catalog rejected ({} problems); keeping generation {}",
            errors.len(),
            self.status.generation
        );
        self.rejected.write(CatalogRejected {
            errors: errors.clone(),
        });
        self.status.errors = errors;
    }
}

/// Rebuilds the catalog when a file changed and every file has settled.
pub(crate) fn rebuild_catalog(
    mut assets: CatalogAssets,
    mut out: CatalogOutputs,
    mut state: Local<RebuildState>,
) {
    if assets.changed(&mut state) {
        state.dirty = true;
    }
    if !state.dirty {
        return;
    }
    let Some(handles) = assets.settled_handles() else {
        return;
    };
    state.dirty = false;
    let fingerprint = assets.fingerprint(&handles);
    if state.last_inputs.as_ref() == Some(&fingerprint) {
        return;
    }
    state.last_inputs = Some(fingerprint);
    match build_from_files(assets.inputs(&handles, &mut state)) {
        Ok(next) => out.accept(next),
        Err(errors) => out.reject(errors.0),
    }
}
