#!/usr/bin/python3
"""Soak: mixed load with churn against a real claimcheckd for N minutes.

Starts claimcheckd on a fresh database (or uses --target with --pid), then
runs worker threads that ingest new articles and replace or delete articles
of a fixed pool (so the live data stops growing once the pool is full),
and query (who-said, verify, speaker quotes, conflicts, stats). Every 10 s
it prints the server's resident memory (VmRSS) and the calls so far by
status code. At the end: RSS first/last/max after warm-up, errors by status.

  /usr/bin/python3 tests/soak/soak.py --claimcheckd=build/claimcheckd \
      --minutes=10 [--threads=6] [--pool=500]

Exit status 1 when any call ended with INTERNAL, UNKNOWN, DATA_LOSS or
UNAVAILABLE (server errors); RESOURCE_EXHAUSTED (admission control) and
NOT_FOUND (a deleted article) are expected under this load and counted.
"""

import argparse
import collections
import os
import random
import sys
import tempfile
import threading
import time

import grpc

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "e2e"))
import python_client_test as base  # noqa: E402  (stubs, Server)

SERVER_ERRORS = {"INTERNAL", "UNKNOWN", "DATA_LOSS", "UNAVAILABLE"}
NAMES = ["Elena Marsh", "Victor Hale", "Ann Lee", "Omar Said", "Rita Gomez",
         "Tom Becker", "Jun Park", "Lena Ivanova"]
OUTLETS = ["Metro Wire", "Daily Ledger", "Coastal Herald", "Bay Gazette"]
TOPICS = ["bridge", "ferry", "school", "hospital", "tunnel", "market", "park"]


def make_article(pb, slot, version):
    rnd = random.Random(slot * 100003 + version)
    topic = TOPICS[slot % len(TOPICS)]
    paras = []
    for p in range(rnd.randint(3, 9)):
        who = NAMES[rnd.randrange(len(NAMES))]
        paras.append(
            '"The %s project will cost about %d million dollars and open in '
            '%d," said %s, who spoke to reporters on Monday. About %d workers '
            'joined the %s works, up from %d last year.'
            % (topic, rnd.randint(5, 900), rnd.randint(2027, 2031), who,
               rnd.randint(100, 5000), topic, rnd.randint(50, 3000)))
    return pb.IngestArticleRequest(article=pb.ArticleInput(
        url="https://soak.example/%s/%d" % (topic, slot),
        outlet=OUTLETS[slot % len(OUTLETS)],
        published_date="2026-0%d-%02d" % (1 + slot % 9, 1 + slot % 28),
        title="The %s, version %d" % (topic, version),
        text="\n\n".join(paras)))


def rss_kb(pid):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


class Counters:
    def __init__(self):
        self.mu = threading.Lock()
        self.by_code = collections.Counter()
        self.by_method_code = collections.Counter()

    def add(self, method, code):
        with self.mu:
            self.by_code[code] += 1
            self.by_method_code[(method, code)] += 1


def call(counters, method, fn, *args, **kw):
    try:
        r = fn(*args, timeout=10, **kw)
        counters.add(method, "OK")
        return r
    except grpc.RpcError as e:
        counters.add(method, e.code().name)
        return None


