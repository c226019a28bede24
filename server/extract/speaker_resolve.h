// Who is mentioned where: finds the people and organisations an article
// names outside its quotations, gives each a canonical name within the
// article ("Mr. Araghchi" -> "Abbas Araghchi", "the Pentagon" -> "Pentagon"),
// and resolves "he"/"she", "the admiral" and "the ministry" to them in
// document order (a pronoun prefers the subject of a recent sentence with a
// compatible sex). Built once per article; immutable afterwards, so const
// methods are safe for concurrent use. Pure.
#ifndef CLAIMCHECK_SERVER_EXTRACT_SPEAKER_RESOLVE_H_
#define CLAIMCHECK_SERVER_EXTRACT_SPEAKER_RESOLVE_H_

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/string_view.h"
#include "server/extract/names_lexicon.h"
#include "server/extract/quote_spans.h"
#include "server/extract/text_scan.h"
#include "server/extract/types.h"

namespace claimcheck::extract {

enum class MentionType : uint8_t {
  kName,      // "Mr. Araghchi", "Iranian Foreign Minister Abbas Araghchi"
  kPronoun,   // "he", "she"
  kRoleNoun,  // "the admiral", "the prime minister"
  kOrgNoun,   // "the ministry"
  kPossessiveOffice,  // "Mr. Netanyahu's office", "Iran's foreign ministry"
  kDescription,       // "a friend said", "..., said a longtime aide": never
                      // resolved; the description is the speaker
};

struct Mention {
  uint32_t first_tok = 0;  // whole phrase, role and "the" included
  uint32_t last_tok = 0;   // inclusive
  Span span;               // as a speaker mention: "Mr. Araghchi", "he"
  MentionType type = MentionType::kName;
  int entity = -1;       // index into SpeakerIndex::entities(), or -1
  bool subject = false;  // starts its sentence or governs a speech verb
  Span role;             // role words written with the name; may be empty
};

struct Entity {
  std::string canonical;  // "Abbas Araghchi", "Pentagon"
  SpeakerKind kind = SpeakerKind::kUnknown;
  bool place = false;  // a country or city ("Iran")
  Gender gender = Gender::kUnknown;
  std::string role;      // first role written with the name
  std::string role_key;  // lower-case role words and honorific roles
};

// The speaker an unresolved mention stands for: the description as written
// for a role noun, organisation noun or description ("the official", "a
// friend"; a leading "The" lower-cased), else empty.
std::string DescriptionSpeaker(absl::string_view text, const Mention& m);

class SpeakerIndex {
 public:
  // `text`, `tokens` and `quotes` must outlive the index.
  SpeakerIndex(absl::string_view text, const std::vector<Token>& tokens,
               const std::vector<QuoteSpan>& quotes);

  const std::vector<Mention>& mentions() const { return mentions_; }
  const std::vector<Entity>& entities() const { return entities_; }

  // The mention whose last token is `tok`, or null.
  const Mention* EndingAt(size_t tok) const;
  // The mention whose first token is `tok`, or null.
  const Mention* StartingAt(size_t tok) const;
  // Whether token `tok` lies inside a quotation (marks included).
  bool InQuote(size_t tok) const { return in_quote_[tok]; }
  // Whether token `tok` ends a sentence (. ! ? outside quotes; not the
  // period of an abbreviation before "," ")" or a lower-case word).
  bool SentenceEnd(size_t tok) const { return sent_end_[tok]; }

