#!/usr/bin/env bash
# The demo's frame rate against a bare bevy scene, under Xvfb on the software renderer: the run
# scene with a fixed swarm of N enemies (default 500) and the bare scene drawing the same N meshes
# the same way with nothing else. Prints both and the ratio; exits non-zero below 80%.
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-500}"
secs="${2:-15}"
bash scripts/setup.sh --window
cargo build --locked --features demo --example demo
export BEVY_ASSET_ROOT="$PWD"
demo="${CARGO_TARGET_DIR:-target}/debug/examples/demo"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
measure() {
    xvfb-run -a -s "-screen 0 1280x720x24" timeout 300 "$demo" \
        --save-dir "$work/save" --enemies "$n" --measure "$secs" "$@" 2> /dev/null |
        sed -n 's/^fps: //p'
}
bare="$(measure --bare)"
game="$(measure)"
[[ -n "$bare" && -n "$game" ]] || { echo "fps: a measurement failed" >&2; exit 1; }
ratio="$(awk -v g="$game" -v b="$bare" 'BEGIN { printf "%.0f", 100 * g / b }')"
echo "fps with $n enemies: demo $game, bare scene $bare, ratio $ratio%"
[[ "$ratio" -ge 80 ]] || { echo "fps: the demo holds less than 80% of the bare scene" >&2; exit 1; }
