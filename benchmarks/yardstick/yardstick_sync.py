#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""The yardstick: the plain sync-down a support engineer would write with Python's standard library.

urllib for HTTP (a connection per request), json to parse each page, sqlite3 executemany with one
transaction per page and one column per field. It follows nextRecordsUrl to the end and prints one JSON
line with its figures. With --keep-alive every request goes over one http.client connection, and with
--gzip it asks for gzip answers: the sequential client of the WAN benchmark (scripts/bench --wan), where a
connection per page would cost a handshake per page.
The refresh token is read from the device file and never printed.
"""
import argparse
import gzip
import http.client
import json
import resource
import sqlite3
import time
import urllib.parse
import urllib.request


class Http:
    """GET and POST returning the body: urllib, or one keep-alive connection; gzip when asked for."""

    def __init__(self, keep_alive, use_gzip):
        self.keep_alive = keep_alive
        self.gzip = use_gzip
        self.conn = None

    def request(self, url, headers=None, data=None):
        headers = dict(headers or {})
        if self.gzip:
            headers["Accept-Encoding"] = "gzip"
        if not self.keep_alive:
            with urllib.request.urlopen(urllib.request.Request(url, data=data, headers=headers)) as r:
                return self._decoded(r.read(), r.headers.get("Content-Encoding"))
        parts = urllib.parse.urlsplit(url)
        target = parts.path + ("?" + parts.query if parts.query else "")
        if data is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        for attempt in (1, 2):  # the server may have closed an idle keep-alive connection
            if self.conn is None:
                kind = http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
                self.conn = kind(parts.netloc, timeout=120)
            try:
                self.conn.request("POST" if data is not None else "GET", target, body=data, headers=headers)
                r = self.conn.getresponse()
                body = r.read()
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                self.conn.close()
                self.conn = None
                if attempt == 2:
                    raise
                continue
            if r.status != 200:
                raise RuntimeError("HTTP %d from %s: %s" % (r.status, parts.path, body[:300]))
            return self._decoded(body, r.getheader("Content-Encoding"))

    def _decoded(self, body, encoding):
        return gzip.decompress(body) if (encoding or "").lower() == "gzip" else body


def refresh(http, instance, client_id, refresh_token):
    body = urllib.parse.urlencode({"grant_type": "refresh_token", "refresh_token": refresh_token,
                                   "client_id": client_id}).encode()
    return json.loads(http.request(instance + "/services/oauth2/token", data=body))["access_token"]


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--device", required=True, help="device context JSON (instanceUrl, clientId, refreshToken)")
    ap.add_argument("--object", default="s_c__product__c")
    ap.add_argument("--fields", required=True, help="comma-separated field list")
    ap.add_argument("--db", required=True)
    ap.add_argument("--api", default="v62.0")
    ap.add_argument("--keep-alive", action="store_true", help="one HTTP connection for every request")
    ap.add_argument("--gzip", action="store_true", help="ask for gzip answers (Accept-Encoding: gzip)")
    args = ap.parse_args()

    with open(args.device) as f:
        device = json.load(f)
    instance = device["instanceUrl"].rstrip("/")
    fields = [f.strip() for f in args.fields.split(",") if f.strip()]

    start = time.monotonic()
    http = Http(args.keep_alive, args.gzip)
    token = refresh(http, instance, device["clientId"], device["refreshToken"])
    db = sqlite3.connect(args.db, isolation_level=None)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=NORMAL")
    cols = ", ".join('"%s"' % f for f in fields)
    db.execute('CREATE TABLE IF NOT EXISTS "%s" (%s, PRIMARY KEY("Id"))' % (args.object, cols))
    insert = 'INSERT OR REPLACE INTO "%s" (%s) VALUES (%s)' % (args.object, cols, ", ".join("?" * len(fields)))

    soql = "SELECT %s FROM %s ORDER BY SystemModstamp, Id" % (", ".join(fields), args.object)
    url = "%s/services/data/%s/queryAll?q=%s" % (instance, args.api, urllib.parse.quote_plus(soql))
    headers = {"Authorization": "Bearer " + token}
    count = pages = 0
    while url:
        page = json.loads(http.request(url, headers=headers))
        pages += 1
        rows = [tuple(rec.get(f) for f in fields) for rec in page["records"]]
        db.execute("BEGIN")
        db.executemany(insert, rows)
        db.execute("COMMIT")
        count += len(rows)
        url = instance + page["nextRecordsUrl"] if page.get("nextRecordsUrl") else None
    seconds = time.monotonic() - start
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"records": count, "pages": pages, "seconds": round(seconds, 3),
                      "recordsPerSecond": round(count / seconds), "peakMiB": round(peak_kib / 1024, 1)}))


if __name__ == "__main__":
    main()
