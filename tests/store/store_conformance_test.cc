// One behavioural suite for every Store backend. A backend joins by adding a
// StoreBackend to the INSTANTIATE_TEST_SUITE_P list at the bottom: a name and
// a function that opens a fresh, empty store inside a given directory.
#include <algorithm>
#include <atomic>
#include <functional>
#include <memory>
#include <ostream>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/extract/normalize.h"
#include "server/store/postgres_store.h"
#include "server/store/sqlite_store.h"
#include "server/store/store.h"
#include "tests/pg/pg_test_db.h"
#include "tests/status_matchers.h"
#include "tests/store/store_test_util.h"

namespace claimcheck::store {
namespace {

using ::claimcheck::testing::StatusIs;

using ::claimcheck::store::testing::MakeArticle;
using ::claimcheck::store::testing::MakeQuantity;
using ::claimcheck::store::testing::MakeQuote;
using ::claimcheck::store::testing::TempDir;
using ::claimcheck::store::testing::TestArticle;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::UnorderedElementsAre;

struct StoreBackend {
  std::string name;
  // Opens a fresh store whose files live under `dir`.
  std::function<absl::StatusOr<std::unique_ptr<Store>>(const std::string& dir)>
      open;
};

// Names the backend in test output instead of dumping the struct's bytes.
void PrintTo(const StoreBackend& backend, std::ostream* os) {
  *os << backend.name;
}

class StoreConformanceTest : public ::testing::TestWithParam<StoreBackend> {
 protected:
  void SetUp() override {
    absl::StatusOr<std::unique_ptr<Store>> store = GetParam().open(dir_.path());
    ASSERT_TRUE(store.ok()) << store.status();
    store_ = std::move(*store);
  }

  PutResult Put(const TestArticle& a) {
    const PutRequest r = a.request();
    absl::StatusOr<std::vector<PutResult>> got =
        store_->PutArticles(absl::MakeConstSpan(&r, 1));
    EXPECT_TRUE(got.ok()) << got.status();
    if (!got.ok() || got->size() != 1) return PutResult{};
    return (*got)[0];
  }

  ArticleRecord Get(const std::string& id, bool with_text = false) {
    absl::StatusOr<ArticleRecord> got = store_->GetArticle(id, with_text);
    EXPECT_TRUE(got.ok()) << got.status();
    return got.ok() ? *got : ArticleRecord{};
  }

  std::vector<std::string> CandidateTexts(absl::string_view query,
                                          int limit = 10) {
    absl::StatusOr<std::vector<QuoteRecord>> got =
        store_->FindQuoteCandidates(query, limit);
    EXPECT_TRUE(got.ok()) << got.status();
    std::vector<std::string> texts;
    if (got.ok()) {
      for (const QuoteRecord& q : *got) texts.push_back(q.quote.text);
    }
    return texts;
  }

