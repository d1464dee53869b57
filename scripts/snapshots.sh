#!/usr/bin/env bash
# Renders every mission UI panel in a real window (Xvfb + Mesa's software Vulkan driver) and
# compares each screenshot with the committed snapshot in docs/snapshots/ui: a blank panel or one
# that differs fails. `--update` replaces the snapshots with the new screenshots instead.
# Expects the example built by `cargo test --all-features` (scripts/test.sh runs this after it).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --window
target="${CARGO_TARGET_DIR:-target}"
bin="$target/debug/examples/mission_ui"
[[ -x "$bin" ]] || cargo build --locked --all-features --example mission_ui
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
args=(--screenshots "$out")
[[ "${1:-}" == "--update" ]] || args+=(--compare docs/snapshots/ui)
export BEVY_ASSET_ROOT="$PWD"
xvfb-run -a -s "-screen 0 1280x720x24" timeout 300 "$bin" "${args[@]}" 2> "$out/log" || {
    grep -v "ALSA\|alsa" "$out/log" | tail -20 >&2
    exit 1
}
if [[ "${1:-}" == "--update" ]]; then
    cp "$out"/*.png docs/snapshots/ui/
    echo "snapshots updated in docs/snapshots/ui"
fi
