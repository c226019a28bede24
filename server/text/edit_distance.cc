#include "server/text/edit_distance.h"

#include <algorithm>
#include <cstdlib>
#include <vector>

namespace claimcheck::text {

int BoundedEditDistance(absl::string_view a, absl::string_view b, int cap) {
  const int n = static_cast<int>(a.size());
  const int m = static_cast<int>(b.size());
  if (std::abs(n - m) > cap) return cap + 1;
  // Three rows (the swap looks two back); on the stack when they fit.
  constexpr int kStack = 64;
  int buf[3 * (kStack + 1)];
  std::vector<int> heap;
  int* rows = buf;
  if (m > kStack) {
    heap.resize(3 * (m + 1));
    rows = heap.data();
  }
  int* prev2 = rows;
  int* prev = rows + (m + 1);
  int* cur = rows + 2 * (m + 1);
  for (int j = 0; j <= m; ++j) prev[j] = j;
  for (int i = 1; i <= n; ++i) {
    cur[0] = i;
    int row_min = cur[0];
    for (int j = 1; j <= m; ++j) {
      const int cost = a[i - 1] == b[j - 1] ? 0 : 1;
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        cur[j] = std::min(cur[j], prev2[j - 2] + 1);
      }
      row_min = std::min(row_min, cur[j]);
    }
    if (row_min > cap) return cap + 1;
    int* t = prev2;
    prev2 = prev;
    prev = cur;
    cur = t;
  }
  return std::min(prev[m], cap + 1);
}

}  // namespace claimcheck::text
