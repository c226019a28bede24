// QuantityReportCache: hits only at the generation an entry was made at,
// older generations dropped, the byte bound kept (oldest evicted first).
#include "server/api/report_cache.h"

#include <string>

#include "gtest/gtest.h"

namespace claimcheck::api {
namespace {

v1::QuantityConsistencyReport Report(const std::string& summary) {
  v1::QuantityConsistencyReport r;
  r.set_summary(summary);
  return r;
}

TEST(QuantityReportCacheTest, HitsOnlyAtTheSameGeneration) {
  QuantityReportCache cache(1 << 20);
  EXPECT_EQ(cache.Lookup("k", 0), nullptr);
  cache.Insert("k", 3, Report("a"));
  ASSERT_NE(cache.Lookup("k", 3), nullptr);
  EXPECT_EQ(cache.Lookup("k", 3)->summary(), "a");
  EXPECT_EQ(cache.Lookup("other", 3), nullptr);
  EXPECT_EQ(cache.Lookup("k", 4), nullptr);  // a write since
  EXPECT_EQ(cache.Lookup("k", 2), nullptr);
}

TEST(QuantityReportCacheTest, NewerGenerationDropsOlderEntries) {
  QuantityReportCache cache(1 << 20);
  cache.Insert("k", 1, Report("old"));
  cache.Insert("j", 2, Report("new"));
  EXPECT_EQ(cache.Lookup("k", 1), nullptr);
  EXPECT_EQ(cache.Lookup("k", 2), nullptr);
  cache.Insert("k", 1, Report("late"));  // computed before the write: not kept
  EXPECT_EQ(cache.Lookup("k", 2), nullptr);
  EXPECT_EQ(cache.Lookup("j", 2)->summary(), "new");
}

TEST(QuantityReportCacheTest, KeepsWithinBytesOldestEvictedFirst) {
  const std::string big(100, 'x');
  const size_t one = Report(big).ByteSizeLong() + 1;  // + key "a"
  QuantityReportCache cache(2 * one);
  cache.Insert("a", 0, Report(big));
  cache.Insert("b", 0, Report(big));
  cache.Insert("c", 0, Report(big));
  EXPECT_EQ(cache.Lookup("a", 0), nullptr);
  EXPECT_NE(cache.Lookup("b", 0), nullptr);
  EXPECT_NE(cache.Lookup("c", 0), nullptr);
  QuantityReportCache none(0);
  none.Insert("a", 0, Report(""));
  EXPECT_EQ(none.Lookup("a", 0), nullptr);
}

}  // namespace
}  // namespace claimcheck::api
