// What only the PostgreSQL store promises beyond the conformance suite:
// replicas sharing one real PostgreSQL stay in step (also when both ingest
// at once), writes fail cleanly while PostgreSQL is down and come back
// after it returns, and a replica resumes its copy after a clean stop.
#include "server/store/postgres_store.h"

#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/store/store.h"
#include "tests/pg/pg_test_db.h"
#include "tests/status_matchers.h"
#include "tests/store/store_test_util.h"

namespace claimcheck::store {
namespace {

using ::claimcheck::testing::StatusIs;

using ::claimcheck::store::testing::MakeArticle;
using ::claimcheck::store::testing::MakeQuote;
using ::claimcheck::store::testing::TempDir;
using ::claimcheck::store::testing::TestArticle;
using ::testing::HasSubstr;

// Merges every pair the store asks about (same first word, last words close):
// enough to see that both replicas make the same merges.
std::string MergeAskedPairs(const SpeakerProfile& a, const SpeakerProfile& b) {
  return absl::StrCat("test rule: ", a.name, " ~ ", b.name);
}

// A quote is an occurrence of a watch when it contains the watch's text.
bool ContainsWatchText(const WatchRecord& w, const QuoteRecord& q,
                       WatchEventRecord* e) {
  if (q.quote.text.find(w.text) == std::string::npos) return false;
  e->kind = WatchEventKind::kOccurrence;
  e->summary = "contains";
  return true;
}

absl::StatusOr<std::unique_ptr<Store>> OpenReplica(const std::string& url,
                                                   const std::string& dir) {
  PostgresOptions options;
  options.conninfo = url;
  options.cache_dir = dir;
  options.merge_rule = MergeAskedPairs;
  options.watch_matcher = ContainsWatchText;
  options.max_backoff_ms = 400;
  options.connect_timeout_s = 2;
  return OpenPostgresStore(options);
}

// An article quoting `speaker` (a spelling variant of one person).
TestArticle SpeakerArticle(int n, const std::string& speaker) {
  TestArticle a = MakeArticle(absl::StrCat("r", n));
  a.input.text =
      absl::StrCat("Ceasefire talks in Geneva, round ", n,
                   ". \"We are making progress ", n, ",\" ", speaker, " said.");
  a.extraction.quotes.push_back(
      MakeQuote(absl::StrCat("We are making progress ", n), speaker, 40));
  return a;
}

absl::Status Put(Store* store, const TestArticle& a) {
  const PutRequest r = a.request();
  return store->PutArticles(absl::MakeConstSpan(&r, 1)).status();
}

// Waits up to 10 s for `store` to hold `articles` articles.
bool WaitForArticles(Store* store, int64_t articles) {
  const absl::Time deadline = absl::Now() + absl::Seconds(10);
  while (absl::Now() < deadline) {
    absl::StatusOr<StoreStats> s = store->GetStats();
    if (s.ok() && s->articles == articles) return true;
    absl::SleepFor(absl::Milliseconds(20));
  }
  return false;
}

// Everything a replica derives, as one comparable string.
std::string Derived(Store* store) {
  std::string out;
  absl::StatusOr<SpeakerPage> speakers = store->ListSpeakers("", 1000, "");
  if (!speakers.ok()) return speakers.status().ToString();
  for (const SpeakerRecord& s : speakers->speakers) {
    absl::StrAppend(&out, s.id, " ", s.name, " ", s.quote_count, ";");
  }
  SpeakerMergesQuery mq;
  mq.limit = 1000;
  absl::StatusOr<SpeakerMergePage> merges = store->ListSpeakerMerges(mq);
  if (!merges.ok()) return merges.status().ToString();
  for (const SpeakerMergeRecord& m : merges->merges) {
    absl::StrAppend(&out, m.id, " ", m.from_id, ">", m.into_id, " ",
                    m.created_unix_ms, ";");
  }
  absl::StatusOr<std::vector<WatchEventRecord>> events =
      store->ReadEvents(0, 1000);
  if (!events.ok()) return events.status().ToString();
  for (const WatchEventRecord& e : *events) {
    absl::StrAppend(&out, "e", e.seq, " ", e.watch_id, " ", e.occurrence.id,
                    " ", e.created_unix_ms, ";");
  }
  absl::StatusOr<StoryPage> stories = store->ListStories(1000, "");
  if (!stories.ok()) return stories.status().ToString();
  for (const StoryRecord& s : stories->stories) {
    absl::StrAppend(&out, s.id, ":", s.article_count, ";");
  }
  return out;
}

TEST(PostgresStoreTest, AWriteOnOneReplicaReachesTheOtherWithoutAnyCall) {
  absl::StatusOr<std::string> url =
      claimcheck::testing::FreshPostgresDatabase();
  ASSERT_TRUE(url.ok()) << url.status();
  TempDir da, db;
  auto a = OpenReplica(*url, da.path());
  auto b = OpenReplica(*url, db.path());
  ASSERT_TRUE(a.ok()) << a.status();
  ASSERT_TRUE(b.ok()) << b.status();
  ASSERT_TRUE(Put(a->get(), SpeakerArticle(1, "Jane Doe")).ok());
  // B is woken by NOTIFY (or its poll); no write or read on B triggers it.
  ASSERT_TRUE(WaitForArticles(b->get(), 1));
  absl::StatusOr<SpeakerRecord> jane = (*b)->GetSpeaker("Jane Doe");
  ASSERT_TRUE(jane.ok()) << jane.status();
  EXPECT_EQ(jane->quote_count, 1);
  // Page tokens of one replica are good on the other (one shared secret).
  absl::StatusOr<SpeakerPage> page = (*a)->ListSpeakers("", 1, "");
  ASSERT_TRUE(page.ok());
  ASSERT_TRUE(Put(b->get(), SpeakerArticle(2, "John Roe")).ok());
  ASSERT_TRUE(WaitForArticles(a->get(), 2));
  page = (*a)->ListSpeakers("", 1, "");
  ASSERT_TRUE(page.ok());
  ASSERT_FALSE(page->next_page_token.empty());
  EXPECT_TRUE((*b)->ListSpeakers("", 1, page->next_page_token).ok());
}

TEST(PostgresStoreTest, TwoReplicasIngestingAtOnceDeriveTheSameState) {
  absl::StatusOr<std::string> url =
      claimcheck::testing::FreshPostgresDatabase();
  ASSERT_TRUE(url.ok()) << url.status();
  TempDir da, db;
  auto a = OpenReplica(*url, da.path());
  auto b = OpenReplica(*url, db.path());
  ASSERT_TRUE(a.ok()) << a.status();
  ASSERT_TRUE(b.ok()) << b.status();
  // Spelling variants of one speaker arrive through both replicas at once,
  // so each replica's merges depend on the other's writes.
  const std::vector<std::string> variants = {"Abbas Araghchi", "Abbas Araghchy",
                                             "Abbas Aragchi"};
  constexpr int kPerReplica = 30;
  // Every quote is an occurrence of this watch: each replica records the
  // events while applying, so their seqs must agree too.
  ASSERT_TRUE((*a)->AddWatch("making progress", "", 10).ok());
  std::atomic<int> failures{0};
  auto ingest = [&](Store* store, int first) {
    for (int i = 0; i < kPerReplica; ++i) {
      const int n = first + i;
      if (!Put(store, SpeakerArticle(n, variants[n % variants.size()])).ok()) {
        failures++;
      }
    }
  };
  std::thread ta(ingest, a->get(), 0);
  std::thread tb(ingest, b->get(), 1000);
  ta.join();
  tb.join();
  ASSERT_EQ(failures.load(), 0);
  ASSERT_TRUE(WaitForArticles(a->get(), 2 * kPerReplica));
  ASSERT_TRUE(WaitForArticles(b->get(), 2 * kPerReplica));
  const std::string state_a = Derived(a->get());
  EXPECT_EQ(state_a, Derived(b->get()));
  // The variants were merged into one speaker holding every quote.
  absl::StatusOr<SpeakerRecord> s = (*a)->GetSpeaker("Abbas Araghchi");
  ASSERT_TRUE(s.ok()) << s.status();
  EXPECT_EQ(s->quote_count, 2 * kPerReplica) << state_a;
  EXPECT_EQ((*b)->LastEventSeq(), 2 * kPerReplica);
  // A third replica started now replays the log to the same state, events
  // included (the matcher is given at open, before the replay).
  TempDir dc;
  auto c = OpenReplica(*url, dc.path());
  ASSERT_TRUE(c.ok()) << c.status();
  EXPECT_EQ(Derived(c->get()), state_a);
}

TEST(PostgresStoreTest, ResumesItsCopyAfterACleanStop) {
  absl::StatusOr<std::string> url =
      claimcheck::testing::FreshPostgresDatabase();
  ASSERT_TRUE(url.ok()) << url.status();
  TempDir da, db;
  {
    auto a = OpenReplica(*url, da.path());
    ASSERT_TRUE(a.ok()) << a.status();
    ASSERT_TRUE(Put(a->get(), SpeakerArticle(1, "Jane Doe")).ok());
  }
  // The resume marker names the log and the last seq applied.
  EXPECT_EQ(claimcheck::testing::ReadFirstLine(da.path() + "/replica.applied")
                .substr(65),
            "1");
  {
    auto b = OpenReplica(*url, db.path());
    ASSERT_TRUE(b.ok()) << b.status();
    ASSERT_TRUE(Put(b->get(), SpeakerArticle(2, "John Roe")).ok());
  }
  auto a = OpenReplica(*url, da.path());
  ASSERT_TRUE(a.ok()) << a.status();
  absl::StatusOr<StoreStats> stats = (*a)->GetStats();
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ(stats->articles, 2);
  EXPECT_TRUE((*a)->GetSpeaker("John Roe").ok());
}

// A private cluster: this test kills it.
class PostgresOutageTest : public ::testing::Test {
 protected:
  void SetUp() override {
    state_ = dir_.path() + "/cluster";
    ASSERT_EQ(claimcheck::testing::RunPgClusterScript("start", state_), 0);
    started_ = true;
    absl::StatusOr<std::string> url = claimcheck::testing::FreshDatabaseOn(
        claimcheck::testing::ReadFirstLine(state_ + "/url"));
    ASSERT_TRUE(url.ok()) << url.status();
    url_ = *url;
  }
  void TearDown() override {
    if (started_) claimcheck::testing::RunPgClusterScript("stop", state_);
  }

