// The one place where absl::Status becomes grpc::Status. (The status
// propagation macros live in server/base/status_macros.h.)
#ifndef CLAIMCHECK_SERVER_API_STATUS_UTIL_H_
#define CLAIMCHECK_SERVER_API_STATUS_UTIL_H_

#include <grpcpp/support/status.h>

#include "absl/status/status.h"

namespace claimcheck::api {

// Same numeric code; message capped at 1 KiB.
grpc::Status ToGrpcStatus(const absl::Status& status);

// "OK", "INVALID_ARGUMENT", ...: the canonical name of a gRPC status code.
const char* StatusCodeName(grpc::StatusCode code);

}  // namespace claimcheck::api

#endif  // CLAIMCHECK_SERVER_API_STATUS_UTIL_H_
