// QueryCore over a real SQLite store in a temp dir: articles go in through
// the extractor and the store, queries come back through QueryCore, with no
// gRPC and no mocks. Request checks are validate.cc's (validate_test.cc);
// here they are seen through each RPC, with the limits QueryCore is given.
#include "server/api/query_core.h"

#include <cstdio>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "server/extract/extract.h"
#include "server/extract/numbers.h"
#include "server/store/sqlite_store.h"
#include "tests/status_matchers.h"
#include "tests/store/store_test_util.h"

namespace claimcheck::api {
namespace {

using ::claimcheck::testing::IsOk;
using ::claimcheck::testing::StatusIs;
using ::testing::HasSubstr;

constexpr char kQuote[] =
    "We will rebuild the bridge before the winter storms arrive";

class QueryCoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store::SqliteOptions options;
    options.path = dir_.File("db.sqlite");
    auto st = store::OpenSqliteStore(options);
    ASSERT_THAT(st, IsOk());
    store_ = std::move(*st);
    Ingest("Daily", "https://daily.example/1",
           absl::StrCat("\"", kQuote, ",\" Mayor Jane Roe said on Monday."));
  }

  void Ingest(const std::string& outlet, const std::string& url,
              const std::string& text) {
    store::ArticleInput in;
    in.outlet = outlet;
    in.url = url;
    in.published_date = "2026-02-08";
    in.text = text;
    const extract::Extraction ex = extract::ExtractUnchecked(in.text);
    const store::PutRequest req{&in, &ex};
    ASSERT_THAT(store_->PutArticles({&req, 1}), IsOk());
  }

  QueryCore Core() const { return QueryCore(store_.get(), limits_); }

  store::testing::TempDir dir_;
  std::unique_ptr<store::Store> store_;
  Limits limits_;
};

TEST_F(QueryCoreTest, SearchQuotesExactGivesSpeakerAndEvidence) {
  v1::SearchQuotesRequest req;
  req.set_text(kQuote);
  req.set_mode(v1::MATCH_MODE_EXACT);
  v1::SearchQuotesResponse resp;
  ASSERT_THAT(Core().SearchQuotes(req, &resp), IsOk());
  ASSERT_EQ(resp.matches_size(), 1);
  EXPECT_EQ(resp.matches(0).quote().attribution().speaker(), "Jane Roe");
  EXPECT_EQ(resp.matches(0).evidence().outlet(), "Daily");
  EXPECT_FLOAT_EQ(resp.matches(0).score(), 1.0f);
}

TEST_F(QueryCoreTest, SearchQuotesDefaultMinScoreComesFromLimits) {
  v1::SearchQuotesRequest req;
  req.set_text("We will rebuild the bridge before the winter storms come");
  req.set_mode(v1::MATCH_MODE_APPROXIMATE);
  v1::SearchQuotesResponse resp;
  ASSERT_THAT(Core().SearchQuotes(req, &resp), IsOk());
  ASSERT_EQ(resp.matches_size(), 1);  // altered wording, above 0.5
  const float score = resp.matches(0).score();
  EXPECT_LT(score, 1.0f);
  limits_.default_min_score = score + 0.01f;
  v1::SearchQuotesResponse strict;
  ASSERT_THAT(Core().SearchQuotes(req, &strict), IsOk());
  EXPECT_EQ(strict.matches_size(), 0);
}

TEST_F(QueryCoreTest, VerifyQuoteVerdicts) {
  struct Case {
    const char* text;
    const char* claimed;
    v1::Verdict want;
  };
  const Case kCases[] = {
      {kQuote, "Jane Roe", v1::VERDICT_SUPPORTED},
      {kQuote, "John Smith", v1::VERDICT_MISATTRIBUTED},
      {"Nothing like this was ever said by anyone at all", "Jane Roe",
       v1::VERDICT_NOT_FOUND},
  };
  for (const Case& c : kCases) {
    SCOPED_TRACE(c.claimed);
    v1::VerifyQuoteRequest req;
    req.set_text(c.text);
    req.set_claimed_speaker(c.claimed);
    v1::VerifyQuoteResponse resp;
    ASSERT_THAT(Core().VerifyQuote(req, &resp), IsOk());
    EXPECT_EQ(resp.verdict(), c.want) << resp.explanation();
  }
}

