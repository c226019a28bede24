#include "server/verify/align.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

#include "server/verify/verify.h"

namespace claimcheck::verify {

std::vector<absl::string_view> Views(const std::vector<std::string>& words) {
  return std::vector<absl::string_view>(words.begin(), words.end());
}

std::vector<std::pair<uint32_t, uint32_t>> AlignWords(
    absl::Span<const absl::string_view> a,
    absl::Span<const absl::string_view> b) {
  std::vector<std::pair<uint32_t, uint32_t>> pairs;
  size_t prefix = 0;
  while (prefix < a.size() && prefix < b.size() && a[prefix] == b[prefix]) {
    ++prefix;
  }
  size_t suffix = 0;
  while (suffix < a.size() - prefix && suffix < b.size() - prefix &&
         a[a.size() - 1 - suffix] == b[b.size() - 1 - suffix]) {
    ++suffix;
  }
  for (size_t k = 0; k < prefix; ++k) {
    pairs.emplace_back(static_cast<uint32_t>(k), static_cast<uint32_t>(k));
  }
  const size_t n = a.size() - prefix - suffix;
  const size_t m = b.size() - prefix - suffix;
  if (n > 0 && m > 0 && (n + 1) * (m + 1) <= kMaxAlignCells) {
    // dp[i][j] = LCS length of a[prefix+i..] and b[prefix+j..]. Lengths fit
    // in uint16_t: min(n, m) < 1024 under the cell cap.
    const size_t w = m + 1;
    // Reused per thread: scoring a query against many candidates would
    // otherwise allocate (and zero) a table per candidate. Only row n and
    // column m need zeroing; every other cell is written before it is read.
    thread_local std::vector<uint16_t> table;
    if (table.size() < (n + 1) * w) table.resize((n + 1) * w);
    uint16_t* const dp = table.data();
    std::fill(dp + n * w, dp + (n + 1) * w, uint16_t{0});
    for (size_t i = 0; i < n; ++i) dp[i * w + m] = 0;
    for (size_t i = n; i-- > 0;) {
      for (size_t j = m; j-- > 0;) {
        dp[i * w + j] = a[prefix + i] == b[prefix + j]
                            ? static_cast<uint16_t>(dp[(i + 1) * w + j + 1] + 1)
                            : std::max(dp[(i + 1) * w + j], dp[i * w + j + 1]);
      }
    }
    size_t i = 0, j = 0;
    while (i < n && j < m) {
      if (a[prefix + i] == b[prefix + j] &&
          dp[i * w + j] == dp[(i + 1) * w + j + 1] + 1) {
        pairs.emplace_back(static_cast<uint32_t>(prefix + i),
                           static_cast<uint32_t>(prefix + j));
        ++i;
        ++j;
      } else if (dp[(i + 1) * w + j] >= dp[i * w + j + 1]) {
        ++i;
      } else {
        ++j;
      }
    }
  }
  for (size_t k = suffix; k > 0; --k) {
    pairs.emplace_back(static_cast<uint32_t>(a.size() - k),
                       static_cast<uint32_t>(b.size() - k));
  }
  return pairs;
}

}  // namespace claimcheck::verify
