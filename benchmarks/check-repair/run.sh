#!/bin/bash
# SPDX-License-Identifier: MIT
# Benchmark of `posdata check` and `posdata repair` against a full resync (docs/benchmarks.md section 5):
# starts sf-emulator --seed scale with N products, syncs them with the real `posdata`, damages the store
# directly in SQLite (37 rows deleted, 5 ghost rows added), then measures API calls (the emulator's own
# count, /__admin/stats) and wall time of: check --quick (counts first), check (every Id), repair, and a resync.
# Usage: benchmarks/check-repair/run.sh BUILD_DIR [N]   (N default 100000)
set -euo pipefail
BUILD=${1:?usage: run.sh BUILD_DIR [N]}
N=${2:-100000}
EMU=$BUILD/src/apps/sf-emulator/sf-emulator
POSDATA=$BUILD/src/apps/posdata/posdata
DIR=$(mktemp -d)
trap 'kill $EMU_PID 2>/dev/null || true; rm -rf "$DIR"' EXIT
"$EMU" --seed scale --records "$N" --port 0 > "$DIR/emu.out" 2>&1 &
EMU_PID=$!
for _ in $(seq 1 600); do grep -q '^http' "$DIR/emu.out" && break; sleep 0.5; done
URL=$(grep -m1 '^http' "$DIR/emu.out")
TOKEN=$(grep -o 'kRefreshToken = "[^"]*"' "$(dirname "$0")/../../src/emulator/emulator.h" | cut -d'"' -f2)
cat > "$DIR/device.json" <<JSON
{"instanceUrl": "$URL", "clientId": "pos-demo", "refreshToken": "$TOKEN",
 "outletId": "a00000000000001AAA", "shiftId": "a01000000000001AAA"}
JSON
chmod 600 "$DIR/device.json"
DB=$DIR/posdata.db
OBJ=s_c__product__c
calls() { curl -s "$URL/__admin/stats" | python3 -c 'import json,sys; print(json.load(sys.stdin)["apiCalls"])'; }
measure() { # label, command...
    local label=$1; shift
    local before after t0 t1
    before=$(calls); t0=$(date +%s.%N)
    /usr/bin/time -f '%U %S' -o "$DIR/cpu" "$@" > "$DIR/last.out"
    t1=$(date +%s.%N); after=$(calls)
    printf '%-28s %6d calls %8.2f s wall, posdata CPU %s s\n' "$label" $((after - before)) \
        "$(echo "$t1 - $t0" | bc)" "$(awk '{print $1 + $2}' "$DIR/cpu")"
}
measure "initial sync ($N)" "$POSDATA" sync --once --object $OBJ --device "$DIR/device.json" --db "$DB"
damage() {
    sqlite3 "$DB" "DELETE FROM records WHERE rowid IN (SELECT rowid FROM records WHERE obj = (SELECT obj FROM objects
        WHERE name = '$OBJ') ORDER BY random() LIMIT 37);
      INSERT INTO records(obj, id, modstamp, state, seen_gen, payload) SELECT obj, substr(id, 1, 14) || 'zAAA',
        modstamp, 0, seen_gen, '{}' FROM records WHERE obj = (SELECT obj FROM objects WHERE name = '$OBJ')
        ORDER BY random() LIMIT 5;"
}
damage
measure "check --quick (counts)" "$POSDATA" check $OBJ --quick --json --device "$DIR/device.json" --db "$DB"
python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))[0]; print("  found: missing", r["missing"]["count"], "extra", r["extra"]["count"])' "$DIR/last.out"
measure "check (every Id)" "$POSDATA" check $OBJ --json --device "$DIR/device.json" --db "$DB"
python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))[0]; print("  found: missing", r["missing"]["count"], "extra", r["extra"]["count"])' "$DIR/last.out"
measure "repair (exact check+fix)" "$POSDATA" repair $OBJ --json --device "$DIR/device.json" --db "$DB"
python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))[0]["repair"]; print("  repaired: downloaded", r["downloaded"], "removed", r["removed"])' "$DIR/last.out"
measure "check after repair" "$POSDATA" check $OBJ --json --device "$DIR/device.json" --db "$DB"
python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))[0]; print("  clean:", r["clean"])' "$DIR/last.out"
damage
"$POSDATA" resync $OBJ --db "$DB" > /dev/null
measure "resync (the old cure)" "$POSDATA" sync --once --object $OBJ --device "$DIR/device.json" --db "$DB"
