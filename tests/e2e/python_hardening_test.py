#!/usr/bin/python3
"""Hostile input from a stock Python client (grpcio), issue 12.

Sends what a non-C++ client can send and the C++ client cannot: bytes that
do not parse (invalid UTF-8 in a string field) inside an IngestArticles
stream and as a unary request; checks the statuses, the acks before the bad
message, the metrics, and that /metrics answers while half-open TCP
connections sit on its port.

Usage: /usr/bin/python3 tests/e2e/python_hardening_test.py PATH/TO/claimcheckd
"""

import os
import re
import socket
import sys
import tempfile
import unittest
import urllib.request

import grpc

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import python_client_test as base  # noqa: E402  (stubs, Server)

CLAIMCHECKD = os.environ.get("CLAIMCHECKD", "")
TIMEOUT_S = 30


def article(pb, i, text=None):
    return pb.IngestArticleRequest(
        client_ref="ref-%d" % i,
        article=pb.ArticleInput(
            url="https://example.com/hardening/%d" % i, outlet="Example",
            published_date="2026-03-0%d" % (i % 9 + 1),
            text=text or ('"Bridge number %d opens in May," said Mayor Ann '
                          'Lee. About %d people came.' % (i, 100 + i))))


def with_invalid_utf8(pb, i):
    """The serialized request of article(i) with its text's first two bytes
    replaced by 0xFF 0xFE (same length, so the framing stays valid)."""
    data = article(pb, i, text="XXbad text").SerializeToString()
    assert data.count(b"XXbad") == 1
    return data.replace(b"XXbad", b"\xff\xfebad")


class PythonHardeningTest(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="claimcheck_pyh_")
        gen = os.path.join(cls.tmp, "gen")
        os.makedirs(gen)
        base.generate_stubs(gen)
        sys.path.insert(0, gen)
        global pb, pb_grpc
        from claimcheck.v1 import claimcheck_pb2 as pb
        from claimcheck.v1 import claimcheck_pb2_grpc as pb_grpc
        cls.server = base.Server(
            CLAIMCHECKD, os.path.join(cls.tmp, "claimcheck.db"),
            ["--metrics_listen=127.0.0.1:0", "--max_response_bytes=4000"])
        cls.metrics_port = 0
        for line in cls.server.log:
            m = re.search(r"metrics on port (\d+)", line)
            if m:
                cls.metrics_port = int(m.group(1))
        cls.channel = grpc.insecure_channel("127.0.0.1:%d" % cls.server.port)
        cls.stub = pb_grpc.ClaimCheckStub(cls.channel)

    @classmethod
    def tearDownClass(cls):
        cls.channel.close()
        cls.server.stop()

    def metrics(self):
        url = "http://127.0.0.1:%d/metrics" % self.metrics_port
        with urllib.request.urlopen(url, timeout=5) as r:
            return r.read().decode()

    def test_stream_with_unparseable_message_fails_after_acking_the_rest(self):
        raw = self.channel.stream_stream(
            "/claimcheck.v1.ClaimCheck/IngestArticles",
            request_serializer=lambda b: b,
            response_deserializer=pb.IngestArticleResponse.FromString)
        messages = [article(pb, 10).SerializeToString(),
                    article(pb, 11).SerializeToString(),
                    with_invalid_utf8(pb, 12),
                    article(pb, 13).SerializeToString(),
                    article(pb, 14).SerializeToString(),
                    article(pb, 15).SerializeToString()]
        acks = []
        with self.assertRaises(grpc.RpcError) as caught:
            for ack in raw(iter(messages), timeout=TIMEOUT_S):
                acks.append(ack)
        err = caught.exception
        self.assertEqual(err.code(), grpc.StatusCode.INVALID_ARGUMENT)
        self.assertIn("message 2", err.details())
        self.assertIn("article.text is not valid UTF-8", err.details())
        # Each request before the bad one got exactly one ack, in order.
        self.assertEqual([a.client_ref for a in acks], ["ref-10", "ref-11"])
        for a in acks:
            self.assertEqual(a.outcome, pb.INGEST_OUTCOME_CREATED)
            got = self.stub.GetArticle(
                pb.GetArticleRequest(article_id=a.article_id),
                timeout=TIMEOUT_S)
            self.assertTrue(got.url.startswith("https://example.com/"))
        # Nothing after the bad message was stored.
        listed = self.stub.GetStats(pb.GetStatsRequest(), timeout=TIMEOUT_S)
        self.assertLessEqual(listed.articles, 3)

    def test_unparseable_unary_is_invalid_argument_and_counted(self):
        raw = self.channel.unary_unary(
            "/claimcheck.v1.ClaimCheck/IngestArticle",
            request_serializer=lambda b: b,
            response_deserializer=pb.IngestArticleResponse.FromString)
        with self.assertRaises(grpc.RpcError) as caught:
            raw(with_invalid_utf8(pb, 20), timeout=TIMEOUT_S)
        self.assertEqual(caught.exception.code(),
                         grpc.StatusCode.INVALID_ARGUMENT)
        self.assertIn("article.text is not valid UTF-8",
                      caught.exception.details())
        self.assertRegex(
            self.metrics(),
            r'claimcheck_calls_total\{[^}]*(code="INVALID_ARGUMENT"[^}]*'
            r'method="IngestArticle"|method="IngestArticle"[^}]*'
            r'code="INVALID_ARGUMENT")[^}]*\} [1-9]')

    def test_metrics_answers_beside_half_open_connections(self):
        idle = []
        for _ in range(3):
            s = socket.create_connection(("127.0.0.1", self.metrics_port))
            s.sendall(b"GET /metr")  # a request that never finishes
            idle.append(s)
        try:
            self.assertIn("claimcheck_calls_total", self.metrics())
        finally:
            for s in idle:
                s.close()

    def test_from_date_after_to_date_is_invalid_argument(self):
        with self.assertRaises(grpc.RpcError) as caught:
            self.stub.ListSpeakerQuotes(
                pb.ListSpeakerQuotesRequest(
                    speaker="Ann Lee", from_date="2026-05-01",
                    to_date="2026-04-01"),
                timeout=TIMEOUT_S)
        self.assertEqual(caught.exception.code(),
                         grpc.StatusCode.INVALID_ARGUMENT)
        self.assertIn("from_date is after to_date", caught.exception.details())

    def test_response_over_the_limit_is_resource_exhausted(self):
        long_text = " ".join(['"Line %d is fine," said Mayor Ann Lee.' % i
                              for i in range(200)])
        ack = self.stub.IngestArticle(article(pb, 30, long_text),
                                      timeout=TIMEOUT_S)
        with self.assertRaises(grpc.RpcError) as caught:
            self.stub.GetArticle(
                pb.GetArticleRequest(article_id=ack.article_id,
                                     include_text=True),
                timeout=TIMEOUT_S)
        self.assertEqual(caught.exception.code(),
                         grpc.StatusCode.RESOURCE_EXHAUSTED)
        self.assertIn("--max_response_bytes", caught.exception.details())


if __name__ == "__main__":
    if len(sys.argv) > 1:
        CLAIMCHECKD = sys.argv.pop(1)
    if not CLAIMCHECKD:
        sys.exit("usage: python_hardening_test.py PATH/TO/claimcheckd")
    unittest.main()
