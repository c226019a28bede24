// Judging a newly ingested quote against a registered (watched) quote.
// Pure; thread-safe.
#ifndef CLAIMCHECK_SERVER_VERIFY_WATCH_MATCH_H_
#define CLAIMCHECK_SERVER_VERIFY_WATCH_MATCH_H_

#include <optional>
#include <string>

#include "absl/strings/string_view.h"
#include "server/verify/verify.h"

namespace claimcheck::verify {

struct WatchJudgement {
  Verdict verdict = Verdict::kNotFound;  // as VerifyQuote gives it
  double score = 0;
  bool conflict = false;  // MISATTRIBUTED or ALTERED
  std::string summary;    // VerifyQuote's explanation
};

// How `occurrence` relates to the registered quote `text` (with the speaker
// `speaker`, empty for none): VerifyQuote of the occurrence's words and
// speaker against the registered quote taken as the record, so ALTERED's
// diff reads from the registered words to the new ones and MISATTRIBUTED
// means the new source names someone else. nullopt when it is not an
// occurrence of it (NOT_FOUND).
std::optional<WatchJudgement> JudgeOccurrence(
    absl::string_view text, absl::string_view speaker,
    const QuoteOccurrence& occurrence);

}  // namespace claimcheck::verify

#endif  // CLAIMCHECK_SERVER_VERIFY_WATCH_MATCH_H_
