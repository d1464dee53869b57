#!/usr/bin/env bash
# Runs the demo. Until the playable game lands this is the mission UI over sample data from
# assets/missions (examples/mission_ui.rs): the board, the journal, the HUD tracker with its arrow
# and extraction banner, the completion screen, the mission graph and the dashboard, live-reloading
# the catalog (save an edit to assets/missions/*.ron and the board follows within a second).
#
# On a machine without a display it says so, renders every panel under Xvfb instead and prints
# where the pictures are. `--print` prints the catalog browser to the terminal instead, and
# `--watch` keeps the browser running and reprints on every saved edit.
set -euo pipefail
cd "$(dirname "$0")/.."
for arg in "$@"; do
    case "$arg" in
    --print | --watch)
        bash scripts/setup.sh
        features=()
        [[ "$arg" == "--watch" ]] && features=(--features hot_reload)
        exec cargo run --locked "${features[@]}" --example print_catalog -- "$@"
        ;;
    esac
done
if [[ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]]; then
    bash scripts/setup.sh
    exec cargo run --locked --features demo --example mission_ui -- "$@"
fi
echo "demo: no display found (DISPLAY and WAYLAND_DISPLAY are unset); rendering every panel under Xvfb instead"
bash scripts/setup.sh --window
cargo build --locked --features demo --example mission_ui
out="${TMPDIR:-/tmp}/bevy_missions_demo"
mkdir -p "$out"
BEVY_ASSET_ROOT="$PWD" xvfb-run -a -s "-screen 0 1280x720x24" \
    target/debug/examples/mission_ui --screenshots "$out" 2> "$out/log" || {
    tail -20 "$out/log" >&2
    exit 1
}
echo "demo: the pictures are in $out"
