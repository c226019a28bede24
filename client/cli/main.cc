// claimcheck: command-line client for the claimcheck service.
//
//   claimcheck [--server=HOST:PORT] [--token=T] [--json] <command> [args]
//
// Flags may come before or after the command; all flags are global and each
// command reads the ones listed for it in --help. Flag names take '-' or '_'
// alike (--page-token == --page_token). Put "--" before a positional
// argument that starts with '-'.
//
// Exit codes (client/exit_codes.h):
//   0 ok (verify: SUPPORTED; consistency: sources agree)
//   1 usage error or unreadable local input
//   2 server said NOT_FOUND
//   3 finding: verify MISATTRIBUTED/ALTERED/PARTIAL; consistency: disagreement
//   4 nothing matched: verify NOT_FOUND; who-said no match
//   5 server said INVALID_ARGUMENT / OUT_OF_RANGE; ingest: article rejected
//   6 server unreachable or too slow (UNAVAILABLE, DEADLINE_EXCEEDED)
//   7 any other error
#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <iostream>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "client/cli/args.h"
#include "client/cli/cli.h"
#include "client/cli/commands.h"
#include "client/client.h"
#include "client/exit_codes.h"

ABSL_FLAG(std::string, server, "localhost:50051",
          "claimcheckd address, HOST:PORT");
ABSL_FLAG(std::string, token, "",
          "bearer token (also read from $CLAIMCHECK_TOKEN)");
ABSL_FLAG(std::string, tls_ca, "",
          "PEM file of root certificates; switches to TLS");
ABSL_FLAG(std::string, tls_cert, "",
          "PEM client certificate chain for mTLS (with --tls_key); switches "
          "to TLS");
ABSL_FLAG(std::string, tls_key, "", "PEM private key of --tls_cert (mTLS)");
ABSL_FLAG(absl::Duration, deadline, absl::Seconds(10),
          "deadline of each call, e.g. 10s, 2m");
ABSL_FLAG(bool, json, false, "print responses as JSON, one object per line");
ABSL_FLAG(std::string, outlet, "",
          "ingest: outlet for files that give none; quotes: only this outlet");
ABSL_FLAG(std::string, date, "",
          "ingest: date for files that give none; verify: date of the claim "
          "(YYYY-MM-DD)");
ABSL_FLAG(bool, approx, false, "who-said: approximate matching");
ABSL_FLAG(double, min_score, 0, "who-said: minimum score 0..1 (--approx)");
ABSL_FLAG(int, limit, 0, "page size / most results (0 = server default)");
ABSL_FLAG(std::string, page_token, "", "page token from a previous call");
ABSL_FLAG(std::string, from, "", "quotes, conflicts: from date YYYY-MM-DD");
ABSL_FLAG(std::string, to, "", "quotes, conflicts: to date YYYY-MM-DD");
ABSL_FLAG(std::string, speaker, "", "verify: the claimed speaker");
ABSL_FLAG(std::string, subject, "", "claims, consistency quantity: subject");
ABSL_FLAG(std::string, unit, "", "claims: what is counted");
ABSL_FLAG(std::string, kind, "",
          "claims: only these kinds, comma-separated (number, count, money, "
          "percent, fraction, measure, duration, rate, age, rank)");
ABSL_FLAG(std::string, min, "", "claims: minimum value");
ABSL_FLAG(std::string, max, "", "claims: maximum value");
ABSL_FLAG(bool, text, false, "article: include the full text");
ABSL_FLAG(bool, claimreview, false,
          "verify: print the verdict as schema.org ClaimReview JSON-LD");
ABSL_FLAG(std::string, reviewer, "claimcheck",
          "verify --claimreview: the reviewing organisation");
ABSL_FLAG(bool, all, false, "merges: include undone merges");
ABSL_FLAG(std::string, review_url, "",
          "verify --claimreview: URL of the published review");
ABSL_FLAG(int64_t, after, 0, "watch: resume after this event sequence");
ABSL_FLAG(bool, from_now, false, "watch: only events from now on");
ABSL_FLAG(int, max_events, 0, "watch: stop after N events (0 = never)");
ABSL_FLAG(absl::Duration, watch_for, absl::InfiniteDuration(),
          "watch: stop after this long, e.g. 30s (default: never)");

namespace claimcheck::cli {
namespace {

int TerminalWidth() {
  if (isatty(STDOUT_FILENO) != 1) return 0;
  struct winsize size;
  if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) != 0 || size.ws_col == 0) {
    return 0;
  }
  return size.ws_col;
}

CliFlags ReadFlags() {
  CliFlags flags;
  flags.json = absl::GetFlag(FLAGS_json);
  flags.outlet = absl::GetFlag(FLAGS_outlet);
  flags.date = absl::GetFlag(FLAGS_date);
  flags.approx = absl::GetFlag(FLAGS_approx);
  flags.min_score = static_cast<float>(absl::GetFlag(FLAGS_min_score));
  flags.limit = absl::GetFlag(FLAGS_limit);
  flags.page_token = absl::GetFlag(FLAGS_page_token);
  flags.from = absl::GetFlag(FLAGS_from);
  flags.to = absl::GetFlag(FLAGS_to);
  flags.speaker = absl::GetFlag(FLAGS_speaker);
  flags.subject = absl::GetFlag(FLAGS_subject);
  flags.unit = absl::GetFlag(FLAGS_unit);
  flags.kind = absl::GetFlag(FLAGS_kind);
  flags.text = absl::GetFlag(FLAGS_text);
  flags.claimreview = absl::GetFlag(FLAGS_claimreview);
  flags.reviewer = absl::GetFlag(FLAGS_reviewer);
  flags.review_url = absl::GetFlag(FLAGS_review_url);
  flags.all = absl::GetFlag(FLAGS_all);
  flags.after = absl::GetFlag(FLAGS_after);
  flags.from_now = absl::GetFlag(FLAGS_from_now);
  flags.max_events = absl::GetFlag(FLAGS_max_events);
  flags.watch_for = absl::GetFlag(FLAGS_watch_for);
  return flags;
}

