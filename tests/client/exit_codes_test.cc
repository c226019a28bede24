#include "client/exit_codes.h"

#include "gtest/gtest.h"

namespace claimcheck {
namespace {

struct StatusCase {
  absl::StatusCode code;
  ExitCode want;
};

constexpr StatusCase kStatusCases[] = {
    {absl::StatusCode::kOk, kExitOk},
    {absl::StatusCode::kNotFound, kExitNotFound},
    {absl::StatusCode::kInvalidArgument, kExitInvalidArgument},
    {absl::StatusCode::kOutOfRange, kExitInvalidArgument},
    {absl::StatusCode::kUnavailable, kExitUnavailable},
    {absl::StatusCode::kDeadlineExceeded, kExitUnavailable},
    {absl::StatusCode::kUnauthenticated, kExitOther},
    {absl::StatusCode::kResourceExhausted, kExitOther},
    {absl::StatusCode::kInternal, kExitOther},
};

TEST(ExitCodesTest, ForStatus) {
  for (const StatusCase& c : kStatusCases) {
    SCOPED_TRACE(absl::StatusCodeToString(c.code));
    EXPECT_EQ(ExitCodeForStatus(absl::Status(c.code, "m")), c.want);
  }
}

TEST(ExitCodesTest, ForVerdict) {
  EXPECT_EQ(ExitCodeForVerdict(v1::VERDICT_SUPPORTED), 0);
  EXPECT_EQ(ExitCodeForVerdict(v1::VERDICT_MISATTRIBUTED), 3);
  EXPECT_EQ(ExitCodeForVerdict(v1::VERDICT_ALTERED), 3);
  EXPECT_EQ(ExitCodeForVerdict(v1::VERDICT_PARTIAL), 3);
  EXPECT_EQ(ExitCodeForVerdict(v1::VERDICT_UNATTRIBUTED), 3);
  EXPECT_EQ(ExitCodeForVerdict(v1::VERDICT_NOT_FOUND), 4);
  EXPECT_EQ(ExitCodeForVerdict(v1::VERDICT_UNSPECIFIED), 7);
}

TEST(ExitCodesTest, ForAgreement) {
  EXPECT_EQ(ExitCodeForAgreement(v1::AGREEMENT_CONSISTENT), 0);
  EXPECT_EQ(ExitCodeForAgreement(v1::AGREEMENT_COMPATIBLE), 0);
  EXPECT_EQ(ExitCodeForAgreement(v1::AGREEMENT_WORDING_VARIANT), 3);
  EXPECT_EQ(ExitCodeForAgreement(v1::AGREEMENT_ATTRIBUTION_CONFLICT), 3);
  EXPECT_EQ(ExitCodeForAgreement(v1::AGREEMENT_CONFLICTING), 3);
  EXPECT_EQ(ExitCodeForAgreement(v1::AGREEMENT_UNSPECIFIED), 4);
}

}  // namespace
}  // namespace claimcheck
