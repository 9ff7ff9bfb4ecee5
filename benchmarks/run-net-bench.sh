#!/usr/bin/env bash
# Network benchmarks on loopback (127.0.0.1 only), loopstreams side by side with Node in one run:
#   echo        N concurrent connections (default 10,000), each sending 1 KiB and reading it back,
#               through one echo server: successes, client wall time, server peak RSS (VmHWM)
#   throughput  a file of SIZE (default 2 GiB) → socket → socket → discarding stream:
#               wall time and MB/s (file → socket pipeline on the sender, socket → sink on the receiver)
# Prints ratios against Node: echo time (goal <= 1.0), server RSS (goal <= 1.5), throughput (goal >= 1.5).
# Bounded: every process runs under `timeout`; the servers are killed at the end.
#
# Usage: benchmarks/run-net-bench.sh [CONNECTIONS] [SIZE_MIB]
# Env:   JAVA_OPTS (passed to the JVMs), BENCH_DATA (data folder, default bench-data/, git-ignored)
set -euo pipefail
cd "$(dirname "$0")/.."

N=${1:-10000}
SIZE_MIB=${2:-2048}
DATA=${BENCH_DATA:-bench-data}
JAR=benchmarks/target/benchmarks.jar
JAVA="java ${JAVA_OPTS:-} -cp $JAR io.loopstreams.bench.NetBenchMain"
NODE="node benchmarks/node/net-echo.js"
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"
command -v node >/dev/null || { echo "node is required for the Node baseline" >&2; exit 1; }
if [ ! -f "$JAR" ]; then
  echo "building $JAR ..." >&2
  mvn -B -q -ntp -pl benchmarks -am package -DskipTests >&2
fi
mkdir -p "$DATA"
SRC=$DATA/net-$SIZE_MIB.bin
[ -f "$SRC" ] || head -c $((SIZE_MIB << 20)) /dev/urandom > "$SRC"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
# Waits for a listener without connecting to it (a probe connection would be the receiver's one client).
wait_port() { for _ in $(seq 400); do ss -Hltn "sport = :$1" | grep -q . && return 0; sleep 0.05; done; return 1; }
# Peak RSS of the server process itself (the child of `timeout`).
hwm_kib() { awk '/VmHWM/ {print $2}' /proc/"$(pgrep -P "$1" | head -1)"/status; }
now() { date +%s.%N; }

echo_run() { # $1 = label, $2 = server command, $3 = client command
  local port pid t0 t1 out rss
  port=$(free_port)
  timeout 300 $2 echo-server "$port" & pid=$!
  wait_port "$port"
  t0=$(now); out=$(timeout 300 $3 echo-clients "$port" "$N" 1024); t1=$(now)
  rss=$(hwm_kib "$pid"); kill "$pid"; wait "$pid" 2>/dev/null || true
  printf '%-12s echo   %s  %.2f s  server peak RSS %d MiB\n' "$1" "$out" "$(echo "$t1 - $t0" | bc)" $((rss / 1024)) >&2
  echo "$(echo "$t1 - $t0" | bc) $rss ${out%% *}"
}

tput_run() { # $1 = label, $2 = command
  local port pid t0 t1 secs
  port=$(free_port)
  timeout 600 $2 recv "$port" & pid=$!
  wait_port "$port"
  t0=$(now); timeout 600 $2 send "$SRC" "$port"; wait "$pid"; t1=$(now)
  secs=$(echo "$t1 - $t0" | bc)
  printf '%-12s stream %d MiB in %.2f s = %.0f MiB/s\n' "$1" "$SIZE_MIB" "$secs" "$(echo "$SIZE_MIB / $secs" | bc -l)" >&2
  echo "$secs"
}

read -r NT NR NOK < <(echo_run node "$NODE" "$NODE")
read -r JT JR JOK < <(echo_run loopstreams "$JAVA" "$JAVA")
NS=$(tput_run node "$NODE")
JS=$(tput_run loopstreams "$JAVA")

echo
echo "| measure | loopstreams | node | ratio | goal |"
echo "|---|---|---|---|---|"
printf '| %d echoes of 1 KiB: successes | %s | %s | | all |\n' "$N" "${JOK#ok=}" "${NOK#ok=}"
printf '| echo wall time (s) | %.2f | %.2f | %.2f | <= 1.0 |\n' "$JT" "$NT" "$(echo "$JT / $NT" | bc -l)"
printf '| echo server peak RSS (MiB) | %d | %d | %.2f | <= 1.5 |\n' $((JR / 1024)) $((NR / 1024)) "$(echo "$JR / $NR" | bc -l)"
printf '| %d MiB socket pipeline (MiB/s) | %.0f | %.0f | %.2f | >= 1.5 |\n' "$SIZE_MIB" \
  "$(echo "$SIZE_MIB / $JS" | bc -l)" "$(echo "$SIZE_MIB / $NS" | bc -l)" "$(echo "$NS / $JS" | bc -l)"
