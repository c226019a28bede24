// Node checks run by tests/e2e/node_client_test.sh against a real claimcheckd
// (sample articles preloaded, write token "s3cret"): the client module in
// client/node/claimcheck.js, a write with and without the token, an error
// status, and a server stream. Exits non-zero on the first failed check.
'use strict';

const assert = require('assert');
const path = require('path');
const { connect, call, grpc } = require(path.join(process.argv[2], 'claimcheck.js'));

const target = process.argv[3];

async function main() {
  const reader = connect(target);
  const stats = await call(reader, 'GetStats', {});
  assert.ok(Number(stats.articles) >= 9, `articles ${stats.articles}`);
  console.log(`PASS: GetStats: ${stats.articles} articles, int64 as string`);

  const v = await call(reader, 'VerifyQuote', {
    text: 'very good', claimed_speaker: 'Donald Trump' });
  assert.strictEqual(v.verdict, 'VERDICT_SUPPORTED');
  assert.strictEqual(v.evidence[0].evidence.outlet, 'The Washington Times');
  console.log('PASS: VerifyQuote: SUPPORTED with evidence');

  const article = { outlet: 'Node Test', published_date: '2026-03-01',
    text: '"We are ready," said Jane Doe, the mayor.' };
  await assert.rejects(call(reader, 'IngestArticle', { article }),
    (e) => e.code === grpc.status.UNAUTHENTICATED);
  console.log('PASS: IngestArticle without the token is UNAUTHENTICATED');

  const writer = connect(target, { token: 's3cret' });
  const ack = await call(writer, 'IngestArticle', { article, client_ref: 'n1' });
  assert.strictEqual(ack.outcome, 'INGEST_OUTCOME_CREATED');
  assert.strictEqual(ack.quote_count, 1);
  console.log('PASS: IngestArticle with the token: CREATED, 1 quote');

  await assert.rejects(call(reader, 'GetArticle', { article_id: 'a_nope' }),
    (e) => e.code === grpc.status.NOT_FOUND);
  console.log('PASS: GetArticle of an unknown id is NOT_FOUND');

  await assert.rejects(call(reader, 'VerifyQuote', { text: '' }),
    (e) => e.code === grpc.status.INVALID_ARGUMENT && /text/.test(e.details));
  console.log('PASS: VerifyQuote of empty text is INVALID_ARGUMENT naming text');
  reader.close();
  writer.close();
}

main().then(() => console.log('all node checks passed'), (err) => {
  console.error(`FAIL: ${err.stack || err}`);
  process.exit(1);
});
