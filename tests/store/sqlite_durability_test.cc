// Durability of the SQLite store: data survives close + reopen and, once
// PutArticles has returned OK, a kill -9 of the writing process. Also the
// schema version bookkeeping.
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/store/sqlite_schema.h"
#include "server/store/sqlite_store.h"
#include "tests/status_matchers.h"
#include "tests/store/store_test_util.h"

namespace claimcheck::store {
namespace {

using ::claimcheck::testing::StatusIs;

using ::claimcheck::store::testing::MakeArticle;
using ::claimcheck::store::testing::MakeQuantity;
using ::claimcheck::store::testing::MakeQuote;
using ::claimcheck::store::testing::TempDir;
using ::claimcheck::store::testing::TestArticle;

std::unique_ptr<Store> OpenOrDie(const std::string& path) {
  SqliteOptions options;
  options.path = path;
  absl::StatusOr<std::unique_ptr<Store>> store = OpenSqliteStore(options);
  EXPECT_TRUE(store.ok()) << store.status();
  return store.ok() ? std::move(*store) : nullptr;
}

TestArticle Numbered(int i) {
  TestArticle a = MakeArticle(absl::StrCat("n", i), "Outlet", "2026-02-08");
  a.extraction.quotes = {MakeQuote(absl::StrCat("Durable quote number ", i),
                                   absl::StrCat("Speaker ", i % 7), 3)};
  a.extraction.quantities = {MakeQuantity("7 ships", "ship", 7.0)};
  return a;
}

// Runs a single-value query on a raw connection.
std::string QueryText(const std::string& path, const char* sql) {
  sqlite3* db = nullptr;
  std::string out = "<error>";
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr) ==
      SQLITE_OK) {
    sqlite3_stmt* stmt = nullptr;
    int rc = sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr);
    if (rc == SQLITE_OK) rc = sqlite3_step(stmt);
    if (rc == SQLITE_ROW) {
      const unsigned char* t = sqlite3_column_text(stmt, 0);
      out = t ? reinterpret_cast<const char*>(t) : "";
    } else if (rc == SQLITE_DONE) {
      out = "<no rows>";
    } else {
      out = absl::StrCat("<error: ", sqlite3_errmsg(db), ">");
    }
    sqlite3_finalize(stmt);
  }
  sqlite3_close(db);
  return out;
}

// Checks page structure, the FTS indexes against their content, and that the
// store opens and holds `min_articles` or more.
void ExpectHealthy(const std::string& path, int64_t min_articles) {
  EXPECT_EQ(QueryText(path, "PRAGMA integrity_check"), "ok");
  EXPECT_EQ(QueryText(path, "PRAGMA foreign_key_check"), "<no rows>");
  for (const char* fts : {"quotes_words", "quotes_trigram"}) {
    const std::string sql = absl::StrCat(
        "INSERT INTO ", fts, "(", fts, ", rank) VALUES ('integrity-check', 1)");
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
    char* err = nullptr;
    EXPECT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err), SQLITE_OK)
        << fts << ": " << (err ? err : "");
    sqlite3_free(err);
    sqlite3_close(db);
  }
  std::unique_ptr<Store> store = OpenOrDie(path);
  ASSERT_NE(store, nullptr);
  EXPECT_GE(store->GetStats()->articles, min_articles);
}

