// WordTable: built-in word lists (the extractor's, the stop words), looked up
// in one probe.
//
// Each word carries a bit mask of the lists it belongs to, so one lookup
// answers "is it a speech verb? a filler? a stop word?" at once. (The mask
// may also be used as a plain non-zero payload, e.g. an index plus one.)
// Lookups are ASCII case-insensitive, allocation-free (the word is lower-cased
// into a stack buffer while it is hashed) and cost a few instructions per byte.
//
//   enum : uint64_t { kVerb = 1 << 0, kFiller = 1 << 1 };
//   static const WordTable* table = [] {
//     auto* t = new WordTable;
//     t->Add(kVerbs, kVerb);
//     t->Add(kFillers, kFiller);
//     return t;
//   }();
//   if (table->Has(word, kVerb)) ...
//
// Built once, then immutable: const methods are safe for concurrent use.
#ifndef CLAIMCHECK_SERVER_TEXT_WORD_TABLE_H_
#define CLAIMCHECK_SERVER_TEXT_WORD_TABLE_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace claimcheck::text {

class WordTable {
 public:
  WordTable();

  // Adds each of `words` (any case; stored lower-cased) with the bits `mask`.
  // A word already present gets `mask` or-ed into its bits.
  template <size_t N>
  void Add(const absl::string_view (&words)[N], uint64_t mask) {
    for (absl::string_view w : words) Add(w, mask);
  }
  void Add(absl::string_view word, uint64_t mask);

  // The bits of `word`, compared ASCII case-insensitively; 0 when absent.
  // Most absent words are turned away by a filter on (length, first byte,
  // last byte) before any hashing.
  uint64_t Lookup(absl::string_view word) const {
    if (word.empty() || word.size() > max_len_) return 0;
    const size_t bit = FilterBit(word);
    if ((filter_[word.size()][bit >> 6] & (uint64_t{1} << (bit & 63))) == 0) {
      return 0;
    }
    return LookupSlow(word);
  }
  bool Has(absl::string_view word, uint64_t mask) const {
    return (Lookup(word) & mask) != 0;
  }

 private:
  struct Entry {
    std::string word;  // lower case
    uint64_t mask = 0;
  };
  static constexpr size_t kMaxWord = 64;  // longer words are in no list

  static size_t FilterBit(absl::string_view w) {
    const unsigned char a = static_cast<unsigned char>(w.front()) | 0x20;
    const unsigned char z = static_cast<unsigned char>(w.back()) | 0x20;
    return (a * 7u + z) & 255u;
  }
  uint64_t LookupSlow(absl::string_view word) const;
  int32_t Find(absl::string_view lower, uint32_t hash) const;
  void Rehash();

  struct Slot {
    uint32_t hash = 0;
    int32_t entry = -1;  // index into entries_, or -1 when free
  };

  std::vector<Entry> entries_;
  std::vector<Slot> slots_;  // open addressing; size a power of two
  size_t max_len_ = 0;
  uint64_t filter_[kMaxWord + 1][4] = {};  // by length: FilterBit()s present
};

}  // namespace claimcheck::text

#endif  // CLAIMCHECK_SERVER_TEXT_WORD_TABLE_H_
