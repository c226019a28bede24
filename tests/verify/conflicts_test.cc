#include "server/verify/conflicts.h"

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace claimcheck::verify {
namespace {

using ::testing::HasSubstr;

// Three content words: substantive enough to conflict
// (kMinConflictContentWords).
constexpr absl::string_view kRepairs =
    "The bridge repairs are ahead of schedule.";

TEST(AttributionConflictsTest, DifferentSpeakersConflictSameOnesDoNot) {
  const QuoteOccurrence group[] = {
      {kRepairs, "Victor Hale", "Metro Wire", "2026-03-04", "s_h"},
      {kRepairs, "Elena Marsh", "The Daily Ledger", "2026-03-02", "s_m"},
      {kRepairs, "Ms. Marsh", "Coastal Herald", "2026-03-03", "s_m2"},
      {kRepairs, "", "Unnamed Blog", "2026-03-01", ""},
  };
  const std::vector<ConflictPair> got = AttributionConflicts(group);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].a, 1u);  // earliest attributed side first
  EXPECT_EQ(got[0].b, 0u);
  EXPECT_EQ(got[0].count_a, 2);  // Elena Marsh and Ms. Marsh
  EXPECT_EQ(got[0].count_b, 1);
  EXPECT_THAT(got[0].summary, HasSubstr("The Daily Ledger attributes it to "
                                        "Elena Marsh; Metro Wire to Victor "
                                        "Hale"));
}

TEST(SameUtteranceTest, AnotherGrammaticalPersonIsAnotherUtterance) {
  // One former president's "we" and another's "I" share four words.
  EXPECT_FALSE(SameUtterance(
      "People of Freedonia, we are not going to pay a single cent for such a "
      "wall! And it is going to be useless,",
      "I'm not going to pay,"));
  EXPECT_FALSE(SameUtterance("We will not back down on the budget",
                             "They will not back down on the budget"));
  // Loose quoting of one utterance still is one.
  EXPECT_TRUE(SameUtterance("We will not back down on the budget",
                            "We will not back down on the budget at all"));
}

TEST(AttributionConflictsTest, SameRecordIdIsOneSpeaker) {
  // Merged spelling variants share the record id.
  const QuoteOccurrence group[] = {
      {kRepairs, "Anna Kovalenko", "A", "2026-04-10", "s_k"},
      {kRepairs, "Anna Kowalenko", "B", "2026-04-11", "s_k"},
  };
  EXPECT_TRUE(AttributionConflicts(group).empty());
  const QuoteOccurrence clintons[] = {
      {kRepairs, "Bill Clinton", "A", "2026-04-10", "s_b"},
      {kRepairs, "Hillary Clinton", "B", "2026-04-11", "s_h"},
  };
  EXPECT_EQ(AttributionConflicts(clintons).size(), 1u);
}

