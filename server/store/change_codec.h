// One entry of PostgresStore's change log: a write as the caller asked for
// it (articles with their extraction, a delete, a merge, a watch...), not
// its effects. Replicas apply the entries in sequence order to their own
// copy (postgres_store.h), so every replica derives the same speakers,
// merges, stories and event seqs.
//
// The encoding is a private binary format: a format version byte, then
// varints, length-prefixed strings and IEEE doubles. DecodeChange rejects
// (DATA_LOSS) anything it did not write, including an entry whose `args`
// count does not fit its kind. Pure and thread-safe.
#ifndef CLAIMCHECK_SERVER_STORE_CHANGE_CODEC_H_
#define CLAIMCHECK_SERVER_STORE_CHANGE_CODEC_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "server/extract/types.h"
#include "server/store/store.h"

namespace claimcheck::store {

enum class ChangeKind : uint8_t {
  kPut = 1,           // articles + extractions
  kDelete = 2,        // args: article id
  kMerge = 3,         // args: from id, into id, reason
  kUndoMerge = 4,     // args: merge id
  kAddWatch = 5,      // args: text, speaker; number: max_watches
  kRemoveWatch = 6,   // args: watch id
  kRecordEvents = 7,  // events
};

struct Change {
  ChangeKind kind = ChangeKind::kPut;
  std::vector<ArticleInput> inputs;              // kPut
  std::vector<extract::Extraction> extractions;  // kPut, parallel to inputs
  std::vector<std::string> args;
  int64_t number = 0;
  std::vector<WatchEventRecord> events;  // kRecordEvents
};

std::string EncodeChange(const Change& change);
absl::StatusOr<Change> DecodeChange(absl::string_view bytes);

}  // namespace claimcheck::store

#endif  // CLAIMCHECK_SERVER_STORE_CHANGE_CODEC_H_
