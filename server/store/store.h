// Durable storage of articles and what was extracted from them.
//
// One interface, several backends: SQLite (sqlite_store.h, the embedded
// default) and PostgreSQL (postgres_store.h, shared by replicas). Open either
// with OpenStore (open_store.h). The interface is pure: a backend implements
// every method. All implementations are safe for concurrent use from many
// threads.
// A write that returns OK is durable: it survives a process crash and, with
// the default options, power loss.
//
// The store owns nothing of the caller's; every result is a copy the caller
// owns. Ids are opaque strings.
#ifndef CLAIMCHECK_SERVER_STORE_STORE_H_
#define CLAIMCHECK_SERVER_STORE_STORE_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "absl/types/span.h"
#include "server/extract/interval.h"
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
  std::string story_id;             // see StoryRecord; empty if none
};

enum class PutOutcome { kCreated, kReplaced, kUnchanged };

struct PutResult {
  std::string article_id;
  PutOutcome outcome = PutOutcome::kCreated;
  int version = 1;
};

struct PreparedArticle;  // prepared_article.h

// One article to write with what was extracted from it.
struct PutRequest {
  const ArticleInput* input = nullptr;              // not owned
  const extract::Extraction* extraction = nullptr;  // not owned
  // Optional, not owned: PrepareArticle(*input, *extraction), computed by
  // the caller outside the store's locks. Null: the store computes it.
  const PreparedArticle* prepared = nullptr;
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

// What a speaker's id or name resolves to: the record's id and name only.
struct SpeakerName {
  std::string id;
  std::string name;
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
  // Only claims of these kinds; empty: any kind.
  std::vector<extract::QuantityKind> kinds;
  int limit = 50;
  std::string page_token;
};

struct ClaimPage {
  std::vector<ClaimRecord> claims;  // newest article first
  std::string next_page_token;
};

// What a quantity report compares of one claim, without its row.
struct ClaimKeyView {
  int64_t seq = 0;             // ClaimsBySeq reads the row
  uint32_t date = 0;           // published_date as YYYYMMDD; 0 when undated
  extract::Interval interval;  // extract::ComparableInterval
  uint8_t kind = 0;            // extract::QuantityKind
  bool is_delta = false;
};

struct StoreStats {
  int64_t articles = 0;
  int64_t quotes = 0;
  int64_t speakers = 0;
  int64_t claims = 0;
  int64_t outlets = 0;
  int64_t db_bytes = 0;
};

// ---- Stories (sqlite_store_stories.cc) ----

// Articles about one event (server/story). Each stored article belongs to
// exactly one story: the connected component of the SameStory links the
// store finds through the MinHash buckets at ingest. The story id is the
// smallest article id of the component, so it depends on which articles are
// stored, not on the order or batching they arrived in (but for articles
// beyond kMaxBucketCandidates in one bucket and day window). Deleting or
// replacing an article re-derives the components of the rest of its story.
struct StoryArticle {
  std::string article_id;
  std::string outlet;
  std::string url;
  std::string published_date;
  std::string title;
};

struct StoryRecord {
  std::string id;  // "a_..." (its smallest article id)
  int article_count = 0;
  std::string first_date, last_date;  // of dated articles; empty if none
  // Earliest first (undated last), then by id; at most kMaxStoryArticles.
  std::vector<StoryArticle> articles;
};

// Most articles a StoryRecord lists (article_count still counts them all).
inline constexpr int kMaxStoryArticles = 200;

struct StoryPage {
  std::vector<StoryRecord> stories;  // by id
  std::string next_page_token;
};

// ---- Maintained conflicts (sqlite_store_conflict_index.cc) ----
//
// Stores that keep conflicts at ingest hand the groups a write touched to a
// ConflictFinder (set by the api layer; deciding is verify's) after the
// write commits, keep what it returns in an index, and page it. Groups:
//   - attribution, key "a<match hash>": the attributed quotes with that
//     hash, plus the attributed quotes of the hashes of their approximate
//     candidates (close variants and truncations), earliest article first,
//     then by quote id;
//   - numeric, key "n<story id>": the claims with a unit key of every
//     article of the story, by unit key, then earliest article, then id.
// A group is recomputed whenever a write adds, replaces or deletes a row it
// is made of, so the listing is a function of the stored articles.
//
// Lag. The keys of the groups a write touches are stored in that write's
// own transaction, so they are as durable as the write; the recompute may
// run after the write is acknowledged (SqliteStore: on a background thread,
// which coalesces a group dirtied by many writes into one recompute, and
// resumes after a restart from the keys still stored). ListConflicts and
// the conflict Watch events therefore trail the writes by a bounded lag:
// ConflictPage::pending_groups says how many groups a listing still
// trails by, and WaitForConflicts waits for the writes before it.

// One conflict as kept by the store. `payload` is opaque to the store.
struct ConflictRecord {
  std::string id;         // stable id of the pair ("ca_..." / "cn_...")
  int kind = 0;           // 1 attribution, 2 numeric (v1::ConflictKind)
  std::string sort_date;  // the later side's date; "" when undated
  std::string outlet_a, date_a, outlet_b, date_b;  // for filters
  std::string payload;                             // the finder's encoding
  // The ids of the two sides' rows: quote ids (kind 1) or claim ids (kind
  // 2). Set by the finder, whose payload then leaves the sides' quote or
  // claim out; ListConflicts reads the rows back into quote_a/quote_b
  // (kind 1) or claim_a/claim_b (kind 2). Empty for rows kept with the
  // whole conflict in the payload (schema v8 and older).
  std::string side_a, side_b;
  QuoteRecord quote_a, quote_b;
  ClaimRecord claim_a, claim_b;
  // For the Watch event sent when the conflict is first kept: one line
  // ("New attribution conflict ca_...: ...") and the later side (a quote,
  // or a claim's surface as `quote.text`, with its evidence).
  std::string summary;
  QuoteRecord later;
};

// A group of rows conflicts are looked for in (see above).
struct ConflictGroup {
  std::string key;
  std::vector<QuoteRecord> quotes;  // attribution groups
  // Numeric groups: one inner vector per unit key found in more than one
  // article of the story.
  std::vector<std::vector<ClaimRecord>> claim_groups;
  std::string story_id;  // numeric groups
};

// Finds the conflicts of one group. Must be pure and thread-safe; it runs on
// the writer after each commit, so it must be bounded by the group's size.
using ConflictFinder =
    std::function<std::vector<ConflictRecord>(const ConflictGroup&)>;

struct ConflictQuery {
  int kind = 0;           // 0: any; else ConflictRecord::kind
  std::string outlet;     // a side from this outlet; empty: any
  std::string from_date;  // a side dated on or after; empty: open
  std::string to_date;    // a side dated on or before; empty: open
  int limit = 50;
  std::string page_token;  // from a previous page; empty: first
};

struct ConflictPage {
  // Newest first (by sort_date; undated last), then by id.
  std::vector<ConflictRecord> conflicts;
  // Empty on the last page. A page may hold fewer than `limit` conflicts
  // (even none) with a token when the filters left most rows of the
  // bounded window it scanned out.
  std::string next_page_token;
  // Groups written to but not yet recomputed when the page was read (from
  // the same snapshot; counted up to kMaxCountedPendingGroups). 0: the page
  // reflects every write committed before it.
  int64_t pending_groups = 0;
};

// ConflictPage::pending_groups counts no further.
inline constexpr int64_t kMaxCountedPendingGroups = 100000;

// ---- Speaker identity (sqlite_store_speakers.cc) ----

// What the store knows of one speaker record, for the merge rule.
struct SpeakerProfile {
  std::string id;
  std::string name;
  extract::SpeakerKind kind = extract::SpeakerKind::kUnknown;
  std::vector<std::string> roles;
  std::vector<std::string> co_speakers;  // ids quoted in the same articles
  std::vector<uint64_t> quote_hashes;    // match hashes of its quotes
  int quote_count = 0;
};

// Decides whether two speaker records are one person: returns the evidence
// (recorded with the merge) or an empty string for "keep apart". Must be
// pure and thread-safe; see verify::SpeakerMergeEvidence. Given to a backend
// in its options at open (SqliteOptions, PostgresOptions, StoreOptions).
// Stores ask it only about pairs of speakers whose keys
// (extract::SpeakerKey) have at least two words, the same first word, and
// last words within edit distance 2 (transpositions count 1); the rule must
// keep every other pair apart. This lets a store find the pairs through a
// name index instead of comparing every speaker with every other.
using SpeakerMergeRule =
    std::function<std::string(const SpeakerProfile&, const SpeakerProfile&)>;

// A recorded merge of speaker `from` into speaker `into`.
struct SpeakerMergeRecord {
  std::string id;  // "m_<n>"
  std::string from_id, from_name;
  std::string into_id, into_name;
  std::string reason;
  int64_t created_unix_ms = 0;
  int64_t undone_unix_ms = 0;  // 0 while active
};

struct SpeakerMergesQuery {
  std::string speaker_id;  // empty: all; else merges from or into it
  bool include_undone = false;
  int limit = 50;
  std::string page_token;
};

struct SpeakerMergePage {
  std::vector<SpeakerMergeRecord> merges;  // newest first
  std::string next_page_token;
};

// ---- Watch: registered quotes and the durable event log ----

// A quote a client registered to hear about (RegisterWatch).
struct WatchRecord {
  std::string id;  // "w_<n>"
  std::string text;
  std::string speaker;  // may be empty
  int64_t created_unix_ms = 0;
};

enum class WatchEventKind { kOccurrence = 1, kConflict = 2 };

// One entry of the event log. `seq` is assigned by the store.
struct WatchEventRecord {
  int64_t seq = 0;  // strictly increasing, never reused
  WatchEventKind kind = WatchEventKind::kOccurrence;
  std::string watch_id;    // empty for conflicts not tied to a registration
  QuoteRecord occurrence;  // id, text, speaker, span and evidence are kept
  int verdict = 0;         // verify::Verdict value; 0 when none
  double score = 0;
  std::string summary;
  int64_t created_unix_ms = 0;
};

// Judges a newly stored quote against one registration: fills the event's
// kind, verdict, score and summary and returns true, or returns false when
// the quote is not an occurrence of it. Set by the api layer (matching is
// verify's); called inside the ingest transaction, so it must be fast and
// must not call back into the store.
using WatchMatcher = std::function<bool(
    const WatchRecord& watch, const QuoteRecord& quote, WatchEventRecord*)>;

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

