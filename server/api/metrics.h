// Prometheus metrics for claimcheckd, served over HTTP at /metrics.
//
//   claimcheck_calls_total{method,code}        finished RPCs
//   claimcheck_call_seconds{method}            RPC latency histogram
//   claimcheck_ingested_articles_total{outcome}
//   created/replaced/unchanged/rejected
//
// Thread-safe (prometheus-cpp metrics are). Families are created on first
// use per label set and cached, so the hot path is a map lookup under a
// mutex plus an atomic add.
#ifndef CLAIMCHECK_SERVER_API_METRICS_H_
#define CLAIMCHECK_SERVER_API_METRICS_H_

#include <grpcpp/support/status.h>

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace claimcheck::api {

class Metrics {
 public:
  // Starts an HTTP exposer on `listen` ("HOST:PORT"; port 0 picks one).
  static absl::StatusOr<std::unique_ptr<Metrics>> Start(
      const std::string& listen);
  ~Metrics();

  // The port the exposer bound.
  int port() const;

  void RecordCall(absl::string_view method, const grpc::Status& status,
                  absl::Duration elapsed);
  void RecordIngest(absl::string_view outcome);

 private:
  struct Impl;
  explicit Metrics(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace claimcheck::api

#endif  // CLAIMCHECK_SERVER_API_METRICS_H_
