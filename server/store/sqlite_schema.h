// The SQLite schema and its migrations.
//
// The schema version lives in PRAGMA user_version. Migrations are an ordered
// list; migration i (1-based) takes the database from version i-1 to i inside
// one transaction. Opening a database newer than this build knows is
// FAILED_PRECONDITION, never a silent downgrade.
#ifndef CLAIMCHECK_SERVER_STORE_SQLITE_SCHEMA_H_
#define CLAIMCHECK_SERVER_STORE_SQLITE_SCHEMA_H_

#include "absl/status/status.h"
#include "server/store/sqlite_db.h"

namespace claimcheck::store {

// The version this build writes and expects.
int LatestSchemaVersion();

// Brings the database on `writer` up to LatestSchemaVersion().
absl::Status MigrateSchema(SqliteConnection* writer);

// Brings the database on `writer` up to `version` (1..LatestSchemaVersion()),
// no further: tests build databases as older builds left them with it.
absl::Status MigrateSchemaTo(SqliteConnection* writer, int version);

}  // namespace claimcheck::store

#endif  // CLAIMCHECK_SERVER_STORE_SQLITE_SCHEMA_H_
