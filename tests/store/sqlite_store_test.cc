// SQLite-specific behaviour the conformance suite cannot see: id formats,
// the FTS indexes staying consistent with their content through replace and
// delete, and a rough write-throughput floor.
#include "server/store/sqlite_store.h"

#include <sqlite3.h>
#include <sys/stat.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/store/sqlite_store_impl.h"
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
using ::testing::MatchesRegex;

class SqliteStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    SqliteOptions options;
    options.path = path_;
    absl::StatusOr<std::unique_ptr<Store>> store = OpenSqliteStore(options);
    ASSERT_TRUE(store.ok()) << store.status();
    store_ = std::move(*store);
  }

  std::vector<PutResult> Put(const std::vector<TestArticle>& articles) {
    std::vector<PutRequest> requests;
    for (const TestArticle& a : articles) requests.push_back(a.request());
    absl::StatusOr<std::vector<PutResult>> got = store_->PutArticles(requests);
    EXPECT_TRUE(got.ok()) << got.status();
    return got.ok() ? *got : std::vector<PutResult>{};
  }

  // Runs FTS5's integrity-check (index against content) on both indexes and
  // counts index rows, through a separate raw connection.
  void ExpectFtsConsistent(int64_t want_rows) {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
    for (const char* fts : {"quotes_words", "quotes_trigram"}) {
      SCOPED_TRACE(fts);
      const std::string check =
          absl::StrCat("INSERT INTO ", fts, "(", fts,
                       ", rank) VALUES ('integrity-check', 1)");
      char* err = nullptr;
      EXPECT_EQ(sqlite3_exec(db, check.c_str(), nullptr, nullptr, &err),
                SQLITE_OK)
          << (err ? err : "");
      sqlite3_free(err);
    }
    sqlite3_stmt* stmt = nullptr;
    ASSERT_EQ(
        sqlite3_prepare_v2(db, "SELECT count(*) FROM quotes_words_docsize", -1,
                           &stmt, nullptr),
        SQLITE_OK);
    ASSERT_EQ(sqlite3_step(stmt), SQLITE_ROW);
    EXPECT_EQ(sqlite3_column_int64(stmt, 0), want_rows);
    sqlite3_finalize(stmt);
    sqlite3_close(db);
  }

  // The single integer `sql` gives, through a separate raw connection.
  int64_t QueryRaw(const char* sql) {
    sqlite3* db = nullptr;
    EXPECT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
    sqlite3_stmt* stmt = nullptr;
    EXPECT_EQ(sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr), SQLITE_OK)
        << sql;
    const int64_t got =
        sqlite3_step(stmt) == SQLITE_ROW ? sqlite3_column_int64(stmt, 0) : -1;
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    return got;
  }

  TempDir dir_;
  const std::string path_ = dir_.File("store.db");
  std::unique_ptr<Store> store_;
};

TEST_F(SqliteStoreTest, IdsHaveTheDocumentedShapeAndAreStable) {
  TestArticle a = MakeArticle("ids");
  a.extraction.quotes = {MakeQuote("One", "Jane Roe", 1),
                         MakeQuote("Two", "Jane Roe", 9)};
  a.extraction.quantities = {MakeQuantity("3 ships", "ship", 3.0)};
  const PutResult put = Put({a})[0];
  EXPECT_THAT(put.article_id, MatchesRegex("a_[0-9a-f]{16}"));
  const ArticleRecord got = *store_->GetArticle(put.article_id, false);
  const std::string hex = put.article_id.substr(2);
  EXPECT_EQ(got.quotes[0].id, absl::StrCat("q_", hex, "_1_0"));
  EXPECT_EQ(got.quotes[1].id, absl::StrCat("q_", hex, "_1_1"));
  EXPECT_EQ(got.claims[0].id, absl::StrCat("c_", hex, "_1_0"));
  EXPECT_THAT(got.quotes[0].speaker_id, MatchesRegex("s_[0-9a-f]{16}"));

  // Replacement keeps the article id and gives the new quotes new ids.
  TestArticle b = a;
  b.input.text += " Updated.";
  ASSERT_EQ(Put({b})[0].article_id, put.article_id);
  const ArticleRecord replaced = *store_->GetArticle(put.article_id, false);
  EXPECT_EQ(replaced.quotes[0].id, absl::StrCat("q_", hex, "_2_0"));
  // The speaker id depends only on the speaker key.
  EXPECT_EQ(replaced.quotes[0].speaker_id, got.quotes[0].speaker_id);
}

