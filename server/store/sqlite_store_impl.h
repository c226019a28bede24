// The SQLite Store's class. Internal to server/store: use OpenSqliteStore()
// from sqlite_store.h. Split over sqlite_store.cc (open, pool, stats),
// sqlite_store_write.cc (put, delete), sqlite_store_read.cc (queries),
// sqlite_store_speakers.cc (speaker merges), sqlite_store_stories.cc
// (stories), sqlite_store_watch.cc (watches and events) and
// sqlite_store_conflict_index.cc (conflicts kept at ingest).
//
// Thread-safe. Writes go through one connection behind `write_mu_`; reads
// lease one of several read-only connections (WAL lets them run alongside
// the writer) and run inside a read transaction, so each call sees one
// consistent snapshot.
//
// Quote lookups (by hash, approximate candidates, speaker pages, speaker
// quote counts) are answered from the in-memory index (memory_index.h),
// with no SQL but a speaker-exists check. The index is built at Open and
// changed only under
// `index_mu_` held exclusively, right after each write's COMMIT
// (CommitLocked): COMMIT (and its fsync) runs without `index_mu_`, so
// readers are not held up by the fsync, and the delta is applied before the
// write returns (acks follow both). See CommitLocked for the short window
// in which a reader's SQL may see a commit its index view does not yet have.
#ifndef CLAIMCHECK_SERVER_STORE_SQLITE_STORE_IMPL_H_
#define CLAIMCHECK_SERVER_STORE_SQLITE_STORE_IMPL_H_

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/synchronization/mutex.h"
#include "server/store/memory_index.h"
#include "server/store/page_token.h"
#include "server/store/prepared_article.h"
#include "server/store/speaker_names.h"
#include "server/store/speaker_profiles.h"
#include "server/store/sqlite_db.h"
#include "server/store/sqlite_store.h"
#include "server/store/store.h"

namespace claimcheck::store {

// Largest `limit` honoured by any listing; larger ones are capped.
inline constexpr int kMaxListLimit = 1000;
// Dead memory-index slots tolerated whatever the live count (see
// CompactIndexIfDueLocked).
inline constexpr size_t kCompactMinDeadQuotes = 4096;

class SqliteStore final : public Store {
 public:
  static absl::StatusOr<std::unique_ptr<Store>> Open(
      const SqliteOptions& options);
  ~SqliteStore() override;

  absl::StatusOr<std::vector<PutResult>> PutArticles(
      absl::Span<const PutRequest> articles) override;
  absl::StatusOr<ArticleRecord> GetArticle(absl::string_view id,
                                           bool with_text) override;
  absl::StatusOr<DeleteResult> DeleteArticle(absl::string_view id) override;
  absl::StatusOr<std::vector<QuoteRecord>> FindQuotesByHash(uint64_t match_hash,
                                                            int limit) override;
  absl::StatusOr<std::vector<QuoteRecord>> FindQuoteCandidates(
      absl::string_view text, int limit) override;
  absl::StatusOr<SpeakerRecord> GetSpeaker(
      absl::string_view id_or_name) override;
  absl::StatusOr<SpeakerName> ResolveSpeaker(
      absl::string_view id_or_name) override;
  absl::StatusOr<SpeakerPage> ListSpeakers(
      absl::string_view prefix, int limit,
      absl::string_view page_token) override;
  absl::StatusOr<QuotePage> ListSpeakerQuotes(
      const SpeakerQuotesQuery& query) override;
  absl::StatusOr<ClaimPage> FindClaims(const ClaimsQuery& query) override;
  absl::StatusOr<std::vector<ClaimKeyView>> ClaimKeysByUnit(
      absl::string_view unit_key, int limit) override
      ABSL_LOCKS_EXCLUDED(index_mu_);
  absl::StatusOr<std::vector<std::optional<ClaimRecord>>> ClaimsBySeq(
      absl::Span<const int64_t> seqs) override ABSL_LOCKS_EXCLUDED(index_mu_);
  absl::StatusOr<std::vector<QuoteRecord>> FindQuoteCandidatesWhere(
      absl::string_view text, int limit, const CandidateFilter& keep) override;
  absl::StatusOr<StoreStats> GetStats() override;

