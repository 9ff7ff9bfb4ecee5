#!/usr/bin/env bash
# The pipeline command against the tools it replaces, side by side in one run, on the shared
# 1 GiB of log-like data (bench-data/logs-1g.bin), JVM start-up included (each run is a fresh
# ./pipeline process):
#   gzip     ./pipeline gzip -6 (-p 2)  | gzip -6 | pigz -6 -p 2 | Node createGzip pipeline
#   gunzip   ./pipeline gunzip          | gzip -d | pigz -d      | Node createGunzip pipeline
#   cp       ./pipeline cp              | cp | cp + sync FILE (the same durability: ours fsyncs
#            before its atomic rename)  | Node fs.copyFile
#   1 KiB    ./pipeline gzip of a 1 KiB file, with and without the CDS archive (goal <= 0.25 s)
# For each: wall time, CPU time (user+system) and peak RSS from /usr/bin/time -v, and the ratio
# of our wall time to the reference tool's.
#
# Usage: benchmarks/run-cli-bench.sh        Env: BENCH_DATA (default bench-data/), BENCH_SIZE (bytes)
set -euo pipefail
cd "$(dirname "$0")/.."
DATA=${BENCH_DATA:-bench-data}
SIZE=${BENCH_SIZE:-$((1 << 30))}
SRC=$DATA/logs-1g.bin
GZ=$DATA/cli-bench-in.gz
OUT=$DATA/cli-bench-out
command -v node >/dev/null || { echo "node is required for the Node baseline" >&2; exit 1; }
python3 benchmarks/data/gen-data.py "$DATA" "$SIZE" >&2
[ -f "$GZ" ] && [ "$GZ" -nt "$SRC" ] || gzip -6 -c "$SRC" > "$GZ"
./pipeline --version >/dev/null   # builds the jar and the CDS archive outside the measurements

declare -A WALL
measure() {   # name, shell command
  local name=$1 cmd=$2 t
  t=$(mktemp)
  rm -f "$OUT" "$OUT.gz"
  /usr/bin/time -v -o "$t" bash -c "$cmd" 2>/dev/null
  local wall cpu rss
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; print s}' "$t")
  cpu=$(awk -F': ' '/User time/ {u=$2} /System time/ {s=$2} END {print u+s}' "$t")
  rss=$(awk -F': ' '/Maximum resident/ {print int($2/1024)}' "$t")
  WALL[$name]=$wall
  printf '| %-34s | %8.2f s | %8.2f s | %6d MiB |\n' "$name" "$wall" "$cpu" "$rss"
  rm -f "$t"
}
ratio() { printf '  %s / %s = %.2f\n' "$1" "$2" "$(echo "${WALL[$1]} / ${WALL[$2]}" | bc -l)"; }

echo "| command | wall | CPU | peak RSS |"
echo "|---|---|---|---|"
measure "./pipeline gzip -6 -p 2"           "./pipeline gzip -q -6 -p 2 -c $SRC > $OUT"
measure "./pipeline gzip -6 (p = cores)"    "./pipeline gzip -q -6 -c $SRC > $OUT"
measure "pigz -6 -p 2"                      "pigz -6 -p 2 -c $SRC > $OUT"
measure "gzip -6"                           "gzip -6 -c $SRC > $OUT"
measure "node createGzip"                   "node -e \"const f=require('fs'),z=require('zlib'),{pipeline}=require('stream');pipeline(f.createReadStream('$SRC'),z.createGzip(),f.createWriteStream('$OUT'),e=>{if(e)throw e})\""
measure "./pipeline gunzip"                 "./pipeline gunzip -q -c $GZ > $OUT"
measure "pigz -d"                           "pigz -d -c $GZ > $OUT"
measure "gzip -d"                           "gzip -d -c $GZ > $OUT"
measure "node createGunzip"                 "node -e \"const f=require('fs'),z=require('zlib'),{pipeline}=require('stream');pipeline(f.createReadStream('$GZ'),z.createGunzip(),f.createWriteStream('$OUT'),e=>{if(e)throw e})\""
measure "./pipeline cp"                     "./pipeline cp -q -f $SRC $OUT"
measure "cp"                                "cp $SRC $OUT"
measure "cp + sync (fsync of the copy)"     "cp $SRC $OUT && sync $OUT"
measure "node fs.copyFile"                  "node -e \"require('fs').copyFileSync('$SRC','$OUT')\""
head -c 1024 "$SRC" > "$DATA/small-1k.log"
best() { local b=999 t; for i in 1 2 3 4 5; do s=$(date +%s%N); bash -c "$1" >/dev/null 2>&1; t=$(( ($(date +%s%N) - s) / 1000000 )); [ "$t" -lt "$b" ] && b=$t; done; echo "$b"; }
cds=$(best "./pipeline gzip -q -f -k $DATA/small-1k.log")
nocds=$(best "PIPELINE_CDS=0 ./pipeline gzip -q -f -k $DATA/small-1k.log")
gz=$(best "gzip -f -k $DATA/small-1k.log")
echo
echo "ratios (wall):"
ratio "./pipeline gzip -6 -p 2" "pigz -6 -p 2"
ratio "./pipeline gzip -6 (p = cores)" "pigz -6 -p 2"
ratio "./pipeline gzip -6 -p 2" "gzip -6"
ratio "./pipeline gunzip" "gzip -d"
ratio "./pipeline cp" "cp"
ratio "./pipeline cp" "cp + sync (fsync of the copy)"
echo
echo "1 KiB gzip, best of 5 wall: ./pipeline ${cds} ms with the CDS archive, ${nocds} ms without; gzip ${gz} ms (goal <= 250 ms)"
rm -f "$OUT" "$DATA/small-1k.log" "$DATA/small-1k.log.gz"
