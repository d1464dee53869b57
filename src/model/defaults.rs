//! Serde defaults, in one place so the data model and the docs agree.

pub(crate) fn yes() -> bool {
    true
}
pub(crate) fn one() -> f32 {
    1.0
}
pub(crate) fn one_u32() -> u32 {
    1
}
/// Seed 000: `min_reputation` defaults to -800 ("anyone").
pub(crate) fn min_reputation() -> i32 {
    -800
}
pub(crate) fn rep_min() -> i32 {
    -1000
}
pub(crate) fn rep_max() -> i32 {
    1000
}
/// Seed 000: abandoning costs 5 reputation with the issuer.
pub(crate) fn abandon_penalty() -> i32 {
    -5
}
pub(crate) fn allied_at() -> i32 {
    250
}
/// Seed 000: a player carries at most 5 active missions.
pub(crate) fn concurrent_cap() -> u32 {
    5
}
pub(crate) fn max_level() -> u32 {
    50
}
pub(crate) fn xp_per_level() -> u64 {
    1000
}
pub(crate) fn journal_size() -> u32 {
    20
}
pub(crate) fn random_cap() -> u32 {
    3
}
pub(crate) fn refresh_hour() -> u8 {
    0
}
