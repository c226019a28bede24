// Exit codes of the `claimcheck` CLI, so that scripts can branch on them.
//
//   0  OK: the command worked; verify: SUPPORTED; consistency: sources agree.
//   1  Usage error: bad command line, or an unreadable / malformed local
//      input file (nothing was sent to the server).
//   2  The server said NOT_FOUND (unknown article id, speaker, ...).
//   3  A finding: verify says MISATTRIBUTED, ALTERED, PARTIAL or
//      UNATTRIBUTED (the claimed speaker is unconfirmed); consistency
//      says the sources disagree (wording variant, attribution conflict,
//      conflicting numbers).
//   4  Nothing matched: verify says NOT_FOUND; who-said found no quote.
//   5  The server said INVALID_ARGUMENT or OUT_OF_RANGE (bad request field);
//      ingest: an article was rejected as invalid.
//   6  The server could not be reached or did not answer in time
//      (UNAVAILABLE, DEADLINE_EXCEEDED).
//   7  Any other error (UNAUTHENTICATED, PERMISSION_DENIED,
//      RESOURCE_EXHAUSTED, INTERNAL, ...).
//
// Pure functions over values; safe from any thread.
#ifndef CLAIMCHECK_CLIENT_EXIT_CODES_H_
#define CLAIMCHECK_CLIENT_EXIT_CODES_H_

#include "absl/status/status.h"
#include "claimcheck/v1/claimcheck.pb.h"

namespace claimcheck {

enum ExitCode : int {
  kExitOk = 0,
  kExitUsage = 1,
  kExitNotFound = 2,
  kExitFinding = 3,
  kExitNoMatch = 4,
  kExitInvalidArgument = 5,
  kExitUnavailable = 6,
  kExitOther = 7,
};

// Exit code for a failed (or OK) call.
ExitCode ExitCodeForStatus(const absl::Status& status);

// Exit code for a verify verdict: SUPPORTED 0; MISATTRIBUTED, ALTERED,
// PARTIAL, UNATTRIBUTED 3; NOT_FOUND 4; anything else 7.
ExitCode ExitCodeForVerdict(v1::Verdict verdict);

// Exit code for a consistency report: CONSISTENT and COMPATIBLE 0;
// WORDING_VARIANT, ATTRIBUTION_CONFLICT and CONFLICTING 3; UNSPECIFIED (no
// evidence at all) 4.
ExitCode ExitCodeForAgreement(v1::Agreement agreement);

}  // namespace claimcheck

#endif  // CLAIMCHECK_CLIENT_EXIT_CODES_H_
