// AttributionConflicts and NumericConflicts: see conflicts.h.
#include "server/verify/conflicts.h"

#include <algorithm>
#include <cmath>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "server/verify/internal.h"

namespace claimcheck::verify {
namespace {

using internal::OutletLabel;

bool SameOccurrenceSpeaker(const QuoteOccurrence& a, const QuoteOccurrence& b) {
  if (!a.speaker_id.empty() && a.speaker_id == b.speaker_id) return true;
  return SameSpeaker(a.speaker, b.speaker);
}

// Date order with undated last, then index (as internal::Earlier).
bool EarlierDate(absl::string_view da, size_t ia, absl::string_view db,
                 size_t ib) {
  if (da.empty() != db.empty()) return !da.empty();
  if (da != db) return da < db;
  return ia < ib;
}

std::string Lower(absl::string_view s) {
  return absl::AsciiStrToLower(absl::StripAsciiWhitespace(s));
}

bool NearlyEqual(double a, double b) {
  if (std::isinf(a) || std::isinf(b)) return a == b;
  return std::fabs(a - b) <= 1e-9 * std::max({1.0, std::fabs(a), std::fabs(b)});
}

}  // namespace

std::vector<ConflictPair> AttributionConflicts(
    absl::Span<const QuoteOccurrence> group) {
  std::vector<size_t> order;
  for (size_t i = 0; i < group.size(); ++i) {
    if (!group[i].speaker.empty()) order.push_back(i);
  }
  internal::SortEarliestFirst(group, &order);
  // Clusters of one speaker each; members earliest first.
  std::vector<std::vector<size_t>> clusters;
  for (size_t i : order) {
    std::vector<size_t>* home = nullptr;
    for (std::vector<size_t>& cl : clusters) {
      for (size_t m : cl) {
        if (SameOccurrenceSpeaker(group[i], group[m])) {
          home = &cl;
          break;
        }
      }
      if (home != nullptr) break;
    }
    if (home == nullptr) {
      clusters.emplace_back();
      home = &clusters.back();
    }
    home->push_back(i);
  }
  std::vector<ConflictPair> out;
  for (size_t x = 0; x < clusters.size(); ++x) {
    for (size_t y = x + 1; y < clusters.size(); ++y) {
      ConflictPair p;
      p.a = clusters[x].front();
      p.b = clusters[y].front();
      p.count_a = static_cast<int>(clusters[x].size());
      p.count_b = static_cast<int>(clusters[y].size());
      if (internal::Earlier(group, p.b, p.a)) {
        std::swap(p.a, p.b);
        std::swap(p.count_a, p.count_b);
      }
      p.summary =
          absl::StrCat(OutletLabel(group[p.a].outlet), " attributes it to ",
                       group[p.a].speaker, "; ", OutletLabel(group[p.b].outlet),
                       " to ", group[p.b].speaker);
      out.push_back(std::move(p));
    }
  }
  return out;
}

bool IsGenericUnitKey(absl::string_view unit_key) {
  static constexpr absl::string_view kGeneric[] = {
      "percent",   "percentage point",
      "usd",       "eur",
      "gbp",       "jpy",
      "cny",       "inr",
      "dollar",    "euro",
      "pound",     "people",
      "person",    "year",
      "month",     "week",
      "day",       "hour",
      "minute",    "second",
      "time",      "mile",
      "kilometer", "km",
      "metre",     "meter",
      "foot",      "",
      "number"};
  for (absl::string_view g : kGeneric) {
    if (unit_key == g) return true;
  }
  return false;
}

std::vector<ConflictPair> NumericConflicts(
    absl::Span<const ClaimOccurrence> group) {
  // Classes of claims with the same interval, subject and time; members
  // earliest first.
  struct Class {
    Interval iv;
    std::string subject, time;
    std::vector<size_t> members;
  };
  std::vector<size_t> order;
  for (size_t i = 0; i < group.size(); ++i) {
    if (group[i].quantity != nullptr) order.push_back(i);
  }
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    return EarlierDate(group[a].date, a, group[b].date, b);
  });
  std::vector<Class> classes;
  for (size_t i : order) {
    const extract::Quantity& q = *group[i].quantity;
    const Interval iv = ToInterval(q);
    const std::string subject = Lower(q.subject);
    const std::string time = Lower(q.time);
    Class* home = nullptr;
    for (Class& c : classes) {
      if (NearlyEqual(c.iv.low, iv.low) && NearlyEqual(c.iv.high, iv.high) &&
          c.subject == subject && c.time == time) {
        home = &c;
        break;
      }
    }
    if (home == nullptr) {
      classes.push_back({iv, subject, time, {}});
      home = &classes.back();
    }
    home->members.push_back(i);
  }
  std::vector<ConflictPair> out;
  for (size_t x = 0; x < classes.size(); ++x) {
    for (size_t y = x + 1; y < classes.size(); ++y) {
      const Class& cx = classes[x];
      const Class& cy = classes[y];
      const size_t a = cx.members.front();
      const size_t b = cy.members.front();
      const extract::Quantity& qa = *group[a].quantity;
      const extract::Quantity& qb = *group[b].quantity;
      if (!cx.subject.empty() && !cy.subject.empty() &&
          cx.subject != cy.subject) {
        continue;
      }
      if (!cx.time.empty() && !cy.time.empty() && cx.time != cy.time) continue;
      if (IsGenericUnitKey(qa.unit_key) &&
          (cx.subject.empty() || cx.subject != cy.subject)) {
        continue;
      }
      if (CompareQuantities(qa, qb) != Agreement::kConflicting) continue;
      // Not a disagreement between sources if everything is one article.
      bool two_articles = false;
      for (size_t m : cx.members) {
        for (size_t n : cy.members) {
          if (group[m].article_id != group[n].article_id) two_articles = true;
        }
      }
      if (!two_articles) continue;
      ConflictPair p;
      p.a = a;
      p.b = b;
      p.count_a = static_cast<int>(cx.members.size());
      p.count_b = static_cast<int>(cy.members.size());
      const QuantityObservation pair[] = {
          {&qa, group[a].outlet, group[a].date},
          {&qb, group[b].outlet, group[b].date}};
      const QuantityReport report = QuantityConsistency(pair);
      p.summary =
          report.conflicts.empty() ? report.summary : report.conflicts.front();
      out.push_back(std::move(p));
    }
  }
  return out;
}

}  // namespace claimcheck::verify
