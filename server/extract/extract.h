// The extractor's front door: text in, quotes, speakers and numeric claims out.
//
// Pure and deterministic: no I/O, no globals that change, same text gives the
// same Extraction. Safe to call concurrently from many threads.
//
//   absl::StatusOr<Extraction> got = claimcheck::extract::Extract(text, {});
//   for (const Quote& q : got->quotes) ... q.speaker, q.span ...
#ifndef CLAIMCHECK_SERVER_EXTRACT_EXTRACT_H_
#define CLAIMCHECK_SERVER_EXTRACT_EXTRACT_H_

#include <cstddef>
#include <functional>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "server/extract/types.h"

namespace claimcheck::extract {

struct ExtractOptions {
  // Texts longer than this are rejected with INVALID_ARGUMENT.
  size_t max_input_bytes = 4 << 20;
  // Polled between stages and inside the long loops of each; once it
  // returns true the extraction stops and the result is CANCELLED. Empty:
  // never cancelled.
  std::function<bool()> cancelled;
};

// Validates `text` (non-empty, valid UTF-8, within the size limit) and
// extracts from it. Errors are INVALID_ARGUMENT naming the problem.
absl::StatusOr<Extraction> Extract(absl::string_view text,
                                   const ExtractOptions& options);

// Extracts without validation. `text` must be valid UTF-8; any bytes are
// tolerated without crashing (used by the fuzzer), spans stay within `text`.
Extraction ExtractUnchecked(absl::string_view text);

// ExtractUnchecked for text the caller has validated, polling
// `options.cancelled`: CANCELLED "extraction cancelled" once it fires.
absl::StatusOr<Extraction> ExtractValidated(absl::string_view text,
                                            const ExtractOptions& options);

}  // namespace claimcheck::extract

#endif  // CLAIMCHECK_SERVER_EXTRACT_EXTRACT_H_
