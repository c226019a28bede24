// Quote extraction: marks -> spans (quote_spans), names -> entities
// (speaker_resolve), then attribution of each span by the first rule that
// applies, in order of reliability:
//   1. after the quote:  "...," he said / said Smith / Smith's office said
//   2. before the quote: Smith said: "..." (verb_before_quote)
//   3. in the sentence:  Smith described the talks as "very good"
//                        (partial_indirect)
//   4. a sibling quote of the same paragraph (split_quote), the same
//      multi-paragraph quotation (multi_paragraph), or the previous
//      paragraph's quote for a paragraph that is only a quote
//      (paragraph_continuation).
// Quotes left without a speaker are kept only when they read as speech
// (a sentence of several words); titles and scare quotes are dropped.
#include "server/extract/quotes.h"

#include <cstdint>
#include <string>
#include <utility>

#include "server/extract/quote_cues.h"
#include "server/extract/quote_spans.h"
#include "server/extract/speaker_resolve.h"
#include "server/extract/text_scan.h"

namespace claimcheck::extract {
namespace {

constexpr size_t kPostWindow = 12;     // tokens after a quote
constexpr size_t kPartialWindow = 40;  // tokens from a verb to its quote

struct Attribution {
  bool found = false;
  int mention = -1;  // into SpeakerIndex::mentions()
  int verb = -1;     // token index of the speech verb
  const char* rule = "";
  float confidence = 0;
  bool partial = false;
  Span channel;
  int relayed = -1;  // mention index for "according to X"
  bool inherited = false;
};

class Attributor {
 public:
  Attributor(absl::string_view text, const std::vector<Token>& tokens,
             const std::vector<QuoteSpan>& spans, const SpeakerIndex& index)
      : text_(text), tokens_(tokens), spans_(spans), index_(index) {}

  std::vector<Quote> Run();

 private:
  absl::string_view Word(size_t k) const {
    return TokenText(text_, tokens_[k]);
  }
  bool IsWord(size_t k) const {
    return k < tokens_.size() && tokens_[k].kind == TokenKind::kWord;
  }
  bool IsChar(size_t k, char c) const {
    return k < tokens_.size() && tokens_[k].kind == TokenKind::kPunct &&
           tokens_[k].end == tokens_[k].begin + 1 &&
           text_[tokens_[k].begin] == c;
  }
  bool IsDash(size_t k) const {
    if (k >= tokens_.size() || tokens_[k].kind != TokenKind::kPunct)
      return false;
    const absl::string_view w = Word(k);
    return w == "-" || w == "\xE2\x80\x94" || w == "\xE2\x80\x93";
  }
  bool IsVerb(size_t k) const {
    return IsWord(k) && tokens_[k].lower && IsSpeechVerb(Word(k));
  }
  // First token of the sentence (outside quotes) that ends just before `tok`.
  size_t PreWindowStart(size_t open_tok) const;
  int SubjectOf(size_t verb, size_t window_start) const;
  size_t SkipFillers(size_t k, size_t limit) const;
  Attribution AfterQuote(const QuoteSpan& q) const;
  Attribution BeforeQuote(const QuoteSpan& q) const;
  void FindChannel(size_t from, uint32_t para, Attribution* a) const;
  bool Embedded(const QuoteSpan& q) const;
  // Whether no sentence ends between quotes `a` and `b` (a before or after b).
  bool SameSentence(size_t a, size_t b) const;
  bool LooksLikeTitle(const QuoteSpan& q) const;
  bool LooksLikeSpeech(const QuoteSpan& q) const;
  const char* RuleFor(int mention, const char* name_rule) const;
  Quote Build(const QuoteSpan& q, const Attribution& a) const;

