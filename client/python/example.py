#!/usr/bin/python3
"""Who said it, and is the attribution right? Asks a running claimcheckd.

    PYTHONPATH=gen /usr/bin/python3 example.py [--server=HOST:PORT] "<quote>" [speaker]

Prints the speakers the index gives the quote (approximate search), then the
verdict on the claimed speaker when one is given. Exit 0 on an answer, 1 on
usage, 2 when a call fails (the gRPC status is printed).
"""

import sys

import grpc

from claimcheck_client import ClaimCheck


def main(argv):
    server = "127.0.0.1:50051"
    args = []
    for arg in argv:
        if arg.startswith("--server="):
            server = arg[len("--server="):]
        else:
            args.append(arg)
    if not 1 <= len(args) <= 2:
        sys.stderr.write('usage: example.py [--server=HOST:PORT] "<quote>" '
                         "[speaker]\n")
        return 1
    text = args[0]
    with ClaimCheck(server) as cc:
        try:
            found = cc.who_said(text, approximate=True)
            if not found.matches:
                print("no matching quote")
            for m in found.matches:
                e = m.evidence
                print('%.2f  %s  %s  %s  "%s"' % (
                    m.score, m.quote.attribution.speaker or "(unattributed)",
                    e.outlet, e.published_date, m.quote.text))
            if len(args) == 2:
                v = cc.verify(text, speaker=args[1])
                print("verdict: %s (confidence %.2f): %s" % (
                    cc.verdict_name(v), v.confidence, v.explanation))
        except grpc.RpcError as err:
            sys.stderr.write("claimcheck: %s: %s\n" % (err.code().name,
                                                       err.details()))
            return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
