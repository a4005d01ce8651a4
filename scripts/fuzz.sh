#!/usr/bin/env bash
# Builds the fuzz targets of fuzz/ (libFuzzer through libfuzzer-sys, coverage instrumentation,
# AddressSanitizer) on stable Rust and runs each one for FUZZ_SECONDS (default 20) with a 2 GB
# memory limit and a 10 s limit per input. Corpora start from tests/fixtures and the golden
# vectors (scripts/fuzz-seeds.py) and grow in fuzz/corpus/<target>; a crash is written to
# fuzz/artifacts/<target>/ and fails the run.
#
#   scripts/fuzz.sh                     every target, FUZZ_SECONDS each
#   FUZZ_RUNS=20000 scripts/fuzz.sh     every target for 20,000 inputs from seed 1 (reproducible
#                                       from a fresh FUZZ_CORPUS: CI)
#   FUZZ_SECONDS=300 scripts/fuzz.sh parquet arrow_ipc
#   scripts/fuzz.sh --replay FILE...    replays inputs (a crash found earlier) through every target
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${FUZZ_SECONDS:-20}
# libfuzzer-sys compiles libFuzzer (C++): Debian's g++ when the machine has no C++ compiler.
if ! command -v c++ > /dev/null; then
    SUDO=$([ "$(id -u)" = 0 ] || echo sudo)
    $SUDO apt-get install -y -qq g++ > /dev/null || { $SUDO apt-get update -qq && $SUDO apt-get install -y -qq g++ > /dev/null; }
fi
host=$(rustc -vV | sed -n 's/^host: //p')
# The sanitizer flag is unstable: RUSTC_BOOTSTRAP lets the stable compiler take it, as cargo-fuzz
# does on nightly. `--target` keeps build scripts and proc macros uninstrumented.
export RUSTC_BOOTSTRAP=1
export RUSTFLAGS="--cfg fuzzing -Cpasses=sancov-module -Cllvm-args=-sanitizer-coverage-level=4 \
-Cllvm-args=-sanitizer-coverage-inline-8bit-counters -Cllvm-args=-sanitizer-coverage-pc-table \
-Cllvm-args=-sanitizer-coverage-trace-compares -Zsanitizer=address -Cforce-frame-pointers=yes"
export ASAN_OPTIONS=detect_leaks=0:allocator_may_return_null=1
cargo build --quiet --release --manifest-path fuzz/Cargo.toml --target "$host" --bins
bin=fuzz/target/$host/release

targets=$(sed -n 's/^name = "\(.*\)"$/\1/p' fuzz/Cargo.toml | grep -v '^webinar-analytics-fuzz$')
if [ "${1:-}" = --replay ]; then
    shift
    for target in $targets; do echo "== $target"; "$bin/$target" -rss_limit_mb=2048 -malloc_limit_mb=2048 -timeout=10 "$@" 2>&1 | grep -E "panicked|SUMMARY|Executed" || true; done
    exit 0
fi
[ $# -gt 0 ] && targets=$*

corpus=${FUZZ_CORPUS:-fuzz/corpus}
python3 scripts/fuzz-seeds.py "$corpus"
options=(-rss_limit_mb=2048 -malloc_limit_mb=2048 -timeout=10)
for target in $targets; do
    # Inputs that crashed a target once (tests/fixtures/crashers/<target>/) replay first.
    if [ -d "tests/fixtures/crashers/$target" ]; then
        "$bin/$target" "${options[@]}" tests/fixtures/crashers/"$target"/* > /dev/null 2>&1 ||
            { echo "fuzz $target: a crasher of tests/fixtures/crashers/$target crashes again" >&2; exit 1; }
    fi
    mkdir -p "fuzz/artifacts/$target"
    before=$(ls "fuzz/artifacts/$target" | wc -l)
    if [ -n "${FUZZ_RUNS:-}" ]; then
        length=(-runs="$FUZZ_RUNS" -seed=1)
        echo "== fuzz $target ($FUZZ_RUNS inputs)"
    else
        length=(-max_total_time="$seconds")
        echo "== fuzz $target (${seconds}s)"
    fi
    "$bin/$target" "$corpus/$target" "${length[@]}" "${options[@]}" -max_len=65536 \
        -print_final_stats=1 -artifact_prefix="fuzz/artifacts/$target/" 2>&1 |
        grep -E '^(stat::(number_of_executed_units|peak_rss_mb)|==[0-9]+==|SUMMARY|Test unit written)|panicked|ERROR|deadly signal' || true
    if [ "$(ls "fuzz/artifacts/$target" | wc -l)" != "$before" ]; then
        echo "fuzz $target: new crash in fuzz/artifacts/$target/" >&2
        exit 1
    fi
done
