// The SQLite store's in-memory quote index (server/store/memory_index.h)
// must answer as the database would: after every put, replace, delete and
// merge, a store answers the same as a store freshly opened on the same file
// (whose index is rebuilt from SQLite), and the same as SQL over the tables.
#include "server/store/memory_index.h"

#include <sqlite3.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/extract/normalize.h"
#include "server/store/sqlite_store.h"
#include "tests/store/store_test_util.h"

namespace claimcheck::store {
namespace {

using ::claimcheck::store::testing::MakeArticle;
using ::claimcheck::store::testing::MakeQuote;
using ::claimcheck::store::testing::TempDir;
using ::claimcheck::store::testing::TestArticle;
using ::testing::ElementsAre;
using ::testing::ElementsAreArray;

std::unique_ptr<Store> Open(const std::string& path) {
  SqliteOptions options;
  options.path = path;
  absl::StatusOr<std::unique_ptr<Store>> store = OpenSqliteStore(options);
  EXPECT_TRUE(store.ok()) << store.status();
  return store.ok() ? std::move(*store) : nullptr;
}

std::vector<std::string> Ids(const std::vector<QuoteRecord>& recs) {
  std::vector<std::string> out;
  for (const QuoteRecord& r : recs) out.push_back(r.id);
  return out;
}

// Every page of a speaker's quotes, `page_size` at a time.
std::vector<std::string> AllPages(Store* store, const std::string& speaker,
                                  int page_size, const std::string& outlet = "",
                                  const std::string& from = "",
                                  const std::string& to = "") {
  absl::StatusOr<SpeakerRecord> s = store->GetSpeaker(speaker);
  if (!s.ok()) return {};
  SpeakerQuotesQuery q;
  q.speaker_id = s->id;
  q.outlet = outlet;
  q.from_date = from;
  q.to_date = to;
  q.limit = page_size;
  std::vector<std::string> out;
  for (int guard = 0; guard < 100; ++guard) {
    absl::StatusOr<QuotePage> page = store->ListSpeakerQuotes(q);
    EXPECT_TRUE(page.ok()) << page.status();
    if (!page.ok()) break;
    EXPECT_LE(static_cast<int>(page->quotes.size()), page_size);
    for (const QuoteRecord& r : page->quotes) {
      out.push_back(absl::StrCat(r.evidence.published_date, " ", r.id));
    }
    if (page->next_page_token.empty()) break;
    q.page_token = page->next_page_token;
  }
  return out;
}

// Quote ids by match hash straight from SQL, for comparison.
std::map<int64_t, int> HashCountsFromSql(const std::string& path) {
  std::map<int64_t, int> out;
  sqlite3* db = nullptr;
  EXPECT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  sqlite3_stmt* stmt = nullptr;
  EXPECT_EQ(sqlite3_prepare_v2(db,
                               "SELECT match_hash, count(*) FROM quotes"
                               " GROUP BY match_hash",
                               -1, &stmt, nullptr),
            SQLITE_OK);
  while (sqlite3_step(stmt) == SQLITE_ROW) {
    out[sqlite3_column_int64(stmt, 0)] = sqlite3_column_int(stmt, 1);
  }
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  return out;
}

class MemoryIndexTest : public ::testing::Test {
 protected:
  void SetUp() override { store_ = Open(path_); }

  void Put(const std::vector<TestArticle*>& articles) {
    std::vector<PutRequest> requests;
    for (const TestArticle* a : articles) requests.push_back(a->request());
    absl::StatusOr<std::vector<PutResult>> got = store_->PutArticles(requests);
    ASSERT_TRUE(got.ok()) << got.status();
  }

