// VerifyQuote: the verdict for a quote and a claimed speaker.
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdio>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "server/extract/normalize.h"
#include "server/verify/internal.h"
#include "server/verify/verify.h"

namespace claimcheck::verify {
namespace {

using internal::SourceLabel;

struct Scored {
  size_t index = 0;
  MatchScore match;
  bool whole = false;     // same quote: exact, or near-exact with no change
  bool fragment = false;  // query is a long-enough run of this one
};

bool AfterDate(absl::string_view date, absl::string_view claimed_date) {
  if (date.empty() || claimed_date.empty()) return false;
  return date.substr(0, 10) > claimed_date.substr(0, 10);
}

// True when occurrence `o` names the claimed speaker: by name, or by the
// speaker record the claimed name resolved to.
bool IsClaimed(const QuoteOccurrence& o, absl::string_view claimed,
               absl::string_view claimed_id) {
  if (!claimed_id.empty() && o.speaker_id == claimed_id) return true;
  return SameSpeaker(claimed, o.speaker);
}

// Same speaker: same record id, or SameSpeaker on the names.
bool SameOccurrenceSpeaker(const QuoteOccurrence& a, const QuoteOccurrence& b) {
  if (!a.speaker_id.empty() && a.speaker_id == b.speaker_id) return true;
  return SameSpeaker(a.speaker, b.speaker);
}

// An attribution confident enough to count for or against a speaker.
// A description ("a friend") names nobody, so it counts as no speaker.
bool Named(const QuoteOccurrence& o) {
  return !o.speaker.empty() && !extract::IsUnnamedSpeaker(o.speaker) &&
         o.confidence >= kMinAttributionConfidence;
}

double Logit(double p) {
  p = std::clamp(p, 0.05, 0.99);
  return std::log(p / (1 - p));
}

double Sigmoid(double x) { return 1 / (1 + std::exp(-x)); }

// Probability that the claimed speaker spoke it, from the Named matches:
// naive Bayes over outlets (best confidence per outlet and side), prior 0.5.
double ClaimedProbability(absl::Span<const QuoteOccurrence> c,
                          const std::vector<size_t>& matches,
                          absl::string_view claimed,
                          absl::string_view claimed_id) {
  absl::flat_hash_map<std::pair<std::string, bool>, double> best;
  for (size_t m : matches) {
    if (!Named(c[m])) continue;
    double& b =
        best[{std::string(c[m].outlet), IsClaimed(c[m], claimed, claimed_id)}];
    b = std::max(b, c[m].confidence);
  }
  double log_odds = 0;
  for (const auto& [key, confidence] : best) {
    log_odds += key.second ? Logit(confidence) : -Logit(confidence);
  }
  return Sigmoid(log_odds);
}

struct SpeakerDecision {
  SpeakerCheck check = SpeakerCheck::kNotChecked;
  size_t deciding = 0;
  std::string speaker;     // attributed speaker per the deciding evidence
  double p_claimed = 1;    // probability the claimed speaker spoke it
  bool contested = false;  // confirmed, but other sources name someone else
};

// The Named speaker with the most confidence-weighted sources among
// `matches` that pass `keep` (ties: earliest); `matches.size()` when none.
template <typename Keep>
size_t MostNamed(absl::Span<const QuoteOccurrence> c,
                 const std::vector<size_t>& matches, Keep keep) {
  size_t best = matches.size();
  double best_weight = 0;
  for (size_t i = 0; i < matches.size(); ++i) {
    const QuoteOccurrence& o = c[matches[i]];
    if (!Named(o) || !keep(o)) continue;
    double weight = 0;
    for (size_t m : matches) {
      if (Named(c[m]) && SameOccurrenceSpeaker(o, c[m])) {
        weight += c[m].confidence;
      }
    }
    if (weight > best_weight + 1e-9) {
      best_weight = weight;
      best = i;
    }
  }
  return best;
}

// `matches` is non-empty and sorted earliest first.
SpeakerDecision DecideSpeaker(absl::Span<const QuoteOccurrence> c,
                              const std::vector<size_t>& matches,
                              absl::string_view claimed,
                              absl::string_view claimed_id) {
  SpeakerDecision d;
  d.deciding = matches.front();
  auto all = [](const QuoteOccurrence&) { return true; };
  if (claimed.empty()) {
    const size_t i = MostNamed(c, matches, all);
    if (i < matches.size()) {
      d.deciding = matches[i];
      d.speaker = std::string(c[d.deciding].speaker);
    }
    return d;
  }
  auto is_claimed = [&](const QuoteOccurrence& o) {
    return IsClaimed(o, claimed, claimed_id);
  };
  const size_t for_claimed = MostNamed(c, matches, is_claimed);
  const size_t against = MostNamed(
      c, matches, [&](const QuoteOccurrence& o) { return !is_claimed(o); });
  if (for_claimed == matches.size() && against == matches.size()) {
    d.check = SpeakerCheck::kUnconfirmed;
    return d;
  }
  d.p_claimed = ClaimedProbability(c, matches, claimed, claimed_id);
  const bool confirmed = for_claimed < matches.size() &&
                         (against == matches.size() || d.p_claimed >= 0.5);
  d.check = confirmed ? SpeakerCheck::kConfirmed : SpeakerCheck::kContradicted;
  d.contested = confirmed && against < matches.size();
  d.deciding = matches[confirmed ? for_claimed : against];
  d.speaker = std::string(c[d.deciding].speaker);
  return d;
}

// Probability that a whole or fragment match of `query` is the same
// utterance, by the number of query words: 1 - 0.5^n, capped at 0.99.
double WordingProbability(absl::string_view query) {
  const size_t n = extract::MatchTokens(query).size();
  return std::min(0.99, 1 - std::pow(0.5, static_cast<double>(n)));
}

// How much a stored text resembles the query: the mean of the match score
// and the content coverage.
double Resemblance(double score, double coverage) {
  return (score + coverage) / 2;
}

std::string ByWhom(const std::string& speaker) {
  return speaker.empty() ? "" : absl::StrCat(" by ", speaker);
}

// "words added: very; words removed: and long", for diffs with no
// meaning-changing edit.
std::string DescribeEdits(const std::vector<WordEdit>& diff) {
  std::vector<std::string> added, removed;
  for (const WordEdit& e : diff) {
    if (e.op == WordEdit::Op::kInsert) added.push_back(e.text);
    if (e.op == WordEdit::Op::kDelete) removed.push_back(e.text);
  }
  std::vector<std::string> parts;
  if (!added.empty()) {
    parts.push_back(absl::StrCat("words added: ", absl::StrJoin(added, ", ")));
  }
  if (!removed.empty()) {
    parts.push_back(
        absl::StrCat("words removed: ", absl::StrJoin(removed, ", ")));
  }
  return parts.empty() ? "wording differs" : absl::StrJoin(parts, "; ");
}

// " (NAME is named only with low confidence)" when a match names a speaker
// below kMinAttributionConfidence; empty otherwise.
std::string LowConfidenceNote(absl::Span<const QuoteOccurrence> c,
                              const std::vector<size_t>& matches) {
  for (size_t m : matches) {
    if (!c[m].speaker.empty() && !Named(c[m])) {
      char p[16];
      std::snprintf(p, sizeof(p), "%.2f", c[m].confidence);
      return absl::StrCat(" (", c[m].speaker,
                          " is named only with low confidence, ", p, ")");
    }
  }
  return "";
}

std::vector<Scored> ScoreCandidates(absl::string_view query,
                                    absl::string_view claimed_date,
                                    absl::Span<const QuoteOccurrence> c) {
  std::vector<Scored> scored;
  const MatchQuery prepared(query);
  for (size_t i = 0; i < c.size(); ++i) {
    if (AfterDate(c[i].date, claimed_date)) continue;
    Scored s;
    s.index = i;
    s.match = ScoreMatch(prepared, c[i].text);
    s.fragment = s.match.query_is_fragment && s.match.score >= kFragmentFloor;
    s.whole = s.match.exact;
    if (!s.whole && s.match.score >= kNearExactScore &&
        !s.match.query_is_fragment && !s.match.stored_is_fragment) {
      const std::vector<WordEdit> diff = WordDiff(c[i].text, query);
      s.whole = !AssessMeaning(diff, c[i].text, query).changed &&
                !ChangesContentWords(diff);
    }
    scored.push_back(s);
  }
  return scored;
}

// The deciding match: the same words (whole, or a contiguous run) anywhere
// outrank a closer scoring but different wording: "A B C by the" is part of
// "A B C by the end", not an altered "A B C". Null when nothing scored.
const Scored* PickBest(absl::Span<const QuoteOccurrence> c,
                       const std::vector<Scored>& scored) {
  const Scored* best = nullptr;
  for (const Scored& s : scored) {
    if (best == nullptr || s.match.score > best->match.score ||
        (s.match.score == best->match.score &&
         internal::Earlier(c, s.index, best->index))) {
      best = &s;
    }
  }
  if (best == nullptr || best->match.score <= 0) return nullptr;
  if (!best->whole && !best->fragment) {
    for (const Scored& s : scored) {
      if (s.whole) return &s;
    }
    for (const Scored& s : scored) {
      if (s.fragment) return &s;
    }
  }
  return best;
}

// SUPPORTED, PARTIAL, MISATTRIBUTED or UNATTRIBUTED for a whole or fragment
// match `best`.
void DecideFound(absl::string_view query, absl::string_view claimed,
                 absl::string_view claimed_id,
                 absl::Span<const QuoteOccurrence> c,
                 const std::vector<Scored>& scored, const Scored& best,
                 VerifyResult* result) {
  const bool whole = best.whole;
  std::vector<size_t> matches;
  for (const Scored& s : scored) {
    if (s.whole || (!whole && s.fragment)) matches.push_back(s.index);
  }
  internal::SortEarliestFirst(c, &matches);
  const SpeakerDecision d = DecideSpeaker(c, matches, claimed, claimed_id);
  result->best = d.deciding;
  result->attributed_speaker = d.speaker;
  result->evidence = matches;
  result->speaker_check = d.check;
  for (const Scored& s : scored) {
    if (s.index == d.deciding) result->score = s.match.score;
  }
  const QuoteOccurrence& o = c[d.deciding];
  if (!whole || result->score < 1) {
    result->diff = WordDiff(o.text, query);
    result->meaning = AssessMeaning(result->diff, o.text, query);
  }
  double wording = WordingProbability(query);
  if (whole) wording *= result->score;
  const std::string others =
      matches.size() > 1
          ? absl::StrCat("; ", matches.size() - 1, " more source",
                         matches.size() > 2 ? "s" : "")
          : "";
  const std::string where = absl::StrCat(" (", SourceLabel(o), ")");
  const std::string low = LowConfidenceNote(c, matches);
  switch (d.check) {
    case SpeakerCheck::kContradicted:
      result->verdict = Verdict::kMisattributed;
      result->confidence = wording * (1 - d.p_claimed);
      result->explanation =
          absl::StrCat(whole ? "Said by " : "Part of a longer quote by ",
                       d.speaker, where, ", not ", claimed, others);
      return;
    case SpeakerCheck::kUnconfirmed:
      result->confidence = wording;
      result->verdict = whole ? Verdict::kUnattributed : Verdict::kPartial;
      result->explanation = absl::StrCat(
          whole ? "Found" : "Part of a longer quote", " in ", SourceLabel(o),
          others, ", but no source names a speaker", low, ", so ", claimed,
          " is unconfirmed");
      return;
    default:
      break;
  }
  result->confidence = wording * d.p_claimed;
  result->verdict = whole ? Verdict::kSupported : Verdict::kPartial;
  const std::string contested =
      d.contested ? "; other sources name someone else" : "";
  if (d.speaker.empty()) {
    result->explanation =
        absl::StrCat(whole ? "Found in " : "Part of a longer quote in ",
                     SourceLabel(o), ", which names no speaker", low, others);
  } else {
    result->explanation =
        absl::StrCat(whole ? "Said by " : "Part of a longer quote by ",
                     d.speaker, where, others, contested);
  }
}

// ALTERED when `best` is a close enough version of the query; false (and
// nothing set) otherwise.
bool DecideAltered(absl::string_view query, absl::string_view claimed,
                   absl::string_view claimed_id,
                   absl::Span<const QuoteOccurrence> c,
                   const std::vector<Scored>& scored, const Scored& best,
                   double coverage, VerifyResult* result) {
  const QuoteOccurrence& o = c[best.index];
  std::vector<WordEdit> diff = WordDiff(o.text, query);
  MeaningChange meaning = AssessMeaning(diff, o.text, query);
  const bool close = best.match.score >= kAlteredScore ||
                     (best.match.score >= kAlteredWithMeaningScore &&
                      (meaning.negation_changed || meaning.number_changed));
  if (!close || coverage < kMinContentCoverage) return false;
  result->verdict = Verdict::kAltered;
  result->score = best.match.score;
  result->best = best.index;
  result->confidence =
      std::clamp(Resemblance(best.match.score, coverage), 0.5, 0.95);
  if (Named(o)) result->attributed_speaker = std::string(o.speaker);
  // Evidence: every source that carries the same stored wording.
  const std::string stored_norm = extract::NormalizeForMatch(o.text);
  for (const Scored& s : scored) {
    if (s.index == best.index ||
        extract::NormalizeForMatch(c[s.index].text) == stored_norm) {
      result->evidence.push_back(s.index);
    }
  }
  internal::SortEarliestFirst(c, &result->evidence);
  result->explanation = absl::StrCat(
      "Altered from a quote", ByWhom(result->attributed_speaker), " (",
      SourceLabel(o), "): ",
      meaning.reasons.empty() ? DescribeEdits(diff)
                              : absl::StrJoin(meaning.reasons, "; "));
  if (!claimed.empty()) {
    if (!Named(o)) {
      result->speaker_check = SpeakerCheck::kUnconfirmed;
      absl::StrAppend(&result->explanation, "; no source names a speaker, so ",
                      claimed, " is unconfirmed");
    } else if (IsClaimed(o, claimed, claimed_id)) {
      result->speaker_check = SpeakerCheck::kConfirmed;
    } else {
      result->speaker_check = SpeakerCheck::kContradicted;
      absl::StrAppend(&result->explanation, "; said by ", o.speaker, ", not ",
                      claimed);
    }
  }
  result->diff = std::move(diff);
  result->meaning = std::move(meaning);
  return true;
}

}  // namespace

VerifyResult VerifyQuote(absl::string_view query,
                         absl::string_view claimed_speaker,
                         absl::string_view claimed_date,
                         absl::Span<const QuoteOccurrence> candidates,
                         absl::string_view claimed_speaker_id) {
  VerifyResult result;
  const std::vector<Scored> scored =
      ScoreCandidates(query, claimed_date, candidates);
  const Scored* best = PickBest(candidates, scored);
  const std::string before =
      claimed_date.empty() ? "" : absl::StrCat(" on or before ", claimed_date);
  result.confidence = 0.99;
  if (best == nullptr) {
    result.explanation = absl::StrCat("No matching quote found", before);
    return result;
  }
  if (best->whole || best->fragment) {
    DecideFound(query, claimed_speaker, claimed_speaker_id, candidates, scored,
                *best, &result);
    return result;
  }
  const double coverage = ContentCoverage(query, candidates[best->index].text);
  if (DecideAltered(query, claimed_speaker, claimed_speaker_id, candidates,
                    scored, *best, coverage, &result)) {
    return result;
  }
  result.score = best->match.score;
  result.best = best->index;
  result.confidence =
      std::clamp(1 - Resemblance(best->match.score, coverage), 0.5, 0.99);
  char score[16];
  std::snprintf(score, sizeof(score), "%.2f", best->match.score);
  result.explanation = absl::StrCat("No matching quote found", before,
                                    " (closest scored ", score);
  if (coverage < kMinContentCoverage) {
    std::snprintf(score, sizeof(score), "%.0f%%", 100 * coverage);
    absl::StrAppend(&result.explanation, " but holds only ", score,
                    " of the content words");
  }
  result.explanation.push_back(')');
  return result;
}

}  // namespace claimcheck::verify
