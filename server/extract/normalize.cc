#include "server/extract/normalize.h"

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/string_view.h"
#include "server/extract/types.h"

namespace claimcheck::extract {
namespace {

// What one code point contributes to the normalised text.
enum class Kind {
  kLetter,  // append `fold` (or the original bytes when fold is null)
  kJoin,    // dropped without breaking the word (apostrophes, accents)
  kBreak,   // ends the current word
};

// ASCII folds for U+00C0..U+017F, built once from runs of equal folds.
// nullptr marks a non-letter (× and ÷).
const std::array<const char*, 0xC0>& LatinFolds() {
  static const std::array<const char*, 0xC0> table = [] {
    struct Run {
      int count;
      const char* fold;
    };
    // U+00C0..U+00FF: upper case row then lower case row.
    static constexpr Run kRuns[] = {
        // U+00C0
        {6, "a"},
        {1, "ae"},
        {1, "c"},
        {4, "e"},
        {4, "i"},
        {1, "d"},
        {1, "n"},
        {5, "o"},
        {1, nullptr},
        {1, "o"},
        {4, "u"},
        {1, "y"},
        {1, "th"},
        {1, "ss"},
        // U+00E0
        {6, "a"},
        {1, "ae"},
        {1, "c"},
        {4, "e"},
        {4, "i"},
        {1, "d"},
        {1, "n"},
        {5, "o"},
        {1, nullptr},
        {1, "o"},
        {4, "u"},
        {1, "y"},
        {1, "th"},
        {1, "y"},
        // U+0100 Latin Extended-A
        {6, "a"},
        {8, "c"},
        {4, "d"},
        {10, "e"},
        {8, "g"},
        {4, "h"},
        {10, "i"},
        {2, "ij"},
        {2, "j"},
        {3, "k"},
        {10, "l"},
        {9, "n"},
        {6, "o"},
        {2, "oe"},
        {6, "r"},
        {8, "s"},
        {6, "t"},
        {12, "u"},
        {2, "w"},
        {3, "y"},
        {6, "z"},
        {1, "s"},
    };
    std::array<const char*, 0xC0> t{};
    size_t i = 0;
    for (const Run& run : kRuns) {
      for (int k = 0; k < run.count && i < t.size(); ++k) t[i++] = run.fold;
    }
    return t;
  }();
  return table;
}

// Classifies a non-ASCII code point; sets *fold for folded letters.
Kind ClassifyNonAscii(uint32_t cp, const char** fold) {
  *fold = nullptr;
  if (cp >= 0xC0 && cp <= 0x17F) {
    *fold = LatinFolds()[cp - 0xC0];
    return *fold != nullptr ? Kind::kLetter : Kind::kBreak;
  }
  if (cp >= 0x80 && cp < 0xC0) return Kind::kBreak;  // NBSP, ¡, «, », ...
  switch (cp) {
    case 0x218:
    case 0x219:
      *fold = "s";
      return Kind::kLetter;  // Ș ș
    case 0x21A:
    case 0x21B:
      *fold = "t";
      return Kind::kLetter;  // Ț ț
    case 0x2BB:
    case 0x2BC:
    case 0x2BD:  // ʻ ʼ ʽ
    case 0x2018:
    case 0x2019:
    case 0x201B:  // ‘ ’ ‛
    case 0x2032:
    case 0xFEFF:  // ′ BOM
      return Kind::kJoin;
    default:
      break;
  }
  if (cp >= 0x300 && cp <= 0x36F) return Kind::kJoin;       // combining marks
  if (cp >= 0x2000 && cp <= 0x206F) return Kind::kBreak;    // spaces, dashes
  if (cp >= 0x2190 && cp <= 0x2BFF) return Kind::kBreak;    // arrows, symbols
  if (cp == 0x2212 || cp == 0x3000) return Kind::kBreak;    // minus, wide space
  if (cp >= 0x3001 && cp <= 0x303F) return Kind::kBreak;    // CJK punctuation
  if (cp >= 0x1F000 && cp <= 0x1FAFF) return Kind::kBreak;  // emoji
  return Kind::kLetter;  // other scripts: kept verbatim
}

// Decodes one well-formed UTF-8 sequence at text[i]; returns its length, or 0
// if the byte at i does not start one.
size_t DecodeUtf8(absl::string_view text, size_t i, uint32_t* cp) {
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  const size_t n = text.size();
  const uint8_t c = s[i];
  size_t len;
  uint8_t lo = 0x80, hi = 0xBF;
  if (c >= 0xC2 && c <= 0xDF) {
    len = 2;
    *cp = c & 0x1F;
  } else if (c >= 0xE0 && c <= 0xEF) {
    len = 3;
    *cp = c & 0x0F;
    if (c == 0xE0) lo = 0xA0;
    if (c == 0xED) hi = 0x9F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    len = 4;
    *cp = c & 0x07;
    if (c == 0xF0) lo = 0x90;
    if (c == 0xF4) hi = 0x8F;
  } else {
    return 0;
  }
  if (i + len > n || s[i + 1] < lo || s[i + 1] > hi) return 0;
  for (size_t k = 1; k < len; ++k) {
    if ((s[i + k] & 0xC0) != 0x80) return 0;
    *cp = (*cp << 6) | (s[i + k] & 0x3F);
  }
  return len;
}

bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }

// Single pass over `text`: writes the normalised words, space-separated, to
// `out` and (if `spans` is not null) each word's source span.
void NormalizeInto(absl::string_view text, std::string* out,
                   std::vector<Span>* spans) {
  out->clear();
  out->reserve(text.size());
  bool in_word = false;
  uint32_t word_begin = 0, word_end = 0;
  auto end_word = [&] {
    if (in_word && spans != nullptr) spans->push_back({word_begin, word_end});
    in_word = false;
  };
  auto append = [&](const char* s, size_t len, size_t begin, size_t end) {
    if (!in_word) {
      if (!out->empty()) out->push_back(' ');
      in_word = true;
      word_begin = static_cast<uint32_t>(begin);
    }
    out->append(s, len);
    word_end = static_cast<uint32_t>(end);
  };

  const size_t n = text.size();
  size_t i = 0;
  while (i < n) {
    const char c = text[i];
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x80) {
      if (c >= 'A' && c <= 'Z') {
        const char lower = static_cast<char>(c - 'A' + 'a');
        append(&lower, 1, i, i + 1);
      } else if ((c >= 'a' && c <= 'z') || IsAsciiDigit(c)) {
        append(&c, 1, i, i + 1);
      } else if (c == '\'' || c == '`') {
        // Apostrophes join: "it's" -> "its".
      } else if ((c == ',' || c == '.') && in_word && !out->empty() &&
                 IsAsciiDigit(out->back()) && i + 1 < n &&
                 IsAsciiDigit(text[i + 1])) {
        // Inside a number: "1,000" -> "1000", "3.5" stays.
        if (c == '.') append(&c, 1, i, i + 1);
      } else {
        end_word();
      }
      ++i;
      continue;
    }
    uint32_t cp = 0;
    const size_t len = DecodeUtf8(text, i, &cp);
    if (len == 0) {  // invalid byte: dropped
      ++i;
      continue;
    }
    const char* fold = nullptr;
    switch (ClassifyNonAscii(cp, &fold)) {
      case Kind::kLetter:
        if (fold != nullptr) {
          append(fold, absl::string_view(fold).size(), i, i + len);
        } else {
          append(text.data() + i, len, i, i + len);
        }
        break;
      case Kind::kJoin:
        break;
      case Kind::kBreak:
        end_word();
        break;
    }
    i += len;
  }
  end_word();
}

