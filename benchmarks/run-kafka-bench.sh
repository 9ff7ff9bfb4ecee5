#!/usr/bin/env bash
# Kafka throughput on loopback, in one run against one broker (a single-node KRaft broker in a
# child JVM, as the tests start it): records/s through consume -> map -> produce,
#   plain:   the kafka-clients loop (poll, map, send; flush at the end)
#   streams: KafkaSource -> map -> KafkaSink (acks=all, idempotent, as the plain producer)
# 32-byte values, 6 partitions. Prints both figures per round and the ratio streams/plain
# (goal >= 0.90).
#
# Environment: RECORDS (2000000), ROUNDS (2).
set -euo pipefail
cd "$(dirname "$0")/.."

RECORDS=${RECORDS:-2000000}
ROUNDS=${ROUNDS:-2}

CP_FILE=$(mktemp)
trap 'rm -f "$CP_FILE"' EXIT
# streams-kafka is the last module of the reactor: its class path is the one left in the file.
mvn -B -q -ntp -pl streams-kafka -am test-compile dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile="$CP_FILE" >&2
CP="streams-kafka/target/test-classes:streams-kafka/target/classes:$(cat "$CP_FILE")"

echo "java: $(java -version 2>&1 | head -1); $(nproc) cores; load: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
java -Xmx1g -cp "$CP" io.loopstreams.kafka.KafkaBenchMain "$RECORDS" "$ROUNDS"
