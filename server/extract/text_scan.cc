#include "server/extract/text_scan.h"

#include <cstring>
#include <limits>

#include "server/text/abbreviations.h"

namespace claimcheck::extract {
namespace {

enum class CharClass : uint8_t {
  kSpace,
  kNewline,
  kLetter,  // letters, digits, undecodable bytes
  kApostrophe,
  kPunct,
  kOpenMark,
  kCloseMark,
  kStraightMark,
};

inline bool IsAsciiAlnum(unsigned char c) {
  return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

// Classifies the character at text[i]; *len receives its byte length (>= 1).
inline CharClass Classify(absl::string_view text, size_t i, size_t* len) {
  const unsigned char c = static_cast<unsigned char>(text[i]);
  *len = 1;
  if (c < 0x80) {
    if (c == '\n' || c == '\r') return CharClass::kNewline;
    if (c == ' ' || c == '\t' || c == '\f' || c == '\v')
      return CharClass::kSpace;
    if (IsAsciiAlnum(c)) return CharClass::kLetter;
    if (c == '"') return CharClass::kStraightMark;
    if (c == '\'') return CharClass::kApostrophe;
    if (c < 0x20) return CharClass::kSpace;
    return CharClass::kPunct;
  }
  size_t n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
  if (i + n > text.size()) n = 1;
  for (size_t k = 1; k < n; ++k) {
    if ((static_cast<unsigned char>(text[i + k]) & 0xC0) != 0x80) {
      n = 1;
      break;
    }
  }
  *len = n;
  if (n == 2 && c == 0xC2) {
    const unsigned char c1 = static_cast<unsigned char>(text[i + 1]);
    if (c1 == 0xA0) return CharClass::kSpace;      // no-break space
    if (c1 == 0xAB) return CharClass::kOpenMark;   // «
    if (c1 == 0xBB) return CharClass::kCloseMark;  // »
    if (c1 >= 0xA1 && c1 <= 0xBF) return CharClass::kPunct;
    return CharClass::kSpace;  // C1 controls
  }
  if (n == 3 && c == 0xE2) {
    const unsigned char c1 = static_cast<unsigned char>(text[i + 1]);
    const unsigned char c2 = static_cast<unsigned char>(text[i + 2]);
    if (c1 == 0x80) {
      if (c2 <= 0x8B || c2 == 0xAF) return CharClass::kSpace;
      if (c2 == 0xA8 || c2 == 0xA9) return CharClass::kNewline;
      if (c2 == 0x99) return CharClass::kApostrophe;              // ’
      if (c2 == 0x9C || c2 == 0x9E) return CharClass::kOpenMark;  // “ „
      if (c2 == 0x9D) return CharClass::kCloseMark;               // ”
      return CharClass::kPunct;
    }
    if (c1 == 0x81 || (c1 >= 0x86 && c1 <= 0x87) || c1 == 0x96) {
      return CharClass::kPunct;  // more punctuation, arrows, bullets
    }
  }
  if (n == 3 && c == 0xEF && static_cast<unsigned char>(text[i + 1]) == 0xBB &&
      static_cast<unsigned char>(text[i + 2]) == 0xBF) {
    return CharClass::kSpace;  // byte order mark
  }
  return CharClass::kLetter;
}

// Words that keep their trailing period: honorifics and short abbreviations.
bool KeepsPeriod(absl::string_view w) {
  if (w.size() == 1 && w[0] >= 'A' && w[0] <= 'Z') return true;  // initial
  if (w.find('.') != absl::string_view::npos) return true;       // U.S
  return text::IsListedAbbreviation(w);
}

// Whether a token may start at byte `c` after byte `p` (1 or 0): ASCII
// punctuation and the lead byte of a multi-byte character always may; a
// run of ASCII digits or of ASCII letters where it begins (the numbers'
// tokenizer splits "25k"); a continuation byte after an ASCII byte (no
// lead: invalid UTF-8). The word after a multi-byte punctuation mark
// begins after continuation bytes, so it counts as a run start too.
// Bitwise on bytes, no branches, so TokenCountBound's loop vectorises.
inline unsigned char TokenMayStart(unsigned char p, unsigned char c) {
  using U = unsigned char;
  const U digit = static_cast<U>(c - '0') < 10;
  const U alpha = static_cast<U>((c | 0x20) - 'a') < 26;  // ASCII only
  const U prev_digit = static_cast<U>(p - '0') < 10;
  const U prev_alpha = static_cast<U>((p | 0x20) - 'a') < 26;
  const U printable = static_cast<U>(c - 0x21) < 0x5F;  // '!' .. '~'
  const U punct = printable & static_cast<U>((digit | alpha) ^ 1);
  const U lead = c >= 0xC0;
  const U stray = (static_cast<U>(c - 0x80) < 0x40) & (p < 0x80);
  return static_cast<U>(punct | lead | (digit & (prev_digit ^ 1)) |
                        (alpha & (prev_alpha ^ 1)) | stray);
}

}  // namespace

size_t TokenCountBound(absl::string_view text) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const size_t n = text.size();
  if (n == 0) return 1;
  size_t count = 1 + TokenMayStart(' ', s[0]);
  // Blocks of 240 bytes (a multiple of 16) summed in a byte, which cannot
  // overflow: the compiler then does the inner loop 16 bytes at a time.
  for (size_t i = 1; i < n;) {
    const size_t end = n - i > 240 ? i + 240 : n;
    unsigned char block = 0;
    for (size_t k = i; k < end; ++k) block += TokenMayStart(s[k - 1], s[k]);
    count += block;
    i = end;
  }
  return count;
}

bool WordEquals(absl::string_view a, absl::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    unsigned char x = static_cast<unsigned char>(a[i]);
    unsigned char y = static_cast<unsigned char>(b[i]);
    if (x >= 'A' && x <= 'Z') x |= 0x20;
    if (y >= 'A' && y <= 'Z') y |= 0x20;
    if (x != y) return false;
  }
  return true;
}

