//! One theme for every mission panel: text sizes and colours.

use bevy::prelude::*;
use bevy_egui::egui::{self, Color32};

/// Text sizes and colours of the mission UI. Replace the resource to restyle every panel.
#[derive(Resource, Clone, Debug, PartialEq, Reflect)]
#[reflect(Resource)]
pub struct UiTheme {
    /// Body text size in points.
    pub text_size: f32,
    /// Heading size in points (panel titles, the survive banner).
    pub heading_size: f32,
    /// Accent colour: focus frames, the HUD arrow, counts that rise.
    #[reflect(ignore)]
    pub accent: Color32,
    /// Locked entries and finished missions.
    #[reflect(ignore)]
    pub muted: Color32,
    /// Urgent flags, failures and catalog errors.
    #[reflect(ignore)]
    pub danger: Color32,
    /// Completed objectives and rewards.
    #[reflect(ignore)]
    pub success: Color32,
    /// Warnings: withdrawn missions, timers under a minute.
    #[reflect(ignore)]
    pub warning: Color32,
}

impl Default for UiTheme {
    fn default() -> Self {
        UiTheme {
            text_size: 14.0,
            heading_size: 20.0,
            accent: Color32::from_rgb(90, 200, 250),
            muted: Color32::from_gray(130),
            danger: Color32::from_rgb(235, 80, 70),
            success: Color32::from_rgb(110, 210, 120),
            warning: Color32::from_rgb(240, 190, 60),
        }
    }
}

impl UiTheme {
    /// Body text in `colour`.
    pub fn text(&self, text: impl Into<String>, colour: Color32) -> egui::RichText {
        egui::RichText::new(text).size(self.text_size).color(colour)
    }

    /// A heading.
    pub fn heading(&self, text: impl Into<String>) -> egui::RichText {
        egui::RichText::new(text).size(self.heading_size).strong()
    }

    /// The frame drawn around the row that has keyboard focus (none around the others).
    pub fn focus_frame(&self, focused: bool) -> egui::Frame {
        let stroke = if focused {
            egui::Stroke::new(2.0, self.accent)
        } else {
            egui::Stroke::new(2.0, Color32::TRANSPARENT)
        };
        egui::Frame::new()
            .stroke(stroke)
            .inner_margin(egui::Margin::same(3))
    }
}

/// `M:SS` for a count of seconds (negative counts as zero).
pub fn clock_text(seconds: f64) -> String {
    let s = if seconds.is_finite() {
        seconds.max(0.0).ceil() as u64
    } else {
        0
    };
    if s >= 3600 {
        format!("{}:{:02}:{:02}", s / 3600, (s / 60) % 60, s % 60)
    } else {
        format!("{}:{:02}", s / 60, s % 60)
    }
}

#[cfg(test)]
mod tests {
    use super::clock_text;

    #[test]
    fn clock_text_rounds_up_and_never_goes_negative() {
        assert_eq!(clock_text(59.2), "1:00");
        assert_eq!(clock_text(125.0), "2:05");
        assert_eq!(clock_text(-3.0), "0:00");
        assert_eq!(clock_text(f64::NAN), "0:00");
        assert_eq!(clock_text(3725.0), "1:02:05");
    }
}
