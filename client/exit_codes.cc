#include "client/exit_codes.h"

namespace claimcheck {

ExitCode ExitCodeForStatus(const absl::Status& status) {
  switch (status.code()) {
    case absl::StatusCode::kOk:
      return kExitOk;
    case absl::StatusCode::kNotFound:
      return kExitNotFound;
    case absl::StatusCode::kInvalidArgument:
    case absl::StatusCode::kOutOfRange:
      return kExitInvalidArgument;
    case absl::StatusCode::kUnavailable:
    case absl::StatusCode::kDeadlineExceeded:
      return kExitUnavailable;
    default:
      return kExitOther;
  }
}

ExitCode ExitCodeForVerdict(v1::Verdict verdict) {
  switch (verdict) {
    case v1::VERDICT_SUPPORTED:
      return kExitOk;
    case v1::VERDICT_MISATTRIBUTED:
    case v1::VERDICT_ALTERED:
    case v1::VERDICT_PARTIAL:
    case v1::VERDICT_UNATTRIBUTED:
      return kExitFinding;
    case v1::VERDICT_NOT_FOUND:
      return kExitNoMatch;
    default:
      return kExitOther;
  }
}

ExitCode ExitCodeForAgreement(v1::Agreement agreement) {
  switch (agreement) {
    case v1::AGREEMENT_CONSISTENT:
    case v1::AGREEMENT_COMPATIBLE:
      return kExitOk;
    case v1::AGREEMENT_WORDING_VARIANT:
    case v1::AGREEMENT_ATTRIBUTION_CONFLICT:
    case v1::AGREEMENT_CONFLICTING:
      return kExitFinding;
    default:
      return kExitNoMatch;
  }
}

}  // namespace claimcheck
