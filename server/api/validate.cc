#include "server/api/validate.h"

#include <cstdint>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "server/base/status_macros.h"
#include "server/extract/normalize.h"
#include "server/extract/utf8.h"

namespace claimcheck::api {
namespace {

absl::Status CheckUtf8AndSize(absl::string_view field, absl::string_view value,
                              size_t max_bytes) {
  if (value.size() > max_bytes) {
    return absl::ResourceExhaustedError(absl::StrCat(
        field, " is ", value.size(), " bytes; the limit is ", max_bytes));
  }
  if (size_t bad = extract::FirstInvalidUtf8(value);
      bad != absl::string_view::npos) {
    return absl::InvalidArgumentError(
        absl::StrCat(field, " is not valid UTF-8 (byte offset ", bad, ")"));
  }
  return absl::OkStatus();
}

bool IsLeap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

// Unicode white space (and the zero-width ones) a text may be made of.
bool IsUnicodeSpace(uint32_t c) {
  return c == 0x85 || c == 0xA0 || c == 0x1680 ||
         (c >= 0x2000 && c <= 0x200B) || c == 0x2028 || c == 0x2029 ||
         c == 0x202F || c == 0x205F || c == 0x2060 || c == 0x3000 ||
         c == 0xFEFF;
}

// "scheme://host...": a host, and no spaces or control characters.
bool IsPlausibleUrl(absl::string_view url) {
  for (char ch : url) {
    const unsigned char c = static_cast<unsigned char>(ch);
    if (c <= 0x20 || c == 0x7F) return false;
  }
  const size_t scheme_end = url.find("://");
  if (scheme_end == absl::string_view::npos) return false;
  const absl::string_view rest = url.substr(scheme_end + 3);
  const size_t host_end = rest.find_first_of("/?#");
  const absl::string_view host = rest.substr(0, host_end);
  return !host.empty() && host.front() != ':' && host.front() != '@';
}

}  // namespace

bool IsBlank(absl::string_view value) {
  size_t i = 0;
  while (i < value.size()) {
    const unsigned char c = static_cast<unsigned char>(value[i]);
    if (c < 0x80) {
      if (!absl::ascii_isspace(c)) return false;
      ++i;
      continue;
    }
    // Decode one multi-byte sequence; anything malformed is not blank.
    const int len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 0;
    if (len == 0 || i + len > value.size()) return false;
    uint32_t cp = c & (0x7F >> len);
    for (int k = 1; k < len; ++k) {
      cp = (cp << 6) | (static_cast<unsigned char>(value[i + k]) & 0x3F);
    }
    if (!IsUnicodeSpace(cp)) return false;
    i += len;
  }
  return true;
}

absl::Status CheckDateRange(absl::string_view from_date,
                            absl::string_view to_date) {
  if (absl::Status s = CheckDate("from_date", from_date); !s.ok()) return s;
  if (absl::Status s = CheckDate("to_date", to_date); !s.ok()) return s;
  if (!from_date.empty() && !to_date.empty() && from_date > to_date) {
    return absl::InvalidArgumentError(absl::StrCat(
        "from_date is after to_date (", from_date, " > ", to_date, ")"));
  }
  return absl::OkStatus();
}

absl::Status CheckText(absl::string_view field, absl::string_view value,
                       size_t max_bytes) {
  if (IsBlank(value)) {
    return absl::InvalidArgumentError(
        absl::StrCat(field, " is empty (or only white space)"));
  }
  return CheckUtf8AndSize(field, value, max_bytes);
}

absl::Status CheckOptionalText(absl::string_view field, absl::string_view value,
                               size_t max_bytes) {
  return CheckUtf8AndSize(field, value, max_bytes);
}

absl::Status CheckDate(absl::string_view field, absl::string_view value) {
  if (value.empty()) return absl::OkStatus();
  auto bad = [&] {
    return absl::InvalidArgumentError(absl::StrCat(
        field, " must be a date YYYY-MM-DD, got '", value.substr(0, 32), "'"));
  };
  if (value.size() != 10 || value[4] != '-' || value[7] != '-') return bad();
  for (int i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (!absl::ascii_isdigit(static_cast<unsigned char>(value[i])))
      return bad();
  }
  const int y = (value[0] - '0') * 1000 + (value[1] - '0') * 100 +
                (value[2] - '0') * 10 + (value[3] - '0');
  const int m = (value[5] - '0') * 10 + (value[6] - '0');
  const int d = (value[8] - '0') * 10 + (value[9] - '0');
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30,
                                  31, 31, 30, 31, 30, 31};
  if (m < 1 || m > 12 || d < 1) return bad();
  const int max_day = kDays[m - 1] + (m == 2 && IsLeap(y) ? 1 : 0);
  if (d > max_day) return bad();
  return absl::OkStatus();
}

