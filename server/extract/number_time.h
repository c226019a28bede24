// Resolves the time phrase of a numeric claim ("last year", "in March",
// "on Tuesday", "two years ago", "by 2035") against the article's
// publication date. Pure; thread-safe.
#ifndef CLAIMCHECK_SERVER_EXTRACT_NUMBER_TIME_H_
#define CLAIMCHECK_SERVER_EXTRACT_NUMBER_TIME_H_

#include <string>

#include "absl/strings/string_view.h"

namespace claimcheck::extract {

// `time` as Quantity::time holds it; `article_date` is "YYYY-MM-DD" (or
// empty). Returns "YYYY", "YYYY-MM" or "YYYY-MM-DD", or "" when the phrase
// names no time this understands, or needs a date that was not given.
// Rules: a month without a year is the nearest such month (within six
// months either way); a weekday is the latest one on or before the article
// date (news reports the past); "last/this/next" year, month, week (the
// Monday of that week); yesterday, today, tomorrow; "N years/months ago".
// Explicit years resolve without a date ("by 2035" -> "2035").
std::string ResolveTime(absl::string_view time, absl::string_view article_date);

}  // namespace claimcheck::extract

#endif  // CLAIMCHECK_SERVER_EXTRACT_NUMBER_TIME_H_
