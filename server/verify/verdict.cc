// VerifyQuote: the verdict for a quote and a claimed speaker.
#include <cstddef>
#include <cstdio>
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

struct SpeakerDecision {
  bool agrees = true;
  size_t deciding = 0;
  std::string speaker;  // attributed speaker per the deciding evidence
};

// `matches` is non-empty and sorted earliest first.
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

SpeakerDecision DecideSpeaker(absl::Span<const QuoteOccurrence> c,
                              const std::vector<size_t>& matches,
                              absl::string_view claimed,
                              absl::string_view claimed_id) {
  SpeakerDecision d;
  d.deciding = matches.front();
  if (!claimed.empty()) {
    for (size_t m : matches) {
      if (IsClaimed(c[m], claimed, claimed_id)) {
        d.deciding = m;
        d.speaker = std::string(c[m].speaker);
        return d;
      }
    }
  }
  // The speaker most sources name (ties: earliest).
  int best_count = 0;
  for (size_t m : matches) {
    if (c[m].speaker.empty()) continue;
    int count = 0;
    for (size_t o : matches) {
      if (SameOccurrenceSpeaker(c[m], c[o])) ++count;
    }
    if (count > best_count) {
      best_count = count;
      d.deciding = m;
      d.speaker = std::string(c[m].speaker);
    }
  }
  // With no speaker recorded anywhere the wording cannot be contradicted.
  d.agrees = claimed.empty() || d.speaker.empty();
  return d;
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

}  // namespace

VerifyResult VerifyQuote(absl::string_view query,
                         absl::string_view claimed_speaker,
                         absl::string_view claimed_date,
                         absl::Span<const QuoteOccurrence> candidates,
                         absl::string_view claimed_speaker_id) {
  VerifyResult result;
  std::vector<Scored> scored;
  for (size_t i = 0; i < candidates.size(); ++i) {
    if (AfterDate(candidates[i].date, claimed_date)) continue;
    Scored s;
    s.index = i;
    s.match = ScoreMatch(query, candidates[i].text);
    s.fragment = s.match.query_is_fragment && s.match.score >= kFragmentFloor;
    s.whole = s.match.exact;
    if (!s.whole && s.match.score >= kNearExactScore &&
        !s.match.query_is_fragment && !s.match.stored_is_fragment) {
      const std::vector<WordEdit> diff = WordDiff(candidates[i].text, query);
      s.whole = !AssessMeaning(diff, candidates[i].text, query).changed &&
                !ChangesContentWords(diff);
    }
    scored.push_back(s);
  }
  const Scored* best = nullptr;
  for (const Scored& s : scored) {
    if (best == nullptr || s.match.score > best->match.score ||
        (s.match.score == best->match.score &&
         internal::Earlier(candidates, s.index, best->index))) {
      best = &s;
    }
  }
  const std::string before =
      claimed_date.empty() ? "" : absl::StrCat(" on or before ", claimed_date);
  if (best == nullptr || best->match.score <= 0) {
    result.explanation = absl::StrCat("No matching quote found", before);
    return result;
  }

  // The same words (whole, or a contiguous run) anywhere outrank a closer
  // scoring but different wording: "A B C by the" is part of "A B C by the
  // end", not an altered "A B C".
  if (!best->whole && !best->fragment) {
    for (const Scored& s : scored) {
      if (s.whole) {
        best = &s;
        break;
      }
    }
    for (const Scored& s : scored) {
      if (best->whole || best->fragment) break;
      if (s.fragment) best = &s;
    }
  }
  if (best->whole || best->fragment) {
    const bool whole = best->whole;
    std::vector<size_t> matches;
    for (const Scored& s : scored) {
      if (s.whole || (!whole && s.fragment)) matches.push_back(s.index);
    }
    internal::SortEarliestFirst(candidates, &matches);
    const SpeakerDecision d =
        DecideSpeaker(candidates, matches, claimed_speaker, claimed_speaker_id);
    result.best = d.deciding;
    result.attributed_speaker = d.speaker;
    result.evidence = matches;
    for (const Scored& s : scored) {
      if (s.index == d.deciding) result.score = s.match.score;
    }
    const QuoteOccurrence& o = candidates[d.deciding];
    if (!whole || result.score < 1) {
      result.diff = WordDiff(o.text, query);
      result.meaning = AssessMeaning(result.diff, o.text, query);
    }
    const std::string others =
        matches.size() > 1
            ? absl::StrCat("; ", matches.size() - 1, " more source",
                           matches.size() > 2 ? "s" : "")
            : "";
    if (!d.agrees) {
      result.verdict = Verdict::kMisattributed;
      result.explanation = absl::StrCat(
          whole ? "Said by " : "Part of a longer quote by ", d.speaker, " (",
          SourceLabel(o), "), not ", claimed_speaker, others);
    } else if (whole) {
      result.verdict = Verdict::kSupported;
      result.explanation =
          d.speaker.empty() ? absl::StrCat("Found in ", SourceLabel(o),
                                           ", which names no speaker", others)
                            : absl::StrCat("Said by ", d.speaker, " (",
                                           SourceLabel(o), ")", others);
    } else {
      result.verdict = Verdict::kPartial;
      result.explanation =
          absl::StrCat("Part of a longer quote", ByWhom(d.speaker), " (",
                       SourceLabel(o), ")", others);
    }
    return result;
  }

  const QuoteOccurrence& o = candidates[best->index];
  std::vector<WordEdit> diff = WordDiff(o.text, query);
  MeaningChange meaning = AssessMeaning(diff, o.text, query);
  const bool altered = best->match.score >= kAlteredScore ||
                       (best->match.score >= kAlteredWithMeaningScore &&
                        (meaning.negation_changed || meaning.number_changed));
  if (!altered) {
    result.score = best->match.score;
    result.best = best->index;
    char score[16];
    std::snprintf(score, sizeof(score), "%.2f", best->match.score);
    result.explanation = absl::StrCat("No matching quote found", before,
                                      " (closest scored ", score, ")");
    return result;
  }
  result.verdict = Verdict::kAltered;
  result.score = best->match.score;
  result.best = best->index;
  result.attributed_speaker = std::string(o.speaker);
  // Evidence: every source that carries the same stored wording.
  const std::string stored_norm = extract::NormalizeForMatch(o.text);
  for (const Scored& s : scored) {
    if (s.index == best->index ||
        extract::NormalizeForMatch(candidates[s.index].text) == stored_norm) {
      result.evidence.push_back(s.index);
    }
  }
  internal::SortEarliestFirst(candidates, &result.evidence);
  result.explanation = absl::StrCat(
      "Altered from a quote", ByWhom(result.attributed_speaker), " (",
      SourceLabel(o), "): ",
      meaning.reasons.empty() ? DescribeEdits(diff)
                              : absl::StrJoin(meaning.reasons, "; "));
  if (!claimed_speaker.empty() && !o.speaker.empty() &&
      !IsClaimed(o, claimed_speaker, claimed_speaker_id)) {
    absl::StrAppend(&result.explanation, "; said by ", o.speaker, ", not ",
                    claimed_speaker);
  }
  result.diff = std::move(diff);
  result.meaning = std::move(meaning);
  return result;
}

}  // namespace claimcheck::verify
