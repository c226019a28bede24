// An in-memory copy of the quotes table (and the article fields quotes cite),
// in front of SQLite, so quote lookups run no SQL at all:
//
//  - every live quote's record (text, spans, speaker, cue...; repeated
//    strings interned), addressed by an ordinal (uint32);
//  - match hash -> quotes (exact who-said), in FindQuotesByHash order;
//  - normalised word -> posting list of quote ordinals (approximate
//    candidates: work follows the posting lengths of the query's rarest
//    words, not the size of the index; see Candidates);
//  - speaker -> quotes sorted by (published_date DESC, seq) (speaker pages);
//  - claim unit key -> claims (seq, article) sorted the same way (quantity
//    reports and claim searches by unit: the newest claims of a unit without
//    sorting all of them; their rows are then read by seq);
//  - article fields (id, outlet, url, date, title).
//
// Memory per quote: measured in the README (Performance) and
// tests/bench/README.md; figures live there, not here.
//
// SQLite stays the source of truth: the index is built from it at open
// (Build) and kept in step by IndexDelta, read from the writer's
// transaction before it commits and applied together with the commit.
//
// Not thread-safe by itself: SqliteStore reads it under a shared lock and
// applies deltas under the exclusive one (sqlite_store_impl.h).
#ifndef CLAIMCHECK_SERVER_STORE_MEMORY_INDEX_H_
#define CLAIMCHECK_SERVER_STORE_MEMORY_INDEX_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "server/extract/interval.h"
#include "server/store/sqlite_db.h"
#include "server/store/store.h"

namespace claimcheck::store {

// The rows of one article the index holds, as read from SQLite.
struct IndexedArticle {
  std::string id;
  std::string outlet, url, published_date, title;
  int64_t ingested_unix_ms = 0;
  struct Quote {
    int64_t seq = 0;
    std::string speaker_id;  // empty: none
    uint64_t match_hash = 0;
    std::string norm_text;  // NormalizeForMatch of the quote
    QuoteRecord record;     // its fields (evidence but the span unused)
  };
  std::vector<Quote> quotes;
  struct Claim {
    int64_t seq = 0;
    std::string unit_key;  // never empty: unit-less claims are not indexed
    // What a quantity report compares (extract::ComparableInterval of the
    // row's quantity, its kind and change role).
    extract::Interval interval;
    uint8_t kind = 0;
    bool is_delta = false;
  };
  std::vector<Claim> claims;
};

// What one committed write changed, read inside its transaction.
struct IndexDelta {
  std::vector<std::string> removed_articles;  // gone with all their quotes
  std::vector<IndexedArticle> articles;       // new or rewritten, whole
  // Every quote (seq) each of these speakers now has.
  std::vector<std::pair<std::string, std::vector<int64_t>>> speakers;

  bool empty() const {
    return removed_articles.empty() && articles.empty() && speakers.empty();
  }
};

class MemoryIndex {
 public:
  // Reads the whole quotes and articles tables through `db` (inside the
  // caller's read transaction).
  static absl::StatusOr<std::unique_ptr<MemoryIndex>> Build(
      SqliteConnection* db);

  // Reads, through `db` (the writer, inside its transaction), the current
  // rows of `article_ids` (absent ones are removals) and the quotes of
  // `speaker_ids`.
  static absl::StatusOr<IndexDelta> ReadDelta(
      SqliteConnection* db, const std::vector<std::string>& article_ids,
      const std::vector<std::string>& speaker_ids);

  void Apply(const IndexDelta& delta);

  // A quote the index holds, with what a caller needs to build its record.
  struct Hit {
    int64_t seq = 0;
    uint32_t article = 0;  // for ArticleEvidence()
    uint32_t quote = 0;    // for Record()
  };

  // Quotes with this match hash, earliest article first (undated last, then
  // ingest time, then seq), at most `limit`.
  std::vector<Hit> QuotesByHash(uint64_t match_hash, size_t limit) const;

  // Quotes sharing the most (rarity-weighted) words with `norm_text`
  // (NormalizeForMatch of the query), best first, at most `limit`: first the
  // quotes holding all of its 3 rarest words (at any age); if fewer than 20,
  // also the newest quotes holding any of its rarest words (bounded merge).
  // Past the first 20, quotes scoring under half the best are dropped, and
  // at most 32 are returned (the best by that score).
  // Empty if no word of the query is indexed.
  std::vector<Hit> Candidates(absl::string_view norm_text, size_t limit) const;

