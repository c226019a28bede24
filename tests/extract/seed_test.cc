// The seed article (The Washington Times, 2026-02-08) must give exactly the
// nine quotes of tests/testdata/seed_gold.json, with their speakers.
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "gtest/gtest.h"
#include "server/extract/quotes.h"

namespace claimcheck::extract {
namespace {

std::string ReadTestdata(const std::string& name) {
  std::ifstream f(std::string(CLAIMCHECK_SOURCE_DIR) + "/tests/testdata/" +
                  name);
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

struct GoldQuote {
  absl::string_view text;
  absl::string_view speaker;
  absl::string_view mention;  // as written (the gold file folds ’ to ')
  SpeakerKind kind;
  bool partial;
};

// Hand-copied from seed_gold.json.
const GoldQuote kGold[] = {
    {"never negotiable", "Abbas Araghchi", "Abbas Araghchi",
     SpeakerKind::kPerson, true},
    {"good start", "Abbas Araghchi", "Mr. Araghchi", SpeakerKind::kPerson,
     true},
    {"There is a long way to go to build trust,", "Abbas Araghchi", "he",
     SpeakerKind::kPerson, false},
    {"aggressively approached", "Pentagon", "the Pentagon",
     SpeakerKind::kOrganization, true},
    {"I join the American people in expressing our incredible pride in the "
     "sailors and Marines of the Abraham Lincoln Carrier Strike Group,",
     "Brad Cooper", "he", SpeakerKind::kPerson, false},
    {"Their dedication to the mission and professionalism are on full display "
     "here in the Middle East as they demonstrate U.S. military readiness and "
     "strength.",
     "Brad Cooper", "he", SpeakerKind::kPerson, false},
    {"The prime minister believes any negotiations must include limitations on "
     "ballistic missiles and a halting of the support for the Iranian axis,",
     "Benjamin Netanyahu", "Mr. Netanyahu\xE2\x80\x99s office",
     SpeakerKind::kPerson, false},
    {"very good", "Donald Trump", "Mr. Trump", SpeakerKind::kPerson, true},
    {"The Iran-U.S. talks, held through the follow-up efforts of friendly "
     "governments in the region, were a step forward. Dialogue has always "
     "been our strategy for peaceful resolution,",
     "Masoud Pezechkian", "Mr. Pezechkian", SpeakerKind::kPerson, false},
};

class SeedTest : public testing::Test {
 protected:
  void SetUp() override {
    text_ = ReadTestdata("seed-article.txt");
    ASSERT_FALSE(text_.empty()) << "missing tests/testdata/seed-article.txt";
    quotes_ = ExtractQuotes(text_);
  }
  std::string text_;
  std::vector<Quote> quotes_;
};

TEST_F(SeedTest, FindsExactlyTheGoldQuotes) {
  ASSERT_EQ(quotes_.size(), sizeof(kGold) / sizeof(kGold[0]));
  for (size_t i = 0; i < quotes_.size(); ++i) {
    const Quote& q = quotes_[i];
    const GoldQuote& g = kGold[i];
    SCOPED_TRACE(g.text);
    EXPECT_EQ(q.text, g.text);
    EXPECT_EQ(q.speaker, g.speaker);
    EXPECT_EQ(q.speaker_mention, g.mention);
    EXPECT_EQ(q.speaker_kind, g.kind);
    EXPECT_EQ(q.partial, g.partial);
  }
}

TEST_F(SeedTest, SpansPointAtTheText) {
  for (const Quote& q : quotes_) {
    SCOPED_TRACE(q.text);
    ASSERT_LE(q.span.end, text_.size());
    EXPECT_EQ(text_.substr(q.span.begin, q.span.size()), q.text);
    ASSERT_LE(q.mention_span.end, text_.size());
    EXPECT_EQ(text_.substr(q.mention_span.begin, q.mention_span.size()),
              q.speaker_mention);
    EXPECT_GT(q.confidence, 0.5f);
    EXPECT_LE(q.confidence, 1.0f);
    EXPECT_FALSE(q.cue.empty());
    EXPECT_FALSE(q.rule.empty());
  }
}

TEST_F(SeedTest, AttributionDetails) {
  ASSERT_EQ(quotes_.size(), sizeof(kGold) / sizeof(kGold[0]));
  EXPECT_EQ(quotes_[0].role, "Iranian Foreign Minister");
  EXPECT_EQ(quotes_[0].cue, "told");
  EXPECT_EQ(quotes_[0].rule, "partial_indirect");
  EXPECT_EQ(quotes_[2].relayed_by, "Al Jazeera");
  EXPECT_EQ(quotes_[2].rule, "pronoun_prev_subject");
  EXPECT_EQ(quotes_[4].channel, "in a CENTCOM statement");
  EXPECT_EQ(quotes_[5].rule, "split_quote");
  EXPECT_EQ(quotes_[6].rule, "org_possessive");
  EXPECT_EQ(quotes_[6].channel, "in a statement");
  EXPECT_EQ(quotes_[7].cue, "described");
  EXPECT_EQ(quotes_[8].cue, "posted");
  EXPECT_EQ(quotes_[8].channel, "posted on X");
}

}  // namespace
}  // namespace claimcheck::extract
