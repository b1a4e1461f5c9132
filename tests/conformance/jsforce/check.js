// SPDX-License-Identifier: MIT
// jsforce, a standard Salesforce REST client, against sf-emulator, unmodified: it starts with an
// expired access token (so it must refresh through /services/oauth2/token), pages a whole object
// through nextRecordsUrl, counts, reads, creates and deletes a record and reads /limits.
// Usage: node check.js http://127.0.0.1:PORT   (exit 0 when every check holds)
const jsforce = require('jsforce');
const assert = require('assert');

(async () => {
  const url = process.argv[2];
  const conn = new jsforce.Connection({
    oauth2: { clientId: 'pos-demo', loginUrl: url, tokenServiceUrl: url + '/services/oauth2/token' },
    instanceUrl: url, refreshToken: 'pos-demo-refresh', accessToken: 'expired', version: '62.0' });
  let refreshed = 0;
  conn.on('refresh', () => refreshed++);

  const total = (await conn.query('SELECT COUNT() FROM s_c__product__c')).totalSize;
  const all = await conn.query('SELECT Id, Name, SystemModstamp FROM s_c__product__c ORDER BY SystemModstamp, Id')
    .run({ autoFetch: true, maxFetch: 10000000 });
  assert.strictEqual(all.records.length, total, 'paged to the end');
  assert.strictEqual(new Set(all.records.map(r => r.Id)).size, total, 'no duplicate Id');
  console.log(`paged ${all.records.length} of ${total} products; token refreshes: ${refreshed}`);
  assert.strictEqual(refreshed, 1);

  const scoped = await conn.query("SELECT count() FROM s_c__order__c WHERE s_c__outlet__c = 'a00000000000001AAA'");
  console.log(`orders of outlet 1: ${scoped.totalSize}`);

  const contacts = await conn.sobject('Contact').find({}, ['Id', 'FirstName', 'Email']).limit(5);
  assert.strictEqual(contacts.length, 5);
  const created = await conn.sobject('s_c__product__c').create({ Name: 'jsforce probe' });
  assert.ok(created.success);
  const fetched = await conn.sobject('s_c__product__c').retrieve(created.id);
  assert.strictEqual(fetched.Name, 'jsforce probe');
  const deleted = await conn.sobject('s_c__product__c').destroy(created.id);
  assert.ok(deleted.success);
  const limits = await conn.limits();
  assert.ok(limits.DailyApiRequests.Remaining < limits.DailyApiRequests.Max);
  console.log('create, retrieve, delete, limits: ok');
})().catch(e => { console.error('FAILED:', e.errorCode || e.name, e.message); process.exit(1); });
