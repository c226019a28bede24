#include "server/text/edit_distance.h"

#include <string>

#include "gtest/gtest.h"

namespace claimcheck::text {
namespace {

TEST(BoundedEditDistanceTest, Table) {
  struct Case {
    const char* a;
    const char* b;
    int want;  // with cap 2
  };
  constexpr Case kCases[] = {
      {"pezeshkian", "pezeshkian", 0},
      {"pezeshkian", "pezechkian", 1},
      {"smith", "simth", 1},  // a swap of neighbours is one edit
      {"smith", "smyth", 1},
      {"smith", "smithson", 3},
      {"", "ab", 2},
      {"kovalenko", "kowalenkow", 2},
      {"abcd", "badc", 2},
      {"zelensky", "zelenskyy", 1},
      {"clinton", "obama", 3},
      {"Smith", "smith", 1},  // bytes
  };
  for (const Case& c : kCases) {
    SCOPED_TRACE(std::string(c.a) + " / " + c.b);
    EXPECT_EQ(BoundedEditDistance(c.a, c.b, 2), c.want);
    EXPECT_EQ(BoundedEditDistance(c.b, c.a, 2), c.want);
  }
}

TEST(BoundedEditDistanceTest, CapStopsEarlyAndLongStringsWork) {
  EXPECT_EQ(BoundedEditDistance("smith", "jones", 10), 5);
  EXPECT_EQ(BoundedEditDistance("smith", "jones", 0), 1);
  const std::string long_a(200, 'a');
  std::string long_b = long_a;
  long_b[100] = 'b';
  EXPECT_EQ(BoundedEditDistance(long_a, long_b, 3), 1);  // past the stack rows
  EXPECT_EQ(BoundedEditDistance(long_a, std::string(150, 'a'), 3), 4);
}

}  // namespace
}  // namespace claimcheck::text
