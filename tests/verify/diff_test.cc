#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/extract/normalize.h"
#include "server/verify/verify.h"

namespace claimcheck::verify {
namespace {

using Op = WordEdit::Op;

// Renders a diff as "=a b -c +d" for compact expectations.
std::string Render(const std::vector<WordEdit>& diff) {
  std::string out;
  for (const WordEdit& e : diff) {
    if (!out.empty()) out += " | ";
    out += e.op == Op::kEqual ? "=" : e.op == Op::kDelete ? "-" : "+";
    out += e.text;
  }
  return out;
}

struct DiffCase {
  absl::string_view from;
  absl::string_view to;
  absl::string_view want;
};

constexpr DiffCase kDiffCases[] = {
    {"", "", ""},
    {"We will win.", "we will WIN", "=we will win"},
    {"", "new words", "+new words"},
    {"old words", "", "-old words"},
    {"we will win", "we will not win", "=we will | +not | =win"},
    {"we will not win", "we will win", "=we will | -not | =win"},
    {"about 3 missiles", "about 4 missiles", "=about | -3 | +4 | =missiles"},
    {"Iran is ready", "Iraq is ready", "-iran | +iraq | =is ready"},
    {"the talks were very good and long", "the talks were good",
     "=the talks were | -very | =good | -and long"},
    {"a b c", "x y z", "-a b c | +x y z"},
    {"It\xE2\x80\x99s 1,000", "its 1000", "=its 1000"},
};

TEST(WordDiffTest, Table) {
  for (const DiffCase& c : kDiffCases) {
    SCOPED_TRACE(std::string(c.from) + " -> " + std::string(c.to));
    EXPECT_EQ(Render(WordDiff(c.from, c.to)), c.want);
  }
}

TEST(WordDiffTest, RunsAreMerged) {
  const std::vector<WordEdit> d = WordDiff("a b c d", "a x y d");
  ASSERT_EQ(d.size(), 4u);
  EXPECT_EQ(d[1].op, Op::kDelete);
  EXPECT_EQ(d[1].text, "b c");
  EXPECT_EQ(d[2].op, Op::kInsert);
  EXPECT_EQ(d[2].text, "x y");
}

TEST(WordDiffTest, LongInputsStayCorrectOutsideTheCap) {
  // Common prefix/suffix are matched even when the middle is too big.
  std::string a = "start ", b = "start ";
  for (int i = 0; i < 3000; ++i) {
    a += "a" + std::to_string(i) + " ";
    b += "b" + std::to_string(i) + " ";
  }
  a += "end";
  b += "end";
  const std::vector<WordEdit> d = WordDiff(a, b);
  ASSERT_EQ(d.size(), 4u);
  EXPECT_EQ(d.front().text, "start");
  EXPECT_EQ(d.back().text, "end");
}

struct MeaningCase {
  absl::string_view from;
  absl::string_view to;
  bool changed;
  std::vector<std::string> reasons;
};

const MeaningCase kMeaningCases[] = {
    {"we will win", "we will win", false, {}},
    {"we will win", "we will not win", true, {"negation added: not"}},
    {"we do not want war", "we want war", true, {"negation removed: not"}},
    {"we will win", "we won\xE2\x80\x99t win", true, {"negation added: wont"}},
    {"we don't want it",
     "we didn't want it",
     true,
     {"word changed: dont -> didnt"}},  // both negative: not a flip
    {"about 3 missiles", "about 4 missiles", true, {"number changed: 3 -> 4"}},
    {"3 missiles", "three missiles", false, {}},
    {"1,000 missiles", "1000 missiles", false, {}},
    {"many missiles", "5 missiles", true, {"number added: 5"}},
    {"we launched missiles",
     "we launched 5 missiles",
     true,
     {"number added: 5"}},
    {"the talks were good", "a talks were good", false, {}},  // stopword
    {"talks were very good", "talks were good", false, {}},
    {"talks were good", "talks were bad", true, {"word changed: good -> bad"}},
    {"nobody was hurt",
     "somebody was hurt",
     true,
     {"negation removed: nobody"}},
};

TEST(AssessMeaningTest, Table) {
  for (const MeaningCase& c : kMeaningCases) {
    SCOPED_TRACE(std::string(c.from) + " -> " + std::string(c.to));
    const MeaningChange m = AssessMeaning(WordDiff(c.from, c.to));
    EXPECT_EQ(m.changed, c.changed);
    EXPECT_EQ(m.reasons, c.reasons);
  }
}

TEST(AssessMeaningTest, RawTextsNameChangedEntities) {
  const absl::string_view from = "We will never let Iran get a bomb";
  const absl::string_view to = "We will never let Iraq get a bomb";
  const MeaningChange m = AssessMeaning(WordDiff(from, to), from, to);
  EXPECT_TRUE(m.changed);
  EXPECT_TRUE(m.name_changed);
  EXPECT_THAT(m.reasons, testing::ElementsAre("name changed: Iran -> Iraq"));
  // Without the raw texts the same change is a changed word.
  EXPECT_THAT(AssessMeaning(WordDiff(from, to)).reasons,
              testing::ElementsAre("word changed: iran -> iraq"));
}

TEST(AssessMeaningTest, FlagsSayWhatChanged) {
  const MeaningChange m = AssessMeaning(
      WordDiff("we fired 3 missiles", "we never fired 4 missiles"));
  EXPECT_TRUE(m.negation_changed);
  EXPECT_TRUE(m.number_changed);
  EXPECT_FALSE(m.name_changed);
}

// Random word sequences: the diff rebuilds both sides, and ScoreMatch stays
// in range with a span inside the stored text.
TEST(WordDiffTest, RandomDiffsRebuildBothSides) {
  static constexpr absl::string_view kWords[] = {"a",   "b", "c",    "d",
                                                 "not", "3", "Iran", "x,"};
  uint32_t state = 7;
  auto next = [&state] {
    state = state * 1664525u + 1013904223u;
    return state >> 16;
  };
  auto random_text = [&] {
    std::string t;
    const uint32_t len = next() % 12;
    for (uint32_t k = 0; k < len; ++k) {
      const absl::string_view w = kWords[next() % 8];
      t.append(w.data(), w.size());
      t.push_back(' ');
    }
    return t;
  };
  for (int round = 0; round < 1000; ++round) {
    const std::string from = random_text();
    const std::string to = random_text();
    SCOPED_TRACE(from + "-> " + to);
    std::string got_from, got_to;
    for (const WordEdit& e : WordDiff(from, to)) {
      std::string* sides[2] = {e.op != Op::kInsert ? &got_from : nullptr,
                               e.op != Op::kDelete ? &got_to : nullptr};
      for (std::string* side : sides) {
        if (side == nullptr) continue;
        if (!side->empty()) side->push_back(' ');
        *side += e.text;
      }
    }
    EXPECT_EQ(got_from, extract::NormalizeForMatch(from));
    EXPECT_EQ(got_to, extract::NormalizeForMatch(to));

    const MatchScore m = ScoreMatch(to, from);
    EXPECT_GE(m.score, 0);
    EXPECT_LE(m.score, 1);
    EXPECT_LE(m.matched.end, from.size());
    const bool same = !got_to.empty() && got_from == got_to;
    EXPECT_EQ(m.exact, same);
    EXPECT_EQ(m.score == 1, same);
  }
}

}  // namespace
}  // namespace claimcheck::verify
