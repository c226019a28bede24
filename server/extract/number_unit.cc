#include "server/extract/number_unit.h"

#include "absl/strings/match.h"
#include "server/extract/number_context.h"
#include "server/extract/number_parse.h"
#include "server/extract/word_table.h"

namespace claimcheck::extract {
namespace {

using Toks = std::vector<NumToken>;

// Lower-case words that end a counted thing.
constexpr absl::string_view kStops[] = {
    "a",         "an",      "the",       "this",         "that",
    "these",     "those",   "of",        "in",           "on",
    "at",        "by",      "for",       "from",         "to",
    "with",      "without", "into",      "onto",         "over",
    "under",     "about",   "after",     "before",       "during",
    "since",     "until",   "than",      "as",           "per",
    "and",       "or",      "but",       "nor",          "so",
    "yet",       "if",      "when",      "while",        "where",
    "who",       "whom",    "whose",     "which",        "what",
    "was",       "were",    "is",        "are",          "be",
    "been",      "being",   "am",        "has",          "have",
    "had",       "do",      "does",      "did",          "will",
    "would",     "shall",   "should",    "can",          "could",
    "may",       "might",   "must",      "said",         "says",
    "say",       "told",    "according", "including",    "against",
    "between",   "among",   "amid",      "across",       "through",
    "via",       "up",      "down",      "out",          "off",
    "last",      "next",    "ago",       "earlier",      "later",
    "yesterday", "today",   "tomorrow",  "tonight",      "it",
    "its",       "he",      "she",       "they",         "we",
    "you",       "his",     "her",       "their",        "our",
    "my",        "your",    "them",      "him",          "us",
    "me",        "not",     "no",        "also",         "only",
    "just",      "still",   "even",      "each",         "every",
    "all",       "both",    "some",      "more",         "less",
    "most",      "least",   "there",     "here",         "then",
    "now",       "again",   "already",   "respectively", "around",
    "like",      "near",    "within",    "toward",       "towards",
    "despite",   "because", "whether",   "such",         "s",
    "t",         "own",     "other",     "another",      "get",
    "got",       "go",      "went",      "make",         "made",
    "take",      "took",    "come",      "came",         "see",
    "saw",       "give",    "gave",      "remain",       "remains",
    "live",      "lives",   "die",       "died",         "left",
    "hit",       "set",     "run",       "ran"};

// Units of measure that are counted in the singular form ("5 km").
constexpr absl::string_view kMeasures[] = {
    "km",  "kg",   "cm", "mm", "mg", "lb",  "lbs", "ft",  "mph",
    "kph", "km/h", "mw", "gw", "kw", "mwh", "gwh", "kwh", "ha",
    "bpd", "ml",   "sq", "mi", "oz", "kt",  "gb",  "tb",  "mb"};

constexpr absl::string_view kDays[] = {"monday",   "tuesday", "wednesday",
                                       "thursday", "friday",  "saturday",
                                       "sunday"};

enum : uint64_t {
  kInStops = uint64_t{1} << 0,
  kInMeasures = uint64_t{1} << 1,
  kInDays = uint64_t{1} << 2,
};
const WordTable& UnitWords();

// Whether `w` is in one of the lists `mask`, ASCII case-insensitively.
bool InLower(absl::string_view w, uint64_t mask) {
  return UnitWords().Has(w, mask);
}

// Every list of this file in one table: one probe per word.
const WordTable& UnitWords() {
  static const WordTable* table = [] {
    auto* t = new WordTable;
    t->Add(kStops, kInStops);
    t->Add(kMeasures, kInMeasures);
    t->Add(kDays, kInDays);
    return t;
  }();
  return *table;
}

bool IsWeekdayOrMonth(absl::string_view w) {
  return IsMonthName(w) || InLower(w, kInDays);
}

bool GluedHyphenWord(const Toks& t, size_t i) {
  return i + 1 < t.size() && t[i].IsPunct("-") && !t[i].space_before &&
         !t[i + 1].space_before && t[i + 1].IsWord();
}

}  // namespace

CountedThing ReadCountedThing(const Toks& t, size_t i, size_t limit,
                              bool after_of, bool singular_ok) {
  CountedThing out;
  out.unit_begin = out.unit_end = out.end = i;
  if (limit > t.size()) limit = t.size();
  size_t k = i;
  if (after_of) {
    if (k >= limit || !t[k].IsWord() || !EqualsLower(t[k].text, "of")) {
      return out;
    }
    ++k;
  }
  // "5-year", "three-day": the word glued to the number is the unit.
  if (k == i && GluedHyphenWord(t, k) && k + 1 < limit) {
    out.unit_begin = k + 1;
    out.unit_end = out.end = k + 2;
    return out;
  }
  bool plural_head = false;
  size_t caps_begin = k;
  size_t caps_end = k;
  size_t lower_begin = 0;
  size_t lower_end = 0;
  int lowers = 0;
  while (k < limit && t[k].IsWord() && lowers < 4) {
    const NumToken& w = t[k];
    if (k > i && w.sentence_start) break;
    size_t e = k + 1;  // one past this word, with glued hyphen compounds
    while (e + 1 < limit && GluedHyphenWord(t, e)) e += 2;
    if (w.IsCapitalized()) {
      if (lowers > 0 || IsWeekdayOrMonth(w.text) ||
          caps_end - caps_begin >= 3) {
        break;
      }
      caps_end = k = e;
      if (LooksPlural(t[e - 1].text)) break;  // "100,000 Greeks worship"
      continue;
    }
    if (lowers == 0 && InLower(w.text, kInMeasures)) {  // "5 km", "3 mph"
      lower_begin = k;
      lower_end = e;
      ++lowers;
      plural_head = true;
      break;
    }
    if (InLower(w.text, kInStops) || IsNumberWord(w.text)) break;
    if (lowers > 0 &&
        (absl::EndsWith(w.text, "ed") || absl::EndsWith(w.text, "ing") ||
         absl::EndsWith(w.text, "ly"))) {
      break;
    }
    if (lowers == 0 && absl::EndsWith(w.text, "ly")) break;
    if (lowers == 0) lower_begin = k;
    lower_end = e;
    ++lowers;
    k = e;
    if (LooksPlural(t[e - 1].text)) {  // the head noun
      plural_head = true;
      break;
    }
  }
  // Without a plural head the words are rarely what is counted
  // ("the 50000 milestone", "sixteen doing ..."), except after one.
  if (lowers > 0 && !plural_head && !singular_ok) lowers = 0;
  if (lowers > 0) {
    out.unit_begin = lower_begin;
    out.unit_end = lower_end;
    out.end = lower_end;
  } else if (caps_end > caps_begin && LooksPlural(t[caps_end - 1].text)) {
    out.unit_begin = caps_begin;  // "500 Americans"
    out.unit_end = out.end = caps_end;
  }
  return out;
}

std::string UnitKey(absl::string_view unit) {
  size_t cut = unit.find_last_of(" -");
  if (cut == absl::string_view::npos) return Singularize(unit);
  return AsciiLower(unit.substr(0, cut + 1)) +
         Singularize(unit.substr(cut + 1));
}

}  // namespace claimcheck::extract
