#!/usr/bin/python3
"""Probe benchmark for VerifyQuote: accuracy per verdict class.

Ingests a set of articles into a claimcheckd (a running one with --server, or
one it starts itself from --claimcheckd on a temporary database), reads back
the quotes the server stored, and makes probes whose right verdict is known:

  supported      a stored quote with its stored speaker
  misattributed  a stored quote with another speaker of the same article set
  unattributed   a stored quote that no source attributes (no speaker, or
                 one below the 0.5 attribution confidence), with a claimed
                 speaker: "claimed speaker, stored without one"
  altered_*      a stored quote with a negation added/removed, a number
                 changed, one content word changed, or two changed
  partial        a contiguous run of a stored quote (truncated)
  fragment_in_new  an invented sentence around a 4-word run of a stored
                 quote (less than half its content words stored): NOT_FOUND
  not_found      quotes from no article
  gold_wrong_speaker  (input with gold "quotes") a gold quote with a gold
                 speaker of another article: right unless SUPPORTED or the
                 claimed speaker is confirmed

"Stored speaker" means an attribution with confidence >= 0.5 that names
someone; weaker ones, and descriptions of unnamed sources ("a friend"), name
nobody as far as verdicts go (see VERDICT_UNATTRIBUTED in the proto).

It reports, per class, the share of probes that got the expected verdict
(target >= 0.95 each). Probes measure the verification logic against what
the index holds, not the extractor: the truth is the stored quote and its
stored speaker.

Input: a JSON-lines file of articles ({"text", "outlet", "url",
"date"/"published_date", "title"}); default ../shared/eval/quotes/dev.jsonl
(read only). When it is missing, falls back to tests/testdata/wikinews.jsonl
plus the seed article and tests/testdata/fixtures/*.jsonl, and says so.

Run with Debian's python (apt python3-grpcio python3-protobuf):
  /usr/bin/python3 tests/bench/verify_probes.py --claimcheckd=build/claimcheckd
"""

import argparse
import collections
import glob
import json
import os
import random
import re
import subprocess
import sys
import tempfile

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
sys.path.insert(0, os.path.join(REPO, "tests", "e2e"))
import grpc  # noqa: E402
from python_client_test import Server, generate_stubs  # noqa: E402

DEFAULT_INPUT = os.path.join(REPO, "..", "shared", "eval", "quotes",
                             "dev.jsonl")
SEED_URL = ("https://www.washingtontimes.com/news/2026/feb/8/"
            "iran-says-ballistic-missile-program-never-negotiable/")
RPC_TIMEOUT_S = 30

# Quotes that no article in any input set should hold.
NOT_FOUND_QUOTES = [
    "We shall fight on the beaches and we shall never surrender",
    "Ask not what your country can do for you",
    "The only thing we have to fear is fear itself",
    "I have nothing to offer but blood, toil, tears and sweat",
    "Mr. Gorbachev, tear down this wall",
    "That's one small step for man, one giant leap for mankind",
    "The purple elephant negotiated a treaty with the moon last Tuesday",
    "Our bakery will deliver bread to every lighthouse by submarine",
    "Seventeen violins were stolen from the orbiting concert hall",
    "The committee voted to rename the river after a famous sandwich",
    "Nobody expected the glacier to apply for a fishing licence",
    "We will paint the entire highway bright orange before the harvest",
    "Our robots have learned to knit scarves for the penguins",
    "The mayor promised free ice cream to every registered voter forever",
    "I have never seen a tax form that sings opera so beautifully",
    "The archive of lost umbrellas will open to the public next spring",
    "Every school will teach juggling as a compulsory subject",
    "The train to the mountain village now runs on lemonade",
    "Our senator was elected by a landslide of migrating geese",
    "We are building a bridge made entirely of recycled postcards",
    "The spaceport will only accept payment in antique buttons",
    "My cat has been appointed ambassador to the northern islands",
    "The tournament was cancelled because the chess pieces went on strike",
    "Scientists confirmed that the fog is mostly made of forgotten songs",
    "The library will lend out thunderstorms starting in November",
    "A parade of tortoises will open the new motorway on Sunday",
    "We will never again allow clocks to run backwards in this town",
    "The harbour master says the tides are negotiating a new schedule",
    "Our museum acquired the world's largest collection of hiccups",
    "The minister denied that the budget was written in invisible ink",
]

