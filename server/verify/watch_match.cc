#include "server/verify/watch_match.h"

namespace claimcheck::verify {

std::optional<WatchJudgement> JudgeOccurrence(
    absl::string_view text, absl::string_view speaker,
    const QuoteOccurrence& occurrence) {
  const VerifyResult r = VerifyQuote(text, speaker, "", {&occurrence, 1});
  if (r.verdict == Verdict::kNotFound) return std::nullopt;
  WatchJudgement j;
  j.verdict = r.verdict;
  j.score = r.score;
  j.conflict =
      r.verdict == Verdict::kMisattributed || r.verdict == Verdict::kAltered;
  j.summary = r.explanation;
  return j;
}

}  // namespace claimcheck::verify
