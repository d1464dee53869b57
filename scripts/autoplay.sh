#!/usr/bin/env bash
# The demo played end to end by its bot under Xvfb (software rendering), as CI runs it:
#  1. four runs from a new save: all four labels flown, a chain's follow-up unlocked and a daily
#     completed, and the four screenshots compared loosely with docs/snapshots/demo;
#  2. a second session on the same save starts with the credits and completions the first ended
#     with;
#  3. a corrupted save is reported and left byte for byte as it was.
# `--update` replaces the committed snapshots with this session's screenshots.
# Expects the example built by `cargo test --all-features` (scripts/test.sh runs this after it).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --window
target="${CARGO_TARGET_DIR:-target}"
bin="$target/debug/examples/demo"
[[ -x "$bin" ]] || cargo build --locked --all-features --example demo
export BEVY_ASSET_ROOT="$PWD"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
play() {
    xvfb-run -a -s "-screen 0 1280x720x24" timeout 900 "$bin" --seed 31 --speed 6 \
        --save-dir "$work/save" "$@" 2> "$work/err"
}
fail() {
    echo "autoplay: $*" >&2
    grep -v "ALSA\|alsa\|WARN\|XDG_RUNTIME" "$work/err" | tail -20 >&2 || true
    exit 1
}
compare=(--compare docs/snapshots/demo)
[[ "${1:-}" == "--update" ]] && compare=()
play --autoplay --runs 4 --screenshots "$work/shots" "${compare[@]}" > "$work/first" ||
    { cat "$work/first"; fail "the first session failed"; }
cat "$work/first"
for label in Find Explore Protect Battle; do
    grep -q "^outcome: run .*\[$label\]" "$work/first" || fail "no $label run"
done
grep -q "^outcome: follow-up unlocked" "$work/first" || fail "no follow-up unlocked"
grep -q "^outcome: completed .*\[daily\]" "$work/first" || fail "no daily completed"
if [[ "${1:-}" == "--update" ]]; then
    mkdir -p docs/snapshots/demo
    cp "$work/shots"/*.png docs/snapshots/demo/
    echo "autoplay: snapshots updated in docs/snapshots/demo"
fi
ended="$(sed -n 's/^autoplay: the pilot ends with //p' "$work/first")"
play --autoplay --runs 0 > "$work/second" || { cat "$work/second"; fail "the second session failed"; }
started="$(sed -n 's/^demo: the pilot starts with //p' "$work/second")"
[[ -n "$ended" && "$started" == "$ended" ]] ||
    fail "the second session started with '$started', the first ended with '$ended'"
echo "autoplay: the second session starts where the first ended ($started)"
printf '(version: 3, players: [' > "$work/save/pilot.save.ron"
sum="$(sha256sum "$work/save/pilot.save.ron")"
rc=0
play --autoplay --runs 1 > "$work/third" || rc=$?
[[ $rc -eq 2 ]] || fail "a corrupted save: expected exit code 2 (refused), got $rc"
grep -q "the save could not be read" "$work/err" || fail "the corrupted save was not reported"
[[ "$(sha256sum "$work/save/pilot.save.ron")" == "$sum" ]] || fail "the corrupted save was changed"
echo "autoplay: a corrupted save is reported and left untouched"
