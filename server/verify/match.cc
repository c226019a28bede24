// ScoreMatch and WordDiff.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "server/extract/normalize.h"
#include "server/verify/align.h"
#include "server/verify/verify.h"

namespace claimcheck::verify {
namespace {

// Position of `needle` as a contiguous run inside `hay`, or -1.
int FindRun(absl::Span<const absl::string_view> needle,
            absl::Span<const absl::string_view> hay) {
  if (needle.empty() || needle.size() > hay.size()) return -1;
  for (size_t start = 0; start + needle.size() <= hay.size(); ++start) {
    size_t k = 0;
    while (k < needle.size() && hay[start + k] == needle[k]) ++k;
    if (k == needle.size()) return static_cast<int>(start);
  }
  return -1;
}

// Score of a (near-)containment: `local` is the similarity of the shorter
// text to the window of the longer one it aligns with; `full` the whole-text
// Dice score. Short texts get no fragment credit.
double FragmentScore(double local, double full, size_t shorter) {
  if (shorter < static_cast<size_t>(kMinFragmentWords)) return full;
  return std::max(full, local * (kFragmentFloor + (1 - kFragmentFloor) * full));
}

extract::Span Cover(const std::vector<extract::MatchToken>& tokens,
                    size_t first, size_t last) {
  return {tokens[first].source.begin, tokens[last].source.end};
}

}  // namespace

MatchQuery::MatchQuery(absl::string_view query)
    : words_(extract::MatchTokens(query)), views_(Views(words_)) {}

MatchScore ScoreMatch(absl::string_view query, absl::string_view stored) {
  return ScoreMatch(MatchQuery(query), stored);
}

MatchScore ScoreMatch(const MatchQuery& query, absl::string_view stored) {
  MatchScore result;
  const std::vector<absl::string_view>& q = query.words();
  if (q.empty()) return result;
  const std::vector<extract::MatchToken> s_tokens =
      extract::MatchTokensWithSpans(stored);
  if (s_tokens.empty()) return result;
  std::vector<absl::string_view> s;
  s.reserve(s_tokens.size());
  for (const extract::MatchToken& t : s_tokens) s.push_back(t.text);
  const size_t nq = q.size(), ns = s.size();

  if (q == s) {
    result.score = 1;
    result.exact = true;
    result.matched = Cover(s_tokens, 0, ns - 1);
    return result;
  }
  if (nq < ns) {
    if (const int at = FindRun(q, s); at >= 0) {
      result.query_is_fragment = true;
      result.score = FragmentScore(1, 2.0 * nq / (nq + ns), nq);
      result.matched = Cover(s_tokens, at, at + nq - 1);
      return result;
    }
  } else if (ns < nq && FindRun(s, q) >= 0) {
    result.stored_is_fragment = true;
    result.score = FragmentScore(1, 2.0 * ns / (nq + ns), ns);
    result.matched = Cover(s_tokens, 0, ns - 1);
    return result;
  }

  const std::vector<std::pair<uint32_t, uint32_t>> pairs = AlignWords(q, s);
  if (pairs.empty()) return result;
  const double lcs = static_cast<double>(pairs.size());
  const double full = 2 * lcs / (nq + ns);
  double local;
  if (nq <= ns) {
    const size_t window = pairs.back().second - pairs.front().second + 1;
    local = 2 * lcs / (nq + window);
  } else {
    const size_t window = pairs.back().first - pairs.front().first + 1;
    local = 2 * lcs / (ns + window);
  }
  result.score = FragmentScore(local, full, std::min(nq, ns));
  result.matched = Cover(s_tokens, pairs.front().second, pairs.back().second);
  return result;
}

std::vector<WordEdit> WordDiff(absl::string_view from, absl::string_view to) {
  const std::vector<std::string> a_words = extract::MatchTokens(from);
  const std::vector<std::string> b_words = extract::MatchTokens(to);
  const std::vector<absl::string_view> a = Views(a_words);
  const std::vector<absl::string_view> b = Views(b_words);
  std::vector<WordEdit> edits;
  auto emit = [&edits](WordEdit::Op op, absl::string_view word) {
    if (edits.empty() || edits.back().op != op) {
      edits.push_back({op, std::string(word)});
    } else {
      edits.back().text.push_back(' ');
      edits.back().text.append(word.data(), word.size());
    }
  };
  size_t i = 0, j = 0;
  auto flush_to = [&](size_t ai, size_t bj) {
    for (; i < ai; ++i) emit(WordEdit::Op::kDelete, a[i]);
    for (; j < bj; ++j) emit(WordEdit::Op::kInsert, b[j]);
  };
  for (const auto& [pa, pb] : AlignWords(a, b)) {
    flush_to(pa, pb);
    emit(WordEdit::Op::kEqual, a[pa]);
    ++i;
    ++j;
  }
  flush_to(a.size(), b.size());
  return edits;
}

}  // namespace claimcheck::verify