  // Whether a caller wants a candidate quote, by its text (e.g. whether it
  // scores as a match); empty: every candidate.
  using CandidateFilter = std::function<bool(absl::string_view quote_text)>;
  // FindQuoteCandidates(text, limit) less the candidates `keep` rejects,
  // in the same order: records are built only for the kept ones.
  virtual absl::StatusOr<std::vector<QuoteRecord>> FindQuoteCandidatesWhere(
      absl::string_view text, int limit, const CandidateFilter& keep) = 0;

  // Resolves a speaker id, canonical name or alias (case-insensitive) to a
  // record. NOT_FOUND if none.
  virtual absl::StatusOr<SpeakerRecord> GetSpeaker(
      absl::string_view id_or_name) = 0;

  // The id and name GetSpeaker(id_or_name) gives, without gathering the
  // rest of the record (aliases, roles, outlets and quote count, whose cost
  // grows with the speaker's quotes). NOT_FOUND if none. This default calls
  // GetSpeaker; a backend overrides it when it can do less.
  virtual absl::StatusOr<SpeakerName> ResolveSpeaker(
      absl::string_view id_or_name) {
    absl::StatusOr<SpeakerRecord> s = GetSpeaker(id_or_name);
    if (!s.ok()) return s.status();
    return SpeakerName{std::move(s->id), std::move(s->name)};
  }

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

