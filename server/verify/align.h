// Word alignment (longest common subsequence) shared by matching and diffs.
// Internal to server/verify. Pure; thread-safe.
#ifndef CLAIMCHECK_SERVER_VERIFY_ALIGN_H_
#define CLAIMCHECK_SERVER_VERIFY_ALIGN_H_

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/types/span.h"

namespace claimcheck::verify {

// Index pairs (i, j) with a[i] == b[j] forming one longest common
// subsequence, both indices increasing. The common prefix and suffix are
// matched directly; if the rest needs more than kMaxAlignCells DP cells it is
// left unmatched (a bounded-work approximation).
std::vector<std::pair<uint32_t, uint32_t>> AlignWords(
    absl::Span<const absl::string_view> a,
    absl::Span<const absl::string_view> b);

// Views of `words` (which must outlive the result).
std::vector<absl::string_view> Views(const std::vector<std::string>& words);

}  // namespace claimcheck::verify

#endif  // CLAIMCHECK_SERVER_VERIFY_ALIGN_H_
