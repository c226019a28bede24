#!/usr/bin/python3
"""End to end from a stock Python client: grpcio + stubs made by protoc.

Runs a real claimcheckd on a loopback port chosen by the kernel, with its own
temporary SQLite file, and talks to it only through code generated at test
time from proto/claimcheck/v1/claimcheck.proto and grpc-proto's health.proto,
the way a user's Python tool would.

Usage:
  /usr/bin/python3 tests/e2e/python_client_test.py PATH/TO/claimcheckd
  (or set CLAIMCHECKD=PATH and pass no argument)

Needs Debian's python3-grpcio, python3-protobuf, protobuf-compiler,
protobuf-compiler-grpc (/usr/bin/grpc_python_plugin) and grpc-proto. Run it
with /usr/bin/python3: other Python installs do not see the apt modules.
"""

import os
import queue
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import unittest

import grpc

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
HEALTH_PROTO = "/usr/share/grpc-proto/grpc/health/v1/health.proto"
GRPC_PYTHON_PLUGIN = "/usr/bin/grpc_python_plugin"
# Debian's protoc, the version grpc_python_plugin and python3-protobuf match.
PROTOC = ("/usr/bin/protoc" if os.access("/usr/bin/protoc", os.X_OK)
          else "protoc")
SEED_URL = ("https://www.washingtontimes.com/news/2026/feb/8/"
            "iran-says-ballistic-missile-program-never-negotiable/")
RPC_TIMEOUT_S = 30

CLAIMCHECKD = os.environ.get("CLAIMCHECKD", "")


def generate_stubs(out_dir):
    """Runs protoc for our proto and health.proto; returns nothing, raises."""
    subprocess.run(
        [PROTOC, "--python_out=" + out_dir, "--grpc_python_out=" + out_dir,
         "--plugin=protoc-gen-grpc_python=" + GRPC_PYTHON_PLUGIN,
         "-I", os.path.join(REPO, "proto"), "claimcheck/v1/claimcheck.proto"],
        check=True)
    # health.proto lives at grpc/health/v1/, which would make a Python package
    # `grpc` that the real grpcio shadows. Generate it under `grpc_health/`
    # instead: the proto package (grpc.health.v1) and so the service name on
    # the wire stay the same.
    src = os.path.join(out_dir, "_health_src", "grpc_health", "v1")
    os.makedirs(src)
    shutil.copy(HEALTH_PROTO, os.path.join(src, "health.proto"))
    subprocess.run(
        [PROTOC, "--python_out=" + out_dir, "--grpc_python_out=" + out_dir,
         "--plugin=protoc-gen-grpc_python=" + GRPC_PYTHON_PLUGIN,
         "-I", os.path.join(out_dir, "_health_src"),
         "grpc_health/v1/health.proto"],
        check=True)


class Server:
    """A claimcheckd child process; `port` is read from its stderr."""

    def __init__(self, binary, db_path, extra_args=()):
        self.log = []
        self.proc = subprocess.Popen(
            [binary, "--listen=127.0.0.1:0", "--db=" + db_path,
             "--log_calls=false"] + list(extra_args),
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE, text=True, errors="replace")
        lines = queue.Queue()

        def drain():  # also keeps the server from blocking on a full pipe
            for line in self.proc.stderr:
                self.log.append(line)
                lines.put(line)
            lines.put(None)

        self.drainer = threading.Thread(target=drain, daemon=True)
        self.drainer.start()
        self.port = 0
        deadline = time.monotonic() + 30
        while not self.port:
            try:
                line = lines.get(timeout=max(0.1, deadline - time.monotonic()))
            except queue.Empty:
                line = None
            if line is None or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError("claimcheckd did not start:\n" +
                                   "".join(self.log))
            marker = "serving on port "
            if marker in line:
                self.port = int(line.split(marker, 1)[1].split(",", 1)[0])

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.drainer.join(timeout=5)
        self.proc.stderr.close()
        return self.proc.returncode


