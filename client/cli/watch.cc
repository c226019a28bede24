// `claimcheck watch`, `watch-add`, `watch-rm`, `watches`: register quotes
// and follow the server's event stream, resuming after a lost connection
// from the last sequence seen.
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "client/cli/cli.h"
#include "client/cli/commands.h"
#include "client/exit_codes.h"

namespace claimcheck::cli {
namespace {

// Reconnects after UNAVAILABLE (server restart or drain) before giving up.
constexpr int kMaxReconnects = 10;

void PrintRegistration(const Cli& cli, const v1::WatchRegistration& w) {
  if (cli.flags.json) {
    PrintJson(cli, w);
    return;
  }
  cli.out << w.id() << "  \xE2\x80\x9C" << w.text() << "\xE2\x80\x9D"
          << (w.speaker().empty() ? "" : absl::StrCat("  (", w.speaker(), ")"))
          << "\n";
}

// "#12  CONFLICT  w_3  MISATTRIBUTED  Outlet, 2026-04-20  a_1f...  summary"
void PrintEvent(const Cli& cli, const v1::WatchEvent& e) {
  if (cli.flags.json) {
    PrintJson(cli, e);
    return;
  }
  const v1::Evidence& ev = e.occurrence().evidence();
  cli.out << "#" << e.sequence() << "  "
          << ShortEnumName(v1::WatchEventKind_descriptor(), e.kind()) << "  "
          << (e.watch_id().empty() ? "-" : e.watch_id()) << "  "
          << ShortEnumName(v1::Verdict_descriptor(), e.verdict()) << "  "
          << ev.outlet()
          << (ev.published_date().empty() ? "" : ", " + ev.published_date())
          << "  " << ev.article_id() << "  " << e.summary() << "\n";
}

}  // namespace

int WatchAdd(const Cli& cli, const std::vector<std::string>& args) {
  v1::RegisterWatchRequest request;
  request.set_text(args[0]);
  request.set_speaker(cli.flags.speaker);
  absl::StatusOr<v1::WatchRegistration> w = cli.client.RegisterWatch(request);
  if (!w.ok()) return Fail(cli, w.status());
  PrintRegistration(cli, *w);
  return kExitOk;
}

int WatchRemove(const Cli& cli, const std::vector<std::string>& args) {
  v1::UnregisterWatchRequest request;
  request.set_watch_id(args[0]);
  absl::StatusOr<v1::UnregisterWatchResponse> r =
      cli.client.UnregisterWatch(request);
  if (!r.ok()) return Fail(cli, r.status());
  if (!cli.flags.json) cli.out << "removed " << args[0] << "\n";
  return kExitOk;
}

int WatchList(const Cli& cli, const std::vector<std::string>& args) {
  absl::StatusOr<v1::ListWatchesResponse> r =
      cli.client.ListWatches(v1::ListWatchesRequest());
  if (!r.ok()) return Fail(cli, r.status());
  for (const v1::WatchRegistration& w : r->watches()) PrintRegistration(cli, w);
  return kExitOk;
}

int WatchEvents(const Cli& cli, const std::vector<std::string>& args) {
  v1::WatchRequest request;
  request.set_after_sequence(cli.flags.after);
  request.set_from_now(cli.flags.from_now);
  for (const std::string& id : args) request.add_watch_ids(id);
  int64_t seen = 0;
  const absl::Time end = cli.flags.watch_for == absl::InfiniteDuration()
                             ? absl::InfiniteFuture()
                             : absl::Now() + cli.flags.watch_for;
  for (int attempt = 0;; ++attempt) {
    const absl::Status s = cli.client.Watch(
        request, end - absl::Now(), [&](const v1::WatchEvent& e) {
          PrintEvent(cli, e);
          cli.out.flush();
          request.set_after_sequence(e.sequence());
          request.set_from_now(false);
          ++seen;
          return cli.flags.max_events <= 0 || seen < cli.flags.max_events;
        });
    if (s.ok() || (s.code() == absl::StatusCode::kDeadlineExceeded &&
                   cli.flags.watch_for != absl::InfiniteDuration())) {
      return kExitOk;
    }
    if (s.code() != absl::StatusCode::kUnavailable ||
        attempt >= kMaxReconnects || absl::Now() >= end) {
      return Fail(cli, s);
    }
    cli.err << "claimcheck: watch: " << s.message()
            << "; reconnecting after sequence " << request.after_sequence()
            << "\n";
    std::this_thread::sleep_for(std::chrono::seconds(1));
  }
}

}  // namespace claimcheck::cli
