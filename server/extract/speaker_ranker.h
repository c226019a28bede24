// Chooses the speaker of a quotation by ranking candidate mentions with a
// fitted log-linear model, and says how likely the choice is to be right.
//
// The hand-written attribution rules (quotes.cc) still run first; their
// choice is one of the strongest features here, not the final word. For each
// quote the ranker collects the people and organisations mentioned in its
// paragraph and the paragraphs before it (bounded: at most
// kMaxCandidates, nearest first), describes each with the features listed in
// SpeakerFeature below, adds a "nobody here" candidate, and takes a softmax
// over the weights in attribution_model_data.cc. The probability of the best
// speaker (summed over its mentions) is mapped through a calibration table
// fitted out of fold, so `Choice::probability` is the chance that the speaker
// is right. Below kAbstainBelow the ranker names nobody.
//
// Pure; thread-safe once constructed (const methods only).
#ifndef CLAIMCHECK_SERVER_EXTRACT_SPEAKER_RANKER_H_
#define CLAIMCHECK_SERVER_EXTRACT_SPEAKER_RANKER_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "server/extract/quote_spans.h"
#include "server/extract/speaker_resolve.h"
#include "server/extract/text_scan.h"

namespace claimcheck::extract {

// Families of the hand-written rules, as the ranker sees them.
enum class RuleFamily : uint8_t {
  kNone,
  kAfterQuote,  // "...," he said / said Smith / - Smith
  kLeadIn,      // Smith said: "..." / colon paragraph
  kPartial,     // Smith called the talks "very good"
  kAccording,   // according to Smith
  kInherited,   // split_quote, multi_paragraph, paragraph_continuation
  kNearby,      // prev_sentence, prev_paragraph
};

// What the rules chose for one quote, and how the quote reads.
struct RuleVote {
  int mention = -1;  // into SpeakerIndex::mentions(), or -1
  RuleFamily family = RuleFamily::kNone;
  float confidence = 0;     // the rule's own hand-set confidence
  bool embedded = false;    // sits inside running text of its sentence
  bool speechlike = false;  // several words, starts like a sentence
};

// The features, in weight order. kSpeakerFeatureNames (speaker_ranker.cc)
// spells them for the fitting tool, which reads them from the candidate
// dump's header; keep the two lists in the same order.
enum SpeakerFeature : int {
  kF_is_null,
  kF_null_rule_none,
  kF_null_embedded,
  kF_null_no_same_para,
  kF_null_speechlike,
  kF_null_partial_rule,
  kF_null_inherited_rule,
  kF_after_quote,
  kF_same_para,
  kF_para_back_1,
  kF_para_back_2plus,
  kF_log_tok_dist,
  kF_same_sentence,
  kF_nearest_before,
  kF_nearest_after,
  kF_nearest_person_before,
  kF_adjacent_after,
  kF_adjacent_before,
  kF_speaks,
  kF_verb_between,
  kF_subject,
  kF_type_name,
  kF_type_pronoun,
  kF_type_role_noun,
  kF_type_org_noun,
  kF_type_office,
  kF_unresolved,
  kF_person,
  kF_organization,
  kF_place,
  kF_full_name,
  kF_has_role,
  kF_rule_mention,
  kF_rule_entity,
  kF_rule_after,
  kF_rule_lead_in,
  kF_rule_partial,
  kF_rule_according,
  kF_rule_inherited,
  kF_rule_nearby,
  kF_rule_confidence,
  kF_log_mentions,
  kF_in_lead,
  kF_spoke_prev_quote,
  kF_spoke_prev_para,
  kF_opens_para_prev_para,
  kF_opens_para_after,
  kF_pronoun_cue_here,
  kF_pronoun_cue_gender_ok,
  kF_pronoun_cue_gender_bad,
  kF_bias_candidate,
  kF_pronoun_rank_1,  // nearest compatible person before the cue pronoun
  kF_pronoun_rank_2,  // second nearest
  kF_pronoun_rank_3plus,
  kF_one_word,          // the speaker's name is one word ("Republican")
  kF_kind_unknown,      // neither person nor organisation is known
  kF_modifier,          // followed closely by another name: "Democratic
                        // presidential candidate Bernie Sanders"
  kF_spoke_same_para,   // the rules gave another quote of the paragraph to it
  kF_type_description,  // "a friend said": an unnamed source as written
  kF_prep_object,       // a name after a preposition: "in Nova Scotia"
  kF_after_determiner,  // a name after an article: "a San Diego law firm"
  kF_possessive,        // "Trump's remarks"
  kF_adjective_form,    // "Democratic claims", "Canadian actress"
  kF_common_word,       // a one-word name that is a common word capitalised
                        // ("Questions", "Allegedly"; common_words.h)
  kNumSpeakerFeatures
};

// Which kind of cue a quote has. Each context but the first has its own
// weights added to the shared ones, so pronoun-cued quotes learn their own
// use of distance and salience.
enum class CueContext : int { kName = 0, kPronoun = 1, kNone = 2 };
constexpr int kNumCueContexts = 3;
constexpr int kNumSpeakerWeights = kNumSpeakerFeatures * kNumCueContexts;

// Feature names in weight order ("is_null", "after_quote", ...).
extern const char* const kSpeakerFeatureNames[kNumSpeakerFeatures];

using FeatureVector = std::array<float, kNumSpeakerFeatures>;

// One candidate speaker of one quote. mention == -1 is "nobody here".
struct SpeakerCandidate {
  int mention = -1;
  std::string speaker;  // what Quote::speaker would say; empty for nobody
  FeatureVector x{};
};

class SpeakerRanker {
 public:
  static constexpr size_t kMaxCandidates = 24;
  // Paragraphs (with text) before the quote's own that are searched.
  static constexpr int kParagraphsBack = 3;

