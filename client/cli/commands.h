// The subcommands of `claimcheck`: one function per command, each taking the
// command's positional arguments and returning the process exit code (see
// client/exit_codes.h).
#ifndef CLAIMCHECK_CLIENT_CLI_COMMANDS_H_
#define CLAIMCHECK_CLIENT_CLI_COMMANDS_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "client/cli/cli.h"

namespace claimcheck::cli {

struct Command {
  const char* name;
  // Positional arguments as shown in --help, e.g. "<speaker>".
  const char* synopsis;
  // Flags the command reads, as shown in --help.
  const char* flags;
  // One line of help.
  const char* help;
  int min_args;
  int max_args;  // -1: no limit
  int (*run)(const Cli& cli, const std::vector<std::string>& args);
};

// Every command, in --help order.
const std::vector<Command>& Commands();

// The command called `name`, or nullptr.
const Command* FindCommand(absl::string_view name);

// Defined in ingest.cc.
int RunIngest(const Cli& cli, const std::vector<std::string>& args);

// Defined in export.cc.
int RunExport(const Cli& cli, const std::vector<std::string>& args);

// Defined in watch.cc.
int WatchAdd(const Cli& cli, const std::vector<std::string>& args);
int WatchRemove(const Cli& cli, const std::vector<std::string>& args);
int WatchList(const Cli& cli, const std::vector<std::string>& args);
int WatchEvents(const Cli& cli, const std::vector<std::string>& args);

}  // namespace claimcheck::cli

#endif  // CLAIMCHECK_CLIENT_CLI_COMMANDS_H_
