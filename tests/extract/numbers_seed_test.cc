// The seed article (The Washington Times, 2026-02-08) gives exactly the four
// numeric claims of seed_gold.json, and nothing else: no dates, no years, no
// "one of the most advanced", no "the two sides".
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "server/extract/numbers.h"

namespace claimcheck::extract {
namespace {

std::string ReadSeed() {
  std::ifstream in(CLAIMCHECK_SOURCE_DIR "/tests/testdata/seed-article.txt",
                   std::ios::binary);
  std::stringstream buf;
  buf << in.rdbuf();
  return buf.str();
}

constexpr double kUnset = -1;

struct SeedCase {
  const char* surface;
  double value, low, high;  // kUnset when the claim has none
  Approx approx;
  const char* qualifier;
  const char* unit;
  const char* unit_key;
  const char* subject;
  const char* time;
  const char* asserted_by;
};

constexpr SeedCase kSeed[] = {
    {"three Iranian nuclear sites", 3, kUnset, kUnset, Approx::kExact, "",
     "nuclear sites", "nuclear site", "President Trump", "last June", ""},
    {"thousands of demonstrators", kUnset, kUnset, kUnset, Approx::kVague,
     "thousands of", "demonstrators", "demonstrator", "Iran", "", ""},
    {"between 1,000 and 3,000 ballistic missiles", kUnset, 1000, 3000,
     Approx::kRange, "between", "ballistic missiles", "ballistic missile",
     "Iran", "last year", ""},
    {"up to 60 intercontinental ballistic missiles", kUnset, kUnset, 60,
     Approx::kUpperBound, "up to", "intercontinental ballistic missiles",
     "intercontinental ballistic missile", "Iran", "by 2035",
     "A Defense Intelligence Agency report"},
};

void ExpectValue(const std::optional<double>& got, double want,
                 const char* field) {
  SCOPED_TRACE(field);
  if (want == kUnset) {
    EXPECT_FALSE(got.has_value()) << *got;
  } else {
    ASSERT_TRUE(got.has_value());
    EXPECT_DOUBLE_EQ(*got, want);
  }
}

TEST(NumbersSeedTest, FindsExactlyTheGoldQuantities) {
  const std::string text = ReadSeed();
  ASSERT_FALSE(text.empty()) << "seed article missing";
  const std::vector<Quantity> got = ExtractQuantities(text, {});
  ASSERT_EQ(got.size(), std::size(kSeed));
  for (size_t i = 0; i < got.size(); ++i) {
    const SeedCase& c = kSeed[i];
    const Quantity& q = got[i];
    SCOPED_TRACE(c.surface);
    EXPECT_EQ(q.surface, c.surface);
    ASSERT_LE(q.span.end, text.size());
    EXPECT_EQ(text.substr(q.span.begin, q.span.size()), q.surface);
    ExpectValue(q.value, c.value, "value");
    ExpectValue(q.low, c.low, "low");
    ExpectValue(q.high, c.high, "high");
    EXPECT_EQ(q.approx, c.approx);
    EXPECT_EQ(q.vague, c.approx == Approx::kVague);
    EXPECT_EQ(q.qualifier, c.qualifier);
    EXPECT_EQ(q.unit, c.unit);
    EXPECT_EQ(q.unit_key, c.unit_key);
    EXPECT_EQ(q.subject, c.subject);
    EXPECT_EQ(q.time, c.time);
    EXPECT_EQ(q.asserted_by, c.asserted_by);
    EXPECT_EQ(q.quote_index, -1);
  }
}

TEST(NumbersSeedTest, IsDeterministic) {
  const std::string text = ReadSeed();
  const std::vector<Quantity> a = ExtractQuantities(text, {});
  const std::vector<Quantity> b = ExtractQuantities(text, {});
  ASSERT_EQ(a.size(), b.size());
  for (size_t i = 0; i < a.size(); ++i) EXPECT_EQ(a[i].span, b[i].span);
}

}  // namespace
}  // namespace claimcheck::extract
