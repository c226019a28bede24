// The store's two status macros (Abseil 20220623 has none), shared by every
// backend: CC_STORE_RETURN_IF_ERROR(expr) returns a non-OK absl::Status;
// CC_STORE_ASSIGN_OR_RETURN(lhs, expr) unwraps an absl::StatusOr or returns
// its status.
#ifndef CLAIMCHECK_SERVER_STORE_STATUS_MACROS_H_
#define CLAIMCHECK_SERVER_STORE_STATUS_MACROS_H_

#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

#define CC_STORE_RETURN_IF_ERROR(expr)       \
  do {                                       \
    const absl::Status cc_status_ = (expr);  \
    if (!cc_status_.ok()) return cc_status_; \
  } while (0)

#define CC_STORE_CONCAT_INNER(a, b) a##b
#define CC_STORE_CONCAT(a, b) CC_STORE_CONCAT_INNER(a, b)
#define CC_STORE_ASSIGN_OR_RETURN(lhs, expr)                 \
  auto CC_STORE_CONCAT(cc_statusor_, __LINE__) = (expr);     \
  if (!CC_STORE_CONCAT(cc_statusor_, __LINE__).ok())         \
    return CC_STORE_CONCAT(cc_statusor_, __LINE__).status(); \
  lhs = std::move(*CC_STORE_CONCAT(cc_statusor_, __LINE__))

#endif  // CLAIMCHECK_SERVER_STORE_STATUS_MACROS_H_
