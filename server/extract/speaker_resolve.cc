#include "server/extract/speaker_resolve.h"

#include <algorithm>
#include <numeric>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "server/extract/normalize.h"
#include "server/extract/quote_cues.h"
#include "server/extract/word_table.h"
#include "server/text/edit_distance.h"

namespace claimcheck::extract {
namespace {

constexpr size_t kPronounLookback = 80;  // mentions
constexpr uint32_t kPronounParas = 5;    // paragraphs
constexpr size_t kNounLookback = 300;    // mentions, for "the minister"

bool IsNameConnector(absl::string_view w) {
  static constexpr absl::string_view kConnectors[] = {
      "bin", "al", "al-", "de",  "van", "von", "der", "da",  "del",
      "la",  "le", "du",  "dos", "das", "ibn", "di",  "ter", "den"};
  for (absl::string_view c : kConnectors) {
    if (w == c) return true;
  }
  return false;
}

// "al-Amr", "el-Baradei": Arabic article, hyphen, capitalised name.
bool IsGluedArticleName(absl::string_view w) {
  return w.size() > 3 && (w[0] == 'a' || w[0] == 'e') && w[1] == 'l' &&
         w[2] == '-' && w[3] >= 'A' && w[3] <= 'Z';
}

// Lower-case words after a possessive that make it an office speaking for
// the owner: "Mr. Netanyahu's office".
bool IsOfficeNoun(absl::string_view w) {
  static constexpr absl::string_view kOffice[] = {
      "office",   "spokesman",  "spokeswoman",    "spokesperson",
      "campaign", "government", "administration", "ministry",
      "team",     "press",      "representative", "representatives",
      "camp",     "aides",      "aide",           "spokespeople",
      "cabinet",  "party",      "lawyer",         "lawyers",
      "attorney"};
  static const WordTable* table = [] {
    auto* t = new WordTable;
    t->Add(kOffice, 1);
    return t;
  }();
  return table->Has(w, 1);
}

// Whether `hay` contains `needle`, ASCII case-insensitively.
bool ContainsIgnoreCase(absl::string_view hay, absl::string_view needle) {
  if (needle.size() > hay.size()) return false;
  for (size_t i = 0; i + needle.size() <= hay.size(); ++i) {
    if (WordEquals(hay.substr(i, needle.size()), needle)) return true;
  }
  return false;
}

bool IsSentencePunct(absl::string_view text, const Token& t) {
  if (t.kind != TokenKind::kPunct) return false;
  if (t.end - t.begin == 1) {
    const char c = text[t.begin];
    return c == '.' || c == '!' || c == '?';
  }
  return text.substr(t.begin, t.end - t.begin) == "\xE2\x80\xA6";  // …
}

std::string LowerCopy(absl::string_view s) { return absl::AsciiStrToLower(s); }

// Whether a capitalised word is written all in capitals: "NASA", "KCNA".
bool IsAcronym(absl::string_view w) {
  if (w.size() < 2 || w.size() > 8) return false;
  for (char c : w) {
    if (!(c >= 'A' && c <= 'Z')) return false;
  }
  return true;
}

}  // namespace

SpeakerIndex::SpeakerIndex(absl::string_view text,
                           const std::vector<Token>& tokens,
                           const std::vector<QuoteSpan>& quotes)
    : text_(text), tokens_(tokens) {
  MarkQuotesAndSentences(quotes);
  FindNames();
  FindNounMentions();
  FindDescriptions();
  AssignEntities();
  pending_.clear();
  pending_.shrink_to_fit();
}

void SpeakerIndex::MarkQuotesAndSentences(
    const std::vector<QuoteSpan>& quotes) {
  const size_t n = tokens_.size();
  in_quote_.assign(n, false);
  for (const QuoteSpan& q : quotes) {
    const size_t end =
        std::min<size_t>(q.closed ? q.close_tok + 1 : q.close_tok, n);
    for (size_t i = q.open_tok; i < end; ++i) in_quote_[i] = true;
  }
  sent_start_.assign(n, false);
  sent_end_.assign(n, false);
  // Per token: whether it is . ! ? or an ellipsis; a period that closes an
  // abbreviation ("(R-Ariz.),") is not.
  bool prev_stop = false;
  bool prev2_stop = false;
  for (size_t i = 0; i < n; ++i) {
    const bool stop =
        IsSentencePunct(text_, tokens_[i]) && !AbbreviationStop(i);
    sent_end_[i] = stop && !in_quote_[i];
    if (i == 0 || tokens_[i].para != tokens_[i - 1].para) {
      sent_start_[i] = true;
    } else if (prev_stop) {
      sent_start_[i] = true;
    } else if (tokens_[i - 1].kind == TokenKind::kQuoteMark && prev2_stop) {
      sent_start_[i] = true;
    }
    prev2_stop = prev_stop;
    prev_stop = stop;
  }
}

bool SpeakerIndex::AbbreviationStop(size_t tok) const {
  const size_t n = tokens_.size();
  if (tok + 1 >= n || tokens_[tok + 1].para != tokens_[tok].para ||
      tokens_[tok].end != tokens_[tok].begin + 1 ||
      text_[tokens_[tok].begin] != '.') {
    return false;
  }
  // "(R-Ariz.), who", "Calif.) said", "Ont., said", "the U.K. and".
  const Token& next = tokens_[tok + 1];
  if (next.kind == TokenKind::kWord) return next.lower;
  // `lost 16 lbs. "and two belt loops"`: a quote that goes on in lower case.
  if (next.kind == TokenKind::kQuoteMark) {
    return tok + 2 < n && tokens_[tok + 2].para == next.para &&
           tokens_[tok + 2].kind == TokenKind::kWord && tokens_[tok + 2].lower;
  }
  if (next.kind != TokenKind::kPunct || next.end != next.begin + 1) {
    return false;
  }
  const char c = text_[next.begin];
  return c == ',' || c == ')' || c == ';';
}

const Mention* SpeakerIndex::EndingAt(size_t tok) const {
  if (tok >= ending_at_.size() || ending_at_[tok] < 0) return nullptr;
  return &mentions_[ending_at_[tok]];
}

const Mention* SpeakerIndex::StartingAt(size_t tok) const {
  if (tok >= starting_at_.size() || starting_at_[tok] < 0) return nullptr;
  return &mentions_[starting_at_[tok]];
}

bool SpeakerIndex::Usable(size_t k, uint32_t para) const {
  return k < tokens_.size() && !in_quote_[k] && tokens_[k].para == para &&
         tokens_[k].kind == TokenKind::kWord;
}

bool SpeakerIndex::InvertedSpeechVerb(size_t i) const {
  if (!IsNameEndVerb(TokenText(text_, tokens_[i])) ||
      !Usable(i + 1, tokens_[i].para) || !tokens_[i + 1].cap) {
    return false;
  }
  // "Clinton Said Financial Reform": the headline's verb after a name.
  if (i > 0 && tokens_[i - 1].cap && tokens_[i - 1].para == tokens_[i].para) {
    return true;
  }
  bool poss;
  const size_t j = CapitalisedRunEnd(i + 1, &poss);
  return j < tokens_.size() && tokens_[j].para == tokens_[i].para &&
         tokens_[j].kind != TokenKind::kWord &&
         TokenText(text_, tokens_[j]) == ":";
}

namespace {

// Only capital letters, two at least.
bool InCapitals(absl::string_view w) {
  if (w.size() < 2) return false;
  for (char c : w) {
    if (c < 'A' || c > 'Z') return false;
  }
  return true;
}

// Suffix that keys a surname by gender in NameTables::by_surname_gender.
const char* GenderKey(Gender g) {
  return g == Gender::kFemale ? "\x01f" : "\x01m";
}

// "a", "one" ... before a singular description.
bool IsSingleDeterminer(absl::string_view w) {
  return WordEquals(w, "a") || WordEquals(w, "an") || WordEquals(w, "one") ||
         WordEquals(w, "another");
}

// A long word in capitals is a shouted heading ("VIEWPOINT", "CONGRESS"),
// not a name; acronyms that speak ("NASA", "UNICEF") are shorter.
bool Shouted(absl::string_view w) {
  return w.size() >= 7 && InCapitals(w) && !IsKnownOrg(w);
}

}  // namespace

bool SpeakerIndex::NamedDay(size_t i, size_t j) const {
  if (j < i + 2) return false;
  const absl::string_view last = TokenText(text_, tokens_[j - 1]);
  if (last != "Day" && last != "Eve") return false;
  // "Doris Day" is a person; "Christmas Day", "Canada Day" are dates.
  const absl::string_view first = TokenText(text_, tokens_[i]);
  bool first_name = false;
  FirstNameGender(first, &first_name);
  return !first_name || first == "Christmas";
}

bool SpeakerIndex::CompoundAdjective(size_t j) const {
  static constexpr absl::string_view kSuffixes[] = {
      "-based", "-born", "-led", "-backed", "-owned", "-run", "-style"};
  const absl::string_view last = TokenText(text_, tokens_[j - 1]);
  for (absl::string_view suffix : kSuffixes) {
    if (absl::EndsWith(last, suffix)) return true;
  }
  return false;
}

bool SpeakerIndex::NamedDescription(size_t i, size_t j, size_t* first,
                                    size_t* last) const {
  const uint32_t para = tokens_[i].para;
  if (j == i || !Usable(j, para) || !tokens_[j].lower) return false;
  bool poss = false;
  StripPossessive(TokenText(text_, tokens_[j - 1]), &poss);
  if (poss) return false;
  // "Clinton supporters said".
  if (IsPeopleGroupNoun(TokenText(text_, tokens_[j])) &&
      DescriptionSpeaks(i, j)) {
    *first = i;
    *last = j;
    return true;
  }
  // "a Clinton campaign official said", "one Israeli official told".
  if (i == 0 || tokens_[i - 1].para != para || in_quote_[i - 1] ||
      !IsSingleDeterminer(TokenText(text_, tokens_[i - 1]))) {
    return false;
  }
  for (size_t r = j; r < j + 2 && Usable(r, para) && tokens_[r].lower; ++r) {
    const absl::string_view w = TokenText(text_, tokens_[r]);
    if (IsSpeechVerb(w)) return false;
    if ((IsRoleNoun(w) || WordEquals(w, "official") ||
         WordEquals(w, "source")) &&
        DescriptionSpeaks(i - 1, r)) {
      *first = i - 1;
      *last = r;
      return true;
    }
  }
  return false;
}

bool SpeakerIndex::NeverStartsName(size_t i) const {
  const absl::string_view w = TokenText(text_, tokens_[i]);
  // "New York", "New Jersey Gov. Chris Christie": "New" starts a place.
  const bool new_place =
      w == "New" && Usable(i + 1, tokens_[i].para) && tokens_[i + 1].cap;
  return (IsCapStopword(w) && !new_place) || Shouted(w) || ShoutedPair(i) ||
         InvertedSpeechVerb(i) || ParticipleOpener(i);
}

bool SpeakerIndex::ShoutedPair(size_t i) const {
  // "LOS ANGELES —", "EBOLA SURVIVORS": two words in capitals are a dateline
  // or a heading; a speaking acronym stands alone ("NASA said").
  if (!InCapitals(TokenText(text_, tokens_[i]))) return false;
  const uint32_t para = tokens_[i].para;
  return (Usable(i + 1, para) &&
          InCapitals(TokenText(text_, tokens_[i + 1]))) ||
         (i > 0 && Usable(i - 1, para) &&
          InCapitals(TokenText(text_, tokens_[i - 1])));
}

bool SpeakerIndex::ParticipleOpener(size_t i) const {
  const absl::string_view w = TokenText(text_, tokens_[i]);
  bool first_name = false;
  FirstNameGender(w, &first_name);
  if (w.size() < 6 || !absl::EndsWith(w, "ing") || first_name || IsPlace(w)) {
    return false;
  }
  // Opens a sentence, or follows a colon ("Update: Having lost, ...").
  if (!sent_start_[i] && TokenText(text_, tokens_[i - 1]) != ":") return false;
  if (!Usable(i + 1, tokens_[i].para)) return false;
  return tokens_[i + 1].cap ||
         (tokens_[i + 1].lower &&
          !IsSpeechVerb(TokenText(text_, tokens_[i + 1])));
}

bool SpeakerIndex::SurnameAfterFirstName(size_t i, size_t j) const {
  // "Theresa May said", "Michael Every, a strategist": not "In May," or
  // "Hillary And Bill" (a first name, then the surname, then no more
  // capitals).
  if (j != i + 1 || !IsStopwordSurname(TokenText(text_, tokens_[j]))) {
    return false;
  }
  bool first_name = false;
  FirstNameGender(TokenText(text_, tokens_[i]), &first_name);
  return first_name && !IsCapStopword(TokenText(text_, tokens_[i])) &&
         !(Usable(j + 1, tokens_[i].para) && tokens_[j + 1].cap);
}

size_t SpeakerIndex::CapitalisedRunEnd(size_t i, bool* poss) const {
  const uint32_t para = tokens_[i].para;
  auto word = [&](size_t k) { return TokenText(text_, tokens_[k]); };
  size_t j = i;
  *poss = false;
  bool org_of = false;  // "Ministry of ..." seen: "and" may go on
  while (Usable(j, para)) {
    const absl::string_view w = word(j);
    // "Suleiman al-Amr", "Mohamed el-Baradei": a lower-case article glued
    // to a capitalised name word carries the name on.
    if (tokens_[j].cap || (j > i && IsGluedArticleName(w))) {
      if (j > i && IsCapStopword(w) && !SurnameAfterFirstName(i, j)) break;
      // "Clinton Said Financial Reform ...", "Clinton Said: ...": a
      // title-case headline's verb ends the name, unless lower-case words
      // go on after it ("Omar Said said" keeps his name).
      if (j > i && IsNameEndVerb(w) &&
          !(Usable(j + 1, para) && tokens_[j + 1].lower)) {
        break;
      }
      StripPossessive(w, poss);
      ++j;
      // "Consumers' Association", "Children's Hospital": a possessive
      // inside an organisation's name.
      if (*poss && Usable(j, para) && tokens_[j].cap && IsOrgWord(word(j))) {
        *poss = false;
        continue;
      }
      if (*poss) break;
      continue;
    }
    if (j > i && Usable(j + 1, para) && tokens_[j + 1].cap &&
        !IsCapStopword(word(j + 1)) &&
        (IsNameConnector(w) ||
         (w == "of" && (IsRoleWord(word(j - 1)) || IsOrgWord(word(j - 1)))) ||
         (w == "and" && org_of))) {
      org_of = org_of || (w == "of" && IsOrgWord(word(j - 1)));
      ++j;
      continue;
    }
    break;
  }
  return j;
}

SpeakerIndex::NameSplit SpeakerIndex::SplitRoleWords(size_t i, size_t j) const {
  // "Iranian Foreign Minister | Abbas Araghchi", "Adm. | Brad Cooper",
  // "Secretary of State | Marco Rubio".
  auto word = [&](size_t k) { return TokenText(text_, tokens_[k]); };
  NameSplit s;
  s.name_start = i;
  for (size_t k = i; k < j; ++k) {
    bool p;
    const absl::string_view w = StripPossessive(word(k), &p);
    if (IsHonorific(w) &&
        (w.back() == '.' || HonorificGender(w) != Gender::kUnknown)) {
      s.name_start = k + 1;
      s.honorific = static_cast<int>(k);
    } else if (k + 1 < j && (IsRoleWord(w) || (k == i && IsRoleNoun(w))) &&
               !IsOrgWord(word(k + 1))) {
      // Not "General Hospital", "General Motors": part of the name.
      s.name_start = k + 1;
      s.honorific = -1;
      s.has_role = true;
    } else if (w == "of" && s.name_start == k && k + 1 < j) {
      s.name_start = k + 2;
      ++k;
    }
  }
  if (j - s.name_start >= 3) {
    const size_t split = PersonNameStart(s.name_start, j);
    if (split != SIZE_MAX) {
      s.name_start = split;
      s.honorific = -1;
      s.has_role = true;
    }
  }
  return s;
}

size_t SpeakerIndex::PersonNameStart(size_t from, size_t j) const {
  // "NASA Administrator Charles Bolden", "Refugee Council Enver Solomon":
  // capitalised words before a person's name are role or organisation
  // words, not part of the name. A person's name is a known first name
  // with one or two words after it; failing that, an organisation run
  // whose last two words speak ("... Council Enver Solomon told").
  const size_t n = tokens_.size();
  auto word = [&](size_t k) { return TokenText(text_, tokens_[k]); };
  bool first_known = false;
  FirstNameGender(word(from), &first_known);
  if (first_known) return SIZE_MAX;
  size_t split = SIZE_MAX;
  // The first name is one of the last three words before j.
  for (size_t k = std::max(from + 1, j - std::min<size_t>(j, 3)); k < j; ++k) {
    bool known = false;
    FirstNameGender(word(k), &known);
    if (known && k + 1 < j) {
      split = k;
      break;
    }
  }
  if (split == SIZE_MAX && IsOrgWord(word(j - 3))) {
    size_t v = j;
    while (v < n && tokens_[v].lower && IsVerbFiller(word(v))) ++v;
    if (v < n && tokens_[v].lower && IsSpeechVerb(word(v))) split = j - 2;
  }
  if (split == SIZE_MAX) return SIZE_MAX;
  for (size_t k = split; k < j; ++k) {
    bool pk;
    const absl::string_view w = StripPossessive(word(k), &pk);
    // A role word may end a name as a surname ("Leigh Anne Cardinal").
    if (!tokens_[k].cap || IsOrgWord(w) || IsPlace(w) ||
        (k + 1 != j && IsRoleWord(w))) {
      return SIZE_MAX;
    }
  }
  return split;
}

bool SpeakerIndex::RoleOnlyMention(size_t i, size_t j, bool the_before,
                                   Mention* m, Pending* pd) const {
  // Role words only: "Prime Minister", "the President".
  bool p;
  const absl::string_view last =
      StripPossessive(TokenText(text_, tokens_[j - 1]), &p);
  if (!IsRoleWord(last) && !IsHonorific(last)) return false;
  m->type = MentionType::kRoleNoun;
  if (the_before) m->first_tok = static_cast<uint32_t>(i - 1);
  m->span = Span{tokens_[m->first_tok].begin,
                 static_cast<uint32_t>(tokens_[j - 1].begin + last.size())};
  pd->noun = last;
  return true;
}

void SpeakerIndex::NameMention(size_t i, size_t j, const NameSplit& s,
                               bool the_before, Mention* m, Pending* pd) const {
  auto word = [&](size_t k) { return TokenText(text_, tokens_[k]); };
  const uint32_t para = tokens_[i].para;
  // The name words [s.name_start, j).
  bool p;
  const absl::string_view last = StripPossessive(word(j - 1), &p);
  const uint32_t name_b = tokens_[s.name_start].begin;
  const uint32_t name_e =
      static_cast<uint32_t>(tokens_[j - 1].begin + last.size());
  const absl::string_view name = text_.substr(name_b, name_e - name_b);
  const size_t nwords = j - s.name_start;
  bool org = IsKnownOrg(name);
  for (size_t k = s.name_start; k < j && !org; ++k) {
    bool pk;
    if (IsOrgWord(StripPossessive(word(k), &pk))) org = true;
  }
  // "Iran"; "New York", "New Hampshire" (not "New York Times"); "Lake
  // Cowichan", "Fort McMurray".
  const bool place = (nwords == 1 && IsPlace(name)) ||
                     (nwords == 2 && (word(s.name_start) == "New" ||
                                      IsPlacePrefix(word(s.name_start))));
  bool first_known = false;
  const Gender first_gender =
      nwords >= 2 ? FirstNameGender(word(s.name_start), &first_known)
                  : Gender::kUnknown;
  if (!org && !place && the_before && s.honorific < 0 && !s.has_role &&
      !first_known) {
    org = true;  // "the Pentagon"
  }
  // "spokeswoman Sujata Raisinghani": a lower-case role noun before.
  const bool role_noun_before = !org && !place && s.name_start == i && i > 0 &&
                                tokens_[i - 1].para == para &&
                                tokens_[i - 1].lower && IsRoleNoun(word(i - 1));
  pd->canonical = std::string(name);
  if (org || place) {
    pd->kind = SpeakerKind::kOrganization;
    pd->place = place;
    pd->full = true;
  } else {
    pd->kind = s.honorific >= 0 || s.has_role || first_known || role_noun_before
                   ? SpeakerKind::kPerson
                   : SpeakerKind::kUnknown;
    pd->full = nwords >= 2;
  }
  pd->honorific = s.honorific >= 0;
  pd->gender =
      s.honorific >= 0 ? HonorificGender(word(s.honorific)) : Gender::kUnknown;
  if (pd->gender == Gender::kUnknown) pd->gender = first_gender;
  if (role_noun_before) pd->role_key = LowerCopy(word(i - 1));
  const bool honorific_next =
      s.honorific >= 0 && static_cast<size_t>(s.honorific) + 1 == s.name_start;
  if (s.name_start > i) {
    const size_t role_end = honorific_next ? s.honorific : s.name_start;
    if (role_end > i) {
      m->role = Span{tokens_[i].begin, tokens_[role_end - 1].end};
      pd->role_key = LowerCopy(text_.substr(m->role.begin, m->role.size()));
    }
    if (s.honorific >= 0) {
      absl::StrAppend(&pd->role_key, " ", HonorificRole(word(s.honorific)));
    }
  }
  uint32_t span_b = honorific_next ? tokens_[s.honorific].begin : name_b;
  if (org && the_before && s.name_start == i) {
    m->first_tok = static_cast<uint32_t>(i - 1);
    span_b = tokens_[i - 1].begin;
  }
  m->span = Span{span_b, name_e};
  m->type = MentionType::kName;
}

void SpeakerIndex::MarkPossessiveOffice(size_t j, const NameSplit& s,
                                        Mention* m, Pending* pd) const {
  // "Mr. Netanyahu's office", "Iran's foreign ministry".
  const uint32_t para = tokens_[m->first_tok].para;
  const uint32_t name_b = tokens_[s.name_start].begin;
  size_t k = j;
  for (int extra = 0; extra < 3 && Usable(k, para) && tokens_[k].lower;
       ++extra, ++k) {
    const absl::string_view office = TokenText(text_, tokens_[k]);
    if (!IsOfficeNoun(office)) continue;
    m->type = MentionType::kPossessiveOffice;
    m->last_tok = static_cast<uint32_t>(k);
    m->span.end = tokens_[k].end;
    // "Valdoria's foreign ministry" speaks for itself, not for the
    // country; "Mr. Netanyahu's office" for Mr. Netanyahu.
    if (pd->place || (pd->kind != SpeakerKind::kPerson && s.honorific < 0 &&
                      (office == "ministry" || office == "government" ||
                       office == "cabinet"))) {
      pd->canonical =
          std::string(text_.substr(name_b, tokens_[k].end - name_b));
      pd->place = false;
    }
    return;
  }
}

void SpeakerIndex::FindNames() {
  const size_t n = tokens_.size();
  size_t i = 0;
  while (i < n) {
    const Token& t = tokens_[i];
    if (in_quote_[i] || t.kind != TokenKind::kWord || !t.cap ||
        NeverStartsName(i)) {
      ++i;
      continue;
    }
    bool poss = false;
    const size_t j = CapitalisedRunEnd(i, &poss);  // the run [i, j)
    if (NamedDay(i, j) || CompoundAdjective(j)) {
      i = j;
      continue;
    }
    size_t d_first = 0;
    size_t d_last = 0;
    if (NamedDescription(i, j, &d_first, &d_last)) {
      // "Clinton supporters chanted", "a Clinton campaign official said":
      // they speak, not Clinton.
      Mention g;
      g.first_tok = static_cast<uint32_t>(d_first);
      g.last_tok = static_cast<uint32_t>(d_last);
      g.span = Span{tokens_[d_first].begin, tokens_[d_last].end};
      g.type = MentionType::kDescription;
      mentions_.push_back(g);
      pending_.emplace_back();
      i = d_last + 1;
      continue;
    }
    const NameSplit split = SplitRoleWords(i, j);
    const bool the_before = i > 0 && tokens_[i - 1].para == t.para &&
                            !in_quote_[i - 1] &&
                            WordEquals(TokenText(text_, tokens_[i - 1]), "the");
    Mention m;
    Pending pd;
    m.first_tok = static_cast<uint32_t>(i);
    m.last_tok = static_cast<uint32_t>(j - 1);
    if (split.name_start >= j) {
      if (!RoleOnlyMention(i, j, the_before, &m, &pd)) {
        i = j;
        continue;
      }
    } else {
      NameMention(i, j, split, the_before, &m, &pd);
      if (poss) MarkPossessiveOffice(j, split, &m, &pd);
    }
    mentions_.push_back(m);
    pending_.push_back(std::move(pd));
    i = j;
  }
}

void SpeakerIndex::FindNounMentions() {
  const size_t n = tokens_.size();
  std::vector<bool> absorbed(n, false);
  for (size_t i = 0; i < n; ++i) {
    const Token& t = tokens_[i];
    if (in_quote_[i] || t.kind != TokenKind::kWord) continue;
    const absl::string_view w = TokenText(text_, t);
    bool neuter = w.size() == 2 && (w[0] | 0x20) == 'i' && (w[1] | 0x20) == 't';
    if (neuter) {
      // "it" is a mention only as the subject of a speech verb ("it said",
      // "it also added"): it is everywhere else too.
      size_t v = i + 1;
      while (v < n && tokens_[v].lower &&
             IsVerbFiller(TokenText(text_, tokens_[v]))) {
        ++v;
      }
      neuter = v < n && tokens_[v].lower &&
               IsSpeechVerb(TokenText(text_, tokens_[v]));
      if (!neuter) continue;
    }
    if (WordEquals(w, "he") || WordEquals(w, "she") || neuter) {
      Mention m;
      m.first_tok = m.last_tok = static_cast<uint32_t>(i);
      m.span = Span{t.begin, t.end};
      m.type = MentionType::kPronoun;
      Pending pd;
      pd.neuter = neuter;
      pd.gender = neuter                 ? Gender::kUnknown
                  : (w[0] | 0x20) == 'h' ? Gender::kMale
                                         : Gender::kFemale;
      mentions_.push_back(m);
      pending_.push_back(std::move(pd));
      continue;
    }
    if (!WordEquals(w, "the")) continue;
    RoleOrOrgNounAfter(i, &absorbed);
  }
  for (const Mention& m : mentions_) {
    if (m.type == MentionType::kName && PhotoCredit(m)) {
      absorbed[m.last_tok] = true;
    }
  }
  DropAbsorbedNames(absorbed);
}

bool SpeakerIndex::PhotoCredit(const Mention& m) const {
  auto is = [&](size_t k, absl::string_view s) {
    return k < tokens_.size() && tokens_[k].para == tokens_[m.first_tok].para &&
           TokenText(text_, tokens_[k]) == s;
  };
  return m.first_tok > 0 && is(m.first_tok - 1, "(") && is(m.last_tok + 1, "/");
}

void SpeakerIndex::RoleOrOrgNounAfter(size_t i, std::vector<bool>* absorbed) {
  // "the admiral", "the prime minister", "the ministry": a determiner and up
  // to two lower-case words; "the Indiana governor", "the New York
  // businessman": capitalised modifiers before them, which then name no one.
  const size_t n = tokens_.size();
  const Token& t = tokens_[i];
  size_t caps = 0;
  size_t lowers = 0;
  for (size_t k = i + 1; k < n && k <= i + 2 + kMaxNounModifiers; ++k) {
    const Token& u = tokens_[k];
    if (in_quote_[k] || u.para != t.para || u.kind != TokenKind::kWord) break;
    if (u.cap) {
      if (lowers > 0 || ++caps > kMaxNounModifiers) break;
      continue;
    }
    if (!u.lower || ++lowers > 2) break;
    bool poss;
    const absl::string_view noun = StripPossessive(TokenText(text_, u), &poss);
    const int cls = NounClass(noun);
    const bool role = (cls & 1) != 0;
    const bool org = !role && cls != 0;
    if (!role && !org) {
      if (poss) break;
      continue;
    }
    // A following lower-case noun means this was an adjective: "the
    // president's" is fine, "the company spokesman" is the latter.
    if (!poss && k + 1 < n && tokens_[k + 1].lower &&
        NounClass(TokenText(text_, tokens_[k + 1])) != 0) {
      continue;
    }
    if (caps > 0 && (!role || poss)) return;
    Mention m;
    m.first_tok = static_cast<uint32_t>(i);
    m.last_tok = static_cast<uint32_t>(k);
    m.span = Span{t.begin, static_cast<uint32_t>(u.begin + noun.size())};
    m.type = role ? MentionType::kRoleNoun : MentionType::kOrgNoun;
    Pending pd;
    pd.noun = noun;
    mentions_.push_back(m);
    pending_.push_back(std::move(pd));
    if (caps > 0) {
      for (size_t c = i; c <= k; ++c) (*absorbed)[c] = true;
    }
    return;
  }
}

void SpeakerIndex::DropAbsorbedNames(const std::vector<bool>& absorbed) {
  size_t out = 0;
  for (size_t k = 0; k < mentions_.size(); ++k) {
    const Mention& m = mentions_[k];
    if (m.type == MentionType::kName && absorbed[m.last_tok]) continue;
    if (out != k) {
      mentions_[out] = std::move(mentions_[k]);
      pending_[out] = std::move(pending_[k]);
    }
    ++out;
  }
  mentions_.resize(out);
  pending_.resize(out);
}

namespace {

// Words that end a description before they join it.
bool IsDescriptionStop(absl::string_view w) {
  static constexpr absl::string_view kWords[] = {
      "of",   "who",  "which", "that",  "and",    "or",  "but",   "in",
      "on",   "at",   "to",    "for",   "with",   "is",  "was",   "are",
      "were", "will", "would", "could", "should", "may", "might", "can",
      "not",  "it",   "he",    "she",   "they",   "we",  "this"};
  for (absl::string_view d : kWords) {
    if (WordEquals(w, d)) return true;
  }
  return false;
}

// Prepositions: a description after one is its object ("in the past has
// called", "dressed for a game say"), not a speaker.
bool IsPreposition(absl::string_view w) {
  static constexpr absl::string_view kWords[] = {
      "in",      "on",     "at",      "for",    "from",    "with",
      "by",      "about",  "into",    "of",     "to",      "over",
      "under",   "after",  "before",  "during", "among",   "between",
      "against", "like",   "than",    "as",     "through", "without",
      "within",  "toward", "towards", "behind", "across",  "since"};
  for (absl::string_view d : kWords) {
    if (WordEquals(w, d)) return true;
  }
  return false;
}

// "haven't", "didn’t": a negated auxiliary ends the phrase.
bool IsNegatedAuxiliary(absl::string_view w) {
  return absl::EndsWith(w, "n't") || absl::EndsWith(w, "n\xE2\x80\x99t");
}

}  // namespace

std::string DescriptionSpeaker(absl::string_view text, const Mention& m) {
  if (m.type != MentionType::kRoleNoun && m.type != MentionType::kOrgNoun &&
      m.type != MentionType::kDescription) {
    return "";
  }
  std::string s(text.substr(m.span.begin, m.span.size()));
  // "A friend" -> "a friend"; "Clinton supporters" keeps its capital.
  const absl::string_view first = absl::string_view(s).substr(0, s.find(' '));
  if (!s.empty() && absl::ascii_isupper(static_cast<unsigned char>(s[0])) &&
      ((m.type == MentionType::kDescription &&
        IsDescriptionDeterminer(first)) ||
       s.compare(0, 4, "The ") == 0)) {
    s[0] = static_cast<char>(
        absl::ascii_tolower(static_cast<unsigned char>(s[0])));
  }
  return s;
}

size_t SpeakerIndex::DescriptionEnd(size_t det,
                                    const std::vector<bool>& taken) const {
  size_t last = det;
  for (size_t k = det + 1; k < tokens_.size() && k <= det + 4; ++k) {
    const Token& u = tokens_[k];
    if (in_quote_[k] || taken[k] || u.para != tokens_[det].para ||
        u.kind != TokenKind::kWord || u.cap) {
      break;
    }
    const absl::string_view w = TokenText(text_, u);
    if (IsSpeechVerb(w) || IsVerbFiller(w) || IsDescriptionStop(w) ||
        IsNegatedAuxiliary(w)) {
      break;
    }
    last = k;
  }
  return last;
}

bool SpeakerIndex::DescriptionSpeaks(size_t first, size_t last) const {
  const size_t n = tokens_.size();
  const uint32_t para = tokens_[first].para;
  // ", said a friend." / "” says one aide,": the verb right after a quote or
  // its comma, and punctuation right after the description.
  if (first >= 2 && tokens_[first - 1].lower &&
      (WordEquals(TokenText(text_, tokens_[first - 1]), "said") ||
       WordEquals(TokenText(text_, tokens_[first - 1]), "says")) &&
      tokens_[first - 2].kind != TokenKind::kWord) {
    return last + 1 >= n || tokens_[last + 1].para != para ||
           tokens_[last + 1].kind == TokenKind::kPunct;
  }
  // "a friend said", "many internet users also say".
  size_t v = last + 1;
  while (v < n && tokens_[v].lower &&
         IsVerbFiller(TokenText(text_, tokens_[v]))) {
    ++v;
  }
  return v < n && tokens_[v].para == para && tokens_[v].lower &&
         IsSpeechVerb(TokenText(text_, tokens_[v]));
}

void SpeakerIndex::FindDescriptions() {
  const size_t n = tokens_.size();
  std::vector<bool> taken(n, false);
  for (const Mention& m : mentions_) {
    for (size_t k = m.first_tok; k <= m.last_tok && k < n; ++k) taken[k] = true;
  }
  for (size_t i = 0; i < n; ++i) {
    const Token& t = tokens_[i];
    if (in_quote_[i] || taken[i] || t.kind != TokenKind::kWord ||
        !IsDescriptionDeterminer(TokenText(text_, t)) ||
        (i > 0 && tokens_[i - 1].kind == TokenKind::kWord &&
         IsPreposition(TokenText(text_, tokens_[i - 1])))) {
      continue;
    }
    const size_t last = DescriptionEnd(i, taken);
    if (last == i || !DescriptionSpeaks(i, last)) continue;
    Mention m;
    m.first_tok = static_cast<uint32_t>(i);
    m.last_tok = static_cast<uint32_t>(last);
    m.span = Span{t.begin, tokens_[last].end};
    m.type = MentionType::kDescription;
    mentions_.push_back(m);
    pending_.emplace_back();
    i = last;
  }
}

int SpeakerIndex::AddEntity(std::string canonical, SpeakerKind kind) {
  Entity e;
  e.canonical = std::move(canonical);
  e.kind = kind;
  entities_.push_back(std::move(e));
  return static_cast<int>(entities_.size() - 1);
}

int SpeakerIndex::ResolvePronoun(size_t m, Gender g) const {
  const uint32_t para = tokens_[mentions_[m].first_tok].para;
  int fallback = -1;
  for (size_t k = m, steps = 0; k-- > 0 && steps < kPronounLookback; ++steps) {
    const Mention& c = mentions_[k];
    if (tokens_[c.first_tok].para + kPronounParas < para) break;
    if (c.entity < 0) continue;
    const Entity& e = entities_[c.entity];
    if (e.kind != SpeakerKind::kPerson) continue;
    if (e.gender != Gender::kUnknown && e.gender != g) continue;
    if (c.subject) return c.entity;
    if (fallback < 0) fallback = c.entity;
  }
  return fallback;
}

int SpeakerIndex::ResolveNeuterPronoun(size_t m) const {
  const uint32_t para = tokens_[mentions_[m].first_tok].para;
  int fallback = -1;
  for (size_t k = m, steps = 0; k-- > 0 && steps < kPronounLookback; ++steps) {
    const Mention& c = mentions_[k];
    if (tokens_[c.first_tok].para + kPronounParas < para) break;
    if (c.entity < 0 || c.type == MentionType::kPronoun) continue;
    const Entity& e = entities_[c.entity];
    if (e.kind != SpeakerKind::kOrganization || e.place) continue;
    if (c.subject) return c.entity;
    if (fallback < 0) fallback = c.entity;
  }
  return fallback;
}

int SpeakerIndex::AppositionOf(size_t m) const {
  const Mention& r = mentions_[m];
  const auto person = [&](const Mention& c) {
    return c.type == MentionType::kName && c.entity >= 0 &&
           entities_[c.entity].kind == SpeakerKind::kPerson;
  };
  // "Nunzio Galantino, the secretary general".
  if (m > 0 && r.first_tok >= 2) {
    const Mention& c = mentions_[m - 1];
    const Token& comma = tokens_[r.first_tok - 1];
    if (person(c) && c.last_tok + 2 == r.first_tok &&
        comma.kind == TokenKind::kPunct && TokenText(text_, comma) == ",") {
      return c.entity;
    }
  }
  // "The secretary general of X (Y), Nunzio Galantino,".
  const size_t n = tokens_.size();
  for (size_t k = r.last_tok + 1; k < n && k < r.last_tok + 14u; ++k) {
    if (in_quote_[k] || SentenceEnd(k) ||
        tokens_[k].para != tokens_[r.first_tok].para) {
      break;
    }
    if (tokens_[k].kind != TokenKind::kPunct ||
        TokenText(text_, tokens_[k]) != ",") {
      continue;
    }
    if (k + 1 < n && starting_at_[k + 1] >= 0) {
      const Mention& c = mentions_[starting_at_[k + 1]];
      if (person(c)) return c.entity;
    }
    break;
  }
  return -1;
}

int SpeakerIndex::FuzzySurname(absl::string_view surname) const {
  if (surname.size() < 5) return -1;
  const int cap = surname.size() >= 8 ? 2 : 1;
  const std::string lower = LowerCopy(surname);
  int found = -1;
  for (const auto& [name, id] : surnames_) {
    if (name[0] != lower[0]) continue;
    if (text::BoundedEditDistance(name, lower, cap) > cap) {
      continue;
    }
    if (found >= 0 && found != id) return -1;  // ambiguous
    found = id;
  }
  return found;
}

int SpeakerIndex::ResolveRoleNoun(size_t m, absl::string_view noun) const {
  const std::string key = LowerCopy(noun);
  for (size_t k = m, steps = 0; k-- > 0 && steps < kNounLookback; ++steps) {
    const Mention& c = mentions_[k];
    if (c.entity < 0 || c.type == MentionType::kPronoun) continue;
    const Entity& e = entities_[c.entity];
    if (e.kind == SpeakerKind::kPerson && absl::StrContains(e.role_key, key)) {
      return c.entity;
    }
  }
  return -1;
}

int SpeakerIndex::ResolveOrgNoun(size_t m, absl::string_view noun) const {
  for (size_t k = m, steps = 0; k-- > 0 && steps < kNounLookback; ++steps) {
    const Mention& c = mentions_[k];
    if (c.entity < 0) continue;
    const Entity& e = entities_[c.entity];
    if (e.kind == SpeakerKind::kOrganization && !e.place &&
        ContainsIgnoreCase(e.canonical, noun)) {
      return c.entity;
    }
  }
  return -1;
}

void SpeakerIndex::SortMentions() {
  std::vector<size_t> order(mentions_.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    return mentions_[a].first_tok < mentions_[b].first_tok;
  });
  std::vector<Mention> m2;
  std::vector<Pending> p2;
  m2.reserve(order.size());
  p2.reserve(order.size());
  for (size_t k : order) {
    m2.push_back(mentions_[k]);
    p2.push_back(std::move(pending_[k]));
  }
  mentions_.swap(m2);
  pending_.swap(p2);
}