  // What the index answers, for every text and speaker of the test.
  std::vector<std::string> Answers(Store* store) {
    std::vector<std::string> out;
    for (const std::string& text : texts_) {
      absl::StatusOr<std::vector<QuoteRecord>> exact =
          store->FindQuotesByHash(extract::MatchHash(text), 100);
      EXPECT_TRUE(exact.ok()) << exact.status();
      for (const std::string& id : Ids(*exact)) {
        out.push_back(absl::StrCat("hash ", text, " ", id));
      }
      absl::StatusOr<std::vector<QuoteRecord>> approx =
          store->FindQuoteCandidates(text, 100);
      EXPECT_TRUE(approx.ok()) << approx.status();
      for (const QuoteRecord& r : *approx) {
        out.push_back(absl::StrCat("cand ", text, " ", r.id, " ",
                                   r.evidence.article_id, " ",
                                   r.evidence.outlet, " ", r.speaker_id));
      }
    }
    for (const std::string& speaker : speakers_) {
      for (const std::string& line : AllPages(store, speaker, 2)) {
        out.push_back(absl::StrCat("page ", speaker, " ", line));
      }
    }
    return out;
  }

  // The live store (index updated write by write) answers as one opened
  // afresh (index built from the database), and exact lookups agree with
  // SQL.
  void ExpectConsistent() {
    std::unique_ptr<Store> fresh = Open(path_);
    ASSERT_NE(fresh, nullptr);
    EXPECT_THAT(Answers(store_.get()), ElementsAreArray(Answers(fresh.get())));
    std::map<int64_t, int> sql = HashCountsFromSql(path_);
    for (const std::string& text : texts_) {
      const uint64_t h = extract::MatchHash(text);
      absl::StatusOr<std::vector<QuoteRecord>> got =
          store_->FindQuotesByHash(h, 100);
      ASSERT_TRUE(got.ok());
      auto it = sql.find(static_cast<int64_t>(h));
      EXPECT_EQ(static_cast<int>(got->size()), it == sql.end() ? 0 : it->second)
          << text;
    }
  }

