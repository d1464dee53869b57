//! What the mission UI remembers between frames: which panels are on and open, where the
//! keyboard focus is, the board's filters, the pending abandon confirmation, completion screens
//! and toasts waiting to be shown; and the actions panels and keys produce.

use std::collections::VecDeque;

use bevy::prelude::*;

use super::view::{BoardFilter, CompletionView};
use crate::ids::{MissionId, NpcId, PostingId};

/// Marks the player whose missions the UI shows (on a client, the only one it knows). Without
/// it, the UI shows nothing.
#[derive(Component, Clone, Copy, Debug, Default, Reflect)]
#[reflect(Component)]
pub struct LocalPlayer;

/// The mission UI's windows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Reflect)]
pub enum Panel {
    /// Everything the player can take here and now.
    #[default]
    Board,
    /// Active and finished missions.
    Journal,
    /// Prerequisites, follow-ups and subquests with their states.
    Graph,
    /// Live counts per mission.
    Dashboard,
}

impl Panel {
    /// Every window, in the order `Next` cycles through them.
    pub const ALL: [Panel; 4] = [Panel::Board, Panel::Journal, Panel::Graph, Panel::Dashboard];

    /// The window's title.
    pub fn title(self) -> &'static str {
        match self {
            Panel::Board => "Mission board",
            Panel::Journal => "Journal",
            Panel::Graph => "Mission graph",
            Panel::Dashboard => "Mission dashboard",
        }
    }
}

/// One flag per piece of the UI.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Reflect)]
pub struct PanelFlags {
    /// The mission board window.
    pub board: bool,
    /// The journal window.
    pub journal: bool,
    /// The mission graph window.
    pub graph: bool,
    /// The dashboard window.
    pub dashboard: bool,
    /// The HUD tracker, banner and arrow.
    pub hud: bool,
    /// The completion screen after a mission ends.
    pub completion: bool,
    /// Progress and catalog-error toasts.
    pub toasts: bool,
}

impl PanelFlags {
    /// Every flag set.
    pub const ALL: PanelFlags = PanelFlags {
        board: true,
        journal: true,
        graph: true,
        dashboard: true,
        hud: true,
        completion: true,
        toasts: true,
    };

    /// Every flag clear.
    pub const NONE: PanelFlags = PanelFlags {
        board: false,
        journal: false,
        graph: false,
        dashboard: false,
        hud: false,
        completion: false,
        toasts: false,
    };

    /// The flag of a window.
    pub fn window(&self, panel: Panel) -> bool {
        match panel {
            Panel::Board => self.board,
            Panel::Journal => self.journal,
            Panel::Graph => self.graph,
            Panel::Dashboard => self.dashboard,
        }
    }

    /// Sets the flag of a window.
    pub fn set_window(&mut self, panel: Panel, on: bool) {
        match panel {
            Panel::Board => self.board = on,
            Panel::Journal => self.journal = on,
            Panel::Graph => self.graph = on,
            Panel::Dashboard => self.dashboard = on,
        }
    }
}

/// A short message in the corner.
#[derive(Clone, Debug, PartialEq, Reflect)]
pub struct Toast {
    /// What it says (catalog errors as `path:line:col: message`).
    pub text: String,
    /// Errors are drawn in the theme's danger colour and stay longer.
    pub error: bool,
    /// Real seconds (`Time<Real>`) after which it disappears.
    pub until: f64,
}

/// How long toasts stay: progress, then errors (real seconds).
pub const TOAST_SECS: (f64, f64) = (3.0, 8.0);

/// The most toasts kept at once; older ones make way.
pub const MAX_TOASTS: usize = 6;

/// The mission UI's state. Game code opens and closes windows through it
/// (`ui.open.board = true`), switches pieces off with `enabled`, and sets `talking_to` while the
/// player talks to an NPC so the board lists that NPC's offers.
#[derive(Resource, Clone, Debug, Reflect)]
#[reflect(Resource)]
pub struct MissionsUi {
    /// Pieces that exist at all; a disabled window never opens, a disabled HUD never draws.
    pub enabled: PanelFlags,
    /// Windows open now (only `board`, `journal`, `graph` and `dashboard` are read).
    pub open: PanelFlags,
    /// The window the keyboard drives.
    pub focus: Panel,
    /// The focused row in each window, by [`Panel::ALL`] order.
    pub rows: [usize; 4],
    /// The board's filters.
    pub filter: BoardFilter,
    /// The mission whose abandon waits for confirmation.
    pub confirm_abandon: Option<MissionId>,
    /// The NPC the player is talking to, whose offers the board lists.
    pub talking_to: Option<NpcId>,
    /// The reply to the last accept (the accepted or rejected line).
    pub reply: Option<String>,
    /// Completion screens still to show, oldest first.
    pub completions: VecDeque<CompletionView>,
    /// Keep completion screens queued without showing them (a game in the middle of action sets
    /// this); they show, oldest first, once it is false again. Keys do not dismiss held screens.
    pub hold_completions: bool,
    /// Real time the front completion screen was first shown (for the count-up).
    pub completion_shown_at: Option<f64>,
    /// Toasts on screen.
    pub toasts: Vec<Toast>,
}

