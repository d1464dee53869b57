//! Your game's own economy: where the plugin's rewards, penalties, costs and effects go, and where
//! its gates read credits, items, level and reputation.
//!
//! By default the plugin keeps these on the player itself ([`Wallet`], [`Inventory`],
//! [`Experience`], [`Reputation`]). A game that already has a wallet or an inventory implements
//! [`MissionEconomy`] for its own components and adds [`EconomyPlugin`]: each part it returns
//! (`Some`) is then the game's, and the plugin
//!
//! - reads it from the game's components before it evaluates anything in a frame (only for
//!   players whose components changed), so every gate answers from the game's values;
//! - applies every change it decides (a reward, a penalty, a cost, an effect) to the game's
//!   components the same frame, through [`MissionEconomy::apply`], exactly once: payment is
//!   decided once per acceptance by the reward ledger, as with the built-in economy, and each
//!   decided change is forwarded once.
//!
//! The built-in components stay on the player as the plugin's own reading of those parts (and
//! are overwritten from the game's whenever those change); the game's components are the truth.
//! Parts the game leaves `None` stay built-in.
//!
//! ```
//! use bevy::prelude::*;
//! use bevy_missions::economy::{EconomyChange, EconomyPlugin, Holdings, MissionEconomy};
//! use bevy_missions::prelude::*;
//!
//! /// The game's own purse.
//! #[derive(Component, Default)]
//! struct Gold(u64);
//!
//! struct MyEconomy;
//!
//! impl MissionEconomy for MyEconomy {
//!     type Read = &'static Gold;
//!     type Write = &'static mut Gold;
//!     type Changed = Changed<Gold>;
//!
//!     fn read(gold: &&Gold) -> Holdings {
//!         Holdings { credits: Some(gold.0), ..default() }
//!     }
//!
//!     fn apply(gold: &mut Mut<Gold>, change: &EconomyChange) {
//!         if let EconomyChange::Credits(delta) = change {
//!             gold.0 = gold.0.saturating_add_signed(*delta);
//!         }
//!     }
//! }
//!
//! App::new().add_plugins((MinimalPlugins, MissionsPlugins, EconomyPlugin::<MyEconomy>::default()));
//! ```

use std::collections::BTreeMap;
use std::marker::PhantomData;

use bevy::ecs::query::{QueryData, QueryFilter, QueryItem, ROQueryItem, ReadOnlyQueryData};
use bevy::prelude::*;

use crate::catalog::MissionCatalog;
use crate::ids::{FactionId, ItemId};
use crate::model::player::{Experience, Inventory, Reputation, Wallet};
use crate::player::MissionHolder;
use crate::schedule::{MissionSchedule, MissionSystems};

/// What a player has, in the parts the game keeps itself (`None`: that part is the plugin's
/// built-in one).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Holdings {
    /// Credits.
    pub credits: Option<u64>,
    /// Total experience and the level it gives.
    pub experience: Option<(u64, u32)>,
    /// Items carried, by id (items not listed count as none).
    pub items: Option<BTreeMap<ItemId, u32>>,
    /// Standing with each faction (factions not listed read as their starting reputation).
    pub reputation: Option<BTreeMap<FactionId, i32>>,
}

/// One change the plugin decided for a player (a reward, a penalty, a cost, an effect), for the
/// parts the game keeps itself.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum EconomyChange {
    /// Credits gained (positive) or lost (negative).
    Credits(i64),
    /// Experience gained.
    Experience(u64),
    /// Items given (positive) or taken (negative).
    Items(ItemId, i64),
    /// Reputation with a faction changed by this much (rivalry caps already applied).
    Reputation(FactionId, i32),
}

/// A game's own economy (see the [module](self)).
pub trait MissionEconomy: Send + Sync + 'static {
    /// The game's components the gates read, on the player entity (`&'static Gold`).
    type Read: ReadOnlyQueryData;
    /// The same components, written (`&'static mut Gold`).
    type Write: QueryData;
    /// The players whose economy changed since the plugin last read it (`Changed<Gold>`).
    type Changed: QueryFilter;

    /// What the player has now, in the parts the game keeps.
    fn read(item: &ROQueryItem<'_, '_, Self::Read>) -> Holdings;

    /// Applies one change the plugin decided, to the game's components.
    fn apply(item: &mut QueryItem<'_, '_, Self::Write>, change: &EconomyChange);
}

/// Plugs a game's own economy into the missions: add it beside [`crate::MissionsPlugins`].
pub struct EconomyPlugin<E: MissionEconomy>(PhantomData<E>);

impl<E: MissionEconomy> Default for EconomyPlugin<E> {
    fn default() -> Self {
        EconomyPlugin(PhantomData)
    }
}

impl<E: MissionEconomy> Plugin for EconomyPlugin<E> {
    fn build(&self, _app: &mut App) {}

    /// Placed once every plugin is built, in the mission schedule: the game's values are read
    /// at the start of the mission systems and changes are applied after `Resolve`.
    fn finish(&self, app: &mut App) {
        let schedule = MissionSchedule::of(app, "EconomyPlugin");
        app.add_systems(
            schedule,
            (
                read_holdings::<E>.in_set(MissionSystems::Catalog),
                apply_changes::<E>
                    .after(MissionSystems::Resolve)
                    .before(MissionSystems::SpawnDirector),
            ),
        );
    }
}

/// What the plugin last knew of the game's parts: the point changes are measured from.
#[derive(Component, Clone, Debug, Default, PartialEq, Eq, Reflect)]
#[reflect(Component)]
pub(crate) struct EconomySynced {
    credits: Option<u64>,
    xp: Option<u64>,
    items: Option<BTreeMap<ItemId, u32>>,
    reputation: Option<BTreeMap<FactionId, i32>>,
}

