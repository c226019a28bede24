#include "server/verify/watch_match.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace claimcheck::verify {
namespace {

using ::testing::HasSubstr;

constexpr absl::string_view kWatched =
    "We will finish the harbour wall before the autumn storms arrive";

struct JudgeCase {
  absl::string_view name;
  absl::string_view text;     // the new occurrence
  absl::string_view speaker;  // its speaker
  bool found;
  Verdict verdict;
  bool conflict;
  absl::string_view summary_has;
};

const JudgeCase kCases[] = {
    {"same words, same speaker", kWatched, "Ines Duarte", true,
     Verdict::kSupported, false, "Said by Ines Duarte"},
    {"surname only", kWatched, "Ms. Duarte", true, Verdict::kSupported, false,
     ""},
    {"given to someone else", kWatched, "Victor Hale", true,
     Verdict::kMisattributed, true, "not Victor Hale"},
    {"negation added",
     "We will never finish the harbour wall before the autumn storms arrive",
     "Ines Duarte", true, Verdict::kAltered, true, "negation added: never"},
    {"part of it", "finish the harbour wall before the autumn storms",
     "Ines Duarte", true, Verdict::kPartial, false, ""},
    {"unrelated", "The ferry timetable changes in June", "Ines Duarte", false,
     Verdict::kNotFound, false, ""},
};

TEST(JudgeOccurrenceTest, Table) {
  for (const JudgeCase& c : kCases) {
    SCOPED_TRACE(c.name);
    const QuoteOccurrence occ{c.text, c.speaker, "Quay Gazette", "2026-05-01"};
    const std::optional<WatchJudgement> j =
        JudgeOccurrence(kWatched, "Ines Duarte", occ);
    ASSERT_EQ(j.has_value(), c.found);
    if (!c.found) continue;
    EXPECT_EQ(j->verdict, c.verdict) << j->summary;
    EXPECT_EQ(j->conflict, c.conflict);
    EXPECT_THAT(j->summary, HasSubstr(std::string(c.summary_has)));
  }
}

}  // namespace
}  // namespace claimcheck::verify
