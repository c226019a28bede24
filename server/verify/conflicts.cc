// AttributionConflicts and NumericConflicts: see conflicts.h.
#include "server/verify/conflicts.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/hash/hash.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/synchronization/mutex.h"
#include "server/extract/normalize.h"
#include "server/text/edit_distance.h"
#include "server/verify/internal.h"
#include "server/verify/speaker_identity.h"

namespace claimcheck::verify {
namespace {

using internal::OutletLabel;

bool SameOccurrenceSpeaker(const QuoteOccurrence& a, const QuoteOccurrence& b) {
  if (!a.speaker_id.empty() && a.speaker_id == b.speaker_id) return true;
  return SameSpeaker(a.speaker, b.speaker);
}

// "mike" / "michael": English diminutives that are not a prefix of the
// name (those are caught by FirstNamesClose itself).
bool Diminutive(absl::string_view a, absl::string_view b) {
  static constexpr struct {
    absl::string_view short_form, name;
  } kPairs[] = {
      {"mike", "michael"},   {"bill", "william"},    {"billy", "william"},
      {"bob", "robert"},     {"bobby", "robert"},    {"jim", "james"},
      {"jimmy", "james"},    {"joe", "joseph"},      {"dick", "richard"},
      {"rick", "richard"},   {"chuck", "charles"},   {"charlie", "charles"},
      {"ted", "edward"},     {"ned", "edward"},      {"liz", "elizabeth"},
      {"beth", "elizabeth"}, {"betsy", "elizabeth"}, {"kate", "katherine"},
      {"kate", "catherine"}, {"kathy", "katherine"}, {"steve", "stephen"},
      {"dave", "david"},     {"tony", "anthony"},    {"andy", "andrew"},
      {"jack", "john"},      {"peggy", "margaret"},  {"maggie", "margaret"},
      {"sue", "susan"},      {"larry", "lawrence"},  {"harry", "henry"},
      {"hank", "henry"},     {"bernie", "bernard"},  {"jerry", "gerald"},
      {"sandy", "sandra"},   {"sally", "sarah"}};
  for (const auto& p : kPairs) {
    if ((a == p.short_form && b == p.name) ||
        (b == p.short_form && a == p.name)) {
      return true;
    }
  }
  return false;
}

// "tim" / "timothy", "vicente" / "vincente", "mike" / "michael": one first
// name written two ways.
bool FirstNamesClose(absl::string_view a, absl::string_view b) {
  if (Diminutive(a, b)) return true;
  if (a.size() > b.size()) std::swap(a, b);
  if (a.size() >= 3 && b.substr(0, a.size()) == a) return true;
  return a.size() >= 4 && text::BoundedEditDistance(a, b, 2) <= 2;
}

// True when every word of `a` is a word of `b`.
bool WordsWithin(const std::vector<absl::string_view>& a,
                 const std::vector<absl::string_view>& b) {
  for (absl::string_view w : a) {
    if (std::find(b.begin(), b.end(), w) == b.end()) return false;
  }
  return true;
}

// "netanyahus office" and a word of the other name ("netanyahu").
bool NamesAnOffice(const std::vector<absl::string_view>& office,
                   const std::vector<absl::string_view>& other) {
  if (std::find(office.begin(), office.end(), "office") == office.end()) {
    return false;
  }
  for (absl::string_view w : other) {
    for (absl::string_view v : office) {
      if (w.size() >= 3 && absl::StartsWith(v, w)) return true;
    }
  }
  return false;
}

}  // namespace

// Drops a generational suffix ("trump jr" -> "trump").
static void DropSuffix(std::vector<absl::string_view>* words) {
  static constexpr absl::string_view kSuffixes[] = {"jr", "sr", "ii", "iii"};
  if (words->size() < 2) return;
  for (absl::string_view s : kSuffixes) {
    if (words->back() == s) {
      words->pop_back();
      return;
    }
  }
}

bool MaybeSameEntity(const QuoteOccurrence& a, const QuoteOccurrence& b) {
  if (SameOccurrenceSpeaker(a, b)) return true;
  const bool org_a = a.speaker_kind == extract::SpeakerKind::kOrganization;
  const bool org_b = b.speaker_kind == extract::SpeakerKind::kOrganization;
  if (org_a != org_b) return true;  // an organisation and who speaks for it
  const std::string ka = extract::SpeakerKey(a.speaker);
  const std::string kb = extract::SpeakerKey(b.speaker);
  std::vector<absl::string_view> wa = absl::StrSplit(ka, ' ');
  std::vector<absl::string_view> wb = absl::StrSplit(kb, ' ');
  // "Trump Jr." and "Donald Trump": father and son are easily confused by
  // an extractor, so neither is taken as a conflict with the other.
  DropSuffix(&wa);
  DropSuffix(&wb);
  // "Glenn Beck" within "Glenn Beck CPAC"; "Netanyahu" in "Netanyahu's
  // office" (the office speaks for the person).
  if (WordsWithin(wa, wb) || WordsWithin(wb, wa)) return true;
  if (NamesAnOffice(wa, wb) || NamesAnOffice(wb, wa)) return true;
  // Same surname, first names that may be one name spelled two ways.
  if (wa.size() >= 2 && wb.size() >= 2 && wa.back() == wb.back() &&
      FirstNamesClose(wa.front(), wb.front())) {
    return true;
  }
  return false;
}

namespace {

bool Eligible(const QuoteOccurrence& o) {
  return !o.speaker.empty() && !extract::IsUnnamedSpeaker(o.speaker) &&
         o.confidence >= kMinConflictConfidence &&
         CountContentWords(o.text) >= kMinConflictContentWords;
}

// Date order with undated last, then index (as internal::Earlier).
bool EarlierDate(absl::string_view da, size_t ia, absl::string_view db,
                 size_t ib) {
  if (da.empty() != db.empty()) return !da.empty();
  if (da != db) return da < db;
  return ia < ib;
}

std::string Lower(absl::string_view s) {
  return absl::AsciiStrToLower(absl::StripAsciiWhitespace(s));
}

bool NearlyEqual(double a, double b) {
  if (std::isinf(a) || std::isinf(b)) return a == b;
  return std::fabs(a - b) <= 1e-9 * std::max({1.0, std::fabs(a), std::fabs(b)});
}

// Orders `p` (earlier side first), writes its summary and appends it.
void AddAttributionPair(absl::Span<const QuoteOccurrence> group,
                        const std::vector<size_t>& text_of, ConflictPair p,
                        std::vector<ConflictPair>* out) {
  if (internal::Earlier(group, p.b, p.a)) {
    std::swap(p.a, p.b);
    std::swap(p.count_a, p.count_b);
  }
  p.summary = absl::StrCat(
      OutletLabel(group[p.a].outlet), " attributes it to ", group[p.a].speaker,
      "; ", OutletLabel(group[p.b].outlet), " to ", group[p.b].speaker);
  p.reason = "same words";
  if (text_of[p.a] != text_of[p.b]) {
    const MatchScore m = ScoreMatch(group[p.b].text, group[p.a].text);
    p.reason = m.query_is_fragment || m.stored_is_fragment
                   ? "one quotes part of the other"
                   : "close wording";
    if (m.query_is_fragment) {
      absl::StrAppend(&p.summary, " (", OutletLabel(group[p.b].outlet),
                      " quotes part of it)");
    } else if (m.stored_is_fragment) {
      absl::StrAppend(&p.summary, " (", OutletLabel(group[p.a].outlet),
                      " quotes part of it)");
    } else {
      absl::StrAppend(&p.summary, " (worded differently)");
    }
  }
  out->push_back(std::move(p));
}

// 1 for "i", 2 for "we", 3 for "he", "she", "they", 4 for "you" (and their
// other forms, contracted as normalised: "i'm" is "im"); 0 for other words.
int PersonOf(absl::string_view w) {
  static constexpr struct {
    absl::string_view word;
    int person;
  } kPronouns[] = {
      {"i", 1},      {"im", 1},   {"ive", 1},   {"me", 1},    {"my", 1},
      {"we", 2},     {"weve", 2}, {"us", 2},    {"our", 2},   {"he", 3},
      {"hes", 3},    {"she", 3},  {"shes", 3},  {"they", 3},  {"theyre", 3},
      {"theyve", 3}, {"him", 3},  {"her", 3},   {"them", 3},  {"his", 3},
      {"their", 3},  {"you", 4},  {"youre", 4}, {"youve", 4}, {"your", 4}};
  for (const auto& p : kPronouns) {
    if (w == p.word) return p.person;
  }
  return 0;
}

// Whether edits i and i + 1 of `diff` replace words by others: a deletion
// next to an insertion.
bool IsReplacement(const std::vector<WordEdit>& diff, size_t i) {
  return diff[i].op != WordEdit::Op::kEqual &&
         diff[i + 1].op != WordEdit::Op::kEqual && diff[i].op != diff[i + 1].op;
}

// The first pronoun's person in `words` (space-joined), or 0.
int FirstPerson(absl::string_view words) {
  for (absl::string_view w : absl::StrSplit(words, ' ')) {
    if (const int p = PersonOf(w); p != 0) return p;
  }
  return 0;
}

// "I'm not going to pay" and "we are not going to pay": words replaced by
// others in another grammatical person, so two utterances.
bool ChangesPerson(const std::vector<WordEdit>& diff) {
  for (size_t i = 0; i + 1 < diff.size(); ++i) {
    if (!IsReplacement(diff, i)) continue;
    const int from = FirstPerson(diff[i].text);
    const int to = FirstPerson(diff[i + 1].text);
    if (from != 0 && to != 0 && from != to) return true;
  }
  return false;
}

}  // namespace

bool SameUtterance(absl::string_view a, absl::string_view b) {
  const MatchScore m = ScoreMatch(a, b);
  if (m.exact) return true;
  if (m.score < kAttributionVariantScore) return false;
  const size_t wa = extract::MatchTokens(a).size();
  const size_t wb = extract::MatchTokens(b).size();
  if (std::min(wa, wb) < static_cast<size_t>(kMinFragmentWords)) return false;
  const std::vector<WordEdit> diff = WordDiff(b, a);
  if (ChangesPerson(diff)) return false;
  if (m.query_is_fragment || m.stored_is_fragment) return true;
  const MeaningChange meaning = AssessMeaning(diff, b, a);
  if (meaning.negation_changed || meaning.number_changed ||
      meaning.name_changed) {
    return false;
  }
  // Words left out or added are the same utterance quoted loosely; a content
  // word replaced by another ("repairs" -> "ferry works") is another one.
  for (size_t i = 0; i + 1 < diff.size(); ++i) {
    if (!IsReplacement(diff, i)) continue;
    if (ChangesContentWords(absl::MakeConstSpan(&diff[i], 1)) &&
        ChangesContentWords(absl::MakeConstSpan(&diff[i + 1], 1))) {
      return false;
    }
  }
  return true;
}

namespace {

// The distinct normalised texts of `order`'s occurrences: (*text_of)[i] is
// the text id of occurrence i, (*text_first)[id] an occurrence holding it.
void DistinctTexts(absl::Span<const QuoteOccurrence> group,
                   const std::vector<size_t>& order,
                   std::vector<size_t>* text_of,
                   std::vector<size_t>* text_first) {
  text_of->assign(group.size(), 0);
  absl::flat_hash_map<std::string, size_t> ids;
  for (size_t i : order) {
    auto [it, added] = ids.try_emplace(
        extract::NormalizeForMatch(group[i].text), text_first->size());
    if (added) text_first->push_back(i);
    (*text_of)[i] = it->second;
  }
}

// SameUtterance results kept across calls. The store recomputes a group each
// time a quote joins it or one of its variant groups, mostly over texts it
// has compared before; SameUtterance (scoring, word diff, meaning) is most of
// a group's cost. Keyed by two independent 64-bit hashes and the length of
// each text; at most kMaxEntries, all dropped when full. Thread-safe.
class UtteranceMemo {
 public:
  static UtteranceMemo& Get() {
    static UtteranceMemo* const memo = new UtteranceMemo();
    return *memo;
  }

