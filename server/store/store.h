// Durable storage of articles and what was extracted from them.
//
// One interface, several backends (SQLite embedded default; PostgreSQL later).
// All implementations are safe for concurrent use from many threads.
// A write that returns OK is durable: it survives a process crash and, with
// the default options, power loss.
//
// The store owns nothing of the caller's; every result is a copy the caller
// owns. Ids are opaque strings.
#ifndef CLAIMCHECK_SERVER_STORE_STORE_H_
#define CLAIMCHECK_SERVER_STORE_STORE_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "server/extract/types.h"

namespace claimcheck::store {

// Article metadata and text as given at ingest.
struct ArticleInput {
  std::string url;             // may be empty
  std::string outlet;          // required
  std::string published_date;  // "YYYY-MM-DD" or empty
  std::string title;
  std::string text;  // required, valid UTF-8
};

// Where something was found: enough to cite it.
struct Evidence {
  std::string article_id;
  std::string outlet;
  std::string url;
  std::string published_date;
  std::string title;
  extract::Span span;
};

// A stored quote with its ids and where it appeared.
struct QuoteRecord {
  std::string id;
  std::string speaker_id;  // empty when no speaker
  extract::Quote quote;
  Evidence evidence;  // span = quote.span
};

// A stored numeric claim with its ids and where it appeared.
struct ClaimRecord {
  std::string id;
  extract::Quantity quantity;
  Evidence evidence;  // span = quantity.span
};

// A stored article.
struct ArticleRecord {
  std::string id;
  ArticleInput input;        // text empty unless asked for
  std::string content_hash;  // hex SHA-256 of the text
  int version = 1;
  int64_t ingested_unix_ms = 0;
  std::vector<QuoteRecord> quotes;  // document order
  std::vector<ClaimRecord> claims;  // document order
};

enum class PutOutcome { kCreated, kReplaced, kUnchanged };

struct PutResult {
  std::string article_id;
  PutOutcome outcome = PutOutcome::kCreated;
  int version = 1;
};

// One article to write with what was extracted from it.
struct PutRequest {
  const ArticleInput* input = nullptr;              // not owned
  const extract::Extraction* extraction = nullptr;  // not owned
};

struct DeleteResult {
  int deleted_quotes = 0;
  int deleted_claims = 0;
};

// A speaker across articles.
struct SpeakerRecord {
  std::string id;
  std::string name;
  extract::SpeakerKind kind = extract::SpeakerKind::kUnknown;
  std::vector<std::string> aliases;
  std::vector<std::string> roles;
  std::vector<std::string> outlets;
  int quote_count = 0;
};

// Filters and paging for a speaker's quotes.
struct SpeakerQuotesQuery {
  std::string speaker_id;
  std::string outlet;     // empty: any
  std::string from_date;  // inclusive, empty: open
  std::string to_date;    // inclusive, empty: open
  int limit = 50;
  std::string page_token;  // opaque, from a previous page; empty: first page
};

struct QuotePage {
  std::vector<QuoteRecord> quotes;  // newest article first
  std::string next_page_token;      // empty on the last page
};

struct SpeakerPage {
  std::vector<SpeakerRecord> speakers;  // by name
  std::string next_page_token;
};

struct ClaimsQuery {
  std::string unit_key;             // empty: any
  std::string subject;              // empty: any (case-insensitive match)
  std::optional<double> min_value;  // interval reaches at least this
  std::optional<double> max_value;  // interval reaches at most this
  int limit = 50;
  std::string page_token;
};

struct ClaimPage {
  std::vector<ClaimRecord> claims;  // newest article first
  std::string next_page_token;
};

struct StoreStats {
  int64_t articles = 0;
  int64_t quotes = 0;
  int64_t speakers = 0;
  int64_t claims = 0;
  int64_t outlets = 0;
  int64_t db_bytes = 0;
};

class Store {
 public:
  virtual ~Store() = default;

  // Writes articles in one durable transaction. Each gets its own result, in
  // order. Same URL with the same text, or same text under any URL:
  // kUnchanged. Same URL with new text: kReplaced, version + 1, old quotes
  // and claims removed. Returns an error (nothing written) only when the
  // storage itself fails.
  virtual absl::StatusOr<std::vector<PutResult>> PutArticles(
      absl::Span<const PutRequest> articles) = 0;

  // NOT_FOUND if unknown. The text is filled only when `with_text`.
  virtual absl::StatusOr<ArticleRecord> GetArticle(absl::string_view id,
                                                   bool with_text) = 0;

  // Removes the article, its quotes and claims. NOT_FOUND if unknown.
  virtual absl::StatusOr<DeleteResult> DeleteArticle(absl::string_view id) = 0;

  // Quotes whose normalised-text hash equals `match_hash`
  // (see extract::MatchHash), earliest article first, at most `limit`.
  virtual absl::StatusOr<std::vector<QuoteRecord>> FindQuotesByHash(
      uint64_t match_hash, int limit) = 0;

  // Candidate quotes for approximate matching of `text`, from full-text
  // search (words and substrings), best first, at most `limit`. The caller
  // scores them; this only has to not miss good ones.
  virtual absl::StatusOr<std::vector<QuoteRecord>> FindQuoteCandidates(
      absl::string_view text, int limit) = 0;

  // Resolves a speaker id, canonical name or alias (case-insensitive) to a
  // record. NOT_FOUND if none.
  virtual absl::StatusOr<SpeakerRecord> GetSpeaker(
      absl::string_view id_or_name) = 0;

  // Speakers whose name starts with `prefix` (case-insensitive), by name.
  // INVALID_ARGUMENT for a page token this store did not issue.
  virtual absl::StatusOr<SpeakerPage> ListSpeakers(
      absl::string_view prefix, int limit, absl::string_view page_token) = 0;

  // A speaker's quotes with filters. INVALID_ARGUMENT for a bad page token.
  virtual absl::StatusOr<QuotePage> ListSpeakerQuotes(
      const SpeakerQuotesQuery& query) = 0;

  // Numeric claims by unit key, subject and value range.
  // INVALID_ARGUMENT for a bad page token.
  virtual absl::StatusOr<ClaimPage> FindClaims(const ClaimsQuery& query) = 0;

  virtual absl::StatusOr<StoreStats> GetStats() = 0;
};

}  // namespace claimcheck::store

#endif  // CLAIMCHECK_SERVER_STORE_STORE_H_
