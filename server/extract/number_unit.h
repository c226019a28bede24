// The thing a number counts: the noun phrase after it ("60 intercontinental
// ballistic missiles" -> "intercontinental ballistic missiles"), without
// leading proper adjectives ("three Iranian nuclear sites" -> "nuclear
// sites"), and its comparable key ("nuclear site"). Pure; thread-safe.
#ifndef CLAIMCHECK_SERVER_EXTRACT_NUMBER_UNIT_H_
#define CLAIMCHECK_SERVER_EXTRACT_NUMBER_UNIT_H_

#include <cstddef>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "server/extract/number_tokens.h"

namespace claimcheck::extract {

struct CountedThing {
  size_t unit_begin = 0;  // tokens of the unit, [unit_begin, unit_end)
  size_t unit_end = 0;
  size_t end = 0;  // one past the last token the claim's surface covers
  bool empty() const { return unit_end <= unit_begin; }
};

// Reads the counted thing starting at token `i` (right after the number),
// not past `limit`. With `after_of`, a leading "of" is read first
// ("thousands of demonstrators"). Stops at prepositions, verbs, time words,
// punctuation and after a plural head noun. Unless `singular_ok` (the
// number is one or a fraction), words without a plural head are not taken.
// When there is none, the result is empty with end == i.
CountedThing ReadCountedThing(const std::vector<NumToken>& toks, size_t i,
                              size_t limit, bool after_of, bool singular_ok);

// Lower case with the last word singularised: "Ballistic Missiles" ->
// "ballistic missile". Units of measure get their symbol, so that spellings
// compare equal: "kilometres" and "km" -> "km", "miles" -> "mi",
// "kilometers per hour" and "km / h" -> "km/h", "square meters" -> "m2",
// "pounds" -> "lb", "tonnes" -> "t". Durations keep their word ("hour").
std::string UnitKey(absl::string_view unit);

// CanonicalUnit and ComparableUnitKeys are declared in numbers.h.

}  // namespace claimcheck::extract

#endif  // CLAIMCHECK_SERVER_EXTRACT_NUMBER_UNIT_H_
