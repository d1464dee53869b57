#!/usr/bin/env bash
# Runs the demo. Until the game lands this is the catalog browser: it loads assets/missions
# through the plugin exactly as a game does and prints the board, the chains and the dailies.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
cargo run --locked --example print_catalog -- "$@"