TEST(SqliteDurabilityTest, ReopenKeepsDataIdsAndPageTokens) {
  TempDir dir;
  const std::string path = dir.File("store.db");
  std::string id;
  std::string token;
  {
    std::unique_ptr<Store> store = OpenOrDie(path);
    ASSERT_NE(store, nullptr);
    for (int i = 0; i < 10; ++i) {
      const TestArticle a = Numbered(i);
      const PutRequest r = a.request();
      absl::StatusOr<std::vector<PutResult>> got =
          store->PutArticles(absl::MakeConstSpan(&r, 1));
      ASSERT_TRUE(got.ok()) << got.status();
      if (i == 3) id = (*got)[0].article_id;
    }
    absl::StatusOr<SpeakerPage> page = store->ListSpeakers("", 3, "");
    ASSERT_TRUE(page.ok());
    token = page->next_page_token;
  }
  std::unique_ptr<Store> store = OpenOrDie(path);
  ASSERT_NE(store, nullptr);
  absl::StatusOr<ArticleRecord> got = store->GetArticle(id, true);
  ASSERT_TRUE(got.ok()) << got.status();
  EXPECT_EQ(got->quotes.size(), 1u);
  EXPECT_EQ(got->quotes[0].quote.text, "Durable quote number 3");
  // Same URL after reopen: same id, unchanged.
  const TestArticle again = Numbered(3);
  const PutRequest r = again.request();
  absl::StatusOr<std::vector<PutResult>> put =
      store->PutArticles(absl::MakeConstSpan(&r, 1));
  ASSERT_TRUE(put.ok());
  EXPECT_EQ((*put)[0].article_id, id);
  EXPECT_EQ((*put)[0].outcome, PutOutcome::kUnchanged);
  // Tokens are signed with a per-database secret kept in the file.
  absl::StatusOr<SpeakerPage> next = store->ListSpeakers("", 3, token);
  ASSERT_TRUE(next.ok()) << next.status();
  EXPECT_EQ(next->speakers.size(), 3u);
}

TEST(SqliteDurabilityTest, SchemaVersionPragmasAndNewerSchemaRejected) {
  TempDir dir;
  const std::string path = dir.File("store.db");
  { ASSERT_NE(OpenOrDie(path), nullptr); }
  EXPECT_EQ(QueryText(path, "PRAGMA user_version"),
            absl::StrCat(LatestSchemaVersion()));
  EXPECT_EQ(QueryText(path, "PRAGMA journal_mode"), "wal");
  // Reopening an up-to-date database migrates nothing and keeps the version.
  { ASSERT_NE(OpenOrDie(path), nullptr); }
  EXPECT_EQ(QueryText(path, "PRAGMA user_version"),
            absl::StrCat(LatestSchemaVersion()));

  QueryText(path, "PRAGMA user_version = 99");
  SqliteOptions options;
  options.path = path;
  absl::StatusOr<std::unique_ptr<Store>> newer = OpenSqliteStore(options);
  EXPECT_THAT(newer, StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_THAT(std::string(newer.status().message()),
              ::testing::HasSubstr("schema version 99"));
}

TEST(SqliteDurabilityTest, OpenRejectsUnusablePaths) {
  for (const char* p : {"", ":memory:", "file:x.db?mode=memory"}) {
    SqliteOptions options;
    options.path = p;
    EXPECT_THAT(OpenSqliteStore(options),
                StatusIs(absl::StatusCode::kInvalidArgument))
        << p;
  }
  SqliteOptions missing_dir;
  missing_dir.path = "/nonexistent-dir-for-claimcheck/x.db";
  EXPECT_FALSE(OpenSqliteStore(missing_dir).ok());
  TempDir dir;
  const std::string junk = dir.File("junk.db");
  FILE* f = fopen(junk.c_str(), "w");
  ASSERT_NE(f, nullptr);
  fputs(
      "this is not a sqlite database, just some text that is long enough "
      "to look like a header and then some more bytes........",
      f);
  fclose(f);
  SqliteOptions bad_file;
  bad_file.path = junk;
  absl::StatusOr<std::unique_ptr<Store>> got = OpenSqliteStore(bad_file);
  EXPECT_FALSE(got.ok());
}

// The child writes one batch, then kills itself without closing anything.
TEST(SqliteDurabilityTest, AcknowledgedWriteSurvivesKillNine) {
  TempDir dir;
  const std::string path = dir.File("store.db");
  const pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    SqliteOptions options;
    options.path = path;
    absl::StatusOr<std::unique_ptr<Store>> store = OpenSqliteStore(options);
    if (!store.ok()) _exit(2);
    std::vector<TestArticle> batch;
    for (int i = 0; i < 5; ++i) batch.push_back(Numbered(i));
    std::vector<PutRequest> requests;
    for (const TestArticle& a : batch) requests.push_back(a.request());
    if (!(*store)->PutArticles(requests).ok()) _exit(3);
    raise(SIGKILL);  // no destructors, no close, no checkpoint
    _exit(4);
  }
  int wstatus = 0;
  ASSERT_EQ(waitpid(pid, &wstatus, 0), pid);
  ASSERT_TRUE(WIFSIGNALED(wstatus))
      << "child exit code " << WEXITSTATUS(wstatus);
  EXPECT_EQ(WTERMSIG(wstatus), SIGKILL);

  std::unique_ptr<Store> store = OpenOrDie(path);
  ASSERT_NE(store, nullptr);
  const StoreStats stats = *store->GetStats();
  EXPECT_EQ(stats.articles, 5);
  EXPECT_EQ(stats.quotes, 5);
  EXPECT_EQ(stats.claims, 5);
  absl::StatusOr<std::vector<QuoteRecord>> found =
      store->FindQuoteCandidates("durable quote number 4", 10);
  ASSERT_TRUE(found.ok());
  EXPECT_FALSE(found->empty());
  store.reset();
  ExpectHealthy(path, 5);
}