  // Stories; in sqlite_store_stories.cc.
  absl::StatusOr<StoryPage> ListStories(int limit,
                                        absl::string_view page_token) override;
  absl::StatusOr<StoryRecord> GetStory(absl::string_view id) override;
  // Kept conflicts; in sqlite_store_conflict_index.cc.
  void SetConflictFinder(ConflictFinder finder) override;
  absl::StatusOr<ConflictPage> ListConflicts(
      const ConflictQuery& query) override;
  bool WaitForConflicts(uint64_t generation, absl::Duration timeout) override
      ABSL_LOCKS_EXCLUDED(conflict_mu_);

  // Speaker identity; in sqlite_store_speakers.cc.
  absl::StatusOr<SpeakerMergeRecord> MergeSpeakers(
      absl::string_view from_id, absl::string_view into_id,
      absl::string_view reason) override;
  absl::StatusOr<SpeakerMergePage> ListSpeakerMerges(
      const SpeakerMergesQuery& query) override;
  absl::StatusOr<SpeakerMergeRecord> UndoSpeakerMerge(
      absl::string_view merge_id) override;
  // The profile the merge rule would be given for speaker `id`: the one kept
  // by delta (loaded from rows first if not cached) or, with `from_rows`,
  // one rebuilt from the database rows without touching the cache. For
  // tests of the delta bookkeeping.
  absl::StatusOr<SpeakerProfile> SpeakerProfileForTesting(absl::string_view id,
                                                          bool from_rows);

  // Watch registrations and the event log; in sqlite_store_watch.cc.
  void SetWatchMatcher(WatchMatcher matcher) override;
  absl::StatusOr<WatchRecord> AddWatch(absl::string_view text,
                                       absl::string_view speaker,
                                       int max_watches) override;
  absl::Status RemoveWatch(absl::string_view id) override;
  absl::StatusOr<std::vector<WatchRecord>> ListWatches() override;
  absl::Status RecordEvents(std::vector<WatchEventRecord>* events) override;
  absl::StatusOr<std::vector<WatchEventRecord>> ReadEvents(int64_t after_seq,
                                                           int limit) override;
  int64_t LastEventSeq() override { return last_event_seq_.load(); }
  uint64_t DataGeneration() override { return data_generation_.load(); }
  void SetEventListener(std::function<void(int64_t)> listener) override;

  // Quote slots of the memory index, live and dead (tests: compaction).
  size_t MemoryIndexSlots() ABSL_LOCKS_EXCLUDED(index_mu_);

 private:
  // A read connection leased from the pool; returned on destruction.
  class ReaderLease {
   public:
    ReaderLease(SqliteStore* store, SqliteConnection* conn)
        : store_(store), conn_(conn) {}
    ReaderLease(const ReaderLease&) = delete;
    ReaderLease& operator=(const ReaderLease&) = delete;
    ~ReaderLease() { store_->ReleaseReader(conn_); }
    SqliteConnection* operator->() const { return conn_; }
    SqliteConnection* get() const { return conn_; }

   private:
    SqliteStore* store_;
    SqliteConnection* conn_;
  };

  // What a write transaction collects as it goes and applies at its end:
  // full-text index rows it adds and removes (see sqlite_schema.cc for why
  // not by trigger), and the speakers its new quotes name.
  struct FtsChanges {
    // (seq, norm_text) of rows that are in the indexes now.
    std::vector<std::pair<int64_t, std::string>> deletes;
    // seq -> norm_text of rows written in this transaction, not yet indexed.
    std::map<int64_t, std::string> inserts;
    // (article id, speaker id) of every quote written, in write order;
    // `quote_hashes` is parallel (match hashes). Entries of an article
    // replaced later in the same transaction are removed.
    std::vector<std::pair<std::string, std::string>> quote_speakers;
    std::vector<uint64_t> quote_hashes;
  };

