#include "client/export.h"

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "google/protobuf/struct.pb.h"
#include "google/protobuf/util/json_util.h"
#include "gtest/gtest.h"

namespace claimcheck {
namespace {

using google::protobuf::Struct;

Struct Parse(const std::string& line) {
  Struct out;
  EXPECT_TRUE(google::protobuf::util::JsonStringToMessage(line, &out).ok())
      << line;
  return out;
}

const google::protobuf::Value& F(const Struct& s, const std::string& key) {
  return s.fields().at(key);
}

v1::Article MakeArticle(const std::string& id, const std::string& date,
                        const std::string& url) {
  v1::Article a;
  a.set_id(id);
  a.set_published_date(date);
  a.set_url(url);
  a.set_outlet("Outlet " + id);
  return a;
}

void AddQuote(v1::Article& a, const std::string& id, const std::string& text,
              const std::string& speaker, float confidence) {
  v1::Quote& q = *a.add_quotes();
  q.set_id(id);
  q.set_text(text);
  q.mutable_attribution()->set_speaker(speaker);
  q.mutable_attribution()->set_speaker_id(speaker.empty() ? ""
                                                          : "s_" + speaker);
  q.mutable_attribution()->set_confidence(confidence);
}

TEST(QuoteGroupsTest, OneLinePerQuotationWithEveryOccurrence) {
  v1::Article later = MakeArticle("a_2", "2026-03-04", "https://b.example/2");
  AddQuote(later, "q_2_0", "Ahead of schedule.", "Victor Hale", 0.9f);
  AddQuote(later, "q_2_1", "Nobody said this.", "", 0);
  v1::Article earlier = MakeArticle("a_1", "2026-03-02", "https://a.example/1");
  AddQuote(earlier, "q_1_0", "Ahead of schedule.", "Elena Marsh", 0.95f);
  QuoteGroups groups;
  groups.Add(later);
  groups.Add(earlier);
  const std::vector<std::string> lines = groups.Lines();
  ASSERT_EQ(lines.size(), 2u);
  const Struct ahead = Parse(lines[0]);  // by quoteID: q_1_0 first
  EXPECT_EQ(F(ahead, "type").string_value(), "quote");
  EXPECT_EQ(F(ahead, "quoteID").string_value(), "q_1_0");  // the earliest
  EXPECT_EQ(F(ahead, "quotation").string_value(), "Ahead of schedule.");
  EXPECT_EQ(F(ahead, "date").string_value(), "2026-03-02");
  EXPECT_EQ(F(ahead, "numOccurrences").number_value(), 2);
  EXPECT_EQ(F(ahead, "speaker").string_value(), "Elena Marsh");  // best
  EXPECT_EQ(F(ahead, "speakerID").string_value(), "s_Elena Marsh");
  const auto& probas = F(ahead, "probas").list_value();
  ASSERT_EQ(probas.values_size(), 2);
  EXPECT_EQ(probas.values(0).list_value().values(1).string_value(), "0.9500");
  EXPECT_EQ(probas.values(1).list_value().values(0).string_value(),
            "Victor Hale");
  EXPECT_EQ(F(ahead, "urls").list_value().values_size(), 2);
  const Struct nobody = Parse(lines[1]);
  EXPECT_EQ(F(nobody, "speaker").string_value(), "None");  // as Quotebank
  EXPECT_EQ(F(nobody, "probas").list_value().values_size(), 0);
}

TEST(ClaimLinesTest, ValueRangeAndWhereItRan) {
  v1::Article a = MakeArticle("a_1", "2026-02-08", "https://w.example/x");
  v1::NumericClaim& range = *a.add_claims();
  range.set_id("c_1");
  range.set_surface("between 1,000 and 3,000 ballistic missiles");
  range.set_low(1000);
  range.set_high(3000);
  range.set_approximation(v1::APPROXIMATION_RANGE);
  range.set_kind(v1::QUANTITY_KIND_COUNT);
  range.mutable_span()->set_begin(10);
  range.mutable_span()->set_end(52);
  const std::vector<std::string> lines = ClaimLines(a);
  ASSERT_EQ(lines.size(), 1u);
  const Struct c = Parse(lines[0]);
  EXPECT_EQ(F(c, "type").string_value(), "claim");
  EXPECT_EQ(F(c, "low").number_value(), 1000);
  EXPECT_EQ(F(c, "high").number_value(), 3000);
  EXPECT_EQ(c.fields().count("value"), 0u);  // absent, not 0
  EXPECT_EQ(F(c, "approximation").string_value(), "range");
  EXPECT_EQ(F(c, "kind").string_value(), "count");
  EXPECT_EQ(F(c, "outlet").string_value(), "Outlet a_1");
  EXPECT_EQ(F(c, "span").list_value().values(1).number_value(), 52);
  EXPECT_EQ(lines[0].rfind("{\"approximation\":", 0), 0u);  // sorted keys
}

TEST(SpeakerLineTest, NamesAliasesRoles) {
  v1::Speaker s;
  s.set_id("s_1");
  s.set_name("Abbas Araghchi");
  s.set_kind(v1::SPEAKER_KIND_PERSON);
  s.add_aliases("Mr. Araghchi");
  s.add_roles("Iranian Foreign Minister");
  s.set_quote_count(3);
  const Struct line = Parse(SpeakerLine(s));
  EXPECT_EQ(F(line, "type").string_value(), "speaker");
  EXPECT_EQ(F(line, "kind").string_value(), "person");
  EXPECT_EQ(F(line, "numQuotes").number_value(), 3);
  EXPECT_EQ(F(line, "aliases").list_value().values(0).string_value(),
            "Mr. Araghchi");
}

}  // namespace
}  // namespace claimcheck
