//! The completion screen's view model: what an attempt that just ended paid or cost.

use crate::catalog::MissionCatalog;
use crate::ids::{FactionId, ItemId, MissionId};
use crate::lifecycle::{MissionCompleted, Payout};
use crate::model::dialogue::DialogueLine;
use bevy::reflect::Reflect;

/// How the attempt ended.
#[derive(Clone, Debug, PartialEq, Eq, Reflect)]
pub enum CompletionKind {
    /// Objectives met, rewards paid.
    Completed,
    /// Failed, with the reason.
    Failed(String),
    /// The contract expired.
    Expired,
    /// Removed from the catalog by an update (frozen until it returns).
    Withdrawn,
    /// Dropped by the player.
    Abandoned,
}

/// One completion screen.
#[derive(Clone, Debug, PartialEq, Reflect)]
pub struct CompletionView {
    /// The mission.
    pub mission: MissionId,
    /// Its name.
    pub title: String,
    /// How it ended.
    pub kind: CompletionKind,
    /// Credits paid to the local player.
    pub credits: u64,
    /// Experience paid.
    pub xp: u64,
    /// Reputation change per faction.
    pub reputation: Vec<(FactionId, i32)>,
    /// Items given.
    pub items: Vec<(ItemId, u32)>,
    /// The success message (or failure line).
    pub message: String,
    /// The giver's line.
    pub line: String,
}

impl CompletionView {
    /// A screen with nothing paid.
    pub fn notice(
        mission: &MissionId,
        catalog: &MissionCatalog,
        kind: CompletionKind,
        line: &str,
    ) -> Self {
        CompletionView {
            mission: mission.clone(),
            title: catalog
                .mission(mission.as_str())
                .map_or_else(|| mission.to_string(), |m| m.name.clone()),
            kind,
            credits: 0,
            xp: 0,
            reputation: Vec::new(),
            items: Vec::new(),
            message: String::new(),
            line: line.to_owned(),
        }
    }

    /// The screen of a player's completion, with their payout, the giver's `success` line and
    /// the mission's success message.
    pub fn completed(done: &MissionCompleted, catalog: &MissionCatalog) -> Self {
        let def = catalog.mission(done.mission.as_str());
        let line = def.map_or("", |d| d.dialogue.line(DialogueLine::Success));
        let mut view = Self::notice(&done.mission, catalog, CompletionKind::Completed, line);
        if let Some(def) = def {
            view.message.clone_from(&def.success_message);
        }
        if let Some(Payout {
            credits,
            xp,
            reputation,
            items,
        }) = &done.payout
        {
            view.credits = *credits;
            view.xp = *xp;
            view.reputation.extend(reputation.iter().cloned());
            view.items
                .extend(items.iter().map(|s| (s.item.clone(), s.count)));
        }
        view
    }

    /// The amounts shown `elapsed` seconds after the screen opened: credits and XP count up over
    /// `duration` seconds.
    pub fn counted(&self, elapsed: f64, duration: f64) -> (u64, u64) {
        let t = if duration > 0.0 {
            (elapsed / duration).clamp(0.0, 1.0)
        } else {
            1.0
        };
        let part = |v: u64| ((v as f64) * t).round() as u64;
        (
            part(self.credits).min(self.credits),
            part(self.xp).min(self.xp),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_count_up_and_stop_at_the_total() {
        let mut v = CompletionView::notice(
            &"m".into(),
            &MissionCatalog::default(),
            CompletionKind::Completed,
            "",
        );
        v.credits = 1000;
        v.xp = 40;
        assert_eq!(v.counted(0.0, 2.0), (0, 0));
        assert_eq!(v.counted(1.0, 2.0), (500, 20));
        assert_eq!(v.counted(9.0, 2.0), (1000, 40));
        assert!(v.counted(f64::NAN, 2.0).0 <= 1000);
    }
}
