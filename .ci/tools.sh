#!/usr/bin/env bash
# Installs the command-line tools the interop tests and benchmarks run (gzip, pigz, zstd, brotli,
# openssl) when one is missing. Idempotent: does nothing when all are present. Installs with
# apt-get as root or through password-less sudo; otherwise prints what is missing.
set -euo pipefail

missing=()
for tool in gzip pigz zstd brotli openssl; do
  command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
done
[ ${#missing[@]} -eq 0 ] && exit 0

# The whole list (apt-get leaves the present ones alone), named literally so it can be read here.
install() {   # "$@": nothing as root, "sudo -n" otherwise
  "$@" env DEBIAN_FRONTEND=noninteractive apt-get update -q >/dev/null
  "$@" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q gzip pigz zstd brotli openssl >/dev/null
}
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "tools.sh: installing ${missing[*]}" >&2
  install
elif command -v apt-get >/dev/null 2>&1 && command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  echo "tools.sh: installing ${missing[*]} (sudo)" >&2
  install sudo -n
else
  echo "tools.sh: missing ${missing[*]}; install them (e.g. apt-get install gzip pigz zstd brotli openssl)" >&2
fi
