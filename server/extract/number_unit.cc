#include "server/extract/number_unit.h"

#include "absl/strings/match.h"
#include "server/extract/number_context.h"
#include "server/extract/number_parse.h"
#include "server/extract/number_rules.h"
#include "server/extract/numbers.h"
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

bool IsWordTok(const Toks& t, size_t i, absl::string_view lower) {
  return i < t.size() && t[i].IsWord() && EqualsLower(t[i].text, lower);
}

bool GluedHyphenWord(const Toks& t, size_t i) {
  return i + 1 < t.size() && t[i].IsPunct("-") && !t[i].space_before &&
         !t[i + 1].space_before && t[i + 1].IsWord();
}

bool IsLengthUnitWord(absl::string_view word);

bool IsPlainLower(const NumToken& tok) {
  return tok.IsWord() && !tok.IsCapitalized() && !InLower(tok.text, kInStops);
}

// One past a singular measure noun at `k` that modifies the noun after it
// ("24 hour news", "15 meter high", "square meter park"); `k` when none.
size_t SingularMeasureAt(const Toks& t, size_t k, size_t limit) {
  if (k >= limit || !t[k].IsWord() || t[k].IsCapitalized() ||
      !IsSingularMeasureNoun(t[k].text)) {
    return k;
  }
  size_t e = k + 1;
  if ((EqualsLower(t[k].text, "square") || EqualsLower(t[k].text, "cubic"))) {
    if (e >= limit || !t[e].IsWord() || !IsSingularMeasureNoun(t[e].text)) {
      return k;
    }
    ++e;
  }
  if (e >= limit || !t[e].IsWord() || t[e].newline_before) return k;
  if (!t[e].IsCapitalized() &&
      (InLower(t[e].text, kInStops) || IsNumberWord(t[e].text))) {
    return k;
  }
  return e;
}

// Extends a counted thing ending at `e` over what still belongs to it:
// a rate ("kilometers per hour", "km / h"), an of-phrase after a container
// noun ("two collections of short stories", "rounds of artillery") and a
// coordinated plural ("men and women", "photographs and other artifacts").
size_t ExtendUnit(const Toks& t, size_t e, size_t limit, bool plural_head) {
  if (!plural_head || e >= limit) return e;
  // "188 miles an hour" reads as "miles per hour".
  if (e + 2 < limit && (IsWordTok(t, e, "an") || IsWordTok(t, e, "a")) &&
      IsWordTok(t, e + 1, "hour") && IsLengthUnitWord(t[e - 1].text)) {
    return e + 2;
  }
  if (e + 1 < limit && (IsWordTok(t, e, "per") || t[e].IsPunct("/")) &&
      t[e + 1].IsWord() && IsRateDenominator(t[e + 1].text) &&
      IsLengthUnitWord(t[e - 1].text)) {
    return e + 2;
  }
  if (IsWordTok(t, e, "of") && IsContainerNoun(t[e - 1].text)) {
    size_t k = e + 1;
    while (k < limit && k < e + 4 && IsPlainLower(t[k]) &&
           !absl::EndsWith(t[k].text, "ing") &&
           !absl::EndsWith(t[k].text, "ed")) {
      ++k;
    }
    if (k > e + 1) return k;
    return e;
  }
  if (IsWordTok(t, e, "and")) {
    size_t k = e + 1;
    if (IsWordTok(t, k, "other")) ++k;
    for (size_t n = 0;
         k < limit && n < 3 && IsPlainLower(t[k]) &&
         !absl::EndsWith(t[k].text, "ed") && !absl::EndsWith(t[k].text, "ing");
         ++n, ++k) {
      if (LooksPlural(t[k].text)) return k + 1;
    }
  }
  return e;
}

// Right after the number (at *k) a compound modifier is the unit
// ("5-year", "six - member team", "18 fold", "a 24 hour news cycle"): true,
// with `out` set. "two other incidents": *k moves past "other".
bool ReadModifierUnit(const Toks& t, size_t* k, size_t limit,
                      CountedThing* out) {
  // "5-year", "three-day": the word glued to the number is the unit.
  if (GluedHyphenWord(t, *k) && *k + 1 < limit) {
    out->unit_begin = *k + 1;
    out->unit_end = out->end = *k + 2;
    return true;
  }
  // "six - member team": a compound modifier spaced around its hyphen.
  if (*k + 2 < limit && t[*k].IsPunct("-") && t[*k].space_before &&
      t[*k + 1].space_before && t[*k + 1].IsWord() &&
      !t[*k + 1].IsCapitalized() && !LooksPlural(t[*k + 1].text) &&
      !InLower(t[*k + 1].text, kInStops) && t[*k + 2].IsWord()) {
    out->unit_begin = *k + 1;
    out->unit_end = out->end = *k + 2;
    return true;
  }
  // "a thousand fold", "18 fold".
  if (*k < limit && t[*k].IsWord() && EqualsLower(t[*k].text, "fold")) {
    out->unit_begin = *k;
    out->unit_end = out->end = *k + 1;
    return true;
  }
  // "a 24 hour news cycle", "15 meter high", "240,000 square meter park":
  // a singular measure noun used as a compound modifier.
  if (size_t e = SingularMeasureAt(t, *k, limit); e > *k) {
    out->unit_begin = *k;
    out->unit_end = out->end = e;
    return true;
  }
  // "two other incidents": "other" is not part of the counted thing.
  if (*k + 1 < limit && t[*k].IsWord() && EqualsLower(t[*k].text, "other") &&
      t[*k + 1].IsWord() && !t[*k + 1].IsCapitalized()) {
    ++*k;
  }
  return false;
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
  if (k == i && ReadModifierUnit(t, &k, limit, &out)) return out;
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
    out.unit_end = ExtendUnit(t, lower_end, limit, plural_head);
    out.end = out.unit_end;
  } else if (caps_end > caps_begin && LooksPlural(t[caps_end - 1].text)) {
    out.unit_begin = caps_begin;  // "500 Americans"
    out.unit_end = out.end = caps_end;
  }
  return out;
}