absl::string_view StripPossessive(absl::string_view w, bool* possessive) {
  *possessive = false;
  static constexpr absl::string_view kCurly = "\xE2\x80\x99";
  if (w.size() > 2 && (w.back() == 's' || w.back() == 'S')) {
    absl::string_view stem = w.substr(0, w.size() - 1);
    if (stem.back() == '\'') {
      *possessive = true;
      return stem.substr(0, stem.size() - 1);
    }
    if (stem.size() > 3 && stem.substr(stem.size() - 3) == kCurly) {
      *possessive = true;
      return stem.substr(0, stem.size() - 3);
    }
  }
  if (w.size() > 4 && w.substr(w.size() - 3) == kCurly &&
      w[w.size() - 4] == 's') {
    *possessive = true;
    return w.substr(0, w.size() - 3);
  }
  if (w.size() > 2 && w.back() == '\'' && w[w.size() - 2] == 's') {
    *possessive = true;
    return w.substr(0, w.size() - 1);
  }
  return w;
}

absl::string_view LowerInto(absl::string_view word, char* buf, size_t cap) {
  if (word.size() > cap) return absl::string_view();
  for (size_t i = 0; i < word.size(); ++i) {
    char c = word[i];
    buf[i] = (c >= 'A' && c <= 'Z') ? static_cast<char>(c | 0x20) : c;
  }
  return absl::string_view(buf, word.size());
}

namespace {

bool IsBoilerplate(absl::string_view line) {
  static constexpr absl::string_view kLines[] = {
      "story continues below advertisement",
      "story continues below",
      "article continues below advertisement",
      "article continues below",
      "content continues below",
      "continue reading below",
      "continue reading",
      "advertisement",
      "scroll to continue with content"};
  for (absl::string_view b : kLines) {
    if (WordEquals(line, b)) return true;
  }
  return false;
}

}  // namespace

