#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/extract/types.h"
#include "server/verify/verify.h"

namespace claimcheck::verify {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

constexpr absl::string_view kFull =
    "The prime minister believes any negotiations must include limitations on "
    "ballistic missiles and a halting of the support for the Iranian axis,";
constexpr absl::string_view kTruncated =
    "any negotiations must include limitations on ballistic missiles";
constexpr absl::string_view kVariant =
    "The prime minister believes all negotiations must include limits on "
    "ballistic missiles and a halting of the support for the Iranian axis";

struct GroupCase {
  absl::string_view name;
  std::vector<QuoteOccurrence> occurrences;
  Agreement agreement;
  size_t fullest;
  bool wording_agrees;
  bool speaker_agrees;
  std::vector<bool> truncated;  // per variant, earliest first
  absl::string_view summary_has;
};

const GroupCase kGroupCases[] = {
    {"all agree",
     {{kFull, "Benjamin Netanyahu", "The Washington Times", "2026-02-08"},
      {kFull, "Netanyahu", "Times of Israel", "2026-02-07"}},
     Agreement::kConsistent,
     1,
     true,
     true,
     {false, false},
     "2 occurrences in 2 outlets agree, attributed to Benjamin Netanyahu"},
    {"truncated",
     {{kFull, "Benjamin Netanyahu", "The Washington Times", "2026-02-08"},
      {kTruncated, "Mr. Netanyahu", "Reuters", "2026-02-09"}},
     Agreement::kConsistent,
     0,
     true,
     true,
     {false, true},
     "1 truncated"},
    {"wording variant",
     {{kFull, "Benjamin Netanyahu", "The Washington Times", "2026-02-08"},
      {kVariant, "Benjamin Netanyahu", "The Hill", "2026-02-09"}},
     Agreement::kWordingVariant,
     0,
     false,
     true,
     {false, false},
     "Wording differs: The Hill departs from the fullest version (The "
     "Washington Times, 2026-02-08)"},
    {"attribution conflict",
     {{kFull, "Benjamin Netanyahu", "Outlet A", "2026-02-08"},
      {kFull, "Netanyahu", "Outlet C", "2026-02-09"},
      {kTruncated, "Gideon Saar", "Outlet B", "2026-02-10"}},
     Agreement::kAttributionConflict,
     0,
     true,
     false,
     {false, false, true},
     "Outlet A, Outlet C attribute it to Benjamin Netanyahu; Outlet B to "
     "Gideon Saar"},
    {"missing speaker does not conflict",
     {{kFull, "Benjamin Netanyahu", "Outlet A", "2026-02-08"},
      {kFull, "", "Outlet B", "2026-02-09"}},
     Agreement::kConsistent,
     0,
     true,
     true,
     {false, false},
     "agree"},
};

TEST(QuoteConsistencyTest, Table) {
  for (const GroupCase& c : kGroupCases) {
    SCOPED_TRACE(c.name);
    const QuoteReport r = QuoteConsistency(kTruncated, c.occurrences);
    EXPECT_EQ(r.agreement, c.agreement) << r.summary;
    EXPECT_EQ(r.fullest, c.fullest);
    EXPECT_EQ(r.wording_agrees, c.wording_agrees);
    EXPECT_EQ(r.speaker_agrees, c.speaker_agrees);
    ASSERT_EQ(r.variants.size(), c.truncated.size());
    for (size_t i = 0; i < r.variants.size(); ++i) {
      EXPECT_EQ(r.variants[i].truncated, c.truncated[i]) << i;
      if (r.variants[i].index == r.fullest) {
        EXPECT_TRUE(r.variants[i].diff.empty());
      }
    }
    EXPECT_THAT(r.summary, HasSubstr(std::string(c.summary_has)));
  }
}

TEST(QuoteConsistencyTest, VariantsEarliestFirstAndSpeakersCounted) {
  const std::vector<QuoteOccurrence> occ = {
      {kFull, "Benjamin Netanyahu", "Outlet A", "2026-02-08"},
      {kFull, "Gideon Saar", "Outlet B", "2026-02-10"},
      {kFull, "Mr. Netanyahu", "Outlet C", "2026-02-07"},
      {"Completely unrelated words here about weather", "X", "Outlet D", ""},
  };
  const QuoteReport r = QuoteConsistency(kFull, occ);
  ASSERT_EQ(r.variants.size(), 3u);
  EXPECT_EQ(r.variants[0].index, 2u);
  EXPECT_EQ(r.variants[1].index, 0u);
  EXPECT_EQ(r.variants[2].index, 1u);
  ASSERT_EQ(r.speakers.size(), 2u);
  EXPECT_EQ(r.speakers[0].speaker, "Benjamin Netanyahu");
  EXPECT_EQ(r.speakers[0].count, 2);
  EXPECT_EQ(r.speakers[1].speaker, "Gideon Saar");
  EXPECT_EQ(r.speakers[1].count, 1);
}

TEST(QuoteConsistencyTest, NoMatches) {
  const std::vector<QuoteOccurrence> occ = {{"something else", "X", "A", ""}};
  const QuoteReport r = QuoteConsistency(kFull, occ);
  EXPECT_TRUE(r.variants.empty());
}

TEST(GroupQuotesTest, SplitsUtterancesLargestFirst) {
  const std::vector<QuoteOccurrence> occ = {
      {"There is a long way to go to build trust", "Abbas Araghchi", "A",
       "2026-02-08"},
      {kFull, "Benjamin Netanyahu", "B", "2026-02-08"},
      {kTruncated, "Benjamin Netanyahu", "C", "2026-02-09"},
      {kVariant, "Benjamin Netanyahu", "D", "2026-02-09"},
      {"There is a long way to go to build trust.", "Araghchi", "E",
       "2026-02-07"},
      {"Lorem ipsum dolor sit amet", "", "F", ""},
  };
  const std::vector<QuoteReport> groups = GroupQuotes(occ);
  ASSERT_EQ(groups.size(), 3u);
  EXPECT_EQ(groups[0].variants.size(), 3u);
  EXPECT_EQ(groups[0].fullest, 1u);
  EXPECT_EQ(groups[0].agreement, Agreement::kWordingVariant);
  EXPECT_EQ(groups[1].variants.size(), 2u);
  EXPECT_EQ(groups[1].variants[0].index, 4u);
  EXPECT_EQ(groups[1].agreement, Agreement::kConsistent);
  EXPECT_EQ(groups[2].variants.size(), 1u);
  EXPECT_EQ(groups[2].variants[0].index, 5u);
}

TEST(GroupQuotesTest, Empty) { EXPECT_TRUE(GroupQuotes({}).empty()); }

// ---- Quantities ----

constexpr double kInf = std::numeric_limits<double>::infinity();

extract::Quantity Q(extract::Approx approx, std::optional<double> value,
                    std::optional<double> low = std::nullopt,
                    std::optional<double> high = std::nullopt,
                    std::string qualifier = "", std::string surface = "") {
  extract::Quantity q;
  q.approx = approx;
  q.value = value;
  q.low = low;
  q.high = high;
  q.qualifier = std::move(qualifier);
  q.surface = std::move(surface);
  q.vague = approx == extract::Approx::kVague;
  q.unit = "ballistic missiles";
  q.unit_key = "ballistic missile";
  return q;
}

using extract::Approx;

struct IntervalCase {
  absl::string_view name;
  extract::Quantity q;
  double low;
  double high;
};

const IntervalCase kIntervalCases[] = {
    {"exact", Q(Approx::kExact, 5000), 5000, 5000},
    {"about", Q(Approx::kAbout, 2000, {}, {}, "about"), 1800, 2200},
    {"at least", Q(Approx::kLowerBound, 10, {}, {}, "at least"), 10, kInf},
    {"more than (low only)", Q(Approx::kLowerBound, {}, 10), 10, kInf},
    {"up to", Q(Approx::kUpperBound, 60, {}, {}, "up to"), 0, 60},
    {"up to (high only)", Q(Approx::kUpperBound, {}, {}, 60), 0, 60},
    {"below zero", Q(Approx::kUpperBound, -5), -kInf, -5},
    {"range", Q(Approx::kRange, {}, 1000, 3000, "between"), 1000, 3000},
    {"reversed range", Q(Approx::kRange, {}, 3000, 1000), 1000, 3000},
    {"thousands",
     Q(Approx::kVague, {}, {}, {}, "",
       "thousands of "
       "demonstrators"),
     1000, 1e6},
    {"tens of thousands", Q(Approx::kVague, {}, {}, {}, "tens of thousands"),
     1e4, 1e5},
    {"dozens", Q(Approx::kVague, {}, {}, {}, "dozens of"), 24, 144},
    {"vague with bounds", Q(Approx::kVague, {}, 100, 900), 100, 900},
    {"vague unknown word", Q(Approx::kVague, {}, {}, {}, "many"), 0, kInf},
    {"nothing stated", Q(Approx::kExact, {}), -kInf, kInf},
};

TEST(ToIntervalTest, Table) {
  for (const IntervalCase& c : kIntervalCases) {
    SCOPED_TRACE(c.name);
    const Interval iv = ToInterval(c.q);
    EXPECT_DOUBLE_EQ(iv.low, c.low);
    EXPECT_DOUBLE_EQ(iv.high, c.high);
  }
}

struct CompareCase {
  absl::string_view name;
  extract::Quantity a;
  extract::Quantity b;
  Agreement want;
};

const CompareCase kCompareCases[] = {
    {"range vs about inside", Q(Approx::kRange, {}, 1000, 3000, "between"),
     Q(Approx::kAbout, 2000, {}, {}, "about"), Agreement::kCompatible},
    {"range vs point outside", Q(Approx::kRange, {}, 1000, 3000, "between"),
     Q(Approx::kExact, 5000), Agreement::kConflicting},
    {"range vs point inside", Q(Approx::kRange, {}, 1000, 3000),
     Q(Approx::kExact, 1500), Agreement::kCompatible},
    {"at least vs point above", Q(Approx::kLowerBound, 10, {}, {}, "at least"),
     Q(Approx::kExact, 12), Agreement::kCompatible},
    {"at least vs point below", Q(Approx::kLowerBound, 10),
     Q(Approx::kExact, 8), Agreement::kConflicting},
    {"up to vs point above", Q(Approx::kUpperBound, 60), Q(Approx::kExact, 80),
     Agreement::kConflicting},
    {"same point", Q(Approx::kExact, 3), Q(Approx::kExact, 3),
     Agreement::kConsistent},
    {"different points", Q(Approx::kExact, 3), Q(Approx::kExact, 4),
     Agreement::kConflicting},
    {"same range", Q(Approx::kRange, {}, 1000, 3000),
     Q(Approx::kRange, {}, 1000, 3000), Agreement::kConsistent},
    {"overlapping ranges", Q(Approx::kRange, {}, 1000, 3000),
     Q(Approx::kRange, {}, 2500, 4000), Agreement::kCompatible},
    {"about vs about overlapping", Q(Approx::kAbout, 2000),
     Q(Approx::kAbout, 2300), Agreement::kCompatible},
    {"thousands vs 500", Q(Approx::kVague, {}, {}, {}, "thousands of"),
     Q(Approx::kExact, 500), Agreement::kConflicting},
};

TEST(CompareQuantitiesTest, Table) {
  for (const CompareCase& c : kCompareCases) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(CompareQuantities(c.a, c.b), c.want);
    EXPECT_EQ(CompareQuantities(c.b, c.a), c.want);  // symmetric
  }
}

