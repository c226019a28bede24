// End to end: verification and cross-source consistency through a real
// claimcheckd process and the C++ client, on two invented multi-outlet
// fixture sets (tests/testdata/fixtures/): every verdict, every report,
// whole-index conflict listing with paging and filters, and speaker merges
// listed and undone.
#include <stdio.h>
#include <sys/wait.h>

#include <set>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "client/article_reader.h"
#include "client/client.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/e2e/backends.h"
#include "tests/e2e/server_process.h"
#include "tests/status_matchers.h"

namespace claimcheck {
namespace {

using ::claimcheck::testing::StatusIs;

using ::testing::HasSubstr;

constexpr char kHarbor[] =
    CLAIMCHECK_SOURCE_DIR "/tests/testdata/fixtures/harbor_bridge.jsonl";
constexpr char kLakeside[] =
    CLAIMCHECK_SOURCE_DIR "/tests/testdata/fixtures/lakeside_plant.jsonl";

// Runs on SQLite and on a real PostgreSQL (tests/e2e/backends.h).
class VerificationE2ETest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    dir_ = claimcheck::testing::MakeTempDir();
    ASSERT_FALSE(dir_.empty());
    const std::string db = claimcheck::testing::FreshDb(GetParam(), dir_);
    ASSERT_FALSE(db.empty());
    ASSERT_TRUE(server_.Start(db)) << server_.error();
    ClientOptions opts;
    opts.target = server_.target();
    auto c = Client::Connect(opts);
    ASSERT_TRUE(c.ok()) << c.status();
    client_ = std::move(*c);
    Ingest(kHarbor);
    Ingest(kLakeside);
  }

  void Ingest(const std::string& path) {
    auto articles = ReadArticles(path, {});
    ASSERT_TRUE(articles.ok()) << articles.status();
    for (const v1::IngestArticleRequest& req : *articles) {
      auto r = client_->IngestArticle(req);
      ASSERT_TRUE(r.ok()) << r.status();
    }
  }

  v1::VerifyQuoteResponse Verify(const std::string& text,
                                 const std::string& speaker = "",
                                 const std::string& date = "") {
    v1::VerifyQuoteRequest req;
    req.set_text(text);
    req.set_claimed_speaker(speaker);
    req.set_claimed_date(date);
    auto r = client_->VerifyQuote(req);
    EXPECT_TRUE(r.ok()) << r.status();
    return r.ok() ? *r : v1::VerifyQuoteResponse();
  }

  absl::StatusOr<v1::ListConflictsResponse> Conflicts(
      const std::string& outlet, const std::string& from, const std::string& to,
      int page_size = 0, const std::string& token = "",
      v1::ConflictKind kind = v1::CONFLICT_KIND_UNSPECIFIED) {
    v1::ListConflictsRequest req;
    req.set_outlet(outlet);
    req.set_from_date(from);
    req.set_to_date(to);
    req.set_page_size(page_size);
    req.set_page_token(token);
    req.set_kind(kind);
    req.set_wait_for_ingested(true);  // conflicts trail ingest (proto)
    return client_->ListConflicts(req);
  }

  std::string dir_;
  claimcheck::testing::ServerProcess server_;
  std::unique_ptr<Client> client_;
};

void ExpectCitable(const v1::Evidence& e) {
  EXPECT_FALSE(e.article_id().empty());
  EXPECT_FALSE(e.outlet().empty());
  EXPECT_FALSE(e.url().empty());
  EXPECT_FALSE(e.published_date().empty());
  EXPECT_LT(e.span().begin(), e.span().end());
}