  // Quotes of `speaker_id` newest article first (published_date DESC, then
  // seq), filtered, starting after the cursor (`after_date`, `after_seq`)
  // when `has_cursor`; at most `limit`.
  struct SpeakerFilter {
    absl::string_view outlet, from_date, to_date;  // empty: any
    bool has_cursor = false;
    absl::string_view after_date;
    int64_t after_seq = 0;
  };
  std::vector<Hit> SpeakerQuotes(absl::string_view speaker_id,
                                 const SpeakerFilter& filter,
                                 size_t limit) const;

  // Claims with unit key `unit_key` in (published_date DESC, seq) order,
  // starting after the cursor (`after_date`, `after_seq`) when `has_cursor`:
  // `visit(seq, article)` is called for each until it returns false.
  struct ClaimCursor {
    bool has_cursor = false;
    absl::string_view after_date;
    int64_t after_seq = 0;
  };
  void VisitClaimsByUnit(
      absl::string_view unit_key, const ClaimCursor& cursor,
      const std::function<bool(int64_t seq, uint32_t article)>& visit) const;

  // The first `limit` claims of VisitClaimsByUnit(unit_key) (no cursor),
  // with what a quantity report compares of each, from memory.
  std::vector<ClaimKeyView> ClaimKeysByUnit(absl::string_view unit_key,
                                            size_t limit) const;

  // Whether any live quote is attributed to `speaker_id`.
  bool HasQuotesBy(absl::string_view speaker_id) const {
    auto it = speaker_ids_.find(speaker_id);
    return it != speaker_ids_.end() && !speaker_quotes_[it->second].empty();
  }

  // Number of quotes attributed to `speaker_id` and their distinct outlets
  // (sorted), as SQL over quotes joined to articles would count them.
  // An unknown speaker has 0 quotes and no outlets.
  void SpeakerStats(absl::string_view speaker_id, int* quote_count,
                    std::vector<std::string>* outlets) const;

  // The whole record of a hit, from memory.
  QuoteRecord Record(const Hit& hit) const;
  // A hit's quote text (a view into the index: valid while it is unchanged).
  absl::string_view Text(const Hit& hit) const {
    return fields_[hit.quote].text;
  }

  // The speaker ordinal of a hit's quote (one per speaker record), or
  // kNoSpeaker when it has none.
  static constexpr uint32_t kNoSpeaker = UINT32_MAX;
  uint32_t SpeakerOf(const Hit& hit) const {
    return quotes_[hit.quote].speaker;
  }

  // The match hash of a hit's quote.
  uint64_t MatchHash(const Hit& hit) const {
    return quotes_[hit.quote].match_hash;
  }

  // The ordinal of a live article (for ArticleEvidence), if indexed.
  std::optional<uint32_t> ArticleOrdinal(absl::string_view article_id) const {
    auto it = article_ids_.find(article_id);
    if (it == article_ids_.end()) return std::nullopt;
    return it->second;
  }

  // Article fields of a hit (span left empty).
  Evidence ArticleEvidence(uint32_t article) const;

  size_t quote_count() const { return live_quotes_; }
  // Quote slots held, live or dead: replaced and deleted quotes stay as dead
  // slots (in hash chains and posting lists) until the owner rebuilds the
  // index (SqliteStore does once they outnumber the live ones).
  size_t quote_slots() const { return quotes_.size(); }
  size_t dead_quotes() const { return quotes_.size() - live_quotes_; }
  size_t article_count() const { return article_ids_.size(); }

 private:
  static constexpr uint32_t kNone = UINT32_MAX;

  struct QuoteEntry {
    int64_t seq = 0;
    uint64_t match_hash = 0;
    uint32_t article = 0;
    uint32_t speaker = kNone;
    uint32_t next_same_hash = kNone;  // chain of quotes with this hash
    bool live = false;
  };
  // A quote's own fields; low-cardinality strings as StringPool ids.
  struct QuoteFields {
    std::string id;
    std::string text;
    extract::Span span, mention_span;
    uint32_t speaker_name = 0, mention = 0, role = 0, channel = 0,
             relayed_by = 0, cue = 0, rule = 0;
    float confidence = 0;
    uint8_t kind = 0;
    bool partial = false;
  };
  // Interned strings; id 0 is "".
  class StringPool {
   public:
    StringPool() { strings_.emplace_back(); }
    uint32_t Intern(absl::string_view s);
    const std::string& Get(uint32_t id) const { return strings_[id]; }

