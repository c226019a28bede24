#include "client/claim_review.h"

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "client/json_text.h"
#include "google/protobuf/struct.pb.h"

namespace claimcheck {
namespace {

using google::protobuf::Struct;
using google::protobuf::Value;

// Sets `key` to `text` unless `text` is empty.
void SetString(Struct& object, const std::string& key,
               const std::string& text) {
  if (!text.empty()) (*object.mutable_fields())[key].set_string_value(text);
}

Struct& SetObject(Struct& object, const std::string& key,
                  const std::string& type) {
  Struct& child = *(*object.mutable_fields())[key].mutable_struct_value();
  SetString(child, "@type", type);
  return child;
}

struct Rating {
  int value;  // 0: no numeric rating
  const char* name;
};

Rating RatingFor(const v1::VerifyQuoteResponse& verdict) {
  switch (verdict.verdict()) {
    case v1::VERDICT_SUPPORTED:
      return {5, "Accurate quote"};
    case v1::VERDICT_PARTIAL:
      return {4, "Partial quote"};
    case v1::VERDICT_ALTERED:
      return verdict.meaning_changed() ? Rating{2, "Altered: meaning changed"}
                                       : Rating{3, "Altered wording"};
    case v1::VERDICT_MISATTRIBUTED:
      return {1, "Misattributed"};
    case v1::VERDICT_UNATTRIBUTED:
      return {0, "Unverified attribution"};
    default:
      return {0, "No record found"};
  }
}

}  // namespace

absl::StatusOr<std::string> ClaimReviewJsonLd(
    const v1::VerifyQuoteRequest& request,
    const v1::VerifyQuoteResponse& verdict, const ClaimReviewOptions& options) {
  Struct review;
  SetString(review, "@context", "https://schema.org");
  SetString(review, "@type", "ClaimReview");
  SetString(review, "claimReviewed", request.text());
  SetString(review, "datePublished", options.date_published);
  SetString(review, "url", options.review_url);
  SetString(SetObject(review, "author", "Organization"), "name",
            options.reviewer);

  Struct& claim = SetObject(review, "itemReviewed", "Claim");
  SetString(claim, "datePublished", request.claimed_date());
  // The claim's author is who the claim says spoke; with no speaker claimed,
  // whom the record names.
  const std::string& claimed_author = !request.claimed_speaker().empty()
                                          ? request.claimed_speaker()
                                          : verdict.attributed_speaker();
  if (!claimed_author.empty()) {
    SetString(SetObject(claim, "author", "Person"), "name", claimed_author);
  }
  // Where the quoted words appeared (evidence is earliest first), and the
  // earliest of them.
  if (!verdict.evidence().empty()) {
    google::protobuf::ListValue& appearances =
        *(*claim.mutable_fields())["appearance"].mutable_list_value();
    for (const v1::QuoteWithEvidence& q : verdict.evidence()) {
      Struct& work = *appearances.add_values()->mutable_struct_value();
      SetString(work, "@type", "CreativeWork");
      SetString(work, "url", q.evidence().url());
      SetString(work, "datePublished", q.evidence().published_date());
      SetString(SetObject(work, "publisher", "Organization"), "name",
                q.evidence().outlet());
    }
    (*claim.mutable_fields())["firstAppearance"] = appearances.values(0);
  }

  const Rating rating = RatingFor(verdict);
  Struct& rated = SetObject(review, "reviewRating", "Rating");
  SetString(rated, "alternateName", rating.name);
  if (rating.value > 0) {
    (*rated.mutable_fields())["ratingValue"].set_number_value(rating.value);
    (*rated.mutable_fields())["bestRating"].set_number_value(5);
    (*rated.mutable_fields())["worstRating"].set_number_value(1);
  }
  std::string explanation = verdict.explanation();
  if (!verdict.matched_text().empty() &&
      verdict.verdict() != v1::VERDICT_SUPPORTED) {
    absl::StrAppend(&explanation, explanation.empty() ? "" : ". ",
                    "Recorded wording: \"", verdict.matched_text(), "\"");
  }
  if (verdict.confidence() > 0) {
    absl::StrAppend(&explanation, explanation.empty() ? "" : " ",
                    absl::StrFormat("(confidence %.2f)", verdict.confidence()));
  }
  SetString(rated, "ratingExplanation", explanation);

  google::protobuf::ListValue& citations =
      *(*review.mutable_fields())["citation"].mutable_list_value();
  for (const v1::QuoteWithEvidence& q : verdict.evidence()) {
    Struct& article = *citations.add_values()->mutable_struct_value();
    SetString(article, "@type", "NewsArticle");
    SetString(article, "headline", q.evidence().title());
    SetString(article, "url", q.evidence().url());
    SetString(article, "datePublished", q.evidence().published_date());
    SetString(SetObject(article, "publisher", "Organization"), "name",
              q.evidence().outlet());
    SetString(article, "text", q.quote().text());
  }
  if (citations.values().empty()) review.mutable_fields()->erase("citation");

  // Keys in byte order ("@context" and "@type" first): the same verdict
  // always prints the same text.
  return SortedJson(review);
}

}  // namespace claimcheck