TEST_F(QueryCoreTest, ArticlesAreFoundAndDeleted) {
  v1::ListSpeakerQuotesRequest list;
  list.set_speaker("Jane Roe");
  v1::ListSpeakerQuotesResponse quotes;
  ASSERT_THAT(Core().ListSpeakerQuotes(list, &quotes), IsOk());
  ASSERT_EQ(quotes.quotes_size(), 1);
  const std::string id = quotes.quotes(0).evidence().article_id();

  v1::GetArticleRequest get;
  get.set_article_id(id);
  v1::Article article;
  ASSERT_THAT(Core().GetArticle(get, &article), IsOk());
  EXPECT_EQ(article.outlet(), "Daily");

  v1::DeleteArticleRequest del;
  del.set_article_id(id);
  v1::DeleteArticleResponse deleted;
  ASSERT_THAT(Core().DeleteArticle(del, &deleted), IsOk());
  EXPECT_EQ(deleted.deleted_quotes(), 1);
  EXPECT_THAT(Core().GetArticle(get, &article),
              StatusIs(absl::StatusCode::kNotFound));
}

TEST_F(QueryCoreTest, PageSizeIsCappedByLimits) {
  Ingest("Herald", "https://herald.example/2",
         "\"The budget is balanced at last,\" said Governor John Smith.");
  limits_.max_page_size = 1;
  v1::ListSpeakersRequest req;
  req.set_page_size(100);
  v1::ListSpeakersResponse first;
  ASSERT_THAT(Core().ListSpeakers(req, &first), IsOk());
  EXPECT_EQ(first.speakers_size(), 1);
  ASSERT_FALSE(first.next_page_token().empty());
  req.set_page_token(first.next_page_token());
  v1::ListSpeakersResponse second;
  ASSERT_THAT(Core().ListSpeakers(req, &second), IsOk());
  EXPECT_EQ(second.speakers_size(), 1);
  EXPECT_NE(second.speakers(0).id(), first.speakers(0).id());
}

TEST_F(QueryCoreTest, UnknownSpeakerIsNotFound) {
  v1::GetSpeakerRequest req;
  req.set_speaker("Nobody Atall");
  v1::Speaker resp;
  EXPECT_THAT(Core().GetSpeaker(req, &resp),
              StatusIs(absl::StatusCode::kNotFound));
}

// A request QueryCore must refuse before touching the store, with the
// field it names.
struct BadRequest {
  const char* name;
  std::function<absl::Status()> call;
  absl::StatusCode code;
  const char* field;
};

void ExpectRefused(const std::vector<BadRequest>& cases) {
  for (const BadRequest& c : cases) {
    SCOPED_TRACE(c.name);
    EXPECT_THAT(c.call(), StatusIs(c.code, HasSubstr(c.field)));
  }
}

// Every RPC refuses a bad request, naming the field; sizes over a limit are
// RESOURCE_EXHAUSTED.
TEST_F(QueryCoreTest, BadQueriesNameTheField) {
  const QueryCore core = Core();
  ExpectRefused({
      {"ExtractText blank",
       [&] {
         v1::ExtractTextRequest r;
         r.set_text("   ");
         v1::ExtractTextResponse out;
         return core.ExtractText(r, &out);
       },
       absl::StatusCode::kInvalidArgument, "text"},
      {"SearchQuotes min_score",
       [&] {
         v1::SearchQuotesRequest r;
         r.set_text(kQuote);
         r.set_min_score(2);
         v1::SearchQuotesResponse out;
         return core.SearchQuotes(r, &out);
       },
       absl::StatusCode::kInvalidArgument, "min_score"},
      {"SearchQuotes page_size",
       [&] {
         v1::SearchQuotesRequest r;
         r.set_text(kQuote);
         r.set_page_size(-1);
         v1::SearchQuotesResponse out;
         return core.SearchQuotes(r, &out);
       },
       absl::StatusCode::kInvalidArgument, "page_size"},
      {"ListSpeakerQuotes dates",
       [&] {
         v1::ListSpeakerQuotesRequest r;
         r.set_speaker("Jane Roe");
         r.set_from_date("2026-03-01");
         r.set_to_date("2026-02-01");
         v1::ListSpeakerQuotesResponse out;
         return core.ListSpeakerQuotes(r, &out);
       },
       absl::StatusCode::kInvalidArgument, "from_date"},
      {"VerifyQuote claimed_date",
       [&] {
         v1::VerifyQuoteRequest r;
         r.set_text(kQuote);
         r.set_claimed_date("2026-02-30");
         v1::VerifyQuoteResponse out;
         return core.VerifyQuote(r, &out);
       },
       absl::StatusCode::kInvalidArgument, "claimed_date"},
      {"GetSpeakerConsistency max_groups",
       [&] {
         v1::GetSpeakerConsistencyRequest r;
         r.set_speaker("Jane Roe");
         r.set_max_groups(-3);
         v1::SpeakerConsistencyReport out;
         return core.GetSpeakerConsistency(r, &out);
       },
       absl::StatusCode::kInvalidArgument, "max_groups"},
      {"GetQuantityConsistency unit",
       [&] {
         v1::GetQuantityConsistencyRequest r;
         v1::QuantityConsistencyReport out;
         return core.GetQuantityConsistency(r, &out);
       },
       absl::StatusCode::kInvalidArgument, "unit"},
  });
}

