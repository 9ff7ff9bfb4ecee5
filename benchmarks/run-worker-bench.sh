#!/usr/bin/env bash
# Message throughput between two loops (a parent and its worker), loopstreams vs Node's
# worker_threads postMessage, in one run; prints the ratio (goal: >= 10x).
# Then echo throughput of a loop-group server (GroupServer, SO_REUSEPORT) with 1 loop vs 2 loops
# (goal: 2 loops >= 1.6x of 1 loop).
# Usage: benchmarks/run-worker-bench.sh [java-messages] [node-messages] [echo-connections] [echo-MiB-each]
# Env: REBUILD=1 rebuilds the jar. Results go to benchmarks/results/worker-<time>/ (git-ignored).
set -euo pipefail
cd "$(dirname "$0")/.."

JAR=benchmarks/target/benchmarks.jar
if [[ ! -f $JAR || ${REBUILD:-0} == 1 ]]; then
  echo "building $JAR ..." >&2
  mvn -B -ntp -q -pl benchmarks -am package -DskipTests
fi
command -v node >/dev/null || { echo "node is required" >&2; exit 1; }

OUT=benchmarks/results/worker-$(date +%Y%m%d-%H%M%S)
mkdir -p "$OUT"
{
  echo "date: $(date -Is)"
  echo "host: $(uname -srm), $(nproc) cpus, load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "java: $(java -version 2>&1 | head -1)"
  echo "node: $(node --version)"
} | tee "$OUT/env.txt"

echo "== loopstreams: Worker.postMessage, parent loop -> worker loop" >&2
java -cp "$JAR" io.loopstreams.bench.WorkerMessagesMain "${1:-2000000}" 7 | tee "$OUT/java.txt"
echo "== node: worker_threads postMessage, main thread -> worker" >&2
node benchmarks/node/worker-messages.js "${2:-500000}" 7 | tee "$OUT/node.txt"

java_rate=$(awk '/median/ {print $3}' "$OUT/java.txt")
node_rate=$(awk '/median/ {print $3}' "$OUT/node.txt")
awk -v j="$java_rate" -v n="$node_rate" 'BEGIN {
  printf "\n| case | loopstreams msg/s | node msg/s | ratio (goal >= 10x) |\n|---|---|---|---|\n"
  printf "| postMessage parent -> worker | %.0f | %.0f | %.1fx %s |\n", j, n, j / n, (j / n >= 10 ? "met" : "missed")
}' | tee "$OUT/table.md"
echo "== loop-group echo server: 1 loop vs 2 loops (client: a 2-loop group in the same JVM)" >&2
for loops in 1 2; do
  java -cp "$JAR" io.loopstreams.bench.GroupEchoMain "$loops" "${3:-32}" "${4:-8}" 6 2>"$OUT/group-$loops.err" \
    | tee "$OUT/group-$loops.txt"
done
median() { grep -v warm-up "$1" | sed -E 's/.*: ([0-9.]+) MiB\/s.*/\1/' | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
one=$(median "$OUT/group-1.txt")
two=$(median "$OUT/group-2.txt")
awk -v a="$one" -v b="$two" 'BEGIN {
  printf "\n| case | 1 loop MiB/s | 2 loops MiB/s | ratio (goal >= 1.6x) |\n|---|---|---|---|\n"
  printf "| group echo server | %.0f | %.0f | %.2fx %s |\n", a, b, b / a, (b / a >= 1.6 ? "met" : "missed")
}' | tee -a "$OUT/table.md"
echo "results: $OUT"