TEST_F(SqliteStoreTest, FtsIndexesFollowInsertReplaceAndDelete) {
  std::vector<TestArticle> batch;
  for (int i = 0; i < 10; ++i) {
    TestArticle a = MakeArticle(absl::StrCat("fts", i));
    for (int q = 0; q < 3; ++q) {
      a.extraction.quotes.push_back(
          MakeQuote(absl::StrCat("Quoted words ", i, " ", q, " über café"),
                    "Jane Roe", q * 40));
    }
    batch.push_back(a);
  }
  const std::vector<PutResult> put = Put(batch);
  ExpectFtsConsistent(30);
  // Replace three articles with one quote each, delete two.
  for (int i = 0; i < 3; ++i) {
    TestArticle b = batch[i];
    b.input.text += " v2";
    b.extraction.quotes.resize(1);
    Put({b});
  }
  ASSERT_TRUE(store_->DeleteArticle(put[8].article_id).ok());
  ASSERT_TRUE(store_->DeleteArticle(put[9].article_id).ok());
  ExpectFtsConsistent(30 - 6 - 6);
  EXPECT_EQ(store_->FindQuoteCandidates("uber cafe", 100)->size(), 18u);
}

// Rows written and replaced within one transaction never reach the index;
// replacing them again in the same batch must not "delete" them from it.
TEST_F(SqliteStoreTest, ReplacingTwiceInOneBatchKeepsIndexesConsistent) {
  TestArticle v1 = MakeArticle("twice");
  v1.extraction.quotes = {MakeQuote("Version one words", "Jane Roe", 1),
                          MakeQuote("Shared words", "Jane Roe", 30)};
  Put({v1});
  TestArticle v2 = v1;
  v2.input.text += " v2";
  v2.extraction.quotes[0].text = "Version two words";
  TestArticle v3 = v1;
  v3.input.text += " v3";
  v3.extraction.quotes = {MakeQuote("Version three words", "Jane Roe", 1)};
  TestArticle other = MakeArticle("bystander");
  other.extraction.quotes = {MakeQuote("Bystander words", "John Doe", 1)};
  const std::vector<PutResult> got = Put({v2, other, v3});
  ASSERT_EQ(got.size(), 3u);
  EXPECT_EQ(got[0].outcome, PutOutcome::kReplaced);
  EXPECT_EQ(got[2].outcome, PutOutcome::kReplaced);
  EXPECT_EQ(got[2].version, 3);
  ExpectFtsConsistent(2);
  const absl::StatusOr<std::vector<QuoteRecord>> found =
      store_->FindQuoteCandidates("version", 10);
  ASSERT_TRUE(found.ok()) << found.status();
  std::vector<std::string> texts;
  for (const QuoteRecord& q : *found) texts.push_back(q.quote.text);
  EXPECT_THAT(texts, ::testing::ElementsAre("Version three words"));
  EXPECT_EQ(store_->FindQuoteCandidates("shared", 10)->size(), 0u);
  EXPECT_EQ(store_->FindQuoteCandidates("bystander", 10)->size(), 1u);
}

