#include "server/store/postgres_schema.h"

#include <random>
#include <string>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "server/base/status_macros.h"
#include "server/store/sha256.h"

namespace claimcheck::store {
namespace {

// migrations[i] takes the schema from version i to i + 1.
const char* const kMigrations[] = {
    // v1: meta and the change log.
    "CREATE TABLE IF NOT EXISTS changes ("
    "  seq bigint PRIMARY KEY,"
    "  kind smallint NOT NULL,"
    "  payload bytea NOT NULL,"
    "  created_unix_ms bigint NOT NULL)",
};
static_assert(sizeof(kMigrations) / sizeof(kMigrations[0]) ==
              kPostgresSchemaVersion);

std::string RandomHex() {
  std::random_device rd;
  std::string seed;
  for (int i = 0; i < 8; ++i) seed += std::to_string(rd());
  return Sha256Hex(seed);
}

absl::StatusOr<int> CurrentVersion(PgConnection* db) {
  CC_ASSIGN_OR_RETURN(PgResult r, db->Exec("SELECT value FROM claimcheck_meta"
                                           " WHERE key = 'schema_version'"));
  int v = 0;
  if (r.rows() == 1 && !absl::SimpleAtoi(r.Text(0, 0), &v)) {
    return absl::DataLossError("postgresql: schema_version is not a number");
  }
  return v;
}

absl::Status MigrateLocked(PgConnection* db) {
  CC_RETURN_IF_ERROR(db->Exec("CREATE TABLE IF NOT EXISTS claimcheck_meta ("
                              " key text PRIMARY KEY, value text NOT NULL)")
                         .status());
  CC_ASSIGN_OR_RETURN(int version, CurrentVersion(db));
  if (version > kPostgresSchemaVersion) {
    return absl::FailedPreconditionError(
        absl::StrCat("postgresql: database schema v", version,
                     " is newer than this build (v", kPostgresSchemaVersion,
                     "); upgrade claimcheckd"));
  }
  for (int v = version; v < kPostgresSchemaVersion; ++v) {
    CC_RETURN_IF_ERROR(db->Exec(kMigrations[v]).status());
  }
  CC_RETURN_IF_ERROR(
      db->Exec("INSERT INTO claimcheck_meta(key, value) VALUES"
               " ('schema_version', $1) ON CONFLICT (key) DO UPDATE"
               " SET value = EXCLUDED.value",
               {PgParam::Int(kPostgresSchemaVersion)})
          .status());
  for (const char* key : {"page_token_secret", "log_id"}) {
    CC_RETURN_IF_ERROR(
        db->Exec("INSERT INTO claimcheck_meta(key, value) VALUES ($1, $2)"
                 " ON CONFLICT (key) DO NOTHING",
                 {PgParam::Text(key), PgParam::Text(RandomHex())})
            .status());
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status MigratePostgres(PgConnection* db) {
  CC_RETURN_IF_ERROR(db->Exec("BEGIN").status());
  absl::Status s = db->Exec("SELECT pg_advisory_xact_lock($1)",
                            {PgParam::Int(kMigrateLockKey)})
                       .status();
  if (s.ok()) s = MigrateLocked(db);
  if (!s.ok()) {
    (void)db->Exec("ROLLBACK");
    return s;
  }
  return db->Exec("COMMIT").status();
}

}  // namespace claimcheck::store
