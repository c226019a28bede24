#!/usr/bin/python3
"""ListConflicts cost against database size (issue 12, point 1).

Ingests ../shared/eval/corpus/news.jsonl (read at run time, never copied;
the script says so and stops when it is absent) `--copies` times into a
fresh claimcheckd (each copy under other URLs, text marked so it is not a
duplicate), and after each copy measures: one ListConflicts call (page 50)
and a walk of the whole listing page by page, by wall time, and the
server's resident memory (VmRSS) before and after four calls at once.
The floor is a GetStats call in the same run.

  /usr/bin/python3 tests/bench/conflicts_scale.py --claimcheckd=build/claimcheckd
"""

import argparse
import json
import os
import sys
import tempfile
import threading
import time

import grpc

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "e2e"))
import python_client_test as base  # noqa: E402

CORPUS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..",
                      "..", "shared", "eval", "corpus", "news.jsonl")


def rss_mb(pid):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024.0
    return 0.0


def timed(fn):
    t = time.perf_counter()
    r = fn()
    return r, time.perf_counter() - t


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--claimcheckd", default="build/claimcheckd")
    ap.add_argument("--copies", type=int, default=3)
    ap.add_argument("--corpus", default=CORPUS)
    args = ap.parse_args()
    if not os.path.exists(args.corpus):
        print("no corpus at %s: nothing measured" % args.corpus)
        return 0
    rows = [json.loads(l) for l in open(args.corpus) if l.strip()]
    tmp = tempfile.mkdtemp(prefix="claimcheck_conf_")
    gen = os.path.join(tmp, "gen")
    os.makedirs(gen)
    base.generate_stubs(gen)
    sys.path.insert(0, gen)
    from claimcheck.v1 import claimcheck_pb2 as pb
    from claimcheck.v1 import claimcheck_pb2_grpc as pb_grpc
    server = base.Server(os.path.abspath(args.claimcheckd),
                         os.path.join(tmp, "c.db"))
    pid = server.proc.pid
    channel = grpc.insecure_channel("127.0.0.1:%d" % server.port,
                                    options=[("grpc.max_receive_message_length",
                                              64 << 20)])
    stub = pb_grpc.ClaimCheckStub(channel)
    print("%8s %9s %12s %12s %12s %10s %10s %10s" % (
        "articles", "ingest_s", "list50_ms", "stats_ms", "walk_ms",
        "conflicts", "rss_MB", "rss4_MB"))
    for copy in range(args.copies):
        def reqs():
            for r in rows:
                yield pb.IngestArticleRequest(article=pb.ArticleInput(
                    url=(r.get("url") or "") + (
                        "#copy%d" % copy if copy and r.get("url") else ""),
                    outlet=r.get("outlet") or "unknown",
                    published_date=r.get("date") or "",
                    title=r.get("title") or "",
                    text=r["text"] + ("\n\n(copy %d)" % copy if copy else "")))
        _, ingest_s = timed(lambda: sum(1 for _ in stub.IngestArticles(
            reqs(), timeout=3600)))
        stats, stats_s = timed(lambda: stub.GetStats(pb.GetStatsRequest()))
        _, list_s = timed(lambda: stub.ListConflicts(
            pb.ListConflictsRequest(page_size=50)))
        total, token = 0, ""
        t = time.perf_counter()
        while True:
            page = stub.ListConflicts(pb.ListConflictsRequest(
                page_size=500, page_token=token))
            total += len(page.conflicts)
            token = page.next_page_token
            if not token:
                break
        walk_s = time.perf_counter() - t
        before = rss_mb(pid)
        ts = [threading.Thread(target=lambda: stub.ListConflicts(
            pb.ListConflictsRequest(page_size=500))) for _ in range(4)]
        for x in ts:
            x.start()
        for x in ts:
            x.join()
        after = rss_mb(pid)
        print("%8d %9.1f %12.1f %12.2f %12.1f %10d %10.1f %10.1f" % (
            stats.articles, ingest_s, list_s * 1e3, stats_s * 1e3,
            walk_s * 1e3, total, before, after), flush=True)
    channel.close()
    server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
