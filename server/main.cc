// claimcheckd: flags -> Options -> BuildAndStart -> Wait. Nothing else.
#include <pthread.h>
#include <signal.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/reflection.h"
#include "absl/flags/usage.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/time/time.h"
#include "server/api/preload.h"
#include "server/api/server.h"

ABSL_FLAG(std::string, listen, "127.0.0.1:50051",
          "HOST:PORT to serve on; port 0 picks a free port");
ABSL_FLAG(std::string, db, "claimcheck.db",
          "SQLite database file, or postgresql://USER@HOST:PORT/DB to share "
          "one PostgreSQL database between replicas");
ABSL_FLAG(std::string, replica_cache_dir, "",
          "With --db=postgresql://...: where this replica keeps its copy "
          "(resumed after a clean stop); empty: a temporary directory");
ABSL_FLAG(std::vector<std::string>, preload, {},
          "JSON-lines files of articles to ingest before serving");
ABSL_FLAG(int64_t, max_text_bytes, 2 << 20, "Largest article text, bytes");
ABSL_FLAG(int64_t, max_query_bytes, 4096, "Largest quote text in a query");
ABSL_FLAG(int32_t, max_page_size, 500, "Largest page size of list calls");
ABSL_FLAG(int32_t, max_commit_batch, 256, "Most articles per transaction");
ABSL_FLAG(int32_t, max_watches, 1000, "Most registered Watch quotes");
ABSL_FLAG(int32_t, max_watch_streams, 64, "Most concurrent Watch streams");
ABSL_FLAG(std::string, write_token_env, "CLAIMCHECK_WRITE_TOKEN",
          "Environment variable holding the bearer token for writes; "
          "writes are open when it is unset or empty");
ABSL_FLAG(std::string, tls_cert, "", "PEM certificate chain (enables TLS)");
ABSL_FLAG(std::string, tls_key, "", "PEM private key");
ABSL_FLAG(std::string, tls_client_ca, "",
          "PEM CA for client certificates (enables mTLS)");
ABSL_FLAG(int32_t, drain_seconds, 10,
          "On SIGTERM, how long in-flight calls may finish");
ABSL_FLAG(int32_t, max_light_calls, 256,
          "Most cheap calls (reads, paged listings) in flight; more get "
          "RESOURCE_EXHAUSTED");
ABSL_FLAG(int32_t, max_heavy_calls, 32,
          "Most costly calls (ExtractText, SearchQuotes, VerifyQuote, "
          "consistency reports) in flight; more get RESOURCE_EXHAUSTED");
ABSL_FLAG(int32_t, max_ingest_calls, 64,
          "Most IngestArticle calls plus IngestArticles streams in flight; "
          "more get RESOURCE_EXHAUSTED");
ABSL_FLAG(int64_t, max_response_bytes, 4 << 20,
          "Largest response, bytes (GetArticle of a huge article gets "
          "RESOURCE_EXHAUSTED beyond it)");
ABSL_FLAG(bool, log_calls, true, "One JSON line per call on stderr");
ABSL_FLAG(std::string, metrics_listen, "",
          "HOST:PORT serving Prometheus /metrics over HTTP; empty: off");

namespace {

constexpr char kUsage[] =
    "claimcheckd --listen=HOST:PORT --db=PATH [--preload=a.jsonl,...]";

bool WantsHelp(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    const absl::string_view a = argv[i];
    if (a == "--help" || a == "-help" || a == "-h") return true;
  }
  return false;
}

// --help: the usage line and this binary's own flags, exit 0.
void PrintHelp() {
  std::printf("usage: %s\n\nflags:\n", kUsage);
  std::vector<const absl::CommandLineFlag*> flags;
  for (const auto& [name, flag] : absl::GetAllFlags()) {
    if (absl::EndsWith(flag->Filename(), "server/main.cc")) {
      flags.push_back(flag);
    }
  }
  std::sort(flags.begin(), flags.end(),
            [](const auto* a, const auto* b) { return a->Name() < b->Name(); });
  for (const absl::CommandLineFlag* f : flags) {
    std::printf("  --%s  %s (default: \"%s\")\n",
                std::string(f->Name()).c_str(), f->Help().c_str(),
                f->DefaultValue().c_str());
  }
}

