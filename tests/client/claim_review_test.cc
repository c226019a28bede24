#include "client/claim_review.h"

#include <string>

#include "google/protobuf/struct.pb.h"
#include "google/protobuf/util/json_util.h"
#include "gtest/gtest.h"

namespace claimcheck {
namespace {

using google::protobuf::Struct;

Struct Parse(const std::string& json) {
  Struct out;
  EXPECT_TRUE(google::protobuf::util::JsonStringToMessage(json, &out).ok())
      << json;
  return out;
}

const google::protobuf::Value& Field(const Struct& s, const std::string& key) {
  static const google::protobuf::Value* const kMissing =
      new google::protobuf::Value();
  const auto it = s.fields().find(key);
  return it == s.fields().end() ? *kMissing : it->second;
}

v1::VerifyQuoteResponse Verdict(v1::Verdict verdict, bool meaning_changed) {
  v1::VerifyQuoteResponse r;
  r.set_verdict(verdict);
  r.set_meaning_changed(meaning_changed);
  r.set_matched_text("never negotiable");
  r.set_explanation("Said by Abbas Araghchi");
  v1::QuoteWithEvidence& e = *r.add_evidence();
  e.mutable_quote()->set_text("never negotiable");
  e.mutable_evidence()->set_outlet("The Washington Times");
  e.mutable_evidence()->set_published_date("2026-02-08");
  e.mutable_evidence()->set_title("Iran: missiles \"never negotiable\"");
  return r;
}

struct RatingCase {
  v1::Verdict verdict;
  bool meaning_changed;
  double value;  // 0: none
  const char* name;
};

constexpr RatingCase kRatingCases[] = {
    {v1::VERDICT_SUPPORTED, false, 5, "Accurate quote"},
    {v1::VERDICT_PARTIAL, false, 4, "Partial quote"},
    {v1::VERDICT_ALTERED, false, 3, "Altered wording"},
    {v1::VERDICT_ALTERED, true, 2, "Altered: meaning changed"},
    {v1::VERDICT_MISATTRIBUTED, false, 1, "Misattributed"},
    {v1::VERDICT_UNATTRIBUTED, false, 0, "Unverified attribution"},
    {v1::VERDICT_NOT_FOUND, false, 0, "No record found"},
};

TEST(ClaimReviewTest, RatingFollowsVerdict) {
  v1::VerifyQuoteRequest request;
  request.set_text("never negotiable");
  for (const RatingCase& c : kRatingCases) {
    SCOPED_TRACE(c.name);
    absl::StatusOr<std::string> json = ClaimReviewJsonLd(
        request, Verdict(c.verdict, c.meaning_changed), ClaimReviewOptions());
    ASSERT_TRUE(json.ok()) << json.status();
    const Struct rating = Field(Parse(*json), "reviewRating").struct_value();
    EXPECT_EQ(Field(rating, "alternateName").string_value(), c.name);
    EXPECT_EQ(Field(rating, "ratingValue").number_value(), c.value);
  }
}

TEST(ClaimReviewTest, ExplanationCarriesTheConfidence) {
  v1::VerifyQuoteRequest request;
  request.set_text("never negotiable");
  v1::VerifyQuoteResponse verdict = Verdict(v1::VERDICT_SUPPORTED, false);
  verdict.set_confidence(0.874f);
  absl::StatusOr<std::string> json =
      ClaimReviewJsonLd(request, verdict, ClaimReviewOptions());
  ASSERT_TRUE(json.ok()) << json.status();
  const Struct rating = Field(Parse(*json), "reviewRating").struct_value();
  EXPECT_EQ(Field(rating, "ratingExplanation").string_value(),
            "Said by Abbas Araghchi (confidence 0.87)");
}

TEST(ClaimReviewTest, CarriesClaimReviewerAndCitations) {
  v1::VerifyQuoteRequest request;
  request.set_text("never negotiable");
  request.set_claimed_speaker("Donald Trump");
  request.set_claimed_date("2026-02-10");
  ClaimReviewOptions options;
  options.reviewer = "Example Fact Check";
  options.review_url = "https://factcheck.example/r/1";
  options.date_published = "2026-02-11";
  absl::StatusOr<std::string> json = ClaimReviewJsonLd(
      request, Verdict(v1::VERDICT_MISATTRIBUTED, false), options);
  ASSERT_TRUE(json.ok()) << json.status();
  EXPECT_EQ(json->find('\n'), std::string::npos);  // one line
  // Keys in a fixed order, so the same verdict always prints the same text.
  EXPECT_EQ(
      json->rfind(R"({"@context":"https://schema.org","@type":"ClaimReview",)",
                  0),
      0u)
      << *json;
  const Struct review = Parse(*json);
  EXPECT_EQ(Field(review, "@context").string_value(), "https://schema.org");
  EXPECT_EQ(Field(review, "@type").string_value(), "ClaimReview");
  EXPECT_EQ(Field(review, "claimReviewed").string_value(), "never negotiable");
  EXPECT_EQ(Field(review, "datePublished").string_value(), "2026-02-11");
  EXPECT_EQ(Field(review, "url").string_value(),
            "https://factcheck.example/r/1");
  EXPECT_EQ(
      Field(Field(review, "author").struct_value(), "name").string_value(),
      "Example Fact Check");
  const Struct claim = Field(review, "itemReviewed").struct_value();
  EXPECT_EQ(Field(claim, "@type").string_value(), "Claim");
  EXPECT_EQ(Field(claim, "datePublished").string_value(), "2026-02-10");
  EXPECT_EQ(Field(Field(claim, "author").struct_value(), "name").string_value(),
            "Donald Trump");
  const auto& citations = Field(review, "citation").list_value().values();
  ASSERT_EQ(citations.size(), 1);
  const Struct& article = citations[0].struct_value();
  EXPECT_EQ(Field(article, "headline").string_value(),
            "Iran: missiles \"never negotiable\"");
  EXPECT_EQ(
      Field(Field(article, "publisher").struct_value(), "name").string_value(),
      "The Washington Times");
  EXPECT_EQ(Field(article, "url").kind_case(),
            google::protobuf::Value::KIND_NOT_SET);  // empty URL omitted
}

}  // namespace
}  // namespace claimcheck
