//! The mission graph: which missions lead to which, as prerequisites, follow-ups and subquests.
//! The UI's graph window draws it with each node's state for a player; `missions-lint --dot`
//! prints it for Graphviz.

use bevy::reflect::Reflect;
use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::store::MissionCatalog;
use crate::ids::MissionId;
use crate::model::objective::ObjectiveKind;

/// How one mission leads to another.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Reflect)]
pub enum EdgeKind {
    /// `to` needs `from` completed first (`gates.prerequisites`).
    Prerequisite,
    /// Completing `from` offers or starts `to` (`follow_ups`).
    FollowUp,
    /// `from` has an objective to complete `to` (`Subquest`).
    Subquest,
}

impl EdgeKind {
    /// A short word for legends and DOT labels.
    pub fn name(self) -> &'static str {
        match self {
            EdgeKind::Prerequisite => "requires",
            EdgeKind::FollowUp => "follow-up",
            EdgeKind::Subquest => "subquest",
        }
    }
}

/// One arrow of the graph.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Reflect)]
pub struct GraphEdge {
    /// Where the arrow starts.
    pub from: MissionId,
    /// Where it points.
    pub to: MissionId,
    /// What it means.
    pub kind: EdgeKind,
}

/// One mission in the graph, with its layer (0 for missions nothing leads to).
#[derive(Clone, Debug, PartialEq, Reflect)]
pub struct GraphNode {
    /// The mission.
    pub mission: MissionId,
    /// Its display name.
    pub name: String,
    /// Longest chain of edges leading to it (the column it is drawn in).
    pub layer: u32,
    /// Its place within the layer (the row it is drawn in).
    pub row: u32,
}

/// Every mission that takes part in a chain (an edge to or from it), laid out in layers.
#[derive(Clone, Debug, Default, PartialEq, Reflect)]
pub struct MissionGraph {
    /// Nodes sorted by layer, then row.
    pub nodes: Vec<GraphNode>,
    /// Edges sorted by source, target and kind.
    pub edges: Vec<GraphEdge>,
}

impl MissionGraph {
    /// Builds the graph of the catalog's missions. Missions with no edge are left out; edges to
    /// missions the catalog lacks are dropped (the lint reports those).
    pub fn of(catalog: &MissionCatalog) -> Self {
        let mut edges = Vec::new();
        for m in catalog.missions() {
            for p in &m.gates.prerequisites {
                edges.push((p.mission.clone(), m.id.clone(), EdgeKind::Prerequisite));
            }
            for f in &m.follow_ups {
                edges.push((m.id.clone(), f.mission.clone(), EdgeKind::FollowUp));
            }
            for o in &m.objectives {
                if let ObjectiveKind::Subquest { mission, .. } = &o.goal {
                    edges.push((m.id.clone(), mission.clone(), EdgeKind::Subquest));
                }
            }
        }
        let mut edges: Vec<GraphEdge> = edges
            .into_iter()
            .filter(|(a, b, _)| {
                catalog.mission(a.as_str()).is_some() && catalog.mission(b.as_str()).is_some()
            })
            .map(|(from, to, kind)| GraphEdge { from, to, kind })
            .collect();
        edges.sort();
        edges.dedup();
        let layers = layers(&edges);
        let mut nodes: Vec<GraphNode> = layers
            .iter()
            .map(|(id, &layer)| GraphNode {
                mission: id.clone(),
                name: catalog
                    .mission(id.as_str())
                    .map_or_else(|| id.to_string(), |m| m.name.clone()),
                layer,
                row: 0,
            })
            .collect();
        nodes.sort_by(|a, b| (a.layer, &a.name).cmp(&(b.layer, &b.name)));
        let mut next_row: BTreeMap<u32, u32> = BTreeMap::new();
        for n in &mut nodes {
            let row = next_row.entry(n.layer).or_default();
            n.row = *row;
            *row += 1;
        }
        MissionGraph { nodes, edges }
    }

