#include "server/extract/number_context.h"

#include <algorithm>

#include "absl/strings/match.h"
#include "server/extract/number_parse.h"
#include "server/extract/word_table.h"

namespace claimcheck::extract {
namespace {

using Toks = std::vector<NumToken>;

constexpr absl::string_view kMonths[] = {
    "january", "february", "march",     "april",   "may",      "june",
    "july",    "august",   "september", "october", "november", "december",
    "jan",     "feb",      "mar",       "apr",     "jun",      "jul",
    "aug",     "sep",      "sept",      "oct",     "nov",      "dec"};
constexpr absl::string_view kWeekdays[] = {"monday",   "tuesday", "wednesday",
                                           "thursday", "friday",  "saturday",
                                           "sunday"};
constexpr absl::string_view kTimeNouns[] = {
    "year",   "month",  "week",   "decade", "century", "quarter",
    "summer", "winter", "spring", "autumn", "fall",    "weekend",
    "night",  "season", "years",  "months", "weeks",   "decades"};
constexpr absl::string_view kTimePreps[] = {
    "by",    "in",      "since",  "until", "till", "before",
    "after", "through", "during", "from",  "on"};
constexpr absl::string_view kSpeechVerbs[] = {
    "said",      "says",      "say",       "told",      "tells",
    "reported",  "reports",   "estimated", "estimates", "estimate",
    "found",     "finds",     "showed",    "shows",     "claimed",
    "claims",    "stated",    "states",    "announced", "announces",
    "wrote",     "writes",    "added",     "noted",     "notes",
    "predicted", "predicts",  "projected", "projects",  "warned",
    "warns",     "concluded", "concludes", "revealed",  "reveals",
    "indicated", "indicates", "suggested", "suggests",  "confirmed",
    "confirms",  "recorded",  "assessed",  "assesses",  "argued",
    "insisted",  "testified", "disclosed", "believes",  "believe",
    "forecast",  "forecasts"};
constexpr absl::string_view kAux[] = {
    "was",  "were",   "is",   "are",   "be",    "been", "being", "has",
    "have", "had",    "will", "would", "could", "can",  "may",   "might",
    "must", "should", "do",   "does",  "did",   "am"};
// Capitalised words that never begin a subject or asserter.
constexpr absl::string_view kNotNames[] = {
    "it",        "he",           "she",      "they",     "we",
    "i",         "you",          "this",     "that",     "these",
    "those",     "there",        "here",     "in",       "on",
    "at",        "by",           "for",      "from",     "with",
    "but",       "and",          "or",       "so",       "if",
    "when",      "while",        "as",       "after",    "before",
    "since",     "although",     "though",   "however",  "meanwhile",
    "also",      "still",        "yet",      "last",     "next",
    "according", "about",        "over",     "under",    "nearly",
    "almost",    "some",         "more",     "less",     "up",
    "only",      "just",         "around",   "roughly",  "approximately",
    "between",   "each",         "every",    "all",      "both",
    "many",      "most",         "several",  "few",      "no",
    "not",       "its",          "their",    "his",      "her",
    "our",       "my",           "your",     "today",    "yesterday",
    "tomorrow",  "earlier",      "later",    "what",     "who",
    "why",       "how",          "where",    "which",    "an",
    "a",         "the",          "one",      "two",      "three",
    "other",     "another",      "such",     "than",     "then",
    "now",       "thousands",    "hundreds", "millions", "dozens",
    "among",     "despite",      "during",   "until",    "to",
    "of",        "advertisement"};
constexpr absl::string_view kTitles[] = {
    "mr", "mrs", "ms",  "dr",   "adm", "gen", "sen",  "rep", "st",
    "lt", "col", "gov", "prof", "jr",  "sgt", "capt", "maj", "rev"};

constexpr absl::string_view kBaseVerbs[] = {
    "expect",  "say",     "have",      "hold",  "plan",     "want",   "need",
    "own",     "control", "field",     "claim", "estimate", "deploy", "hit",
    "cut",     "put",     "set",       "spend", "lose",     "lost",   "win",
    "won",     "took",    "take",      "make",  "made",     "get",    "got",
    "gave",    "give",    "sold",      "sent",  "fell",     "rose",   "grew",
    "paid",    "held",    "kept",      "keep",  "also",     "still",  "now",
    "already", "only",    "reportedly"};

enum : uint64_t {
  kInMonths = uint64_t{1} << 0,
  kInWeekdays = uint64_t{1} << 1,
  kInTimeNouns = uint64_t{1} << 2,
  kInTimePreps = uint64_t{1} << 3,
  kInSpeechVerbs = uint64_t{1} << 4,
  kInAux = uint64_t{1} << 5,
  kInNotNames = uint64_t{1} << 6,
  kInTitles = uint64_t{1} << 7,
  kInBaseVerbs = uint64_t{1} << 8,
};
const WordTable& ContextWords();

// Whether `w` is in one of the lists `mask`, ASCII case-insensitively.
bool InLower(absl::string_view w, uint64_t mask) {
  return ContextWords().Has(w, mask);
}

// Every list of this file in one table: one probe per word.
const WordTable& ContextWords() {
  static const WordTable* table = [] {
    auto* t = new WordTable;
    t->Add(kMonths, kInMonths);
    t->Add(kWeekdays, kInWeekdays);
    t->Add(kTimeNouns, kInTimeNouns);
    t->Add(kTimePreps, kInTimePreps);
    t->Add(kSpeechVerbs, kInSpeechVerbs);
    t->Add(kAux, kInAux);
    t->Add(kNotNames, kInNotNames);
    t->Add(kTitles, kInTitles);
    t->Add(kBaseVerbs, kInBaseVerbs);
    return t;
  }();
  return *table;
}

bool IsWordTok(const Toks& t, size_t i, absl::string_view lower) {
  return i < t.size() && t[i].IsWord() && EqualsLower(t[i].text, lower);
}

bool IsLowerWord(const NumToken& tok) {
  return tok.IsWord() && !tok.IsCapitalized();
}

bool IsVerbLike(absl::string_view w) {
  return InLower(w, kInSpeechVerbs) || InLower(w, kInAux) ||
         absl::EndsWith(w, "ed") || absl::EndsWith(w, "ing");
}

// A name or noun phrase at `j`, ending before `limit`: an optional article
// (kept when `keep_article`), capitalised words with "U.S."-style periods,
// hyphens and "of" between them, and, when `lower_head`, a possessive and
// up to two lower-case nouns ("Mr. Netanyahu's office", "A ... report").
// Returns one past its last token, or `j` when there is none.
size_t ReadNamePhrase(const Toks& t, size_t j, size_t limit, bool lower_head,
                      bool keep_article, size_t* begin) {
  size_t i = j;
  if (i < limit && t[i].IsWord() &&
      (EqualsLower(t[i].text, "the") || EqualsLower(t[i].text, "a") ||
       EqualsLower(t[i].text, "an"))) {
    ++i;
  }
  *begin = keep_article ? j : i;
  const bool had_article = i > j;
  size_t end = i;
  int caps = 0;
  int lowers = 0;
  while (i < limit) {
    const NumToken& tok = t[i];
    if (tok.IsCapitalized() && lowers == 0) {
      if (caps == 0 &&
          (InLower(tok.text, kInNotNames) || IsNumberWord(tok.text))) {
        break;
      }
      ++caps;
      end = ++i;
      continue;
    }
    if (caps > 0 && lowers == 0 && tok.IsPunct(".") && !tok.space_before &&
        (t[i - 1].text.size() == 1 || InLower(t[i - 1].text, kInTitles))) {
      end = ++i;
      continue;
    }
    if (caps > 0 && lowers == 0 && tok.IsPunct("-") && !tok.space_before &&
        i + 1 < limit && !t[i + 1].space_before && t[i + 1].IsCapitalized()) {
      ++i;
      continue;
    }
    if (caps > 0 && lowers == 0 && IsWordTok(t, i, "of") && i + 1 < limit &&
        t[i + 1].IsCapitalized()) {
      ++i;
      continue;
    }
    if (lower_head && caps > 0 && lowers == 0 &&
        (tok.IsPunct("'") || tok.IsPunct("\xE2\x80\x99")) &&
        !tok.space_before && i + 1 < limit && IsWordTok(t, i + 1, "s")) {
      i += 2;
      end = i;
      continue;
    }
    if (lower_head && (caps > 0 || had_article) && lowers < 2 &&
        IsLowerWord(tok) && !InLower(tok.text, kInNotNames) &&
        !IsVerbLike(tok.text) && !InLower(tok.text, kInTimeNouns)) {
      ++lowers;
      end = ++i;
      continue;
    }
    break;
  }
  if (caps == 0 && lowers == 0) return j;
  return end;
}

// A time expression starting at token `j` and ending by `limit`; returns
// one past its end, or `j` when none starts there.
size_t TimeAt(const Toks& t, size_t j, size_t limit) {
  if (j >= limit || !t[j].IsWord()) return j;
  absl::string_view w = t[j].text;
  auto month_or_year_run = [&](size_t k) {
    size_t e = k;
    if (e < limit && t[e].IsCapitalized() && IsMonthName(t[e].text)) {
      ++e;
      if (e < limit && t[e].IsNum() && !IsYearToken(t, e)) ++e;  // day
      if (e < limit && t[e].IsPunct(",") && e + 1 < limit &&
          IsYearToken(t, e + 1)) {
        ++e;
      }
    }
    if (e < limit && IsYearToken(t, e)) ++e;
    if (e == k && e < limit && t[e].IsCapitalized() &&
        InLower(t[e].text, kInWeekdays) && IsWordTok(t, j, "on")) {
      ++e;
    }
    return e;
  };
  if (InLower(w, kInTimePreps)) {
    size_t e = month_or_year_run(j + 1);
    if (e > j + 1) return e;
    return j;
  }
  if (EqualsLower(w, "earlier") || EqualsLower(w, "later")) {
    size_t e = TimeAt(t, j + 1, limit);
    return e > j + 1 ? e : j;
  }
  if (EqualsLower(w, "last") || EqualsLower(w, "next") ||
      EqualsLower(w, "this") || EqualsLower(w, "past") ||
      EqualsLower(w, "previous") || EqualsLower(w, "coming")) {
    if (j + 1 < limit && t[j + 1].IsWord() &&
        (InLower(t[j + 1].text, kInTimeNouns) ||
         (t[j + 1].IsCapitalized() && (IsMonthName(t[j + 1].text) ||
                                       InLower(t[j + 1].text, kInWeekdays))))) {
      return j + 2;
    }
    return j;
  }
  if (EqualsLower(w, "yesterday") || EqualsLower(w, "today") ||
      EqualsLower(w, "tomorrow") || EqualsLower(w, "tonight")) {
    return j + 1;
  }
  if (t[j].IsCapitalized() && IsMonthName(w)) {
    size_t e = month_or_year_run(j);
    return e > j + 1 ? e : j;  // "June 2019", not a bare "June"
  }
  // "two years ago", "a decade ago".
  if (j + 2 < limit && InLower(t[j + 1].text, kInTimeNouns) &&
      IsWordTok(t, j + 2, "ago")) {
    return j + 3;
  }
  return j;
}

std::string FindTime(absl::string_view text, const Toks& t, size_t first,
                     size_t next, size_t sb, size_t se) {
  size_t limit = std::min(se, next + 12);
  for (size_t j = next; j < limit; ++j) {
    if (t[j].IsPunct(";")) break;
    size_t e = TimeAt(t, j, se);
    if (e > j) return std::string(TokenText(text, t, j, e));
  }
  for (size_t j = first; j-- > sb;) {
    size_t e = TimeAt(t, j, first);
    if (e > j) return std::string(TokenText(text, t, j, e));
  }
  return {};
}

// A word that can follow a subject: an auxiliary, a past tense, a third
// person "-s" form or a common base verb ("Officials expect").
bool LooksLikeVerb(const NumToken& tok) {
  absl::string_view w = tok.text;
  return InLower(w, kInAux) || InLower(w, kInSpeechVerbs) ||
         InLower(w, kInBaseVerbs) || absl::EndsWith(w, "ed") ||
         (w.size() > 3 && absl::EndsWith(w, "s") && !absl::EndsWith(w, "ss"));
}

// First speech verb in [b, e), or e.
size_t FindSpeechVerb(const Toks& t, size_t b, size_t e) {
  for (size_t i = b; i < e; ++i) {
    if (IsLowerWord(t[i]) && InLower(t[i].text, kInSpeechVerbs)) return i;
  }
  return e;
}

}  // namespace

bool IsMonthName(absl::string_view w) { return InLower(w, kInMonths); }

bool IsYearToken(const Toks& t, size_t i) {
  if (i >= t.size() || !t[i].IsNum() || t[i].text.size() != 4) return false;
  int v = 0;
  for (char c : t[i].text) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  return v >= 1800 && v <= 2100;
}

size_t SentenceBegin(const Toks& t, size_t i) {
  const size_t floor = i > kMaxSentenceReach ? i - kMaxSentenceReach : 0;
  while (i > floor && !t[i].sentence_start) --i;
  return i;
}

size_t SentenceEnd(const Toks& t, size_t i) {
  const size_t ceiling = std::min(t.size(), i + 1 + kMaxSentenceReach);
  ++i;
  while (i < ceiling && !t[i].sentence_start) ++i;
  return i;
}

absl::string_view TokenText(absl::string_view text, const Toks& t, size_t b,
                            size_t e) {
  if (b >= e) return {};
  return text.substr(t[b].begin, t[e - 1].end - t[b].begin);
}

ClaimContext FindClaimContext(absl::string_view text, const Toks& t,
                              size_t first, size_t next) {
  ClaimContext out;
  if (first >= t.size()) return out;
  const size_t sb = SentenceBegin(t, first);
  const size_t se = SentenceEnd(t, first);
  out.time = FindTime(text, t, first, next, sb, se);

  size_t clause = sb;
  // "according to X" anywhere in the sentence.
  for (size_t i = sb; i + 1 < se; ++i) {
    if (IsWordTok(t, i, "according") && IsWordTok(t, i + 1, "to")) {
      size_t b;
      size_t e = ReadNamePhrase(t, i + 2, se, true, true, &b);
      if (e > i + 2) out.asserted_by = std::string(TokenText(text, t, b, e));
      if (e < first && e < se && t[e].IsPunct(",")) clause = e + 1;
      break;
    }
  }
  // "X [released last year] said (that) ... claim".
  const size_t verb = FindSpeechVerb(t, sb, first);
  if (verb < first) {
    size_t b;
    size_t e = ReadNamePhrase(t, sb, verb, true, true, &b);
    bool passive = false;
    for (size_t i = e; i < verb; ++i) {
      if (t[i].IsWord() && InLower(t[i].text, kInAux)) passive = true;
    }
    // The asserter abuts its verb, or a participle or clause sits between:
    // "A report released last year said", "Smith, who ..., said".
    const bool abuts =
        e == verb ||
        (e < verb && (t[e].IsPunct(",") || IsWordTok(t, e, "who") ||
                      IsWordTok(t, e, "which") ||
                      (IsLowerWord(t[e]) && absl::EndsWith(t[e].text, "ed"))));
    if (e > sb && !passive && abuts && out.asserted_by.empty()) {
      out.asserted_by = std::string(TokenText(text, t, b, e));
    }
    if (!passive) {  // "Iran was estimated to have ...": Iran is the subject
      clause = verb + 1;
      if (IsWordTok(t, clause, "that")) ++clause;
    }
  } else if (out.asserted_by.empty()) {
    // "..., Mr. Netanyahu's office said." after the claim.
    for (size_t i = next; i + 1 < se; ++i) {
      if (!t[i].IsPunct(",")) continue;
      // Skip closing quotation marks: ...," the general said.
      while (i + 2 < se &&
             (t[i + 1].IsPunct("\"") || t[i + 1].IsPunct("\xE2\x80\x9D"))) {
        ++i;
      }
      size_t b;
      size_t e = ReadNamePhrase(t, i + 1, se, true, true, &b);
      if (e > i + 1 && e < se && IsLowerWord(t[e]) &&
          InLower(t[e].text, kInSpeechVerbs)) {
        out.asserted_by = std::string(TokenText(text, t, b, e));
        break;
      }
      if (IsWordTok(t, i + 1, "said")) {
        e = ReadNamePhrase(t, i + 2, se, true, true, &b);
        if (e > i + 2) out.asserted_by = std::string(TokenText(text, t, b, e));
        break;
      }
    }
  }
  // Subject: the capitalised name opening the clause, before a verb.
  while (clause < first &&
         (t[clause].IsPunct(",") || IsWordTok(t, clause, "but") ||
          IsWordTok(t, clause, "and"))) {
    ++clause;
  }
  size_t b;
  size_t e = ReadNamePhrase(t, clause, first, false, false, &b);
  if (e > clause && e < first && IsLowerWord(t[e]) && LooksLikeVerb(t[e]) &&
      !absl::EndsWith(t[e - 1].text, "ing") &&
      !absl::EndsWith(t[e - 1].text, "ly")) {
    out.subject = std::string(TokenText(text, t, b, e));
  }
  return out;
}

}  // namespace claimcheck::extract
