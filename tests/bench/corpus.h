// Benchmark support: real article text from tests/testdata/wikinews.jsonl
// (Wikinews, CC BY 2.5) plus the seed article, concatenated into documents
// of a requested size.
#ifndef CLAIMCHECK_TESTS_BENCH_CORPUS_H_
#define CLAIMCHECK_TESTS_BENCH_CORPUS_H_

#include <google/protobuf/struct.pb.h>
#include <google/protobuf/util/json_util.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace claimcheck::bench {

// The texts of every article in the corpus, in file order. Exits if the
// corpus cannot be read: a benchmark without its input is meaningless.
inline const std::vector<std::string>& CorpusTexts() {
  static const std::vector<std::string>* texts = [] {
    auto* out = new std::vector<std::string>;
    const std::string dir = CLAIMCHECK_SOURCE_DIR "/tests/testdata/";
    std::ifstream seed(dir + "seed-article.txt");
    std::stringstream ss;
    ss << seed.rdbuf();
    out->push_back(ss.str());
    std::ifstream in(dir + "wikinews.jsonl");
    std::string line;
    while (std::getline(in, line)) {
      google::protobuf::Struct s;
      if (!google::protobuf::util::JsonStringToMessage(line, &s).ok()) continue;
      auto it = s.fields().find("text");
      if (it != s.fields().end()) out->push_back(it->second.string_value());
    }
    if (out->size() < 2) {
      std::fprintf(stderr, "bench: cannot read the corpus in %s\n",
                   dir.c_str());
      std::exit(1);
    }
    return out;
  }();
  return *texts;
}

// A document of about `bytes` bytes: whole articles joined by blank lines,
// cycling through the corpus.
inline std::string Document(size_t bytes) {
  const std::vector<std::string>& texts = CorpusTexts();
  std::string doc;
  for (size_t i = 0; doc.size() < bytes; ++i) {
    const std::string& t = texts[i % texts.size()];
    if (!doc.empty()) doc += "\n\n";
    doc +=
        t.substr(0, bytes - doc.size() + 1 > t.size() ? t.size()
                                                      : bytes - doc.size() + 1);
  }
  return doc;
}

}  // namespace claimcheck::bench

#endif  // CLAIMCHECK_TESTS_BENCH_CORPUS_H_
