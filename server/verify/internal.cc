#include "server/verify/internal.h"

#include <algorithm>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"

namespace claimcheck::verify::internal {

bool Earlier(absl::Span<const QuoteOccurrence> c, size_t ia, size_t ib) {
  const absl::string_view da = c[ia].date, db = c[ib].date;
  if (da.empty() != db.empty()) return !da.empty();
  if (da != db) return da < db;
  return ia < ib;
}

void SortEarliestFirst(absl::Span<const QuoteOccurrence> c,
                       std::vector<size_t>* indices) {
  std::sort(indices->begin(), indices->end(),
            [c](size_t a, size_t b) { return Earlier(c, a, b); });
}

std::string SourceLabel(const QuoteOccurrence& o) {
  if (o.outlet.empty() && o.date.empty()) return "an unnamed source";
  if (o.outlet.empty()) return std::string(o.date);
  if (o.date.empty()) return std::string(o.outlet);
  return absl::StrCat(o.outlet, ", ", o.date);
}

std::string OutletLabel(absl::string_view outlet) {
  return outlet.empty() ? "an unnamed source" : std::string(outlet);
}

}  // namespace claimcheck::verify::internal
