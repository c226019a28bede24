// The one place where absl::Status becomes grpc::Status, plus the two
// propagation macros this Abseil lacks.
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

#define CC_STATUS_CONCAT_INNER_(a, b) a##b
#define CC_STATUS_CONCAT_(a, b) CC_STATUS_CONCAT_INNER_(a, b)

// Returns from the enclosing function if `expr` (an absl::Status) is not OK.
#define CC_RETURN_IF_ERROR(expr)                    \
  do {                                              \
    if (absl::Status cc_s_ = (expr); !cc_s_.ok()) { \
      return cc_s_;                                 \
    }                                               \
  } while (0)

// `lhs = value of expr` (an absl::StatusOr<T>), or returns its status.
#define CC_ASSIGN_OR_RETURN(lhs, expr) \
  CC_ASSIGN_OR_RETURN_IMPL_(CC_STATUS_CONCAT_(cc_sor_, __LINE__), lhs, expr)
#define CC_ASSIGN_OR_RETURN_IMPL_(tmp, lhs, expr) \
  auto tmp = (expr);                              \
  if (!tmp.ok()) return std::move(tmp).status();  \
  lhs = std::move(tmp).value()

#endif  // CLAIMCHECK_SERVER_API_STATUS_UTIL_H_
