// Numeric claims, found in one pass over the tokens of number_tokens.h.
//
// At each token that can start a number (a numeral, a currency mark, a sign,
// a number word) the number is read with its scale, percent sign and
// currency; the qualifier is looked up in the words just before it; a second
// number joined by "and" (after "between"), "to", "or" or a dash makes a
// range; then the counted thing after it and the sentence context are read.
// Choices made here:
//   - "nearly" and "almost" are kAbout with a point value.
//   - Bounds keep `value` unset: "up to 60" has high 60, "more than 5" low 5.
//   - Vague claims ("thousands of") carry the phrase as their qualifier.
//   - Money has the ISO code as unit; unit_key is its lower case ("usd").
//     Percentages have unit "percent" (key "percent"), percentage points
//     "percentage points" (key "percentage point").
//   - A bare "one" counts after a qualifier ("at least one", "just one"),
//     in a range ("one or two") or after a verb that takes it as its count
//     ("fired one shell"); otherwise it is an article ("One poster said").
//     Number words after "its", "those", ... are references; after "the",
//     "all", "last" ... they count when a noun follows that does not refer
//     back ("all seven astronauts", not "the two sides").
//   - Fractions ("a quarter of", "one in three") have unit "fraction".
//   - A number with no noun after it takes one from its context
//     (number_rules.h: "killing 107 or more and wounding 238" -> people;
//     "200 more" -> the previous claim's noun), or is dropped unless it is
//     qualified, ranged, scaled or written with grouping.
//   - Ages ("25 years old") and counterfactuals ("Had it happened five hours
//     earlier ...") are not claims; durations are.
//   - "from A to B" after a change verb ("fell from 208 to 193") gives two
//     claims; elsewhere it is a range with qualifier "from".
#include "server/extract/numbers.h"

#include <cstdlib>
#include <optional>
#include <string>

#include "absl/strings/match.h"
#include "server/extract/number_context.h"
#include "server/extract/number_measure.h"
#include "server/extract/number_parse.h"
#include "server/extract/number_rules.h"
#include "server/extract/number_time.h"
#include "server/extract/number_tokens.h"
#include "server/extract/number_unit.h"
#include "server/extract/word_table.h"
#include "server/extract/work_budget.h"

