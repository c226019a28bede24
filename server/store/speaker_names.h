// In-memory index of speaker names for the speaker-identity hook: finds the
// speakers whose name could be a spelling variant of another's without
// scanning the speakers table.
//
// A variant candidate of speaker X is a speaker Y whose key
// (extract::SpeakerKey) has the same first word as X's, at least two words,
// and a last word within edit distance 2 of X's last word (optimal string
// alignment: a transposition counts 1). That is the name part of the merge
// rule (see SpeakerMergeRule in store.h); the rule is asked only about such
// pairs.
//
// The index may hold ids of speakers that no longer exist (it is never
// pruned; callers check the database), but must hold every existing
// speaker: the store adds each speaker it writes and reloads the index after
// a rolled-back transaction. Cost per lookup: one pass over the speakers
// sharing the first word whose last word's length is within 2, done once
// per speaker and then kept (new speakers are appended to the kept lists).
//
// Not thread-safe: the store guards it with its write mutex.
#ifndef CLAIMCHECK_SERVER_STORE_SPEAKER_NAMES_H_
#define CLAIMCHECK_SERVER_STORE_SPEAKER_NAMES_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/string_view.h"

namespace claimcheck::store {

class SpeakerNameIndex {
 public:
  // Adds speaker `id` with key `key`; no-op if `id` is already present or
  // the key has fewer than two words. Add() keeps the candidate lists
  // already computed up to date (one scan); Load() is for filling the index
  // at open and defers all work to the first Candidates() call.
  void Add(absl::string_view id, absl::string_view key);
  void Load(absl::string_view id, absl::string_view key);

  // Ids of the variant candidates of `id` (see above), in no set order;
  // empty if `id` is unknown.
  const std::vector<std::string>& Candidates(absl::string_view id);

  void Clear();
  size_t size() const { return names_.size(); }

 private:
  struct Name {
    std::string first, last;
    bool candidates_known = false;
    std::vector<std::string> candidates;  // valid when candidates_known
  };
  // Speakers sharing a first word, bucketed by last word's length.
  using LengthBuckets = absl::flat_hash_map<size_t, std::vector<std::string>>;

  // Inserts; returns the new entry, or nullptr if not added.
  Name* Insert(absl::string_view id, absl::string_view key);
  // Ids in the buckets of `name` whose last word is within distance 2.
  std::vector<std::string> Scan(absl::string_view id, const Name& name) const;

  absl::flat_hash_map<std::string, Name> names_;              // by id
  absl::flat_hash_map<std::string, LengthBuckets> by_first_;  // by first word
};

}  // namespace claimcheck::store

#endif  // CLAIMCHECK_SERVER_STORE_SPEAKER_NAMES_H_
