// Tokenizer for news text: one pass over the bytes, no allocation per token.
//
// Splits text into words, punctuation and quotation marks, each with its byte
// range and paragraph number (a paragraph ends at a line break). Tolerates any
// bytes, including invalid UTF-8: an undecodable byte is treated as a letter.
// Pure; thread-safe.
#ifndef CLAIMCHECK_SERVER_EXTRACT_TEXT_SCAN_H_
#define CLAIMCHECK_SERVER_EXTRACT_TEXT_SCAN_H_

#include <cstdint>
#include <vector>

#include "absl/strings/string_view.h"

namespace claimcheck::extract {

enum class TokenKind : uint8_t { kWord, kPunct, kQuoteMark };

// For kQuoteMark tokens: which way the mark faces.
enum class MarkDir : uint8_t {
  kNone,      // not a double quotation mark
  kOpen,      // “ „ «
  kClose,     // ” »
  kStraight,  // " (direction from context)
};

struct Token {
  uint32_t begin = 0;  // byte range [begin, end) in the text
  uint32_t end = 0;
  uint32_t para = 0;  // paragraph number, counting line breaks
  TokenKind kind = TokenKind::kWord;
  MarkDir mark = MarkDir::kNone;
  bool space_before = false;  // whitespace or text start before the token
  bool space_after = false;   // whitespace or text end after the token
  bool cap = false;           // a word starting with an ASCII capital
  bool lower = false;         // a word starting with an ASCII lower-case letter
};

// Tokens of `text` in order. Texts longer than 4 GiB are cut at 4 GiB.
std::vector<Token> Tokenize(absl::string_view text);

// Removes the tokens of paragraphs that are only publishing boilerplate
// ("Story continues below advertisement", "Advertisement"), so that the
// paragraphs around one read as adjacent and its words name no speaker.
// Linear in the tokens.
void DropBoilerplateParagraphs(absl::string_view text,
                               std::vector<Token>* tokens);

// An upper bound on the tokens Tokenize (or TokenizeForNumbers) makes of
// valid UTF-8 `text`, from one cheap pass over the bytes: a token starts
// only at punctuation, at a multi-byte character, or where a run of ASCII
// letters or of digits begins. For other bytes it may fall short (a hint
// only: the vector then grows as usual). Both tokenizers size their vector
// with it once: text dense with tokens (`"a" ` is three in four bytes)
// otherwise outgrew a guess of one token per five bytes and was copied
// into ever fresh memory, which cost more than the tokenising (issue 12).
size_t TokenCountBound(absl::string_view text);

inline absl::string_view TokenText(absl::string_view text, const Token& t) {
  return text.substr(t.begin, t.end - t.begin);
}

// ASCII case-insensitive equality.
bool WordEquals(absl::string_view a, absl::string_view b);

// `word` without a trailing possessive ('s, ’s, or a bare ’/' after s).
// Sets *possessive when one was removed.
absl::string_view StripPossessive(absl::string_view word, bool* possessive);

// Copies `word` lower-cased (ASCII) into `buf` (size `cap`) and returns a view
// of it, or an empty view when `word` does not fit.
absl::string_view LowerInto(absl::string_view word, char* buf, size_t cap);

}  // namespace claimcheck::extract

#endif  // CLAIMCHECK_SERVER_EXTRACT_TEXT_SCAN_H_