   private:
    absl::flat_hash_map<std::string, uint32_t> ids_;
    std::vector<std::string> strings_;
  };
  struct ArticleEntry {
    std::string id, outlet, url, title;
    uint32_t outlet_id = 0;  // outlet in pool_
    uint32_t date = 0;       // YYYYMMDD; 0 when undated
    int64_t ingested_unix_ms = 0;
    std::vector<uint32_t> quotes;
    std::vector<uint32_t> claims;  // claims_ slots
    bool live = false;
  };
  // A claim with a unit key; its row stays in SQLite.
  struct ClaimEntry {
    int64_t seq = 0;
    uint32_t article = 0;
    uint32_t unit = 0;  // unit_claims_ index
    extract::Interval interval;
    uint8_t kind = 0;
    bool is_delta = false;
  };

  class WordFeeder;  // Build's posting-list thread

  MemoryIndex() = default;

  // Build's steps: table sizes, then the articles, then the quotes.
  absl::Status Reserve(SqliteConnection* db);
  absl::Status LoadArticles(SqliteConnection* db);
  absl::Status LoadQuotes(SqliteConnection* db);
  absl::Status LoadClaims(SqliteConnection* db);

  uint32_t UpsertArticle(const IndexedArticle& a);
  void RemoveQuotesOf(uint32_t article);
  // Returns the new quote's ordinal; its fields_ entry is left empty.
  uint32_t AddQuote(uint32_t article, const IndexedArticle::Quote& q,
                    std::vector<uint32_t>* touched_speakers,
                    bool index_words = true);
  // Adds ordinal `ord` to the posting list of each word of `norm`.
  void AddWords(uint32_t ord, absl::string_view norm);
  void AddClaims(uint32_t article,
                 const std::vector<IndexedArticle::Claim>& claims,
                 std::vector<uint32_t>* touched_units);
  void RemoveClaimsOf(uint32_t article, std::vector<uint32_t>* touched_units);
  uint32_t AddClaim(uint32_t article, const IndexedArticle::Claim& c);
  // Unit-list order: newest date first, then seq (as the speaker lists).
  bool ClaimBefore(uint32_t a, uint32_t b) const;
  void SortUnit(uint32_t unit);
  uint32_t SpeakerOrdinal(absl::string_view id);
  void SortSpeaker(uint32_t speaker);
  // Speaker-list order: newest date first, then seq.
  bool SpeakerBefore(uint32_t a, uint32_t b) const;

  // QuoteEntry::live as a bitmap (1M quotes: 128 KB), so merging posting
  // lists does not touch a 32-byte entry per ordinal.
  bool IsLive(uint32_t q) const { return (live_bits_[q >> 6] >> (q & 63)) & 1; }
  void SetLive(uint32_t q, bool live);

  void SetFields(uint32_t q, QuoteRecord r);

  std::vector<QuoteEntry> quotes_;
  std::vector<QuoteFields> fields_;  // parallel to quotes_
  StringPool pool_;
  std::vector<std::string> speaker_names_;  // speaker ordinal -> id
  std::vector<uint64_t> live_bits_;
  size_t live_quotes_ = 0;
  // seq (a dense rowid) -> ordinal; kNone where no live quote has it.
  std::vector<uint32_t> by_seq_;
  uint32_t OrdinalOfSeq(int64_t seq) const {
    return seq >= 0 && static_cast<uint64_t>(seq) < by_seq_.size()
               ? by_seq_[static_cast<size_t>(seq)]
               : kNone;
  }
  absl::flat_hash_map<uint64_t, uint32_t> hash_head_;
  // word -> ordinals of the quotes holding it, ascending.
  absl::flat_hash_map<std::string, std::vector<uint32_t>> postings_;
  std::vector<ArticleEntry> articles_;
  absl::flat_hash_map<std::string, uint32_t> article_ids_;
  absl::flat_hash_map<std::string, uint32_t> speaker_ids_;
  std::vector<std::vector<uint32_t>> speaker_quotes_;  // SpeakerBefore order
  std::vector<ClaimEntry> claims_;  // slots; removed ones stay, unlisted
  absl::flat_hash_map<std::string, uint32_t> unit_ids_;
  std::vector<std::vector<uint32_t>> unit_claims_;  // ClaimBefore order
};

// "YYYY-MM-DD" -> YYYYMMDD; 0 for empty or malformed.
uint32_t PackDate(absl::string_view date);
std::string UnpackDate(uint32_t packed);

}  // namespace claimcheck::store

#endif  // CLAIMCHECK_SERVER_STORE_MEMORY_INDEX_H_
