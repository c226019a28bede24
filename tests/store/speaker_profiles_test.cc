// Speaker profiles kept by delta (speaker_profiles.h) against profiles
// rebuilt from the database rows, through ingest, replace, delete, merge,
// redirect of a merged-away spelling and undo.
#include "server/store/speaker_profiles.h"

#include <algorithm>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/store/sqlite_store.h"
#include "server/store/sqlite_store_impl.h"
#include "tests/store/store_test_util.h"

namespace claimcheck::store {
namespace {

using ::claimcheck::store::testing::MakeArticle;
using ::claimcheck::store::testing::MakeQuote;
using ::claimcheck::store::testing::TempDir;
using ::claimcheck::store::testing::TestArticle;
using ::testing::UnorderedElementsAreArray;

class SpeakerProfilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    SqliteOptions options;
    options.path = dir_.File("store.db");
    // Keeps everyone apart unless both share a quote; counts the questions.
    options.merge_rule = [this](const SpeakerProfile& a,
                                const SpeakerProfile& b) {
      ++rule_calls_;
      for (uint64_t h : a.quote_hashes) {
        if (std::find(b.quote_hashes.begin(), b.quote_hashes.end(), h) !=
            b.quote_hashes.end()) {
          return std::string("same quote");
        }
      }
      return std::string();
    };
    absl::StatusOr<std::unique_ptr<Store>> store = OpenSqliteStore(options);
    ASSERT_TRUE(store.ok()) << store.status();
    store_ = std::move(*store);
  }

  SqliteStore* sqlite() { return static_cast<SqliteStore*>(store_.get()); }

  std::vector<PutResult> Put(const std::vector<TestArticle>& articles) {
    std::vector<PutRequest> requests;
    for (const TestArticle& a : articles) requests.push_back(a.request());
    absl::StatusOr<std::vector<PutResult>> got = store_->PutArticles(requests);
    EXPECT_TRUE(got.ok()) << got.status();
    return got.ok() ? *got : std::vector<PutResult>{};
  }

  // An article quoting each of `speakers` once, with quote `text_of(i)`.
  TestArticle Article(const std::string& tag,
                      const std::vector<std::string>& speakers,
                      const std::string& text_prefix) {
    TestArticle a = MakeArticle(tag);
    uint32_t at = 1;
    for (size_t i = 0; i < speakers.size(); ++i) {
      a.extraction.quotes.push_back(MakeQuote(absl::StrCat(text_prefix, " ", i),
                                              speakers[i], at, "", "Senator"));
      at += 40;
    }
    return a;
  }

  std::string IdOf(const std::string& name) {
    absl::StatusOr<SpeakerRecord> s = store_->GetSpeaker(name);
    EXPECT_TRUE(s.ok()) << name << ": " << s.status();
    return s.ok() ? s->id : "";
  }

  // The profile kept by delta equals the one rebuilt from rows.
  void ExpectKeptEqualsRows(const std::string& name) {
    SCOPED_TRACE(name);
    const std::string id = IdOf(name);
    absl::StatusOr<SpeakerProfile> kept =
        sqlite()->SpeakerProfileForTesting(id, /*from_rows=*/false);
    absl::StatusOr<SpeakerProfile> rows =
        sqlite()->SpeakerProfileForTesting(id, /*from_rows=*/true);
    ASSERT_TRUE(kept.ok()) << kept.status();
    ASSERT_TRUE(rows.ok()) << rows.status();
    EXPECT_EQ(kept->name, rows->name);
    EXPECT_EQ(kept->roles, rows->roles);
    EXPECT_EQ(kept->quote_count, rows->quote_count);
    EXPECT_EQ(kept->quote_hashes, rows->quote_hashes);
    EXPECT_EQ(kept->co_speakers, rows->co_speakers);
  }

  TempDir dir_;
  std::unique_ptr<Store> store_;
  int rule_calls_ = 0;
};

