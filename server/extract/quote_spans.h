// Finds the spans of double-quoted text in a token stream: pairs opening and
// closing marks (curly or straight, mixed), never across a paragraph break,
// and links a quote left open at a paragraph end to the next paragraph when
// that paragraph re-opens a quote or runs on to a closing mark without
// re-opening (multi-paragraph quotations). A straight opener typed with a
// space after it (`said," Text".`) is repaired when the next mark of its
// paragraph also closes. Single quotes
// inside are left as content. Pure; thread-safe.
#ifndef CLAIMCHECK_SERVER_EXTRACT_QUOTE_SPANS_H_
#define CLAIMCHECK_SERVER_EXTRACT_QUOTE_SPANS_H_

#include <cstdint>
#include <vector>

#include "absl/strings/string_view.h"
#include "server/extract/text_scan.h"

namespace claimcheck::extract {

struct QuoteSpan {
  uint32_t open_tok = 0;    // index of the opening mark token
  uint32_t close_tok = 0;   // index of the closing mark, or of the first
                            // token after the quoted words when not closed
  bool closed = false;      // ended by a closing mark
  uint32_t text_begin = 0;  // bytes between the marks, whitespace trimmed
  uint32_t text_end = 0;    // when unclosed
  uint32_t para = 0;
  int32_t group = -1;      // index of the first quote of a multi-paragraph
                           // quotation this one belongs to, or -1
  bool bare_open = false;  // a paragraph segment with no opening mark: it
                           // starts at the paragraph's first token
};

// Quote spans in document order. `tokens` must come from Tokenize(text).
// With `max_spans`, stops once more than that many are found and returns
// the first `max_spans`: the same spans, groups included, as the first
// `max_spans` of the whole list (a span's group is settled before the next
// span is found).
std::vector<QuoteSpan> FindQuoteSpans(absl::string_view text,
                                      const std::vector<Token>& tokens,
                                      size_t max_spans = SIZE_MAX);

}  // namespace claimcheck::extract

#endif  // CLAIMCHECK_SERVER_EXTRACT_QUOTE_SPANS_H_
