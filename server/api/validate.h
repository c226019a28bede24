// Request validation. Each function returns OK or an error whose message
// names the offending field: INVALID_ARGUMENT for a malformed value,
// RESOURCE_EXHAUSTED for a value over a size limit. Pure; thread-safe.
#ifndef CLAIMCHECK_SERVER_API_VALIDATE_H_
#define CLAIMCHECK_SERVER_API_VALIDATE_H_

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "claimcheck/v1/claimcheck.pb.h"
#include "server/api/limits.h"

namespace claimcheck::api {

// A date range: each bound a date (CheckDate) or empty, and from <= to.
// INVALID_ARGUMENT "from_date is after to_date" otherwise.
absl::Status CheckDateRange(absl::string_view from_date,
                            absl::string_view to_date);

// True when `value` holds nothing but whitespace, ASCII or Unicode (no-break
// space, ideographic space U+3000, the U+2000 block, zero-width spaces...).
bool IsBlank(absl::string_view value);

// A required text field: not blank (whitespace only), valid UTF-8, at most
// `max_bytes`.
absl::Status CheckText(absl::string_view field, absl::string_view value,
                       size_t max_bytes);

// An optional text field: empty, or valid UTF-8 of at most `max_bytes`.
absl::Status CheckOptionalText(absl::string_view field, absl::string_view value,
                               size_t max_bytes);

// Empty, or an ISO date "YYYY-MM-DD" that exists in the calendar.
absl::Status CheckDate(absl::string_view field, absl::string_view value);

// The effective page size: `requested` if in [1, max], the default for 0,
// `max` above it; INVALID_ARGUMENT below 0.
absl::StatusOr<int> PageSize(absl::string_view field, int requested,
                             int default_size, int max_size);

// A quote used as a query: CheckText plus at least one word.
absl::Status CheckQueryText(absl::string_view field, absl::string_view value,
                            const Limits& limits);

// An article to ingest: text and outlet required; url (http/https),
// published_date, title optional.
absl::Status CheckArticle(absl::string_view field,
                          const v1::ArticleInput& article,
                          const Limits& limits);

// ---- Every RPC's request checks, one function each, in the order the
// fields are checked (the first failure is returned). Those that page return
// the effective page size (SearchQuotes: result count; GetSpeakerConsistency:
// group count). GetStats and ListWatches have nothing to check.
absl::Status ValidateRequest(const v1::IngestArticleRequest& req,
                             const Limits& limits);
absl::Status ValidateRequest(const v1::ExtractTextRequest& req,
                             const Limits& limits);
absl::Status ValidateRequest(const v1::GetArticleRequest& req,
                             const Limits& limits);
absl::Status ValidateRequest(const v1::DeleteArticleRequest& req,
                             const Limits& limits);
absl::StatusOr<int> ValidateRequest(const v1::SearchQuotesRequest& req,
                                    const Limits& limits);
absl::StatusOr<int> ValidateRequest(const v1::ListSpeakerQuotesRequest& req,
                                    const Limits& limits);
absl::StatusOr<int> ValidateRequest(const v1::ListSpeakersRequest& req,
                                    const Limits& limits);
absl::Status ValidateRequest(const v1::GetSpeakerRequest& req,
                             const Limits& limits);
absl::Status ValidateRequest(const v1::VerifyQuoteRequest& req,
                             const Limits& limits);
absl::Status ValidateRequest(const v1::GetQuoteConsistencyRequest& req,
                             const Limits& limits);
absl::StatusOr<int> ValidateRequest(const v1::GetSpeakerConsistencyRequest& req,
                                    const Limits& limits);
absl::Status ValidateRequest(const v1::GetQuantityConsistencyRequest& req,
                             const Limits& limits);
absl::StatusOr<int> ValidateRequest(const v1::SearchClaimsRequest& req,
                                    const Limits& limits);
absl::StatusOr<int> ValidateRequest(const v1::ListConflictsRequest& req,
                                    const Limits& limits);
absl::StatusOr<int> ValidateRequest(const v1::ListStoriesRequest& req,
                                    const Limits& limits);
absl::Status ValidateRequest(const v1::GetStoryRequest& req,
                             const Limits& limits);
absl::StatusOr<int> ValidateRequest(const v1::ListSpeakerMergesRequest& req,
                                    const Limits& limits);
absl::Status ValidateRequest(const v1::UndoSpeakerMergeRequest& req,
                             const Limits& limits);
absl::Status ValidateRequest(const v1::RegisterWatchRequest& req,
                             const Limits& limits);
absl::Status ValidateRequest(const v1::UnregisterWatchRequest& req,
                             const Limits& limits);
absl::Status ValidateRequest(const v1::WatchRequest& req, const Limits& limits);

}  // namespace claimcheck::api

#endif  // CLAIMCHECK_SERVER_API_VALIDATE_H_
