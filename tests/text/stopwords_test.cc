#include "server/text/stopwords.h"

#include "gtest/gtest.h"

namespace claimcheck::text {
namespace {

TEST(StopwordsTest, Table) {
  struct Case {
    const char* word;
    bool search, story, wording;
  };
  constexpr Case kCases[] = {
      {"the", true, true, true},         {"with", true, true, true},
      {"these", false, true, true},      {"must", false, true, true},
      {"said", false, true, false},      {"more", false, true, false},
      {"thats", false, false, true},     {"im", false, false, true},
      {"The", false, false, false},  // exact case: the lists are lower case
      {"missiles", false, false, false}, {"", false, false, false},
  };
  for (const Case& c : kCases) {
    SCOPED_TRACE(c.word);
    EXPECT_EQ(IsStopword(c.word, Stopwords::kSearch), c.search);
    EXPECT_EQ(IsStopword(c.word, Stopwords::kStory), c.story);
    EXPECT_EQ(IsStopword(c.word, Stopwords::kWording), c.wording);
  }
}

}  // namespace
}  // namespace claimcheck::text
