// AssessMeaning: does a word diff change what a quote says?
#include <algorithm>
#include <cstddef>
#include <cstdlib>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "server/extract/normalize.h"
#include "server/text/stopwords.h"
#include "server/verify/verify.h"

namespace claimcheck::verify {
namespace {

bool InList(absl::string_view w, absl::Span<const absl::string_view> list) {
  for (absl::string_view x : list) {
    if (w == x) return true;
  }
  return false;
}

// Negations in normalised form (apostrophes already dropped: "don't" ->
// "dont").
bool IsNegation(absl::string_view w) {
  static constexpr absl::string_view kNegations[] = {
      "not",     "no",       "never",   "nor",    "none",   "nobody", "nothing",
      "nowhere", "neither",  "without", "cannot", "cant",   "dont",   "doesnt",
      "didnt",   "isnt",     "arent",   "wasnt",  "werent", "wont",   "wouldnt",
      "couldnt", "shouldnt", "hasnt",   "havent", "hadnt",  "mustnt", "neednt",
      "aint",    "shant",    "mightnt", "noone",
  };
  return InList(w, kNegations);
}

struct NumberWord {
  absl::string_view word;
  double value;
};
constexpr NumberWord kNumberWords[] = {
    {"zero", 0},        {"one", 1},        {"two", 2},       {"three", 3},
    {"four", 4},        {"five", 5},       {"six", 6},       {"seven", 7},
    {"eight", 8},       {"nine", 9},       {"ten", 10},      {"eleven", 11},
    {"twelve", 12},     {"thirteen", 13},  {"fourteen", 14}, {"fifteen", 15},
    {"sixteen", 16},    {"seventeen", 17}, {"eighteen", 18}, {"nineteen", 19},
    {"twenty", 20},     {"thirty", 30},    {"forty", 40},    {"fifty", 50},
    {"sixty", 60},      {"seventy", 70},   {"eighty", 80},   {"ninety", 90},
    {"hundred", 100},   {"thousand", 1e3}, {"million", 1e6}, {"billion", 1e9},
    {"trillion", 1e12}, {"dozen", 12},     {"half", 0.5},
};

// True if `w` is a number; sets *value when it can be read.
bool NumberValue(const std::string& w, double* value) {
  for (const NumberWord& nw : kNumberWords) {
    if (w == nw.word) {
      *value = nw.value;
      return true;
    }
  }
  if (w.empty() || w[0] < '0' || w[0] > '9') return false;
  *value = std::strtod(w.c_str(), nullptr);  // "10th" -> 10
  return true;
}

std::vector<std::string> SplitWords(const std::string& s) {
  std::vector<std::string> words;
  size_t pos = 0;
  while (pos < s.size()) {
    size_t end = s.find(' ', pos);
    if (end == std::string::npos) end = s.size();
    if (end > pos) words.push_back(s.substr(pos, end - pos));
    pos = end + 1;
  }
  return words;
}

// Normalised word -> first capitalised spelling in a raw text.
using NameMap = absl::flat_hash_map<std::string, std::string>;

NameMap CapitalisedWords(absl::string_view raw) {
  NameMap names;
  for (const extract::MatchToken& t : extract::MatchTokensWithSpans(raw)) {
    const absl::string_view surface =
        raw.substr(t.source.begin, t.source.end - t.source.begin);
    const auto c0 = static_cast<unsigned char>(surface[0]);
    const auto c1 =
        surface.size() > 1 ? static_cast<unsigned char>(surface[1]) : 0;
    const bool upper =
        (c0 >= 'A' && c0 <= 'Z') || (c0 == 0xC3 && c1 >= 0x80 && c1 <= 0x9E);
    if (upper && !text::IsStopword(t.text, text::Stopwords::kWording))
      names.emplace(t.text, surface);
  }
  return names;
}

struct Hunk {
  std::vector<std::string> deleted;
  std::vector<std::string> inserted;
};

void AssessHunk(const Hunk& h, const NameMap* from_names,
                const NameMap* to_names, MeaningChange* out) {
  // Negations count by their net number, so "not" -> "never" is no flip.
  std::vector<std::string> del_neg, ins_neg, del_num, ins_num, del_w, ins_w;
  std::vector<double> del_val, ins_val;
  auto sort_words = [](const std::vector<std::string>& words,
                       std::vector<std::string>* neg,
                       std::vector<std::string>* num, std::vector<double>* val,
                       std::vector<std::string>* content) {
    for (const std::string& w : words) {
      double v = 0;
      if (IsNegation(w)) {
        neg->push_back(w);
      } else if (NumberValue(w, &v)) {
        num->push_back(w);
        val->push_back(v);
      } else if (!text::IsStopword(w, text::Stopwords::kWording)) {
        content->push_back(w);
      }
    }
  };
  sort_words(h.deleted, &del_neg, &del_num, &del_val, &del_w);
  sort_words(h.inserted, &ins_neg, &ins_num, &ins_val, &ins_w);

  for (size_t k = 0; k < std::min(del_neg.size(), ins_neg.size()); ++k) {
    if (del_neg[k] != ins_neg[k]) {  // "dont" -> "didnt": still negative
      out->reasons.push_back(
          absl::StrCat("word changed: ", del_neg[k], " -> ", ins_neg[k]));
    }
  }
  for (size_t k = del_neg.size(); k < ins_neg.size(); ++k) {
    out->reasons.push_back(absl::StrCat("negation added: ", ins_neg[k]));
    out->negation_changed = true;
  }
  for (size_t k = ins_neg.size(); k < del_neg.size(); ++k) {
    out->reasons.push_back(absl::StrCat("negation removed: ", del_neg[k]));
    out->negation_changed = true;
  }

  const size_t common_num = std::min(del_num.size(), ins_num.size());
  for (size_t k = 0; k < common_num; ++k) {
    if (del_val[k] == ins_val[k]) continue;  // "3" -> "three"
    out->reasons.push_back(
        absl::StrCat("number changed: ", del_num[k], " -> ", ins_num[k]));
    out->number_changed = true;
  }
  for (size_t k = common_num; k < del_num.size(); ++k) {
    out->reasons.push_back(absl::StrCat("number removed: ", del_num[k]));
    out->number_changed = true;
  }
  for (size_t k = common_num; k < ins_num.size(); ++k) {
    out->reasons.push_back(absl::StrCat("number added: ", ins_num[k]));
    out->number_changed = true;
  }

  const size_t common_w = std::min(del_w.size(), ins_w.size());
  for (size_t k = 0; k < common_w; ++k) {
    const std::string& a = del_w[k];
    const std::string& b = ins_w[k];
    if (a == b) continue;
    const auto fa =
        from_names ? from_names->find(a) : NameMap::const_iterator();
    const auto tb = to_names ? to_names->find(b) : NameMap::const_iterator();
    const bool a_name = from_names && fa != from_names->end();
    const bool b_name = to_names && tb != to_names->end();
    if (a_name || b_name) {
      out->reasons.push_back(
          absl::StrCat("name changed: ", a_name ? fa->second : a, " -> ",
                       b_name ? tb->second : b));
      out->name_changed = true;
    } else {
      out->reasons.push_back(absl::StrCat("word changed: ", a, " -> ", b));
    }
  }
}

MeaningChange Assess(absl::Span<const WordEdit> diff, const NameMap* from_names,
                     const NameMap* to_names) {
  MeaningChange out;
  Hunk hunk;
  auto flush = [&] {
    if (!hunk.deleted.empty() || !hunk.inserted.empty()) {
      AssessHunk(hunk, from_names, to_names, &out);
    }
    hunk = Hunk();
  };
  for (const WordEdit& e : diff) {
    switch (e.op) {
      case WordEdit::Op::kEqual:
        flush();
        break;
      case WordEdit::Op::kDelete:
        for (std::string& w : SplitWords(e.text)) {
          hunk.deleted.push_back(std::move(w));
        }
        break;
      case WordEdit::Op::kInsert:
        for (std::string& w : SplitWords(e.text)) {
          hunk.inserted.push_back(std::move(w));
        }
        break;
    }
  }
  flush();
  out.changed = !out.reasons.empty();
  return out;
}

}  // namespace

MeaningChange AssessMeaning(absl::Span<const WordEdit> diff) {
  return Assess(diff, nullptr, nullptr);
}

MeaningChange AssessMeaning(absl::Span<const WordEdit> diff,
                            absl::string_view from_raw,
                            absl::string_view to_raw) {
  const NameMap from_names = CapitalisedWords(from_raw);
  const NameMap to_names = CapitalisedWords(to_raw);
  return Assess(diff, &from_names, &to_names);
}

bool ChangesContentWords(absl::Span<const WordEdit> diff) {
  for (const WordEdit& e : diff) {
    if (e.op == WordEdit::Op::kEqual) continue;
    for (const std::string& w : SplitWords(e.text)) {
      if (!text::IsStopword(w, text::Stopwords::kWording)) return true;
    }
  }
  return false;
}

double ContentCoverage(absl::string_view query, absl::string_view stored) {
  absl::flat_hash_map<std::string, int> available;
  for (std::string& w : extract::MatchTokens(stored)) {
    if (!text::IsStopword(w, text::Stopwords::kWording))
      ++available[std::move(w)];
  }
  int content = 0, covered = 0;
  for (const std::string& w : extract::MatchTokens(query)) {
    if (text::IsStopword(w, text::Stopwords::kWording)) continue;
    ++content;
    auto it = available.find(w);
    if (it != available.end() && it->second > 0) {
      --it->second;
      ++covered;
    }
  }
  return content == 0 ? 1.0 : static_cast<double>(covered) / content;
}

size_t CountContentWords(absl::string_view text) {
  size_t n = 0;
  for (const std::string& w : extract::MatchTokens(text)) {
    if (!text::IsStopword(w, text::Stopwords::kWording)) ++n;
  }
  return n;
}

}  // namespace claimcheck::verify