def worker(pb, stub, counters, pool, stop, seed):
    rnd = random.Random(seed)
    versions = collections.Counter()
    while not stop.is_set():
        slot = rnd.randrange(pool)
        op = rnd.random()
        if op < 0.35:  # ingest or replace: churn over a fixed pool
            versions[slot] += 1
            call(counters, "IngestArticle", stub.IngestArticle,
                 make_article(pb, slot, versions[slot] + seed * 1000))
        elif op < 0.40:
            call(counters, "SearchQuotes", stub.SearchQuotes,
                 pb.SearchQuotesRequest(text="project will cost about",
                                        mode=pb.MATCH_MODE_APPROXIMATE))
        elif op < 0.55:
            call(counters, "VerifyQuote", stub.VerifyQuote,
                 pb.VerifyQuoteRequest(
                     text="The %s project will cost" % TOPICS[slot % 7],
                     claimed_speaker=NAMES[slot % len(NAMES)]))
        elif op < 0.70:
            call(counters, "ListSpeakerQuotes", stub.ListSpeakerQuotes,
                 pb.ListSpeakerQuotesRequest(speaker=NAMES[slot % len(NAMES)],
                                             page_size=20))
        elif op < 0.80:
            call(counters, "ListConflicts", stub.ListConflicts,
                 pb.ListConflictsRequest(page_size=50))
        elif op < 0.85:
            call(counters, "GetQuantityConsistency",
                 stub.GetQuantityConsistency,
                 pb.GetQuantityConsistencyRequest(unit="workers"))
        elif op < 0.95:
            call(counters, "GetStats", stub.GetStats, pb.GetStatsRequest())
        else:
            ack = call(counters, "IngestArticle", stub.IngestArticle,
                       make_article(pb, slot, versions[slot] + seed * 1000))
            if ack is not None:
                call(counters, "DeleteArticle", stub.DeleteArticle,
                     pb.DeleteArticleRequest(article_id=ack.article_id))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--claimcheckd", default="build/claimcheckd")
    ap.add_argument("--minutes", type=float, default=10)
    ap.add_argument("--threads", type=int, default=6)
    ap.add_argument("--pool", type=int, default=500)
    args = ap.parse_args()

    tmp = tempfile.mkdtemp(prefix="claimcheck_soak_")
    gen = os.path.join(tmp, "gen")
    os.makedirs(gen)
    base.generate_stubs(gen)
    sys.path.insert(0, gen)
    from claimcheck.v1 import claimcheck_pb2 as pb
    from claimcheck.v1 import claimcheck_pb2_grpc as pb_grpc

    server = base.Server(os.path.abspath(args.claimcheckd),
                         os.path.join(tmp, "soak.db"))
    pid = server.proc.pid
    channel = grpc.insecure_channel("127.0.0.1:%d" % server.port)
    stub = pb_grpc.ClaimCheckStub(channel)
    counters = Counters()
    stop = threading.Event()
    threads = [threading.Thread(target=worker,
                                args=(pb, stub, counters, args.pool, stop, i))
               for i in range(args.threads)]
    for t in threads:
        t.start()
    start = time.monotonic()
    samples = []
    db = os.path.join(tmp, "soak.db")
    print("%6s %9s %9s %9s  %s" % ("t_s", "rss_MB", "db_MB", "calls",
                                   "by status"))
    while time.monotonic() - start < args.minutes * 60:
        time.sleep(10)
        with counters.mu:
            codes = dict(counters.by_code)
        rss = rss_kb(pid) / 1024.0
        samples.append(rss)
        # The database file and its WAL: live articles stay near --pool,
        # but the event log (Watch) keeps every event, so the file grows.
        db_mb = sum(os.path.getsize(f) for f in (db, db + "-wal")
                    if os.path.exists(f)) / 1e6
        print("%6d %9.1f %9.1f %9d  %s" % (time.monotonic() - start, rss,
                                           db_mb, sum(codes.values()), codes),
              flush=True)
    stop.set()
    for t in threads:
        t.join()
    stats = stub.GetStats(pb.GetStatsRequest(), timeout=10)
    channel.close()
    code = server.stop()
    warm = samples[len(samples) // 3:] or samples
    print("\narticles live at the end: %d, quotes %d" % (stats.articles,
                                                        stats.quotes))
    print("RSS MB: first %.1f, after warm-up (t >= %ds) min %.1f max %.1f "
          "last %.1f" % (samples[0], 10 * (len(samples) // 3), min(warm),
                         max(warm), warm[-1]))
    print("calls by status: %s" % dict(counters.by_code))
    for (method, c), n in sorted(counters.by_method_code.items()):
        if c != "OK":
            print("  %s %s: %d" % (method, c, n))
    errors = sum(n for c, n in counters.by_code.items() if c in SERVER_ERRORS)
    print("server errors: %d; claimcheckd exit status %s" % (errors, code))
    return 1 if errors or code != 0 else 0


if __name__ == "__main__":
    sys.exit(main())
