#!/usr/bin/python3
"""Fits the speaker ranker (server/extract/speaker_ranker.h) on labelled quotes.

usage (from the repo root, after building):
  build/tests/attribution_dump < ../shared/train/quotes/polnear_train.jsonl > /tmp/dump.jsonl
  /usr/bin/python3 tests/tools/attribution/fit.py \
      --gold ../shared/train/quotes/polnear_train.jsonl --dump /tmp/dump.jsonl \
      --out server/extract/attribution_model_data.cc

The model is a conditional logit: the candidates of one quote (speaker
mentions near it, plus "nobody here") share a softmax over w.x, and training
maximises the probability mass of the candidates whose speaker matches the
gold speaker (by the dev scorer's rule: same name or same last name); when no
candidate matches, "nobody" is the right answer. L2-regularised, fitted by
full-batch Adam. 5-fold cross-validation over documents chooses the
regularisation and gives out-of-fold probabilities, from which an isotonic
calibration map (probability of the chosen speaker -> observed rate of being
right) is fitted. Needs numpy (Debian: python3-numpy). Never give it the dev
set: it is for training data only.
"""
import argparse
import collections
import importlib.util
import json
import os
import sys

import numpy as np


def load_scorer(path):
    spec = importlib.util.spec_from_file_location('score', path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def load_examples(gold_path, dump_path, S):
    """Returns names, list of (doc_id, X[n,F], pos[n] bool, speakers[n])."""
    gold = S.load(gold_path, gold=True)
    names, examples = None, []
    with open(dump_path, encoding='utf-8') as f:
        for line in f:
            d = json.loads(line)
            if 'features' in d:
                names = d['features']
                continue
            gd = gold.get(str(d['id']))
            if gd is None:
                continue
            pq = [{'quote': q['quote'], 'toks': collections.Counter(S.norm_text(q['quote']))}
                  for q in d.get('quotes', [])]
            for gi, pj in S.match_doc(gd['quotes'], pq, 0.8):
                g = gd['quotes'][gi]['speaker'].strip()
                if not g:
                    continue
                cands = d['quotes'][pj]['cands']
                X = np.array([c['x'] for c in cands], dtype=np.float64)
                sp = [c['speaker'] for c in cands]
                pos = np.array([i > 0 and S.speaker_match(s, g) for i, s in enumerate(sp)])
                if not pos.any():
                    pos[0] = True
                examples.append((d['id'], X, pos, sp))
    return names, examples


class Batch:
    """Examples stacked for vectorised softmax per quote."""

    def __init__(self, examples):
        self.X = np.concatenate([e[1] for e in examples])
        self.pos = np.concatenate([e[2] for e in examples])
        sizes = [len(e[2]) for e in examples]
        self.starts = np.cumsum([0] + sizes[:-1])
        self.group = np.repeat(np.arange(len(sizes)), sizes)
        self.n = len(sizes)

    def softmax(self, w):
        s = self.X @ w
        top = np.maximum.reduceat(s, self.starts)
        e = np.exp(s - top[self.group])
        z = np.add.reduceat(e, self.starts)
        return e / z[self.group]

    def loss_grad(self, w, l2):
        p = self.softmax(w)
        ppos = np.where(self.pos, p, 0.0)
        mass = np.add.reduceat(ppos, self.starts)
        q = ppos / mass[self.group]
        loss = -np.log(np.maximum(mass, 1e-300)).sum() / self.n + 0.5 * l2 * (w @ w)
        grad = self.X.T @ (p - q) / self.n + l2 * w
        return loss, grad


def fit(examples, nfeat, l2, iters=1500, lr=0.05):
    b = Batch(examples)
    w = np.zeros(nfeat)
    m = np.zeros(nfeat)
    v = np.zeros(nfeat)
    for t in range(1, iters + 1):
        _, g = b.loss_grad(w, l2)
        m = 0.9 * m + 0.1 * g
        v = 0.999 * v + 0.001 * g * g
        w -= lr * (m / (1 - 0.9 ** t)) / (np.sqrt(v / (1 - 0.999 ** t)) + 1e-8)
    return w


def choose(w, X, speakers):
    """The ranker's choice, as in SpeakerRanker::Choose: (speaker, mass)."""
    s = X @ w
    e = np.exp(s - s.max())
    p = e / e.sum()
    mass = collections.defaultdict(float)
    for i in range(1, len(speakers)):
        mass[speakers[i]] += p[i]
    if not mass:
        return '', 0.0
    best = max(mass.items(), key=lambda kv: kv[1])
    return best


def isotonic(x, y):
    """Pool-adjacent-violators: non-decreasing fit of y on sorted x."""
    order = np.argsort(x)
    xs, ys = x[order], y[order].astype(float)
    blocks = []  # [sum_y, count, min_x, max_x]
    for xi, yi in zip(xs, ys):
        blocks.append([yi, 1.0, xi, xi])
        while len(blocks) > 1 and blocks[-2][0] / blocks[-2][1] > blocks[-1][0] / blocks[-1][1]:
            s, c, lo, hi = blocks.pop()
            blocks[-1][0] += s
            blocks[-1][1] += c
            blocks[-1][3] = hi
    knots_x, knots_y = [], []
    for s, c, lo, hi in blocks:
        mid = (lo + hi) / 2
        knots_x.append(mid)
        knots_y.append(s / c)
    return knots_x, knots_y


def thin(kx, ky, max_knots=24):
    if len(kx) <= max_knots:
        return kx, ky
    idx = np.unique(np.linspace(0, len(kx) - 1, max_knots).round().astype(int))
    return [kx[i] for i in idx], [ky[i] for i in idx]


def cross_validate(examples, nfeat, l2, folds=5):
    docs = sorted({e[0] for e in examples})
    fold_of = {d: i % folds for i, d in enumerate(docs)}
    raw, right = [], []
    for k in range(folds):
        train = [e for e in examples if fold_of[e[0]] != k]
        test = [e for e in examples if fold_of[e[0]] == k]
        w = fit(train, nfeat, l2)
        for e in test:
            sp, p = choose(w, e[1], e[3])
            raw.append(p)
            right.append(bool(sp) and e[2][e[3].index(sp)])
    return np.array(raw), np.array(right)


def reliability(prob, right, bins=10):
    rows = []
    for b in range(bins):
        lo, hi = b / bins, (b + 1) / bins
        sel = (prob >= lo) & ((prob < hi) if b < bins - 1 else (prob <= hi))
        if sel.any():
            rows.append((lo, hi, int(sel.sum()), float(prob[sel].mean()), float(right[sel].mean())))
    return rows


def write_model(path, names, w, kx, ky, abstain, command, l2, cv_acc):
    lines = ['// GENERATED by %s from ../shared/train/quotes/polnear_train.jsonl' % command,
             '// (PolNeAR train split, 837 articles, 6,455 quotes; Newell, Margolin and Ruths,',
             '// LREC 2018). Conditional logit, L2 %g; 5-fold CV speaker accuracy %.3f.' % (l2, cv_acc),
             '// Do not edit: rerun the command above.',
             '#include "server/extract/attribution_model.h"', '',
             'namespace claimcheck::extract::attribution_model {', '',
             'const float kWeights[kNumSpeakerFeatures] = {']
    for n, v in zip(names, w):
        lines.append('    %.6ff,  // %s' % (v, n))
    lines += ['};', '', 'const size_t kCalibrationKnots = %d;' % len(kx),
              'const float kRawKnots[] = {%s};' % ', '.join('%.6ff' % v for v in kx),
              'const float kCalibratedKnots[] = {%s};' % ', '.join('%.6ff' % v for v in ky),
              'const float kAbstainBelow = %.3ff;' % abstain, '',
              '}  // namespace claimcheck::extract::attribution_model', '']
    with open(path, 'w', encoding='utf-8') as f:
        f.write('\n'.join(lines))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--gold', required=True)
    ap.add_argument('--dump', required=True)
    ap.add_argument('--out')
    ap.add_argument('--scorer', default=os.path.join(os.path.dirname(__file__), '../../../../shared/eval/quotes/score.py'))
    ap.add_argument('--l2', type=float, nargs='*', default=[1e-4, 1e-3, 1e-2])
    ap.add_argument('--abstain', type=float, default=0.2,
                    help='calibrated probability below which nobody is named')
    a = ap.parse_args()
    if 'dev.jsonl' in a.gold:
        sys.exit('fit.py: refusing to fit on a dev set')
    S = load_scorer(a.scorer)
    names, examples = load_examples(a.gold, a.dump, S)
    nfeat = len(names)
    print('examples: %d quotes, %d candidates' % (len(examples), sum(len(e[2]) for e in examples)))
    best = None
    for l2 in a.l2:
        raw, right = cross_validate(examples, nfeat, l2)
        acc = right.mean()
        print('l2=%g: 5-fold CV speaker accuracy %.4f' % (l2, acc))
        if best is None or acc > best[1]:
            best = (l2, acc, raw, right)
    l2, acc, raw, right = best
    kx, ky = thin(*isotonic(raw, right))
    cal = np.interp(raw, kx, ky)
    print('reliability (out of fold, calibrated):')
    for lo, hi, n, pm, obs in reliability(cal, right):
        print('  [%.1f, %.1f)  n=%5d  predicted %.3f  observed %.3f' % (lo, hi, n, pm, obs))
    keep = cal >= a.abstain
    print('abstain below %.2f: coverage %.3f, precision %.3f' % (a.abstain, keep.mean(), right[keep].mean()))
    w = fit(examples, nfeat, l2)
    for n, v in sorted(zip(names, w), key=lambda t: -abs(t[1]))[:15]:
        print('  %-24s %+.3f' % (n, v))
    if a.out:
        cmd = 'tests/tools/attribution/fit.py'
        write_model(a.out, names, w, kx, ky, a.abstain, cmd, l2, acc)
        print('wrote', a.out)


if __name__ == '__main__':
    main()