// The parent kills the child at an arbitrary point of a stream of batches;
// every batch the child acknowledged (through a pipe, after PutArticles
// returned) must be there afterwards.
TEST(SqliteDurabilityTest, KillNineMidStreamKeepsEveryAcknowledgedBatch) {
  TempDir dir;
  const std::string path = dir.File("store.db");
  int fds[2];
  ASSERT_EQ(pipe(fds), 0);
  const pid_t pid = fork();
  ASSERT_GE(pid, 0);
  constexpr int kBatch = 20;
  if (pid == 0) {
    close(fds[0]);
    SqliteOptions options;
    options.path = path;
    absl::StatusOr<std::unique_ptr<Store>> store = OpenSqliteStore(options);
    if (!store.ok()) _exit(2);
    for (int b = 0;; ++b) {
      std::vector<TestArticle> batch;
      for (int i = 0; i < kBatch; ++i)
        batch.push_back(Numbered(b * kBatch + i));
      std::vector<PutRequest> requests;
      for (const TestArticle& a : batch) requests.push_back(a.request());
      if (!(*store)->PutArticles(requests).ok()) _exit(3);
      const int32_t acked = b + 1;
      if (write(fds[1], &acked, sizeof(acked)) != sizeof(acked)) _exit(4);
    }
  }
  close(fds[1]);
  int32_t acked = 0;
  int32_t got = 0;
  while (acked < 15 && read(fds[0], &got, sizeof(got)) == sizeof(got)) {
    acked = got;
  }
  kill(pid, SIGKILL);
  // Acks written before the kill landed count too.
  while (read(fds[0], &got, sizeof(got)) == sizeof(got)) acked = got;
  close(fds[0]);
  int wstatus = 0;
  ASSERT_EQ(waitpid(pid, &wstatus, 0), pid);
  ASSERT_TRUE(WIFSIGNALED(wstatus))
      << "child exit code " << WEXITSTATUS(wstatus);
  ASSERT_GE(acked, 15);

  std::unique_ptr<Store> store = OpenOrDie(path);
  ASSERT_NE(store, nullptr);
  const int64_t articles = store->GetStats()->articles;
  EXPECT_GE(articles, int64_t{acked} * kBatch);
  // Whole batches only: a batch is one transaction.
  EXPECT_EQ(articles % kBatch, 0);
  for (int i = 0; i < acked * kBatch; i += 37) {
    const TestArticle a = Numbered(i);
    const PutRequest r = a.request();
    absl::StatusOr<std::vector<PutResult>> put =
        store->PutArticles(absl::MakeConstSpan(&r, 1));
    ASSERT_TRUE(put.ok());
    EXPECT_EQ((*put)[0].outcome, PutOutcome::kUnchanged) << i;
  }
  store.reset();
  ExpectHealthy(path, int64_t{acked} * kBatch);
}

}  // namespace
}  // namespace claimcheck::store
