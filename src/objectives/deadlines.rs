//! The deadline queue: every timer (survive and defend windows, deadlines, finish times, expiry
//! dates, window closes, daily refreshes) sits here, so a frame with nothing due costs O(1)
//! however many missions are active.

use std::cmp::Ordering;
use std::collections::BinaryHeap;

use bevy::prelude::*;

/// What falls due.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DueKind {
    /// Objective N's timer ran out (survive completes, defend holds).
    ObjectiveTimer(u16),
    /// The drawn deadline or finish time passed: the acceptance fails.
    Deadline,
    /// The expiry date, window close or daily refresh passed: the acceptance expires.
    Expiry,
    /// A contract taken from a posting was not launched in time (its run never started): the
    /// acceptance expires.
    Launch,
}

/// One entry.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Due {
    /// Game time it falls due.
    pub at: f64,
    /// The acceptance.
    pub acceptance: Entity,
    /// The acceptance's serial when queued (stale entries are skipped).
    pub serial: u64,
    /// What falls due.
    pub kind: DueKind,
}

impl Eq for Due {}

impl Ord for Due {
    fn cmp(&self, other: &Self) -> Ordering {
        // Earliest first in a max-heap.
        other
            .at
            .total_cmp(&self.at)
            .then_with(|| other.serial.cmp(&self.serial))
    }
}

impl PartialOrd for Due {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// The queue. Entries of acceptances that already ended are dropped when they surface.
#[derive(Resource, Default, Debug, Reflect)]
#[reflect(Resource)]
pub struct DeadlineQueue {
    #[reflect(ignore)]
    heap: BinaryHeap<Due>,
}

impl DeadlineQueue {
    /// Queues an entry (non-finite times are ignored).
    pub fn push(&mut self, due: Due) {
        if due.at.is_finite() {
            self.heap.push(due);
        }
    }

    /// Queues an acceptance's deadline and expiry, where it has them.
    pub fn push_deadline_and_expiry(
        &mut self,
        acceptance: Entity,
        serial: u64,
        deadline: Option<f64>,
        expires_at: Option<f64>,
    ) {
        for (at, kind) in [(deadline, DueKind::Deadline), (expires_at, DueKind::Expiry)] {
            if let Some(at) = at {
                self.push(Due {
                    at,
                    acceptance,
                    serial,
                    kind,
                });
            }
        }
    }

    /// The next entry due at or before `now`, if any. O(log n) per entry, O(1) when none is due.
    pub fn pop_due(&mut self, now: f64) -> Option<Due> {
        if self.heap.peek()?.at <= now {
            self.heap.pop()
        } else {
            None
        }
    }

    /// When the next entry falls due.
    pub fn next_at(&self) -> Option<f64> {
        self.heap.peek().map(|d| d.at)
    }

    /// Entries queued (including stale ones not yet surfaced).
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.heap.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pops_in_time_order_and_only_when_due() {
        let mut q = DeadlineQueue::default();
        for (at, serial) in [(30.0, 1), (10.0, 2), (20.0, 3)] {
            q.push(Due {
                at,
                acceptance: Entity::PLACEHOLDER,
                serial,
                kind: DueKind::Deadline,
            });
        }
        q.push(Due {
            at: f64::NAN,
            acceptance: Entity::PLACEHOLDER,
            serial: 9,
            kind: DueKind::Deadline,
        });
        assert_eq!(q.len(), 3);
        assert!(q.pop_due(5.0).is_none());
        assert_eq!(q.pop_due(25.0).map(|d| d.serial), Some(2));
        assert_eq!(q.pop_due(25.0).map(|d| d.serial), Some(3));
        assert!(q.pop_due(25.0).is_none());
        assert_eq!(q.next_at(), Some(30.0));
    }
}