// Units of measure are converted before comparing: km against miles.
extract::Quantity Distance(Approx approx, double value, std::string key) {
  extract::Quantity q = Q(approx, value);
  q.unit = key;
  q.unit_key = std::move(key);
  return q;
}

TEST(CompareQuantitiesTest, ConvertsUnitsOfMeasure) {
  // about 3 miles = 4,345..5,311 m; 5 km = 5,000 m; 10 km = 10,000 m.
  EXPECT_EQ(CompareQuantities(Distance(Approx::kAbout, 3, "mi"),
                              Distance(Approx::kExact, 5, "km")),
            Agreement::kCompatible);
  EXPECT_EQ(CompareQuantities(Distance(Approx::kAbout, 3, "mi"),
                              Distance(Approx::kExact, 10, "km")),
            Agreement::kConflicting);
  EXPECT_EQ(CompareQuantities(Distance(Approx::kExact, 1, "km"),
                              Distance(Approx::kExact, 1000, "m")),
            Agreement::kConsistent);
  // Counts are not scaled.
  const Interval iv = ComparableInterval(Q(Approx::kExact, 7));
  EXPECT_DOUBLE_EQ(iv.low, 7);
}

// Issue 10: only quantities of the same kind, and both levels or both the
// size of a change, are compared.
TEST(CompareQuantitiesTest, OnlySameKindAndChangeRoleConflict) {
  auto years = [](double v, extract::QuantityKind kind, bool delta = false) {
    extract::Quantity q = Q(Approx::kExact, v);
    q.unit = "years";
    q.unit_key = "year";
    q.kind = kind;
    q.is_delta = delta;
    return q;
  };
  using K = extract::QuantityKind;
  // "Maddon, 66" vs "a 15-year sentence": an age is not a duration.
  EXPECT_EQ(CompareQuantities(years(66, K::kAge), years(15, K::kDuration)),
            Agreement::kCompatible);
  EXPECT_EQ(CompareQuantities(years(66, K::kAge), years(15, K::kAge)),
            Agreement::kConflicting);
  // Claims stored before kinds existed still compare.
  EXPECT_EQ(CompareQuantities(years(66, K::kUnknown), years(15, K::kAge)),
            Agreement::kConflicting);
  // "rose 5 years" vs "at 15 years": a change and a level.
  EXPECT_EQ(CompareQuantities(years(5, K::kDuration, /*delta=*/true),
                              years(15, K::kDuration)),
            Agreement::kCompatible);

  const extract::Quantity age = years(66, K::kAge);
  const extract::Quantity span = years(15, K::kDuration);
  const QuantityObservation mixed[] = {{&age, "A", "2026-01-01"},
                                       {&span, "B", "2026-01-02"}};
  const QuantityReport r = QuantityConsistency(mixed);
  EXPECT_NE(r.agreement, Agreement::kConflicting);
  EXPECT_EQ(r.conflict_count, 0);
}

