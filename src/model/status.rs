//! The one state machine every acceptance follows, written once as data.
//!
//! ```text
//! Available --accept--> Active --complete--> Completed
//!                          |----fail------> Failed
//!                          |----abandon---> Abandoned
//!                          '----expire----> Expired
//! ```

use bevy::reflect::Reflect;
use serde::{Deserialize, Serialize};

/// Where an acceptance is in its life.
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    bevy::reflect::Reflect,
)]
pub enum MissionStatus {
    /// Offered, not taken.
    Available,
    /// Taken and in progress.
    Active,
    /// Objectives met and rewards paid.
    Completed,
    /// Failed: a deadline passed, a protected target died, a fail condition held.
    Failed,
    /// Dropped by the player.
    Abandoned,
    /// Withdrawn: its expiry date or window passed.
    Expired,
}

impl MissionStatus {
    /// Whether no transition leaves this status.
    pub fn is_terminal(self) -> bool {
        matches!(
            self,
            MissionStatus::Completed
                | MissionStatus::Failed
                | MissionStatus::Abandoned
                | MissionStatus::Expired
        )
    }
}

/// Something that moves an acceptance from one status to another.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, Reflect)]
pub enum Transition {
    /// The player takes the mission.
    Accept,
    /// Objectives met (and turned in, where needed).
    Complete,
    /// A deadline, finish time or fail condition.
    Fail,
    /// The player drops it.
    Abandon,
    /// Its expiry date or window passed.
    Expire,
}

/// Every legal transition. Anything not listed is refused.
pub const TRANSITIONS: [(MissionStatus, Transition, MissionStatus); 5] = [
    (
        MissionStatus::Available,
        Transition::Accept,
        MissionStatus::Active,
    ),
    (
        MissionStatus::Active,
        Transition::Complete,
        MissionStatus::Completed,
    ),
    (
        MissionStatus::Active,
        Transition::Fail,
        MissionStatus::Failed,
    ),
    (
        MissionStatus::Active,
        Transition::Abandon,
        MissionStatus::Abandoned,
    ),
    (
        MissionStatus::Active,
        Transition::Expire,
        MissionStatus::Expired,
    ),
];

/// A transition the table does not allow.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Reflect, thiserror::Error)]
#[error("cannot {transition:?} a mission that is {from:?}")]
pub struct IllegalTransition {
    /// The status it was in.
    pub from: MissionStatus,
    /// What was attempted.
    pub transition: Transition,
}

/// The status after `transition`, or why it is illegal.
pub fn next_status(
    from: MissionStatus,
    transition: Transition,
) -> Result<MissionStatus, IllegalTransition> {
    TRANSITIONS
        .iter()
        .find(|(f, t, _)| *f == from && *t == transition)
        .map(|(_, _, to)| *to)
        .ok_or(IllegalTransition { from, transition })
}

/// The three states of a quest, as seen by entities subscribed to it.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, bevy::reflect::Reflect,
)]
pub enum QuestState {
    /// Not started (or failed, abandoned, expired).
    NotActive,
    /// In progress.
    Active,
    /// Finished.
    Completed,
}

impl From<MissionStatus> for QuestState {
    fn from(status: MissionStatus) -> Self {
        match status {
            MissionStatus::Active => QuestState::Active,
            MissionStatus::Completed => QuestState::Completed,
            _ => QuestState::NotActive,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ALL_STATUSES: [MissionStatus; 6] = [
        MissionStatus::Available,
        MissionStatus::Active,
        MissionStatus::Completed,
        MissionStatus::Failed,
        MissionStatus::Abandoned,
        MissionStatus::Expired,
    ];
    const ALL_TRANSITIONS: [Transition; 5] = [
        Transition::Accept,
        Transition::Complete,
        Transition::Fail,
        Transition::Abandon,
        Transition::Expire,
    ];

    #[test]
    fn legal_transitions_follow_the_table() {
        assert_eq!(
            next_status(MissionStatus::Available, Transition::Accept),
            Ok(MissionStatus::Active)
        );
        assert_eq!(
            next_status(MissionStatus::Active, Transition::Complete),
            Ok(MissionStatus::Completed)
        );
        assert_eq!(
            next_status(MissionStatus::Active, Transition::Abandon),
            Ok(MissionStatus::Abandoned)
        );
    }

    #[test]
    fn terminal_states_refuse_everything() {
        for from in ALL_STATUSES.into_iter().filter(|s| s.is_terminal()) {
            for t in ALL_TRANSITIONS {
                assert_eq!(
                    next_status(from, t),
                    Err(IllegalTransition {
                        from,
                        transition: t
                    })
                );
            }
        }
    }

    #[test]
    fn exactly_five_transitions_are_legal() {
        let legal = ALL_STATUSES
            .iter()
            .flat_map(|s| ALL_TRANSITIONS.iter().map(move |t| (*s, *t)))
            .filter(|(s, t)| next_status(*s, *t).is_ok())
            .count();
        assert_eq!(legal, 5);
    }
}