  TempDir dir_;
  std::unique_ptr<Store> store_;
};

// An article about talks with two attributed quotes, one unattributed quote
// and two numeric claims.
TestArticle TalksArticle() {
  TestArticle a = MakeArticle("talks", "The Washington Times", "2026-02-08");
  extract::Quote q0 =
      MakeQuote("The talks were very good", "Abbas Araghchi", 120,
                "Mr. Araghchi", "Iranian Foreign Minister");
  q0.channel = "posted on X";
  q0.relayed_by = "Al Jazeera";
  q0.partial = true;
  q0.mention_span = {150, 162};
  extract::Quote q1 =
      MakeQuote("We will not give up enrichment", "Abbas Araghchi", 300, "he");
  extract::Quote q2 = MakeQuote("Nobody knows who said this", "", 400);
  a.extraction.quotes = {q0, q1, q2};
  extract::Quantity range =
      MakeQuantity("between 1,000 and 3,000 missiles", "missile", std::nullopt,
                   1000, 3000, extract::Approx::kRange);
  range.qualifier = "between";
  range.subject = "Iran";
  range.time = "by 2035";
  range.asserted_by = "A Defense Intelligence Agency report";
  range.quote_index = 1;
  extract::Quantity point =
      MakeQuantity("about 60 percent", "percent", 60.0, std::nullopt,
                   std::nullopt, extract::Approx::kAbout);
  point.vague = false;
  a.extraction.quantities = {range, point};
  return a;
}

TEST_P(StoreConformanceTest, PutThenGetRoundTripsEveryField) {
  const TestArticle a = TalksArticle();
  const PutResult put = Put(a);
  EXPECT_EQ(put.outcome, PutOutcome::kCreated);
  EXPECT_EQ(put.version, 1);
  EXPECT_FALSE(put.article_id.empty());

  const ArticleRecord got = Get(put.article_id, /*with_text=*/true);
  EXPECT_EQ(got.id, put.article_id);
  EXPECT_EQ(got.input.url, a.input.url);
  EXPECT_EQ(got.input.outlet, a.input.outlet);
  EXPECT_EQ(got.input.published_date, a.input.published_date);
  EXPECT_EQ(got.input.title, a.input.title);
  EXPECT_EQ(got.input.text, a.input.text);
  EXPECT_EQ(got.content_hash.size(), 64u);
  EXPECT_EQ(got.version, 1);
  EXPECT_GT(got.ingested_unix_ms, 0);

  ASSERT_EQ(got.quotes.size(), 3u);
  for (size_t i = 0; i < 3; ++i) {
    SCOPED_TRACE(i);
    const extract::Quote& want = a.extraction.quotes[i];
    const QuoteRecord& q = got.quotes[i];
    EXPECT_FALSE(q.id.empty());
    EXPECT_EQ(q.quote.text, want.text);
    EXPECT_EQ(q.quote.span, want.span);
    EXPECT_EQ(q.quote.partial, want.partial);
    EXPECT_EQ(q.quote.speaker, want.speaker);
    EXPECT_EQ(q.quote.speaker_kind, want.speaker_kind);
    EXPECT_EQ(q.quote.speaker_mention, want.speaker_mention);
    EXPECT_EQ(q.quote.mention_span, want.mention_span);
    EXPECT_EQ(q.quote.role, want.role);
    EXPECT_EQ(q.quote.channel, want.channel);
    EXPECT_EQ(q.quote.relayed_by, want.relayed_by);
    EXPECT_EQ(q.quote.cue, want.cue);
    EXPECT_EQ(q.quote.rule, want.rule);
    EXPECT_FLOAT_EQ(q.quote.confidence, want.confidence);
    EXPECT_EQ(q.evidence.article_id, put.article_id);
    EXPECT_EQ(q.evidence.outlet, a.input.outlet);
    EXPECT_EQ(q.evidence.url, a.input.url);
    EXPECT_EQ(q.evidence.published_date, a.input.published_date);
    EXPECT_EQ(q.evidence.title, a.input.title);
    EXPECT_EQ(q.evidence.span, want.span);
  }
  EXPECT_FALSE(got.quotes[0].speaker_id.empty());
  EXPECT_EQ(got.quotes[0].speaker_id, got.quotes[1].speaker_id);
  EXPECT_TRUE(got.quotes[2].speaker_id.empty());  // no speaker, no id
  std::set<std::string> ids;
  for (const QuoteRecord& q : got.quotes) ids.insert(q.id);
  EXPECT_EQ(ids.size(), 3u);

  ASSERT_EQ(got.claims.size(), 2u);
  for (size_t i = 0; i < 2; ++i) {
    SCOPED_TRACE(i);
    const extract::Quantity& want = a.extraction.quantities[i];
    const ClaimRecord& c = got.claims[i];
    EXPECT_FALSE(c.id.empty());
    EXPECT_EQ(c.quantity.surface, want.surface);
    EXPECT_EQ(c.quantity.span, want.span);
    EXPECT_EQ(c.quantity.value, want.value);
    EXPECT_EQ(c.quantity.low, want.low);
    EXPECT_EQ(c.quantity.high, want.high);
    EXPECT_EQ(c.quantity.approx, want.approx);
    EXPECT_EQ(c.quantity.qualifier, want.qualifier);
    EXPECT_EQ(c.quantity.vague, want.vague);
    EXPECT_EQ(c.quantity.unit, want.unit);
    EXPECT_EQ(c.quantity.unit_key, want.unit_key);
    EXPECT_EQ(c.quantity.subject, want.subject);
    EXPECT_EQ(c.quantity.time, want.time);
    EXPECT_EQ(c.quantity.asserted_by, want.asserted_by);
    EXPECT_EQ(c.quantity.quote_index, want.quote_index);
    EXPECT_EQ(c.evidence.article_id, put.article_id);
    EXPECT_EQ(c.evidence.span, want.span);
  }

  // Without text: everything but the text.
  const ArticleRecord lean = Get(put.article_id, /*with_text=*/false);
  EXPECT_TRUE(lean.input.text.empty());
  EXPECT_EQ(lean.quotes.size(), 3u);
}

TEST_P(StoreConformanceTest, SameUrlSameTextIsUnchanged) {
  const TestArticle a = TalksArticle();
  const PutResult first = Put(a);
  const PutResult again = Put(a);
  EXPECT_EQ(again.outcome, PutOutcome::kUnchanged);
  EXPECT_EQ(again.article_id, first.article_id);
  EXPECT_EQ(again.version, 1);
  EXPECT_EQ(store_->GetStats()->articles, 1);
  EXPECT_EQ(store_->GetStats()->quotes, 3);
}

TEST_P(StoreConformanceTest, SameTextUnderAnotherUrlIsUnchanged) {
  const TestArticle a = TalksArticle();
  const PutResult first = Put(a);
  TestArticle b = a;
  b.input.url = "https://mirror.example/copy";
  b.input.outlet = "Mirror";
  const PutResult second = Put(b);
  EXPECT_EQ(second.outcome, PutOutcome::kUnchanged);
  EXPECT_EQ(second.article_id, first.article_id);
  TestArticle c = a;  // and without any URL
  c.input.url.clear();
  EXPECT_EQ(Put(c).article_id, first.article_id);
  EXPECT_EQ(store_->GetStats()->articles, 1);
}

TEST_P(StoreConformanceTest, ArticlesWithoutUrlAreKeyedByText) {
  TestArticle a = MakeArticle("nourl");
  a.input.url.clear();
  const PutResult first = Put(a);
  EXPECT_EQ(first.outcome, PutOutcome::kCreated);
  TestArticle b = a;
  b.input.text += " More.";
  const PutResult second = Put(b);
  EXPECT_EQ(second.outcome, PutOutcome::kCreated);
  EXPECT_NE(second.article_id, first.article_id);
  EXPECT_EQ(Put(a).outcome, PutOutcome::kUnchanged);
}

TEST_P(StoreConformanceTest, SameUrlNewTextReplacesAndBumpsVersion) {
  const TestArticle a = TalksArticle();
  const PutResult first = Put(a);
  const std::string old_speaker = Get(first.article_id).quotes[0].speaker_id;

  TestArticle b = MakeArticle("talks", "The Washington Times", "2026-02-09");
  b.input.text = "Corrected text of the talks article.";
  b.extraction.quotes = {
      MakeQuote("A corrected statement about bridges", "Jane Roe", 5)};
  const PutResult second = Put(b);
  EXPECT_EQ(second.outcome, PutOutcome::kReplaced);
  EXPECT_EQ(second.article_id, first.article_id);
  EXPECT_EQ(second.version, 2);

  const ArticleRecord got = Get(first.article_id, true);
  EXPECT_EQ(got.version, 2);
  EXPECT_EQ(got.input.text, b.input.text);
  EXPECT_EQ(got.input.published_date, "2026-02-09");
  ASSERT_EQ(got.quotes.size(), 1u);
  EXPECT_EQ(got.quotes[0].quote.text, "A corrected statement about bridges");
  EXPECT_THAT(got.claims, IsEmpty());

  // Old quotes are gone from every index; the old-only speaker with them.
  EXPECT_THAT(*store_->FindQuotesByHash(
                  extract::MatchHash("The talks were very good"), 10),
              IsEmpty());
  EXPECT_THAT(CandidateTexts("talks very good"), IsEmpty());
  EXPECT_THAT(CandidateTexts("corrected bridges"),
              ElementsAre("A corrected statement about bridges"));
  EXPECT_THAT(store_->GetSpeaker(old_speaker),
              StatusIs(absl::StatusCode::kNotFound));
  EXPECT_EQ(store_->GetStats()->claims, 0);

  // Putting the old text back is a replacement again, not "unchanged".
  const PutResult third = Put(a);
  EXPECT_EQ(third.outcome, PutOutcome::kReplaced);
  EXPECT_EQ(third.version, 3);
}

TEST_P(StoreConformanceTest, DeleteCascadesToQuotesClaimsAndSearch) {
  const PutResult put = Put(TalksArticle());
  TestArticle other = MakeArticle("other");
  other.extraction.quotes = {
      MakeQuote("Unrelated words entirely", "Jane Roe", 1)};
  Put(other);

  absl::StatusOr<DeleteResult> del = store_->DeleteArticle(put.article_id);
  ASSERT_TRUE(del.ok()) << del.status();
  EXPECT_EQ(del->deleted_quotes, 3);
  EXPECT_EQ(del->deleted_claims, 2);

  EXPECT_THAT(store_->GetArticle(put.article_id, false),
              StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(*store_->FindQuotesByHash(
                  extract::MatchHash("The talks were very good"), 10),
              IsEmpty());
  EXPECT_THAT(CandidateTexts("talks were very good"), IsEmpty());
  EXPECT_THAT(CandidateTexts("enrichment"), IsEmpty());
  EXPECT_THAT(store_->FindClaims(ClaimsQuery{})->claims, IsEmpty());
  EXPECT_THAT(store_->GetSpeaker("Abbas Araghchi"),
              StatusIs(absl::StatusCode::kNotFound));
  const StoreStats stats = *store_->GetStats();
  EXPECT_EQ(stats.articles, 1);
  EXPECT_EQ(stats.quotes, 1);
  EXPECT_EQ(stats.claims, 0);
  EXPECT_EQ(stats.speakers, 1);

  EXPECT_THAT(store_->DeleteArticle(put.article_id),
              StatusIs(absl::StatusCode::kNotFound));
  // Re-ingest after delete: the same id again.
  EXPECT_EQ(Put(TalksArticle()).article_id, put.article_id);
}

TEST_P(StoreConformanceTest, UnknownIdsAreNotFoundWithTheIdInTheMessage) {
  absl::Status s = store_->GetArticle("a_nope", true).status();
  EXPECT_THAT(s, StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(std::string(s.message()),
              HasSubstr("article 'a_nope' not found"));
  s = store_->DeleteArticle("a_nope").status();
  EXPECT_THAT(s, StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(std::string(s.message()), HasSubstr("a_nope"));
  s = store_->GetSpeaker("Nobody Atall").status();
  EXPECT_THAT(s, StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(std::string(s.message()), HasSubstr("Nobody Atall"));
  SpeakerQuotesQuery q;
  q.speaker_id = "s_nope";
  EXPECT_THAT(store_->ListSpeakerQuotes(q),
              StatusIs(absl::StatusCode::kNotFound));
}

TEST_P(StoreConformanceTest, BadArgumentsAreInvalidArgument) {
  EXPECT_THAT(store_->GetSpeaker(""),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(store_->FindQuotesByHash(1, 0),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(store_->FindQuoteCandidates("x", -1),
              StatusIs(absl::StatusCode::kInvalidArgument));
  SpeakerQuotesQuery q;
  EXPECT_THAT(store_->ListSpeakerQuotes(q),
              StatusIs(absl::StatusCode::kInvalidArgument));
  q.speaker_id = "s_x";
  q.from_date = "yesterday";
  absl::Status s = store_->ListSpeakerQuotes(q).status();
  EXPECT_THAT(s, StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(std::string(s.message()), HasSubstr("from_date"));
  ClaimsQuery c;
  c.min_value = 10;
  c.max_value = 1;
  EXPECT_THAT(store_->FindClaims(c),
              StatusIs(absl::StatusCode::kInvalidArgument));

  // A bad request in a batch writes nothing.
  const TestArticle good = MakeArticle("good");
  TestArticle bad = MakeArticle("bad");
  bad.input.outlet.clear();
  const PutRequest batch[] = {good.request(), bad.request()};
  s = store_->PutArticles(batch).status();
  EXPECT_THAT(s, StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(std::string(s.message()), HasSubstr("articles[1].outlet"));
  EXPECT_EQ(store_->GetStats()->articles, 0);
  TestArticle bad_date = MakeArticle("bad-date", "Outlet", "08/02/2026");
  const PutRequest dated[] = {bad_date.request()};
  s = store_->PutArticles(dated).status();
  EXPECT_THAT(s, StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(std::string(s.message()),
              HasSubstr("articles[0].published_date"));
}

TEST_P(StoreConformanceTest, BatchIsOneWriteWithPerArticleResults) {
  const TestArticle a = MakeArticle("b1");
  const TestArticle b = MakeArticle("b2");
  TestArticle a_copy = a;
  a_copy.input.url = "https://elsewhere.example/b1";
  const PutRequest batch[] = {a.request(), b.request(), a_copy.request()};
  absl::StatusOr<std::vector<PutResult>> got = store_->PutArticles(batch);
  ASSERT_TRUE(got.ok()) << got.status();
  ASSERT_EQ(got->size(), 3u);
  EXPECT_EQ((*got)[0].outcome, PutOutcome::kCreated);
  EXPECT_EQ((*got)[1].outcome, PutOutcome::kCreated);
  EXPECT_EQ((*got)[2].outcome, PutOutcome::kUnchanged);
  EXPECT_EQ((*got)[2].article_id, (*got)[0].article_id);
  EXPECT_NE((*got)[0].article_id, (*got)[1].article_id);
  EXPECT_TRUE(store_->PutArticles({})->empty());
}

TEST_P(StoreConformanceTest, FindQuotesByHashIsEarliestFirst) {
  const std::string text = "We are ready for a deal";
  const struct {
    const char* tag;
    const char* date;
  } kArticles[] = {{"mid", "2026-02-05"},
                   {"undated", ""},
                   {"early", "2026-01-01"},
                   {"late", "2026-03-01"}};
  for (const auto& k : kArticles) {
    TestArticle a = MakeArticle(k.tag, "Outlet", k.date);
    // Different renderings of the same words share one match hash.
    a.extraction.quotes = {MakeQuote(
        std::string(k.tag) == "late" ? "we are READY for a deal!" : text,
        "Abbas Araghchi", 7)};
    Put(a);
  }
  absl::StatusOr<std::vector<QuoteRecord>> got =
      store_->FindQuotesByHash(extract::MatchHash(text), 10);
  ASSERT_TRUE(got.ok()) << got.status();
  std::vector<std::string> dates;
  for (const QuoteRecord& q : *got) dates.push_back(q.evidence.published_date);
  EXPECT_THAT(dates, ElementsAre("2026-01-01", "2026-02-05", "2026-03-01", ""));
  EXPECT_EQ(store_->FindQuotesByHash(extract::MatchHash(text), 2)->size(), 2u);
  EXPECT_THAT(*store_->FindQuotesByHash(extract::MatchHash("never said"), 5),
              IsEmpty());
}

TEST_P(StoreConformanceTest, FindQuoteCandidatesByWordsAndSubstrings) {
  Put(TalksArticle());
  TestArticle b = MakeArticle("accents");
  b.extraction.quotes = {
      MakeQuote("José Martí will visit the capital tomorrow", "Ana Pérez", 3),
      MakeQuote("Completely different sentence about weather", "Ana Pérez",
                90)};
  Put(b);

  // A few words, in another order, with other casing and punctuation.
  EXPECT_THAT(CandidateTexts("GOOD talks?"),
              ElementsAre("The talks were very good"));
  EXPECT_THAT(CandidateTexts("give up enrichment"),
              ElementsAre("We will not give up enrichment"));
  // Accent-insensitive both ways.
  EXPECT_THAT(CandidateTexts("Jose Marti visit"),
              ElementsAre("José Martí will visit the capital tomorrow"));
  EXPECT_THAT(CandidateTexts("Martí"),
              ElementsAre("José Martí will visit the capital tomorrow"));
  // Substrings that are not whole words.
  EXPECT_THAT(CandidateTexts("richmen"),
              ElementsAre("We will not give up enrichment"));
  EXPECT_THAT(CandidateTexts("ery goo"),
              ElementsAre("The talks were very good"));
  // Best first: the quote that contains the phrase beats word overlap.
  std::vector<std::string> got = CandidateTexts("talks were very good weather");
  ASSERT_GE(got.size(), 2u);
  EXPECT_EQ(got[0], "The talks were very good");
  // Limit and no duplicates.
  got = CandidateTexts("the talks enrichment weather capital nobody", 3);
  EXPECT_EQ(got.size(), 3u);
  EXPECT_EQ(std::set<std::string>(got.begin(), got.end()).size(), got.size());
  EXPECT_THAT(CandidateTexts("zebra"), IsEmpty());
  EXPECT_THAT(CandidateTexts(""), IsEmpty());
  EXPECT_THAT(CandidateTexts("!!! ..."), IsEmpty());
}

TEST_P(StoreConformanceTest, CandidateQueriesCannotInjectFtsSyntax) {
  TestArticle a = MakeArticle("inject");
  a.extraction.quotes = {
      MakeQuote("\"a\" OR NOT b* NEAR( said the hacker", "Eve Hacker", 1),
      MakeQuote("ordinary quote about near misses", "Eve Hacker", 90)};
  Put(a);
  const char* kNasty[] = {
      "\"a\" OR NOT b* NEAR(",
      "NEAR(",
      "\"",
      "\"\"\"",
      "a OR",
      "NOT",
      "AND OR NOT",
      "b*",
      "*",
      "^start",
      "col:value",
      "norm_text:near",
      "{norm_text}: x",
      "(((",
      ")",
      "+ - :",
      "a\" OR \"b",
      "\\\" ; DROP TABLE quotes; --",
      "'; DELETE FROM articles; --",
      "\xff\xfe invalid utf8 \xc3",
      "near NEAR/2 near",
  };
  for (const char* q : kNasty) {
    SCOPED_TRACE(q);
    absl::StatusOr<std::vector<QuoteRecord>> got =
        store_->FindQuoteCandidates(q, 10);
    EXPECT_TRUE(got.ok()) << got.status();
  }
  EXPECT_THAT(CandidateTexts("\"a\" OR NOT b* NEAR("),
              ::testing::Contains("\"a\" OR NOT b* NEAR( said the hacker"));
  EXPECT_EQ(store_->GetStats()->quotes, 2);
}

TEST_P(StoreConformanceTest, GetSpeakerByIdNameKeyOrAlias) {
  TestArticle a = TalksArticle();
  Put(a);
  TestArticle b = MakeArticle("second", "Al Jazeera", "2026-02-10");
  b.extraction.quotes = {
      MakeQuote("Diplomacy is the only way", "Abbas Araghchi", 4,
                "Foreign Minister Araghchi", "Foreign Minister")};
  Put(b);

  absl::StatusOr<SpeakerRecord> by_name = store_->GetSpeaker("Abbas Araghchi");
  ASSERT_TRUE(by_name.ok()) << by_name.status();
  EXPECT_EQ(by_name->name, "Abbas Araghchi");
  EXPECT_EQ(by_name->kind, extract::SpeakerKind::kPerson);
  EXPECT_EQ(by_name->quote_count, 3);
  EXPECT_THAT(
      by_name->aliases,
      UnorderedElementsAre("Mr. Araghchi", "Foreign Minister Araghchi"));
  EXPECT_THAT(by_name->roles, UnorderedElementsAre("Iranian Foreign Minister",
                                                   "Foreign Minister"));
  EXPECT_THAT(by_name->outlets,
              ElementsAre("Al Jazeera", "The Washington Times"));

  for (const std::string& q :
       {by_name->id, std::string("abbas araghchi"),
        std::string("ABBAS ARAGHCHI"), std::string("Mr. Abbas Araghchi"),
        std::string("mr. araghchi"),
        std::string("Foreign Minister Araghchi")}) {
    SCOPED_TRACE(q);
    absl::StatusOr<SpeakerRecord> got = store_->GetSpeaker(q);
    ASSERT_TRUE(got.ok()) << got.status();
    EXPECT_EQ(got->id, by_name->id);
    // ResolveSpeaker gives the same id and name.
    absl::StatusOr<SpeakerName> resolved = store_->ResolveSpeaker(q);
    ASSERT_TRUE(resolved.ok()) << resolved.status();
    EXPECT_EQ(resolved->id, by_name->id);
    EXPECT_EQ(resolved->name, by_name->name);
  }
  // A pronoun mention is not an alias.
  EXPECT_THAT(store_->GetSpeaker("he"), StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(store_->ResolveSpeaker("he"),
              StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(store_->ResolveSpeaker(""),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

// "a longtime resident" is someone else in every article: the quote keeps
// the description, but no speaker record gathers the people it stands for.
TEST_P(StoreConformanceTest, UnnamedSourcesGetNoSpeakerRecord) {
  for (const char* tag : {"one", "two"}) {
    TestArticle a = MakeArticle(tag, "Quay Gazette", "2026-02-10");
    a.extraction.quotes = {MakeQuote(absl::StrCat("We were never told ", tag),
                                     "a longtime resident", 4)};
    const PutResult put = Put(a);
    const ArticleRecord got = Get(put.article_id, /*with_text=*/false);
    ASSERT_EQ(got.quotes.size(), 1u);
    EXPECT_EQ(got.quotes[0].quote.speaker, "a longtime resident");
    EXPECT_EQ(got.quotes[0].speaker_id, "");
  }
  EXPECT_THAT(store_->GetSpeaker("a longtime resident"),
              StatusIs(absl::StatusCode::kNotFound));
}

TEST_P(StoreConformanceTest, ListSpeakersPagesInNameOrderWithoutGapsOrDupes) {
  std::vector<std::string> names;
  for (int i = 0; i < 23; ++i) {
    names.push_back(absl::StrCat(i % 2 ? "speaker " : "Speaker ",
                                 std::string(1, static_cast<char>('a' + i)),
                                 " Person"));
  }
  names.push_back("The Pentagon");
  names.push_back("Zed Last");
  TestArticle a = MakeArticle("many");
  for (size_t i = 0; i < names.size(); ++i) {
    a.extraction.quotes.push_back(MakeQuote(absl::StrCat("Quote number ", i),
                                            names[i],
                                            static_cast<uint32_t>(i * 40)));
  }
  Put(a);

  for (int page_size : {1, 4, 5, 7, 100}) {
    SCOPED_TRACE(page_size);
    std::vector<std::string> seen;
    std::string token;
    int pages = 0;
    do {
      absl::StatusOr<SpeakerPage> page =
          store_->ListSpeakers("SPEAKER", page_size, token);
      ASSERT_TRUE(page.ok()) << page.status();
      ASSERT_LE(static_cast<int>(page->speakers.size()), page_size);
      for (const SpeakerRecord& s : page->speakers) {
        seen.push_back(s.name);
        EXPECT_EQ(s.quote_count, 1);
        EXPECT_THAT(s.outlets, ElementsAre("Daily Test"));
      }
      token = page->next_page_token;
      ASSERT_LT(++pages, 100);
    } while (!token.empty());
    ASSERT_EQ(seen.size(), 23u);
    EXPECT_TRUE(std::is_sorted(seen.begin(), seen.end(),
                               [](const std::string& x, const std::string& y) {
                                 return absl::AsciiStrToLower(x) <
                                        absl::AsciiStrToLower(y);
                               }));
    EXPECT_EQ(std::set<std::string>(seen.begin(), seen.end()).size(), 23u);
  }
  // Prefix matches the canonical key too ("The Pentagon" -> "pentagon").
  absl::StatusOr<SpeakerPage> pent = store_->ListSpeakers("pent", 10, "");
  ASSERT_TRUE(pent.ok());
  ASSERT_EQ(pent->speakers.size(), 1u);
  EXPECT_EQ(pent->speakers[0].name, "The Pentagon");
  EXPECT_EQ(store_->ListSpeakers("the pen", 10, "")->speakers.size(), 1u);
  EXPECT_EQ(store_->ListSpeakers("", 100, "")->speakers.size(), 25u);
  EXPECT_THAT(store_->ListSpeakers("nobody", 10, "")->speakers, IsEmpty());
  EXPECT_TRUE(store_->ListSpeakers("", 25, "")->next_page_token.empty());
}

TEST_P(StoreConformanceTest, ListSpeakerQuotesFiltersAndPagesNewestFirst) {
  const char* kDates[] = {"2026-01-03", "2026-01-01", "2026-01-05",
                          "2026-01-02", "2026-01-04", ""};
  for (int i = 0; i < 6; ++i) {
    TestArticle a = MakeArticle(absl::StrCat("d", i),
                                i % 2 ? "Outlet B" : "Outlet A", kDates[i]);
    a.extraction.quotes = {
        MakeQuote(absl::StrCat("First words ", i), "Jane Roe", 1),
        MakeQuote(absl::StrCat("Second words ", i), "Jane Roe", 50),
        MakeQuote(absl::StrCat("Someone else ", i), "John Doe", 90)};
    Put(a);
  }
  const std::string jane = store_->GetSpeaker("Jane Roe")->id;

  auto collect = [&](SpeakerQuotesQuery q) {
    std::vector<std::string> out;
    int pages = 0;
    do {
      absl::StatusOr<QuotePage> page = store_->ListSpeakerQuotes(q);
      EXPECT_TRUE(page.ok()) << page.status();
      if (!page.ok()) break;
      EXPECT_LE(static_cast<int>(page->quotes.size()), q.limit);
      for (const QuoteRecord& r : page->quotes) {
        EXPECT_EQ(r.speaker_id, jane);
        out.push_back(
            absl::StrCat(r.evidence.published_date, " ", r.quote.text));
      }
      q.page_token = page->next_page_token;
    } while (!q.page_token.empty() && ++pages < 100);
    return out;
  };

  SpeakerQuotesQuery q;
  q.speaker_id = jane;
  q.limit = 3;
  EXPECT_THAT(
      collect(q),
      ElementsAre("2026-01-05 First words 2", "2026-01-05 Second words 2",
                  "2026-01-04 First words 4", "2026-01-04 Second words 4",
                  "2026-01-03 First words 0", "2026-01-03 Second words 0",
                  "2026-01-02 First words 3", "2026-01-02 Second words 3",
                  "2026-01-01 First words 1", "2026-01-01 Second words 1",
                  " First words 5", " Second words 5"));
  q.limit = 1;
  q.outlet = "Outlet A";
  q.from_date = "2026-01-02";
  q.to_date = "2026-01-04";
  EXPECT_THAT(
      collect(q),
      ElementsAre("2026-01-04 First words 4", "2026-01-04 Second words 4",
                  "2026-01-03 First words 0", "2026-01-03 Second words 0"));
}

TEST_P(StoreConformanceTest, BadPageTokensAreInvalidArgument) {
  TestArticle a = MakeArticle("tokens");
  for (int i = 0; i < 6; ++i) {
    a.extraction.quotes.push_back(MakeQuote(
        absl::StrCat("Words ", i), absl::StrCat("Person ", i), i * 10));
    a.extraction.quantities.push_back(
        MakeQuantity(absl::StrCat(i, " ships"), "ship", i));
  }
  Put(a);
  absl::StatusOr<SpeakerPage> page = store_->ListSpeakers("", 2, "");
  ASSERT_TRUE(page.ok());
  const std::string good = page->next_page_token;
  ASSERT_FALSE(good.empty());
  ASSERT_TRUE(store_->ListSpeakers("", 2, good).ok());

  std::vector<std::string> bad = {"garbage",
                                  "!!!!",
                                  "AAAA",
                                  "=",
                                  std::string(5000, 'A'),
                                  good.substr(0, good.size() / 2),
                                  good + "A",
                                  std::string(1, '\0'),
                                  "\xff\xfe"};
  for (size_t i = 0; i < good.size(); ++i) {
    std::string flipped = good;
    flipped[i] = flipped[i] == 'A' ? 'B' : 'A';
    bad.push_back(flipped);
  }
  for (const std::string& token : bad) {
    SCOPED_TRACE(token);
    absl::Status s = store_->ListSpeakers("", 2, token).status();
    EXPECT_THAT(s, StatusIs(absl::StatusCode::kInvalidArgument));
    EXPECT_EQ(s.message(), "page_token is invalid");
  }
  // A token is bound to its listing and filters.
  EXPECT_THAT(store_->ListSpeakers("person", 2, good),
              StatusIs(absl::StatusCode::kInvalidArgument));
  ClaimsQuery cq;
  cq.limit = 2;
  cq.page_token = good;
  EXPECT_THAT(store_->FindClaims(cq),
              StatusIs(absl::StatusCode::kInvalidArgument));
  SpeakerQuotesQuery sq;
  sq.speaker_id = page->speakers[0].id;
  sq.page_token = good;
  EXPECT_THAT(store_->ListSpeakerQuotes(sq),
              StatusIs(absl::StatusCode::kInvalidArgument));
  // The page size may change between pages.
  EXPECT_TRUE(store_->ListSpeakers("", 3, good).ok());
}

// Issue 10: every quantity is stored with its kind, change and resolved
// time; FindClaims filters by kind.
TEST_P(StoreConformanceTest, FindClaimsFiltersByKindAndKeepsNewFields) {
  TestArticle a = MakeArticle("kinds", "Outlet", "2026-02-01");
  extract::Quantity age = MakeQuantity("66", "year", 66.0);
  age.kind = extract::QuantityKind::kAge;
  extract::Quantity span = MakeQuantity("66 years", "year", 66.0);
  span.kind = extract::QuantityKind::kDuration;
  extract::Quantity level = MakeQuantity("193 pounds", "lb", 193.0);
  level.kind = extract::QuantityKind::kMeasure;
  level.change = extract::ChangeDirection::kDown;
  level.base = 208;
  level.time = "last year";
  level.time_resolved = "2025";
  extract::Quantity delta = MakeQuantity("5 percent", "percent", 5.0);
  delta.kind = extract::QuantityKind::kPercent;
  delta.change = extract::ChangeDirection::kUp;
  delta.is_delta = true;
  a.extraction.quantities = {age, span, level, delta};
  const PutResult put = Put(a);

  auto surfaces = [&](std::vector<extract::QuantityKind> kinds) {
    ClaimsQuery q;
    q.kinds = std::move(kinds);
    absl::StatusOr<ClaimPage> page = store_->FindClaims(q);
    EXPECT_TRUE(page.ok()) << page.status();
    std::vector<std::string> out;
    if (page.ok()) {
      for (const ClaimRecord& c : page->claims)
        out.push_back(c.quantity.surface);
    }
    return out;
  };
  EXPECT_EQ(surfaces({}).size(), 4u);
  EXPECT_THAT(surfaces({extract::QuantityKind::kAge}), ElementsAre("66"));
  EXPECT_THAT(surfaces({extract::QuantityKind::kDuration,
                        extract::QuantityKind::kMeasure}),
              ElementsAre("66 years", "193 pounds"));
  EXPECT_THAT(surfaces({extract::QuantityKind::kMoney}), IsEmpty());

  ClaimsQuery measure;
  measure.kinds = {extract::QuantityKind::kMeasure};
  absl::StatusOr<ClaimPage> page = store_->FindClaims(measure);
  ASSERT_TRUE(page.ok()) << page.status();
  ASSERT_EQ(page->claims.size(), 1u);
  const extract::Quantity& got = page->claims[0].quantity;
  EXPECT_EQ(got.kind, extract::QuantityKind::kMeasure);
  EXPECT_EQ(got.change, extract::ChangeDirection::kDown);
  EXPECT_FALSE(got.is_delta);
  ASSERT_TRUE(got.base.has_value());
  EXPECT_DOUBLE_EQ(*got.base, 208);
  EXPECT_EQ(got.time, "last year");
  EXPECT_EQ(got.time_resolved, "2025");
  absl::StatusOr<ArticleRecord> article =
      store_->GetArticle(put.article_id, false);
  ASSERT_TRUE(article.ok()) << article.status();  // reads the same columns
  ASSERT_EQ(article->claims.size(), 4u);
  EXPECT_EQ(article->claims[0].quantity.kind, extract::QuantityKind::kAge);
  EXPECT_TRUE(article->claims[3].quantity.is_delta);
  EXPECT_EQ(article->claims[3].quantity.change, extract::ChangeDirection::kUp);
}

TEST_P(StoreConformanceTest, FindClaimsFiltersByUnitSubjectAndInterval) {
  TestArticle a = MakeArticle("claims", "Outlet", "2026-02-01");
  auto with_subject = [](extract::Quantity q, const char* subject) {
    q.subject = subject;
    return q;
  };
  a.extraction.quantities = {
      with_subject(
          MakeQuantity("about 2,000 missiles", "missile", 2000.0, std::nullopt,
                       std::nullopt, extract::Approx::kAbout),
          "Iran"),
      with_subject(
          MakeQuantity("between 1,000 and 3,000 missiles", "missile",
                       std::nullopt, 1000, 3000, extract::Approx::kRange),
          "iran"),
      with_subject(
          MakeQuantity("more than 5,000 missiles", "missile", 5000.0, 5000,
                       std::nullopt, extract::Approx::kLowerBound),
          "Israel"),
      with_subject(MakeQuantity("up to 60 missiles", "missile", 60.0,
                                std::nullopt, 60, extract::Approx::kUpperBound),
                   ""),
      MakeQuantity("3 percent", "percent", 3.0),
  };
  Put(a);
  TestArticle b = MakeArticle("claims2", "Outlet", "2026-03-01");
  b.extraction.quantities = {MakeQuantity("10 missiles", "missile", 10.0)};
  Put(b);

  auto surfaces = [&](ClaimsQuery q) {
    absl::StatusOr<ClaimPage> page = store_->FindClaims(q);
    EXPECT_TRUE(page.ok()) << page.status();
    std::vector<std::string> out;
    if (page.ok()) {
      for (const ClaimRecord& c : page->claims)
        out.push_back(c.quantity.surface);
    }
    return out;
  };
  ClaimsQuery q;
  EXPECT_EQ(surfaces(q).size(), 6u);
  q.unit_key = "missile";
  EXPECT_EQ(surfaces(q).size(), 5u);
  EXPECT_EQ(surfaces(q)[0], "10 missiles");  // newest article first
  q.subject = "IRAN";
  EXPECT_THAT(surfaces(q), ElementsAre("about 2,000 missiles",
                                       "between 1,000 and 3,000 missiles"));
  q.subject.clear();
  q.min_value = 2500;  // reaches 2,500 or more
  EXPECT_THAT(surfaces(q), ElementsAre("between 1,000 and 3,000 missiles",
                                       "more than 5,000 missiles"));
  q.min_value.reset();
  q.max_value = 1500;  // reaches 1,500 or less
  EXPECT_THAT(surfaces(q),
              ElementsAre("10 missiles", "between 1,000 and 3,000 missiles",
                          "up to 60 missiles"));
  q.min_value = 1500;
  q.max_value = 2500;  // overlaps [1,500, 2,500]
  EXPECT_THAT(surfaces(q), ElementsAre("about 2,000 missiles",
                                       "between 1,000 and 3,000 missiles"));
  ClaimsQuery subject_only;
  subject_only.subject = "israel";
  EXPECT_THAT(surfaces(subject_only), ElementsAre("more than 5,000 missiles"));

  // Paging: no gaps, no duplicates.
  ClaimsQuery paged;
  paged.limit = 2;
  std::vector<std::string> all;
  int pages = 0;
  do {
    absl::StatusOr<ClaimPage> page = store_->FindClaims(paged);
    ASSERT_TRUE(page.ok()) << page.status();
    for (const ClaimRecord& c : page->claims) all.push_back(c.id);
    paged.page_token = page->next_page_token;
  } while (!paged.page_token.empty() && ++pages < 10);
  EXPECT_EQ(all.size(), 6u);
  EXPECT_EQ(std::set<std::string>(all.begin(), all.end()).size(), 6u);
}

// Claims by unit follow every write: newest article first, a replaced
// article's claims move with its new date (and its old ones are gone), a
// deleted article's claims leave, and paging neither skips nor repeats.
TEST_P(StoreConformanceTest, ClaimsByUnitFollowReplaceAndDelete) {
  auto article = [](const std::string& tag, const std::string& date,
                    const std::vector<std::string>& surfaces) {
    TestArticle a = MakeArticle(tag, "Outlet", date);
    for (const std::string& s : surfaces) {
      a.extraction.quantities.push_back(MakeQuantity(s, "drone", 1.0));
    }
    return a;
  };
  Put(article("d1", "2026-01-01", {"d1 a", "d1 b"}));
  Put(article("d2", "2026-03-01", {"d2 a"}));
  const PutResult d3 = Put(article("d3", "2026-02-01", {"d3 a", "d3 b"}));
  TestArticle d1 = article("d1", "2026-04-01", {"d1 new"});
  d1.input.text += " Updated.";
  Put(d1);  // same URL, new text: replaced, now the newest
  ASSERT_TRUE(store_->DeleteArticle(d3.article_id).ok());
  ClaimsQuery q;
  q.unit_key = "drone";
  q.limit = 1;
  std::vector<std::string> got;
  for (int pages = 0; pages < 10; ++pages) {
    absl::StatusOr<ClaimPage> page = store_->FindClaims(q);
    ASSERT_TRUE(page.ok()) << page.status();
    for (const ClaimRecord& c : page->claims) {
      got.push_back(c.quantity.surface);
      EXPECT_FALSE(c.evidence.article_id.empty());
      EXPECT_EQ(c.evidence.outlet, "Outlet");
    }
    q.page_token = page->next_page_token;
    if (q.page_token.empty()) break;
  }
  EXPECT_THAT(got, ElementsAre("d1 new", "d2 a"));
}

TEST_P(StoreConformanceTest, StoriesJoinSameEventAndSplitOnDelete) {
  const std::string bridge =
      "The Harbor Bridge in Port Elms reopened on Tuesday after eight months "
      "of repairs, Mayor Elena Marsh said, and the ferry crossings will end.";
  TestArticle a = MakeArticle("a", "Metro Wire", "2026-03-03");
  a.input.text = bridge;
  TestArticle b = MakeArticle("b", "Daily Ledger", "2026-03-04");
  b.input.text = bridge + " The harbor transit authority agreed.";
  TestArticle late = MakeArticle("late", "Daily Ledger", "2026-04-20");
  late.input.text = bridge + " Traffic is back.";  // weeks later: another
  TestArticle other = MakeArticle("other", "Coastal Herald", "2026-03-03");
  other.input.text =
      "A regional orchestra announced its winter season with three premieres "
      "and a touring programme of chamber music.";
  const std::string ia = Put(a).article_id;
  const std::string ib = Put(b).article_id;
  const std::string il = Put(late).article_id;
  const std::string io = Put(other).article_id;
  const std::string joined = std::min(ia, ib);
  EXPECT_EQ(store_->GetArticle(ia, false)->story_id, joined);
  EXPECT_EQ(store_->GetArticle(ib, false)->story_id, joined);
  EXPECT_EQ(store_->GetArticle(il, false)->story_id, il);
  EXPECT_EQ(store_->GetArticle(io, false)->story_id, io);

  absl::StatusOr<StoryRecord> story = store_->GetStory(joined);
  ASSERT_TRUE(story.ok()) << story.status();
  EXPECT_EQ(story->article_count, 2);
  EXPECT_EQ(story->first_date, "2026-03-03");
  EXPECT_EQ(story->last_date, "2026-03-04");
  ASSERT_EQ(story->articles.size(), 2u);
  EXPECT_EQ(story->articles[0].article_id, ia);  // earliest first

  // Pages of one story each, by id, without gaps or repeats.
  std::vector<std::string> seen;
  std::string token;
  do {
    absl::StatusOr<StoryPage> page = store_->ListStories(1, token);
    ASSERT_TRUE(page.ok()) << page.status();
    for (const StoryRecord& s : page->stories) seen.push_back(s.id);
    token = page->next_page_token;
  } while (!token.empty());
  std::vector<std::string> want = {joined, il, io};
  std::sort(want.begin(), want.end());
  EXPECT_EQ(seen, want);
  EXPECT_THAT(store_->ListStories(1, "bogus"),
              StatusIs(absl::StatusCode::kInvalidArgument));

  // Deleting one: the other keeps a story of its own, named after itself.
  ASSERT_TRUE(store_->DeleteArticle(joined).ok());
  const std::string left = joined == ia ? ib : ia;
  EXPECT_EQ(store_->GetArticle(left, false)->story_id, left);
  EXPECT_THAT(store_->GetStory(joined), StatusIs(absl::StatusCode::kNotFound));
}

TEST_P(StoreConformanceTest, StatsCountEverything) {
  StoreStats empty = *store_->GetStats();
  EXPECT_EQ(empty.articles, 0);
  EXPECT_EQ(empty.quotes, 0);
  Put(TalksArticle());
  TestArticle b = MakeArticle("b", "Other Outlet");
  b.extraction.quotes = {MakeQuote("Hello there", "Jane Roe", 1)};
  Put(b);
  Put(MakeArticle("c", "Other Outlet"));
  const StoreStats stats = *store_->GetStats();
  EXPECT_EQ(stats.articles, 3);
  EXPECT_EQ(stats.quotes, 4);
  EXPECT_EQ(stats.speakers, 2);
  EXPECT_EQ(stats.claims, 2);
  EXPECT_EQ(stats.outlets, 2);
  EXPECT_GT(stats.db_bytes, 0);
}

TEST_P(StoreConformanceTest, ConcurrentReadersAndWriterDoNotFail) {
  Put(TalksArticle());
  constexpr int kWrites = 40;
  std::atomic<bool> done{false};
  std::atomic<int> read_errors{0};
  std::atomic<int> reads{0};
  std::thread writer([&] {
    for (int i = 0; i < kWrites; ++i) {
      TestArticle a = MakeArticle(absl::StrCat("w", i), "Outlet",
                                  absl::StrCat("2026-01-", 10 + i % 20));
      a.extraction.quotes = {
          MakeQuote(absl::StrCat("Concurrent quote ", i, " about talks"),
                    absl::StrCat("Writer ", i % 5), 1)};
      a.extraction.quantities = {MakeQuantity("5 ships", "ship", 5.0)};
      const PutRequest r = a.request();
      if (!store_->PutArticles(absl::MakeConstSpan(&r, 1)).ok()) {
        read_errors++;
      }
    }
    done = true;
  });
  std::vector<std::thread> readers;
  for (int t = 0; t < 6; ++t) {
    readers.emplace_back([&, t] {
      while (!done.load()) {
        bool ok = true;
        switch (t % 3) {
          case 0:
            ok = store_->FindQuoteCandidates("concurrent talks", 20).ok();
            break;
          case 1:
            ok = store_->ListSpeakers("writer", 2, "").ok() &&
                 store_->GetStats().ok();
            break;
          default: {
            ClaimsQuery q;
            q.unit_key = "ship";
            ok = store_->FindClaims(q).ok() &&
                 store_->GetSpeaker("Abbas Araghchi").ok();
          }
        }
        if (!ok) read_errors++;
        reads++;
      }
    });
  }
  writer.join();
  for (std::thread& t : readers) t.join();
  EXPECT_EQ(read_errors.load(), 0);
  EXPECT_GT(reads.load(), 0);
  EXPECT_EQ(store_->GetStats()->articles, kWrites + 1);
  EXPECT_EQ(store_->ListSpeakers("writer", 10, "")->speakers.size(), 5u);
}

INSTANTIATE_TEST_SUITE_P(
    Backends, StoreConformanceTest,
    ::testing::Values(StoreBackend{"Sqlite",
                                   [](const std::string& dir) {
                                     SqliteOptions options;
                                     options.path = dir + "/store.db";
                                     options.reader_connections = 3;
                                     return OpenSqliteStore(options);
                                   }},
                      // A real PostgreSQL (tests/pg/pg_test_db.h): a fresh
                      // database per test, the replica's copy under `dir`.
                      StoreBackend{
                          "Postgres",
                          [](const std::string& dir)
                              -> absl::StatusOr<std::unique_ptr<Store>> {
                            absl::StatusOr<std::string> url =
                                claimcheck::testing::FreshPostgresDatabase();
                            if (!url.ok()) return url.status();
                            PostgresOptions options;
                            options.conninfo = *url;
                            options.cache_dir = dir;
                            return OpenPostgresStore(options);
                          }}),
    [](const ::testing::TestParamInfo<StoreBackend>& info) {
      return info.param.name;
    });

}  // namespace
}  // namespace claimcheck::store