  // What the writer knows is in the speaker tables, so unchanged speakers,
  // aliases and roles cost no SQL on ingest. Entries are dropped whenever a
  // write may remove the rows; a failed transaction drops them all.
  struct KnownSpeaker {
    bool kind_set = false;           // the row's kind is not kUnknown
    std::vector<std::string> facts;  // "a" + alias, "r" + role rows present
  };

  // Drops the writer's caches unless Commit()ted: a rolled-back transaction
  // may have left entries for rows that were never written.
  class CacheGuard {
   public:
    explicit CacheGuard(SqliteStore* store) : store_(store) {}
    CacheGuard(const CacheGuard&) = delete;
    CacheGuard& operator=(const CacheGuard&) = delete;
    ~CacheGuard() {
      if (!committed_) store_->InvalidateCachesLocked();
      store_->index_articles_.clear();
      store_->index_speakers_.clear();
    }
    void Committed() { committed_ = true; }

   private:
    SqliteStore* store_;
    bool committed_ = false;
  };

  SqliteStore() = default;

  // Unix ms from the options' clock (or the system clock).
  int64_t NowMs() const;

  // Blocks until a reader is free.
  SqliteConnection* AcquireReader() ABSL_LOCKS_EXCLUDED(pool_mu_);
  void ReleaseReader(SqliteConnection* conn) ABSL_LOCKS_EXCLUDED(pool_mu_);

  // Commits `txn` (the writer's) and applies to the memory index what it
  // changed (`index_articles_`, `index_speakers_`), both under `index_mu_`.
  absl::Status CommitLocked(Transaction* txn)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(write_mu_) ABSL_LOCKS_EXCLUDED(index_mu_);
  // Rebuilds the memory index from SQLite once its dead quote slots (left
  // by replaces and deletes) outnumber the live quotes and
  // kCompactMinDeadQuotes, so memory follows the live data, not the churn.
  // Amortised: a rebuild costs about as much as the writes that made it due.
  absl::Status CompactIndexIfDueLocked()
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(write_mu_) ABSL_LOCKS_EXCLUDED(index_mu_);

  // WAL checkpoints run here, on their own connection, never inline on the
  // writer (whose wal_hook only wakes this thread): PASSIVE once the WAL
  // has kCheckpointPages new frames (or every kCheckpointIntervalMs while
  // frames are pending); RESTART, which briefly holds off the writer, only
  // when the WAL has grown past kMaxWalPages because PASSIVE kept losing the
  // race with a writer that never pauses. Durability does not depend on it:
  // a commit is durable once fsynced to the WAL (synchronous=FULL).
  void CheckpointLoop() ABSL_LOCKS_EXCLUDED(ckpt_mu_);
  static int WalHook(void* store, sqlite3* db, const char* name, int frames);
  // The backstop for CheckpointLoop: when the WAL has grown well past its
  // background bound anyway (the checkpointer starved of CPU, say), the
  // writer checkpoints it (RESTART) itself before taking the next write.
  void BoundWalLocked() ABSL_EXCLUSIVE_LOCKS_REQUIRED(write_mu_);

  // Records of `hits`, from the memory index.
  std::vector<QuoteRecord> RecordsOf(const std::vector<MemoryIndex::Hit>& hits)
      ABSL_SHARED_LOCKS_REQUIRED(index_mu_);

  // FindClaims for a unit key: the claims in order from the memory index,
  // each row read by seq with the query's other filters, the evidence from
  // the index. `fingerprint`, `after` and `limit` as FindClaims made them.
  struct ClaimFilter {
    std::string subject_key;
    int64_t kind_mask = 0;
    uint64_t fingerprint = 0;
    bool has_cursor = false;
    PageCursor after;
    int limit = 0;
  };
  absl::StatusOr<ClaimPage> FindClaimsByUnit(const ClaimsQuery& query,
                                             const ClaimFilter& filter)
      ABSL_LOCKS_EXCLUDED(index_mu_);

