#include "server/extract/extract.h"

#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "server/extract/numbers.h"
#include "server/extract/quotes.h"
#include "server/extract/utf8.h"

namespace claimcheck::extract {

absl::StatusOr<Extraction> Extract(absl::string_view text,
                                   const ExtractOptions& options) {
  if (text.empty()) return absl::InvalidArgumentError("text is empty");
  if (text.size() > options.max_input_bytes) {
    return absl::InvalidArgumentError(absl::StrCat("text is ", text.size(),
                                                   " bytes; the limit is ",
                                                   options.max_input_bytes));
  }
  if (size_t bad = FirstInvalidUtf8(text); bad != absl::string_view::npos) {
    return absl::InvalidArgumentError(
        absl::StrCat("text is not valid UTF-8 (byte offset ", bad, ")"));
  }
  return ExtractValidated(text, options);
}

Extraction ExtractUnchecked(absl::string_view text) {
  Extraction out;
  out.quotes = ExtractQuotes(text);
  out.quantities = ExtractQuantities(text, out.quotes);
  return out;
}

absl::StatusOr<Extraction> ExtractValidated(absl::string_view text,
                                            const ExtractOptions& options) {
  const auto stop = [&] { return options.cancelled && options.cancelled(); };
  const absl::Status cancelled = absl::CancelledError("extraction cancelled");
  if (stop()) return cancelled;
  Extraction out;
  out.quotes = ExtractQuotes(text, options.cancelled);
  if (stop()) return cancelled;
  out.quantities = ExtractQuantities(text, out.quotes, options.cancelled);
  if (stop()) return cancelled;
  return out;
}

}  // namespace claimcheck::extract
