#include "server/extract/number_tokens.h"

#include <cstddef>

#include "server/extract/text_scan.h"
#include "server/text/abbreviations.h"

namespace claimcheck::extract {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAsciiAlpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// Length of the UTF-8 sequence starting with lead byte `c` (1 if invalid).
size_t SeqLen(unsigned char c) {
  if (c >= 0xF0 && c <= 0xF4) return 4;
  if (c >= 0xE0) return c <= 0xEF ? 3 : 1;
  if (c >= 0xC2) return 2;
  return 1;
}

// Decodes the code point at `text[i]` of `len` bytes; 0 when malformed.
uint32_t Decode(absl::string_view text, size_t i, size_t len) {
  if (len == 1 || i + len > text.size()) return 0;
  uint32_t cp = static_cast<unsigned char>(text[i]) & (0x7F >> len);
  for (size_t k = 1; k < len; ++k) {
    unsigned char b = static_cast<unsigned char>(text[i + k]);
    if ((b & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (b & 0x3F);
  }
  return cp;
}

bool IsSpaceCp(uint32_t cp) {
  return cp == 0xA0 || (cp >= 0x2000 && cp <= 0x200B) || cp == 0x202F ||
         cp == 0x3000;
}

bool IsPunctCp(uint32_t cp) {
  return (cp >= 0xA1 && cp <= 0xBF) || cp == 0xD7 || cp == 0xF7 ||
         (cp >= 0x2010 && cp <= 0x206F) || (cp >= 0x20A0 && cp <= 0x20CF) ||
         cp == 0x2212 || cp == 0;
}

// Words before a period that do not end a sentence.
bool IsAbbreviation(absl::string_view w) {
  if (w.size() == 1) return true;  // "U.S.", "J. Smith"
  return text::IsListedAbbreviation(w);
}

// Length of the grouping at text[j] == ',' that belongs to the numeral:
// ",000" (three digits), or the Indian ",34,567" (pairs ending in a triple).
// 0 when the comma ends the numeral ("22,24,26").
size_t GroupingAt(absl::string_view text, size_t j) {
  const size_t n = text.size();
  size_t k = j;
  while (k < n && text[k] == ',') {
    size_t d = k + 1;
    while (d < n && d < k + 5 && IsDigit(text[d])) ++d;
    const size_t digits = d - (k + 1);
    if (digits == 3) return (d < n && IsDigit(text[d])) ? 0 : d - j;
    if (digits != 2) return 0;
    k = d;
  }
  return 0;
}

// Digits of a group separated by one space, narrow or no-break space:
// "40 000", "1 414 021 100". Returns the separator's length, or 0.
size_t SpaceGroupAt(absl::string_view text, size_t j) {
  size_t sep = 0;
  if (j < text.size() && text[j] == ' ') {
    sep = 1;
  } else if (j + 1 < text.size() && text.substr(j, 2) == "\xC2\xA0") {
    sep = 2;
  } else if (j + 2 < text.size() && (text.substr(j, 3) == "\xE2\x80\xAF" ||
                                     text.substr(j, 3) == "\xE2\x80\x89")) {
    sep = 3;
  }
  if (sep == 0) return 0;
  const size_t d = j + sep;
  if (d + 3 > text.size()) return 0;
  for (size_t k = d; k < d + 3; ++k) {
    if (!IsDigit(text[k])) return 0;
  }
  if (d + 3 < text.size()) {
    const char after = text[d + 3];
    if (IsDigit(after) || after == ',' || IsAsciiAlpha(after) ||
        (after == '.' && d + 4 < text.size() && IsDigit(text[d + 4]))) {
      return 0;
    }
  }
  return sep;
}

// One past the numeral starting at text[i]: digits with grouping commas,
// space-separated groups of three after a lead of one to three digits, and
// a decimal part. Space-separated groups only when `space_groups`.
size_t NumeralEnd(absl::string_view text, size_t i, bool space_groups) {
  const size_t n = text.size();
  size_t j = i + 1;
  bool grouped = false;
  while (j < n) {
    if (IsDigit(text[j])) {
      ++j;
    } else if (text[j] == ',') {
      const size_t g = GroupingAt(text, j);
      if (g == 0) break;
      j += g;
      grouped = true;
    } else if (text[j] == '.' && j + 1 < n && IsDigit(text[j + 1])) {
      j += 2;
    } else {
      break;
    }
  }
  // "40 000": only after a plain lead of one to three digits.
  if (space_groups && !grouped && text[i] != '.' && j - i <= 3) {
    bool plain = true;
    for (size_t k = i; k < j; ++k) plain = plain && IsDigit(text[k]);
    size_t sep;
    while (plain && (sep = SpaceGroupAt(text, j)) > 0) j += sep + 3;
  }
  return j;
}

// The end of a word whose first letter, at `i`, is ASCII: ASCII letters and
// characters outside ASCII that are neither punctuation nor space.
size_t AsciiLedWordEnd(absl::string_view text, size_t i) {
  const size_t n = text.size();
  size_t j = i + 1;
  while (j < n) {
    unsigned char d = static_cast<unsigned char>(text[j]);
    if (IsAsciiAlpha(text[j])) {
      ++j;
    } else if (d >= 0x80) {
      size_t len = SeqLen(d);
      uint32_t cp = Decode(text, j, len);
      if (IsPunctCp(cp) || IsSpaceCp(cp)) break;
      j += len;
    } else {
      break;
    }
  }
  return j;
}

// The end of a word that goes on at `j` after a first letter outside ASCII:
// ASCII letters and whole characters outside ASCII that are neither
// punctuation nor space.
size_t WordEndFrom(absl::string_view text, size_t j) {
  const size_t n = text.size();
  while (j < n) {
    unsigned char d = static_cast<unsigned char>(text[j]);
    if (d < 0x80) {
      if (!IsAsciiAlpha(text[j])) break;
      ++j;
      continue;
    }
    size_t l2 = SeqLen(d);
    if (j + l2 > n) break;
    uint32_t cp2 = Decode(text, j, l2);
    if (IsPunctCp(cp2) || IsSpaceCp(cp2)) break;
    j += l2;
  }
  return j;
}

}  // namespace

std::vector<NumToken> TokenizeForNumbers(absl::string_view text) {
  std::vector<NumToken> toks;
  toks.reserve(TokenCountBound(text));
  bool space = true;
  bool newline = true;
  bool pending_boundary = true;  // the first token starts a sentence
  size_t i = 0;
  const size_t n = text.size();
  auto push = [&](size_t b, size_t e, TokKind kind) {
    NumToken& t = toks.emplace_back();  // in place: no stack copy
    t.text = text.substr(b, e - b);
    t.begin = static_cast<uint32_t>(b);
    t.end = static_cast<uint32_t>(e);
    t.kind = kind;
    t.space_before = space;
    t.newline_before = newline;
    // Marks glued to the period (closing quotes) keep the boundary pending.
    bool glued_mark = kind == TokKind::kPunct && !space;
    if (newline) {
      t.sentence_start = true;
      pending_boundary = false;
    } else if (pending_boundary && space) {
      bool lower = kind == TokKind::kWord && !t.IsCapitalized();
      t.sentence_start = !lower;
      pending_boundary = false;
    } else if (pending_boundary && !glued_mark) {
      pending_boundary = false;
    }
    space = false;
    newline = false;
  };
  while (i < n) {
    const char c = text[i];
    const unsigned char u = static_cast<unsigned char>(c);
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' ||
        c == '\v') {
      space = true;
      if (c == '\n') newline = true;
      ++i;
      continue;
    }
    // ".08", ".534": a leading decimal point after a space.
    const bool lead_point = c == '.' && space && i + 1 < n &&
                            IsDigit(text[i + 1]) &&
                            (toks.empty() || !toks.back().IsNum());
    if (IsDigit(c) || lead_point) {
      // "0800 123 456": digit groups after a number are a phone number's.
      const bool after_num = !toks.empty() && toks.back().IsNum();
      const size_t j = NumeralEnd(text, i, /*space_groups=*/!after_num);
      push(i, j, TokKind::kNum);
      i = j;
      continue;
    }
    if (u < 0x80) {
      if (IsAsciiAlpha(c)) {
        const size_t j = AsciiLedWordEnd(text, i);
        push(i, j, TokKind::kWord);
        i = j;
        continue;
      }
      const bool end_mark = c == '.' || c == '!' || c == '?';
      const bool abbrev = c == '.' && !toks.empty() && !space &&
                          toks.back().IsWord() &&
                          IsAbbreviation(toks.back().text);
      push(i, i + 1, TokKind::kPunct);
      if (end_mark && !abbrev) pending_boundary = true;
      ++i;
      continue;
    }
    size_t len = SeqLen(u);
    if (i + len > n) len = n - i;
    uint32_t cp = Decode(text, i, len);
    if (IsSpaceCp(cp)) {
      space = true;
      i += len;
      continue;
    }
    if (IsPunctCp(cp)) {
      push(i, i + len, TokKind::kPunct);
      i += len;
      continue;
    }
    // A letter outside ASCII: read the word on.
    const size_t j = WordEndFrom(text, i + len);
    push(i, j, TokKind::kWord);
    i = j;
  }
  return toks;
}

}  // namespace claimcheck::extract
