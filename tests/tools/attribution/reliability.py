#!/usr/bin/env python3
"""Reliability of the speaker confidence: is a confidence a probability?

usage:
  build/claimcheck-extract < ../shared/eval/quotes/dev.jsonl > /tmp/q.jsonl
  python3 tests/tools/attribution/reliability.py ../shared/eval/quotes/dev.jsonl /tmp/q.jsonl

Matches predicted quotes to gold quotes with the dev scorer's own rules
(../shared/eval/quotes/score.py), keeps the matched quotes whose gold speaker
is known, and prints:
  - 10 bins of confidence: how many quotes, the mean confidence, and the
    observed rate of a right speaker;
  - the accuracy of quotes with confidence >= 0.9;
  - attribution precision and coverage: of the quotes, how many name a
    speaker (the rest fell below the abstain threshold), and how many of those
    named are right.
A quote whose speaker was withheld counts as wrong in the bins, since its
confidence is that of the withheld guess.
"""
import collections
import importlib.util
import json
import os
import sys


def load_scorer():
    here = os.path.dirname(os.path.abspath(__file__))
    path = os.path.join(here, '../../../../shared/eval/quotes/score.py')
    spec = importlib.util.spec_from_file_location('score', path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    S = load_scorer()
    gold = S.load(sys.argv[1], gold=True)
    rows = []  # (confidence, named, right)
    with open(sys.argv[2], encoding='utf-8') as f:
        for line in f:
            d = json.loads(line)
            gd = gold.get(str(d.get('id')))
            if gd is None:
                continue
            pq = d.get('quotes') or []
            toks = [{'quote': q['quote'], 'toks': collections.Counter(S.norm_text(q['quote']))}
                    for q in pq]
            for gi, pj in S.match_doc(gd['quotes'], toks, 0.8):
                g = gd['quotes'][gi]['speaker'].strip()
                if not g:
                    continue
                p = pq[pj]
                named = bool(p.get('speaker'))
                right = named and S.speaker_match(p['speaker'], g)
                rows.append((float(p.get('confidence', 0)), named, right))
    print('confidence bin   quotes  mean conf  observed')
    for b in range(10):
        lo, hi = b / 10, (b + 1) / 10
        sel = [r for r in rows if lo <= r[0] < hi or (b == 9 and r[0] == 1.0)]
        if not sel:
            print('[%.1f, %.1f)  %8d          -         -' % (lo, hi, 0))
            continue
        mean = sum(r[0] for r in sel) / len(sel)
        obs = sum(r[2] for r in sel) / len(sel)
        print('[%.1f, %.1f)  %8d      %.3f     %.3f' % (lo, hi, len(sel), mean, obs))
    high = [r for r in rows if r[0] >= 0.9]
    named = [r for r in rows if r[1]]
    print('confidence >= 0.9: %d quotes, right %.3f' %
          (len(high), sum(r[2] for r in high) / max(len(high), 1)))
    print('named a speaker: coverage %.3f (%d of %d), precision %.3f' %
          (len(named) / max(len(rows), 1), len(named), len(rows),
           sum(r[2] for r in named) / max(len(named), 1)))


if __name__ == '__main__':
    main()
