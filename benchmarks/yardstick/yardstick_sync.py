#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""The yardstick: the plain sync-down a support engineer would write with Python's standard library.

urllib for HTTP, json to parse each page, sqlite3 executemany with one transaction per page and one
column per field. It follows nextRecordsUrl to the end and prints one JSON line with its figures.
The refresh token is read from the device file and never printed.
"""
import argparse
import json
import resource
import sqlite3
import time
import urllib.parse
import urllib.request


def refresh(instance, client_id, refresh_token):
    body = urllib.parse.urlencode({"grant_type": "refresh_token", "refresh_token": refresh_token,
                                   "client_id": client_id}).encode()
    with urllib.request.urlopen(urllib.request.Request(instance + "/services/oauth2/token", data=body)) as r:
        return json.load(r)["access_token"]


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--device", required=True, help="device context JSON (instanceUrl, clientId, refreshToken)")
    ap.add_argument("--object", default="s_c__product__c")
    ap.add_argument("--fields", required=True, help="comma-separated field list")
    ap.add_argument("--db", required=True)
    ap.add_argument("--api", default="v62.0")
    args = ap.parse_args()

    with open(args.device) as f:
        device = json.load(f)
    instance = device["instanceUrl"].rstrip("/")
    fields = [f.strip() for f in args.fields.split(",") if f.strip()]

    start = time.monotonic()
    token = refresh(instance, device["clientId"], device["refreshToken"])
    db = sqlite3.connect(args.db, isolation_level=None)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=NORMAL")
    cols = ", ".join('"%s"' % f for f in fields)
    db.execute('CREATE TABLE IF NOT EXISTS "%s" (%s, PRIMARY KEY("Id"))' % (args.object, cols))
    insert = 'INSERT OR REPLACE INTO "%s" (%s) VALUES (%s)' % (args.object, cols, ", ".join("?" * len(fields)))

    soql = "SELECT %s FROM %s ORDER BY SystemModstamp, Id" % (", ".join(fields), args.object)
    url = "%s/services/data/%s/queryAll?q=%s" % (instance, args.api, urllib.parse.quote_plus(soql))
    headers = {"Authorization": "Bearer " + token}
    count = 0
    while url:
        with urllib.request.urlopen(urllib.request.Request(url, headers=headers)) as r:
            page = json.load(r)
        rows = [tuple(rec.get(f) for f in fields) for rec in page["records"]]
        db.execute("BEGIN")
        db.executemany(insert, rows)
        db.execute("COMMIT")
        count += len(rows)
        url = instance + page["nextRecordsUrl"] if page.get("nextRecordsUrl") else None
    seconds = time.monotonic() - start
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"records": count, "seconds": round(seconds, 3),
                      "recordsPerSecond": round(count / seconds), "peakMiB": round(peak_kib / 1024, 1)}))


if __name__ == "__main__":
    main()