 private:
  void MarkQuotesAndSentences(const std::vector<QuoteSpan>& quotes);
  // A "." token that closes an abbreviation, not a sentence: "(R-Ariz.),".
  bool AbbreviationStop(size_t tok) const;
  struct Pending;     // below
  struct NameTables;  // below
  // How a capitalised run splits into role words and a name.
  struct NameSplit {
    size_t name_start = 0;  // first name word (== end: role words only)
    int honorific = -1;     // token of "Mr." / "Adm." before it, or -1
    bool has_role = false;  // role words were split off
  };
  // Capitalised names, organisations and role words ("Foreign Minister
  // Abbas Araghchi", "the Pentagon", "Prime Minister").
  void FindNames();
  // Token `k` is a word outside quotes in paragraph `para`.
  bool Usable(size_t k, uint32_t para) const;
  // The end of the capitalised run starting at `i` (connectors such as "of"
  // and "bin" included); *poss when its last word is possessive.
  size_t CapitalisedRunEnd(size_t i, bool* poss) const;
  // The run [i, j) names a day: "Christmas Day", "Election Day", "New
  // Year's Eve" (not "Doris Day").
  bool NamedDay(size_t i, size_t j) const;
  // The run ending before token `j` ends in a compound adjective ("Los
  // Angeles-based", "Saudi-led", "Canadian-born"): it names nobody.
  bool CompoundAdjective(size_t j) const;
  // The run [i, j) only modifies the speaker after it, which is a
  // description [*first, *last]: a plural noun for people ("Clinton
  // supporters chanted") or, after "a"/"one", a role noun within two
  // words ("a Clinton campaign official said").
  bool NamedDescription(size_t i, size_t j, size_t* first, size_t* last) const;
  // Token `j` == `i` + 1 is a surname that is also a cap stopword, after the
  // first name at `i`: "Theresa May said".
  bool SurnameAfterFirstName(size_t i, size_t j) const;
  // Entity `id`, or, when its gender is not `g`, the first person named in
  // full with the same surname and gender `g`: "Mr. Obama" after Barack and
  // Michelle Obama; -1 when there is none. One table lookup.
  int SameSurnameOfGender(int id, Gender g, const NameTables& names) const;
  // Mention `pd` has a title or honorific and its surname is a well-known
  // public figure's (KnownFullName) other than `e`, the person named before
  // with that surname: "President Obama" after Michelle Obama.
  static bool TitledPublicFigure(const Pending& pd, const Entity& e);
  // Token `i` is a speech verb, not a first name ("Said Jalili said"): it
  // follows a capitalised word in a title-case headline ("Clinton Said
  // Financial Reform") or opens an inverted attribution ("Said Ellis: ...").
  bool InvertedSpeechVerb(size_t i) const;
  // Capitalised token `i` cannot start a name: a cap stopword, a long word
  // or two words in capitals, or one of the two cases below.
  bool NeverStartsName(size_t i) const;
  // Token `i` and the next or the one before are words in capitals ("LOS
  // ANGELES", "ROLL TIDE").
  bool ShoutedPair(size_t i) const;
  // Token `i` opens its sentence with a participle, not a name: "Having
  // lost so much, ...", "Knowing Bardos was a fan, ...". Not a known first
  // name or place, and not before a speech verb or comma ("Manning said").
  bool ParticipleOpener(size_t i) const;
  NameSplit SplitRoleWords(size_t i, size_t j) const;
  // Where a person's name starts inside [from, j) after capitalised role or
  // organisation words ("NASA Administrator | Charles Bolden"), or SIZE_MAX.
  size_t PersonNameStart(size_t from, size_t j) const;
  // Fills a role-only mention for the run [i, j); false if it is none.
  bool RoleOnlyMention(size_t i, size_t j, bool the_before, Mention* m,
                       Pending* pd) const;
  // Fills the name mention of the run [i, j) split as `s`.
  void NameMention(size_t i, size_t j, const NameSplit& s, bool the_before,
                   Mention* m, Pending* pd) const;
  // A possessive name followed by an office noun within three words.
  void MarkPossessiveOffice(size_t j, const NameSplit& s, Mention* m,
                            Pending* pd) const;
  // Pronouns ("he", "she", "it" before a speech verb), role and
  // organisation nouns.
  void FindNounMentions();
  // Capitalised words a role noun may take as modifiers ("the New York
  // businessman").
  static constexpr size_t kMaxNounModifiers = 3;
  // Adds the role or organisation noun phrase after "the" at token `i`, if
  // any; marks in `absorbed` the tokens of one with capitalised modifiers.
  void RoleOrOrgNounAfter(size_t i, std::vector<bool>* absorbed);
  // Drops the name mentions that ended inside a role noun phrase: "Indiana"
  // in "the Indiana governor" is a modifier, not a speaker; so is a photo
  // credit.
  void DropAbsorbedNames(const std::vector<bool>& absorbed);
  // A photographer's credit under a picture: "(Lauren Pelley / CBC News)".
  bool PhotoCredit(const Mention& m) const;
  // Descriptions next to a speech verb where no other mention starts.
  void FindDescriptions();
  // The last word of a description starting at determiner `det`, or `det`
  // when none: lower-case words (at most four) in one paragraph, outside
  // quotes, stopping before a speech verb, an auxiliary or punctuation.
  size_t DescriptionEnd(size_t det, const std::vector<bool>& taken) const;
  // Whether the description [first, last] is the subject of a speech verb
  // ("a friend said") or follows a quote's "said" (", said a friend.").
  bool DescriptionSpeaks(size_t first, size_t last) const;
  // Names known so far in the article, while entities are assigned.
  struct NameTables {
    absl::flat_hash_map<std::string, int> by_name;     // canonical -> entity
    absl::flat_hash_map<std::string, int> by_surname;  // lower-case surname
    // Lower-case surname + GenderKey: the first person of that gender.
    absl::flat_hash_map<std::string, int> by_surname_gender;
  };
  // Gives every mention its entity (or none), in document order: full names
  // and organisations first, then surnames, pronouns and nouns.
  void AssignEntities();
  void SortMentions();
  // Whether mention `k` is a sentence subject or speaks; settles its kind.
  void MarkSubject(size_t k);
  void MergeInto(int id, const Pending& pd, const Mention& m);
  // Pass 1: entities for full names and organisations; fills `names` and
  // surnames_.
  void AssignFullNames(NameTables* names);
  // Pass 2 for a name mention: surname, known name, misspelling or new.
  int ResolveName(size_t k, NameTables* names);
  // A role noun: the person it stands in apposition to, else the nearest
  // holder of the role.
  int ResolveRoleNounMention(size_t k);
  int ResolvePronoun(size_t m, Gender g) const;
  int ResolveNeuterPronoun(size_t m) const;
  // "Nunzio Galantino, the secretary general," / "The secretary general of
  // X, Nunzio Galantino,": the person a role noun stands in apposition to.
  int AppositionOf(size_t m) const;
  // A person whose surname is spelled within a small edit distance of
  // `surname` (the article's own misspelling: "Bauchtman" / "Buchtmann").
  int FuzzySurname(absl::string_view surname) const;
  int ResolveRoleNoun(size_t m, absl::string_view noun) const;
  int ResolveOrgNoun(size_t m, absl::string_view noun) const;
  int AddEntity(std::string canonical, SpeakerKind kind);

