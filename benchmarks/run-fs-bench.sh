#!/usr/bin/env bash
# File benchmarks: copy 1 GiB (bench-data/random-1g.bin) side by side, in one run:
#   cp                      coreutils cp
#   node                    Node's pipeline(fs.createReadStream, fs.createWriteStream)   (benchmarks/node/fs-copy.js)
#   copy    (b)             our Fs.copy (transferTo)                                      (FsCopyMain copy)
#   stream  (a)             our Pipeline of a file read stream and a file write stream, piped chunk by chunk
#                           (a byte-counting ChunkObserver on the source disables the direct transfer
#                           and keeps the pooled blocks recycling: docs/buffers.md)      (FsCopyMain stream)
#   stream-c1               (a) with the JIT limited to C1 (-XX:TieredStopAtLevel=1): what C2's
#                           compilations cost a one-second run
#   stream-cli              (a) with the JVM options ./pipeline runs its copying commands with
#                           (C1 only, the serial collector): the JVM as the command ships it
#   direct  (a')            the same two streams with nothing in between: Pipeline uses transferTo
#                                                                                         (FsCopyMain direct)
# Prints median wall times (hyperfine when available, else a bash timing loop) and the ratios
# (b)/cp (goal <= 1.3) and (a)/node (goal <= 0.5, wall and CPU); then the peak RSS of (a) at 1 GiB and 4 GiB,
# with the JVM's default heap ergonomics and with the heap capped at 128 MiB (a capped heap shows
# what the streams themselves retain: G1 otherwise grows the heap with the allocation rate).
#
# JVM start-up is part of every figure. By default the JVM runs with an AppCDS archive of the
# benchmark's classes (made once by a training run on a small file, as a CLI would ship one);
# FS_BENCH_CDS=0 turns it off.
#
# Usage: benchmarks/run-fs-bench.sh [RUNS]      (RUNS: 3..5, default 5)
# Env:   JAVA_OPTS (passed to the JVM), BENCH_DATA (data folder, default bench-data/, git-ignored),
#        FS_BENCH_CDS (1 = use an AppCDS archive, the default; 0 = plain JVM start)
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=${1:-5}
DATA=${BENCH_DATA:-bench-data}
SRC=$DATA/random-1g.bin
SRC4=$DATA/random-4g.bin
OUT=$DATA/fs-bench-out.bin
JAR=benchmarks/target/benchmarks.jar
JSA=$DATA/fs-bench.jsa

# --- prerequisites ------------------------------------------------------------------------------
if [ ! -f "$JAR" ]; then   # rebuild after changes: mvn -pl benchmarks -am install -DskipTests
  echo "building $JAR ..." >&2
  mvn -B -q -ntp -pl benchmarks -am install -DskipTests >&2
