// Scale-out figures (issue 14), each against a floor measured in the same
// run on the same machine:
//
//   1. ingest: articles/s through claimcheckd's IngestArticles stream into
//      PostgreSQL and into SQLite (durable acks both), as a ratio;
//   2. queries: exact who-said QPS and p99 with 1 and 2 replicas on one
//      PostgreSQL, each as a ratio to grpc.health.v1 Check on 1 replica
//      with the same client threads (the floor);
//   3. replication lag: from the ack of an ingest on replica A to the
//      article being readable on replica B, p50/p99 over --lag_articles.
//
// PostgreSQL is a throwaway cluster started here (tests/pg/
// pg_test_cluster.sh), like the tests'. Articles: tests/bench/article_gen.h.
//
//   build/tests/postgres_benchmark [--articles=1000] [--seconds=5]
//       [--threads=8] [--lag_articles=1000]
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "client/client.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "gtest/gtest.h"  // for tests/e2e/server_process.h's declarations
#include "tests/bench/article_gen.h"
#include "tests/e2e/server_process.h"
#include "tests/pg/pg_test_db.h"

namespace claimcheck::bench {
namespace {

using Clock = std::chrono::steady_clock;
using testing::ServerProcess;

double Ms(Clock::duration d) {
  return std::chrono::duration<double, std::milli>(d).count();
}

double Percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<size_t>(v.size() * p))];
}

std::unique_ptr<Client> Connect(const ServerProcess& s) {
  ClientOptions o;
  o.target = s.target();
  auto c = Client::Connect(o);
  if (!c.ok()) {
    std::fprintf(stderr, "connect: %s\n", c.status().ToString().c_str());
    std::exit(1);
  }
  return std::move(*c);
}

void Start(ServerProcess* s, const std::string& db) {
  if (!s->Start(db)) {
    std::fprintf(stderr, "claimcheckd: %s\n", s->error().c_str());
    std::exit(1);
  }
}

v1::IngestArticleRequest Request(const GeneratedArticle& a) {
  v1::IngestArticleRequest r;
  r.mutable_article()->set_url(a.url);
  r.mutable_article()->set_outlet(a.outlet);
  r.mutable_article()->set_published_date(a.published_date);
  r.mutable_article()->set_title(a.title);
  r.mutable_article()->set_text(a.text);
  return r;
}

// Articles/s of one IngestArticles stream of `reqs`; their ids to `ids`.
double IngestRate(Client* c, const std::vector<v1::IngestArticleRequest>& reqs,
                  std::vector<std::string>* ids) {
  int ok = 0;
  const auto t0 = Clock::now();
  absl::Status s = c->IngestMany(reqs, [&](const v1::IngestArticleResponse& a) {
    ok += a.status_code() == 0;
    ids->push_back(a.article_id());
  });
  const double secs = Ms(Clock::now() - t0) / 1000;
  if (!s.ok() || ok != static_cast<int>(reqs.size())) {
    std::fprintf(stderr, "ingest: %s, %d ok\n", s.ToString().c_str(), ok);
    std::exit(1);
  }
  return reqs.size() / secs;
}

struct Load {
  double qps = 0, p99_ms = 0;
  int64_t errors = 0;
};

// `threads` closed-loop callers for `seconds`; thread t uses clients[t % n].
template <typename Call>
Load RunLoad(int threads, double seconds, const Call& call) {
  std::vector<std::vector<double>> lat(threads);
  std::atomic<int64_t> errors{0};
  const auto end = Clock::now() + std::chrono::duration_cast<Clock::duration>(
                                      std::chrono::duration<double>(seconds));
  const auto t0 = Clock::now();
  std::vector<std::thread> ts;
  for (int t = 0; t < threads; ++t) {
    ts.emplace_back([&, t] {
      for (size_t i = t; Clock::now() < end; i += threads) {
        const auto s = Clock::now();
        if (!call(t, i)) errors++;
        lat[t].push_back(Ms(Clock::now() - s));
      }
    });
  }
  for (std::thread& t : ts) t.join();
  std::vector<double> all;
  for (auto& l : lat) all.insert(all.end(), l.begin(), l.end());
  Load r;
  r.qps = all.size() / (Ms(Clock::now() - t0) / 1000);
  r.p99_ms = Percentile(all, 0.99);
  r.errors = errors;
  return r;
}

