#!/usr/bin/env bash
# Benchmarks `amicus build` and `amicus check` on generated sites.
#
#   bench/run.sh                 # 1,000, 10,000 and 100,000 cities
#   bench/run.sh 1000 10000      # only these sizes
#   RUNS=3 bench/run.sh 10000    # best of three runs per size
#   AMICUS=/tmp/amicus-old bench/run.sh   # another binary, without building
#   PGO=0 bench/run.sh           # the `dist` build without profile-guided optimisation
#
# Amicus is built as it ships, by bench/pgo.sh: the `dist` profile (the release profile
# with whole-program optimisation, see Cargo.toml) with profile-guided optimisation;
# PGO=0 measures the plain `dist` build. Sites are generated once by
# `cargo run --release --example gen-site` into
# $BENCH_DIR (default /tmp/amicus-bench) and reused; delete the folder to regenerate.
# Prints a Markdown table: wall time, wall time per entry, CPU time (and the kernel's
# part of it), peak memory, pages written, pages per second and bytes written of a
# build, and the wall time of `amicus check` alone. Uses only bash, cargo,
# GNU time (Debian's `time` package) and, for PGO, llvm-profdata (see bench/pgo.sh).
set -euo pipefail

cd "$(dirname "$0")/.."
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000 100000)
bench_dir=${BENCH_DIR:-/tmp/amicus-bench}
runs=${RUNS:-1}
seed=${SEED:-1}

if [ ! -x /usr/bin/time ]; then
    echo "bench/run.sh needs GNU time for peak memory: install Debian's \`time\` package" >&2
    echo "(sudo apt-get install time)" >&2
    exit 1
fi

amicus=${AMICUS:-}
if [ -z "$amicus" ]; then
    if [ "${PGO:-1}" = 0 ]; then
        cargo build --profile dist --quiet --bin amicus
        amicus=target/dist/amicus
    else
        amicus=$(bench/pgo.sh)
    fi
    cargo build --release --quiet --example gen-site
fi
gen_site=${GEN_SITE:-target/release/examples/gen-site}
mkdir -p "$bench_dir"

# Seconds from GNU time's "h:mm:ss" or "m:ss.ss".
seconds() {
    awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; printf "%.2f", s }' <<<"$1"
}

# The value of one field of `/usr/bin/time -v`'s report in file $1.
field() {
    sed -n "s/^[[:space:]]*$2: //p" "$1"
}

# Runs "$@" under GNU time; leaves its report in $report and stderr in $log.
timed() {
    /usr/bin/time -v -o "$report" "$@" 2>"$log" >/dev/null || {
        echo "failed: $*" >&2
        tail -n 20 "$log" >&2
        exit 1
    }
}

report=$(mktemp)
log=$(mktemp)
trap 'rm -f "$report" "$log"' EXIT

echo "Machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name:[[:space:]]*//p'), $(free -g | awk '/^Mem:/ { print $2 }') GB"
echo
echo "| cities | entries | build wall | per entry | build CPU (kernel) | peak RSS | pages | pages/s | output | check wall |"
echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
for n in "${sizes[@]}"; do
    site="$bench_dir/site-$n"
    out="$bench_dir/out-$n"
    if [ ! -f "$site/site.yaml" ]; then
        echo "generating $n cities into $site" >&2
        rm -rf "$site"
        "$gen_site" --cities "$n" --seed "$seed" "$site"
    fi
    entries=$(find "$site/content" -name '*.md' | wc -l)
    # Warm the page cache so every run reads the files from memory.
    timed "$amicus" check --root "$site"
    best_check=""
    for _ in $(seq "$runs"); do
        timed "$amicus" check --root "$site"
        t=$(seconds "$(field "$report" 'Elapsed (wall clock) time (h:mm:ss or m:ss)')")
        if [ -z "$best_check" ] || awk "BEGIN { exit !($t < $best_check) }"; then best_check=$t; fi
    done
    best=""
    for _ in $(seq "$runs"); do
        # A fresh build, as in CI; replacing an earlier output also deletes it, which
        # costs as much again on a slow disk (see docs/performance.md). `sync` lets the
        # file system finish deleting before the clock starts.
        rm -rf "$out"
        sync
        timed "$amicus" build --root "$site" --output "$out"
        t=$(seconds "$(field "$report" 'Elapsed (wall clock) time (h:mm:ss or m:ss)')")
        if [ -z "$best" ] || awk "BEGIN { exit !($t < $best) }"; then
            best=$t
            kernel=$(field "$report" 'System time (seconds)')
            cpu=$(awk -v u="$(field "$report" 'User time (seconds)')" -v s="$kernel" \
                'BEGIN { printf "%.2f", u + s }')
            rss=$(awk -v k="$(field "$report" 'Maximum resident set size (kbytes)')" \
                'BEGIN { printf "%.0f", k / 1024 }')
            pages=$(sed -n 's/^Built \([0-9]*\) pages.*/\1/p' "$log")
        fi
    done
    rate=$(awk -v p="$pages" -v t="$best" 'BEGIN { printf "%.0f", (t > 0 ? p / t : 0) }')
    per_entry=$(awk -v e="$entries" -v t="$best" 'BEGIN { printf "%.3f", t * 1000 / e }')
    # On a virtual machine, writing costs the kernel time in proportion to the bytes.
    output_mb=$(du -s --apparent-size --block-size=1M "$out" | cut -f1)
    echo "| $n | $entries | ${best} s | ${per_entry} ms | ${cpu} s (${kernel} s) | ${rss} MB | $pages | $rate | ${output_mb} MB | ${best_check} s |"
done
