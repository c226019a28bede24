#!/usr/bin/env node
'use strict';
// Numbers peer: Microsoft Recognizers-Text (@microsoft/recognizers-text-suite), culture en-us.
// usage: node numbers_recognizers.js [FILE|-] [--repeat N] [--timing-json PATH] [--unit=next-word|none]
// Output: PRED lines {"id","quantities":[{surface,start,end,value,low,high,unit,type}]}.
const R = require('@microsoft/recognizers-text-suite');
const { NumberRecognizer } = require('@microsoft/recognizers-text-number');
const { NumberWithUnitRecognizer } = require('@microsoft/recognizers-text-number-with-unit');
const { parseArgs, run, byteOffsets, nextWordUnit, dedupeSpans } = require('./lib');

const args = parseArgs(process.argv, { unit: 'next-word', chunk: 'para' });
const CULTURE = R.Culture.English; // "en-us"
// Priority when spans overlap with equal length (lower wins). NumberRange is not in the JS
// port (1.3.1), so there are no ranges: low/high stay null.
// The models are built once and reused (R.recognizeNumber(text, culture) etc. would rebuild
// the recognizer on every call, which dominates the run time on paragraph-sized input).
const NUM = new NumberRecognizer(CULTURE);
const NWU = new NumberWithUnitRecognizer(CULTURE);
const KINDS = [
  ['percentage', NUM.getPercentageModel(), 0],
  ['currency', NWU.getCurrencyModel(), 1],
  ['dimension', NWU.getDimensionModel(), 2],
  ['number', NUM.getNumberModel(), 3],
];
let offsetMismatch = 0;

function num(v) {
  if (v === null || v === undefined) return null;
  const x = parseFloat(String(v).replace(/,/g, '').replace(/%$/, ''));
  return Number.isFinite(x) ? x : null;
}

// Recognizers-Text is built for short utterances; on whole articles it is very slow
// (about 50 s for the 181 KB Wikinews set), so by default it is called once per paragraph
// (split at newlines; a number never spans one) and offsets are shifted back. --chunk=doc
// calls it on the whole article.
function chunks(text) {
  if (args.flags.chunk === 'doc') return [[0, text]];
  const out = [];
  const re = /[^\n]+/g;
  let m;
  while ((m = re.exec(text))) out.push([m.index, m[0]]);
  return out;
}

function extract(doc) {
  const text = doc.text;
  const items = [];
  for (const [base, chunk] of chunks(text))
  for (const [kind, model, prio] of KINDS) {
    for (const r of model.parse(chunk)) {
      // Recognizers-Text: start/end are UTF-16 indices, end INCLUSIVE.
      const s = base + r.start, e = base + r.end + 1;
      if (text.slice(s, e).toLowerCase() !== String(r.text).toLowerCase()) offsetMismatch++;
      const res = r.resolution || {};
      let unit = '';
      if (kind === 'percentage') unit = 'percent';
      else if (kind === 'currency') unit = res.isoCurrency || res.unit || '';
      else if (kind === 'dimension') unit = res.unit || '';
      else if (args.flags.unit === 'next-word') unit = nextWordUnit(text, e);
      const value = num(res.value);
      // bare unit words ("cent", "dollars") come back as currency with a null value: drop
      if (value === null && kind !== 'number') continue;
      items.push({ s, e, prio, kind, value, unit });
    }
  }
  const off = byteOffsets(text);
  return dedupeSpans(items).map((it) => ({
    surface: text.slice(it.s, it.e), start: off[it.s], end: off[it.e],
    value: it.value, low: null, high: null, unit: it.unit, type: it.kind,
  }));
}

run(args, 'recognizers-text', 'quantities', extract);
if (offsetMismatch) process.stderr.write(`warning: ${offsetMismatch} result(s) whose text != slice(start,end+1)\n`);
