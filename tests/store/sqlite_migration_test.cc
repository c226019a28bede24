// Schema migrations on databases that older builds left behind: each test
// builds a database at an older version (MigrateSchemaTo), writes rows the
// way that version laid them out, then opens it with the store.
#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "server/store/sqlite_db.h"
#include "server/store/sqlite_schema.h"
#include "server/store/sqlite_store.h"
#include "server/story/signature.h"
#include "tests/store/store_test_util.h"

namespace claimcheck::store {
namespace {

using ::claimcheck::store::testing::MakeArticle;
using ::claimcheck::store::testing::TempDir;
using ::claimcheck::store::testing::TestArticle;

constexpr char kTitle[] = "Council approves the harbour bridge";
constexpr char kText[] =
    "The city council approved the harbour bridge plan on Monday after "
    "nine hours of debate. Mayor Elena Marsh said the bridge would open in "
    "2028. Residents of the north side welcomed the bridge vote.";
constexpr char kDate[] = "2026-03-10";

std::unique_ptr<SqliteConnection> OpenRaw(const std::string& path) {
  auto db = SqliteConnection::Open(
      path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, 1000);
  EXPECT_TRUE(db.ok()) << db.status();
  return db.ok() ? std::move(*db) : nullptr;
}

int64_t Count(SqliteConnection* db, const std::string& sql) {
  absl::StatusOr<int64_t> n = db->QueryInt(sql.c_str());
  EXPECT_TRUE(n.ok()) << sql << ": " << n.status();
  return n.ok() ? *n : -1;
}

// A v6 database holding one article with its story rows as v6 wrote them
// (story_buckets keyed by bucket, day, article rowid).
void WriteV6Database(const std::string& path) {
  std::unique_ptr<SqliteConnection> db = OpenRaw(path);
  ASSERT_NE(db, nullptr);
  ASSERT_TRUE(MigrateSchemaTo(db.get(), 6).ok());
  ASSERT_EQ(Count(db.get(), "PRAGMA user_version"), 6);
  const story::Signature sig = story::ComputeSignature(kTitle, kText);
  ASSERT_FALSE(sig.buckets.empty());
  const int64_t day = story::DayNumber(kDate);
  ASSERT_TRUE(
      db->Exec(absl::StrCat("INSERT INTO articles(rowid, id, outlet, "
                            "published_date, title, text, content_hash, "
                            "ingested_unix_ms) VALUES (7, 'a_0', 'Gazette', '",
                            kDate, "', '", kTitle,
                            "', 'old text', 'h_old', 1);"
                            "INSERT INTO story_members VALUES ('a_0', "
                            "'a_0', ",
                            day, ");"))
          .ok());
  auto features = db->Prepare("INSERT INTO story_features VALUES ('a_0', ?1)");
  ASSERT_TRUE(features.ok());
  ASSERT_TRUE(
      features->BindBlob(1, story::EncodeFeatures(sig.features)).Run().ok());
  for (uint64_t bucket : sig.buckets) {
    ASSERT_TRUE(
        db->Exec(absl::StrCat("INSERT OR IGNORE INTO story_buckets"
                              " VALUES (",
                              static_cast<int64_t>(bucket), ", ", day, ", 7)"))
            .ok());
  }
}

// v7 keys story buckets by period first: the v6 rows are carried over, a new
// article of the same event finds the old one through them, and deleting
// the old article removes them.
TEST(SqliteMigrationTest, V6StoryBucketsMigrateAndStillWork) {
  TempDir dir;
  const std::string path = dir.File("v6.db");
  WriteV6Database(path);
  int64_t v6_rows = 0;
  {
    std::unique_ptr<SqliteConnection> db = OpenRaw(path);
    v6_rows = Count(db.get(), "SELECT count(*) FROM story_buckets");
    ASSERT_GT(v6_rows, 0);
  }
  SqliteOptions options;
  options.path = path;
  absl::StatusOr<std::unique_ptr<Store>> store = OpenSqliteStore(options);
  ASSERT_TRUE(store.ok()) << store.status();
  {
    std::unique_ptr<SqliteConnection> db = OpenRaw(path);
    EXPECT_EQ(Count(db.get(), "PRAGMA user_version"), LatestSchemaVersion());
    EXPECT_EQ(Count(db.get(), "SELECT count(*) FROM story_buckets"), v6_rows);
    EXPECT_EQ(Count(db.get(),
                    "SELECT count(*) FROM story_buckets WHERE period = day / 8"
                    " AND article_seq = 7"),
              v6_rows);
  }
  TestArticle same_event = MakeArticle("new", "Herald", kDate);
  same_event.input.title = kTitle;
  same_event.input.text = absl::StrCat(kText, " The vote was close.");
  const PutRequest request = same_event.request();
  auto put = (*store)->PutArticles(absl::MakeConstSpan(&request, 1));
  ASSERT_TRUE(put.ok()) << put.status();
  auto got = (*store)->GetArticle((*put)[0].article_id, false);
  ASSERT_TRUE(got.ok()) << got.status();
  EXPECT_EQ(got->story_id, "a_0");

  ASSERT_TRUE((*store)->DeleteArticle("a_0").ok());
  std::unique_ptr<SqliteConnection> db = OpenRaw(path);
  EXPECT_EQ(Count(db.get(),
                  "SELECT count(*) FROM story_buckets"
                  " WHERE article_seq = 7"),
            0);
  EXPECT_GT(Count(db.get(), "SELECT count(*) FROM story_buckets"), 0);
}

// Row `n` of the three conflict rows the v7 and v8 tests write by hand.
void ExpectCarriedOverRow(const ConflictRecord& c, int n) {
  EXPECT_EQ(c.id, absl::StrCat("ca_", n));
  EXPECT_EQ(c.kind, 1 + n % 2);
  EXPECT_EQ(c.sort_date, absl::StrCat("2026-03-1", n));
  EXPECT_EQ(c.outlet_a, "Gazette");
  EXPECT_EQ(c.date_b, absl::StrCat("2026-03-1", n));
  EXPECT_EQ(c.payload,
            std::string({'\x0a', '\x0b', static_cast<char>(n * 16)}));
}

// v8 gives kept conflict rows a digest before the payload: the v7 rows are
// carried over (digest 0) and listed exactly as before.
TEST(SqliteMigrationTest, V7ConflictRowsMigrateAndListTheSame) {
  TempDir dir;
  const std::string path = dir.File("v7.db");
  {
    std::unique_ptr<SqliteConnection> db = OpenRaw(path);
    ASSERT_NE(db, nullptr);
    ASSERT_TRUE(MigrateSchemaTo(db.get(), 7).ok());
    for (int i = 0; i < 3; ++i) {
      ASSERT_TRUE(db->Exec(absl::StrCat("INSERT INTO conflicts VALUES ('a", i,
                                        "', 'ca_", i, "', ", 1 + i % 2,
                                        ", '2026-03-1", i,
                                        "', 'Gazette', '2026-03-01', 'Herald', "
                                        "'2026-03-1",
                                        i, "', x'0a0b", i, "0')"))
                      .ok());
    }
  }
  SqliteOptions options;
  options.path = path;
  absl::StatusOr<std::unique_ptr<Store>> store = OpenSqliteStore(options);
  ASSERT_TRUE(store.ok()) << store.status();
  ConflictQuery query;
  query.outlet = "Herald";
  absl::StatusOr<ConflictPage> page = (*store)->ListConflicts(query);
  ASSERT_TRUE(page.ok()) << page.status();
  ASSERT_EQ(page->conflicts.size(), 3u);
  for (int i = 0; i < 3; ++i) {
    const ConflictRecord& c = page->conflicts[i];  // newest first
    ExpectCarriedOverRow(c, 2 - i);
  }
  std::unique_ptr<SqliteConnection> db = OpenRaw(path);
  EXPECT_EQ(Count(db.get(), "PRAGMA user_version"), LatestSchemaVersion());
  EXPECT_EQ(Count(db.get(), "SELECT count(*) FROM conflicts WHERE digest = 0"),
            3);
}

// v9 keeps conflict rows without their sides: the v8 rows (whole payloads)
// are carried over as they were (no side ids, digest 0), listed exactly as
// before, and their groups marked dirty so a refresh rewrites them.
TEST(SqliteMigrationTest, V8ConflictRowsMigrateAndListTheSame) {
  TempDir dir;
  const std::string path = dir.File("v8.db");
  {
    std::unique_ptr<SqliteConnection> db = OpenRaw(path);
    ASSERT_NE(db, nullptr);
    ASSERT_TRUE(MigrateSchemaTo(db.get(), 8).ok());
    for (int i = 0; i < 3; ++i) {
      ASSERT_TRUE(db->Exec(absl::StrCat(
                               "INSERT INTO conflicts VALUES ('a", i, "', 'ca_",
                               i, "', ", 1 + i % 2, ", '2026-03-1", i,
                               "', 'Gazette', '2026-03-01', 'Herald', "
                               "'2026-03-1",
                               i, "', ", 100 + i, ", x'0a0b", i, "0')"))
                      .ok());
    }
  }
  SqliteOptions options;
  options.path = path;
  absl::StatusOr<std::unique_ptr<Store>> store = OpenSqliteStore(options);
  ASSERT_TRUE(store.ok()) << store.status();
  absl::StatusOr<ConflictPage> page = (*store)->ListConflicts(ConflictQuery());
  ASSERT_TRUE(page.ok()) << page.status();
  ASSERT_EQ(page->conflicts.size(), 3u);
  for (int i = 0; i < 3; ++i) {
    const ConflictRecord& c = page->conflicts[i];  // newest first
    ExpectCarriedOverRow(c, 2 - i);
    EXPECT_TRUE(c.side_a.empty());
    EXPECT_TRUE(c.side_b.empty());
  }
  std::unique_ptr<SqliteConnection> db = OpenRaw(path);
  EXPECT_EQ(Count(db.get(), "PRAGMA user_version"), LatestSchemaVersion());
  EXPECT_EQ(Count(db.get(), "SELECT count(*) FROM conflicts WHERE digest = 0"),
            3);
  EXPECT_EQ(Count(db.get(),
                  "SELECT count(*) FROM conflict_dirty"
                  " WHERE key IN ('a0', 'a1', 'a2')"),
            3);
}

// v10 keeps events of stored quotes by reference: events a v9 build wrote
// (whole copies, here of an article and quote that no longer exist) read
// the same, and the log numbers on after them.
TEST(SqliteMigrationTest, V9EventsMigrateAndReadTheSame) {
  TempDir dir;
  const std::string path = dir.File("v9.db");
  {
    std::unique_ptr<SqliteConnection> db = OpenRaw(path);
    ASSERT_NE(db, nullptr);
    ASSERT_TRUE(MigrateSchemaTo(db.get(), 9).ok());
    ASSERT_TRUE(
        db->Exec("INSERT INTO events(kind, watch_id, quote_id, article_id,"
                 " outlet, url, published_date, title, quote_text, speaker,"
                 " span_begin, span_end, verdict, score, summary, created_ms)"
                 " VALUES (1, 'w_1', 'q_ab_1_0', 'a_ab', 'Gazette',"
                 " 'https://g.example/1', '2026-03-10', 'Bridge vote',"
                 " 'the bridge opens in 2028', 'Elena Marsh', 4, 28, 2, 0.5,"
                 " 'altered', 17)")
            .ok());
  }
  SqliteOptions options;
  options.path = path;
  absl::StatusOr<std::unique_ptr<Store>> store = OpenSqliteStore(options);
  ASSERT_TRUE(store.ok()) << store.status();
  absl::StatusOr<std::vector<WatchEventRecord>> events =
      (*store)->ReadEvents(0, 10);
  ASSERT_TRUE(events.ok()) << events.status();
  ASSERT_EQ(events->size(), 1u);
  const WatchEventRecord& e = (*events)[0];
  EXPECT_EQ(e.seq, 1);
  EXPECT_EQ(e.kind, WatchEventKind::kOccurrence);
  EXPECT_EQ(e.watch_id, "w_1");
  EXPECT_EQ(e.occurrence.id, "q_ab_1_0");
  EXPECT_EQ(e.occurrence.evidence.article_id, "a_ab");
  EXPECT_EQ(e.occurrence.evidence.outlet, "Gazette");
  EXPECT_EQ(e.occurrence.evidence.url, "https://g.example/1");
  EXPECT_EQ(e.occurrence.evidence.published_date, "2026-03-10");
  EXPECT_EQ(e.occurrence.evidence.title, "Bridge vote");
  EXPECT_EQ(e.occurrence.quote.text, "the bridge opens in 2028");
  EXPECT_EQ(e.occurrence.quote.speaker, "Elena Marsh");
  EXPECT_EQ(e.occurrence.quote.span.begin, 4u);
  EXPECT_EQ(e.occurrence.quote.span.end, 28u);
  EXPECT_EQ(e.verdict, 2);
  EXPECT_DOUBLE_EQ(e.score, 0.5);
  EXPECT_EQ(e.summary, "altered");
  EXPECT_EQ(e.created_unix_ms, 17);
  std::vector<WatchEventRecord> more(1);
  more[0].summary = "next";
  ASSERT_TRUE((*store)->RecordEvents(&more).ok());
  EXPECT_EQ(more[0].seq, 2);
  std::unique_ptr<SqliteConnection> db = OpenRaw(path);
  EXPECT_EQ(Count(db.get(), "PRAGMA user_version"), LatestSchemaVersion());
  EXPECT_EQ(Count(db.get(), "SELECT count(*) FROM events WHERE by_ref = 0"), 2);
}

}  // namespace
}  // namespace claimcheck::store