TEST(QuantityConsistencyTest, SeedLikeConflict) {
  const extract::Quantity range = Q(Approx::kRange, {}, 1000, 3000, "between");
  const extract::Quantity about = Q(Approx::kAbout, 2000, {}, {}, "about");
  const extract::Quantity five = Q(Approx::kExact, 5000);
  const QuantityObservation obs[] = {
      {&range, "The Washington Times", "2026-02-08"},
      {&about, "Outlet B", "2026-02-09"},
      {&five, "Outlet C", "2026-02-10"},
  };
  const QuantityReport r = QuantityConsistency(obs);
  EXPECT_EQ(r.agreement, Agreement::kConflicting);
  ASSERT_EQ(r.intervals.size(), 3u);
  EXPECT_DOUBLE_EQ(r.intervals[1].low, 1800);
  EXPECT_THAT(r.conflicts,
              ElementsAre("The Washington Times (1,000-3,000) vs Outlet C "
                          "(5,000): disjoint",
                          "Outlet B (about 2,000) vs Outlet C (5,000): "
                          "disjoint"));
  EXPECT_THAT(r.summary, HasSubstr("2 conflicting pairs"));
}

TEST(QuantityConsistencyTest, CompatibleAndConsistent) {
  const extract::Quantity range = Q(Approx::kRange, {}, 1000, 3000, "between");
  const extract::Quantity about = Q(Approx::kAbout, 2000, {}, {}, "about");
  const QuantityObservation compatible[] = {{&range, "A", ""},
                                            {&about, "B", ""}};
  EXPECT_EQ(QuantityConsistency(compatible).agreement, Agreement::kCompatible);
  EXPECT_TRUE(QuantityConsistency(compatible).conflicts.empty());

  const extract::Quantity a = Q(Approx::kExact, 3), b = Q(Approx::kExact, 3);
  const QuantityObservation same[] = {{&a, "A", ""}, {&b, "B", ""}};
  const QuantityReport r = QuantityConsistency(same);
  EXPECT_EQ(r.agreement, Agreement::kConsistent);
  EXPECT_EQ(r.summary, "All 2 sources agree");

  EXPECT_EQ(QuantityConsistency({}).agreement, Agreement::kConsistent);
  const QuantityObservation one[] = {{&a, "A", ""}, {nullptr, "B", ""}};
  EXPECT_EQ(QuantityConsistency(one).summary,
            "Only one source states the quantity");
}

}  // namespace
}  // namespace claimcheck::verify

