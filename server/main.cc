// claimcheckd: flags -> Options -> BuildAndStart -> Wait. Nothing else.
#include <pthread.h>
#include <signal.h>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
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
ABSL_FLAG(bool, log_calls, true, "One JSON line per call on stderr");
ABSL_FLAG(std::string, metrics_listen, "",
          "HOST:PORT serving Prometheus /metrics over HTTP; empty: off");

int main(int argc, char** argv) {
  absl::SetProgramUsageMessage(
      "claimcheckd --listen=HOST:PORT --db=PATH [--preload=a.jsonl,...]");
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
  std::fprintf(stderr, "claimcheckd: serving on port %d, db %s\n",
               server.bound_port(), opts.db_path.c_str());
  std::fflush(stderr);

  std::thread stopper([&] {
    int sig = 0;
    sigwait(&stop_signals, &sig);
    std::fprintf(stderr, "claimcheckd: signal %d, draining\n", sig);
    server.Shutdown(absl::Seconds(absl::GetFlag(FLAGS_drain_seconds)));
  });
  server.Wait();
  stopper.join();
  std::fprintf(stderr, "claimcheckd: stopped\n");
  return 0;
}
