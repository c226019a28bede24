// Numeric claims across sources: intervals and their agreement.
#include "server/extract/numbers.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "server/extract/numbers.h"
#include "server/extract/types.h"
#include "server/verify/internal.h"
#include "server/verify/verify.h"

namespace claimcheck::verify {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

// Vague magnitudes ("thousands of"), most specific first. Each covers the
// order of magnitude the word names, up to the next scale word.
struct VagueScale {
  absl::string_view words;
  double low;
  double high;
};
constexpr VagueScale kVagueScales[] = {
    {"hundreds of thousands", 1e5, 1e6},
    {"tens of thousands", 1e4, 1e5},
    {"hundreds of millions", 1e8, 1e9},
    {"tens of millions", 1e7, 1e8},
    {"hundreds of billions", 1e11, 1e12},
    {"tens of billions", 1e10, 1e11},
    {"thousands", 1e3, 1e6},
    {"millions", 1e6, 1e9},
    {"billions", 1e9, 1e12},
    {"trillions", 1e12, 1e15},
    {"hundreds", 100, 1e3},
    {"dozens", 24, 144},
};

bool InferVague(const extract::Quantity& q, Interval* out) {
  const std::string words = absl::AsciiStrToLower(
      absl::StrCat(q.qualifier, " ", q.surface, " ", q.unit));
  for (const VagueScale& s : kVagueScales) {
    if (absl::StrContains(words, s.words)) {
      *out = {s.low, s.high};
      return true;
    }
  }
  return false;
}

bool NearlyEqual(double a, double b) {
  if (a == b) return true;  // includes equal infinities
  if (!std::isfinite(a) || !std::isfinite(b)) return false;
  return std::fabs(a - b) <= 1e-9 * std::max(std::fabs(a), std::fabs(b));
}

// "1,000", "3.5", "inf".
std::string FormatNumber(double v) {
  if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
  if (std::isnan(v)) return "?";
  char buf[64];
  if (std::fabs(v) < 1e15 && v == std::floor(v)) {
    std::snprintf(buf, sizeof(buf), "%.0f", std::fabs(v));
    std::string digits = buf, out = v < 0 ? "-" : "";
    for (size_t i = 0; i < digits.size(); ++i) {
      if (i > 0 && (digits.size() - i) % 3 == 0) out.push_back(',');
      out.push_back(digits[i]);
    }
    return out;
  }
  std::snprintf(buf, sizeof(buf), "%.6g", v);
  return buf;
}

// How a quantity reads in a conflict line: "1,000-3,000", "about 2,000".
std::string Describe(const extract::Quantity& q, const Interval& iv) {
  if (q.approx == extract::Approx::kRange) {
    return absl::StrCat(FormatNumber(iv.low), "-", FormatNumber(iv.high));
  }
  if (q.approx == extract::Approx::kVague && !q.surface.empty()) {
    return q.surface;
  }
  std::optional<double> v = q.value;
  if (!v) v = q.low ? q.low : q.high;
  if (!v) return q.surface.empty() ? "unknown" : q.surface;
  return q.qualifier.empty() ? FormatNumber(*v)
                             : absl::StrCat(q.qualifier, " ", FormatNumber(*v));
}

}  // namespace