  // A text's key part; computed once per text by the caller.
  struct Print {
    explicit Print(absl::string_view s)
        : hash(absl::Hash<absl::string_view>()(s)),
          fnv(Fnv1a(s)),
          size(s.size()) {}
    static uint64_t Fnv1a(absl::string_view s) {
      uint64_t h = 1469598103934665603ULL;
      for (unsigned char c : s) h = (h ^ c) * 1099511628211ULL;
      return h;
    }
    bool operator==(const Print& o) const {
      return hash == o.hash && fnv == o.fnv && size == o.size;
    }
    uint64_t hash, fnv;
    size_t size;
  };

  // SameUtterance(a, b); `pa`, `pb` are Print(a), Print(b).
  bool Same(absl::string_view a, const Print& pa, absl::string_view b,
            const Print& pb) {
    const Key key{pa, pb};
    {
      absl::MutexLock lock(&mu_);
      auto it = same_.find(key);
      if (it != same_.end()) return it->second;
    }
    const bool same = SameUtterance(a, b);
    absl::MutexLock lock(&mu_);
    if (same_.size() >= kMaxEntries) same_.clear();
    same_.emplace(key, same);
    return same;
  }

 private:
  static constexpr size_t kMaxEntries = size_t{1} << 17;
  struct Key {
    Print a, b;
    bool operator==(const Key& o) const { return a == o.a && b == o.b; }
    template <typename H>
    friend H AbslHashValue(H h, const Key& k) {
      return H::combine(std::move(h), k.a.fnv, k.b.fnv);
    }
  };
  absl::Mutex mu_;
  absl::flat_hash_map<Key, bool> same_ ABSL_GUARDED_BY(mu_);
};

// Whether two text ids are the same utterance (SameUtterance), computed
// lazily for the first kMaxAttributionTexts texts; later texts are only the
// same as themselves.
class SameUtteranceCache {
 public:
  SameUtteranceCache(absl::Span<const QuoteOccurrence> group,
                     const std::vector<size_t>& text_first)
      : group_(group),
        text_first_(text_first),
        scored_(std::min(text_first.size(), kMaxAttributionTexts)),
        same_(scored_ * scored_, 0) {
    prints_.reserve(scored_);
    for (size_t x = 0; x < scored_; ++x) {
      prints_.emplace_back(group_[text_first_[x]].text);
    }
  }