  absl::string_view text_;
  const std::vector<Token>& tokens_;
  const std::vector<QuoteSpan>& spans_;
  const SpeakerIndex& index_;
};

size_t Attributor::SkipFillers(size_t k, size_t limit) const {
  while (k < limit && IsWord(k) && tokens_[k].lower && IsVerbFiller(Word(k)) &&
         !IsSpeechVerb(Word(k))) {
    ++k;
  }
  return k;
}

const char* Attributor::RuleFor(int mention, const char* name_rule) const {
  if (mention < 0) return name_rule;
  switch (index_.mentions()[mention].type) {
    case MentionType::kPronoun:
      return "pronoun_prev_subject";
    case MentionType::kRoleNoun:
      return "role_noun";
    case MentionType::kOrgNoun:
      return "org_noun";
    case MentionType::kPossessiveOffice:
      return "org_possessive";
    case MentionType::kName:
      break;
  }
  return name_rule;
}

void Attributor::FindChannel(size_t from, uint32_t para, Attribution* a) const {
  const size_t n = tokens_.size();
  for (size_t k = from; k < n && k < from + 14; ++k) {
    const Token& t = tokens_[k];
    if (t.para != para || index_.InQuote(k) || index_.SentenceEnd(k)) break;
    if (!IsWord(k)) continue;
    const absl::string_view w = Word(k);
    if (WordEquals(w, "according") && IsWord(k + 1) &&
        WordEquals(Word(k + 1), "to")) {
      const Mention* m = index_.StartingAt(k + 2);
      if (m != nullptr)
        a->relayed = static_cast<int>(m - &index_.mentions()[0]);
      continue;
    }
    if (!a->channel.empty()) continue;
    if ((WordEquals(w, "in") || WordEquals(w, "at") ||
         WordEquals(w, "during")) &&
        k + 1 < n) {
      for (size_t e = k + 1; e < n && e <= k + 5 && IsWord(e) &&
                             tokens_[e].para == para && !index_.InQuote(e);
           ++e) {
        if (tokens_[e].lower && IsChannelNoun(Word(e))) {
          a->channel = Span{t.begin, tokens_[e].end};
          break;
        }
      }
      continue;
    }
    if (WordEquals(w, "on") && IsWord(k + 1) && tokens_[k + 1].cap &&
        tokens_[k + 1].para == para) {
      const bool posting = a->verb >= 0 && IsPostingVerb(Word(a->verb)) &&
                           static_cast<size_t>(a->verb) + 1 == k;
      const absl::string_view p = Word(k + 1);
      static constexpr absl::string_view kPlatforms[] = {
          "X",      "Twitter", "Facebook", "Instagram", "Telegram", "Truth",
          "TikTok", "YouTube", "LinkedIn", "Threads",   "Bluesky",  "Weibo"};
      bool platform = false;
      for (absl::string_view pl : kPlatforms) platform = platform || p == pl;
      if (posting || platform) {
        size_t e = k + 1;
        if (p == "Truth" && IsWord(k + 2) && Word(k + 2) == "Social") e = k + 2;
        uint32_t end = tokens_[e].end;
        if (text_[end - 1] == '.') --end;  // "X." at a sentence end
        a->channel = Span{posting ? tokens_[a->verb].begin : t.begin, end};
      }
    }
  }
}

Attribution Attributor::AfterQuote(const QuoteSpan& q) const {
  Attribution a;
  if (!q.closed) return a;
  const size_t n = tokens_.size();
  size_t k = q.close_tok + 1;
  if (k >= n || tokens_[k].para != q.para) return a;
  // Skip a comma or dash between the quote and the attribution.
  for (int s = 0; s < 2 && k < n && (IsChar(k, ',') || IsDash(k)); ++s) ++k;
  if (k >= n || tokens_[k].para != q.para || index_.InQuote(k)) return a;
  const size_t limit = std::min(n, k + kPostWindow);
  const auto mindex = [&](const Mention* m) {
    return static_cast<int>(m - &index_.mentions()[0]);
  };
  // "he said", "Smith also said", "Mr. Netanyahu's office said".
  if (const Mention* m = index_.StartingAt(k)) {
    size_t v = SkipFillers(m->last_tok + 1, limit);
    // Appositive: "Smith, the minister, said".
    if (IsChar(v, ',')) {
      for (size_t c = v + 1; c < limit && tokens_[c].para == q.para; ++c) {
        if (index_.InQuote(c) || index_.SentenceEnd(c)) break;
        if (IsChar(c, ',')) {
          v = SkipFillers(c + 1, limit);
          break;
        }
      }
    }
    if (v < limit && IsVerb(v) && tokens_[v].para == q.para) {
      a.found = true;
      a.mention = mindex(m);
      a.verb = static_cast<int>(v);
      a.rule = RuleFor(a.mention, "adjacent_name");
      a.confidence = m->entity < 0                      ? 0.4f
                     : m->type == MentionType::kPronoun ? 0.85f
                                                        : 0.95f;
      FindChannel(v + 1, q.para, &a);
      return a;
    }
  }
  // "said Smith", "added the minister".
  size_t v = SkipFillers(k, limit);
  if (IsVerb(v) && tokens_[v].para == q.para) {
    if (const Mention* m = index_.StartingAt(v + 1)) {
      a.found = true;
      a.mention = mindex(m);
      a.verb = static_cast<int>(v);
      a.rule = RuleFor(a.mention, "inverted_name");
      a.confidence = m->entity >= 0 ? 0.95f : 0.4f;
      FindChannel(m->last_tok + 1, q.para, &a);
      return a;
    }
  }
  // "according to Smith".
  if (IsWord(k) && WordEquals(Word(k), "according") && IsWord(k + 1) &&
      WordEquals(Word(k + 1), "to")) {
    if (const Mention* m = index_.StartingAt(k + 2)) {
      a.found = true;
      a.mention = mindex(m);
      a.verb = static_cast<int>(k);
      a.rule = "according_to";
      a.confidence = 0.8f;
      return a;
    }
  }
  return a;
}

size_t Attributor::PreWindowStart(size_t open_tok) const {
  size_t s = open_tok;
  const uint32_t para = tokens_[open_tok].para;
  while (s > 0) {
    const size_t p = s - 1;
    if (tokens_[p].para != para || index_.SentenceEnd(p) || index_.InQuote(p)) {
      break;
    }
    s = p;
  }
  return s;
}

int Attributor::SubjectOf(size_t verb, size_t ws) const {
  const auto mindex = [&](const Mention* m) {
    return static_cast<int>(m - &index_.mentions()[0]);
  };
  size_t k = verb;
  // Back over fillers: "Smith has also said".
  while (k > ws && IsWord(k - 1) && tokens_[k - 1].lower &&
         IsVerbFiller(Word(k - 1))) {
    --k;
  }
  if (k > ws) {
    size_t p = k - 1;
    // ", who said" -> the antecedent.
    if (IsWord(p) && WordEquals(Word(p), "who") && p > ws &&
        IsChar(p - 1, ',') && p - 1 > ws) {
      if (const Mention* m = index_.EndingAt(p - 2)) return mindex(m);
    }
    // "Smith, who led the delegation, told" -> skip the inserted clause.
    if (IsChar(p, ',')) {
      for (size_t c = p; c-- > ws;) {
        if (IsChar(c, ',')) {
          if (c > ws) {
            if (const Mention* m = index_.EndingAt(c - 1)) return mindex(m);
          }
          break;
        }
      }
    }
    if (const Mention* m = index_.EndingAt(p)) return mindex(m);
  }
  // The sentence subject.
  for (size_t s = ws; s < verb && s < ws + 3; ++s) {
    if (const Mention* m = index_.StartingAt(s)) return mindex(m);
    if (!IsWord(s) || !IsCapStopword(Word(s))) break;
  }
  return -1;
}

Attribution Attributor::BeforeQuote(const QuoteSpan& q) const {
  Attribution a;
  const size_t o = q.open_tok;
  if (o == 0 || tokens_[o - 1].para != q.para || index_.InQuote(o - 1)) {
    return a;
  }
  const size_t ws = PreWindowStart(o);
  size_t verb = SIZE_MAX;
  for (size_t k = o; k-- > ws;) {
    if (o - k > kPartialWindow) break;
    if (IsVerb(k)) {
      verb = k;
      break;
    }
  }
  if (verb == SIZE_MAX) {
    // "according to Smith, "..."" is rare; nothing else to try.
    return a;
  }
  const bool lead_in = IsChar(o - 1, ':') || IsChar(o - 1, ',') ||
                       (verb + 1 == o && !Embedded(q));
  int m = SubjectOf(verb, ws);
  const char* rule = lead_in ? "verb_before_quote" : "partial_indirect";
  if (m < 0) {
    // "said Smith: "...""
    if (const Mention* after = index_.StartingAt(verb + 1)) {
      m = static_cast<int>(after - &index_.mentions()[0]);
      rule = "inverted_name";
    }
  }
  if (m < 0 && !lead_in) return a;  // a verb with nobody saying it
  a.found = true;
  a.mention = m;
  a.verb = static_cast<int>(verb);
  a.rule = RuleFor(m, rule);
  if (!lead_in && a.mention >= 0 &&
      index_.mentions()[a.mention].type == MentionType::kName) {
    a.rule = "partial_indirect";
  }
  a.partial = !lead_in;
  a.confidence = m < 0 ? 0.3f : lead_in ? 0.9f : 0.8f;
  FindChannel(verb + 1, q.para, &a);
  return a;
}

// Whether the quote sits inside running text of its sentence.
bool Attributor::Embedded(const QuoteSpan& q) const {
  const size_t o = q.open_tok;
  if (o == 0 || tokens_[o - 1].para != q.para) return false;
  if (index_.InQuote(o - 1) || index_.SentenceEnd(o - 1)) return false;
  if (IsChar(o - 1, ':')) return false;
  return true;
}

bool Attributor::SameSentence(size_t a, size_t b) const {
  if (a > b) std::swap(a, b);
  const QuoteSpan& qa = spans_[a];
  const QuoteSpan& qb = spans_[b];
  if (qa.para != qb.para || !qa.closed) return false;
  for (size_t k = qa.close_tok + 1; k < qb.open_tok; ++k) {
    if (index_.SentenceEnd(k)) return false;
  }
  // A quote ending in sentence punctuation ends its sentence too.
  const char last = text_[qa.text_end - 1];
  return last != '.' && last != '!' && last != '?';
}

bool Attributor::LooksLikeTitle(const QuoteSpan& q) const {
  // Nickname: Joseph "Joe" Smith.
  const size_t o = q.open_tok;
  const size_t c = q.close_tok;
  if (q.closed && o > 0 && IsWord(o - 1) && tokens_[o - 1].cap &&
      IsWord(c + 1) && tokens_[c + 1].cap) {
    return true;
  }
  // so-called "reforms".
  if (o > 0 && IsWord(o - 1) && WordEquals(Word(o - 1), "so-called")) {
    return true;
  }
  // Title Case: every longer word capitalised, no sentence punctuation.
  int words = 0;
  int caps = 0;
  for (size_t k = o + 1; k < c && k < tokens_.size(); ++k) {
    if (!IsWord(k)) continue;
    const absl::string_view w = Word(k);
    if (w.size() < 4 && !tokens_[k].cap) continue;
    ++words;
    if (tokens_[k].cap) ++caps;
  }
  const absl::string_view body =
      text_.substr(q.text_begin, q.text_end - q.text_begin);
  const char last = body.empty() ? 0 : body.back();
  const bool punct_end =
      last == '.' || last == '!' || last == '?' || last == ',';
  return words > 0 && words <= 8 && caps == words && !punct_end;
}

bool Attributor::LooksLikeSpeech(const QuoteSpan& q) const {
  int words = 0;
  for (size_t k = q.open_tok + 1; k < q.close_tok && k < tokens_.size(); ++k) {
    if (IsWord(k)) ++words;
  }
  const char first = text_[q.text_begin];
  return words >= 6 && !(first >= 'a' && first <= 'z') && !LooksLikeTitle(q);
}

Quote Attributor::Build(const QuoteSpan& q, const Attribution& a) const {
  Quote out;
  out.span = Span{q.text_begin, q.text_end};
  out.text = std::string(text_.substr(q.text_begin, q.text_end - q.text_begin));
  out.partial = a.partial;
  out.rule = a.found ? a.rule : "none";
  out.confidence = a.confidence;
  if (a.verb >= 0) out.cue = std::string(Word(a.verb));
  if (!a.channel.empty()) {
    out.channel = std::string(text_.substr(a.channel.begin, a.channel.size()));
  }
  if (a.relayed >= 0) {
    const Mention& r = index_.mentions()[a.relayed];
    out.relayed_by =
        r.entity >= 0 ? index_.entities()[r.entity].canonical
                      : std::string(text_.substr(r.span.begin, r.span.size()));
  }
  if (a.mention < 0) return out;
  const Mention& m = index_.mentions()[a.mention];
  out.speaker_mention = std::string(text_.substr(m.span.begin, m.span.size()));
  out.mention_span = m.span;
  if (!m.role.empty())
    out.role = std::string(text_.substr(m.role.begin, m.role.size()));
  if (m.entity < 0) {
    out.confidence = std::min(out.confidence, 0.3f);
    return out;
  }
  const Entity& e = index_.entities()[m.entity];
  out.speaker = e.canonical;
  out.speaker_kind = e.kind;
  if (out.speaker_kind == SpeakerKind::kUnknown) {
    out.speaker_kind = SpeakerKind::kPerson;  // governs a speech verb
  }
  if (out.role.empty()) out.role = e.role;
  return out;
}

std::vector<Quote> Attributor::Run() {
  const size_t nq = spans_.size();
  std::vector<Attribution> attr(nq);
  // 1-3: direct attribution.
  for (size_t i = 0; i < nq; ++i) {
    const QuoteSpan& q = spans_[i];
    Attribution a = AfterQuote(q);
    if (!a.found) a = BeforeQuote(q);
    if (a.found && a.partial && LooksLikeTitle(q)) a = Attribution();
    if (!a.found && LooksLikeTitle(q)) continue;
    attr[i] = a;
  }
  auto inherit = [&](size_t to, size_t from, const char* rule, float conf) {
    Attribution a = attr[from];
    a.inherited = true;
    a.rule = rule;
    a.confidence = std::min(a.confidence, conf);
    a.partial = Embedded(spans_[to]) && (text_[spans_[to].text_begin] >= 'a' &&
                                         text_[spans_[to].text_begin] <= 'z');
    attr[to] = a;
  };
  // 4a: split quotes within a paragraph.
  for (size_t i = 0; i < nq; ++i) {
    if (attr[i].found || LooksLikeTitle(spans_[i])) continue;
    const uint32_t para = spans_[i].para;
    int from = -1;
    for (size_t j = i; j-- > 0 && spans_[j].para == para;) {
      if (attr[j].found && !attr[j].inherited) {
        from = static_cast<int>(j);
        break;
      }
    }
    for (size_t j = i + 1; from < 0 && j < nq && spans_[j].para == para; ++j) {
      if (attr[j].found && !attr[j].inherited) from = static_cast<int>(j);
    }
    if (from >= 0 && (!Embedded(spans_[i]) || LooksLikeSpeech(spans_[i]) ||
                      SameSentence(static_cast<size_t>(from), i))) {
      inherit(i, from, "split_quote", 0.85f);
    }
  }
  // 4b: multi-paragraph quotations share one speaker.
  for (size_t i = 0; i < nq; ++i) {
    if (spans_[i].group < 0 || attr[i].found) continue;
    for (size_t j = spans_[i].group;
         j < nq && spans_[j].group == spans_[i].group; ++j) {
      if (attr[j].found) {
        inherit(i, j, "multi_paragraph", 0.8f);
        break;
      }
    }
  }
  // 4c: a paragraph that is only a quotation carries on the previous one.
  for (size_t i = 0; i < nq; ++i) {
    const QuoteSpan& q = spans_[i];
    if (attr[i].found || i == 0 || !LooksLikeSpeech(q)) continue;
    if (q.open_tok > 0 && tokens_[q.open_tok - 1].para == q.para) continue;
    const size_t prev = i - 1;
    if (!attr[prev].found) continue;
    // The previous quote must end its paragraph's speech: nothing but
    // that paragraph lies between the two.
    bool gap = false;
    for (size_t k = spans_[prev].closed ? spans_[prev].close_tok + 1
                                        : spans_[prev].close_tok;
         k < q.open_tok; ++k) {
      if (tokens_[k].para != spans_[prev].para) {
        gap = true;
        break;
      }
    }
    if (!gap) inherit(i, prev, "paragraph_continuation", 0.7f);
  }
  std::vector<Quote> out;
  out.reserve(nq);
  for (size_t i = 0; i < nq; ++i) {
    if (!attr[i].found && !LooksLikeSpeech(spans_[i])) continue;
    out.push_back(Build(spans_[i], attr[i]));
  }
  return out;
}

}  // namespace

std::vector<Quote> ExtractQuotes(absl::string_view text) {
  const std::vector<Token> tokens = Tokenize(text);
  if (tokens.empty()) return {};
  const std::vector<QuoteSpan> spans = FindQuoteSpans(text, tokens);
  if (spans.empty()) return {};
  const SpeakerIndex index(text, tokens, spans);
  return Attributor(text, tokens, spans, index).Run();
}

}  // namespace claimcheck::extract
