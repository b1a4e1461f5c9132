#!/bin/bash
# SPDX-License-Identifier: MIT
# The engine alone through a store's link (docs/benchmarks.md section 7): sf-emulator --seed scale with N
# products and 200 ms of server time per request, behind wan-proxy (100 ms round trip, 50 Mbit/s shared),
# then engine-sync-bench through the proxy, ROUNDS times for each set of engine options given. Quicker than
# `scripts/bench --wan` (no sequential yardstick, whose 1M run takes three minutes): for A/B runs of the
# engine's tuning. One line per run: options, all synced, ready, peak RSS, API calls.
# Usage: benchmarks/wan-engine/run.sh BUILD_DIR N ROUNDS "ENGINE OPTIONS" ["ENGINE OPTIONS" ...]
#   e.g. benchmarks/wan-engine/run.sh build 200000 2 "" "--ranges 4" "--ranges 8"
# Page timeline: QT_LOGGING_RULES="posdata.sync.pages.debug=true" QT_MESSAGE_PATTERN="%{time process} %{message}"
# (kept in the work folder's engine.log of the last run; KEEP=1 keeps the folder).
set -euo pipefail
BUILD=${1:?usage: run.sh BUILD_DIR N ROUNDS \"ENGINE OPTIONS\"...}
N=${2:?N}
ROUNDS=${3:?ROUNDS}
shift 3
[ $# -gt 0 ] || set -- ""
FIELDS="Name,s_c__sku__c,s_c__price__c,s_c__category__c,s_c__barcode__c,s_c__description__c,s_c__active__c,CreatedDate,LastModifiedDate"
DIR=$(mktemp -d)
cleanup() { kill "${EMU_PID:-}" "${PROXY_PID:-}" 2>/dev/null || true; [ -n "${KEEP:-}" ] && echo "kept $DIR" || rm -rf "$DIR"; }
trap cleanup EXIT
"$BUILD/src/apps/sf-emulator/sf-emulator" --seed scale --records "$N" --port 0 --server-time-ms 200 >"$DIR/emu.out" 2>"$DIR/emu.err" &
EMU_PID=$!
for _ in $(seq 1 600); do [ -s "$DIR/emu.out" ] && break; sleep 0.5; done
EMU=$(head -n1 "$DIR/emu.out")
[ -n "$EMU" ] || { cat "$DIR/emu.err" >&2; exit 1; }
for round in $(seq 1 "$ROUNDS"); do
    for opts in "$@"; do
        "$BUILD/benchmarks/wan-proxy/wan-proxy" --to "${EMU#http://}" --rtt-ms 100 --mbit 50 >"$DIR/proxy.out" 2>"$DIR/proxy.err" &
        PROXY_PID=$!
        for _ in $(seq 1 50); do [ -s "$DIR/proxy.out" ] && break; sleep 0.1; done
        LINK="http://$(head -n1 "$DIR/proxy.out")"
        # The token answer's instance_url: the engine follows it, so it must be the link too.
        curl -sf -X POST "$EMU/__admin/faults" -d "{\"tokenInstanceUrl\":\"$LINK\"}" >/dev/null
        rm -f "$DIR"/engine.sqlite*
        # shellcheck disable=SC2086 # opts is a list of words
        "$BUILD/benchmarks/engine-sync/engine-sync-bench" --records "$N" --url "$LINK" --fields "$FIELDS" \
            --db "$DIR/engine.sqlite" $opts >"$DIR/out.json" 2>"$DIR/engine.log"
        kill "$PROXY_PID"; wait "$PROXY_PID" 2>/dev/null || true; PROXY_PID=""
        python3 - "$DIR/out.json" "$round" "$opts" <<'PY'
import json, sys
d = json.loads(open(sys.argv[1]).read().strip().splitlines()[-1])
print("round %s  [%s]  all synced %.2f s  ready %s s  peak %s MiB  %s API calls  %s records%s" % (
    sys.argv[2], sys.argv[3] or "defaults", d["seconds"], d.get("readyToSellSeconds", "-"), d["peakRssMiB"],
    d["apiCalls"], d["records"], "  " + d["lastError"] if d.get("lastError") else ""))
PY
    done
done
