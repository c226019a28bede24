// Small UTF-8 helpers for terminal output and input checks: validation,
// display width in terminal columns, and truncation that never cuts inside a
// UTF-8 sequence. Pure functions, safe from any thread.
#ifndef CLAIMCHECK_CLIENT_UTF8_H_
#define CLAIMCHECK_CLIENT_UTF8_H_

#include <cstddef>
#include <string>

#include "absl/strings/string_view.h"

namespace claimcheck {

// True if `text` is well-formed UTF-8 (no overlong forms, surrogates or code
// points above U+10FFFF). On false, `*bad_offset` (if given) is the byte
// offset of the first bad sequence.
bool IsValidUtf8(absl::string_view text, size_t* bad_offset = nullptr);

// Columns a terminal uses for `text`: 2 for East Asian wide and emoji code
// points, 0 for combining marks and zero-width characters, 1 otherwise.
// Invalid bytes count as one column each.
int DisplayWidth(absl::string_view text);

// `text` cut to at most `max_width` columns. When cut, the result ends with
// "…" (one column) and the cut falls on a code point boundary. A
// `max_width` below 1 gives "".
std::string TruncateToWidth(absl::string_view text, int max_width);

}  // namespace claimcheck

#endif  // CLAIMCHECK_CLIENT_UTF8_H_
