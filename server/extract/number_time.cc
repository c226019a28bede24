#include "server/extract/number_time.h"

#include <cstdint>
#include <cstdio>
#include <optional>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_split.h"
#include "server/extract/number_tokens.h"

namespace claimcheck::extract {
namespace {

struct Date {
  int y = 0, m = 0, d = 0;
};

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's
// days_from_civil), and back.
int64_t DaysFromCivil(Date c) {
  const int y = c.y - (c.m <= 2 ? 1 : 0);
  const int era = (y >= 0 ? y : y - 399) / 400;
  const int yoe = y - era * 400;
  const int doy = (153 * (c.m + (c.m > 2 ? -3 : 9)) + 2) / 5 + c.d - 1;
  const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return static_cast<int64_t>(era) * 146097 + doe - 719468;
}

Date CivilFromDays(int64_t z) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int doe = static_cast<int>(z - era * 146097);
  const int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int mp = (5 * doy + 2) / 153;
  Date out;
  out.d = doy - (153 * mp + 2) / 5 + 1;
  out.m = mp < 10 ? mp + 3 : mp - 9;
  out.y = static_cast<int>(yoe + era * 400) + (out.m <= 2 ? 1 : 0);
  return out;
}

std::optional<Date> ParseDate(absl::string_view s) {
  if (s.size() < 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  Date d;
  if (!absl::SimpleAtoi(s.substr(0, 4), &d.y) ||
      !absl::SimpleAtoi(s.substr(5, 2), &d.m) ||
      !absl::SimpleAtoi(s.substr(8, 2), &d.d) || d.m < 1 || d.m > 12 ||
      d.d < 1 || d.d > 31) {
    return std::nullopt;
  }
  return d;
}

std::string Year(int y) { return std::to_string(y); }
std::string Month(int y, int m) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d", y, m);
  return buf;
}
std::string Day(Date d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.y, d.m, d.d);
  return buf;
}

int MonthNumber(absl::string_view w) {
  static constexpr absl::string_view kMonths[] = {"jan", "feb", "mar", "apr",
                                                  "may", "jun", "jul", "aug",
                                                  "sep", "oct", "nov", "dec"};
  if (w.size() < 3) return 0;
  std::string l = absl::AsciiStrToLower(w);
  if (l.back() == '.') l.pop_back();
  static constexpr absl::string_view kFull[] = {
      "january", "february", "march",     "april",   "may",      "june",
      "july",    "august",   "september", "october", "november", "december"};
  for (int i = 0; i < 12; ++i) {
    if (l == kFull[i] || l == kMonths[i] || (i == 8 && l == "sept")) {
      return i + 1;
    }
  }
  return 0;
}

// 0 = Monday .. 6 = Sunday; -1 when not a weekday.
int WeekdayNumber(absl::string_view w) {
  static constexpr absl::string_view kDays[] = {
      "monday", "tuesday",  "wednesday", "thursday",
      "friday", "saturday", "sunday"};
  for (int i = 0; i < 7; ++i) {
    if (EqualsLower(w, kDays[i])) return i;
  }
  return -1;
}

int WeekdayOf(int64_t days) {  // 1970-01-01 was a Thursday
  return static_cast<int>(((days % 7) + 7 + 3) % 7);
}

std::optional<int> YearWord(absl::string_view w) {
  int y;
  if (w.size() == 4 && absl::SimpleAtoi(w, &y) && y >= 1800 && y <= 2100) {
    return y;
  }
  return std::nullopt;
}

std::optional<int> SmallCount(absl::string_view w) {
  int n;
  if (absl::SimpleAtoi(w, &n) && n > 0 && n < 200) return n;
  static constexpr absl::string_view kWords[] = {
      "a",   "one",   "two",   "three", "four", "five",
      "six", "seven", "eight", "nine",  "ten"};
  for (int i = 0; i < 11; ++i) {
    if (EqualsLower(w, kWords[i])) return i == 0 ? 1 : i;
  }
  return std::nullopt;
}

}  // namespace

