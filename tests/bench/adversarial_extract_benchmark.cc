// Extraction time on hostile shapes of text against ordinary text of the
// same size (2 MiB, the largest article the server takes), in one run.
//
//   build/tests/adversarial_extract_benchmark
//
// Each shape once had work growing with the square of the text (issue 12):
// `"a" ` repeated (quotes with no speaker in one paragraph), numbers in one
// long sentence, `"x," said ` repeated. The others probe nearby loops. The
// program prints each shape's time divided by the ordinary text's, measured
// in the same run (these machines are noisy); the target is at most 2.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <functional>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "server/extract/extract.h"
#include "tests/bench/corpus.h"

namespace {

constexpr size_t kBytes = 2 << 20;

// `unit(i)` repeated until `kBytes`, cut at a UTF-8 boundary of a unit.
std::string Repeat(const std::function<std::string(int)>& unit) {
  std::string out;
  for (int i = 0; out.size() < kBytes; ++i) {
    const std::string u = unit(i);
    if (out.size() + u.size() > kBytes) break;
    out += u;
  }
  return out;
}

const std::vector<std::pair<std::string, std::string>>& Shapes() {
  static const auto* shapes =
      new std::vector<std::pair<std::string, std::string>>{
          {"ordinary", claimcheck::bench::Document(kBytes)},
          {"quoted_a", Repeat([](int) { return std::string("\"a\" "); })},
          {"numbers_one_sentence", Repeat([](int i) {
             return absl::StrCat(1000 + i % 9000, " missiles, ");
           })},
          {"x_comma_said",
           Repeat([](int) { return std::string("\"x,\" said "); })},
          {"said_names", Repeat([](int i) {
             return absl::StrCat("\"We will build it,\" said Mayor Ann Lee",
                                 i % 7, " ");
           })},
          {"open_quotes", Repeat([](int) { return std::string("\" word "); })},
          {"money_percent_run", Repeat([](int i) {
             return absl::StrCat("$", i % 900, " million or ", i % 90,
                                 " percent and ");
           })},
          {"capital_words",
           Repeat([](int) { return std::string("Alpha Beta "); })},
          {"one_paragraph_speech", Repeat([](int i) {
             return absl::StrCat(
                 "\"The plan is good and the plan is fair,\" he ",
                 "said, adding that about ", i % 500, " people agreed ");
           })},
      };
  return *shapes;
}

std::map<std::string, double> seconds_per_run;

void BM_Shape(benchmark::State& state) {
  const auto& [name, text] = Shapes()[state.range(0)];
  state.SetLabel(name);
  size_t quotes = 0, numbers = 0;
  for (auto _ : state) {
    claimcheck::extract::Extraction e =
        claimcheck::extract::ExtractUnchecked(text);
    quotes = e.quotes.size();
    numbers = e.quantities.size();
    benchmark::DoNotOptimize(e);
  }
  state.SetBytesProcessed(state.iterations() * text.size());
  state.counters["quotes"] = quotes;
  state.counters["numbers"] = numbers;
}

BENCHMARK(BM_Shape)
    ->DenseRange(0, 8)
    ->Unit(benchmark::kMillisecond)
    ->MinTime(1.0);

class RatioReporter : public benchmark::ConsoleReporter {
 public:
  void ReportRuns(const std::vector<Run>& runs) override {
    ConsoleReporter::ReportRuns(runs);
    for (const Run& r : runs) {
      if (r.iterations == 0) continue;
      seconds_per_run[r.report_label] =
          r.real_accumulated_time / static_cast<double>(r.iterations);
    }
  }
};

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  RatioReporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  const auto floor = seconds_per_run.find("ordinary");
  if (floor == seconds_per_run.end()) return 0;
  std::printf("\n%-22s %10s %10s %8s\n", "shape (2 MiB)", "ms", "x ordinary",
              "<= 2");
  bool all = true;
  for (const auto& [name, text] : Shapes()) {
    auto it = seconds_per_run.find(name);
    if (it == seconds_per_run.end()) continue;
    const double ratio = it->second / floor->second;
    all = all && ratio <= 2.0;
    std::printf("%-22s %10.1f %10.2f %8s\n", name.c_str(), it->second * 1e3,
                ratio, ratio <= 2.0 ? "yes" : "NO");
  }
  std::printf("all within 2x of ordinary text: %s\n", all ? "yes" : "no");
  return 0;
}
