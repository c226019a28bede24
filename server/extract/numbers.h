// Finds numeric claims: values or ranges, their qualifiers, what they count,
// their subject, time and asserter. Pure; thread-safe. Spans are byte offsets
// into `text`.
#ifndef CLAIMCHECK_SERVER_EXTRACT_NUMBERS_H_
#define CLAIMCHECK_SERVER_EXTRACT_NUMBERS_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "server/extract/types.h"

namespace claimcheck::extract {

// Numeric claims in document order. `quotes` (from ExtractQuotes on the same
// text) sets Quantity::quote_index for claims inside a quote. Years, dates,
// ordinals and identifiers are not claims. Any bytes are tolerated.
std::vector<Quantity> ExtractQuantities(absl::string_view text,
                                        const std::vector<Quote>& quotes);

// Comparable key for a counted thing as a user or an article writes it:
// lower case, spaces collapsed, head noun singular ("Ballistic Missiles" ->
// "ballistic missile"). The same function fills Quantity::unit_key.
std::string UnitKey(absl::string_view counted);

}  // namespace claimcheck::extract

#endif  // CLAIMCHECK_SERVER_EXTRACT_NUMBERS_H_
