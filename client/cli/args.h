// Command-line checks of `claimcheck` that run before any call: help
// requests, flag names (with a hint for a misspelt one), the server
// address. Pure functions over argv and the registered absl flags;
// single-threaded like the tool.
#ifndef CLAIMCHECK_CLIENT_CLI_ARGS_H_
#define CLAIMCHECK_CLIENT_CLI_ARGS_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "client/cli/commands.h"

namespace claimcheck::cli {

// Rewrites "--page-token=x" to "--page_token=x" (absl flag names cannot hold
// '-') and removes help requests (--help, -h, -help) from `argv`, up to a
// bare "--". `store` owns the rewritten strings. Returns true if help was
// asked for.
bool NormalizeArgs(std::vector<char*>& argv, std::vector<std::string>& store);

// OK when every flag in `argv` (up to "--") is one of claimcheck's or
// abseil's; otherwise INVALID_ARGUMENT "unknown flag --x (did you mean
// --y?)".
absl::Status CheckFlagNames(const std::vector<char*>& argv);

// OK for "HOST:PORT", "[IPv6]:PORT" and gRPC target URIs ("dns:///h:p",
// "unix:/path", "ipv4:...", "ipv6:..."); INVALID_ARGUMENT with a plain
// message otherwise.
absl::Status CheckServerAddress(absl::string_view target);

// The global --help text. No line ends with a space.
std::string Usage();

// `claimcheck <command> --help`: synopsis, what it does, each of its flags
// with its help text, and where the global flags are. No line ends with a
// space.
std::string CommandUsage(const Command& command);

// "usage: claimcheck <name> <synopsis> <flags>" without empty parts.
std::string CommandSynopsis(const Command& command);

// Edit distance between two short strings (flag names).
int EditDistance(absl::string_view a, absl::string_view b);

}  // namespace claimcheck::cli

#endif  // CLAIMCHECK_CLIENT_CLI_ARGS_H_
