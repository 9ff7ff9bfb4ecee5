#!/usr/bin/env bash
# Stream throughput, loopstreams (JMH) against Node, side by side in one run:
#   (a) 10M objects: Readable.from -> map Transform -> Writable   (+ Reactor Flux, the ceiling)
#   (b) 10M objects: Readable.from -> 3 map Transforms -> Writable
#   (c) 4 GiB of 64 KiB buffers: Readable -> 3 PassThroughs -> Writable
# Prints a table with the throughputs and the ratio ours/Node (medians of the measured runs),
# then the process CPU seconds per run of both sides (the robust figure on a shared machine).
#
# Environment: ITEMS (10000000), BYTES (4294967296), RUNS measured per side (5),
# REBUILD=1 to rebuild the jar, OUT (a temporary directory) to keep the raw results.
set -euo pipefail
cd "$(dirname "$0")/.."

ITEMS=${ITEMS:-10000000}
BYTES=${BYTES:-4294967296}
RUNS=${RUNS:-5}
WARMUP=2
JAR=benchmarks/target/benchmarks.jar
OUT=${OUT:-$(mktemp -d)}
mkdir -p "$OUT"

if [ ! -f "$JAR" ] || [ "${REBUILD:-0}" = 1 ]; then
  echo "building $JAR ..." >&2
  mvn -B -q -ntp -pl benchmarks -am package -DskipTests >&2
fi
command -v node >/dev/null || { echo "node is required" >&2; exit 1; }

echo "java: $(java -version 2>&1 | head -1); node: $(node --version); $(nproc) cores; load: $(cut -d' ' -f1-3 /proc/loadavg)" >&2

echo "JMH (warm-up 3 x 1 s, $RUNS x 1 s measured) ..." >&2
java -jar "$JAR" 'io\.loopstreams\.bench\.Stream(Objects|Bytes)Bench\.' \
  -p items="$ITEMS" -p bytes="$BYTES" -wi 3 -i "$RUNS" -f 1 \
  -rf json -rff "$OUT/jmh.json" > "$OUT/jmh.log"

echo "Node ($WARMUP warm-up + $RUNS measured runs each) ..." >&2
: > "$OUT/node.jsonl"
node benchmarks/node/stream-objects.js "$ITEMS" 1 $((WARMUP + RUNS)) >> "$OUT/node.jsonl"
node benchmarks/node/stream-objects.js "$ITEMS" 3 $((WARMUP + RUNS)) >> "$OUT/node.jsonl"
node benchmarks/node/stream-bytes.js "$BYTES" 3 $((WARMUP + RUNS)) >> "$OUT/node.jsonl"

JAVA_WARMUP=3
echo "Java CPU time ($JAVA_WARMUP warm-up + $RUNS measured runs each) ..." >&2
: > "$OUT/java.jsonl"
for w in objects-1 objects-3 flux-1; do
  java -XX:AutoBoxCacheMax=2048 -Xms1g -Xmx1g -cp "$JAR" io.loopstreams.bench.StreamWorkloads \
    "$w" "$ITEMS" $((JAVA_WARMUP + RUNS)) >> "$OUT/java.jsonl"
done
java -Xms256m -Xmx256m -cp "$JAR" io.loopstreams.bench.StreamWorkloads \
  bytes-3 "$BYTES" $((JAVA_WARMUP + RUNS)) 8 >> "$OUT/java.jsonl"

node benchmarks/node/stream-report.js "$OUT/jmh.json" "$OUT/node.jsonl" "$WARMUP" \
  "$OUT/java.jsonl" "$JAVA_WARMUP"
echo "raw results: $OUT" >&2
