#include "server/verify/watch_match.h"

namespace claimcheck::verify {

std::optional<WatchJudgement> JudgeOccurrence(
    absl::string_view text, absl::string_view speaker,
    const QuoteOccurrence& occurrence) {
  // The watched quote is the record; the new occurrence is the claim to
  // check against it, so diffs read from the watched words to the new ones.
  const QuoteOccurrence watched{text, speaker, "the watched quote", ""};
  const VerifyResult r =
      VerifyQuote(occurrence.text, occurrence.speaker, "", {&watched, 1});
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
