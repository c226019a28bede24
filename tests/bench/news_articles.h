// Benchmark support: articles of real news text, made from
// ../shared/eval/corpus/news.jsonl (read at run time, never copied into the
// repository). Article i is the paragraphs of corpus article i mod N in a
// shuffled order plus one paragraph of a random other article, dated
// kArticlesPerDay articles per day; order and borrowed paragraph come from a
// generator seeded with i, so every run makes the same articles. Real news
// quotes the same people again and again, unlike article_gen.h's ever-new
// invented names. Used by ingest_growth_benchmark and query_benchmark --real.
#ifndef CLAIMCHECK_TESTS_BENCH_NEWS_ARTICLES_H_
#define CLAIMCHECK_TESTS_BENCH_NEWS_ARTICLES_H_

#include <algorithm>
#include <cstdint>
#include <fstream>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "google/protobuf/struct.pb.h"
#include "google/protobuf/util/json_util.h"

namespace claimcheck::bench {

// Where the corpus is expected.
inline std::string DefaultNewsCorpus() {
  return CLAIMCHECK_SOURCE_DIR "/../shared/eval/corpus/news.jsonl";
}

struct NewsArticle {
  std::string url, outlet, title, published_date, text;
};

// The corpus's articles with at least one paragraph. Thread-compatible;
// Article() may be called from several threads at once.
class NewsArticles {
 public:
  // 100k articles span about two years, and the copies of one source
  // article (every size()-th) fall weeks apart.
  static constexpr uint64_t kArticlesPerDay = 150;

  // Reads `path`; empty() when it cannot be read.
  explicit NewsArticles(const std::string& path) { Load(path); }

  bool empty() const { return corpus_.empty(); }
  size_t size() const { return corpus_.size(); }

  // Article number i (see the file comment). Not for an empty corpus.
  NewsArticle Article(uint64_t i) const {
    std::mt19937_64 rng(0x9e3779b97f4a7c15ULL ^ (i * 0x100000001b3ULL));
    const Source& base = corpus_[i % corpus_.size()];
    const Source& other = corpus_[rng() % corpus_.size()];
    std::vector<const std::string*> paras;
    for (const std::string& p : base.paragraphs) paras.push_back(&p);
    paras.push_back(&other.paragraphs[rng() % other.paragraphs.size()]);
    std::shuffle(paras.begin(), paras.end(), rng);
    NewsArticle out;
    for (const std::string* p : paras) {
      if (!out.text.empty()) out.text += "\n\n";
      out.text += *p;
    }
    out.url = absl::StrCat("https://bench.example/real/", i);
    out.outlet = base.outlet;
    out.title = base.title;
    const int day = static_cast<int>(i / kArticlesPerDay % 700);
    const int month = day % 350 / 30 + 1, mday = day % 28 + 1;
    out.published_date =
        absl::StrCat(2024 + day / 350, "-", month < 10 ? "0" : "", month, "-",
                     mday < 10 ? "0" : "", mday);
    return out;
  }

 private:
  struct Source {
    std::string outlet, title;
    std::vector<std::string> paragraphs;
  };

  void Load(const std::string& path) {
    std::ifstream in(path);
    std::string line;
    while (std::getline(in, line)) {
      google::protobuf::Struct s;
      if (!google::protobuf::util::JsonStringToMessage(line, &s).ok()) {
        continue;
      }
      const auto& f = s.fields();
      const auto text = f.find("text");
      if (text == f.end()) continue;
      Source a;
      if (auto it = f.find("outlet"); it != f.end()) {
        a.outlet = it->second.string_value();
      }
      if (auto it = f.find("title"); it != f.end()) {
        a.title = it->second.string_value();
      }
      for (absl::string_view p : absl::StrSplit(
               text->second.string_value(), "\n\n", absl::SkipWhitespace())) {
        a.paragraphs.emplace_back(p);
      }
      if (!a.paragraphs.empty()) corpus_.push_back(std::move(a));
    }
  }

  std::vector<Source> corpus_;
};

}  // namespace claimcheck::bench

#endif  // CLAIMCHECK_TESTS_BENCH_NEWS_ARTICLES_H_
