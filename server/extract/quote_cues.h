// Cue words for quote attribution: speech verbs ("said", "told", "posted"),
// the adverbs and auxiliaries that may sit between a speaker and the verb
// ("also", "has"), and the nouns that name a channel ("statement",
// "interview"). ASCII case-insensitive, allocation-free. Pure; thread-safe.
#ifndef CLAIMCHECK_SERVER_EXTRACT_QUOTE_CUES_H_
#define CLAIMCHECK_SERVER_EXTRACT_QUOTE_CUES_H_

#include "absl/strings/string_view.h"

namespace claimcheck::extract {

// "said", "says", "told", "added", "wrote", "posted", "tweeted", "argued",
// "described", "called", ... (past and present forms).
bool IsSpeechVerb(absl::string_view word);

// Verbs that publish rather than speak ("posted", "tweeted", "wrote"): their
// channel includes the verb ("posted on X").
bool IsPostingVerb(absl::string_view word);

// Words that may stand between a subject and its verb: "also", "later",
// "has", "had", "previously", "then", "again".
bool IsVerbFiller(absl::string_view word);

// Nouns naming where words were said: "statement", "interview", "post".
bool IsChannelNoun(absl::string_view word);

}  // namespace claimcheck::extract

#endif  // CLAIMCHECK_SERVER_EXTRACT_QUOTE_CUES_H_
