// QuoteConsistency and GroupQuotes: one utterance across outlets.
#include <algorithm>
#include <cstddef>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "server/extract/normalize.h"
#include "server/verify/internal.h"
#include "server/verify/verify.h"

namespace claimcheck::verify {
namespace {

using internal::OutletLabel;

// ScoreMatch calls between two polls of GroupQuotes' `cancelled`.
constexpr size_t kScoresPerPoll = 256;

struct SpeakerCluster {
  std::string speaker;          // the longest spelling seen
  std::vector<size_t> members;  // candidate indices, earliest first
};

// Clusters the non-empty speakers of `members` (earliest first) by
// SameSpeaker, most frequent first (ties: first seen).
std::vector<SpeakerCluster> ClusterSpeakers(
    absl::Span<const QuoteOccurrence> c, const std::vector<size_t>& members) {
  std::vector<SpeakerCluster> clusters;
  for (size_t m : members) {
    const absl::string_view speaker = c[m].speaker;
    if (speaker.empty()) continue;
    SpeakerCluster* home = nullptr;
    for (SpeakerCluster& cl : clusters) {
      if (SameSpeaker(speaker, cl.speaker) ||
          (!c[m].speaker_id.empty() &&
           c[m].speaker_id == c[cl.members.front()].speaker_id)) {
        home = &cl;
        break;
      }
    }
    if (home == nullptr) {
      clusters.push_back({std::string(speaker), {}});
      home = &clusters.back();
    } else if (speaker.size() > home->speaker.size()) {
      home->speaker = std::string(speaker);
    }
    home->members.push_back(m);
  }
  std::stable_sort(clusters.begin(), clusters.end(),
                   [](const SpeakerCluster& a, const SpeakerCluster& b) {
                     return a.members.size() > b.members.size();
                   });
  return clusters;
}

// Distinct outlets of `members`, in order, joined.
std::string Outlets(absl::Span<const QuoteOccurrence> c,
                    const std::vector<size_t>& members, size_t* count) {
  std::vector<std::string> outlets;
  for (size_t m : members) {
    std::string o = OutletLabel(c[m].outlet);
    if (std::find(outlets.begin(), outlets.end(), o) == outlets.end()) {
      outlets.push_back(std::move(o));
    }
  }
  *count = outlets.size();
  return absl::StrJoin(outlets, ", ");
}

// Fullest: most words; ties go to the earliest (members are earliest first).
size_t Fullest(absl::Span<const QuoteOccurrence> c,
               const std::vector<size_t>& members) {
  size_t fullest_words = 0;
  size_t fullest = members.front();
  for (size_t m : members) {
    const size_t words = extract::MatchTokens(c[m].text).size();
    if (words > fullest_words) {
      fullest_words = words;
      fullest = m;
    }
  }
  return fullest;
}

// Each member as a variant of the fullest text (report->fullest); clears
// report->wording_agrees on a changed wording. Returns how many are
// truncated versions of it.
size_t AddVariants(absl::Span<const QuoteOccurrence> c,
                   const std::vector<size_t>& members, QuoteReport* report) {
  const absl::string_view full_text = c[report->fullest].text;
  size_t truncated = 0;
  for (size_t m : members) {
    QuoteVariant v;
    v.index = m;
    if (m == report->fullest) {
      v.score = 1;
    } else {
      const MatchScore ms = ScoreMatch(c[m].text, full_text);
      v.score = ms.score;
      v.truncated = ms.query_is_fragment;
      if (!ms.exact) v.diff = WordDiff(full_text, c[m].text);
      if (v.truncated) ++truncated;
      if (!ms.exact && !v.truncated) report->wording_agrees = false;
    }
    report->variants.push_back(std::move(v));
  }
  return truncated;
}

// Whether no two members name different speakers (by name, unless they
// share a speaker id).
bool SpeakersAgree(absl::Span<const QuoteOccurrence> c,
                   const std::vector<size_t>& members) {
  for (size_t i = 0; i < members.size(); ++i) {
    for (size_t j = i + 1; j < members.size(); ++j) {
      const absl::string_view a = c[members[i]].speaker;
      const absl::string_view b = c[members[j]].speaker;
      const absl::string_view ida = c[members[i]].speaker_id;
      if (!a.empty() && !b.empty() && !SameSpeaker(a, b) &&
          (ida.empty() || ida != c[members[j]].speaker_id)) {
        return false;
      }
    }
  }
  return true;
}

// "Reuters attributes it to X; AP to Y".
std::string AttributionSummary(absl::Span<const QuoteOccurrence> c,
                               const std::vector<SpeakerCluster>& clusters) {
  std::vector<std::string> parts;
  for (const SpeakerCluster& cl : clusters) {
    size_t n = 0;
    const std::string outlets = Outlets(c, cl.members, &n);
    parts.push_back(parts.empty()
                        ? absl::StrCat(outlets,
                                       n > 1 ? " attribute" : " attributes",
                                       " it to ", cl.speaker)
                        : absl::StrCat(outlets, " to ", cl.speaker));
  }
  return absl::StrJoin(parts, "; ");
}

// "Wording differs: ...": where the first changed variant departs from the
// fullest version.
std::string WordingSummary(absl::Span<const QuoteOccurrence> c,
                           const QuoteReport& report,
                           const QuoteVariant& variant) {
  size_t changed = 0;
  for (const WordEdit& e : variant.diff) {
    if (e.op != WordEdit::Op::kEqual) ++changed;
  }
  return absl::StrCat("Wording differs: ", OutletLabel(c[variant.index].outlet),
                      " departs from the fullest version (",
                      internal::SourceLabel(c[report.fullest]), ") in ",
                      changed, changed == 1 ? " place" : " places");
}

QuoteReport BuildReport(absl::Span<const QuoteOccurrence> c,
                        std::vector<size_t> members) {
  QuoteReport report;
  if (members.empty()) {
    report.summary = "No occurrences found";
    return report;
  }
  internal::SortEarliestFirst(c, &members);
  report.fullest = Fullest(c, members);
  const size_t truncated = AddVariants(c, members, &report);
  const QuoteVariant* first_variant = nullptr;
  for (const QuoteVariant& v : report.variants) {
    if (!v.diff.empty() && !v.truncated) {
      first_variant = &v;
      break;
    }
  }
  const std::vector<SpeakerCluster> clusters = ClusterSpeakers(c, members);
  for (const SpeakerCluster& cl : clusters) {
    report.speakers.push_back(
        {cl.speaker, static_cast<int>(cl.members.size())});
  }
  report.speaker_agrees = SpeakersAgree(c, members);
  size_t outlet_count = 0;
  const std::string all_outlets = Outlets(c, members, &outlet_count);
  if (!report.speaker_agrees) {
    report.agreement = Agreement::kAttributionConflict;
    report.summary = AttributionSummary(c, clusters);
  } else if (!report.wording_agrees && first_variant != nullptr) {
    report.agreement = Agreement::kWordingVariant;
    report.summary = WordingSummary(c, report, *first_variant);
  } else {
    report.agreement = Agreement::kConsistent;
    report.summary = absl::StrCat(
        members.size(), members.size() == 1 ? " occurrence" : " occurrences",
        " in ", outlet_count, outlet_count == 1 ? " outlet" : " outlets",
        " agree");
    if (!clusters.empty()) {
      absl::StrAppend(&report.summary, ", attributed to ", clusters[0].speaker);
    }
    if (truncated > 0) {
      absl::StrAppend(&report.summary, "; ", truncated, " truncated");
    }
  }
  return report;
}

}  // namespace

QuoteReport QuoteConsistency(absl::string_view query,
                             absl::Span<const QuoteOccurrence> candidates,
                             double min_score) {
  std::vector<size_t> members;
  const MatchQuery prepared(query);
  for (size_t i = 0; i < candidates.size(); ++i) {
    const MatchScore m = ScoreMatch(prepared, candidates[i].text);
    if (m.exact || m.score >= min_score) members.push_back(i);
  }
  return BuildReport(candidates, std::move(members));
}

std::vector<QuoteReport> GroupQuotes(
    absl::Span<const QuoteOccurrence> occurrences, double min_score,
    const std::function<bool()>& cancelled) {
  // Longest first, so each group's first member is its fullest version.
  std::vector<size_t> order(occurrences.size());
  std::vector<size_t> words(occurrences.size());
  for (size_t i = 0; i < occurrences.size(); ++i) {
    order[i] = i;
    words[i] = extract::MatchTokens(occurrences[i].text).size();
  }
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    if (words[a] != words[b]) return words[a] > words[b];
    return internal::Earlier(occurrences, a, b);
  });
  std::vector<std::vector<size_t>> groups;
  size_t scored = 0;  // ScoreMatch calls since the last poll
  for (size_t i : order) {
    if (scored >= kScoresPerPoll) {
      if (cancelled && cancelled()) return {};
      scored = 0;
    }
    scored += groups.size();
    if (words[i] == 0) continue;  // nothing to match on
    std::vector<size_t>* home = nullptr;
    for (std::vector<size_t>& g : groups) {
      const MatchScore m =
          ScoreMatch(occurrences[i].text, occurrences[g.front()].text);
      if (m.exact || m.score >= min_score) {
        home = &g;
        break;
      }
    }
    if (home == nullptr) {
      groups.emplace_back();
      home = &groups.back();
    }
    home->push_back(i);
  }
  std::stable_sort(
      groups.begin(), groups.end(),
      [](const std::vector<size_t>& a, const std::vector<size_t>& b) {
        return a.size() > b.size();
      });
  std::vector<QuoteReport> reports;
  reports.reserve(groups.size());
  for (std::vector<size_t>& g : groups) {
    reports.push_back(BuildReport(occurrences, std::move(g)));
  }
  return reports;
}

}  // namespace claimcheck::verify
