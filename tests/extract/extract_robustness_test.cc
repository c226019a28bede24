// Robustness of ExtractUnchecked on a few thousand inputs derived from the
// seed article by random cuts, splices and byte mutations: it is
// deterministic (same text, same output) and every span lies within the
// input. Fixed seed, so failures reproduce; runs well under two seconds.
#include <cstdint>
#include <fstream>
#include <random>
#include <sstream>
#include <string>

#include "gtest/gtest.h"
#include "server/extract/extract.h"

namespace claimcheck::extract {
namespace {

std::string Seed() {
  std::ifstream f(std::string(CLAIMCHECK_SOURCE_DIR) +
                  "/tests/testdata/seed-article.txt");
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

// Bytes that steer the extractor: marks, digits, currency, dashes, breaks.
const char* const kPieces[] = {"\"",
                               "\xE2\x80\x9C",
                               "\xE2\x80\x9D",
                               "'",
                               "\xE2\x80\x99",
                               "\n",
                               "\n\n",
                               ". ",
                               ", ",
                               " said ",
                               " he said.",
                               "Mr. ",
                               " 1,000 ",
                               "$",
                               "%",
                               "-",
                               "\xE2\x80\x94",
                               " up to ",
                               " between 3 and ",
                               "\xC2\xA0",
                               "\xFF",
                               "\xE2"};

std::string Mutate(const std::string& seed, std::mt19937* rng) {
  std::uniform_int_distribution<size_t> pos(0, seed.size());
  size_t a = pos(*rng), b = pos(*rng);
  if (a > b) std::swap(a, b);
  if (b - a > 1500) b = a + 1500;
  std::string s = seed.substr(a, b - a);
  const int edits = static_cast<int>((*rng)() % 12);
  for (int k = 0; k < edits; ++k) {
    const size_t at = s.empty() ? 0 : (*rng)() % (s.size() + 1);
    switch ((*rng)() % 4) {
      case 0:  // insert a steering piece
        s.insert(at, kPieces[(*rng)() % (sizeof(kPieces) / sizeof(*kPieces))]);
        break;
      case 1:  // delete a few bytes
        if (at < s.size()) s.erase(at, 1 + (*rng)() % 8);
        break;
      case 2:  // overwrite one byte with anything
        if (at < s.size()) s[at] = static_cast<char>((*rng)() & 0xFF);
        break;
      default: {  // splice in another stretch of the seed
        const size_t from = pos(*rng);
        s.insert(at, seed.substr(from, (*rng)() % 200));
      }
    }
  }
  return s;
}

void ExpectWithin(const Span& s, size_t n, const std::string& what) {
  EXPECT_LE(s.begin, s.end) << what;
  EXPECT_LE(s.end, n) << what;
}

TEST(ExtractRobustnessTest, DeterministicAndSpansWithinInput) {
  const std::string seed = Seed();
  ASSERT_FALSE(seed.empty());
  std::mt19937 rng(20260208);
  for (int iter = 0; iter < 3000; ++iter) {
    const std::string text = Mutate(seed, &rng);
    const Extraction a = ExtractUnchecked(text);
    const Extraction b = ExtractUnchecked(text);
    SCOPED_TRACE("iteration " + std::to_string(iter));
    ASSERT_EQ(a.quotes.size(), b.quotes.size());
    ASSERT_EQ(a.quantities.size(), b.quantities.size());
    for (size_t i = 0; i < a.quotes.size(); ++i) {
      const Quote& q = a.quotes[i];
      const Quote& r = b.quotes[i];
      EXPECT_TRUE(q.span == r.span && q.text == r.text &&
                  q.speaker == r.speaker && q.rule == r.rule &&
                  q.mention_span == r.mention_span && q.role == r.role &&
                  q.channel == r.channel && q.confidence == r.confidence);
      ExpectWithin(q.span, text.size(), "quote span");
      ExpectWithin(q.mention_span, text.size(), "mention span");
      if (q.span.end <= text.size()) {
        EXPECT_EQ(q.text, text.substr(q.span.begin, q.span.size()));
      }
    }
    for (size_t i = 0; i < a.quantities.size(); ++i) {
      const Quantity& n = a.quantities[i];
      const Quantity& m = b.quantities[i];
      EXPECT_TRUE(n.span == m.span && n.surface == m.surface &&
                  n.value == m.value && n.low == m.low && n.high == m.high &&
                  n.unit_key == m.unit_key && n.subject == m.subject &&
                  n.time == m.time && n.asserted_by == m.asserted_by &&
                  n.quote_index == m.quote_index);
      ExpectWithin(n.span, text.size(), "quantity span");
      if (n.span.end <= text.size()) {
        EXPECT_EQ(n.surface, text.substr(n.span.begin, n.span.size()));
      }
      EXPECT_LT(n.quote_index, static_cast<int>(a.quotes.size()));
    }
  }
}

}  // namespace
}  // namespace claimcheck::extract