TEST_P(VerificationE2ETest, Supported_EvidenceEarliestFirstAcrossOutlets) {
  const v1::VerifyQuoteResponse r = Verify(
      "It is the best thing to happen to this town in a decade", "Maria Reyes");
  EXPECT_EQ(r.verdict(), v1::VERDICT_SUPPORTED);
  EXPECT_FLOAT_EQ(r.score(), 1.0f);
  EXPECT_EQ(r.attributed_speaker(), "Maria Reyes");
  ASSERT_EQ(r.evidence_size(), 2);
  EXPECT_EQ(r.evidence(0).evidence().outlet(), "Valley Courier");
  EXPECT_EQ(r.evidence(1).evidence().outlet(), "Northern Star");
  for (const auto& e : r.evidence()) ExpectCitable(e.evidence());
  // A surname alone names the same person.
  EXPECT_EQ(Verify("It is the best thing to happen to this town in a decade",
                   "Ms. Reyes")
                .verdict(),
            v1::VERDICT_SUPPORTED);
}

TEST_P(VerificationE2ETest, Misattributed_NamesWhoSaidItAndWhere) {
  const v1::VerifyQuoteResponse r = Verify(
      "It is the best thing to happen to this town in a decade", "Sam Reyes");
  EXPECT_EQ(r.verdict(), v1::VERDICT_MISATTRIBUTED);
  EXPECT_EQ(r.attributed_speaker(), "Maria Reyes");
  EXPECT_THAT(r.explanation(), HasSubstr("Maria Reyes"));
  EXPECT_THAT(r.explanation(), HasSubstr("Valley Courier"));
  EXPECT_THAT(r.explanation(), HasSubstr("not Sam Reyes"));
  // On the seed-like harbor set: the negation-less wording is Victor Hale's.
  const v1::VerifyQuoteResponse h = Verify(
      "We will let this city be cut in two for another winter", "Elena Marsh");
  EXPECT_EQ(h.verdict(), v1::VERDICT_MISATTRIBUTED);
  EXPECT_EQ(h.attributed_speaker(), "Victor Hale");
}

TEST_P(VerificationE2ETest, Altered_NumberAndNegationChangesAreMeaningChanges) {
  const v1::VerifyQuoteResponse num = Verify(
      "The plant will supply clean water to 500,000 homes by the end of next "
      "year",
      "Anna Kovalenko");
  EXPECT_EQ(num.verdict(), v1::VERDICT_ALTERED);
  EXPECT_TRUE(num.meaning_changed());
  EXPECT_THAT(::testing::PrintToString(num.changes()), HasSubstr("number"));
  bool has_insert = false;
  for (const v1::WordDiff& d : num.diff()) {
    if (d.op() == v1::WordDiff::OP_INSERT) {
      has_insert = true;
      EXPECT_EQ(d.text(), "500000");
    }
  }
  EXPECT_TRUE(has_insert);

  const v1::VerifyQuoteResponse neg =
      Verify("This project was not rushed through without a proper review");
  EXPECT_EQ(neg.verdict(), v1::VERDICT_ALTERED);
  EXPECT_TRUE(neg.meaning_changed());
  EXPECT_THAT(::testing::PrintToString(neg.changes()), HasSubstr("negation"));

  // A dropped negation against the stored "We will not let ...".
  const v1::VerifyQuoteResponse drop =
      Verify("We will not let this city be cut in two for one more winter");
  EXPECT_EQ(drop.verdict(), v1::VERDICT_ALTERED);
  ASSERT_GE(drop.evidence_size(), 1);
  ExpectCitable(drop.evidence(0).evidence());
}

TEST_P(VerificationE2ETest, PartialAndNotFoundAndClaimedDate) {
  const v1::VerifyQuoteResponse p =
      Verify("supply clean water to 200,000 homes", "Anna Kovalenko");
  EXPECT_EQ(p.verdict(), v1::VERDICT_PARTIAL);
  EXPECT_FALSE(p.diff().empty());
  EXPECT_EQ(Verify("We shall fight on the beaches").verdict(),
            v1::VERDICT_NOT_FOUND);
  // Only articles on or before the claimed date count.
  EXPECT_EQ(
      Verify("We will watch the costs closely", "", "2026-04-11").verdict(),
      v1::VERDICT_NOT_FOUND);
  EXPECT_EQ(
      Verify("We will watch the costs closely", "", "2026-04-12").verdict(),
      v1::VERDICT_SUPPORTED);
}

