// Matching and verdicts over quotes found in stored articles.
//
// Pure functions over candidates the caller fetched (from the store); no I/O.
// Candidates are views: they borrow the caller's strings, which must outlive
// the call. Results refer to candidates by their position in the input span.
// Thread-safe.
#ifndef CLAIMCHECK_SERVER_VERIFY_VERIFY_H_
#define CLAIMCHECK_SERVER_VERIFY_VERIFY_H_

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "server/extract/interval.h"
#include "server/extract/types.h"

namespace claimcheck::verify {

// ---- Thresholds (scores are ScoreMatch().score) ----

// At or above: the same words up to small function-word edits ("a" -> "the");
// counts as a match of the whole quote when no meaning change is found.
inline constexpr double kNearExactScore = 0.92;
// At or above (and not a match): the query is an altered version.
inline constexpr double kAlteredScore = 0.6;
// Lower bar for ALTERED when the difference flips a negation or a number
// ("I did it" vs "I didn't do it").
inline constexpr double kAlteredWithMeaningScore = 0.5;
// A contiguous fragment of at least kMinFragmentWords words scores at least
// kFragmentFloor (rising towards 1 as it covers more of the longer text), so
// truncations rank and group with their source.
inline constexpr double kFragmentFloor = 0.7;
inline constexpr int kMinFragmentWords = 3;
// Word alignments bigger than this many cells (after trimming the common
// prefix and suffix) are not searched: the middle counts as all different.
inline constexpr size_t kMaxAlignCells = size_t{1} << 20;
// A stored text that holds fewer than this share of the query's content
// words (ContentCoverage) is not a version of the query: NOT_FOUND, never
// ALTERED, however well a shared fragment scores.
inline constexpr double kMinContentCoverage = 0.5;
// An attribution whose confidence (a probability that the named speaker is
// right) is below this names nobody as far as a verdict is concerned: it can
// neither support nor contradict a claimed speaker.
inline constexpr double kMinAttributionConfidence = 0.5;

// One stored occurrence of a quote (borrowed views).
struct QuoteOccurrence {
  absl::string_view text;     // stored quote text as in the article
  absl::string_view speaker;  // canonical speaker; empty if none
  absl::string_view outlet;
  absl::string_view date;  // "YYYY-MM-DD" or empty
  // Id of the speaker record across articles; may be empty. Two occurrences
  // with the same non-empty id name the same speaker even when the names
  // differ (a merged spelling variant).
  absl::string_view speaker_id = {};
  // Confidence of the attribution to `speaker`, 0..1 (the extractor's
  // probability that the speaker is right); 1 when the caller has none.
  // AttributionConflicts lists only confident attributions.
  double confidence = 1;
  // What kind of speaker it is.
  extract::SpeakerKind speaker_kind = extract::SpeakerKind::kUnknown;
};

// One word-level edit from a stored text to a query text.
struct WordEdit {
  enum class Op { kEqual = 0, kDelete = 1, kInsert = 2 };
  Op op = Op::kEqual;
  std::string text;  // the words, space-joined (normalised form)
};

// How a query relates to one stored text.
struct MatchScore {
  double score = 0;                 // 0..1; 1 means equal after normalisation
  bool exact = false;               // equal after normalisation
  bool query_is_fragment = false;   // query's words are a contiguous run of
                                    // the stored text's (and shorter)
  bool stored_is_fragment = false;  // the reverse
  extract::Span matched;            // bytes of `stored` that the query covers
};

// Similarity of `query` to `stored` on normalised words (order-aware).
MatchScore ScoreMatch(absl::string_view query, absl::string_view stored);

// A query's normalised words, computed once for scoring it against many
// stored texts: ScoreMatch(MatchQuery(q), s) == ScoreMatch(q, s).
// Immutable once built; safe to share between threads.
class MatchQuery {
 public:
  explicit MatchQuery(absl::string_view query);
  MatchQuery(const MatchQuery&) = delete;
  MatchQuery& operator=(const MatchQuery&) = delete;

  // Views into words_: valid as long as this object.
  const std::vector<absl::string_view>& words() const { return views_; }

