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
//   - A bare "one" counts only after a qualifier ("at least one") or in a
//     range ("one or two"); number words after "the", "its", ... are
//     references, not claims ("the two sides").
//   - "from A to B" after a change verb ("fell from 208 to 193") gives two
//     claims; elsewhere it is a range with qualifier "from".
#include "server/extract/numbers.h"

#include <optional>
#include <string>

#include "absl/strings/match.h"
#include "server/extract/number_context.h"
#include "server/extract/number_parse.h"
#include "server/extract/number_tokens.h"
#include "server/extract/number_unit.h"
#include "server/extract/word_table.h"

namespace claimcheck::extract {
namespace {

using Toks = std::vector<NumToken>;

enum : uint64_t {
  kInGluedUnits = uint64_t{1} << 0,
  kInIdentifierWords = uint64_t{1} << 1,
  kInDeterminers = uint64_t{1} << 2,
  kInChangeVerbs = uint64_t{1} << 3,
};
const WordTable& NumberWords();

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
    {{"between"}, 1, Approx::kRange},
    {{"from"}, 1, Approx::kRange},
};

struct FoundQualifier {
  size_t first = 0;  // first token of the qualifier
  Approx approx = Approx::kExact;
  bool between = false;
  bool from = false;
};

// The qualifier ending right before token `i`, not reaching before `floor`.
std::optional<FoundQualifier> QualifierBefore(const Toks& t, size_t i,
                                              size_t floor) {
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
  bool percent = false;
  bool points = false;
  absl::string_view currency;    // ISO code
  absl::string_view glued_unit;  // "km" in "5km"
  bool reject = false;           // an identifier, ordinal, decade or time
};

// Currency mark at `i`; sets *after to the token after it.
absl::string_view CurrencyAt(const Toks& t, size_t i, size_t* after) {
  if (i >= t.size()) return {};
  if (t[i].kind == TokKind::kPunct) {
    absl::string_view code = CurrencyPrefix(t[i].text);
    *after = i + 1;
    return code;
  }
  if (!t[i].IsWord()) return {};
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

constexpr absl::string_view kGluedUnits[] = {
    "km",  "kg",  "cm",  "mm",  "m",  "g",  "mg", "lb",  "lbs",
    "ft",  "mph", "kmh", "kph", "mw", "gw", "kw", "mwh", "gwh",
    "kwh", "t",   "ha",  "bpd", "ml", "l",  "c",  "f",   "sq",
    "mi",  "oz",  "in",  "x",   "kt", "gb", "tb", "mb"};

void ReadSuffixes(const Toks& t, Reading* r, size_t k) {
  const bool money = !r->currency.empty();
  if (r->words) {
    // "five million" is read by ParseNumberWords; nothing glued to words.
  } else if (k < t.size() && t[k].IsWord() && !t[k].space_before &&
             !EqualsLower(t[k].text, "pc") && !EqualsLower(t[k].text, "pct") &&
             !EqualsLower(t[k].text, "percent")) {
    absl::string_view sfx = t[k].text;
    if (auto s = ScaleWordValue(sfx, money)) {
      r->scale = *s;
      r->scaled = true;
      ++k;
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
    } else if (r->currency.empty() && t[k].IsWord()) {
      absl::string_view code = CurrencyWord(t[k].text);
      if (!code.empty()) {
        r->currency = code;
        ++k;
      }
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
  if (r.currency.empty() && j + 1 < t.size() && t[j + 1].IsNum() &&
      !t[j + 1].space_before &&
      (t[j].IsPunct("-") || t[j].IsPunct("\xE2\x88\x92")) &&
      (j == 0 || t[j].space_before || t[j - 1].IsPunct("("))) {
    sign = -1;
    ++j;
  } else if (IsWordTok(t, j, "minus") && j + 1 < t.size() && t[j + 1].IsNum()) {
    sign = -1;
    ++j;
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
    ReadSuffixes(t, &r, j + 1);
  } else if (j == i) {
    std::optional<WordNumber> wn = ParseNumberWords(t, j);
    if (!wn) return std::nullopt;
    r.words = true;
    r.value = wn->value;
    r.fraction = wn->fraction;
    r.bare_one = wn->words == 1 && !wn->fraction && !wn->only_article &&
                 wn->next == j + 1 && EqualsLower(t[j].text, "one");
    ReadSuffixes(t, &r, wn->next);
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

constexpr absl::string_view kDeterminers[] = {
    "the",  "these", "those", "its",   "their", "his",   "her",
    "our",  "my",    "your",  "whose", "both",  "all",   "every",
    "each", "which", "first", "last",  "next",  "other", "another",
    "this", "that",  "no",    "any",   "those", "said",  "such"};

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
    if (r.num + 1 < t.size() && !t[r.num + 1].space_before &&
        (t[r.num + 1].IsPunct(":") || t[r.num + 1].IsPunct("/") ||
         t[r.num + 1].IsPunct("@")) &&
        r.num + 2 < t.size() && !t[r.num + 2].space_before) {
      return true;  // "10:30", "24/7"
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
      if (!qualified && IsYearToken(t, r.num)) return true;
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
    if (r.words && InLower(prev.text, kInDeterminers)) return true;
  }
  if (r.words && !r.fraction && IsWordTok(t, k, "of")) return true;
  // Ages: "aged 14", "at age 80", "at the age of 40".
  if (r.first > 0 &&
      (IsWordTok(t, r.first - 1, "aged") || IsWordTok(t, r.first - 1, "age") ||
       (IsWordTok(t, r.first - 1, "of") && IsWordTok(t, r.first - 2, "age")))) {
    return true;
  }
  return false;
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
    return t;
  }();
  return *table;
}

// The words that open a vague count, apart: they are tried at every word,
// and a small table turns nearly every other word away before hashing.
enum : uint64_t { kInVague = 1, kInFew = 2 };
const WordTable& VagueWords() {
  static const WordTable* table = [] {
    auto* t = new WordTable;
    t->Add(kVague, kInVague);
    t->Add(kFew, kInFew);
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
  size_t floor = 0;  // tokens before this belong to an earlier claim

  void Emit(size_t first, size_t num_next, size_t end, Quantity q,
            CountedThing thing) {
    q.span.begin = t[first].begin;
    q.span.end = t[end - 1].end;
    q.surface = std::string(text.substr(q.span.begin, q.span.size()));
    if (q.unit.empty() && !thing.empty()) {
      absl::string_view unit =
          TokenText(text, t, thing.unit_begin, thing.unit_end);
      absl::string_view code = CurrencyWord(unit);
      q.unit = code.empty() ? std::string(unit) : std::string(code);
    }
    if (!q.unit.empty()) q.unit_key = UnitKey(q.unit);
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
  }

  // "thousands of demonstrators", "tens of thousands of", "several hundred".
  size_t TryVague(size_t i) {
    const absl::string_view w = t[i].text;
    if (w.size() < 3 || w.size() > 9) return i;
    const uint64_t cls = VagueWords().Lookup(w);
    if (cls == 0) return i;
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
    } else {
      return i;
    }
    const size_t se = SentenceEnd(t, i);
    const bool of = IsWordTok(t, k, "of");
    const size_t phrase_end = of ? k : k;  // qualifier excludes "of"
    CountedThing thing = ReadCountedThing(t, k, se, of, /*singular_ok=*/true);
    if (thing.empty()) return i;
    Quantity q;
    q.approx = Approx::kVague;
    q.vague = true;
    q.qualifier = std::string(TokenText(text, t, i, phrase_end + (of ? 1 : 0)));
    Emit(i, k, thing.end, std::move(q), thing);
    return thing.end;
  }

  // A number at `i`; returns the token to continue from.
  size_t TryNumber(size_t i) {
    std::optional<Reading> a = ReadNumber(t, i);
    if (!a) return i;
    std::optional<FoundQualifier> qual = QualifierBefore(t, a->first, floor);
    bool qualified = qual.has_value() && !qual->between && !qual->from;
    if (IsNonClaim(t, *a, qualified)) {
      return std::max(a->next, i + 1);
    }
    // A second number: a range, or a change ("rose 60% to 3.9 million").
    std::optional<Reading> b;
    size_t k = a->next;
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
    if (!b && a->bare_one && !qualified) return a->next;
    if (!b && qual && (qual->between || qual->from)) qual.reset();

    const Reading& last = b ? *b : *a;
    Quantity q;
    size_t first = qual ? qual->first : a->first;
    if (qual)
      q.qualifier = std::string(TokenText(text, t, qual->first, a->first));
    if (b) {
      q.approx = Approx::kRange;
      q.low = a->value;
      q.high = b->value;
    } else {
      Approx approx = qual ? qual->approx : Approx::kExact;
      q.approx = approx;
      if (approx == Approx::kLowerBound) {
        q.low = a->value;
      } else if (approx == Approx::kUpperBound) {
        q.high = a->value;
      } else {
        q.value = a->value;
      }
    }
    CountedThing thing;
    thing.end = last.next;
    if (!last.currency.empty()) {
      q.unit = std::string(last.currency);
    } else if (last.points) {
      q.unit = "percentage points";
    } else if (last.percent) {
      q.unit = "percent";
    } else if (!last.glued_unit.empty()) {
      q.unit = std::string(last.glued_unit);
    } else {
      const bool singular_ok = a->fraction || (!b && a->value == 1);
      thing = ReadCountedThing(t, last.next, SentenceEnd(t, last.num),
                               a->fraction, singular_ok);
      if (thing.end < last.next) thing.end = last.next;
    }
    // A bare number that counts nothing named ("I am 61", "Studio 60",
    // "Reagan in 80") is too often not a claim: keep it only when it is
    // qualified, a "between"/"to" range, scaled or written with grouping.
    const bool counts_something = !q.unit.empty() || !thing.empty();
    const bool dash_range = b && t[k].kind == TokKind::kPunct;
    const bool strong = (qual && q.approx != Approx::kExact) ||
                        (b && !dash_range) || a->scaled || last.scaled ||
                        IsInChange(t, a->first) ||
                        t[a->num].text.find(',') != absl::string_view::npos;
    if (!counts_something && !strong) return last.next;
    Emit(first, last.next, thing.end, std::move(q), thing);
    return thing.end;
  }
};

bool CanStartNumber(const NumToken& tok) {
  if (tok.IsNum()) return true;
  if (tok.kind == TokKind::kPunct) {
    return tok.text == "-" || tok.text == "\xE2\x88\x92" ||
           !CurrencyPrefix(tok.text).empty();
  }
  absl::string_view w = tok.text;
  if (w.empty()) return false;
  return IsNumberWord(w) || EqualsLower(w, "a") || EqualsLower(w, "an") ||
         EqualsLower(w, "half") || EqualsLower(w, "minus") ||
         (w.size() <= 3 && tok.IsCapitalized());
}

}  // namespace

std::vector<Quantity> ExtractQuantities(absl::string_view text,
                                        const std::vector<Quote>& quotes) {
  const Toks toks = TokenizeForNumbers(text);
  Scanner s{text, toks, quotes, {}};
  size_t i = 0;
  while (i < toks.size()) {
    size_t next = i;
    if (toks[i].IsWord()) next = s.TryVague(i);
    if (next == i && CanStartNumber(toks[i])) next = s.TryNumber(i);
    i = next > i ? next : i + 1;
  }
  return std::move(s.out);
}

}  // namespace claimcheck::extract
