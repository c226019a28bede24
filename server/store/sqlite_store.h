// The embedded default Store: one SQLite file in WAL mode.
//
// Durability: synchronous=FULL, so an acknowledged write survives kill -9 and
// power loss. Schema is versioned (PRAGMA user_version) and migrated on open.
// Quote lookups are answered from an in-memory index of every quote
// (memory_index.h), built when the store opens (start-up time and memory
// per quote: README, Performance) and kept in step with each commit; the FTS5
// tables (unicode61 words, trigram substrings) are the fallback for
// candidates when no query word is indexed.
// Thread-safe: one writer connection behind a mutex, a pool of readers.
#ifndef CLAIMCHECK_SERVER_STORE_SQLITE_STORE_H_
#define CLAIMCHECK_SERVER_STORE_SQLITE_STORE_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "server/store/store.h"

namespace claimcheck::store {

struct SqliteOptions {
  std::string
      path;  // file path; ":memory:" is not supported (WAL needs a file)
  int reader_connections = 4;
  // Merges spelling variants of a speaker on ingest (see SpeakerMergeRule).
  // Empty: nothing is merged automatically.
  SpeakerMergeRule merge_rule;
  // Unix milliseconds stamped on articles, merges, watches and events.
  // Empty: the system clock. PostgresStore passes the time of the change it
  // is applying, so every replica stamps the same times.
  std::function<int64_t()> clock;
  // Signs page tokens in place of the secret kept in the database, so
  // replicas of one PostgreSQL database accept each other's tokens. Empty:
  // the database's own secret.
  std::string page_token_secret;
  // False: synchronous=OFF, for a cache that is rebuilt from elsewhere when
  // lost (PostgresStore's replica); a write that returns OK is then NOT
  // durable. True (default): synchronous=FULL, durable as described above.
  bool durable = true;
  // Kept conflicts (store.h, "Lag"). True (default): recomputed on a
  // background thread after the write is acknowledged. False: inline after
  // each commit, before the write returns (PostgresStore's replica, whose
  // event seqs must be a function of the log).
  bool conflicts_in_background = true;
  // Background mode: most groups left to recompute when a write returns. A
  // commit that leaves more recomputes batches inline until at most this
  // many are left (backpressure), so the listing's lag stays bounded even
  // when ingest outruns the background pass.
  int max_conflict_backlog = 50000;
};

// Opens (creating if needed) the database at `options.path`.
absl::StatusOr<std::unique_ptr<Store>> OpenSqliteStore(
    const SqliteOptions& options);

}  // namespace claimcheck::store

#endif  // CLAIMCHECK_SERVER_STORE_SQLITE_STORE_H_
