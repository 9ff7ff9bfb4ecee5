#!/usr/bin/env bash
# Memory of a byte pipeline: 1 GiB and 4 GiB of 64 KiB buffers through 3 PassThroughs with a
# 64 MiB heap; prints the peak heap (sum of the heap pools' peaks) and the peak RSS (VmHWM).
# Bounded memory means the same figures for 1 and 4 GiB.
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=benchmarks/target/benchmarks.jar
if [ ! -f "$JAR" ] || [ "${REBUILD:-0}" = 1 ]; then
  echo "building $JAR ..." >&2
  mvn -B -q -ntp -pl benchmarks -am package -DskipTests >&2
fi
for gib in ${SIZES:-1 4}; do
  java -Xmx64m -cp "$JAR" io.loopstreams.bench.StreamMemoryMain "$gib"
done
