#include "client/utf8.h"

#include <cstdint>

namespace claimcheck {
namespace {

// Decodes the code point starting at text[pos]. Returns its length in bytes,
// or 0 if the bytes there are not well-formed UTF-8.
size_t DecodeOne(absl::string_view text, size_t pos, uint32_t* code_point) {
  const auto byte = [&](size_t i) {
    return static_cast<unsigned char>(text[pos + i]);
  };
  const unsigned char lead = byte(0);
  size_t length;
  uint32_t cp;
  uint32_t min;
  if (lead < 0x80) {
    *code_point = lead;
    return 1;
  } else if ((lead & 0xE0) == 0xC0) {
    length = 2, cp = lead & 0x1F, min = 0x80;
  } else if ((lead & 0xF0) == 0xE0) {
    length = 3, cp = lead & 0x0F, min = 0x800;
  } else if ((lead & 0xF8) == 0xF0) {
    length = 4, cp = lead & 0x07, min = 0x10000;
  } else {
    return 0;
  }
  if (pos + length > text.size()) return 0;
  for (size_t i = 1; i < length; ++i) {
    if ((byte(i) & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (byte(i) & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  *code_point = cp;
  return length;
}

int CodePointWidth(uint32_t cp) {
  // Zero width: combining marks, zero-width space/joiners, variation
  // selectors.
  if ((cp >= 0x0300 && cp <= 0x036F) || (cp >= 0x1AB0 && cp <= 0x1AFF) ||
      (cp >= 0x1DC0 && cp <= 0x1DFF) || (cp >= 0x20D0 && cp <= 0x20FF) ||
      (cp >= 0x200B && cp <= 0x200F) || (cp >= 0xFE00 && cp <= 0xFE0F) ||
      (cp >= 0xFE20 && cp <= 0xFE2F) || cp == 0x2060 || cp == 0xFEFF) {
    return 0;
  }
  // Wide: Hangul Jamo, CJK, Hangul syllables, full-width forms, emoji.
  if ((cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0x303E) ||
      (cp >= 0x3041 && cp <= 0x33FF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
      (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xA000 && cp <= 0xA4CF) ||
      (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
      (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
      (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x1F300 && cp <= 0x1F64F) ||
      (cp >= 0x1F900 && cp <= 0x1F9FF) || (cp >= 0x20000 && cp <= 0x3FFFD)) {
    return 2;
  }
  return 1;
}

// Length and width of the next display unit at text[pos]: one code point, or
// one invalid byte shown as one column.
void NextUnit(absl::string_view text, size_t pos, size_t* length, int* width) {
  uint32_t cp = 0;
  *length = DecodeOne(text, pos, &cp);
  if (*length == 0) {
    *length = 1;
    *width = 1;
    return;
  }
  *width = CodePointWidth(cp);
}

}  // namespace

bool IsValidUtf8(absl::string_view text, size_t* bad_offset) {
  size_t pos = 0;
  while (pos < text.size()) {
    uint32_t cp;
    const size_t length = DecodeOne(text, pos, &cp);
    if (length == 0) {
      if (bad_offset != nullptr) *bad_offset = pos;
      return false;
    }
    pos += length;
  }
  return true;
}

int DisplayWidth(absl::string_view text) {
  int total = 0;
  for (size_t pos = 0; pos < text.size();) {
    size_t length;
    int width;
    NextUnit(text, pos, &length, &width);
    total += width;
    pos += length;
  }
  return total;
}

std::string TruncateToWidth(absl::string_view text, int max_width) {
  if (max_width < 1) return "";
  if (DisplayWidth(text) <= max_width) return std::string(text);
  // Keep whole units while they fit in max_width - 1, leaving a column for
  // the ellipsis. Zero-width units after the last kept one stay with it.
  const int budget = max_width - 1;
  int used = 0;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t length;
    int width;
    NextUnit(text, pos, &length, &width);
    if (used + width > budget) break;
    used += width;
    pos += length;
  }
  std::string out(text.substr(0, pos));
  // Drop trailing spaces so the ellipsis sits next to a word.
  while (!out.empty() && out.back() == ' ') out.pop_back();
  out += "\xE2\x80\xA6";  // U+2026 HORIZONTAL ELLIPSIS
  return out;
}

}  // namespace claimcheck
