#include "server/extract/names_lexicon.h"

#include "gtest/gtest.h"

namespace claimcheck::extract {
namespace {

// Capitalised at a sentence start, these never begin a name: "Unlike
// Granholm, ..." is Granholm, not a person called "Unlike Granholm".
TEST(NamesLexiconTest, SentenceOpenersAreNotNameWords) {
  for (const char* w : {"Unlike", "Like", "Without", "Against", "Besides",
                        "Despite", "However", "The"}) {
    SCOPED_TRACE(w);
    EXPECT_TRUE(IsCapStopword(w));
  }
  for (const char* w : {"Granholm", "Ruiz", "Victor"}) {
    SCOPED_TRACE(w);
    EXPECT_FALSE(IsCapStopword(w));
  }
}

// "Forty-three percent of voters said ..." and "Let me say ..." name
// nobody; a hyphenated word is a number only when its first part is one.
TEST(NamesLexiconTest, NumberWordsAndImperativesAreNotNameWords) {
  for (const char* w : {"Forty-three", "Twenty", "Hundreds", "Let", "Lets"}) {
    SCOPED_TRACE(w);
    EXPECT_TRUE(IsCapStopword(w));
  }
  for (const char* w : {"All-Star", "Al-Amin", "Letitia"}) {
    SCOPED_TRACE(w);
    EXPECT_FALSE(IsCapStopword(w));
  }
}

}  // namespace
}  // namespace claimcheck::extract
