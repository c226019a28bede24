// The scale-out Store: one PostgreSQL database shared by stateless
// claimcheckd replicas.
//
// How it works. PostgreSQL holds the source of truth: a change log of every
// write as it was asked for (articles with their extraction, deletes,
// merges, watches; change_codec.h). A write appends one entry in one
// transaction and is acknowledged only after that COMMIT (PostgreSQL's
// synchronous_commit, so the entry is in its WAL on disk). Each replica
// keeps a copy of the whole store - a SQLite database used as a cache
// (synchronous=OFF) with its in-memory quote index - and applies the log to
// it in seq order, woken by LISTEN/NOTIFY (and by a poll every
// `poll_interval_ms`, in case a notification is lost). Every read is
// answered from that copy, so queries go on while PostgreSQL is down.
//
// Order and concurrency. A writer takes pg_advisory_xact_lock(kLogLockKey)
// before allocating the next seq (max + 1), so seqs are dense and their
// order is the commit order; only the append is serialised, not the
// extraction that precedes it. Speaker reconciliation, merges, story
// assignment and watch event seqs are functions of the log prefix (the
// SQLite store's code, applied with the entry's commit time as the clock),
// so two replicas ingesting at once derive identical state, and a write's
// results (article id, outcome, version) are those of its entry applied on
// top of every earlier one.
//
// Failure. A write while PostgreSQL is unreachable returns UNAVAILABLE
// naming the server; connections are re-made with exponential backoff
// (100 ms doubling to `max_backoff_ms`). If the COMMIT itself fails the
// outcome is unknown: UNAVAILABLE, and a retry is safe (the same article
// again is kUnchanged). After a lost connection the replica resumes from
// the last seq it applied; after a clean stop with a `cache_dir`, the next
// start resumes from there too, and otherwise it replays the log.
//
// Thread-safe. Writes of one replica are serialised (write_mu_); applying
// the log is serialised (apply_mu_); reads run concurrently on the copy.
#ifndef CLAIMCHECK_SERVER_STORE_POSTGRES_STORE_H_
#define CLAIMCHECK_SERVER_STORE_POSTGRES_STORE_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "server/store/store.h"

namespace claimcheck::store {

struct PostgresOptions {
  // "postgresql://USER[:PASSWORD]@HOST:PORT/DB" (any libpq conninfo).
  std::string conninfo;
  // Where the replica's SQLite copy lives. Empty: a new directory under
  // $TMPDIR (or /tmp), removed when the store closes.
  std::string cache_dir;
  SpeakerMergeRule merge_rule;  // as SqliteOptions::merge_rule
  // Judges new quotes against the watches (see WatchMatcher). Given at open
  // because replaying the log must record the same events on every replica
  // (SetWatchMatcher afterwards would miss the replayed ones).
  WatchMatcher watch_matcher;
  // Keeps conflicts while the log is replayed (see ConflictFinder), so every
  // replica lists, and sends Watch events for, the same conflicts.
  ConflictFinder conflict_finder;
  int connect_timeout_s = 3;
  int max_backoff_ms = 5000;
  int poll_interval_ms = 1000;
};

// Connects, migrates the schema (postgres_schema.h), brings the replica's
// copy up to the newest committed change, and starts following the log.
// UNAVAILABLE when PostgreSQL cannot be reached.
absl::StatusOr<std::unique_ptr<Store>> OpenPostgresStore(
    const PostgresOptions& options);

}  // namespace claimcheck::store

#endif  // CLAIMCHECK_SERVER_STORE_POSTGRES_STORE_H_
