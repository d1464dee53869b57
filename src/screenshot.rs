//! Loose comparison of screenshots with committed snapshots (feature `ui`): loose enough for
//! animation, moving enemies and a blinking cursor, strict enough that a panel that lost its
//! content or an empty scene fails.
//!
//! Both images are reduced to a grid of mean brightness per cell; the score is the share of
//! cells whose brightness differs by more than the [`Tolerance`]'s step. A screenshot whose cells
//! are all alike is blank, whatever it is compared with.

use std::path::Path;

use bevy::asset::RenderAssetUsages;
use bevy::image::{CompressedImageFormats, Image, ImageSampler, ImageType};

/// Cells across and down the comparison grid.
pub const GRID: (u32, u32) = (64, 36);

/// How different a screenshot may be from its snapshot.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Tolerance {
    /// A cell counts as changed when its mean brightness moved by more than this (0–255).
    pub step: f32,
    /// The share of changed cells allowed (0–1).
    pub share: f32,
}

impl Tolerance {
    /// For UI panels over a still scene: text may change, a panel may not move or empty.
    pub const PANELS: Tolerance = Tolerance {
        step: 12.0,
        share: 0.01,
    };
    /// For a whole game screen of panels over a still scene: timers and counters may tick, a
    /// window may not open, close or move.
    pub const SCREEN: Tolerance = Tolerance {
        step: 12.0,
        share: 0.04,
    };
    /// For a game scene with moving enemies: the layout must hold, the details may move (two
    /// runs of the demo's field at the same moment differ in about 8% of cells; its hub screens
    /// differ from the field in more than 15%).
    pub const SCENE: Tolerance = Tolerance {
        step: 24.0,
        share: 0.12,
    };
}

/// A screenshot whose cells' brightness spreads less than this (standard deviation) is blank.
pub const MIN_SPREAD: f32 = 4.0;

/// Why a comparison failed.
#[derive(Debug, thiserror::Error)]
pub enum ScreenshotError {
    /// A file could not be read.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: String,
        /// Why.
        source: std::io::Error,
    },
    /// A file is not a PNG the decoder understands.
    #[error("{path}: not a readable PNG: {why}")]
    Decode {
        /// The file.
        path: String,
        /// Why.
        why: String,
    },
    /// The screenshot is blank (an empty scene or a window that drew nothing).
    #[error("{path}: the screenshot is blank (brightness spread {spread:.1} < {MIN_SPREAD})")]
    Blank {
        /// The file.
        path: String,
        /// Its spread.
        spread: f32,
    },
    /// The screenshot differs from the snapshot.
    #[error("{path}: {:.1}% of it differs from {snapshot} (at most {:.1}%)", score * 100.0, allowed * 100.0)]
    Differs {
        /// The screenshot.
        path: String,
        /// The snapshot.
        snapshot: String,
        /// The share of changed cells.
        score: f32,
        /// The share allowed.
        allowed: f32,
    },
}

/// Mean brightness per grid cell of an image.
pub fn brightness_grid(image: &Image) -> Vec<f32> {
    let (w, h) = (image.width().max(1), image.height().max(1));
    let (gw, gh) = GRID;
    let mut sums = vec![(0.0f32, 0u32); (gw * gh) as usize];
    let step = 2;
    for y in (0..h).step_by(step) {
        for x in (0..w).step_by(step) {
            let Ok(c) = image.get_color_at(x, y) else {
                continue;
            };
            let c = c.to_srgba();
            let luma = 255.0 * (0.2126 * c.red + 0.7152 * c.green + 0.0722 * c.blue);
            let cell = ((y * gh / h) * gw + x * gw / w) as usize;
            sums[cell].0 += luma;
            sums[cell].1 += 1;
        }
    }
    sums.into_iter()
        .map(|(s, n)| if n == 0 { 0.0 } else { s / n as f32 })
        .collect()
}

/// Standard deviation of a grid's cells.
pub fn spread(grid: &[f32]) -> f32 {
    let n = grid.len().max(1) as f32;
    let mean = grid.iter().sum::<f32>() / n;
    (grid.iter().map(|v| (v - mean).powi(2)).sum::<f32>() / n).sqrt()
}

/// The share of cells whose brightness differs by more than `step`.
pub fn difference(a: &[f32], b: &[f32], step: f32) -> f32 {
    let n = a.len().min(b.len()).max(1) as f32;
    a.iter()
        .zip(b)
        .filter(|(x, y)| (*x - *y).abs() > step)
        .count() as f32
        / n
}

/// Reads a PNG.
pub fn load_png(path: &Path) -> Result<Image, ScreenshotError> {
    let bytes = std::fs::read(path).map_err(|source| ScreenshotError::Io {
        path: path.display().to_string(),
        source,
    })?;
    Image::from_buffer(
        &bytes,
        ImageType::Extension("png"),
        CompressedImageFormats::NONE,
        true,
        ImageSampler::Default,
        RenderAssetUsages::MAIN_WORLD,
    )
    .map_err(|e| ScreenshotError::Decode {
        path: path.display().to_string(),
        why: e.to_string(),
    })
}

/// Compares a screenshot with its snapshot; returns the share of changed cells when it passes.
pub fn compare(
    screenshot: &Path,
    snapshot: &Path,
    tolerance: Tolerance,
) -> Result<f32, ScreenshotError> {
    let actual = brightness_grid(&load_png(screenshot)?);
    let s = spread(&actual);
    if s < MIN_SPREAD {
        return Err(ScreenshotError::Blank {
            path: screenshot.display().to_string(),
            spread: s,
        });
    }
    let expected = brightness_grid(&load_png(snapshot)?);
    let score = difference(&actual, &expected, tolerance.step);
    if score > tolerance.share {
        return Err(ScreenshotError::Differs {
            path: screenshot.display().to_string(),
            snapshot: snapshot.display().to_string(),
            score,
            allowed: tolerance.share,
        });
    }
    Ok(score)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_uniform_grid_is_blank_and_differs_from_a_drawn_one() {
        let blank = vec![30.0; (GRID.0 * GRID.1) as usize];
        let mut drawn = blank.clone();
        for (i, v) in drawn.iter_mut().enumerate() {
            if i % 3 == 0 {
                *v = 200.0;
            }
        }
        assert!(spread(&blank) < MIN_SPREAD);
        assert!(spread(&drawn) > MIN_SPREAD);
        let t = Tolerance::PANELS;
        assert!(difference(&blank, &drawn, t.step) > t.share);
        let mut moved = drawn.clone();
        moved.swap(0, 1);
        assert!(
            difference(&drawn, &moved, t.step) <= t.share,
            "small changes pass"
        );
    }
}