namespace {

// Spellings of units of measure (lower case, singular, spaces collapsed)
// and the symbol UnitKey gives them.
struct Alias {
  absl::string_view spelling, symbol;
};
constexpr Alias kAliases[] = {{"km", "km"},
                              {"kilometer", "km"},
                              {"kilometre", "km"},
                              {"m", "m"},
                              {"meter", "m"},
                              {"metre", "m"},
                              {"cm", "cm"},
                              {"centimeter", "cm"},
                              {"centimetre", "cm"},
                              {"mm", "mm"},
                              {"millimeter", "mm"},
                              {"millimetre", "mm"},
                              {"mi", "mi"},
                              {"mile", "mi"},
                              {"ft", "ft"},
                              {"foot", "ft"},
                              {"feet", "ft"},
                              {"in", "in"},
                              {"inch", "in"},
                              {"yard", "yd"},
                              {"yd", "yd"},
                              {"nautical mile", "nmi"},
                              {"kg", "kg"},
                              {"kilogram", "kg"},
                              {"kilo", "kg"},
                              {"g", "g"},
                              {"gram", "g"},
                              {"mg", "mg"},
                              {"milligram", "mg"},
                              {"t", "t"},
                              {"tonne", "t"},
                              {"metric ton", "t"},
                              {"lb", "lb"},
                              {"lbs", "lb"},
                              {"pound", "lb"},
                              {"oz", "oz"},
                              {"ounce", "oz"},
                              {"l", "l"},
                              {"liter", "l"},
                              {"litre", "l"},
                              {"ml", "ml"},
                              {"milliliter", "ml"},
                              {"millilitre", "ml"},
                              {"gallon", "gal"},
                              {"gal", "gal"},
                              {"ha", "ha"},
                              {"hectare", "ha"},
                              {"acre", "acre"},
                              {"sq km", "km2"},
                              {"square kilometer", "km2"},
                              {"square kilometre", "km2"},
                              {"km2", "km2"},
                              {"square meter", "m2"},
                              {"square metre", "m2"},
                              {"m2", "m2"},
                              {"square mile", "mi2"},
                              {"sq mi", "mi2"},
                              {"square foot", "ft2"},
                              {"square feet", "ft2"},
                              {"km/h", "km/h"},
                              {"kph", "km/h"},
                              {"kmh", "km/h"},
                              {"kilometer per hour", "km/h"},
                              {"kilometre per hour", "km/h"},
                              {"kilometers per hour", "km/h"},
                              {"kilometres per hour", "km/h"},
                              {"mph", "mph"},
                              {"mile per hour", "mph"},
                              {"miles per hour", "mph"},
                              {"m/s", "m/s"},
                              {"meters per second", "m/s"},
                              {"metres per second", "m/s"},
                              {"knot", "kn"},
                              {"kn", "kn"},
                              {"kw", "kW"},
                              {"kilowatt", "kW"},
                              {"mw", "MW"},
                              {"megawatt", "MW"},
                              {"gw", "GW"},
                              {"gigawatt", "GW"},
                              {"kwh", "kWh"},
                              {"mwh", "MWh"},
                              {"gwh", "GWh"}};

// Symbols and their SI unit and factor.
struct Conversion {
  absl::string_view symbol, canonical;
  double factor;
};
constexpr double kYearSeconds = 365.25 * 86400;
constexpr Conversion kConversions[] = {{"m", "m", 1},
                                       {"km", "m", 1000},
                                       {"cm", "m", 0.01},
                                       {"mm", "m", 0.001},
                                       {"mi", "m", 1609.344},
                                       {"ft", "m", 0.3048},
                                       {"in", "m", 0.0254},
                                       {"yd", "m", 0.9144},
                                       {"nmi", "m", 1852},
                                       {"kg", "kg", 1},
                                       {"g", "kg", 1e-3},
                                       {"mg", "kg", 1e-6},
                                       {"t", "kg", 1000},
                                       {"lb", "kg", 0.45359237},
                                       {"oz", "kg", 0.028349523125},
                                       {"m3", "m3", 1},
                                       {"l", "m3", 1e-3},
                                       {"ml", "m3", 1e-6},
                                       {"gal", "m3", 0.003785411784},
                                       {"m2", "m2", 1},
                                       {"km2", "m2", 1e6},
                                       {"ha", "m2", 1e4},
                                       {"acre", "m2", 4046.8564224},
                                       {"mi2", "m2", 2589988.110336},
                                       {"ft2", "m2", 0.09290304},
                                       {"m/s", "m/s", 1},
                                       {"km/h", "m/s", 1 / 3.6},
                                       {"mph", "m/s", 0.44704},
                                       {"kn", "m/s", 1852.0 / 3600},
                                       {"W", "W", 1},
                                       {"kW", "W", 1e3},
                                       {"MW", "W", 1e6},
                                       {"GW", "W", 1e9},
                                       {"J", "J", 1},
                                       {"kWh", "J", 3.6e6},
                                       {"MWh", "J", 3.6e9},
                                       {"GWh", "J", 3.6e12},
                                       {"s", "s", 1},
                                       {"second", "s", 1},
                                       {"minute", "s", 60},
                                       {"hour", "s", 3600},
                                       {"day", "s", 86400},
                                       {"week", "s", 604800},
                                       {"month", "s", kYearSeconds / 12},
                                       {"year", "s", kYearSeconds},
                                       {"decade", "s", 10 * kYearSeconds},
                                       {"century", "s", 100 * kYearSeconds}};

// The symbol for a lower-case singular spelling; empty when not a unit.
absl::string_view SymbolFor(absl::string_view key) {
  for (const Alias& a : kAliases) {
    if (a.spelling == key) return a.symbol;
  }
  return {};
}

bool IsLengthUnitWord(absl::string_view word) {
  std::string key = Singularize(word);
  absl::string_view sym = SymbolFor(key);
  return sym == "km" || sym == "m" || sym == "mi" || sym == "ft" ||
         sym == "nmi" || sym == "cm";
}

}  // namespace

