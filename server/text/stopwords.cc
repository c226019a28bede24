#include "server/text/stopwords.h"

#include <cstdint>

#include "server/text/word_table.h"

namespace claimcheck::text {
namespace {

uint64_t Bit(Stopwords list) { return uint64_t{1} << static_cast<int>(list); }

// In the story and the wording lists.
constexpr absl::string_view kFunctionWords[] = {
    "a",     "an",     "the",    "and",   "or",    "but",   "of",    "to",
    "in",    "on",     "at",     "for",   "with",  "by",    "from",  "as",
    "is",    "are",    "was",    "were",  "be",    "been",  "being", "am",
    "it",    "its",    "this",   "that",  "these", "those", "there", "here",
    "i",     "we",     "you",    "he",    "she",   "they",  "me",    "us",
    "him",   "her",    "them",   "my",    "our",   "your",  "his",   "their",
    "so",    "very",   "really", "just",  "also",  "then",  "than",  "too",
    "do",    "does",   "did",    "have",  "has",   "had",   "will",  "would",
    "shall", "should", "can",    "could", "may",   "might", "must",  "which",
    "who",   "what",   "if",     "about", "into",  "up",    "out",
};

constexpr absl::string_view kStoryOnly[] = {
    "not", "no",  "said",  "says", "say",  "new",
    "one", "two", "after", "over", "more",
};

constexpr absl::string_view kWordingOnly[] = {
    "im", "weve", "ive", "youre", "theyre", "hes", "shes", "thats",
};

// A subset of kFunctionWords.
constexpr absl::string_view kSearchWords[] = {
    "a",     "an",   "and",  "are", "as",   "at", "be",   "been", "but",  "by",
    "for",   "from", "had",  "has", "have", "he", "her",  "his",  "i",    "in",
    "is",    "it",   "its",  "of",  "on",   "or", "our",  "she",  "that", "the",
    "their", "they", "this", "to",  "was",  "we", "were", "will", "with", "you",
};

const WordTable& Table() {
  static const WordTable* const table = [] {
    auto* t = new WordTable;
    t->Add(kFunctionWords, Bit(Stopwords::kStory) | Bit(Stopwords::kWording));
    t->Add(kStoryOnly, Bit(Stopwords::kStory));
    t->Add(kWordingOnly, Bit(Stopwords::kWording));
    t->Add(kSearchWords, Bit(Stopwords::kSearch));
    return t;
  }();
  return *table;
}

bool HasAsciiUpper(absl::string_view w) {
  for (char c : w) {
    if (c >= 'A' && c <= 'Z') return true;
  }
  return false;
}

}  // namespace

bool IsStopword(absl::string_view word, Stopwords list) {
  // The table matches any case; the lists are lower case and the contract
  // is an exact match.
  return Table().Has(word, Bit(list)) && !HasAsciiUpper(word);
}

}  // namespace claimcheck::text
