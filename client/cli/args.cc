#include "client/cli/args.h"

#include <algorithm>
#include <numeric>
#include <utility>

#include "absl/flags/reflection.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/strip.h"

namespace claimcheck::cli {
namespace {

constexpr absl::string_view kGlobalFlags =
    "\nGlobal flags:\n"
    "  --server=HOST:PORT  server address (default localhost:50051)\n"
    "  --token=T           bearer token for writes (or $CLAIMCHECK_TOKEN)\n"
    "  --tls-ca=FILE       PEM root certificates; switches to TLS\n"
    "  --tls-cert=FILE     client certificate chain (PEM) for mTLS\n"
    "  --tls-key=FILE      the client certificate's private key (PEM)\n"
    "  --deadline=10s      deadline of each call\n"
    "  --json              print responses as JSON, one object per line\n"
    "Flag names take '-' or '_' (--page-token = --page_token). Put '--' "
    "before a\npositional argument that starts with '-'.\n";

constexpr absl::string_view kExitCodes =
    "\nExit codes:\n"
    "  0  ok (verify: SUPPORTED; consistency: sources agree)\n"
    "  1  usage error, or a local input file that cannot be read\n"
    "  2  server said NOT_FOUND (unknown article or speaker)\n"
    "  3  a finding: verify MISATTRIBUTED, ALTERED, PARTIAL or\n"
    "     UNATTRIBUTED; consistency: the sources disagree\n"
    "  4  nothing matched: verify NOT_FOUND; who-said found no quote\n"
    "  5  server said INVALID_ARGUMENT; ingest: an article was rejected\n"
    "  6  server unreachable or too slow (UNAVAILABLE, DEADLINE_EXCEEDED)\n"
    "  7  any other error (UNAUTHENTICATED, RESOURCE_EXHAUSTED, ...)\n";

// The flag name of one argument ("--page_token=x" -> "page_token"), or ""
// when it is not a flag.
absl::string_view FlagName(absl::string_view arg) {
  if (arg.size() < 2 || arg[0] != '-') return "";
  arg.remove_prefix(arg[1] == '-' ? 2 : 1);
  return arg.substr(0, arg.find('='));
}

bool IsKnownFlag(absl::string_view name) {
  if (absl::FindCommandLineFlag(name) != nullptr) return true;
  // --nojson, --noapprox: abseil's negation of a boolean flag.
  absl::string_view positive = name;
  if (!absl::ConsumePrefix(&positive, "no")) return false;
  const absl::CommandLineFlag* flag = absl::FindCommandLineFlag(positive);
  return flag != nullptr && flag->IsOfType<bool>();
}

// claimcheck's own flags (those defined by the CLI), sorted.
std::vector<std::string> OwnFlagNames() {
  std::vector<std::string> names;
  for (const auto& [name, flag] : absl::GetAllFlags()) {
    if (absl::StrContains(flag->Filename(), "client/cli/")) {
      names.emplace_back(name);
    }
  }
  std::sort(names.begin(), names.end());
  return names;
}

// The closest of claimcheck's flags to `name`, or "" when none is close.
std::string NearestFlag(absl::string_view name) {
  std::string best;
  int best_distance = std::max<int>(2, name.size() / 3) + 1;
  for (const std::string& candidate : OwnFlagNames()) {
    const int d = EditDistance(name, candidate);
    if (d < best_distance) {
      best_distance = d;
      best = candidate;
    }
  }
  return best;
}

// "--min_score" -> "--min-score": flags as the help spells them.
std::string Dashed(absl::string_view name) {
  std::string out = absl::StrCat("--", name);
  std::replace(out.begin() + 2, out.end(), '_', '-');
  return out;
}

// The flags that `flags` ("[--approx] [--min-score=S]") mentions, as
// {shown, name}: {"--min-score=S", "min_score"}.
std::vector<std::pair<std::string, std::string>> FlagsOf(
    absl::string_view flags) {
  std::vector<std::pair<std::string, std::string>> out;
  for (size_t at = flags.find("--"); at != absl::string_view::npos;
       at = flags.find("--", at + 2)) {
    const size_t end = std::min(flags.find_first_of(" ]", at), flags.size());
    std::string shown(flags.substr(at, end - at));
    std::string name = shown.substr(2, shown.find('=') - 2);
    std::replace(name.begin(), name.end(), '-', '_');
    const bool seen = std::any_of(out.begin(), out.end(), [&](const auto& f) {
      return f.second == name;
    });
    if (!seen) out.emplace_back(std::move(shown), std::move(name));
  }
  return out;
}

}  // namespace

bool NormalizeArgs(std::vector<char*>& argv, std::vector<std::string>& store) {
  bool help = false;
  store.reserve(argv.size());
  std::vector<char*> kept = {argv[0]};
  size_t i = 1;
  for (; i < argv.size(); ++i) {
    std::string arg = argv[i];
    if (arg == "--") break;
    if (arg == "--help" || arg == "-h" || arg == "-help") {
      help = true;
      continue;
    }
    if (arg.size() > 2 && arg[0] == '-') {
      const size_t start = arg[1] == '-' ? 2 : 1;
      const size_t end = std::min(arg.find('='), arg.size());
      std::replace(arg.begin() + start, arg.begin() + end, '-', '_');
      store.push_back(std::move(arg));
      kept.push_back(store.back().data());
    } else {
      kept.push_back(argv[i]);
    }
  }
  kept.insert(kept.end(), argv.begin() + i, argv.end());
  argv = std::move(kept);
  return help;
}

absl::Status CheckFlagNames(const std::vector<char*>& argv) {
  for (size_t i = 1; i < argv.size(); ++i) {
    const absl::string_view arg = argv[i];
    if (arg == "--") break;
    const absl::string_view name = FlagName(arg);
    if (name.empty() || IsKnownFlag(name)) continue;
    const std::string nearest = NearestFlag(name);
    return absl::InvalidArgumentError(absl::StrCat(
        "unknown flag ", Dashed(name),
        nearest.empty()
            ? ""
            : absl::StrCat(" (did you mean ", Dashed(nearest), "?)")));
  }
  return absl::OkStatus();
}

absl::Status CheckServerAddress(absl::string_view target) {
  for (absl::string_view scheme :
       {"dns:", "unix:", "unix-abstract:", "ipv4:", "ipv6:"}) {
    if (absl::StartsWith(target, scheme)) return absl::OkStatus();
  }
  const auto bad = [target](absl::string_view why) {
    return absl::InvalidArgumentError(
        absl::StrCat("--server=", target, ": ", why,
                     "; want HOST:PORT, e.g. localhost:50051"));
  };
  const size_t colon = target.rfind(':');
  if (colon == absl::string_view::npos) return bad("no port");
  absl::string_view host = target.substr(0, colon);
  if (absl::ConsumePrefix(&host, "[") && !absl::ConsumeSuffix(&host, "]")) {
    return bad("unclosed '['");
  }
  if (host.empty()) return bad("no host");
  if (host.find_first_of(" /\\@") != absl::string_view::npos ||
      (host.find(':') != absl::string_view::npos && target.front() != '[')) {
    return bad("not a host name");
  }
  int port = 0;
  if (!absl::SimpleAtoi(target.substr(colon + 1), &port) || port < 1 ||
      port > 65535) {
    return bad("the port is not a number from 1 to 65535");
  }
  return absl::OkStatus();
}

std::string CommandSynopsis(const Command& command) {
  std::vector<absl::string_view> parts = {"usage: claimcheck", command.name};
  for (absl::string_view part : {command.synopsis, command.flags}) {
    if (!part.empty()) parts.push_back(part);
  }
  return absl::StrJoin(parts, " ");
}

std::string Usage() {
  std::string out =
      "claimcheck: ask a claimcheck server who said what.\n\n"
      "Usage: claimcheck [--server=HOST:PORT] [--token=T] [--json] "
      "<command> [args] [flags]\n"
      "       claimcheck <command> --help   (the command's own help)\n\n"
      "Commands:\n";
  for (const Command& c : Commands()) {
    absl::StrAppend(&out, "  ", c.name, *c.synopsis == '\0' ? "" : " ",
                    c.synopsis, "\n");
    if (*c.flags != '\0') absl::StrAppend(&out, "      ", c.flags, "\n");
    absl::StrAppend(&out, "      ", c.help, "\n");
  }
  absl::StrAppend(&out, kGlobalFlags, kExitCodes);
  return out;
}

std::string CommandUsage(const Command& command) {
  std::string out =
      absl::StrCat(CommandSynopsis(command), "\n\n", command.help, "\n");
  const std::vector<std::pair<std::string, std::string>> flags =
      FlagsOf(command.flags);
  if (!flags.empty()) absl::StrAppend(&out, "\nFlags:\n");
  size_t width = 0;
  for (const auto& [shown, name] : flags) width = std::max(width, shown.size());
  for (const auto& [shown, name] : flags) {
    const absl::CommandLineFlag* flag = absl::FindCommandLineFlag(name);
    absl::StrAppend(&out, "  ", shown, std::string(width - shown.size(), ' '),
                    "  ", flag == nullptr ? "" : flag->Help(), "\n");
  }
  absl::StrAppend(&out, kGlobalFlags, kExitCodes);
  return out;
}

int EditDistance(absl::string_view a, absl::string_view b) {
  std::vector<int> row(b.size() + 1);
  std::iota(row.begin(), row.end(), 0);
  for (size_t i = 1; i <= a.size(); ++i) {
    int diagonal = row[0];
    row[0] = static_cast<int>(i);
    for (size_t j = 1; j <= b.size(); ++j) {
      const int up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1,
                         diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = up;
    }
  }
  return row[b.size()];
}

}  // namespace claimcheck::cli
