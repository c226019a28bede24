#include "server/extract/quote_keep.h"

#include <cmath>

#include "server/extract/attribution_model.h"

namespace claimcheck::extract {

const char* const kQuoteFeatureNames[kNumQuoteFeatures] = {
    "bias",
    "log_words",
    "one_word",
    "two_three_words",
    "four_five_words",
    "lower_start",
    "punct_end",
    "title_like",
    "embedded",
    "rule_found",
    "rule_after",
    "rule_lead_in",
    "rule_partial",
    "rule_inherited",
    "rule_nearby",
    "speaker_probability",
    "term_cue",
    "article_before",
    "first_person",
    "second_person",
    "whole_paragraph",
    "verb_in_sentence",
    "source_line",
    "multi_paragraph",
    "speechlike",
};

float QuoteProbability(const QuoteFeatureVector& x) {
  float s = 0;
  for (int f = 0; f < kNumQuoteFeatures; ++f) {
    s += attribution_model::kQuoteWeights[f] * x[f];
  }
  return 1.0f / (1.0f + std::exp(-s));
}

float QuoteKeepThreshold() { return attribution_model::kQuoteKeepThreshold; }

}  // namespace claimcheck::extract
