#include "server/store/speaker_profiles.h"

#include <algorithm>

#include "absl/container/flat_hash_set.h"

namespace claimcheck::store {

const KeptProfile* SpeakerProfileCache::Find(const std::string& id) const {
  const auto it = profiles_.find(id);
  return it == profiles_.end() ? nullptr : &it->second;
}

void SpeakerProfileCache::Put(const std::string& id, KeptProfile profile) {
  profiles_[id] = std::move(profile);
}

void SpeakerProfileCache::AddArticle(absl::Span<const StoredQuote> quotes) {
  if (profiles_.empty()) return;
  std::vector<std::string> speakers;  // distinct, in order of first quote
  {
    absl::flat_hash_set<absl::string_view> seen;
    for (const StoredQuote& q : quotes) {
      if (seen.insert(q.speaker_id).second) speakers.push_back(q.speaker_id);
    }
  }
  for (const std::string& id : speakers) {
    const auto it = profiles_.find(id);
    if (it == profiles_.end()) continue;
    KeptProfile& p = it->second;
    for (const StoredQuote& q : quotes) {
      if (q.speaker_id != id) continue;
      ++p.quote_count;
      const auto at = std::lower_bound(p.quote_hashes.begin(),
                                       p.quote_hashes.end(), q.match_hash);
      if (at == p.quote_hashes.end() || *at != q.match_hash) {
        p.quote_hashes.insert(at, q.match_hash);
      }
    }
    for (const std::string& other : speakers) {
      if (other != id) ++p.co_articles[other];
    }
  }
}

std::vector<std::string> TopCoSpeakers(const KeptProfile& kept) {
  std::vector<std::pair<int, const std::string*>> all;
  all.reserve(kept.co_articles.size());
  for (const auto& [id, n] : kept.co_articles) all.emplace_back(n, &id);
  const auto before = [](const std::pair<int, const std::string*>& a,
                         const std::pair<int, const std::string*>& b) {
    if (a.first != b.first) return a.first > b.first;
    return *a.second < *b.second;
  };
  const size_t n =
      std::min(all.size(), static_cast<size_t>(kMaxProfileCoSpeakers));
  std::partial_sort(all.begin(), all.begin() + n, all.end(), before);
  std::vector<std::string> out;
  out.reserve(n);
  for (size_t i = 0; i < n; ++i) out.push_back(*all[i].second);
  return out;
}

}  // namespace claimcheck::store