TEST_F(QueryCoreTest, BadListingsAndIdsNameTheField) {
  limits_.max_claim_kinds = 1;
  const QueryCore core = Core();
  ExpectRefused({
      {"SearchClaims kinds",
       [&] {
         v1::SearchClaimsRequest r;
         r.add_kinds(v1::QUANTITY_KIND_NUMBER);
         r.add_kinds(v1::QUANTITY_KIND_COUNT);
         v1::SearchClaimsResponse out;
         return core.SearchClaims(r, &out);
       },
       absl::StatusCode::kInvalidArgument, "kinds"},
      {"SearchClaims min_value",
       [&] {
         v1::SearchClaimsRequest r;
         r.set_min_value(5);
         r.set_max_value(1);
         v1::SearchClaimsResponse out;
         return core.SearchClaims(r, &out);
       },
       absl::StatusCode::kInvalidArgument, "min_value"},
      {"ListConflicts kind",
       [&] {
         v1::ListConflictsRequest r;
         r.set_kind(static_cast<v1::ConflictKind>(99));
         v1::ListConflictsResponse out;
         return core.ListConflicts(r, &out);
       },
       absl::StatusCode::kInvalidArgument, "kind"},
      {"GetStory id",
       [&] {
         v1::GetStoryRequest r;
         v1::Story out;
         return core.GetStory(r, &out);
       },
       absl::StatusCode::kInvalidArgument, "id"},
      {"UndoSpeakerMerge merge_id",
       [&] {
         v1::UndoSpeakerMergeRequest r;
         r.set_merge_id(std::string(limits_.max_meta_bytes + 1, 'm'));
         v1::SpeakerMerge out;
         return core.UndoSpeakerMerge(r, &out);
       },
       absl::StatusCode::kResourceExhausted, "merge_id"},
      {"RegisterWatch text",
       [&] {
         v1::RegisterWatchRequest r;
         v1::WatchRegistration out;
         return core.RegisterWatch(r, &out);
       },
       absl::StatusCode::kInvalidArgument, "text"},
  });
}

// A cached quantity report is the one a fresh computation gives, and a
// write (a new claim, a deletion) is seen by the next call: the cache is
// stamped with the store's data generation.
TEST_F(QueryCoreTest, QuantityReportCacheFollowsWrites) {
  Ingest("Daily", "https://daily.example/q1",
         "Officials said about 2,000 electric buses were ordered last year.");
  const QueryCore core = Core();
  Limits uncached_limits = limits_;
  uncached_limits.quantity_report_cache_bytes = 0;
  const QueryCore uncached(store_.get(), uncached_limits);
  v1::GetQuantityConsistencyRequest req;
  req.set_unit("electric buses");
  const auto report = [&](const QueryCore& c) {
    v1::QuantityConsistencyReport out;
    EXPECT_THAT(c.GetQuantityConsistency(req, &out), IsOk());
    return out;
  };
  const v1::QuantityConsistencyReport first = report(core);
  ASSERT_EQ(first.observation_count(), 1);
  EXPECT_EQ(report(core).SerializeAsString(), first.SerializeAsString());
  Ingest("Herald", "https://herald.example/q2",
         "Officials said 9,000 electric buses were ordered last year.");
  const v1::QuantityConsistencyReport second = report(core);
  EXPECT_EQ(second.observation_count(), 2);
  EXPECT_EQ(second.agreement(), v1::AGREEMENT_CONFLICTING);
  EXPECT_EQ(second.SerializeAsString(), report(uncached).SerializeAsString());
  v1::DeleteArticleRequest del;
  del.set_article_id(second.observations(1).evidence().article_id());
  v1::DeleteArticleResponse deleted;
  ASSERT_THAT(core.DeleteArticle(del, &deleted), IsOk());
  const v1::QuantityConsistencyReport third = report(core);
  EXPECT_EQ(third.observation_count(), 1);
  EXPECT_EQ(third.SerializeAsString(), report(uncached).SerializeAsString());
}

