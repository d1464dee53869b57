#!/usr/bin/env bash
# Runs the demo. Until the game lands this is the catalog browser: it loads assets/missions
# through the plugin exactly as a game does and prints the board, a new pilot's locked contracts,
# an assembled run, the chains and the dailies. With --watch it keeps running and reprints on every
# saved edit (bevy's file watcher), or prints the errors when an edit is rejected.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
features=()
for arg in "$@"; do
    [[ "$arg" == "--watch" ]] && features=(--features hot_reload)
done
cargo run --locked "${features[@]}" --example print_catalog -- "$@"
