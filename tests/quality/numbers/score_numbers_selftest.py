#!/usr/bin/env python3
"""Self-test of score_numbers.py on a tiny hand-made gold/pred pair. Exits non-zero on failure.

Article "t1" text (byte offsets shown below): gold has 4 quantities. The prediction
gets one fully right, one with a wrong value, one with a wrong unit, misses one and adds
one extra. Expected: tp=3, P=R=F1=0.75, value_acc=unit_acc=2/3.
A second article checks normalisation (plural/singular, determiners, "%", ISO case),
vague quantities, the surface-containment fallback, and largest-overlap-first matching.
"""
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import score_numbers as sn  # noqa: E402

TEXT = ("Police said about 200 people were hurt and 12 buildings burned, "
        "costing $3.5 million; up to 60 missiles were fired over 2 days.")


def q(surface, value=None, low=None, high=None, unit="", vague=False, approx=False,
      text=TEXT, spans=True):
    b = text.encode()
    s = b.find(surface.encode())
    assert s >= 0, surface
    d = {"surface": surface, "value": value, "low": low, "high": high, "unit": unit,
         "approx": approx, "vague": vague}
    if spans:
        d["start"], d["end"] = s, s + len(surface.encode())
    return d


GOLD = [
    {"id": "t1", "quantities": [
        q("about 200 people", 200, unit="people", approx=True),
        q("12 buildings", 12, unit="buildings"),
        q("$3.5 million", 3500000, unit="USD"),
        q("up to 60 missiles", None, None, 60, unit="missiles", approx=True),
    ]},
    {"id": "t2", "quantities": []},
]
PRED = [
    {"id": "t1", "quantities": [
        q("200 people", 200, unit="People"),                  # right (unit case, span subset)
        q("12 buildings", 13, unit="building"),               # wrong value
        q("$3.5 million", 3500000.0000001, unit="dollars"),   # wrong unit (value within 1e-6)
        # "up to 60 missiles" missed
        q("2 days", 2, unit="days"),                          # extra
    ]},
]


def check(cond, msg, failures):
    if not cond:
        failures.append(msg)


def main():
    failures = []
    # unit normalisation
    for a, b in [("missiles", "missile"), ("the nuclear sites", "nuclear site"),
                 ("%", "percent"), ("per cent", "Percent"), ("usd", "USD"),
                 ("casualties", "casualty"), ("boxes", "box"), ("churches", "church"),
                 ("ballistic missiles", "Ballistic Missile"), ("these people", "people")]:
        check(sn.norm_unit(a) == sn.norm_unit(b), "units should agree: %r %r" % (a, b), failures)
    for a, b in [("USD", "EUR"), ("missiles", "rockets"), ("nuclear sites", "sites")]:
        check(sn.norm_unit(a) != sn.norm_unit(b), "units should differ: %r %r" % (a, b), failures)
    # values
    check(sn.values_agree({"value": 1e9}, {"value": 1000000000.5}), "1e-6 relative", failures)
    check(not sn.values_agree({"value": 5}, {"value": 5.1}), "5 vs 5.1", failures)
    check(not sn.values_agree({"low": 5}, {"value": 5}), "low vs value", failures)
    check(sn.values_agree({"value": None, "low": None, "high": None, "vague": True},
                          {"vague": True}), "vague nulls", failures)
    check(not sn.values_agree({"vague": True}, {"value": 1000}), "vague vs number", failures)
    # surface-containment fallback and largest overlap first
    g = [{"surface": "thousands of demonstrators"}, {"surface": "45 percent"}]
    p = [{"surface": "45 percent"}, {"surface": "thousands"}]
    check(sorted(sn.match(g, p)) == [(0, 1), (1, 0)], "containment fallback", failures)
    g = [{"surface": "a", "start": 0, "end": 10}, {"surface": "b", "start": 8, "end": 20}]
    p = [{"surface": "c", "start": 7, "end": 20}]
    check(sn.match(g, p) == [(1, 0)], "largest overlap first", failures)
    check(sn.match([{"start": 0, "end": 5}], [{"start": 5, "end": 9}]) == [],
          "adjacent spans do not overlap", failures)

    # end to end through the command line
    with tempfile.TemporaryDirectory() as d:
        gp, pp = os.path.join(d, "gold.jsonl"), os.path.join(d, "pred.jsonl")
        with open(gp, "w") as f:
            f.writelines(json.dumps(x) + "\n" for x in GOLD)
        with open(pp, "w") as f:
            f.writelines(json.dumps(x) + "\n" for x in PRED)
        r = subprocess.run([sys.executable, os.path.join(HERE, "score_numbers.py"), gp, pp,
                            "--by-article"], capture_output=True, text=True)
        check(r.returncode == 0, "scorer exit code %d: %s" % (r.returncode, r.stderr), failures)
        last = r.stdout.strip().splitlines()[-1] if r.stdout.strip() else "{}"
        got = json.loads(last)
        want = {"P": 0.75, "R": 0.75, "F1": 0.75, "value_acc": 0.6667, "unit_acc": 0.6667,
                "n_gold": 4, "n_pred": 4}
        check(got == want, "summary %s != %s" % (got, want), failures)
        check("missing from PRED" in r.stderr, "warning for article missing from PRED", failures)
        print(r.stdout, end="")

    for m in failures:
        print("FAIL:", m)
    print("selftest: %s" % ("FAILED (%d)" % len(failures) if failures else "OK"))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
