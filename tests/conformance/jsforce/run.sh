#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Runs check.js (jsforce from the npm registry) against a fresh `sf-emulator --seed demo`.
# Not part of ctest: it needs npm. Usage: tests/conformance/jsforce/run.sh [path/to/sf-emulator]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
emulator="${1:-$here/../../../build/src/apps/sf-emulator/sf-emulator}"
work="$(mktemp -d)"
trap 'kill "${pid:-}" 2>/dev/null || true; rm -rf "$work"' EXIT
cp "$here/package.json" "$here/check.js" "$work/"
(cd "$work" && npm install --no-audit --no-fund --silent >/dev/null)
"$emulator" --seed demo --port 0 >"$work/url" 2>"$work/err" &
pid=$!
for _ in $(seq 1 200); do [ -s "$work/url" ] && break; sleep 0.1; done
node "$work/check.js" "$(head -n1 "$work/url")"
