// UTF-8 validation. Pure; thread-safe.
#ifndef CLAIMCHECK_SERVER_EXTRACT_UTF8_H_
#define CLAIMCHECK_SERVER_EXTRACT_UTF8_H_

#include <cstddef>

#include "absl/strings/string_view.h"

namespace claimcheck::extract {

// Byte offset of the first byte that is not part of a well-formed UTF-8
// sequence (overlongs, surrogates and code points above U+10FFFF are
// ill-formed), or absl::string_view::npos if `text` is valid.
size_t FirstInvalidUtf8(absl::string_view text);

inline bool IsValidUtf8(absl::string_view text) {
  return FirstInvalidUtf8(text) == absl::string_view::npos;
}

}  // namespace claimcheck::extract

#endif  // CLAIMCHECK_SERVER_EXTRACT_UTF8_H_