// Issue 11: the index holds a quote that no source attributes. A claimed
// speaker is then unconfirmed (never SUPPORTED); a sentence that shares only
// a short stored fragment is NOT_FOUND, never ALTERED; every verdict carries
// a confidence.
TEST_P(VerificationE2ETest, Unattributed_AndSharedFragmentIsNotFound) {
  v1::IngestArticleRequest req;
  v1::ArticleInput& a = *req.mutable_article();
  a.set_url("https://example.org/ferry-notice");
  a.set_outlet("Quay Gazette");
  a.set_published_date("2026-04-20");
  a.set_title("Ferry notice");
  a.set_text(
      "The council met on Tuesday.\n\n\"The night crossings will keep "
      "running until the end of the season.\"\n\nThe vote was close.\n\n"
      "Harbour master Ines Duarte called the repairs \"ahead of the "
      "tides.\"\n");
  auto ingested = client_->IngestArticle(req);
  ASSERT_TRUE(ingested.ok()) << ingested.status();

  const std::string kUnattributed =
      "The night crossings will keep running until the end of the season";
  const v1::VerifyQuoteResponse claimed = Verify(kUnattributed, "Maria Reyes");
  EXPECT_EQ(claimed.verdict(), v1::VERDICT_UNATTRIBUTED)
      << claimed.explanation();
  EXPECT_EQ(claimed.speaker_check(), v1::SPEAKER_CHECK_UNCONFIRMED);
  EXPECT_THAT(claimed.explanation(), HasSubstr("Maria Reyes is unconfirmed"));
  EXPECT_GT(claimed.confidence(), 0.9f);
  ASSERT_EQ(claimed.evidence_size(), 1);
  EXPECT_EQ(claimed.evidence(0).evidence().outlet(), "Quay Gazette");
  // The words alone are on record.
  const v1::VerifyQuoteResponse words = Verify(kUnattributed);
  EXPECT_EQ(words.verdict(), v1::VERDICT_SUPPORTED);
  EXPECT_EQ(words.speaker_check(), v1::SPEAKER_CHECK_UNSPECIFIED);

  // "ahead of the tides" inside an invented sentence: NOT_FOUND.
  const v1::VerifyQuoteResponse fragment = Verify(
      "Fishermen said the new breakwater was built ahead of the tides by "
      "volunteers from three villages",
      "Ines Duarte");
  EXPECT_EQ(fragment.verdict(), v1::VERDICT_NOT_FOUND)
      << fragment.explanation();
  EXPECT_THAT(fragment.explanation(), HasSubstr("of the content words"));
  EXPECT_GE(fragment.confidence(), 0.5f);
  // A confident attribution to someone else is still MISATTRIBUTED, with
  // its confidence.
  const v1::VerifyQuoteResponse mis = Verify(
      "It is the best thing to happen to this town in a decade", "Ines Duarte");
  EXPECT_EQ(mis.verdict(), v1::VERDICT_MISATTRIBUTED) << mis.explanation();
  EXPECT_EQ(mis.speaker_check(), v1::SPEAKER_CHECK_CONTRADICTED);
  EXPECT_GT(mis.confidence(), 0.5f);
  EXPECT_LE(mis.confidence(), 1.0f);
}

