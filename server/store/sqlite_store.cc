// The embedded SQLite Store: open, connection pool and stats. Writes are in
// sqlite_store_write.cc, queries in sqlite_store_read.cc.
//
// Ids (opaque to callers; documented here for operators):
//   article  "a_" + first 16 hex of SHA-256("url\0" + url), or, for an
//            article without URL, the first 16 hex of its content hash
//            (SHA-256 of the text). Stable across re-ingest and replacement
//            of the same URL, and across delete + re-ingest.
//   quote    "q_" + the article id's 16 hex + "_" + version + "_" + ordinal
//            (0-based, document order). A replaced article's new quotes get
//            new ids, so a quote id always names one wording.
//   claim    "c_" + article hex + "_" + version + "_" + ordinal, likewise.
//   speaker  "s_" + first 16 hex of SHA-256("speaker\0" + key), key =
//            extract::SpeakerKey(name). Same key in any article, same id.
// A 64-bit id collision (two different URLs with the same id) is detected on
// insert and resolved by re-hashing with a counter; speaker id collisions are
// not resolved (the batch fails with INTERNAL; odds about 2^-64 per pair).
//
// Page tokens: see page_token.h. The per-database secret that signs them is
// created with the database and kept in the `meta` table.
//
// Schema: see sqlite_schema.cc. The FTS5 indexes are written by the store
// at the end of each write transaction, not by triggers (why: there).
// Durability: WAL + synchronous=FULL, so a commit is fsynced to the WAL
// before PutArticles returns.
// Checkpoints run on a background connection (CheckpointLoop), never
// inline on the writer; they only move committed pages into the database
// file and play no part in durability.
#include "server/store/sqlite_store.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <random>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "server/store/sha256.h"
#include "server/store/sqlite_schema.h"
#include "server/store/sqlite_store_impl.h"

namespace claimcheck::store {
namespace {

constexpr int kBusyTimeoutMs = 10000;
constexpr int kMaxReaders = 64;
constexpr char kSecretKey[] = "page_token_secret";
// Background checkpoints (SqliteStore::CheckpointLoop): PASSIVE once this
// many WAL frames are new (SQLite's own autocheckpoint default), or after
// this long with any. Under sustained ingest a PASSIVE checkpoint never
// lets the WAL restart (the writer has always appended past it), so past
// kMaxWalPages (8 MiB of 4 KiB pages) a RESTART makes the writer wait for
// the short tail; when ingest pauses, a TRUNCATE empties the WAL file.
// RESTART and TRUNCATE wait at most kCheckpointBusyMs for the writer and
// readers (and hold the writer off that long at worst), then give up.
constexpr int kCheckpointPages = 1000;
constexpr int kCheckpointIntervalMs = 200;
constexpr int kMaxWalPages = 2048;
constexpr int kCheckpointBusyMs = 250;

absl::Status ConfigureWriter(SqliteConnection* db, bool durable) {
  CC_ASSIGN_OR_RETURN(Stmt wal, db->Prepare("PRAGMA journal_mode=WAL"));
  CC_ASSIGN_OR_RETURN(bool row, wal.Step());
  if (!row || wal.Text(0) != "wal") {
    return absl::FailedPreconditionError(
        "sqlite: could not switch the database to WAL mode");
  }
  CC_RETURN_IF_ERROR(
      db->Exec(durable ? "PRAGMA synchronous=FULL" : "PRAGMA synchronous=OFF"));
  return db->Exec(
      "PRAGMA foreign_keys=ON;"
      "PRAGMA cache_size=-16384;"
      // Truncate the WAL back to 64 MiB after a checkpoint resets it.
      "PRAGMA journal_size_limit=67108864;"
      "PRAGMA temp_store=MEMORY;");
}

// The checkpointer's connection: checkpoints fsync the database file.
absl::Status ConfigureCheckpointer(SqliteConnection* db) {
  return db->Exec("PRAGMA synchronous=FULL; PRAGMA wal_autocheckpoint=0;");
}

// Reads the page-token secret, creating it on first open.
absl::StatusOr<std::string> LoadOrCreateSecret(SqliteConnection* db) {
  CC_ASSIGN_OR_RETURN(Transaction txn,
                      Transaction::Begin(db, "BEGIN IMMEDIATE"));
  std::string secret;
  {
    CC_ASSIGN_OR_RETURN(Stmt get,
                        db->Prepare("SELECT value FROM meta WHERE key = ?1"));
    get.Bind(1, kSecretKey);
    CC_ASSIGN_OR_RETURN(bool row, get.Step());
    if (row) secret = get.Text(0);
  }
  if (secret.empty()) {
    std::random_device rd;
    std::string seed;
    for (int i = 0; i < 8; ++i) {
      const uint32_t r = rd();
      for (int b = 0; b < 4; ++b)
        seed.push_back(static_cast<char>(r >> (8 * b)));
    }
    secret = Sha256Hex(seed);
    CC_ASSIGN_OR_RETURN(
        Stmt put, db->Prepare("INSERT INTO meta(key, value) VALUES (?1, ?2)"));
    put.Bind(1, kSecretKey).Bind(2, secret);
    CC_RETURN_IF_ERROR(put.Run());
  }
  CC_RETURN_IF_ERROR(txn.Commit());
  return secret;
}

// Creates `path` with mode 0600 if it does not exist, so the database (which
// holds the page-token secret) is private to its owner whatever the umask;
// SQLite gives the -wal and -shm files the database file's mode.
absl::Status CreatePrivateFile(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC,
                        S_IRUSR | S_IWUSR);
  if (fd >= 0) {
    // The umask may have taken bits away, never added any; set it exactly.
    ::fchmod(fd, S_IRUSR | S_IWUSR);
    ::close(fd);
    return absl::OkStatus();
  }
  if (errno == EEXIST) return absl::OkStatus();
  return absl::UnavailableError(absl::StrCat("cannot create database file ",
                                             path, ": ", std::strerror(errno)));
}

}  // namespace

