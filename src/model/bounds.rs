//! The range each saved number may take, checked while a save is read.
//!
//! Every number the runtime adds to, counts up or converts is bounded here, far above anything
//! a game reaches and far below where its arithmetic would overflow, so a damaged or hand-edited
//! save is refused with ron's position of the value instead of crashing the game later. The
//! functions are serde `deserialize_with` helpers: the model's fields name them, and the check
//! runs inside the parser, so the refusal carries the position of the value itself.
//!
//! Credits, experience, inventory counts and variables are not bounded: every change to them
//! saturates, so any value a save holds is one the game could have reached.

use std::collections::BTreeMap;
use std::fmt::Display;

use serde::de::{Deserialize, Deserializer, Error, MapAccess, SeqAccess, Visitor};

use crate::ids::{FactionId, MissionId};
use crate::model::mission::MissionDef;
use crate::model::objective::ObjectiveKind;

/// Latest game time a save may hold, in seconds (about 31,700 years of play).
pub const MAX_TIME: f64 = 1e12;
/// Farthest the clock's epoch may be from 1970, in seconds (about 3,000 years): game times are
/// added to it.
pub const MAX_EPOCH_SECS: i64 = 100_000_000_000;
/// Highest attempt serial a save may hold (2^53: one a second for 285 million years, and
/// still exact as a floating-point number in any tool that reads the save).
pub const MAX_SERIAL: u64 = 1 << 53;
/// Largest count a save may hold: completions, failures, objective progress, checkpoint
/// amounts, fail-condition counts.
pub const MAX_COUNT: u32 = 1_000_000_000;
/// Largest reputation a save may hold, either way (rules bound standings far below this).
pub const MAX_STANDING: i32 = 1_000_000;
/// Most objectives or fail conditions one mission may have (route indices are 16-bit).
pub const MAX_PER_MISSION: usize = u16::MAX as usize;
/// Largest factor a run may scale its waves by.
pub const MAX_FACTOR: f32 = 1_000.0;
/// Most crates, win items or first-wave enemies a run may place.
pub const MAX_RUN_ITEMS: u32 = 10_000;

/// Shared completions by mission: (count, game time of the last).
type SharedRecords = BTreeMap<MissionId, (u32, Option<f64>)>;
/// A journal entry's checkpoint log: (game time, objective, amount, player).
type CheckpointLog<P> = Vec<(f64, u16, u32, P)>;

/// Why a number is out of range, as the refusal says it.
fn out_of_range<E: Error>(found: impl Display, range: &str) -> E {
    E::custom(format_args!("{found} is out of range ({range})"))
}

fn check_time<E: Error>(t: f64) -> Result<f64, E> {
    if t.is_finite() && (0.0..=MAX_TIME).contains(&t) {
        Ok(t)
    } else {
        Err(out_of_range(
            t,
            "a game time is finite, not negative and at most 1e12 seconds",
        ))
    }
}

fn check_count<E: Error>(n: u32) -> Result<u32, E> {
    if n <= MAX_COUNT {
        Ok(n)
    } else {
        Err(out_of_range(n, "a count is at most 1000000000"))
    }
}

fn check_serial<E: Error>(n: u64) -> Result<u64, E> {
    if n <= MAX_SERIAL {
        Ok(n)
    } else {
        Err(out_of_range(n, "a serial is at most 2^53"))
    }
}

/// A value checked as it is read, so a refusal points at the value itself, also inside a list,
/// a map or a tuple.
macro_rules! checked {
    ($name:ident, $ty:ty, $check:ident) => {
        struct $name($ty);
        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                $check(<$ty>::deserialize(d)?).map($name)
            }
        }
    };
}
checked!(Time, f64, check_time);
checked!(Count, u32, check_count);
checked!(Serial, u64, check_serial);
checked!(Standing, i32, check_standing);

fn check_standing<E: Error>(v: i32) -> Result<i32, E> {
    if v.unsigned_abs() <= MAX_STANDING.unsigned_abs() {
        Ok(v)
    } else {
        Err(out_of_range(v, "a standing is at most 1000000 either way"))
    }
}

/// A game time: finite, not negative, at most [`MAX_TIME`].
pub(crate) fn time<'de, D: Deserializer<'de>>(d: D) -> Result<f64, D::Error> {
    check_time(f64::deserialize(d)?)
}

/// An optional game time (see [`time`]).
pub(crate) fn opt_time<'de, D: Deserializer<'de>>(d: D) -> Result<Option<f64>, D::Error> {
    Ok(Option::<Time>::deserialize(d)?.map(|t| t.0))
}

/// The clock's epoch: within [`MAX_EPOCH_SECS`] of 1970.
pub(crate) fn epoch<'de, D: Deserializer<'de>>(d: D) -> Result<i64, D::Error> {
    let secs = i64::deserialize(d)?;
    if secs.unsigned_abs() <= MAX_EPOCH_SECS.unsigned_abs() {
        Ok(secs)
    } else {
        Err(out_of_range(
            secs,
            "the epoch is at most 100000000000 seconds from 1970",
        ))
    }
}