// The report from the store's in-memory claim keys (rows read only for
// what it lists) equals the one computed from every claim's row, on a
// generated set: comparable units (km, miles), exact / about / bounds /
// ranges / vague amounts, changes, shared dates, truncation, listing cuts,
// and after a replace and a delete.
TEST_F(QueryCoreTest, QuantityReportFromKeysEqualsRowComputation) {
  const char* kForms[] = {
      "%d km",         "about %d km",          "more than %d km",
      "%d miles",      "between %d and 90 km", "up to %d miles",
      "%d kilometres", "nearly %d km"};
  const char* kBuses[] = {"%d electric buses", "about %d electric buses",
                          "thousands of electric buses",
                          "at least %d electric buses",
                          "%d more electric buses"};
  int n = 0;
  const auto ingest = [&](int i, const std::string& url_suffix) {
    char a[96], b[96];
    std::snprintf(a, sizeof(a), kForms[i % 8], 10 + (i * 7) % 60);
    std::snprintf(b, sizeof(b), kBuses[i % 5], 1000 + (i * 13) % 5 * 500);
    store::ArticleInput in;
    in.outlet = absl::StrCat("Outlet ", i % 7);
    in.url = absl::StrCat("https://gen.example/", url_suffix);
    in.published_date =
        i % 11 == 0 ? "" : absl::StrCat("2026-01-0", 1 + (i % 9));
    in.text = absl::StrCat("The new rail line runs ", a,
                           " from the port, officials said. The city ordered ",
                           b, " last year.");
    const extract::Extraction ex = extract::ExtractUnchecked(in.text);
    const store::PutRequest req{&in, &ex};
    ASSERT_THAT(store_->PutArticles({&req, 1}), IsOk());
    ++n;
  };
  for (int i = 0; i < 120; ++i) ingest(i, absl::StrCat(i));
  Limits small = limits_;
  small.quantity_report_cache_bytes = 0;
  small.max_report_claims = 45;
  small.max_report_observations = 7;
  small.max_page_size = 10;
  Limits full = limits_;
  full.quantity_report_cache_bytes = 0;
  const auto compare = [&](const std::string& stage) {
    for (const Limits& l : {small, full}) {
      const QueryCore core(store_.get(), l);
      for (const char* unit : {"km", "miles", "electric buses", "none"}) {
        SCOPED_TRACE(
            absl::StrCat(stage, " ", unit, " claims<=", l.max_report_claims));
        store::ClaimsQuery q;
        v1::GetQuantityConsistencyRequest req;
        req.set_unit(unit);
        q.unit_key = extract::UnitKey(req.unit());
        v1::QuantityConsistencyReport from_rows, from_keys, served;
        ASSERT_THAT(core.QuantityReportFromRows(q, &from_rows), IsOk());
        absl::StatusOr<bool> done = core.QuantityReportFromKeys(q, &from_keys);
        ASSERT_THAT(done, IsOk());
        EXPECT_TRUE(*done);  // SQLite keeps the keys: the memory path ran
        EXPECT_EQ(from_keys.SerializeAsString(), from_rows.SerializeAsString());
        ASSERT_THAT(core.GetQuantityConsistency(req, &served), IsOk());
        EXPECT_EQ(served.SerializeAsString(), from_rows.SerializeAsString());
        if (std::string(unit) == "km" && l.max_report_claims == 45) {
          EXPECT_TRUE(from_rows.truncated());
          EXPECT_GT(from_rows.conflicts_size(), 0);
        }
      }
    }
  };
  compare("loaded");
  // Replace: the same URLs again with other quantities and dates.
  for (int i = 0; i < 30; ++i) ingest(i + 500, absl::StrCat(i));
  compare("replaced");
  // Delete the newest-listed articles of "km".
  v1::GetQuantityConsistencyRequest req;
  req.set_unit("km");
  v1::QuantityConsistencyReport before;
  ASSERT_THAT(Core().GetQuantityConsistency(req, &before), IsOk());
  for (int k = 0; k < before.observations_size() && k < 5; ++k) {
    v1::DeleteArticleRequest del;
    del.set_article_id(before.observations(k).evidence().article_id());
    v1::DeleteArticleResponse deleted;
    ASSERT_THAT(Core().DeleteArticle(del, &deleted), IsOk());
  }
  compare("deleted");
  // A restarted store loads the same keys from its tables.
  store_.reset();
  store::SqliteOptions options;
  options.path = dir_.File("db.sqlite");
  auto st = store::OpenSqliteStore(options);
  ASSERT_THAT(st, IsOk());
  store_ = std::move(*st);
  compare("reopened");
  EXPECT_GT(n, 0);
}

}  // namespace
}  // namespace claimcheck::api