absl::StatusOr<std::unique_ptr<Store>> OpenSqliteStore(
    const SqliteOptions& options) {
  return SqliteStore::Open(options);
}

absl::StatusOr<std::unique_ptr<Store>> SqliteStore::Open(
    const SqliteOptions& options) {
  if (options.path.empty()) {
    return absl::InvalidArgumentError("sqlite path is empty");
  }
  if (options.path == ":memory:" || options.path.rfind("file:", 0) == 0) {
    return absl::InvalidArgumentError(
        "sqlite path must be a file path (WAL needs a file; no ':memory:' or "
        "URIs)");
  }
  CC_RETURN_IF_ERROR(CreatePrivateFile(options.path));
  std::unique_ptr<SqliteStore> store(new SqliteStore());
  store->path_ = options.path;
  store->clock_ = options.clock;
  store->conflicts_in_background_ = options.conflicts_in_background;
  store->max_conflict_backlog_ = std::max(0, options.max_conflict_backlog);
  {
    absl::MutexLock lock(&store->write_mu_);
    CC_ASSIGN_OR_RETURN(
        store->writer_,
        SqliteConnection::Open(
            options.path,
            SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
            kBusyTimeoutMs));
    CC_RETURN_IF_ERROR(ConfigureWriter(store->writer_.get(), options.durable));
    store->merge_rule_ = options.merge_rule;
    CC_RETURN_IF_ERROR(MigrateSchema(store->writer_.get()));
    CC_ASSIGN_OR_RETURN(store->token_secret_,
                        LoadOrCreateSecret(store->writer_.get()));
    if (!options.page_token_secret.empty()) {
      store->token_secret_ = options.page_token_secret;
    }
    // Speaker name index and merged-away set (about 10 ms per 20k speakers).
    CC_RETURN_IF_ERROR(store->EnsureCachesLocked());
    // Watch registrations and the newest event seq (LastEventSeq).
    CC_RETURN_IF_ERROR(store->EnsureWatchesLocked());
    // The memory index of quotes (memory_index.h), from one snapshot.
    CC_ASSIGN_OR_RETURN(Transaction txn,
                        Transaction::Begin(store->writer_.get(), "BEGIN"));
    CC_ASSIGN_OR_RETURN(std::unique_ptr<MemoryIndex> index,
                        MemoryIndex::Build(store->writer_.get()));
    CC_RETURN_IF_ERROR(txn.Commit());
    absl::MutexLock index_lock(&store->index_mu_);
    store->index_ = std::move(index);
  }
  // Checkpoints off the writer: its wal_hook (which replaces the inline
  // autocheckpoint) only records the WAL size and wakes the checkpointer.
  CC_ASSIGN_OR_RETURN(
      store->checkpointer_,
      SqliteConnection::Open(options.path,
                             SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX,
                             kBusyTimeoutMs));
  CC_RETURN_IF_ERROR(ConfigureCheckpointer(store->checkpointer_.get()));
  sqlite3_busy_timeout(store->checkpointer_->raw(), kCheckpointBusyMs);
  {
    absl::MutexLock lock(&store->write_mu_);
    sqlite3_wal_hook(store->writer_->raw(), &SqliteStore::WalHook, store.get());
  }
  store->checkpoint_thread_ =
      std::thread([s = store.get()] { s->CheckpointLoop(); });
  if (store->conflicts_in_background_) {
    store->conflict_thread_ =
        std::thread([s = store.get()] { s->ConflictLoop(); });
  }
  const int n = std::clamp(options.reader_connections, 1, kMaxReaders);
  absl::MutexLock lock(&store->pool_mu_);
  for (int i = 0; i < n; ++i) {
    CC_ASSIGN_OR_RETURN(
        std::unique_ptr<SqliteConnection> reader,
        SqliteConnection::Open(options.path,
                               SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX,
                               kBusyTimeoutMs));
    CC_RETURN_IF_ERROR(reader->Exec("PRAGMA query_only=ON"));
    store->idle_readers_.push_back(reader.get());
    store->readers_.push_back(std::move(reader));
  }
  return std::unique_ptr<Store>(std::move(store));
}

