#include "server/text/word_table.h"

namespace claimcheck::text {
namespace {

inline char Lower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c | 0x20) : c;
}

// FNV-1a over the lower-cased bytes, which it writes to `buf`.
inline uint32_t LowerHash(absl::string_view w, char* buf) {
  uint32_t h = 2166136261u;
  for (size_t i = 0; i < w.size(); ++i) {
    const char c = Lower(w[i]);
    buf[i] = c;
    h = (h ^ static_cast<unsigned char>(c)) * 16777619u;
  }
  return h;
}

}  // namespace

WordTable::WordTable() : slots_(64) {}

int32_t WordTable::Find(absl::string_view lower, uint32_t hash) const {
  const size_t mask = slots_.size() - 1;
  for (size_t s = hash & mask;; s = (s + 1) & mask) {
    const Slot& slot = slots_[s];
    if (slot.entry < 0) return -1;
    if (slot.hash != hash) continue;
    const std::string& w = entries_[slot.entry].word;
    if (w.size() != lower.size()) continue;
    size_t i = 0;
    while (i < lower.size() && w[i] == lower[i]) ++i;
    if (i == lower.size()) return slot.entry;
  }
}

void WordTable::Rehash() {
  std::vector<Slot> slots(slots_.size() * 2);
  const size_t mask = slots.size() - 1;
  char buf[kMaxWord];
  for (size_t e = 0; e < entries_.size(); ++e) {
    const uint32_t h = LowerHash(entries_[e].word, buf);
    size_t s = h & mask;
    while (slots[s].entry >= 0) s = (s + 1) & mask;
    slots[s] = Slot{h, static_cast<int32_t>(e)};
  }
  slots_.swap(slots);
}

void WordTable::Add(absl::string_view word, uint64_t mask) {
  if (word.empty() || word.size() > kMaxWord) return;
  char buf[kMaxWord];
  const uint32_t h = LowerHash(word, buf);
  const absl::string_view lower(buf, word.size());
  const size_t bit = FilterBit(word);
  filter_[word.size()][bit >> 6] |= uint64_t{1} << (bit & 63);
  if (int32_t e = Find(lower, h); e >= 0) {
    entries_[e].mask |= mask;
    return;
  }
  entries_.push_back(Entry{std::string(lower), mask});
  if (word.size() > max_len_) max_len_ = word.size();
  // Keep the load at most 1/4: short probe runs.
  if (entries_.size() * 4 > slots_.size()) {
    Rehash();
    return;
  }
  const size_t m = slots_.size() - 1;
  size_t s = h & m;
  while (slots_[s].entry >= 0) s = (s + 1) & m;
  slots_[s] = Slot{h, static_cast<int32_t>(entries_.size() - 1)};
}

uint64_t WordTable::LookupSlow(absl::string_view word) const {
  char buf[kMaxWord];
  const uint32_t h = LowerHash(word, buf);
  const int32_t e = Find(absl::string_view(buf, word.size()), h);
  return e < 0 ? 0 : entries_[e].mask;
}

}  // namespace claimcheck::text