TEST_F(SqliteStoreTest, SpeakerAliasesAndRolesFollowTheirQuotes) {
  TestArticle a = MakeArticle("alias1");
  a.extraction.quotes = {
      MakeQuote("First", "Abbas Araghchi", 1, "Mr. Araghchi", "Minister")};
  TestArticle b = MakeArticle("alias2");
  b.extraction.quotes = {MakeQuote("Second", "Abbas Araghchi", 1,
                                   "the minister", "Foreign Minister")};
  const std::vector<PutResult> put = Put({a, b});
  SpeakerRecord s = *store_->GetSpeaker("Abbas Araghchi");
  EXPECT_THAT(s.aliases, ::testing::ElementsAre("Mr. Araghchi"));
  EXPECT_THAT(s.roles, ::testing::ElementsAre("Foreign Minister", "Minister"));
  ASSERT_TRUE(store_->DeleteArticle(put[0].article_id).ok());
  s = *store_->GetSpeaker("Abbas Araghchi");
  EXPECT_TRUE(s.aliases.empty());
  EXPECT_THAT(s.roles, ::testing::ElementsAre("Foreign Minister"));
  EXPECT_EQ(s.quote_count, 1);
  EXPECT_THAT(store_->GetSpeaker("Mr. Araghchi"),
              StatusIs(absl::StatusCode::kNotFound));
}

// Not a benchmark (tests/bench has those): a floor that catches a write path
// that re-prepares statements or commits per row.
// Checkpoints run on the store's own background connection, not inline on
// the writer: under sustained writes the WAL stays bounded (RESTART past
// 8 MiB), once writes pause it is truncated to nothing, and what was
// written is in the database file for any other connection.
TEST_F(SqliteStoreTest, BackgroundCheckpointsBoundAndEmptyTheWal) {
  auto wal_bytes = [&] {
    struct stat st;
    return stat((path_ + "-wal").c_str(), &st) == 0
               ? static_cast<int64_t>(st.st_size)
               : int64_t{0};
  };
  const std::string para =
      "Officials described a cautious optimism about the weeks ahead. ";
  int64_t max_wal = 0;
  constexpr int kArticles = 3000;
  for (int i = 0; i < kArticles; i += 100) {
    std::vector<TestArticle> batch;
    for (int j = i; j < i + 100; ++j) {
      TestArticle a = MakeArticle(absl::StrCat("ckpt", j));
      a.input.text.clear();
      while (a.input.text.size() < 3000)
        absl::StrAppend(&a.input.text, para, j);
      batch.push_back(std::move(a));
    }
    Put(batch);
    max_wal = std::max(max_wal, wal_bytes());
  }
  const int64_t db_bytes = [&] {
    struct stat st;
    return stat(path_.c_str(), &st) == 0 ? static_cast<int64_t>(st.st_size)
                                         : int64_t{0};
  }();
  std::printf("[ wal ] largest WAL %lld bytes, database %lld bytes\n",
              static_cast<long long>(max_wal),
              static_cast<long long>(db_bytes));
  // The WAL never held everything written: it was checkpointed (into the
  // database file) and restarted along the way.
  EXPECT_GT(db_bytes, 9 << 20);
  EXPECT_LT(max_wal, 24 << 20) << max_wal;
  // Idle: the checkpointer truncates the WAL within a few intervals.
  for (int i = 0; i < 100 && wal_bytes() > 0; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  EXPECT_EQ(wal_bytes(), 0);
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
  sqlite3_stmt* stmt = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(db, "SELECT count(*) FROM articles", -1, &stmt,
                               nullptr),
            SQLITE_OK);
  ASSERT_EQ(sqlite3_step(stmt), SQLITE_ROW);
  EXPECT_EQ(sqlite3_column_int64(stmt, 0), kArticles);
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  // Still writable after the checkpoints.
  Put({MakeArticle("after-ckpt")});
  EXPECT_EQ(store_->GetStats()->articles, kArticles + 1);
}

