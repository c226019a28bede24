// Finds direct quotations and attributes each to a speaker.
// Pure; thread-safe. Spans are byte offsets into `text`.
#ifndef CLAIMCHECK_SERVER_EXTRACT_QUOTES_H_
#define CLAIMCHECK_SERVER_EXTRACT_QUOTES_H_

#include <functional>
#include <vector>

#include "absl/strings/string_view.h"
#include "server/extract/quote_keep.h"
#include "server/extract/speaker_ranker.h"
#include "server/extract/types.h"

namespace claimcheck::extract {

// Quotes in document order, each with its speaker (canonical within the
// article), mention, cue, rule and confidence. Quoted titles and scare quotes
// nobody is said to have spoken are left out. Any bytes are tolerated.
// At most MaxItems(text.size()) quote spans are looked at (work_budget.h).
// `cancelled` (may be empty) is polled; once it fires the result is
// incomplete and the caller must drop it.
std::vector<Quote> ExtractQuotes(absl::string_view text,
                                 const std::function<bool()>& cancelled = {});

// A quote as ExtractQuotes gives it, with the candidate speakers the ranker
// weighed (features included). For the model-fitting tool and tests.
struct ExplainedQuote {
  Quote quote;
  bool kept = true;  // false: a span ExtractQuotes leaves out (a title...)
  int context = 0;   // a CueContext
  QuoteFeatureVector span_features{};        // what decided `kept`
  std::vector<SpeakerCandidate> candidates;  // "nobody" first
};
std::vector<ExplainedQuote> ExplainQuotes(absl::string_view text);

}  // namespace claimcheck::extract

#endif  // CLAIMCHECK_SERVER_EXTRACT_QUOTES_H_
