// ComputeSignature and friends: see signature.h.
#include "server/story/signature.h"

#include <algorithm>
#include <cstdlib>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "server/text/stopwords.h"

namespace claimcheck::story {
namespace {

constexpr uint64_t kFnvOffset = 14695981039346656037ull;
constexpr uint64_t kFnvPrime = 1099511628211ull;

uint64_t Fnv(absl::string_view s, uint64_t h = kFnvOffset) {
  for (unsigned char c : s) {
    h ^= c;
    h *= kFnvPrime;
  }
  return h;
}

// splitmix64 finaliser: a stable 64-bit mixer.
uint64_t Mix(uint64_t x) {
  x += 0x9e3779b97f4a7c15ull;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
  return x ^ (x >> 31);
}

bool IsWordByte(unsigned char c) {
  return absl::ascii_isalnum(c) || c == '\'' || c == '-' || c >= 0x80;
}

// Adds the features of `s` (up to `max_words` words) to `out`.
void AddFeatures(absl::string_view s, int max_words,
                 std::vector<uint64_t>* out) {
  std::string prev;  // previous content word, lower case
  int words = 0;
  size_t i = 0;
  while (i < s.size() && words < max_words) {
    while (i < s.size() && !IsWordByte(s[i])) ++i;
    const size_t begin = i;
    while (i < s.size() && IsWordByte(s[i])) ++i;
    if (begin == i) break;
    const absl::string_view raw = s.substr(begin, i - begin);
    ++words;
    if (!absl::ascii_isalpha(raw[0])) continue;  // numbers, marks
    const std::string w = absl::AsciiStrToLower(raw);
    if (w.size() <= 2 || text::IsStopword(w, text::Stopwords::kStory)) continue;
    if (absl::ascii_isupper(raw[0]) && words > 1) {
      out->push_back(Fnv(w, Fnv("E:")));  // a name
    }
    if (!prev.empty()) out->push_back(Fnv(w, Fnv(" ", Fnv(prev))));
    prev = w;
  }
}

}  // namespace

Signature ComputeSignature(absl::string_view title, absl::string_view text) {
  Signature sig;
  AddFeatures(title, kLeadWords, &sig.features);
  AddFeatures(text, kLeadWords, &sig.features);
  std::sort(sig.features.begin(), sig.features.end());
  sig.features.erase(std::unique(sig.features.begin(), sig.features.end()),
                     sig.features.end());
  sig.buckets = BucketKeys(sig.features);
  return sig;
}

std::vector<uint64_t> BucketKeys(absl::Span<const uint64_t> features) {
  std::vector<uint64_t> keys;
  if (features.empty()) return keys;
  keys.reserve(kMinHashes);
  for (int k = 0; k < kMinHashes; ++k) {
    const uint64_t seed = Mix(static_cast<uint64_t>(k) + 1);
    uint64_t best = ~uint64_t{0};
    for (uint64_t f : features) best = std::min(best, Mix(f ^ seed));
    // The band index is part of the key: equal minima of different hash
    // functions say nothing.
    keys.push_back(Mix(best ^ Mix(seed)) >> 1);  // fits SQLite INTEGER
  }
  return keys;
}

double Similarity(absl::Span<const uint64_t> a, absl::Span<const uint64_t> b) {
  if (a.empty() && b.empty()) return 0;
  size_t i = 0, j = 0, both = 0;
  while (i < a.size() && j < b.size()) {
    if (a[i] == b[j]) {
      ++both;
      ++i;
      ++j;
    } else if (a[i] < b[j]) {
      ++i;
    } else {
      ++j;
    }
  }
  return static_cast<double>(both) /
         static_cast<double>(a.size() + b.size() - both);
}

int64_t DayNumber(absl::string_view date) {
  int y = 0, m = 0, d = 0;
  if (date.size() != 10 || date[4] != '-' || date[7] != '-' ||
      !absl::SimpleAtoi(date.substr(0, 4), &y) ||
      !absl::SimpleAtoi(date.substr(5, 2), &m) ||
      !absl::SimpleAtoi(date.substr(8, 2), &d) || m < 1 || m > 12 || d < 1 ||
      d > 31) {
    return 0;
  }
  // Days from civil (Howard Hinnant's algorithm).
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

bool SameStory(absl::Span<const uint64_t> features_a, int64_t day_a,
               absl::Span<const uint64_t> features_b, int64_t day_b) {
  if ((day_a == 0) != (day_b == 0)) return false;
  if (std::llabs(day_a - day_b) > kStoryWindowDays) return false;
  return Similarity(features_a, features_b) >= kSameStorySimilarity;
}

std::string EncodeFeatures(absl::Span<const uint64_t> features) {
  std::string out;
  out.reserve(features.size() * 8);
  for (uint64_t f : features) {
    for (int b = 0; b < 8; ++b) out.push_back(static_cast<char>(f >> (8 * b)));
  }
  return out;
}

std::vector<uint64_t> DecodeFeatures(absl::string_view bytes) {
  std::vector<uint64_t> out(bytes.size() / 8);
  for (size_t i = 0; i < out.size(); ++i) {
    uint64_t f = 0;
    for (int b = 0; b < 8; ++b) {
      f |= static_cast<uint64_t>(static_cast<unsigned char>(bytes[i * 8 + b]))
           << (8 * b);
    }
    out[i] = f;
  }
  return out;
}

}  // namespace claimcheck::story
