'use strict';
// Shared helpers for the peer runners: JSON-lines input, UTF-16 -> UTF-8 byte offsets,
// timing of the extraction step only, PRED output.
const fs = require('fs');

// Usage common to all runners: node RUNNER.js [FILE|-] [--repeat N] [--timing-json PATH] [extra flags]
function parseArgs(argv, extraFlags = {}) {
  const a = { file: '-', repeat: 1, timingJson: null, flags: { ...extraFlags } };
  for (let i = 2; i < argv.length; i++) {
    const x = argv[i];
    if (x === '--repeat') a.repeat = Math.max(1, parseInt(argv[++i], 10));
    else if (x === '--timing-json') a.timingJson = argv[++i];
    else if (x.startsWith('--') && x.includes('=')) {
      const [k, v] = x.slice(2).split('=');
      if (!(k in a.flags)) throw new Error('unknown flag ' + x);
      a.flags[k] = v;
    } else if (x.startsWith('--')) throw new Error('unknown flag ' + x);
    else a.file = x;
  }
  return a;
}

function readDocs(file) {
  const raw = fs.readFileSync(file === '-' ? 0 : file, 'utf8');
  return raw.split('\n').filter((l) => l.trim()).map((l) => {
    const d = JSON.parse(l);
    return { id: d.id, text: d.text || '' };
  });
}

// byteOffsets(text)[i] = UTF-8 byte offset of UTF-16 code-unit index i (0..text.length).
// A low surrogate gets the offset of the end of its pair.
function byteOffsets(text) {
  const off = new Uint32Array(text.length + 1);
  let b = 0;
  for (let i = 0; i < text.length; i++) {
    off[i] = b;
    const c = text.charCodeAt(i);
    if (c < 0x80) b += 1;
    else if (c < 0x800) b += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) { b += 4; off[++i] = b; continue; }
      b += 3;
    } else b += 3;
  }
  off[text.length] = b;
  return off;
}

// Run `extract(doc) -> items` over all docs `repeat` times; time only the extraction calls
// (no process start-up, module loading, input reading/parsing or output writing).
function run(args, name, key, extract) {
  const docs = readDocs(args.file);
  const textBytes = docs.reduce((s, d) => s + Buffer.byteLength(d.text, 'utf8'), 0);
  let results = null;
  const secs = [];
  for (let r = 0; r < args.repeat; r++) {
    const t0 = process.hrtime.bigint();
    const out = docs.map((d) => ({ id: d.id, [key]: extract(d) }));
    secs.push(Number(process.hrtime.bigint() - t0) / 1e9);
    if (!results) results = out;
  }
  process.stdout.write(results.map((o) => JSON.stringify(o)).join('\n') + '\n');
  secs.sort((x, y) => x - y);
  const med = secs[Math.floor(secs.length / 2)];
  const timing = {
    tool: name, docs: docs.length, text_bytes: textBytes, repeat: args.repeat,
    extract_s_median: med, extract_s_min: secs[0],
    extract_MBps: textBytes / 1e6 / med,
    startup_s: process.uptime() - secs.reduce((s, x) => s + x, 0), // rough: node + require + I/O
  };
  if (args.timingJson) fs.writeFileSync(args.timingJson, JSON.stringify(timing) + '\n');
  process.stderr.write(JSON.stringify(timing) + '\n');
}

// Crude unit for a bare number: the next word after the span, if it is a lower-case
// alphabetic word that is not a function word ("900 asylum seekers" -> "asylum").
const STOP = new Set(('a an the and or but of to in on at by for from with as per than then ' +
  'is are was were be been being has have had do does did will would can could may might ' +
  'it its this that these those which who whom what when where while if so not no nor ' +
  'more less most least about over under up down out into onto off also just only ' +
  'percent per cent million billion thousand hundred trillion').split(' '));
function nextWordUnit(text, endIdx) {
  const m = /^[ \u00a0]+([a-z][a-z-]*[a-z]|[a-z])\b/.exec(text.slice(endIdx, endIdx + 40));
  if (!m || STOP.has(m[1])) return '';
  return m[1];
}

// Keep non-overlapping spans: longer first, then lower `prio`, then earlier
// (prioFirst: lower `prio` first, then longer).
function dedupeSpans(items, prioFirst = false) {
  const byLen = (a, b) => (b.e - b.s) - (a.e - a.s);
  const byPrio = (a, b) => a.prio - b.prio;
  items.sort((a, b) => (prioFirst ? byPrio(a, b) || byLen(a, b) : byLen(a, b) || byPrio(a, b)) || a.s - b.s);
  const kept = [];
  for (const it of items) {
    if (kept.some((k) => it.s < k.e && k.s < it.e)) continue;
    kept.push(it);
  }
  return kept.sort((a, b) => a.s - b.s);
}

module.exports = { parseArgs, readDocs, byteOffsets, run, nextWordUnit, dedupeSpans };
