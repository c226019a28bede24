// Edit distance of short strings (names, surnames), the one home for it:
// the extractor's misspelt-surname check, the store's speaker-name index and
// the verifier's speaker identity all use this, so their notions of "spelt
// within N edits" cannot drift apart.
//
// Pure; thread-safe.
#ifndef CLAIMCHECK_SERVER_TEXT_EDIT_DISTANCE_H_
#define CLAIMCHECK_SERVER_TEXT_EDIT_DISTANCE_H_

#include "absl/strings/string_view.h"

namespace claimcheck::text {

// Optimal-string-alignment distance between `a` and `b` (insertions,
// deletions, substitutions and swaps of two neighbouring bytes each count
// 1), compared byte for byte, case-sensitively. Returns `cap` + 1 as soon as
// the distance must exceed `cap` (cap >= 0), so the cost is
// O(|a| * |b|) at worst and far less for distant strings. Allocation-free
// when |b| <= 64.
int BoundedEditDistance(absl::string_view a, absl::string_view b, int cap);

}  // namespace claimcheck::text

#endif  // CLAIMCHECK_SERVER_TEXT_EDIT_DISTANCE_H_
