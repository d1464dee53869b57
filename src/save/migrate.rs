//! Older save formats and how each becomes the current one.
//!
//! Format 1 (the first saves, before shared missions and random missions existed) kept each
//! player's missions in progress inside the player record, completions as bare counts,
//! reputation as a list of pairs and checkpoints without an author. [`from_v1`] turns it into
//! format 2: every field keeps its value, checkpoints are credited to the player who held the
//! mission, and objective targets are filled in from the catalog when the save is applied.
//! [`from_v2`] and [`from_v3`] carry format 2 and 3 on to the current format (keyed progress;
//! a ledger of what is owed instead of every serial ever paid).

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::ids::{FactionId, ItemId, MissionId};
use crate::model::player::*;
use crate::model::progress::ObjectiveProgress;
use crate::model::save::*;
use crate::model::status::MissionStatus;

/// A format-1 save.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct SaveV1 {
    #[expect(
        dead_code,
        reason = "serde checks it is present; its value is known to be 1"
    )]
    version: u32,
    /// Game time.
    #[serde(deserialize_with = "crate::model::bounds::time")]
    now: f64,
    /// The next serial to hand out.
    #[serde(deserialize_with = "crate::model::bounds::serial")]
    next_serial: u64,
    players: Vec<PlayerV1>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PlayerV1 {
    id: String,
    credits: u64,
    xp: u64,
    level: u32,
    #[serde(default, deserialize_with = "crate::model::bounds::standing_pairs")]
    reputation: Vec<(FactionId, i32)>,
    #[serde(default)]
    inventory: BTreeMap<ItemId, u32>,
    #[serde(default, deserialize_with = "crate::model::bounds::count_map")]
    completed: BTreeMap<MissionId, u32>,
    #[serde(default, deserialize_with = "crate::model::bounds::serials")]
    paid: Vec<u64>,
    #[serde(default)]
    active: Vec<ActiveV1>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ActiveV1 {
    #[serde(deserialize_with = "crate::model::bounds::serial")]
    serial: u64,
    mission: MissionId,
    #[serde(deserialize_with = "crate::model::bounds::time")]
    accepted_at: f64,
    #[serde(default, deserialize_with = "crate::model::bounds::opt_time")]
    deadline: Option<f64>,
    /// Count per objective.
    #[serde(deserialize_with = "crate::model::bounds::counts")]
    progress: Vec<u32>,
    /// (time, objective, amount).
    #[serde(default, deserialize_with = "crate::model::bounds::log_v1")]
    log: Vec<(f64, u16, u32)>,
}

/// Format 3 → format 4. Format 3 kept every serial ever paid (a set that grew with every
/// completion); format 4 keeps what each player is owed: the serials of the attempts they hold,
/// less any the old set says were paid already, and no completion records of random draws.
/// Format 3 started a contract's run when it was
/// accepted, so its contracts are runs that started then.
pub(crate) fn from_v3(mut save: SaveGame) -> SaveGame {
    for a in &mut save.acceptances {
        if a.run_seconds.is_some() && a.run_started_at.is_none() {
            a.run_started_at = Some(a.accepted_at);
        }
    }
    let mut held: BTreeMap<&PlayerId, Vec<u64>> = BTreeMap::new();
    for a in &save.acceptances {
        for h in &a.holders {
            held.entry(h).or_default().push(a.serial);
        }
    }
    let held: BTreeMap<PlayerId, Vec<u64>> =
        held.into_iter().map(|(k, v)| (k.clone(), v)).collect();
    for p in &mut save.players {
        // Format 4 keeps no history of random draws (a gate never reads it).
        p.completions
            .retain(|id, _| crate::draw::template_of(id).is_none());
        let paid = std::mem::take(&mut p.ledger.paid);
        p.ledger.payments = p.ledger.payments.max(paid.len() as u64);
        p.ledger.owed = held
            .get(&p.id)
            .into_iter()
            .flatten()
            .copied()
            .filter(|serial| !paid.contains(serial))
            .collect();
    }
    save.version = SAVE_VERSION;
    save
}

/// Format 2 → format 3 (and on to the current format). Format 3 keys each objective's progress
/// and each fail count by the objective or condition, not its position; a format-2 save has no
/// keys, so its progress is matched by position once, when it is applied to the catalog, and
/// keyed from then on.
pub(crate) fn from_v2(save: SaveGame) -> SaveGame {
    from_v3(save)
}

/// Format 1 → format 2 (and on to the current format).
pub(crate) fn from_v1(old: SaveV1) -> SaveGame {
    let mut save = SaveGame {
        clock_now: old.now,
        last_serial: old.next_serial.saturating_sub(1),
        ..SaveGame::default()
    };
    for p in old.players {
        let id = PlayerId(p.id);
        for a in p.active {
            save.last_serial = save.last_serial.max(a.serial);
            save.acceptances.push(AcceptanceSave {
                serial: a.serial,
                mission: a.mission,
                holders: vec![id.clone()],
                status: MissionStatus::Active,
                accepted_at: a.accepted_at,
                deadline: a.deadline,
                expires_at: None,
                // Targets were not stored: the catalog supplies them when the save is applied.
                progress: a
                    .progress
                    .into_iter()
                    .map(|count| ObjectiveProgress {
                        count,
                        target: count,
                        ..Default::default()
                    })
                    .collect(),
                fail_counts: Vec::new(),
                checkpoints: a
                    .log
                    .into_iter()
                    .map(|(at, objective, amount)| CheckpointSave {
                        at,
                        objective,
                        amount,
                        by: id.clone(),
                    })
                    .collect(),
                contributors: Vec::new(),
                tracked: false,
                run_seconds: None,
                run_started_at: None,
                launch_by: None,
                places: Vec::new(),
                fail_keys: Vec::new(),
            });
        }
        save.players.push(PlayerSave {
            id,
            wallet: Wallet { credits: p.credits },
            experience: Experience {
                xp: p.xp,
                level: p.level,
            },
            reputation: Reputation {
                standings: p.reputation.into_iter().collect(),
            },
            inventory: Inventory(p.inventory),
            completions: p
                .completed
                .into_iter()
                .map(|(mission, count)| {
                    (
                        mission,
                        CompletionRecord {
                            count,
                            ..Default::default()
                        },
                    )
                })
                .collect(),
            ledger: LedgerSave {
                paid: p.paid.into_iter().collect(),
                ..LedgerSave::default()
            },
            ..Default::default()
        });
    }
    save.players.sort_by(|a, b| a.id.cmp(&b.id));
    save.acceptances.sort_by_key(|a| a.serial);
    from_v3(save)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn a_v1_save_keeps_every_value() {
        let text = r#"(version: 1, now: 500.0, next_serial: 4, players: [
            (id: "ann", credits: 70, xp: 30, level: 1, reputation: [("GUILD", 5)],
             inventory: {"ORE": 2}, completed: {"FIRST": 1}, paid: [1, 2],
             active: [(serial: 3, mission: "SECOND", accepted_at: 450.0, progress: [1, 0],
                       log: [(460.0, 0, 1)])]),
        ])"#;
        let save = SaveGame::from_ron(Path::new("old.ron"), text.as_bytes()).unwrap();
        assert_eq!(save.version, SAVE_VERSION);
        assert_eq!(save.clock_now, 500.0);
        assert_eq!(save.last_serial, 3);
        let ann = &save.players[0];
        assert_eq!(ann.wallet.credits, 70);
        assert_eq!(ann.reputation.standings[&FactionId::from("GUILD")], 5);
        assert_eq!(ann.completions[&MissionId::from("FIRST")].count, 1);
        // Serial 3 is in progress and was not paid: it is owed; 1 and 2 are finished.
        assert_eq!(ann.ledger.owed, [3].into());
        assert_eq!(ann.ledger.payments, 2);
        assert!(ann.ledger.paid.is_empty());
        let a = &save.acceptances[0];
        assert_eq!(a.holders, vec![PlayerId("ann".into())]);
        assert_eq!(a.progress[0].count, 1);
        assert_eq!(a.checkpoints[0].by, PlayerId("ann".into()));
    }
}