fi
python3 benchmarks/data/gen-data.py "$DATA" >&2
command -v node >/dev/null || { echo "node is required for the Node baseline" >&2; exit 1; }
if ! command -v hyperfine >/dev/null && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  apt-get install -y hyperfine >/dev/null 2>&1 || true
fi
if [ ! -x /usr/bin/time ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  apt-get install -y time >/dev/null 2>&1 || true
fi
CDS_OPT=""
if [ "${FS_BENCH_CDS:-1}" = 1 ]; then
  if [ ! -f "$JSA" ] || [ "$JAR" -nt "$JSA" ]; then
    echo "training an AppCDS archive $JSA ..." >&2
    head -c $((8 << 20)) "$SRC" > "$DATA/fs-bench-train.bin"
    rm -f "$JSA" "$OUT"
    java -XX:ArchiveClassesAtExit="$JSA" -cp "$JAR" io.loopstreams.bench.FsCopyMain all \
      "$DATA/fs-bench-train.bin" "$OUT" >/dev/null 2>&1
    rm -f "$DATA/fs-bench-train.bin" "$OUT"
  fi
  CDS_OPT="-XX:SharedArchiveFile=$JSA"
fi
JAVA="java $CDS_OPT ${JAVA_OPTS:-} -cp $JAR io.loopstreams.bench.FsCopyMain"

declare -A CMD=(
  [cp]="cp $SRC $OUT"
  [node]="node benchmarks/node/fs-copy.js $SRC $OUT"
  [copy]="$JAVA copy $SRC $OUT"
  [stream]="$JAVA stream $SRC $OUT"
  [stream-c1]="java $CDS_OPT ${JAVA_OPTS:-} -XX:TieredStopAtLevel=1 -cp $JAR io.loopstreams.bench.FsCopyMain stream $SRC $OUT"
  [stream-cli]="java $CDS_OPT ${JAVA_OPTS:-} -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp $JAR io.loopstreams.bench.FsCopyMain stream $SRC $OUT"
  [direct]="$JAVA direct $SRC $OUT"
)
ORDER=(cp node copy stream stream-c1 stream-cli direct)
declare -A MEDIAN
declare -A CPU   # mean user+system seconds per run (hyperfine only): robust on a busy machine

# --- timing -------------------------------------------------------------------------------------
# Each run starts with nothing dirty in the page cache (the last output removed, then sync): the
# kernel's writeback of an earlier run's gigabyte otherwise lands on a later run, as CPU time of
# the process writing then and as wall time.
echo "== 1 GiB copy, $RUNS runs each, median wall time (page cache warm; output removed and sync before each run)"
if command -v hyperfine >/dev/null; then
  JSON=$(mktemp)
  args=()
  for k in "${ORDER[@]}"; do args+=(-n "$k" "${CMD[$k]}"); done
  hyperfine -N --runs "$RUNS" --warmup 1 --prepare "rm -f $OUT && sync" --export-json "$JSON" --style basic "${args[@]}" >&2 \
    || hyperfine --runs "$RUNS" --warmup 1 --prepare "rm -f $OUT && sync" --export-json "$JSON" --style basic "${args[@]}" >&2
  while read -r name med cpu; do MEDIAN[$name]=$med; CPU[$name]=$cpu; done < <(python3 - "$JSON" <<'PY'
import json, sys
for r in json.load(open(sys.argv[1]))["results"]:
    print(r["command"], "%.3f" % r["median"], "%.3f" % (r["user"] + r["system"]))
PY
)
  rm -f "$JSON"
  TOOL="hyperfine $(hyperfine --version | awk '{print $2}')"
else
  for k in "${ORDER[@]}"; do
    rm -f "$OUT"; eval "${CMD[$k]}" >/dev/null 2>&1   # warm-up
    times=()
    for ((i = 0; i < RUNS; i++)); do
      rm -f "$OUT"; sync
      t0=$(date +%s.%N); eval "${CMD[$k]}" >/dev/null 2>&1; t1=$(date +%s.%N)
      times+=("$(echo "$t1 - $t0" | bc -l)")
    done
    MEDIAN[$k]=$(printf '%s\n' "${times[@]}" | sort -g | awk '{a[NR]=$1} END {printf "%.3f", (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}')
  done
  TOOL="bash timing loop"
fi
rm -f "$OUT"

ratio() { python3 -c "print('%.2f' % ($1 / $2))"; }
printf '%-10s %8s %10s\n' "command" "median" "cpu(u+s)"
for k in "${ORDER[@]}"; do printf '%-10s %7ss %9ss\n' "$k" "${MEDIAN[$k]}" "${CPU[$k]:--}"; done
echo "(timed with $TOOL; JVM: ${CDS_OPT:-no AppCDS archive} ${JAVA_OPTS:-})"
echo "ratio (b) copy/cp       = $(ratio "${MEDIAN[copy]}" "${MEDIAN[cp]}")   goal <= 1.3"
echo "ratio (a) stream/node   = $(ratio "${MEDIAN[stream]}" "${MEDIAN[node]}")   goal <= 0.5"
echo "ratio stream-c1/node    = $(ratio "${MEDIAN[stream-c1]}" "${MEDIAN[node]}")"
echo "ratio stream-cli/node   = $(ratio "${MEDIAN[stream-cli]}" "${MEDIAN[node]}")"
echo "ratio (a') direct/node  = $(ratio "${MEDIAN[direct]}" "${MEDIAN[node]}")"
echo "ratio (a') direct/cp    = $(ratio "${MEDIAN[direct]}" "${MEDIAN[cp]}")"
if [ -n "${CPU[cp]:-}" ]; then
  echo "cpu ratios: copy/cp = $(ratio "${CPU[copy]}" "${CPU[cp]}"), stream/node = $(ratio "${CPU[stream]}" "${CPU[node]}") (goal <= 0.5), stream-c1/node = $(ratio "${CPU[stream-c1]}" "${CPU[node]}"), stream-cli/node = $(ratio "${CPU[stream-cli]}" "${CPU[node]}"), direct/node = $(ratio "${CPU[direct]}" "${CPU[node]}")"
fi

# --- peak RSS -----------------------------------------------------------------------------------
if [ ! -f "$SRC4" ] || [ "$(stat -c %s "$SRC4")" != $((4 << 30)) ]; then
  echo "making $SRC4 (4 x random-1g.bin) ..." >&2
  cat "$SRC" "$SRC" "$SRC" "$SRC" > "$SRC4"
fi
rss() { # command... -> "Maximum resident set size" in MiB
  rm -f "$OUT"
  /usr/bin/time -v "$@" 2>&1 >/dev/null | awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2 / 1024}'
  rm -f "$OUT"
}
echo "== peak RSS (MiB, /usr/bin/time -v)"
printf '%-22s %8s %8s\n' "" "1 GiB" "4 GiB"
# shellcheck disable=SC2086
S1=$(rss $JAVA stream "$SRC" "$OUT"); S4=$(rss $JAVA stream "$SRC4" "$OUT")
printf '%-22s %8s %8s\n' "(a) stream" "$S1" "$S4"
JAVA_CAPPED="java $CDS_OPT ${JAVA_OPTS:-} -Xmx128m -cp $JAR io.loopstreams.bench.FsCopyMain"
# shellcheck disable=SC2086
printf '%-22s %8s %8s\n' "(a) stream, -Xmx128m" "$(rss $JAVA_CAPPED stream "$SRC" "$OUT")" \
  "$(rss $JAVA_CAPPED stream "$SRC4" "$OUT")"
# shellcheck disable=SC2086
printf '%-22s %8s %8s\n' "(a') direct" "$(rss $JAVA direct "$SRC" "$OUT")" "$(rss $JAVA direct "$SRC4" "$OUT")"
N1=$(rss node benchmarks/node/fs-copy.js "$SRC" "$OUT"); N4=$(rss node benchmarks/node/fs-copy.js "$SRC4" "$OUT")
printf '%-22s %8s %8s\n' "node pipeline" "$N1" "$N4"
echo "RSS ratio (a)/node = $(ratio "$S1" "$N1") at 1 GiB, $(ratio "$S4" "$N4") at 4 GiB (goal <= 1.2);" \
  "(a) 4 GiB / 1 GiB = $(ratio "$S4" "$S1") (flat: about 1)"