  // Write-path steps; all run inside the caller's transaction.
  absl::StatusOr<PutResult> PutOneLocked(const PutRequest& request,
                                         int64_t now_ms, FtsChanges* fts)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(write_mu_);
  // PutOneLocked's steps: the (id, version) an SQL literal selects from
  // `articles` with `value` as ?1, if any; a replacement in place (version +
  // 1); a new article.
  struct ArticleVersion {
    std::string id;
    int version = 0;
  };
  absl::StatusOr<std::optional<ArticleVersion>> FindArticleLocked(
      const char* sql, const std::string& value)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(write_mu_);
  absl::StatusOr<PutResult> ReplaceArticleLocked(
      const PutRequest& request, const PreparedArticle& prepared,
      const ArticleVersion& old, int64_t now_ms, FtsChanges* fts)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(write_mu_);
  absl::StatusOr<PutResult> InsertArticleLocked(const PutRequest& request,
                                                const PreparedArticle& prepared,
                                                int64_t now_ms, FtsChanges* fts)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(write_mu_);
  absl::Status InsertExtractionLocked(const std::string& article_id,
                                      int version,
                                      const extract::Extraction& extraction,
                                      const PreparedArticle& prepared,
                                      FtsChanges* fts)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(write_mu_);
  // Loads the speaker name index and the merged-away set if a failed
  // transaction (or Open) left them invalid.
  absl::Status EnsureCachesLocked() ABSL_EXCLUSIVE_LOCKS_REQUIRED(write_mu_);
  // EnsureCachesLocked, then BEGIN IMMEDIATE on the writer: how a single
  // write (merge, undo, delete) starts, under a CacheGuard.
  absl::StatusOr<Transaction> BeginWriteLocked()
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(write_mu_);
  void InvalidateCachesLocked() ABSL_EXCLUSIVE_LOCKS_REQUIRED(write_mu_);
  // Records the article's quotes in `fts` for removal from the indexes and
  // gives its by-reference events their copies (CopyEventsOfArticleLocked);
  // with `delete_rows`, also deletes them (and the article's claims).
  absl::Status DropQuotesOfArticleLocked(const std::string& article_id,
                                         bool delete_rows, FtsChanges* fts)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(write_mu_);
  absl::Status ApplyFtsLocked(const FtsChanges& fts)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(write_mu_);
  // Ensures the speaker row of `prepared.speaker_key` exists; returns its
  // id (empty when the quote has no speaker).
  absl::StatusOr<std::string> UpsertSpeakerLocked(const extract::Quote& quote,
                                                  const PreparedQuote& prepared)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(write_mu_);
  absl::Status AddAliasAndRoleLocked(const std::string& speaker_id,
                                     const extract::Quote& quote)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(write_mu_);
  absl::StatusOr<std::vector<std::string>> SpeakersOfArticleLocked(
      const std::string& article_id) ABSL_EXCLUSIVE_LOCKS_REQUIRED(write_mu_);
  // Re-derives aliases and roles of `speaker_ids` from their remaining
  // quotes and drops speakers left with none.
  absl::Status RebuildSpeakersLocked(
      const std::vector<std::string>& speaker_ids)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(write_mu_);

