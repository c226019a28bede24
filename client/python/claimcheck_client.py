"""claimcheck from Python: a thin layer over the stubs protoc makes.

Make the stubs first (see README.md), then put their folder on sys.path:

    from claimcheck_client import ClaimCheck
    with ClaimCheck("127.0.0.1:50051") as cc:
        verdict = cc.verify("very good", speaker="Donald Trump")
        print(cc.verdict_name(verdict))  # SUPPORTED

Every call has a deadline (`timeout`, seconds) and raises grpc.RpcError on
failure (`.code()` is a grpc.StatusCode, `.details()` the server's message).
Any RPC without a helper here is on `cc.stub` (a ClaimCheckStub), called
with `metadata=cc.metadata, timeout=cc.timeout`.
"""

import grpc

from claimcheck.v1 import claimcheck_pb2 as pb
from claimcheck.v1 import claimcheck_pb2_grpc as pb_grpc


class ClaimCheck:
    """A connection to one claimcheckd. Safe to share between threads."""

    pb = pb  # the generated messages and enums, for calls on `stub`

    def __init__(self, target="127.0.0.1:50051", token=None, root_certs=None,
                 timeout=10.0):
        """target: "host:port". token: bearer token, needed for writes when
        the server has one. root_certs: PEM bytes; switches to TLS."""
        if root_certs is not None:
            self.channel = grpc.secure_channel(
                target, grpc.ssl_channel_credentials(root_certs))
        else:
            self.channel = grpc.insecure_channel(target)
        self.stub = pb_grpc.ClaimCheckStub(self.channel)
        self.metadata = ([("authorization", "Bearer " + token)]
                         if token else [])
        self.timeout = timeout

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def close(self):
        self.channel.close()

    def _call(self, method, request):
        return method(request, metadata=self.metadata, timeout=self.timeout)

    def who_said(self, text, approximate=False, page_size=0):
        """SearchQuotes: stored quotes matching `text`, best first."""
        mode = (pb.MATCH_MODE_APPROXIMATE if approximate
                else pb.MATCH_MODE_EXACT)
        return self._call(self.stub.SearchQuotes, pb.SearchQuotesRequest(
            text=text, mode=mode, page_size=page_size))

    def verify(self, text, speaker="", date=""):
        """VerifyQuote: a verdict on `text` said by `speaker` (optional)."""
        return self._call(self.stub.VerifyQuote, pb.VerifyQuoteRequest(
            text=text, claimed_speaker=speaker, claimed_date=date))

    def ingest(self, text, outlet, url="", date="", title=""):
        """IngestArticle: stores one article; returns once it is durable."""
        return self._call(self.stub.IngestArticle, pb.IngestArticleRequest(
            article=pb.ArticleInput(text=text, outlet=outlet, url=url,
                                    published_date=date, title=title)))

    def stats(self):
        """GetStats: counts of what the index holds."""
        return self._call(self.stub.GetStats, pb.GetStatsRequest())

    @staticmethod
    def verdict_name(response):
        """"SUPPORTED", "MISATTRIBUTED", ... for a VerifyQuoteResponse."""
        return pb.Verdict.Name(response.verdict)[len("VERDICT_"):]
