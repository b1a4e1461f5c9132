#!/usr/bin/env node
// SPDX-License-Identifier: MIT
// The second peer of the loopback benchmark (issue 14): the sync-down a Salesforce developer would
// write in Node.js, jsforce for the REST API (its OAuth2 refresh, query with scanAll and queryMore) and
// better-sqlite3 with one transaction per page, one column per field: what the yardstick does in
// Python, with the libraries that developer would pick. Prints one JSON line with its figures, as
// yardstick_sync.py does. The refresh token is read from the device file and never printed.
// Needs `npm install jsforce better-sqlite3` in a folder on NODE_PATH (scripts/bench does it in its
// work dir).
//   node jsforce_sync.js --device FILE --fields F1,F2,... --db FILE [--object s_c__product__c] [--api 62.0]
'use strict';
const fs = require('fs');
const jsforce = require('jsforce');
const Database = require('better-sqlite3');

function options(argv) {
    const out = { object: 's_c__product__c', api: '62.0' };
    for (let i = 2; i < argv.length; i += 2) {
        const key = argv[i].replace(/^--/, '');
        if (!['device', 'fields', 'db', 'object', 'api'].includes(key) || i + 1 >= argv.length)
            throw new Error(`unknown or incomplete option ${argv[i]}`);
        out[key] = argv[i + 1];
    }
    for (const k of ['device', 'fields', 'db'])
        if (!out[k]) throw new Error(`--${k} is required`);
    return out;
}

// better-sqlite3 binds numbers, strings, null and buffers only.
function value(v) {
    if (v === undefined || v === null) return null;
    if (typeof v === 'boolean') return v ? 1 : 0;
    if (typeof v === 'object') return JSON.stringify(v);
    return v;
}

async function main() {
    const args = options(process.argv);
    const device = JSON.parse(fs.readFileSync(args.device, 'utf8'));
    const instance = device.instanceUrl.replace(/\/$/, '');
    const fields = args.fields.split(',').map(f => f.trim()).filter(Boolean);
    const start = process.hrtime.bigint();
    const oauth2 = new jsforce.OAuth2({ clientId: device.clientId, loginUrl: instance, redirectUri: 'http://localhost/' });
    const token = await oauth2.refreshToken(device.refreshToken);
    const conn = new jsforce.Connection({ oauth2, instanceUrl: instance, accessToken: token.access_token, version: args.api });

    const db = new Database(args.db);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    const cols = fields.map(f => `"${f}"`).join(', ');
    db.exec(`CREATE TABLE IF NOT EXISTS "${args.object}" (${cols}, PRIMARY KEY("Id"))`);
    const insert = db.prepare(`INSERT OR REPLACE INTO "${args.object}" (${cols}) VALUES (${fields.map(() => '?').join(', ')})`);
    const writePage = db.transaction(records => {
        for (const r of records) insert.run(fields.map(f => value(r[f])));
    });

    let count = 0, pages = 0;
    // scanAll: /queryAll, as the yardstick asks; one page per call, queryMore follows the locator.
    let page = await conn.query(`SELECT ${fields.join(", ")} FROM ${args.object} ORDER BY SystemModstamp, Id`, { scanAll: true });
    for (;;) {
        pages += 1;
        writePage(page.records);
        count += page.records.length;
        if (page.done || !page.nextRecordsUrl) break;
        page = await conn.queryMore(page.nextRecordsUrl);
    }
    db.close();
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    console.log(JSON.stringify({ records: count, pages, seconds: Math.round(seconds * 1000) / 1000,
        recordsPerSecond: Math.round(count / seconds), peakMiB: Math.round(process.resourceUsage().maxRSS / 102.4) / 10 }));
}

main().catch(e => { console.error(`jsforce_sync: ${e.message}`); process.exit(1); });
