// QueryCore's consistency reports over a real SQLite store: they poll the
// call's cancellation in their long loops and stop once a poll says so
// (issue 12: they relied on row caps alone).
#include <stdlib.h>

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "server/api/query_core.h"
#include "server/extract/extract.h"
#include "server/store/sqlite_store.h"

namespace claimcheck::api {
namespace {

constexpr int kArticles = 120;

// Eight words picked by `i` from a small vocabulary: sentences far enough
// apart that no two are taken for variants of one utterance.
std::string Sentence(int i) {
  static const char* const kWords[] = {
      "harbour", "cranes",  "budget", "river",   "school", "tunnel",
      "market",  "ferry",   "bridge", "housing", "water",  "power",
      "trains",  "doctors", "parks",  "roads",   "taxes",  "farms",
      "police",  "museum",  "garden", "library", "clinic", "airport"};
  constexpr unsigned kCount = sizeof(kWords) / sizeof(*kWords);
  std::string out = "We";
  unsigned x = 2654435761u * static_cast<unsigned>(i + 1);
  for (int w = 0; w < 8; ++w) {
    x = x * 1103515245u + 12345u;
    absl::StrAppend(&out, w % 2 ? " and " : " need ",
                    kWords[(x >> 16) % kCount]);
  }
  return out;
}

// One speaker, a different sentence in every article, and a count of
// workers that differs too: many quote groups and many claims.
store::ArticleInput Article(int i) {
  store::ArticleInput in;
  in.outlet = i % 2 ? "Metro Wire" : "Daily Ledger";
  in.url = absl::StrCat("https://example.com/", i);
  in.published_date = "2026-03-01";
  in.text = absl::StrCat("\"", Sentence(i), ",\" said Jane Roe.\n\nAbout ",
                         100 + 7 * i, " workers joined the works.");
  return in;
}

class QueryCoreCancelTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string dir = ::testing::TempDir() + "/query_core_XXXXXX";
    ASSERT_NE(mkdtemp(dir.data()), nullptr);
    auto st = store::OpenSqliteStore({dir + "/db.sqlite"});
    ASSERT_TRUE(st.ok()) << st.status();
    store_ = std::move(*st);
    std::vector<store::ArticleInput> inputs;
    std::vector<extract::Extraction> extractions;
    for (int i = 0; i < kArticles; ++i) {
      inputs.push_back(Article(i));
      extractions.push_back(extract::ExtractUnchecked(inputs.back().text));
    }
    std::vector<store::PutRequest> puts;
    for (int i = 0; i < kArticles; ++i) {
      puts.push_back({&inputs[i], &extractions[i], nullptr});
    }
    ASSERT_TRUE(store_->PutArticles(puts).ok());
    // No report cache: these tests count the polls of the computation,
    // which a cached report skips (report_cache_test.cc covers the cache).
    Limits limits;
    limits.quantity_report_cache_bytes = 0;
    core_ = std::make_unique<QueryCore>(store_.get(), limits);
  }

  // A `cancelled` that fires at poll number `fire_at` (counting from 1;
  // 0: never) and counts every poll in `polls_`.
  std::function<bool()> FiresAt(int fire_at) {
    polls_ = 0;
    return [this, fire_at] { return ++polls_ >= fire_at && fire_at > 0; };
  }

  std::unique_ptr<store::Store> store_;
  std::unique_ptr<QueryCore> core_;
  int polls_ = 0;
};

TEST_F(QueryCoreCancelTest, SpeakerReportPollsAndStopsOnceCancelled) {
  v1::GetSpeakerConsistencyRequest req;
  req.set_speaker("Jane Roe");
  req.set_max_groups(100);
  v1::SpeakerConsistencyReport whole;
  ASSERT_TRUE(core_->GetSpeakerConsistency(req, &whole, FiresAt(0)).ok());
  ASSERT_GE(whole.groups_size(), 20);
  const int polls = polls_;
  // At least one poll per group reported, and more in the grouping.
  EXPECT_GT(polls, whole.groups_size());
  for (const int fire_at : {1, 2, 5, polls / 2, polls}) {
    v1::SpeakerConsistencyReport part;
    const absl::Status s =
        core_->GetSpeakerConsistency(req, &part, FiresAt(fire_at));
    EXPECT_EQ(s.code(), absl::StatusCode::kCancelled) << fire_at << " " << s;
    // The verify step that saw it returns, its caller polls once more.
    EXPECT_LE(polls_, fire_at + 1) << "work went on after the cancel";
  }
}

TEST_F(QueryCoreCancelTest, QuantityReportPollsAndStopsOnceCancelled) {
  v1::GetQuantityConsistencyRequest req;
  req.set_unit("workers");
  v1::QuantityConsistencyReport whole;
  ASSERT_TRUE(core_->GetQuantityConsistency(req, &whole, FiresAt(0)).ok());
  ASSERT_EQ(whole.observation_count(), kArticles);
  const int polls = polls_;
  EXPECT_GE(polls, 2);  // the page read and the comparison
  for (int fire_at = 1; fire_at <= polls; ++fire_at) {
    v1::QuantityConsistencyReport part;
    const absl::Status s =
        core_->GetQuantityConsistency(req, &part, FiresAt(fire_at));
    EXPECT_EQ(s.code(), absl::StatusCode::kCancelled) << fire_at << " " << s;
    // The verify step that saw it returns, its caller polls once more.
    EXPECT_LE(polls_, fire_at + 1) << "work went on after the cancel";
  }
}

TEST_F(QueryCoreCancelTest, ReportsWithoutACancelCheckAreUnchanged) {
  v1::GetSpeakerConsistencyRequest sreq;
  sreq.set_speaker("Jane Roe");
  v1::SpeakerConsistencyReport with, without;
  ASSERT_TRUE(core_->GetSpeakerConsistency(sreq, &with, FiresAt(0)).ok());
  ASSERT_TRUE(core_->GetSpeakerConsistency(sreq, &without).ok());
  EXPECT_EQ(with.SerializeAsString(), without.SerializeAsString());
  v1::GetQuantityConsistencyRequest qreq;
  qreq.set_unit("workers");
  v1::QuantityConsistencyReport qwith, qwithout;
  ASSERT_TRUE(core_->GetQuantityConsistency(qreq, &qwith, FiresAt(0)).ok());
  ASSERT_TRUE(core_->GetQuantityConsistency(qreq, &qwithout).ok());
  EXPECT_EQ(qwith.SerializeAsString(), qwithout.SerializeAsString());
}

}  // namespace
}  // namespace claimcheck::api
