#!/usr/bin/env python3
"""Self-test for score_quotes.py on a tiny hand-made case. Exits non-zero on failure.

Run: python3 tests/quality/score_quotes_selftest.py
"""
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import score_quotes as sq  # noqa: E402

FAILS = []


def check(cond, msg):
    if not cond:
        FAILS.append(msg)
        print("FAIL:", msg)


# --- speaker normalisation / agreement -------------------------------------
agree = [
    ("Nick Bos", "Nick Bos"), ("Nick Bos", "Bos"), ("Nick Bos", "bos"),
    ("Nick Bos", "Mr. Bos"), ("Pentagon", "the Pentagon"),
    ("Pentagon", "The Pentagon's"), ("José Ramos-Horta", "Jose Ramos-Horta"),
    ("Barack Obama", "President Barack Obama"), ("Shimon Peres", "Prime Minister Peres"),
    ("Dr. Marymegan Daly", "Daly"), ("a spokesperson for the ministry", "the ministry"),
    ("", ""), ("Kevin Rudd", "Sen. Kevin Rudd"),
]
disagree = [
    ("Nick Bos", ""), ("Nick Bos", "Nick"), ("Nick Bos", "Bos Nick"),
    ("Nick Bos", "Anna Smith"), ("", "Nick Bos"), ("Pentagon", "White House"),
]
for g, p in agree:
    check(sq.speakers_agree(g, p), "should agree: %r vs %r" % (g, p))
for g, p in disagree:
    check(not sq.speakers_agree(g, p), "should disagree: %r vs %r" % (g, p))

# --- end-to-end on a tiny case ----------------------------------------------
# Article A: 4 gold quotes. Pred: q1 right (span slightly off), q2 wrong
# speaker, q3 right speaker via last name, q4 missing, plus one extra quote.
# Article B: 1 gold quote, no spans in pred -> text fallback, right speaker.
gold = [
    {"id": "A", "quotes": [
        {"quote": "one", "speaker": "Nick Bos", "start": 0, "end": 100},
        {"quote": "two", "speaker": "Anna Smith", "start": 200, "end": 250},
        {"quote": "three", "speaker": "Pentagon", "start": 300, "end": 340},
        {"quote": "four", "speaker": "Anna Smith", "start": 400, "end": 420},
    ]},
    {"id": "B", "quotes": [
        {"quote": "It was  very good.", "speaker": "Dr. Jane Roe", "start": 10, "end": 28},
    ]},
    {"id": "C", "quotes": []},
]
pred = [
    {"id": "A", "quotes": [
        {"quote": "one", "speaker": "Bos", "start": 1, "end": 99},          # TP, right
        {"quote": "two", "speaker": "Nick Bos", "start": 200, "end": 250},  # TP, wrong speaker
        {"quote": "three", "speaker": "the Pentagon", "start": 300, "end": 330},  # TP (30/40)
        {"quote": "extra", "speaker": "Anna Smith", "start": 500, "end": 520},    # FP
        # overlaps gold "one" but < 50% of the longer span: FP, not a match
        {"quote": "on", "speaker": "Bos", "start": 0, "end": 40},
    ]},
    {"id": "B", "quotes": [{"quote": "it was very good", "speaker": "Roe"}]},
]
# Expected: n_gold=5, n_pred=6, tp=4, tp_spk=3.
exp_P, exp_R = 4 / 6, 4 / 5
exp_F = 2 * exp_P * exp_R / (exp_P + exp_R)
e2e_P, e2e_R = 3 / 6, 3 / 5
exp_E = 2 * e2e_P * e2e_R / (e2e_P + e2e_R)

summary, rows = sq.score({d["id"]: d["quotes"] for d in gold},
                         {d["id"]: d["quotes"] for d in pred})
expected = {"P": round(exp_P, 4), "R": round(exp_R, 4), "F1": round(exp_F, 4),
            "attribution_acc": 0.75, "e2e_F1": round(exp_E, 4),
            "n_gold": 5, "n_pred": 6}
check(summary == expected, "summary %r != expected %r" % (summary, expected))

# Greedy one-to-one: two preds on one gold span -> only one TP.
s2, _ = sq.score({"X": [{"quote": "a", "speaker": "", "start": 0, "end": 10}]},
                 {"X": [{"quote": "a", "speaker": "", "start": 0, "end": 10},
                        {"quote": "a", "speaker": "", "start": 0, "end": 9}]})
check(s2["P"] == 0.5 and s2["R"] == 1.0 and s2["attribution_acc"] == 1.0,
      "one-to-one matching: %r" % s2)

# 50% threshold: overlap 40 of the longer span 100 -> no match; exactly 50 -> match.
s3, _ = sq.score({"Y": [{"quote": "x", "speaker": "A", "start": 0, "end": 100}]},
                 {"Y": [{"quote": "x", "speaker": "A", "start": 60, "end": 100}]})
check(s3["P"] == 0.0 and s3["R"] == 0.0, "40%% overlap must not match: %r" % s3)
s4, _ = sq.score({"Y": [{"quote": "x", "speaker": "A", "start": 0, "end": 100}]},
                 {"Y": [{"quote": "x", "speaker": "A", "start": 50, "end": 160}]})
check(s4["P"] == 0.0, "overlap 50 of longer span 110 must not match: %r" % s4)
s5, _ = sq.score({"Y": [{"quote": "x", "speaker": "A", "start": 0, "end": 100}]},
                 {"Y": [{"quote": "x", "speaker": "A", "start": 50, "end": 100}]})
check(s5["F1"] == 1.0, "50%% overlap must match: %r" % s5)

# Command-line run: last line must be the JSON summary; --by-article adds a table.
with tempfile.TemporaryDirectory() as td:
    gp, pp = os.path.join(td, "gold.jsonl"), os.path.join(td, "pred.jsonl")
    with open(gp, "w") as f:
        f.write("".join(json.dumps(d) + "\n" for d in gold))
    with open(pp, "w") as f:
        f.write("".join(json.dumps(d) + "\n" for d in pred))
    out = subprocess.run([sys.executable, os.path.join(HERE, "score_quotes.py"),
                          gp, pp, "--by-article"], capture_output=True, text=True)
    check(out.returncode == 0, "CLI exit code %d: %s" % (out.returncode, out.stderr))
    lines = out.stdout.strip().splitlines()
    check(json.loads(lines[-1]) == expected, "CLI summary: %r" % lines[-1:])
    check(len(lines) == 1 + 3 + 1, "CLI table lines: %r" % lines)

if FAILS:
    print("score_quotes selftest: %d failure(s)" % len(FAILS))
    sys.exit(1)
print("score_quotes selftest: OK", json.dumps(summary))
