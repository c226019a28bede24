// The store's conflict finder (store::ConflictFinder): verify decides which
// pairs of a group conflict, and each is kept as a v1::Conflict without its
// sides' quotes or claims (nor, for attribution, the topic, which is a
// side's text), serialized into ConflictRecord::payload, with the sides'
// row ids in side_a/side_b; DecodeConflict puts the rows the store read
// back into it. Pure; thread-safe.
#ifndef CLAIMCHECK_SERVER_API_CONFLICT_FINDER_H_
#define CLAIMCHECK_SERVER_API_CONFLICT_FINDER_H_

#include <vector>

#include "absl/status/status.h"
#include "claimcheck/v1/claimcheck.pb.h"
#include "server/store/store.h"

namespace claimcheck::api {

// Attribution conflicts (verify::AttributionConflicts) of `group.quotes` and
// numeric conflicts (verify::NumericConflicts) of each of
// `group.claim_groups`, as records whose payload is a serialized
// v1::Conflict.
std::vector<store::ConflictRecord> FindGroupConflicts(
    const store::ConflictGroup& group);

// FindGroupConflicts as a store::ConflictFinder.
store::ConflictFinder MakeConflictFinder();

// The v1::Conflict of a kept record as listed (store::ListConflicts): the
// payload, with the sides' quotes (attribution) or claims (numeric) from
// the rows the store read back, and an attribution conflict's empty topic
// set to the longer side's quote text. A record kept whole (side_a empty, rows
// from schema v8 and older) is its payload. DATA_LOSS if it does not
// decode.
absl::Status DecodeConflict(const store::ConflictRecord& record,
                            v1::Conflict* out);

}  // namespace claimcheck::api

#endif  // CLAIMCHECK_SERVER_API_CONFLICT_FINDER_H_
