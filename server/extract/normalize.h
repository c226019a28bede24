// Normalisation of quote text for matching across articles.
//
// Two renderings of the same words ("It's  “very good,”" and "its very good")
// normalise to the same string: lower case, Latin accents folded, curly and
// straight quote marks and apostrophes unified then dropped, punctuation
// removed, whitespace collapsed to single spaces. Pure; thread-safe.
#ifndef CLAIMCHECK_SERVER_EXTRACT_NORMALIZE_H_
#define CLAIMCHECK_SERVER_EXTRACT_NORMALIZE_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace claimcheck::extract {

// The normalised form of `text` (see above). Never fails; invalid UTF-8 bytes
// are dropped.
std::string NormalizeForMatch(absl::string_view text);

// The words of NormalizeForMatch(text), in order.
std::vector<std::string> MatchTokens(absl::string_view text);

// A stable 64-bit hash (FNV-1a) of NormalizeForMatch(text). Stable across
// builds and platforms: it is stored on disk.
uint64_t MatchHash(absl::string_view text);

// Canonical key for a speaker name: lower case, accents folded, titles
// ("Mr.", "Dr.") and a leading "the" removed, spaces collapsed.
std::string SpeakerKey(absl::string_view name);

}  // namespace claimcheck::extract

#endif  // CLAIMCHECK_SERVER_EXTRACT_NORMALIZE_H_