  // The first `limit` claims FindClaims({unit_key}) would list (newest
  // article first), as keys from memory. UNIMPLEMENTED where the store keeps
  // no such index (the caller reads rows with FindClaims instead).
  virtual absl::StatusOr<std::vector<ClaimKeyView>> ClaimKeysByUnit(
      absl::string_view /*unit_key*/, int /*limit*/) {
    return absl::UnimplementedError("ClaimKeysByUnit");
  }
  // The claims with these seqs (ClaimKeyView::seq), in that order, as
  // FindClaims gives them; std::nullopt for a seq no longer stored.
  virtual absl::StatusOr<std::vector<std::optional<ClaimRecord>>> ClaimsBySeq(
      absl::Span<const int64_t> /*seqs*/) {
    return absl::UnimplementedError("ClaimsBySeq");
  }

  virtual absl::StatusOr<StoreStats> GetStats() = 0;

  // A number that changes with every committed write (articles, quotes,
  // claims, speakers) once that write is visible to the read methods above,
  // so results derived from them can be cached and checked for staleness:
  // a result computed after reading generation G is current while
  // DataGeneration() is still G. Never decreases within a process.
  virtual uint64_t DataGeneration() = 0;

  // ---- Stories ----

  // Stories by id, each with its articles. INVALID_ARGUMENT for a bad page
  // token. Cost: the page's stories only.
  virtual absl::StatusOr<StoryPage> ListStories(
      int limit, absl::string_view page_token) = 0;

