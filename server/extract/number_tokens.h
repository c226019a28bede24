// A light tokenizer for numeric-claim extraction: words, numerals and
// punctuation with byte offsets into the caller's text, plus sentence
// boundaries. Pure; thread-safe. Used only by numbers.cc and its helpers.
//
// One pass over the bytes, no copies: every token is a view into `text`.
// Digits keep their grouping commas and decimal points ("1,000", "1.5");
// letters glued to digits ("25k", "5G", "EUR50m") are separate tokens with
// `space_before` false, so callers can see they were glued.
#ifndef CLAIMCHECK_SERVER_EXTRACT_NUMBER_TOKENS_H_
#define CLAIMCHECK_SERVER_EXTRACT_NUMBER_TOKENS_H_

#include <cstdint>
#include <vector>

#include "absl/strings/string_view.h"

namespace claimcheck::extract {

enum class TokKind : uint8_t { kWord, kNum, kPunct };

struct NumToken {
  absl::string_view text;  // view into the original text
  uint32_t begin = 0;      // byte offset of text.data()
  uint32_t end = 0;
  TokKind kind = TokKind::kPunct;
  bool space_before = true;     // whitespace (or text start) precedes it
  bool newline_before = false;  // a line break precedes it
  bool sentence_start = false;  // first token of a sentence
  bool IsWord() const { return kind == TokKind::kWord; }
  bool IsNum() const { return kind == TokKind::kNum; }
  bool IsPunct(absl::string_view p) const {
    // Most callers ask for one byte: compare it without calling memcmp.
    if (kind != TokKind::kPunct || text.size() != p.size()) return false;
    return p.size() == 1 ? text[0] == p[0] : text == p;
  }
  bool IsCapitalized() const {
    return kind == TokKind::kWord && !text.empty() && text[0] >= 'A' &&
           text[0] <= 'Z';
  }
};

// Splits `text` into tokens. Multi-byte punctuation (’ “ ” – — − £ € ¥) is
// one kPunct token; other non-ASCII bytes count as letters. Marks
// `sentence_start` after ". ! ?" (not after abbreviations such as "Mr." or
// "U.S." followed by a capitalised word) and after line breaks.
std::vector<NumToken> TokenizeForNumbers(absl::string_view text);

// True if `a` equals `b` ignoring ASCII case; `b` must be lower case.
inline bool EqualsLower(absl::string_view a, absl::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char c = a[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != b[i]) return false;
  }
  return true;
}

}  // namespace claimcheck::extract

#endif  // CLAIMCHECK_SERVER_EXTRACT_NUMBER_TOKENS_H_
