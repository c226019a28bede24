// The logic behind every RPC but ingest, without gRPC: validate the request,
// fetch candidates from the store, score them with verify, fill the response.
// Each method fills `*resp` (which the caller owns and passes in empty) and
// returns OK, or returns an error and leaves `*resp` unspecified.
// Tested directly (tests/api/query_core_test.cc) and called by the service.
//
// Thread-safe (the Store is). Does not own the Store.
#ifndef CLAIMCHECK_SERVER_API_QUERY_CORE_H_
#define CLAIMCHECK_SERVER_API_QUERY_CORE_H_

#include <functional>
#include <memory>

#include "absl/status/statusor.h"
#include "claimcheck/v1/claimcheck.pb.h"
#include "server/api/limits.h"
#include "server/api/report_cache.h"
#include "server/store/store.h"

namespace claimcheck::api {

// The store's speaker merge rule: verify::SpeakerMergeEvidence over the
// store's profiles. Pure; thread-safe.
store::SpeakerMergeRule DefaultSpeakerMergeRule();

class QueryCore {
 public:
  QueryCore(store::Store* store, const Limits& limits)
      : store_(store),
        limits_(limits),
        quantity_reports_(std::make_shared<QuantityReportCache>(
            limits.quantity_report_cache_bytes)) {}

  // `cancelled` (may be empty) is polled during extraction.
  absl::Status ExtractText(const v1::ExtractTextRequest& req,
                           v1::ExtractTextResponse* resp,
                           const std::function<bool()>& cancelled = {}) const;
  absl::Status GetArticle(const v1::GetArticleRequest& req,
                          v1::Article* resp) const;
  absl::Status DeleteArticle(const v1::DeleteArticleRequest& req,
                             v1::DeleteArticleResponse* resp) const;
  absl::Status SearchQuotes(const v1::SearchQuotesRequest& req,
                            v1::SearchQuotesResponse* resp) const;
  absl::Status ListSpeakerQuotes(const v1::ListSpeakerQuotesRequest& req,
                                 v1::ListSpeakerQuotesResponse* resp) const;
  absl::Status ListSpeakers(const v1::ListSpeakersRequest& req,
                            v1::ListSpeakersResponse* resp) const;
  absl::Status GetSpeaker(const v1::GetSpeakerRequest& req,
                          v1::Speaker* resp) const;
  absl::Status VerifyQuote(const v1::VerifyQuoteRequest& req,
                           v1::VerifyQuoteResponse* resp) const;
  absl::Status GetQuoteConsistency(const v1::GetQuoteConsistencyRequest& req,
                                   v1::QuoteConsistencyReport* resp) const;
  // The two reports below poll `cancelled` (may be empty) between pages,
  // groups and comparisons, and return CANCELLED once it fires (the client
  // gave up or its deadline passed): their row caps bound the work, but
  // not below what a short deadline allows.
  absl::Status GetSpeakerConsistency(
      const v1::GetSpeakerConsistencyRequest& req,
      v1::SpeakerConsistencyReport* resp,
      const std::function<bool()>& cancelled = {}) const;
  absl::Status GetQuantityConsistency(
      const v1::GetQuantityConsistencyRequest& req,
      v1::QuantityConsistencyReport* resp,
      const std::function<bool()>& cancelled = {}) const;
  // GetQuantityConsistency computed the pre-round-5 way, from every
  // compared claim's row (no cache): what the in-memory computation must
  // equal. For tests.
  absl::Status QuantityReportFromRows(
      const store::ClaimsQuery& q, v1::QuantityConsistencyReport* resp,
      const std::function<bool()>& cancelled = {}) const;
  // The same report compared on store::ClaimKeysByUnit, with rows read
  // only for the listed observations and conflict lines. False (resp
  // untouched) when it cannot give the row path's answer: a subject
  // filter, a store without claim keys, or a claim rewritten meanwhile.
  absl::StatusOr<bool> QuantityReportFromKeys(
      const store::ClaimsQuery& q, v1::QuantityConsistencyReport* resp,
      const std::function<bool()>& cancelled = {}) const;
  absl::Status SearchClaims(const v1::SearchClaimsRequest& req,
                            v1::SearchClaimsResponse* resp) const;
  absl::Status GetStats(const v1::GetStatsRequest& req, v1::Stats* resp) const;
  // Conflicts kept by the store at ingest (store::ListConflicts), filtered
  // and paged; each the v1::Conflict the finder stored, its sides read
  // back from their rows (DecodeConflict in conflict_finder.h). Bounded work
  // whatever the store's size, except for `wait_for_ingested`, which first
  // waits (polling `cancelled`, at most kMaxConflictWait) for the store's
  // conflicts to catch up.
  absl::Status ListConflicts(const v1::ListConflictsRequest& req,
                             v1::ListConflictsResponse* resp,
                             const std::function<bool()>& cancelled = {}) const;
  absl::Status ListStories(const v1::ListStoriesRequest& req,
                           v1::ListStoriesResponse* resp) const;
  absl::Status GetStory(const v1::GetStoryRequest& req, v1::Story* resp) const;
  absl::Status ListSpeakerMerges(const v1::ListSpeakerMergesRequest& req,
                                 v1::ListSpeakerMergesResponse* resp) const;
  absl::Status UndoSpeakerMerge(const v1::UndoSpeakerMergeRequest& req,
                                v1::SpeakerMerge* resp) const;

  // Watch registrations; in watch.cc.
  absl::Status RegisterWatch(const v1::RegisterWatchRequest& req,
                             v1::WatchRegistration* resp) const;
  absl::Status UnregisterWatch(const v1::UnregisterWatchRequest& req,
                               v1::UnregisterWatchResponse* resp) const;
  absl::Status ListWatches(const v1::ListWatchesRequest& req,
                           v1::ListWatchesResponse* resp) const;

 private:
  // ListConflicts' wait (see there): OK once caught up or after
  // kMaxConflictWait; CANCELLED when `cancelled` says so first.
  absl::Status WaitForConflicts(const std::function<bool()>& cancelled) const;
  // Exact-hash matches plus full-text candidates for `text`, deduplicated;
  // only those `keep` accepts (empty: all) are built into records.
  absl::StatusOr<std::vector<store::QuoteRecord>> Candidates(
      absl::string_view text,
      const store::Store::CandidateFilter& keep = {}) const;
  // Candidates(text), widened for grouping variants: also the full-text
  // candidates of `text` with each of its longest words left out, so a
  // version that changed one of them (a number, a name) is still found
  // whatever words the store's candidate search keys on.
  absl::StatusOr<std::vector<store::QuoteRecord>> VariantCandidates(
      absl::string_view text) const;
  // GetQuantityConsistency without its cache: the newest claims of the
  // unit key `q` names (and the comparable ones), compared. From the
  // store's in-memory claim keys when it has them (QuantityReportFromKeys),
  // else from rows.
  absl::Status QuantityReport(const store::ClaimsQuery& q,
                              v1::QuantityConsistencyReport* resp,
                              const std::function<bool()>& cancelled) const;

  store::Store* const store_;
  const Limits limits_;
  // Shared by copies of this QueryCore; thread-safe.
  std::shared_ptr<QuantityReportCache> quantity_reports_;
};

}  // namespace claimcheck::api

#endif  // CLAIMCHECK_SERVER_API_QUERY_CORE_H_
