#!/usr/bin/env node
'use strict';
// Quotes peer: compromise (nlp(text).quotations()). compromise does no attribution.
// usage: node quotes_compromise.js [FILE|-] [--repeat N] [--timing-json PATH] [--speaker=none|nearest]
//   --speaker=none     (default) every speaker is "" (what compromise itself gives)
//   --speaker=nearest  naive baseline added here, not part of compromise: the person name
//                      (compromise .people()) nearest to the quote, outside every quote,
//                      in the same paragraph, at most 250 characters away; else "".
// Output: PRED lines {"id","quotes":[{quote,speaker,start,end}]}; the span excludes the
// quotation marks themselves (as the gold does).
const nlp = require('compromise');
const { parseArgs, run, byteOffsets } = require('./lib');

const args = parseArgs(process.argv, { speaker: 'none' });
const MARKS = '"\u201c\u201d\u201e\u201f\u00ab\u00bb\u2018\u2019\'';
const MAX_DIST = 250;

function span(m) {
  let s = m.offset.start, e = m.offset.start + m.offset.length;
  return [s, e];
}

function trimMarks(text, s, e) {
  while (e > s && /[\s]/.test(text[e - 1])) e--;
  while (s < e && /[\s]/.test(text[s])) s++;
  // drop trailing punctuation that follows the closing mark ("...," said -> keep inside only)
  while (e > s && /[,.;:!?)]/.test(text[e - 1]) && e - 2 > s && MARKS.includes(text[e - 2])) e--;
  if (s < e && MARKS.includes(text[s])) s++;
  if (e > s && MARKS.includes(text[e - 1])) e--;
  return [s, e];
}

function extract(doc) {
  const text = doc.text;
  const d = nlp(text);
  const quotes = d.quotations().json({ offset: true }).map((m) => {
    const [s0, e0] = span(m);
    const [s, e] = trimMarks(text, s0, e0);
    return { s, e, s0, e0 };
  }).filter((q) => q.e > q.s);
  if (args.flags.speaker === 'nearest') {
    const people = d.people().json({ offset: true }).map((p) => {
      const [s, e] = span(p);
      return { s, e, name: text.slice(s, e).replace(/[\s,.;:!?'"\u2019\u201d]+$/, '').replace(/['\u2019]s$/, '') };
    }).filter((p) => p.name && !quotes.some((q) => p.s < q.e0 && q.s0 < p.e));
    for (const q of quotes) {
      let best = null, bestD = Infinity;
      for (const p of people) {
        const lo = Math.min(q.s0, p.s), hi = Math.max(q.e0, p.e);
        if (text.slice(lo, hi).includes('\n')) continue; // same paragraph only
        const dist = p.s >= q.e0 ? p.s - q.e0 : q.s0 - p.e;
        if (dist < bestD) { bestD = dist; best = p; }
      }
      q.speaker = best && bestD <= MAX_DIST ? best.name : '';
    }
  }
  const off = byteOffsets(text);
  return quotes.map((q) => ({
    quote: text.slice(q.s, q.e), speaker: q.speaker || '', start: off[q.s], end: off[q.e],
  }));
}

run(args, 'compromise-quotes' + (args.flags.speaker === 'nearest' ? '+nearest' : ''), 'quotes', extract);