  absl::string_view text_;
  const std::vector<Token>& tokens_;
  std::vector<bool> in_quote_;
  std::vector<bool> sent_start_;
  std::vector<bool> sent_end_;
  std::vector<Mention> mentions_;
  std::vector<int32_t> starting_at_;  // per token: mention index or -1
  std::vector<int32_t> ending_at_;
  std::vector<Entity> entities_;
  // Per mention, what entity assignment needs; dropped after construction.
  struct Pending {
    std::string canonical;  // name words, possessive stripped
    SpeakerKind kind = SpeakerKind::kUnknown;
    bool place = false;
    bool full = false;       // two or more name words, or an organisation
    bool honorific = false;  // "Mr.", "Adm." written with the name
    Gender gender = Gender::kUnknown;
    std::string role_key;    // lower-case: role words, honorific role
    absl::string_view noun;  // kRoleNoun/kOrgNoun: the head noun
    bool neuter = false;     // kPronoun "it": refers to an organisation
    bool speaks = false;     // governs a speech verb
  };
  std::vector<Pending> pending_;
  // Lower-case surname -> person entity; built during AssignEntities.
  std::vector<std::pair<std::string, int>> surnames_;
};

}  // namespace claimcheck::extract

#endif  // CLAIMCHECK_SERVER_EXTRACT_SPEAKER_RESOLVE_H_
