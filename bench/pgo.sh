#!/usr/bin/env bash
# Builds the binary to ship: the `dist` profile with profile-guided optimisation.
#
#   bench/pgo.sh          # prints the binary's path, target/pgo/optimized/dist/amicus
#
# Three steps, each in its own folder under target/pgo:
#   1. an instrumented `dist` build, which counts the branches and calls it takes;
#   2. training runs of it: a build, a check and five edits under `serve` (bench/reload.py)
#      of a generated 1,000-city site (seed 2, so not one of the sites bench/run.sh
#      measures) and a build of the example directory, merged by llvm-profdata into one
#      profile;
#   3. the `dist` build again, which LLVM lays out and inlines by that profile.
# The training runs again whenever the instrumented binary changes; to have it run
# again anyway, delete target/pgo/amicus.profdata.
# A build of the 10,000-city site takes some fifth less CPU than with the plain `dist`
# build (compare the two with AMICUS=... bench/run.sh). Needs python3, for
# bench/reload.py, and llvm-profdata of the LLVM that rustc uses: rustup's `llvm-tools`
# component (added if missing) or Debian's `llvm-N` package of the same major version.
# Takes two `dist` builds and the training, some nine minutes on two idle cores.
set -euo pipefail

cd "$(dirname "$0")/.."
work=$PWD/target/pgo
profiles=$work/profiles

# The llvm-profdata of rustc's own LLVM version, or nothing.
find_profdata() {
    local host major candidate
    host=$(rustc -vV | sed -n 's/^host: //p')
    major=$(rustc -vV | sed -n 's/^LLVM version: \([0-9]*\).*/\1/p')
    for candidate in "$(rustc --print sysroot)/lib/rustlib/$host/bin/llvm-profdata" \
        "$(command -v "llvm-profdata-$major" || true)"; do
        if [ -x "$candidate" ]; then
            echo "$candidate"
            return
        fi
    done
    return 1
}

profdata=$(find_profdata) || {
    rustup component add llvm-tools >&2 && profdata=$(find_profdata)
} || {
    echo "bench/pgo.sh needs llvm-profdata for rustc's LLVM: \`rustup component add llvm-tools\`," >&2
    echo "or Debian's llvm-N package for LLVM N as \`rustc -vV\` names it" >&2
    exit 1
}

echo "pgo: instrumented build" >&2
RUSTFLAGS="-Cprofile-generate=$profiles" \
    cargo build --profile dist --quiet --bin amicus --target-dir "$work/instrumented"
instrumented=$work/instrumented/dist/amicus

# Runs one training command, quiet unless it fails.
train() {
    "$@" >"$work/training.log" 2>&1 || {
        echo "training run failed: $*" >&2
        tail -n 20 "$work/training.log" >&2
        exit 1
    }
}

# Runs the training and merges its counts into $work/amicus.profdata.
make_profile() {
    cargo build --release --quiet --example gen-site
    local site=$work/training-site
    if [ ! -f "$site/site.yaml" ]; then
        rm -rf "$site"
        train target/release/examples/gen-site --cities 1000 --seed 2 "$site"
    fi
    # Build scripts compiled with the instrumentation leave profiles of their own.
    rm -rf "$profiles"
    train "$instrumented" build --root "$site" --output "$work/training-out"
    train "$instrumented" check --root "$site"
    train "$instrumented" build --output "$work/training-example"
    AMICUS=$instrumented train python3 bench/reload.py "$site" --edits 5
    "$profdata" merge -o "$work/amicus.profdata" "$profiles"
}

# A profile newer than the instrumented binary was made from this source; training
# again would only change the counts a little and make the build below start over.
if [ "$work/amicus.profdata" -nt "$instrumented" ]; then
    echo "pgo: the profile is up to date" >&2
else
    echo "pgo: training runs" >&2
    make_profile
fi

echo "pgo: optimized build" >&2
RUSTFLAGS="-Cprofile-use=$work/amicus.profdata" \
    cargo build --profile dist --quiet --bin amicus --target-dir "$work/optimized"
echo "$work/optimized/dist/amicus"