std::string ResolveTime(absl::string_view time,
                        absl::string_view article_date) {
  std::vector<absl::string_view> words =
      absl::StrSplit(time, absl::ByAnyChar(" ,"), absl::SkipEmpty());
  if (words.empty() || words.size() > 6) return "";
  // Explicit: "in 2019", "by 2035", "June 2019", "March 3, 2020".
  std::optional<int> year;
  int month = 0;
  int day = 0;
  for (absl::string_view w : words) {
    if (auto y = YearWord(w)) year = y;
    if (int m = MonthNumber(w);
        m > 0 && w.size() >= 3 && absl::ascii_isupper(w[0])) {
      month = m;
    }
    int d;
    if (month > 0 && day == 0 && absl::SimpleAtoi(w, &d) && d >= 1 && d <= 31) {
      day = d;
    }
  }
  if (year && month > 0 && day > 0) return Day({*year, month, day});
  if (year && month > 0) return Month(*year, month);
  if (year) return Year(*year);
  const std::optional<Date> base = ParseDate(article_date);
  if (!base) return "";
  const int64_t today = DaysFromCivil(*base);
  if (month > 0) {  // "in March": the nearest March
    int y = base->y;
    const int delta = month - base->m;
    if (delta > 6) --y;
    if (delta < -6) ++y;
    return day > 0 ? Day({y, month, day}) : Month(y, month);
  }
  const absl::string_view last = words.back();
  const absl::string_view first = words.front();
  if (EqualsLower(last, "yesterday")) return Day(CivilFromDays(today - 1));
  if (EqualsLower(last, "today") || EqualsLower(last, "tonight")) {
    return Day(*base);
  }
  if (EqualsLower(last, "tomorrow")) return Day(CivilFromDays(today + 1));
  if (int wd = WeekdayNumber(last); wd >= 0) {
    int back = (WeekdayOf(today) - wd + 7) % 7;
    if (EqualsLower(first, "last") && back == 0) back = 7;
    int64_t when = today - back;
    if (EqualsLower(first, "next")) {
      const int ahead = (wd - WeekdayOf(today) + 7) % 7;
      when = today + (ahead == 0 ? 7 : ahead);
    }
    return Day(CivilFromDays(when));
  }
  int offset = 0;
  if (EqualsLower(first, "last") || EqualsLower(first, "past") ||
      EqualsLower(first, "previous")) {
    offset = -1;
  } else if (EqualsLower(first, "next") || EqualsLower(first, "coming")) {
    offset = 1;
  } else if (!EqualsLower(first, "this")) {
    offset = 0;
    // "two years ago", "three months ago"
    if (words.size() >= 3 && EqualsLower(last, "ago")) {
      std::optional<int> n = SmallCount(words[words.size() - 3]);
      absl::string_view unit = words[words.size() - 2];
      if (!n) return "";
      if (EqualsLower(unit, "years") || EqualsLower(unit, "year")) {
        return Year(base->y - *n);
      }
      if (EqualsLower(unit, "months") || EqualsLower(unit, "month")) {
        const int total = base->y * 12 + (base->m - 1) - *n;
        return Month(total / 12, total % 12 + 1);
      }
      if (EqualsLower(unit, "days") || EqualsLower(unit, "day")) {
        return Day(CivilFromDays(today - *n));
      }
      if (EqualsLower(unit, "weeks") || EqualsLower(unit, "week")) {
        return Day(CivilFromDays(today - 7 * *n));
      }
    }
    return "";
  }
  if (words.size() != 2) return "";
  if (EqualsLower(last, "year")) return Year(base->y + offset);
  if (EqualsLower(last, "month")) {
    const int total = base->y * 12 + (base->m - 1) + offset;
    return Month(total / 12, total % 12 + 1);
  }
  if (EqualsLower(last, "week")) {  // the Monday of that week
    return Day(CivilFromDays(today - WeekdayOf(today) + 7 * offset));
  }
  return "";
}

}  // namespace claimcheck::extract