  bool operator()(size_t x, size_t y) {
    if (x == y) return true;
    if (x >= scored_ || y >= scored_) return false;
    uint8_t& v = same_[std::min(x, y) * scored_ + std::max(x, y)];
    if (v == 0) {
      v = UtteranceMemo::Get().Same(group_[text_first_[x]].text, prints_[x],
                                    group_[text_first_[y]].text, prints_[y])
              ? 2
              : 1;
    }
    return v == 2;
  }

 private:
  absl::Span<const QuoteOccurrence> group_;
  const std::vector<size_t>& text_first_;
  const size_t scored_;
  std::vector<uint8_t> same_;  // 0 unknown, 1 different, 2 same utterance
  std::vector<UtteranceMemo::Print> prints_;  // of the scored texts
};

// Occurrences of one speaker; members earliest first, and each distinct
// text once with its earliest member.
struct SpeakerCluster {
  std::vector<size_t> members;
  std::vector<std::pair<size_t, size_t>> texts;  // (text id, member)
  std::vector<int> text_count;  // occurrences of each of `texts`
  // One member per distinct speaker name and kind (for MaybeSameEntity).
  std::vector<size_t> names;
};

std::vector<SpeakerCluster> ClusterBySpeaker(
    absl::Span<const QuoteOccurrence> group, const std::vector<size_t>& order,
    const std::vector<size_t>& text_of) {
  std::vector<SpeakerCluster> clusters;
  for (size_t i : order) {
    SpeakerCluster* home = nullptr;
    for (SpeakerCluster& cl : clusters) {
      for (size_t m : cl.members) {
        if (SameOccurrenceSpeaker(group[i], group[m])) {
          home = &cl;
          break;
        }
      }
      if (home != nullptr) break;
    }
    if (home == nullptr) {
      clusters.emplace_back();
      home = &clusters.back();
    }
    home->members.push_back(i);
    if (std::none_of(home->names.begin(), home->names.end(), [&](size_t m) {
          return group[m].speaker == group[i].speaker &&
                 group[m].speaker_kind == group[i].speaker_kind;
        })) {
      home->names.push_back(i);
    }
    size_t k = 0;
    while (k < home->texts.size() && home->texts[k].first != text_of[i]) ++k;
    if (k == home->texts.size()) {
      home->texts.emplace_back(text_of[i], i);
      home->text_count.push_back(0);
    }
    ++home->text_count[k];
  }
  return clusters;
}

// Whether any member of one cluster may name the same entity as any of
// the other (see MaybeSameEntity): then nothing there is a conflict.
bool MayBeOneEntity(absl::Span<const QuoteOccurrence> g,
                    const std::vector<size_t>& xs,
                    const std::vector<size_t>& ys) {
  for (size_t i : xs) {
    for (size_t j : ys) {
      if (MaybeSameEntity(g[i], g[j])) return true;
    }
  }
  return false;
}

// One conflict per utterance the two speakers share: the earliest
// occurrence of x with a same-utterance partner in y not yet covered,
// and its earliest partner; the texts of either side that are the same
// utterance as that pair are covered by (and counted in) it.
void AddClusterConflicts(absl::Span<const QuoteOccurrence> group,
                         const std::vector<size_t>& text_of,
                         const SpeakerCluster& cx, const SpeakerCluster& cy,
                         SameUtteranceCache& same,
                         std::vector<ConflictPair>* out) {
  std::vector<bool> covered_x(cx.texts.size(), false);
  std::vector<bool> covered_y(cy.texts.size(), false);
  for (size_t i = 0; i < cx.texts.size(); ++i) {
    if (covered_x[i]) continue;
    size_t j = 0;
    while (j < cy.texts.size() &&
           (covered_y[j] || !same(cx.texts[i].first, cy.texts[j].first))) {
      ++j;
    }
    if (j == cy.texts.size()) continue;
    const size_t tx = cx.texts[i].first, ty = cy.texts[j].first;
    ConflictPair p;
    p.a = cx.texts[i].second;
    p.b = cy.texts[j].second;
    p.count_a = 0;
    p.count_b = 0;
    for (size_t k = i; k < cx.texts.size(); ++k) {
      const size_t t = cx.texts[k].first;
      if (!covered_x[k] && (k == i || same(t, ty) || same(t, tx))) {
        covered_x[k] = true;
        p.count_a += cx.text_count[k];
      }
    }
    for (size_t k = 0; k < cy.texts.size(); ++k) {
      const size_t t = cy.texts[k].first;
      if (!covered_y[k] && (k == j || same(t, tx) || same(t, ty))) {
        covered_y[k] = true;
        p.count_b += cy.text_count[k];
      }
    }
    AddAttributionPair(group, text_of, std::move(p), out);
  }
}

}  // namespace

std::vector<ConflictPair> AttributionConflicts(
    absl::Span<const QuoteOccurrence> group) {
  std::vector<size_t> order;
  for (size_t i = 0; i < group.size(); ++i) {
    if (Eligible(group[i])) order.push_back(i);
  }
  internal::SortEarliestFirst(group, &order);
  std::vector<size_t> text_of, text_first;
  DistinctTexts(group, order, &text_of, &text_first);
  SameUtteranceCache same(group, text_first);
  const std::vector<SpeakerCluster> clusters =
      ClusterBySpeaker(group, order, text_of);
  std::vector<ConflictPair> out;
  for (size_t x = 0; x < clusters.size(); ++x) {
    for (size_t y = x + 1; y < clusters.size(); ++y) {
      if (MayBeOneEntity(group, clusters[x].names, clusters[y].names)) continue;
      AddClusterConflicts(group, text_of, clusters[x], clusters[y], same, &out);
    }
  }
  return out;
}

bool IsGenericUnitKey(absl::string_view unit_key) {
  static constexpr absl::string_view kGeneric[] = {
      "percent",   "percentage point",
      "usd",       "eur",
      "gbp",       "jpy",
      "cny",       "inr",
      "dollar",    "euro",
      "pound",     "people",
      "person",    "year",
      "month",     "week",
      "day",       "hour",
      "minute",    "second",
      "time",      "mile",
      "kilometer", "km",
      "metre",     "meter",
      "foot",      "",
      "number",    "fraction"};
  for (absl::string_view g : kGeneric) {
    if (unit_key == g) return true;
  }
  return false;
}

namespace {

// Two values of one unit in one story further apart than this factor are two
// quantities (a part and its whole, a threshold and a margin: 61 senators and
// 10 GOP senators), not one quantity reported two ways.
constexpr double kMaxConflictRatio = 2.0;

// Whether disjoint intervals `x` and `y` are more than kMaxConflictRatio
// apart (positive values only).
bool FarApart(const Interval& x, const Interval& y) {
  const Interval& lo = x.high <= y.low ? x : y;
  const Interval& hi = x.high <= y.low ? y : x;
  return lo.high > 0 && hi.low > kMaxConflictRatio * lo.high;
}

// Claims with the same interval, subject and time; members earliest first.
struct ClaimClass {
  Interval iv;
  std::string subject, time;
  std::vector<size_t> members;
};

// The claims of `group` that can be compared, earliest first. An article
// giving this unit two different values speaks of two quantities with it:
// which one another source's figure is about cannot be told, so none of its
// claims here is compared.
std::vector<size_t> ComparableClaims(absl::Span<const ClaimOccurrence> group) {
  std::vector<size_t> order;
  for (size_t i = 0; i < group.size(); ++i) {
    if (group[i].quantity != nullptr) order.push_back(i);
  }
  absl::flat_hash_map<absl::string_view, Interval> first;
  absl::flat_hash_set<absl::string_view> ambiguous;
  for (size_t i : order) {
    const Interval iv = ToInterval(*group[i].quantity);
    auto [it, added] = first.try_emplace(group[i].article_id, iv);
    if (!added && (!NearlyEqual(it->second.low, iv.low) ||
                   !NearlyEqual(it->second.high, iv.high))) {
      ambiguous.insert(group[i].article_id);
    }
  }
  order.erase(std::remove_if(order.begin(), order.end(),
                             [&](size_t i) {
                               return ambiguous.contains(group[i].article_id);
                             }),
              order.end());
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    return EarlierDate(group[a].date, a, group[b].date, b);
  });
  return order;
}