void SpeakerIndex::MarkSubject(size_t k) {
  const size_t n = tokens_.size();
  Mention& m = mentions_[k];
  Pending& pd = pending_[k];
  // Subject: starts a sentence (after "But", "And" ...) or governs a
  // speech verb. "Portland coach Grant Holloway was": capitalised words and
  // role nouns before the name describe the subject.
  size_t s = m.first_tok;
  while (s > 0 && !sent_start_[s] && tokens_[s - 1].kind == TokenKind::kWord &&
         tokens_[s - 1].para == tokens_[s].para && s + 4 > m.first_tok &&
         (IsCapStopword(TokenText(text_, tokens_[s - 1])) ||
          (m.type == MentionType::kName &&
           (tokens_[s - 1].cap ||
            IsRoleNoun(TokenText(text_, tokens_[s - 1])))))) {
    --s;
  }
  m.subject = sent_start_[s];
  // "Lindgren, who had ...": "who" refers to a person.
  if (m.type == MentionType::kName && m.last_tok + 2 < n &&
      pd.kind == SpeakerKind::kUnknown &&
      TokenText(text_, tokens_[m.last_tok + 1]) == "," &&
      TokenText(text_, tokens_[m.last_tok + 2]) == "who") {
    pd.kind = SpeakerKind::kPerson;
  }
  for (size_t v = m.last_tok + 1; v < n && v < m.last_tok + 4u; ++v) {
    const absl::string_view w = TokenText(text_, tokens_[v]);
    if (tokens_[v].lower && IsSpeechVerb(w)) {
      m.subject = true;
      pd.speaks = true;
      // A two-word name that speaks is a person: "Sujata Raisinghani told".
      if (pd.kind == SpeakerKind::kUnknown && pd.full &&
          m.type == MentionType::kName) {
        pd.kind = SpeakerKind::kPerson;
      }
      return;
    }
    if (!IsVerbFiller(w)) return;
  }
}

