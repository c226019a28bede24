// Sentence-level rules that decide whether a number read by numbers.cc is a
// claim, and what an elided counted thing is: counterfactuals ("had it
// happened five hours earlier"), ages ("25 years old", "14-year-old"),
// casualty verbs ("killing 107 and wounding 238" count people), group nouns
// ("a panel of twelve" counts members), references ("the two sides"), and
// singular measure nouns used as compound modifiers ("a 24 hour news
// cycle"). Word lists are constants; everything here is pure and thread-safe.
#ifndef CLAIMCHECK_SERVER_EXTRACT_NUMBER_RULES_H_
#define CLAIMCHECK_SERVER_EXTRACT_NUMBER_RULES_H_

#include <cstddef>
#include <vector>

#include "absl/strings/string_view.h"
#include "server/extract/number_tokens.h"

namespace claimcheck::extract {

// True when the number starting at token `first` sits in a clause that is
// not asserted: an inverted conditional ("Had it happened ..."), or after
// "would/could/should/might have" ("could've scored two goals") or a
// "would you ...?" question, all within the same sentence.
bool IsCounterfactual(const std::vector<NumToken>& toks, size_t first);

// When the tokens from `k` read "years old", "-year-old", "month old" or
// "years of age", the number before `k` is an age: returns one past those
// words. Returns `k` otherwise.
size_t AgeEnd(const std::vector<NumToken>& toks, size_t k);

// "killing", "wounded", "injuring", ...: a bare number after one counts
// people. Case-insensitive.
bool IsCasualtyVerb(absl::string_view word);

// Nouns that, after "the" + a number, refer back to things already named
// ("the two sides", "the two countries", "the three men").
bool IsReferenceNoun(absl::string_view word);

// Nouns naming a body of members: "panel", "committee", "team", "jury".
// "the panel of twelve" counts members.
bool IsGroupNoun(absl::string_view word);

// Singular measure and duration nouns that may follow a number as a
// compound modifier without a hyphen: "15 meter", "24 hour", "20 minute",
// "12 year", "240,000 square meter". `word` is one word ("meter").
bool IsSingularMeasureNoun(absl::string_view word);

// Time nouns ("hour", "days", "years") that may follow "per" in a rate
// ("kilometers per hour").
bool IsRateDenominator(absl::string_view word);

// Plural nouns whose of-phrase names what is counted: "collections (of
// short stories)", "rounds (of artillery)", "branches (of government)".
bool IsContainerNoun(absl::string_view word);

// Idioms where a bare "one" is not a count: "one way", "one hand",
// "one day" (without "only"/"just" before it).
bool IsOneIdiomNoun(absl::string_view word);

}  // namespace claimcheck::extract

#endif  // CLAIMCHECK_SERVER_EXTRACT_NUMBER_RULES_H_
