// SameSpeaker: speaker identity across articles.
#include <cstddef>
#include <string>
#include <vector>

#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "server/extract/normalize.h"
#include "server/verify/verify.h"

namespace claimcheck::verify {
namespace {

// "j" is an initial of "joe".
bool FirstNamesAgree(absl::string_view a, absl::string_view b) {
  if (a == b) return true;
  if (a.size() == 1 && !b.empty() && b[0] == a[0]) return true;
  if (b.size() == 1 && !a.empty() && a[0] == b[0]) return true;
  return false;
}

}  // namespace

bool SameSpeaker(absl::string_view claimed, absl::string_view canonical) {
  const std::string a = extract::SpeakerKey(claimed);
  const std::string b = extract::SpeakerKey(canonical);
  if (a.empty() || b.empty()) return false;
  if (a == b) return true;
  std::vector<absl::string_view> ta = absl::StrSplit(a, ' ');
  std::vector<absl::string_view> tb = absl::StrSplit(b, ' ');
  if (ta.back() != tb.back()) return false;
  // A bare surname names whoever has it: "Trump" vs "Donald Trump".
  if (ta.size() == 1 || tb.size() == 1) return true;
  // Full names: the shorter one's first name (or initial) must appear before
  // the surname in the longer one. Middle names and leading role words are
  // ignored ("Donald J. Trump", "Iranian President Masoud Pezeshkian");
  // "Bill Clinton" is not "Hillary Clinton".
  if (ta.size() > tb.size()) ta.swap(tb);
  for (size_t k = 0; k + 1 < tb.size(); ++k) {
    if (FirstNamesAgree(ta.front(), tb[k])) return true;
  }
  return false;
}

}  // namespace claimcheck::verify
