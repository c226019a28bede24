// The group-commit pipeline over a real SQLite store: every submitted item is
// called back exactly once, in order, after it is durable.
#include "server/api/ingest_pipeline.h"

#include <stdlib.h>

#include <string>
#include <thread>
#include <vector>

#include "absl/synchronization/mutex.h"
#include "absl/synchronization/notification.h"
#include "gtest/gtest.h"
#include "server/extract/extract.h"
#include "server/store/sqlite_store.h"

namespace claimcheck::api {
namespace {

std::string TempDb() {
  std::string tmpl = ::testing::TempDir() + "/pipeline_XXXXXX";
  EXPECT_NE(mkdtemp(tmpl.data()), nullptr);
  return tmpl + "/db.sqlite";
}

store::ArticleInput Input(int i) {
  store::ArticleInput in;
  in.outlet = "Outlet";
  in.url = "https://example.com/" + std::to_string(i);
  in.text = "\"Number " + std::to_string(i) + " is here,\" Jane Roe said.";
  return in;
}

TEST(IngestPipelineTest, CallsBackEveryItemInOrderFromManyThreads) {
  const std::string path = TempDb();
  auto st = store::OpenSqliteStore({path});
  ASSERT_TRUE(st.ok()) << st.status();
  constexpr int kThreads = 4, kPerThread = 50;
  absl::Mutex mu;
  std::vector<std::vector<int>> order(kThreads);
  {
    IngestPipeline pipeline(st->get(), /*max_batch=*/16);
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
      threads.emplace_back([&, t] {
        for (int i = 0; i < kPerThread; ++i) {
          store::ArticleInput in = Input(t * 1000 + i);
          extract::Extraction ex = extract::ExtractUnchecked(in.text);
          pipeline.Submit(std::move(in), std::move(ex),
                          [&, t, i](absl::StatusOr<store::PutResult> r) {
                            EXPECT_TRUE(r.ok()) << r.status();
                            absl::MutexLock lock(&mu);
                            order[t].push_back(i);
                          });
        }
      });
    }
    for (auto& th : threads) th.join();
  }  // the destructor drains the queue
  for (int t = 0; t < kThreads; ++t) {
    ASSERT_EQ(order[t].size(), static_cast<size_t>(kPerThread));
    for (int i = 0; i < kPerThread; ++i) EXPECT_EQ(order[t][i], i);
  }
  auto stats = (*st)->GetStats();
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ(stats->articles, kThreads * kPerThread);
}

TEST(IngestPipelineTest, DuplicateInOneBatchIsUnchanged) {
  auto st = store::OpenSqliteStore({TempDb()});
  ASSERT_TRUE(st.ok()) << st.status();
  std::vector<store::PutOutcome> outcomes(2);
  absl::Notification done;
  {
    IngestPipeline pipeline(st->get(), 8);
    for (int k = 0; k < 2; ++k) {
      store::ArticleInput in = Input(7);
      extract::Extraction ex = extract::ExtractUnchecked(in.text);
      pipeline.Submit(std::move(in), std::move(ex),
                      [&, k](absl::StatusOr<store::PutResult> r) {
                        ASSERT_TRUE(r.ok()) << r.status();
                        outcomes[k] = r->outcome;
                      });
    }
  }
  EXPECT_EQ(outcomes[0], store::PutOutcome::kCreated);
  EXPECT_EQ(outcomes[1], store::PutOutcome::kUnchanged);
}

}  // namespace
}  // namespace claimcheck::api
