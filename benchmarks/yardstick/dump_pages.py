#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Writes every page of one query out as files, so nginx can serve them at almost no CPU cost.

first.json is the first page (what /queryAll?q=... answers); every later page is stored as
<locator>.json, the last segment of the nextRecordsUrl that points at it.
"""
import argparse
import json
import os
import urllib.parse
import urllib.request


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--device", required=True)
    ap.add_argument("--soql", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--api", default="v62.0")
    args = ap.parse_args()
    with open(args.device) as f:
        device = json.load(f)
    instance = device["instanceUrl"].rstrip("/")
    body = urllib.parse.urlencode({"grant_type": "refresh_token", "refresh_token": device["refreshToken"],
                                   "client_id": device["clientId"]}).encode()
    with urllib.request.urlopen(urllib.request.Request(instance + "/services/oauth2/token", data=body)) as r:
        token = json.load(r)["access_token"]
    os.makedirs(args.out, exist_ok=True)
    url = "%s/services/data/%s/queryAll?q=%s" % (instance, args.api, urllib.parse.quote_plus(args.soql))
    name = "first"
    pages = 0
    records = 0
    while url:
        with urllib.request.urlopen(urllib.request.Request(url, headers={"Authorization": "Bearer " + token})) as r:
            raw = r.read()
        with open(os.path.join(args.out, name + ".json"), "wb") as f:
            f.write(raw)
        page = json.loads(raw)
        pages += 1
        records += len(page["records"])
        nxt = page.get("nextRecordsUrl")
        url = instance + nxt if nxt else None
        name = nxt.rsplit("/", 1)[-1] if nxt else None
    print(json.dumps({"pages": pages, "records": records}))


if __name__ == "__main__":
    main()