absl::StatusOr<int> PageSize(absl::string_view field, int requested,
                             int default_size, int max_size) {
  if (requested < 0) {
    return absl::InvalidArgumentError(
        absl::StrCat(field, " must not be negative, got ", requested));
  }
  if (requested == 0) return default_size;
  return requested > max_size ? max_size : requested;
}

absl::Status CheckQueryText(absl::string_view field, absl::string_view value,
                            const Limits& limits) {
  if (absl::Status s = CheckText(field, value, limits.max_query_bytes);
      !s.ok()) {
    return s;
  }
  if (extract::MatchTokens(value).empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat(field, " has no words to match"));
  }
  return absl::OkStatus();
}

absl::Status CheckArticle(absl::string_view field,
                          const v1::ArticleInput& article,
                          const Limits& limits) {
  if (absl::Status s = CheckText(absl::StrCat(field, ".text"), article.text(),
                                 limits.max_text_bytes);
      !s.ok()) {
    return s;
  }
  if (absl::Status s = CheckText(absl::StrCat(field, ".outlet"),
                                 article.outlet(), limits.max_meta_bytes);
      !s.ok()) {
    return s;
  }
  if (absl::Status s = CheckOptionalText(absl::StrCat(field, ".url"),
                                         article.url(), limits.max_meta_bytes);
      !s.ok()) {
    return s;
  }
  if (!article.url().empty() &&
      !absl::StartsWithIgnoreCase(article.url(), "http://") &&
      !absl::StartsWithIgnoreCase(article.url(), "https://")) {
    return absl::InvalidArgumentError(
        absl::StrCat(field, ".url must start with http:// or https://"));
  }
  if (!article.url().empty() && !IsPlausibleUrl(article.url())) {
    return absl::InvalidArgumentError(
        absl::StrCat(field,
                     ".url must name a host and hold no spaces, line breaks "
                     "or control characters"));
  }
  if (absl::Status s =
          CheckOptionalText(absl::StrCat(field, ".title"), article.title(),
                            limits.max_meta_bytes);
      !s.ok()) {
    return s;
  }
  return CheckDate(absl::StrCat(field, ".published_date"),
                   article.published_date());
}

namespace {

absl::StatusOr<int> PageOf(int requested, const Limits& limits) {
  return PageSize("page_size", requested, limits.default_page_size,
                  limits.max_page_size);
}

absl::Status CheckMeta(absl::string_view field, absl::string_view value,
                       const Limits& limits) {
  return CheckText(field, value, limits.max_meta_bytes);
}

absl::Status CheckOptionalMeta(absl::string_view field, absl::string_view value,
                               const Limits& limits) {
  return CheckOptionalText(field, value, limits.max_meta_bytes);
}

}  // namespace

absl::Status ValidateRequest(const v1::IngestArticleRequest& req,
                             const Limits& limits) {
  if (!req.has_article()) {
    return absl::InvalidArgumentError("article is missing");
  }
  CC_RETURN_IF_ERROR(CheckArticle("article", req.article(), limits));
  return CheckOptionalMeta("client_ref", req.client_ref(), limits);
}