/// A player's entity with the game's parts of their economy.
type GameParts<E> = (Entity, <E as MissionEconomy>::Read);

/// The plugin's reading of a player's economy, as the lifecycle left it this frame.
type Reading = (
    Entity,
    Ref<'static, Wallet>,
    Ref<'static, Experience>,
    Ref<'static, Inventory>,
    Ref<'static, Reputation>,
    &'static mut EconomySynced,
);

/// The plugin's reading of a player's economy.
type Builtin = (
    &'static mut Wallet,
    &'static mut Experience,
    &'static mut Inventory,
    &'static mut Reputation,
);

/// Reads the game's parts into the plugin's reading, for players whose economy changed and
/// players seen for the first time.
fn read_holdings<E: MissionEconomy>(
    mut commands: Commands,
    changed: Query<GameParts<E>, (With<MissionHolder>, E::Changed)>,
    new: Query<GameParts<E>, (With<MissionHolder>, Without<EconomySynced>)>,
    mut players: Query<(Builtin, Option<&mut EconomySynced>)>,
) {
    for (player, read) in changed.iter().chain(new.iter()) {
        let holdings = E::read(&read);
        let Ok(((mut wallet, mut experience, mut inventory, mut reputation), synced)) =
            players.get_mut(player)
        else {
            continue;
        };
        if let Some(credits) = holdings.credits {
            wallet.set_if_neq(Wallet { credits });
        }
        if let Some((xp, level)) = holdings.experience {
            experience.set_if_neq(Experience { xp, level });
        }
        if let Some(items) = &holdings.items {
            let items: BTreeMap<ItemId, u32> = items
                .iter()
                .filter(|(_, n)| **n > 0)
                .map(|(i, n)| (i.clone(), *n))
                .collect();
            if inventory.0 != items {
                inventory.0 = items;
            }
        }
        if let Some(standings) = &holdings.reputation
            && reputation.standings != *standings
        {
            reputation.standings = standings.clone();
        }
        let now = EconomySynced {
            credits: holdings.credits,
            xp: holdings.experience.map(|(xp, _)| xp),
            items: holdings.items.clone(),
            reputation: holdings.reputation.clone(),
        };
        match synced {
            Some(mut synced) => *synced = now,
            None => {
                commands.entity(player).insert(now);
            }
        }
    }
}

/// Applies what the lifecycle changed in the plugin's reading of the game's parts to the game's
/// components, once: the difference from what was last read or applied.
fn apply_changes<E: MissionEconomy>(
    mut players: Query<Reading, With<MissionHolder>>,
    mut game: Query<E::Write>,
    catalog: Res<MissionCatalog>,
) {
    for (player, wallet, experience, inventory, reputation, mut synced) in &mut players {
        // A player first read this frame (their marker arrives after the lifecycle ran) is
        // looked at once more, so nothing decided in that frame is missed.
        let touched = wallet.is_changed()
            || experience.is_changed()
            || inventory.is_changed()
            || reputation.is_changed()
            || synced.is_added();
        if !touched {
            continue;
        }
        let changes = changes_since(
            &synced,
            &wallet,
            &experience,
            &inventory,
            &reputation,
            &catalog,
        );
        if changes.is_empty() {
            continue;
        }
        let Ok(mut item) = game.get_mut(player) else {
            warn!("{player} has no components of the game's economy; mission changes not applied");
            continue;
        };
        for change in &changes {
            E::apply(&mut item, change);
        }
        synced.credits = synced.credits.map(|_| wallet.credits);
        synced.xp = synced.xp.map(|_| experience.xp);
        if synced.items.is_some() {
            synced.items = Some(inventory.0.clone());
        }
        if synced.reputation.is_some() {
            synced.reputation = Some(reputation.standings.clone());
        }
    }
}

/// The changes that take the game's parts (as last synced) to the plugin's reading of them.
fn changes_since(
    synced: &EconomySynced,
    wallet: &Wallet,
    experience: &Experience,
    inventory: &Inventory,
    reputation: &Reputation,
    catalog: &MissionCatalog,
) -> Vec<EconomyChange> {
    let mut changes = Vec::new();
    if let Some(before) = synced.credits
        && before != wallet.credits
    {
        let delta = i128::from(wallet.credits) - i128::from(before);
        changes.push(EconomyChange::Credits(
            i64::try_from(delta).unwrap_or(if delta > 0 { i64::MAX } else { i64::MIN }),
        ));
    }
    if let Some(before) = synced.xp
        && experience.xp > before
    {
        changes.push(EconomyChange::Experience(experience.xp - before));
    }
    if let Some(before) = &synced.items {
        let ids = before.keys().chain(inventory.0.keys());
        let mut seen = std::collections::BTreeSet::new();
        for id in ids {
            if !seen.insert(id) {
                continue;
            }
            let delta =
                i64::from(inventory.count(id)) - i64::from(before.get(id).copied().unwrap_or(0));
            if delta != 0 {
                changes.push(EconomyChange::Items(id.clone(), delta));
            }
        }
    }
    if let Some(before) = &synced.reputation {
        let ids = before.keys().chain(reputation.standings.keys());
        let mut seen = std::collections::BTreeSet::new();
        for faction in ids {
            if !seen.insert(faction) {
                continue;
            }
            let start = |f: &FactionId| {
                catalog
                    .faction(f.as_str())
                    .map_or(0, |d| d.starting_reputation)
            };
            let was = before
                .get(faction)
                .copied()
                .unwrap_or_else(|| start(faction));
            let now = reputation.get(faction, catalog);
            if now != was {
                changes.push(EconomyChange::Reputation(faction.clone(), now - was));
            }
        }
    }
    changes
}