namespace claimcheck::verify {
namespace {

// Many sources stating two disjoint values: the report counts every
// conflicting pair but spells out only the first kMaxListedConflicts.
TEST(QuantityConsistencyTest, ManySourcesAreGroupedAndCapped) {
  const extract::Quantity low = Q(Approx::kExact, 100);
  const extract::Quantity high = Q(Approx::kExact, 900);
  const extract::Quantity about = Q(Approx::kAbout, 100, {}, {}, "about");
  std::vector<QuantityObservation> obs;
  for (int i = 0; i < 300; ++i) obs.push_back({&low, "Low", "2026-01-01"});
  for (int i = 0; i < 200; ++i) obs.push_back({&high, "High", "2026-01-02"});
  obs.push_back({&about, "About", "2026-01-03"});
  obs.push_back({nullptr, "Nothing", "2026-01-04"});
  const QuantityReport r = QuantityConsistency(obs);
  EXPECT_EQ(r.agreement, Agreement::kConflicting);
  // low x high, and about (90-110) x high.
  EXPECT_EQ(r.conflict_count, 300 * 200 + 200);
  ASSERT_EQ(r.conflicts.size(), kMaxListedConflicts);
  EXPECT_EQ(r.conflicts[0], "Low (100) vs High (900): disjoint");
  EXPECT_THAT(r.summary, HasSubstr("60200 conflicting pairs"));
  EXPECT_EQ(r.intervals.size(), obs.size());
}

TEST(QuantityConsistencyTest, IdenticalIntervalsAgree) {
  const extract::Quantity a = Q(Approx::kExact, 7);
  std::vector<QuantityObservation> obs(1000, {&a, "A", ""});
  const QuantityReport r = QuantityConsistency(obs);
  EXPECT_EQ(r.agreement, Agreement::kConsistent);
  EXPECT_EQ(r.conflict_count, 0);
  EXPECT_TRUE(r.conflicts.empty());
  EXPECT_EQ(r.summary, "All 1000 sources agree");
}

}  // namespace
}  // namespace claimcheck::verify