Interval ToInterval(const extract::Quantity& q) {
  using extract::Approx;
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double v = q.value ? *q.value : q.low ? *q.low : q.high ? *q.high : nan;
  Interval iv{-kInf, kInf};  // nothing stated: compatible with anything
  switch (q.approx) {
    case Approx::kExact:
      if (q.value) {
        iv = {*q.value, *q.value};
      } else if (q.low || q.high) {
        iv = {q.low.value_or(v), q.high.value_or(v)};
      }
      break;
    case Approx::kAbout:
      if (!std::isnan(v)) {
        const double a = v * (1 - kAboutTolerance);
        const double b = v * (1 + kAboutTolerance);
        iv = {std::min(a, b), std::max(a, b)};
      }
      break;
    case Approx::kLowerBound: {
      const double lo = q.value ? *q.value : q.low.value_or(nan);
      if (!std::isnan(lo)) iv = {lo, q.high.value_or(kInf)};
      break;
    }
    case Approx::kUpperBound: {
      const double hi = q.value ? *q.value : q.high.value_or(nan);
      if (!std::isnan(hi)) {
        iv = {q.low.value_or(hi >= 0 ? 0 : -kInf), hi};  // counts start at 0
      }
      break;
    }
    case Approx::kRange:
      if (q.low && q.high) {
        iv = {*q.low, *q.high};
      } else if (q.low) {
        iv = {*q.low, q.value.value_or(kInf)};
      } else if (q.high) {
        iv = {q.value.value_or(0), *q.high};
      } else if (q.value) {
        iv = {*q.value, *q.value};
      }
      break;
    case Approx::kVague:
      if (q.low && q.high) {
        iv = {*q.low, *q.high};
      } else if (!InferVague(q, &iv)) {
        iv = {std::isnan(v) ? 0 : v, q.high.value_or(kInf)};
      }
      break;
  }
  if (iv.low > iv.high) std::swap(iv.low, iv.high);
  return iv;
}

namespace {

Agreement CompareIntervals(const Interval& a, const Interval& b) {
  if (NearlyEqual(a.low, b.low) && NearlyEqual(a.high, b.high)) {
    return Agreement::kConsistent;
  }
  if (std::max(a.low, b.low) <= std::min(a.high, b.high)) {
    return Agreement::kCompatible;
  }
  return Agreement::kConflicting;
}

// Higher is worse: CONSISTENT < COMPATIBLE < CONFLICTING.
int Severity(Agreement a) {
  switch (a) {
    case Agreement::kConsistent:
      return 0;
    case Agreement::kCompatible:
      return 1;
    default:
      return 2;
  }
}

// A group of observations with one interval, as the pair loop of
// QuantityConsistency compares it.
struct GroupKey {
  Interval interval;
  int kind = 0;  // extract::QuantityKind
  bool is_delta = false;
};

// CompareQuantities of two groups' quantities: SameKindOfQuantity, then
// CompareIntervals.
Agreement CompareGroups(const GroupKey& a, const GroupKey& b) {
  constexpr int kUnknown = static_cast<int>(extract::QuantityKind::kUnknown);
  const bool same_kind =
      (a.kind == b.kind || a.kind == kUnknown || b.kind == kUnknown) &&
      a.is_delta == b.is_delta;
  return same_kind ? CompareIntervals(a.interval, b.interval)
                   : Agreement::kCompatible;
}

}  // namespace

Interval ComparableInterval(const extract::Quantity& q) {
  Interval iv = ToInterval(q);
  std::string canonical;
  double factor = 1;
  if (extract::CanonicalUnit(q.unit_key, &canonical, &factor) && factor > 0) {
    iv.low *= factor;
    iv.high *= factor;
  }
  return iv;
}

bool SameKindOfQuantity(const extract::Quantity& a,
                        const extract::Quantity& b) {
  const bool kinds = a.kind == b.kind ||
                     a.kind == extract::QuantityKind::kUnknown ||
                     b.kind == extract::QuantityKind::kUnknown;
  return kinds && a.is_delta == b.is_delta;
}

Agreement CompareQuantities(const extract::Quantity& a,
                            const extract::Quantity& b) {
  if (!SameKindOfQuantity(a, b)) return Agreement::kCompatible;
  return CompareIntervals(ComparableInterval(a), ComparableInterval(b));
}