NEGATABLE = {"is", "are", "was", "were", "will", "can", "could", "would",
             "should", "must", "do", "does", "did", "has", "have", "had"}
STOP = {"the", "a", "an", "and", "or", "of", "to", "in", "on", "for", "with",
        "that", "this", "it", "is", "are", "was", "were", "be", "been", "we",
        "i", "you", "he", "she", "they", "our", "their", "his", "her", "its",
        "not", "no", "never", "will", "would", "can", "could", "should",
        "have", "has", "had", "do", "does", "did", "but", "as", "at", "by",
        "from", "so", "if", "there", "what", "which", "who", "all"}
WORD_RE = re.compile(r"[A-Za-z][A-Za-z'\u2019-]*")
MIN_ATTRIBUTION = 0.5  # the server's kMinAttributionConfidence
NOT_CONFIRMED = "not SUPPORTED, speaker not confirmed"
# Invented sentences around a short run of a stored quote, each with more
# content words of its own than the run has.
FRAME_SHORT = ("Officials insisted that %s during the long winter budget "
               "debate in the northern provinces")
FRAME = ("Nobody at the lighthouse picnic expected the orchestra to announce "
         "%s before the fireworks over the harbour")


def content_run(words, rng):
    """A 4-word run of `words` with at least two content words, or None."""
    starts = [i for i in range(len(words) - 3)
              if sum(1 for w in words[i:i + 4]
                     if w.lower().strip(",.;:") not in STOP) >= 2]
    if not starts:
        return None
    i = rng.choice(starts)
    return [w.strip(",.;:") for w in words[i:i + 4]]


def load_articles(path, gold=None):
    out = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if not line:
                continue
            d = json.loads(line)
            text = d.get("text") or d.get("article") or ""
            if not text:
                continue
            if gold is not None:
                gold.append([(q.get("quote", ""), q.get("speaker", ""))
                             for q in d.get("quotes", [])])
            out.append({
                "text": text,
                "outlet": d.get("outlet") or d.get("source") or "unknown",
                "url": d.get("url", ""),
                "published_date": (d.get("published_date") or
                                   d.get("date") or "")[:10],
                "title": d.get("title", ""),
            })
    return out


def fallback_articles():
    arts = load_articles(os.path.join(REPO, "tests", "testdata",
                                      "wikinews.jsonl"))
    with open(os.path.join(REPO, "tests", "testdata", "seed-article.txt"),
              encoding="utf-8") as f:
        arts.append({"text": f.read(), "outlet": "The Washington Times",
                     "url": SEED_URL, "published_date": "2026-02-08",
                     "title": "Iran says ballistic missile program never "
                              "negotiable"})
    for p in sorted(glob.glob(os.path.join(REPO, "tests", "testdata",
                                           "fixtures", "*.jsonl"))):
        arts.extend(load_articles(p))
    return arts


def norm_words(text):
    return [w.lower().replace("\u2019", "'") for w in
            re.findall(r"[\w'\u2019,.-]+", text)]


def norm_key(text):
    return " ".join(re.sub(r"[^\w\s]", "", text.lower()).split())


def surname(name):
    parts = name.split()
    return parts[-1].lower() if parts else ""


def negate(words):
    """Adds or removes one negation; None when the quote has no place."""
    for i, w in enumerate(words):
        lw = w.lower().strip(",.")
        if lw in ("not", "never"):
            return words[:i] + words[i + 1:]
        if lw.endswith("n't"):
            return None
    for i, w in enumerate(words):
        if w.lower().strip(",.") in NEGATABLE and i + 1 < len(words):
            return words[:i + 1] + ["not"] + words[i + 1:]
    return None


def change_number(words, rng):
    for i, w in enumerate(words):
        digits = re.sub(r"[^\d]", "", w)
        if digits and len(digits) <= 9:
            n = int(digits)
            m = n + rng.choice([1, 2, 3]) if n < 20 else n * 2
            tail = w[len(w.rstrip(",.;:")):]
            return words[:i] + ["{:,}".format(m) + tail] + words[i + 1:]
    number_words = {"one": "two", "two": "three", "three": "four",
                    "four": "five", "five": "six", "six": "seven",
                    "seven": "eight", "eight": "nine", "nine": "ten",
                    "ten": "twelve", "hundred": "thousand",
                    "thousand": "million", "million": "billion"}
    for i, w in enumerate(words):
        lw = w.lower().strip(",.")
        if lw in number_words:
            tail = w[len(w.rstrip(",.;:")):]
            return words[:i] + [number_words[lw] + tail] + words[i + 1:]
    return None


