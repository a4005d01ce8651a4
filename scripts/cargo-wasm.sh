#!/usr/bin/env bash
# Builds the WASM crate for wasm32-unknown-unknown with the profile WASM_PROFILE (default
# release; `dist` for the packages); further arguments go to cargo (`--no-default-features`: the
# core entry).
#
# Uses rustup's wasm32 target when it can be installed. Where rustup's download host is not
# reachable, falls back to Debian's rustc-web toolchain (std for wasm32 built from source with
# -Zbuild-std), unpacked into .tools/rust-web without touching the system (see TOOLCHAIN.md).
set -euo pipefail
cd "$(dirname "$0")/.."
TARGET=wasm32-unknown-unknown
PROFILE=${WASM_PROFILE:-release}
build=(cargo build -p webinar-analytics-wasm --target "$TARGET" --profile "$PROFILE" "$@")

if [ -z "${FORCE_DEBIAN_WASM:-}" ] && rustup target add "$TARGET" >/dev/null 2>&1; then
  exec "${build[@]}"
fi

echo "rustup cannot add $TARGET here; using Debian's rustc-web toolchain" >&2
D="$PWD/.tools/rust-web"
if [ ! -x "$D/usr/bin/rustc" ]; then
  mkdir -p "$D/debs"
  apt-get update -qq || true
  (cd "$D/debs" && apt-get download rustc-web rust-web-src libstd-rust-web-dev libstd-rust-web-1.96 libllvm22 lld-22)
  for deb in "$D"/debs/*.deb; do dpkg -x "$deb" "$D"; done
fi
export LD_LIBRARY_PATH="$D/usr/lib/x86_64-linux-gnu:$D/usr/lib/llvm-22/lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
export RUSTC="$D/usr/bin/rustc" RUSTC_BOOTSTRAP=1
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER="$D/usr/bin/wasm-ld-22"
export CARGO_TARGET_DIR="$PWD/target/debian-wasm"
"${build[@]}" -Zbuild-std=std,panic_abort
mkdir -p "target/$TARGET/$PROFILE"
cp "$CARGO_TARGET_DIR/$TARGET/$PROFILE/webinar_analytics_wasm.wasm" "target/$TARGET/$PROFILE/"