namespace claimcheck::extract {
namespace {

using Toks = std::vector<NumToken>;

enum : uint64_t {
  kInGluedUnits = uint64_t{1} << 0,
  kInIdentifierWords = uint64_t{1} << 1,
  kInDeterminers = uint64_t{1} << 2,
  kInChangeVerbs = uint64_t{1} << 3,
  kInWeakDeterminers = uint64_t{1} << 4,
  kInNotBeforeYear = uint64_t{1} << 5,
  kInSportsAfterM = uint64_t{1} << 6,
  kInYearNouns = uint64_t{1} << 7,
  kInQualifierEnds = uint64_t{1} << 8,
};
const WordTable& NumberWords();

// ISO 4217 codes as Quantity::unit holds them: three capital letters.
bool IsCurrencyCode(absl::string_view u) {
  return u.size() == 3 && u[0] >= 'A' && u[0] <= 'Z' && u[1] >= 'A' &&
         u[1] <= 'Z' && u[2] >= 'A' && u[2] <= 'Z';
}

// Money units: ISO codes and the subunits and francs read by
// ReadCurrencyAfter.
bool IsCurrencyCodeOrSubunit(absl::string_view u) {
  return IsCurrencyCode(u) || u == "pence" || u == "cents" || u == "francs";
}

// Whether `w` is in one of the lists `mask`, ASCII case-insensitively.
bool InLower(absl::string_view w, uint64_t mask) {
  return NumberWords().Has(w, mask);
}

bool IsWordTok(const Toks& t, size_t i, absl::string_view lower) {
  return i < t.size() && t[i].IsWord() && EqualsLower(t[i].text, lower);
}

// ---------------------------------------------------------------------------
// Qualifiers.

struct Qualifier {
  absl::string_view words[3];
  int n;
  Approx approx;
};

// Longest first, so "no more than" wins over "more than".
constexpr Qualifier kQualifiers[] = {
    {{"no", "more", "than"}, 3, Approx::kUpperBound},
    {{"no", "fewer", "than"}, 3, Approx::kLowerBound},
    {{"no", "less", "than"}, 3, Approx::kLowerBound},
    {{"as", "many", "as"}, 3, Approx::kUpperBound},
    {{"as", "much", "as"}, 3, Approx::kUpperBound},
    {{"as", "high", "as"}, 3, Approx::kUpperBound},
    {{"in", "excess", "of"}, 3, Approx::kLowerBound},
    {{"larger", "than"}, 2, Approx::kLowerBound},
    {{"greater", "than"}, 2, Approx::kLowerBound},
    {{"bigger", "than"}, 2, Approx::kLowerBound},
    {{"higher", "than"}, 2, Approx::kLowerBound},
    {{"smaller", "than"}, 2, Approx::kUpperBound},
    {{"lower", "than"}, 2, Approx::kUpperBound},
    {{"more", "than"}, 2, Approx::kLowerBound},
    {{"less", "than"}, 2, Approx::kUpperBound},
    {{"fewer", "than"}, 2, Approx::kUpperBound},
    {{"at", "least"}, 2, Approx::kLowerBound},
    {{"at", "most"}, 2, Approx::kUpperBound},
    {{"up", "to"}, 2, Approx::kUpperBound},
    {{"just", "over"}, 2, Approx::kLowerBound},
    {{"well", "over"}, 2, Approx::kLowerBound},
    {{"just", "above"}, 2, Approx::kLowerBound},
    {{"well", "above"}, 2, Approx::kLowerBound},
    {{"upwards", "of"}, 2, Approx::kLowerBound},
    {{"just", "under"}, 2, Approx::kUpperBound},
    {{"just", "below"}, 2, Approx::kUpperBound},
    {{"close", "to"}, 2, Approx::kAbout},
    {{"closer", "to"}, 2, Approx::kAbout},
    {{"an", "estimated"}, 2, Approx::kAbout},
    {{"about"}, 1, Approx::kAbout},
    {{"around"}, 1, Approx::kAbout},
    {{"roughly"}, 1, Approx::kAbout},
    {{"approximately"}, 1, Approx::kAbout},
    {{"nearly"}, 1, Approx::kAbout},
    {{"almost"}, 1, Approx::kAbout},
    {{"some"}, 1, Approx::kAbout},
    {{"estimated"}, 1, Approx::kAbout},
    {{"over"}, 1, Approx::kLowerBound},
    {{"above"}, 1, Approx::kLowerBound},
    {{"under"}, 1, Approx::kUpperBound},
    {{"below"}, 1, Approx::kUpperBound},
    {{"exactly"}, 1, Approx::kExact},
    {{"within"}, 1, Approx::kUpperBound},
    {{"equal", "to"}, 2, Approx::kExact},
    {{"exceed"}, 1, Approx::kLowerBound},
    {{"surpass"}, 1, Approx::kLowerBound},
    {{"surpassed"}, 1, Approx::kLowerBound},
    {{"surpassing"}, 1, Approx::kLowerBound},
    {{"exceeded"}, 1, Approx::kLowerBound},
    {{"exceeding"}, 1, Approx::kLowerBound},
    {{"exceeds"}, 1, Approx::kLowerBound},
    {{"between"}, 1, Approx::kRange},
    {{"from"}, 1, Approx::kRange},
    // Focus words: part of the surface, no change to the value.
    {{"only"}, 1, Approx::kExact},
    {{"just"}, 1, Approx::kExact},
};

// A qualifier written after the number: "107 or more", "1000 +", "ten or
// so". Returns the token after it and sets *approx; `k` when none.
size_t PostQualifier(const std::vector<NumToken>& t, size_t k, Approx* approx) {
  if (k >= t.size()) return k;
  if (t[k].IsPunct("+") &&
      !(k + 1 < t.size() && (t[k + 1].IsNum() || t[k + 1].IsPunct("-")))) {
    *approx = Approx::kLowerBound;
    return k + 1;
  }
  if (k + 1 >= t.size() || !t[k].IsWord() || !EqualsLower(t[k].text, "or") ||
      !t[k + 1].IsWord()) {
    return k;
  }
  absl::string_view w = t[k + 1].text;
  if (EqualsLower(w, "more") || EqualsLower(w, "above") ||
      EqualsLower(w, "over") || EqualsLower(w, "greater")) {
    *approx = Approx::kLowerBound;
  } else if (EqualsLower(w, "fewer") || EqualsLower(w, "less") ||
             EqualsLower(w, "under") || EqualsLower(w, "below")) {
    *approx = Approx::kUpperBound;
  } else if (EqualsLower(w, "so")) {
    *approx = Approx::kAbout;
  } else {
    return k;
  }
  return k + 2;
}

struct FoundQualifier {
  size_t first = 0;  // first token of the qualifier
  Approx approx = Approx::kExact;
  bool between = false;
  bool from = false;
};

// The qualifier ending right before token `i`, not reaching before `floor`.
std::optional<FoundQualifier> QualifierBefore(const Toks& t, size_t i,
                                              size_t floor) {
  // One probe turns away the many numbers with no qualifier before them.
  if (i == 0 || i <= floor || i > t.size() || !t[i - 1].IsWord() ||
      !InLower(t[i - 1].text, kInQualifierEnds)) {
    return std::nullopt;
  }
  for (const Qualifier& q : kQualifiers) {
    if (i < floor + q.n) continue;
    size_t b = i - q.n;
    bool match = true;
    for (int m = 0; m < q.n && match; ++m) {
      match = t[b + m].IsWord() && EqualsLower(t[b + m].text, q.words[m]);
    }
    if (!match) continue;
    FoundQualifier f;
    f.first = b;
    f.approx = q.approx;
    f.between = q.words[0] == "between";
    f.from = q.words[0] == "from";
    return f;
  }
  return std::nullopt;
}

constexpr absl::string_view kChangeVerbs[] = {
    "rose",      "rise",      "rises",    "risen",   "rising",    "fell",
    "fall",      "falls",     "fallen",   "falling", "increased", "increase",
    "increases", "decreased", "decrease", "dropped", "drop",      "drops",
    "climbed",   "climb",     "grew",     "grow",    "grown",     "declined",
    "decline",   "jumped",    "surged",   "soared",  "plunged",   "plummeted",
    "slipped",   "slid",      "shrank",   "went",    "cut",       "reduced",
    "raised",    "boosted",   "up",       "down",    "lifted",    "lowered",
    "expanded",  "widened",   "narrowed", "changed", "moved",     "sank",
    "tumbled",   "doubled"};

// ---------------------------------------------------------------------------
// Reading one number.

struct Reading {
  size_t first = 0;  // first token, currency mark or sign included
  size_t num = 0;    // the numeral or first number word
  size_t next = 0;   // one past the last token read
  double value = 0;
  double scale = 1;
  bool scaled = false;
  bool words = false;
  bool bare_one = false;
  bool fraction = false;
  bool slash = false;  // "1/2": a value, not a share of something
  bool percent = false;
  bool points = false;
  absl::string_view currency;    // ISO code
  absl::string_view glued_unit;  // "km" in "5km"
  MeasureUnit measure;           // "GB" in "64GB"; empty unit when none
  bool reject = false;           // an identifier, ordinal, decade or time
};

// A two-word currency name after a number: "turkish lira", "swiss francs",
// "us dollars", "canadian dollars". Empty when none.
absl::string_view CurrencyPhrase(absl::string_view a, absl::string_view b) {
  struct Entry {
    absl::string_view first, second, code;
  };
  static constexpr Entry kPhrases[] = {
      {"turkish", "lira", "TRY"},      {"swiss", "francs", "CHF"},
      {"swiss", "franc", "CHF"},       {"us", "dollars", "USD"},
      {"u.s.", "dollars", "USD"},      {"american", "dollars", "USD"},
      {"canadian", "dollars", "CAD"},  {"australian", "dollars", "AUD"},
      {"singapore", "dollars", "SGD"}, {"taiwan", "dollars", "TWD"},
      {"indian", "rupees", "INR"},     {"japanese", "yen", "JPY"},
      {"chinese", "yuan", "CNY"},      {"mexican", "pesos", "MXN"},
      {"danish", "kroner", "DKK"},     {"danish", "crowns", "DKK"},
      {"swedish", "kronor", "SEK"},    {"norwegian", "kroner", "NOK"},
      {"pounds", "sterling", "GBP"},   {"british", "pounds", "GBP"},
      {"russian", "rubles", "RUB"},    {"israeli", "shekels", "ILS"},
      {"brazilian", "reais", "BRL"}};
  for (const Entry& e : kPhrases) {
    if (!e.code.empty() && EqualsLower(a, e.first) &&
        EqualsLower(b, e.second)) {
      return e.code;
    }
  }
  return {};
}

absl::string_view DollarCountry(absl::string_view w) {
  struct Entry {
    absl::string_view mark, code;
  };
  static constexpr Entry kMarks[] = {
      {"us", "USD"},  {"usd", "USD"}, {"a", "AUD"},  {"au", "AUD"},
      {"aud", "AUD"}, {"c", "CAD"},   {"ca", "CAD"}, {"cad", "CAD"},
      {"hk", "HKD"},  {"hkd", "HKD"}, {"nz", "NZD"}, {"nzd", "NZD"},
      {"s", "SGD"},   {"sgd", "SGD"}, {"nt", "TWD"}, {"r", "BRL"},
      {"mx", "MXN"}};
  for (const Entry& e : kMarks) {
    if (EqualsLower(w, e.mark)) return e.code;
  }
  return {};
}

// Currency mark at `i`; sets *after to the token after it.
absl::string_view CurrencyAt(const Toks& t, size_t i, size_t* after) {
  if (i >= t.size()) return {};
  if (t[i].kind == TokKind::kPunct) {
    absl::string_view code = CurrencyPrefix(t[i].text);
    *after = i + 1;
    // "$US17,246,208", "$A12,810,626": the country after the sign.
    if (code == "USD" && i + 2 < t.size() && t[i + 1].IsWord() &&
        !t[i + 1].space_before && t[i + 2].IsNum()) {
      absl::string_view c = DollarCountry(t[i + 1].text);
      if (!c.empty()) {
        *after = i + 2;
        return c;
      }
    }
    return code;
  }
  if (!t[i].IsWord()) return {};
  // "hk $ 10.05", "c $ 300", "aud$ 15", "nzd$15".
  // A spaced one-letter mark would take "a $5 bill" for Australian.
  if (i + 2 < t.size() && t[i + 1].IsPunct("$") && t[i + 2].IsNum() &&
      t[i].text.size() <= 3 &&
      (!t[i + 1].space_before || t[i].text.size() >= 2 ||
       EqualsLower(t[i].text, "c"))) {
    absl::string_view c = DollarCountry(t[i].text);
    if (!c.empty()) {
      *after = i + 2;
      return c;
    }
  }
  // "Y=28,030": yen as some news feeds render the sign.
  if (t[i].text == "Y" && i + 2 < t.size() && t[i + 1].IsPunct("=") &&
      !t[i + 1].space_before && t[i + 2].IsNum()) {
    *after = i + 2;
    return "JPY";
  }
  // "PS8.1bn": the pound sign as some feeds render it; not "PS5".
  if (t[i].text == "PS" && i + 1 < t.size() && t[i + 1].IsNum() &&
      !t[i + 1].space_before &&
      (t[i + 1].text.find_first_of(".,") != absl::string_view::npos ||
       (i + 2 < t.size() && !t[i + 2].space_before && t[i + 2].IsWord() &&
        ScaleWordValue(t[i + 2].text, true).has_value()))) {
    *after = i + 1;
    return "GBP";
  }
  // "HK$100"; also "NZ $ 26 million" as some sources space it.
  if (i + 1 < t.size() && t[i + 1].IsPunct("$") && t[i].text.size() <= 2 &&
      t[i].IsCapitalized()) {
    char buf[4] = {t[i].text[0], t[i].text.size() > 1 ? t[i].text[1] : '$', '$',
                   0};
    absl::string_view mark(buf, t[i].text.size() + 1);
    *after = i + 2;
    return CurrencyPrefix(mark);  // returns a static code, not into buf
  }
  if (i + 1 < t.size() && t[i + 1].IsNum() && t[i].text.size() >= 2 &&
      t[i].text.size() <= 3 && t[i].IsCapitalized()) {
    *after = i + 1;
    return CurrencyPrefix(t[i].text);
  }
  return {};
}

// The dollar named by a country mark written next to "$": "US", "A",
// "HK", "C", "NZ", "aud". Empty when `w` is not one.
constexpr absl::string_view kGluedUnits[] = {
    "km",  "kg",  "cm",  "mm",  "m",  "g",  "mg", "lb",  "lbs",
    "ft",  "mph", "kmh", "kph", "mw", "gw", "kw", "mwh", "gwh",
    "kwh", "t",   "ha",  "bpd", "ml", "l",  "c",  "f",   "sq",
    "mi",  "oz",  "in",  "x",   "kt", "gb", "tb", "mb"};

// Plural words after which a glued "m" is metres, not million ("100m
// hurdles").
constexpr absl::string_view kSportsAfterM[] = {
    "hurdles", "races", "relays", "heats", "finals", "events", "sprints"};

// "5m people", "1.5m barrels": a glued "m" before a plural noun is million.
bool IsMillionM(const Toks& t, size_t k) {
  if (!EqualsLower(t[k].text, "m") || k + 1 >= t.size()) return false;
  const NumToken& next = t[k + 1];
  return next.IsWord() && next.space_before && !next.IsCapitalized() &&
         LooksPlural(next.text) && !InLower(next.text, kInSportsAfterM) &&
         !InLower(next.text, kInDeterminers);
}

// "12.32e+14", "1.3x10^6", "6.23x10^-4": a power of ten glued to the
// numeral at token `k`. Multiplies r->value and returns the token after it;
// `k` when there is none.
size_t ReadExponent(const Toks& t, size_t k, Reading* r) {
  auto glued = [&t](size_t i) { return i < t.size() && !t[i].space_before; };
  size_t e = k + 1;
  if (t[k].text == "e" || t[k].text == "E") {
    // the exponent follows at once
  } else if ((t[k].text == "x" || t[k].text == "\xC3\x97") && glued(e) &&
             t[e].text == "10" && glued(e + 1) && t[e + 1].IsPunct("^")) {
    e += 2;
  } else {
    return k;
  }
  double sign = 1;
  if (glued(e) && (t[e].IsPunct("+") || t[e].IsPunct("-"))) {
    if (t[e].text == "-") sign = -1;
    ++e;
  }
  if (!glued(e) || !t[e].IsNum() || t[e].text.size() > 2 ||
      t[e].text.find('.') != absl::string_view::npos) {
    return k;
  }
  const int exp =
      static_cast<int>(sign) * std::atoi(std::string(t[e].text).c_str());
  double p = 1;
  for (int n = 0; n < (exp < 0 ? -exp : exp); ++n) p *= 10;
  r->value = exp < 0 ? r->value / p : r->value * p;
  return e + 1;
}

// A currency written after the number at token `k`: "euros", "500 €",
// "197 pence", "361 million pounds", "10 turkish lira", "swiss francs".
// Sets r->currency and returns the token after it; `k` when none.
size_t ReadCurrencyAfter(const Toks& t, size_t k, Reading* r) {
  if (t[k].kind == TokKind::kPunct) {
    // "500 €", but not the sign of the next amount ("5 $10").
    absl::string_view code = CurrencyPrefix(t[k].text);
    if (code.empty() || t[k].text == "$" ||
        (k + 1 < t.size() && t[k + 1].IsNum())) {
      return k;
    }
    r->currency = code;
    return k + 1;
  }
  if (!t[k].IsWord()) return k;
  absl::string_view w = t[k].text;
  if (k + 1 < t.size() && t[k + 1].IsWord()) {
    absl::string_view code = CurrencyPhrase(w, t[k + 1].text);
    if (!code.empty()) {
      r->currency = code;
      return k + 2;
    }
  }
  absl::string_view code = CurrencyWord(w);
  if (code.empty() && r->scaled &&
      (EqualsLower(w, "pounds") || EqualsLower(w, "pound"))) {
    code = "GBP";  // "361 million pounds"; "208 pounds" is a weight
  }
  // Subunits, and francs, whose country the word does not tell.
  if (code.empty()) {
    if (EqualsLower(w, "pence")) code = "pence";
    if (EqualsLower(w, "cents")) code = "cents";
    if (EqualsLower(w, "francs")) code = "francs";
  }
  if (code.empty()) return k;
  r->currency = code;
  return k + 1;
}

void ReadSuffixes(const Toks& t, Reading* r, size_t k) {
  const bool money = !r->currency.empty();
  if (r->words) {
    // "five million" is read by ParseNumberWords; nothing glued to words.
  } else if (k < t.size() && t[k].IsWord() && !t[k].space_before &&
             !EqualsLower(t[k].text, "pc") && !EqualsLower(t[k].text, "pct") &&
             !EqualsLower(t[k].text, "percent")) {
    absl::string_view sfx = t[k].text;
    size_t e = k;
    if (auto s = ScaleWordValue(
            sfx, money || IsMillionM(t, k) || sfx == "M" || sfx == "B")) {
      r->scale = *s;
      r->scaled = true;
      ++k;
    } else if ((e = ReadExponent(t, k, r)) > k) {
      k = e;
    } else if ((e = ReadMeasureUnit(t, k, t.size(), &r->measure)) > k) {
      k = e;
    } else if (EqualsLower(sfx, "st") || EqualsLower(sfx, "nd") ||
               EqualsLower(sfx, "rd") || EqualsLower(sfx, "th") ||
               EqualsLower(sfx, "s") || EqualsLower(sfx, "am") ||
               EqualsLower(sfx, "pm")) {
      r->reject = true;
    } else if (InLower(sfx, kInGluedUnits) && !t[k].IsCapitalized()) {
      r->glued_unit = sfx;
      ++k;
    } else {
      r->reject = true;  // "5G", "3D", "737MAX"
    }
  } else if (k < t.size() && t[k].IsWord() && t[k].text.size() > 1) {
    if (auto s = ScaleWordValue(t[k].text, money)) {
      r->scale = *s;
      r->scaled = true;
      ++k;
    } else if (EqualsLower(t[k].text, "dozen")) {
      r->scale = 12;
      ++k;
    }
  }
  if (k < t.size()) {
    if (t[k].IsPunct("%")) {
      r->percent = true;
      ++k;
    } else if (IsWordTok(t, k, "percent") || IsWordTok(t, k, "pct") ||
               (!r->words && IsWordTok(t, k, "pc"))) {
      r->percent = true;
      ++k;
    } else if (IsWordTok(t, k, "per") && IsWordTok(t, k + 1, "cent")) {
      r->percent = true;
      k += 2;
    } else if (IsWordTok(t, k, "percentage") &&
               (IsWordTok(t, k + 1, "points") ||
                IsWordTok(t, k + 1, "point"))) {
      r->points = true;
      k += 2;
    } else if (IsWordTok(t, k, "percentage") && r->currency.empty()) {
      r->percent = true;  // "thirty percentage"
      ++k;
    } else if (r->currency.empty() && r->measure.unit.empty()) {
      k = ReadCurrencyAfter(t, k, r);
    }
  }
  r->next = k;
}

std::optional<Reading> ReadNumber(const Toks& t, size_t i) {
  if (i >= t.size()) return std::nullopt;
  Reading r;
  r.first = i;
  size_t j = i;
  size_t after = i;
  absl::string_view cur = CurrencyAt(t, j, &after);
  if (!cur.empty() && after < t.size() && t[after].IsNum()) {
    r.currency = cur;
    j = after;
  }
  double sign = 1;
  // "COVID -19" is a name, not minus nineteen.
  const bool after_acronym =
      j > 0 && t[j - 1].IsWord() && t[j - 1].text.size() >= 2 &&
      t[j - 1].text[0] >= 'A' && t[j - 1].text[0] <= 'Z' &&
      t[j - 1].text[1] >= 'A' && t[j - 1].text[1] <= 'Z';
  if (r.currency.empty() && j + 1 < t.size() && t[j + 1].IsNum() &&
      !t[j + 1].space_before &&
      (t[j].IsPunct("-") || t[j].IsPunct("\xE2\x88\x92")) &&
      (j == 0 || t[j].space_before || t[j - 1].IsPunct("(")) &&
      !after_acronym) {
    sign = -1;
    ++j;
  } else if ((IsWordTok(t, j, "minus") || IsWordTok(t, j, "negative")) &&
             j + 1 < t.size()) {
    // "minus 5", "minus-260 degrees", "negative one".
    size_t n = j + 1;
    if (t[n].IsPunct("-") && !t[n].space_before && n + 1 < t.size()) ++n;
    if (t[n].IsNum() || (t[n].IsWord() && IsNumberWord(t[n].text))) {
      sign = -1;
      j = n;
    }
  }
  r.num = j;
  if (t[j].IsNum()) {
    std::optional<double> v = ParseNumeral(t[j].text);
    if (!v) {
      r.reject = true;
      r.next = j + 1;
      return r;
    }
    r.value = *v;
    size_t k = j + 1;
    // "1/2 cup", "3/4": a small fraction, not a date such as "9/11".
    if (k + 1 < t.size() && t[k].IsPunct("/") && !t[k].space_before &&
        t[k + 1].IsNum() && !t[k + 1].space_before &&
        (k + 2 >= t.size() || !t[k + 2].IsPunct("/"))) {
      const absl::string_view d = t[k + 1].text;
      if ((d == "2" || d == "3" || d == "4" || d == "8" || d == "16" ||
           d == "10" || d == "100") &&
          t[j].text.find_first_of(".,") == absl::string_view::npos) {
        const double den = *ParseNumeral(d);
        if (r.value < den) {
          r.value /= den;
          r.fraction = true;
          r.slash = true;
          k += 2;
        }
      }
    }
    ReadSuffixes(t, &r, k);
  } else if (j == i || sign < 0) {
    std::optional<WordNumber> wn = ParseNumberWords(t, j);
    if (!wn) return std::nullopt;
    r.words = true;
    r.value = wn->value;
    r.fraction = wn->fraction;
    r.bare_one = sign > 0 && wn->words == 1 && !wn->fraction &&
                 !wn->only_article && wn->next == j + 1 &&
                 EqualsLower(t[j].text, "one");
    ReadSuffixes(t, &r, wn->next);
    // "one per cent", "one million": a number, not the article "one".
    if (r.percent || r.points || r.scaled || !r.currency.empty()) {
      r.bare_one = false;
    }
  } else {
    return std::nullopt;
  }
  r.value *= sign * r.scale;
  return r;
}

// ---------------------------------------------------------------------------
// What is not a claim.

constexpr absl::string_view kIdentifierWords[] = {
    "section",   "game",      "article",    "chapter",    "room",
    "route",     "flight",    "highway",    "no",         "number",
    "page",      "version",   "level",      "phase",      "stage",
    "round",     "week",      "day",        "act",        "title",
    "part",      "vol",       "volume",     "resolution", "proposition",
    "prop",      "rule",      "amendment",  "interstate", "channel",
    "term",      "platform",  "gate",       "terminal",   "building",
    "unit",      "apartment", "suite",      "item",       "track",
    "pier",      "box",       "category",   "class",      "grade",
    "episode",   "season",    "series",     "model",      "bus",
    "line",      "district",  "ward",       "precinct",   "lot",
    "exit",      "row",       "seat",       "figure",     "table",
    "paragraph", "clause",    "schedule",   "squad",      "battalion",
    "division",  "regiment",  "brigade",    "fleet",      "army",
    "corps",     "cup",       "generation", "mark",       "apollo",
    "windows",   "iphone",    "boeing",     "airbus",     "top",
    "formula",   "super"};

// Before a number word these make it a reference ("those two", "their
// three children"), not a count.
constexpr absl::string_view kDeterminers[] = {
    "these", "those", "its",  "their", "his",   "her",     "our",
    "my",    "your",  "both", "each",  "which", "another", "this",
    "that",  "no",    "any",  "said",  "such"};
// After these a number word with a counted noun is a claim ("all seven
// astronauts", "the three remaining orbiters", "the last five months"), but
// not on its own ("the two", "the one who") or before a reference noun
// ("the two sides").
constexpr absl::string_view kWeakDeterminers[] = {
    "the",  "all",  "whose", "other", "first",
    "last", "next", "past",  "every", "remaining"};

// Words after which a four-digit number is a year even before a plural
// noun ("in 2019 elections", "the 2012 games").
constexpr absl::string_view kNotBeforeYear[] = {
    "in", "since",  "by",    "until", "till", "during", "the",  "from",
    "to", "before", "after", "for",   "its",  "their",  "this", "that"};

// Plural nouns that a year modifies ("2000 levels", "2010 dollars").
constexpr absl::string_view kYearNouns[] = {
    "levels",    "prices", "figures",   "rates",   "dollars", "values",
    "elections", "games",  "standards", "numbers", "terms",   "models"};

// "1709 schoolchildren", "2000 people": a year-like number that counts a
// plural noun right after it.
bool IsYearLikeCount(const Toks& t, const Reading& r) {
  const size_t k = r.next;
  if (k >= t.size() || !t[k].IsWord() || t[k].IsCapitalized() ||
      t[k].newline_before || !LooksPlural(t[k].text) ||
      InLower(t[k].text, kInDeterminers) || InLower(t[k].text, kInYearNouns)) {
    return false;
  }
  if (r.num > 0 && t[r.num - 1].IsWord() &&
      InLower(t[r.num - 1].text, kInNotBeforeYear)) {
    return false;
  }
  return true;
}

// An all-capitals word of two letters or more: "COVID", "AR", "F".
bool IsAcronym(const NumToken& tok) {
  if (!tok.IsWord() || tok.text.size() < 2) return false;
  for (char c : tok.text) {
    if (c < 'A' || c > 'Z') return false;
  }
  return true;
}

bool IsMonthTok(const Toks& t, size_t i) {
  return i < t.size() && t[i].IsCapitalized() && IsMonthName(t[i].text);
}

// Rules that apply to a single number whatever its qualifier.
// `second` is true for the second number of a range ("15" in "10-15").
bool IsNonClaim(const Toks& t, const Reading& r, bool qualified,
                bool second = false) {
  if (r.reject) return true;
  const NumToken& num = t[r.num];
  const size_t k = r.next;
  if (num.IsNum()) {
    if (num.text.size() > 1 && num.text[0] == '0' && num.text[1] != '.') {
      return true;  // phone numbers, codes
    }
    if (r.first == r.num && r.num > 0 && !num.space_before && !second) {
      const NumToken& prev = t[r.num - 1];
      if (prev.IsWord() || prev.IsPunct("#") || prev.IsPunct("/") ||
          prev.IsPunct(".") || prev.IsPunct(":") || prev.IsPunct("-") ||
          prev.IsPunct("@") || prev.IsPunct("+") || prev.IsPunct("_")) {
        return true;  // "F-35", "COVID-19", "G7", "9/11", "10:30"
      }
    }
    if (!r.fraction && r.num + 1 < t.size() && !t[r.num + 1].space_before &&
        (t[r.num + 1].IsPunct(":") || t[r.num + 1].IsPunct("/") ||
         t[r.num + 1].IsPunct("@")) &&
        r.num + 2 < t.size() && !t[r.num + 2].space_before &&
        !t[r.num + 2].IsPunct("$")) {
      return true;  // "10:30", "24/7"; not "$7/$9"
    }
    // "2004's average": a year in the possessive, whatever qualifies it.
    if (IsYearToken(t, r.num) && r.next == r.num + 1 && r.next + 1 < t.size() &&
        (t[r.next].IsPunct("'") || t[r.next].IsPunct("\xE2\x80\x99")) &&
        IsWordTok(t, r.next + 1, "s")) {
      return true;
    }
    // "Texas # 2", "COVID - 19", "AR - 15": a rank or a name, spaced out.
    if (r.first == r.num && r.num > 0 &&
        (t[r.num - 1].IsPunct("#") ||
         (t[r.num - 1].IsPunct("-") && r.num > 1 && IsAcronym(t[r.num - 2])))) {
      return true;
    }
    // "1) sacrifice ...": a list marker.
    if (r.first == r.num && r.next == r.num + 1 && r.next < t.size() &&
        t[r.next].IsPunct(")") && !t[r.next].space_before &&
        num.text.size() <= 2 && (r.num == 0 || !t[r.num - 1].IsPunct("("))) {
      return true;
    }
    // "0800 123 456": runs of bare digit groups are phone numbers or codes.
    if (r.first == r.num && !r.scaled && r.currency.empty() &&
        ((r.num > 0 && t[r.num - 1].IsNum()) ||
         (r.next == r.num + 1 && r.next < t.size() && t[r.next].IsNum()))) {
      return true;
    }
    // Times of day: "3 p.m.", "10 am", "3 o'clock", "1400 GMT".
    if (k < t.size() && t[k].IsWord()) {
      absl::string_view w = t[k].text;
      if (((EqualsLower(w, "a") || EqualsLower(w, "p")) && k + 1 < t.size() &&
           t[k + 1].IsPunct(".") && !t[k + 1].space_before) ||
          EqualsLower(w, "am") || EqualsLower(w, "pm") ||
          EqualsLower(w, "gmt") || EqualsLower(w, "utc") ||
          EqualsLower(w, "bst") || EqualsLower(w, "edt") ||
          EqualsLower(w, "est") || EqualsLower(w, "et") ||
          (EqualsLower(w, "o") && k + 2 < t.size() &&
           IsWordTok(t, k + 2, "clock"))) {
        return true;
      }
    }
    // Dates: "February 8", "8 February", "Feb. 8".
    if (!r.scaled && !r.percent && r.currency.empty()) {
      if (r.first > 0 &&
          (IsMonthTok(t, r.first - 1) ||
           (t[r.first - 1].IsPunct(".") && IsMonthTok(t, r.first - 2)))) {
        return true;
      }
      if (IsMonthTok(t, k) || (IsWordTok(t, k, "of") && IsMonthTok(t, k + 1))) {
        return true;
      }
      if (!qualified && IsYearToken(t, r.num) && !IsYearLikeCount(t, r)) {
        return true;
      }
    }
  }
  if (r.first == r.num && r.first > 0 && !qualified && !r.scaled &&
      !r.percent && t[r.first - 1].IsWord()) {
    const NumToken& prev = t[r.first - 1];
    // "Section 427", "Game 6": a label before a bare number.
    if (num.IsNum() && ((prev.IsCapitalized() && !prev.sentence_start) ||
                        InLower(prev.text, kInIdentifierWords))) {
      return true;
    }
  }
  return false;
}

// Ages written before the number: "aged 14", "at age 80", "at the age of
// 40", and the apposition "Maddon, 66, has ...".
bool IsAgeBefore(const Toks& t, const Reading& r) {
  const size_t f = r.first;
  if (f == 0) return false;
  if (IsWordTok(t, f - 1, "aged") || IsWordTok(t, f - 1, "age") ||
      (IsWordTok(t, f - 1, "of") && f >= 2 && IsWordTok(t, f - 2, "age"))) {
    return true;
  }
  const NumToken& num = t[r.num];
  return f == r.num && num.IsNum() && num.text.size() == 2 && !r.scaled &&
         r.currency.empty() && !r.percent && r.measure.unit.empty() &&
         r.glued_unit.empty() && f >= 2 && t[f - 1].IsPunct(",") &&
         t[f - 2].IsCapitalized() && r.next < t.size() &&
         t[r.next].IsPunct(",");
}

// Up for "rose", "grew", "up"; down for "fell", "cut", "down"; kNone for
// other words, including the neutral "changed" and "moved".
ChangeDirection ChangeVerbDirection(absl::string_view w) {
  static constexpr absl::string_view kDown[] = {
      "fell",     "fall",    "falls",    "fallen", "falling",  "decreased",
      "decrease", "dropped", "drop",     "drops",  "declined", "decline",
      "plunged",  "slipped", "slid",     "shrank", "cut",      "reduced",
      "down",     "lowered", "narrowed", "sank",   "tumbled",  "plummeted",
      "lost",     "dipped",  "slumped",  "eased",  "cutting",  "reducing"};
  if (!InLower(w, kInChangeVerbs) && !EqualsLower(w, "lost") &&
      !EqualsLower(w, "dipped") && !EqualsLower(w, "slumped") &&
      !EqualsLower(w, "eased") && !EqualsLower(w, "gained")) {
    return ChangeDirection::kNone;
  }
  for (absl::string_view d : kDown) {
    if (EqualsLower(w, d)) return ChangeDirection::kDown;
  }
  if (EqualsLower(w, "went") || EqualsLower(w, "changed") ||
      EqualsLower(w, "moved")) {
    return ChangeDirection::kNone;
  }
  return ChangeDirection::kUp;
}

// The kind of a quantity from its unit, for claims whose reader did not set
// one: money, percent, fraction, a unit of measure or duration, a rate, a
// count of things, or a bare number.
QuantityKind KindOfUnit(const Quantity& q) {
  const std::string& u = q.unit;
  if (u.empty()) return QuantityKind::kNumber;
  if (IsCurrencyCodeOrSubunit(u)) return QuantityKind::kMoney;
  if (u == "percent" || u == "percentage points") {
    return QuantityKind::kPercent;
  }
  if (u == "fraction") return QuantityKind::kFraction;
  if (u.find(" per ") != std::string::npos ||
      u.find('/') != std::string::npos) {
    return QuantityKind::kRate;
  }
  std::string canonical;
  double factor;
  if (CanonicalUnit(q.unit_key, &canonical, &factor)) {
    if (canonical == "s") return QuantityKind::kDuration;
    if (canonical == "m/s") return QuantityKind::kRate;
    return QuantityKind::kMeasure;
  }
  return QuantityKind::kCount;
}

// The unit of an age: "months" for "nine-month-old", "years" otherwise
// (also when the age is written before the number: "aged 14").
std::string AgeUnit(const Toks& t, size_t from, size_t to) {
  for (size_t i = from; i < to && i < t.size(); ++i) {
    if (!t[i].IsWord()) continue;
    const std::string s = Singularize(t[i].text);
    if (s == "month" || s == "week" || s == "day") return s + "s";
  }
  return "years";
}

// Numbers that name or modify rather than state a quantity: a short bare
// integer before a capitalised name ("9 E 71st St", "787 Dreamliner", "11
// Pro"), a year of an era ("A.D. 1000"), and a number word in a hyphenated
// modifier ("a five-year award", "a four-door car", "six-speed").
bool IsLabelOrCompound(const Toks& t, const Reading& a, const Reading& last,
                       bool qualified, const Quantity& q, bool counts) {
  const NumToken& num = t[a.num];
  const size_t k = last.next;
  if (!qualified && q.unit.empty() && !counts && num.IsNum() && !a.scaled &&
      a.currency.empty() && num.text.size() <= 4 &&
      num.text.find_first_of(".,") == absl::string_view::npos && k < t.size() &&
      t[k].IsCapitalized() && !t[k].sentence_start && !LooksPlural(t[k].text)) {
    return true;
  }
  if (num.IsNum() && a.first >= 2 && t[a.first - 1].IsPunct(".") &&
      (IsWordTok(t, a.first - 2, "d") || IsWordTok(t, a.first - 2, "c"))) {
    return true;  // "A.D. 1000", "B.C. 500"
  }
  if (k < t.size() && t[k].IsWord() &&
      (t[k].text == "BC" || t[k].text == "BCE" || t[k].text == "AD")) {
    return true;
  }
  return a.words && !a.fraction && &a == &last && k + 1 < t.size() &&
         t[k].IsPunct("-") && !t[k].space_before && !t[k + 1].space_before &&
         t[k + 1].IsWord() && !LooksPlural(t[k + 1].text) &&
         q.kind != QuantityKind::kMeasure && q.kind != QuantityKind::kRate;
}

bool IsChangeVerbBefore(const Toks& t, size_t i) {
  if (i == 0) return false;
  size_t p = i - 1;
  if (IsWordTok(t, p, "by") && p > 0) --p;  // "rose by 5% to 20%"
  return t[p].IsWord() && InLower(t[p].text, kInChangeVerbs);
}

// True if the number at `first` follows "from", "to" or "by" in a change
// ("fell from 208 to 193", "rose by 5").
bool IsInChange(const Toks& t, size_t first) {
  if (first == 0) return false;
  const size_t p = first - 1;
  if (!IsWordTok(t, p, "from") && !IsWordTok(t, p, "to") &&
      !IsWordTok(t, p, "by")) {
    return false;
  }
  for (size_t i = p; i-- > 0 && i + 6 > p;) {
    if (t[i].IsWord() && InLower(t[i].text, kInChangeVerbs)) return true;
    if (t[i].sentence_start) break;
  }
  return false;
}

bool IsRangeJoin(const Toks& t, size_t k) {
  if (k >= t.size()) return false;
  if (t[k].IsPunct("-")) {
    return k + 1 < t.size() && t[k].space_before == t[k + 1].space_before;
  }
  return t[k].IsPunct("\xE2\x80\x93") || t[k].IsPunct("\xE2\x80\x94") ||
         t[k].IsPunct("~") ||
         // "$7/$9": two amounts, each with its sign.
         (t[k].IsPunct("/") && k + 2 < t.size() && t[k + 1].IsPunct("$") &&
          t[k + 2].IsNum()) ||
         IsWordTok(t, k, "to") || IsWordTok(t, k, "or");
}

constexpr absl::string_view kVague[] = {"dozens",   "hundreds", "thousands",
                                        "millions", "billions", "tens",
                                        "scores"};
constexpr absl::string_view kFew[] = {"several", "few", "many"};

// Every list of this file in one table: one probe per word.
const WordTable& NumberWords() {
  static const WordTable* table = [] {
    auto* t = new WordTable;
    t->Add(kGluedUnits, kInGluedUnits);
    t->Add(kIdentifierWords, kInIdentifierWords);
    t->Add(kDeterminers, kInDeterminers);
    t->Add(kChangeVerbs, kInChangeVerbs);
    t->Add(kWeakDeterminers, kInWeakDeterminers);
    t->Add(kNotBeforeYear, kInNotBeforeYear);
    t->Add(kSportsAfterM, kInSportsAfterM);
    t->Add(kYearNouns, kInYearNouns);
    for (const Qualifier& q : kQualifiers)
      t->Add(q.words[q.n - 1], kInQualifierEnds);
    return t;
  }();
  return *table;
}

// The words that open a vague count, apart: they are tried at every word,
// and a small table turns nearly every other word away before hashing.
enum : uint64_t { kInVague = 1, kInFew = 2, kInCouple = 4 };
constexpr absl::string_view kCouple[] = {"couple"};
const WordTable& VagueWords() {
  static const WordTable* table = [] {
    auto* t = new WordTable;
    t->Add(kVague, kInVague);
    t->Add(kFew, kInFew);
    t->Add(kCouple, kInCouple);
    return t;
  }();
  return *table;
}

// ---------------------------------------------------------------------------
// Building a Quantity.

struct Scanner {
  absl::string_view text;
  const Toks& t;
  const std::vector<Quote>& quotes;
  std::vector<Quantity> out;
  size_t quote_pos = 0;
  size_t floor = 0;       // tokens before this belong to an earlier claim
  size_t last_first = 0;  // first token of out.back()

