#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/string_view.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/verify/verify.h"

namespace claimcheck::verify {
namespace {

using ::testing::ElementsAre;
using ::testing::ElementsAreArray;
using ::testing::HasSubstr;

constexpr absl::string_view kTrust =
    "There is a long way to go to build trust,";
constexpr absl::string_view kCooper =
    "I join the American people in expressing our incredible pride in the "
    "sailors and Marines of the Abraham Lincoln Carrier Strike Group,";
constexpr absl::string_view kPezeshkian =
    "The Iran-U.S. talks, held through the follow-up efforts of friendly "
    "governments in the region, were a step forward. Dialogue has always been "
    "our strategy for peaceful resolution,";

// Candidates as the store would return them (not in date order).
const QuoteOccurrence kCandidates[] = {
    /*0*/ {kTrust, "Abbas Araghchi", "The Washington Times", "2026-02-08"},
    /*1*/ {kTrust, "Abbas Araghchi", "Al Jazeera", "2026-02-07"},
    /*2*/ {kCooper, "Brad Cooper", "The Washington Times", "2026-02-08"},
    /*3*/
    {kPezeshkian, "Masoud Pezeshkian", "The Washington Times", "2026-02-08"},
    /*4*/ {"very good", "Donald Trump", "The Washington Times", "2026-02-08"},
    /*5*/
    {"We will respond to any aggression within hours.", "Ali Khamenei",
     "Tasnim", "2026-03-01"},
};

struct VerdictCase {
  absl::string_view name;
  absl::string_view query;
  absl::string_view claimed_speaker;
  absl::string_view claimed_date;
  Verdict verdict;
  size_t best;
  std::vector<size_t> evidence;
  absl::string_view attributed_speaker;
  absl::string_view explanation_has;
};

const VerdictCase kCases[] = {
    {"exact, right speaker",
     "There is a long way to go to build trust.",
     "Abbas Araghchi",
     "",
     Verdict::kSupported,
     1,
     {1, 0},
     "Abbas Araghchi",
     "Said by Abbas Araghchi (Al Jazeera, 2026-02-07); 1 more source"},
    {"exact, surname",
     "\xE2\x80\x9CThere is a long way to go to build "
     "trust\xE2\x80\x9D",
     "Mr. Araghchi",
     "",
     Verdict::kSupported,
     1,
     {1, 0},
     "Abbas Araghchi",
     "Said by Abbas Araghchi"},
    {"exact, no speaker claimed",
     "very good",
     "",
     "",
     Verdict::kSupported,
     4,
     {4},
     "Donald Trump",
     "Said by Donald Trump (The Washington Times, 2026-02-08)"},
    {"exact, wrong speaker",
     "There is a long way to go to build trust",
     "Donald Trump",
     "",
     Verdict::kMisattributed,
     1,
     {1, 0},
     "Abbas Araghchi",
     "Said by Abbas Araghchi (Al Jazeera, 2026-02-07), not Donald Trump"},
    {"near exact (function word)",
     "There is a long way to go to build the "
     "trust",
     "Araghchi",
     "",
     Verdict::kSupported,
     1,
     {1, 0},
     "Abbas Araghchi",
     "Said by Abbas Araghchi"},
    {"truncation, right speaker",
     "Dialogue has always been our strategy for peaceful resolution",
     "Masoud Pezeshkian",
     "",
     Verdict::kPartial,
     3,
     {3},
     "Masoud Pezeshkian",
     "Part of a longer quote by Masoud Pezeshkian (The Washington Times, "
     "2026-02-08)"},
    {"truncation, wrong speaker",
     "Dialogue has always been our strategy for peaceful resolution",
     "Donald Trump",
     "",
     Verdict::kMisattributed,
     3,
     {3},
     "Masoud Pezeshkian",
     "Part of a longer quote by Masoud Pezeshkian (The Washington Times, "
     "2026-02-08), not Donald Trump"},
    {"negation added",
     "There is not a long way to go to build trust",
     "Abbas Araghchi",
     "",
     Verdict::kAltered,
     1,
     {1, 0},
     "Abbas Araghchi",
     "Altered from a quote by Abbas Araghchi (Al Jazeera, 2026-02-07): "
     "negation added: not"},
    {"word changed",
     "I join the American people in expressing our incredible "
     "pride in the soldiers and Marines of the Abraham Lincoln Carrier Strike "
     "Group",
     "Brad Cooper",
     "",
     Verdict::kAltered,
     2,
     {2},
     "Brad Cooper",
     "word changed: sailors -> soldiers"},
    {"altered and misattributed",
     "There is a very long way to go to build "
     "peace",
     "Donald Trump",
     "",
     Verdict::kAltered,
     1,
     {1, 0},
     "Abbas Araghchi",
     "said by Abbas Araghchi, not Donald Trump"},
    {"words added to the quote",
     "There is a long way to go to build trust "
     "with our partners",
     "",
     "",
     Verdict::kAltered,
     1,
     {1, 0},
     "Abbas Araghchi",
     "words added: with our partners"},
    {"nothing like it",
     "The economy is booming like never before",
     "",
     "",
     Verdict::kNotFound,
     0,
     {},
     "",
     "No matching quote found"},
    {"claimed date hides later sources",
     "We will respond to any aggression within hours",
     "Ali Khamenei",
     "2026-02-15",
     Verdict::kNotFound,
     0,
     {},
     "",
     "No matching quote found on or before 2026-02-15"},
    {"claimed date keeps earlier sources",
     "There is a long way to go to build trust",
     "Abbas Araghchi",
     "2026-02-07",
     Verdict::kSupported,
     1,
     {1},
     "Abbas Araghchi",
     "Said by Abbas Araghchi (Al Jazeera, 2026-02-07)"},
    {"claimed date on the day",
     "We will respond to any aggression within "
     "hours",
     "Khamenei",
     "2026-03-01",
     Verdict::kSupported,
     5,
     {5},
     "Ali Khamenei",
     "Said by Ali Khamenei (Tasnim, 2026-03-01)"},
};

TEST(VerifyQuoteTest, Table) {
  for (const VerdictCase& c : kCases) {
    SCOPED_TRACE(c.name);
    const VerifyResult r =
        VerifyQuote(c.query, c.claimed_speaker, c.claimed_date, kCandidates);
    EXPECT_EQ(r.verdict, c.verdict) << r.explanation;
    if (c.verdict != Verdict::kNotFound) {
      EXPECT_EQ(r.best, c.best);
    }
    EXPECT_THAT(r.evidence, ElementsAreArray(c.evidence));
    EXPECT_EQ(r.attributed_speaker, c.attributed_speaker);
    EXPECT_THAT(r.explanation, HasSubstr(std::string(c.explanation_has)));
    EXPECT_EQ(r.explanation.find('\n'), std::string::npos);
  }
}

TEST(VerifyQuoteTest, AlteredCarriesDiffAndMeaning) {
  const VerifyResult r = VerifyQuote(
      "There is not a long way to go to build trust", "", "", kCandidates);
  ASSERT_EQ(r.verdict, Verdict::kAltered);
  ASSERT_EQ(r.diff.size(), 3u);
  EXPECT_EQ(r.diff[1].op, WordEdit::Op::kInsert);
  EXPECT_EQ(r.diff[1].text, "not");
  EXPECT_TRUE(r.meaning.negation_changed);
  EXPECT_GE(r.score, kAlteredScore);
}

TEST(VerifyQuoteTest, NumberFlipOnShortQuoteIsAltered) {
  // Below kAlteredScore but a number changed: still ALTERED.
  const QuoteOccurrence c[] = {
      {"We have 3 sites", "Abbas Araghchi", "Al Jazeera", "2026-02-07"}};
  const VerifyResult r = VerifyQuote("We had 4 sites", "", "", c);
  EXPECT_EQ(r.verdict, Verdict::kAltered) << r.score;
  EXPECT_THAT(r.meaning.reasons, testing::Contains("number changed: 3 -> 4"));
}

TEST(VerifyQuoteTest, MisattributedNamesTheMajoritySpeaker) {
  const QuoteOccurrence c[] = {
      {"We want a deal", "Steve Witkoff", "Outlet A", "2026-02-09"},
      {"We want a deal", "Donald Trump", "Outlet B", "2026-02-08"},
      {"We want a deal", "Mr. Trump", "Outlet C", "2026-02-10"},
  };
  const VerifyResult r = VerifyQuote("we want a deal", "JD Vance", "", c);
  EXPECT_EQ(r.verdict, Verdict::kMisattributed);
  EXPECT_EQ(r.attributed_speaker, "Donald Trump");
  EXPECT_EQ(r.best, 1u);
  EXPECT_THAT(r.evidence, ElementsAre(1, 0, 2));
  EXPECT_EQ(r.explanation,
            "Said by Donald Trump (Outlet B, 2026-02-08), not JD Vance; 2 more "
            "sources");
}

TEST(VerifyQuoteTest, AnyMatchingOccurrenceSupportsTheSpeaker) {
  const QuoteOccurrence c[] = {
      {"We want a deal", "Donald Trump", "Outlet B", "2026-02-08"},
      {"We want a deal", "Steve Witkoff", "Outlet A", "2026-02-09"},
  };
  const VerifyResult r = VerifyQuote("we want a deal", "Witkoff", "", c);
  EXPECT_EQ(r.verdict, Verdict::kSupported);
  EXPECT_EQ(r.attributed_speaker, "Steve Witkoff");
  EXPECT_EQ(r.best, 1u);
}

// The regression from issue 11: a quote the index holds without a speaker
// came back SUPPORTED for any claimed speaker.
TEST(VerifyQuoteTest, SourceWithoutSpeakerLeavesTheClaimUnconfirmed) {
  const QuoteOccurrence c[] = {{"We want a deal", "", "Outlet A", ""}};
  const VerifyResult r = VerifyQuote("we want a deal", "Donald Trump", "", c);
  EXPECT_EQ(r.verdict, Verdict::kUnattributed);
  EXPECT_EQ(r.speaker_check, SpeakerCheck::kUnconfirmed);
  EXPECT_EQ(r.attributed_speaker, "");
  EXPECT_EQ(r.explanation,
            "Found in Outlet A, but no source names a speaker, so Donald Trump "
            "is unconfirmed");
  // With no speaker claimed, the wording alone is what is checked.
  const VerifyResult words = VerifyQuote("we want a deal", "", "", c);
  EXPECT_EQ(words.verdict, Verdict::kSupported);
  EXPECT_EQ(words.speaker_check, SpeakerCheck::kNotChecked);
  EXPECT_EQ(words.explanation, "Found in Outlet A, which names no speaker");
}

// "a longtime resident said": a description names nobody, so it neither
// confirms nor contradicts a claimed name.
TEST(VerifyQuoteTest, UnnamedSourceLeavesTheClaimUnconfirmed) {
  QuoteOccurrence c[] = {
      {"We were never told", "a longtime resident", "Outlet A", "2026-03-02"}};
  c[0].confidence = 0.95;
  const VerifyResult r = VerifyQuote("we were never told", "Ana Ruiz", "", c);
  EXPECT_EQ(r.verdict, Verdict::kUnattributed) << r.explanation;
  EXPECT_EQ(r.speaker_check, SpeakerCheck::kUnconfirmed);
}

TEST(VerifyQuoteTest, LowConfidenceAttributionNamesNobody) {
  QuoteOccurrence c[] = {{"We will open the new bridge in the spring",
                          "Elena Marsh", "Outlet A", "2026-03-02"}};
  c[0].confidence = 0.3;
  for (absl::string_view claimed : {"Elena Marsh", "Victor Hale"}) {
    SCOPED_TRACE(claimed);
    const VerifyResult r = VerifyQuote(
        "We will open the new bridge in the spring", claimed, "", c);
    EXPECT_EQ(r.verdict, Verdict::kUnattributed) << r.explanation;
    EXPECT_THAT(r.explanation,
                HasSubstr("Elena Marsh is named only with low confidence"));
  }
  // A fragment: PARTIAL, but the speaker stays unconfirmed.
  const VerifyResult part =
      VerifyQuote("open the new bridge in the spring", "Victor Hale", "", c);
  EXPECT_EQ(part.verdict, Verdict::kPartial);
  EXPECT_EQ(part.speaker_check, SpeakerCheck::kUnconfirmed);
}

TEST(VerifyQuoteTest, ConfidenceFollowsAttributionConfidence) {
  QuoteOccurrence c[] = {{"We will open the new bridge in the spring",
                          "Elena Marsh", "Outlet A", "2026-03-02"}};
  const absl::string_view q = "We will open the new bridge in the spring";
  c[0].confidence = 0.95;
  const VerifyResult sure = VerifyQuote(q, "Victor Hale", "", c);
  c[0].confidence = 0.6;
  const VerifyResult unsure = VerifyQuote(q, "Victor Hale", "", c);
  const VerifyResult supported = VerifyQuote(q, "Elena Marsh", "", c);
  EXPECT_EQ(sure.verdict, Verdict::kMisattributed);
  EXPECT_EQ(unsure.verdict, Verdict::kMisattributed);
  EXPECT_EQ(supported.verdict, Verdict::kSupported);
  // 9 words: wording 1 - 0.5^9, capped at 0.99; speaker 0.95 and 0.6.
  EXPECT_NEAR(sure.confidence, 0.95 * 0.99, 1e-6);
  EXPECT_NEAR(unsure.confidence, 0.6 * 0.99, 1e-6);
  EXPECT_NEAR(supported.confidence, 0.6 * 0.99, 1e-6);
  EXPECT_EQ(sure.speaker_check, SpeakerCheck::kContradicted);
  EXPECT_EQ(supported.speaker_check, SpeakerCheck::kConfirmed);
}

TEST(VerifyQuoteTest, ConfidentSourcesOutweighAWeakOne) {
  QuoteOccurrence c[] = {
      {"We want a deal", "Steve Witkoff", "Outlet A", "2026-02-09"},
      {"We want a deal", "Donald Trump", "Outlet B", "2026-02-08"},
      {"We want a deal", "Donald Trump", "Outlet C", "2026-02-10"},
  };
  c[0].confidence = 0.55;
  c[1].confidence = 0.9;
  c[2].confidence = 0.9;
  const VerifyResult r = VerifyQuote("we want a deal", "Steve Witkoff", "", c);
  EXPECT_EQ(r.verdict, Verdict::kMisattributed) << r.explanation;
  EXPECT_EQ(r.attributed_speaker, "Donald Trump");
  EXPECT_GT(r.confidence, 0.9);
  const VerifyResult trump = VerifyQuote("we want a deal", "Trump", "", c);
  EXPECT_EQ(trump.verdict, Verdict::kSupported);
  EXPECT_THAT(trump.explanation, HasSubstr("other sources name someone else"));
}

TEST(VerifyQuoteTest, EveryVerdictHasAProbabilityLikeConfidence) {
  for (const VerdictCase& c : kCases) {
    SCOPED_TRACE(c.name);
    const VerifyResult r =
        VerifyQuote(c.query, c.claimed_speaker, c.claimed_date, kCandidates);
    EXPECT_GT(r.confidence, 0.0);
    EXPECT_LE(r.confidence, 1.0);
  }
  // Two words may be another utterance; nine hardly.
  EXPECT_LT(VerifyQuote("very good", "", "", kCandidates).confidence, 0.8);
  EXPECT_GT(VerifyQuote(kTrust, "", "", kCandidates).confidence, 0.95);
}

// Regression (issue 11): an invented sentence holding a stored 4-word
// fragment was ALTERED at 0.51; less than half its content words are stored.
TEST(VerifyQuoteRegressionTest, SharedFragmentIsNotFound) {
  const QuoteOccurrence c[] = {
      {"more than 95 percent", "Dana Whitfield", "Outlet A", "2026-05-01"}};
  const absl::string_view q =
      "Sales of paper maps fell by more than 95 percent across the northern "
      "provinces last winter";
  EXPECT_LT(ContentCoverage(q, c[0].text), kMinContentCoverage);
  const VerifyResult r = VerifyQuote(q, "", "", c);
  EXPECT_EQ(r.verdict, Verdict::kNotFound) << r.explanation;
  EXPECT_THAT(r.explanation, HasSubstr("of the content words"));
  EXPECT_GE(r.confidence, 0.5);
  // A stored partial quote that holds most of the query stays ALTERED.
  const QuoteOccurrence d[] = {{"prices fell by more than 95 percent",
                                "Dana Whitfield", "Outlet A", "2026-05-01"}};
  EXPECT_EQ(
      VerifyQuote("prices fell by more than 95 percent last winter", "", "", d)
          .verdict,
      Verdict::kAltered);
}

TEST(ContentCoverageTest, CountsContentWordsWithMultiplicity) {
  EXPECT_DOUBLE_EQ(ContentCoverage("the budget and the budget", "budget"), 0.5);
  EXPECT_DOUBLE_EQ(ContentCoverage("it is what it is", "nothing"), 1.0);
  EXPECT_DOUBLE_EQ(ContentCoverage("Bridge repairs start", "bridge repairs"),
                   2.0 / 3);
}

TEST(VerifyQuoteTest, NoCandidates) {
  const VerifyResult r = VerifyQuote("anything", "", "", {});
  EXPECT_EQ(r.verdict, Verdict::kNotFound);
  EXPECT_TRUE(r.evidence.empty());
}

TEST(VerifyQuoteTest, TiesGoToTheEarliestDate) {
  const QuoteOccurrence c[] = {
      {"We want a deal", "Donald Trump", "Late", "2026-02-10"},
      {"We want a deal", "Donald Trump", "Undated", ""},
      {"We want a deal", "Donald Trump", "Early", "2026-02-01"},
  };
  const VerifyResult r = VerifyQuote("we want a deal", "", "", c);
  EXPECT_EQ(r.best, 2u);
  EXPECT_THAT(r.evidence, ElementsAre(2, 0, 1));
}

// Regression: a content word added to a long quote scored near-exact and
// came back SUPPORTED.
TEST(VerifyQuoteRegressionTest, AddedContentWordIsAltered) {
  const QuoteOccurrence c[] = {
      {"We want to thank all of the locations that expressed an interest in "
       "one of the orbiters,",
       "Charles Bolden", "Wikinews", "2011-04-13"}};
  const VerifyResult r = VerifyQuote(
      "We want to thank all of the locations that expressed an interest in "
      "one of misplaced the orbiters",
      "Charles Bolden", "", c);
  EXPECT_EQ(r.verdict, Verdict::kAltered);
}

// Regression: a run of one quote lost to a closer-scoring shorter quote
// ("A B C by the" vs stored "A B C" and "A B C by the end").
TEST(VerifyQuoteRegressionTest, FragmentOutranksCloserAlteredMatch) {
  const QuoteOccurrence c[] = {
      {"The plant will supply clean water to 200,000 homes,", "Anna Kovalenko",
       "Northern Star", "2026-04-11"},
      {"The plant will supply clean water to 200,000 homes by the end of next "
       "year,",
       "Anna Kovalenko", "Valley Courier", "2026-04-10"}};
  const VerifyResult r =
      VerifyQuote("The plant will supply clean water to 200,000 homes by the",
                  "Anna Kovalenko", "", c);
  EXPECT_EQ(r.verdict, Verdict::kPartial);
  EXPECT_EQ(r.best, 1u);
}

// A claimed name that resolves to the candidate's speaker record (a merged
// spelling) is the same speaker.
TEST(VerifyQuoteRegressionTest, ClaimedSpeakerIdMatchesMergedSpelling) {
  QuoteOccurrence c[] = {{"We will watch the costs closely,", "Anna Kowalenko",
                          "Lakeside Today", "2026-04-12", "s_k"}};
  EXPECT_EQ(
      VerifyQuote("We will watch the costs closely", "Anna Kovalenko", "", c)
          .verdict,
      Verdict::kMisattributed);
  EXPECT_EQ(VerifyQuote("We will watch the costs closely", "Anna Kovalenko", "",
                        c, "s_k")
                .verdict,
            Verdict::kSupported);
}

}  // namespace
}  // namespace claimcheck::verify
