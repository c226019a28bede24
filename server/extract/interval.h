// The interval of values a quantity claim states (moved here from verify so
// the store's memory index can keep each claim's interval: store depends on
// extract, not on verify).
#ifndef CLAIMCHECK_SERVER_EXTRACT_INTERVAL_H_
#define CLAIMCHECK_SERVER_EXTRACT_INTERVAL_H_

#include "server/extract/types.h"

namespace claimcheck::extract {

// The interval a claim maps to. Exact: [v, v]. About: [v*(1-t), v*(1+t)] with
// t = kAboutTolerance. Lower bound: [v, +inf). Upper bound: (-inf, v] (or
// [0, v] for counts). Range: [low, high]. Vague "thousands": [1000, 1e6).
struct Interval {
  double low = 0;
  double high = 0;
};
inline constexpr double kAboutTolerance = 0.1;
Interval ToInterval(const Quantity& q);

// ToInterval converted to the canonical SI unit when the claim's unit_key is
// a unit of measure (km and miles compare as metres); otherwise ToInterval.
// Scale words are already applied by the extractor (1.5 million = 1500000).
Interval ComparableInterval(const Quantity& q);

}  // namespace claimcheck::extract

#endif  // CLAIMCHECK_SERVER_EXTRACT_INTERVAL_H_
