#include "server/store/speaker_names.h"

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/extract/normalize.h"
#include "server/extract/types.h"
#include "server/store/prepared_article.h"
#include "server/store/store.h"

namespace claimcheck::store {
namespace {

using ::testing::IsEmpty;
using ::testing::UnorderedElementsAre;

TEST(SpeakerNameIndexTest, CandidatesShareFirstWordAndCloseSurname) {
  SpeakerNameIndex index;
  index.Load("s1", "masoud pezeshkian");
  index.Load("s2", "masoud pezechkian");
  index.Load("s3", "mohammad pezeshkian");  // other first name
  index.Load("s4", "masoud smith");         // far surname
  index.Load("s5", "pezeshkian");           // one word: never indexed
  EXPECT_THAT(index.Candidates("s1"), UnorderedElementsAre("s2"));
  EXPECT_THAT(index.Candidates("s4"), IsEmpty());
  EXPECT_THAT(index.Candidates("s5"), IsEmpty());
  // Added later: kept lists gain the newcomer, and it finds them.
  index.Add("s6", "masoud pezeshkyan");
  EXPECT_THAT(index.Candidates("s1"), UnorderedElementsAre("s2", "s6"));
  EXPECT_THAT(index.Candidates("s6"), UnorderedElementsAre("s1", "s2"));
  index.Add("s6", "masoud pezeshkyan");  // idempotent
  EXPECT_THAT(index.Candidates("s2"), UnorderedElementsAre("s1", "s6"));
  EXPECT_EQ(index.size(), 5u);
  index.Clear();
  EXPECT_THAT(index.Candidates("s1"), IsEmpty());
}

TEST(PrepareArticleTest, MatchesWhatTheStoreDerives) {
  ArticleInput in;
  in.url = "https://example.com/a";
  in.outlet = "Example";
  in.text = "\"It's a start,\" said Masoud Pezeshkian.";
  extract::Extraction ex;
  extract::Quote q;
  q.text = "It's a start,";
  q.speaker = "Masoud Pezeshkian";
  ex.quotes.push_back(q);
  ex.quotes.push_back(extract::Quote{});  // no speaker
  const PreparedArticle p = PrepareArticle(in, ex);
  EXPECT_EQ(p.content_hash.size(), 64u);
  EXPECT_EQ(p.new_article_id, ArticleIdFor(in.url, p.content_hash, 0));
  ASSERT_EQ(p.quotes.size(), 2u);
  EXPECT_EQ(p.quotes[0].norm_text, extract::NormalizeForMatch(q.text));
  EXPECT_EQ(p.quotes[0].match_hash, extract::MatchHash(q.text));
  EXPECT_EQ(p.quotes[0].speaker_key, extract::SpeakerKey(q.speaker));
  EXPECT_EQ(p.quotes[0].speaker_id, SpeakerIdForKey(p.quotes[0].speaker_key));
  EXPECT_TRUE(p.quotes[1].speaker_id.empty());
}

}  // namespace
}  // namespace claimcheck::store
