// TokenCountBound sizes the token vectors of both tokenizers, and
// FindQuoteSpans can stop at the work budget: both are about cost only, so
// these tests check that they do not change what is found.
#include "server/extract/text_scan.h"

#include <random>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "server/extract/number_tokens.h"
#include "server/extract/quote_spans.h"
#include "server/extract/utf8.h"

namespace claimcheck::extract {
namespace {

void ExpectBound(const std::string& text) {
  const size_t bound = TokenCountBound(text);
  EXPECT_GE(bound, Tokenize(text).size()) << text;
  EXPECT_GE(bound, TokenizeForNumbers(text).size()) << text;
}

TEST(TokenCountBoundTest, AtLeastTheTokensOfEitherTokenizer) {
  const char* const kTexts[] = {
      "",
      "a",
      "\"a\" \"a\" \"a\" ",
      "\"x,\" said \"x,\" said ",
      "25k 5G EUR50m 1,000.50 .08 40 000",
      "\xE2\x80\x9C"
      "a"
      "\xE2\x80\x9D"
      "b"
      "\xE2\x80\x94"
      "c",  // “a”b—c
      "caf\xC3\xA9s na\xC3\xAFve \xC3\x97\xC3\xB7 2\xC3\x97"
      "3",
      "\xC2\xA0\xC2\xA0x\xE3\x80\x80y \xE2\x80\x99s",
      "U.S. Mr. don't officials' \xE2\x80\x99"
      "90s",
      "!!!???...---\"\"\"'''",
      "\n\n\r\n\t\x01\x7F x",
  };
  for (const char* t : kTexts) ExpectBound(t);
}

TEST(TokenCountBoundTest, RandomValidUtf8) {
  // Pieces of ASCII, multi-byte letters and punctuation, glued at random.
  const char* const kPieces[] = {"a",
                                 "Z",
                                 "7",
                                 " ",
                                 "\n",
                                 ",",
                                 ".",
                                 "\"",
                                 "'",
                                 "-",
                                 "$",
                                 "%",
                                 "\x7F",
                                 "\xC3\xA9",
                                 "\xC3\x97",
                                 "\xC2\xA0",
                                 "\xC2\xAB",
                                 "\xE2\x80\x9C",
                                 "\xE2\x80\x9D",
                                 "\xE2\x80\x99",
                                 "\xE2\x80\x94",
                                 "\xE2\x82\xAC",
                                 "\xE3\x80\x80",
                                 "\xF0\x9F\x98\x80"};
  std::mt19937 rng(12);
  for (int round = 0; round < 2000; ++round) {
    std::string text;
    const int n = static_cast<int>(rng() % 40);
    for (int k = 0; k < n; ++k) {
      text += kPieces[rng() % (sizeof(kPieces) / sizeof(*kPieces))];
    }
    ASSERT_EQ(FirstInvalidUtf8(text), absl::string_view::npos);
    ExpectBound(text);
  }
}

TEST(TokenizeTest, DenseTextGivesTheSameTokensAsSparse) {
  // Sparse, then dense: more tokens than a guess of one per five bytes.
  std::string text(4000, 'w');
  for (int i = 0; i < 1000; ++i) text += "\"a\" ";
  const std::vector<Token> tokens = Tokenize(text);
  ASSERT_EQ(tokens.size(), 1u + 3 * 1000);
  EXPECT_EQ(TokenText(text, tokens[0]).size(), 4000u);
  EXPECT_EQ(TokenText(text, tokens.back()), "\"");
  EXPECT_EQ(TokenizeForNumbers(text).size(), 1u + 3 * 1000);
}

TEST(FindQuoteSpansTest, BudgetKeepsTheFirstSpansWithTheirGroups) {
  // Quotes in one paragraph, a quotation over three paragraphs, more quotes.
  const std::string text =
      "\"One,\" he said. \"Two.\"\n\n"
      "\"Three goes on\n\n\"and on\n\n\"and ends.\"\n\n"
      "\"Four\" and \"five\" and \"six.\"";
  const std::vector<Token> tokens = Tokenize(text);
  const std::vector<QuoteSpan> all = FindQuoteSpans(text, tokens);
  ASSERT_EQ(all.size(), 8u);
  EXPECT_EQ(all[2].group, 2);  // the quotation over three paragraphs
  EXPECT_EQ(all[4].group, 2);
  for (size_t max = 0; max <= all.size() + 1; ++max) {
    const std::vector<QuoteSpan> some = FindQuoteSpans(text, tokens, max);
    ASSERT_EQ(some.size(), std::min(max, all.size())) << max;
    for (size_t i = 0; i < some.size(); ++i) {
      EXPECT_EQ(some[i].open_tok, all[i].open_tok) << max << " " << i;
      EXPECT_EQ(some[i].close_tok, all[i].close_tok) << max << " " << i;
      EXPECT_EQ(some[i].text_begin, all[i].text_begin) << max << " " << i;
      EXPECT_EQ(some[i].text_end, all[i].text_end) << max << " " << i;
      EXPECT_EQ(some[i].closed, all[i].closed) << max << " " << i;
      EXPECT_EQ(some[i].group, all[i].group) << max << " " << i;
    }
  }
}

TEST(DropBoilerplateParagraphsTest, OnlyWholeBoilerplateLinesGo) {
  const std::string text =
      "Ann Lee spoke.\n\nStory continues below advertisement\n\n"
      "ADVERTISEMENT\n\nThe advertisement ran twice.\n\n"
      "Story continues below the fold, she said.";
  std::vector<Token> tokens = Tokenize(text);
  DropBoilerplateParagraphs(text, &tokens);
  std::vector<std::string> words;
  for (const Token& t : tokens) {
    if (t.kind == TokenKind::kWord) words.emplace_back(TokenText(text, t));
  }
  const std::vector<std::string> want = {
      "Ann",   "Lee",       "spoke", "The", "advertisement", "ran", "twice",
      "Story", "continues", "below", "the", "fold",          "she", "said"};
  EXPECT_EQ(words, want);
}

}  // namespace
}  // namespace claimcheck::extract
