//! The mission clock: the one source of time for deadlines, expiry, cooldowns and daily refresh.
//!
//! Nothing in this crate reads the system clock. By default the clock follows Bevy's virtual
//! [`Time`]; tests and replays set [`MissionClock::auto_advance`] to `false` and call
//! [`MissionClock::advance`] by hand.

use bevy::prelude::*;
use serde::{Deserialize, Serialize};

/// Seconds in a game day.
pub const DAY_SECS: f64 = 86_400.0;

/// Game time in seconds, plus a calendar that places second 0 on a date.
#[derive(Resource, Clone, Debug, PartialEq, Serialize, Deserialize, Reflect)]
#[reflect(Resource)]
pub struct MissionClock {
    /// Seconds of game time since the clock started.
    pub now: f64,
    /// Unix time (UTC seconds) of game second 0; dates and the daily refresh hour use it.
    pub epoch_unix: i64,
    /// Whether the clock follows Bevy's virtual time each frame.
    pub auto_advance: bool,
    /// Game seconds per real second when advancing automatically.
    pub scale: f64,
}

impl Default for MissionClock {
    fn default() -> Self {
        MissionClock {
            now: 0.0,
            // 2026-01-01T00:00:00Z: a fixed, readable start date for new games.
            epoch_unix: 1_767_225_600,
            auto_advance: true,
            scale: 1.0,
        }
    }
}

impl MissionClock {
    /// A clock that only moves when told to (tests, replays, servers with their own tick).
    pub fn manual() -> Self {
        MissionClock {
            auto_advance: false,
            ..default()
        }
    }

    /// Moves the clock forward; negative or non-finite amounts are ignored.
    pub fn advance(&mut self, secs: f64) {
        if secs.is_finite() && secs > 0.0 {
            self.now += secs;
        }
    }

    /// Unix time (UTC seconds) of game time `at`.
    pub fn unix_at(&self, at: f64) -> i64 {
        self.epoch_unix.saturating_add(at.floor() as i64)
    }

    /// The "game day" number at game time `at` for a day that starts at `refresh_hour` UTC:
    /// every player sees the same number, and it increases by one at each refresh.
    pub fn day_at(&self, at: f64, refresh_hour: u8) -> i64 {
        let shifted = self.unix_at(at) - i64::from(refresh_hour.min(23)) * 3600;
        shifted.div_euclid(DAY_SECS as i64)
    }

    /// The current game day (see [`MissionClock::day_at`]).
    pub fn day(&self, refresh_hour: u8) -> i64 {
        self.day_at(self.now, refresh_hour)
    }

    /// Game time at which the day after `day` starts.
    pub fn next_refresh_after(&self, day: i64, refresh_hour: u8) -> f64 {
        let unix = (day + 1) * DAY_SECS as i64 + i64::from(refresh_hour.min(23)) * 3600;
        (unix - self.epoch_unix) as f64
    }
}

/// Advances the clock by the frame's time. Without Bevy's `TimePlugin` there is no frame time:
/// the clock then only moves when the game advances it, and a warning says so once.
pub(crate) fn advance_clock(
    time: Option<Res<Time>>,
    mut clock: ResMut<MissionClock>,
    mut warned: Local<bool>,
) {
    if !clock.auto_advance {
        return;
    }
    let Some(time) = time else {
        if !*warned {
            *warned = true;
            warn!(
                "MissionClock: no Time resource (add TimePlugin, part of MinimalPlugins and \
                 DefaultPlugins); the mission clock only moves when advanced by hand"
            );
        }
        return;
    };
    let scale = clock.scale;
    clock.advance(time.delta_secs_f64() * scale);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_turn_over_at_the_refresh_hour() {
        let clock = MissionClock {
            epoch_unix: 0,
            ..MissionClock::manual()
        };
        // 05:59 on day 0 belongs to "day -1" when the refresh is at 06:00.
        assert_eq!(clock.day_at(5.0 * 3600.0 + 59.0 * 60.0, 6), -1);
        assert_eq!(clock.day_at(6.0 * 3600.0, 6), 0);
        assert_eq!(clock.day_at(23.0 * 3600.0, 0), 0);
        assert_eq!(clock.day_at(24.0 * 3600.0, 0), 1);
        assert_eq!(clock.next_refresh_after(0, 6), DAY_SECS + 6.0 * 3600.0);
    }

    #[test]
    fn advancing_ignores_nonsense() {
        let mut clock = MissionClock::manual();
        clock.advance(-5.0);
        clock.advance(f64::NAN);
        clock.advance(2.5);
        assert_eq!(clock.now, 2.5);
    }
}
