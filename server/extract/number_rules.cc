#include "server/extract/number_rules.h"

#include "server/extract/number_context.h"
#include "server/extract/word_table.h"

namespace claimcheck::extract {
namespace {

using Toks = std::vector<NumToken>;

constexpr absl::string_view kCasualtyVerbs[] = {
    "killing",   "killed",   "kill",     "kills",  "wounding",  "wounded",
    "wound",     "injuring", "injured",  "injure", "injures",   "leaving",
    "rescued",   "rescuing", "saved",    "saving", "evacuated", "arrested",
    "arresting", "detained", "detaining"};
constexpr absl::string_view kReferenceNouns[] = {
    "sides",    "countries",  "nations",     "men",        "women",
    "leaders",  "parties",    "governments", "companies",  "firms",
    "states",   "groups",     "sides",       "brothers",   "sisters",
    "allies",   "rivals",     "candidates",  "presidents", "ministers",
    "powers",   "neighbours", "neighbors",   "teams",      "clubs",
    "players",  "sons",       "daughters",   "boys",       "girls",
    "suspects", "victims",    "officers",    "agencies",   "banks",
    "cities",   "airlines",   "incidents",   "cases",      "camps"};
constexpr absl::string_view kGroupNouns[] = {
    "panel",  "committee", "team",   "jury",    "board",   "council",
    "group",  "crew",      "squad",  "family",  "cabinet", "delegation",
    "groups", "teams",     "panels", "families"};
constexpr absl::string_view kMeasureNouns[] = {
    "meter",      "metre",      "kilometer",  "kilometre", "centimeter",
    "centimetre", "millimeter", "millimetre", "mile",      "foot",
    "inch",       "yard",       "hour",       "minute",    "second",
    "day",        "week",       "month",      "year",      "decade",
    "century",    "member",     "page",       "seat",      "person",
    "man",        "story",      "storey",     "floor",     "lane",
    "point",      "game",       "nation",     "country",   "state",
    "party",      "acre",       "hectare",    "ton",       "tonne",
    "pound",      "kilogram",   "gram",       "liter",     "litre",
    "gallon",     "bed",        "room",       "square",    "cubic"};
constexpr absl::string_view kRateDenominators[] = {
    "hour", "h",   "hr",   "second", "sec",  "s",     "minute",
    "min",  "day", "week", "month",  "year", "hours", "seconds"};
constexpr absl::string_view kOneIdioms[] = {
    "way",     "hand", "day",      "time",    "morning", "night",
    "evening", "step", "thing",    "side",    "bit",     "moment",
    "inch",    "more", "last",     "another", "other",   "year",
    "point",   "such", "thousand", "hundred", "million", "billion"};
constexpr absl::string_view kContainerNouns[] = {
    "collections", "rounds",  "branches",   "pieces",    "pairs",    "sets",
    "types",       "kinds",   "bottles",    "cups",      "barrels",  "tons",
    "tonnes",      "boxes",   "bags",       "sacks",     "loads",    "cases",
    "cans",        "glasses", "bowls",      "volumes",   "hectares", "acres",
    "litres",      "liters",  "gallons",    "cubic",     "units",    "packs",
    "cartons",     "crates",  "truckloads", "shipments", "batches",  "species",
    "varieties",   "strains", "doses",      "servings",  "rows",     "layers"};
constexpr absl::string_view kModals[] = {"would", "could", "should", "might"};
constexpr absl::string_view kPronouns[] = {"you", "we",  "they", "i",
                                           "he",  "she", "it"};
constexpr absl::string_view kAgeUnits[] = {"year", "years", "month", "months",
                                           "week", "weeks", "day",   "days"};

enum : uint64_t {
  kInCasualty = uint64_t{1} << 0,
  kInReference = uint64_t{1} << 1,
  kInGroup = uint64_t{1} << 2,
  kInMeasure = uint64_t{1} << 3,
  kInRate = uint64_t{1} << 4,
  kInOneIdiom = uint64_t{1} << 5,
  kInModal = uint64_t{1} << 6,
  kInPronoun = uint64_t{1} << 7,
  kInAgeUnit = uint64_t{1} << 8,
  kInContainer = uint64_t{1} << 9,
};

// Every list of this file in one table: one probe per word.
const WordTable& RuleWords() {
  static const WordTable* table = [] {
    auto* t = new WordTable;
    t->Add(kCasualtyVerbs, kInCasualty);
    t->Add(kReferenceNouns, kInReference);
    t->Add(kGroupNouns, kInGroup);
    t->Add(kMeasureNouns, kInMeasure);
    t->Add(kRateDenominators, kInRate);
    t->Add(kOneIdioms, kInOneIdiom);
    t->Add(kModals, kInModal);
    t->Add(kPronouns, kInPronoun);
    t->Add(kAgeUnits, kInAgeUnit);
    t->Add(kContainerNouns, kInContainer);
    return t;
  }();
  return *table;
}

bool In(const NumToken& tok, uint64_t mask) {
  return tok.IsWord() && RuleWords().Has(tok.text, mask);
}

bool IsWordTok(const Toks& t, size_t i, absl::string_view lower) {
  return i < t.size() && t[i].IsWord() && EqualsLower(t[i].text, lower);
}

bool IsApostrophe(const NumToken& tok) {
  return tok.IsPunct("'") || tok.IsPunct("\xE2\x80\x99");
}

}  // namespace

bool IsCounterfactual(const Toks& t, size_t first) {
  if (first >= t.size()) return false;
  const size_t sb = SentenceBegin(t, first);
  size_t s = sb;
  while (s < first && t[s].kind == TokKind::kPunct) ++s;
  // "Had it happened five hours earlier ...".
  if (s + 1 < first && t[s].IsWord() && t[s].text == "Had" &&
      t[s + 1].IsWord()) {
    return true;
  }
  bool had = false;
  for (size_t i = first; i-- > sb;) {
    const NumToken& w = t[i];
    // Only "had", "if" and the modals matter: skip other words unhashed.
    if (!w.IsWord() || w.text.size() < 2 || w.text.size() > 6) continue;
    const char c = w.text[0] | 0x20;
    if (c != 'h' && c != 'i' && c != 'w' && c != 'c' && c != 's' && c != 'm') {
      continue;
    }
    if (EqualsLower(w.text, "had")) had = true;
    if (had && EqualsLower(w.text, "if")) return true;  // "if it had ..."
    if (!In(w, kInModal)) continue;
    // "would have been", "could've scored", "would you ... ?".
    if (IsWordTok(t, i + 1, "have")) return true;
    if (i + 2 < t.size() && IsApostrophe(t[i + 1]) && !t[i + 1].space_before &&
        IsWordTok(t, i + 2, "ve")) {
      return true;
    }
    if (i + 1 < t.size() && In(t[i + 1], kInPronoun)) return true;
  }
  return false;
}

size_t AgeEnd(const Toks& t, size_t k) {
  const size_t start = k;
  if (k < t.size() && t[k].IsPunct("-")) ++k;
  if (k >= t.size() || !In(t[k], kInAgeUnit)) return start;
  ++k;
  if (k < t.size() && t[k].IsPunct("-")) ++k;
  if (IsWordTok(t, k, "old")) return k + 1;
  if (IsWordTok(t, k, "of") && IsWordTok(t, k + 1, "age")) return k + 2;
  return start;
}

bool IsCasualtyVerb(absl::string_view w) {
  return RuleWords().Has(w, kInCasualty);
}
bool IsReferenceNoun(absl::string_view w) {
  return RuleWords().Has(w, kInReference);
}
bool IsGroupNoun(absl::string_view w) { return RuleWords().Has(w, kInGroup); }
bool IsSingularMeasureNoun(absl::string_view w) {
  return RuleWords().Has(w, kInMeasure);
}
bool IsRateDenominator(absl::string_view w) {
  return RuleWords().Has(w, kInRate);
}
bool IsContainerNoun(absl::string_view w) {
  return RuleWords().Has(w, kInContainer);
}
bool IsOneIdiomNoun(absl::string_view w) {
  return RuleWords().Has(w, kInOneIdiom);
}

}  // namespace claimcheck::extract
