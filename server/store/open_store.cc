#include "server/store/open_store.h"

#include "absl/strings/match.h"
#include "server/store/postgres_store.h"
#include "server/store/sqlite_store.h"

namespace claimcheck::store {

bool IsPostgresUrl(absl::string_view db) {
  return absl::StartsWith(db, "postgresql://") ||
         absl::StartsWith(db, "postgres://");
}

absl::StatusOr<std::unique_ptr<Store>> OpenStore(const std::string& db,
                                                 const StoreOptions& options) {
  if (IsPostgresUrl(db)) {
    PostgresOptions po;
    po.conninfo = db;
    po.cache_dir = options.cache_dir;
    po.merge_rule = options.merge_rule;
    po.watch_matcher = options.watch_matcher;
    po.conflict_finder = options.conflict_finder;
    return OpenPostgresStore(po);
  }
  SqliteOptions so;
  so.path = db;
  so.merge_rule = options.merge_rule;
  absl::StatusOr<std::unique_ptr<Store>> store = OpenSqliteStore(so);
  if (store.ok() && options.watch_matcher) {
    (*store)->SetWatchMatcher(options.watch_matcher);
  }
  if (store.ok() && options.conflict_finder) {
    (*store)->SetConflictFinder(options.conflict_finder);
  }
  return store;
}

}  // namespace claimcheck::store