std::string UnitKey(absl::string_view unit) {
  // A rate written by PerTimeAfter: "barrels per day" -> "barrel per day".
  if (const size_t per = unit.find(" per "); per != absl::string_view::npos &&
                                             per > 0 && unit.find(' ') == per &&
                                             unit.size() - per < 16) {
    // Units of measure ("miles per hour" -> "mph") are keyed as a whole
    // below; their head's key is a short symbol.
    std::string head = UnitKey(unit.substr(0, per));
    if (head.size() > 4) return head + std::string(unit.substr(per));
  }
  std::string key;
  size_t cut = unit.find_last_of(" -");
  if (cut == absl::string_view::npos) {
    key = Singularize(unit);
  } else {
    key =
        AsciiLower(unit.substr(0, cut + 1)) + Singularize(unit.substr(cut + 1));
  }
  // Units of measure: "km / h" -> "km/h", "kilometers per hour" -> "km/h".
  if (key.size() <= 24 &&
      (key.size() <= 4 || key.find(' ') != std::string::npos ||
       IsSingularMeasureNoun(key) || key == "kilo" || key == "lbs" ||
       key == "knot")) {
    std::string compact;
    for (size_t i = 0; i < key.size(); ++i) {
      if (key[i] == ' ' && ((i + 1 < key.size() && key[i + 1] == '/') ||
                            (i > 0 && key[i - 1] == '/'))) {
        continue;
      }
      compact.push_back(key[i]);
    }
    absl::string_view sym = SymbolFor(compact);
    if (sym.empty()) {
      // "kilometers per hour": singularise the first word too.
      size_t sp = compact.find(' ');
      if (sp != std::string::npos) {
        std::string first = Singularize(compact.substr(0, sp));
        sym = SymbolFor(first + compact.substr(sp));
      }
    }
    if (!sym.empty()) return std::string(sym);
  }
  return key;
}

bool CanonicalUnit(absl::string_view unit_key, std::string* canonical,
                   double* factor) {
  absl::string_view sym = SymbolFor(unit_key);
  if (sym.empty()) sym = unit_key;
  for (const Conversion& c : kConversions) {
    if (c.symbol == sym) {
      *canonical = std::string(c.canonical);
      *factor = c.factor;
      return true;
    }
  }
  return false;
}

std::vector<std::string> ComparableUnitKeys(absl::string_view unit_key) {
  std::vector<std::string> out = {std::string(unit_key)};
  std::string canonical;
  double factor;
  if (!CanonicalUnit(unit_key, &canonical, &factor)) return out;
  for (const Conversion& c : kConversions) {
    if (c.canonical == canonical && c.symbol != out.front()) {
      out.emplace_back(c.symbol);
    }
  }
  return out;
}

}  // namespace claimcheck::extract
