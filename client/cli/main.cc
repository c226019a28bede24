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

std::string Usage() {
  std::string out =
      "claimcheck: ask a claimcheck server who said what.\n\n"
      "Usage: claimcheck [--server=HOST:PORT] [--token=T] [--json] "
      "<command> [args] [flags]\n\nCommands:\n";
  for (const Command& c : Commands()) {
    absl::StrAppend(&out, "  ", c.name, *c.synopsis == '\0' ? "" : " ",
                    c.synopsis, "\n");
    if (*c.flags != '\0') absl::StrAppend(&out, "      ", c.flags, "\n");
    absl::StrAppend(&out, "      ", c.help, "\n");
  }
  absl::StrAppend(
      &out,
      "\nGlobal flags:\n"
      "  --server=HOST:PORT  server address (default localhost:50051)\n"
      "  --token=T           bearer token for writes (or $CLAIMCHECK_TOKEN)\n"
      "  --tls_ca=FILE       PEM root certificates; switches to TLS\n"
      "  --deadline=10s      deadline of each call\n"
      "  --json              print responses as JSON, one object per line\n"
      "Flag names take '-' or '_' (--page-token = --page_token). Put '--' "
      "before a\npositional argument that starts with '-'. All flags: "
      "--helpfull.\n\n"
      "Exit codes:\n"
      "  0  ok (verify: SUPPORTED; consistency: sources agree)\n"
      "  1  usage error, or a local input file that cannot be read\n"
      "  2  server said NOT_FOUND (unknown article or speaker)\n"
      "  3  a finding: verify MISATTRIBUTED, ALTERED, PARTIAL or\n"
      "     UNATTRIBUTED;\n"
      "     consistency: the sources disagree\n"
      "  4  nothing matched: verify NOT_FOUND; who-said found no quote\n"
      "  5  server said INVALID_ARGUMENT; ingest: an article was rejected\n"
      "  6  server unreachable or too slow (UNAVAILABLE, DEADLINE_EXCEEDED)\n"
      "  7  any other error (UNAUTHENTICATED, RESOURCE_EXHAUSTED, ...)\n");
  return out;
}

// Rewrites "--page-token=x" to "--page_token=x" (absl flag names cannot hold
// '-'), up to a bare "--". Returns true if help was asked for.
bool NormalizeArgs(std::vector<char*>& argv, std::vector<std::string>& store) {
  bool help = false;
  store.reserve(argv.size());
  for (size_t i = 1; i < argv.size(); ++i) {
    std::string arg = argv[i];
    if (arg == "--") break;
    if (arg == "--help" || arg == "-h" || arg == "-help" ||
        (i == 1 && arg == "help")) {
      help = true;
    }
    if (arg.size() > 2 && arg[0] == '-') {
      const size_t start = arg[1] == '-' ? 2 : 1;
      const size_t end = std::min(arg.find('='), arg.size());
      for (size_t j = start; j < end; ++j) {
        if (arg[j] == '-') arg[j] = '_';
      }
      store.push_back(std::move(arg));
      argv[i] = store.back().data();
    }
  }
  return help;
}

int TerminalWidth() {
  if (isatty(STDOUT_FILENO) != 1) return 0;
  struct winsize size;
  if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) != 0 || size.ws_col == 0) {
    return 0;
  }
  return size.ws_col;
}

int Main(int argc, char** argv) {
  std::vector<char*> args(argv, argv + argc);
  std::vector<std::string> store;
  if (NormalizeArgs(args, store)) {
    std::cout << Usage();
    return kExitOk;
  }
  absl::SetProgramUsageMessage(
      "claimcheck [--server=HOST:PORT] [--json] <command> [args]; "
      "see claimcheck --help");
  std::vector<char*> positional =
      absl::ParseCommandLine(static_cast<int>(args.size()), args.data());

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

  if (positional.size() < 2) {
    std::cerr << "claimcheck: no command given\n"
              << "Run 'claimcheck --help' for usage.\n";
    return kExitUsage;
  }
  const std::string name = positional[1];
  const std::vector<std::string> command_args(positional.begin() + 2,
                                              positional.end());
  ClientOptions options;
  options.target = absl::GetFlag(FLAGS_server);
  options.bearer_token = absl::GetFlag(FLAGS_token);
  if (options.bearer_token.empty()) {
    if (const char* env = std::getenv("CLAIMCHECK_TOKEN")) {
      options.bearer_token = env;
    }
  }
  options.tls_root_cert_path = absl::GetFlag(FLAGS_tls_ca);
  options.deadline = absl::GetFlag(FLAGS_deadline);

  // The client is made before checking arguments so that usage errors can
  // be reported through the same Cli context.
  absl::StatusOr<std::unique_ptr<Client>> client = Client::Connect(options);
  if (!client.ok()) {
    std::cerr << "claimcheck: " << client.status().message() << "\n";
    return kExitUsage;
  }
  const Cli cli{**client, flags, std::cout, std::cerr, TerminalWidth(), name};

  const Command* command = FindCommand(name);
  if (command == nullptr) {
    cli.err << "claimcheck: unknown command '" << name << "'\n"
            << "Run 'claimcheck --help' for usage.\n";
    return kExitUsage;
  }
  const int n = static_cast<int>(command_args.size());
  if (n < command->min_args ||
      (command->max_args >= 0 && n > command->max_args)) {
    return UsageError(cli,
                      absl::StrCat("usage: claimcheck ", command->name, " ",
                                   command->synopsis, " ", command->flags));
  }
  const std::pair<std::string, std::optional<double>*> numbers[] = {
      {absl::GetFlag(FLAGS_min), &flags.min},
      {absl::GetFlag(FLAGS_max), &flags.max}};
  for (const auto& [text, target] : numbers) {
    if (text.empty()) continue;
    double value;
    if (!absl::SimpleAtod(text, &value)) {
      return UsageError(cli, absl::StrCat("not a number: '", text, "'"));
    }
    *target = value;
  }
  const int code = command->run(cli, command_args);
  std::cout.flush();
  return code;
}

}  // namespace
}  // namespace claimcheck::cli

int main(int argc, char** argv) { return claimcheck::cli::Main(argc, argv); }
