#include "server/verify/speaker_identity.h"

#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace claimcheck::verify {
namespace {

using ::testing::HasSubstr;

SpeakerEvidence Person(std::string name, std::vector<std::string> roles = {},
                       std::vector<std::string> co = {},
                       std::vector<uint64_t> hashes = {}) {
  SpeakerEvidence e;
  e.name = std::move(name);
  e.kind = extract::SpeakerKind::kPerson;
  e.roles = std::move(roles);
  e.co_speakers = std::move(co);
  e.quote_hashes = std::move(hashes);
  return e;
}

TEST(SpeakerMergeEvidenceTest, MergesSpellingVariantsOnEvidence) {
  const std::string why =
      SpeakerMergeEvidence(Person("Masoud Pezeshkian", {"Iranian President"}),
                           Person("Masoud Pezechkian", {"President"}));
  EXPECT_THAT(why, HasSubstr("edit distance 1"));
  EXPECT_THAT(why, HasSubstr("shared role"));
  EXPECT_THAT(SpeakerMergeEvidence(Person("Anna Kovalenko", {}, {"s_1"}),
                                   Person("Anna Kowalenko", {}, {"s_1"})),
              HasSubstr("quoted alongside the same speaker"));
  EXPECT_THAT(SpeakerMergeEvidence(Person("Anna Kovalenko", {}, {}, {42}),
                                   Person("Anna Kowalenko", {}, {}, {42})),
              HasSubstr("the same quote"));
}

TEST(SpeakerMergeEvidenceTest, KeepsApartWithoutEvidenceOrWithOtherNames) {
  const struct {
    SpeakerEvidence a, b;
  } cases[] = {
      // A close spelling alone is not evidence.
      {Person("Masoud Pezeshkian"), Person("Masoud Pezechkian")},
      // Different first names: different people sharing a surname.
      {Person("Bill Clinton", {"President"}),
       Person("Hillary Clinton", {"President"})},
      // Same name after folding is the same record already.
      {Person("Anna Kovalenko", {"Governor"}),
       Person("Anna Kovalenko", {"Governor"})},
      // Too far apart.
      {Person("John Smith", {"Senator"}), Person("John Smithers", {"Senator"})},
      // Short surnames differ too easily.
      {Person("Wei Li", {"Minister"}), Person("Wei Lu", {"Minister"})},
      // Surname only.
      {Person("Pezeshkian", {"President"}),
       Person("Pezechkian", {"President"})},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.a.name + " / " + c.b.name);
    EXPECT_EQ(SpeakerMergeEvidence(c.a, c.b), "");
  }
  SpeakerEvidence org = Person("Pentagon Office", {"Agency"});
  org.kind = extract::SpeakerKind::kOrganization;
  EXPECT_EQ(SpeakerMergeEvidence(org, Person("Pentagon Offise", {"Agency"})),
            "");
}

}  // namespace
}  // namespace claimcheck::verify
