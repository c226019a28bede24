#include "server/verify/conflicts.h"

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace claimcheck::verify {
namespace {

using ::testing::HasSubstr;

constexpr absl::string_view kRepairs = "The repairs are ahead of schedule.";

TEST(AttributionConflictsTest, DifferentSpeakersConflictSameOnesDoNot) {
  const QuoteOccurrence group[] = {
      {kRepairs, "Victor Hale", "Metro Wire", "2026-03-04", "s_h"},
      {kRepairs, "Elena Marsh", "The Daily Ledger", "2026-03-02", "s_m"},
      {kRepairs, "Ms. Marsh", "Coastal Herald", "2026-03-03", "s_m2"},
      {kRepairs, "", "Unnamed Blog", "2026-03-01", ""},
  };
  const std::vector<ConflictPair> got = AttributionConflicts(group);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].a, 1u);  // earliest attributed side first
  EXPECT_EQ(got[0].b, 0u);
  EXPECT_EQ(got[0].count_a, 2);  // Elena Marsh and Ms. Marsh
  EXPECT_EQ(got[0].count_b, 1);
  EXPECT_THAT(got[0].summary, HasSubstr("The Daily Ledger attributes it to "
                                        "Elena Marsh; Metro Wire to Victor "
                                        "Hale"));
}

TEST(AttributionConflictsTest, SameRecordIdIsOneSpeaker) {
  // Merged spelling variants share the record id.
  const QuoteOccurrence group[] = {
      {kRepairs, "Anna Kovalenko", "A", "2026-04-10", "s_k"},
      {kRepairs, "Anna Kowalenko", "B", "2026-04-11", "s_k"},
  };
  EXPECT_TRUE(AttributionConflicts(group).empty());
  const QuoteOccurrence clintons[] = {
      {kRepairs, "Bill Clinton", "A", "2026-04-10", "s_b"},
      {kRepairs, "Hillary Clinton", "B", "2026-04-11", "s_h"},
  };
  EXPECT_EQ(AttributionConflicts(clintons).size(), 1u);
}

extract::Quantity Claim(double low, double high, std::string unit_key,
                        std::string subject = "", std::string time = "") {
  extract::Quantity q;
  if (low == high) {
    q.value = low;
  } else {
    q.approx = extract::Approx::kRange;
    q.low = low;
    q.high = high;
  }
  q.unit_key = std::move(unit_key);
  q.subject = std::move(subject);
  q.time = std::move(time);
  return q;
}

TEST(NumericConflictsTest, DisjointIntervalsAcrossArticlesConflict) {
  const extract::Quantity a = Claim(40000, 50000, "vehicle");
  const extract::Quantity b = Claim(45000, 45000, "vehicle");
  const extract::Quantity c = Claim(90000, 90000, "vehicle");
  const extract::Quantity c2 = Claim(90000, 90000, "vehicle");
  const ClaimOccurrence group[] = {{&a, "a1", "Ledger", "2026-03-02"},
                                   {&b, "a2", "Herald", "2026-03-03"},
                                   {&c, "a3", "Wire", "2026-03-04"},
                                   {&c2, "a4", "Post", "2026-03-05"}};
  const std::vector<ConflictPair> got = NumericConflicts(group);
  ASSERT_EQ(got.size(), 2u);  // Ledger vs {Wire, Post}; Herald vs the same
  EXPECT_EQ(got[0].a, 0u);
  EXPECT_EQ(got[0].b, 2u);
  EXPECT_EQ(got[0].count_b, 2);
  EXPECT_THAT(got[0].summary, HasSubstr("disjoint"));
}

TEST(NumericConflictsTest, NotConflictsWhenSubjectsTimesOrArticleDiffer) {
  const extract::Quantity iran = Claim(3000, 3000, "ballistic missile", "Iran");
  const extract::Quantity israel =
      Claim(100, 100, "ballistic missile", "Israel");
  const extract::Quantity y2035 = Claim(60, 60, "icbm", "", "by 2035");
  const extract::Quantity now = Claim(5, 5, "icbm", "", "today");
  const extract::Quantity pct1 = Claim(3, 3, "percent");
  const extract::Quantity pct2 = Claim(40, 40, "percent");
  const extract::Quantity same1 = Claim(1, 1, "ship");
  const extract::Quantity same2 = Claim(9, 9, "ship");
  const ClaimOccurrence subjects[] = {{&iran, "a1", "X", "2026-01-01"},
                                      {&israel, "a2", "Y", "2026-01-02"}};
  EXPECT_TRUE(NumericConflicts(subjects).empty());
  const ClaimOccurrence times[] = {{&y2035, "a1", "X", "2026-01-01"},
                                   {&now, "a2", "Y", "2026-01-02"}};
  EXPECT_TRUE(NumericConflicts(times).empty());
  const ClaimOccurrence generic[] = {{&pct1, "a1", "X", "2026-01-01"},
                                     {&pct2, "a2", "Y", "2026-01-02"}};
  EXPECT_TRUE(NumericConflicts(generic).empty());
  const ClaimOccurrence one_article[] = {{&same1, "a1", "X", "2026-01-01"},
                                         {&same2, "a1", "X", "2026-01-01"}};
  EXPECT_TRUE(NumericConflicts(one_article).empty());
}

}  // namespace
}  // namespace claimcheck::verify
