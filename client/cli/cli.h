// Shared pieces of the `claimcheck` command-line tool: the parsed flags, the
// context every command runs with, and output helpers (JSON lines, aligned
// key/value blocks, error lines). Single-threaded, like the tool itself.
#ifndef CLAIMCHECK_CLIENT_CLI_CLI_H_
#define CLAIMCHECK_CLIENT_CLI_CLI_H_

#include <optional>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "claimcheck/v1/claimcheck.pb.h"
#include "client/client.h"
#include "google/protobuf/message.h"

namespace claimcheck::cli {

// Command-line flags after parsing, as plain values (see main.cc for the
// flags themselves and which command reads which).
struct CliFlags {
  bool json = false;
  std::string outlet;
  std::string date;
  bool approx = false;
  float min_score = 0;
  int limit = 0;
  std::string page_token;
  std::string from;
  std::string to;
  std::string speaker;
  std::string subject;
  std::string unit;
  std::string kind;  // claims: comma-separated kinds ("count,money")
  std::optional<double> min;
  std::optional<double> max;
  bool text = false;
  bool claimreview = false;
  std::string reviewer;
  std::string review_url;
  bool all = false;
  int64_t after = 0;      // watch: resume after this sequence
  bool from_now = false;  // watch: only new events
  int max_events = 0;     // watch: stop after N events (0: never)
  absl::Duration watch_for = absl::InfiniteDuration();  // watch: stop after
};

// What a command runs with.
struct Cli {
  const Client& client;
  const CliFlags& flags;
  std::ostream& out;
  std::ostream& err;
  // Terminal width for tables; 0 when stdout is not a terminal.
  int width = 0;
  // Command name, for error lines.
  std::string command;
  // The server address as given (--server), for error lines.
  std::string server;
};

// Prints `message` as one JSON line (proto field names, enums by name,
// defaults included).
void PrintJson(const Cli& cli, const google::protobuf::Message& message);

// Prints "claimcheck: <command>: <CODE>: <message>" to stderr and returns
// the exit code for `status`. An unreachable server gets a plain message
// ("cannot resolve host 'x'", "nothing answers at h:p") instead of gRPC's.
int Fail(const Cli& cli, const absl::Status& status);

// Prints "claimcheck: <command>: <message>" and a pointer to the command's
// --help; returns the usage exit code.
int UsageError(const Cli& cli, absl::string_view message);

// Prints "key:  value" lines with the values aligned. Empty values are
// skipped.
void PrintFields(
    const Cli& cli,
    const std::vector<std::pair<std::string, std::string>>& fields);

// An enum value's name without its type prefix: VERDICT_SUPPORTED ->
// SUPPORTED.
std::string ShortEnumName(const google::protobuf::EnumDescriptor* descriptor,
                          int value);

// 1500000 -> "1,500,000"; 2.5 -> "2.5"; infinities -> "-inf" / "inf".
std::string FormatNumber(double value);

// The value of a claim as a short expression: "~2,000", ">=1,000",
// "1,000-3,000", "<=60", "3".
std::string FormatClaimValue(const v1::NumericClaim& claim);

// The kind of a claim in lower case ("money", "age"; "" when unspecified).
std::string FormatKind(const v1::NumericClaim& claim);

// A reported change: "up", "down by" (the size of the change), "down from
// 208" (a level with its base); "" when none.
std::string FormatChange(const v1::NumericClaim& claim);

// Parses "count,money" into kinds; false (and *bad set) on an unknown name.
bool ParseKinds(absl::string_view names, std::vector<v1::QuantityKind>* kinds,
                std::string* bad);

// "begin-end" byte span.
std::string FormatSpan(const v1::Span& span);

// A word diff inline: equal words plain, "[-deleted-]" and "{+inserted+}".
std::string FormatDiff(
    const google::protobuf::RepeatedPtrField<v1::WordDiff>& diff);

// Width for a quote column given the terminal width.
int QuoteWidth(const Cli& cli);

// The message Fail() prints for an UNAVAILABLE call to `server`: plain words
// for a host that does not resolve or a port where nothing listens, else
// gRPC's own message.
std::string UnavailableMessage(absl::string_view server,
                               absl::string_view grpc_message);

// The usual ending of a command: fails on an error status; prints the
// response as JSON with --json, else through `print` (a callable taking the
// response). Returns `exit_code(response)`, or kExitOk when not given.
template <typename Response, typename Print, typename ExitCodeOf>
int Answer(const Cli& cli, const absl::StatusOr<Response>& response,
           Print print, ExitCodeOf exit_code) {
  if (!response.ok()) return Fail(cli, response.status());
  if (cli.flags.json) {
    PrintJson(cli, *response);
  } else {
    print(*response);
  }
  return exit_code(*response);
}
template <typename Response, typename Print>
int Answer(const Cli& cli, const absl::StatusOr<Response>& response,
           Print print) {
  return Answer(cli, response, print, [](const Response&) { return 0; });
}

}  // namespace claimcheck::cli

#endif  // CLAIMCHECK_CLIENT_CLI_CLI_H_