  void Emit(size_t first, size_t num_next, size_t end, Quantity q,
            CountedThing thing) {
    q.span.begin = t[first].begin;
    q.span.end = t[end - 1].end;
    q.surface = std::string(text.substr(q.span.begin, q.span.size()));
    if (q.unit.empty() && !thing.empty()) q.unit = UnitOf(thing);
    if (!q.unit.empty()) q.unit_key = UnitKey(q.unit);
    if (q.kind == QuantityKind::kUnknown) q.kind = KindOfUnit(q);
    ClaimContext ctx = FindClaimContext(text, t, first, end);
    q.subject = std::move(ctx.subject);
    q.time = std::move(ctx.time);
    q.asserted_by = std::move(ctx.asserted_by);
    while (quote_pos < quotes.size() &&
           quotes[quote_pos].span.end < q.span.begin) {
      ++quote_pos;
    }
    for (size_t qi = quote_pos; qi < quotes.size(); ++qi) {
      const Span& s = quotes[qi].span;
      if (s.begin > q.span.begin) break;
      if (s.end >= q.span.end) {
        q.quote_index = static_cast<int>(qi);
        if (!quotes[qi].speaker.empty()) q.asserted_by = quotes[qi].speaker;
        break;
      }
    }
    out.push_back(std::move(q));
    floor = end;
    last_first = first;
  }

