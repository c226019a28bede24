// The store's conflict finder (store::ConflictFinder): verify decides which
// pairs of a group conflict, and each is kept as a v1::Conflict, serialized
// into ConflictRecord::payload. Pure; thread-safe.
#ifndef CLAIMCHECK_SERVER_API_CONFLICT_FINDER_H_
#define CLAIMCHECK_SERVER_API_CONFLICT_FINDER_H_

#include <vector>

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

}  // namespace claimcheck::api

#endif  // CLAIMCHECK_SERVER_API_CONFLICT_FINDER_H_
