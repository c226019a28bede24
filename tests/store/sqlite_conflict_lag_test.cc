// Kept conflicts trail ingest (store.h, "Lag"): a write is acknowledged
// before its groups are recomputed, the lag is bounded by the backlog
// option, WaitForConflicts waits for it, and dirty keys left by a process
// that stopped mid-refresh are taken up by the next one.
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/notification.h"
#include "absl/time/time.h"
#include "gtest/gtest.h"
#include "server/store/sqlite_store.h"
#include "tests/store/store_test_util.h"

namespace claimcheck::store {
namespace {

using ::claimcheck::store::testing::MakeArticle;
using ::claimcheck::store::testing::MakeQuote;
using ::claimcheck::store::testing::TempDir;
using ::claimcheck::store::testing::TestArticle;

// A stand-in for verify's finder: one conflict per attribution group whose
// quotes name more than one speaker.
std::vector<ConflictRecord> ToyFinder(const ConflictGroup& group) {
  absl::flat_hash_set<std::string> speakers;
  for (const QuoteRecord& q : group.quotes) speakers.insert(q.speaker_id);
  if (speakers.size() < 2) return {};
  ConflictRecord c;
  c.id = absl::StrCat("ca_", group.key);
  c.kind = 1;
  c.sort_date = group.quotes.back().evidence.published_date;
  c.payload = group.key;
  c.summary = absl::StrCat("New attribution conflict ", c.id);
  c.later = group.quotes.back();
  return {c};
}

// Article `i` says quote `quote` through `speaker`.
TestArticle Saying(int i, int quote, const std::string& speaker) {
  TestArticle a = MakeArticle(absl::StrCat("lag-", i));
  a.extraction.quotes.push_back(MakeQuote(
      absl::StrCat("we will rebuild the bridge number ", quote, " by spring"),
      speaker, 0));
  return a;
}

std::unique_ptr<Store> Open(const std::string& path, ConflictFinder finder,
                            int max_backlog = 20000) {
  SqliteOptions options;
  options.path = path;
  options.max_conflict_backlog = max_backlog;
  absl::StatusOr<std::unique_ptr<Store>> store = OpenSqliteStore(options);
  EXPECT_TRUE(store.ok()) << store.status();
  if (!store.ok()) return nullptr;
  (*store)->SetConflictFinder(std::move(finder));
  return std::move(*store);
}

ConflictPage List(Store& store) {
  ConflictQuery query;
  query.limit = 1000;
  absl::StatusOr<ConflictPage> page = store.ListConflicts(query);
  EXPECT_TRUE(page.ok()) << page.status();
  return page.ok() ? *page : ConflictPage();
}

void Put(Store& store, const std::vector<TestArticle>& articles) {
  std::vector<PutRequest> requests;
  for (const TestArticle& a : articles) requests.push_back(a.request());
  absl::StatusOr<std::vector<PutResult>> put = store.PutArticles(requests);
  ASSERT_TRUE(put.ok()) << put.status();
}

TEST(SqliteConflictLagTest, ConflictAppearsAfterIngestAndLagIsBounded) {
  TempDir dir;
  constexpr int kBacklog = 3;
  std::unique_ptr<Store> store =
      Open(dir.File("lag.db"), ToyFinder, /*max_backlog=*/kBacklog);
  ASSERT_NE(store, nullptr);
  // Each write dirties two groups (quote i, said by two speakers), so
  // without backpressure the backlog could reach 2 per write.
  for (int i = 0; i < 20; ++i) {
    Put(*store,
        {Saying(2 * i, i, "Ines Duarte"), Saying(2 * i + 1, i, "Victor Hale")});
    EXPECT_LE(List(*store).pending_groups, kBacklog) << "after write " << i;
  }
  ASSERT_TRUE(
      store->WaitForConflicts(store->DataGeneration(), absl::Seconds(60)));
  const ConflictPage page = List(*store);
  EXPECT_EQ(page.pending_groups, 0);
  EXPECT_EQ(page.conflicts.size(), 20u);
}

TEST(SqliteConflictLagTest, AcksDoNotWaitAndDirtyKeysSurviveAStop) {
  TempDir dir;
  const std::string path = dir.File("crash.db");
  absl::Notification in_finder, release;
  std::unique_ptr<Store> store = Open(path, [&](const ConflictGroup& group) {
    if (!in_finder.HasBeenNotified()) in_finder.Notify();
    release.WaitForNotification();
    return ToyFinder(group);
  });
  ASSERT_NE(store, nullptr);
  const uint64_t before_write = store->DataGeneration();
  // The opening pass (no groups: the finder is not called) catches up.
  ASSERT_TRUE(store->WaitForConflicts(before_write, absl::Seconds(60)));
  // Acknowledged while the refresh of its groups is held in the finder.
  Put(*store, {Saying(1, 7, "Ines Duarte"), Saying(2, 7, "Victor Hale")});
  in_finder.WaitForNotification();
  const ConflictPage behind = List(*store);
  EXPECT_TRUE(behind.conflicts.empty());
  EXPECT_GT(behind.pending_groups, 0);
  EXPECT_FALSE(
      store->WaitForConflicts(store->DataGeneration(), absl::Milliseconds(1)));
  // A caller that arrived before the write does not wait for it.
  EXPECT_TRUE(store->WaitForConflicts(before_write, absl::Milliseconds(1)));
  // A copy of the files now is what a kill -9 would leave.
  const std::string copy = dir.File("copy.db");
  for (const char* suffix : {"", "-wal"}) {
    std::filesystem::copy_file(path + suffix, copy + suffix);
  }
  release.Notify();
  store.reset();
  // The next process takes the keys up, and the conflict appears.
  std::unique_ptr<Store> reopened = Open(copy, ToyFinder);
  ASSERT_NE(reopened, nullptr);
  ASSERT_TRUE(reopened->WaitForConflicts(reopened->DataGeneration(),
                                         absl::Seconds(60)));
  const ConflictPage page = List(*reopened);
  EXPECT_EQ(page.pending_groups, 0);
  ASSERT_EQ(page.conflicts.size(), 1u);
  // Its Watch event was recorded too: it was news to no one yet.
  absl::StatusOr<std::vector<WatchEventRecord>> events =
      reopened->ReadEvents(0, 10);
  ASSERT_TRUE(events.ok()) << events.status();
  ASSERT_EQ(events->size(), 1u);
  EXPECT_EQ((*events)[0].kind, WatchEventKind::kConflict);
}

}  // namespace
}  // namespace claimcheck::store