  // Direction and role of a change verb governing the number at `first`:
  // "rose 5%" and "rose by 5%" are the size of a change (is_delta), "rose
  // to $3 billion" the level reached; "fell from 208 to 193" gives the 193
  // its base 208. The verb must lie in the same clause, after `floor`.
  void SetChange(size_t first, Quantity* q) {
    if (first == 0) return;
    size_t p = first - 1;
    enum { kDelta, kLevel, kBase } role = kDelta;
    if (IsWordTok(t, p, "by")) {
      role = kDelta;
    } else if (IsWordTok(t, p, "to") || IsWordTok(t, p, "at")) {
      role = kLevel;
    } else if (IsWordTok(t, p, "from")) {
      role = kBase;
    } else {
      ++p;  // the verb itself may come right before: "rose 5%"
    }
    // A level or base may sit past an earlier claim of the same verb
    // ("rose 5% to $3 billion"); the size of a change may not.
    const size_t stop = role == kDelta ? floor : 0;
    for (size_t i = p; i-- > 0 && i + 8 > p && i >= stop;) {
      if (!t[i].IsWord()) {
        if (t[i].IsPunct(",") && role != kLevel) break;
        continue;
      }
      const ChangeDirection d = ChangeVerbDirection(t[i].text);
      if (d == ChangeDirection::kNone) {
        if (t[i].sentence_start) break;
        continue;
      }
      if (role == kBase)
        return;  // "from 208": a past level, not a claim of change
      q->change = d;
      q->is_delta = role == kDelta;
      if (role == kLevel && !out.empty() && last_first >= i &&
          IsWordTok(t, last_first > 0 ? last_first - 1 : 0, "from")) {
        q->base = out.back().value;  // "fell from 208 to 193"
      }
      return;
    }
  }