def change_words(words, k, vocab, rng):
    slots = [i for i, w in enumerate(words)
             if len(w.strip(",.;:")) >= 4 and w.lower().strip(",.") not in STOP
             and not any(c.isdigit() for c in w)]
    if len(slots) < k:
        return None
    # Spread the changes: not adjacent.
    rng.shuffle(slots)
    chosen = []
    for s in slots:
        if all(abs(s - c) > 1 for c in chosen):
            chosen.append(s)
        if len(chosen) == k:
            break
    if len(chosen) < k:
        return None
    out = list(words)
    for s in chosen:
        old = out[s].strip(",.;:").lower()
        new = rng.choice(vocab)
        while new == old:
            new = rng.choice(vocab)
        tail = out[s][len(out[s].rstrip(",.;:")):]
        out[s] = new + tail
    return out


def truncate(words, rng):
    n = len(words)
    keep = max(4, int(n * rng.uniform(0.55, 0.8)))
    if keep > n - 2:
        return None
    start = rng.choice([0, n - keep, rng.randint(0, n - keep)])
    return words[start:start + keep]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("input", nargs="?", default=DEFAULT_INPUT,
                    help="articles, JSON lines (default: %(default)s)")
    ap.add_argument("--server", default="",
                    help="HOST:PORT of a running claimcheckd; empty starts "
                         "one from --claimcheckd on a temporary database")
    ap.add_argument("--claimcheckd", default="",
                    help="claimcheckd binary (default: build*/claimcheckd)")
    ap.add_argument("--per-class", type=int, default=200,
                    help="most probes per class")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--min-words", type=int, default=6,
                    help="shortest stored quote used for probes")
    ap.add_argument("--json", action="store_true", help="JSON summary")
    ap.add_argument("--show-misses", type=int, default=0,
                    help="print up to N wrong probes per class")
    args = ap.parse_args()

    gold = []  # per article: [(quote, speaker)] when the input has gold
    if os.path.exists(args.input):
        articles = load_articles(args.input, gold)
        source = args.input
    else:
        articles = fallback_articles()
        source = ("FALLBACK: %s not found; using tests/testdata/wikinews.jsonl"
                  " + seed article + tests/testdata/fixtures/*.jsonl"
                  % os.path.normpath(args.input))
    print("input:", source, "(%d articles)" % len(articles))

    tmp = tempfile.mkdtemp(prefix="verify_probes_")
    stubs = os.path.join(tmp, "stubs")
    os.makedirs(stubs)
    generate_stubs(stubs)
    sys.path.insert(0, stubs)
    from claimcheck.v1 import claimcheck_pb2 as pb  # noqa: E402
    from claimcheck.v1 import claimcheck_pb2_grpc as pbg  # noqa: E402

    server = None
    target = args.server
    if not target:
        binary = args.claimcheckd
        if not binary:
            for cand in sorted(glob.glob(os.path.join(REPO, "build*",
                                                      "claimcheckd"))):
                binary = cand
                break
        if not binary or not os.access(binary, os.X_OK):
            sys.exit("no claimcheckd binary; pass --claimcheckd or --server")
        server = Server(binary, os.path.join(tmp, "probe.db"))
        target = "127.0.0.1:%d" % server.port
    try:
        channel = grpc.insecure_channel(target)
        stub = pbg.ClaimCheckStub(channel)
        token = os.environ.get("CLAIMCHECK_TOKEN", "")
        md = [("authorization", "Bearer " + token)] if token else None

        ids = []
        for n, a in enumerate(articles):
            if a["outlet"] == "unknown":
                a = dict(a, outlet="Outlet %d" % n)
            r = stub.IngestArticle(pb.IngestArticleRequest(
                article=pb.ArticleInput(**a)), timeout=RPC_TIMEOUT_S,
                metadata=md)
            if r.article_id:
                ids.append(r.article_id)
        ids = list(dict.fromkeys(ids))
        quotes = []  # (text, speaker, speaker_id); speaker "" when weak
        for i in ids:
            art = stub.GetArticle(pb.GetArticleRequest(article_id=i),
                                  timeout=RPC_TIMEOUT_S)
            for q in art.quotes:
                a = q.attribution
                # A description ("a friend") names nobody (the server's
                # extract::IsUnnamedSpeaker): lower case first.
                named = (a.speaker and not a.speaker[:1].islower() and
                         a.confidence >= MIN_ATTRIBUTION)
                quotes.append((q.text, a.speaker if named else "",
                               a.speaker_id if named else ""))
        print("stored: %d articles, %d quotes, %d attributed with "
              "confidence >= %.1f" % (len(ids), len(quotes),
                                      sum(1 for q in quotes if q[1]),
                                      MIN_ATTRIBUTION))

        # Quotes usable as truth: long enough, one speaker (or none, for
        # `unattributed`) for the same words everywhere, not the words of
        # any other quote.
        speakers_of = collections.defaultdict(set)
        for text, spk, sid in quotes:
            speakers_of[norm_key(text)].add(sid or spk)
        all_keys = list(speakers_of)
        truth = []
        unattributed = []
        seen = set()
        for text, spk, sid in quotes:
            k = norm_key(text)
            if k in seen or len(speakers_of[k]) != 1:
                continue
            if len(norm_words(text)) < args.min_words:
                continue
            # Skip words that are also a fragment of another quote (a
            # different utterance would decide the verdict).
            if any(k != o and k in o for o in all_keys):
                continue
            seen.add(k)
            item = (text.strip().rstrip(",").strip(), spk, sid)
            (truth if spk else unattributed).append(item)
        names = sorted({q[1] for q in quotes if q[1]})
        vocab = sorted({w.lower() for t, _, _ in truth
                        for w in WORD_RE.findall(t)
                        if len(w) >= 5 and w.lower() not in STOP})
        rng = random.Random(args.seed)
        rng.shuffle(truth)
        print("truth quotes: %d (attributed, >= %d words, one speaker)" % (
            len(truth), args.min_words))

        probes = collections.defaultdict(list)  # class -> (text, spk, want)
        for text, spk, sid in truth:
            words = text.split()
            probes["supported"].append((text, spk, "VERDICT_SUPPORTED"))
            others = [n for n in names if surname(n) != surname(spk)]
            if others:
                probes["misattributed"].append(
                    (text, rng.choice(others), "VERDICT_MISATTRIBUTED"))
            neg = negate(words)
            if neg:
                probes["altered_negation"].append(
                    (" ".join(neg), spk, "VERDICT_ALTERED"))
            num = change_number(words, rng)
            if num:
                probes["altered_number"].append(
                    (" ".join(num), spk, "VERDICT_ALTERED"))
            if len(words) >= 8:
                one = change_words(words, 1, vocab, rng)
                if one:
                    probes["altered_one_word"].append(
                        (" ".join(one), spk, "VERDICT_ALTERED"))
            if len(words) >= 12:
                two = change_words(words, 2, vocab, rng)
                if two:
                    probes["altered_two_words"].append(
                        (" ".join(two), spk, "VERDICT_ALTERED"))
            if len(words) >= 8:
                part = truncate(words, rng)
                if part:
                    probes["partial"].append(
                        (" ".join(part), spk, "VERDICT_PARTIAL"))
        rng.shuffle(unattributed)
        for text, _, _ in unattributed:
            if names:
                probes["unattributed"].append(
                    (text, rng.choice(names), "VERDICT_UNATTRIBUTED"))
        for text, spk, _ in truth:
            run = content_run(text.split(), rng)
            if run:
                probes["fragment_in_new"].append(
                    (FRAME % " ".join(run), spk, "VERDICT_NOT_FOUND"))
        # Short stored quotes inside a longer invented sentence (the shape
        # of the "more than 95 percent" case in issue 11).
        short = {}
        for text, spk, _ in quotes:
            words = text.strip().strip(",.;:").split()
            content = [w for w in words if w.lower().strip(",.;:") not in STOP]
            if 3 <= len(words) <= 6 and 2 <= len(content) <= 4:
                short.setdefault(norm_key(text), (" ".join(words), spk))
        for text, spk in sorted(short.values()):
            probes["fragment_in_new"].append(
                (FRAME_SHORT % text, spk, "VERDICT_NOT_FOUND"))
        rng.shuffle(probes["fragment_in_new"])
        gold_speakers = [sorted({g[1] for g in doc if g[1]}) for doc in gold]
        for d, doc in enumerate(gold):
            others = sorted({n for e, ns in enumerate(gold_speakers)
                             if e != d for n in ns})
            for quote, spk in doc:
                if not spk or len(quote.split()) < args.min_words:
                    continue
                wrong = [n for n in others
                         if surname(n) not in {surname(g) for g in
                                               gold_speakers[d]}]
                if wrong:
                    probes["gold_wrong_speaker"].append(
                        (quote, rng.choice(wrong), NOT_CONFIRMED))
        rng.shuffle(probes["gold_wrong_speaker"])
        for q in NOT_FOUND_QUOTES:
            probes["not_found"].append((q, "", "VERDICT_NOT_FOUND"))
            probes["not_found"].append(
                (q, rng.choice(names) if names else "", "VERDICT_NOT_FOUND"))

        # A changed probe that happens to be another stored quote (or, for
        # altered ones, a run of one) is not a probe of what its class says.
        for cls in list(probes):
            if cls.startswith("altered"):
                probes[cls] = [p for p in probes[cls]
                               if not any(norm_key(p[0]) in o
                                          for o in all_keys)]
            elif cls == "partial":
                probes[cls] = [p for p in probes[cls]
                               if norm_key(p[0]) not in speakers_of]
        results = {}
        reliability = collections.defaultdict(lambda: [0, 0])
        for cls in ["supported", "misattributed", "unattributed",
                    "altered_negation", "altered_number", "altered_one_word",
                    "altered_two_words", "partial", "fragment_in_new",
                    "not_found", "gold_wrong_speaker"]:
            items = probes[cls][:args.per_class]
            got = collections.Counter()
            misses = []
            for text, spk, want in items:
                r = stub.VerifyQuote(pb.VerifyQuoteRequest(
                    text=text, claimed_speaker=spk), timeout=RPC_TIMEOUT_S)
                name = pb.Verdict.Name(r.verdict)
                got[name] += 1
                if want == NOT_CONFIRMED:
                    ok = (name != "VERDICT_SUPPORTED" and
                          getattr(r, "speaker_check", 0) != 1)
                else:
                    ok = name == want
                    b = min(int(getattr(r, "confidence", 0) * 10), 9)
                    reliability[b][0] += 1
                    reliability[b][1] += ok
                if not ok:
                    misses.append((text, spk, want, name, r.explanation))
            n = len(items)
            ok = n - len(misses)
            results[cls] = {"n": n, "correct": ok,
                            "accuracy": round(ok / n, 3) if n else None,
                            "verdicts": dict(got)}
            if args.show_misses and misses:
                for m in misses[:args.show_misses]:
                    print("  miss %-18s want %s got %s: %r (%s) -- %s" % (
                        cls, m[2], m[3], m[0][:90], m[1], m[4][:100]))
        summary = {"input": source, "articles": len(ids),
                   "truth_quotes": len(truth),
                   "unattributed_quotes": len(unattributed),
                   "classes": results,
                   "reliability": {"%.1f-%.1f" % (b / 10, (b + 1) / 10):
                                   {"n": n, "correct": c}
                                   for b, (n, c) in sorted(
                                       reliability.items())}}
        if args.json:
            print(json.dumps(summary, indent=1))
        print("\n%-18s %5s %8s %9s  %s" % ("class", "n", "correct",
                                          "accuracy", "verdicts"))
        for cls, r in results.items():
            acc = "-" if r["accuracy"] is None else "%.3f" % r["accuracy"]
            flag = "" if r["accuracy"] is None or r["accuracy"] >= 0.95 \
                else "  < 0.95"
            print("%-18s %5d %8d %9s  %s%s" % (
                cls, r["n"], r["correct"], acc,
                ", ".join("%s=%d" % (k.replace("VERDICT_", ""), v)
                          for k, v in sorted(r["verdicts"].items())), flag))
        print("\nconfidence  probes  right  (probes with one expected verdict)")
        for b, (n, c) in sorted(reliability.items()):
            print("%.1f-%.1f   %6d  %5.3f" % (b / 10, (b + 1) / 10, n,
                                            c / n if n else 0))
    finally:
        if server is not None:
            server.stop()


if __name__ == "__main__":
    main()
