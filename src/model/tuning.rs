//! Objective tuning: the board label tunes enemy count and crates, the difficulty sets
//! the extraction timer. Both tables are RON data and must be exhaustive, like the seed's
//! TypeScript records.

use std::collections::BTreeMap;

use bevy::reflect::Reflect;
use serde::{Deserialize, Serialize};

/// The player-facing objective label on a posting.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, Reflect,
)]
pub enum ObjectiveLabel {
    /// Baseline: nothing extra placed, nothing taken away.
    Explore,
    /// Calmer, more loot.
    Find,
    /// Mild pressure plus a weapon to defend with.
    Protect,
    /// Pure pressure, no extra loot.
    Battle,
}

impl ObjectiveLabel {
    /// Every label; tuning tables must cover all of them.
    pub const ALL: [ObjectiveLabel; 4] = [
        ObjectiveLabel::Explore,
        ObjectiveLabel::Find,
        ObjectiveLabel::Protect,
        ObjectiveLabel::Battle,
    ];
}

/// A posting's difficulty tier: owns "how long do I survive".
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, Reflect,
)]
pub enum Difficulty {
    /// 3:00 by default.
    Routine,
    /// 4:00 by default (the spec default).
    Standard,
    /// 5:00 by default.
    Hazardous,
    /// 6:00 by default.
    Critical,
    /// 7:00 by default.
    BlackFlag,
}

impl Difficulty {
    /// Every tier, easiest first; the timer curve must increase along this order.
    pub const ALL: [Difficulty; 5] = [
        Difficulty::Routine,
        Difficulty::Standard,
        Difficulty::Hazardous,
        Difficulty::Critical,
        Difficulty::BlackFlag,
    ];

    /// Display name ("Black Flag").
    pub fn name(self) -> &'static str {
        match self {
            Difficulty::Routine => "Routine",
            Difficulty::Standard => "Standard",
            Difficulty::Hazardous => "Hazardous",
            Difficulty::Critical => "Critical",
            Difficulty::BlackFlag => "Black Flag",
        }
    }
}

/// How rare a posting is; rarer contracts field more enemies.
#[derive(
    Clone,
    Copy,
    Debug,
    Default,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    Reflect,
)]
pub enum Rarity {
    /// Most postings.
    #[default]
    Common,
    /// Somewhat rare.
    Uncommon,
    /// Rare.
    Rare,
    /// Very rare.
    Legendary,
}

impl Rarity {
    /// Every rarity; the rarity table must cover all of them.
    pub const ALL: [Rarity; 4] = [
        Rarity::Common,
        Rarity::Uncommon,
        Rarity::Rare,
        Rarity::Legendary,
    ];
}

/// The two levers a label pulls.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize, Reflect)]
#[serde(deny_unknown_fields)]
pub struct LabelTuning {
    /// Multiplier on the planet × rarity × challenge enemy stack.
    pub enemy_count_mult: f32,
    /// Weapon boxes (crates) placed at world start.
    pub weapon_box_count: u32,
}

/// All tuning tables. Exactly one catalog file defines them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Reflect)]
#[serde(deny_unknown_fields)]
pub struct TuningTables {
    /// Label → levers. Must name every label.
    pub labels: BTreeMap<ObjectiveLabel, LabelTuning>,
    /// Difficulty → extraction timer in seconds. Must name every tier, increasing.
    pub extraction_timer: BTreeMap<Difficulty, f32>,
    /// Rarity → enemy-count factor. Must name every rarity.
    pub rarity_mult: BTreeMap<Rarity, f32>,
    /// Enemy-count factor applied to challenge runs.
    #[serde(default = "super::defaults::one")]
    pub challenge_mult: f32,
    /// Enemies in the first wave before any multiplier.
    #[serde(default = "default_base_wave")]
    pub base_wave_enemies: u32,
    /// Extra enemies each later wave adds before any multiplier.
    #[serde(default = "default_wave_growth")]
    pub wave_growth: f32,
    /// Game seconds between two waves of a run.
    #[serde(default = "default_wave_interval")]
    pub wave_interval_seconds: f32,
}

fn default_wave_interval() -> f32 {
    20.0
}

fn default_base_wave() -> u32 {
    8
}
fn default_wave_growth() -> f32 {
    2.0
}

/// One way a tuning table is wrong.
#[derive(Clone, Debug, PartialEq, Reflect, thiserror::Error)]
pub enum TuningProblem {
    /// A label has no entry.
    #[error("tuning table `labels` has no entry for label {0:?}")]
    MissingLabel(ObjectiveLabel),
    /// A difficulty has no timer.
    #[error("tuning table `extraction_timer` has no entry for difficulty {0:?}")]
    MissingDifficulty(Difficulty),
    /// A rarity has no factor.
    #[error("tuning table `rarity_mult` has no entry for rarity {0:?}")]
    MissingRarity(Rarity),
    /// The timer does not increase with difficulty.
    #[error(
        "extraction timer must increase with difficulty: {harder:?} ({harder_secs}s) is not longer than {easier:?} ({easier_secs}s)"
    )]
    TimerNotIncreasing {
        /// The easier tier.
        easier: Difficulty,
        /// Its timer.
        easier_secs: f32,
        /// The harder tier.
        harder: Difficulty,
        /// Its timer, not longer.
        harder_secs: f32,
    },
    /// A multiplier or timer is zero, negative or not a number.
    #[error("`{field}` must be a positive number, found {value}")]
    NotPositive {
        /// Which value.
        field: String,
        /// What it was.
        value: f32,
    },
}