absl::Status ValidateRequest(const v1::ExtractTextRequest& req,
                             const Limits& limits) {
  return CheckText("text", req.text(), limits.max_text_bytes);
}

absl::Status ValidateRequest(const v1::GetArticleRequest& req,
                             const Limits& limits) {
  return CheckMeta("article_id", req.article_id(), limits);
}

absl::Status ValidateRequest(const v1::DeleteArticleRequest& req,
                             const Limits& limits) {
  return CheckMeta("article_id", req.article_id(), limits);
}

absl::StatusOr<int> ValidateRequest(const v1::SearchQuotesRequest& req,
                                    const Limits& limits) {
  CC_RETURN_IF_ERROR(CheckQueryText("text", req.text(), limits));
  if (!v1::MatchMode_IsValid(req.mode())) {
    return absl::InvalidArgumentError("mode is not a known MatchMode");
  }
  if (!(req.min_score() >= 0 && req.min_score() <= 1)) {
    return absl::InvalidArgumentError("min_score must be between 0 and 1");
  }
  return PageSize("page_size", req.page_size(), limits.default_search_results,
                  limits.max_search_results);
}

absl::StatusOr<int> ValidateRequest(const v1::ListSpeakerQuotesRequest& req,
                                    const Limits& limits) {
  CC_RETURN_IF_ERROR(CheckMeta("speaker", req.speaker(), limits));
  CC_RETURN_IF_ERROR(CheckOptionalMeta("outlet", req.outlet(), limits));
  CC_RETURN_IF_ERROR(CheckDateRange(req.from_date(), req.to_date()));
  CC_RETURN_IF_ERROR(CheckOptionalMeta("page_token", req.page_token(), limits));
  return PageOf(req.page_size(), limits);
}

absl::StatusOr<int> ValidateRequest(const v1::ListSpeakersRequest& req,
                                    const Limits& limits) {
  CC_RETURN_IF_ERROR(
      CheckOptionalMeta("name_prefix", req.name_prefix(), limits));
  CC_RETURN_IF_ERROR(CheckOptionalMeta("page_token", req.page_token(), limits));
  return PageOf(req.page_size(), limits);
}

absl::Status ValidateRequest(const v1::GetSpeakerRequest& req,
                             const Limits& limits) {
  return CheckMeta("speaker", req.speaker(), limits);
}

absl::Status ValidateRequest(const v1::VerifyQuoteRequest& req,
                             const Limits& limits) {
  CC_RETURN_IF_ERROR(CheckQueryText("text", req.text(), limits));
  CC_RETURN_IF_ERROR(
      CheckOptionalMeta("claimed_speaker", req.claimed_speaker(), limits));
  return CheckDate("claimed_date", req.claimed_date());
}

absl::Status ValidateRequest(const v1::GetQuoteConsistencyRequest& req,
                             const Limits& limits) {
  return CheckQueryText("text", req.text(), limits);
}

absl::StatusOr<int> ValidateRequest(const v1::GetSpeakerConsistencyRequest& req,
                                    const Limits& limits) {
  CC_RETURN_IF_ERROR(CheckMeta("speaker", req.speaker(), limits));
  return PageSize("max_groups", req.max_groups(), limits.default_report_groups,
                  limits.max_report_groups);
}

absl::Status ValidateRequest(const v1::GetQuantityConsistencyRequest& req,
                             const Limits& limits) {
  CC_RETURN_IF_ERROR(CheckMeta("unit", req.unit(), limits));
  return CheckOptionalMeta("subject", req.subject(), limits);
}