TEST_F(SqliteStoreTest, BatchedIngestThroughputFloor) {
  const std::string para =
      "The minister said the talks had gone well, and officials in the "
      "capital described a cautious optimism about the weeks ahead. ";
  std::vector<TestArticle> all;
  constexpr int kArticles = 2000;
  for (int i = 0; i < kArticles; ++i) {
    TestArticle a = MakeArticle(absl::StrCat("perf", i), "Outlet",
                                absl::StrCat("2026-01-", 10 + i % 20));
    a.input.text.clear();
    while (a.input.text.size() < 3000) {
      absl::StrAppend(&a.input.text, para, i, " ");
    }
    for (int q = 0; q < 6; ++q) {
      a.extraction.quotes.push_back(MakeQuote(
          absl::StrCat("We will keep talking about number ", i * 7 + q,
                       " because it matters to everyone here"),
          absl::StrCat("Speaker ", (i + q) % 200), q * 300, "Mr. Speaker",
          "Minister"));
    }
    for (int c = 0; c < 4; ++c) {
      a.extraction.quantities.push_back(
          MakeQuantity(absl::StrCat(i + c, " missiles"), "missile", i + c));
    }
    all.push_back(std::move(a));
  }
  const auto start = std::chrono::steady_clock::now();
  const std::clock_t cpu_start = std::clock();
  for (int i = 0; i < kArticles; i += 100) {
    std::vector<PutRequest> batch;
    for (int j = i; j < i + 100; ++j) batch.push_back(all[j].request());
    ASSERT_TRUE(store_->PutArticles(batch).ok());
  }
  const double secs =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
          .count();
  // CPU time too: on a shared machine wall time mostly measures neighbours.
  const double cpu_secs =
      static_cast<double>(std::clock() - cpu_start) / CLOCKS_PER_SEC;
  const double rate = kArticles / secs;
  std::printf(
      "[ ingest ] %d articles (~3 KB, 6 quotes, 4 claims): %.3f s "
      "wall (%.0f articles/s), %.3f s CPU (%.0f articles/CPU-s)\n",
      kArticles, secs, rate, cpu_secs, kArticles / cpu_secs);
  EXPECT_GT(rate, 200.0);  // generous: sanitizer and debug builds are slow
  EXPECT_EQ(store_->GetStats()->quotes, kArticles * 6);
}