void SpeakerIndex::MergeInto(int id, const Pending& pd, const Mention& m) {
  Entity& e = entities_[id];
  if (e.kind == SpeakerKind::kUnknown) e.kind = pd.kind;
  if (e.gender == Gender::kUnknown) e.gender = pd.gender;
  if (e.role.empty() && !m.role.empty()) {
    e.role = std::string(text_.substr(m.role.begin, m.role.size()));
  }
  if (!pd.role_key.empty()) absl::StrAppend(&e.role_key, " ", pd.role_key);
  e.place = e.place || pd.place;
}

void SpeakerIndex::AssignFullNames(NameTables* names) {
  const size_t n = tokens_.size();
  for (size_t k = 0; k < mentions_.size(); ++k) {
    const Pending& pd = pending_[k];
    if (mentions_[k].type == MentionType::kPronoun ||
        mentions_[k].type == MentionType::kRoleNoun ||
        mentions_[k].type == MentionType::kOrgNoun || !pd.full || pd.place) {
      continue;  // a place word may be a surname: ResolveName decides
    }
    auto it = names->by_name.find(pd.canonical);
    const int id = it == names->by_name.end() ? AddEntity(pd.canonical, pd.kind)
                                              : it->second;
    names->by_name[pd.canonical] = id;
    MergeInto(id, pd, mentions_[k]);
    mentions_[k].entity = id;
    if (pd.kind != SpeakerKind::kOrganization) {
      const size_t sp = pd.canonical.rfind(' ');
      if (sp != std::string::npos) {
        const std::string surname =
            LowerCopy(absl::string_view(pd.canonical).substr(sp + 1));
        names->by_surname.emplace(surname, id);
        const Gender g = entities_[id].gender;
        if (g != Gender::kUnknown) {
          names->by_surname_gender.emplace(surname + GenderKey(g), id);
        }
      }
      continue;
    }
    // "Korean Central News Agency (KCNA)": the acronym names it too.
    const size_t a = mentions_[k].last_tok + 2;
    if (a + 1 < n && TokenText(text_, tokens_[a - 1]) == "(" &&
        TokenText(text_, tokens_[a + 1]) == ")" &&
        IsAcronym(TokenText(text_, tokens_[a]))) {
      names->by_name.emplace(std::string(TokenText(text_, tokens_[a])), id);
    }
  }
  for (const auto& [surname, id] : names->by_surname) {
    if (entities_[id].kind == SpeakerKind::kPerson) {
      surnames_.emplace_back(surname, id);
    }
  }
  std::sort(surnames_.begin(), surnames_.end());
}

