#!/usr/bin/env bash
# Event-loop throughput, loopstreams (JMH) side by side with Node, case by case in one run:
#   immediateChain            10M chained setImmediate callbacks
#   promiseChain              10M chained promise continuations
#   executeFromAnotherThread  1M execute() from another thread (Node: 1M worker postMessage)
# Usage: benchmarks/run-loop-bench.sh [case ...]
# Env: REBUILD=1 rebuilds the jar; JMH_OPTS (e.g. "-wi 1 -i 3") and NODE_OPTS (e.g. "--runs 3")
# shorten a run. Results go to benchmarks/results/loop-<time>/ (git-ignored).
set -euo pipefail
cd "$(dirname "$0")/.."

JAR=benchmarks/target/benchmarks.jar
if [[ ! -f $JAR || ${REBUILD:-0} == 1 ]]; then
  echo "building $JAR ..." >&2
  mvn -B -ntp -q -pl benchmarks -am package -DskipTests
fi
command -v node >/dev/null || { echo "node is required" >&2; exit 1; }

CASES=("$@")
[[ ${#CASES[@]} -gt 0 ]] || CASES=(immediateChain promiseChain executeFromAnotherThread)
OUT=benchmarks/results/loop-$(date +%Y%m%d-%H%M%S)
mkdir -p "$OUT"
{
  echo "date: $(date -Is)"
  echo "host: $(uname -srm), $(nproc) cpus, load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "java: $(java -version 2>&1 | head -1)"
  echo "node: $(node --version)"
} | tee "$OUT/env.txt"

for c in "${CASES[@]}"; do
  echo "== $c: loopstreams (JMH)" >&2
  # JMH refuses to run while another JMH holds /tmp/jmh.lock: wait for it rather than share CPUs.
  for attempt in $(seq 1 60); do
    # shellcheck disable=SC2086
    if java -jar "$JAR" "io.loopstreams.bench.LoopBenchmarks.$c\$" ${JMH_OPTS:-} \
        -rf json -rff "$OUT/jmh-$c.json" > "$OUT/jmh-$c.txt" 2>&1; then
      break
    fi
    if ! grep -q 'Unable to acquire the JMH lock' "$OUT/jmh-$c.txt" || [[ $attempt == 60 ]]; then
      cat "$OUT/jmh-$c.txt" >&2
      exit 1
    fi
    echo "another JMH run holds the lock; waiting ..." >&2
    sleep 15
  done
  grep -E '^(Iteration|Loop)' "$OUT/jmh-$c.txt" >&2 || true
  echo "== $c: Node" >&2
  # shellcheck disable=SC2086
  node benchmarks/node/loop-bench.js ${NODE_OPTS:-} --json "$OUT/node-$c.json" "$c" | tee "$OUT/node-$c.txt" >&2
done

echo
node benchmarks/node/loop-table.js "$OUT" | tee "$OUT/table.md"
echo "results: $OUT"
