// Small helpers shared by the verify sources. Internal to server/verify.
#ifndef CLAIMCHECK_SERVER_VERIFY_INTERNAL_H_
#define CLAIMCHECK_SERVER_VERIFY_INTERNAL_H_

#include <cstddef>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "server/verify/verify.h"

namespace claimcheck::verify::internal {

// True if candidate `a` (at index ia) sorts before `b`: dated before undated,
// then by date, then by index.
bool Earlier(absl::Span<const QuoteOccurrence> c, size_t ia, size_t ib);

// Sorts candidate indices earliest first (see Earlier).
void SortEarliestFirst(absl::Span<const QuoteOccurrence> c,
                       std::vector<size_t>* indices);

// "The Washington Times, 2026-02-08"; either part may be missing;
// "an unnamed source" when both are.
std::string SourceLabel(const QuoteOccurrence& o);

// An outlet name, or "an unnamed source".
std::string OutletLabel(absl::string_view outlet);

}  // namespace claimcheck::verify::internal

#endif  // CLAIMCHECK_SERVER_VERIFY_INTERNAL_H_
