#include "server/api/validate.h"

#include <cstdint>

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

}  // namespace claimcheck::api
