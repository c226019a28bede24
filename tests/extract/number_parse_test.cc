// Unit tests of the number readers and noun helpers in number_parse.h.
#include "server/extract/number_parse.h"

#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "server/extract/number_tokens.h"

namespace claimcheck::extract {
namespace {

struct NumeralCase {
  const char* text;
  double want;  // < 0: not a numeral
};

constexpr NumeralCase kNumerals[] = {
    {"1,000", 1000}, {"1.5", 1.5},  {"3,000,000", 3e6}, {"0.75", 0.75},
    {"42", 42},      {"3.9.1", -1}, {"", -1},           {"12a", -1},
};

TEST(ParseNumeralTest, Table) {
  for (const NumeralCase& c : kNumerals) {
    SCOPED_TRACE(c.text);
    std::optional<double> got = ParseNumeral(c.text);
    if (c.want < 0) {
      EXPECT_FALSE(got.has_value());
    } else {
      ASSERT_TRUE(got.has_value());
      EXPECT_DOUBLE_EQ(*got, c.want);
    }
  }
}

struct WordsCase {
  const char* text;
  double want;      // < 0: not a number
  int tokens_used;  // tokens consumed
};

constexpr WordsCase kWords[] = {
    {"three sites", 3, 1},
    {"twenty-eight thousand troops", 28000, 4},
    {"two hundred and fifty people", 250, 4},
    {"a dozen eggs", 12, 2},
    {"two dozen eggs", 24, 2},
    {"half a million people", 5e5, 3},
    {"one million", 1e6, 2},
    {"two-thirds of voters", 2.0 / 3, 3},
    {"a third of voters", 1.0 / 3, 2},
    {"a man", -1, 0},
    {"sites", -1, 0},
    {"two three", 2, 1},
};

TEST(ParseNumberWordsTest, Table) {
  for (const WordsCase& c : kWords) {
    SCOPED_TRACE(c.text);
    std::vector<NumToken> toks = TokenizeForNumbers(c.text);
    std::optional<WordNumber> got = ParseNumberWords(toks, 0);
    if (c.want < 0) {
      EXPECT_FALSE(got.has_value());
      continue;
    }
    ASSERT_TRUE(got.has_value());
    EXPECT_NEAR(got->value, c.want, 1e-9);
    EXPECT_EQ(got->next, static_cast<size_t>(c.tokens_used));
  }
}

TEST(ScaleWordValueTest, OneLetterFormsNeedMoney) {
  EXPECT_EQ(ScaleWordValue("bn", false), 1e9);
  EXPECT_EQ(ScaleWordValue("k", false), 1e3);
  EXPECT_EQ(ScaleWordValue("Million", false), 1e6);
  EXPECT_FALSE(ScaleWordValue("m", false).has_value());
  EXPECT_EQ(ScaleWordValue("m", true), 1e6);
}

TEST(CurrencyTest, PrefixesAndWords) {
  EXPECT_EQ(CurrencyPrefix("$"), "USD");
  EXPECT_EQ(CurrencyPrefix("US$"), "USD");
  EXPECT_EQ(CurrencyPrefix("HK$"), "HKD");
  EXPECT_EQ(CurrencyPrefix("\xC2\xA3"), "GBP");
  EXPECT_EQ(CurrencyPrefix("EUR"), "EUR");
  EXPECT_EQ(CurrencyPrefix("Iran"), "");
  EXPECT_EQ(CurrencyWord("euros"), "EUR");
  EXPECT_EQ(CurrencyWord("missiles"), "");
}

struct PluralCase {
  const char* word;
  bool plural;
  const char* singular;
};

constexpr PluralCase kPlurals[] = {
    {"missiles", true, "missile"},   {"sites", true, "site"},
    {"countries", true, "country"},  {"people", true, "person"},
    {"children", true, "child"},     {"gunmen", true, "gunman"},
    {"boxes", true, "box"},          {"churches", true, "church"},
    {"glass", false, "glass"},       {"virus", false, "virus"},
    {"analysis", false, "analysis"}, {"Demonstrators", true, "demonstrator"},
};

TEST(PluralTest, Table) {
  for (const PluralCase& c : kPlurals) {
    SCOPED_TRACE(c.word);
    EXPECT_EQ(LooksPlural(c.word), c.plural);
    EXPECT_EQ(Singularize(c.word), c.singular);
  }
}

TEST(TokenizeTest, KeepsNumeralsWholeAndMarksSentences) {
  std::vector<NumToken> t =
      TokenizeForNumbers("Mr. Smith paid $1,000.50. The U.S. Army left.");
  ASSERT_GE(t.size(), 8u);
  EXPECT_EQ(t[0].text, "Mr");
  EXPECT_FALSE(t[2].sentence_start);  // "Smith" after "Mr."
  EXPECT_EQ(t[4].text, "$");
  EXPECT_EQ(t[5].text, "1,000.50");
  EXPECT_TRUE(t[7].sentence_start);  // "The"
  EXPECT_EQ(t[7].text, "The");
  EXPECT_FALSE(t[12].sentence_start);  // "Army" after "U.S."
}

}  // namespace
}  // namespace claimcheck::extract
