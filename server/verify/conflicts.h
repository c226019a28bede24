// Whole-index conflicts: pairs of sources that cannot both be right.
//
// Attribution: occurrences of one utterance that name different speakers.
// Only occurrences worth a fact-checker's time take part: the attribution is
// confident (confidence >= kMinConflictConfidence) and the quote substantive
// (at least kMinConflictContentWords content words; fragments and titles
// such as "red flag" are left out). Two speakers that may be one entity
// (MaybeSameEntity) never conflict.
// The caller groups candidates (e.g. by extract::MatchHash, or by shared
// words); within a group, two occurrences are the same utterance
// (SameUtterance) when their texts are equal after normalisation, or one is a
// fragment of the other (at least kMinFragmentWords words), or they score at
// least kAttributionVariantScore without the wording flipping a negation, a
// number or a name, or replacing a content word by another (that is an
// altered quote or another statement; words left out or added are not). A
// group may hold several utterances: each pair of speakers conflicts once per
// utterance they share. Speakers are
// clustered (same speaker record id, or SameSpeaker on the names); each pair
// of clusters holding the same utterance is one conflict, each side
// represented by its earliest occurrence that has a same-utterance partner on
// the other side (for identical texts: each cluster's earliest occurrence),
// and counts the occurrences of that side which are the same utterance.
// Cost: distinct normalised texts are compared pairwise, at most
// kMaxAttributionTexts of them per group (later ones only match identical
// text), so a group costs O(n * clusters + kMaxAttributionTexts^2) scores.
//
// Numeric: claims about one quantity (the caller groups them by unit key).
// Claims with the same interval and subject form one class; two classes
// conflict when CompareQuantities says CONFLICTING (disjoint intervals), and
//   - their subjects are equal when both give one (case-insensitive);
//   - their times are equal when both give one ("by 2035" vs "last year" is
//     two quantities, not a disagreement);
//   - neither article gives the unit key two different values (it then
//     speaks of two quantities in that unit, and which one the other
//     source's figure is about cannot be told);
//   - for generic units (percent, money, people, years, ...) both give the
//     same subject: "3 percent" and "40 percent" with no subject are
//     different things, not a conflict;
//   - the two sides do not all come from one article.
//
// Pure; thread-safe. Inputs are borrowed for the duration of the call.
#ifndef CLAIMCHECK_SERVER_VERIFY_CONFLICTS_H_
#define CLAIMCHECK_SERVER_VERIFY_CONFLICTS_H_

#include <cstddef>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "server/extract/types.h"
#include "server/verify/verify.h"

namespace claimcheck::verify {

// One conflict between two sides, by index into the caller's input.
struct ConflictPair {
  size_t a = 0;     // earlier side (see internal::Earlier order)
  size_t b = 0;     // later side
  int count_a = 1;  // occurrences agreeing with side a
  int count_b = 1;  // occurrences agreeing with side b
  std::string summary;
  // Why the two sides were taken to be about the same thing: "same words",
  // "one quotes part of the other", "close wording"; numeric: "same counted
  // thing 'missiles'; same subject 'iran'; same time 'last year'; same
  // dimension" (subject and time when both give them).
  std::string reason;
};

// The GroupQuotes / QuoteConsistency default threshold: close variants at
// or above it count as the same utterance (see the file comment).
inline constexpr double kAttributionVariantScore = 0.6;
// Distinct texts per group compared with ScoreMatch (see the file comment).
inline constexpr size_t kMaxAttributionTexts = 64;
// Least attribution confidence (QuoteOccurrence::confidence) for a quote to
// take part in an attribution conflict: a wrong conflict costs a
// fact-checker more than a missed one.
inline constexpr float kMinConflictConfidence = 0.9f;
// Least content words (CountContentWords) of a quote in an attribution
// conflict.
inline constexpr size_t kMinConflictContentWords = 3;

// True when the two occurrences' speakers may be one entity, so that
// attributing the same words to both is no conflict: the same speaker
// (record id or SameSpeaker); an organisation and a person (who may speak
// for it); one name's words all within the other's ("Glenn Beck" / "Glenn
// Beck CPAC"); an office and the person it is named after ("Netanyahu's
// office"); the same surname with first names that may be one name spelled
// two ways ("Tim" / "Timothy", "Vicente" / "Vincente"); generational
// suffixes are ignored ("Trump Jr." / "Donald Trump").
bool MaybeSameEntity(const QuoteOccurrence& a, const QuoteOccurrence& b);

// Whether `a` and `b` are the same utterance for attribution purposes (see
// the file comment).
bool SameUtterance(absl::string_view a, absl::string_view b);

// Conflicts among `group`, candidate occurrences of one utterance (identical
// texts, truncations or close variants). Unattributed occurrences are
// ignored. When the two sides' texts differ, the summary says how.
std::vector<ConflictPair> AttributionConflicts(
    absl::Span<const QuoteOccurrence> group);

// One stored claim, for NumericConflicts.
struct ClaimOccurrence {
  const extract::Quantity* quantity = nullptr;  // not owned
  absl::string_view article_id;
  absl::string_view outlet;
  absl::string_view date;
};

// True for unit keys too generic to compare without a subject.
bool IsGenericUnitKey(absl::string_view unit_key);

// Conflicts among `group`, claims with one unit key.
std::vector<ConflictPair> NumericConflicts(
    absl::Span<const ClaimOccurrence> group);

}  // namespace claimcheck::verify

#endif  // CLAIMCHECK_SERVER_VERIFY_CONFLICTS_H_
