// Reading the value of one number as written in news text: numerals
// ("1,000", "1.5"), number words ("three", "a dozen", "twenty-eight
// thousand", "two-thirds"), scale words and suffixes ("million", "bn", "k"),
// currency marks ("$", "HK$", "EUR", "euros") and plural nouns. Pure; the
// word lists are constants, so everything here is thread-safe.
#ifndef CLAIMCHECK_SERVER_EXTRACT_NUMBER_PARSE_H_
#define CLAIMCHECK_SERVER_EXTRACT_NUMBER_PARSE_H_

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "server/extract/number_tokens.h"

namespace claimcheck::extract {

// "1,000" -> 1000, "1.5" -> 1.5. nullopt for anything else, including
// version-like "3.9.1".
std::optional<double> ParseNumeral(absl::string_view digits);

// Scale of a word written after a number: "hundred" 100, "thousand",
// "million" / "mn" / "mln" / "m" 1e6, "billion" / "bn" / "bln" / "b",
// "trillion" / "tn" / "trn", "k" 1e3. Case-insensitive. The one-letter
// forms "m" and "b" count only when `money` is true (otherwise "100m" is
// metres); "k" always counts.
std::optional<double> ScaleWordValue(absl::string_view word, bool money);

// The value of a run of number words starting at token `i`.
struct WordNumber {
  double value = 0;
  size_t next = 0;            // first token after the run
  int words = 0;              // number words read (articles not counted)
  bool fraction = false;      // "two-thirds", "a quarter", "half"
  bool only_article = false;  // began with "a"/"an" ("a dozen")
};

// Reads "three", "twenty-eight thousand", "two hundred and fifty", "a dozen",
// "half a million", "two-thirds", "a third" (the last two only before "of").
// nullopt when token `i` does not start one. Capped at 1e15.
std::optional<WordNumber> ParseNumberWords(const std::vector<NumToken>& toks,
                                           size_t i);

// Denominator of a fraction word: "half" 2, "thirds" 3, "quarter" 4,
// "tenth" 10; nullopt for other words. Case-insensitive.
std::optional<int> DenominatorValue(absl::string_view word);

// True for the words "zero" .. "ninety-nine", "hundred", "thousand", ...
bool IsNumberWord(absl::string_view word);

// ISO 4217 code for a currency written before a number ("$", "US$", "£",
// "€", "HK$", "EUR", "GBP") or after it ("dollars", "euros", "yen"); empty
// when `mark` is not one. `mark` is the exact text, case-sensitive for
// symbols and codes.
absl::string_view CurrencyPrefix(absl::string_view mark);
absl::string_view CurrencyWord(absl::string_view word);

// True if `word` (lower or mixed case) looks like an English plural noun:
// "missiles", "people", "children"; false for "glass", "virus", "analysis".
bool LooksPlural(absl::string_view word);

// Lower-cased singular of a plural noun: "missiles" -> "missile",
// "countries" -> "country", "people" -> "person". Non-plurals are only
// lower-cased.
std::string Singularize(absl::string_view word);

// ASCII lower case copy.
std::string AsciiLower(absl::string_view s);

}  // namespace claimcheck::extract

#endif  // CLAIMCHECK_SERVER_EXTRACT_NUMBER_PARSE_H_
