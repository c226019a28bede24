// Words written with a period that does not end a sentence: honorifics,
// ranks and titles ("Mr", "Gen", "Cmdr"), month names ("Sept"), and a few
// business and Latin shortenings ("Corp", "vs", "approx"). The one list both
// of the extractor's tokenisers (quotes and numbers) use, so they split
// sentences alike.
//
// Pure; thread-safe.
#ifndef CLAIMCHECK_SERVER_TEXT_ABBREVIATIONS_H_
#define CLAIMCHECK_SERVER_TEXT_ABBREVIATIONS_H_

#include "absl/strings/string_view.h"

namespace claimcheck::text {

// Whether `word` (without its period; case-sensitive, as written: "Gen", not
// "gen") is a listed abbreviation. Single letters and dotted forms ("U.S")
// are the caller's rule.
bool IsListedAbbreviation(absl::string_view word);

}  // namespace claimcheck::text

#endif  // CLAIMCHECK_SERVER_TEXT_ABBREVIATIONS_H_
