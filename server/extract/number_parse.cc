#include "server/extract/number_parse.h"

#include <cstdint>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "server/extract/word_table.h"

namespace claimcheck::extract {
namespace {

constexpr double kMaxValue = 1e15;

struct WordValue {
  absl::string_view word;
  int value;
};

constexpr WordValue kUnits[] = {
    {"zero", 0},     {"nought", 0},   {"one", 1},        {"two", 2},
    {"three", 3},    {"four", 4},     {"five", 5},       {"six", 6},
    {"seven", 7},    {"eight", 8},    {"nine", 9},       {"ten", 10},
    {"eleven", 11},  {"twelve", 12},  {"thirteen", 13},  {"fourteen", 14},
    {"fifteen", 15}, {"sixteen", 16}, {"seventeen", 17}, {"eighteen", 18},
    {"nineteen", 19}};
constexpr WordValue kTens[] = {{"twenty", 20}, {"thirty", 30}, {"forty", 40},
                               {"fifty", 50},  {"sixty", 60},  {"seventy", 70},
                               {"eighty", 80}, {"ninety", 90}};
// Denominators of word fractions, singular and plural.
constexpr WordValue kDenominators[] = {
    {"half", 2},         {"halves", 2},        {"third", 3},
    {"thirds", 3},       {"quarter", 4},       {"quarters", 4},
    {"fourth", 4},       {"fourths", 4},       {"fifth", 5},
    {"fifths", 5},       {"sixth", 6},         {"sixths", 6},
    {"seventh", 7},      {"sevenths", 7},      {"eighth", 8},
    {"eighths", 8},      {"ninth", 9},         {"ninths", 9},
    {"tenth", 10},       {"tenths", 10},       {"hundredth", 100},
    {"hundredths", 100}, {"thousandth", 1000}, {"thousandths", 1000}};

template <size_t N>
std::optional<int> Lookup(const WordValue (&table)[N], absl::string_view w) {
  for (const WordValue& e : table) {
    if (EqualsLower(w, e.word)) return e.value;
  }
  return std::nullopt;
}

// Number words by their lower-case spelling: units and tens map to their
// value, "hundred" to -100, "dozen" to -12, "thousand" .. "trillion" to
// -1000 .. -1e12. The table's payload is an index into kNumberWordValues
// plus one. Built once; read-only afterwards.
struct ScaleWord {
  absl::string_view word;
  double value;
};
constexpr ScaleWord kScaleWords[] = {{"hundred", -1e2},  {"dozen", -12},
                                     {"thousand", -1e3}, {"million", -1e6},
                                     {"billion", -1e9},  {"trillion", -1e12},
                                     {"lakh", -1e5},     {"crore", -1e7}};

struct NumberWords {
  WordTable table;
  std::vector<double> values;
};

const NumberWords& NumberWordTable() {
  static const NumberWords* words = [] {
    auto* w = new NumberWords;
    auto add = [w](absl::string_view word, double value) {
      w->values.push_back(value);
      w->table.Add(word, w->values.size());
    };
    for (const WordValue& e : kUnits) add(e.word, e.value);
    for (const WordValue& e : kTens) add(e.word, e.value);
    for (const ScaleWord& e : kScaleWords) add(e.word, e.value);
    return w;
  }();
  return *words;
}

// The table entry for `w`, case-insensitively; nullopt when none.
std::optional<double> NumberWordEntry(absl::string_view w) {
  if (w.size() < 3 || w.size() > 10) return std::nullopt;
  const NumberWords& words = NumberWordTable();
  const uint64_t index = words.table.Lookup(w);
  if (index == 0) return std::nullopt;
  return words.values[index - 1];
}

std::optional<int> UnitOrTen(absl::string_view w) {
  std::optional<double> e = NumberWordEntry(w);
  if (!e || *e < 0) return std::nullopt;
  return static_cast<int>(*e);
}

// Big multipliers that close a group: "thousand", "million", ...
std::optional<double> BigScale(absl::string_view w) {
  std::optional<double> e = NumberWordEntry(w);
  if (!e || *e > -1000) return std::nullopt;
  return -*e;
}

bool IsWordAt(const std::vector<NumToken>& t, size_t i) {
  return i < t.size() && t[i].IsWord();
}
bool IsGluedHyphen(const std::vector<NumToken>& t, size_t i) {
  return i + 1 < t.size() && t[i].IsPunct("-") && !t[i].space_before &&
         !t[i + 1].space_before;
}

// The digits named after "point", from token *k: "five" .5, "seven one"
// .71, "seventy-one" .71. Moves *k past them; returns 0 and leaves *k when
// none.
double ReadDecimalWords(const std::vector<NumToken>& t, size_t* k) {
  std::string digits;
  size_t i = *k;
  while (IsWordAt(t, i) && digits.size() < 12) {
    std::optional<int> v = UnitOrTen(t[i].text);
    if (!v) break;
    int n = *v;
    size_t next = i + 1;
    if (n >= 20 && IsGluedHyphen(t, next) && IsWordAt(t, next + 1)) {
      if (auto u = Lookup(kUnits, t[next + 1].text); u && *u > 0 && *u < 10) {
        n += *u;
        next += 2;
      }
    }
    digits += std::to_string(n);
    i = next;
  }
  if (digits.empty()) return 0;
  *k = i;
  double frac = 0;
  double scale = 0.1;
  for (char c : digits) {
    frac += (c - '0') * scale;
    scale /= 10;
  }
  return frac;
}

// A fraction after the whole number in out->value, read from token *j:
// "three quarters" / "two thirds" / "one fourth" (a numerator), "one and
// a fourth" / "three and one fifth" (an added part), then a scale word
// ("five and a half million", "three quarters billion"). An added part
// after a scale counts in that scale, `last_big` ("six million and two
// thirds" is 6.67 million). Moves *j past what it read.
void ReadWordFraction(const std::vector<NumToken>& t, size_t* j,
                      double last_big, WordNumber* out) {
  size_t k = *j;
  double value = out->value;
  double part = 0;  // the fraction read after "and"
  bool read = false;
  if (IsWordAt(t, k) && value >= 1 && value < 1000 &&
      value == static_cast<int>(value)) {
    absl::string_view w = t[k].text;
    const bool plural = !w.empty() && (w.back() == 's' || w.back() == 'S');
    auto d = Lookup(kDenominators, w);
    if (d && *d > 2 && plural == (value > 1)) {
      value /= *d;
      ++k;
      read = true;
    }
  }
  if (!read && IsWordAt(t, k) && EqualsLower(t[k].text, "and") &&
      IsWordAt(t, k + 1) && IsWordAt(t, k + 2)) {
    absl::string_view n = t[k + 1].text;
    double num = 0;
    if (EqualsLower(n, "a") || EqualsLower(n, "an")) {
      num = 1;
    } else if (auto u = Lookup(kUnits, n)) {
      num = *u;
    }
    absl::string_view w = t[k + 2].text;
    auto d = Lookup(kDenominators, w);
    const bool plural = !w.empty() && (w.back() == 's' || w.back() == 'S');
    if (num >= 1 && d && num < *d && plural == (num > 1)) {
      part = num / *d;
      value += part * last_big;  // "six million and two thirds"
      k += 3;
      read = true;
    }
  }
  if (!read) return;
  if (IsWordAt(t, k)) {
    if (auto big = BigScale(t[k].text)) {
      // "five and a half million"; "one billion and three quarters million"
      value = last_big > 1 ? out->value + part * *big : value * *big;
      ++k;
    } else {
      out->fraction = value < 1;
    }
  } else {
    out->fraction = value < 1;
  }
  out->value = value;
  out->words += 2;
  *j = k;
}

}  // namespace

std::string AsciiLower(absl::string_view s) { return absl::AsciiStrToLower(s); }

std::optional<double> ParseNumeral(absl::string_view digits) {
  if (digits.empty()) return std::nullopt;
  double whole = 0;
  double frac = 0;
  double frac_scale = 1;
  bool in_frac = false;
  for (char c : digits) {
    // Group separators: spaces, and the bytes of a no-break or thin space.
    if (c == ' ' || static_cast<unsigned char>(c) >= 0x80) {
      if (in_frac) return std::nullopt;
      continue;
    }
    if (c == ',') {
      if (in_frac) return std::nullopt;
      continue;
    }
    if (c == '.') {
      if (in_frac) return std::nullopt;
      in_frac = true;
      continue;
    }
    if (c < '0' || c > '9') return std::nullopt;
    if (in_frac) {
      frac_scale /= 10;
      frac += (c - '0') * frac_scale;
    } else {
      whole = whole * 10 + (c - '0');
      if (whole > kMaxValue) return std::nullopt;
    }
  }
  return whole + frac;
}

std::optional<double> ScaleWordValue(absl::string_view w, bool money) {
  if (EqualsLower(w, "hundred")) return 1e2;
  if (auto big = BigScale(w)) return big;
  if (EqualsLower(w, "k")) return 1e3;
  if (EqualsLower(w, "mn") || EqualsLower(w, "mln")) return 1e6;
  if (EqualsLower(w, "bn") || EqualsLower(w, "bln")) return 1e9;
  if (EqualsLower(w, "tn") || EqualsLower(w, "trn")) return 1e12;
  if (money && EqualsLower(w, "m")) return 1e6;
  if (money && EqualsLower(w, "b")) return 1e9;
  return std::nullopt;
}

std::optional<int> DenominatorValue(absl::string_view w) {
  return Lookup(kDenominators, w);
}

bool IsNumberWord(absl::string_view w) {
  return NumberWordEntry(w).has_value();
}

namespace {

enum WordsStep { kWordsGoOn, kWordsDone, kWordsNone };

// "a dozen", "a hundred", "half a million", "a third of": a number opened
// by an article or "half" at *j. kWordsDone: `out` is the whole number;
// kWordsNone: no number; kWordsGoOn: *current or *total holds its value so
// far and *j the next token, for more number words ("a hundred and five").
WordsStep ReadArticleNumber(const std::vector<NumToken>& t, size_t* j,
                            double* total, double* current, WordNumber* out) {
  const bool half = EqualsLower(t[*j].text, "half");
  if (half && IsWordAt(t, *j + 1) && EqualsLower(t[*j + 1].text, "of")) {
    out->value = 0.5;
    out->next = *j + 1;
    out->words = 1;
    out->fraction = true;
    return kWordsDone;
  }
  size_t k = half ? *j + 1 : *j;
  if (half && IsWordAt(t, k)) {
    if (auto big = BigScale(t[k].text)) {  // "half million"
      out->value = 0.5 * *big;
      out->next = k + 1;
      out->words = 2;
      return kWordsDone;
    }
  }
  if (half && !(IsWordAt(t, k) && EqualsLower(t[k].text, "a"))) {
    return kWordsNone;
  }
  if (!IsWordAt(t, k + 1)) return kWordsNone;
  absl::string_view w = t[k + 1].text;
  const double base = half ? 0.5 : 1;
  if (!half) {
    // "a third of", "a fifth", "a hundredth": not "a third term".
    const bool of = IsWordAt(t, k + 2) && EqualsLower(t[k + 2].text, "of");
    const bool alone = !IsWordAt(t, k + 2) && !IsGluedHyphen(t, k + 2);
    if (auto d = Lookup(kDenominators, w);
        d && ((of && *d != 2) || (alone && !w.empty() && w.back() != 's'))) {
      out->value = 1.0 / *d;
      out->next = k + 2;
      out->words = 1;
      out->fraction = true;
      out->only_article = true;
      return kWordsDone;
    }
  }
  if (EqualsLower(w, "dozen")) {
    *current = 12 * base;
  } else if (EqualsLower(w, "hundred")) {
    *current = 100 * base;
  } else if (auto big = BigScale(w)) {
    *total = *big * base;
  } else {
    return kWordsNone;
  }
  out->only_article = !half;
  out->words = half ? 2 : 1;
  *j = k + 2;
  return kWordsGoOn;
}

// After the unit or ten `v` (at *next - 1): "twenty-eight" adds the unit to
// *val and moves *next past it; "two-thirds" (when nothing was read before:
// !have) is a whole fraction in `out`, and returns true.
bool ReadHyphenated(const std::vector<NumToken>& t, int v, bool have,
                    double* val, size_t* next, WordNumber* out) {
  if (!IsGluedHyphen(t, *next) || !IsWordAt(t, *next + 1)) return false;
  absl::string_view w2 = t[*next + 1].text;
  if (auto u = Lookup(kUnits, w2);
      u && v >= 20 && v % 10 == 0 && *u > 0 && *u < 10) {
    *val += *u;
    *next += 2;
  } else if (auto d = Lookup(kDenominators, w2); d && !have) {
    out->value = *val / *d;
    out->next = *next + 2;
    out->words = 1;
    out->fraction = true;
    return true;
  }
  return false;
}

}  // namespace

std::optional<WordNumber> ParseNumberWords(const std::vector<NumToken>& t,
                                           size_t i) {
  if (!IsWordAt(t, i)) return std::nullopt;
  WordNumber out;
  size_t j = i;
  double total = 0;
  double current = 0;
  bool have = false;
  // "a dozen", "a hundred", "half a million", "a third of".
  if (EqualsLower(t[j].text, "a") || EqualsLower(t[j].text, "an") ||
      EqualsLower(t[j].text, "half")) {
    switch (ReadArticleNumber(t, &j, &total, &current, &out)) {
      case kWordsDone:
        return out;
      case kWordsNone:
        return std::nullopt;
      case kWordsGoOn:
        have = true;
        break;
    }
  }
  bool last_was_scale = have;
  bool last_was_tens = false;
  bool after_point = false;
  double last_big = 1;  // the last scale word applied to `total`
  while (IsWordAt(t, j)) {
    absl::string_view w = t[j].text;
    if (auto v = UnitOrTen(w)) {
      if (after_point) break;  // the digits after "point" are read
      // "two three" is not a number; "sixty five" is.
      const bool tens_unit = last_was_tens && *v > 0 && *v < 10;
      if (have && !last_was_scale && !tens_unit) break;
      last_was_tens = *v >= 20 && *v % 10 == 0;
      double val = *v;
      size_t next = j + 1;
      if (ReadHyphenated(t, *v, have, &val, &next, &out)) return out;
      if (next != j + 1) last_was_tens = false;
      current += val;
      have = true;
      last_was_scale = false;
      ++out.words;
      j = next;
      continue;
    }
    if (!have) break;
    last_was_tens = false;
    if (EqualsLower(w, "hundred")) {
      if (current == 0) current = 1;
      current *= 100;
    } else if (EqualsLower(w, "dozen")) {
      if (current == 0) current = 1;
      current *= 12;
    } else if (auto big = BigScale(w)) {
      if (current == 0 && total > 0 && last_was_scale) {
        total *= *big;  // "three lakh crore", "a thousand million"
        last_big *= *big;
      } else {
        if (current == 0 && total == 0) current = 1;
        total += current * *big;
        current = 0;
        last_big = *big;
      }
    } else if (EqualsLower(w, "and") && last_was_scale && IsWordAt(t, j + 1) &&
               UnitOrTen(t[j + 1].text) &&
               !(IsWordAt(t, j + 2) && Lookup(kDenominators, t[j + 2].text))) {
      ++j;
      last_was_scale = true;  // lets the next unit word in
      continue;
    } else if (EqualsLower(w, "point") && !after_point) {
      // "one point five million", "two hundred point seventy-one".
      size_t k = j + 1;
      const double frac = ReadDecimalWords(t, &k);
      if (k == j + 1) break;
      current += frac;
      after_point = true;
      last_was_scale = false;
      last_was_tens = false;
      out.words += static_cast<int>(k - j);
      j = k;
      continue;
    } else {
      break;
    }
    last_was_scale = true;
    ++out.words;
    ++j;
  }
  if (!have) return std::nullopt;
  out.value = total + current;
  ReadWordFraction(t, &j, current == 0 ? last_big : 1, &out);
  if (out.value > kMaxValue) return std::nullopt;
  out.next = j;
  return out;
}

absl::string_view CurrencyPrefix(absl::string_view m) {
  // Every one-byte punctuation token comes here: answer those at once.
  if (m.size() == 1) return m[0] == '$' ? absl::string_view("USD") : "";
  if (m.empty() || m.size() > 3) return {};
  struct Entry {
    absl::string_view mark, code;
  };
  static constexpr Entry kPrefixes[] = {
      {"$", "USD"},   {"US$", "USD"}, {"USD", "USD"}, {"£", "GBP"},
      {"GBP", "GBP"}, {"€", "EUR"},   {"EUR", "EUR"}, {"HK$", "HKD"},
      {"HKD", "HKD"}, {"A$", "AUD"},  {"AU$", "AUD"}, {"AUD", "AUD"},
      {"C$", "CAD"},  {"CA$", "CAD"}, {"CAD", "CAD"}, {"NZ$", "NZD"},
      {"NZD", "NZD"}, {"S$", "SGD"},  {"SGD", "SGD"}, {"¥", "JPY"},
      {"JPY", "JPY"}, {"CNY", "CNY"}, {"RMB", "CNY"}, {"₹", "INR"},
      {"INR", "INR"}, {"Rs", "INR"},  {"CHF", "CHF"}, {"R$", "BRL"},
      {"₩", "KRW"},   {"₽", "RUB"}, {"₪", "ILS"},   {"RM", "MYR"},
      {"MYR", "MYR"}, {"Rp", "IDR"},  {"IDR", "IDR"}, {"NT$", "TWD"},
      {"TWD", "TWD"}, {"MX$", "MXN"}, {"MXN", "MXN"}, {"ZAR", "ZAR"},
      {"SEK", "SEK"}, {"NOK", "NOK"}, {"DKK", "DKK"}, {"PLN", "PLN"},
      {"TRY", "TRY"}, {"₺", "TRY"},   {"₦", "NGN"},   {"NGN", "NGN"},
      {"PHP", "PHP"}, {"₱", "PHP"},   {"THB", "THB"}, {"฿", "THB"},
      {"₿", "BTC"}};
  for (const Entry& e : kPrefixes) {
    if (m == e.mark) return e.code;
  }
  return {};
}

absl::string_view CurrencyWord(absl::string_view w) {
  struct Entry {
    absl::string_view word, code;
  };
  static constexpr Entry kWords[] = {
      {"dollars", "USD"},  {"dollar", "USD"}, {"euros", "EUR"},
      {"euro", "EUR"},     {"yen", "JPY"},    {"yuan", "CNY"},
      {"rupees", "INR"},   {"pesos", "MXN"},  {"lira", "TRY"},
      {"roubles", "RUB"},  {"rubles", "RUB"}, {"shekels", "ILS"},
      {"ringgit", "MYR"},  {"rupiah", "IDR"}, {"baht", "THB"},
      {"naira", "NGN"},    {"rand", "ZAR"},   {"kronor", "SEK"},
      {"bitcoins", "BTC"}, {"bitcoin", "BTC"}};
  for (const Entry& e : kWords) {
    if (EqualsLower(w, e.word)) return e.code;
  }
  return {};
}

namespace {
struct Irregular {
  absl::string_view plural, singular;
};
constexpr Irregular kIrregular[] = {
    {"people", "person"},     {"children", "child"},
    {"men", "man"},           {"women", "woman"},
    {"feet", "foot"},         {"teeth", "tooth"},
    {"mice", "mouse"},        {"geese", "goose"},
    {"police", "police"},     {"personnel", "personnel"},
    {"staff", "staff"},       {"cattle", "cattle"},
    {"data", "data"},         {"media", "media"},
    {"aircraft", "aircraft"}, {"livestock", "livestock"},
    {"sheep", "sheep"},       {"fish", "fish"},
    {"deer", "deer"},         {"series", "series"},
    {"species", "species"},   {"crises", "crisis"},
    {"analyses", "analysis"}, {"lives", "life"},
    {"wives", "wife"},        {"knives", "knife"},
    {"wolves", "wolf"},       {"halves", "half"},
    {"shelves", "shelf"},     {"leaves", "leaf"},
    {"thieves", "thief"},     {"news", "news"},
    {"troops", "troop"}};
}  // namespace

bool LooksPlural(absl::string_view w) {
  for (const Irregular& e : kIrregular) {
    if (EqualsLower(w, e.plural)) return e.plural != "news";
  }
  if (w.size() > 4 && EqualsLower(w.substr(w.size() - 3), "men")) {
    return true;  // "gunmen", "firemen"
  }
  if (w.size() > 8 && (EqualsLower(w.substr(w.size() - 8), "children") ||
                       EqualsLower(w.substr(w.size() - 6), "people"))) {
    return true;  // "schoolchildren", "townspeople"
  }
  if (w.size() < 3) return false;
  char last = absl::ascii_tolower(w.back());
  if (last != 's') return false;
  char before = absl::ascii_tolower(w[w.size() - 2]);
  return before != 's' && before != 'u' && before != 'i' && before != '\'';
}

std::string Singularize(absl::string_view word) {
  std::string w = AsciiLower(word);
  for (const Irregular& e : kIrregular) {
    if (w == e.plural) return std::string(e.singular);
  }
  if (!LooksPlural(w)) return w;
  if (absl::EndsWith(w, "men")) return w.substr(0, w.size() - 3) + "man";
  if (absl::EndsWith(w, "children")) return w.substr(0, w.size() - 3);
  if (absl::EndsWith(w, "people")) return w.substr(0, w.size() - 6) + "person";
  auto ends = [&w](absl::string_view s) { return absl::EndsWith(w, s); };
  if (ends("ies") && w.size() > 4) return w.substr(0, w.size() - 3) + "y";
  if (ends("sses") || ends("xes") || ends("ches") || ends("shes") ||
      ends("zzes")) {
    return w.substr(0, w.size() - 2);
  }
  w.pop_back();
  return w;
}

}  // namespace claimcheck::extract