bool IsTitle(absl::string_view w) {
  static constexpr absl::string_view kTitles[] = {
      "mr",  "mrs",  "ms",  "mx",        "miss",    "dr",       "prof", "sen",
      "gov", "adm",  "gen", "rep",       "rev",     "sir",      "lt",   "col",
      "maj", "capt", "sgt", "president", "senator", "governor",
  };
  for (absl::string_view t : kTitles) {
    if (w == t) return true;
  }
  return false;
}

bool EndsWithPossessive(absl::string_view raw) {
  static constexpr absl::string_view kForms[] = {"'s", "\xE2\x80\x99s", "'S",
                                                 "\xE2\x80\x99S"};
  for (absl::string_view f : kForms) {
    if (raw.size() > f.size() && raw.substr(raw.size() - f.size()) == f) {
      return true;
    }
  }
  return false;
}

}  // namespace

std::string NormalizeForMatch(absl::string_view text) {
  std::string out;
  NormalizeInto(text, &out, nullptr);
  return out;
}

std::vector<MatchToken> MatchTokensWithSpans(absl::string_view text) {
  std::string norm;
  std::vector<Span> spans;
  NormalizeInto(text, &norm, &spans);
  std::vector<MatchToken> tokens;
  tokens.reserve(spans.size());
  size_t pos = 0;
  for (const Span& span : spans) {
    size_t end = norm.find(' ', pos);
    if (end == std::string::npos) end = norm.size();
    tokens.push_back({norm.substr(pos, end - pos), span});
    pos = end + 1;
  }
  return tokens;
}

