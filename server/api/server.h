// claimcheckd as a library: options in, a running gRPC server out.
//
//   Server::Options opts;
//   opts.listen = "127.0.0.1:0";
//   opts.db_path = "/tmp/x.db";
//   Server server;
//   if (absl::Status s = server.BuildAndStart(opts); !s.ok()) ...
//   ... server.bound_port() ...
//   server.Shutdown(absl::Seconds(5));  // drains, then stops
//
// Serves claimcheck.v1.ClaimCheck, grpc.health.v1.Health and server
// reflection. Thread-safe after BuildAndStart.
#ifndef CLAIMCHECK_SERVER_API_SERVER_H_
#define CLAIMCHECK_SERVER_API_SERVER_H_

#include <grpcpp/server.h>

#include <memory>
#include <string>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "server/api/metrics.h"
#include "server/api/service.h"
#include "server/store/store.h"

namespace claimcheck::api {

class Server {
 public:
  struct Options {
    std::string listen = "127.0.0.1:50051";  // HOST:PORT; port 0 picks one
    // A SQLite file, or a postgresql:// URL (store/open_store.h).
    std::string db_path = "claimcheck.db";
    // PostgreSQL only: where this replica keeps its copy; empty: a
    // temporary directory (store/postgres_store.h).
    std::string replica_cache_dir;
    ServiceOptions service;
    // TLS: PEM file paths. With cert and key set the listener uses TLS;
    // with client_ca also set, clients must present a certificate (mTLS).
    std::string tls_cert_file;
    std::string tls_key_file;
    std::string tls_client_ca_file;
    int max_receive_bytes = 0;  // 0: max_text_bytes + 64 KiB
    // HOST:PORT for Prometheus /metrics over HTTP; empty: no metrics.
    std::string metrics_listen;
  };

  Server();
  ~Server();  // Shuts down if still running.

  // Opens the store and starts serving. Errors: the store cannot be opened,
  // TLS files unreadable, the address cannot be bound.
  absl::Status BuildAndStart(const Options& options);

  // The port actually bound (useful with port 0).
  int bound_port() const { return bound_port_; }

  // Marks health NOT_SERVING, stops accepting calls, lets in-flight calls
  // finish for up to `drain`, then cancels the rest. Idempotent.
  void Shutdown(absl::Duration drain);

  // Blocks until Shutdown has completed.
  void Wait();

  // The port of /metrics (0 when metrics are off).
  int metrics_port() const { return metrics_ ? metrics_->port() : 0; }

  // The service (valid after a successful BuildAndStart, until Shutdown).
  ClaimCheckService* service() { return service_.get(); }

 private:
  std::unique_ptr<Metrics> metrics_;
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<ClaimCheckService> service_;
  std::unique_ptr<grpc::Server> server_;
  int bound_port_ = 0;
  bool shut_down_ = false;
};

}  // namespace claimcheck::api

#endif  // CLAIMCHECK_SERVER_API_SERVER_H_