int64_t SqliteStore::NowMs() const {
  if (clock_) return clock_();
  return absl::ToUnixMillis(absl::Now());
}

int SqliteStore::WalHook(void* arg, sqlite3* /*db*/, const char* /*name*/,
                         int frames) {
  auto* store = static_cast<SqliteStore*>(arg);
  absl::MutexLock lock(&store->ckpt_mu_);
  store->wal_frames_ = frames;
  store->ckpt_pending_ = true;
  return SQLITE_OK;
}

void SqliteStore::BoundWalLocked() {
  {
    absl::MutexLock lock(&ckpt_mu_);
    if (wal_frames_ <= kMaxWalPages + kCheckpointPages) return;
  }
  // The background checkpointer may hold the checkpoint lock (BUSY): wait
  // for it a little; the write lock is ours, so the WAL cannot grow.
  for (int attempt = 0; attempt < 50; ++attempt) {
    int log = 0;
    int done = 0;
    const int rc = sqlite3_wal_checkpoint_v2(
        writer_->raw(), nullptr, SQLITE_CHECKPOINT_RESTART, &log, &done);
    if (rc == SQLITE_OK && done == log) {
      absl::MutexLock lock(&ckpt_mu_);
      wal_frames_ = 0;  // the next commit writes from the WAL's start
      return;
    }
    absl::SleepFor(absl::Milliseconds(10));
  }
}

