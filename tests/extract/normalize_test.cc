#include "server/extract/normalize.h"

#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace claimcheck::extract {
namespace {

using ::testing::ElementsAre;

struct NormCase {
  absl::string_view text;
  absl::string_view want;
};

constexpr NormCase kNormCases[] = {
    {"", ""},
    {"   ", ""},
    {"Hello, World!", "hello world"},
    {"It\xE2\x80\x99s very good", "its very good"},  // curly apostrophe
    {"It's  \xE2\x80\x9Cvery good,\xE2\x80\x9D", "its very good"},
    {"\"very good\"", "very good"},
    {"don't", "dont"},
    {"DON\xE2\x80\x99T", "dont"},
    {"well-known", "well known"},
    {"talks \xE2\x80\x94 very good", "talks very good"},  // em dash
    {"2020\xE2\x80\x93"
     "2021",
     "2020 2021"},  // en dash
    {"1,000 missiles", "1000 missiles"},
    {"3.5% rise", "3.5 rise"},
    {"$1.2 billion", "1.2 billion"},
    {"1,000.5", "1000.5"},
    {"In 2025, 30 people", "in 2025 30 people"},
    {"end.", "end"},
    {"U.S. forces", "u s forces"},
    {"a\t\n b", "a b"},
    {"Caf\xC3\xA9 Ni\xC3\xB1o", "cafe nino"},  // é ñ
    {"\xC3\x89L\xC3\x88VE", "eleve"},          // É È
    {"Stra\xC3\x9F"
     "e",
     "strasse"},                               // ß
    {"\xC5\x81\xC3\xB3\x64\xC5\xBA", "lodz"},  // Łódź
    {"Erdo\xC4\x9F"
     "an",
     "erdogan"},                        // ğ
    {"\xC5\x92uvre", "oeuvre"},         // Œ
    {"Bucure\xC8\x99ti", "bucuresti"},  // ș
    {"Cafe\xCC\x81", "cafe"},           // combining acute
    {"a\xC2\xA0"
     "b",
     "a b"},  // NBSP
    {"5\xC3\x97"
     "3",
     "5 3"},  // ×
    {"ab\xFF"
     "cd",
     "abcd"},          // invalid byte
    {"ab\xC3", "ab"},  // truncated seq
    {"\xD0\x9C\xD0\xB8\xD1\x80 ok", "\xD0\x9C\xD0\xB8\xD1\x80 ok"},  // Cyrillic
    {"hi \xF0\x9F\x98\x80 there", "hi there"},                       // emoji
};

TEST(NormalizeForMatchTest, Table) {
  for (const NormCase& c : kNormCases) {
    SCOPED_TRACE(c.text);
    EXPECT_EQ(NormalizeForMatch(c.text), c.want);
  }
}

TEST(NormalizeForMatchTest, RenderingsOfTheSameWordsAgree) {
  EXPECT_EQ(
      NormalizeForMatch("It\xE2\x80\x99s  \xE2\x80\x9Cvery good,\xE2\x80\x9D"),
      NormalizeForMatch("its very good"));
  EXPECT_EQ(MatchHash("It\xE2\x80\x99s very good."),
            MatchHash("it's VERY good"));
  EXPECT_NE(MatchHash("very good"), MatchHash("very bad"));
}

TEST(MatchHashTest, IsStableFnv1a) {
  // Stored on disk: these values must never change.
  EXPECT_EQ(MatchHash(""), 14695981039346656037ULL);
  EXPECT_EQ(MatchHash("a"), 0xaf63dc4c8601ec8cULL);
  EXPECT_EQ(MatchHash("A."), 0xaf63dc4c8601ec8cULL);
}

TEST(MatchTokensTest, SplitsWords) {
  EXPECT_THAT(MatchTokens("It's 1,000 -- OK?"),
              ElementsAre("its", "1000", "ok"));
  EXPECT_TRUE(MatchTokens("  ...  ").empty());
}

TEST(MatchTokensWithSpansTest, SpansPointIntoOriginal) {
  const absl::string_view text =
      "\xE2\x80\x9CIt\xE2\x80\x99s 1,000 caf\xC3\xA9s,\xE2\x80\x9D";
  const std::vector<MatchToken> tokens = MatchTokensWithSpans(text);
  ASSERT_EQ(tokens.size(), 3u);
  EXPECT_EQ(tokens[0].text, "its");
  EXPECT_EQ(text.substr(tokens[0].source.begin, tokens[0].source.size()),
            "It\xE2\x80\x99s");
  EXPECT_EQ(tokens[1].text, "1000");
  EXPECT_EQ(text.substr(tokens[1].source.begin, tokens[1].source.size()),
            "1,000");
  EXPECT_EQ(tokens[2].text, "cafes");
  EXPECT_EQ(text.substr(tokens[2].source.begin, tokens[2].source.size()),
            "caf\xC3\xA9s");
}

TEST(MatchTokensWithSpansTest, AgreesWithMatchTokens) {
  for (const NormCase& c : kNormCases) {
    SCOPED_TRACE(c.text);
    std::vector<std::string> words;
    for (const MatchToken& t : MatchTokensWithSpans(c.text)) {
      EXPECT_LE(t.source.end, c.text.size());
      EXPECT_LT(t.source.begin, t.source.end);
      words.push_back(t.text);
    }
    EXPECT_EQ(words, MatchTokens(c.text));
  }
}

constexpr NormCase kSpeakerCases[] = {
    {"Donald Trump", "donald trump"},
    {"Mr. Trump", "trump"},
    {"Mr Trump", "trump"},
    {"Mrs. Clinton", "clinton"},
    {"Dr. Jane Smith", "jane smith"},
    {"Sen. Elizabeth Warren", "elizabeth warren"},
    {"Gov. Gavin Newsom", "gavin newsom"},
    {"Adm. Brad Cooper", "brad cooper"},
    {"Gen. Dan Caine", "dan caine"},
    {"Rep. Nancy Pelosi", "nancy pelosi"},
    {"President Donald Trump", "donald trump"},
    {"Prime Minister Benjamin Netanyahu", "benjamin netanyahu"},
    {"the Pentagon", "pentagon"},
    {"The Pentagon", "pentagon"},
    {"Pentagon", "pentagon"},
    {"Mr. Netanyahu's office", "netanyahu office"},
    {"Netanyahu\xE2\x80\x99s office", "netanyahu office"},
    {"  Abbas   ARAGHCHI ", "abbas araghchi"},
    {"Recep Tayyip Erdo\xC4\x9F"
     "an",
     "recep tayyip erdogan"},
    {"The", "the"},              // nothing left to strip to
    {"President", "president"},  // a bare title stays
    {"Mr.", "mr"},
    {"", ""},
};

TEST(SpeakerKeyTest, Table) {
  for (const NormCase& c : kSpeakerCases) {
    SCOPED_TRACE(c.text);
    EXPECT_EQ(SpeakerKey(c.text), c.want);
  }
}

// Deterministic pseudo-random inputs mixing ASCII, multi-byte letters,
// punctuation and invalid bytes: never crashes, spans stay in range, the
// normal form is a fixed point.
TEST(NormalizeForMatchTest, RandomInputsAreSafeAndIdempotent) {
  static constexpr absl::string_view kPieces[] = {
      "a",
      "Z",
      "7",
      ",",
      ".",
      "'",
      "-",
      " ",
      "\xE2\x80\x99",
      "\xC3\xA9",
      "\xC5\x81",
      "\xFF",
      "\xC3",
      "\xE2\x80",
      "\xD0\x9C",
      "\xCC\x81",
      "\xF0\x9F\x98\x80",
      "\"",
      "\xC2\xA0",
      "\xE2\x80\x94",
  };
  uint32_t state = 12345;
  for (int round = 0; round < 2000; ++round) {
    std::string text;
    const int len = static_cast<int>(state % 40);
    for (int k = 0; k < len; ++k) {
      state = state * 1664525u + 1013904223u;
      const absl::string_view piece =
          kPieces[(state >> 16) % (sizeof(kPieces) / sizeof(kPieces[0]))];
      text.append(piece.data(), piece.size());
    }
    state = state * 1664525u + 1013904223u;
    SCOPED_TRACE(text);
    const std::string norm = NormalizeForMatch(text);
    EXPECT_EQ(NormalizeForMatch(norm), norm);
    EXPECT_EQ(norm.find("  "), std::string::npos);
    for (const MatchToken& t : MatchTokensWithSpans(text)) {
      EXPECT_LE(t.source.end, text.size());
      EXPECT_LT(t.source.begin, t.source.end);
    }
  }
}

}  // namespace
}  // namespace claimcheck::extract