std::vector<ClaimClass> ClassifyClaims(absl::Span<const ClaimOccurrence> group,
                                       const std::vector<size_t>& order) {
  std::vector<ClaimClass> classes;
  for (size_t i : order) {
    const extract::Quantity& q = *group[i].quantity;
    const Interval iv = ToInterval(q);
    const std::string subject = Lower(q.subject);
    const std::string time = Lower(q.time);
    ClaimClass* home = nullptr;
    for (ClaimClass& c : classes) {
      if (NearlyEqual(c.iv.low, iv.low) && NearlyEqual(c.iv.high, iv.high) &&
          c.subject == subject && c.time == time) {
        home = &c;
        break;
      }
    }
    if (home == nullptr) {
      classes.push_back({iv, subject, time, {}});
      home = &classes.back();
    }
    home->members.push_back(i);
  }
  return classes;
}

// The conflict between two classes' earliest claims, if they conflict and
// come from two articles at least.
std::optional<ConflictPair> ClassConflict(
    absl::Span<const ClaimOccurrence> group, const ClaimClass& cx,
    const ClaimClass& cy) {
  const size_t a = cx.members.front();
  const size_t b = cy.members.front();
  const extract::Quantity& qa = *group[a].quantity;
  const extract::Quantity& qb = *group[b].quantity;
  if (!cx.subject.empty() && !cy.subject.empty() && cx.subject != cy.subject) {
    return std::nullopt;
  }
  if (!cx.time.empty() && !cy.time.empty() && cx.time != cy.time) {
    return std::nullopt;
  }
  if (IsGenericUnitKey(qa.unit_key) &&
      (cx.subject.empty() || cx.subject != cy.subject)) {
    return std::nullopt;
  }
  if (CompareQuantities(qa, qb) != Agreement::kConflicting ||
      FarApart(cx.iv, cy.iv)) {
    return std::nullopt;
  }
  // Not a disagreement between sources if everything is one article.
  bool two_articles = false;
  for (size_t m : cx.members) {
    for (size_t n : cy.members) {
      if (group[m].article_id != group[n].article_id) two_articles = true;
    }
  }
  if (!two_articles) return std::nullopt;
  ConflictPair p;
  p.a = a;
  p.b = b;
  p.count_a = static_cast<int>(cx.members.size());
  p.count_b = static_cast<int>(cy.members.size());
  const QuantityObservation pair[] = {{&qa, group[a].outlet, group[a].date},
                                      {&qb, group[b].outlet, group[b].date}};
  const QuantityReport report = QuantityConsistency(pair);
  p.summary =
      report.conflicts.empty() ? report.summary : report.conflicts.front();
  p.reason = absl::StrCat("same counted thing '", qa.unit_key, "'");
  if (!cx.subject.empty() && cx.subject == cy.subject) {
    absl::StrAppend(&p.reason, "; same subject '", cx.subject, "'");
  }
  if (!cx.time.empty() && cx.time == cy.time) {
    absl::StrAppend(&p.reason, "; same time '", cx.time, "'");
  }
  absl::StrAppend(&p.reason, "; same dimension");
  return p;
}

}  // namespace

std::vector<ConflictPair> NumericConflicts(
    absl::Span<const ClaimOccurrence> group) {
  const std::vector<ClaimClass> classes =
      ClassifyClaims(group, ComparableClaims(group));
  std::vector<ConflictPair> out;
  for (size_t x = 0; x < classes.size(); ++x) {
    for (size_t y = x + 1; y < classes.size(); ++y) {
      std::optional<ConflictPair> p =
          ClassConflict(group, classes[x], classes[y]);
      if (p) out.push_back(std::move(*p));
    }
  }
  return out;
}

}  // namespace claimcheck::verify
