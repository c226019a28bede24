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

QuantityPairs CompareQuantityKeys(absl::Span<const QuantityKey> keys_in,
                                  const std::function<bool()>& cancelled) {
  QuantityPairs report;
  const size_t n = keys_in.size();
  // Stated observations grouped by identical interval: pairs within a group
  // are consistent, pairs across two groups share their groups' verdict.
  constexpr int kUnstated = -1;
  std::vector<int> group_of(n, kUnstated);
  std::vector<GroupKey> keys;  // per group
  std::vector<int64_t> group_size;
  {
    // Keyed by kind and change role too: only SameKindOfQuantity compares.
    std::map<std::tuple<int, bool, double, double>, int> by_interval;
    for (size_t i = 0; i < n; ++i) {
      const QuantityKey& k = keys_in[i];
      if (!k.stated) continue;
      const Interval& iv = k.interval;
      const int next = static_cast<int>(keys.size());
      int at = next;
      if (!std::isnan(iv.low) && !std::isnan(iv.high)) {  // NaN: own group
        at =
            by_interval.try_emplace({k.kind, k.is_delta, iv.low, iv.high}, next)
                .first->second;
      }
      if (at == next) {
        // What a pair of groups compares, packed: the g^2 loop below reads
        // these (g is up to ~1,000).
        keys.push_back({iv, k.kind, k.is_delta});
        group_size.push_back(0);
      }
      group_of[i] = at;
      ++group_size[at];
    }
  }
  for (int64_t s : group_size) report.stated += static_cast<size_t>(s);
  const size_t g = keys.size();
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
  // The first pairs, in observation order; stops once enough are listed.
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
      report.conflicts.emplace_back(i, j);
    }
  }
  return report;
}

std::string QuantityConflictLine(const QuantityObservation& a,
                                 const QuantityObservation& b) {
  return absl::StrCat(internal::OutletLabel(a.outlet), " (",
                      Describe(*a.quantity, ComparableInterval(*a.quantity)),
                      ") vs ", internal::OutletLabel(b.outlet), " (",
                      Describe(*b.quantity, ComparableInterval(*b.quantity)),
                      "): disjoint");
}

std::string QuantitySummary(const QuantityPairs& pairs,
                            absl::Span<const std::string> conflicts) {
  if (pairs.stated < 2) {
    return pairs.stated == 0 ? "No quantities to compare"
                             : "Only one source states the quantity";
  }
  if (pairs.agreement == Agreement::kConsistent) {
    return absl::StrCat("All ", pairs.stated, " sources agree");
  }
  if (pairs.agreement == Agreement::kCompatible) {
    return absl::StrCat("The ", pairs.stated,
                        " sources are compatible: their ranges overlap");
  }
  return absl::StrCat(pairs.conflict_count, " conflicting pair",
                      pairs.conflict_count == 1 ? "" : "s", ": ",
                      conflicts.front());
}

QuantityReport QuantityConsistency(
    absl::Span<const QuantityObservation> observations,
    const std::function<bool()>& cancelled) {
  QuantityReport report;
  const size_t n = observations.size();
  report.intervals.reserve(n);
  std::vector<QuantityKey> keys(n);
  for (size_t i = 0; i < n; ++i) {
    const extract::Quantity* q = observations[i].quantity;
    report.intervals.push_back(q != nullptr ? ComparableInterval(*q)
                                            : Interval{-kInf, kInf});
    if (q == nullptr) {
      keys[i].stated = false;
    } else {
      keys[i] = {report.intervals[i], static_cast<int>(q->kind), q->is_delta,
                 true};
    }
  }
  const QuantityPairs pairs = CompareQuantityKeys(keys, cancelled);
  if (cancelled && cancelled()) return report;  // incomplete: discarded
  report.agreement = pairs.agreement;
  report.conflict_count = pairs.conflict_count;
  for (const auto& [i, j] : pairs.conflicts) {
    report.conflicts.push_back(
        QuantityConflictLine(observations[i], observations[j]));
  }
  report.summary = QuantitySummary(pairs, report.conflicts);
  return report;
}

}  // namespace claimcheck::verify