/// An attempt serial: at most [`MAX_SERIAL`].
pub(crate) fn serial<'de, D: Deserializer<'de>>(d: D) -> Result<u64, D::Error> {
    check_serial(u64::deserialize(d)?)
}

/// A set or list of attempt serials (see [`serial`]).
pub(crate) fn serials<'de, D, C>(d: D) -> Result<C, D::Error>
where
    D: Deserializer<'de>,
    C: FromIterator<u64>,
{
    Ok(Vec::<Serial>::deserialize(d)?
        .into_iter()
        .map(|s| s.0)
        .collect())
}

/// A count: at most [`MAX_COUNT`].
pub(crate) fn count<'de, D: Deserializer<'de>>(d: D) -> Result<u32, D::Error> {
    check_count(u32::deserialize(d)?)
}

/// One count per fail condition (see [`count`]), at most [`MAX_PER_MISSION`] of them.
pub(crate) fn counts<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<u32>, D::Error> {
    Ok(per_mission::<D, Count>(d)?
        .into_iter()
        .map(|c| c.0)
        .collect())
}

/// A list with one entry per objective or fail condition: at most [`MAX_PER_MISSION`], refused
/// at the first entry too many.
pub(crate) fn per_mission<'de, D, T>(d: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    struct PerMission<T>(std::marker::PhantomData<T>);
    impl<'de, T: Deserialize<'de>> Visitor<'de> for PerMission<T> {
        type Value = Vec<T>;

        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a list with one entry per objective or fail condition")
        }

        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<T>, A::Error> {
            let mut out = Vec::new();
            while let Some(item) = seq.next_element()? {
                if out.len() == MAX_PER_MISSION {
                    return Err(out_of_range(
                        "an entry past the 65535th",
                        "a mission holds at most 65535 objectives or fail conditions",
                    ));
                }
                out.push(item);
            }
            Ok(out)
        }
    }
    d.deserialize_seq(PerMission(std::marker::PhantomData))
}

/// Standings by faction: each within [`MAX_STANDING`] either way.
pub(crate) fn standings<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<BTreeMap<FactionId, i32>, D::Error> {
    Ok(BTreeMap::<FactionId, Standing>::deserialize(d)?
        .into_iter()
        .map(|(f, v)| (f, v.0))
        .collect())
}

/// Shared completions by mission: (count, last time), each checked as [`count`] and
/// [`opt_time`].
pub(crate) fn shared_completions<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<SharedRecords, D::Error> {
    Ok(
        BTreeMap::<MissionId, (Count, Option<Time>)>::deserialize(d)?
            .into_iter()
            .map(|(m, (n, last))| (m, (n.0, last.map(|t| t.0))))
            .collect(),
    )
}

/// A journal entry's checkpoint log: (time, objective, amount, player), each time and amount
/// checked.
pub(crate) fn journal_checkpoints<'de, D, P>(d: D) -> Result<CheckpointLog<P>, D::Error>
where
    D: Deserializer<'de>,
    P: Deserialize<'de>,
{
    Ok(Vec::<(Time, u16, Count, P)>::deserialize(d)?
        .into_iter()
        .map(|(at, objective, amount, by)| (at.0, objective, amount.0, by))
        .collect())
}

/// Format 1's standings, as (faction, value) pairs (see [`standings`]).
pub(crate) fn standing_pairs<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<Vec<(FactionId, i32)>, D::Error> {
    Ok(Vec::<(FactionId, Standing)>::deserialize(d)?
        .into_iter()
        .map(|(f, v)| (f, v.0))
        .collect())
}

/// Format 1's completion counts by mission (see [`count`]).
pub(crate) fn count_map<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<BTreeMap<MissionId, u32>, D::Error> {
    Ok(BTreeMap::<MissionId, Count>::deserialize(d)?
        .into_iter()
        .map(|(m, n)| (m, n.0))
        .collect())
}

/// Format 1's checkpoint log: (time, objective, amount), each time and amount checked.
pub(crate) fn log_v1<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<(f64, u16, u32)>, D::Error> {
    Ok(Vec::<(Time, u16, Count)>::deserialize(d)?
        .into_iter()
        .map(|(at, objective, amount)| (at.0, objective, amount.0))
        .collect())
}

/// Crates, beacons or enemies a run places: at most [`MAX_RUN_ITEMS`].
pub(crate) fn run_items<'de, D: Deserializer<'de>>(d: D) -> Result<u32, D::Error> {
    let n = u32::deserialize(d)?;
    if n <= MAX_RUN_ITEMS {
        Ok(n)
    } else {
        Err(out_of_range(n, "a run places at most 10000 of anything"))
    }
}