void DropBoilerplateParagraphs(absl::string_view text,
                               std::vector<Token>* tokens) {
  std::vector<Token>& t = *tokens;
  size_t out = 0;
  for (size_t i = 0; i < t.size();) {
    size_t j = i + 1;
    while (j < t.size() && t[j].para == t[i].para) ++j;
    const bool drop = j - i <= 6 && IsBoilerplate(text.substr(
                                        t[i].begin, t[j - 1].end - t[i].begin));
    for (; !drop && i < j; ++i) t[out++] = t[i];
    i = j;
  }
  t.resize(out);
}

std::vector<Token> Tokenize(absl::string_view text) {
  if (text.size() > std::numeric_limits<uint32_t>::max()) {
    text = text.substr(0, std::numeric_limits<uint32_t>::max());
  }
  std::vector<Token> out;
  out.reserve(TokenCountBound(text));
  uint32_t para = 0;
  bool space = true;
  size_t i = 0;
  const size_t n = text.size();
  while (i < n) {
    size_t len;
    CharClass cls = Classify(text, i, &len);
    if (cls == CharClass::kSpace || cls == CharClass::kNewline) {
      if (cls == CharClass::kNewline) {
        // \r\n counts once; any line break ends the paragraph.
        if (!(text[i] == '\n' && i > 0 && text[i - 1] == '\r')) ++para;
      }
      if (!out.empty() && !space) out.back().space_after = true;
      space = true;
      i += len;
      continue;
    }
    // Filled in place: a Token built on the stack and copied in costs a
    // store-forwarding stall per token.
    Token& t = out.emplace_back();
    t.begin = static_cast<uint32_t>(i);
    t.para = para;
    t.space_before = space;
    if (cls == CharClass::kLetter) {
      size_t j = i + len;
      while (j < n) {
        // Fast path: ASCII letters and digits.
        while (j < n && IsAsciiAlnum(static_cast<unsigned char>(text[j]))) ++j;
        if (j >= n) break;
        size_t l2;
        CharClass c2 = Classify(text, j, &l2);
        if (c2 == CharClass::kLetter) {
          j += l2;
          continue;
        }
        // Joiners inside a word: apostrophe, hyphen, period, comma in digits.
        const bool joiner =
            c2 == CharClass::kApostrophe ||
            (l2 == 1 && (text[j] == '-' || text[j] == '.' || text[j] == ','));
        if (joiner && j + l2 < n) {
          size_t l3;
          if (Classify(text, j + l2, &l3) == CharClass::kLetter) {
            if (text[j] == ',' && !(text[j - 1] >= '0' && text[j - 1] <= '9' &&
                                    text[j + 1] >= '0' && text[j + 1] <= '9')) {
              break;
            }
            j += l2 + l3;
            continue;
          }
        }
        // Plural possessive: "officials’ statement".
        if (c2 == CharClass::kApostrophe && text[j - 1] == 's') {
          const size_t after = j + l2;
          size_t l3;
          if (after >= n || Classify(text, after, &l3) != CharClass::kLetter) {
            j = after;
          }
        }
        break;
      }
      if (j < n && text[j] == '.' && KeepsPeriod(text.substr(i, j - i))) {
        ++j;
      }
      t.end = static_cast<uint32_t>(j);
      t.kind = TokenKind::kWord;
      const char c0 = text[i];
      t.cap = c0 >= 'A' && c0 <= 'Z';
      t.lower = c0 >= 'a' && c0 <= 'z';
      i = j;
    } else {
      t.end = static_cast<uint32_t>(i + len);
      if (cls == CharClass::kOpenMark || cls == CharClass::kCloseMark ||
          cls == CharClass::kStraightMark) {
        t.kind = TokenKind::kQuoteMark;
        t.mark = cls == CharClass::kOpenMark    ? MarkDir::kOpen
                 : cls == CharClass::kCloseMark ? MarkDir::kClose
                                                : MarkDir::kStraight;
      } else {
        t.kind = TokenKind::kPunct;
      }
      i += len;
    }
    space = false;
  }
  if (!out.empty()) out.back().space_after = true;
  return out;
}

}  // namespace claimcheck::extract