impl Default for MissionsUi {
    fn default() -> Self {
        MissionsUi {
            enabled: PanelFlags::ALL,
            open: PanelFlags::NONE,
            focus: Panel::Board,
            rows: [0; 4],
            filter: BoardFilter::default(),
            confirm_abandon: None,
            talking_to: None,
            reply: None,
            completions: VecDeque::new(),
            hold_completions: false,
            completion_shown_at: None,
            toasts: Vec::new(),
        }
    }
}

impl MissionsUi {
    /// Opens a window (when enabled) and gives it the keyboard.
    pub fn open(&mut self, panel: Panel) {
        if self.enabled.window(panel) {
            self.open.set_window(panel, true);
            self.focus = panel;
        }
    }

    /// Closes a window; the keyboard moves to another open one.
    pub fn close(&mut self, panel: Panel) {
        self.open.set_window(panel, false);
        if self.focus == panel
            && let Some(other) = Panel::ALL.into_iter().find(|p| self.open.window(*p))
        {
            self.focus = other;
        }
    }

    /// Opens a closed window, closes an open one.
    pub fn toggle(&mut self, panel: Panel) {
        if self.open.window(panel) {
            self.close(panel);
        } else {
            self.open(panel);
        }
    }

    /// True while any window, the abandon confirmation or a completion screen is up: a game
    /// pauses its mission clock then. Held completion screens do not count.
    pub fn is_blocking(&self) -> bool {
        Panel::ALL.into_iter().any(|p| self.open.window(p))
            || self.confirm_abandon.is_some()
            || self.completion_showing().is_some()
    }

    /// The completion screen on screen now: the oldest queued one, unless the screen is
    /// disabled or [`MissionsUi::hold_completions`] is set.
    pub fn completion_showing(&self) -> Option<&CompletionView> {
        if self.enabled.completion && !self.hold_completions {
            self.completions.front()
        } else {
            None
        }
    }

    /// The focused row of a window.
    pub fn row(&self, panel: Panel) -> usize {
        self.rows[panel as usize]
    }

    /// Adds a toast, dropping the oldest beyond [`MAX_TOASTS`].
    pub fn toast(&mut self, text: impl Into<String>, error: bool, now: f64) {
        let secs = if error { TOAST_SECS.1 } else { TOAST_SECS.0 };
        self.toasts.push(Toast {
            text: text.into(),
            error,
            until: now + secs,
        });
        if self.toasts.len() > MAX_TOASTS {
            let extra = self.toasts.len() - MAX_TOASTS;
            self.toasts.drain(..extra);
        }
    }
}

/// What a panel or a key asks for. Panels return these instead of acting, so they stay plain
/// functions; one system turns them into [`MissionRequest`](crate::lifecycle::MissionRequest)s
/// and state changes.
#[derive(Message, Clone, Debug, PartialEq, Reflect)]
#[non_exhaustive]
pub enum UiAction {
    /// Take a mission from the board (through its posting when it has one).
    Accept {
        /// The mission.
        mission: MissionId,
        /// The posting it is taken through.
        posting: Option<PostingId>,
    },
    /// Ask to abandon (opens the confirmation).
    AskAbandon(MissionId),
    /// Abandon the mission waiting for confirmation.
    ConfirmAbandon,
    /// Keep the mission after all.
    CancelAbandon,
    /// Show or hide a mission on the HUD.
    Track {
        /// The mission.
        mission: MissionId,
        /// Shown on the HUD.
        tracked: bool,
    },
    /// Put the front completion screen away.
    DismissCompletion,
    /// Open or close a window.
    Toggle(Panel),
    /// Close a window.
    Close(Panel),
    /// Move the keyboard focus to a row of a window.
    Focus(Panel, usize),
}
