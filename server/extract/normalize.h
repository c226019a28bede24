// Normalisation of quote text for matching across articles.
//
// Two renderings of the same words ("It's  “very good,”" and "its very good")
// normalise to the same string: lower case, Latin accents folded, curly and
// straight quote marks and apostrophes unified then dropped, punctuation
// removed, whitespace collapsed to single spaces. Pure; thread-safe.
//
// Details: apostrophes (' ’ ‘ ʼ) join ("it’s" -> "its"); hyphens, dashes and
// other punctuation separate words ("well-known" -> "well known"). Inside a
// number a comma is dropped and a point kept ("1,000" -> "1000", "3.5" ->
// "3.5"). Accents of Latin-1 and Latin Extended-A letters are folded to
// ASCII ("Ñ" -> "n", "ß" -> "ss", "Ł" -> "l"); combining marks are dropped;
// other scripts are kept as they are (not case-folded).
#ifndef CLAIMCHECK_SERVER_EXTRACT_NORMALIZE_H_
#define CLAIMCHECK_SERVER_EXTRACT_NORMALIZE_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "server/extract/types.h"

namespace claimcheck::extract {

// The normalised form of `text` (see above). Never fails; invalid UTF-8 bytes
// are dropped.
std::string NormalizeForMatch(absl::string_view text);

// The words of NormalizeForMatch(text), in order.
std::vector<std::string> MatchTokens(absl::string_view text);

// One word of NormalizeForMatch(text) and where it came from.
struct MatchToken {
  std::string text;  // the normalised word
  Span source;       // bytes of the original `text`, first to last byte that
                     // contributed to the word (surrounding marks excluded)
};

// The words of NormalizeForMatch(text) with their source byte spans, in order.
// The same words as MatchTokens(text).
std::vector<MatchToken> MatchTokensWithSpans(absl::string_view text);

// A stable 64-bit hash (FNV-1a) of NormalizeForMatch(text). Stable across
// builds and platforms: it is stored on disk.
uint64_t MatchHash(absl::string_view text);

// Canonical key for a speaker name: lower case, accents folded, titles
// ("Mr.", "Dr.") and a leading "the" removed, spaces collapsed.
std::string SpeakerKey(absl::string_view name);

// Words that open a description of an unnamed source: "a", "an", "the",
// "another", "some", "many", "other", "several", "most", "both", "one",
// "two", "three" (ASCII case-insensitive).
bool IsDescriptionDeterminer(absl::string_view word);

// Whether a speaker is a description of an unnamed source ("a friend", "the
// official", "many residents") rather than a name: the extractor writes
// those as written with a lower-case determiner first (see
// DescriptionSpeaker in speaker_resolve.h). An unnamed source neither
// confirms nor contradicts a named one.
bool IsUnnamedSpeaker(absl::string_view speaker);

}  // namespace claimcheck::extract

#endif  // CLAIMCHECK_SERVER_EXTRACT_NORMALIZE_H_
