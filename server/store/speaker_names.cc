#include "server/store/speaker_names.h"

#include <algorithm>
#include <cstdlib>

#include "server/text/edit_distance.h"

namespace claimcheck::store {
namespace {

constexpr int kMaxDistance = 2;

}  // namespace

SpeakerNameIndex::Name* SpeakerNameIndex::Insert(absl::string_view id,
                                                 absl::string_view key) {
  const size_t space = key.find(' ');
  if (space == absl::string_view::npos) return nullptr;
  const size_t last_space = key.rfind(' ');
  auto [it, inserted] = names_.try_emplace(std::string(id));
  if (!inserted) return nullptr;
  Name& name = it->second;
  name.first = std::string(key.substr(0, space));
  name.last = std::string(key.substr(last_space + 1));
  by_first_[name.first][name.last.size()].push_back(it->first);
  return &name;
}

void SpeakerNameIndex::Load(absl::string_view id, absl::string_view key) {
  Insert(id, key);
}

void SpeakerNameIndex::Add(absl::string_view id, absl::string_view key) {
  Name* name = Insert(id, key);
  if (name == nullptr) return;
  // Kept candidate lists of the new speaker's variants gain it (the
  // distance is symmetric); the others will find it when first asked.
  name->candidates = Scan(id, *name);
  name->candidates_known = true;
  for (const std::string& other : name->candidates) {
    auto it = names_.find(other);
    if (it != names_.end() && it->second.candidates_known) {
      it->second.candidates.emplace_back(id);
    }
  }
}

std::vector<std::string> SpeakerNameIndex::Scan(absl::string_view id,
                                                const Name& name) const {
  std::vector<std::string> out;
  auto first = by_first_.find(name.first);
  if (first == by_first_.end()) return out;
  const size_t len = name.last.size();
  const size_t lo = len > kMaxDistance ? len - kMaxDistance : 0;
  for (size_t l = lo; l <= len + kMaxDistance; ++l) {
    auto bucket = first->second.find(l);
    if (bucket == first->second.end()) continue;
    for (const std::string& other : bucket->second) {
      if (other == id) continue;
      const Name& o = names_.at(other);
      if (text::BoundedEditDistance(name.last, o.last, kMaxDistance) <=
          kMaxDistance) {
        out.push_back(other);
      }
    }
  }
  return out;
}

const std::vector<std::string>& SpeakerNameIndex::Candidates(
    absl::string_view id) {
  static const std::vector<std::string>* const kNone =
      new std::vector<std::string>();
  auto it = names_.find(id);
  if (it == names_.end()) return *kNone;
  Name& name = it->second;
  if (!name.candidates_known) {
    name.candidates = Scan(id, name);
    name.candidates_known = true;
  }
  return name.candidates;
}

void SpeakerNameIndex::Clear() {
  names_.clear();
  by_first_.clear();
}

}  // namespace claimcheck::store
