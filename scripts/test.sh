#!/usr/bin/env bash
# Every check CI runs: formatting, clippy with warnings as errors, every test (unit, integration,
# property, doc tests) with every feature, and the lint over the shipped catalog.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh

cargo fmt --all -- --check
cargo clippy --locked --all-targets --all-features -- -D warnings
cargo test --locked --all-features
# The lint binary `cargo test` just built (a `cargo run` would rebuild bevy without the
# dev-dependencies' features).
"${CARGO_TARGET_DIR:-target}/debug/missions-lint" assets/missions
