// Exports a quote verdict as schema.org ClaimReview JSON-LD, the markup
// fact-checkers publish so that search engines and aggregators can read the
// verdict (https://schema.org/ClaimReview).
//
//   claimcheck::ClaimReviewOptions options;
//   options.reviewer = "Example Fact Check";
//   options.date_published = "2026-02-10";
//   absl::StatusOr<std::string> json_ld =
//       claimcheck::ClaimReviewJsonLd(request, verdict, options);
//
// The rating uses a 1..5 scale (5 = accurate):
//   SUPPORTED 5 "Accurate quote", PARTIAL 4 "Partial quote",
//   ALTERED 3 "Altered wording" (2 "Altered: meaning changed" when the
//   server says the change alters meaning), MISATTRIBUTED 1 "Misattributed",
//   UNATTRIBUTED no value, "Unverified attribution" (the words are on
//   record, but no source names who said them), NOT_FOUND no value,
//   "No record found".
// The rating explanation ends with the server's confidence in the verdict
// ("confidence 0.93") when it gives one.
// Each piece of evidence becomes a `citation` (NewsArticle with publisher,
// date, headline, URL). Pure function; safe from any thread.
#ifndef CLAIMCHECK_CLIENT_CLAIM_REVIEW_H_
#define CLAIMCHECK_CLIENT_CLAIM_REVIEW_H_

#include <string>

#include "absl/status/statusor.h"
#include "claimcheck/v1/claimcheck.pb.h"

namespace claimcheck {

struct ClaimReviewOptions {
  // Who publishes the review (schema.org `author`, an Organization).
  std::string reviewer = "claimcheck";
  // URL of the published review; omitted when empty.
  std::string review_url;
  // Date of the review, "YYYY-MM-DD"; omitted when empty.
  std::string date_published;
};

// The ClaimReview for `verdict`, the answer to `request`, as one line of
// JSON. INTERNAL only if protobuf cannot print JSON.
absl::StatusOr<std::string> ClaimReviewJsonLd(
    const v1::VerifyQuoteRequest& request,
    const v1::VerifyQuoteResponse& verdict, const ClaimReviewOptions& options);

}  // namespace claimcheck

#endif  // CLAIMCHECK_CLIENT_CLAIM_REVIEW_H_
