// GoogleTest matchers for absl::Status and absl::StatusOr<T>, in place of
// hand checks of `.status().code()`:
//
//   EXPECT_THAT(store->GetArticle("nope"),
//   StatusIs(absl::StatusCode::kNotFound)); EXPECT_THAT(s,
//   StatusIs(absl::StatusCode::kInvalidArgument,
//                           HasSubstr("page_size")));
//   ASSERT_THAT(got, IsOk());
#ifndef CLAIMCHECK_TESTS_STATUS_MATCHERS_H_
#define CLAIMCHECK_TESTS_STATUS_MATCHERS_H_

#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "gmock/gmock.h"

namespace claimcheck::testing {
namespace internal {

inline const absl::Status& GetStatus(const absl::Status& s) { return s; }
template <typename T>
const absl::Status& GetStatus(const absl::StatusOr<T>& s) {
  return s.status();
}

}  // namespace internal

// An absl::Status or absl::StatusOr<T> whose code is `code`.
MATCHER_P(StatusIs, code, "") {
  const absl::Status& s = internal::GetStatus(arg);
  *result_listener << "whose status is " << s;
  return s.code() == code;
}

// ... and whose message matches `message` (a matcher or a string).
MATCHER_P2(StatusIs, code, message, "") {
  const absl::Status& s = internal::GetStatus(arg);
  *result_listener << "whose status is " << s;
  return s.code() == code &&
         ::testing::Matches(message)(std::string(s.message()));
}

// An OK absl::Status or absl::StatusOr<T>.
MATCHER(IsOk, "") {
  const absl::Status& s = internal::GetStatus(arg);
  *result_listener << "whose status is " << s;
  return s.ok();
}

}  // namespace claimcheck::testing

#endif  // CLAIMCHECK_TESTS_STATUS_MATCHERS_H_
