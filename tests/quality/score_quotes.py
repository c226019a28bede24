#!/usr/bin/env python3
"""Score quote detection and attribution against a hand-made gold set.

Usage: python3 tests/quality/score_quotes.py GOLD PRED [--by-article]

GOLD and PRED are JSON lines: {"id": ..., "quotes": [{"quote", "speaker", "start", "end", ...}]}
(start/end are UTF-8 byte offsets into the article text, end exclusive).

Matching: within one article, a predicted quote matches a gold quote when their
byte spans overlap by at least 50% of the longer span (when either side lacks a
span: normalised text equality). Pairs are matched greedily, one-to-one, best
overlap first.

Reported: P, R, F1 of quote detection; attribution_acc = of matched pairs, the
fraction whose speakers agree; e2e_F1 = F1 where a true positive also needs the
right speaker. The last line printed is a one-line JSON summary.
"""
import argparse
import json
import re
import sys
import unicodedata

TITLES = [
    "prime minister", "president", "mr", "mrs", "ms", "dr", "sen", "gov",
    "adm", "gen", "rep", "prof",
]
_TITLE_RE = re.compile(
    r"^(?:(?:%s)\.?\s+)+" % "|".join(re.escape(t) for t in TITLES))


def norm_speaker(s):
    s = s or ""
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = s.lower().replace("\u2019", "'").strip()
    s = re.sub(r"\s+", " ", s)
    for _ in range(3):
        before = s
        if s.startswith("the "):
            s = s[4:]
        s = _TITLE_RE.sub("", s)
        s = s.strip()
        if s == before:
            break
    s = re.sub(r"'s\b", "", s)
    s = re.sub(r"s'$", "s", s)
    s = re.sub(r"[^\w\s'-]", " ", s)  # drop stray punctuation (dots, commas)
    s = re.sub(r"\s+", " ", s).strip()
    return s


def speakers_agree(gold, pred):
    g, p = norm_speaker(gold), norm_speaker(pred)
    if not p:
        return not g
    if not g:
        return False
    if g == p:
        return True
    gt, pt = g.split(), p.split()
    if len(pt) == 1 and pt[0] == gt[-1]:
        return True
    short, long_ = (gt, pt) if len(gt) <= len(pt) else (pt, gt)
    return long_[len(long_) - len(short):] == short


def norm_text(s):
    s = unicodedata.normalize("NFKC", s or "").lower()
    s = re.sub(r"\s+", " ", s).strip()
    return s.strip(" .,;:!?")


def _span(q):
    s, e = q.get("start"), q.get("end")
    if isinstance(s, int) and isinstance(e, int) and e > s:
        return s, e
    return None


def match_score(g, p):
    """Return a positive score if g and p match, else 0."""
    gs, ps = _span(g), _span(p)
    if gs and ps:
        ov = min(gs[1], ps[1]) - max(gs[0], ps[0])
        longer = max(gs[1] - gs[0], ps[1] - ps[0])
        if ov > 0 and ov >= 0.5 * longer:
            return ov / longer
        return 0.0
    if norm_text(g.get("quote")) and norm_text(g.get("quote")) == norm_text(p.get("quote")):
        return 1.0
    return 0.0


def match_article(gold, pred):
    """Greedy one-to-one matching; returns list of (gold_idx, pred_idx)."""
    cands = []
    for i, g in enumerate(gold):
        for j, p in enumerate(pred):
            sc = match_score(g, p)
            if sc > 0:
                cands.append((-sc, i, j))
    cands.sort()
    used_g, used_p, pairs = set(), set(), []
    for _, i, j in cands:
        if i in used_g or j in used_p:
            continue
        used_g.add(i)
        used_p.add(j)
        pairs.append((i, j))
    return pairs


def load(path):
    out = {}
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.strip()
            if not line:
                continue
            try:
                d = json.loads(line)
            except json.JSONDecodeError as e:
                sys.exit("%s:%d: bad JSON: %s" % (path, n, e))
            out.setdefault(d["id"], []).extend(d.get("quotes") or [])
    return out


def prf(tp, n_pred, n_gold):
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def score(gold, pred):
    """gold, pred: dict id -> list of quotes. Returns (summary, per_article)."""
    rows = []
    T = {"gold": 0, "pred": 0, "tp": 0, "tp_spk": 0}
    for aid in list(gold) + [a for a in pred if a not in gold]:
        g = gold.get(aid, [])
        p = pred.get(aid, [])
        pairs = match_article(g, p)
        tp_spk = sum(1 for i, j in pairs
                     if speakers_agree(g[i].get("speaker"), p[j].get("speaker")))
        rows.append({"id": aid, "gold": len(g), "pred": len(p),
                     "tp": len(pairs), "tp_spk": tp_spk,
                     "in_gold": aid in gold})
        T["gold"] += len(g)
        T["pred"] += len(p)
        T["tp"] += len(pairs)
        T["tp_spk"] += tp_spk
    P, R, F = prf(T["tp"], T["pred"], T["gold"])
    _, _, F2 = prf(T["tp_spk"], T["pred"], T["gold"])
    summary = {
        "P": round(P, 4), "R": round(R, 4), "F1": round(F, 4),
        "attribution_acc": round(T["tp_spk"] / T["tp"], 4) if T["tp"] else 0.0,
        "e2e_F1": round(F2, 4),
        "n_gold": T["gold"], "n_pred": T["pred"],
    }
    return summary, rows


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("gold")
    ap.add_argument("pred")
    ap.add_argument("--by-article", action="store_true",
                    help="print a per-article table before the summary")
    a = ap.parse_args(argv)
    gold, pred = load(a.gold), load(a.pred)
    summary, rows = score(gold, pred)
    missing = [aid for aid in gold if aid not in pred]
    if missing:
        print("warning: %d gold article(s) absent from PRED (counted as no predictions)"
              % len(missing), file=sys.stderr)
    extra = [r["id"] for r in rows if not r["in_gold"]]
    if extra:
        print("warning: %d PRED article(s) not in GOLD (their quotes count as false positives)"
              % len(extra), file=sys.stderr)
    if a.by_article:
        w = max([len(r["id"]) for r in rows] + [7])
        print("%-*s %5s %5s %5s %6s %6s %6s %6s" %
              (w, "article", "gold", "pred", "tp", "tp_spk", "P", "R", "F1"))
        for r in rows:
            P, R, F = prf(r["tp"], r["pred"], r["gold"])
            print("%-*s %5d %5d %5d %6d %6.3f %6.3f %6.3f" %
                  (w, r["id"], r["gold"], r["pred"], r["tp"], r["tp_spk"], P, R, F))
    print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