TEST_F(SpeakerProfilesTest, KeptByDeltaEqualsRebuiltFromRows) {
  const std::vector<std::string> names = {
      "Jane Smith", "Jane Smyth", "Omar Haddad", "Li Wei Chen", "Ana Lopez"};
  Put({Article("a0", {"Jane Smith", "Omar Haddad"}, "Opening words"),
       Article("a1", {"Jane Smyth", "Ana Lopez", "Li Wei Chen"},
               "Other words")});
  // Cache every profile, then change the rows under them.
  for (const std::string& n : names) {
    ASSERT_TRUE(sqlite()->SpeakerProfileForTesting(IdOf(n), false).ok());
  }
  std::vector<PutResult> put;
  for (int round = 0; round < 3; ++round) {
    const std::string r = absl::StrCat(round);
    // Repeated quotes (same hash), several quotes of one speaker in one
    // article, co-speakers old and new, and the variant pair asked about.
    put = Put(
        {Article("b" + r, {"Jane Smith", "Li Wei Chen", "Jane Smith"},
                 "Repeated words"),
         Article("c" + r, {"Jane Smyth", "Omar Haddad"}, "Words of round " + r),
         Article("d" + r, {"Ana Lopez", "Jane Smith"}, "More " + r)});
    for (const std::string& n : names) ExpectKeptEqualsRows(n);
  }
  EXPECT_GT(rule_calls_, 0);
  // Replace (same URL, new text) and delete.
  TestArticle replaced = Article("b2", {"Omar Haddad", "Ana Lopez"}, "New");
  replaced.input.text += " (corrected)";
  ASSERT_EQ(Put({replaced})[0].outcome, PutOutcome::kReplaced);
  for (const std::string& n : names) ExpectKeptEqualsRows(n);
  ASSERT_TRUE(store_->DeleteArticle(put[1].article_id).ok());
  for (const std::string& n : names) ExpectKeptEqualsRows(n);
  // A replace twice in one batch.
  TestArticle twice = Article("e", {"Jane Smith", "Omar Haddad"}, "Twice");
  TestArticle twice2 = Article("e", {"Li Wei Chen"}, "Twice again");
  twice2.input.text += " v2";
  Put({twice, twice2});
  for (const std::string& n : names) ExpectKeptEqualsRows(n);
}

TEST_F(SpeakerProfilesTest, RedirectedSpellingsAndUndoKeepProfilesExact) {
  Put({Article("a", {"Jane Smith", "Omar Haddad"}, "Opening"),
       Article("b", {"Jane Smyth", "Ana Lopez"}, "Other")});
  absl::StatusOr<SpeakerMergeRecord> merge =
      store_->MergeSpeakers(IdOf("Jane Smyth"), IdOf("Jane Smith"), "test");
  ASSERT_TRUE(merge.ok()) << merge.status();
  for (const char* n : {"Jane Smith", "Omar Haddad", "Ana Lopez"}) {
    ASSERT_TRUE(sqlite()->SpeakerProfileForTesting(IdOf(n), false).ok());
  }
  // Ingested under the merged-away spelling: redirected to Jane Smith.
  Put({Article("c", {"Jane Smyth", "Ana Lopez", "Omar Haddad"}, "Later")});
  for (const char* n : {"Jane Smith", "Omar Haddad", "Ana Lopez"}) {
    ExpectKeptEqualsRows(n);
  }
  EXPECT_EQ(sqlite()
                ->SpeakerProfileForTesting(IdOf("Jane Smith"), false)
                ->quote_count,
            3);
  ASSERT_TRUE(store_->UndoSpeakerMerge(merge->id).ok());
  Put({Article("d", {"Jane Smith", "Ana Lopez"}, "After undo")});
  for (const char* n :
       {"Jane Smith", "Jane Smyth", "Omar Haddad", "Ana Lopez"}) {
    ExpectKeptEqualsRows(n);
  }
}

// Co-speaker lists are bounded: the most shared articles first, then by id.
TEST(TopCoSpeakersTest, KeepsTheMostSharedUpToTheBound) {
  KeptProfile kept;
  for (int i = 0; i < kMaxProfileCoSpeakers + 50; ++i) {
    kept.co_articles[absl::StrCat("s_", 1000 + i)] = 1;
  }
  kept.co_articles["s_9999"] = 5;
  kept.co_articles["s_9998"] = 5;
  const std::vector<std::string> top = TopCoSpeakers(kept);
  ASSERT_EQ(top.size(), static_cast<size_t>(kMaxProfileCoSpeakers));
  EXPECT_EQ(top[0], "s_9998");
  EXPECT_EQ(top[1], "s_9999");
  EXPECT_EQ(top[2], "s_1000");
  EXPECT_EQ(top.back(), absl::StrCat("s_", 1000 + kMaxProfileCoSpeakers - 3));
}

TEST(SpeakerProfileCacheTest, AddArticleCountsSharedArticlesOnce) {
  SpeakerProfileCache cache;
  cache.Put("a", KeptProfile{});
  cache.AddArticle({{"a", 1}, {"b", 2}, {"a", 1}, {"b", 3}, {"c", 4}});
  cache.AddArticle({{"b", 5}, {"a", 6}});
  const KeptProfile* a = cache.Find("a");
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->quote_count, 3);
  EXPECT_EQ(a->quote_hashes, (std::vector<uint64_t>{1, 6}));
  EXPECT_EQ(a->co_articles.at("b"), 2);
  EXPECT_EQ(a->co_articles.at("c"), 1);
  EXPECT_EQ(cache.Find("b"), nullptr);  // not cached: not kept
}

}  // namespace
}  // namespace claimcheck::store
