#include <string>

#include "absl/strings/string_view.h"
#include "gtest/gtest.h"
#include "server/verify/verify.h"

namespace claimcheck::verify {
namespace {

struct MatchCase {
  absl::string_view name;
  absl::string_view query;
  absl::string_view stored;
  double min_score;
  double max_score;
  bool exact;
  bool query_is_fragment;
  bool stored_is_fragment;
  absl::string_view matched;  // bytes of `stored` the match covers
};

constexpr absl::string_view kLong =
    "The talks were very good, and we will continue them next week in Muscat.";

const MatchCase kCases[] = {
    {"identical", "We will win.", "We will win.", 1, 1, true, false, false,
     "We will win"},
    {"punctuation and case", "we will WIN",
     "\xE2\x80\x9CWe will win,\xE2\x80\x9D", 1, 1, true, false, false,
     "We will win"},
    {"curly apostrophe", "it's over", "It\xE2\x80\x99s over.", 1, 1, true,
     false, false, "It\xE2\x80\x99s over"},
    {"truncation at end", "The talks were very good", kLong, 0.7, 0.99, false,
     true, false, "The talks were very good"},
    {"truncation in middle", "we will continue them next week", kLong, 0.7,
     0.99, false, true, false, "we will continue them next week"},
    {"stored is the truncation", kLong, "The talks were very good", 0.7, 0.99,
     false, false, true, "The talks were very good"},
    {"short run gets no fragment credit", "very good", kLong, 0, 0.3, false,
     true, false, "very good"},
    {"one word changed", "The talks were very bad, and we will continue them",
     "The talks were very good, and we will continue them", 0.85, 0.95, false,
     false, false, "The talks were very good, and we will continue them"},
    {"altered excerpt of a long quote", "we will not continue them next week",
     kLong, 0.6, 0.95, false, false, false, "we will continue them next week"},
    {"reordered", "win will we", "we will win", 0.2, 0.5, false, false, false,
     ""},
    {"unrelated", "Sanctions are failing", "The weather is fine today", 0, 0,
     false, false, false, ""},
    {"empty query", "", "We will win", 0, 0, false, false, false, ""},
    {"empty stored", "We will win", "...", 0, 0, false, false, false, ""},
};

TEST(ScoreMatchTest, Table) {
  for (const MatchCase& c : kCases) {
    SCOPED_TRACE(c.name);
    const MatchScore m = ScoreMatch(c.query, c.stored);
    EXPECT_GE(m.score, c.min_score);
    EXPECT_LE(m.score, c.max_score);
    EXPECT_EQ(m.exact, c.exact);
    EXPECT_EQ(m.query_is_fragment, c.query_is_fragment);
    EXPECT_EQ(m.stored_is_fragment, c.stored_is_fragment);
    if (!c.matched.empty()) {
      ASSERT_LE(m.matched.end, c.stored.size());
      EXPECT_EQ(c.stored.substr(m.matched.begin, m.matched.size()), c.matched);
    }
  }
}

TEST(ScoreMatchTest, LongerFragmentsScoreHigher) {
  const double shorter = ScoreMatch("The talks were very good", kLong).score;
  const double longer =
      ScoreMatch("The talks were very good, and we will continue", kLong).score;
  EXPECT_LT(shorter, longer);
  EXPECT_LT(longer, 1.0);
}

TEST(ScoreMatchTest, VeryLongInputsAreBounded) {
  std::string a, b;
  for (int i = 0; i < 5000; ++i) {
    a += "w" + std::to_string(i) + " ";
    b += "w" + std::to_string(4999 - i) + " ";
  }
  const MatchScore m = ScoreMatch(a, b);  // must return promptly
  EXPECT_LT(m.score, 0.1);
  EXPECT_TRUE(ScoreMatch(a, a).exact);
}

struct SpeakerCase {
  absl::string_view claimed;
  absl::string_view canonical;
  bool same;
};

constexpr SpeakerCase kSpeakerCases[] = {
    {"Donald Trump", "Donald Trump", true},
    {"donald  TRUMP", "Donald Trump", true},
    {"Trump", "Donald Trump", true},
    {"Mr. Trump", "Donald Trump", true},
    {"President Trump", "Donald Trump", true},
    {"President Donald J. Trump", "Donald Trump", true},
    {"D. Trump", "Donald Trump", true},
    {"Donald Trump", "Trump", true},
    {"Bill Clinton", "Hillary Clinton", false},
    {"Clinton", "Hillary Clinton", true},
    {"Pentagon", "the Pentagon", true},
    {"The Pentagon", "Pentagon", true},
    {"Mr. Netanyahu's office", "Netanyahu\xE2\x80\x99s office", true},
    {"Netanyahu", "Mr. Netanyahu's office", false},
    {"Abbas Araghchi", "Abb\xC3\xA1s Araghchi", true},
    {"Araghchi", "Abbas Araghchi", true},
    {"Donald Trump", "Abbas Araghchi", false},
    {"Iranian President Masoud Pezeshkian", "Masoud Pezeshkian", true},
    {"Masoud Pezeshkian", "Iranian President Masoud Pezeshkian", true},
    {"J. Trump", "Donald J. Trump", true},
    {"Donald Trump Jr.", "Donald Trump", false},
    {"Bill Clinton", "Former President Hillary Clinton", false},
    {"", "Abbas Araghchi", false},
    {"Abbas Araghchi", "", false},
};

TEST(SameSpeakerTest, Table) {
  for (const SpeakerCase& c : kSpeakerCases) {
    SCOPED_TRACE(std::string(c.claimed) + " | " + std::string(c.canonical));
    EXPECT_EQ(SameSpeaker(c.claimed, c.canonical), c.same);
  }
}

}  // namespace
}  // namespace claimcheck::verify
