// Test support: the storage backends an end-to-end suite runs on. A suite
// becomes TEST_P over ::testing::Values("Sqlite", "Postgres") (named with
// BackendName) and starts claimcheckd with --db=FreshDb(GetParam(), dir).
#ifndef CLAIMCHECK_TESTS_E2E_BACKENDS_H_
#define CLAIMCHECK_TESTS_E2E_BACKENDS_H_

#include <string>

#include "gtest/gtest.h"
#include "tests/pg/pg_test_db.h"

namespace claimcheck::testing {

// The --db value of a fresh store of `backend`: a SQLite file under `dir`,
// or a new database on the test PostgreSQL cluster. Empty on failure
// (reported as a test failure).
inline std::string FreshDb(const std::string& backend, const std::string& dir) {
  if (backend != "Postgres") return dir + "/claimcheck.db";
  absl::StatusOr<std::string> url = FreshPostgresDatabase();
  EXPECT_TRUE(url.ok()) << url.status();
  return url.ok() ? *url : "";
}

inline std::string BackendName(
    const ::testing::TestParamInfo<std::string>& info) {
  return info.param;
}

}  // namespace claimcheck::testing

#endif  // CLAIMCHECK_TESTS_E2E_BACKENDS_H_