int SpeakerIndex::SameSurnameOfGender(int id, Gender g,
                                      const NameTables& names) const {
  const Entity& e = entities_[id];
  if (g == Gender::kUnknown || e.gender == Gender::kUnknown || e.gender == g) {
    return id;
  }
  const std::string surname = LowerCopy(
      absl::string_view(e.canonical).substr(e.canonical.rfind(' ') + 1));
  auto it = names.by_surname_gender.find(surname + GenderKey(g));
  return it == names.by_surname_gender.end() ? -1 : it->second;
}

bool SpeakerIndex::TitledPublicFigure(const Pending& pd, const Entity& e) {
  // "Michelle Obama ... President Obama": with a title, a well-known
  // surname is the public figure, not the relative named before.
  if (!pd.honorific && pd.role_key.empty()) return false;
  if (pd.gender == Gender::kFemale) return false;
  const absl::string_view known = KnownFullName(pd.canonical);
  return !known.empty() && known != e.canonical;
}

int SpeakerIndex::ResolveName(size_t k, NameTables* names) {
  const Pending& pd = pending_[k];
  const bool org = pd.kind == SpeakerKind::kOrganization;
  int id = -1;
  if (org && pd.place) {
    // "Jim Jordan ... Jordan said": a place word that is the surname of a
    // person named in full is that person.
    auto it = names->by_surname.find(LowerCopy(pd.canonical));
    if (it != names->by_surname.end() &&
        entities_[it->second].kind == SpeakerKind::kPerson) {
      Pending person = pd;
      person.kind = SpeakerKind::kPerson;
      person.place = false;
      MergeInto(it->second, person, mentions_[k]);
      return it->second;
    }
  }
  // The person of that surname is not this one (gender, public figure).
  bool refused = false;
  if (!org) {
    auto it = names->by_surname.find(LowerCopy(pd.canonical));
    if (it != names->by_surname.end()) {
      id = SameSurnameOfGender(it->second, pd.gender, *names);
      if (id >= 0 && TitledPublicFigure(pd, entities_[id])) id = -1;
      refused = id < 0;
    }
    if (id >= 0) {
      // "Kasimir Lindgren ... Lindgren said": a full name later cited by
      // its last word as a speaker is a person's.
      if (entities_[id].kind == SpeakerKind::kUnknown &&
          (pd.speaks || pd.kind == SpeakerKind::kPerson)) {
        entities_[id].kind = SpeakerKind::kPerson;
      }
    }
  }
  if (id < 0) {
    auto it = names->by_name.find(pd.canonical);
    if (it != names->by_name.end()) id = it->second;
  }
  if (id < 0 && !org && !refused && (pd.honorific || pd.speaks) &&
      pd.canonical.find(' ') == std::string::npos) {
    id = FuzzySurname(pd.canonical);
  }
  if (id < 0 && !org) {
    absl::string_view known = KnownFullName(pd.canonical);
    if (!known.empty()) {
      id = AddEntity(std::string(known), SpeakerKind::kPerson);
      names->by_name[std::string(known)] = id;
      names->by_surname.emplace(LowerCopy(pd.canonical), id);
    }
  }
  if (id < 0) {
    id = AddEntity(pd.canonical, pd.kind);
    names->by_name[pd.canonical] = id;
    if (pd.honorific) names->by_surname.emplace(LowerCopy(pd.canonical), id);
  }
  if (pd.honorific || pd.kind == SpeakerKind::kPerson) {
    entities_[id].kind = SpeakerKind::kPerson;
  }
  MergeInto(id, pd, mentions_[k]);
  return id;
}

