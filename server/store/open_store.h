// Opens the Store a --db value names: a postgresql:// or postgres:// URL
// opens PostgresStore (replicas sharing one database), anything else is a
// SQLite file path.
#ifndef CLAIMCHECK_SERVER_STORE_OPEN_STORE_H_
#define CLAIMCHECK_SERVER_STORE_OPEN_STORE_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "server/store/store.h"

namespace claimcheck::store {

// What every backend takes at open.
struct StoreOptions {
  SpeakerMergeRule merge_rule;  // see SpeakerMergeRule; empty: no merging
  // See WatchMatcher; set before the store replays or serves anything.
  WatchMatcher watch_matcher;
  // See ConflictFinder; empty: no conflicts are kept.
  ConflictFinder conflict_finder;
  // PostgreSQL only: the replica's cache directory (PostgresOptions).
  std::string cache_dir;
};

bool IsPostgresUrl(absl::string_view db);

absl::StatusOr<std::unique_ptr<Store>> OpenStore(const std::string& db,
                                                 const StoreOptions& options);

}  // namespace claimcheck::store

#endif  // CLAIMCHECK_SERVER_STORE_OPEN_STORE_H_