  // ---- Watch hooks (sqlite_store_watch.cc) ----
  // Called by PutArticles for each article it wrote (not kUnchanged): runs
  // the matcher on each quote against the registrations sharing words with
  // it and appends the events. `quote_id_prefix` + ordinal is a quote's id.
  absl::Status RecordWatchEventsLocked(const PutRequest& request,
                                       const PutResult& result,
                                       absl::string_view quote_id_prefix,
                                       int64_t now_ms)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(write_mu_);
  // Inserts `event` into the open transaction's log; sets its seq. With
  // `by_ref`, the caller promises that the occurrence is a quote or claim
  // row of this store, as stored (id, text, speaker, span, article
  // fields): the row keeps its id and article id only, and reads the rest
  // back from those rows (schema v10).
  absl::Status AppendEventLocked(WatchEventRecord* event, bool by_ref)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(write_mu_);
  // Gives the article's by-reference events a copy of what they read now.
  // Called before its quote or claim rows or its article fields change, so
  // that those events read the same afterwards.
  absl::Status CopyEventsOfArticleLocked(const std::string& article_id)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(write_mu_);
  absl::Status EnsureWatchesLocked() ABSL_EXCLUSIVE_LOCKS_REQUIRED(write_mu_);
  void IndexWatchesLocked() ABSL_EXCLUSIVE_LOCKS_REQUIRED(write_mu_);
  // After a commit: publishes the events the transaction appended and
  // returns the newest seq (0 when none). After a rollback: forgets them.
  int64_t TakeCommittedEventsLocked(bool committed)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(write_mu_);
  // Calls the listener (outside write_mu_).
  void NotifyEvents(int64_t seq) ABSL_LOCKS_EXCLUDED(write_mu_);
  // ---- Kept conflicts (sqlite_store_conflict_index.cc) ----
  // Recomputes the groups the triggers marked dirty, in transactions of
  // `max_keys` dirty keys each, until none is left. No-op without a finder.
  // With `events`, each conflict not kept before appends a Watch event
  // (kConflict, no watch id) in the same transaction; the caller publishes
  // them (TakeCommittedEventsLocked). Marks the conflicts caught up with
  // every commit so far once no key is left.
  absl::Status RefreshConflictsLocked(bool events, int max_keys)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(write_mu_) ABSL_LOCKS_EXCLUDED(index_mu_);
  // One such transaction, which takes no further key once `budget` has
  // passed. True when no dirty key was left to take. Stops with CANCELLED
  // (keys left dirty) once the store is closing.
  absl::StatusOr<bool> RefreshConflictBatchLocked(bool events, int max_keys,
                                                  absl::Time budget)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(write_mu_) ABSL_LOCKS_EXCLUDED(index_mu_);
  // What CommitLocked does for the kept conflicts: inline mode refreshes;
  // background mode applies backpressure (see
  // SqliteOptions::max_conflict_backlog) and wakes ConflictLoop.
  void AfterCommitConflictsLocked() ABSL_EXCLUSIVE_LOCKS_REQUIRED(write_mu_)
      ABSL_LOCKS_EXCLUDED(index_mu_, conflict_mu_);
  // Dirty keys stored, counted up to `cap` (on `db`, in its transaction).
  static absl::StatusOr<int64_t> CountDirtyKeys(SqliteConnection* db,
                                                int64_t cap);
  // Background mode: takes the dirty keys in small batches, each its own
  // turn of write_mu_, publishing their events, until none is left; then
  // sleeps until a commit wakes it. Returns when the store closes.
  void ConflictLoop() ABSL_LOCKS_EXCLUDED(write_mu_, conflict_mu_);
  // One batch of ConflictLoop (at most kTurnBudgetMs of keys); true when no
  // key was left (or on failure, after which the loop waits a little).
  bool ConflictLoopTurn() ABSL_LOCKS_EXCLUDED(write_mu_, conflict_mu_);
  void MarkConflictsCaughtUpLocked() ABSL_EXCLUSIVE_LOCKS_REQUIRED(write_mu_)
      ABSL_LOCKS_EXCLUDED(conflict_mu_);
  void WakeConflictLoop() ABSL_LOCKS_EXCLUDED(conflict_mu_);
  // Between background turns: waits while a PutArticles waits for
  // write_mu_.
  void YieldToWriters() ABSL_LOCKS_EXCLUDED(conflict_mu_);
  // Normalised quote text -> the match hashes of its close variants
  // (MemoryIndex::Candidates, kVariantHashes of them, in that order), for
  // one refresh: the index cannot change while write_mu_ is held and no
  // commit runs, and one text is asked for by its own group, by the groups
  // of its variants and by the refresh itself.
  using VariantMemo = absl::flat_hash_map<std::string, std::vector<uint64_t>>;
  const std::vector<uint64_t>& VariantHashesLocked(const std::string& norm,
                                                   VariantMemo* memo)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(write_mu_)
          ABSL_SHARED_LOCKS_REQUIRED(index_mu_);
  // Adds to `keys` the groups of the close variants of the quotes of the
  // attribution keys in `dirty` and of `texts` (normalised texts of changed
  // quotes; the quotes' own texts are appended to it).
  void AddVariantGroupsLocked(const std::vector<std::string>& dirty,
                              std::vector<std::string>* texts,
                              std::set<std::string>* keys, VariantMemo* memo)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(write_mu_) ABSL_LOCKS_EXCLUDED(index_mu_);
  absl::Status RecomputeConflictGroupLocked(const std::string& key, bool events,
                                            VariantMemo* memo)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(write_mu_) ABSL_LOCKS_EXCLUDED(index_mu_);
  // The conflicts kept for group `key`: id -> the digest of the row's other
  // columns (RowDigest in sqlite_store_conflict_index.cc).
  absl::StatusOr<absl::flat_hash_map<std::string, int64_t>> KeptConflictsLocked(
      const std::string& key) ABSL_EXCLUSIVE_LOCKS_REQUIRED(write_mu_);
  absl::StatusOr<ConflictGroup> ReadConflictGroupLocked(const std::string& key,
                                                        VariantMemo* memo)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(write_mu_) ABSL_LOCKS_EXCLUDED(index_mu_);

