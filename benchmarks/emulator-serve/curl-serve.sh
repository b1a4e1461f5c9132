#!/bin/bash
# SPDX-License-Identifier: MIT
# Second client for the serving benchmark: curl (no JSON parsing, body to /dev/null), so the figure
# does not depend on our own client's cost.
#   benchmarks/emulator-serve/curl-serve.sh [path/to/sf-emulator] [records] [batch]
# Starts `sf-emulator --seed scale`, runs the query with curl, then fetches the whole nextRecordsUrl
# chain with ONE curl process (one keep-alive connection). The locators are `<cursor>-<position>`,
# so the chain is known from the first page; each page's own nextRecordsUrl is checked against it
# afterwards when CHECK=1 (pages kept in a temp dir); by default the bodies go to /dev/null and only
# curl's byte count is kept.
# Prints records/s for the chain (all pages after the first) and the server's CPU per record.
# The query is the engine's own (/queryAll, from `bench_emulator_serve --print-query`, that is
# SoqlBuilder over the bundled sync-objects.json); FIELDS=all asks for every field on /query instead.
# BENCH names bench_emulator_serve (default: next to sf-emulator's build directory).
set -euo pipefail
EMU=${1:-build/src/apps/sf-emulator/sf-emulator}
BENCH=${BENCH:-$(dirname "$EMU")/../../../benchmarks/emulator-serve/bench_emulator_serve}
FIELDS=${FIELDS:-engine}
RECORDS=${2:-200000}
BATCH=${3:-2000}
CHECK=${CHECK:-0}
TMP=$(mktemp -d)
cleanup() { [ -n "${PID:-}" ] && kill "$PID" 2>/dev/null; rm -rf "$TMP"; }
trap cleanup EXIT

"$EMU" --seed scale --records "$RECORDS" --port 0 > "$TMP/out" &
PID=$!
for _ in $(seq 1 600); do [ -s "$TMP/out" ] && break; sleep 0.1; done
URL=$(head -1 "$TMP/out")
[ -n "$URL" ] || { echo "sf-emulator printed no URL" >&2; exit 1; }

TOKEN=$(curl -s "$URL/services/oauth2/token" \
    -d 'grant_type=refresh_token&client_id=pos-demo&refresh_token=pos-demo-refresh' |
    sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p')
[ -n "$TOKEN" ] || { echo "token refresh failed" >&2; exit 1; }
# The token goes to curl through a header file, never on a command line or in output.
printf 'Authorization: Bearer %s\nSforce-Query-Options: batchSize=%s\n' "$TOKEN" "$BATCH" > "$TMP/headers"

SOQL=$("$BENCH" --fields "$FIELDS" --print-query)
RESOURCE=queryAll
[ "$FIELDS" = engine ] || RESOURCE=query
curl -s -H @"$TMP/headers" -G --data-urlencode "q=$SOQL" "$URL/services/data/v62.0/$RESOURCE" -o "$TMP/first"
NEXT=$(sed -n 's/.*"nextRecordsUrl":"\([^"]*\)".*/\1/p' "$TMP/first" | head -c 200)
[ -n "$NEXT" ] || { echo "first page has no nextRecordsUrl" >&2; exit 1; }
BASE=${NEXT%-*}
TOTAL=$(sed -n 's/^{"totalSize":\([0-9]*\),.*/\1/p' "$TMP/first" | head -c 20)

ARGS=()
for ((pos = BATCH; pos < TOTAL; pos += BATCH)); do
    if [ "${CHECK:-0}" = 1 ]; then ARGS+=("$URL$BASE-$pos" -o "$TMP/page-$pos"); else ARGS+=("$URL$BASE-$pos" -o /dev/null); fi
done
CHAIN=$(( (TOTAL - 1) / BATCH ))
CHAIN_RECORDS=$(( TOTAL - BATCH ))

cpu() { awk '{print $14 + $15}' "/proc/$PID/stat"; }
TICKS=$(getconf CLK_TCK)
C0=$(cpu)
T0=$(date +%s.%N)
curl -s -H @"$TMP/headers" -w '%{http_code} %{size_download} %{num_connects}\n' "${ARGS[@]}" > "$TMP/stats"
T1=$(date +%s.%N)
C1=$(cpu)

BYTES=$(awk '{b += $2} END {print b}' "$TMP/stats")
BAD=$(awk '$1 != 200' "$TMP/stats" | wc -l)
CONNECTS=$(awk '{c += $3} END {print c}' "$TMP/stats")
[ "$BAD" -eq 0 ] || { echo "$BAD pages did not answer 200" >&2; exit 1; }
[ "$(wc -l < "$TMP/stats")" -eq "$CHAIN" ] || { echo "expected $CHAIN pages" >&2; exit 1; }
# With CHECK=1: every page's nextRecordsUrl is the next one fetched and the record count adds up.
COUNT=0
for ((pos = BATCH; CHECK == 1 && pos < TOTAL; pos += BATCH)); do
    f="$TMP/page-$pos"
    COUNT=$(( COUNT + $(grep -o '{"attributes"' "$f" | wc -l) ))
    want=$(( pos + BATCH ))
    if (( want < TOTAL )); then
        grep -q "\"nextRecordsUrl\":\"$BASE-$want\"" "$f" || { echo "page $pos: unexpected nextRecordsUrl" >&2; exit 1; }
    fi
done
[ "${CHECK:-0}" != 1 ] || [ "$COUNT" -eq "$CHAIN_RECORDS" ] || { echo "got $COUNT records, expected $CHAIN_RECORDS" >&2; exit 1; }

awk -v t0="$T0" -v t1="$T1" -v c0="$C0" -v c1="$C1" -v hz="$TICKS" -v n="$CHAIN_RECORDS" -v p="$CHAIN" -v b="$BYTES" -v k="$CONNECTS" 'BEGIN {
    s = t1 - t0; cpu = (c1 - c0) / hz;
    printf "curl chain: %d records in %d pages (%.1f MB, %d connection) in %.3f s = %.0f records/s; server CPU %.2f s = %.2f us/record\n",
        n, p, b / 1e6, k, s, n / s, cpu, cpu * 1e6 / n }'