// The watch event log: events written with the ingest that caused them,
// seq strictly increasing across reopen, registrations kept, the listener
// told after commit, unchanged articles recorded nothing.
TEST_F(SqliteStoreTest, WatchEventsAreDurableAndSequenced) {
  // A matcher that calls every quote holding "harbour" an occurrence.
  store_->SetWatchMatcher(
      [](const WatchRecord& w, const QuoteRecord& q, WatchEventRecord* e) {
        if (!absl::StrContains(q.quote.text, "harbour")) return false;
        e->verdict = 1;
        e->summary = absl::StrCat("matched ", w.id);
        return true;
      });
  std::vector<int64_t> told;
  store_->SetEventListener([&told](int64_t seq) { told.push_back(seq); });
  absl::StatusOr<WatchRecord> w =
      store_->AddWatch("the harbour wall is finished", "Ines Duarte", 2);
  ASSERT_TRUE(w.ok()) << w.status();
  EXPECT_EQ(w->id, "w_1");

  TestArticle a = MakeArticle("a");
  a.extraction.quotes.push_back(
      MakeQuote("the harbour wall is finished", "Ines Duarte", 0));
  a.extraction.quotes.push_back(MakeQuote("ferries run late", "Ines", 40));
  TestArticle b = MakeArticle("b");
  b.extraction.quotes.push_back(
      MakeQuote("the harbour wall is not finished", "Victor Hale", 0));
  Put({a});
  Put({b});
  Put({a});  // unchanged: no event
  ASSERT_EQ(told.size(), 2u);
  EXPECT_LT(told[0], told[1]);
  absl::StatusOr<std::vector<WatchEventRecord>> events =
      store_->ReadEvents(0, 10);
  ASSERT_TRUE(events.ok()) << events.status();
  ASSERT_EQ(events->size(), 2u);
  EXPECT_EQ((*events)[0].watch_id, "w_1");
  EXPECT_EQ((*events)[0].summary, "matched w_1");
  EXPECT_EQ((*events)[0].occurrence.quote.speaker, "Ines Duarte");
  EXPECT_EQ((*events)[1].occurrence.evidence.url, "https://news.example/b");
  EXPECT_EQ(store_->LastEventSeq(), (*events)[1].seq);
  // Paging by cursor.
  events = store_->ReadEvents((*events)[0].seq, 10);
  ASSERT_TRUE(events.ok());
  ASSERT_EQ(events->size(), 1u);

  // Reopen: registrations and the log survive; new events number on.
  const int64_t last = store_->LastEventSeq();
  store_.reset();
  SetUp();
  store_->SetWatchMatcher(
      [](const WatchRecord&, const QuoteRecord& q, WatchEventRecord*) {
        return absl::StrContains(q.quote.text, "harbour");
      });
  EXPECT_EQ(store_->LastEventSeq(), last);  // known at open, before any call
  absl::StatusOr<std::vector<WatchRecord>> watches = store_->ListWatches();
  ASSERT_TRUE(watches.ok());
  ASSERT_EQ(watches->size(), 1u);
  EXPECT_EQ(store_->LastEventSeq(), last);
  TestArticle c = MakeArticle("c");
  c.extraction.quotes.push_back(
      MakeQuote("the harbour wall is finished", "Ines Duarte", 0));
  Put({c});
  events = store_->ReadEvents(last, 10);
  ASSERT_TRUE(events.ok());
  ASSERT_EQ(events->size(), 1u);
  EXPECT_GT((*events)[0].seq, last);

  // Limits and removal.
  ASSERT_TRUE(store_->AddWatch("ferries run late", "", 2).ok());
  EXPECT_THAT(store_->AddWatch("a third", "", 2),
              StatusIs(absl::StatusCode::kResourceExhausted));
  EXPECT_TRUE(store_->RemoveWatch("w_1").ok());
  EXPECT_THAT(store_->RemoveWatch("w_1"),
              StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(store_->RemoveWatch("bogus"),
              StatusIs(absl::StatusCode::kNotFound));

  // Conflict events recorded on their own.
  std::vector<WatchEventRecord> conflict(1);
  conflict[0].kind = WatchEventKind::kConflict;
  conflict[0].summary = "two stories disagree";
  ASSERT_TRUE(store_->RecordEvents(&conflict).ok());
  EXPECT_GT(conflict[0].seq, (*events)[0].seq);
  EXPECT_EQ(store_->LastEventSeq(), conflict[0].seq);
}

// Events of stored quotes keep ids, not copies (schema v10), and read the
// same before and after their article is replaced and then deleted.
TEST_F(SqliteStoreTest, WatchEventsReadTheSameAfterTheirArticleGoes) {
  store_->SetWatchMatcher(
      [](const WatchRecord&, const QuoteRecord& q, WatchEventRecord* e) {
        if (!absl::StrContains(q.quote.text, "harbour")) return false;
        e->summary = "seen";
        return true;
      });
  ASSERT_TRUE(store_->AddWatch("the harbour wall is finished", "", 2).ok());
  TestArticle a = MakeArticle("a", "Harbour Gazette", "2026-03-01");
  a.extraction.quotes.push_back(MakeQuote("ferries run late", "Ines", 0));
  a.extraction.quotes.push_back(
      MakeQuote("the harbour wall is finished", "Ines Duarte", 30));
  Put({a});
  EXPECT_EQ(QueryRaw("SELECT count(*) FROM events WHERE by_ref = 1"), 1);
  EXPECT_EQ(QueryRaw("SELECT count(*) FROM events WHERE quote_text <> ''"), 0);
  auto read_one = [&]() -> std::string {
    absl::StatusOr<std::vector<WatchEventRecord>> got =
        store_->ReadEvents(0, 10);
    EXPECT_TRUE(got.ok()) << got.status();
    if (!got.ok() || got->size() != 1) return "wrong count";
    const WatchEventRecord& e = (*got)[0];
    const Evidence& ev = e.occurrence.evidence;
    return absl::StrCat(
        e.seq, "|", e.occurrence.id, "|", ev.article_id, "|", ev.outlet, "|",
        ev.url, "|", ev.published_date, "|", ev.title, "|",
        e.occurrence.quote.text, "|", e.occurrence.quote.speaker, "|",
        e.occurrence.quote.span.begin, "-", e.occurrence.quote.span.end, "|",
        ev.span.begin, "|", e.summary);
  };
  const std::string before = read_one();
  EXPECT_TRUE(absl::StrContains(
      before,
      "|Harbour Gazette|https://news.example/a|2026-03-01|Title a|"
      "the harbour wall is finished|Ines Duarte|30-58|30|seen"))
      << before;

  // A new version: other outlet, title and quotes; the event keeps the old.
  TestArticle a2 = MakeArticle("a", "Evening Post", "2026-03-02");
  a2.input.text = "A different body.";
  a2.input.title = "Changed";
  a2.extraction.quotes.push_back(MakeQuote("nothing about it", "Victor", 0));
  std::vector<PutResult> put = Put({a2});
  ASSERT_EQ(put.size(), 1u);
  ASSERT_EQ(put[0].outcome, PutOutcome::kReplaced);
  EXPECT_EQ(QueryRaw("SELECT count(*) FROM events WHERE by_ref = 1"), 0);
  EXPECT_EQ(read_one(), before);

  ASSERT_TRUE(store_->DeleteArticle(put[0].article_id).ok());
  EXPECT_EQ(read_one(), before);

  // Deleting an article whose events are still references.
  TestArticle b = MakeArticle("b");
  b.extraction.quotes.push_back(
      MakeQuote("the harbour wall is finished", "Victor Hale", 5));
  put = Put({b});
  ASSERT_EQ(put.size(), 1u);
  absl::StatusOr<std::vector<WatchEventRecord>> live =
      store_->ReadEvents(0, 10);
  ASSERT_TRUE(live.ok()) << live.status();
  ASSERT_EQ(live->size(), 2u);
  ASSERT_TRUE(store_->DeleteArticle(put[0].article_id).ok());
  absl::StatusOr<std::vector<WatchEventRecord>> after =
      store_->ReadEvents((*live)[0].seq, 10);
  ASSERT_TRUE(after.ok()) << after.status();
  ASSERT_EQ(after->size(), 1u);
  EXPECT_EQ((*after)[0].occurrence.quote.speaker, "Victor Hale");
  EXPECT_EQ((*after)[0].occurrence.evidence.url, "https://news.example/b");
  EXPECT_EQ((*after)[0].occurrence.quote.span.begin, 5u);
}

// A conflict event whose later side is a claim reads the claim's surface
// and span back from its row while it exists, and keeps them after the
// article is deleted.
TEST_F(SqliteStoreTest, ConflictEventsOfClaimsReadTheSameAfterDelete) {
  store_->SetConflictFinder([](const ConflictGroup& group) {
    std::vector<ConflictRecord> out;
    if (group.quotes.size() < 2) return out;
    const QuoteRecord& q = group.quotes[0].evidence.outlet == "Herald"
                               ? group.quotes[0]
                               : group.quotes[1];
    ConflictRecord c;
    c.id = absl::StrCat("cn_", group.key);
    c.kind = 2;
    c.sort_date = q.evidence.published_date;
    c.summary = "numbers differ";
    c.later.id = absl::StrCat("c_", q.id.substr(2));  // the article's claim 0
    c.later.quote.text = "about 40 ferries";
    c.later.quote.span = {60, 76};
    c.later.evidence = q.evidence;
    c.later.evidence.span = c.later.quote.span;
    out.push_back(std::move(c));
    return out;
  });
  std::vector<TestArticle> articles = {MakeArticle("x", "Gazette"),
                                       MakeArticle("y", "Herald")};
  for (TestArticle& a : articles) {
    a.extraction.quotes.push_back(
        MakeQuote("the harbour wall is finished", a.input.outlet, 0));
    extract::Quantity n;
    n.surface = "about 40 ferries";
    n.span = {60, 76};
    a.extraction.quantities.push_back(n);
  }
  std::vector<PutResult> put = Put(articles);
  ASSERT_EQ(put.size(), 2u);
  ASSERT_TRUE(
      store_->WaitForConflicts(store_->DataGeneration(), absl::Seconds(60)));
  EXPECT_EQ(QueryRaw("SELECT count(*) FROM events WHERE by_ref = 1"), 1);
  absl::StatusOr<std::vector<WatchEventRecord>> live =
      store_->ReadEvents(0, 10);
  ASSERT_TRUE(live.ok()) << live.status();
  ASSERT_EQ(live->size(), 1u);
  const WatchEventRecord before = (*live)[0];
  EXPECT_EQ(before.kind, WatchEventKind::kConflict);
  EXPECT_EQ(before.occurrence.quote.text, "about 40 ferries");
  EXPECT_EQ(before.occurrence.quote.span.begin, 60u);
  EXPECT_EQ(before.occurrence.quote.speaker, "");
  EXPECT_EQ(before.occurrence.evidence.outlet, "Herald");
  ASSERT_EQ(before.occurrence.evidence.article_id, put[1].article_id);
  ASSERT_TRUE(store_->DeleteArticle(put[1].article_id).ok());
  EXPECT_EQ(QueryRaw("SELECT count(*) FROM events WHERE by_ref = 1"), 0);
  absl::StatusOr<std::vector<WatchEventRecord>> after =
      store_->ReadEvents(0, 10);
  ASSERT_TRUE(after.ok()) << after.status();
  ASSERT_EQ(after->size(), 1u);
  const WatchEventRecord& e = (*after)[0];
  EXPECT_EQ(e.occurrence.id, before.occurrence.id);
  EXPECT_EQ(e.occurrence.quote.text, "about 40 ferries");
  EXPECT_EQ(e.occurrence.quote.span.end, 76u);
  EXPECT_EQ(e.occurrence.evidence.outlet, "Herald");
  EXPECT_EQ(e.occurrence.evidence.url, before.occurrence.evidence.url);
  EXPECT_EQ(e.occurrence.evidence.title, before.occurrence.evidence.title);
  EXPECT_EQ(e.summary, "numbers differ");
}

}  // namespace
}  // namespace claimcheck::store