class PythonClientE2ETest(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="claimcheck_py_")
        gen = os.path.join(cls.tmp, "gen")
        os.makedirs(gen)
        generate_stubs(gen)
        sys.path.insert(0, gen)
        global pb, pb_grpc, health_pb, health_grpc
        from claimcheck.v1 import claimcheck_pb2 as pb
        from claimcheck.v1 import claimcheck_pb2_grpc as pb_grpc
        from grpc_health.v1 import health_pb2 as health_pb
        from grpc_health.v1 import health_pb2_grpc as health_grpc

        cls.server = Server(CLAIMCHECKD, os.path.join(cls.tmp, "claimcheck.db"))
        cls.channel = grpc.insecure_channel("127.0.0.1:%d" % cls.server.port)
        cls.stub = pb_grpc.ClaimCheckStub(cls.channel)
        cls.health = health_grpc.HealthStub(cls.channel)
        with open(os.path.join(REPO, "tests/testdata/seed-article.txt"),
                  encoding="utf-8") as f:
            cls.seed_text = f.read()
        cls.seed_ack = cls.stub.IngestArticle(
            pb.IngestArticleRequest(article=pb.ArticleInput(
                url=SEED_URL, outlet="The Washington Times",
                published_date="2026-02-08",
                title="Iran says ballistic missile program never negotiable",
                text=cls.seed_text)),
            timeout=RPC_TIMEOUT_S)

    @classmethod
    def tearDownClass(cls):
        cls.channel.close()
        status = cls.server.stop()
        shutil.rmtree(cls.tmp, ignore_errors=True)
        if status != 0:
            sys.stderr.write("claimcheckd exited with %s on SIGTERM:\n%s" %
                             (status, "".join(cls.server.log)))

    def test_health_is_serving(self):
        r = self.health.Check(health_pb.HealthCheckRequest(),
                              timeout=RPC_TIMEOUT_S)
        self.assertEqual(r.status, health_pb.HealthCheckResponse.SERVING)

    def test_seed_ingest_counts(self):
        ack = self.seed_ack
        self.assertEqual(ack.outcome, pb.INGEST_OUTCOME_CREATED)
        self.assertTrue(ack.article_id)
        self.assertEqual(ack.quote_count, 9)
        self.assertEqual(ack.claim_count, 4)

    def test_who_said_it(self):
        r = self.stub.SearchQuotes(
            pb.SearchQuotesRequest(
                text="There is a long way to go to build trust"),
            timeout=RPC_TIMEOUT_S)
        self.assertGreaterEqual(len(r.matches), 1, r)
        m = r.matches[0]
        self.assertEqual(m.quote.attribution.speaker, "Abbas Araghchi")
        self.assertEqual(m.evidence.outlet, "The Washington Times")
        self.assertEqual(m.evidence.published_date, "2026-02-08")
        # The span points at the quoted words in the text we sent (UTF-8 bytes).
        data = self.seed_text.encode("utf-8")
        quoted = data[m.quote.span.begin:m.quote.span.end].decode("utf-8")
        self.assertEqual(quoted, m.quote.text)

    def test_verify_verdicts(self):
        r = self.stub.VerifyQuote(
            pb.VerifyQuoteRequest(text="very good",
                                  claimed_speaker="Donald Trump"),
            timeout=RPC_TIMEOUT_S)
        self.assertEqual(r.verdict, pb.VERDICT_SUPPORTED, r.explanation)
        r = self.stub.VerifyQuote(
            pb.VerifyQuoteRequest(text="very good",
                                  claimed_speaker="Abbas Araghchi"),
            timeout=RPC_TIMEOUT_S)
        self.assertEqual(r.verdict, pb.VERDICT_MISATTRIBUTED, r.explanation)
        self.assertEqual(r.attributed_speaker, "Donald Trump")

    def test_stream_acks_in_order(self):
        texts = [
            ("Outlet P1", "\"We are ready,\" said Jane Doe, the mayor."),
            ("", "No outlet here, so this item is rejected."),
            ("Outlet P3", "\"The bridge opens Monday,\" Mr. Roe said."),
            ("Outlet P4", "Officials said about 300 people attended."),
        ]
        reqs = [pb.IngestArticleRequest(
                    article=pb.ArticleInput(
                        outlet=o, published_date="2026-02-09", text=t),
                    client_ref="py-%d" % i)
                for i, (o, t) in enumerate(texts)]
        acks = list(self.stub.IngestArticles(iter(reqs), timeout=RPC_TIMEOUT_S))
        self.assertEqual([a.client_ref for a in acks],
                         ["py-%d" % i for i in range(len(reqs))])
        self.assertEqual(acks[0].outcome, pb.INGEST_OUTCOME_CREATED)
        self.assertEqual(acks[1].outcome, pb.INGEST_OUTCOME_REJECTED)
        self.assertEqual(acks[1].status_code,
                         grpc.StatusCode.INVALID_ARGUMENT.value[0])
        self.assertIn("article.outlet", acks[1].status_message)
        self.assertEqual(acks[2].outcome, pb.INGEST_OUTCOME_CREATED)
        self.assertEqual(acks[3].outcome, pb.INGEST_OUTCOME_CREATED)

    def test_empty_text_is_invalid_argument(self):
        with self.assertRaises(grpc.RpcError) as cm:
            self.stub.IngestArticle(
                pb.IngestArticleRequest(article=pb.ArticleInput(
                    outlet="The Washington Times", text="")),
                timeout=RPC_TIMEOUT_S)
        self.assertEqual(cm.exception.code(), grpc.StatusCode.INVALID_ARGUMENT)
        self.assertIn("article.text", cm.exception.details())

    def test_unattributed_quote_leaves_claimed_speaker_unconfirmed(self):
        self.stub.IngestArticle(pb.IngestArticleRequest(
            article=pb.ArticleInput(
                outlet="Quay Gazette", published_date="2026-04-20",
                text="The council met on Tuesday.\n\n\"The night crossings "
                     "will keep running until the end of the season.\"\n\n"
                     "The vote was close.\n")), timeout=RPC_TIMEOUT_S)
        r = self.stub.VerifyQuote(pb.VerifyQuoteRequest(
            text="The night crossings will keep running until the end of the "
                 "season", claimed_speaker="Maria Reyes"),
            timeout=RPC_TIMEOUT_S)
        self.assertEqual(r.verdict, pb.VERDICT_UNATTRIBUTED, r.explanation)
        self.assertEqual(r.speaker_check, pb.SPEAKER_CHECK_UNCONFIRMED)
        self.assertGreater(r.confidence, 0.5)
        self.assertLessEqual(r.confidence, 1.0)

    def test_watch_resumes_from_cursor(self):
        quote = "The lighthouse keepers will strike on the first of June"
        w = self.stub.RegisterWatch(pb.RegisterWatchRequest(
            text=quote, speaker="Tomas Berg"), timeout=RPC_TIMEOUT_S)
        for i, who in enumerate(["Tomas Berg", "Anna Lind", "Mr. Berg"]):
            self.stub.IngestArticle(pb.IngestArticleRequest(
                article=pb.ArticleInput(
                    outlet="Coast Post %d" % i, published_date="2026-05-02",
                    text="Unions met (%d).\n\n\"%s,\" said %s.\n" % (
                        i, quote, who))), timeout=RPC_TIMEOUT_S)

        def read(after, n):
            call = self.stub.Watch(pb.WatchRequest(
                after_sequence=after, watch_ids=[w.id]), timeout=10)
            got = []
            for event in call:
                got.append(event)
                if len(got) == n:
                    call.cancel()
                    break
            return got

        first = read(0, 1)
        self.assertEqual(first[0].verdict, pb.VERDICT_SUPPORTED)
        rest = read(first[0].sequence, 2)  # a new connection, from the cursor
        self.assertEqual([e.verdict for e in rest],
                         [pb.VERDICT_MISATTRIBUTED, pb.VERDICT_SUPPORTED])
        self.assertEqual(rest[0].kind, pb.WATCH_EVENT_KIND_CONFLICT)
        self.assertLess(first[0].sequence, rest[0].sequence)
        self.assertLess(rest[0].sequence, rest[1].sequence)

    def test_stats_are_readable(self):
        s = self.stub.GetStats(pb.GetStatsRequest(), timeout=RPC_TIMEOUT_S)
        self.assertGreaterEqual(s.articles, 1)
        self.assertGreaterEqual(s.quotes, 9)


def main():
    global CLAIMCHECKD
    if len(sys.argv) > 1 and not sys.argv[1].startswith("-"):
        CLAIMCHECKD = sys.argv.pop(1)
    if not CLAIMCHECKD or not os.access(CLAIMCHECKD, os.X_OK):
        sys.stderr.write("usage: %s PATH/TO/claimcheckd (or CLAIMCHECKD=...); "
                         "got %r\n" % (sys.argv[0], CLAIMCHECKD))
        return 2
    result = unittest.main(argv=sys.argv, exit=False, verbosity=2).result
    return 0 if result.wasSuccessful() and result.testsRun > 0 else 1


if __name__ == "__main__":
    sys.exit(main())