  TempDir dir_;
  std::string state_, url_;
  bool started_ = false;
};

TEST_F(PostgresOutageTest, WritesAreUnavailableWhileDownReadsGoOnThenBack) {
  TempDir cache;
  auto store = OpenReplica(url_, cache.path());
  ASSERT_TRUE(store.ok()) << store.status();
  ASSERT_TRUE(Put(store->get(), SpeakerArticle(1, "Jane Doe")).ok());

  ASSERT_EQ(claimcheck::testing::RunPgClusterScript("kill9", state_), 0);
  absl::Status down = Put(store->get(), SpeakerArticle(2, "John Roe"));
  EXPECT_THAT(down, StatusIs(absl::StatusCode::kUnavailable)) << down;
  EXPECT_THAT(down.message(), HasSubstr("postgresql"));
  // Again, now refused fast while the backoff runs, with the same reason.
  down = Put(store->get(), SpeakerArticle(2, "John Roe"));
  EXPECT_THAT(down, StatusIs(absl::StatusCode::kUnavailable)) << down;
  EXPECT_THAT(down.message(), HasSubstr("writes are refused"));
  // Queries are answered from the replica's copy.
  absl::StatusOr<SpeakerRecord> jane = (*store)->GetSpeaker("Jane Doe");
  ASSERT_TRUE(jane.ok()) << jane.status();
  EXPECT_EQ(jane->quote_count, 1);

  ASSERT_EQ(claimcheck::testing::RunPgClusterScript("restart", state_), 0);
  // Reconnects on its own (backoff at most 400 ms here).
  absl::Status back;
  const absl::Time deadline = absl::Now() + absl::Seconds(20);
  do {
    absl::SleepFor(absl::Milliseconds(100));
    back = Put(store->get(), SpeakerArticle(2, "John Roe"));
  } while (!back.ok() && absl::Now() < deadline);
  EXPECT_TRUE(back.ok()) << back;
  EXPECT_TRUE((*store)->GetSpeaker("John Roe").ok());
}

}  // namespace
}  // namespace claimcheck::store
