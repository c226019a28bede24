// libFuzzer target for the extractor (quotes, speakers, numbers) and the
// matching normaliser. Whatever the bytes: no crash, no hang, and every span
// lies inside the input with begin <= end.
//
//   tests/fuzz/run.sh [seconds]
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "absl/strings/string_view.h"
#include "server/extract/extract.h"
#include "server/extract/normalize.h"

namespace {

void CheckSpan(const claimcheck::extract::Span& s, size_t size) {
  if (s.begin > s.end || s.end > size) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 64 * 1024) return 0;
  const absl::string_view text(reinterpret_cast<const char*>(data), size);
  const claimcheck::extract::Extraction e =
      claimcheck::extract::ExtractUnchecked(text);
  for (const auto& q : e.quotes) {
    CheckSpan(q.span, size);
    CheckSpan(q.mention_span, size);
    if (text.substr(q.span.begin, q.span.size()) != q.text) std::abort();
  }
  for (const auto& n : e.quantities) {
    CheckSpan(n.span, size);
    if (text.substr(n.span.begin, n.span.size()) != n.surface) std::abort();
    if (n.quote_index >= static_cast<int>(e.quotes.size())) std::abort();
  }
  (void)claimcheck::extract::MatchHash(text);
  (void)claimcheck::extract::SpeakerKey(text.substr(0, 256));
  // The validating entry point must agree with ExtractUnchecked on valid
  // input and reject the rest without crashing.
  (void)claimcheck::extract::Extract(text, {});
  return 0;
}