    /// The graph in Graphviz's DOT language, one node per mission labelled with its name, edges
    /// styled by kind (prerequisites solid, follow-ups dashed, subquests dotted).
    pub fn to_dot(&self) -> String {
        let mut out = String::from("digraph missions {\n  rankdir=LR;\n  node [shape=box];\n");
        for n in &self.nodes {
            let _ = writeln!(
                out,
                "  \"{}\" [label=\"{}\"];",
                escape(n.mission.as_str()),
                escape(&n.name)
            );
        }
        for e in &self.edges {
            let style = match e.kind {
                EdgeKind::Prerequisite => "solid",
                EdgeKind::FollowUp => "dashed",
                EdgeKind::Subquest => "dotted",
            };
            let _ = writeln!(
                out,
                "  \"{}\" -> \"{}\" [style={style}, label=\"{}\"];",
                escape(e.from.as_str()),
                escape(e.to.as_str()),
                e.kind.name()
            );
        }
        out.push_str("}\n");
        out
    }
}

fn escape(s: &str) -> String {
    s.replace('\\', "\\\\").replace('"', "\\\"")
}

/// Longest-path layering; a cycle (which the lint reports) stops growing after as many rounds as
/// there are nodes, so it cannot loop forever.
fn layers(edges: &[GraphEdge]) -> BTreeMap<MissionId, u32> {
    let mut layer: BTreeMap<MissionId, u32> = BTreeMap::new();
    for e in edges {
        layer.entry(e.from.clone()).or_default();
        layer.entry(e.to.clone()).or_default();
    }
    for _ in 0..layer.len() {
        let mut changed = false;
        for e in edges {
            let from = layer[&e.from];
            let to = layer.get_mut(&e.to).expect("every edge end has a layer");
            if *to < from + 1 {
                *to = from + 1;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    layer
}

#[cfg(test)]
mod tests {
    use super::*;

    const CHAIN: &str = r#"(missions: [
        (id: "a", name: "First", turn_in: true, follow_ups: [(mission: "b")]),
        (id: "b", name: "Second", gates: (prerequisites: [(mission: "a")]),
         objectives: [(goal: Subquest(mission: "c"))]),
        (id: "c", name: "Side \"job\"", turn_in: true),
        (id: "lonely", name: "Alone", turn_in: true),
    ])"#;

    #[test]
    fn chains_are_layered_by_their_longest_path_and_loose_missions_left_out() {
        let catalog = MissionCatalog::from_texts([("chain.missions.ron", CHAIN)]).unwrap();
        let graph = MissionGraph::of(&catalog);
        let layer = |id: &str| {
            graph
                .nodes
                .iter()
                .find(|n| n.mission.as_str() == id)
                .map(|n| n.layer)
        };
        assert_eq!(
            (layer("a"), layer("b"), layer("c")),
            (Some(0), Some(1), Some(2))
        );
        assert_eq!(layer("lonely"), None);
        assert_eq!(graph.edges.len(), 3, "{:?}", graph.edges);
    }

    #[test]
    fn dot_output_names_every_edge_and_escapes_quotes() {
        let catalog = MissionCatalog::from_texts([("chain.missions.ron", CHAIN)]).unwrap();
        let dot = MissionGraph::of(&catalog).to_dot();
        assert!(dot.starts_with("digraph missions {"));
        assert!(
            dot.contains("\"a\" -> \"b\" [style=solid, label=\"requires\"]"),
            "{dot}"
        );
        assert!(
            dot.contains("\"a\" -> \"b\" [style=dashed, label=\"follow-up\"]"),
            "{dot}"
        );
        assert!(
            dot.contains("\"b\" -> \"c\" [style=dotted, label=\"subquest\"]"),
            "{dot}"
        );
        assert!(dot.contains("label=\"Side \\\"job\\\"\""), "{dot}");
    }
}