ClientOptions ReadClientOptions() {
  ClientOptions options;
  options.target = absl::GetFlag(FLAGS_server);
  options.bearer_token = absl::GetFlag(FLAGS_token);
  if (options.bearer_token.empty()) {
    if (const char* env = std::getenv("CLAIMCHECK_TOKEN")) {
      options.bearer_token = env;
    }
  }
  options.tls_root_cert_path = absl::GetFlag(FLAGS_tls_ca);
  options.tls_cert_chain_path = absl::GetFlag(FLAGS_tls_cert);
  options.tls_private_key_path = absl::GetFlag(FLAGS_tls_key);
  options.deadline = absl::GetFlag(FLAGS_deadline);
  return options;
}

// Prints "claimcheck: <message>" and where help is; the usage exit code.
// `command` names the command whose help to point at ("" for the global).
int EarlyUsageError(absl::string_view message, absl::string_view command) {
  std::cerr << "claimcheck: " << message << "\nRun 'claimcheck " << command
            << (command.empty() ? "" : " ") << "--help' for usage.\n";
  return kExitUsage;
}

// Parses --min/--max into `flags`; false (and *bad) on a value that is not a
// number.
bool ParseRange(CliFlags& flags, std::string* bad) {
  const std::pair<std::string, std::optional<double>*> numbers[] = {
      {absl::GetFlag(FLAGS_min), &flags.min},
      {absl::GetFlag(FLAGS_max), &flags.max}};
  for (const auto& [text, target] : numbers) {
    if (text.empty()) continue;
    double value;
    if (!absl::SimpleAtod(text, &value)) {
      *bad = text;
      return false;
    }
    *target = value;
  }
  return true;
}

// Answers a help request: the global help without a command, the command's
// own otherwise (an unknown command is a usage error).
int Help(const std::vector<char*>& positional) {
  if (positional.size() < 2) {
    std::cout << Usage();
    return kExitOk;
  }
  const Command* command = FindCommand(positional[1]);
  if (command == nullptr) {
    return EarlyUsageError(
        absl::StrCat("unknown command '", positional[1], "'"), "");
  }
  std::cout << CommandUsage(*command);
  return kExitOk;
}

int Main(int argc, char** argv) {
  std::vector<char*> args(argv, argv + argc);
  std::vector<std::string> store;
  const bool help = NormalizeArgs(args, store);
  if (absl::Status s = CheckFlagNames(args); !s.ok()) {
    return EarlyUsageError(s.message(), "");
  }
  absl::SetProgramUsageMessage(
      "claimcheck [--server=HOST:PORT] [--json] <command> [args]; "
      "see claimcheck --help");
  std::vector<char*> positional =
      absl::ParseCommandLine(static_cast<int>(args.size()), args.data());
  // "claimcheck help [command]" is "claimcheck [command] --help".
  if (positional.size() >= 2 && absl::string_view(positional[1]) == "help") {
    positional.erase(positional.begin() + 1);
    return Help(positional);
  }
  if (help) return Help(positional);
  if (positional.size() < 2) return EarlyUsageError("no command given", "");
  const std::string name = positional[1];
  const Command* command = FindCommand(name);
  if (command == nullptr) {
    return EarlyUsageError(absl::StrCat("unknown command '", name, "'"), "");
  }
  const std::vector<std::string> command_args(positional.begin() + 2,
                                              positional.end());
  const int n = static_cast<int>(command_args.size());
  if (n < command->min_args ||
      (command->max_args >= 0 && n > command->max_args)) {
    return EarlyUsageError(CommandSynopsis(*command), name);
  }
  CliFlags flags = ReadFlags();
  std::string bad;
  if (!ParseRange(flags, &bad)) {
    return EarlyUsageError(absl::StrCat(name, ": not a number: '", bad, "'"),
                           name);
  }
  const ClientOptions options = ReadClientOptions();
  if (absl::Status s = CheckServerAddress(options.target); !s.ok()) {
    return EarlyUsageError(s.message(), "");
  }
  absl::StatusOr<std::unique_ptr<Client>> client = Client::Connect(options);
  if (!client.ok()) {
    std::cerr << "claimcheck: " << client.status().message() << "\n";
    return kExitUsage;
  }
  const Cli cli{**client,        flags, std::cout,     std::cerr,
                TerminalWidth(), name,  options.target};
  const int code = command->run(cli, command_args);
  std::cout.flush();
  return code;
}

}  // namespace
}  // namespace claimcheck::cli

int main(int argc, char** argv) { return claimcheck::cli::Main(argc, argv); }
