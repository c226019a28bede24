// Word lists for recognising people and organisations in news text: first
// names with their usual sex, honorifics, role words, organisation words,
// places, and a few well-known public figures. All lookups are ASCII
// case-insensitive and allocation-free. Pure; thread-safe.
#ifndef CLAIMCHECK_SERVER_EXTRACT_NAMES_LEXICON_H_
#define CLAIMCHECK_SERVER_EXTRACT_NAMES_LEXICON_H_

#include <cstddef>

#include "absl/strings/string_view.h"

namespace claimcheck::extract {

enum class Gender : unsigned char { kUnknown, kFemale, kMale };

// Usual sex of a first name ("Brad" -> kMale). *known (may be null) tells
// whether the name is a known first name at all (ambiguous ones included).
Gender FirstNameGender(absl::string_view first, bool* known);

// "Mr", "Mr.", "Mrs.", "Dr.", "Adm.", "Sen.", "Sir" ...
bool IsHonorific(absl::string_view word);
// Sex implied by an honorific: Mr. -> male; Mrs./Ms./Miss -> female.
Gender HonorificGender(absl::string_view word);
// The lower-case role noun an honorific stands for ("Adm." -> "admiral"),
// or empty.
absl::string_view HonorificRole(absl::string_view word);

// Words that name an office in a title: "Minister", "President", "Envoy".
bool IsRoleWord(absl::string_view word);
// Lower-case nouns that refer back to a person by office: "minister",
// "admiral", "spokesman" (as in "the minister said").
bool IsRoleNoun(absl::string_view word);
// IsRoleNoun and IsOrgNoun in one lookup: bit 1 role noun, bit 2 org noun.
int NounClass(absl::string_view word);
// Lower-case plural nouns for groups of people: "supporters", "aides",
// "officials" (as in "Clinton supporters chanted").
bool IsPeopleGroupNoun(absl::string_view word);
// Words that make a capitalised phrase an organisation: "Ministry", "Agency".
bool IsOrgWord(absl::string_view word);
// Lower-case nouns for an organisation: "ministry", "company", "agency".
bool IsOrgNoun(absl::string_view word);
// Well-known organisations and outlets, as the whole phrase: "Pentagon",
// "White House", "Al Jazeera".
bool IsKnownOrg(absl::string_view phrase);
// Countries, regions and a few cities: "Iran", "Washington".
bool IsPlace(absl::string_view word);
// First words of place names that are no first names here: "Lake
// Cowichan", "Mount Pearl", "Fort McMurray", "Port Alberni", "Cape Breton".
bool IsPlacePrefix(absl::string_view word);
// Capitalised words that never start a name: "The", "But", "Monday", "He",
// number words ("Forty-three").
bool IsCapStopword(absl::string_view word);
// Cap stopwords that are also surnames after a first name: "Theresa May",
// "Michael Every", "Jill June" (months and "Every").
bool IsStopwordSurname(absl::string_view word);
// Speech verbs that end a capitalised run after its first word: "Clinton
// Says" in a title-case headline names "Clinton".
bool IsNameEndVerb(absl::string_view word);
// Full name of a well-known public figure from a surname ("Trump" ->
// "Donald Trump"), or empty.
absl::string_view KnownFullName(absl::string_view surname);

namespace names_internal {
struct FirstNameEntry {
  const char* name;
  char sex;  // 'f', 'm' or 'u'
};
extern const FirstNameEntry kFirstNames[];
extern const size_t kNumFirstNames;
}  // namespace names_internal

}  // namespace claimcheck::extract

#endif  // CLAIMCHECK_SERVER_EXTRACT_NAMES_LEXICON_H_