  // All references must outlive the ranker. `votes` has one entry per span.
  SpeakerRanker(absl::string_view text, const std::vector<Token>& tokens,
                const std::vector<QuoteSpan>& spans, const SpeakerIndex& index,
                const std::vector<RuleVote>& votes);

  // The candidates of quote `q` (an index into spans): "nobody" first, then
  // mentions with a speaker name, nearest first.
  std::vector<SpeakerCandidate> Candidates(size_t q) const;

  // The cue context of quote `q`.
  CueContext Context(size_t q) const;

  struct Choice {
    int mention = -1;        // best mention of the chosen speaker, or -1
    float probability = 0;   // calibrated chance that the speaker is right
    bool abstained = false;  // a best guess existed but was too unlikely
  };
  // Scores `candidates` (from Candidates(q)) and picks a speaker.
  Choice Choose(size_t q,
                const std::vector<SpeakerCandidate>& candidates) const;

  // The speaker string a mention stands for (entity canonical name, or the
  // description for an unresolved "the official"); empty when none.
  std::string SpeakerOf(int mention) const;

 private:
  void FillGeometry(size_t q, const Mention& m, FeatureVector* x) const;
  void FillMention(const Mention& m, FeatureVector* x) const;
  void FillRule(size_t q, int mention, FeatureVector* x) const;
  void FillSalience(size_t q, const Mention& m, FeatureVector* x) const;
  void FillPronounCue(size_t q, const Mention& m, FeatureVector* x) const;
  // What the words around a name say of its role in the sentence: object
  // of a preposition, modifier after an article, possessive.
  void FillSyntax(const Mention& m, FeatureVector* x) const;
  // Word `k` reads as an adjective before a lower-case noun: it ends like
  // one ("-an", "-ic", "-ish", "-ese"), is no first name, and no speech
  // verb follows ("Canadian actress", not "Duncan said").
  bool AdjectiveBefore(size_t k) const;
  void MarkNearest(size_t q, std::vector<SpeakerCandidate>* cands) const;
  // Ranks the candidates that could be the cue pronoun's referent.
  void MarkPronounRanks(size_t q, std::vector<SpeakerCandidate>* cands) const;
  bool Modifier(int mention) const;
  FeatureVector NullFeatures(size_t q) const;
  // Ordinal of a paragraph among those that hold tokens.
  int ParaOrdinal(uint32_t para) const;
  // Fills sent_ends_before_ and verbs_before_.
  void CountSentenceEndsAndVerbs();
  // Whether tokens [from, to) hold a sentence end / a lower-case speech
  // verb; O(1).
  bool SentenceBetween(size_t from, size_t to) const;
  bool SpeechVerbBetween(size_t from, size_t to) const;
  bool SpeechVerbNear(const Mention& m) const;
  int EntityOf(int mention) const;

  absl::string_view text_;
  const std::vector<Token>& tokens_;
  const std::vector<QuoteSpan>& spans_;
  const SpeakerIndex& index_;
  const std::vector<RuleVote>& votes_;
  std::vector<int> para_ordinal_;       // per paragraph id
  std::vector<int> mentions_before_;    // per mention: earlier same-entity
  std::vector<int> entity_first_para_;  // per entity: paragraph ordinal
  // Per token k: sentence ends / lower-case speech verbs in tokens [0, k).
  std::vector<uint32_t> sent_ends_before_;
  std::vector<uint32_t> verbs_before_;
};

}  // namespace claimcheck::extract

#endif  // CLAIMCHECK_SERVER_EXTRACT_SPEAKER_RANKER_H_
