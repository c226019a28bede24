// Test support: a real PostgreSQL for the tests, never a mock.
//
// Under ctest, the `pg` fixture (tests/CMakeLists.txt) starts one throwaway
// cluster for the whole run with tests/pg/pg_test_cluster.sh and writes its
// admin URL to CLAIMCHECK_BINARY_DIR/pgtest/url. A test binary run on its
// own starts a cluster of its own the same way (about 10 s) and stops it at
// exit. Each test then takes a fresh empty database of that cluster.
#ifndef CLAIMCHECK_TESTS_PG_PG_TEST_DB_H_
#define CLAIMCHECK_TESTS_PG_PG_TEST_DB_H_

#include <stdlib.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <fstream>
#include <random>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/strip.h"
#include "server/store/pg_conn.h"

namespace claimcheck::testing {

inline std::string PgClusterScript() {
  return CLAIMCHECK_SOURCE_DIR "/tests/pg/pg_test_cluster.sh";
}

// Runs `pg_test_cluster.sh cmd state`; returns its exit status.
inline int RunPgClusterScript(const std::string& cmd,
                              const std::string& state) {
  const std::string line = absl::StrCat("bash ", PgClusterScript(), " ", cmd,
                                        " '", state, "' >/dev/null");
  return std::system(line.c_str());
}

inline std::string ReadFirstLine(const std::string& path) {
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);
  return line;
}

// Admin URL ("postgresql://claimcheck@127.0.0.1:PORT/postgres") of the test
// cluster; empty if none could be started (the reason is on stderr).
inline std::string TestClusterUrl() {
  static const std::string url = [] {
    const std::string shared = CLAIMCHECK_BINARY_DIR "/pgtest/url";
    std::string u = ReadFirstLine(shared);
    if (!u.empty()) return u;
    static std::string own =
        absl::StrCat(CLAIMCHECK_BINARY_DIR, "/pgtest-", getpid());
    if (RunPgClusterScript("start", own) != 0) return std::string();
    std::atexit([] { RunPgClusterScript("stop", own); });
    return ReadFirstLine(own + "/url");
  }();
  return url;
}

// `admin_url` with its database replaced by `db`.
inline std::string WithDatabase(const std::string& admin_url,
                                const std::string& db) {
  return absl::StrCat(absl::StripSuffix(admin_url, "/postgres"), "/", db);
}

// A new empty database on the cluster at `admin_url`; returns its URL.
inline absl::StatusOr<std::string> FreshDatabaseOn(
    const std::string& admin_url) {
  static std::atomic<int> counter{0};
  absl::StatusOr<std::unique_ptr<store::PgConnection>> admin =
      store::PgConnection::Connect(admin_url, 10);
  if (!admin.ok()) return admin.status();
  std::random_device rd;
  const std::string name =
      absl::StrCat("t_", getpid(), "_", counter++, "_", rd() % 1000000);
  absl::StatusOr<store::PgResult> made =
      (*admin)->Exec(absl::StrCat("CREATE DATABASE ", name));
  if (!made.ok()) return made.status();
  return WithDatabase(admin_url, name);
}

// A new empty database on the shared test cluster.
inline absl::StatusOr<std::string> FreshPostgresDatabase() {
  const std::string admin = TestClusterUrl();
  if (admin.empty()) {
    return absl::UnavailableError(
        "no test PostgreSQL cluster (see tests/pg/pg_test_cluster.sh)");
  }
  return FreshDatabaseOn(admin);
}

}  // namespace claimcheck::testing

#endif  // CLAIMCHECK_TESTS_PG_PG_TEST_DB_H_
