#!/usr/bin/env node
'use strict';
// Numbers peer: compromise (nlp(text).money() / .percentages() / .numbers()).
// usage: node numbers_compromise.js [FILE|-] [--repeat N] [--timing-json PATH] [--unit=next-word|none]
// Output: PRED lines {"id","quantities":[{surface,start,end,value,low,high,unit,type}]}.
const nlp = require('compromise');
const { parseArgs, run, byteOffsets, nextWordUnit, dedupeSpans } = require('./lib');

const args = parseArgs(process.argv, { unit: 'next-word' });

// Span from the first term's start to the last term's end (the match's own offset/text
// include trailing punctuation and whitespace). compromise offsets are UTF-16 indices.
function termSpan(m) {
  const t = m.terms;
  if (!t || !t.length) return [m.offset.start, m.offset.start + m.offset.length];
  const last = t[t.length - 1].offset;
  return [t[0].offset.start, last.start + last.length];
}

function extract(doc) {
  const text = doc.text;
  const d = nlp(text);
  const items = [];
  // compromise has no ranges: low/high stay null. compromise sometimes merges neighbouring
  // values into one match ("$5.2 million and 15%" -> 5200015); money and percentages win
  // over such a number match (priority first, then length).
  for (const m of d.money().json({ offset: true, terms: { offset: true } })) {
    const [s, e] = termSpan(m);
    const cur = (m.money && m.money.currency) || '';
    // currency: ISO code when compromise gives one ("GBP"), else its name ("dollar")
    items.push({ s, e, prio: 0, kind: 'currency', value: m.money ? m.money.num : null, unit: cur });
  }
  for (const m of d.percentages().json({ offset: true, terms: { offset: true } })) {
    const [s, e] = termSpan(m);
    items.push({ s, e, prio: 1, kind: 'percentage', value: m.number ? m.number.num : null, unit: 'percent' });
  }
  // ordinals ("first", "2nd") are dropped, as Recognizers-Text's number model does
  for (const m of d.numbers().isCardinal().json({ offset: true, terms: { offset: true } })) {
    const [s, e] = termSpan(m);
    const n = m.number || {};
    let unit = n.unit || '';
    if (!unit && args.flags.unit === 'next-word') unit = nextWordUnit(text, e);
    items.push({ s, e, prio: 2, kind: 'number', value: typeof n.num === 'number' ? n.num : null, unit });
  }
  const off = byteOffsets(text);
  return dedupeSpans(items, true).map((it) => ({
    surface: text.slice(it.s, it.e), start: off[it.s], end: off[it.e],
    value: it.value, low: null, high: null, unit: it.unit, type: it.kind,
  }));
}

run(args, 'compromise', 'quantities', extract);