int Flag(int argc, char** argv, const char* name, int def) {
  const std::string prefix = absl::StrCat("--", name, "=");
  for (int i = 1; i < argc; ++i) {
    int v = 0;
    if (absl::StartsWith(argv[i], prefix) &&
        absl::SimpleAtoi(argv[i] + prefix.size(), &v)) {
      return v;
    }
  }
  return def;
}

// Exact who-said queries: the quotes of the first 200 of `ids`.
std::vector<v1::SearchQuotesRequest> ExactQueries(
    Client* client, const std::vector<std::string>& ids) {
  std::vector<v1::SearchQuotesRequest> queries;
  for (size_t i = 0; i < ids.size() && i < 200; ++i) {
    v1::GetArticleRequest g;
    g.set_article_id(ids[i]);
    auto art = client->GetArticle(g);
    if (!art.ok()) continue;
    for (const auto& q : art->quotes()) {
      v1::SearchQuotesRequest r;
      r.set_text(q.text());
      r.set_mode(v1::MATCH_MODE_EXACT);
      queries.push_back(r);
    }
  }
  return queries;
}

// The change log's size per article and the database's, when it can tell.
void PrintLogSize(const std::string& url, int n) {
  auto db = claimcheck::store::PgConnection::Connect(url, 5);
  auto size = db.ok() ? (*db)->Exec(
                            "SELECT pg_total_relation_size('changes'),"
                            " pg_database_size(current_database())")
                      : db.status();
  if (size.ok()) {
    std::printf(
        "  log: %.1f KB per article (table with index), database "
        "%.1f MB\n",
        size->Int64(0, 0) / 1024.0 / n, size->Int64(0, 1) / 1048576.0);
  }
}

// Replication lag on a fresh database: ack on A -> readable on B, for
// `lag_n` new articles. False when an ingest fails.
bool MeasureLag(const std::string& lag_url, ArticleGenerator* gen, int lag_n) {
  ServerProcess la, lb;
  Start(&la, lag_url);
  Start(&lb, lag_url);
  auto cla = Connect(la), clb = Connect(lb);
  std::vector<double> lag;
  for (int i = 0; i < lag_n; ++i) {
    auto ack = cla->IngestArticle(Request(gen->Article(1000000 + i)));
    if (!ack.ok()) return false;
    const auto t0 = Clock::now();
    v1::GetArticleRequest g;
    g.set_article_id(ack->article_id());
    while (!clb->GetArticle(g).ok()) {
      std::this_thread::sleep_for(std::chrono::microseconds(200));
    }
    lag.push_back(Ms(Clock::now() - t0));
  }
  std::printf("replication lag, ack on A -> readable on B, %d articles\n",
              lag_n);
  std::printf(
      "  p50 %.2f ms  p99 %.2f ms  max %.2f ms  (target p99 <= 1000 "
      "ms: %s)\n",
      Percentile(lag, 0.5), Percentile(lag, 0.99), Percentile(lag, 1.0),
      Percentile(lag, 0.99) <= 1000 ? "MET" : "NOT MET");
  la.Stop();
  lb.Stop();
  return true;
}

}  // namespace
}  // namespace claimcheck::bench

