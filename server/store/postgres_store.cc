// PostgresStore: see postgres_store.h for the design. The class lives here;
// the log format is change_codec.h, the schema postgres_schema.h.
#include "server/store/postgres_store.h"

#include <poll.h>
#include <stdlib.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <fstream>
#include <map>
#include <thread>
#include <utility>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "server/base/status_macros.h"
#include "server/store/change_codec.h"
#include "server/store/pg_conn.h"
#include "server/store/postgres_schema.h"
#include "server/store/sqlite_store.h"

namespace claimcheck::store {
namespace {

constexpr char kChannel[] = "claimcheck_changes";
constexpr int kApplyBatch = 256;  // log rows read per query
constexpr int kInitialBackoffMs = 100;
constexpr char kCacheFile[] = "replica.db";
constexpr char kRefused[] =
    "; writes are refused until it is back; queries are answered from this"
    " replica's copy";
constexpr char kResumeFile[] = "replica.applied";

// Exponential backoff between connection attempts; not thread-safe.
class Backoff {
 public:
  explicit Backoff(int max_ms) : max_ms_(max_ms) {}
  bool Due() const { return absl::Now() >= next_; }
  absl::Duration Left() const { return next_ - absl::Now(); }
  void Failed() {
    delay_ms_ =
        delay_ms_ == 0 ? kInitialBackoffMs : std::min(delay_ms_ * 2, max_ms_);
    next_ = absl::Now() + absl::Milliseconds(delay_ms_);
  }
  void Succeeded() {
    delay_ms_ = 0;
    next_ = absl::InfinitePast();
  }

 private:
  int max_ms_;
  int delay_ms_ = 0;
  absl::Time next_ = absl::InfinitePast();
};

void RemoveCacheFiles(const std::string& dir) {
  for (const char* suffix : {"", "-wal", "-shm"}) {
    std::remove(absl::StrCat(dir, "/", kCacheFile, suffix).c_str());
  }
}

// True when applying a change failed in the copy's storage (retry later),
// not as the store's answer to it (NOT_FOUND, INVALID_ARGUMENT, a full
// watch list), which every replica gives alike.
bool IsStorageFailure(const absl::Status& s, ChangeKind kind) {
  switch (s.code()) {
    case absl::StatusCode::kInternal:
    case absl::StatusCode::kUnavailable:
    case absl::StatusCode::kDataLoss:
      return true;
    case absl::StatusCode::kResourceExhausted:
      return kind != ChangeKind::kAddWatch;
    default:
      return false;
  }
}

// What applying one change gave, kept for the replica that wrote it.
struct Applied {
  absl::Status status;
  std::vector<PutResult> puts;
  DeleteResult deleted;
  SpeakerMergeRecord merge;
  WatchRecord watch;
  std::vector<WatchEventRecord> events;
};

class PostgresStore final : public Store {
 public:
  static absl::StatusOr<std::unique_ptr<Store>> Open(
      const PostgresOptions& options);
  ~PostgresStore() override;

  // ---- Writes: appended to the log, answered once applied here. ----
  absl::StatusOr<std::vector<PutResult>> PutArticles(
      absl::Span<const PutRequest> articles) override;
  absl::StatusOr<DeleteResult> DeleteArticle(absl::string_view id) override;
  absl::StatusOr<SpeakerMergeRecord> MergeSpeakers(
      absl::string_view from_id, absl::string_view into_id,
      absl::string_view reason) override;
  absl::StatusOr<SpeakerMergeRecord> UndoSpeakerMerge(
      absl::string_view merge_id) override;
  absl::StatusOr<WatchRecord> AddWatch(absl::string_view text,
                                       absl::string_view speaker,
                                       int max_watches) override;
  absl::Status RemoveWatch(absl::string_view id) override;
  absl::Status RecordEvents(std::vector<WatchEventRecord>* events) override;