  // ---- Story hooks (sqlite_store_stories.cc) ----
  // Puts a newly written article in its story (see StoryRecord): links it to
  // the stored articles SameStory finds among its bucket candidates, at most
  // kMaxBucketCandidates per bucket (sqlite_store_stories.cc), and joins
  // their stories.
  absl::Status AssignStoryLocked(const std::string& article_id,
                                 const std::string& published_date,
                                 const story::Signature& signature)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(write_mu_);
  // Takes the article out of its story and re-derives the components of the
  // rest of that story (pairwise, at most kMaxStoryArticles members).
  absl::Status RemoveFromStoryLocked(const std::string& article_id)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(write_mu_);

  // ---- Speaker identity hooks (sqlite_store_speakers.cc) ----
  // Called by PutArticles inside its transaction, after the articles are
  // written: points quotes of merged-away spellings at the kept speaker and
  // merges new spelling variants the merge rule finds evidence for.
  // Only the speakers of `quote_speakers` (from FtsChanges) are looked at;
  // variant candidates come from `speaker_names_`, so the cost follows the
  // batch, not the database.
  // Also adds the written articles to the kept profiles (profiles_).
  absl::Status ReconcileSpeakersLocked(
      const std::vector<std::pair<std::string, std::string>>& quote_speakers,
      const std::vector<uint64_t>& quote_hashes)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(write_mu_);
  absl::StatusOr<SpeakerMergeRecord> MergeSpeakersLocked(
      const std::string& from_id, const std::string& into_id,
      const std::string& reason, int64_t now_ms)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(write_mu_);
  // The profile of `id` for the merge rule: name, kind and roles from the
  // speaker tables, the rest from `profiles_` (loaded from rows and cached
  // if absent; `from_rows` rebuilds it from rows and leaves the cache be).
  absl::StatusOr<SpeakerProfile> LoadProfileLocked(const std::string& id,
                                                   bool from_rows = false)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(write_mu_);
  // Quote count, match hashes and co-speakers of `id`, from its quote rows.
  absl::StatusOr<KeptProfile> KeptProfileFromRowsLocked(const std::string& id)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(write_mu_);
  // Adds the articles of `quote_speakers` / `quote_hashes` (FtsChanges) to
  // the cached profiles; `redirected` maps (article, speaker) pairs moved to
  // a kept speaker by ReconcileSpeakersLocked to that speaker's id.
  void AddToProfilesLocked(
      const std::vector<std::pair<std::string, std::string>>& quote_speakers,
      const std::vector<uint64_t>& quote_hashes,
      const absl::flat_hash_map<std::pair<std::string, std::string>,
                                std::string>& redirected)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(write_mu_);
  // Adds the names merged into `into_id` (active merges) as its aliases.
  // ReconcileSpeakersLocked's steps: quotes of `pairs` (article, speaker)
  // under a merged-away spelling moved to the speaker kept (the pair then
  // names it; `redirected` records each move); then the new spelling
  // variants of speaker `id` merged on the rule's evidence.
  absl::Status RedirectMergedAwayLocked(
      std::vector<std::pair<std::string, std::string>>* pairs,
      absl::flat_hash_map<std::pair<std::string, std::string>, std::string>*
          redirected) ABSL_EXCLUSIVE_LOCKS_REQUIRED(write_mu_);
  absl::Status MergeVariantsOfLocked(const std::string& id, int64_t now_ms)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(write_mu_);
  // UndoSpeakerMerge's steps: the speaker keys that belong to `from_id`
  // (its own `from_key`, and those still merged into it); then its quotes
  // (those `holder` holds under one of `keys`) moved back to it.
  absl::StatusOr<std::vector<std::string>> MergedKeysLocked(
      const std::string& from_id, const std::string& from_key)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(write_mu_);
  absl::Status MoveQuotesBackLocked(const std::string& holder,
                                    const std::vector<std::string>& keys,
                                    const std::string& from_id)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(write_mu_);
  // Records `alias` (a name as written) for the speaker; a known one is
  // left as it is.
  absl::Status AddAliasLocked(const std::string& speaker_id,
                              absl::string_view alias)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(write_mu_);
  absl::Status AddMergedAliasesLocked(const std::string& into_id)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(write_mu_);
  // The speaker `id` ends up in after following active merges.
  absl::StatusOr<std::string> FollowMergesLocked(const std::string& id)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(write_mu_);