  // NOT_FOUND if no article is in story `id`.
  virtual absl::StatusOr<StoryRecord> GetStory(absl::string_view id) = 0;

  // ---- Maintained conflicts ----

  // Sets the finder conflicts are kept with (see ConflictFinder); groups
  // written before it is set are computed when it is. Call before serving;
  // OpenStore does (StoreOptions::conflict_finder).
  virtual void SetConflictFinder(ConflictFinder finder) = 0;

  // A page of the kept conflicts. INVALID_ARGUMENT for a bad page token.
  // Cost: at most a bounded window of index rows, whatever the store's size.
  virtual absl::StatusOr<ConflictPage> ListConflicts(
      const ConflictQuery& query) = 0;

  // Waits until every write up to data generation `generation` (a value
  // DataGeneration() returned) is reflected in the kept conflicts (see "Lag"
  // above), or `timeout` passes. True when caught up; at once when the store
  // keeps no conflicts or refreshes inline. Later writes are not waited for.
  virtual bool WaitForConflicts(uint64_t generation,
                                absl::Duration timeout) = 0;

  // ---- Speaker identity ----

  // Merges speaker `from_id` into `into_id` (its quotes, aliases and roles
  // then count for `into_id`; its name becomes an alias) and records why.
  // NOT_FOUND for an unknown id; INVALID_ARGUMENT when they are the same.
  virtual absl::StatusOr<SpeakerMergeRecord> MergeSpeakers(
      absl::string_view from_id, absl::string_view into_id,
      absl::string_view reason) = 0;

  // Recorded merges, newest first. INVALID_ARGUMENT for a bad page token.
  virtual absl::StatusOr<SpeakerMergePage> ListSpeakerMerges(
      const SpeakerMergesQuery& query) = 0;

  // Undoes merge `merge_id`: the merged-away speaker gets its quotes back,
  // and the pair is not merged automatically again. NOT_FOUND if unknown;
  // FAILED_PRECONDITION if already undone.
  virtual absl::StatusOr<SpeakerMergeRecord> UndoSpeakerMerge(
      absl::string_view merge_id) = 0;

  // ---- Watch ----

  // Sets the matcher PutArticles runs on each new quote against the
  // registrations that share words with it. Call before serving.
  virtual void SetWatchMatcher(WatchMatcher matcher) = 0;

  // Registers a watch. RESOURCE_EXHAUSTED when `max_watches` exist already.
  virtual absl::StatusOr<WatchRecord> AddWatch(absl::string_view text,
                                               absl::string_view speaker,
                                               int max_watches) = 0;
  // NOT_FOUND if unknown.
  virtual absl::Status RemoveWatch(absl::string_view id) = 0;
  // Oldest first.
  virtual absl::StatusOr<std::vector<WatchRecord>> ListWatches() = 0;

  // Appends `events` to the log in one durable transaction of their own
  // (conflict events found outside an ingest). Assigns their `seq`.
  virtual absl::Status RecordEvents(std::vector<WatchEventRecord>* events) = 0;
  // Events with seq > `after_seq`, oldest first, at most `limit`.
  virtual absl::StatusOr<std::vector<WatchEventRecord>> ReadEvents(
      int64_t after_seq, int limit) = 0;
  // The seq of the newest committed event; 0 when none.
  virtual int64_t LastEventSeq() = 0;
  // Called after every commit that appended events, with the newest seq,
  // outside the store's locks. Set before serving.
  virtual void SetEventListener(std::function<void(int64_t)> listener) = 0;
};

}  // namespace claimcheck::store

#endif  // CLAIMCHECK_SERVER_STORE_STORE_H_
