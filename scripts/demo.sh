#!/usr/bin/env bash
# Runs the demo game, Meridian Reach (examples/demo): take contracts at the hub's mission board,
# fly the runs, come back to the completion screen. Progress is saved in the platform's data
# folder (or --save-dir DIR). Arguments are passed to the game (see --help).
#
# On a machine without a display it says so, and instead lets the autoplay bot play two runs under
# Xvfb (software rendering), saving board.png, run.png, journal.png and complete.png, and prints
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
export BEVY_ASSET_ROOT="$PWD"
if [[ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]]; then
    bash scripts/setup.sh
    exec cargo run --locked --features demo --example demo -- "$@"
fi
echo "demo: no display found (DISPLAY and WAYLAND_DISPLAY are unset); the autoplay bot plays two runs under Xvfb instead"
bash scripts/setup.sh --window
cargo build --locked --features demo --example demo
out="${TMPDIR:-/tmp}/bevy_missions_demo"
# A new pilot each time; two runs, so the second (a fuller field) is photographed.
rm -rf "$out"
mkdir -p "$out"
xvfb-run -a -s "-screen 0 1280x720x24" \
    target/debug/examples/demo --autoplay --runs 2 --speed 4 --save-dir "$out/save" \
    --screenshots "$out" "$@" 2> "$out/log" || {
    grep -v "ALSA\|alsa" "$out/log" | tail -20 >&2
    exit 1
}
echo "demo: the pictures are in $out (board.png, run.png, journal.png, complete.png)"