  // ---- Reads and hooks: the replica's copy. ----
  absl::StatusOr<ArticleRecord> GetArticle(absl::string_view id,
                                           bool with_text) override {
    return local_->GetArticle(id, with_text);
  }
  absl::StatusOr<std::vector<QuoteRecord>> FindQuotesByHash(
      uint64_t hash, int limit) override {
    return local_->FindQuotesByHash(hash, limit);
  }
  absl::StatusOr<std::vector<QuoteRecord>> FindQuoteCandidates(
      absl::string_view text, int limit) override {
    return local_->FindQuoteCandidates(text, limit);
  }
  absl::StatusOr<std::vector<QuoteRecord>> FindQuoteCandidatesWhere(
      absl::string_view text, int limit, const CandidateFilter& keep) override {
    return local_->FindQuoteCandidatesWhere(text, limit, keep);
  }
  absl::StatusOr<SpeakerRecord> GetSpeaker(absl::string_view id) override {
    return local_->GetSpeaker(id);
  }
  absl::StatusOr<SpeakerPage> ListSpeakers(
      absl::string_view prefix, int limit,
      absl::string_view page_token) override {
    return local_->ListSpeakers(prefix, limit, page_token);
  }
  absl::StatusOr<QuotePage> ListSpeakerQuotes(
      const SpeakerQuotesQuery& query) override {
    return local_->ListSpeakerQuotes(query);
  }
  absl::StatusOr<ClaimPage> FindClaims(const ClaimsQuery& query) override {
    return local_->FindClaims(query);
  }
  absl::StatusOr<StoreStats> GetStats() override { return local_->GetStats(); }
  absl::StatusOr<StoryPage> ListStories(int limit,
                                        absl::string_view token) override {
    return local_->ListStories(limit, token);
  }
  absl::StatusOr<StoryRecord> GetStory(absl::string_view id) override {
    return local_->GetStory(id);
  }
  void SetConflictFinder(ConflictFinder finder) override {
    local_->SetConflictFinder(std::move(finder));
  }
  absl::StatusOr<ConflictPage> ListConflicts(
      const ConflictQuery& query) override {
    return local_->ListConflicts(query);
  }
  bool WaitForConflicts(uint64_t generation, absl::Duration timeout) override {
    return local_->WaitForConflicts(generation, timeout);
  }
  absl::StatusOr<SpeakerMergePage> ListSpeakerMerges(
      const SpeakerMergesQuery& query) override {
    return local_->ListSpeakerMerges(query);
  }
  void SetWatchMatcher(WatchMatcher matcher) override {
    local_->SetWatchMatcher(std::move(matcher));
  }
  absl::StatusOr<std::vector<WatchRecord>> ListWatches() override {
    return local_->ListWatches();
  }
  absl::StatusOr<std::vector<WatchEventRecord>> ReadEvents(int64_t after_seq,
                                                           int limit) override {
    return local_->ReadEvents(after_seq, limit);
  }
  int64_t LastEventSeq() override { return local_->LastEventSeq(); }
  uint64_t DataGeneration() override { return local_->DataGeneration(); }
  void SetEventListener(std::function<void(int64_t)> listener) override {
    local_->SetEventListener(std::move(listener));
  }

 private:
  explicit PostgresStore(const PostgresOptions& options)
      : options_(options),
        write_backoff_(options.max_backoff_ms),
        apply_backoff_(options.max_backoff_ms) {}

  absl::Status OpenLocal(const std::string& secret, const std::string& log_id);

  // Appends `change` and returns what applying it here gave.
  absl::StatusOr<Applied> Write(const Change& change)
      ABSL_LOCKS_EXCLUDED(write_mu_, apply_mu_);
  // Appends in one transaction; returns the entry's seq.
  absl::StatusOr<int64_t> AppendLocked(const Change& change)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(write_mu_);
  // A live writer connection, made again when lost (with backoff).
  absl::Status EnsureWriterLocked() ABSL_EXCLUSIVE_LOCKS_REQUIRED(write_mu_);
  // The answer to a write that could not reach PostgreSQL (`cause`):
  // UNAVAILABLE saying that reads go on; the connection is dropped and made
  // again after the backoff.
  absl::Status RefuseWriteLocked(const absl::Status& cause)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(write_mu_);

  // Applies every committed entry after applied_seq_.
  absl::Status CatchUp() ABSL_LOCKS_EXCLUDED(apply_mu_);
  absl::Status CatchUpLocked() ABSL_EXCLUSIVE_LOCKS_REQUIRED(apply_mu_);
  Applied ApplyLocked(const Change& change)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(apply_mu_);

  // The LISTEN thread: waits for notifications (or the poll interval) and
  // catches up; re-makes its connection with backoff.
  void FollowLoop();

