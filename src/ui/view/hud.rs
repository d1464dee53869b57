//! The HUD's view model: tracked objectives, the extraction banner and the arrow toward the
//! current objective's target.

use bevy::prelude::*;

use super::journal::{ObjectiveRow, objective_row};
use crate::catalog::MissionCatalog;
use crate::ids::MissionId;
use crate::lifecycle::{GeneratedMissions, MissionAcceptance};
use crate::model::objective::ObjectiveKind;
use crate::objectives::{MissionTarget, marker_position};

/// One tracked objective on the HUD.
#[derive(Clone, Debug, PartialEq, Reflect)]
pub struct HudLine {
    /// The mission's name.
    pub mission: String,
    /// The objective.
    pub objective: ObjectiveRow,
}

/// What the HUD draws.
#[derive(Resource, Clone, Debug, Default, PartialEq, Reflect)]
#[reflect(Resource)]
pub struct HudView {
    /// Current, unfinished objectives of tracked missions.
    pub lines: Vec<HudLine>,
    /// Game time the survive timer of a tracked mission ends ("SURVIVE M:SS until extraction").
    pub survive_ends_at: Option<f64>,
    /// Unit vector (world space, y up) from the player toward the current objective's target.
    pub arrow: Option<Vec2>,
    /// Distance to that target in world units.
    pub distance: Option<f32>,
    /// The objective the arrow points for.
    pub arrow_for: Option<String>,
}

/// Where the player is and what the world holds, for the arrow.
pub struct HudWorld<'a, T, E> {
    /// The player's position, when it has one.
    pub player_at: Option<Vec2>,
    /// The mission of the run being flown, pointed at before the others.
    pub run_mission: Option<&'a MissionId>,
    /// The game's [`MissionTarget`] entities with their positions.
    pub targets: T,
    /// Position of an entity spawned for a start effect.
    pub entity: E,
}

impl HudView {
    /// Builds the HUD of `player`.
    pub fn build<'a, 'b, T, E>(
        catalog: &MissionCatalog,
        generated: &GeneratedMissions,
        player: Entity,
        acceptances: impl Iterator<Item = &'a MissionAcceptance>,
        world: HudWorld<'_, T, E>,
    ) -> Self
    where
        T: Iterator<Item = (&'b MissionTarget, Vec2)> + Clone,
        E: Fn(Entity) -> Option<Vec2>,
    {
        let mut view = HudView::default();
        let mut tracked: Vec<&MissionAcceptance> = acceptances
            .filter(|a| a.holders.contains(&player) && !a.status.is_terminal() && a.tracked)
            .collect();
        tracked.sort_by_key(|a| (Some(&a.mission) != world.run_mission, a.serial));
        for acc in tracked {
            let Some(def) = generated.lookup(catalog, acc.mission.as_str()) else {
                continue;
            };
            if !def.visible || acc.withdrawn {
                continue;
            }
            for (i, p) in acc.progress.iter().enumerate() {
                let od = def.objectives.get(i);
                if p.done
                    || !acc.is_current(i, def.order)
                    || (od.is_some_and(|o| o.hidden) && p.count == 0)
                {
                    continue;
                }
                if od.is_some_and(|o| matches!(o.goal, ObjectiveKind::Survive { .. })) {
                    view.survive_ends_at = view.survive_ends_at.or(p.ends_at);
                }
                let row = objective_row(p, od, true);
                if view.arrow.is_none()
                    && let Some(from) = world.player_at
                    && let Some(to) = marker_position(
                        &acc.marker(i, def, catalog),
                        catalog,
                        world.targets.clone(),
                        &world.entity,
                        &p.seen,
                        from,
                    )
                {
                    view.arrow = Some((to - from).normalize_or_zero());
                    view.distance = Some(to.distance(from));
                    view.arrow_for = Some(row.text.clone());
                }
                view.lines.push(HudLine {
                    mission: def.name.clone(),
                    objective: row,
                });
            }
        }
        view
    }
}
