#!/usr/bin/env node
// Who said it, and is the attribution right? Asks a running claimcheckd.
//
//   node example.js [--server=HOST:PORT] "<quote>" [claimed speaker]
//
// Prints the speakers the index gives the quote, then the verdict on the
// claimed speaker when one is given. Exit 0 on an answer, 1 on usage, 2 when
// the call fails (the gRPC status is printed).
'use strict';

const { connect, call, grpc } = require('./claimcheck');

async function main(argv) {
  let server = '127.0.0.1:50051';
  const args = [];
  for (const arg of argv) {
    if (arg.startsWith('--server=')) server = arg.slice('--server='.length);
    else args.push(arg);
  }
  if (args.length < 1 || args.length > 2) {
    console.error('usage: node example.js [--server=HOST:PORT] "<quote>" [speaker]');
    return 1;
  }
  const [text, speaker] = args;
  const client = connect(server);
  try {
    const found = await call(client, 'SearchQuotes', {
      text,
      mode: 'MATCH_MODE_APPROXIMATE',
    });
    if (found.matches.length === 0) console.log('no matching quote');
    for (const m of found.matches) {
      const e = m.evidence;
      console.log(`${m.score.toFixed(2)}  ${m.quote.attribution.speaker || '(unattributed)'}` +
                  `  ${e.outlet}  ${e.published_date}  "${m.quote.text}"`);
    }
    if (speaker) {
      const v = await call(client, 'VerifyQuote', { text, claimed_speaker: speaker });
      console.log(`verdict: ${v.verdict.replace('VERDICT_', '')}` +
                  ` (confidence ${v.confidence.toFixed(2)}): ${v.explanation}`);
    }
    return 0;
  } catch (err) {
    const code = Object.keys(grpc.status).find((k) => grpc.status[k] === err.code);
    console.error(`claimcheck: ${code}: ${err.details}`);
    return 2;
  } finally {
    client.close();
  }
}

main(process.argv.slice(2)).then((code) => process.exit(code));