  // The unit of a counted thing: its words, or the ISO code of a currency.
  std::string UnitOf(const CountedThing& thing) const {
    absl::string_view unit =
        TokenText(text, t, thing.unit_begin, thing.unit_end);
    absl::string_view code = CurrencyWord(unit);
    return code.empty() ? std::string(unit) : std::string(code);
  }

  // "RM79 a month", "3,000 tests a day", "£24 a-year", "$5 per hour": an
  // amount per unit of time after the claim ending at token `k`. Returns
  // one past it and sets *per to the singular time noun; `k` when none.
  size_t PerTimeAfter(size_t k, std::string* per) const {
    if (k + 1 >= t.size() || !t[k].IsWord()) return k;
    const absl::string_view w = t[k].text;
    if (!EqualsLower(w, "a") && !EqualsLower(w, "an") &&
        !EqualsLower(w, "per") && !EqualsLower(w, "each")) {
      return k;
    }
    size_t n = k + 1;
    if (t[n].IsPunct("-") && !t[n].space_before && n + 1 < t.size()) ++n;
    if (!t[n].IsWord()) return k;
    static constexpr absl::string_view kTimeNouns[] = {
        "second", "minute", "hour", "day", "week", "month", "quarter", "year"};
    for (absl::string_view noun : kTimeNouns) {
      if (EqualsLower(t[n].text, noun)) {
        *per = std::string(noun);
        return n + 1;
      }
    }
    return k;
  }