  TempDir dir_;
  const std::string path_ = dir_.File("store.db");
  std::unique_ptr<Store> store_;
  std::vector<std::string> texts_ = {
      "The harbour bridge will reopen in spring",
      "Our budget for schools is larger than ever",
      "Nobody warned the villagers about the flood",
      "The harbour bridge stays closed until summer"};
  std::vector<std::string> speakers_ = {"Ada Okafor", "Bruno Lind"};
};

TEST_F(MemoryIndexTest, FollowsPutReplaceDeleteMergeAndReopen) {
  TestArticle a = MakeArticle("a", "Daily Test", "2026-01-03");
  a.extraction.quotes = {MakeQuote(texts_[0], "Ada Okafor", 0),
                         MakeQuote(texts_[1], "Bruno Lind", 100)};
  TestArticle b = MakeArticle("b", "Other Post", "2026-01-05");
  b.extraction.quotes = {MakeQuote(texts_[0], "Bruno Lind", 0),
                         MakeQuote(texts_[2], "Ada Okafor", 100)};
  TestArticle c = MakeArticle("c", "Daily Test", "");
  c.extraction.quotes = {MakeQuote(texts_[1], "Ada Okafor", 0)};
  Put({&a, &b, &c});
  ExpectConsistent();
  {
    absl::StatusOr<std::vector<QuoteRecord>> got =
        store_->FindQuotesByHash(extract::MatchHash(texts_[0]), 10);
    ASSERT_TRUE(got.ok());
    ASSERT_EQ(got->size(), 2u);
    EXPECT_EQ(got->at(0).evidence.published_date, "2026-01-03");
    EXPECT_EQ(got->at(0).evidence.outlet, "Daily Test");
    EXPECT_EQ(got->at(0).evidence.title, "Title a");
    EXPECT_EQ(got->at(1).quote.speaker, "Bruno Lind");
  }

  // Replace: same URL, new text; the old quotes leave every list.
  TestArticle b2 = MakeArticle("b", "Other Post", "2026-01-06");
  b2.input.text += " Updated.";
  b2.extraction.quotes = {MakeQuote(texts_[3], "Bruno Lind", 0)};
  Put({&b2});
  ExpectConsistent();
  EXPECT_EQ(store_->FindQuotesByHash(extract::MatchHash(texts_[2]), 10)->size(),
            0u);

  // Delete.
  absl::StatusOr<ArticleRecord> art = store_->GetArticle(
      store_->FindQuotesByHash(extract::MatchHash(texts_[1]), 10)
          ->at(0)
          .evidence.article_id,
      false);
  ASSERT_TRUE(art.ok());
  ASSERT_TRUE(store_->DeleteArticle(art->id).ok());
  ExpectConsistent();

  // Merge and undo move quotes between speaker lists.
  absl::StatusOr<SpeakerRecord> ada = store_->GetSpeaker("Ada Okafor");
  absl::StatusOr<SpeakerRecord> bruno = store_->GetSpeaker("Bruno Lind");
  ASSERT_TRUE(ada.ok() && bruno.ok());
  absl::StatusOr<SpeakerMergeRecord> merge =
      store_->MergeSpeakers(bruno->id, ada->id, "test");
  ASSERT_TRUE(merge.ok()) << merge.status();
  ExpectConsistent();
  EXPECT_EQ(AllPages(store_.get(), "Ada Okafor", 10).size(), 2u);
  ASSERT_TRUE(store_->UndoSpeakerMerge(merge->id).ok());
  ExpectConsistent();
  EXPECT_EQ(AllPages(store_.get(), "Ada Okafor", 10).size(), 1u);

  // Reopen: the rebuilt index answers the same.
  std::vector<std::string> before = Answers(store_.get());
  store_.reset();
  store_ = Open(path_);
  EXPECT_THAT(Answers(store_.get()), ElementsAreArray(before));
}

TEST_F(MemoryIndexTest, SpeakerPagesAreNewestFirstWithFilters) {
  std::vector<TestArticle> arts;
  const char* dates[] = {"2026-03-01", "2026-01-01", "",          "2026-02-01",
                         "2026-03-01", "2025-12-31", "2026-02-15"};
  for (int i = 0; i < 7; ++i) {
    TestArticle a = MakeArticle(absl::StrCat("p", i),
                                i % 2 ? "Other Post" : "Daily Test", dates[i]);
    a.extraction.quotes = {
        MakeQuote(absl::StrCat("Quote number ", i, " about the harbour"),
                  "Ada Okafor", 0)};
    arts.push_back(std::move(a));
  }
  std::vector<TestArticle*> ptrs;
  for (TestArticle& a : arts) ptrs.push_back(&a);
  Put(ptrs);
  std::vector<std::string> all = AllPages(store_.get(), "Ada Okafor", 3);
  ASSERT_EQ(all.size(), 7u);
  // Newest first; same date by insertion order; undated last.
  EXPECT_EQ(all[0].substr(0, 10), "2026-03-01");
  EXPECT_EQ(all[1].substr(0, 10), "2026-03-01");
  EXPECT_EQ(all[2].substr(0, 10), "2026-02-15");
  EXPECT_EQ(all[6].substr(0, 1), " ");  // undated
  for (int size : {1, 2, 7, 50}) {
    SCOPED_TRACE(size);
    EXPECT_THAT(AllPages(store_.get(), "Ada Okafor", size),
                ElementsAreArray(all));
  }
  EXPECT_EQ(AllPages(store_.get(), "Ada Okafor", 2, "Other Post").size(), 3u);
  EXPECT_EQ(
      AllPages(store_.get(), "Ada Okafor", 2, "", "2026-02-01", "2026-02-28")
          .size(),
      2u);
  // SQL semantics: '' <= to_date, so undated quotes pass a to_date alone.
  EXPECT_EQ(
      AllPages(store_.get(), "Ada Okafor", 2, "", "", "2026-01-01").size(), 3u);
  EXPECT_EQ(AllPages(store_.get(), "Ada Okafor", 2, "", "2026-03-01").size(),
            2u);
  ExpectConsistent();
}

TEST_F(MemoryIndexTest, CandidatesPreferQuotesHoldingTheRareWords) {
  TestArticle a = MakeArticle("a");
  a.extraction.quotes = {
      MakeQuote("The minister said the harbour bridge will reopen", "A B", 0),
      MakeQuote("The minister said the budget will grow", "A B", 100),
      MakeQuote("The minister said the weather will turn", "A B", 200)};
  Put({&a});
  absl::StatusOr<std::vector<QuoteRecord>> got =
      store_->FindQuoteCandidates("harbour bridge reopen", 2);
  ASSERT_TRUE(got.ok());
  ASSERT_FALSE(got->empty());
  EXPECT_EQ(got->at(0).quote.text,
            "The minister said the harbour bridge will reopen");
  EXPECT_LE(got->size(), 2u);
}

// What Candidates returns when step 1 finds at least 20 quotes (so step 2
// does not run), by an exhaustive walk: every quote holding the 3 rarest
// query words, scored by idf-weighted overlap with the rarest 8, best first
// (ties: lower ordinal), at most 32, and past the first 20 only those
// scoring at least half the best. Ordinals are insertion order. Nullopt
// when step 1 finds fewer than 20.
std::optional<std::vector<size_t>> ExhaustiveCandidates(
    const std::vector<std::set<std::string>>& quote_words,
    const std::string& query, size_t limit) {
  std::vector<std::string> words =
      absl::StrSplit(extract::NormalizeForMatch(query), ' ', absl::SkipEmpty());
  std::sort(words.begin(), words.end());
  words.erase(std::unique(words.begin(), words.end()), words.end());
  std::vector<std::vector<size_t>> lists;
  for (const std::string& w : words) {
    std::vector<size_t> l;
    for (size_t q = 0; q < quote_words.size(); ++q) {
      if (quote_words[q].count(w)) l.push_back(q);
    }
    if (!l.empty()) lists.push_back(std::move(l));
  }
  std::sort(lists.begin(), lists.end(),
            [](const auto& a, const auto& b) { return a.size() < b.size(); });
  const double docs = static_cast<double>(quote_words.size());
  const auto holds = [&](size_t i, size_t q) {
    return std::binary_search(lists[i].begin(), lists[i].end(), q);
  };
  const size_t scoring = std::min<size_t>(lists.size(), 8);
  const size_t all_of = std::min<size_t>(lists.size(), 3);
  std::vector<std::pair<float, size_t>> scored;
  for (size_t q = 0; q < quote_words.size(); ++q) {
    bool in_all = true;
    for (size_t i = 0; i < all_of; ++i) in_all = in_all && holds(i, q);
    if (!in_all) continue;
    float score = 0;
    for (size_t i = 0; i < scoring; ++i) {
      if (holds(i, q)) {
        score += static_cast<float>(
            std::log(1.0 + docs / static_cast<double>(lists[i].size())));
      }
    }
    scored.emplace_back(score, q);
  }
  if (scored.size() < 20) return std::nullopt;
  std::sort(scored.begin(), scored.end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first > b.first : a.second < b.second;
  });
  scored.resize(std::min(scored.size(), std::min<size_t>(limit, 32)));
  const float best = scored.front().first;
  size_t strong = 0;
  for (const auto& e : scored) strong += !(e.first < 0.5f * best);
  scored.resize(std::min(
      scored.size(),
      std::min(limit, std::max<size_t>(std::min<size_t>(strong, 32), 20))));
  std::vector<size_t> out;
  for (const auto& e : scored) out.push_back(e.second);
  return out;
}

// Step 1 of Candidates skips quotes (a leapfrog walk and a MaxScore cut) but
// returns what the walk over every quote holding the rarest words returns:
// 2,000 quotes over 16 words of graded frequency, 300 random queries.
TEST_F(MemoryIndexTest, CandidatesEqualTheExhaustiveWalk) {
  const std::vector<std::string> vocab = {
      "alfa", "bravo",    "charlie", "delta",   "echo", "foxtrot",
      "golf", "hotel",    "india",   "juliett", "kilo", "lima",
      "mike", "november", "oscar",   "papa"};
  uint64_t r = 7;
  const auto rnd = [&r](uint64_t n) {
    r = r * 6364136223846793005ULL + 1442695040888963407ULL;
    return (r >> 33) % n;
  };
  std::vector<std::set<std::string>> quote_words;
  std::map<std::pair<std::string, uint32_t>, size_t> ordinal;
  std::vector<TestArticle> articles;
  for (int a = 0; a < 20; ++a) {
    articles.push_back(MakeArticle(absl::StrCat("x", a)));
    for (uint32_t k = 0; k < 100; ++k) {
      std::set<std::string> words;
      std::string text;
      for (size_t w = 0; w < vocab.size(); ++w) {
        // Word w in about (90 - 5w)% of quotes.
        if (rnd(100) < 90 - 5 * w) {
          words.insert(vocab[w]);
          absl::StrAppend(&text, text.empty() ? "" : " ", vocab[w]);
        }
      }
      if (text.empty()) continue;
      ordinal[{articles.back().input.url, k * 200}] = quote_words.size();
      quote_words.push_back(words);
      articles.back().extraction.quotes.push_back(
          MakeQuote(text, "A B", k * 200));
    }
  }
  std::vector<TestArticle*> all;
  for (TestArticle& a : articles) all.push_back(&a);
  Put(all);
  std::unique_ptr<Store> fresh = Open(path_);  // ordinals in rowid order
  int compared = 0;
  for (int t = 0; t < 300; ++t) {
    std::string query;
    for (size_t n = 4 + rnd(7); n > 0; --n) {
      absl::StrAppend(&query, query.empty() ? "" : " ",
                      vocab[rnd(vocab.size())]);
    }
    for (size_t limit : {100u, 25u, 5u}) {
      const std::optional<std::vector<size_t>> want =
          ExhaustiveCandidates(quote_words, query, limit);
      if (!want) continue;
      absl::StatusOr<std::vector<QuoteRecord>> got =
          fresh->FindQuoteCandidates(query, static_cast<int>(limit));
      ASSERT_TRUE(got.ok()) << got.status();
      std::vector<size_t> got_ords;
      for (const QuoteRecord& rec : *got) {
        got_ords.push_back(
            ordinal.at({rec.evidence.url, rec.quote.span.begin}));
      }
      EXPECT_EQ(got_ords, *want) << query << " limit " << limit;
      ++compared;
    }
  }
  EXPECT_GT(compared, 300);
}

// Readers run while a writer adds and replaces articles: every record they
// get is whole (its article exists with the evidence it cites) and pages
// never repeat a quote.
TEST_F(MemoryIndexTest, ReadersSeeWholeRecordsWhileWriting) {
  std::atomic<bool> stop{false};
  std::atomic<int> bad{0};
  std::thread reader([&] {
    while (!stop.load()) {
      absl::StatusOr<std::vector<QuoteRecord>> got =
          store_->FindQuotesByHash(extract::MatchHash(texts_[0]), 1000);
      if (!got.ok()) {
        ++bad;
        continue;
      }
      for (const QuoteRecord& r : *got) {
        if (r.quote.text != texts_[0] || r.evidence.article_id.empty() ||
            r.evidence.outlet.empty()) {
          ++bad;
        }
      }
      std::vector<std::string> pages = AllPages(store_.get(), "Ada Okafor", 3);
      std::set<std::string> unique(pages.begin(), pages.end());
      if (unique.size() != pages.size()) ++bad;
    }
  });
  for (int i = 0; i < 40; ++i) {
    TestArticle a = MakeArticle(absl::StrCat("w", i % 10), "Daily Test",
                                absl::StrCat("2026-01-", 10 + i % 10));
    a.input.text += absl::StrCat(" v", i);  // same URL, new text: replace
    a.extraction.quotes = {MakeQuote(texts_[0], "Ada Okafor", 0),
                           MakeQuote(texts_[i % 3 + 1], "Ada Okafor", 100)};
    Put({&a});
  }
  stop = true;
  reader.join();
  EXPECT_EQ(bad.load(), 0);
  EXPECT_EQ(
      store_->FindQuotesByHash(extract::MatchHash(texts_[0]), 1000)->size(),
      10u);
  ExpectConsistent();
}

TEST(PackDateTest, RoundTripsIsoDatesOnly) {
  EXPECT_EQ(PackDate("2026-01-31"), 20260131u);
  EXPECT_EQ(UnpackDate(20260131u), "2026-01-31");
  EXPECT_EQ(PackDate(""), 0u);
  EXPECT_EQ(PackDate("2026/01/31"), 0u);
  EXPECT_EQ(UnpackDate(0), "");
}

}  // namespace
}  // namespace claimcheck::store
