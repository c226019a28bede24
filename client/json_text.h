// JSON text of google.protobuf.Struct / Value trees with object keys in byte
// order, so that the same data always prints the same line (protobuf's own
// printer leaves map order unspecified). Used by the ClaimReview and the
// JSON Lines exports. Pure functions; safe from any thread.
#ifndef CLAIMCHECK_CLIENT_JSON_TEXT_H_
#define CLAIMCHECK_CLIENT_JSON_TEXT_H_

#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "google/protobuf/struct.pb.h"

namespace claimcheck {

// Appends `value` as compact JSON with sorted keys. Scalars are printed (and
// strings escaped) by protobuf. INTERNAL only if protobuf cannot print.
absl::Status AppendSortedJson(const google::protobuf::Value& value,
                              std::string* out);

// `object` as one line of compact JSON with sorted keys.
absl::StatusOr<std::string> SortedJson(const google::protobuf::Struct& object);

}  // namespace claimcheck

#endif  // CLAIMCHECK_CLIENT_JSON_TEXT_H_