int main(int argc, char** argv) {
  using namespace claimcheck;         // NOLINT
  using namespace claimcheck::bench;  // NOLINT
  const int n = Flag(argc, argv, "articles", 1000);
  const int seconds = Flag(argc, argv, "seconds", 5);
  const int threads = Flag(argc, argv, "threads", 8);
  const int lag_n = Flag(argc, argv, "lag_articles", 1000);

  const std::string state =
      claimcheck::testing::MakeTempDirIn("/tmp") + "/cluster";
  if (claimcheck::testing::RunPgClusterScript("start", state) != 0) return 1;
  const std::string admin = claimcheck::testing::ReadFirstLine(state + "/url");
  absl::StatusOr<std::string> url = claimcheck::testing::FreshDatabaseOn(admin);
  absl::StatusOr<std::string> lag_url =
      claimcheck::testing::FreshDatabaseOn(admin);
  if (!url.ok() || !lag_url.ok()) return 1;

  ArticleGenerator gen(/*seed=*/42);
  std::vector<v1::IngestArticleRequest> reqs;
  for (int i = 0; i < n; ++i) reqs.push_back(Request(gen.Article(i)));

  // 1. Ingest, SQLite then PostgreSQL, one stream each.
  ServerProcess sq, a, b;
  Start(&sq, claimcheck::testing::MakeTempDirIn("/tmp") + "/bench.db");
  std::vector<std::string> ids;
  const double sqlite_rate = IngestRate(Connect(sq).get(), reqs, &ids);
  sq.Stop();
  Start(&a, *url);
  auto ca = Connect(a);
  ids.clear();
  const double pg_rate = IngestRate(ca.get(), reqs, &ids);
  std::printf("ingest, %d articles of ~3 KB, one stream, durable acks\n", n);
  std::printf("  sqlite      %8.0f articles/s (floor)\n", sqlite_rate);
  std::printf("  postgresql  %8.0f articles/s  ratio %.2f\n", pg_rate,
              pg_rate / sqlite_rate);

  // 2. Queries: exact who-said of stored quotes.
  const std::vector<v1::SearchQuotesRequest> queries =
      ExactQueries(ca.get(), ids);
  if (queries.empty()) {
    std::fprintf(stderr, "no quotes to query\n");
    return 1;
  }
  PrintLogSize(*url, n);
  // A second replica starts by replaying the whole log into its copy.
  const auto replay0 = Clock::now();
  Start(&b, *url);
  const double replay_s = Ms(Clock::now() - replay0) / 1000;
  std::printf(
      "replica start, replaying the log of %d articles: %.2f s "
      "(%.0f articles/s)\n",
      n, replay_s, n / replay_s);
  auto cb = Connect(b);
  std::vector<Client*> one = {ca.get()}, two = {ca.get(), cb.get()};
  auto channel =
      grpc::CreateChannel(a.target(), grpc::InsecureChannelCredentials());
  auto health = grpc::health::v1::Health::NewStub(channel);
  const Load floor = RunLoad(threads, seconds, [&](int, size_t) {
    grpc::ClientContext ctx;
    grpc::health::v1::HealthCheckRequest q;
    grpc::health::v1::HealthCheckResponse r;
    return health->Check(&ctx, q, &r).ok();
  });
  auto search = [&](const std::vector<Client*>& cs) {
    return RunLoad(threads, seconds, [&](int t, size_t i) {
      return cs[t % cs.size()]->SearchQuotes(queries[i % queries.size()]).ok();
    });
  };
  const Load r1 = search(one);
  const Load r2 = search(two);
  std::printf("queries, exact who-said, %d client threads, %d s each\n",
              threads, seconds);
  std::printf("  health check, 1 replica (floor) %8.0f QPS  p99 %6.2f ms\n",
              floor.qps, floor.p99_ms);
  std::printf(
      "  who-said, 1 replica            %8.0f QPS  p99 %6.2f ms  "
      "ratio %.3f  errors %lld\n",
      r1.qps, r1.p99_ms, r1.qps / floor.qps, static_cast<long long>(r1.errors));
  std::printf(
      "  who-said, 2 replicas           %8.0f QPS  p99 %6.2f ms  "
      "ratio %.3f  errors %lld\n",
      r2.qps, r2.p99_ms, r2.qps / floor.qps, static_cast<long long>(r2.errors));
  a.Stop();
  b.Stop();

  // 3. Replication lag, on a fresh database: ack on A -> readable on B.
  if (!MeasureLag(*lag_url, &gen, lag_n)) return 1;
  claimcheck::testing::RunPgClusterScript("stop", state);
  return 0;
}