impl TuningTables {
    /// Every problem with the tables: missing entries (exhaustiveness), a timer curve that does
    /// not increase with difficulty, non-positive factors.
    pub fn problems(&self) -> Vec<TuningProblem> {
        let mut problems = Vec::new();
        for label in ObjectiveLabel::ALL {
            match self.labels.get(&label) {
                None => problems.push(TuningProblem::MissingLabel(label)),
                Some(t) if !greater(t.enemy_count_mult, 0.0) => {
                    problems.push(TuningProblem::NotPositive {
                        field: format!("labels[{label:?}].enemy_count_mult"),
                        value: t.enemy_count_mult,
                    })
                }
                Some(_) => {}
            }
        }
        for rarity in Rarity::ALL {
            match self.rarity_mult.get(&rarity) {
                None => problems.push(TuningProblem::MissingRarity(rarity)),
                Some(v) if !greater(*v, 0.0) => problems.push(TuningProblem::NotPositive {
                    field: format!("rarity_mult[{rarity:?}]"),
                    value: *v,
                }),
                Some(_) => {}
            }
        }
        if !greater(self.challenge_mult, 0.0) {
            problems.push(TuningProblem::NotPositive {
                field: "challenge_mult".into(),
                value: self.challenge_mult,
            });
        }
        if !greater(self.wave_interval_seconds, 0.0) {
            problems.push(TuningProblem::NotPositive {
                field: "wave_interval_seconds".into(),
                value: self.wave_interval_seconds,
            });
        }
        let mut previous: Option<(Difficulty, f32)> = None;
        for difficulty in Difficulty::ALL {
            let Some(&secs) = self.extraction_timer.get(&difficulty) else {
                problems.push(TuningProblem::MissingDifficulty(difficulty));
                continue;
            };
            if !greater(secs, 0.0) {
                problems.push(TuningProblem::NotPositive {
                    field: format!("extraction_timer[{difficulty:?}]"),
                    value: secs,
                });
            }
            if let Some((easier, easier_secs)) = previous
                && !greater(secs, easier_secs)
            {
                problems.push(TuningProblem::TimerNotIncreasing {
                    easier,
                    easier_secs,
                    harder: difficulty,
                    harder_secs: secs,
                });
            }
            previous = Some((difficulty, secs));
        }
        problems
    }

    /// The levers for a label (neutral when the table is missing it, which validation refuses).
    pub fn label(&self, label: ObjectiveLabel) -> LabelTuning {
        self.labels.get(&label).copied().unwrap_or(LabelTuning {
            enemy_count_mult: 1.0,
            weapon_box_count: 0,
        })
    }

    /// The extraction timer for a difficulty, in seconds.
    pub fn timer(&self, difficulty: Difficulty) -> f32 {
        self.extraction_timer
            .get(&difficulty)
            .copied()
            .unwrap_or(240.0)
    }

    /// The enemy factor for a rarity.
    pub fn rarity(&self, rarity: Rarity) -> f32 {
        self.rarity_mult.get(&rarity).copied().unwrap_or(1.0)
    }
}

impl Default for TuningTables {
    /// The built-in values.
    fn default() -> Self {
        let labels = [
            (ObjectiveLabel::Explore, 1.0, 0),
            (ObjectiveLabel::Find, 0.85, 2),
            (ObjectiveLabel::Protect, 1.15, 1),
            (ObjectiveLabel::Battle, 1.4, 0),
        ]
        .into_iter()
        .map(|(label, enemy_count_mult, weapon_box_count)| {
            (
                label,
                LabelTuning {
                    enemy_count_mult,
                    weapon_box_count,
                },
            )
        })
        .collect();
        let extraction_timer = Difficulty::ALL
            .into_iter()
            .zip([180.0, 240.0, 300.0, 360.0, 420.0])
            .collect();
        let rarity_mult = Rarity::ALL.into_iter().zip([1.0, 1.1, 1.25, 1.5]).collect();
        TuningTables {
            labels,
            extraction_timer,
            rarity_mult,
            challenge_mult: 1.5,
            base_wave_enemies: default_base_wave(),
            wave_growth: default_wave_growth(),
            wave_interval_seconds: default_wave_interval(),
        }
    }
}

/// `a > b`, false when either is NaN (so a NaN is never accepted as positive or increasing).
pub(crate) fn greater<T: PartialOrd>(a: T, b: T) -> bool {
    a > b
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seed_values_have_no_problems() {
        let tables = TuningTables::default();
        assert!(tables.problems().is_empty(), "{:?}", tables.problems());
        assert_eq!(tables.label(ObjectiveLabel::Find).weapon_box_count, 2);
        assert_eq!(tables.label(ObjectiveLabel::Battle).enemy_count_mult, 1.4);
        assert_eq!(tables.timer(Difficulty::BlackFlag), 420.0);
    }

    #[test]
    fn missing_entries_and_flat_curve_are_problems() {
        let mut tables = TuningTables::default();
        tables.labels.remove(&ObjectiveLabel::Protect);
        tables.extraction_timer.remove(&Difficulty::Routine);
        tables.extraction_timer.insert(Difficulty::Critical, 300.0);
        tables.wave_interval_seconds = f32::NAN;
        let problems = tables.problems();
        assert!(problems.iter().any(|p| matches!(
            p,
            TuningProblem::NotPositive { field, .. } if field == "wave_interval_seconds"
        )));
        assert!(problems.contains(&TuningProblem::MissingLabel(ObjectiveLabel::Protect)));
        assert!(problems.contains(&TuningProblem::MissingDifficulty(Difficulty::Routine)));
        assert!(problems.iter().any(|p| matches!(
            p,
            TuningProblem::TimerNotIncreasing {
                harder: Difficulty::Critical,
                ..
            }
        )));
    }
}
