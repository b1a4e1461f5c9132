#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""A recording reverse proxy: every query page a client asks for through it is kept as a file, so
nginx can serve that client's own requests afterwards at almost no CPU cost.

dump_pages.py keeps the pages of one query (a cursor chain). A client that asks for other pages
(the engine's Id ranges, each its own query and cursor) gets them recorded here instead: run the
client once through this proxy, then start_page_server (scripts/lib/nginx.sh) serves:
- a later page as <locator>.json (the last segment of the nextRecordsUrl that points at it), as
  dump_pages.py names them;
- a first page (GET .../query?q=... or .../queryAll?q=...) as q-<hash>.json, listed in
  first-pages.map as `"<request target as sent>" /q-<hash>.json;` for an nginx `map` on
  $request_uri: a request sent byte for byte as recorded gets the file, any other is proxied.
COUNT() queries and everything that is not a query page (sign-in, describe, composite) pass
through unrecorded. Bodies are asked for uncompressed and kept twice: as they are and gzip-compressed
beside them (<name>.json.gz), which nginx's gzip_static sends to a client that asks for gzip, as
Salesforce answers it (the engine asks; the pages dump_pages.py keeps have no .gz and go out plain).

Prints its URL on the first line of stdout; stops on SIGTERM or SIGINT.
"""
import argparse
import gzip
import hashlib
import http.client
import http.server
import os
import re
import signal
import sys
import threading
import urllib.parse

QUERY_PATH = re.compile(r"^/services/data/v[0-9.]+/query(All)?(/([^/?]+))?/?$")
HOP_BY_HOP = {"connection", "keep-alive", "proxy-connection", "transfer-encoding", "te", "trailer", "upgrade",
              "content-length", "accept-encoding", "host"}


def page_name(target):
    """The file a GET's response is kept as, or None when it is not a query page to keep."""
    path, _, query = target.partition("?")
    m = QUERY_PATH.match(path)
    if not m:
        return None
    if m.group(3):
        return m.group(3) if not query else None
    soql = urllib.parse.parse_qs(query).get("q", [""])[0]
    if not soql or re.search(r"\bcount\s*\(", soql, re.IGNORECASE):
        return None
    return "q-" + hashlib.sha1(target.encode()).hexdigest()[:20]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--upstream", required=True, help="the emulator's URL, http://host:port")
    ap.add_argument("--out", required=True, help="directory for the pages and first-pages.map")
    args = ap.parse_args()
    up = urllib.parse.urlsplit(args.upstream)
    os.makedirs(args.out, exist_ok=True)
    lock = threading.Lock()
    local = threading.local()

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *_):
            pass

        def upstream(self):
            if getattr(local, "conn", None) is None:
                local.conn = http.client.HTTPConnection(up.hostname, up.port, timeout=120)
            return local.conn

        def forward(self):
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else None
            headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP_BY_HOP}
            headers["Host"] = self.headers.get("Host", up.netloc)
            for attempt in (0, 1):  # a kept-alive upstream connection may have been closed meanwhile
                try:
                    conn = self.upstream()
                    conn.request(self.command, self.path, body=body, headers=headers)
                    resp = conn.getresponse()
                    data = resp.read()
                    break
                except (http.client.HTTPException, OSError):
                    local.conn = None
                    if attempt:
                        raise
            name = page_name(self.path) if self.command == "GET" and resp.status == 200 else None
            if name:
                with open(os.path.join(args.out, name + ".json"), "wb") as f:
                    f.write(data)
                with open(os.path.join(args.out, name + ".json.gz"), "wb") as f:
                    f.write(gzip.compress(data, compresslevel=6, mtime=0))
                if name.startswith("q-"):
                    quoted = self.path.replace("\\", "\\\\").replace('"', '\\"')
                    with lock, open(os.path.join(args.out, "first-pages.map"), "a") as f:
                        f.write('"%s" /%s.json;\n' % (quoted, name))
            self.send_response(resp.status)
            for k, v in resp.getheaders():
                if k.lower() not in HOP_BY_HOP:
                    self.send_header(k, v)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        do_GET = do_POST = do_PATCH = do_PUT = do_DELETE = forward

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    print("http://127.0.0.1:%d" % server.server_address[1], flush=True)
    signal.signal(signal.SIGTERM, lambda *_: threading.Thread(target=server.shutdown).start())
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
