// Extraction throughput on real article text, swept from 1 KiB to 1 MiB.
//
//   build/tests/extract_benchmark
//
// BM_Floor is a plain pass over the same bytes (a byte histogram: touches
// every byte, cannot be optimised away); BM_Extract is the whole extractor
// (quotes, speakers, numbers). Both report bytes/s. After the runs the
// program prints the ratio Extract/Floor per size, measured in the same run,
// because these machines are noisy.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <map>
#include <string>

#include "server/extract/extract.h"
#include "tests/bench/corpus.h"

namespace {

std::map<int64_t, double> floor_rate, extract_rate;

void BM_Floor(benchmark::State& state) {
  const std::string doc = claimcheck::bench::Document(state.range(0));
  for (auto _ : state) {
    uint64_t hist[256] = {};
    for (unsigned char c : doc) ++hist[c];
    benchmark::DoNotOptimize(hist);
  }
  state.SetBytesProcessed(state.iterations() * doc.size());
}

void BM_Extract(benchmark::State& state) {
  const std::string doc = claimcheck::bench::Document(state.range(0));
  size_t quotes = 0, numbers = 0;
  for (auto _ : state) {
    claimcheck::extract::Extraction e =
        claimcheck::extract::ExtractUnchecked(doc);
    quotes = e.quotes.size();
    numbers = e.quantities.size();
    benchmark::DoNotOptimize(e);
  }
  state.SetBytesProcessed(state.iterations() * doc.size());
  state.counters["quotes"] = quotes;
  state.counters["numbers"] = numbers;
}

BENCHMARK(BM_Floor)->RangeMultiplier(4)->Range(1 << 10, 1 << 20);
BENCHMARK(BM_Extract)->RangeMultiplier(4)->Range(1 << 10, 1 << 20);

// Collects bytes/s per benchmark and size, to print the ratios at the end.
class RatioReporter : public benchmark::ConsoleReporter {
 public:
  void ReportRuns(const std::vector<Run>& runs) override {
    ConsoleReporter::ReportRuns(runs);
    for (const Run& r : runs) {
      const std::string name = r.benchmark_name();
      const size_t slash = name.find('/');
      if (slash == std::string::npos) continue;
      const int64_t size = std::stoll(name.substr(slash + 1));
      auto it = r.counters.find("bytes_per_second");
      if (it == r.counters.end()) continue;
      const double rate = it->second;
      if (name.rfind("BM_Floor", 0) == 0) floor_rate[size] = rate;
      if (name.rfind("BM_Extract", 0) == 0) extract_rate[size] = rate;
    }
  }
};

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  RatioReporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  std::printf("\n%10s %14s %14s %10s\n", "bytes", "floor MB/s", "extract MB/s",
              "ratio");
  for (const auto& [size, rate] : extract_rate) {
    auto f = floor_rate.find(size);
    if (f == floor_rate.end()) continue;
    std::printf("%10lld %14.1f %14.1f %10.4f\n", static_cast<long long>(size),
                f->second / 1e6, rate / 1e6, rate / f->second);
  }
  return 0;
}
