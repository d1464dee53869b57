//! What a mission's giver says: the nine lines of a mission ([`Dialogue`]) and the name of one
//! line ([`DialogueLine`]), which outcomes carry instead of text.

use bevy::reflect::Reflect;
use serde::{Deserialize, Serialize};

/// The nine lines a mission's giver says.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, Reflect)]
#[serde(deny_unknown_fields)]
pub struct Dialogue {
    /// Short description in the journal.
    #[serde(default)]
    pub describe: String,
    /// The pitch when offered.
    #[serde(default)]
    pub offer: String,
    /// Said when the player accepts.
    #[serde(default)]
    pub accepted: String,
    /// Said when the player declines.
    #[serde(default)]
    pub rejected: String,
    /// A hint.
    #[serde(default)]
    pub advice: String,
    /// Asked while the mission is active.
    #[serde(default)]
    pub inquire: String,
    /// Said on success.
    #[serde(default)]
    pub success: String,
    /// Said when the player claims success but the objectives are not met.
    #[serde(default)]
    pub success_lie: String,
    /// Said on failure.
    #[serde(default)]
    pub failure: String,
}

impl Dialogue {
    /// The text of one line (empty when the catalog left it out).
    pub fn line(&self, line: DialogueLine) -> &str {
        match line {
            DialogueLine::Describe => &self.describe,
            DialogueLine::Offer => &self.offer,
            DialogueLine::Accepted => &self.accepted,
            DialogueLine::Rejected => &self.rejected,
            DialogueLine::Advice => &self.advice,
            DialogueLine::Inquire => &self.inquire,
            DialogueLine::Success => &self.success,
            DialogueLine::SuccessLie => &self.success_lie,
            DialogueLine::Failure => &self.failure,
        }
    }
}

/// One of a giver's nine lines ([`Dialogue`]). Outcomes name a line, never its text, so each
/// client renders it in its own language.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, Reflect)]
pub enum DialogueLine {
    /// [`Dialogue::describe`].
    Describe,
    /// [`Dialogue::offer`].
    Offer,
    /// [`Dialogue::accepted`].
    Accepted,
    /// [`Dialogue::rejected`].
    Rejected,
    /// [`Dialogue::advice`].
    Advice,
    /// [`Dialogue::inquire`].
    Inquire,
    /// [`Dialogue::success`].
    Success,
    /// [`Dialogue::success_lie`].
    SuccessLie,
    /// [`Dialogue::failure`].
    Failure,
}