// Truncations and close variants given to different speakers conflict;
// altered quotes (negation, number or name flipped), unrelated quotes, very
// short fragments and the same speaker do not.
TEST(AttributionConflictsTest, TruncationsAndVariantsTable) {
  struct Case {
    const char* name;
    const char* text_a;
    const char* speaker_a;
    const char* text_b;
    const char* speaker_b;
    size_t conflicts;
    const char* summary;  // substring of the summary when one conflict
  };
  const Case kCases[] = {
      {"fragment", "The bridge repairs are ahead of schedule and under budget.",
       "Elena Marsh", "The bridge repairs are ahead of schedule.",
       "Victor Hale", 1,
       "A attributes it to Elena Marsh; B to Victor Hale (B quotes part of "
       "it)"},
      {"fragment earlier", "The bridge repairs are ahead of schedule.",
       "Victor Hale",
       "The bridge repairs are ahead of schedule and under budget.",
       "Elena Marsh", 1,
       "A attributes it to Victor Hale; B to Elena Marsh (A quotes part of "
       "it)"},
      {"identical", "The bridge repairs are ahead of schedule.", "Elena Marsh",
       "the bridge repairs are ahead of schedule", "Victor Hale", 1,
       "A attributes it to Elena Marsh; B to Victor Hale"},
      {"function word edit",
       "We finished the repairs on the bridge ahead of the schedule.",
       "Elena Marsh", "We finished the repairs on a bridge ahead of schedule.",
       "Victor Hale", 1, "(worded differently)"},
      {"words added", "The repairs to the harbor bridge are ahead of schedule.",
       "Elena Marsh",
       "The repairs to the old harbor bridge are well ahead of schedule.",
       "Victor Hale", 1, "(worded differently)"},
      {"content word replaced",
       "The repairs to the harbor bridge are ahead of schedule.", "Elena Marsh",
       "The repairs to the harbor tunnel are ahead of schedule.", "Victor Hale",
       0, ""},
      {"subject replaced", "The bridge repairs are ahead of schedule.",
       "Elena Marsh", "The ferry terminal works are ahead of schedule.",
       "Victor Hale", 0, ""},
      {"negation flipped",
       "We will not let this city be cut in two for another winter.",
       "Elena Marsh", "We will let this city be cut in two for another winter.",
       "Victor Hale", 0, ""},
      {"number changed",
       "The plant will supply clean water to 200,000 homes next year.",
       "Anna Kovalenko",
       "The plant will supply clean water to 300,000 homes next year.",
       "Sam Reyes", 0, ""},
      {"unrelated", "The bridge repairs are ahead of schedule.", "Elena Marsh",
       "This project was rushed through without a proper review.",
       "Victor Hale", 0, ""},
      {"two-word fragment", "Thank you all for coming tonight.", "Elena Marsh",
       "Thank you.", "Victor Hale", 0, ""},
      {"same speaker",
       "The bridge repairs are ahead of schedule and under budget.",
       "Elena Marsh", "The bridge repairs are ahead of schedule.", "Ms. Marsh",
       0, ""},
  };
  for (const Case& c : kCases) {
    SCOPED_TRACE(c.name);
    const QuoteOccurrence group[] = {
        {c.text_a, c.speaker_a, "A", "2026-03-02", "s_a"},
        {c.text_b, c.speaker_b, "B", "2026-03-03", "s_b"},
    };
    const std::vector<ConflictPair> got = AttributionConflicts(group);
    ASSERT_EQ(got.size(), c.conflicts);
    if (c.conflicts == 1) {
      EXPECT_EQ(got[0].a, 0u);
      EXPECT_EQ(got[0].b, 1u);
      EXPECT_THAT(got[0].summary, HasSubstr(c.summary));
    }
  }
}

// Only confident attributions of substantive quotes to speakers that cannot
// be one entity conflict.
TEST(AttributionConflictsTest, OnlyRealConflictsTable) {
  using extract::SpeakerKind;
  struct Case {
    const char* name;
    const char* text;
    const char* speaker_a;
    float confidence_a;
    SpeakerKind kind_a;
    const char* speaker_b;
    SpeakerKind kind_b;
    size_t conflicts;
  };
  constexpr SpeakerKind kPerson = SpeakerKind::kPerson;
  constexpr SpeakerKind kOrg = SpeakerKind::kOrganization;
  const Case kCases[] = {
      {"two people, confident", kRepairs.data(), "Elena Marsh", 0.95f, kPerson,
       "Victor Hale", kPerson, 1},
      {"at the threshold", kRepairs.data(), "Elena Marsh",
       kMinConflictConfidence, kPerson, "Victor Hale", kPerson, 1},
      {"one side unsure", kRepairs.data(), "Elena Marsh", 0.8f, kPerson,
       "Victor Hale", kPerson, 0},
      {"fragment", "a red flag", "Elena Marsh", 0.95f, kPerson, "Victor Hale",
       kPerson, 0},
      {"organisation and a person", kRepairs.data(), "Harbor Transit Authority",
       0.95f, kOrg, "Elena Marsh", kPerson, 0},
      {"two organisations", kRepairs.data(), "Harbor Transit Authority", 0.95f,
       kOrg, "City Council", kOrg, 1},
      {"office of", kRepairs.data(), "Mr. Marsh's office", 0.95f, kPerson,
       "Owen Marsh", kPerson, 0},
      {"short first name", kRepairs.data(), "Tim Okafor", 0.95f, kPerson,
       "Timothy Okafor", kPerson, 0},
      {"first name misspelt", kRepairs.data(), "Vicente Alvaro", 0.95f, kPerson,
       "Vincente Alvaro", kPerson, 0},
      {"diminutive", kRepairs.data(), "Mike Okafor", 0.95f, kPerson,
       "Michael Okafor", kPerson, 0},
      {"diminutive, other surname", kRepairs.data(), "Mike Okafor", 0.95f,
       kPerson, "Michael Marsh", kPerson, 1},
      {"extra word", kRepairs.data(), "Elena Marsh", 0.95f, kPerson,
       "Elena Marsh Ledger", kPerson, 0},
      {"junior and senior", kRepairs.data(), "Trump Jr.", 0.95f, kPerson,
       "Donald Trump", kPerson, 0},
      {"same surname, other person", kRepairs.data(), "Elena Marsh", 0.95f,
       kPerson, "Robert Marsh", kPerson, 1},
      {"an unnamed source may be anyone", kRepairs.data(),
       "a longtime resident", 0.95f, kPerson, "Elena Marsh", kPerson, 0},
  };
  for (const Case& c : kCases) {
    SCOPED_TRACE(c.name);
    QuoteOccurrence a{c.text, c.speaker_a, "A", "2026-03-02", "s_a"};
    a.confidence = c.confidence_a;
    a.speaker_kind = c.kind_a;
    QuoteOccurrence b{c.text, c.speaker_b, "B", "2026-03-03", "s_b"};
    b.confidence = 0.95f;
    b.speaker_kind = c.kind_b;
    const QuoteOccurrence group[] = {a, b};
    EXPECT_EQ(AttributionConflicts(group).size(), c.conflicts);
  }
}

