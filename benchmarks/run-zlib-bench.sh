#!/usr/bin/env bash
# zlib benchmarks, side by side in one run, on log-like data (bench-data/logs-1g.bin):
#   gzip -6      gzip -6 | pigz -6 -p 2 | Node pipeline(createReadStream, createGzip, createWriteStream)
#                | ours single stream (p0) | ours parallel blocks (p2)
#   gzip -1      the same at level 1
#   gunzip       gzip -d | pigz -d | Node createGunzip | ours (input: gzip -6's output)
#   zstd -3      zstd -3 | ours
# For each command: median wall time over RUNS, CPU time (user+system), peak RSS (/usr/bin/time),
# output size, and ratios against the reference tools. Then the loop's delay (a 1 ms interval
# timer: p99 and max of how late it fired) during our parallel gzip and during Node's gzip.
# With ZLIB_BENCH_4G=1, also our parallel gzip's peak RSS on 4 GiB (flat memory check).
#
# Usage: benchmarks/run-zlib-bench.sh [RUNS]       (default 1)
# Env:   BENCH_DATA (data folder, default bench-data/, git-ignored), BENCH_SIZE (bytes, default 1 GiB),
#        JAVA_OPTS (default -Xmx64m), ZLIB_BENCH_4G (1 = also the 4 GiB RSS run)
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=${1:-1}
DATA=${BENCH_DATA:-bench-data}
SIZE=${BENCH_SIZE:-$((1 << 30))}
SRC=$DATA/logs-1g.bin
OUT=$DATA/zlib-bench-out
GZ=$DATA/logs-1g.bin.gz
JAR=benchmarks/target/benchmarks.jar
JAVA_OPTS=${JAVA_OPTS:--Xmx64m}

# --- prerequisites ------------------------------------------------------------------------------
bash .ci/tools.sh
if [ ! -x /usr/bin/time ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  apt-get install -y time >/dev/null 2>&1 || true
fi
command -v node >/dev/null || { echo "node is required for the Node baseline" >&2; exit 1; }
if [ ! -f "$JAR" ]; then
  echo "building $JAR ..." >&2
  mvn -B -q -ntp -pl benchmarks -am package -DskipTests >&2
fi
python3 benchmarks/data/gen-data.py "$DATA" "$SIZE" >&2
[ -f "$GZ" ] && [ "$GZ" -nt "$SRC" ] || gzip -6 -c "$SRC" > "$GZ"
OURS="java $JAVA_OPTS -cp $JAR io.loopstreams.bench.ZlibBenchMain"

# --- one measured command: prints "wall cpu rssKiB" and keeps the output size and loop delay ---
declare -A WALL CPU RSS SIZE_OF DELAY
measure() {   # name, command (a shell string writing to $OUT)
  local name=$1 cmd=$2 walls=() t
  for ((r = 0; r < RUNS; r++)); do
    rm -f "$OUT"
    t=$(mktemp)
    /usr/bin/time -f '%e %U %S %M' -o "$t.time" bash -c "$cmd" 2> "$t.err" || { cat "$t.err" >&2; exit 1; }
    read -r w u s m < "$t.time"
    walls+=("$w")
    CPU[$name]=$(echo "$u + $s" | bc)
    RSS[$name]=$m
    DELAY[$name]=$(grep -o 'p99=.*max=[0-9.]*ms' "$t.err" || true)
    rm -f "$t" "$t.time" "$t.err"
  done
  WALL[$name]=$(printf '%s\n' "${walls[@]}" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  SIZE_OF[$name]=$(stat -c %s "$OUT")
  printf '%-22s wall %7.2fs  cpu %7.2fs  rss %6d MiB  out %11d B  %s\n' "$name" "${WALL[$name]}" \
    "${CPU[$name]}" $((RSS[$name] / 1024)) "${SIZE_OF[$name]}" "${DELAY[$name]}"
}
ratio() { echo "scale=3; $1 / $2" | bc; }

echo "== $(($(stat -c %s "$SRC") >> 20)) MiB of logs, $RUNS run(s) each, median wall; JAVA_OPTS=$JAVA_OPTS"
for L in 6 1; do
  measure "gzip -$L" "gzip -$L -c $SRC > $OUT"
  measure "pigz -$L -p 2" "pigz -$L -p 2 -c $SRC > $OUT"
  measure "node gzip $L" "node benchmarks/node/zlib-bench.js gzip $L $SRC $OUT"
  measure "ours gzip $L single" "$OURS gzip $L 0 $SRC $OUT"
  measure "ours gzip $L p2" "$OURS gzip $L 2 $SRC $OUT"
done
measure "gzip -d" "gzip -d -c $GZ > $OUT"
measure "pigz -d" "pigz -d -c $GZ > $OUT"
measure "node gunzip" "node benchmarks/node/zlib-bench.js gunzip $GZ $OUT"
measure "ours gunzip" "$OURS gunzip $GZ $OUT"
cmp -s "$OUT" "$SRC" || { echo "ours gunzip: output differs from the source" >&2; exit 1; }
measure "zstd -3" "zstd -3 -q -c $SRC > $OUT"
measure "ours zstd 3" "$OURS zstd 3 $SRC $OUT"
rm -f "$OUT"

echo
echo "== ratios (goal in brackets)"
for L in 6 1; do
  echo "level $L: ours p2 / pigz wall $(ratio "${WALL[ours gzip $L p2]}" "${WALL[pigz -$L -p 2]}") [<= 0.95]," \
    "size $(ratio "${SIZE_OF[ours gzip $L p2]}" "${SIZE_OF[pigz -$L -p 2]}") [<= 1.005];" \
    "ours single / node $(ratio "${WALL[ours gzip $L single]}" "${WALL[node gzip $L]}") [<= 0.9];" \
    "ours single / gzip $(ratio "${WALL[ours gzip $L single]}" "${WALL[gzip -$L]}")"
done
echo "gunzip: ours / gzip -d $(ratio "${WALL[ours gunzip]}" "${WALL[gzip -d]}") [<= 0.7]," \
  "ours / node $(ratio "${WALL[ours gunzip]}" "${WALL[node gunzip]}") [<= 0.4]," \
  "ours / pigz -d $(ratio "${WALL[ours gunzip]}" "${WALL[pigz -d]}")"
echo "zstd -3: ours / zstd $(ratio "${WALL[ours zstd 3]}" "${WALL[zstd -3]}"), size $(ratio "${SIZE_OF[ours zstd 3]}" "${SIZE_OF[zstd -3]}")"
echo "loop delay during gzip -6: ours p2 ${DELAY[ours gzip 6 p2]} [p99 <= 2 ms, max <= 20 ms]; node ${DELAY[node gzip 6]}"

if [ "${ZLIB_BENCH_4G:-0}" = 1 ]; then
  SRC4=$DATA/logs-4g.bin
  [ -f "$SRC4" ] || for i in 1 2 3 4; do cat "$SRC"; done > "$SRC4"
  SRC=$SRC4
  measure "ours gzip 6 p2 4GiB" "$OURS gzip 6 2 $SRC4 $OUT"
  rm -f "$OUT"
  echo "peak RSS 1 GiB → 4 GiB: $((RSS[ours gzip 6 p2] / 1024)) → $((RSS[ours gzip 6 p2 4GiB] / 1024)) MiB"
fi