  // The counted thing of the previous claim when it lies in this sentence or
  // the one before and counts things (not money, percent or time): "rescued
  // 700 asylum seekers, and saved 200 more", "about 100,000 Greeks. The
  // Church estimates that number is closer to 40,000".
  std::string NearbyUnit(size_t first) const {
    if (out.empty() || last_first >= first) return {};
    const size_t sb = SentenceBegin(t, first);
    const size_t psb = sb > 0 ? SentenceBegin(t, sb - 1) : sb;
    if (last_first < psb) return {};
    const Quantity& p = out.back();
    if (p.unit.empty() || p.unit == "percent" || p.unit == "fraction" ||
        p.unit == "percentage points" || IsCurrencyCode(p.unit)) {
      return {};
    }
    absl::string_view key = p.unit_key;
    const size_t sp = key.rfind(' ');
    if (sp != absl::string_view::npos) key.remove_prefix(sp + 1);
    if (IsRateDenominator(key) || IsSingularMeasureNoun(key)) return {};
    return p.unit;
  }

  // What a number with no counted noun after it counts, from its context;
  // empty when unknown. Sets *sure when the context alone makes it a claim
  // ("killing 107", "a panel of twelve", "all fifteen of us", "200 more").
  std::string ElidedUnit(size_t first, size_t next, bool strong, bool* sure) {
    *sure = true;
    if (IsWordTok(t, next, "more")) {
      std::string u = NearbyUnit(first);
      if (!u.empty()) return u;
    }
    size_t p = first;
    if (p > 0 && IsWordTok(t, p - 1, "all")) --p;
    if (p > 0 && t[p - 1].IsWord() && !t[p - 1].IsCapitalized() &&
        IsCasualtyVerb(t[p - 1].text)) {
      return "people";
    }
    if (first > 1 && IsWordTok(t, first - 1, "of") && t[first - 2].IsWord() &&
        IsGroupNoun(t[first - 2].text)) {
      return "members";
    }
    if (IsWordTok(t, next, "of") &&
        (IsWordTok(t, next + 1, "us") || IsWordTok(t, next + 1, "them") ||
         IsWordTok(t, next + 1, "you"))) {
      return "people";
    }
    *sure = false;
    if (!strong) return {};
    // "drove outstanding asylum claims over 150,000".
    for (size_t back = 2; back >= 1; --back) {
      if (first < back + 1 || first - back <= floor) continue;
      CountedThing prev =
          ReadCountedThing(t, first - back, first, false, false);
      if (!prev.empty() && prev.end == first &&
          prev.unit_begin == first - back && !t[first - back].IsCapitalized()) {
        return std::string(TokenText(text, t, prev.unit_begin, prev.unit_end));
      }
    }
    return NearbyUnit(first);
  }

  // "a couple of professors": value 2, approximate.
  size_t TryCouple(size_t i) {
    if (!IsWordTok(t, i + 1, "of")) return i;
    const size_t first = i > floor && IsWordTok(t, i - 1, "a") ? i - 1 : i;
    CountedThing thing =
        ReadCountedThing(t, i + 1, SentenceEnd(t, i), true, true);
    if (thing.empty() || IsCounterfactual(t, first)) return i;
    Quantity q;
    q.value = 2;
    q.approx = Approx::kAbout;
    q.qualifier = std::string(TokenText(text, t, first, i + 2));
    Emit(first, i + 2, thing.end, std::move(q), thing);
    return thing.end;
  }

  // "attracting thousands to the event", "millions left homeless": a vague
  // count on its own, next to a verb.
  size_t TryBareVague(size_t i) {
    if (EqualsLower(t[i].text, "tens") || EqualsLower(t[i].text, "scores") ||
        t[i].IsCapitalized()) {
      return i;
    }
    bool verb_before = false;
    if (i > 0 && t[i - 1].IsWord() && !t[i - 1].IsCapitalized()) {
      absl::string_view p = t[i - 1].text;
      verb_before = absl::EndsWith(p, "ing") || absl::EndsWith(p, "ed") ||
                    EqualsLower(p, "drew") || EqualsLower(p, "brought") ||
                    IsCasualtyVerb(p);
    }
    bool verb_after = false;
    if (i + 1 < t.size() && t[i + 1].IsWord() && !t[i + 1].IsCapitalized()) {
      absl::string_view n = t[i + 1].text;
      verb_after = absl::EndsWith(n, "ed") || EqualsLower(n, "left") ||
                   EqualsLower(n, "were") || EqualsLower(n, "fled") ||
                   EqualsLower(n, "have") || EqualsLower(n, "had") ||
                   EqualsLower(n, "died");
    }
    const bool the_comma = i > 0 && IsWordTok(t, i - 1, "the") &&
                           i + 1 < t.size() && t[i + 1].IsPunct(",");
    if (!verb_before && !verb_after && !the_comma) return i;
    if (IsCounterfactual(t, i)) return i;
    Quantity q;
    q.approx = Approx::kVague;
    q.vague = true;
    q.qualifier = std::string(t[i].text);
    q.unit = NearbyUnit(i);
    if (q.unit.empty()) q.unit = "people";
    Emit(i, i + 1, i + 1, std::move(q), CountedThing{});
    return i + 1;
  }

  // "thousands of demonstrators", "tens of thousands of", "several hundred".
  size_t TryVague(size_t i) {
    const absl::string_view w = t[i].text;
    if (w.size() < 3 || w.size() > 9) return i;
    const uint64_t cls = VagueWords().Lookup(w);
    if (cls == 0) return i;
    if (cls & kInCouple) return TryCouple(i);
    size_t k = i;
    if ((cls & kInVague) && IsWordTok(t, i + 1, "of")) {
      k = i + 1;
      if ((EqualsLower(t[i].text, "tens") ||
           EqualsLower(t[i].text, "hundreds")) &&
          k + 2 < t.size() &&
          (IsWordTok(t, k + 1, "thousands") ||
           IsWordTok(t, k + 1, "millions")) &&
          IsWordTok(t, k + 2, "of")) {
        k += 2;
      } else if (EqualsLower(t[i].text, "tens")) {
        return i;  // "tens of" alone is not a count
      }
    } else if ((cls & kInFew) && i + 1 < t.size() &&
               (IsWordTok(t, i + 1, "hundred") ||
                IsWordTok(t, i + 1, "thousand") ||
                IsWordTok(t, i + 1, "million") ||
                IsWordTok(t, i + 1, "dozen"))) {
      k = i + 2;
    } else if (cls & kInVague) {
      return TryBareVague(i);
    } else {
      return i;
    }
    const size_t se = SentenceEnd(t, i);
    const bool of = IsWordTok(t, k, "of");
    const size_t phrase_end = of ? k : k;  // qualifier excludes "of"
    CountedThing thing = ReadCountedThing(t, k, se, of, /*singular_ok=*/true);
    if (thing.empty()) return i;
    if (IsCounterfactual(t, i)) return thing.end;
    Quantity q;
    q.approx = Approx::kVague;
    q.vague = true;
    q.qualifier = std::string(TokenText(text, t, i, phrase_end + (of ? 1 : 0)));
    Emit(i, k, thing.end, std::move(q), thing);
    return thing.end;
  }

  // "about half", "larger than a third": a fraction word that reads as a
  // number only after a qualifier.
  std::optional<Reading> QualifiedFraction(size_t i) const {
    // Cheap tests first: this runs at every "a" that starts no number.
    const bool half = IsWordTok(t, i, "half");
    if (!half && !((IsWordTok(t, i, "a") || IsWordTok(t, i, "one")) &&
                   i + 1 < t.size() && t[i + 1].IsWord() &&
                   t[i + 1].text.size() >= 5 && t[i + 1].text.size() <= 8 &&
                   DenominatorValue(t[i + 1].text).has_value())) {
      return std::nullopt;
    }
    if (!QualifierBefore(t, i, floor)) return std::nullopt;
    Reading r;
    r.first = r.num = i;
    r.words = true;
    r.fraction = true;
    if (IsWordTok(t, i, "half")) {
      r.value = 0.5;
      r.next = i + 1;
      // "nearly half an hour": half of one unit, not a proportion.
      if ((IsWordTok(t, i + 1, "an") || IsWordTok(t, i + 1, "a")) &&
          i + 2 < t.size() && t[i + 2].IsWord() && !t[i + 2].IsCapitalized() &&
          !IsNumberWord(t[i + 2].text)) {
        r.fraction = false;
        r.next = i + 2;
      }
      return r;
    }
    if ((IsWordTok(t, i, "a") || IsWordTok(t, i, "one")) && i + 1 < t.size() &&
        t[i + 1].IsWord()) {
      if (std::optional<int> d = DenominatorValue(t[i + 1].text); d && *d > 2) {
        r.value = 1.0 / *d;
        r.next = i + 2;
        return r;
      }
    }
    return std::nullopt;
  }

  // "10,000 and as many as 300,000 people": the upper end of a range after
  // "and", past its qualifier; nullopt when none.
  std::optional<Reading> AndUpTo(size_t k) const {
    if (!IsWordTok(t, k, "and")) return std::nullopt;
    for (size_t n = 2; n <= 3; ++n) {
      std::optional<FoundQualifier> q = QualifierBefore(t, k + 1 + n, k + 1);
      if (!q || q->first != k + 1 || q->approx != Approx::kUpperBound) {
        continue;
      }
      std::optional<Reading> b = ReadNumber(t, k + 1 + n);
      if (b && b->first == k + 1 + n) return b;
    }
    return std::nullopt;
  }