// The start-up line. Scripts read "serving on port N," from it: keep that
// prefix.
std::string Describe(const claimcheck::api::Server::Options& o, int port) {
  const std::string host = o.listen.substr(0, o.listen.rfind(':'));
  return absl::StrCat(
      "serving on port ", port, ", address ", host, ":", port, ", ",
      o.tls_cert_file.empty()        ? "plaintext (TLS off)"
      : o.tls_client_ca_file.empty() ? "TLS on"
                                     : "mTLS on (client certificates required)",
      ", db ", o.db_path, ", writes ",
      o.service.write_token.empty() ? "open (auth off)"
                                    : "need a bearer token (auth on)",
      ", reads open");
}

}  // namespace

int main(int argc, char** argv) {
  absl::SetProgramUsageMessage(kUsage);
  if (WantsHelp(argc, argv)) {
    PrintHelp();
    return 0;
  }
  absl::ParseCommandLine(argc, argv);

  // Block the stop signals before any thread starts; one thread waits.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  claimcheck::api::Server::Options opts;
  opts.listen = absl::GetFlag(FLAGS_listen);
  opts.db_path = absl::GetFlag(FLAGS_db);
  opts.replica_cache_dir = absl::GetFlag(FLAGS_replica_cache_dir);
  opts.service.limits.max_text_bytes = absl::GetFlag(FLAGS_max_text_bytes);
  opts.service.limits.max_query_bytes = absl::GetFlag(FLAGS_max_query_bytes);
  opts.service.limits.max_page_size = absl::GetFlag(FLAGS_max_page_size);
  opts.service.limits.max_watches = absl::GetFlag(FLAGS_max_watches);
  opts.service.limits.max_watch_streams =
      absl::GetFlag(FLAGS_max_watch_streams);
  opts.service.max_commit_batch = absl::GetFlag(FLAGS_max_commit_batch);
  opts.service.limits.max_response_bytes =
      absl::GetFlag(FLAGS_max_response_bytes);
  opts.service.admission.max_light = absl::GetFlag(FLAGS_max_light_calls);
  opts.service.admission.max_heavy = absl::GetFlag(FLAGS_max_heavy_calls);
  opts.service.admission.max_ingest = absl::GetFlag(FLAGS_max_ingest_calls);
  opts.service.log_calls = absl::GetFlag(FLAGS_log_calls);
  if (const char* t =
          std::getenv(absl::GetFlag(FLAGS_write_token_env).c_str())) {
    opts.service.write_token = t;
  }
  opts.metrics_listen = absl::GetFlag(FLAGS_metrics_listen);
  opts.tls_cert_file = absl::GetFlag(FLAGS_tls_cert);
  opts.tls_key_file = absl::GetFlag(FLAGS_tls_key);
  opts.tls_client_ca_file = absl::GetFlag(FLAGS_tls_client_ca);

  claimcheck::api::Server server;
  if (absl::Status s = server.BuildAndStart(opts); !s.ok()) {
    std::fprintf(stderr, "claimcheckd: %s\n", s.ToString().c_str());
    return 1;
  }
  for (const std::string& path : absl::GetFlag(FLAGS_preload)) {
    absl::StatusOr<claimcheck::api::PreloadResult> r =
        claimcheck::api::PreloadJsonl(*server.service(), path);
    if (!r.ok()) {
      std::fprintf(stderr, "claimcheckd: preload: %s\n",
                   r.status().ToString().c_str());
      server.Shutdown(absl::ZeroDuration());
      return 1;
    }
    std::fprintf(stderr,
                 "claimcheckd: preloaded %s: %d created, %d replaced, %d "
                 "unchanged\n",
                 path.c_str(), r->created, r->replaced, r->unchanged);
  }
  if (server.metrics_port() != 0) {
    std::fprintf(stderr, "claimcheckd: metrics on port %d\n",
                 server.metrics_port());
  }
  std::fprintf(stderr, "claimcheckd: %s\n",
               Describe(opts, server.bound_port()).c_str());
  std::fflush(stderr);

  std::thread stopper([&] {
    int sig = 0;
    sigwait(&stop_signals, &sig);
    std::fprintf(stderr, "claimcheckd: signal %d, draining\n", sig);
    const int drain = absl::GetFlag(FLAGS_drain_seconds);
    // Long work polls cancellation, so the drain ends in time; should it
    // not, exit anyway shortly after (acknowledged writes are durable).
    std::thread([drain] {
      absl::SleepFor(absl::Seconds(drain + 5));
      std::fprintf(stderr, "claimcheckd: drain overran by 5 s, exiting\n");
      std::fflush(stderr);
      std::_Exit(1);
    }).detach();
    server.Shutdown(absl::Seconds(drain));
  });
  server.Wait();
  stopper.join();
  std::fprintf(stderr, "claimcheckd: stopped\n");
  return 0;
}
