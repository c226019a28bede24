#include "server/api/metrics.h"

#include <prometheus/counter.h>
#include <prometheus/exposer.h>
#include <prometheus/histogram.h>
#include <prometheus/registry.h>

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "server/api/status_util.h"

namespace claimcheck::api {

struct Metrics::Impl {
  std::shared_ptr<prometheus::Registry> registry =
      std::make_shared<prometheus::Registry>();
  std::unique_ptr<prometheus::Exposer> exposer;
  prometheus::Family<prometheus::Counter>* calls = nullptr;
  prometheus::Family<prometheus::Histogram>* seconds = nullptr;
  prometheus::Family<prometheus::Counter>* ingested = nullptr;

  absl::Mutex mu;
  std::map<std::pair<std::string, int>, prometheus::Counter*> call_counters
      ABSL_GUARDED_BY(mu);
  std::map<std::string, prometheus::Histogram*> histograms ABSL_GUARDED_BY(mu);
  std::map<std::string, prometheus::Counter*> ingest_counters
      ABSL_GUARDED_BY(mu);
};

namespace {

constexpr int kMetricsThreads = 8;
constexpr int kMetricsRequestTimeoutMs = 2000;

}  // namespace

absl::StatusOr<std::unique_ptr<Metrics>> Metrics::Start(
    const std::string& listen) {
  auto impl = std::make_unique<Impl>();
  try {  // civetweb reports a bind failure by throwing; keep it here.
    // Idle or half-open connections hold a civetweb worker until the
    // request timeout: more workers and a short timeout keep /metrics
    // answering while a few such connections are open.
    impl->exposer =
        std::make_unique<prometheus::Exposer>(std::vector<std::string>{
            "listening_ports", listen, "num_threads",
            absl::StrCat(kMetricsThreads), "request_timeout_ms",
            absl::StrCat(kMetricsRequestTimeoutMs)});
  } catch (const std::exception& e) {
    return absl::UnavailableError(
        absl::StrCat("metrics: cannot listen on ", listen, ": ", e.what()));
  }
  impl->calls = &prometheus::BuildCounter()
                     .Name("claimcheck_calls_total")
                     .Help("Finished RPCs by method and status code.")
                     .Register(*impl->registry);
  impl->seconds = &prometheus::BuildHistogram()
                       .Name("claimcheck_call_seconds")
                       .Help("RPC latency in seconds, by method.")
                       .Register(*impl->registry);
  impl->ingested = &prometheus::BuildCounter()
                        .Name("claimcheck_ingested_articles_total")
                        .Help("Ingested articles by outcome.")
                        .Register(*impl->registry);
  impl->exposer->RegisterCollectable(impl->registry);
  return std::unique_ptr<Metrics>(new Metrics(std::move(impl)));
}

Metrics::Metrics(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Metrics::~Metrics() = default;

int Metrics::port() const {
  const std::vector<int> ports = impl_->exposer->GetListeningPorts();
  return ports.empty() ? 0 : ports.front();
}

void Metrics::RecordCall(absl::string_view method, const grpc::Status& status,
                         absl::Duration elapsed) {
  prometheus::Counter* counter;
  prometheus::Histogram* histogram;
  {
    absl::MutexLock lock(&impl_->mu);
    const int code = static_cast<int>(status.error_code());
    auto key = std::make_pair(std::string(method), code);
    auto it = impl_->call_counters.find(key);
    if (it == impl_->call_counters.end()) {
      it = impl_->call_counters
               .emplace(key,
                        &impl_->calls->Add(
                            {{"method", key.first},
                             {"code", StatusCodeName(status.error_code())}}))
               .first;
    }
    counter = it->second;
    auto hit = impl_->histograms.find(key.first);
    if (hit == impl_->histograms.end()) {
      static const prometheus::Histogram::BucketBoundaries kBuckets = {
          0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005,
          0.01,   0.025,   0.05,   0.1,   0.25,   1};
      hit = impl_->histograms
                .emplace(key.first, &impl_->seconds->Add(
                                        {{"method", key.first}}, kBuckets))
                .first;
    }
    histogram = hit->second;
  }
  counter->Increment();
  histogram->Observe(absl::ToDoubleSeconds(elapsed));
}

void Metrics::RecordIngest(absl::string_view outcome) {
  prometheus::Counter* counter;
  {
    absl::MutexLock lock(&impl_->mu);
    auto it = impl_->ingest_counters.find(std::string(outcome));
    if (it == impl_->ingest_counters.end()) {
      it = impl_->ingest_counters
               .emplace(
                   std::string(outcome),
                   &impl_->ingested->Add({{"outcome", std::string(outcome)}}))
               .first;
    }
    counter = it->second;
  }
  counter->Increment();
}

}  // namespace claimcheck::api
