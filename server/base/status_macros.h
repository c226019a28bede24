// The project's two status-propagation macros (Abseil 20220623 has none),
// the one home for every layer (store, verify, api, ...): header-only, so it
// sits below every library and adds no link dependency.
//
//   CC_RETURN_IF_ERROR(expr): returns `expr` (an absl::Status) if not OK.
//   CC_ASSIGN_OR_RETURN(lhs, expr): `lhs = value of expr` (an
//     absl::StatusOr<T>), or returns its status. Declares a hidden local, so
//     use it at most once a line.
#ifndef CLAIMCHECK_SERVER_BASE_STATUS_MACROS_H_
#define CLAIMCHECK_SERVER_BASE_STATUS_MACROS_H_

#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

#define CC_STATUS_CONCAT_INNER_(a, b) a##b
#define CC_STATUS_CONCAT_(a, b) CC_STATUS_CONCAT_INNER_(a, b)

#define CC_RETURN_IF_ERROR(expr)                    \
  do {                                              \
    if (absl::Status cc_s_ = (expr); !cc_s_.ok()) { \
      return cc_s_;                                 \
    }                                               \
  } while (0)

#define CC_ASSIGN_OR_RETURN(lhs, expr) \
  CC_ASSIGN_OR_RETURN_IMPL_(CC_STATUS_CONCAT_(cc_sor_, __LINE__), lhs, expr)
#define CC_ASSIGN_OR_RETURN_IMPL_(tmp, lhs, expr) \
  auto tmp = (expr);                              \
  if (!tmp.ok()) return std::move(tmp).status();  \
  lhs = std::move(tmp).value()

#endif  // CLAIMCHECK_SERVER_BASE_STATUS_MACROS_H_
