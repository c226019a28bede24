// Speaker profiles kept by delta for the speaker-identity hook, so that
// asking the merge rule about a much-quoted speaker does not re-read all of
// its quotes for every article that quotes it.
//
// A KeptProfile holds the parts of a SpeakerProfile (store.h) that grow with
// the speaker's quotes: the quote count, the distinct match hashes, and for
// every speaker quoted in the same articles the number of articles shared.
// Name, kind and roles are not kept (the store reads them per use: one row
// each). A profile enters the cache built from the database rows the first
// time the hook needs it; after that each written article adds to the
// profiles of its speakers that are cached (AddArticle). Anything else that
// moves or removes quotes (replacing or deleting an article, a merge or its
// undoing) drops the profiles it touches, which are rebuilt from rows when
// next needed; a rolled-back transaction drops them all.
//
// Not thread-safe: the store guards it with its write mutex.
#ifndef CLAIMCHECK_SERVER_STORE_SPEAKER_PROFILES_H_
#define CLAIMCHECK_SERVER_STORE_SPEAKER_PROFILES_H_

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/types/span.h"
#include "server/store/store.h"

namespace claimcheck::store {

// A profile lists at most this many co-speakers: those sharing the most
// articles with it, ties broken by the smaller id (see SpeakerProfile).
inline constexpr int kMaxProfileCoSpeakers = 256;

struct KeptProfile {
  int quote_count = 0;
  std::vector<uint64_t> quote_hashes;  // sorted, distinct
  // Speaker id -> articles in which both are quoted (never the speaker
  // itself; counts are positive).
  absl::flat_hash_map<std::string, int> co_articles;
};

// One quote of an article as stored: its speaker id and match hash.
struct StoredQuote {
  std::string speaker_id;
  uint64_t match_hash = 0;
};

class SpeakerProfileCache {
 public:
  // The cached profile of `id`, or nullptr.
  const KeptProfile* Find(const std::string& id) const;
  void Put(const std::string& id, KeptProfile profile);
  void Erase(const std::string& id) { profiles_.erase(id); }
  void Clear() { profiles_.clear(); }
  size_t size() const { return profiles_.size(); }

  // Adds one newly written article (all of its quotes that have a speaker,
  // with their final speaker ids) to the cached profiles of its speakers.
  void AddArticle(absl::Span<const StoredQuote> quotes);

 private:
  absl::flat_hash_map<std::string, KeptProfile> profiles_;
};

// The co-speakers a SpeakerProfile lists for `kept`: at most
// kMaxProfileCoSpeakers, most shared articles first, then by id.
std::vector<std::string> TopCoSpeakers(const KeptProfile& kept);

}  // namespace claimcheck::store

#endif  // CLAIMCHECK_SERVER_STORE_SPEAKER_PROFILES_H_
