#!/usr/bin/env bash
# Java I/O edges with flat memory: 1 GiB and 4 GiB from an InputStream through a pipeline into an
# OutputStream (JavaIo.readable -> PassThrough -> JavaIo.writable) under a 64 MiB heap; prints
# the peak heap and peak RSS. Flat memory means the same figures for both sizes.
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=benchmarks/target/benchmarks.jar
if [ ! -f "$JAR" ] || [ "${REBUILD:-0}" = 1 ]; then
  echo "building $JAR ..." >&2
  mvn -B -q -ntp -pl benchmarks -am package -DskipTests >&2
fi
for gib in ${SIZES:-1 4}; do
  java -Xmx64m -cp "$JAR" io.loopstreams.bench.JavaIoMemoryMain "$gib"
done
