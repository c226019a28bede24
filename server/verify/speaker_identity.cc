// SpeakerMergeEvidence: spelling variants of one person's name.
#include "server/verify/speaker_identity.h"

#include <algorithm>
#include <string>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "server/extract/normalize.h"
#include "server/text/edit_distance.h"

namespace claimcheck::verify {
namespace {

// Words of a role too general to count as shared evidence on their own.
bool IsGenericRoleWord(absl::string_view w) {
  static constexpr absl::string_view kGeneric[] = {
      "the", "of",   "a",      "an",     "and",    "for",  "former",
      "new", "then", "deputy", "acting", "senior", "chief"};
  for (absl::string_view g : kGeneric) {
    if (w == g) return true;
  }
  return w.size() < 3;
}

std::vector<std::string> RoleWords(absl::string_view role) {
  std::vector<std::string> out;
  for (absl::string_view w :
       absl::StrSplit(absl::AsciiStrToLower(role), absl::ByAnyChar(" ,.-'"),
                      absl::SkipEmpty())) {
    if (!IsGenericRoleWord(w)) out.emplace_back(w);
  }
  return out;
}

// The first role of `a` that shares a specific word with a role of `b`.
std::string SharedRole(const std::vector<std::string>& a,
                       const std::vector<std::string>& b) {
  for (const std::string& ra : a) {
    const std::vector<std::string> wa = RoleWords(ra);
    for (const std::string& rb : b) {
      for (const std::string& w : RoleWords(rb)) {
        if (std::find(wa.begin(), wa.end(), w) != wa.end()) return ra;
      }
    }
  }
  return "";
}

// Linear in the sizes: profiles of much-quoted speakers list thousands of
// hashes, and the rule is asked about them for every article quoting them.
template <typename T>
bool Intersects(const std::vector<T>& a, const std::vector<T>& b) {
  const std::vector<T>& small = a.size() <= b.size() ? a : b;
  const std::vector<T>& large = a.size() <= b.size() ? b : a;
  if (small.size() * large.size() <= 256) {
    for (const T& x : small) {
      if (std::find(large.begin(), large.end(), x) != large.end()) return true;
    }
    return false;
  }
  const absl::flat_hash_set<T> in_small(small.begin(), small.end());
  for (const T& x : large) {
    if (in_small.contains(x)) return true;
  }
  return false;
}

bool IsPersonLike(extract::SpeakerKind k) {
  return k != extract::SpeakerKind::kOrganization;
}

}  // namespace

std::string SpeakerMergeEvidence(const SpeakerEvidence& a,
                                 const SpeakerEvidence& b) {
  if (!IsPersonLike(a.kind) || !IsPersonLike(b.kind)) return "";
  const std::string ka = extract::SpeakerKey(a.name);
  const std::string kb = extract::SpeakerKey(b.name);
  if (ka.empty() || kb.empty() || ka == kb) return "";
  const std::vector<absl::string_view> ta = absl::StrSplit(ka, ' ');
  const std::vector<absl::string_view> tb = absl::StrSplit(kb, ' ');
  if (ta.size() < 2 || tb.size() < 2) return "";
  if (ta.front() != tb.front() || ta.front().size() < 2) return "";
  const absl::string_view sa = ta.back();
  const absl::string_view sb = tb.back();
  const int distance = text::BoundedEditDistance(sa, sb, 2);
  const size_t shorter = std::min(sa.size(), sb.size());
  if (distance < 1 || distance > 2) return "";
  if (distance == 1 && shorter < 4) return "";
  if (distance == 2 && shorter < 6) return "";

  std::vector<std::string> because;
  const std::string role = SharedRole(a.roles, b.roles);
  if (!role.empty()) because.push_back(absl::StrCat("shared role: ", role));
  if (Intersects(a.quote_hashes, b.quote_hashes)) {
    because.push_back("the same quote attributed to both");
  }
  if (Intersects(a.co_speakers, b.co_speakers)) {
    because.push_back("quoted alongside the same speaker");
  }
  if (because.empty()) return "";
  // Surnames as written (last word of each name).
  const auto last_word = [](absl::string_view name) {
    const size_t at = name.find_last_of(' ');
    return at == absl::string_view::npos ? name : name.substr(at + 1);
  };
  return absl::StrCat("surname spelling ", last_word(a.name), " ~ ",
                      last_word(b.name), " (edit distance ", distance,
                      "), same first name; ", absl::StrJoin(because, "; "));
}

}  // namespace claimcheck::verify