namespace claimcheck::store {
namespace {

// Issue 12, point 6: replaces leave dead slots in the memory index; once
// they outnumber the live quotes (and kCompactMinDeadQuotes) the index is
// rebuilt, so memory follows the live data, not the churn.
TEST_F(SqliteStoreTest, MemoryIndexIsCompactedUnderChurn) {
  constexpr int kArticles = 10, kQuotesEach = 8, kRounds = 120;
  for (int round = 0; round < kRounds; ++round) {
    std::vector<TestArticle> batch;
    for (int a = 0; a < kArticles; ++a) {
      TestArticle t = MakeArticle(absl::StrCat("churn", a));
      t.input.text += absl::StrCat(" round ", round);
      for (int q = 0; q < kQuotesEach; ++q) {
        t.extraction.quotes.push_back(
            MakeQuote(absl::StrCat("Round ", round, " quote ", q, " of ", a),
                      "Jane Roe", 1 + q));
      }
      batch.push_back(std::move(t));
    }
    ASSERT_EQ(Put(batch).size(), static_cast<size_t>(kArticles));
  }
  auto* sqlite = dynamic_cast<SqliteStore*>(store_.get());
  ASSERT_NE(sqlite, nullptr);
  const size_t live = kArticles * kQuotesEach;
  const size_t written = live * kRounds;  // 9,600 quote rows over time
  ASSERT_GT(written, 2 * kCompactMinDeadQuotes);
  // Dead slots never exceed max(live, kCompactMinDeadQuotes) after a write.
  EXPECT_LE(sqlite->MemoryIndexSlots(),
            live + std::max(live, kCompactMinDeadQuotes));
  // And the rebuilt index answers like the old one.
  auto found = store_->FindQuoteCandidates("Round 119 quote 3 of 7", 5);
  ASSERT_TRUE(found.ok()) << found.status();
  std::vector<std::string> texts;
  for (const QuoteRecord& r : *found) texts.push_back(r.quote.text);
  EXPECT_THAT(texts, ::testing::Contains("Round 119 quote 3 of 7"));
  auto gone = store_->FindQuoteCandidates("Round 5 quote 3 of 7", 5);
  ASSERT_TRUE(gone.ok());
  for (const QuoteRecord& r : *gone)
    EXPECT_EQ(r.quote.text.find("Round 5 "), std::string::npos);
}

// Rows of `sql` (a count) on the database at `path`, through a separate raw
// connection.
int64_t Count(const std::string& path, const char* sql) {
  sqlite3* db = nullptr;
  EXPECT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  sqlite3_stmt* stmt = nullptr;
  EXPECT_EQ(sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr), SQLITE_OK);
  EXPECT_EQ(sqlite3_step(stmt), SQLITE_ROW);
  const int64_t n = sqlite3_column_int64(stmt, 0);
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  return n;
}

// A story signature needs words: a few sentences about `topic`, `round`.
TestArticle StoryArticle(int slot, int round) {
  static const char* const kTopics[] = {"bridge", "ferry", "school", "tunnel"};
  const std::string topic = kTopics[slot % 4];
  TestArticle t = MakeArticle(absl::StrCat("story", slot));
  t.input.text = absl::StrCat(
      "The city council approved the ", topic, " plan on Monday after ", round,
      " hours of debate. Mayor Elena Marsh said the ", topic, " would open in ",
      2027 + round % 4, ". Residents of the north side ", "welcomed the ",
      topic, " vote, version ", round, " of ", slot, ".");
  return t;
}

// Replaces and deletes remove an article's story bucket rows (issue 12
// soak: the delete bound bucket and day the wrong way round, so every
// replace and delete left its rows behind; 20 minutes of churn over 436
// live articles left 359,180 rows, 305,620 of them for deleted articles).
TEST_F(SqliteStoreTest, StoryBucketsFollowReplaceAndDelete) {
  constexpr int kSlots = 12, kRounds = 5;
  std::vector<PutResult> last;
  for (int round = 0; round < kRounds; ++round) {
    std::vector<TestArticle> batch;
    for (int slot = 0; slot < kSlots; ++slot) {
      batch.push_back(StoryArticle(slot, round));
    }
    last = Put(batch);
    ASSERT_EQ(last.size(), static_cast<size_t>(kSlots));
  }
  for (int slot = 0; slot < kSlots; slot += 2) {
    ASSERT_TRUE(store_->DeleteArticle(last[slot].article_id).ok());
  }
  EXPECT_EQ(Count(path_,
                  "SELECT count(*) FROM story_buckets WHERE article_seq"
                  " NOT IN (SELECT rowid FROM articles)"),
            0);
  // As many rows as the same live articles written once to a new store.
  TempDir fresh_dir;
  const std::string fresh_path = fresh_dir.File("fresh.db");
  {
    SqliteOptions options;
    options.path = fresh_path;
    auto fresh = OpenSqliteStore(options);
    ASSERT_TRUE(fresh.ok()) << fresh.status();
    std::vector<TestArticle> live;
    for (int slot = 1; slot < kSlots; slot += 2) {
      live.push_back(StoryArticle(slot, kRounds - 1));
    }
    std::vector<PutRequest> requests;
    for (const TestArticle& a : live) requests.push_back(a.request());
    ASSERT_TRUE((*fresh)->PutArticles(requests).ok());
  }
  const int64_t want = Count(fresh_path, "SELECT count(*) FROM story_buckets");
  ASSERT_GT(want, 0);
  EXPECT_EQ(Count(path_, "SELECT count(*) FROM story_buckets"), want);
}

}  // namespace
}  // namespace claimcheck::store