TEST(AttributionConflictsTest, CandidateGroupPairsOnlyRelatedSides) {
  // A candidate group (shared words) holding two utterances: only the
  // speakers of the same utterance conflict; the representatives are the
  // earliest related occurrences, the counts those of the utterance.
  const QuoteOccurrence group[] = {
      {"The harbor bridge repairs are ahead of schedule and under budget.",
       "Elena Marsh", "Ledger", "2026-03-02", "s_m"},
      {"The harbor bridge will stay closed all winter.", "Elena Marsh",
       "Herald", "2026-03-01", "s_m"},
      {"The harbor bridge will stay closed.", "Victor Hale", "Wire",
       "2026-03-05", "s_h"},
      {"The harbor bridge repairs are ahead of schedule.", "Sam Reyes",
       "Courier", "2026-03-04", "s_r"},
  };
  const std::vector<ConflictPair> got = AttributionConflicts(group);
  ASSERT_EQ(got.size(), 2u);  // Reyes and Hale said different things
  // Speakers in order of first appearance: Marsh, Reyes, Hale.
  EXPECT_EQ(got[0].a, 0u);  // Marsh (Ledger) vs Reyes (Courier): "repairs"
  EXPECT_EQ(got[0].b, 3u);
  EXPECT_EQ(got[0].count_a, 1);  // Marsh's occurrences of that utterance
  EXPECT_EQ(got[0].count_b, 1);
  EXPECT_THAT(got[0].summary, HasSubstr("Courier quotes part of it"));
  EXPECT_EQ(got[1].a, 1u);  // Marsh (Herald) vs Hale (Wire): "stay closed"
  EXPECT_EQ(got[1].b, 2u);
  EXPECT_THAT(got[1].summary, HasSubstr("Wire quotes part of it"));
}

extract::Quantity Claim(double low, double high, std::string unit_key,
                        std::string subject = "", std::string time = "") {
  extract::Quantity q;
  if (low == high) {
    q.value = low;
  } else {
    q.approx = extract::Approx::kRange;
    q.low = low;
    q.high = high;
  }
  q.unit_key = std::move(unit_key);
  q.subject = std::move(subject);
  q.time = std::move(time);
  return q;
}

TEST(NumericConflictsTest, DisjointIntervalsAcrossArticlesConflict) {
  const extract::Quantity a = Claim(40000, 50000, "vehicle");
  const extract::Quantity b = Claim(45000, 45000, "vehicle");
  const extract::Quantity c = Claim(90000, 90000, "vehicle");
  const extract::Quantity c2 = Claim(90000, 90000, "vehicle");
  const ClaimOccurrence group[] = {{&a, "a1", "Ledger", "2026-03-02"},
                                   {&b, "a2", "Herald", "2026-03-03"},
                                   {&c, "a3", "Wire", "2026-03-04"},
                                   {&c2, "a4", "Post", "2026-03-05"}};
  const std::vector<ConflictPair> got = NumericConflicts(group);
  ASSERT_EQ(got.size(), 2u);  // Ledger vs {Wire, Post}; Herald vs the same
  EXPECT_EQ(got[0].a, 0u);
  EXPECT_EQ(got[0].b, 2u);
  EXPECT_EQ(got[0].count_b, 2);
  EXPECT_THAT(got[0].summary, HasSubstr("disjoint"));
}

