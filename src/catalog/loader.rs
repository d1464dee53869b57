//! Loading catalog files as Bevy assets, merging them, and hot reload.

use std::collections::HashMap;

use bevy::asset::io::Reader;
use bevy::asset::{AssetLoadFailedEvent, AssetLoader, LoadContext, LoadState, LoadedFolder};
use bevy::prelude::*;

use super::error::{CatalogError, CatalogErrorKind};
use super::source::{CatalogSource, parse_source};
use super::{LoadedSource, MissionCatalog};
use crate::MissionSystems;

/// One `*.missions.ron` file as a Bevy asset. Parse errors are kept inside the asset (not raised
/// as load failures) so that they arrive typed, with line and column, and the merge step can
/// report every broken file at once.
#[derive(Asset, TypePath, Debug, Clone)]
pub struct CatalogFile {
    /// The asset path.
    pub path: String,
    /// The file's text.
    pub text: String,
    /// The parsed content, or the parse error.
    pub content: Result<CatalogSource, CatalogError>,
}

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
        let content = parse_source(&path, &bytes);
        let text = String::from_utf8_lossy(&bytes).into_owned();
        Ok(CatalogFile {
            path,
            text,
            content,
        })
    }

    fn extensions(&self) -> &[&str] {
        &["missions.ron"]
    }
}

/// Raised when a new catalog replaced the old one.
#[derive(Message, Clone, Debug)]
pub struct CatalogReloaded {
    /// The new catalog's generation.
    pub generation: u64,
    /// Missions it holds.
    pub missions: usize,
}

/// Raised when a load or reload failed; the previous catalog stays in use.
#[derive(Message, Clone, Debug)]
pub struct CatalogRejected {
    /// Every problem, each with `path:line:col`.
    pub errors: Vec<CatalogError>,
}

/// What the UI shows about the catalog: its generation and the errors of the last failed load.
#[derive(Resource, Clone, Debug, Default)]
pub struct CatalogStatus {
    /// Generation of the catalog in use (0 before the first good load).
    pub generation: u64,
    /// Errors of the last failed load or reload; empty once a good one lands.
    pub errors: Vec<CatalogError>,
}

/// Loads catalog files from the asset folder and keeps [`MissionCatalog`] current.
///
/// Needs Bevy's `AssetPlugin` (part of `DefaultPlugins`) when `folder` or `files` is set. With
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

#[derive(Resource, Default)]
pub(crate) struct CatalogSources {
    folder: Option<Handle<LoadedFolder>>,
    files: Vec<Handle<CatalogFile>>,
}

impl Plugin for CatalogPlugin {
    fn build(&self, app: &mut App) {
        app.init_resource::<MissionCatalog>()
            .init_resource::<CatalogStatus>()
            .add_message::<CatalogReloaded>()
            .add_message::<CatalogRejected>();
        let wants_files = self.folder.is_some() || !self.files.is_empty();
        if !app.world().contains_resource::<AssetServer>() {
            if wants_files {
                warn!(
                    "CatalogPlugin: no AssetServer (add AssetPlugin before MissionsPlugin); \
                     catalog files will not be loaded"
                );
            }
            return;
        }
        app.init_asset::<CatalogFile>()
            .register_asset_loader(CatalogFileLoader);
        if !wants_files {
            return;
        }
        let server = app.world().resource::<AssetServer>().clone();
        let sources = CatalogSources {
            folder: self.folder.as_ref().map(|f| server.load_folder(f.clone())),
            files: self.files.iter().map(|f| server.load(f.clone())).collect(),
        };
        app.insert_resource(sources)
            .add_systems(Update, rebuild_catalog.in_set(MissionSystems::Catalog));
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

#[allow(clippy::too_many_arguments)]
pub(crate) fn rebuild_catalog(
    mut events: MessageReader<AssetEvent<CatalogFile>>,
    mut folder_events: MessageReader<AssetEvent<LoadedFolder>>,
    mut failures: MessageReader<AssetLoadFailedEvent<CatalogFile>>,
    sources: Res<CatalogSources>,
    server: Res<AssetServer>,
    folders: Res<Assets<LoadedFolder>>,
    files: Res<Assets<CatalogFile>>,
    mut catalog: ResMut<MissionCatalog>,
    mut status: ResMut<CatalogStatus>,
    mut reloaded: MessageWriter<CatalogReloaded>,
    mut rejected: MessageWriter<CatalogRejected>,
    mut io_errors: Local<HashMap<String, CatalogError>>,
    mut dirty: Local<bool>,
    mut last_inputs: Local<Option<Vec<(String, u64)>>>,
) {
    for event in events.read() {
        if !matches!(event, AssetEvent::Unused { .. }) {
            *dirty = true;
        }
    }
    if folder_events.read().count() > 0 {
        *dirty = true;
    }
    for failure in failures.read() {
        let path = failure.path.to_string();
        let kind = CatalogErrorKind::Io(failure.error.to_string());
        io_errors.insert(path.clone(), CatalogError::new(&path, 1, 1, kind));
        *dirty = true;
    }
    if !*dirty {
        return;
    }
    let mut handles: Vec<Handle<CatalogFile>> = sources.files.clone();
    if let Some(folder) = &sources.folder {
        let Some(loaded) = folders.get(folder) else {
            return;
        };
        handles.extend(
            loaded
                .handles
                .iter()
                .filter_map(|h| h.clone().try_typed::<CatalogFile>().ok()),
        );
    }
    if handles.iter().any(|h| !terminal(&server, h)) {
        return;
    }
    *dirty = false;

    // The watcher often fires twice for one save, and asset events trail the first build: only
    // rebuild when some file's text actually changed.
    let inputs: Vec<(String, u64)> = handles
        .iter()
        .map(|h| match files.get(h) {
            Some(file) => (file.path.clone(), text_hash(&file.text)),
            None => (h.path().map(|p| p.to_string()).unwrap_or_default(), 0),
        })
        .collect();
    if last_inputs.as_ref() == Some(&inputs) {
        return;
    }
    *last_inputs = Some(inputs);

    let mut errors = Vec::new();
    let mut loaded = Vec::new();
    for handle in &handles {
        match files.get(handle) {
            Some(file) => {
                io_errors.remove(&file.path);
                match &file.content {
                    Ok(source) => loaded.push(LoadedSource {
                        path: file.path.clone(),
                        text: file.text.clone(),
                        source: source.clone(),
                    }),
                    Err(e) => errors.push(e.clone()),
                }
            }
            None => {
                if let Some(path) = handle.path()
                    && let Some(e) = io_errors.get(&path.to_string())
                {
                    errors.push(e.clone());
                }
            }
        }
    }
    loaded.sort_by(|a, b| a.path.cmp(&b.path));
    let result = if errors.is_empty() {
        MissionCatalog::build(loaded).map_err(|e| e.0)
    } else {
        Err(errors)
    };
    match result {
        Ok(mut next) => {
            let generation = status.generation + 1;
            next.set_generation(generation);
            info!(
                "mission catalog generation {generation}: {} missions from {} files",
                next.missions().len(),
                next.files().len()
            );
            reloaded.write(CatalogReloaded {
                generation,
                missions: next.missions().len(),
            });
            *catalog = next;
            status.generation = generation;
            status.errors.clear();
        }
        Err(errors) => {
            if errors != status.errors {
                for e in &errors {
                    error!("{e}");
                }
                warn!(
                    "mission catalog rejected ({} problems); keeping generation {}",
                    errors.len(),
                    status.generation
                );
                rejected.write(CatalogRejected {
                    errors: errors.clone(),
                });
                status.errors = errors;
            }
        }
    }
}
