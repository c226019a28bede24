// Claim intervals: what range of values a quantity claim states.
#include "server/extract/interval.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "server/extract/numbers.h"

namespace claimcheck::extract {
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

bool InferVague(const Quantity& q, Interval* out) {
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

}  // namespace

Interval ToInterval(const Quantity& q) {
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

Interval ComparableInterval(const Quantity& q) {
  Interval iv = ToInterval(q);
  std::string canonical;
  double factor = 1;
  if (extract::CanonicalUnit(q.unit_key, &canonical, &factor) && factor > 0) {
    iv.low *= factor;
    iv.high *= factor;
  }
  return iv;
}

}  // namespace claimcheck::extract
