// Finds numeric claims: values or ranges, their qualifiers, what they count,
// their subject, time and asserter. Pure; thread-safe. Spans are byte offsets
// into `text`.
#ifndef CLAIMCHECK_SERVER_EXTRACT_NUMBERS_H_
#define CLAIMCHECK_SERVER_EXTRACT_NUMBERS_H_

#include <functional>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "server/extract/types.h"

namespace claimcheck::extract {

// Numeric claims in document order. `quotes` (from ExtractQuotes on the same
// text) sets Quantity::quote_index for claims inside a quote. Years, dates,
// ordinals and identifiers are not claims. Any bytes are tolerated.
// At most MaxItems(text.size()) claims (work_budget.h). `cancelled` (may be
// empty) is polled; once it fires the result is incomplete and the caller
// must drop it.
std::vector<Quantity> ExtractQuantities(
    absl::string_view text, const std::vector<Quote>& quotes,
    const std::function<bool()>& cancelled = {});

// Fills Quantity::time_resolved of each quantity from its `time` and the
// article's publication date "YYYY-MM-DD" (see number_time.h); leaves it
// empty where the time cannot be resolved.
void ResolveTimes(absl::string_view article_date,
                  std::vector<Quantity>* quantities);

// Lower-case names of the enums, as the offline extractor's JSON writes
// them: "count", "money", ...; "none", "up", "down".
absl::string_view QuantityKindName(QuantityKind kind);
absl::string_view ChangeName(ChangeDirection change);

// Comparable key for a counted thing as a user or an article writes it:
// lower case, spaces collapsed, head noun singular ("Ballistic Missiles" ->
// "ballistic missile"). The same function fills Quantity::unit_key.
std::string UnitKey(absl::string_view counted);

// For a unit of measure, the SI unit it converts to and the factor
// (value_in_canonical = value * factor): "km" -> ("m", 1000), "mi" ->
// ("m", 1609.344). False for counts, money, percentages and unknown keys.
bool CanonicalUnit(absl::string_view unit_key, std::string* canonical,
                   double* factor);

// Every unit key comparable with `unit_key`: all keys of the same measure
// ("km" -> "m", "km", "mi", "ft", ...), or just `unit_key` itself for counts,
// money and percentages. The key itself comes first.
std::vector<std::string> ComparableUnitKeys(absl::string_view unit_key);

}  // namespace claimcheck::extract

#endif  // CLAIMCHECK_SERVER_EXTRACT_NUMBERS_H_
