#!/usr/bin/env bash
# Every check CI runs: formatting, clippy with warnings as errors, every test (unit, integration,
# property, doc tests) with every feature, the docs without warnings, the quick-start example run
# to completion, the lint over the shipped catalog, the UI panels' screenshots against their
# snapshots, and the demo played by its bot (four runs, a reload of the save, a corrupted save).
# One feature set (--all-features) throughout, so bevy is built once.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh

target="${CARGO_TARGET_DIR:-target}"
cargo fmt --all -- --check
cargo clippy --locked --all-targets --all-features -- -D warnings
cargo test --locked --all-features
RUSTDOCFLAGS="-D warnings" cargo doc --locked --no-deps --all-features
# The binaries `cargo test` just built (a `cargo run` would rebuild bevy without the
# dev-dependencies' features). The quick start exits non-zero unless its mission completes
# within 600 frames.
BEVY_ASSET_ROOT="$PWD" timeout 120 "$target/debug/examples/quick_start"
"$target/debug/missions-lint" assets/missions
# Every UI panel rendered in a real window under Xvfb and compared with docs/snapshots/ui.
bash scripts/snapshots.sh
# The demo game played end to end by its autoplay bot under Xvfb.
bash scripts/autoplay.sh
