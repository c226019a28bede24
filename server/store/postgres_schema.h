// PostgreSQL schema of the change log, versioned and migrated on open.
//
// Version N is stored in claimcheck_meta('schema_version'). Migrations run
// in one transaction under an advisory lock, so replicas starting together
// migrate once; a database newer than this build is refused
// (FAILED_PRECONDITION), as the SQLite store does.
//
//   v1  claimcheck_meta(key, value): schema_version, page_token_secret (signs
//       page tokens on every replica), log_id (names this log, so a replica's
//       cached copy is never applied to another database's log).
//       changes(seq, kind, payload, created_unix_ms): the log. seq is dense
//       (1, 2, ...), allocated under kLogLockKey, so seq order is commit order.
#ifndef CLAIMCHECK_SERVER_STORE_POSTGRES_SCHEMA_H_
#define CLAIMCHECK_SERVER_STORE_POSTGRES_SCHEMA_H_

#include <cstdint>

#include "absl/status/status.h"
#include "server/store/pg_conn.h"

namespace claimcheck::store {

inline constexpr int kPostgresSchemaVersion = 1;

// Advisory lock keys (pg_advisory_xact_lock), one per purpose.
inline constexpr int64_t kMigrateLockKey = 0x636c6d01;  // "clm" 1
inline constexpr int64_t kLogLockKey = 0x636c6d02;      // "clm" 2

// Creates or upgrades the schema to kPostgresSchemaVersion.
absl::Status MigratePostgres(PgConnection* db);

}  // namespace claimcheck::store

#endif  // CLAIMCHECK_SERVER_STORE_POSTGRES_SCHEMA_H_