  // Read-path helpers; `conn` is a leased reader inside a read transaction.
  // Quote count and outlets come from the memory index.
  absl::StatusOr<SpeakerRecord> LoadSpeaker(SqliteConnection* conn,
                                            const std::string& id)
      ABSL_SHARED_LOCKS_REQUIRED(index_mu_);
  static absl::StatusOr<std::string> ResolveSpeakerId(
      SqliteConnection* conn, absl::string_view id_or_name);
  // OK if a speaker row has this id, else NOT_FOUND (leases a reader).
  absl::Status CheckSpeakerExists(const std::string& id);

  std::string path_;
  std::string token_secret_;        // immutable after Open()
  std::function<int64_t()> clock_;  // immutable after Open(); may be empty

  absl::Mutex write_mu_;
  std::unique_ptr<SqliteConnection> writer_ ABSL_GUARDED_BY(write_mu_);
  // Kept conflicts: set once before serving (SetConflictFinder).
  ConflictFinder conflict_finder_ ABSL_GUARDED_BY(write_mu_);
  // From the options, immutable after Open().
  bool conflicts_in_background_ = true;
  int64_t max_conflict_backlog_ = 0;
  // Background refresh (ConflictLoop). `conflicts_caught_up_` is the
  // data_generation_ every commit up to which the kept conflicts reflect;
  // -1 until the first pass with the finder set has found no key left.
  absl::Mutex conflict_mu_ ABSL_ACQUIRED_AFTER(write_mu_);
  bool conflict_wake_ ABSL_GUARDED_BY(conflict_mu_) = true;  // a first pass
  bool conflict_stop_ ABSL_GUARDED_BY(conflict_mu_) = false;
  int64_t conflicts_caught_up_ ABSL_GUARDED_BY(conflict_mu_) = -1;
  std::atomic<bool> closing_{false};    // checked between groups
  std::atomic<int> writes_waiting_{0};  // PutArticles calls before write_mu_
  std::thread conflict_thread_;
  // Speaker identity: from the options, immutable after Open().
  SpeakerMergeRule merge_rule_ ABSL_GUARDED_BY(write_mu_);
  // Writer caches (see KnownSpeaker, speaker_names.h); rebuilt from the
  // database when `caches_valid_` is false.
  bool caches_valid_ ABSL_GUARDED_BY(write_mu_) = false;
  absl::flat_hash_map<std::string, KnownSpeaker> known_speakers_
      ABSL_GUARDED_BY(write_mu_);
  SpeakerNameIndex speaker_names_ ABSL_GUARDED_BY(write_mu_);
  // from_id of every active merge.
  absl::flat_hash_set<std::string> merged_away_ ABSL_GUARDED_BY(write_mu_);
  // Profiles of the speakers the merge rule has been asked about, kept by
  // delta (speaker_profiles.h).
  SpeakerProfileCache profiles_ ABSL_GUARDED_BY(write_mu_);

