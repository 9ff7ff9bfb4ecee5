#!/usr/bin/env bash
# Installs the command-line tools the interop tests and benchmarks run (gzip, pigz, zstd, brotli,
# openssl) when one is missing. Idempotent: does nothing when all are present. Installs only
# as root with apt-get; otherwise prints what is missing and leaves the machine alone.
set -euo pipefail

missing=()
for tool in gzip pigz zstd brotli openssl; do
  command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "tools.sh: installing ${missing[*]}" >&2
  DEBIAN_FRONTEND=noninteractive apt-get update -q >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >/dev/null
else
  echo "tools.sh: missing ${missing[*]}; install them (e.g. apt-get install ${missing[*]})" >&2
fi
