#include "server/api/validate.h"

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
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

}  // namespace

absl::Status CheckText(absl::string_view field, absl::string_view value,
                       size_t max_bytes) {
  if (absl::StripAsciiWhitespace(value).empty()) {
    return absl::InvalidArgumentError(absl::StrCat(field, " is empty"));
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
  if (absl::Status s =
          CheckOptionalText(absl::StrCat(field, ".title"), article.title(),
                            limits.max_meta_bytes);
      !s.ok()) {
    return s;
  }
  return CheckDate(absl::StrCat(field, ".published_date"),
                   article.published_date());
}

}  // namespace claimcheck::api