  // What TryNumber has read so far of one number, step by step.
  struct NumberRead {
    std::optional<Reading> a;            // the number (the first of a range)
    std::optional<Reading> b;            // the end of a range
    std::optional<FoundQualifier> qual;  // "about", "between" ... before it
    bool qualified = false;
    size_t k = 0;  // the token after `a`: a range join ("-", "to") if any
    bool and_up_to = false;        // "10,000 and as many as 300,000"
    Approx post = Approx::kExact;  // "107 or more"
    size_t post_begin = 0;
    bool ratio = false;  // "one in three"
    bool age = false;    // "a 15-year-old"
    size_t age_end = 0;
    size_t first = 0;  // where the claim starts (its qualifier)
    Quantity q;
    CountedThing thing;
    const Reading& last() const { return b ? *b : *a; }
  };

  // A number at `i`; returns the token to continue from. Each step either
  // reads more of the claim into `n` or ends it (a value: continue there).
  size_t TryNumber(size_t i) {
    NumberRead n;
    if (std::optional<size_t> done = ReadFirstNumber(i, &n)) return *done;
    if (std::optional<size_t> done = ReadSecondNumber(i, &n)) return *done;
    ReadAfterNumber(&n);
    ReadQuantity(&n);
    ReadUnit(&n);
    if (std::optional<size_t> done = DropNonCounts(&n)) return *done;
    return EmitNumber(&n);
  }

  // The number at `i` and its qualifier; a non-claim ends here.
  std::optional<size_t> ReadFirstNumber(size_t i, NumberRead* n) {
    std::optional<Reading>& a = n->a;
    a = ReadNumber(t, i);
    if (!a) a = QualifiedFraction(i);
    if (!a) return i;
    n->qual = QualifierBefore(t, a->first, floor);
    n->qualified = n->qual.has_value() && !n->qual->between && !n->qual->from;
    if (IsNonClaim(t, *a, n->qualified)) {
      // "aged 8-10 years": the second number shares the first one's fate.
      const size_t k = a->next;
      if (k + 1 < t.size() && IsRangeJoin(t, k) &&
          t[k].kind == TokKind::kPunct) {
        std::optional<Reading> b = ReadNumber(t, k + 1);
        if (b && b->first == k + 1) return b->next;
      }
      return std::max(a->next, i + 1);
    }
    return std::nullopt;
  }

  // A second number: a range, or a change ("rose 60% to 3.9 million").
  std::optional<size_t> ReadSecondNumber(size_t i, NumberRead* n) {
    std::optional<Reading>& a = n->a;
    std::optional<Reading>& b = n->b;
    std::optional<FoundQualifier>& qual = n->qual;
    // A second number: a range, or a change ("rose 60% to 3.9 million").
    size_t& k = n->k;
    k = a->next;
    const bool between = qual && qual->between;
    if ((between && IsWordTok(t, k, "and")) ||
        (!between && IsRangeJoin(t, k))) {
      b = ReadNumber(t, k + 1);
      if (b && b->first != k + 1) b.reset();
      if (b && IsNonClaim(t, *b, true, /*second=*/true)) {
        const bool dash = t[k].kind == TokKind::kPunct;
        if (dash) return std::max(b->next, i + 1);  // "3-1", "555-1234"
        b.reset();
      }
    } else if (!between && !n->qualified) {
      b = AndUpTo(k);
      n->and_up_to = b.has_value();
    }
    if (b) {
      const bool dash = t[k].kind == TokKind::kPunct;
      if (dash && !t[k].space_before && !a->words && !b->words &&
          a->value == static_cast<long long>(a->value) &&
          t[a->num].text.find(',') == absl::string_view::npos &&
          t[a->num].text.size() >= 3 && t[b->num].text.size() >= 4) {
        return b->next;  // phone number
      }
      if (dash && b->next + 1 < t.size() && t[b->next].IsPunct("-") &&
          !t[b->next].space_before && t[b->next + 1].IsNum()) {
        return b->next + 2;  // a chain of dashes: an identifier
      }
      if (IsYearToken(t, a->num) && IsYearToken(t, b->num)) {
        return b->next;  // "2000 - 2050", a span of years
      }
      Reading lo = *a;
      Reading hi = *b;
      if (hi.scaled && !lo.scaled && lo.value * hi.scale <= hi.value) {
        lo.value *= hi.scale;
      }
      if (hi.percent && !lo.percent && !lo.points && !lo.currency.size()) {
        lo.percent = true;
      }
      if (hi.points && !lo.points && !lo.percent) lo.points = true;
      if (lo.currency.empty()) lo.currency = hi.currency;
      if (hi.currency.empty()) hi.currency = lo.currency;
      const bool compatible = lo.percent == hi.percent &&
                              lo.points == hi.points &&
                              lo.currency == hi.currency;
      const bool change = IsChangeVerbBefore(t, qual ? qual->first : i);
      if (!compatible || !(lo.value < hi.value) ||
          (!between && change && !IsWordTok(t, k, "or"))) {
        if (t[k].kind == TokKind::kPunct) {  // "3-1": a score
          return std::max(b->next, i + 1);
        }
        b.reset();
      } else {
        *a = lo;
        *b = hi;
      }
    }
    if (!b && qual && (qual->between || qual->from)) qual.reset();
    return std::nullopt;
  }

  // After a lone number: a post-qualifier and a proportion.
  void ReadAfterNumber(NumberRead* n) {
    std::optional<Reading>& a = n->a;
    const std::optional<Reading>& b = n->b;
    // "107 or more", "1000 +", "ten or so".
    n->post_begin = a->next;
    if (!b) {
      const size_t e = PostQualifier(t, a->next, &n->post);
      if (e > a->next) {
        a->next = e;
        if (!n->qual) n->qualified = true;
      }
    }
    // "one in three visits", "two out of five": a proportion.
    if (!b && !a->fraction && !a->percent && a->currency.empty()) {
      size_t m = a->next;
      if (IsWordTok(t, m, "in")) {
        ++m;
      } else if (IsWordTok(t, m, "out") && IsWordTok(t, m + 1, "of")) {
        m += 2;
      } else if (a->words && a->value == 1 && IsWordTok(t, m, "of")) {
        ++m;  // "one of four mission concepts"
      }
      if (m > a->next) {
        std::optional<Reading> d = ReadNumber(t, m);
        if (d && d->first == m && !d->percent && d->currency.empty() &&
            !IsYearToken(t, d->num) && d->value > a->value) {
          a->value /= d->value;
          a->fraction = true;
          a->next = d->next;
          n->ratio = true;
        }
      }
    }
  }

  // The quantity's value or range, its qualifier, and whether it is an age.
  void ReadQuantity(NumberRead* n) {
    const std::optional<Reading>& a = n->a;
    const std::optional<Reading>& b = n->b;
    const std::optional<FoundQualifier>& qual = n->qual;
    const Reading& last = n->last();
    // Ages are claims a fact-checker compares ("a 15-year-old"): kind kAge.
    n->age_end = AgeEnd(t, last.next);
    n->age = n->age_end > last.next || IsAgeBefore(t, *a);
    Quantity& q = n->q;
    n->first = qual ? qual->first : a->first;
    if (qual) {
      q.qualifier = std::string(TokenText(text, t, qual->first, a->first));
    } else if (n->post != Approx::kExact || n->post_begin < a->next) {
      if (!n->ratio) {
        q.qualifier = std::string(TokenText(text, t, n->post_begin, a->next));
      }
    }
    if (b) {
      q.approx = Approx::kRange;
      q.low = a->value;
      q.high = b->value;
      if (n->and_up_to) {
        q.qualifier = std::string(TokenText(text, t, n->k + 1, b->first));
      }
    } else {
      Approx approx = qual ? qual->approx : Approx::kExact;
      if (n->post != Approx::kExact) approx = n->post;
      q.approx = approx;
      if (approx == Approx::kLowerBound) {
        q.low = a->value;
      } else if (approx == Approx::kUpperBound) {
        q.high = a->value;
      } else {
        q.value = a->value;
      }
    }
  }

  // A unit written apart from the number ("5 miles", "a 185-hp engine")
  // into `spaced`; returns where it ends (last.next when none).
  size_t SpacedMeasure(const Reading& last, bool age,
                       MeasureUnit* spaced) const {
    size_t spaced_end = last.next;
    if (last.currency.empty() && !last.points && !last.percent &&
        last.glued_unit.empty() && last.measure.unit.empty() && !age) {
      const size_t se = SentenceEnd(t, last.num);
      spaced_end = ReadMeasureUnit(t, last.next, se, spaced);
      // "a 5-mpg boost", "a 185-hp engine".
      if (spaced_end == last.next && last.next + 1 < se &&
          t[last.next].IsPunct("-") && !t[last.next].space_before &&
          !t[last.next + 1].space_before) {
        const size_t e = ReadMeasureUnit(t, last.next + 1, se, spaced);
        if (e > last.next + 1) spaced_end = e;
      }
    }
    return spaced_end;
  }

  // The unit: age, currency, measure, percent... or the counted thing.
  void ReadUnit(NumberRead* n) {
    const Reading& last = n->last();
    Quantity& q = n->q;
    CountedThing& thing = n->thing;
    thing.end = last.next;
    MeasureUnit spaced;
    const size_t spaced_end = SpacedMeasure(last, n->age, &spaced);
    if (n->age) {
      q.unit = AgeUnit(t, last.next, n->age_end);
      q.kind = QuantityKind::kAge;
      thing.end = n->age_end;
    } else if (!last.currency.empty()) {
      q.unit = std::string(last.currency);
    } else if (!last.measure.unit.empty() || spaced_end > last.next) {
      const MeasureUnit& m = last.measure.unit.empty() ? spaced : last.measure;
      q.unit = std::string(m.unit);
      q.kind = m.rate ? QuantityKind::kRate : QuantityKind::kMeasure;
      thing.end = std::max(spaced_end, last.next);
    } else if (last.points) {
      q.unit = "percentage points";
    } else if (last.percent) {
      q.unit = "percent";
    } else if (!last.glued_unit.empty()) {
      q.unit = std::string(last.glued_unit);
    } else {
      ReadCountedNoun(n);
    }
  }