TEST_P(VerificationE2ETest, QuoteReport_ExactTruncatedVariantAndConflict) {
  v1::GetQuoteConsistencyRequest req;
  req.set_text(
      "The plant will supply clean water to 200,000 homes by the end of next "
      "year");
  auto r = client_->GetQuoteConsistency(req);
  ASSERT_TRUE(r.ok()) << r.status();
  // Three outlets: exact, truncated (Northern Star), a changed number
  // (Lakeside Today, under the merged spelling Kowalenko).
  EXPECT_EQ(r->agreement(), v1::AGREEMENT_WORDING_VARIANT);
  EXPECT_FALSE(r->wording_agrees());
  EXPECT_TRUE(r->speaker_agrees());
  ASSERT_EQ(r->variants_size(), 3);
  EXPECT_EQ(r->variants(0).occurrence().evidence().outlet(), "Valley Courier");
  EXPECT_TRUE(r->variants(0).diff().empty());
  EXPECT_TRUE(r->variants(1).truncated());
  EXPECT_FALSE(r->variants(2).truncated());
  EXPECT_FALSE(r->variants(2).diff().empty());
  EXPECT_THAT(r->fullest_text(), HasSubstr("by the end of next year"));

  req.set_text("The repairs are ahead of schedule");
  r = client_->GetQuoteConsistency(req);
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->agreement(), v1::AGREEMENT_ATTRIBUTION_CONFLICT);
  EXPECT_FALSE(r->speaker_agrees());
  EXPECT_THAT(r->summary(), HasSubstr("The Daily Ledger"));
  EXPECT_THAT(r->summary(), HasSubstr("Metro Wire"));
  EXPECT_THAT(r->summary(), HasSubstr("Victor Hale"));

  req.set_text("It is the best thing to happen to this town in a decade");
  r = client_->GetQuoteConsistency(req);
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->agreement(), v1::AGREEMENT_CONSISTENT);
}

TEST_P(VerificationE2ETest, SpeakerAndQuantityReports) {
  v1::GetSpeakerConsistencyRequest sreq;
  sreq.set_speaker("Maria Reyes");
  auto s = client_->GetSpeakerConsistency(sreq);
  ASSERT_TRUE(s.ok()) << s.status();
  EXPECT_EQ(s->speaker(), "Maria Reyes");
  bool conflict = false, consistent = false;
  for (const auto& g : s->groups()) {
    if (g.agreement() == v1::AGREEMENT_ATTRIBUTION_CONFLICT) {
      conflict = true;
      EXPECT_THAT(g.summary(), HasSubstr("Sam Reyes"));
    }
    if (g.agreement() == v1::AGREEMENT_CONSISTENT) consistent = true;
  }
  EXPECT_TRUE(conflict);
  EXPECT_TRUE(consistent);

  v1::GetQuantityConsistencyRequest qreq;
  qreq.set_unit("workers");
  auto q = client_->GetQuantityConsistency(qreq);
  ASSERT_TRUE(q.ok()) << q.status();
  EXPECT_EQ(q->agreement(), v1::AGREEMENT_CONFLICTING);
  EXPECT_EQ(q->observations_size(), 3);
  EXPECT_EQ(q->conflicts_size(), 2);
  for (const auto& o : q->observations()) ExpectCitable(o.evidence());
}