  const PostgresOptions options_;
  std::string cache_dir_;
  bool remove_cache_dir_ = false;
  std::string log_id_;
  std::unique_ptr<Store> local_;  // immutable after Open()
  // Time of the change being applied: the copy's clock.
  std::atomic<int64_t> apply_time_ms_{0};

  absl::Mutex write_mu_ ABSL_ACQUIRED_BEFORE(apply_mu_);
  std::unique_ptr<PgConnection> writer_ ABSL_GUARDED_BY(write_mu_);
  Backoff write_backoff_ ABSL_GUARDED_BY(write_mu_);
  absl::Status last_write_error_ ABSL_GUARDED_BY(write_mu_);

  absl::Mutex apply_mu_;
  std::unique_ptr<PgConnection> applier_ ABSL_GUARDED_BY(apply_mu_);
  Backoff apply_backoff_ ABSL_GUARDED_BY(apply_mu_);
  int64_t applied_seq_ ABSL_GUARDED_BY(apply_mu_) = 0;
  // Seqs this replica appended and waits for; their results once applied.
  absl::flat_hash_set<int64_t> own_pending_ ABSL_GUARDED_BY(apply_mu_);
  std::map<int64_t, Applied> own_results_ ABSL_GUARDED_BY(apply_mu_);

  std::atomic<bool> stop_{false};
  std::thread follower_;
};

absl::StatusOr<std::unique_ptr<Store>> PostgresStore::Open(
    const PostgresOptions& options) {
  std::unique_ptr<PostgresStore> store(new PostgresStore(options));
  std::string secret;
  {
    absl::MutexLock lock(&store->write_mu_);
    CC_ASSIGN_OR_RETURN(
        store->writer_,
        PgConnection::Connect(options.conninfo, options.connect_timeout_s));
    CC_RETURN_IF_ERROR(MigratePostgres(store->writer_.get()));
    CC_ASSIGN_OR_RETURN(
        PgResult meta,
        store->writer_->Exec("SELECT key, value FROM claimcheck_meta WHERE"
                             " key IN ('page_token_secret', 'log_id')"));
    for (int r = 0; r < meta.rows(); ++r) {
      (meta.Text(r, 0) == "log_id" ? store->log_id_ : secret) = meta.Text(r, 1);
    }
  }
  CC_RETURN_IF_ERROR(store->OpenLocal(secret, store->log_id_));
  {
    absl::MutexLock lock(&store->apply_mu_);
    CC_ASSIGN_OR_RETURN(
        store->applier_,
        PgConnection::Connect(options.conninfo, options.connect_timeout_s));
  }
  CC_RETURN_IF_ERROR(store->CatchUp());
  store->follower_ = std::thread([s = store.get()] { s->FollowLoop(); });
  return std::unique_ptr<Store>(std::move(store));
}

absl::Status PostgresStore::OpenLocal(const std::string& secret,
                                      const std::string& log_id) {
  cache_dir_ = options_.cache_dir;
  if (cache_dir_.empty()) {
    const char* tmp = getenv("TMPDIR");
    std::string tmpl = absl::StrCat(tmp != nullptr && *tmp ? tmp : "/tmp",
                                    "/claimcheck-replica-XXXXXX");
    if (mkdtemp(tmpl.data()) == nullptr) {
      return absl::InternalError(
          absl::StrCat("cannot create a replica cache directory ", tmpl));
    }
    cache_dir_ = tmpl;
    remove_cache_dir_ = true;
  }
  // Resume only from a copy closed cleanly against this very log.
  const std::string resume = absl::StrCat(cache_dir_, "/", kResumeFile);
  int64_t resume_seq = 0;
  {
    std::ifstream in(resume);
    std::string id;
    if (!(in >> id >> resume_seq) || id != log_id) resume_seq = 0;
  }
  std::remove(resume.c_str());
  if (resume_seq == 0) RemoveCacheFiles(cache_dir_);
  SqliteOptions so;
  so.path = absl::StrCat(cache_dir_, "/", kCacheFile);
  so.merge_rule = options_.merge_rule;
  so.page_token_secret = secret;
  so.durable = false;
  // Inline: conflict event seqs must be a function of the log (above).
  so.conflicts_in_background = false;
  so.clock = [this] { return apply_time_ms_.load(); };
  CC_ASSIGN_OR_RETURN(local_, OpenSqliteStore(so));
  if (options_.watch_matcher) local_->SetWatchMatcher(options_.watch_matcher);
  if (options_.conflict_finder) {
    local_->SetConflictFinder(options_.conflict_finder);
  }
  absl::MutexLock lock(&apply_mu_);
  applied_seq_ = resume_seq;
  return absl::OkStatus();
}

PostgresStore::~PostgresStore() {
  stop_ = true;
  if (follower_.joinable()) follower_.join();
  int64_t applied = 0;
  {
    absl::MutexLock lock(&apply_mu_);
    applied = applied_seq_;
  }
  local_.reset();
  if (remove_cache_dir_) {
    RemoveCacheFiles(cache_dir_);
    rmdir(cache_dir_.c_str());
  } else if (!cache_dir_.empty()) {
    std::ofstream(absl::StrCat(cache_dir_, "/", kResumeFile))
        << log_id_ << " " << applied << "\n";
  }
}

// ---- Writing ----

absl::Status PostgresStore::RefuseWriteLocked(const absl::Status& cause) {
  writer_.reset();  // made again, after the backoff, by the next write
  write_backoff_.Failed();
  last_write_error_ = cause;
  return absl::UnavailableError(absl::StrCat(cause.message(), kRefused));
}

absl::Status PostgresStore::EnsureWriterLocked() {
  if (writer_ != nullptr && writer_->ok()) return absl::OkStatus();
  if (!write_backoff_.Due()) {
    return absl::UnavailableError(absl::StrCat(
        last_write_error_.message(), kRefused, " (next attempt in ",
        absl::ToInt64Milliseconds(write_backoff_.Left()), " ms)"));
  }
  absl::StatusOr<std::unique_ptr<PgConnection>> c =
      PgConnection::Connect(options_.conninfo, options_.connect_timeout_s);
  if (!c.ok()) return RefuseWriteLocked(c.status());
  write_backoff_.Succeeded();
  writer_ = std::move(*c);
  return absl::OkStatus();
}

absl::StatusOr<int64_t> PostgresStore::AppendLocked(const Change& change) {
  CC_RETURN_IF_ERROR(EnsureWriterLocked());
  PgConnection* db = writer_.get();
  absl::StatusOr<PgResult> row = db->Exec("BEGIN");
  if (row.ok()) {
    row = db->Exec("SELECT pg_advisory_xact_lock($1)",
                   {PgParam::Int(kLogLockKey)});
  }
  int64_t seq = 0;
  if (row.ok()) {
    row = db->Exec(
        "INSERT INTO changes(seq, kind, payload, created_unix_ms)"
        " SELECT coalesce(max(seq), 0) + 1, $1, $2,"
        " (extract(epoch FROM clock_timestamp()) * 1000)::bigint"
        " FROM changes RETURNING seq",
        {PgParam::Int(static_cast<int>(change.kind)),
         PgParam::Bytes(EncodeChange(change))});
  }
  if (row.ok()) {
    seq = row->Int64(0, 0);
    row = db->Exec(absl::StrCat("NOTIFY ", kChannel));
  }
  if (!row.ok()) {
    if (row.status().code() == absl::StatusCode::kUnavailable) {
      return RefuseWriteLocked(row.status());
    }
    (void)db->Exec("ROLLBACK");
    return row.status();
  }
  // Registered before COMMIT: the follower cannot see the entry until then.
  {
    absl::MutexLock lock(&apply_mu_);
    own_pending_.insert(seq);
  }
  absl::Status commit = db->Exec("COMMIT").status();
  if (!commit.ok()) {
    {
      absl::MutexLock lock(&apply_mu_);
      own_pending_.erase(seq);
    }
    return RefuseWriteLocked(absl::UnavailableError(absl::StrCat(
        "postgresql COMMIT failed, outcome unknown (retrying the same write"
        " is safe for articles): ",
        commit.message())));
  }
  return seq;
}

absl::StatusOr<Applied> PostgresStore::Write(const Change& change) {
  int64_t seq = 0;
  {
    absl::MutexLock lock(&write_mu_);
    CC_ASSIGN_OR_RETURN(seq, AppendLocked(change));
  }
  absl::MutexLock lock(&apply_mu_);
  while (applied_seq_ < seq) {
    absl::Status s = CatchUpLocked();
    if (!s.ok()) {
      own_pending_.erase(seq);
      return absl::UnavailableError(absl::StrCat(
          "committed as change ", seq,
          " but this replica could not apply it yet: ", s.message()));
    }
  }
  auto it = own_results_.find(seq);
  if (it == own_results_.end()) {
    return absl::InternalError(
        absl::StrCat("change ", seq, " was applied without its result"));
  }
  Applied applied = std::move(it->second);
  own_results_.erase(it);
  return applied;
}

absl::StatusOr<std::vector<PutResult>> PostgresStore::PutArticles(
    absl::Span<const PutRequest> articles) {
  Change c;
  c.kind = ChangeKind::kPut;
  for (const PutRequest& r : articles) {
    c.inputs.push_back(*r.input);
    c.extractions.push_back(*r.extraction);
  }
  CC_ASSIGN_OR_RETURN(Applied a, Write(c));
  if (!a.status.ok()) return a.status;
  return std::move(a.puts);
}

absl::StatusOr<DeleteResult> PostgresStore::DeleteArticle(
    absl::string_view id) {
  // Unknown ids are refused here rather than logged as no-ops (after
  // catching up, so an article another replica just wrote is known).
  (void)CatchUp();
  CC_RETURN_IF_ERROR(local_->GetArticle(id, false).status());
  Change c;
  c.kind = ChangeKind::kDelete;
  c.args = {std::string(id)};
  CC_ASSIGN_OR_RETURN(Applied a, Write(c));
  if (!a.status.ok()) return a.status;
  return a.deleted;
}

absl::StatusOr<SpeakerMergeRecord> PostgresStore::MergeSpeakers(
    absl::string_view from_id, absl::string_view into_id,
    absl::string_view reason) {
  Change c;
  c.kind = ChangeKind::kMerge;
  c.args = {std::string(from_id), std::string(into_id), std::string(reason)};
  CC_ASSIGN_OR_RETURN(Applied a, Write(c));
  if (!a.status.ok()) return a.status;
  return a.merge;
}

absl::StatusOr<SpeakerMergeRecord> PostgresStore::UndoSpeakerMerge(
    absl::string_view merge_id) {
  Change c;
  c.kind = ChangeKind::kUndoMerge;
  c.args = {std::string(merge_id)};
  CC_ASSIGN_OR_RETURN(Applied a, Write(c));
  if (!a.status.ok()) return a.status;
  return a.merge;
}

absl::StatusOr<WatchRecord> PostgresStore::AddWatch(absl::string_view text,
                                                    absl::string_view speaker,
                                                    int max_watches) {
  Change c;
  c.kind = ChangeKind::kAddWatch;
  c.args = {std::string(text), std::string(speaker)};
  c.number = max_watches;
  CC_ASSIGN_OR_RETURN(Applied a, Write(c));
  if (!a.status.ok()) return a.status;
  return a.watch;
}

absl::Status PostgresStore::RemoveWatch(absl::string_view id) {
  Change c;
  c.kind = ChangeKind::kRemoveWatch;
  c.args = {std::string(id)};
  CC_ASSIGN_OR_RETURN(Applied a, Write(c));
  return a.status;
}

absl::Status PostgresStore::RecordEvents(
    std::vector<WatchEventRecord>* events) {
  Change c;
  c.kind = ChangeKind::kRecordEvents;
  c.events = *events;
  CC_ASSIGN_OR_RETURN(Applied a, Write(c));
  if (a.status.ok()) *events = std::move(a.events);
  return a.status;
}

// ---- Applying the log ----

Applied PostgresStore::ApplyLocked(const Change& c) {
  Applied a;
  auto take = [&a](auto got, auto* into) {
    if (got.ok()) {
      *into = std::move(*got);
    } else {
      a.status = got.status();
    }
  };
  switch (c.kind) {
    case ChangeKind::kPut: {
      std::vector<PutRequest> requests(c.inputs.size());
      for (size_t i = 0; i < c.inputs.size(); ++i) {
        requests[i].input = &c.inputs[i];
        requests[i].extraction = &c.extractions[i];
      }
      take(local_->PutArticles(requests), &a.puts);
      break;
    }
    case ChangeKind::kDelete:
      take(local_->DeleteArticle(c.args.at(0)), &a.deleted);
      break;
    case ChangeKind::kMerge:
      take(local_->MergeSpeakers(c.args.at(0), c.args.at(1), c.args.at(2)),
           &a.merge);
      break;
    case ChangeKind::kUndoMerge:
      take(local_->UndoSpeakerMerge(c.args.at(0)), &a.merge);
      break;
    case ChangeKind::kAddWatch:
      take(local_->AddWatch(c.args.at(0), c.args.at(1),
                            static_cast<int>(c.number)),
           &a.watch);
      break;
    case ChangeKind::kRemoveWatch:
      a.status = local_->RemoveWatch(c.args.at(0));
      break;
    case ChangeKind::kRecordEvents:
      a.events = c.events;
      a.status = local_->RecordEvents(&a.events);
      break;
  }
  return a;
}

absl::Status PostgresStore::CatchUp() {
  absl::MutexLock lock(&apply_mu_);
  return CatchUpLocked();
}

absl::Status PostgresStore::CatchUpLocked() {
  while (true) {
    if (applier_ == nullptr || !applier_->ok()) {
      if (!apply_backoff_.Due()) {
        return absl::UnavailableError(
            "postgresql is unreachable (backing off)");
      }
      absl::StatusOr<std::unique_ptr<PgConnection>> c =
          PgConnection::Connect(options_.conninfo, options_.connect_timeout_s);
      if (!c.ok()) {
        apply_backoff_.Failed();
        return c.status();
      }
      apply_backoff_.Succeeded();
      applier_ = std::move(*c);
    }
    CC_ASSIGN_OR_RETURN(
        PgResult rows,
        applier_->Exec(
            "SELECT seq, payload, created_unix_ms FROM changes"
            " WHERE seq > $1 ORDER BY seq LIMIT $2",
            {PgParam::Int(applied_seq_), PgParam::Int(kApplyBatch)}));
    for (int r = 0; r < rows.rows(); ++r) {
      const int64_t seq = rows.Int64(r, 0);
      if (seq != applied_seq_ + 1) {
        return absl::DataLossError(absl::StrCat(
            "postgresql change log has a gap: ", applied_seq_, " then ", seq));
      }
      absl::StatusOr<Change> change = DecodeChange(rows.Bytes(r, 1));
      if (!change.ok()) {
        return absl::DataLossError(
            absl::StrCat("change ", seq, ": ", change.status().message()));
      }
      apply_time_ms_ = rows.Int64(r, 2);
      Applied applied = ApplyLocked(*change);
      // A storage failure of the copy (not a refusal such as NOT_FOUND):
      // stop here and apply this entry again next time.
      if (IsStorageFailure(applied.status, change->kind)) {
        return applied.status;
      }
      applied_seq_ = seq;
      if (own_pending_.erase(seq) > 0) own_results_[seq] = std::move(applied);
    }
    if (rows.rows() < kApplyBatch) return absl::OkStatus();
  }
}

void PostgresStore::FollowLoop() {
  std::unique_ptr<PgConnection> listen;
  Backoff backoff(options_.max_backoff_ms);
  absl::Time next_poll = absl::Now();
  while (!stop_) {
    if (listen == nullptr || !listen->ok()) {
      listen.reset();
      if (!backoff.Due()) {
        absl::SleepFor(std::min(backoff.Left(), absl::Milliseconds(100)));
        continue;
      }
      absl::StatusOr<std::unique_ptr<PgConnection>> c =
          PgConnection::Connect(options_.conninfo, options_.connect_timeout_s);
      if (!c.ok() || !(*c)->Exec(absl::StrCat("LISTEN ", kChannel)).ok()) {
        backoff.Failed();
        continue;
      }
      backoff.Succeeded();
      listen = std::move(*c);
      next_poll = absl::Now();  // resume: catch up on what was missed
    }
    bool woken = false;
    if (absl::Now() < next_poll) {
      pollfd p{listen->socket(), POLLIN, 0};
      if (poll(&p, 1, 100) > 0) {
        absl::StatusOr<std::vector<std::string>> n =
            listen->ConsumeNotifications();
        if (!n.ok()) continue;  // lost: reconnect above
        woken = !n->empty();
      }
    }
    if (woken || absl::Now() >= next_poll) {
      (void)CatchUp();  // on failure, the next wake or poll retries
      next_poll = absl::Now() + absl::Milliseconds(options_.poll_interval_ms);
    }
  }
}

}  // namespace

absl::StatusOr<std::unique_ptr<Store>> OpenPostgresStore(
    const PostgresOptions& options) {
  if (options.conninfo.empty()) {
    return absl::InvalidArgumentError("postgresql conninfo is empty");
  }
  return PostgresStore::Open(options);
}

}  // namespace claimcheck::store
