// Sentence context of a numeric claim: its subject ("Iran" in "Iran could
// field up to 60 missiles"), the time it refers to ("by 2035", "last
// year") and who asserted it ("A Defense Intelligence Agency report" in
// "A ... report released last year said that ..."). Rules over the tokens of
// number_tokens.h; pure and thread-safe.
#ifndef CLAIMCHECK_SERVER_EXTRACT_NUMBER_CONTEXT_H_
#define CLAIMCHECK_SERVER_EXTRACT_NUMBER_CONTEXT_H_

#include <cstddef>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "server/extract/number_tokens.h"

namespace claimcheck::extract {

// Tokens a sentence reaches on either side of a token. A longer sentence
// (a list, text without full stops) is cut to this window around the token,
// so the work per claim is bounded whatever the text: ordinary sentences
// are far shorter.
inline constexpr size_t kMaxSentenceReach = 128;

// Index of the first token of the sentence holding token `i`, and one past
// the last, each at most kMaxSentenceReach tokens from `i`. `i` must be
// < toks.size().
size_t SentenceBegin(const std::vector<NumToken>& toks, size_t i);
size_t SentenceEnd(const std::vector<NumToken>& toks, size_t i);

// The bytes of `text` from token `b` to the end of token `e - 1`; empty
// when b >= e.
absl::string_view TokenText(absl::string_view text,
                            const std::vector<NumToken>& toks, size_t b,
                            size_t e);

// True if token `i` is a bare four-digit year 1800..2100 ("2035").
bool IsYearToken(const std::vector<NumToken>& toks, size_t i);

// True for capitalised month names and their abbreviations ("June", "Feb").
bool IsMonthName(absl::string_view word);

struct ClaimContext {
  std::string subject;
  std::string time;
  std::string asserted_by;
};

// Context for the claim covering tokens [first, next). Each field is the
// text as written, or empty when the sentence does not give it.
ClaimContext FindClaimContext(absl::string_view text,
                              const std::vector<NumToken>& toks, size_t first,
                              size_t next);

}  // namespace claimcheck::extract

#endif  // CLAIMCHECK_SERVER_EXTRACT_NUMBER_CONTEXT_H_