/// A run's duration in seconds: finite, not negative, at most [`MAX_TIME`].
pub(crate) fn run_seconds<'de, D: Deserializer<'de>>(d: D) -> Result<f32, D::Error> {
    let s = f32::deserialize(d)?;
    check_time(f64::from(s)).map(|_| s)
}

/// A run's multiplier or growth: finite, not negative, at most [`MAX_FACTOR`].
pub(crate) fn factor<'de, D: Deserializer<'de>>(d: D) -> Result<f32, D::Error> {
    let f = f32::deserialize(d)?;
    if f.is_finite() && (0.0..=MAX_FACTOR).contains(&f) {
        Ok(f)
    } else {
        Err(out_of_range(f, "a factor is finite, 0 to 1000"))
    }
}

/// Seconds between waves: finite, above 0, at most [`MAX_TIME`].
pub(crate) fn interval<'de, D: Deserializer<'de>>(d: D) -> Result<f32, D::Error> {
    let s = f32::deserialize(d)?;
    if s > 0.0 && check_time::<D::Error>(f64::from(s)).is_ok() {
        Ok(s)
    } else {
        Err(out_of_range(
            s,
            "an interval is finite, above 0 and at most 1e12 seconds",
        ))
    }
}

/// Generated missions by id, each checked as it is read: finite times and playable objectives
/// (the catalog's own checks ran when it was drawn; a save may have been edited since).
pub(crate) fn generated<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<BTreeMap<MissionId, MissionDef>, D::Error> {
    struct Generated;
    impl<'de> Visitor<'de> for Generated {
        type Value = BTreeMap<MissionId, MissionDef>;

        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a map of generated missions")
        }

        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            let mut out = BTreeMap::new();
            while let Some((id, def)) = map.next_entry::<MissionId, MissionDef>()? {
                if let Some(problem) = generated_problem(&def) {
                    return Err(A::Error::custom(format_args!(
                        "generated mission {id}: {problem}"
                    )));
                }
                out.insert(id, def);
            }
            Ok(out)
        }
    }
    d.deserialize_map(Generated)
}

/// What makes a generated mission unplayable, if anything.
fn generated_problem(def: &MissionDef) -> Option<&'static str> {
    let t = &def.timing;
    let finite = [t.finish_time, t.expires_at, t.cooldown]
        .into_iter()
        .flatten()
        .chain(t.window.iter().flat_map(|w| [w.opens_at, w.closes_at]))
        .chain(t.deadline_hours.iter().flat_map(|h| [h.low, h.high]))
        .all(|t| check_time::<serde::de::value::Error>(t).is_ok());
    if !finite {
        return Some("a time is out of range (finite, not negative, at most 1e12 seconds)");
    }
    let timers_ok = def.objectives.iter().all(|o| match &o.goal {
        ObjectiveKind::Survive { seconds } => {
            seconds.is_none_or(|s| check_time::<serde::de::value::Error>(s).is_ok())
        }
        ObjectiveKind::Defend { seconds, .. } => {
            check_time::<serde::de::value::Error>(*seconds).is_ok()
        }
        _ => true,
    });
    if !timers_ok {
        return Some("a timer is out of range (finite, not negative, at most 1e12 seconds)");
    }
    let playable = !def.objectives.is_empty()
        && def.objectives.len() <= MAX_PER_MISSION
        && def.fail_when.len() <= MAX_PER_MISSION
        && def
            .objectives
            .iter()
            .all(|o| (1..=MAX_COUNT).contains(&o.goal.target_count()));
    (!playable)
        .then_some("its objectives are not playable (1 to 65535, each counting 1 to 1000000000)")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Deserialize, Debug)]
    struct Probe {
        #[serde(deserialize_with = "time")]
        at: f64,
        #[serde(deserialize_with = "serial")]
        serial: u64,
        #[serde(default, deserialize_with = "opt_time")]
        ends: Option<f64>,
    }

    fn parse(text: &str) -> Result<Probe, ron::error::SpannedError> {
        ron::from_str(text)
    }

    #[test]
    fn values_in_range_pass_and_others_are_refused_at_the_value() {
        let ok = parse("(at: 5.0, serial: 3, ends: Some(7.5))").unwrap();
        assert_eq!((ok.at, ok.serial, ok.ends), (5.0, 3, Some(7.5)));
        for (text, col) in [
            ("(at: 1e19, serial: 3)", 5),
            ("(at: -1.0, serial: 3)", 5),
            ("(at: 1.0, serial: 9007199254740993)", 19),
        ] {
            let e = parse(text).unwrap_err();
            assert!(e.code.to_string().contains("out of range"), "{text}: {e}");
            assert_eq!(e.span.start.line, 1, "{text}");
            assert!(
                e.span.start.col >= col,
                "{text}: error at {} before the value",
                e.span.start
            );
        }
        assert!(parse("(at: 1.0, serial: 1, ends: Some(inf))").is_err());
    }
}
