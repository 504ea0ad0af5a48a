#!/bin/sh
# Runs fuzz targets for SECONDS each (default 600), two at a time, from the
# repository root. Needs a nightly toolchain and cargo-fuzz (see README.md).
# Usage: fuzz/run.sh [SECONDS] [TARGET...]
set -eu
cd "$(dirname "$0")/.."
secs=${1:-600}
[ $# -gt 0 ] && shift
targets=${*:-"jsonl csv manifest analyzer lexicon partial"}
cargo +nightly fuzz build -O -a
run() {
    mkdir -p "fuzz/corpus/$1" fuzz/logs
    cargo +nightly fuzz run -O -a "$1" "fuzz/corpus/$1" "fuzz/seeds/$1" -- \
        -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
        > "fuzz/logs/$1.log" 2>&1
}
set -- $targets
while [ $# -gt 0 ]; do
    a=$1; shift
    if [ $# -gt 0 ]; then
        b=$1; shift
        run "$a" & pa=$!
        run "$b" & pb=$!
        wait $pa || echo "fuzz: $a found a crash: fuzz/logs/$a.log"
        wait $pb || echo "fuzz: $b found a crash: fuzz/logs/$b.log"
    else
        run "$a" || echo "fuzz: $a found a crash: fuzz/logs/$a.log"
    fi
done
