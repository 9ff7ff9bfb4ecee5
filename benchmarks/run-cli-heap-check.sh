#!/usr/bin/env bash
# The pipeline command's flat memory on 2 GiB: JAVA_OPTS=-Xmx64m ./pipeline gzip of 2 GiB of logs
# (the 1 GiB benchmark data twice, from stdin), checked by gzip -t; prints wall time and peak RSS.
# Usage: benchmarks/run-cli-heap-check.sh      Env: BENCH_DATA (default bench-data/)
set -euo pipefail
cd "$(dirname "$0")/.."
DATA=${BENCH_DATA:-bench-data}
python3 benchmarks/data/gen-data.py "$DATA" $((1 << 30)) >&2
OUT=$DATA/cli-2g.gz
rm -f "$OUT"
# Builds the jar and trains the class-data archive if needed, outside the measurement (the
# training JVM would otherwise count in the peak RSS).
./pipeline --version >/dev/null
/usr/bin/time -f 'wall %e s, peak RSS %M KiB' bash -c \
  "cat $DATA/logs-1g.bin $DATA/logs-1g.bin | JAVA_OPTS=-Xmx64m ./pipeline gzip -q -o $OUT -"
gzip -t "$OUT" && echo "gzip -t: OK ($(stat -c %s "$OUT") bytes)"
rm -f "$OUT"
