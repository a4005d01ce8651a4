#!/usr/bin/env bash
# Builds the packages users install into dist/ and prints their sizes.
#
#   scripts/dist.sh [python] [wasm] [node]      (default: all three; node packs the WASM fallback)
#
# DIST_HOST_ONLY=1 builds only what runs on this machine (its wheel and addon, the WASM
# packages): what `make test` installs and tests. Otherwise every platform:
#   dist/python/  abi3 wheels for manylinux2014 x86-64 and aarch64, musllinux_1_2 x86-64 (maturin
#                 with zig: glibc 2.17 symbols whatever the build machine), and the sdist;
#   dist/node/    webinar-analytics (JS, types, the WASM fallback) and one package per prebuilt
#                 addon (linux-x64-gnu, linux-arm64-gnu, linux-x64-musl) in napi-rs's layout;
#   dist/wasm/    webinar-analytics-wasm, the browser package (wasm-opt -Oz, names dropped): the
#                 main entry (every call) and the `core` entry, a build without the feature
#                 `full` under 1 MB gzip that loads the main one on demand.
# Release builds use the `dist` profile (fat LTO, one codegen unit, stripped).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
VENV=${VENV:-$ROOT/.venv}
DIST=$ROOT/dist
VERSION=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)
export PATH="$VENV/bin:$PATH"

HOST=$(rustc -vV | sed -n 's/^host: //p')

# Whether to build for `target`: every target, or under DIST_HOST_ONLY this machine's.
wanted() { [ -z "${DIST_HOST_ONLY:-}" ] || [ "$1" = "$HOST" ]; }

