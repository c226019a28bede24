// Whether a quoted span is a quotation someone spoke, rather than a title, a
// term or a scare quote: a logistic model over the span's features, fitted
// with the speaker ranker (tests/tools/attribution/fit.py) on labelled news.
// Pure; thread-safe.
#ifndef CLAIMCHECK_SERVER_EXTRACT_QUOTE_KEEP_H_
#define CLAIMCHECK_SERVER_EXTRACT_QUOTE_KEEP_H_

#include <array>

namespace claimcheck::extract {

// Span features, in weight order; kQuoteFeatureNames spells them.
enum QuoteFeature : int {
  kQ_bias,
  kQ_log_words,
  kQ_one_word,
  kQ_two_three_words,
  kQ_four_five_words,
  kQ_lower_start,
  kQ_punct_end,
  kQ_title_like,
  kQ_embedded,
  kQ_rule_found,
  kQ_rule_after,
  kQ_rule_lead_in,
  kQ_rule_partial,
  kQ_rule_inherited,
  kQ_rule_nearby,
  kQ_speaker_probability,
  kQ_term_cue,        // called / dubbed / so-called / the term ... before it
  kQ_article_before,  // "the" or "a" right before the mark
  kQ_first_person,    // I, we, my, our, me, us inside
  kQ_second_person,   // you, your inside
  kQ_whole_paragraph,
  kQ_verb_in_sentence,  // a speech verb in its sentence, outside quotes
  kQ_source_line,       // "Headline" - Outlet
  kQ_multi_paragraph,
  kQ_speechlike,  // six words or more, not lower-case, not a title
  kNumQuoteFeatures
};

extern const char* const kQuoteFeatureNames[kNumQuoteFeatures];

using QuoteFeatureVector = std::array<float, kNumQuoteFeatures>;

// The fitted probability that a span with features `x` is a quotation.
float QuoteProbability(const QuoteFeatureVector& x);

// Spans at or above this probability are kept.
float QuoteKeepThreshold();

}  // namespace claimcheck::extract

#endif  // CLAIMCHECK_SERVER_EXTRACT_QUOTE_KEEP_H_
