// Stop words: function words that carry little meaning, in one home. Three
// uses want different lists, and each list is kept exactly as its use has
// been measured with (changing one changes stored candidates, story
// signatures or verdicts):
//   kSearch   40 of the commonest words; candidate search (the memory index
//             does not list them; an FTS query drops them unless nothing else
//             is left).
//   kStory    the function words plus reporting words ("said", "new", "one");
//             story signatures leave them out of shingles.
//   kWording  the function words plus apostrophe-less contractions ("im",
//             "thats"); replacing one is not a changed word in a verdict.
//
// Pure; thread-safe (the table is built once, then immutable).
#ifndef CLAIMCHECK_SERVER_TEXT_STOPWORDS_H_
#define CLAIMCHECK_SERVER_TEXT_STOPWORDS_H_

#include "absl/strings/string_view.h"

namespace claimcheck::text {

enum class Stopwords { kSearch, kStory, kWording };

// Whether `word` is in `list`. Case-sensitive: the lists are lower case, so
// "The" is not a stop word ("the" is); callers pass normalised words.
bool IsStopword(absl::string_view word, Stopwords list);

}  // namespace claimcheck::text

#endif  // CLAIMCHECK_SERVER_TEXT_STOPWORDS_H_