TEST_P(VerificationE2ETest, ListConflictsWholeIndex) {
  auto all = Conflicts("", "", "");
  ASSERT_TRUE(all.ok()) << all.status();
  // Harbor: 1 attribution + 2 numeric (vehicles); Lakeside: 1 attribution +
  // 2 numeric (homes). Lakeside's 300 and 1,000 workers are more than twice
  // apart: two quantities, not listed (the quantity report still shows them).
  ASSERT_EQ(all->conflicts_size(), 6);
  EXPECT_TRUE(all->next_page_token().empty());
  int attribution = 0;
  for (const v1::Conflict& c : all->conflicts()) {
    SCOPED_TRACE(c.summary());
    EXPECT_FALSE(c.id().empty());
    EXPECT_FALSE(c.summary().empty());
    if (c.kind() == v1::CONFLICT_KIND_ATTRIBUTION) {
      ++attribution;
      ExpectCitable(c.a().quote().evidence());
      ExpectCitable(c.b().quote().evidence());
      EXPECT_NE(c.a().speaker(), c.b().speaker());
    } else {
      ASSERT_EQ(c.kind(), v1::CONFLICT_KIND_NUMERIC);
      ExpectCitable(c.a().claim().evidence());
      ExpectCitable(c.b().claim().evidence());
      EXPECT_EQ(c.a().claim().claim().unit_key(),
                c.b().claim().claim().unit_key());
    }
  }
  EXPECT_EQ(attribution, 2);
  // Most recent first: the Lakeside conflicts (2026-04-12) lead.
  EXPECT_EQ(all->conflicts(0).b().has_claim()
                ? all->conflicts(0).b().claim().evidence().published_date()
                : all->conflicts(0).b().quote().evidence().published_date(),
            "2026-04-12");
  // The Reyes conflict names both sides.
  bool reyes = false;
  for (const v1::Conflict& c : all->conflicts()) {
    if (c.kind() == v1::CONFLICT_KIND_ATTRIBUTION &&
        c.a().speaker() == "Sam Reyes") {
      reyes = true;
      EXPECT_EQ(c.b().speaker(), "Maria Reyes");
      EXPECT_EQ(c.a().quote().evidence().outlet(), "Valley Courier");
      EXPECT_EQ(c.b().quote().evidence().outlet(), "Lakeside Today");
    }
  }
  EXPECT_TRUE(reyes);

  // Paging: 4 + 2, the same conflicts in the same order.
  std::vector<std::string> paged;
  std::string token;
  int pages = 0;
  do {
    auto page = Conflicts("", "", "", 4, token);
    ASSERT_TRUE(page.ok()) << page.status();
    for (const auto& c : page->conflicts()) paged.push_back(c.id());
    token = page->next_page_token();
    ++pages;
  } while (!token.empty() && pages < 10);
  EXPECT_EQ(pages, 2);
  ASSERT_EQ(paged.size(), 6u);
  for (int i = 0; i < 6; ++i) EXPECT_EQ(paged[i], all->conflicts(i).id());

  // Filters: outlet, dates, kind.
  auto metro = Conflicts("Metro Wire", "", "");
  ASSERT_TRUE(metro.ok());
  EXPECT_EQ(metro->conflicts_size(), 3);
  auto april = Conflicts("", "2026-04-01", "");
  ASSERT_TRUE(april.ok());
  EXPECT_EQ(april->conflicts_size(), 3);
  auto march = Conflicts("", "", "2026-03-31");
  ASSERT_TRUE(march.ok());
  EXPECT_EQ(march->conflicts_size(), 3);
  auto one_day = Conflicts("", "2026-04-10", "2026-04-10");
  ASSERT_TRUE(one_day.ok());
  EXPECT_EQ(one_day->conflicts_size(), 2);  // Valley Courier's two
  auto numeric = Conflicts("", "", "", 0, "", v1::CONFLICT_KIND_NUMERIC);
  ASSERT_TRUE(numeric.ok());
  EXPECT_EQ(numeric->conflicts_size(), 4);

  // Bad tokens and bad filters name the field.
  auto bad = Conflicts("", "", "", 3, "not-a-token");
  EXPECT_THAT(bad, StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(std::string(bad.status().message()), HasSubstr("page_token"));
  auto first = Conflicts("", "", "", 3);
  ASSERT_TRUE(first.ok());
  auto replay = Conflicts("Metro Wire", "", "", 3, first->next_page_token());
  EXPECT_THAT(replay, StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(std::string(replay.status().message()), HasSubstr("page_token"));
  auto bad_date = Conflicts("", "April", "");
  EXPECT_THAT(bad_date, StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(std::string(bad_date.status().message()), HasSubstr("from_date"));
}

TEST_P(VerificationE2ETest, ListConflictsTruncatedQuoteGivenToOtherSpeaker) {
  // Outlet A quotes the whole sentence from Elena Marsh; outlet B a fragment
  // of it from Victor Hale: one attribution conflict, both sides cited.
  v1::IngestArticleRequest a;
  a.mutable_article()->set_url("https://bay-gazette.example/ferry");
  a.mutable_article()->set_outlet("Bay Gazette");
  a.mutable_article()->set_published_date("2026-05-02");
  a.mutable_article()->set_title("Ferry terminal works on track");
  a.mutable_article()->set_text(
      "Mayor Elena Marsh visited the ferry terminal on Friday.\n\n"
      "\"The ferry terminal works are ahead of schedule and under budget,\" "
      "said Elena Marsh.");
  v1::IngestArticleRequest b;
  b.mutable_article()->set_url("https://harbor-news.example/ferry");
  b.mutable_article()->set_outlet("Harbor News");
  b.mutable_article()->set_published_date("2026-05-03");
  b.mutable_article()->set_title("Councilman praises ferry works");
  b.mutable_article()->set_text(
      "Councilman Victor Hale toured the ferry terminal.\n\n"
      "\"The ferry terminal works are ahead of schedule,\" said Victor "
      "Hale.");
  ASSERT_TRUE(client_->IngestArticle(a).ok());
  ASSERT_TRUE(client_->IngestArticle(b).ok());

  auto all = Conflicts("", "", "", 0, "", v1::CONFLICT_KIND_ATTRIBUTION);
  ASSERT_TRUE(all.ok()) << all.status();
  ASSERT_EQ(all->conflicts_size(), 3);        // the two fixture ones + this one
  const v1::Conflict& c = all->conflicts(0);  // the most recent
  EXPECT_EQ(c.kind(), v1::CONFLICT_KIND_ATTRIBUTION);
  EXPECT_EQ(c.a().speaker(), "Elena Marsh");
  EXPECT_EQ(c.b().speaker(), "Victor Hale");
  EXPECT_EQ(c.a().quote().evidence().outlet(), "Bay Gazette");
  EXPECT_EQ(c.b().quote().evidence().outlet(), "Harbor News");
  ExpectCitable(c.a().quote().evidence());
  ExpectCitable(c.b().quote().evidence());
  EXPECT_THAT(c.topic(), HasSubstr("under budget"));
  EXPECT_THAT(c.summary(), HasSubstr("Harbor News quotes part of it"));

  // Stable listing and paging with the new conflict: 7 in all, 4 + 3.
  auto whole = Conflicts("", "", "");
  ASSERT_TRUE(whole.ok()) << whole.status();
  ASSERT_EQ(whole->conflicts_size(), 7);
  EXPECT_EQ(whole->conflicts(0).id(), c.id());
  std::vector<std::string> paged;
  std::string token;
  int pages = 0;
  do {
    auto page = Conflicts("", "", "", 4, token);
    ASSERT_TRUE(page.ok()) << page.status();
    for (const auto& p : page->conflicts()) paged.push_back(p.id());
    token = page->next_page_token();
    ++pages;
  } while (!token.empty() && pages < 10);
  EXPECT_EQ(pages, 2);
  ASSERT_EQ(paged.size(), 7u);
  for (int i = 0; i < 7; ++i) EXPECT_EQ(paged[i], whole->conflicts(i).id());
  // Either side's outlet selects it.
  auto harbor = Conflicts("Harbor News", "", "");
  ASSERT_TRUE(harbor.ok());
  ASSERT_EQ(harbor->conflicts_size(), 1);
  EXPECT_EQ(harbor->conflicts(0).id(), c.id());
}

TEST_P(VerificationE2ETest, SpeakerMergeOnEvidenceListedAndUndone) {
  // Kowalenko (Lakeside Today) is Kovalenko: same first name, surname one
  // letter apart, shared role "Governor", quoted alongside Maria Reyes.
  auto merges = client_->ListSpeakerMerges({});
  ASSERT_TRUE(merges.ok()) << merges.status();
  ASSERT_EQ(merges->merges_size(), 1);
  const v1::SpeakerMerge m = merges->merges(0);
  EXPECT_EQ(m.from_name(), "Anna Kowalenko");
  EXPECT_EQ(m.into_name(), "Anna Kovalenko");
  EXPECT_THAT(m.reason(), HasSubstr("edit distance 1"));
  EXPECT_THAT(m.reason(), HasSubstr("Governor"));
  EXPECT_EQ(m.undone_unix_ms(), 0);

  v1::GetSpeakerRequest get;
  get.set_speaker("Anna Kowalenko");
  auto s = client_->GetSpeaker(get);
  ASSERT_TRUE(s.ok()) << s.status();
  EXPECT_EQ(s->name(), "Anna Kovalenko");
  EXPECT_EQ(s->quote_count(), 5);
  EXPECT_THAT(s->aliases(), ::testing::Contains("Anna Kowalenko"));
  EXPECT_THAT(s->outlets(), ::testing::Contains("Lakeside Today"));
  // Verification follows the merge: the other spelling is the same person.
  EXPECT_EQ(
      Verify("We will watch the costs closely", "Anna Kovalenko").verdict(),
      v1::VERDICT_SUPPORTED);

  // People who share a surname stay apart.
  v1::ListSpeakersRequest list;
  auto speakers = client_->ListSpeakers(list);
  ASSERT_TRUE(speakers.ok());
  std::set<std::string> names;
  for (const auto& sp : speakers->speakers()) names.insert(sp.name());
  EXPECT_TRUE(names.count("Sam Reyes"));
  EXPECT_TRUE(names.count("Maria Reyes"));
  EXPECT_FALSE(names.count("Anna Kowalenko"));

  // A later article under the merged-away spelling joins the kept speaker.
  v1::IngestArticleRequest later;
  later.mutable_article()->set_outlet("Lakeside Today");
  later.mutable_article()->set_published_date("2026-04-13");
  later.mutable_article()->set_url("https://lakeside-today.example/followup");
  later.mutable_article()->set_text(
      "\"Water bills will not rise this year,\" Governor Anna Kowalenko "
      "said on Monday.");
  ASSERT_TRUE(client_->IngestArticle(later).ok());
  s = client_->GetSpeaker(get);
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->name(), "Anna Kovalenko");
  EXPECT_EQ(s->quote_count(), 6);

  // Undo: the spelling variant is its own speaker again, with its quotes.
  v1::UndoSpeakerMergeRequest undo;
  undo.set_merge_id(m.id());
  auto undone = client_->UndoSpeakerMerge(undo);
  ASSERT_TRUE(undone.ok()) << undone.status();
  EXPECT_GT(undone->undone_unix_ms(), 0);
  s = client_->GetSpeaker(get);
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->name(), "Anna Kowalenko");
  EXPECT_EQ(s->quote_count(), 3);
  get.set_speaker("Anna Kovalenko");
  auto kept = client_->GetSpeaker(get);
  ASSERT_TRUE(kept.ok());
  EXPECT_EQ(kept->quote_count(), 3);
  EXPECT_THAT(kept->aliases(),
              ::testing::Not(::testing::Contains("Anna Kowalenko")));

  // Listed as undone; active listing is empty; not merged again on ingest.
  merges = client_->ListSpeakerMerges({});
  ASSERT_TRUE(merges.ok());
  EXPECT_EQ(merges->merges_size(), 0);
  v1::ListSpeakerMergesRequest all;
  all.set_include_undone(true);
  merges = client_->ListSpeakerMerges(all);
  ASSERT_TRUE(merges.ok());
  ASSERT_EQ(merges->merges_size(), 1);
  EXPECT_GT(merges->merges(0).undone_unix_ms(), 0);
  later.mutable_article()->set_url("https://lakeside-today.example/more");
  later.mutable_article()->set_text(
      "\"The plant is ready,\" Governor Anna Kowalenko told reporters.");
  ASSERT_TRUE(client_->IngestArticle(later).ok());
  merges = client_->ListSpeakerMerges({});
  ASSERT_TRUE(merges.ok());
  EXPECT_EQ(merges->merges_size(), 0);

  // Undoing twice, or an unknown merge, is an error.
  EXPECT_THAT(client_->UndoSpeakerMerge(undo),
              StatusIs(absl::StatusCode::kFailedPrecondition));
  undo.set_merge_id("m_999");
  EXPECT_THAT(client_->UndoSpeakerMerge(undo),
              StatusIs(absl::StatusCode::kNotFound));
}

TEST_P(VerificationE2ETest, OfficeOfRelationOnAttribution) {
  v1::SearchQuotesRequest req;
  req.set_text("The governor thanks every worker who built it");
  auto r = client_->SearchQuotes(req);
  ASSERT_TRUE(r.ok()) << r.status();
  ASSERT_EQ(r->matches_size(), 1);
  const v1::Attribution& a = r->matches(0).quote().attribution();
  EXPECT_EQ(a.speaker(), "Anna Kovalenko");
  EXPECT_EQ(a.relation(), "office of");
  EXPECT_THAT(a.mention(), HasSubstr("office"));
}

// The CLI over the same server: conflicts listing and ClaimReview export.
std::string RunCli(const std::string& args, int* exit_code) {
  const std::string cmd =
      absl::StrCat(CLAIMCHECK_BINARY_DIR "/claimcheck ", args, " 2>/dev/null");
  FILE* p = popen(cmd.c_str(), "r");
  std::string out;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  const int status = pclose(p);
  *exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return out;
}

// Issue 10: "claimcheck claims --kind" filters by kind and shows it.
TEST_P(VerificationE2ETest, CliClaimsByKind) {
  const std::string server = "--server=" + server_.target();
  int code = 0;
  std::string out = RunCli(server + " claims --kind=money", &code);
  EXPECT_EQ(code, 0) << out;
  EXPECT_THAT(out, HasSubstr("KIND"));
  EXPECT_THAT(out, HasSubstr("$12 million"));
  EXPECT_THAT(out, HasSubstr("money"));
  out = RunCli(server + " claims --kind=age,money --json", &code);
  EXPECT_EQ(code, 0);
  EXPECT_THAT(out, HasSubstr("QUANTITY_KIND_MONEY"));
  EXPECT_THAT(out, ::testing::Not(HasSubstr("QUANTITY_KIND_PERCENT")));
  out = RunCli(server + " claims --kind=weight", &code);
  EXPECT_EQ(code, 1);  // usage error: unknown kind
}

TEST_P(VerificationE2ETest, CliConflictsAndClaimReview) {
  const std::string server = "--server=" + server_.target();
  int code = 0;
  std::string out =
      RunCli(server + " conflicts --outlet='Metro Wire' --limit=2", &code);
  EXPECT_EQ(code, 3) << out;
  EXPECT_THAT(out, HasSubstr("Metro Wire"));
  EXPECT_THAT(out, HasSubstr("--page-token="));
  out = RunCli(server + " conflicts --page-token=garbage", &code);
  EXPECT_EQ(code, 5);

  out = RunCli(server + " merges", &code);
  EXPECT_EQ(code, 0);
  EXPECT_THAT(out, HasSubstr("Anna Kowalenko"));

  out = RunCli(server +
                   " verify 'It is the best thing to happen to this town in a "
                   "decade' --speaker='Sam Reyes' --claimreview "
                   "--review-url=https://factcheck.example/r/1",
               &code);
  EXPECT_EQ(code, 3);
  for (const char* field :
       {"\"@context\":\"https://schema.org\"", "\"@type\":\"ClaimReview\"",
        "\"claimReviewed\":", "\"url\":\"https://factcheck.example/r/1\"",
        "\"datePublished\":", "\"reviewRating\":", "\"ratingValue\":1",
        "\"bestRating\":5", "\"worstRating\":1",
        "\"alternateName\":\"Misattributed\"",
        "\"appearance\":", "\"firstAppearance\":",
        "\"url\":\"https://valley-courier.example/2026/04/10/"
        "lakeside-water-plant-opens\"",
        "\"author\":{\"@type\":\"Person\",\"name\":\"Sam Reyes\"}"}) {
    EXPECT_THAT(out, HasSubstr(field));
  }
}

INSTANTIATE_TEST_SUITE_P(Backends, VerificationE2ETest,
                         ::testing::Values("Sqlite", "Postgres"),
                         claimcheck::testing::BackendName);

}  // namespace
}  // namespace claimcheck
