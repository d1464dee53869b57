#!/usr/bin/env bash
# Installs what a fresh Debian machine lacks to build bevy_missions (and, with --window, to open
# the demo's window without a GPU). Skips apt entirely when everything is already there.
set -euo pipefail

packages=(pkg-config libudev-dev libwayland-dev libxkbcommon-dev)
if [[ "${1:-}" == "--window" ]]; then
    packages+=(xvfb xauth mesa-vulkan-drivers libvulkan1)
fi

missing=()
for p in "${packages[@]}"; do
    dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done

if ((${#missing[@]})); then
    echo "setup: installing ${missing[*]}"
    sudo_cmd=()
    [[ $(id -u) -ne 0 ]] && sudo_cmd=(sudo)
    "${sudo_cmd[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null
fi

command -v cargo >/dev/null || { echo "setup: cargo (Rust 1.95) is required" >&2; exit 1; }