 private:
  std::vector<std::string> words_;
  std::vector<absl::string_view> views_;
};
MatchScore ScoreMatch(const MatchQuery& query, absl::string_view stored);

// Word-level diff from `from` to `to`, on normalised words. Runs of the same
// op are merged.
std::vector<WordEdit> WordDiff(absl::string_view from, absl::string_view to);

// Whether a diff changes meaning, and how ("negation added: not",
// "number changed: 3 -> 4", "name changed: Iran -> Iraq").
struct MeaningChange {
  bool changed = false;
  std::vector<std::string> reasons;
  bool negation_changed = false;  // a negation added or removed
  bool number_changed = false;    // a number changed, added or removed
  bool name_changed = false;      // a capitalised word replaced (raw overload)
};
// Reports negations added/removed, numbers changed/added/removed, and
// replaced content words ("word changed: a -> b"; stopwords ignored).
MeaningChange AssessMeaning(absl::Span<const WordEdit> diff);
// As above, but a replaced word written capitalised in `from_raw` or `to_raw`
// (the texts the diff was made from) is reported as "name changed", with the
// words as written.
MeaningChange AssessMeaning(absl::Span<const WordEdit> diff,
                            absl::string_view from_raw,
                            absl::string_view to_raw);

// Share (0..1) of the query's content words (words that are not function
// words, counted with multiplicity) that `stored` also holds; 1 when the query
// has none. "more than 95 percent" covers 2 of the 6 content words of "Sales
// fell by more than 95 percent in the northern provinces last winter".
double ContentCoverage(absl::string_view query, absl::string_view stored);

// True when the diff adds, removes or replaces any word that is not a
// function word ("a", "the", "of", ...): the wording is not the same quote.
bool ChangesContentWords(absl::Span<const WordEdit> diff);

// Normalised words of `text` that are not function words.
size_t CountContentWords(absl::string_view text);

// True when `claimed` names the same speaker as `canonical`: equal after
// SpeakerKey, or `claimed` is a surname / title+surname of `canonical`
// ("Trump", "Mr. Trump" vs "Donald Trump"). "Bill Clinton" is not
// "Hillary Clinton".
bool SameSpeaker(absl::string_view claimed, absl::string_view canonical);

enum class Verdict {
  kSupported = 1,
  kMisattributed = 2,
  kAltered = 3,
  kPartial = 4,
  kNotFound = 5,
  // Found with these words, but no source names a speaker with at least
  // kMinAttributionConfidence: a claimed speaker is unconfirmed.
  kUnattributed = 6,
};

// What the evidence says about the claimed speaker.
enum class SpeakerCheck {
  kNotChecked = 0,    // no speaker claimed, or nothing found
  kConfirmed = 1,     // the weighed sources name the claimed speaker
  kContradicted = 2,  // the weighed sources name someone else
  kUnconfirmed = 3,   // no source names a speaker confidently
};

struct VerifyResult {
  Verdict verdict = Verdict::kNotFound;
  double score = 0;
  size_t best = 0;  // index of the deciding candidate (unless kNotFound)
  std::string attributed_speaker;  // speaker per the deciding evidence
  std::vector<WordEdit> diff;      // stored -> query (kAltered, kPartial)
  MeaningChange meaning;
  std::vector<size_t> evidence;  // candidates supporting the verdict,
                                 // earliest date first
  std::string explanation;       // one line
  // Probability-like confidence that the verdict is right, 0..1 (see
  // VerdictConfidence in verdict.cc for how it is computed).
  double confidence = 0;
  SpeakerCheck speaker_check = SpeakerCheck::kNotChecked;
};

// Decides a verdict for `query` (and optional `claimed_speaker`, empty for
// none) against `candidates`.
//
// Wording first: the same words (or near-exact) give SUPPORTED, a
// contiguous run of a longer quote PARTIAL, a close version ALTERED (only
// when it holds at least kMinContentCoverage of the query's content words),
// otherwise NOT_FOUND. Then the speaker, from attributions with confidence
// >= kMinAttributionConfidence: the claimed speaker is confirmed when the
// confidence-weighted sources favour them (SUPPORTED / PARTIAL),
// contradicted when they name someone else (MISATTRIBUTED), and unconfirmed
// when no source names anyone confidently (UNATTRIBUTED for the whole quote;
// PARTIAL / ALTERED say so in speaker_check and the explanation).
//
// Confidence (VerifyResult::confidence) = wording probability x speaker
// probability:
// - wording, whole or fragment: 1 - 0.5^n for n query words (capped at
//   0.99), times the match score for a near-exact match: a 2-word match may
//   be a different utterance, a 10-word one hardly;
// - ALTERED: the mean of match score and content coverage, clamped to
//   [0.5, 0.95]; NOT_FOUND: 1 minus that mean for the closest candidate,
//   clamped to [0.5, 0.99] (0.99 when nothing came close);
// - speaker (SUPPORTED / MISATTRIBUTED, and PARTIAL with a claimed speaker):
//   p = sigmoid(sum of logit(c) over outlets naming the claimed speaker -
//   sum of logit(c) over outlets naming someone else), c the best attribution
//   confidence per outlet and side, clamped to [0.05, 0.99] (naive Bayes with
//   a 0.5 prior); SUPPORTED multiplies by p, MISATTRIBUTED by 1 - p. Candidates
//   dated after `claimed_date` (if not
// empty) are ignored.
// `claimed_speaker_id`, when not empty, is the speaker record the claimed
// name resolves to: candidates with that speaker_id count as the claimed
// speaker too (spelling variants merged into one record).
VerifyResult VerifyQuote(absl::string_view query,
                         absl::string_view claimed_speaker,
                         absl::string_view claimed_date,
                         absl::Span<const QuoteOccurrence> candidates,
                         absl::string_view claimed_speaker_id = {});

enum class Agreement {
  kConsistent = 1,
  kCompatible = 2,
  kWordingVariant = 3,
  kAttributionConflict = 4,
  kConflicting = 5,
};

struct QuoteVariant {
  size_t index = 0;            // into candidates
  double score = 0;            // similarity to the fullest version
  std::vector<WordEdit> diff;  // fullest -> this; empty when identical
  bool truncated = false;      // a fragment of the fullest version
};

struct SpeakerCount {
  std::string speaker;
  int count = 0;
};

struct QuoteReport {
  Agreement agreement = Agreement::kConsistent;
  size_t fullest = 0;                  // index into candidates
  std::vector<QuoteVariant> variants;  // earliest first
  std::vector<SpeakerCount> speakers;  // most frequent first
  bool wording_agrees = true;          // all identical after normalisation, or
                                       // truncations of the fullest
  bool speaker_agrees = true;  // all name the same speaker (SameSpeaker)
  std::string summary;         // names which outlet says whom on conflict
};

// Report on the occurrences of the utterance `query` among `candidates`
// (those scoring at least `min_score` against it). Empty variants when none.
QuoteReport QuoteConsistency(absl::string_view query,
                             absl::Span<const QuoteOccurrence> candidates,
                             double min_score = 0.6);

// Groups `occurrences` into utterances (same words, truncations or close
// variants) and reports on each; groups ordered by size, largest first.
// Each occurrence is scored against every group so far (up to n^2 / 2
// scores), so `cancelled` (may be empty) is polled as it goes: once it
// fires the result is incomplete and the caller should discard it.
std::vector<QuoteReport> GroupQuotes(
    absl::Span<const QuoteOccurrence> occurrences, double min_score = 0.6,
    const std::function<bool()>& cancelled = {});

// ---- Numbers ----

// Claim intervals live in extract (the store's memory index keeps them);
// see server/extract/interval.h.
using extract::ComparableInterval;
using extract::Interval;
using extract::kAboutTolerance;
using extract::ToInterval;

// True when two claims state the same sort of quantity and so may be
// compared: the same kind (an age is not a duration, a count not a bare
// number; claims stored before kinds existed compare with any kind), and
// both the size of a change or both a level ("rose 5%" vs "at 5%").
bool SameKindOfQuantity(const extract::Quantity& a, const extract::Quantity& b);

// Compared on ComparableInterval.
// CONSISTENT: same value (or same interval). COMPATIBLE: intervals overlap,
// or the two are not SameKindOfQuantity (they never conflict).
// CONFLICTING: disjoint.
Agreement CompareQuantities(const extract::Quantity& a,
                            const extract::Quantity& b);

struct QuantityObservation {
  const extract::Quantity* quantity = nullptr;  // not owned
  absl::string_view outlet;
  absl::string_view date;
};

// Most conflict lines a QuantityReport spells out; the rest are counted.
inline constexpr size_t kMaxListedConflicts = 50;

struct QuantityReport {
  Agreement agreement = Agreement::kConsistent;  // worst over all pairs
  std::vector<Interval> intervals;               // per observation
  // "Outlet A (1,000-3,000) vs Outlet B (5,000): disjoint", the first
  // kMaxListedConflicts conflicting pairs in observation order.
  std::vector<std::string> conflicts;
  int64_t conflict_count = 0;  // conflicting pairs in all
  std::string summary;
};
// Observations with identical intervals are compared once, so the cost is
// O(n + g^2) for g distinct intervals plus the listed lines, not O(n^2).
// `cancelled` (may be empty) is polled in the g^2 loop: once it fires the
// report is incomplete and the caller should discard it.
QuantityReport QuantityConsistency(
    absl::Span<const QuantityObservation> observations,
    const std::function<bool()>& cancelled = {});

// What QuantityConsistency compares of one observation, without the claim:
// its ComparableInterval, kind and change role (`stated` false: no quantity,
// compared with nothing).
struct QuantityKey {
  Interval interval;
  int kind = 0;  // extract::QuantityKind
  bool is_delta = false;
  bool stated = true;
};
// QuantityConsistency's verdict over keys: the conflicting pairs it would
// spell out (observation indices, i < j, the first kMaxListedConflicts in
// observation order) instead of their lines.
struct QuantityPairs {
  Agreement agreement = Agreement::kConsistent;
  int64_t conflict_count = 0;
  size_t stated = 0;
  std::vector<std::pair<size_t, size_t>> conflicts;
};
QuantityPairs CompareQuantityKeys(absl::Span<const QuantityKey> keys,
                                  const std::function<bool()>& cancelled = {});
// The line QuantityConsistency lists for a conflicting pair.
std::string QuantityConflictLine(const QuantityObservation& a,
                                 const QuantityObservation& b);
// QuantityConsistency's summary of `pairs`, given its conflict lines.
std::string QuantitySummary(const QuantityPairs& pairs,
                            absl::Span<const std::string> conflicts);

}  // namespace claimcheck::verify

#endif  // CLAIMCHECK_SERVER_VERIFY_VERIFY_H_