parts=("$@")
[ ${#parts[@]} -gt 0 ] || parts=(python wasm node)

# An output directory, emptied unless only this machine's packages are built (which replace
# their own files and leave the other platforms' from an earlier `make dist`).
fresh() {
  [ -n "${DIST_HOST_ONLY:-}" ] || rm -rf "$1"
  mkdir -p "$1"
}

python_wheels() {
  fresh "$DIST/python"
  local targets=("x86_64-unknown-linux-gnu manylinux2014" "aarch64-unknown-linux-gnu manylinux2014"
    "x86_64-unknown-linux-musl musllinux_1_2")
  for spec in "${targets[@]}"; do
    read -r target policy <<< "$spec"
    wanted "$target" || continue
    rustup target add "$target" >/dev/null
    echo "== Python wheel: $target ($policy)"
    maturin build --quiet --manifest-path crates/py/Cargo.toml --profile dist --zig \
      --target "$target" --compatibility "$policy" --out "$DIST/python"
  done
  if [ -z "${DIST_HOST_ONLY:-}" ]; then
    echo "== Python sdist"
    maturin sdist --manifest-path crates/py/Cargo.toml --out "$DIST/python"
  fi
}

# One npm package per prebuilt addon, named and constrained as napi-rs's loader expects.
node_platform_package() {
  local platform=$1 os=$2 cpu=$3 libc=$4 dir="$DIST/node/stage/$1"
  mkdir -p "$dir"
  cp "crates/node/webinar-analytics.$platform.node" "$dir/"
  cat > "$dir/package.json" <<EOF
{
  "name": "webinar-analytics-$platform",
  "version": "$VERSION",
  "description": "The $platform addon of webinar-analytics",
  "license": "MIT OR Apache-2.0",
  "main": "webinar-analytics.$platform.node",
  "files": ["webinar-analytics.$platform.node"],
  "os": ["$os"],
  "cpu": ["$cpu"],
  "libc": ["$libc"],
  "engines": { "node": ">=18" }
}
EOF
  (cd "$dir" && npm pack --silent --pack-destination "$DIST/node" >/dev/null)
}

node_packages() {
  fresh "$DIST/node"
  mkdir -p "$DIST/node/stage"
  # cargo-zigbuild links the glibc addons against glibc 2.17's symbols (the `.2.17` suffix),
  # which napi-rs's own `--cross-compile` cannot ask for; the JS loader and types are napi-rs's
  # (crates/node/index.js, index.d.ts, from `npm run build`).
  local platforms=("x86_64-unknown-linux-gnu .2.17 linux-x64-gnu linux x64 glibc"
    "aarch64-unknown-linux-gnu .2.17 linux-arm64-gnu linux arm64 glibc"
    "x86_64-unknown-linux-musl - linux-x64-musl linux x64 musl")
  for spec in "${platforms[@]}"; do
    read -r target glibc platform os cpu libc <<< "$spec"
    wanted "$target" || continue
    [ "$glibc" != - ] || glibc=
    rustup target add "$target" >/dev/null
    echo "== Node addon: $target$glibc"
    # musl: a dynamic library (Node loads it), so not the target's default static C runtime.
    RUSTFLAGS="${RUSTFLAGS:-} $([ "$libc" = musl ] && echo "-C target-feature=-crt-static")" \
      cargo zigbuild --quiet -p webinar-analytics-node --profile dist --target "$target$glibc"
    cp "target/$target/dist/libwebinar_analytics_node.so" "crates/node/webinar-analytics.$platform.node"
    node_platform_package "$platform" "$os" "$cpu" "$libc"
  done
  # The main package: the generated functions, the loader, and the WASM build for platforms
  # without an addon.
  local main="$DIST/node/stage/main"
  mkdir -p "$main/wasm"
  cp crates/node/main.js crates/node/main.d.ts crates/node/index.js crates/node/index.d.ts \
    crates/node/loader.js "$main/"
  cp crates/wasm/pkg-node/webinar_analytics_wasm.js crates/wasm/pkg-node/webinar_analytics_wasm_bg.wasm "$main/wasm/"
  node -e '
    const fs = require("fs")
    const [from, to, version, platforms] = process.argv.slice(1)
    const pkg = JSON.parse(fs.readFileSync(from, "utf8"))
    delete pkg.devDependencies
    delete pkg.scripts
    pkg.version = version
    pkg.files = ["main.js", "main.d.ts", "loader.js", "index.js", "index.d.ts", "wasm/"]
    pkg.optionalDependencies = Object.fromEntries(platforms.split(" ").map((p) => ["webinar-analytics-" + p, version]))
    fs.writeFileSync(to, JSON.stringify(pkg, null, 2) + "\n")
  ' crates/node/package.json "$main/package.json" "$VERSION" "linux-x64-gnu linux-arm64-gnu linux-x64-musl"
  (cd "$main" && npm pack --silent --pack-destination "$DIST/node" >/dev/null)
  rm -rf "$DIST/node/stage"
}

# wasm-opt for size, in place.
wasm_opt() {
  crates/node/node_modules/.bin/wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int \
    --enable-sign-ext --enable-mutable-globals --strip-debug --strip-producers -o "$1" "$1"
}

wasm_packages() {
  rm -rf "$DIST/wasm" && mkdir -p "$DIST/wasm"
  echo "== WASM: the browser package and the Node fallback"
  local out=target/wasm32-unknown-unknown/dist-wasm bindgen=(wasm-bindgen --remove-name-section --remove-producers-section)
  WASM_PROFILE=dist-wasm scripts/cargo-wasm.sh
  local wasm=$out/webinar_analytics_wasm.wasm
  rm -rf crates/wasm/pkg crates/wasm/pkg-node
  "${bindgen[@]}" --target web --out-dir crates/wasm/pkg "$wasm"
  "${bindgen[@]}" --target nodejs --out-dir crates/wasm/pkg-node "$wasm"
  echo "== WASM: the core entry"
  WASM_PROFILE=dist-wasm scripts/cargo-wasm.sh --no-default-features
  cp "$wasm" "$out/webinar_analytics_core.wasm"
  "${bindgen[@]}" --target web --out-dir crates/wasm/pkg "$out/webinar_analytics_core.wasm"
  wasm_opt crates/wasm/pkg/webinar_analytics_core_bg.wasm
  local bg=webinar_analytics_wasm_bg.wasm pkg
  # wasm-bindgen writes the same module for both targets: optimized once (about a minute), then
  # copied; optimized twice should they ever differ.
  local same=0
  cmp -s crates/wasm/pkg/$bg crates/wasm/pkg-node/$bg && same=1
  for pkg in crates/wasm/pkg crates/wasm/pkg-node; do
    if [ "$pkg" = crates/wasm/pkg-node ] && [ $same = 1 ]; then
      cp crates/wasm/pkg/$bg crates/wasm/pkg-node/$bg
      continue
    fi
    wasm_opt "$pkg/$bg"
  done
  cp crates/wasm/npm/package.json crates/wasm/npm/index.js crates/wasm/npm/index.d.ts crates/wasm/npm/core.js \
    crates/wasm/npm/core.d.ts crates/wasm/pkg/
  cp crates/wasm/npm/index.cjs crates/wasm/pkg-node/
  (cd crates/wasm/pkg && npm pack --silent --pack-destination "$DIST/wasm" >/dev/null)
}

sizes() {
  echo '== Sizes (bytes; aims: .wasm of the core entry 1.0 MB gzip (met); Python extension 8 MB (not met: docs/compatibility.md, "Sizes"))'
  local f
  for f in "$DIST"/python/*.whl; do
    [ -e "$f" ] || continue
    local so
    so=$(python3 -c 'import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); print(max(i.file_size for i in z.infolist() if i.filename.endswith(".so")))' "$f")
    printf '%-72s %10s  extension %10s\n' "${f#"$ROOT"/}" "$(stat -c %s "$f")" "$so"
  done
  for f in "$DIST"/python/*.tar.gz "$DIST"/node/*.tgz "$DIST"/wasm/*.tgz; do
    [ -e "$f" ] && printf '%-72s %10s\n' "${f#"$ROOT"/}" "$(stat -c %s "$f")"
  done
  for f in crates/wasm/pkg/webinar_analytics_wasm_bg.wasm crates/wasm/pkg/webinar_analytics_core_bg.wasm; do
    [ -e "$f" ] && printf '%-72s %10s  gzip %10s\n' "$f" "$(stat -c %s "$f")" "$(gzip -9 -c "$f" | wc -c)"
  done
  return 0
}

for part in "${parts[@]}"; do
  case "$part" in
    python) python_wheels ;;
    node) node_packages ;;
    wasm) wasm_packages ;;
    *) echo "unknown part: $part (python, node or wasm)" >&2; exit 2 ;;
  esac
done
sizes
