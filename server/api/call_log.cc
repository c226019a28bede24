#include "server/api/call_log.h"

#include <cstdio>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "server/api/status_util.h"

namespace claimcheck::api {
namespace {}  // namespace

void AppendJsonString(absl::string_view s, std::string* out) {
  out->push_back('"');
  for (unsigned char c : s) {
    switch (c) {
      case '"':
        out->append("\\\"");
        break;
      case '\\':
        out->append("\\\\");
        break;
      case '\n':
        out->append("\\n");
        break;
      case '\r':
        out->append("\\r");
        break;
      case '\t':
        out->append("\\t");
        break;
      default:
        if (c < 0x20) {
          absl::StrAppendFormat(out, "\\u%04x", c);
        } else {
          out->push_back(static_cast<char>(c));
        }
    }
  }
  out->push_back('"');
}

void LogCall(bool enabled, absl::string_view method, const grpc::Status& status,
             absl::Time start, absl::string_view peer) {
  if (!enabled) return;
  const absl::Time now = absl::Now();
  std::string line = "{\"ts\":";
  AppendJsonString(
      absl::FormatTime("%Y-%m-%dT%H:%M:%E3SZ", now, absl::UTCTimeZone()),
      &line);
  line.append(",\"method\":");
  AppendJsonString(method, &line);
  absl::StrAppend(
      &line, ",\"code\":\"", StatusCodeName(status.error_code()), "\",\"ms\":",
      absl::StrFormat("%.3f", absl::ToDoubleMilliseconds(now - start)),
      ",\"peer\":");
  AppendJsonString(peer, &line);
  line.append(",\"msg\":");
  AppendJsonString(status.error_message(), &line);
  line.append("}\n");
  std::fwrite(line.data(), 1, line.size(), stderr);
}

}  // namespace claimcheck::api
