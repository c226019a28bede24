// Fits and reports the story thresholds (server/story/signature.h) on a
// clusters file: JSON lines, each {"cluster_id": ..., "articles": [{"title",
// "text", "date"}, ...]}, the cluster id being the truth.
//
//   story_fit < ../shared/eval/corpus/clusters_dev.jsonl
//
// For a grid of similarity thresholds (at the fitted date window) prints the
// B-cubed precision (purity) and recall (completeness) of the connected
// components of SameStory-like links, then, at the fitted threshold, how
// many linked pairs the MinHash buckets find (bucket recall). Prints figures
// only, never article text.
#include <cstdio>
#include <iostream>
#include <numeric>
#include <string>
#include <vector>

#include "absl/strings/str_format.h"
#include "server/story/signature.h"
#include "tests/extract/mini_json.h"

namespace {

using claimcheck::story::Signature;

struct Article {
  std::string cluster;
  Signature sig;
  int64_t day = 0;
};

int Find(std::vector<int>& parent, int x) {
  while (parent[x] != x) x = parent[x] = parent[parent[x]];
  return x;
}

// B-cubed precision and recall of `label` against the clusters.
std::pair<double, double> BCubed(const std::vector<Article>& arts,
                                 const std::vector<int>& label) {
  const size_t n = arts.size();
  double p = 0, r = 0;
  for (size_t i = 0; i < n; ++i) {
    int pred = 0, truth = 0, both = 0;
    for (size_t j = 0; j < n; ++j) {
      const bool same_pred = label[i] == label[j];
      const bool same_truth = arts[i].cluster == arts[j].cluster;
      pred += same_pred;
      truth += same_truth;
      both += same_pred && same_truth;
    }
    p += static_cast<double>(both) / pred;
    r += static_cast<double>(both) / truth;
  }
  return {p / n, r / n};
}

bool ShareBucket(const Signature& a, const Signature& b) {
  for (size_t k = 0; k < a.buckets.size() && k < b.buckets.size(); ++k) {
    if (a.buckets[k] == b.buckets[k]) return true;
  }
  return false;
}

}  // namespace

int main() {
  namespace story = claimcheck::story;
  namespace json = claimcheck::testing_json;
  std::vector<Article> arts;
  std::string line;
  while (std::getline(std::cin, line)) {
    json::Value v;
    if (!json::ParseJson(line, &v)) continue;
    const json::Value* id = v.Get("cluster_id");
    const json::Value* list = v.Get("articles");
    if (id == nullptr || list == nullptr) continue;
    const std::string cluster =
        id->kind == json::Value::kString ? id->str : std::to_string(id->number);
    for (const json::Value& a : list->array) {
      const json::Value* title = a.Get("title");
      const json::Value* text = a.Get("text");
      const json::Value* date = a.Get("date");
      Article art;
      art.cluster = cluster;
      art.sig = story::ComputeSignature(title ? title->str : "",
                                        text ? text->str : "");
      art.day = story::DayNumber(date ? date->str : "");
      arts.push_back(std::move(art));
    }
  }
  const size_t n = arts.size();
  std::printf("%zu articles\n", n);
  std::vector<double> sim(n * n, 0);
  for (size_t i = 0; i < n; ++i) {
    for (size_t j = i + 1; j < n; ++j) {
      sim[i * n + j] =
          story::Similarity(arts[i].sig.features, arts[j].sig.features);
    }
  }
  for (double th : {0.03, 0.04, 0.045, 0.05, 0.055, 0.06, 0.08, 0.1}) {
    std::vector<int> parent(n);
    std::iota(parent.begin(), parent.end(), 0);
    for (size_t i = 0; i < n; ++i) {
      for (size_t j = i + 1; j < n; ++j) {
        const bool dated =
            (arts[i].day == 0) == (arts[j].day == 0) &&
            std::llabs(arts[i].day - arts[j].day) <= story::kStoryWindowDays;
        if (dated && sim[i * n + j] >= th) {
          parent[Find(parent, i)] = Find(parent, j);
        }
      }
    }
    std::vector<int> label(n);
    for (size_t i = 0; i < n; ++i) label[i] = Find(parent, i);
    const auto [p, r] = BCubed(arts, label);
    std::printf(
        "threshold %.3f%s: B-cubed precision %.3f recall %.3f F1 %.3f\n", th,
        th == story::kSameStorySimilarity ? " (used)" : "", p, r,
        2 * p * r / (p + r));
  }
  int linked = 0, found = 0;
  for (size_t i = 0; i < n; ++i) {
    for (size_t j = i + 1; j < n; ++j) {
      if (!story::SameStory(arts[i].sig.features, arts[i].day,
                            arts[j].sig.features, arts[j].day)) {
        continue;
      }
      ++linked;
      found += ShareBucket(arts[i].sig, arts[j].sig);
    }
  }
  std::printf("linked pairs %d, found through buckets %d (%.3f)\n", linked,
              found, linked ? static_cast<double>(found) / linked : 1.0);
  return 0;
}