  // What the current write transaction changed, for the memory index:
  // articles written or deleted, speakers whose quotes were reassigned.
  std::vector<std::string> index_articles_ ABSL_GUARDED_BY(write_mu_);
  std::vector<std::string> index_speakers_ ABSL_GUARDED_BY(write_mu_);

  // Watch (sqlite_store_watch.cc): registrations, an index from their
  // longer words to positions in `watches_`, the matcher and the newest
  // event seq appended by the open transaction.
  WatchMatcher watch_matcher_ ABSL_GUARDED_BY(write_mu_);
  bool watches_loaded_ ABSL_GUARDED_BY(write_mu_) = false;
  std::vector<WatchRecord> watches_ ABSL_GUARDED_BY(write_mu_);
  absl::flat_hash_map<std::string, std::vector<size_t>> watch_words_
      ABSL_GUARDED_BY(write_mu_);
  std::vector<size_t> watch_word_counts_ ABSL_GUARDED_BY(write_mu_);
  int64_t pending_event_seq_ ABSL_GUARDED_BY(write_mu_) = 0;
  std::atomic<int64_t> last_event_seq_{0};  // newest committed event
  // Bumped by CommitLocked once a commit is applied to the index.
  std::atomic<uint64_t> data_generation_{0};
  absl::Mutex listener_mu_;
  std::function<void(int64_t)> event_listener_ ABSL_GUARDED_BY(listener_mu_);

  // Acquired after write_mu_ and before pool_mu_, never the other way.
  absl::Mutex index_mu_ ABSL_ACQUIRED_AFTER(write_mu_);
  std::unique_ptr<MemoryIndex> index_ ABSL_GUARDED_BY(index_mu_);

  // Background checkpointer (CheckpointLoop).
  absl::Mutex ckpt_mu_;
  int wal_frames_ ABSL_GUARDED_BY(ckpt_mu_) = 0;  // WAL size at last commit
  bool ckpt_pending_ ABSL_GUARDED_BY(ckpt_mu_) = false;
  bool ckpt_stop_ ABSL_GUARDED_BY(ckpt_mu_) = false;
  std::unique_ptr<SqliteConnection> checkpointer_;  // only its thread uses it
  std::thread checkpoint_thread_;

  absl::Mutex pool_mu_;
  std::vector<SqliteConnection*> idle_readers_ ABSL_GUARDED_BY(pool_mu_);
  // Owns every reader; fixed after Open().
  std::vector<std::unique_ptr<SqliteConnection>> readers_;
};

}  // namespace claimcheck::store

#endif  // CLAIMCHECK_SERVER_STORE_SQLITE_STORE_IMPL_H_
