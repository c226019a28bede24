#include "server/extract/number_measure.h"

namespace claimcheck::extract {
namespace {

using Toks = std::vector<NumToken>;

struct Symbol {
  absl::string_view text;  // as written, case-sensitive
  absl::string_view unit;  // what Quantity::unit holds
  bool rate;
};

// Symbols whose spelling is unambiguous after a number. Units a reader
// knows by their symbol keep it ("GB", "kW", "hp"); the rest are spelled
// out ("kilohertz") so they read the same however the article wrote them.
constexpr Symbol kSymbols[] = {
    {"KB", "KB", false},
    {"kB", "KB", false},
    {"MB", "MB", false},
    {"GB", "GB", false},
    {"TB", "TB", false},
    {"PB", "petabytes", false},
    {"Gb", "gigabits", false},
    {"Mb", "megabits", false},
    {"kbps", "kilobits per second", true},
    {"Kbps", "kilobits per second", true},
    {"Mbps", "megabits per second", true},
    {"Mbit", "megabits", false},
    {"Gbps", "gigabits per second", true},
    {"Hz", "hertz", false},
    {"kHz", "kilohertz", false},
    {"KHz", "kilohertz", false},
    {"MHz", "megahertz", false},
    {"GHz", "gigahertz", false},
    {"hp", "hp", false},
    {"bhp", "hp", false},
    {"horsepower", "hp", false},
    {"kW", "kW", false},
    {"MW", "MW", false},
    {"GW", "GW", false},
    {"kWh", "kWh", false},
    {"MWh", "megawatt hours", false},
    {"GWh", "gigawatt hours", false},
    {"TWh", "terawatt hours", false},
    {"mAh", "milliamp hours", false},
    {"kV", "kilovolts", false},
    {"Nm", "newton metres", false},
    {"psi", "pounds per square inch", false},
    {"ksi", "kilopounds per square inch", false},
    {"ppm", "parts per million", false},
    {"ppb", "parts per billion", false},
    {"dm", "decimeters", false},
    {"nm", "nanometres", false},
    {"\xCE\xBCm", "micrometres", false},  // Greek mu
    {"\xC2\xB5m", "micrometres", false},  // micro sign
    {"microns", "micrometres", false},
    {"mpg", "miles per gallon", true},
    {"ppg", "points per game", true},
    {"rpg", "rebounds per game", true},
    {"apg", "assists per game", true},
    {"spg", "steals per game", true},
    {"bpg", "blocks per game", true},
    {"degF", "degF", false},
    {"degC", "degC", false},
};

const Symbol* FindSymbol(absl::string_view w) {
  for (const Symbol& s : kSymbols) {
    if (s.text == w) return &s;
  }
  return nullptr;
}

bool IsWord(const Toks& t, size_t i, size_t limit, absl::string_view lower) {
  return i < limit && t[i].IsWord() && EqualsLower(t[i].text, lower);
}

bool Glued(const Toks& t, size_t i, size_t limit) {
  return i < limit && !t[i].space_before;
}

// "degrees Fahrenheit", "deg C", "°F", "° C", "degF": a temperature.
size_t ReadTemperature(const Toks& t, size_t k, size_t limit,
                       MeasureUnit* out) {
  size_t e = k;
  if (k < limit &&
      (t[k].IsPunct("\xC2\xB0") || IsWord(t, k, limit, "deg") ||
       IsWord(t, k, limit, "degrees") || IsWord(t, k, limit, "degree"))) {
    e = k + 1;
  } else {
    return k;
  }
  if (e >= limit || !t[e].IsWord()) return k;
  absl::string_view w = t[e].text;
  if (w == "F" || EqualsLower(w, "fahrenheit")) {
    out->unit = "degF";
  } else if (w == "C" || EqualsLower(w, "celsius") ||
             EqualsLower(w, "centigrade")) {
    out->unit = "degC";
  } else {
    return k;
  }
  out->rate = false;
  return e + 1;
}

}  // namespace

size_t ReadMeasureUnit(const Toks& t, size_t k, size_t limit,
                       MeasureUnit* out) {
  if (limit > t.size()) limit = t.size();
  if (k >= limit) return k;
  if (size_t e = ReadTemperature(t, k, limit, out); e > k) return e;
  if (!t[k].IsWord()) return k;
  absl::string_view w = t[k].text;
  // "80 m.p.h."
  if (w == "m" && k + 5 < limit && t[k + 1].IsPunct(".") &&
      IsWord(t, k + 2, limit, "p") && t[k + 3].IsPunct(".") &&
      IsWord(t, k + 4, limit, "h")) {
    out->unit = "mph";
    out->rate = true;
    return k + (t[k + 5].IsPunct(".") ? 6 : 5);
  }
  // "332 lb-ft", "586 lb-ft of torque".
  if (w == "lb" && k + 2 < limit && t[k + 1].IsPunct("-") &&
      Glued(t, k + 1, limit) && IsWord(t, k + 2, limit, "ft")) {
    out->unit = "foot pound-force";
    out->rate = false;
    return k + 3;
  }
  // "570 sq m", "900 sq ft", "sq km".
  if (EqualsLower(w, "sq") && k + 1 < limit && t[k + 1].IsWord()) {
    size_t e = k + 1;
    if (e + 1 < limit && t[e].IsPunct(".")) ++e;
    absl::string_view u = t[e].text;
    if (u == "m")
      out->unit = "m2";
    else if (u == "ft")
      out->unit = "ft2";
    else if (u == "km")
      out->unit = "km2";
    else if (u == "mi")
      out->unit = "mi2";
    else
      return k;
    out->rate = false;
    return e + 1;
  }
  // "24703m2", "5 km²".
  if ((w == "m" || w == "km") && k + 1 < limit && Glued(t, k + 1, limit) &&
      (t[k + 1].text == "2" || t[k + 1].text == "\xC2\xB2")) {
    out->unit = w == "m" ? "m2" : "km2";
    out->rate = false;
    return k + 2;
  }
  const Symbol* s = FindSymbol(w);
  if (s == nullptr) return k;
  out->unit = s->unit;
  out->rate = s->rate;
  return k + 1;
}

}  // namespace claimcheck::extract