int SpeakerIndex::ResolveRoleNounMention(size_t k) {
  const Mention& m = mentions_[k];
  const int appo = AppositionOf(k);
  if (appo < 0) return ResolveRoleNoun(k, pending_[k].noun);
  // The role noun names this person's office from now on.
  Entity& e = entities_[appo];
  absl::string_view role = text_.substr(m.span.begin, m.span.size());
  if (role.size() > 4 && WordEquals(role.substr(0, 4), "the ")) {
    role.remove_prefix(4);
  }
  absl::StrAppend(&e.role_key, " ", LowerCopy(role));
  if (e.role.empty()) e.role = std::string(role);
  return appo;
}

void SpeakerIndex::AssignEntities() {
  SortMentions();  // document order
  const size_t n = tokens_.size();
  starting_at_.assign(n, -1);
  ending_at_.assign(n, -1);
  for (size_t k = 0; k < mentions_.size(); ++k) {
    const Mention& m = mentions_[k];
    // Overlaps ("the Prime Minister" found twice) keep the first.
    if (starting_at_[m.first_tok] < 0) {
      starting_at_[m.first_tok] = static_cast<int32_t>(k);
    }
    ending_at_[m.last_tok] = static_cast<int32_t>(k);
    MarkSubject(k);
  }
  // Pass 1: full names and organisations.
  NameTables names;
  AssignFullNames(&names);
  // Pass 2, in order: surnames, pronouns, role and organisation nouns.
  for (size_t k = 0; k < mentions_.size(); ++k) {
    Mention& m = mentions_[k];
    const Pending& pd = pending_[k];
    if (m.entity >= 0) continue;
    switch (m.type) {
      case MentionType::kName:
      case MentionType::kPossessiveOffice:
        m.entity = ResolveName(k, &names);
        break;
      case MentionType::kPronoun:
        if (pd.neuter) {
          m.entity = ResolveNeuterPronoun(k);
          break;
        }
        m.entity = ResolvePronoun(k, pd.gender);
        if (m.entity >= 0 && entities_[m.entity].gender == Gender::kUnknown) {
          entities_[m.entity].gender = pd.gender;
        }
        break;
      case MentionType::kRoleNoun:
        m.entity = ResolveRoleNounMention(k);
        break;
      case MentionType::kDescription:
        break;  // names nobody the article names
      case MentionType::kOrgNoun:
        m.entity = ResolveOrgNoun(k, pd.noun);
        // "Prairie Air ... The airline said", "the statement said": the
        // organisation last spoken of.
        if (m.entity < 0 && pd.speaks) m.entity = ResolveNeuterPronoun(k);
        break;
    }
  }
}

}  // namespace claimcheck::extract
