// Quote extraction: marks -> spans (quote_spans), names -> entities
// (speaker_resolve), then attribution of each span by the first rule that
// applies, in order of reliability:
//   1. after the quote:  "...," he said / said Smith / Smith's office said
//   2. before the quote: Smith said: "..." (verb_before_quote)
//   3. in the sentence:  Smith described the talks as "very good"
//                        (partial_indirect); or at its end: `X is "very
//                        good," the group says.` (sentence_end)
//   4. a sibling quote of the same paragraph (split_quote), the same
//      multi-paragraph quotation (multi_paragraph), or the previous
//      paragraph's quote for a paragraph that is only a quote
//      (paragraph_continuation).
//   5. a quote paragraph after a narrative paragraph: the person its last
//      sentence names (prev_paragraph).
// Quotes left without a speaker are kept only when they read as speech
// (a sentence of several words); titles and scare quotes are dropped.
#include "server/extract/quotes.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>
#include <utility>

#include "server/extract/quote_cues.h"
#include "server/extract/quote_keep.h"
#include "server/extract/quote_spans.h"
#include "server/extract/speaker_ranker.h"
#include "server/extract/speaker_resolve.h"
#include "server/extract/text_scan.h"
#include "server/extract/work_budget.h"

namespace claimcheck::extract {
namespace {

constexpr size_t kPostWindow = 12;         // tokens after a quote
constexpr size_t kAppositionWindow = 32;   // "Smith, <apposition>, said"
constexpr size_t kPartialWindow = 40;      // tokens from a verb to its quote
constexpr size_t kSentenceEndWindow = 40;  // quote close to sentence end

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
  RuleFamily family = RuleFamily::kNone;
};

class Attributor {
 public:
  Attributor(absl::string_view text, const std::vector<Token>& tokens,
             const std::vector<QuoteSpan>& spans, const SpeakerIndex& index)
      : text_(text), tokens_(tokens), spans_(spans), index_(index) {
    // Token indices fit 32 bits (Tokenize cuts texts at 4 GiB).
    next_sentence_end_.resize(tokens.size() + 1,
                              static_cast<uint32_t>(tokens.size()));
    for (size_t k = tokens.size(); k-- > 0;) {
      next_sentence_end_[k] = index_.SentenceEnd(k) ? static_cast<uint32_t>(k)
                                                    : next_sentence_end_[k + 1];
    }
  }