std::vector<std::string> MatchTokens(absl::string_view text) {
  const std::string norm = NormalizeForMatch(text);
  std::vector<std::string> words;
  size_t pos = 0;
  while (pos < norm.size()) {
    size_t end = norm.find(' ', pos);
    if (end == std::string::npos) end = norm.size();
    words.push_back(norm.substr(pos, end - pos));
    pos = end + 1;
  }
  return words;
}

uint64_t MatchHash(absl::string_view text) {
  uint64_t h = 14695981039346656037ULL;  // FNV-1a 64 offset basis
  for (const char c : NormalizeForMatch(text)) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ULL;  // FNV-1a 64 prime
  }
  return h;
}

bool IsDescriptionDeterminer(absl::string_view word) {
  static constexpr absl::string_view kWords[] = {
      "a",       "an",   "the",  "another", "some", "many", "other",
      "several", "most", "both", "one",     "two",  "three"};
  for (absl::string_view d : kWords) {
    if (absl::EqualsIgnoreCase(word, d)) return true;
  }
  return false;
}

bool IsUnnamedSpeaker(absl::string_view speaker) {
  const size_t space = speaker.find(' ');
  if (space == absl::string_view::npos || space == 0 ||
      !absl::ascii_islower(static_cast<unsigned char>(speaker[0]))) {
    return false;
  }
  return IsDescriptionDeterminer(speaker.substr(0, space));
}

std::string SpeakerKey(absl::string_view name) {
  std::vector<MatchToken> tokens = MatchTokensWithSpans(name);
  for (MatchToken& t : tokens) {
    // "Netanyahu's office" -> "netanyahu office".
    const absl::string_view raw =
        name.substr(t.source.begin, t.source.end - t.source.begin);
    if (t.text.size() > 1 && t.text.back() == 's' && EndsWithPossessive(raw)) {
      t.text.pop_back();
    }
  }
  size_t first = 0;
  while (tokens.size() - first > 1) {
    const std::string& w = tokens[first].text;
    if (w == "the" || IsTitle(w)) {
      ++first;
    } else if ((w == "prime" || w == "vice") && tokens.size() - first > 2 &&
               (tokens[first + 1].text == "minister" ||
                tokens[first + 1].text == "president")) {
      first += 2;
    } else {
      break;
    }
  }
  std::string key;
  for (size_t i = first; i < tokens.size(); ++i) {
    if (!key.empty()) key.push_back(' ');
    key += tokens[i].text;
  }
  return key;
}

}  // namespace claimcheck::extract
