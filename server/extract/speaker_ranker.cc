#include "server/extract/speaker_ranker.h"

#include <algorithm>
#include <cmath>

#include "absl/strings/match.h"
#include "server/extract/attribution_model.h"
#include "server/extract/common_words.h"
#include "server/extract/names_lexicon.h"
#include "server/extract/quote_cues.h"

namespace claimcheck::extract {

const char* const kSpeakerFeatureNames[kNumSpeakerFeatures] = {
    "is_null",
    "null_rule_none",
    "null_embedded",
    "null_no_same_para",
    "null_speechlike",
    "null_partial_rule",
    "null_inherited_rule",
    "after_quote",
    "same_para",
    "para_back_1",
    "para_back_2plus",
    "log_tok_dist",
    "same_sentence",
    "nearest_before",
    "nearest_after",
    "nearest_person_before",
    "adjacent_after",
    "adjacent_before",
    "speaks",
    "verb_between",
    "subject",
    "type_name",
    "type_pronoun",
    "type_role_noun",
    "type_org_noun",
    "type_office",
    "unresolved",
    "person",
    "organization",
    "place",
    "full_name",
    "has_role",
    "rule_mention",
    "rule_entity",
    "rule_after",
    "rule_lead_in",
    "rule_partial",
    "rule_according",
    "rule_inherited",
    "rule_nearby",
    "rule_confidence",
    "log_mentions",
    "in_lead",
    "spoke_prev_quote",
    "spoke_prev_para",
    "opens_para_prev_para",
    "opens_para_after",
    "pronoun_cue_here",
    "pronoun_cue_gender_ok",
    "pronoun_cue_gender_bad",
    "bias_candidate",
    "pronoun_rank_1",
    "pronoun_rank_2",
    "pronoun_rank_3plus",
    "one_word",
    "kind_unknown",
    "modifier",
    "spoke_same_para",
    "type_description",
    "prep_object",
    "after_determiner",
    "possessive",
    "adjective_form",
    "common_word",
};

namespace {

// How far (in tokens) around a quote mentions are looked for: bounds the
// work per quote whatever the paragraph lengths.
constexpr size_t kTokensBack = 400;
constexpr size_t kTokensAfter = 40;
// Quotes looked back at for "spoke the previous paragraph's quote".
constexpr size_t kQuotesBack = 8;

Gender PronounGender(absl::string_view w) {
  if (WordEquals(w, "he") || WordEquals(w, "him") || WordEquals(w, "his")) {
    return Gender::kMale;
  }
  if (WordEquals(w, "she") || WordEquals(w, "her")) return Gender::kFemale;
  return Gender::kUnknown;
}

// A one-word "name" that is a capitalised function word, alone or with a
// contraction: "It", "I'm", "We've".
bool FunctionWord(absl::string_view name) {
  if (name.find(' ') != absl::string_view::npos) return false;
  const size_t apos = std::min(name.find('\''), name.find("\xE2\x80\x99"));
  const absl::string_view stem = name.substr(0, apos);
  return IsCapStopword(stem) || WordEquals(stem, "I") ||
         (apos != absl::string_view::npos && IsCapStopword(name));
}

// Prepositions whose object is rarely the speaker of a nearby quote ("by"
// and "from" are left out: "a statement from the mayor").
bool IsPlacePreposition(absl::string_view w) {
  static constexpr absl::string_view kWords[] = {
      "about",  "across",     "after",  "against", "among",   "around", "at",
      "before", "between",    "during", "for",     "in",      "inside", "into",
      "near",   "of",         "on",     "onto",    "outside", "over",   "since",
      "than",   "throughout", "to",     "toward",  "towards", "under",  "upon",
      "with",   "within",     "without"};
  for (absl::string_view k : kWords) {
    if (WordEquals(w, k)) return true;
  }
  return false;
}

bool IsArticle(absl::string_view w) {
  return WordEquals(w, "a") || WordEquals(w, "an") || WordEquals(w, "the") ||
         WordEquals(w, "this") || WordEquals(w, "these") ||
         WordEquals(w, "those");
}

float LogScaled(size_t v, float top) {
  return std::min(1.0f, std::log1p(static_cast<float>(v)) / std::log(top));
}

float Calibrate(float raw) {
  using namespace attribution_model;
  if (kCalibrationKnots == 0) return raw;
  if (raw <= kRawKnots[0]) return kCalibratedKnots[0];
  for (size_t k = 1; k < kCalibrationKnots; ++k) {
    if (raw <= kRawKnots[k]) {
      const float span = kRawKnots[k] - kRawKnots[k - 1];
      const float t = span > 0 ? (raw - kRawKnots[k - 1]) / span : 1.0f;
      return kCalibratedKnots[k - 1] +
             t * (kCalibratedKnots[k] - kCalibratedKnots[k - 1]);
    }
  }
  return kCalibratedKnots[kCalibrationKnots - 1];
}

}  // namespace

SpeakerRanker::SpeakerRanker(absl::string_view text,
                             const std::vector<Token>& tokens,
                             const std::vector<QuoteSpan>& spans,
                             const SpeakerIndex& index,
                             const std::vector<RuleVote>& votes)
    : text_(text),
      tokens_(tokens),
      spans_(spans),
      index_(index),
      votes_(votes) {
  const uint32_t last_para = tokens_.empty() ? 0 : tokens_.back().para;
  para_ordinal_.assign(last_para + 1, -1);
  int ordinal = -1;
  uint32_t prev = UINT32_MAX;
  for (const Token& t : tokens_) {
    if (t.para != prev) {
      para_ordinal_[t.para] = ++ordinal;
      prev = t.para;
    }
  }
  CountSentenceEndsAndVerbs();
  const std::vector<Mention>& ms = index_.mentions();
  const size_t ne = index_.entities().size();
  mentions_before_.assign(ms.size(), 0);
  entity_first_para_.assign(ne, INT32_MAX);
  std::vector<int> seen(ne, 0);
  for (size_t k = 0; k < ms.size(); ++k) {
    const int e = ms[k].entity;
    if (e < 0) continue;
    mentions_before_[k] = seen[e]++;
    entity_first_para_[e] = std::min(
        entity_first_para_[e], ParaOrdinal(tokens_[ms[k].first_tok].para));
  }
}

int SpeakerRanker::ParaOrdinal(uint32_t para) const {
  return para < para_ordinal_.size() ? para_ordinal_[para] : -1;
}

int SpeakerRanker::EntityOf(int mention) const {
  return mention < 0 ? -1 : index_.mentions()[mention].entity;
}

std::string SpeakerRanker::SpeakerOf(int mention) const {
  if (mention < 0) return "";
  const Mention& m = index_.mentions()[mention];
  if (m.entity >= 0) return index_.entities()[m.entity].canonical;
  return DescriptionSpeaker(text_, m);
}

void SpeakerRanker::CountSentenceEndsAndVerbs() {
  const size_t n = tokens_.size();
  sent_ends_before_.assign(n + 1, 0);
  verbs_before_.assign(n + 1, 0);
  for (size_t k = 0; k < n; ++k) {
    const Token& t = tokens_[k];
    sent_ends_before_[k + 1] = sent_ends_before_[k] + index_.SentenceEnd(k);
    verbs_before_[k + 1] =
        verbs_before_[k] + (t.kind == TokenKind::kWord && t.lower &&
                            IsSpeechVerb(TokenText(text_, t)));
  }
}

bool SpeakerRanker::SentenceBetween(size_t from, size_t to) const {
  to = std::min(to, tokens_.size());
  return from < to && sent_ends_before_[to] > sent_ends_before_[from];
}

bool SpeakerRanker::SpeechVerbBetween(size_t from, size_t to) const {
  to = std::min(to, tokens_.size());
  return from < to && verbs_before_[to] > verbs_before_[from];
}

bool SpeakerRanker::SpeechVerbNear(const Mention& m) const {
  const size_t n = tokens_.size();
  for (size_t v = m.last_tok + 1; v < n && v < m.last_tok + 4u; ++v) {
    if (tokens_[v].kind != TokenKind::kWord || !tokens_[v].lower) break;
    const absl::string_view w = TokenText(text_, tokens_[v]);
    if (IsSpeechVerb(w)) return true;
    if (!IsVerbFiller(w)) break;
  }
  if (m.first_tok > 0) {
    const Token& t = tokens_[m.first_tok - 1];
    if (t.kind == TokenKind::kWord && t.lower &&
        IsSpeechVerb(TokenText(text_, t))) {
      return true;
    }
  }
  return false;
}

void SpeakerRanker::FillGeometry(size_t q, const Mention& m,
                                 FeatureVector* x) const {
  const QuoteSpan& s = spans_[q];
  const bool after = m.first_tok > s.open_tok;
  const size_t dist =
      after ? m.first_tok - std::min<size_t>(s.close_tok, m.first_tok)
            : s.open_tok - m.last_tok;
  const int pdiff =
      ParaOrdinal(s.para) - ParaOrdinal(tokens_[m.first_tok].para);
  const bool same_para = pdiff == 0;
  const bool same_sentence =
      same_para && (after ? !SentenceBetween(s.close_tok + 1, m.first_tok)
                          : !SentenceBetween(m.last_tok + 1, s.open_tok));
  (*x)[kF_after_quote] = after;
  (*x)[kF_same_para] = same_para;
  (*x)[kF_para_back_1] = pdiff == 1;
  (*x)[kF_para_back_2plus] = pdiff >= 2;
  (*x)[kF_log_tok_dist] = LogScaled(dist, kTokensBack);
  (*x)[kF_same_sentence] = same_sentence;
  (*x)[kF_adjacent_after] = after && dist <= 4 && same_para;
  (*x)[kF_adjacent_before] = !after && dist <= 6 && same_sentence;
  (*x)[kF_speaks] = SpeechVerbNear(m);
  if (same_sentence) {
    const size_t lo = after ? s.close_tok + 1 : m.last_tok + 1;
    const size_t hi = after ? m.first_tok : s.open_tok;
    (*x)[kF_verb_between] = SpeechVerbBetween(lo, hi);
  }
  (*x)[kF_subject] = m.subject;
  const bool opens_para =
      s.open_tok == 0 || tokens_[s.open_tok - 1].para != s.para;
  (*x)[kF_opens_para_prev_para] = opens_para && pdiff == 1;
  (*x)[kF_opens_para_after] = opens_para && after && same_para;
}

void SpeakerRanker::FillMention(const Mention& m, FeatureVector* x) const {
  (*x)[kF_type_name] = m.type == MentionType::kName;
  (*x)[kF_type_pronoun] = m.type == MentionType::kPronoun;
  (*x)[kF_type_role_noun] = m.type == MentionType::kRoleNoun;
  (*x)[kF_type_org_noun] = m.type == MentionType::kOrgNoun;
  (*x)[kF_type_office] = m.type == MentionType::kPossessiveOffice;
  (*x)[kF_type_description] = m.type == MentionType::kDescription;
  (*x)[kF_unresolved] = m.entity < 0;
  (*x)[kF_full_name] = m.type == MentionType::kName && m.last_tok > m.first_tok;
  (*x)[kF_has_role] = !m.role.empty();
  if (m.entity < 0) return;
  const Entity& e = index_.entities()[m.entity];
  (*x)[kF_one_word] = e.canonical.find(' ') == std::string::npos;
  if ((*x)[kF_one_word] > 0 && IsCommonWord(e.canonical)) {
    bool first_name = false;
    FirstNameGender(e.canonical, &first_name);
    (*x)[kF_common_word] = !first_name;
  }
  (*x)[kF_kind_unknown] = e.kind == SpeakerKind::kUnknown && !e.place;
  (*x)[kF_person] = e.kind == SpeakerKind::kPerson;
  (*x)[kF_organization] = e.kind == SpeakerKind::kOrganization;
  (*x)[kF_place] = e.place;
  (*x)[kF_has_role] = (*x)[kF_has_role] || !e.role.empty();
}

void SpeakerRanker::FillRule(size_t q, int mention, FeatureVector* x) const {
  const RuleVote& v = votes_[q];
  if (v.mention < 0) return;
  const bool same_mention = v.mention == mention;
  const int e = EntityOf(mention);
  const bool same_speaker =
      same_mention || (e >= 0 && e == EntityOf(v.mention)) ||
      (e < 0 && SpeakerOf(v.mention) == SpeakerOf(mention));
  (*x)[kF_rule_mention] = same_mention;
  (*x)[kF_rule_entity] = same_speaker;
  if (!same_speaker) return;
  (*x)[kF_rule_confidence] = v.confidence;
  switch (v.family) {
    case RuleFamily::kAfterQuote:
      (*x)[kF_rule_after] = 1;
      break;
    case RuleFamily::kLeadIn:
      (*x)[kF_rule_lead_in] = 1;
      break;
    case RuleFamily::kPartial:
      (*x)[kF_rule_partial] = 1;
      break;
    case RuleFamily::kAccording:
      (*x)[kF_rule_according] = 1;
      break;
    case RuleFamily::kInherited:
      (*x)[kF_rule_inherited] = 1;
      break;
    case RuleFamily::kNearby:
      (*x)[kF_rule_nearby] = 1;
      break;
    case RuleFamily::kNone:
      break;
  }
}

void SpeakerRanker::FillSalience(size_t q, const Mention& m,
                                 FeatureVector* x) const {
  const int e = m.entity;
  if (e < 0) return;
  const size_t mi = static_cast<size_t>(&m - &index_.mentions()[0]);
  (*x)[kF_log_mentions] = LogScaled(mentions_before_[mi] + 1, 20);
  (*x)[kF_in_lead] = entity_first_para_[e] <= 1;
  if (q > 0 && EntityOf(votes_[q - 1].mention) == e) {
    (*x)[kF_spoke_prev_quote] = 1;
  }
  const int po = ParaOrdinal(spans_[q].para);
  for (size_t j = q, steps = 0; j-- > 0 && steps < kQuotesBack; ++steps) {
    const int pj = ParaOrdinal(spans_[j].para);
    if (pj < po - 1) break;
    if (EntityOf(votes_[j].mention) != e) continue;
    (*x)[pj == po ? kF_spoke_same_para : kF_spoke_prev_para] = 1;
  }
  for (size_t j = q + 1, steps = 0; j < spans_.size() && steps < kQuotesBack;
       ++j, ++steps) {
    if (spans_[j].para != spans_[q].para) break;
    if (EntityOf(votes_[j].mention) == e) (*x)[kF_spoke_same_para] = 1;
  }
}

bool SpeakerRanker::Modifier(int mention) const {
  // A one-word name, a few lower-case words, then a name: "Democratic
  // presidential candidate Bernie Sanders".
  const std::vector<Mention>& ms = index_.mentions();
  const Mention& m = ms[mention];
  if (m.type != MentionType::kName || m.last_tok != m.first_tok ||
      static_cast<size_t>(mention) + 1 >= ms.size()) {
    return false;
  }
  const Mention& next = ms[mention + 1];
  if (next.type != MentionType::kName || next.first_tok <= m.last_tok ||
      next.first_tok > m.last_tok + 4) {
    return false;
  }
  for (size_t k = m.last_tok + 1; k < next.first_tok; ++k) {
    if (tokens_[k].kind != TokenKind::kWord || !tokens_[k].lower ||
        IsSpeechVerb(TokenText(text_, tokens_[k]))) {
      return false;
    }
  }
  return true;
}

void SpeakerRanker::MarkPronounRanks(
    size_t q, std::vector<SpeakerCandidate>* cands) const {
  const int p = votes_[q].mention;
  if (p < 0) return;
  const Mention& pm = index_.mentions()[p];
  if (pm.type != MentionType::kPronoun) return;
  const Gender g = PronounGender(TokenText(text_, tokens_[pm.first_tok]));
  if (g == Gender::kUnknown) return;
  // Distinct compatible people, latest mention first.
  std::vector<int> order;
  for (size_t c = cands->size(); c-- > 1;) {
    const Mention& m = index_.mentions()[(*cands)[c].mention];
    if (m.first_tok >= pm.first_tok || m.entity < 0 ||
        m.type == MentionType::kPronoun) {
      continue;
    }
    const Entity& e = index_.entities()[m.entity];
    if (e.kind == SpeakerKind::kOrganization || e.place ||
        (e.gender != Gender::kUnknown && e.gender != g)) {
      continue;
    }
    if (std::find(order.begin(), order.end(), m.entity) == order.end()) {
      order.push_back(m.entity);
    }
  }
  for (size_t c = 1; c < cands->size(); ++c) {
    const int e = EntityOf((*cands)[c].mention);
    const auto it = std::find(order.begin(), order.end(), e);
    if (e < 0 || it == order.end()) continue;
    const size_t rank = it - order.begin();
    FeatureVector& x = (*cands)[c].x;
    x[rank == 0   ? kF_pronoun_rank_1
      : rank == 1 ? kF_pronoun_rank_2
                  : kF_pronoun_rank_3plus] = 1;
  }
}

void SpeakerRanker::FillPronounCue(size_t q, const Mention& m,
                                   FeatureVector* x) const {
  const int p = votes_[q].mention;
  if (p < 0) return;
  const Mention& pm = index_.mentions()[p];
  if (pm.type != MentionType::kPronoun || &pm == &m) return;
  if (m.entity >= 0 && m.entity == pm.entity) (*x)[kF_pronoun_cue_here] = 1;
  const Gender g = PronounGender(TokenText(text_, tokens_[pm.first_tok]));
  if (g == Gender::kUnknown || m.entity < 0) return;
  const Entity& e = index_.entities()[m.entity];
  if (e.kind == SpeakerKind::kOrganization || e.place ||
      (e.gender != Gender::kUnknown && e.gender != g)) {
    (*x)[kF_pronoun_cue_gender_bad] = 1;
  } else if (e.gender == g) {
    (*x)[kF_pronoun_cue_gender_ok] = 1;
  }
}

void SpeakerRanker::FillSyntax(const Mention& m, FeatureVector* x) const {
  if (m.type != MentionType::kName) return;
  const absl::string_view last = TokenText(text_, tokens_[m.last_tok]);
  (*x)[kF_possessive] =
      absl::EndsWith(last, "'s") || absl::EndsWith(last, "\xE2\x80\x99s");
  (*x)[kF_adjective_form] =
      m.first_tok == m.last_tok && AdjectiveBefore(m.last_tok);
  const size_t k = m.first_tok;
  if (k == 0 || tokens_[k - 1].para != tokens_[k].para ||
      !tokens_[k - 1].lower) {
    return;
  }
  const absl::string_view w = TokenText(text_, tokens_[k - 1]);
  const bool according =
      k >= 2 && WordEquals(TokenText(text_, tokens_[k - 2]), "according");
  (*x)[kF_prep_object] = IsPlacePreposition(w) && !according;
  (*x)[kF_after_determiner] = IsArticle(w);
}

bool SpeakerRanker::AdjectiveBefore(size_t k) const {
  const absl::string_view w = TokenText(text_, tokens_[k]);
  if (!(absl::EndsWith(w, "an") || absl::EndsWith(w, "ic") ||
        absl::EndsWith(w, "ish") || absl::EndsWith(w, "ese"))) {
    return false;
  }
  bool first_name = false;
  FirstNameGender(w, &first_name);
  if (first_name || k + 1 >= tokens_.size()) return false;
  const Token& next = tokens_[k + 1];
  return next.para == tokens_[k].para && next.lower &&
         !IsSpeechVerb(TokenText(text_, next));
}

FeatureVector SpeakerRanker::NullFeatures(size_t q) const {
  const RuleVote& v = votes_[q];
  FeatureVector x{};
  x[kF_is_null] = 1;
  x[kF_null_rule_none] = v.family == RuleFamily::kNone;
  x[kF_null_embedded] = v.embedded;
  x[kF_null_speechlike] = v.speechlike;
  x[kF_null_partial_rule] = v.family == RuleFamily::kPartial;
  x[kF_null_inherited_rule] = v.family == RuleFamily::kInherited;
  return x;
}

void SpeakerRanker::MarkNearest(size_t q,
                                std::vector<SpeakerCandidate>* cands) const {
  const QuoteSpan& s = spans_[q];
  int before = -1, after = -1, person = -1;
  for (size_t c = 1; c < cands->size(); ++c) {
    const Mention& m = index_.mentions()[(*cands)[c].mention];
    if (m.first_tok > s.open_tok) {
      if (after < 0) after = static_cast<int>(c);
      continue;
    }
    before = static_cast<int>(c);  // document order: the last one wins
    if ((*cands)[c].x[kF_person] > 0 ||
        (m.type == MentionType::kName && (*cands)[c].x[kF_organization] == 0)) {
      person = static_cast<int>(c);
    }
  }
  if (before > 0) (*cands)[before].x[kF_nearest_before] = 1;
  if (after > 0) (*cands)[after].x[kF_nearest_after] = 1;
  if (person > 0) (*cands)[person].x[kF_nearest_person_before] = 1;
}

std::vector<SpeakerCandidate> SpeakerRanker::Candidates(size_t q) const {
  const QuoteSpan& s = spans_[q];
  const std::vector<Mention>& ms = index_.mentions();
  const size_t lo_tok = s.open_tok > kTokensBack ? s.open_tok - kTokensBack : 0;
  const size_t hi_tok = s.close_tok + kTokensAfter;
  const int po = ParaOrdinal(s.para);
  auto first = std::lower_bound(
      ms.begin(), ms.end(), lo_tok,
      [](const Mention& m, size_t tok) { return m.first_tok < tok; });
  std::vector<SpeakerCandidate> out;
  out.push_back(SpeakerCandidate{-1, "", NullFeatures(q)});
  bool has_rule = votes_[q].mention < 0;
  for (auto it = first; it != ms.end() && it->first_tok < hi_tok; ++it) {
    const int pm = ParaOrdinal(tokens_[it->first_tok].para);
    if (pm > po || pm < po - kParagraphsBack) continue;
    const int mi = static_cast<int>(it - ms.begin());
    has_rule = has_rule || mi == votes_[q].mention;
    out.push_back(SpeakerCandidate{mi, SpeakerOf(mi), {}});
  }
  if (!has_rule) {
    out.push_back(
        SpeakerCandidate{votes_[q].mention, SpeakerOf(votes_[q].mention), {}});
  }
  // Nobody-speakers and function words taken for names ("It", "I'm") out;
  // the nearest kMaxCandidates kept (the rule's always).
  out.erase(std::remove_if(out.begin() + 1, out.end(),
                           [](const SpeakerCandidate& c) {
                             return c.speaker.empty() ||
                                    FunctionWord(c.speaker);
                           }),
            out.end());
  auto distance = [&](const SpeakerCandidate& c) -> size_t {
    if (c.mention == votes_[q].mention) return 0;
    const Mention& m = ms[c.mention];
    return m.first_tok > s.open_tok ? m.first_tok - s.close_tok
                                    : s.open_tok - m.last_tok;
  };
  if (out.size() > kMaxCandidates + 1) {
    // Sorts positions, not candidates (each carries its feature vector).
    std::vector<uint32_t> pos(out.size() - 1);
    for (size_t c = 0; c < pos.size(); ++c) pos[c] = c + 1;
    std::stable_sort(pos.begin(), pos.end(), [&](uint32_t a, uint32_t b) {
      return distance(out[a]) < distance(out[b]);
    });
    pos.resize(kMaxCandidates);
    std::sort(pos.begin(), pos.end(), [&](uint32_t a, uint32_t b) {
      return out[a].mention < out[b].mention;
    });
    std::vector<SpeakerCandidate> kept;
    kept.reserve(kMaxCandidates + 1);
    kept.push_back(std::move(out[0]));
    for (uint32_t c : pos) kept.push_back(std::move(out[c]));
    out = std::move(kept);
  }
  for (size_t c = 1; c < out.size(); ++c) {
    const Mention& m = ms[out[c].mention];
    FeatureVector& x = out[c].x;
    x[kF_bias_candidate] = 1;
    FillGeometry(q, m, &x);
    FillMention(m, &x);
    FillRule(q, out[c].mention, &x);
    FillSalience(q, m, &x);
    FillPronounCue(q, m, &x);
    x[kF_modifier] = Modifier(out[c].mention);
    FillSyntax(m, &x);
  }
  out[0].x[kF_null_no_same_para] = 1;
  for (size_t c = 1; c < out.size(); ++c) {
    if (out[c].x[kF_same_para] > 0) out[0].x[kF_null_no_same_para] = 0;
  }
  MarkNearest(q, &out);
  MarkPronounRanks(q, &out);
  return out;
}

CueContext SpeakerRanker::Context(size_t q) const {
  const int m = votes_[q].mention;
  if (m < 0) return CueContext::kNone;
  return index_.mentions()[m].type == MentionType::kPronoun
             ? CueContext::kPronoun
             : CueContext::kName;
}

SpeakerRanker::Choice SpeakerRanker::Choose(
    size_t q, const std::vector<SpeakerCandidate>& cands) const {
  Choice choice;
  if (cands.size() <= 1) return choice;
  const int ctx = static_cast<int>(Context(q));
  const float* shared = attribution_model::kWeights;
  const float* extra = ctx == 0 ? nullptr : shared + ctx * kNumSpeakerFeatures;
  std::vector<float> score(cands.size());
  float top = -1e30f;
  for (size_t c = 0; c < cands.size(); ++c) {
    float s = 0;
    for (int f = 0; f < kNumSpeakerFeatures; ++f) {
      const float w = shared[f] + (extra != nullptr ? extra[f] : 0.0f);
      s += w * cands[c].x[f];
    }
    score[c] = s;
    top = std::max(top, s);
  }
  float total = 0;
  for (float& s : score) total += (s = std::exp(s - top));
  // The speaker with the most probability mass, summed over its mentions;
  // its best-scoring mention stands for it.
  float best_mass = 0;
  for (size_t c = 1; c < cands.size(); ++c) {
    float mass = 0;
    int best = static_cast<int>(c);
    for (size_t d = 1; d < cands.size(); ++d) {
      if (cands[d].speaker != cands[c].speaker) continue;
      mass += score[d];
      if (score[d] > score[best]) best = static_cast<int>(d);
    }
    if (mass > best_mass) {
      best_mass = mass;
      choice.mention = cands[best].mention;
    }
  }
  choice.probability = Calibrate(best_mass / total);
  if (choice.probability < attribution_model::kAbstainBelow) {
    choice.mention = -1;
    choice.abstained = true;
  }
  return choice;
}

}  // namespace claimcheck::extract