  // Quotes in order; with `explain`, also each kept quote's candidates.
  // Stops early (incomplete) once `cancelled` fires.
  std::vector<Quote> Run(std::vector<ExplainedQuote>* explain,
                         const std::function<bool()>& cancelled = {});

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
    if (!IsWord(k) || !tokens_[k].lower) return false;
    if (IsSpeechVerb(Word(k))) return !AfterPossessive(k);
    // "shot back", "fired back", "hit back".
    return Word(k) == "back" && k > 0 && IsWord(k - 1) &&
           (Word(k - 1) == "shot" || Word(k - 1) == "fired" ||
            Word(k - 1) == "hit");
  }
  // Token `k` follows a possessive or a possessive pronoun, so it is a
  // noun: "Obama's remarks", "his comments".
  bool AfterPossessive(size_t k) const {
    if (k == 0 || !IsWord(k - 1)) return false;
    const absl::string_view w = Word(k - 1);
    bool possessive = false;
    StripPossessive(w, &possessive);
    return possessive || w == "his" || w == "her" || w == "their" ||
           w == "its" || w == "our" || w == "my" || w == "your";
  }
  // First token of the sentence (outside quotes) that ends just before
  // token `end` (exclusive), within paragraph `para`.
  size_t PreWindowStart(size_t end, uint32_t para) const;
  size_t PreWindowStart(size_t open_tok) const {
    return PreWindowStart(open_tok, tokens_[open_tok].para);
  }
  // The first token inside the quote (its words start there).
  size_t Inner(const QuoteSpan& q) const {
    return q.bare_open ? q.open_tok : q.open_tok + 1;
  }
  int MentionIndex(const Mention* m) const {
    return m == nullptr ? -1 : static_cast<int>(m - &index_.mentions()[0]);
  }
  bool IsPersonLike(const Mention* m) const;
  // "it" that refers to no organisation found before.
  bool UnresolvedIt(const Mention* m) const {
    return m != nullptr && m->type == MentionType::kPronoun && m->entity < 0 &&
           WordEquals(Word(m->first_tok), "it");
  }
  int SubjectOf(size_t verb, size_t window_start) const;
  size_t SkipFillers(size_t k, size_t limit) const;
  Attribution AfterQuote(const QuoteSpan& q) const;
  // The speech verb after an apposition that opens at `comma` ("Smith, senior
  // vice president of policy, economics and regulatory affairs at the
  // institute, told"): the first word after a later comma that is a verb.
  // `comma` itself when there is none within kAppositionWindow tokens.
  size_t AfterApposition(size_t comma, uint32_t para) const;
  Attribution BeforeQuote(const QuoteSpan& q) const;
  // A lead-in ending just before token `end` of paragraph `para`: a speech
  // verb and its subject, or "according to X" / "in the words of X".
  Attribution LeadIn(size_t end, uint32_t para, bool embedded,
                     bool colon_or_comma) const;
  Attribution WordsOf(size_t ws, size_t end) const;
  // The speaker named in the sentences just before the quote in its
  // paragraph: `Heald noted the findings. "..."`.
  Attribution PrevSentence(const QuoteSpan& q) const;
  // The lead-in at the end of the previous paragraph when it ends with a
  // colon: `Obama tweeted:` \n\n `"..."`.
  Attribution ColonParagraph(const QuoteSpan& q) const;
  // A paragraph that opens with a quote after a paragraph without one: the
  // person its last sentence is about (`Asked why, Smith paused.` \n\n
  // `"No."`).
  Attribution PrevParagraph(const QuoteSpan& q) const;
  // A cue closing the sentence of an embedded quote after its last comma:
  // `Assange has been "arbitrarily detained," the rights group says.` /
  // `..., reported the Washington Examiner.`
  Attribution SentenceEndCue(const QuoteSpan& q) const;
  void FindChannel(size_t from, uint32_t para, Attribution* a) const;
  bool Embedded(const QuoteSpan& q) const;
  // Whether no sentence ends between quotes `a` and `b` (a before or after b).
  bool SameSentence(size_t a, size_t b) const;
  // The quote's text ends in . ! or ?, so it ends its sentence too (an
  // unclosed quote runs to its paragraph's end).
  bool EndsSentence(const QuoteSpan& q) const;
  bool LooksLikeTitle(const QuoteSpan& q) const;
  // Capitalised words of a span whose longer words (4+ letters) all are,
  // and that has at most 8 of them; else 0.
  int TitleCaseWords(const QuoteSpan& q) const;
  // A programme's or a paper's title, whatever its closing punctuation:
  // two or more words in Title Case after "on" or a possessive ("said on
  // \"Face the Nation,\"", "NBC's \"Meet the Press.\""). Never a quote.
  bool MediaTitle(const QuoteSpan& q) const;
  bool LooksLikeSpeech(const QuoteSpan& q) const;
  // A cited headline followed by its outlet: "Title" - Toronto Star.
  bool SourceLine(const QuoteSpan& q) const;
  const char* RuleFor(int mention, const char* name_rule) const;
  // Direct rules (after, before the quote) for every span.
  std::vector<Attribution> DirectRules() const;
  // The rules that borrow a speaker from a neighbouring quote or sentence,
  // in this order (each sees what the earlier ones found):
  void IndirectRules(std::vector<Attribution>* attr) const;
  void SplitQuoteRule(std::vector<Attribution>* attr) const;
  void MultiParagraphRule(std::vector<Attribution>* attr) const;
  void LeadInRule(std::vector<Attribution>* attr) const;
  void OpenParagraphRule(std::vector<Attribution>* attr) const;
  void ContinuationRule(std::vector<Attribution>* attr) const;
  void PrevParagraphRule(std::vector<Attribution>* attr) const;
  // attr[to] takes attr[from]'s speaker, marked inherited by `rule`, with
  // at most `conf` confidence.
  void Inherit(std::vector<Attribution>* attr, size_t to, size_t from,
               const char* rule, float conf) const;
  std::vector<RuleVote> Votes(const std::vector<Attribution>& attr) const;
  // The ranker's choice applied to the rules' attribution.
  Attribution Ranked(const Attribution& rule,
                     const SpeakerRanker::Choice& choice,
                     const SpeakerRanker& ranker) const;
  Quote Build(const QuoteSpan& q, const Attribution& a) const;
  // What the quote detector (quote_keep.h) weighs for span `i`.
  QuoteFeatureVector SpanFeatures(size_t i, const Attribution& a,
                                  float speaker_probability) const;
  // Whether a speech verb stands in the span's sentence outside quotes.
  bool VerbInSentence(const QuoteSpan& q) const;

  // The first token at or after `k` that ends a sentence (tokens_.size()
  // when none does).
  size_t NextSentenceEnd(size_t k) const {
    return k < next_sentence_end_.size() ? next_sentence_end_[k]
                                         : tokens_.size();
  }

