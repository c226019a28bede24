// Checks ClaimReview JSON-LD (one document per line on stdin) against the
// schema.org vocabulary as the npm package schema-dts publishes it
// (dist/schema.d.ts, generated from schema.org's own definitions): every
// property must belong to its object's @type (or a supertype), every nested
// object's @type must fit the property's range, and the fields fact-check
// readers rely on must be there. Prints one PASS line per document; exits 1
// on the first violation.
//   node claimreview_schema_check.js PATH/TO/schema.d.ts < reviews.jsonl
'use strict';

const fs = require('fs');

// {type: {parents: [...], props: {name: [range types]}}} from schema.d.ts.
function loadVocabulary(path) {
  const vocab = {};
  let current = null;
  for (const line of fs.readFileSync(path, 'utf8').split('\n')) {
    const head = /^interface (\w+)Base extends ([^{]+)\{/.exec(line);
    if (head) {
      const parents = head[2].split(',').map((p) => p.trim())
        .filter((p) => /^\w+Base$/.test(p)).map((p) => p.slice(0, -4));
      current = vocab[head[1]] = { parents, props: {} };
      continue;
    }
    if (line.startsWith('}')) current = null;
    const prop = current && /^\s+"([\w@]+)"\??: SchemaValue<([^,>]+)/.exec(line);
    if (prop) {
      current.props[prop[1]] = prop[2].split('|').map((t) => t.trim());
    }
  }
  return vocab;
}

function isA(vocab, type, ancestor) {
  if (type === ancestor) return true;
  return (vocab[type] ? vocab[type].parents : []).some((p) => isA(vocab, p, ancestor));
}

function rangeOf(vocab, type, prop) {
  if (!vocab[type]) return null;
  if (prop in vocab[type].props) return vocab[type].props[prop];
  for (const parent of vocab[type].parents) {
    const range = rangeOf(vocab, parent, prop);
    if (range) return range;
  }
  return null;
}

// Every violation in `node` (an object with @type), with its JSON path.
function violations(vocab, node, path, out) {
  const type = node['@type'];
  if (!vocab[type]) {
    out.push(`${path}: @type '${type}' is not a schema.org type`);
    return out;
  }
  for (const [key, value] of Object.entries(node)) {
    if (key === '@type' || key === '@context') continue;
    const range = rangeOf(vocab, type, key);
    if (!range) {
      out.push(`${path}.${key}: not a property of ${type}`);
      continue;
    }
    for (const item of Array.isArray(value) ? value : [value]) {
      if (item === null || typeof item !== 'object') continue;
      if (!range.some((r) => isA(vocab, item['@type'], r))) {
        out.push(`${path}.${key}: a ${item['@type']} where ${type}.${key} wants ${range.join(' | ')}`);
      }
      violations(vocab, item, `${path}.${key}`, out);
    }
  }
  return out;
}

// What a fact-check reader needs, beyond valid names.
function missing(review) {
  const claim = review.itemReviewed || {};
  const rating = review.reviewRating || {};
  const out = [];
  if (review['@context'] !== 'https://schema.org') out.push('@context');
  if (!review.claimReviewed) out.push('claimReviewed');
  if (!review.author || !review.author.name) out.push('author.name');
  if (!rating.ratingExplanation) out.push('reviewRating.ratingExplanation');
  if (!rating.alternateName) out.push('reviewRating.alternateName');
  if (claim['@type'] !== 'Claim') out.push('itemReviewed (a Claim)');
  const appearances = claim.appearance || [];
  if (appearances.length > 0) {
    const dates = appearances.map((a) => a.datePublished).sort();
    if (!claim.firstAppearance || claim.firstAppearance.datePublished !== dates[0]) {
      out.push('itemReviewed.firstAppearance (the earliest appearance)');
    }
  }
  return out;
}

const vocab = loadVocabulary(process.argv[2]);
for (const t of ['ClaimReview', 'Claim', 'Rating', 'CreativeWork', 'NewsArticle']) {
  if (!vocab[t]) throw new Error(`schema.d.ts gives no ${t}: cannot check`);
}
const lines = fs.readFileSync(0, 'utf8').split('\n').filter((l) => l.trim());
if (lines.length === 0) throw new Error('no ClaimReview on stdin');
for (const line of lines) {
  const review = JSON.parse(line);
  const bad = violations(vocab, review, '$', []).concat(
    missing(review).map((m) => `missing ${m}`));
  if (bad.length > 0) {
    console.error(`FAIL: ${review.claimReviewed}:\n  ${bad.join('\n  ')}`);
    process.exit(1);
  }
  const n = (review.itemReviewed.appearance || []).length;
  console.log(`PASS: schema.org ClaimReview for "${review.claimReviewed}" ` +
              `(${review.reviewRating.alternateName}, ${n} appearances)`);
}