  // No unit of its own: the thing counted ("238 people").
  void ReadCountedNoun(NumberRead* n) {
    const std::optional<Reading>& a = n->a;
    const std::optional<Reading>& b = n->b;
    const Reading& last = n->last();
    Quantity& q = n->q;
    CountedThing& thing = n->thing;
    const bool singular_ok =
        a->fraction || (!b && a->value <= 1 && a->value > 0);
    // "one of the people responsible", "two of its engines".
    size_t from = last.next;
    if (a->words && !a->fraction && IsWordTok(t, from, "of") &&
        from + 1 < t.size() && t[from + 1].IsWord() &&
        (InLower(t[from + 1].text, kInDeterminers) ||
         InLower(t[from + 1].text, kInWeakDeterminers))) {
      from += 2;
    }
    thing =
        ReadCountedThing(t, from, SentenceEnd(t, last.num),
                         a->fraction && !n->ratio && !a->slash, singular_ok);
    // "nine of their 14 matches": no noun after "of their", no surface.
    if (thing.empty() || thing.end < last.next) thing.end = last.next;
    // "208 pounds" with no currency sign or scale is a weight.
    if (thing.unit_end == thing.unit_begin + 1 &&
        (EqualsLower(t[thing.unit_begin].text, "pounds") ||
         EqualsLower(t[thing.unit_begin].text, "pound"))) {
      q.unit = "lb";
    }
    if (a->fraction && !a->slash) {
      q.unit = "fraction";  // "a quarter of citizens", "one in three"
      thing.unit_begin = thing.unit_end;
    }
  }

  // References back, articles and bare numbers that are not counts.
  std::optional<size_t> DropNonCounts(NumberRead* n) {
    // Number words after "the", "all", "whose" ...: a count only with a
    // counted noun that does not refer back ("the two sides").
    const std::optional<Reading>& a = n->a;
    const std::optional<Reading>& b = n->b;
    const std::optional<FoundQualifier>& qual = n->qual;
    const Reading& last = n->last();
    Quantity& q = n->q;
    CountedThing& thing = n->thing;
    const bool weak_det = a->words && !qual && a->first == a->num &&
                          a->first > 0 && t[a->first - 1].IsWord() &&
                          InLower(t[a->first - 1].text, kInWeakDeterminers);
    if (weak_det && a->bare_one) return thing.end;
    // "the two sides", "the three men": a reference back, not a count.
    if (weak_det && !thing.empty() &&
        EqualsLower(t[a->first - 1].text, "the") &&
        IsReferenceNoun(t[thing.unit_end - 1].text)) {
      return thing.end;
    }
    // A bare "one" is an article ("one morning", "One poster admitted")
    // unless a verb takes it as its count ("fired one shell").
    if (!b && a->bare_one && !n->qualified && !n->ratio) {
      const NumToken* prev = a->first > 0 ? &t[a->first - 1] : nullptr;
      const bool verb =
          prev && prev->IsWord() && !prev->IsCapitalized() &&
          (absl::EndsWith(prev->text, "ed") ||
           EqualsLower(prev->text, "have") || EqualsLower(prev->text, "has") ||
           EqualsLower(prev->text, "had"));
      const bool of = IsWordTok(t, a->next, "of") && !thing.empty();
      if (!of &&
          (!verb || thing.empty() || t[thing.unit_begin].IsCapitalized() ||
           IsOneIdiomNoun(t[thing.unit_begin].text))) {
        return a->next;
      }
    }
    // A bare number that counts nothing named ("I am 61", "Studio 60",
    // "Reagan in 80") is too often not a claim: keep it only when it is
    // qualified, a "between"/"to" range, scaled or written with grouping,
    // or when its context names what it counts ("killing 238").
    const bool dash_range = b && t[n->k].kind == TokKind::kPunct;
    const bool strong = (qual && q.approx != Approx::kExact) ||
                        n->post != Approx::kExact || (b && !dash_range) ||
                        a->scaled || last.scaled || IsInChange(t, a->first) ||
                        t[a->num].text.find(',') != absl::string_view::npos;
    if (q.unit.empty() && thing.empty() && strong) {
      // "the nation's 92,000 asylum claim backlog": a singular noun phrase.
      CountedThing singular =
          ReadCountedThing(t, last.next, SentenceEnd(t, last.num), false, true);
      if (!singular.empty() && !t[singular.unit_begin].IsCapitalized()) {
        thing = singular;
      }
    }
    if (q.unit.empty() && thing.empty()) {
      // A number that counts nothing named is still a quantity (kNumber);
      // the query and verify layers decide whether it compares. But "the
      // three were released" refers back like a pronoun.
      bool sure = false;
      q.unit = ElidedUnit(n->first, last.next, strong, &sure);
      if (weak_det && !sure) return last.next;
      // "those two together": a reference back, like a pronoun.
      if (a->words && !sure && a->first > 0 && t[a->first - 1].IsWord() &&
          InLower(t[a->first - 1].text, kInDeterminers)) {
        return last.next;
      }
    }
    return std::nullopt;
  }

  // A rate ("per month"), the last filters, and the claim itself.
  size_t EmitNumber(NumberRead* n) {
    const std::optional<Reading>& a = n->a;
    const std::optional<Reading>& b = n->b;
    const Reading& last = n->last();
    Quantity& q = n->q;
    CountedThing& thing = n->thing;
    const size_t first = n->first;
    std::string per;
    const size_t per_end = n->age ? thing.end : PerTimeAfter(thing.end, &per);
    if (per_end > thing.end && q.kind != QuantityKind::kRate &&
        (!q.unit.empty() || !thing.empty()) && q.unit != "percent" &&
        q.unit != "fraction" && q.unit != "percentage points") {
      if (q.unit.empty()) q.unit = UnitOf(thing);
      q.unit += " per " + per;  // "MYR per month", "tests per day"
      q.kind = QuantityKind::kRate;
      thing.end = per_end;
    }
    if (IsCounterfactual(t, first)) return thing.end;
    if (!n->age && IsLabelOrCompound(t, *a, last, n->qual.has_value(), q,
                                     !thing.empty())) {
      return thing.end;
    }
    // "world number two", "the top three": a rank, not an amount.
    if (a->words && !b && a->first == a->num && a->first > 0 &&
        (IsWordTok(t, a->first - 1, "number") ||
         IsWordTok(t, a->first - 1, "top")) &&
        q.unit.empty() && thing.empty()) {
      q.kind = QuantityKind::kRank;
    }
    SetChange(first, &q);
    Emit(first, last.next, thing.end, std::move(q), thing);
    return thing.end;
  }
};

bool CanStartNumber(const Toks& toks, size_t i) {
  const NumToken& tok = toks[i];
  if (tok.IsNum()) return true;
  // "hk $ 10.05", "nzd$15": a country mark before the dollar sign.
  if (tok.IsWord() && tok.text.size() <= 3 && i + 1 < toks.size() &&
      toks[i + 1].IsPunct("$")) {
    return true;
  }
  if (tok.kind == TokKind::kPunct) {
    return tok.text == "-" || tok.text == "\xE2\x88\x92" ||
           !CurrencyPrefix(tok.text).empty();
  }
  absl::string_view w = tok.text;
  if (w.empty()) return false;
  return IsNumberWord(w) || EqualsLower(w, "a") || EqualsLower(w, "an") ||
         EqualsLower(w, "half") || EqualsLower(w, "minus") ||
         EqualsLower(w, "negative") || (w.size() <= 3 && tok.IsCapitalized());
}

}  // namespace

void ResolveTimes(absl::string_view article_date,
                  std::vector<Quantity>* quantities) {
  for (Quantity& q : *quantities) {
    q.time_resolved = q.time.empty() ? "" : ResolveTime(q.time, article_date);
  }
}

absl::string_view QuantityKindName(QuantityKind kind) {
  switch (kind) {
    case QuantityKind::kUnknown:
      return "unknown";
    case QuantityKind::kNumber:
      return "number";
    case QuantityKind::kCount:
      return "count";
    case QuantityKind::kMoney:
      return "money";
    case QuantityKind::kPercent:
      return "percent";
    case QuantityKind::kFraction:
      return "fraction";
    case QuantityKind::kMeasure:
      return "measure";
    case QuantityKind::kDuration:
      return "duration";
    case QuantityKind::kRate:
      return "rate";
    case QuantityKind::kAge:
      return "age";
    case QuantityKind::kRank:
      return "rank";
  }
  return "unknown";
}

absl::string_view ChangeName(ChangeDirection change) {
  switch (change) {
    case ChangeDirection::kUp:
      return "up";
    case ChangeDirection::kDown:
      return "down";
    case ChangeDirection::kNone:
      break;
  }
  return "none";
}

std::vector<Quantity> ExtractQuantities(
    absl::string_view text, const std::vector<Quote>& quotes,
    const std::function<bool()>& cancelled) {
  const Toks toks = TokenizeForNumbers(text);
  Scanner s{text, toks, quotes, {}};
  const size_t budget = MaxItems(text.size());
  size_t i = 0;
  for (size_t step = 0; i < toks.size() && s.out.size() < budget; ++step) {
    if (step % kPollEvery == 0 && Cancelled(cancelled)) break;
    size_t next = i;
    if (toks[i].IsWord()) next = s.TryVague(i);
    if (next == i && CanStartNumber(toks, i)) next = s.TryNumber(i);
    i = next > i ? next : i + 1;
  }
  return std::move(s.out);
}

}  // namespace claimcheck::extract
