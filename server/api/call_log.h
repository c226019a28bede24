// One JSON line per finished call, on stderr:
//   {"ts":"2026-11-27T09:00:00.123Z","method":"VerifyQuote","code":"OK",
//    "ms":0.41,"peer":"ipv4:127.0.0.1:5555","msg":""}
// Thread-safe (one fwrite per line).
#ifndef CLAIMCHECK_SERVER_API_CALL_LOG_H_
#define CLAIMCHECK_SERVER_API_CALL_LOG_H_

#include <grpcpp/support/status.h>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace claimcheck::api {

// Appends `s` to `out` as a JSON string literal (quotes included).
void AppendJsonString(absl::string_view s, std::string* out);

// Writes the line for one call if logging is enabled.
void LogCall(bool enabled, absl::string_view method, const grpc::Status& status,
             absl::Time start, absl::string_view peer);

}  // namespace claimcheck::api

#endif  // CLAIMCHECK_SERVER_API_CALL_LOG_H_