absl::StatusOr<int> ValidateRequest(const v1::SearchClaimsRequest& req,
                                    const Limits& limits) {
  CC_RETURN_IF_ERROR(CheckOptionalMeta("unit", req.unit(), limits));
  CC_RETURN_IF_ERROR(CheckOptionalMeta("subject", req.subject(), limits));
  CC_RETURN_IF_ERROR(CheckOptionalMeta("page_token", req.page_token(), limits));
  CC_ASSIGN_OR_RETURN(const int page, PageOf(req.page_size(), limits));
  if (req.has_min_value() && req.has_max_value() &&
      req.min_value() > req.max_value()) {
    return absl::InvalidArgumentError("min_value is greater than max_value");
  }
  if (req.kinds_size() > limits.max_claim_kinds) {
    return absl::InvalidArgumentError(
        absl::StrCat("kinds: at most ", limits.max_claim_kinds, " values"));
  }
  for (int k : req.kinds()) {
    if (!v1::QuantityKind_IsValid(k)) {
      return absl::InvalidArgumentError(
          absl::StrCat("kinds: unknown value ", k));
    }
  }
  return page;
}

absl::StatusOr<int> ValidateRequest(const v1::ListConflictsRequest& req,
                                    const Limits& limits) {
  CC_RETURN_IF_ERROR(CheckOptionalMeta("outlet", req.outlet(), limits));
  CC_RETURN_IF_ERROR(CheckDateRange(req.from_date(), req.to_date()));
  if (!v1::ConflictKind_IsValid(req.kind())) {
    return absl::InvalidArgumentError("kind is not a known ConflictKind");
  }
  CC_RETURN_IF_ERROR(CheckOptionalMeta("page_token", req.page_token(), limits));
  return PageOf(req.page_size(), limits);
}

absl::StatusOr<int> ValidateRequest(const v1::ListStoriesRequest& req,
                                    const Limits& limits) {
  CC_RETURN_IF_ERROR(CheckOptionalMeta("page_token", req.page_token(), limits));
  return PageOf(req.page_size(), limits);
}

absl::Status ValidateRequest(const v1::GetStoryRequest& req,
                             const Limits& limits) {
  return CheckMeta("id", req.id(), limits);
}

absl::StatusOr<int> ValidateRequest(const v1::ListSpeakerMergesRequest& req,
                                    const Limits& limits) {
  CC_RETURN_IF_ERROR(CheckOptionalMeta("speaker", req.speaker(), limits));
  CC_RETURN_IF_ERROR(CheckOptionalMeta("page_token", req.page_token(), limits));
  return PageOf(req.page_size(), limits);
}

absl::Status ValidateRequest(const v1::UndoSpeakerMergeRequest& req,
                             const Limits& limits) {
  return CheckMeta("merge_id", req.merge_id(), limits);
}

absl::Status ValidateRequest(const v1::RegisterWatchRequest& req,
                             const Limits& limits) {
  CC_RETURN_IF_ERROR(CheckQueryText("text", req.text(), limits));
  return CheckOptionalMeta("speaker", req.speaker(), limits);
}

absl::Status ValidateRequest(const v1::UnregisterWatchRequest& req,
                             const Limits& limits) {
  return CheckMeta("watch_id", req.watch_id(), limits);
}

absl::Status ValidateRequest(const v1::WatchRequest& req,
                             const Limits& limits) {
  if (req.after_sequence() < 0) {
    return absl::InvalidArgumentError(absl::StrCat(
        "after_sequence must be >= 0, got ", req.after_sequence()));
  }
  if (req.watch_ids_size() > limits.max_watch_ids) {
    return absl::InvalidArgumentError(
        absl::StrCat("watch_ids holds at most ", limits.max_watch_ids, " ids"));
  }
  for (int i = 0; i < req.watch_ids_size(); ++i) {
    if (!absl::StartsWith(req.watch_ids(i), "w_")) {
      return absl::InvalidArgumentError(
          absl::StrCat("watch_ids[", i, "] is not a watch id (w_<n>)"));
    }
  }
  return absl::OkStatus();
}

}  // namespace claimcheck::api
