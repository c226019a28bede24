// Synthetic news articles for the ingest and query benchmarks.
//
//   claimcheck::bench::ArticleGenerator gen(/*seed=*/42);
//   claimcheck::bench::GeneratedArticle a = gen.Article(17);  // ~3 KB
//
// Each article recombines real sentences from tests/testdata/wikinews.jsonl
// (Wikinews, CC BY 2.5) with invented names, roles, organisations, outlets,
// dates and numbers: filler paragraphs of Wikinews sentences (their digits
// re-drawn), attributed quotations in the forms the extractor reads
// (`"...," said Role First Last.`, `First Last, the role of Org, said: "..."`,
// `"...," Mr. Last said.`, `"...," she said.`) whose words are clauses of two
// Wikinews sentences joined, and numeric claims (`about 2,400 electric
// buses`, `between 1,000 and 3,000 ...`) over a few hundred unit keys.
//
// Deterministic: Article(i) depends only on (seed, i), so articles can be
// generated in any order and from several threads. Every article has its
// own URL and, in practice, its own text (the odds of two equal texts are
// negligible: dozens of independent draws per article). About one quote in
// twelve repeats an earlier article's quote word for word (syndication), a
// third of those under a different speaker, so exact matches with several
// sources and attribution conflicts exist as in real news.
//
// Thread-safe: const methods only, after construction.
#ifndef CLAIMCHECK_TESTS_BENCH_ARTICLE_GEN_H_
#define CLAIMCHECK_TESTS_BENCH_ARTICLE_GEN_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace claimcheck::bench {

struct GeneratedArticle {
  std::string url;
  std::string outlet;
  std::string published_date;  // YYYY-MM-DD, 2020-01-01 .. 2026-12-28
  std::string title;
  std::string text;
};

class ArticleGenerator {
 public:
  // Loads the sentence pool from the corpus (exits if it cannot be read).
  // `target_bytes`: approximate text size of each article.
  explicit ArticleGenerator(uint64_t seed, size_t target_bytes = 3000);

  // The article with this index; same (seed, index), same article.
  GeneratedArticle Article(uint64_t index) const;

  // A tiny article of about `bytes` bytes with one attributed quote, unique
  // per index (for measuring per-article overhead).
  GeneratedArticle TinyArticle(uint64_t index) const;

  size_t sentence_pool_size() const { return sentences_.size(); }

 private:
  // The quote text of article `index`'s `k`-th quote before syndication.
  std::string FreshQuote(uint64_t index, int k) const;

  uint64_t seed_;
  size_t target_bytes_;
  std::vector<std::string> sentences_;  // clean Wikinews sentences, no quotes
};

}  // namespace claimcheck::bench

#endif  // CLAIMCHECK_TESTS_BENCH_ARTICLE_GEN_H_