  absl::string_view text_;
  const std::vector<Token>& tokens_;
  const std::vector<QuoteSpan>& spans_;
  const SpeakerIndex& index_;
  std::vector<uint32_t> next_sentence_end_;  // see NextSentenceEnd
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
    case MentionType::kDescription:
      return "description";
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

size_t Attributor::AfterApposition(size_t comma, uint32_t para) const {
  const size_t limit = std::min(tokens_.size(), comma + kAppositionWindow);
  for (size_t c = comma + 1; c < limit && tokens_[c].para == para; ++c) {
    if (index_.InQuote(c) || index_.SentenceEnd(c)) break;
    if (!IsChar(c, ',')) continue;
    const size_t v = SkipFillers(c + 1, limit);
    if (v < limit && IsVerb(v)) return v;
  }
  return comma;
}

Attribution Attributor::AfterQuote(const QuoteSpan& q) const {
  Attribution a;
  if (!q.closed) return a;
  // `Reed said the plan would "stop the bleeding." Lee said ...`: a quote
  // inside a sentence that it ends; what follows is another sentence.
  if (Embedded(q) && EndsSentence(q)) return a;
  const size_t n = tokens_.size();
  size_t k = q.close_tok + 1;
  if (k >= n || tokens_[k].para != q.para) return a;
  // Skip a comma or dash between the quote and the attribution.
  bool dashed = false;
  for (int s = 0; s < 2 && k < n && (IsChar(k, ',') || IsDash(k)); ++s) {
    dashed = dashed || IsDash(k);
    ++k;
  }
  if (k >= n || tokens_[k].para != q.para || index_.InQuote(k)) return a;
  const size_t limit = std::min(n, k + kPostWindow);
  const auto mindex = [&](const Mention* m) {
    return static_cast<int>(m - &index_.mentions()[0]);
  };
  // "he said", "Smith also said", "Mr. Netanyahu's office said".
  if (const Mention* m = index_.StartingAt(k);
      m != nullptr && !UnresolvedIt(m)) {
    size_t v = SkipFillers(m->last_tok + 1, limit);
    if (IsChar(v, ',')) {
      v = AfterApposition(v, q.para);
    } else if (v >= limit) {
      v = n;  // no verb within the window
    }
    if (v < n && IsVerb(v) && tokens_[v].para == q.para) {
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
    if (const Mention* m = index_.StartingAt(v + 1);
        m != nullptr && !(m->type == MentionType::kPronoun &&
                          WordEquals(Word(m->first_tok), "it"))) {
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
  // A pull-quote signed with a dash: "..." - Matthew Ingram. The name ends
  // the paragraph (or is followed only by a comma and a description).
  if (dashed) {
    if (const Mention* m = index_.StartingAt(k)) {
      const size_t e = m->last_tok + 1;
      if (m->type == MentionType::kName && m->entity >= 0 &&
          index_.entities()[m->entity].kind == SpeakerKind::kPerson &&
          (e >= n || tokens_[e].para != q.para || IsChar(e, ',') ||
           index_.SentenceEnd(e))) {
        a.found = true;
        a.mention = mindex(m);
        a.rule = "dash_name";
        a.confidence = 0.8f;
        return a;
      }
    }
  }
  return a;
}

size_t Attributor::PreWindowStart(size_t end, uint32_t para) const {
  size_t s = end;
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
    if (IsChar(p, ',')) {
      // "Cynthia Thompson, curator at the University of X, Y, said": the
      // person who opens the sentence, followed by an apposition.
      for (size_t s = ws; s < verb && s < ws + 3; ++s) {
        if (const Mention* m = index_.StartingAt(s)) {
          if (m->type == MentionType::kName && IsPersonLike(m) &&
              IsChar(m->last_tok + 1, ',')) {
            return mindex(m);
          }
          break;
        }
        if (!IsWord(s) || !IsCapStopword(Word(s))) break;
      }
      // "The secretary general of X, Nunzio Galantino, has called": a name
      // in apposition right before the verb.
      const Mention* appo = p > ws ? index_.EndingAt(p - 1) : nullptr;
      if (appo != nullptr && appo->type == MentionType::kName &&
          appo->first_tok > ws && IsChar(appo->first_tok - 1, ',') &&
          appo->entity >= 0 &&
          index_.entities()[appo->entity].kind == SpeakerKind::kPerson) {
        return mindex(appo);
      }
      // "Smith, who led the delegation, told" -> skip the inserted clause.
      for (size_t c = p; c-- > ws;) {
        if (IsChar(c, ',')) {
          if (c > ws) {
            if (const Mention* m = index_.EndingAt(c - 1)) return mindex(m);
          }
          break;
        }
      }
    }
    if (const Mention* m = index_.EndingAt(p)) {
      // "Matthew Ingram of The Globe and Mail dubbed": the person before
      // "of/at/from" and an organisation.
      if (m->type != MentionType::kName || m->entity < 0 ||
          index_.entities()[m->entity].kind != SpeakerKind::kPerson) {
        for (size_t b = m->first_tok, steps = 0; b-- > ws && steps < 6;
             ++steps) {
          if (!IsWord(b)) break;
          const absl::string_view w = Word(b);
          if (tokens_[b].lower && (w == "of" || w == "at" || w == "from")) {
            const Mention* owner = b > ws ? index_.EndingAt(b - 1) : nullptr;
            if (owner != nullptr && owner->type == MentionType::kName &&
                owner->entity >= 0 && IsPersonLike(owner) &&
                owner->last_tok > owner->first_tok) {
              return mindex(owner);
            }
            break;
          }
          if (tokens_[b].lower && w != "and") break;
        }
      }
      return mindex(m);
    }
  }
  // The sentence subject.
  for (size_t s = ws; s < verb && s < ws + 3; ++s) {
    if (const Mention* m = index_.StartingAt(s)) return mindex(m);
    if (!IsWord(s) || !IsCapStopword(Word(s))) break;
  }
  return -1;
}

bool Attributor::IsPersonLike(const Mention* m) const {
  if (m->entity < 0) return m->type == MentionType::kName;
  const Entity& e = index_.entities()[m->entity];
  return e.kind != SpeakerKind::kOrganization && !e.place;
}

Attribution Attributor::WordsOf(size_t ws, size_t end) const {
  Attribution a;
  for (size_t k = ws; k + 2 < end; ++k) {
    if (!IsWord(k) || !IsWord(k + 1)) continue;
    const bool according =
        WordEquals(Word(k), "according") && WordEquals(Word(k + 1), "to");
    const bool words_of =
        WordEquals(Word(k), "words") && WordEquals(Word(k + 1), "of");
    if (!according && !words_of) continue;
    // The first person named after it, else the first mention.
    int first = -1;
    for (size_t e = k + 2; e < end && e < k + 14; ++e) {
      const Mention* m = index_.StartingAt(e);
      if (m == nullptr) continue;
      if (first < 0) first = MentionIndex(m);
      if (m->type == MentionType::kName && m->entity >= 0 &&
          index_.entities()[m->entity].kind == SpeakerKind::kPerson) {
        first = MentionIndex(m);
        break;
      }
    }
    if (first < 0) return a;
    a.found = true;
    a.mention = first;
    a.verb = static_cast<int>(k);
    a.rule = "according_to";
    a.confidence = 0.8f;
    return a;
  }
  return a;
}

Attribution Attributor::LeadIn(size_t end, uint32_t para, bool embedded,
                               bool colon_or_comma) const {
  Attribution a;
  const size_t ws = PreWindowStart(end, para);
  size_t verb = SIZE_MAX;
  for (size_t k = end; k-- > ws;) {
    if (end - k > kPartialWindow) break;
    if (IsVerb(k)) {
      verb = k;
      break;
    }
  }
  if (verb == SIZE_MAX) {
    // "in the words of Smith, "..."", "according to Smith, "..."";
    // "According to Smith, some bays see blooms "from June"" (partial).
    if (colon_or_comma) return WordsOf(ws, end);
    const size_t after = end < tokens_.size() ? tokens_[end].end : 0;
    const char first = after > 0 && after < text_.size() ? text_[after] : 0;
    if (embedded && first >= 'a' && first <= 'z') {
      a = WordsOf(ws, end);
      a.partial = a.found;
    }
    return a;
  }
  const bool lead_in = colon_or_comma || (verb + 1 == end && !embedded);
  int m = SubjectOf(verb, ws);
  const char* rule = lead_in ? "verb_before_quote" : "partial_indirect";
  // "said Smith: "..."" (not "said it was", "said he would", nor "X called
  // it "..." and said Democrats had "..."", where X says both).
  const bool coordinated = verb > ws && IsWord(verb - 1) &&
                           (Word(verb - 1) == "and" || Word(verb - 1) == "but");
  if (m < 0 && !coordinated) {
    if (const Mention* after = index_.StartingAt(verb + 1);
        after != nullptr && after->type != MentionType::kPronoun) {
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
  FindChannel(verb + 1, para, &a);
  return a;
}

Attribution Attributor::BeforeQuote(const QuoteSpan& q) const {
  const size_t o = q.open_tok;
  if (q.bare_open || o == 0 || tokens_[o - 1].para != q.para ||
      index_.InQuote(o - 1)) {
    return Attribution();
  }
  return LeadIn(o, q.para, Embedded(q),
                IsChar(o - 1, ':') || IsChar(o - 1, ','));
}

Attribution Attributor::SentenceEndCue(const QuoteSpan& q) const {
  Attribution a;
  if (!Embedded(q) || EndsSentence(q)) return a;
  const size_t e = NextSentenceEnd(q.close_tok + 1);
  if (e >= tokens_.size() || tokens_[e].para != q.para ||
      e > q.close_tok + kSentenceEndWindow) {
    return a;
  }
  size_t c = e;  // the sentence's last comma, outside quotes
  while (c > q.close_tok + 1 && !IsChar(c - 1, ',')) {
    if (index_.InQuote(c - 1)) return a;
    --c;
  }
  if (c <= q.close_tok + 1) return a;
  // ", the group says." or ", says the group."
  const Mention* m = index_.StartingAt(c);
  size_t v = m != nullptr ? SkipFillers(m->last_tok + 1, e) : SIZE_MAX;
  bool inverted = false;
  if (v == SIZE_MAX || !IsVerb(v) || v + 1 != e) {
    v = SkipFillers(c, e);
    m = IsVerb(v) ? index_.StartingAt(v + 1) : nullptr;
    // Not ", says the program changed his life.": a clause, not a name.
    if (m == nullptr || m->last_tok + 1 != e ||
        m->type == MentionType::kDescription) {
      return a;
    }
    inverted = true;
  }
  if (m->type == MentionType::kPronoun &&
      WordEquals(Word(m->first_tok), "it")) {
    return a;
  }
  a.found = true;
  a.mention = static_cast<int>(m - &index_.mentions()[0]);
  a.verb = static_cast<int>(v);
  a.rule = RuleFor(a.mention, "sentence_end");
  a.partial = true;
  a.confidence = m->entity >= 0 || inverted ? 0.8f : 0.6f;
  return a;
}

Attribution Attributor::ColonParagraph(const QuoteSpan& q) const {
  const size_t o = q.open_tok;
  if (q.bare_open || o == 0 || tokens_[o - 1].para == q.para ||
      !IsChar(o - 1, ':') || index_.InQuote(o - 1)) {
    return Attribution();
  }
  Attribution a = LeadIn(o - 1, tokens_[o - 1].para, false, true);
  if (!a.found || a.mention < 0) return Attribution();
  a.partial = false;
  a.rule = RuleFor(a.mention, "colon_paragraph");
  a.confidence = std::min(a.confidence, 0.8f);
  return a;
}

Attribution Attributor::PrevParagraph(const QuoteSpan& q) const {
  const size_t o = q.open_tok;
  if (q.bare_open || o == 0 || tokens_[o - 1].para == q.para ||
      index_.InQuote(o - 1) || !index_.SentenceEnd(o - 1)) {
    return Attribution();
  }
  const uint32_t para = tokens_[o - 1].para;
  if (para + 2 < q.para) return Attribution();  // a blank paragraph at most
  const size_t ws = PreWindowStart(o - 1, para);
  for (size_t k = ws; k + 1 < o; ++k) {
    const Mention* m = index_.StartingAt(k);
    if (m == nullptr) continue;
    if (m->entity < 0 ||
        index_.entities()[m->entity].kind != SpeakerKind::kPerson) {
      continue;
    }
    Attribution a;
    a.found = true;
    a.mention = MentionIndex(m);
    a.rule = "prev_paragraph";
    a.confidence = 0.5f;
    return a;
  }
  return Attribution();
}

Attribution Attributor::PrevSentence(const QuoteSpan& q) const {
  const size_t o = q.open_tok;
  if (q.bare_open || o == 0 || tokens_[o - 1].para != q.para ||
      !index_.SentenceEnd(o - 1)) {
    return Attribution();
  }
  // Up to two sentences back, no quotation in between.
  size_t end = o;
  for (int sentences = 0; sentences < 2; ++sentences) {
    const size_t ws = PreWindowStart(end - 1, q.para);
    if (ws > 0 && tokens_[ws - 1].para == q.para && index_.InQuote(ws - 1)) {
      return Attribution();
    }
    for (size_t k = ws; k < end; ++k) {
      const bool verb = IsVerb(k);
      const bool channel =
          IsWord(k) && tokens_[k].lower && IsChannelNoun(Word(k)) && k > ws + 1;
      if (!verb && !channel) continue;
      const int m = SubjectOf(k, ws);
      if (m < 0) continue;
      const Mention& mm = index_.mentions()[m];
      if (mm.entity < 0) continue;
      Attribution a;
      a.found = true;
      a.mention = m;
      a.verb = verb ? static_cast<int>(k) : -1;
      a.rule = "prev_sentence";
      a.confidence = 0.6f;
      return a;
    }
    if (ws == 0 || tokens_[ws - 1].para != q.para) break;
    end = ws;
  }
  return Attribution();
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
  if (NextSentenceEnd(qa.close_tok + 1) < qb.open_tok) return false;
  return !EndsSentence(qa);
}

bool Attributor::EndsSentence(const QuoteSpan& q) const {
  if (!q.closed) return true;
  const char last = text_[q.text_end - 1];
  return last == '.' || last == '!' || last == '?';
}

bool Attributor::LooksLikeTitle(const QuoteSpan& q) const {
  // Nickname: Joseph "Joe" Smith.
  const size_t o = q.open_tok;
  const size_t c = q.close_tok;
  if (q.closed && o > 0 && IsWord(o - 1) && tokens_[o - 1].cap &&
      tokens_[o - 1].para == q.para && IsWord(c + 1) && tokens_[c + 1].cap &&
      tokens_[c + 1].para == q.para && c <= Inner(q) + 3) {
    return true;
  }
  // so-called "reforms".
  if (o > 0 && IsWord(o - 1) && WordEquals(Word(o - 1), "so-called")) {
    return true;
  }
  // Title Case, no sentence punctuation.
  const absl::string_view body =
      text_.substr(q.text_begin, q.text_end - q.text_begin);
  const char last = body.empty() ? 0 : body.back();
  const bool punct_end =
      last == '.' || last == '!' || last == '?' || last == ',';
  return TitleCaseWords(q) > 0 && !punct_end;
}

int Attributor::TitleCaseWords(const QuoteSpan& q) const {
  int words = 0;
  int caps = 0;
  for (size_t k = Inner(q); k < q.close_tok && k < tokens_.size(); ++k) {
    if (!IsWord(k)) continue;
    const absl::string_view w = Word(k);
    if (w.size() < 4 && !tokens_[k].cap) continue;
    ++words;
    if (tokens_[k].cap) ++caps;
  }
  return words <= 8 && caps == words ? caps : 0;
}

bool Attributor::MediaTitle(const QuoteSpan& q) const {
  if (TitleCaseWords(q) < 2) return false;
  const size_t o = q.open_tok;
  if (o == 0 || !IsWord(o - 1) || tokens_[o - 1].para != q.para) return false;
  bool possessive = false;
  StripPossessive(Word(o - 1), &possessive);
  return possessive || WordEquals(Word(o - 1), "on");
}

bool Attributor::SourceLine(const QuoteSpan& q) const {
  // "Headline of a story" - Outlet: a paragraph that is a cited title.
  const size_t o = q.open_tok;
  if (!q.closed ||
      (o > 0 && tokens_[o - 1].para == q.para && !index_.SentenceEnd(o - 1))) {
    return false;
  }
  const char last = text_[q.text_end - 1];
  if (last == '.' || last == '!' || last == '?' || last == ',') return false;
  size_t k = q.close_tok + 1;
  if (!IsDash(k)) return false;
  const Mention* m = index_.StartingAt(k + 1);
  if (m == nullptr || m->type != MentionType::kName ||
      (m->entity >= 0 &&
       index_.entities()[m->entity].kind == SpeakerKind::kPerson)) {
    return false;
  }
  const size_t e = m->last_tok + 1;
  return e >= tokens_.size() || tokens_[e].para != q.para || IsChar(e, ',') ||
         IsChar(e, '.');
}

bool Attributor::LooksLikeSpeech(const QuoteSpan& q) const {
  int words = 0;
  for (size_t k = Inner(q); k < q.close_tok && k < tokens_.size(); ++k) {
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
    // "the official said", "The jury called": the description is the
    // speaker when it names nobody found in the article.
    out.speaker = DescriptionSpeaker(text_, m);
    if (m.type == MentionType::kRoleNoun) {
      out.speaker_kind = SpeakerKind::kPerson;
    } else if (m.type == MentionType::kOrgNoun) {
      out.speaker_kind = SpeakerKind::kOrganization;
    }
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

std::vector<Attribution> Attributor::DirectRules() const {
  const size_t nq = spans_.size();
  std::vector<Attribution> attr(nq);
  // 1-3: direct attribution.
  for (size_t i = 0; i < nq; ++i) {
    const QuoteSpan& q = spans_[i];
    Attribution a = AfterQuote(q);
    a.family = RuleFamily::kAfterQuote;
    if (!a.found) {
      a = BeforeQuote(q);
      a.family = a.partial ? RuleFamily::kPartial : RuleFamily::kLeadIn;
    }
    if (!a.found) {
      a = SentenceEndCue(q);
      a.family = RuleFamily::kAfterQuote;
    }
    if (a.found && a.verb >= 0 && WordEquals(Word(a.verb), "according")) {
      a.family = RuleFamily::kAccording;
    }
    if (a.found && a.partial && LooksLikeTitle(q)) a = Attribution();
    if (!a.found && LooksLikeTitle(q)) continue;
    attr[i] = a;
  }
  return attr;
}

void Attributor::IndirectRules(std::vector<Attribution>* attr) const {
  SplitQuoteRule(attr);      // 4a
  MultiParagraphRule(attr);  // 4b
  LeadInRule(attr);          // 5
  OpenParagraphRule(attr);   // 6
  ContinuationRule(attr);    // 4c
  PrevParagraphRule(attr);   // 7
}

void Attributor::Inherit(std::vector<Attribution>* attr, size_t to, size_t from,
                         const char* rule, float conf) const {
  Attribution a = (*attr)[from];
  a.inherited = true;
  a.family = RuleFamily::kInherited;
  a.rule = rule;
  a.confidence = std::min(a.confidence, conf);
  a.partial = Embedded(spans_[to]) && (text_[spans_[to].text_begin] >= 'a' &&
                                       text_[spans_[to].text_begin] <= 'z');
  (*attr)[to] = a;
}

// 4a: split quotes within a paragraph. The source is the nearest quote
// of the paragraph with a direct attribution, before the quote, else
// after it. 4a only adds inherited attributions, so the sources are fixed
// before it starts: found in one pass each way (linear, however many
// quotes a paragraph holds).
void Attributor::SplitQuoteRule(std::vector<Attribution>* attr_out) const {
  std::vector<Attribution>& attr = *attr_out;
  const size_t nq = spans_.size();
  std::vector<int> before(nq, -1), after(nq, -1);
  for (size_t j = 0; j < nq; ++j) {
    if (j > 0 && spans_[j - 1].para == spans_[j].para) {
      before[j] = attr[j - 1].found && !attr[j - 1].inherited
                      ? static_cast<int>(j - 1)
                      : before[j - 1];
    }
  }
  for (size_t j = nq; j-- > 0;) {
    if (j + 1 < nq && spans_[j + 1].para == spans_[j].para) {
      after[j] = attr[j + 1].found && !attr[j + 1].inherited
                     ? static_cast<int>(j + 1)
                     : after[j + 1];
    }
  }
  for (size_t i = 0; i < nq; ++i) {
    if (attr[i].found || LooksLikeTitle(spans_[i])) continue;
    // A later segment of a multi-paragraph quotation belongs to its group.
    if (spans_[i].group >= 0 && static_cast<size_t>(spans_[i].group) != i) {
      continue;
    }
    const int from = before[i] >= 0 ? before[i] : after[i];
    if (from >= 0 && (!Embedded(spans_[i]) || LooksLikeSpeech(spans_[i]) ||
                      SameSentence(static_cast<size_t>(from), i))) {
      Inherit(attr_out, i, from, "split_quote", 0.85f);
    }
  }
}

// 4b: multi-paragraph quotations share one speaker: the first segment of
// the group found so far (kept per group as segments inherit).
void Attributor::MultiParagraphRule(std::vector<Attribution>* attr_out) const {
  std::vector<Attribution>& attr = *attr_out;
  const size_t nq = spans_.size();
  constexpr size_t kNone = static_cast<size_t>(-1);
  std::vector<size_t> first_found(nq, kNone);  // by group (its first span)
  for (size_t j = nq; j-- > 0;) {
    if (spans_[j].group >= 0 && attr[j].found) first_found[spans_[j].group] = j;
  }
  for (size_t i = 0; i < nq; ++i) {
    if (spans_[i].group < 0 || attr[i].found) continue;
    size_t& first = first_found[spans_[i].group];
    if (first == kNone) continue;
    Inherit(attr_out, i, first, "multi_paragraph", 0.8f);
    first = std::min(first, i);
  }
}

// 5: the speaker named where the quote is introduced less directly: a
// colon ending the previous paragraph, the sentence before the quote.
void Attributor::LeadInRule(std::vector<Attribution>* attr_out) const {
  std::vector<Attribution>& attr = *attr_out;
  const size_t nq = spans_.size();
  for (size_t i = 0; i < nq; ++i) {
    if (attr[i].found || LooksLikeTitle(spans_[i])) continue;
    Attribution a = ColonParagraph(spans_[i]);
    a.family = RuleFamily::kLeadIn;
    if (!a.found && LooksLikeSpeech(spans_[i])) {
      a = PrevSentence(spans_[i]);
      a.family = RuleFamily::kNearby;
    }

    if (a.found) attr[i] = a;
  }
}

// 6: a quotation left open at a paragraph end goes on in a later paragraph
// that opens with a quote, past at most one paragraph without quotes (a
// caption).
void Attributor::OpenParagraphRule(std::vector<Attribution>* attr_out) const {
  std::vector<Attribution>& attr = *attr_out;
  const size_t nq = spans_.size();
  for (size_t i = 1; i < nq; ++i) {
    const QuoteSpan& q = spans_[i];
    const QuoteSpan& p = spans_[i - 1];
    if (attr[i].found || !attr[i - 1].found || p.closed || q.bare_open)
      continue;
    if (q.open_tok == 0 || tokens_[q.open_tok - 1].para == q.para) continue;
    int paras = 0;
    for (size_t k = p.close_tok; k < q.open_tok; ++k) {
      if (k == p.close_tok || tokens_[k].para != tokens_[k - 1].para) ++paras;
    }
    if (paras <= 1 && LooksLikeSpeech(q)) {
      Inherit(attr_out, i, i - 1, "multi_paragraph", 0.7f);
    }
  }
}

// 4c: a paragraph that is only a quotation carries on the previous one.
void Attributor::ContinuationRule(std::vector<Attribution>* attr_out) const {
  std::vector<Attribution>& attr = *attr_out;
  const size_t nq = spans_.size();
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
    if (!gap) Inherit(attr_out, i, prev, "paragraph_continuation", 0.7f);
  }
}

// 7: a quote paragraph after a narrative one: the person that
// paragraph's last sentence is about.
void Attributor::PrevParagraphRule(std::vector<Attribution>* attr_out) const {
  std::vector<Attribution>& attr = *attr_out;
  const size_t nq = spans_.size();
  for (size_t i = 0; i < nq; ++i) {
    if (attr[i].found || !LooksLikeSpeech(spans_[i]) ||
        (spans_[i].group >= 0 && static_cast<size_t>(spans_[i].group) != i)) {
      continue;
    }
    attr[i] = PrevParagraph(spans_[i]);
    attr[i].family = RuleFamily::kNearby;
  }
}

std::vector<RuleVote> Attributor::Votes(
    const std::vector<Attribution>& attr) const {
  std::vector<RuleVote> votes(attr.size());
  for (size_t i = 0; i < attr.size(); ++i) {
    const Attribution& a = attr[i];
    RuleVote& v = votes[i];
    v.embedded = Embedded(spans_[i]);
    v.speechlike = LooksLikeSpeech(spans_[i]);
    if (!a.found) continue;
    v.mention = a.mention;
    v.family = a.family;
    v.confidence = a.confidence;
  }
  return votes;
}

Attribution Attributor::Ranked(const Attribution& rule,
                               const SpeakerRanker::Choice& choice,
                               const SpeakerRanker& ranker) const {
  Attribution a = rule;
  a.confidence = choice.probability;
  if (choice.mention >= 0 && a.mention >= 0 &&
      ranker.SpeakerOf(choice.mention) == ranker.SpeakerOf(a.mention)) {
    return a;  // the rule's speaker: keep its mention, cue and channel
  }
  if (choice.mention < 0 && !choice.abstained) {
    a.mention = -1;  // nobody to choose from
    return a;
  }
  a.found = true;
  a.mention = choice.mention;
  a.rule = choice.abstained ? "model_abstain" : "model";
  a.verb = -1;
  a.channel = Span{};
  a.relayed = -1;
  return a;
}

bool Attributor::VerbInSentence(const QuoteSpan& q) const {
  const size_t ws = PreWindowStart(q.open_tok, q.para);
  for (size_t k = ws; k < q.open_tok; ++k) {
    if (IsVerb(k)) return true;
  }
  const size_t n = tokens_.size();
  for (size_t k = q.close_tok + 1; k < n && k < q.close_tok + 16; ++k) {
    if (tokens_[k].para != q.para || index_.SentenceEnd(k)) break;
    if (index_.InQuote(k)) break;
    if (IsVerb(k)) return true;
  }
  return false;
}

namespace {

bool TermCue(absl::string_view w) {
  static constexpr absl::string_view kCues[] = {
      "called",   "dubbed",    "so-called", "term",     "terms",
      "word",     "words",     "phrase",    "label",    "labeled",
      "labelled", "nicknamed", "titled",    "entitled", "named",
      "branded",  "slogan",    "motto",     "hashtag"};
  for (absl::string_view c : kCues) {
    if (WordEquals(w, c)) return true;
  }
  return false;
}

// "I", "we", "my" ... and their contractions ("I'm", "we’ve").
int PersonOf(absl::string_view w) {
  const size_t apos = std::min(w.find('\''), w.find("\xE2\x80\x99"));
  const absl::string_view stem = w.substr(0, apos);
  static constexpr absl::string_view kFirst[] = {
      "i",  "we",     "my",        "our",  "me",
      "us", "myself", "ourselves", "mine", "ours"};
  static constexpr absl::string_view kSecond[] = {"you", "your", "yours",
                                                  "yourself"};
  for (absl::string_view f : kFirst) {
    if (WordEquals(stem, f)) return 1;
  }
  for (absl::string_view f : kSecond) {
    if (WordEquals(stem, f)) return 2;
  }
  return 0;
}

}  // namespace

QuoteFeatureVector Attributor::SpanFeatures(size_t i, const Attribution& a,
                                            float speaker_probability) const {
  const QuoteSpan& q = spans_[i];
  QuoteFeatureVector x{};
  int words = 0;
  for (size_t k = Inner(q); k < q.close_tok && k < tokens_.size(); ++k) {
    if (!IsWord(k)) continue;
    ++words;
    const int person = PersonOf(Word(k));
    if (person == 1) x[kQ_first_person] = 1;
    if (person == 2) x[kQ_second_person] = 1;
  }
  const char first = text_[q.text_begin];
  const char last = text_[q.text_end - 1];
  x[kQ_bias] = 1;
  x[kQ_log_words] = std::min(1.0f, std::log1p(static_cast<float>(words)) / 4);
  x[kQ_one_word] = words <= 1;
  x[kQ_two_three_words] = words == 2 || words == 3;
  x[kQ_four_five_words] = words == 4 || words == 5;
  x[kQ_lower_start] = first >= 'a' && first <= 'z';
  x[kQ_punct_end] = last == '.' || last == ',' || last == '!' || last == '?';
  x[kQ_title_like] = LooksLikeTitle(q);
  x[kQ_embedded] = Embedded(q);
  x[kQ_rule_found] = a.found;
  if (a.found) {
    switch (a.family) {
      case RuleFamily::kAfterQuote:
      case RuleFamily::kAccording:
        x[kQ_rule_after] = 1;
        break;
      case RuleFamily::kLeadIn:
        x[kQ_rule_lead_in] = 1;
        break;
      case RuleFamily::kPartial:
        x[kQ_rule_partial] = 1;
        break;
      case RuleFamily::kInherited:
        x[kQ_rule_inherited] = 1;
        break;
      case RuleFamily::kNearby:
        x[kQ_rule_nearby] = 1;
        break;
      case RuleFamily::kNone:
        break;
    }
  }
  x[kQ_speaker_probability] = speaker_probability;
  const size_t o = q.open_tok;
  const bool same_para_before = o > 0 && tokens_[o - 1].para == q.para;
  if (same_para_before && IsWord(o - 1)) {
    x[kQ_term_cue] = TermCue(Word(o - 1));
    x[kQ_article_before] = WordEquals(Word(o - 1), "the") ||
                           WordEquals(Word(o - 1), "a") ||
                           WordEquals(Word(o - 1), "an");
  }
  const size_t after = q.close_tok + 1;
  x[kQ_whole_paragraph] =
      !same_para_before && q.closed &&
      (after >= tokens_.size() || tokens_[after].para != q.para);
  x[kQ_verb_in_sentence] = VerbInSentence(q);
  x[kQ_source_line] = SourceLine(q);
  x[kQ_multi_paragraph] = q.group >= 0;
  x[kQ_speechlike] = LooksLikeSpeech(q);
  return x;
}

std::vector<Quote> Attributor::Run(std::vector<ExplainedQuote>* explain,
                                   const std::function<bool()>& cancelled) {
  const size_t nq = spans_.size();
  std::vector<Attribution> attr = DirectRules();
  IndirectRules(&attr);
  const std::vector<RuleVote> votes = Votes(attr);
  const SpeakerRanker ranker(text_, tokens_, spans_, index_, votes);
  std::vector<Quote> out;
  out.reserve(nq);
  std::vector<Attribution> ranked(nq);
  for (size_t i = 0; i < nq; ++i) {
    if (i % kPollEvery == 0 && Cancelled(cancelled)) break;
    std::vector<SpeakerCandidate> cands = ranker.Candidates(i);
    const SpeakerRanker::Choice choice = ranker.Choose(i, cands);
    const QuoteFeatureVector qx = SpanFeatures(i, attr[i], choice.probability);
    // Multi-paragraph quotations keep the rules' decision: the detector was
    // fitted on whole quotations, not on their paragraph segments. Cited
    // headlines ("Title" - Outlet) nobody is said to speak are never kept.
    const bool rule_keep =
        attr[i].found || (LooksLikeSpeech(spans_[i]) && !SourceLine(spans_[i]));
    const bool kept = !MediaTitle(spans_[i]) &&
                      (spans_[i].group >= 0
                           ? rule_keep
                           : (attr[i].found || !SourceLine(spans_[i])) &&
                                 QuoteProbability(qx) >= QuoteKeepThreshold());
    if (!kept && explain == nullptr) continue;
    // One quotation, one speaker: later segments take the first's.
    const int group = spans_[i].group;
    const bool later = group >= 0 && static_cast<size_t>(group) < i;
    if (!later) ranked[i] = Ranked(attr[i], choice, ranker);
    if (later) ranked[i] = ranked[group];
    Quote quote = Build(spans_[i], ranked[i]);
    if (explain != nullptr) {
      explain->push_back(ExplainedQuote{quote, kept,
                                        static_cast<int>(ranker.Context(i)), qx,
                                        std::move(cands)});
    }
    if (kept) out.push_back(std::move(quote));
  }
  return out;
}

std::vector<Token> QuoteTokens(absl::string_view text) {
  std::vector<Token> tokens = Tokenize(text);
  DropBoilerplateParagraphs(text, &tokens);
  return tokens;
}

}  // namespace

std::vector<Quote> ExtractQuotes(absl::string_view text,
                                 const std::function<bool()>& cancelled) {
  const std::vector<Token> tokens = QuoteTokens(text);
  if (tokens.empty() || Cancelled(cancelled)) return {};
  // Past the budget, spans are left out (a segment's group is an earlier
  // span, so the kept ones stay whole).
  const std::vector<QuoteSpan> spans =
      FindQuoteSpans(text, tokens, MaxItems(text.size()));
  if (spans.empty() || Cancelled(cancelled)) return {};
  const SpeakerIndex index(text, tokens, spans);
  if (Cancelled(cancelled)) return {};
  return Attributor(text, tokens, spans, index).Run(nullptr, cancelled);
}

std::vector<ExplainedQuote> ExplainQuotes(absl::string_view text) {
  std::vector<ExplainedQuote> explain;
  const std::vector<Token> tokens = QuoteTokens(text);
  if (tokens.empty()) return explain;
  const std::vector<QuoteSpan> spans = FindQuoteSpans(text, tokens);
  if (spans.empty()) return explain;
  const SpeakerIndex index(text, tokens, spans);
  Attributor(text, tokens, spans, index).Run(&explain);
  return explain;
}

}  // namespace claimcheck::extract
