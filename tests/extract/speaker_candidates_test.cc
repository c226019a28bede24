// Which capitalised words become speaker candidates (SpeakerIndex), and what
// the ranker's syntax features say of where a name sits (SpeakerRanker).
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "server/extract/quote_spans.h"
#include "server/extract/speaker_ranker.h"
#include "server/extract/speaker_resolve.h"
#include "server/extract/text_scan.h"

namespace claimcheck::extract {
namespace {

struct Parsed {
  std::string text;
  std::vector<Token> tokens;
  std::vector<QuoteSpan> spans;
};

Parsed Parse(std::string text) {
  Parsed p;
  p.text = std::move(text);
  p.tokens = Tokenize(p.text);
  p.spans = FindQuoteSpans(p.text, p.tokens);
  return p;
}

std::vector<std::string> Canonicals(const std::string& text) {
  const Parsed p = Parse(text);
  const SpeakerIndex index(p.text, p.tokens, p.spans);
  std::vector<std::string> out;
  for (const Entity& e : index.entities()) out.push_back(e.canonical);
  return out;
}

// The entity called `name` in `text`, or an empty one.
Entity EntityNamed(const std::string& text, const std::string& name) {
  const Parsed p = Parse(text);
  const SpeakerIndex index(p.text, p.tokens, p.spans);
  for (const Entity& e : index.entities()) {
    if (e.canonical == name) return e;
  }
  return Entity();
}

bool Has(const std::vector<std::string>& v, const std::string& s) {
  for (const std::string& x : v) {
    if (x == s) return true;
  }
  return false;
}

TEST(SpeakerCandidatesTest, ParticiplesNumbersAndHeadingsStartNoName) {
  const std::vector<std::string> got = Canonicals(
      "VIEWPOINT\n\nKnowing Pell was a chess fan, Irene Vance opened with a "
      "gambit. Having lost, Vance left. Forty-three percent backed Pell. "
      "Let Vance speak, NASA said.");
  EXPECT_TRUE(Has(got, "Pell"));
  EXPECT_TRUE(Has(got, "Irene Vance"));
  EXPECT_TRUE(Has(got, "NASA"));
  for (const char* bad : {"Knowing Pell", "Knowing", "Having", "Forty-three",
                          "VIEWPOINT", "Let Vance", "Let"}) {
    SCOPED_TRACE(bad);
    EXPECT_FALSE(Has(got, bad));
  }
}

TEST(SpeakerCandidatesTest, DelegateTitleIsNotAName) {
  // "Del." (a delegate to the U.S. House) does not end the sentence.
  const std::vector<std::string> got = Canonicals(
      "\"It is a disgrace,\" said Del. Irene Vance of the Virgin Islands.");
  EXPECT_TRUE(Has(got, "Irene Vance"));
  EXPECT_FALSE(Has(got, "Del"));
}

TEST(SpeakerCandidatesTest, MonthsAndEveryAreSurnamesAfterAFirstName) {
  // A month or "Every" after a first name is the surname; alone, or
  // before more capitals, it is still no name.
  const std::vector<std::string> got = Canonicals(
      "\"We are done,\" Theresa May said.\n\n"
      "\"Rates will fall,\" Michael Every, a strategist, said.\n\n"
      "In May, Kim Ng said it was over. In June Paul Ryan agreed.");
  EXPECT_TRUE(Has(got, "Theresa May"));
  EXPECT_TRUE(Has(got, "Michael Every"));
  EXPECT_TRUE(Has(got, "Kim Ng"));
  EXPECT_TRUE(Has(got, "Paul Ryan"));
  for (const char* bad : {"Theresa", "Michael", "May", "In May", "June"}) {
    SCOPED_TRACE(bad);
    EXPECT_FALSE(Has(got, bad));
  }
}

TEST(SpeakerCandidatesTest, HeadlineVerbsEndNames) {
  // A title-case headline's verb is not part of the name before it.
  const std::vector<std::string> got = Canonicals(
      "Governor Ann Pike Slams Tom Reed Over Budget\n\n"
      "Ann Pike called the plan \"a disgrace.\"");
  EXPECT_TRUE(Has(got, "Ann Pike"));
  EXPECT_TRUE(Has(got, "Tom Reed"));
  EXPECT_FALSE(Has(got, "Ann Pike Slams Tom Reed"));
}

TEST(SpeakerCandidatesTest, LongRoleRunsBeforeAName) {
  // Three or more role and place words before a first name are not part
  // of the name.
  const std::vector<std::string> got = Canonicals(
      "\"We will fight,\" said Senate Minority Whip Dick Durbin.\n\n"
      "\"Yes,\" said House Intelligence Republican Mike Pompeo.");
  EXPECT_TRUE(Has(got, "Dick Durbin"));
  EXPECT_TRUE(Has(got, "Mike Pompeo"));
  EXPECT_FALSE(Has(got, "Senate Minority Whip Dick Durbin"));
  EXPECT_FALSE(Has(got, "House Intelligence Republican Mike Pompeo"));
}

TEST(SpeakerCandidatesTest, NewStartsPlacesAndTheirNames) {
  // "New" before a capitalised word starts the name ("York" is no first
  // name here); alone at a sentence start it is still no name.
  const std::vector<std::string> got = Canonicals(
      "\"We are ready,\" said New York City Public Advocate Trish James.\n\n"
      "The New York Times reported it first. New rules apply.");
  EXPECT_TRUE(Has(got, "Trish James"));
  EXPECT_TRUE(Has(got, "New York Times"));
  for (const char* bad :
       {"York City Public Advocate Trish James", "York Times", "New"}) {
    SCOPED_TRACE(bad);
    EXPECT_FALSE(Has(got, bad));
  }
}

TEST(SpeakerCandidatesTest, PlacePrefixesAndChurchWordsAreNoPeople) {
  // "Lake", "Fort" start places, not first names; a diocese and a hydro
  // utility are organisations, so "it" and "the diocese" can name them.
  struct Case {
    const char* text;
    const char* name;
    bool place;
  };
  for (const Case& c : std::vector<Case>{
           {"Ann Lee, Lake Cowichan mayor, spoke.", "Lake Cowichan", true},
           {"Crews from Fort McMurray helped.", "Fort McMurray", true},
           {"The Roman Catholic Diocese of Covington apologised.",
            "Roman Catholic Diocese of Covington", false},
           {"BC Hydro restored power.", "BC Hydro", false}}) {
    SCOPED_TRACE(c.text);
    const Entity e = EntityNamed(c.text, c.name);
    EXPECT_EQ(e.canonical, c.name);
    EXPECT_EQ(e.kind, SpeakerKind::kOrganization);
    EXPECT_EQ(e.place, c.place);
  }
}

TEST(SpeakerCandidatesTest, NamedDaysAreNoNames) {
  const std::vector<std::string> got = Canonicals(
      "On Christmas Day, Ann Lee cooked. Canada Day was quiet. Doris Day "
      "sang.");
  EXPECT_TRUE(Has(got, "Ann Lee"));
  EXPECT_TRUE(Has(got, "Doris Day"));
  EXPECT_FALSE(Has(got, "Christmas Day"));
  EXPECT_FALSE(Has(got, "Canada Day"));
}

TEST(SpeakerCandidatesTest, CompoundAdjectivesAreNoNames) {
  const std::vector<std::string> got = Canonicals(
      "\"It is over,\" said Los Angeles-based attorney Ann Vance. The "
      "Saudi-led coalition agreed.");
  EXPECT_TRUE(Has(got, "Ann Vance"));
  EXPECT_FALSE(Has(got, "Los Angeles-based"));
  EXPECT_FALSE(Has(got, "Saudi-led"));
}

TEST(SpeakerCandidatesTest, WordsInCapitalsInPairsAreNoName) {
  // A dateline and a heading; an acronym alone still speaks.
  const std::vector<std::string> got = Canonicals(
      "LOS ANGELES - The storm closed roads, NASA said.\n\n"
      "ROLL TIDE Alabama fans cheered.");
  EXPECT_TRUE(Has(got, "NASA"));
  for (const char* bad :
       {"LOS ANGELES", "LOS", "ANGELES", "TIDE Alabama", "ROLL TIDE", "TIDE"}) {
    SCOPED_TRACE(bad);
    EXPECT_FALSE(Has(got, bad));
  }
}

TEST(SpeakerCandidatesTest, SurnamesEndingInIngStayNames) {
  // Before a speech verb or a comma, an -ing word is a surname.
  const std::vector<std::string> got = Canonicals(
      "Manning said the team was ready. Fleming, the coach, agreed.");
  EXPECT_TRUE(Has(got, "Manning"));
  EXPECT_TRUE(Has(got, "Fleming"));
}

TEST(SpeakerCandidatesTest, PhotoCreditsNameNoSpeaker) {
  const std::vector<std::string> got = Canonicals(
      "The city set up three tents. (Lena Pelly / CBC News)\n\n"
      "Ann Lee (right) spoke. Sam Roe (Reuters) / file photo");
  EXPECT_FALSE(Has(got, "Lena Pelly"));
  EXPECT_TRUE(Has(got, "Ann Lee"));
  EXPECT_TRUE(Has(got, "Sam Roe"));
}

// The features of the candidate whose speaker is `speaker`, for the last
// quote of `text`.
FeatureVector FeaturesOf(const std::string& text, const std::string& speaker) {
  const Parsed p = Parse(text);
  const SpeakerIndex index(p.text, p.tokens, p.spans);
  const std::vector<RuleVote> votes(p.spans.size());
  const SpeakerRanker ranker(p.text, p.tokens, p.spans, index, votes);
  EXPECT_FALSE(p.spans.empty());
  if (p.spans.empty()) return {};
  for (const SpeakerCandidate& c : ranker.Candidates(p.spans.size() - 1)) {
    if (c.speaker == speaker) return c.x;
  }
  ADD_FAILURE() << "no candidate " << speaker;
  return {};
}

TEST(SpeakerCandidatesTest, WhereANameSitsInItsSentence) {
  struct Case {
    const char* text;
    const char* speaker;
    SpeakerFeature on;
  };
  const Case cases[] = {
      {"Sarah Kim grew up in Nova Scotia. \"We lost it all,\" she said.",
       "Nova Scotia", kF_prep_object},
      {"Tom Reyes spoke to a Dallas law firm. \"Markets are fragile,\" he "
       "said.",
       "Dallas", kF_after_determiner},
      {"Holt's remarks angered Ann Lee. \"It was cruel,\" she said.", "Holt",
       kF_possessive},
      {"Canadian actress Mia Lund spoke. \"It was cruel,\" she said.",
       "Canadian", kF_adjective_form},
      {"Questions remain, Ann Lee said. \"It was cruel,\" she said.",
       "Questions", kF_common_word},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.text);
    const FeatureVector x = FeaturesOf(c.text, c.speaker);
    EXPECT_EQ(x[c.on], 1.0f) << kSpeakerFeatureNames[c.on];
  }
  // The speaker of each sentence has none of them.
  for (const Case& c : cases) {
    SCOPED_TRACE(c.text);
    const Parsed p = Parse(c.text);
    const SpeakerIndex index(p.text, p.tokens, p.spans);
    const std::vector<RuleVote> votes(p.spans.size());
    const SpeakerRanker ranker(p.text, p.tokens, p.spans, index, votes);
    for (const SpeakerCandidate& cand : ranker.Candidates(0)) {
      if (cand.speaker != "Sarah Kim" && cand.speaker != "Tom Reyes" &&
          cand.speaker != "Ann Lee" && cand.speaker != "Mia Lund") {
        continue;
      }
      EXPECT_EQ(cand.x[kF_prep_object] + cand.x[kF_after_determiner] +
                    cand.x[kF_possessive] + cand.x[kF_adjective_form] +
                    cand.x[kF_common_word],
                0.0f)
          << cand.speaker;
    }
  }
}

}  // namespace
}  // namespace claimcheck::extract
