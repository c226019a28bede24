// End to end on PostgreSQL: claimcheckd processes sharing one real
// PostgreSQL (tests/pg/pg_test_db.h). Two replicas serve each other's
// writes, and killing PostgreSQL with -9 in the middle of a stream ingest
// loses no acknowledged article.
#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "client/client.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/e2e/server_process.h"
#include "tests/pg/pg_test_db.h"

namespace claimcheck {
namespace {

std::unique_ptr<Client> ConnectTo(const testing::ServerProcess& server) {
  ClientOptions opts;
  opts.target = server.target();
  auto c = Client::Connect(opts);
  EXPECT_TRUE(c.ok()) << c.status();
  return c.ok() ? std::move(*c) : nullptr;
}

v1::IngestArticleRequest Article(int n) {
  v1::IngestArticleRequest req;
  v1::ArticleInput* a = req.mutable_article();
  a->set_url(absl::StrCat("https://news.example/pg/", n));
  a->set_outlet(n % 2 ? "Metro Wire" : "The Daily Ledger");
  a->set_published_date("2026-03-02");
  a->set_title(absl::StrCat("Council vote ", n));
  a->set_text(absl::StrCat(
      "The council met on Monday for session ", n, ". \"The repairs on pier ",
      n,
      " are ahead of schedule,\" said Elena Marsh, the city engineer. "
      "About 45,000 vehicles cross the bridge each day."));
  req.set_client_ref(absl::StrCat("item-", n));
  return req;
}

// Waits up to 10 s for `client` to find `text` as an exact quote.
bool WaitForQuote(Client* client, const std::string& text) {
  const absl::Time deadline = absl::Now() + absl::Seconds(10);
  while (absl::Now() < deadline) {
    v1::SearchQuotesRequest req;
    req.set_text(text);
    auto got = client->SearchQuotes(req);
    if (got.ok() && got->matches_size() > 0) return true;
    absl::SleepFor(absl::Milliseconds(20));
  }
  return false;
}

TEST(PostgresE2ETest, TwoReplicasServeEachOthersWritesAndSurviveALoss) {
  absl::StatusOr<std::string> url = testing::FreshPostgresDatabase();
  ASSERT_TRUE(url.ok()) << url.status();
  testing::ServerProcess a, b;
  ASSERT_TRUE(a.Start(*url)) << a.error();
  ASSERT_TRUE(b.Start(*url)) << b.error();
  auto ca = ConnectTo(a);
  auto cb = ConnectTo(b);
  ASSERT_TRUE(ca && cb);

  auto r = ca->IngestArticle(Article(1));
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->outcome(), v1::INGEST_OUTCOME_CREATED);
  ASSERT_TRUE(
      WaitForQuote(cb.get(), "The repairs on pier 1 are ahead of schedule"));
  v1::VerifyQuoteRequest v;
  v.set_text("The repairs on pier 1 are ahead of schedule");
  v.set_claimed_speaker("Elena Marsh");
  auto verdict = cb->VerifyQuote(v);
  ASSERT_TRUE(verdict.ok()) << verdict.status();
  EXPECT_EQ(verdict->verdict(), v1::VERDICT_SUPPORTED);

  // The same article again through the other replica: unchanged, one copy.
  auto again = cb->IngestArticle(Article(1));
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_EQ(again->outcome(), v1::INGEST_OUTCOME_UNCHANGED);
  EXPECT_EQ(again->article_id(), r->article_id());
  ASSERT_TRUE(cb->IngestArticle(Article(2)).ok());
  ASSERT_TRUE(
      WaitForQuote(ca.get(), "The repairs on pier 2 are ahead of schedule"));

  // One replica dies; the other goes on serving reads and writes.
  a.Kill();
  ASSERT_TRUE(cb->IngestArticle(Article(3)).ok());
  auto stats = cb->GetStats({});
  ASSERT_TRUE(stats.ok()) << stats.status();
  EXPECT_EQ(stats->articles(), 3);
}

TEST(PostgresE2ETest, KillNineOfPostgresMidStreamLosesNoAcknowledgedArticle) {
  const std::string state = testing::MakeTempDir() + "/cluster";
  ASSERT_EQ(testing::RunPgClusterScript("start", state), 0);
  absl::StatusOr<std::string> url =
      testing::FreshDatabaseOn(testing::ReadFirstLine(state + "/url"));
  ASSERT_TRUE(url.ok()) << url.status();

  constexpr int kArticles = 400;
  std::vector<v1::IngestArticleRequest> reqs;
  for (int i = 0; i < kArticles; ++i) reqs.push_back(Article(i));
  std::vector<std::string> acked;
  int rejected_unavailable = 0;
  {
    testing::ServerProcess server;
    ASSERT_TRUE(server.Start(*url, {"--max_commit_batch=8"})) << server.error();
    auto client = ConnectTo(server);
    ASSERT_TRUE(client);
    std::atomic<int> acks{0};
    std::atomic<bool> killed{false};
    std::thread killer([&] {
      while (acks.load() < 60) absl::SleepFor(absl::Milliseconds(1));
      killed = testing::RunPgClusterScript("kill9", state) == 0;
    });
    absl::Status s =
        client->IngestMany(reqs, [&](const v1::IngestArticleResponse& ack) {
          if (ack.status_code() == 0) {
            acked.push_back(ack.article_id());
          } else if (ack.status_code() ==
                     static_cast<int>(absl::StatusCode::kUnavailable)) {
            rejected_unavailable++;
          }
          acks++;
        });
    if (acks.load() < 60) acks = 60;  // the stream ended early: stop waiting
    killer.join();
    ASSERT_TRUE(killed.load());
    // The stream may end with an error; every OK ack must still be durable.
    (void)s;
  }
  ASSERT_GE(acked.size(), 60u);
  EXPECT_LT(acked.size(), static_cast<size_t>(kArticles)) << "kill too late";
  EXPECT_GT(rejected_unavailable, 0);

  ASSERT_EQ(testing::RunPgClusterScript("restart", state), 0);
  testing::ServerProcess fresh;  // a new replica: replays the log
  ASSERT_TRUE(fresh.Start(*url)) << fresh.error();
  auto client = ConnectTo(fresh);
  ASSERT_TRUE(client);
  for (const std::string& id : acked) {
    v1::GetArticleRequest get;
    get.set_article_id(id);
    auto got = client->GetArticle(get);
    EXPECT_TRUE(got.ok()) << id << ": " << got.status();
  }
  fresh.Stop();
  testing::RunPgClusterScript("stop", state);
}

}  // namespace
}  // namespace claimcheck