QuantityReport QuantityConsistency(
    absl::Span<const QuantityObservation> observations,
    const std::function<bool()>& cancelled) {
  QuantityReport report;
  const size_t n = observations.size();
  report.intervals.reserve(n);
  for (const QuantityObservation& o : observations) {
    report.intervals.push_back(o.quantity != nullptr
                                   ? ComparableInterval(*o.quantity)
                                   : Interval{-kInf, kInf});
  }
  // Stated observations grouped by identical interval: pairs within a group
  // are consistent, pairs across two groups share their groups' verdict.
  constexpr int kUnstated = -1;
  std::vector<int> group_of(n, kUnstated);
  std::vector<Interval> groups;
  std::vector<const extract::Quantity*> group_first;  // kind of each group
  std::vector<int64_t> group_size;
  {
    // Keyed by kind and change role too: only SameKindOfQuantity compares.
    std::map<std::tuple<int, bool, double, double>, int> by_interval;
    for (size_t i = 0; i < n; ++i) {
      const extract::Quantity* q = observations[i].quantity;
      if (q == nullptr) continue;
      const Interval& iv = report.intervals[i];
      const int next = static_cast<int>(groups.size());
      int at = next;
      if (!std::isnan(iv.low) && !std::isnan(iv.high)) {  // NaN: own group
        at = by_interval
                 .try_emplace(
                     {static_cast<int>(q->kind), q->is_delta, iv.low, iv.high},
                     next)
                 .first->second;
      }
      if (at == next) {
        groups.push_back(iv);
        group_first.push_back(q);
        group_size.push_back(0);
      }
      group_of[i] = at;
      ++group_size[at];
    }
  }
  size_t stated = 0;
  for (int64_t s : group_size) stated += static_cast<size_t>(s);
  // What a pair of groups compares, packed: the g^2 loop below reads these
  // instead of chasing each group's Quantity (g is up to ~1,000).
  const size_t g = groups.size();
  std::vector<GroupKey> keys(g);
  for (size_t a = 0; a < g; ++a) {
    keys[a] = {groups[a], static_cast<int>(group_first[a]->kind),
               group_first[a]->is_delta};
  }
  for (size_t a = 0; a < g; ++a) {
    if (a % 64 == 0 && cancelled && cancelled()) return report;
    for (size_t b = a + 1; b < g; ++b) {
      const Agreement ag = CompareGroups(keys[a], keys[b]);
      if (Severity(ag) > Severity(report.agreement)) report.agreement = ag;
      if (ag == Agreement::kConflicting) {
        report.conflict_count += group_size[a] * group_size[b];
      }
    }
  }
  // The first lines, in observation order; stops once enough are listed.
  for (size_t i = 0;
       i < n && report.conflicts.size() < kMaxListedConflicts &&
       static_cast<int64_t>(report.conflicts.size()) < report.conflict_count;
       ++i) {
    if (group_of[i] == kUnstated) continue;
    if (i % 64 == 0 && cancelled && cancelled()) return report;
    for (size_t j = i + 1;
         j < n && report.conflicts.size() < kMaxListedConflicts; ++j) {
      if (group_of[j] == kUnstated ||
          CompareGroups(keys[group_of[i]], keys[group_of[j]]) !=
              Agreement::kConflicting) {
        continue;
      }
      report.conflicts.push_back(absl::StrCat(
          internal::OutletLabel(observations[i].outlet), " (",
          Describe(*observations[i].quantity, report.intervals[i]), ") vs ",
          internal::OutletLabel(observations[j].outlet), " (",
          Describe(*observations[j].quantity, report.intervals[j]),
          "): disjoint"));
    }
  }
  if (stated < 2) {
    report.summary = stated == 0 ? "No quantities to compare"
                                 : "Only one source states the quantity";
  } else if (report.agreement == Agreement::kConsistent) {
    report.summary = absl::StrCat("All ", stated, " sources agree");
  } else if (report.agreement == Agreement::kCompatible) {
    report.summary = absl::StrCat(
        "The ", stated, " sources are compatible: their ranges overlap");
  } else {
    report.summary = absl::StrCat(report.conflict_count, " conflicting pair",
                                  report.conflict_count == 1 ? "" : "s", ": ",
                                  report.conflicts.front());
  }
  return report;
}

}  // namespace claimcheck::verify