TEST(NumericConflictsTest, NotConflictsWhenSubjectsTimesOrArticleDiffer) {
  const extract::Quantity iran = Claim(3000, 3000, "ballistic missile", "Iran");
  const extract::Quantity israel =
      Claim(100, 100, "ballistic missile", "Israel");
  const extract::Quantity y2035 = Claim(60, 60, "icbm", "", "by 2035");
  const extract::Quantity now = Claim(5, 5, "icbm", "", "today");
  const extract::Quantity pct1 = Claim(3, 3, "percent");
  const extract::Quantity pct2 = Claim(40, 40, "percent");
  const extract::Quantity same1 = Claim(4, 4, "ship");
  const extract::Quantity same2 = Claim(9, 9, "ship");
  const ClaimOccurrence subjects[] = {{&iran, "a1", "X", "2026-01-01"},
                                      {&israel, "a2", "Y", "2026-01-02"}};
  EXPECT_TRUE(NumericConflicts(subjects).empty());
  const ClaimOccurrence times[] = {{&y2035, "a1", "X", "2026-01-01"},
                                   {&now, "a2", "Y", "2026-01-02"}};
  EXPECT_TRUE(NumericConflicts(times).empty());
  const ClaimOccurrence generic[] = {{&pct1, "a1", "X", "2026-01-01"},
                                     {&pct2, "a2", "Y", "2026-01-02"}};
  EXPECT_TRUE(NumericConflicts(generic).empty());
  const ClaimOccurrence one_article[] = {{&same1, "a1", "X", "2026-01-01"},
                                         {&same2, "a1", "X", "2026-01-01"}};
  EXPECT_TRUE(NumericConflicts(one_article).empty());
  // An article giving the unit two values speaks of two quantities: its
  // claims are not compared with another source's.
  const extract::Quantity other = Claim(5, 5, "ship");
  const ClaimOccurrence two_values[] = {{&same1, "a1", "X", "2026-01-01"},
                                        {&same2, "a1", "X", "2026-01-01"},
                                        {&other, "a2", "Y", "2026-01-02"}};
  EXPECT_TRUE(NumericConflicts(two_values).empty());
  const ClaimOccurrence one_value[] = {{&same1, "a1", "X", "2026-01-01"},
                                       {&other, "a2", "Y", "2026-01-02"}};
  const std::vector<ConflictPair> got = NumericConflicts(one_value);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].reason, "same counted thing 'ship'; same dimension");
}

TEST(NumericConflictsTest, FarApartValuesAreTwoQuantities) {
  // "61 senators" (a threshold) and "10 GOP senators" (a bloc) in one story
  // are two quantities; "180 miles" and "181 miles" one, reported two ways;
  // twice as many is still read as a disagreement.
  const extract::Quantity threshold = Claim(61, 61, "senator");
  const extract::Quantity bloc = Claim(10, 10, "senator");
  const ClaimOccurrence far[] = {{&threshold, "a1", "X", "2026-01-01"},
                                 {&bloc, "a2", "Y", "2026-01-01"}};
  EXPECT_TRUE(NumericConflicts(far).empty());
  const extract::Quantity vague_lo = Claim(100, 1000, "worker");
  const extract::Quantity vague_hi = Claim(100000, 1000000, "worker");
  const ClaimOccurrence vague[] = {{&vague_lo, "a1", "X", "2026-01-01"},
                                   {&vague_hi, "a2", "Y", "2026-01-01"}};
  EXPECT_TRUE(NumericConflicts(vague).empty());
  const extract::Quantity d1 = Claim(180, 180, "mi");
  const extract::Quantity d2 = Claim(181, 181, "mi");
  const ClaimOccurrence near[] = {{&d1, "a1", "X", "2026-01-01"},
                                  {&d2, "a2", "Y", "2026-01-01"}};
  EXPECT_EQ(NumericConflicts(near).size(), 1u);
  const extract::Quantity ten = Claim(10, 10, "candidate");
  const extract::Quantity twenty = Claim(20, 20, "candidate");
  const ClaimOccurrence twice[] = {{&ten, "a1", "X", "2026-01-01"},
                                   {&twenty, "a2", "Y", "2026-01-01"}};
  EXPECT_EQ(NumericConflicts(twice).size(), 1u);
}

TEST(NumericConflictsTest, BareFractionsNeedASubject) {
  // "a half" and "two-thirds" of what: not comparable without a subject.
  const extract::Quantity half = Claim(0.5, 0.5, "fraction");
  const extract::Quantity two_thirds = Claim(0.6667, 0.6667, "fraction");
  const ClaimOccurrence group[] = {{&half, "a1", "X", "2026-01-01"},
                                   {&two_thirds, "a2", "Y", "2026-01-01"}};
  EXPECT_TRUE(NumericConflicts(group).empty());
}

}  // namespace
}  // namespace claimcheck::verify
