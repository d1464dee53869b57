//! The mission graph's and the dashboard's view models.

use bevy::prelude::*;

use crate::catalog::{GraphEdge, MissionCatalog, MissionGraph};
use crate::ids::MissionId;
use crate::lifecycle::MissionStats;
use crate::model::player::MissionHistory;

/// Where a mission stands for the local player.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Reflect)]
pub enum NodeState {
    /// Its gates are not met.
    Locked,
    /// It can be taken.
    Available,
    /// In progress.
    Active,
    /// Completed at least once.
    Completed,
    /// Only failed, abandoned or expired so far.
    Failed,
}

impl NodeState {
    /// The word shown on the node.
    pub fn name(self) -> &'static str {
        match self {
            NodeState::Locked => "locked",
            NodeState::Available => "available",
            NodeState::Active => "active",
            NodeState::Completed => "completed",
            NodeState::Failed => "failed",
        }
    }
}

/// One node as drawn.
#[derive(Clone, Debug, PartialEq, Reflect)]
pub struct GraphNodeView {
    /// The mission.
    pub mission: MissionId,
    /// Its name.
    pub name: String,
    /// Column.
    pub layer: u32,
    /// Row in the column.
    pub row: u32,
    /// Its state for the local player.
    pub state: NodeState,
}

/// The mission graph with each node's state.
#[derive(Resource, Clone, Debug, Default, PartialEq, Reflect)]
#[reflect(Resource)]
pub struct GraphView {
    /// Nodes by layer, then row.
    pub nodes: Vec<GraphNodeView>,
    /// Edges.
    pub edges: Vec<GraphEdge>,
}

impl GraphView {
    /// The catalog's graph with each node's state: `active` lists missions in progress,
    /// `available` says whether the gates let the player take one now.
    pub fn build(
        catalog: &MissionCatalog,
        history: Option<&MissionHistory>,
        active: &[MissionId],
        available: impl Fn(&MissionId) -> bool,
    ) -> Self {
        let graph = MissionGraph::of(catalog);
        let nodes = graph
            .nodes
            .into_iter()
            .map(|n| {
                let record = history.and_then(|h| h.record(&n.mission));
                let state = if active.contains(&n.mission) {
                    NodeState::Active
                } else if record.is_some_and(|r| r.count > 0) {
                    NodeState::Completed
                } else if available(&n.mission) {
                    NodeState::Available
                } else if record.is_some_and(|r| r.unsuccessful > 0) {
                    NodeState::Failed
                } else {
                    NodeState::Locked
                };
                GraphNodeView {
                    mission: n.mission,
                    name: n.name,
                    layer: n.layer,
                    row: n.row,
                    state,
                }
            })
            .collect();
        GraphView {
            nodes,
            edges: graph.edges,
        }
    }
}

/// One mission's live counts.
#[derive(Clone, Debug, PartialEq, Reflect)]
pub struct DashboardRow {
    /// The mission's name.
    pub name: String,
    /// Offered, accepted, completed, failed, abandoned, expired.
    pub counts: [u32; 6],
    /// Average seconds from accept to completion.
    pub average_secs: Option<f64>,
}

/// Live counts per mission, since the game started.
#[derive(Resource, Clone, Debug, Default, PartialEq, Reflect)]
#[reflect(Resource)]
pub struct DashboardView {
    /// One row per mission with any count, by name.
    pub rows: Vec<DashboardRow>,
}

impl DashboardView {
    /// The column headings, in the order of [`DashboardRow::counts`].
    pub const COLUMNS: [&'static str; 6] = [
        "offered",
        "accepted",
        "completed",
        "failed",
        "abandoned",
        "expired",
    ];

    /// Builds the dashboard from the plugin's counts.
    pub fn build(stats: &MissionStats, catalog: &MissionCatalog) -> Self {
        let mut rows: Vec<DashboardRow> = stats
            .0
            .iter()
            .map(|(id, c)| DashboardRow {
                name: catalog
                    .mission(id.as_str())
                    .map_or_else(|| id.to_string(), |m| m.name.clone()),
                counts: [
                    c.offered,
                    c.accepted,
                    c.completed,
                    c.failed,
                    c.abandoned,
                    c.expired,
                ],
                average_secs: c.average_completion_secs(),
            })
            .collect();
        rows.sort_by(|a, b| a.name.cmp(&b.name));
        DashboardView { rows }
    }
}