void SqliteStore::CheckpointLoop() {
  int checkpointed_to = 0;  // WAL frames already backfilled
  // No frames since the last TRUNCATE. False at start: a WAL left by an
  // earlier process is checkpointed and emptied once the store is idle.
  bool wal_empty = false;
  std::pair<SqliteStore*, int*> due_arg(this, &checkpointed_to);
  while (true) {
    int frames = 0;
    {
      absl::MutexLock lock(&ckpt_mu_);
      // Wake on stop, or once enough new frames are in the WAL; else poll.
      ckpt_mu_.AwaitWithTimeout(
          absl::Condition(
              +[](std::pair<SqliteStore*, int*>* a) {
                SqliteStore* s = a->first;
                s->ckpt_mu_.AssertHeld();
                return s->ckpt_stop_ ||
                       (s->ckpt_pending_ &&
                        s->wal_frames_ - *a->second >= kCheckpointPages);
              },
              &due_arg),
          absl::Milliseconds(kCheckpointIntervalMs));
      if (ckpt_stop_) return;
      if (!ckpt_pending_) {
        // Idle for an interval: give the WAL file's space back.
        if (!wal_empty) {
          ckpt_mu_.Unlock();
          int log = 0;
          int done = 0;
          const int rc = sqlite3_wal_checkpoint_v2(
              checkpointer_->raw(), nullptr, SQLITE_CHECKPOINT_TRUNCATE, &log,
              &done);
          ckpt_mu_.Lock();
          // Also on failure (SQLITE_BUSY: a reader held on for
          // kCheckpointBusyMs): no retry until the next commit, so a
          // long-lived reader cannot make us hold the writer off again and
          // again. The WAL keeps its space until then.
          (void)log;
          (void)done;
          (void)rc;
          if (!ckpt_pending_) {
            wal_empty = true;
            checkpointed_to = 0;
          }
        }
        continue;
      }
      ckpt_pending_ = false;
      frames = wal_frames_;
      wal_empty = false;
    }
    // A smaller WAL than we backfilled: it was restarted.
    if (frames < checkpointed_to) checkpointed_to = 0;
    const int mode = frames > kMaxWalPages ? SQLITE_CHECKPOINT_RESTART
                                           : SQLITE_CHECKPOINT_PASSIVE;
    int log = 0;
    int done = 0;
    const int rc = sqlite3_wal_checkpoint_v2(checkpointer_->raw(), nullptr,
                                             mode, &log, &done);
    if (rc == SQLITE_OK && mode == SQLITE_CHECKPOINT_PASSIVE) {
      checkpointed_to = done;
    } else {
      checkpointed_to = 0;
    }
    if (rc != SQLITE_OK || done < log) {
      // Not all backfilled (readers, or the writer got the lock): try again
      // at the next wake-up even if no commit comes.
      absl::MutexLock lock(&ckpt_mu_);
      ckpt_pending_ = true;
    }
  }
}

SqliteStore::~SqliteStore() {
  // The conflict loop first: it uses the writer. A turn in progress stops
  // between groups and leaves its keys dirty for the next open.
  closing_.store(true);
  if (conflict_thread_.joinable()) {
    {
      absl::MutexLock lock(&conflict_mu_);
      conflict_stop_ = true;
    }
    conflict_thread_.join();
  }
  if (checkpoint_thread_.joinable()) {
    {
      absl::MutexLock lock(&ckpt_mu_);
      ckpt_stop_ = true;
    }
    checkpoint_thread_.join();
  }
  checkpointer_.reset();
  // Readers first, so the writer is the last connection and its close
  // checkpoints the WAL into the main file.
  {
    absl::MutexLock lock(&pool_mu_);
    idle_readers_.clear();
  }
  readers_.clear();
  absl::MutexLock lock(&write_mu_);
  if (writer_ != nullptr) (void)writer_->Exec("PRAGMA optimize");
  writer_.reset();
}

SqliteConnection* SqliteStore::AcquireReader() {
  absl::MutexLock lock(&pool_mu_);
  pool_mu_.Await(absl::Condition(
      +[](std::vector<SqliteConnection*>* idle) { return !idle->empty(); },
      &idle_readers_));
  SqliteConnection* conn = idle_readers_.back();
  idle_readers_.pop_back();
  return conn;
}

void SqliteStore::ReleaseReader(SqliteConnection* conn) {
  absl::MutexLock lock(&pool_mu_);
  idle_readers_.push_back(conn);
}

absl::StatusOr<StoreStats> SqliteStore::GetStats() {
  ReaderLease db(this, AcquireReader());
  CC_ASSIGN_OR_RETURN(Transaction txn, Transaction::Begin(db.get(), "BEGIN"));
  CC_ASSIGN_OR_RETURN(
      Stmt stmt, db->Prepare("SELECT (SELECT count(*) FROM articles),"
                             " (SELECT count(*) FROM quotes),"
                             " (SELECT count(*) FROM speakers),"
                             " (SELECT count(*) FROM claims),"
                             " (SELECT count(DISTINCT outlet) FROM articles),"
                             " (SELECT page_count FROM pragma_page_count()) *"
                             " (SELECT page_size FROM pragma_page_size())"));
  CC_ASSIGN_OR_RETURN(bool row, stmt.Step());
  if (!row) return absl::InternalError("sqlite: stats query returned no row");
  StoreStats stats;
  stats.articles = stmt.Int64(0);
  stats.quotes = stmt.Int64(1);
  stats.speakers = stmt.Int64(2);
  stats.claims = stmt.Int64(3);
  stats.outlets = stmt.Int64(4);
  stats.db_bytes = stmt.Int64(5);
  return stats;
}

}  // namespace claimcheck::store
