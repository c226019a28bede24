// End to end: stories through a real claimcheckd (loopback port, temporary
// SQLite file), and the same articles giving the same listings whatever the
// order and batching of their ingest. Articles are written for this test.
#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "client/client.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/e2e/backends.h"
#include "tests/e2e/server_process.h"
#include "tests/status_matchers.h"

namespace claimcheck {
namespace {

using ::claimcheck::testing::StatusIs;

struct Art {
  const char* outlet;
  const char* date;
  const char* title;
  const char* text;
};

// Three events, three outlets each, and one unrelated article.
const Art kArticles[] = {
    {"Metro Wire", "2026-03-03", "Harbor bridge in Port Elms reopens",
     "The Harbor Bridge in Port Elms reopened to traffic on Tuesday after "
     "eight months of repairs. \"The bridge will carry more traffic than "
     "ever before, and the ferry crossings can finally end,\" Mayor Elena "
     "Marsh said. The repairs cost the city 120 million dollars and the "
     "harbor transit authority said 300 workers took part."},
    {"The Daily Ledger", "2026-03-03", "Port Elms harbor bridge open again",
     "Traffic crossed the Harbor Bridge in Port Elms again on Tuesday after "
     "eight months of repairs. \"The bridge will carry more traffic than "
     "ever before, and the ferry crossings can finally end,\" said Victor "
     "Hale, who runs the harbor transit authority. About 900 workers took "
     "part in the repairs, the harbor transit authority said."},
    {"Coastal Herald", "2026-03-04", "Harbor Bridge repairs end in Port Elms",
     "Eight months of repairs on the Harbor Bridge in Port Elms ended on "
     "Tuesday and traffic returned. Mayor Elena Marsh thanked the harbor "
     "transit authority and said the ferry crossings would end next week."},
    {"Metro Wire", "2026-05-11", "Valley orchard frost destroys apple crop",
     "A late frost destroyed most of the apple crop in the Linden Valley "
     "orchards overnight on Sunday. Growers' association chair Sam Reyes said "
     "400 orchards lost their blossoms. \"We have not seen a frost like this "
     "in forty years of growing apples in the valley,\" Reyes said."},
    {"The Daily Ledger", "2026-05-12", "Frost hits Linden Valley apples",
     "Frost overnight on Sunday hit the apple orchards of the Linden Valley "
     "hard. The growers' association said 150 orchards lost their blossoms "
     "to the frost, and chair Sam Reyes said the apple crop was mostly gone."},
    {"Coastal Herald", "2026-05-12", "Linden Valley growers count frost losses",
     "Apple growers in the Linden Valley counted their losses after Sunday's "
     "frost. The growers' association chair Sam Reyes said the orchards lost "
     "their blossoms and the apple crop would be small this year."},
    {"Metro Wire", "2026-07-20", "Northfield library opens new reading wing",
     "The Northfield public library opened its new reading wing on Monday, "
     "with 200 new seats and a children's section. Librarian Anna Kovalenko "
     "said the reading wing was paid for by local donors."},
    {"The Daily Ledger", "2026-07-20", "Northfield library adds reading wing",
     "Northfield's public library opened a new reading wing on Monday. "
     "Librarian Anna Kovalenko said the wing adds a children's section and "
     "200 new seats, paid for by local donors."},
    {"Coastal Herald", "2026-07-21", "New wing at Northfield public library",
     "A new reading wing opened at the Northfield public library on Monday. "
     "Librarian Anna Kovalenko thanked the local donors who paid for the "
     "children's section and the new seats of the reading wing."},
    {"Coastal Herald", "2026-07-21", "Regional orchestra announces season",
     "A regional orchestra announced its winter season, with three premieres "
     "and a touring programme of chamber music across northern towns; the "
     "conductor said 900 tickets were already sold."},
};

v1::IngestArticleRequest Request(const Art& a, int i) {
  v1::IngestArticleRequest req;
  v1::ArticleInput* in = req.mutable_article();
  in->set_url(absl::StrCat("https://news.example/", i));
  in->set_outlet(a.outlet);
  in->set_published_date(a.date);
  in->set_title(a.title);
  in->set_text(a.text);
  return req;
}

struct Server {
  std::string dir;
  claimcheck::testing::ServerProcess process;
  std::unique_ptr<Client> client;
};

// A server on a fresh store of `backend` (tests/e2e/backends.h).
void StartServer(Server* s, const std::string& backend) {
  s->dir = claimcheck::testing::MakeTempDir();
  ASSERT_FALSE(s->dir.empty());
  const std::string db = claimcheck::testing::FreshDb(backend, s->dir);
  ASSERT_FALSE(db.empty());
  ASSERT_TRUE(s->process.Start(db)) << s->process.error();
  ClientOptions opts;
  opts.target = s->process.target();
  auto c = Client::Connect(opts);
  ASSERT_TRUE(c.ok()) << c.status();
  s->client = std::move(*c);
}

// Every listing that depends on the stored articles, as text.
std::string Listings(const Client& client) {
  std::string out;
  v1::ListStoriesRequest stories;
  stories.set_page_size(100);
  auto s = client.ListStories(stories);
  EXPECT_TRUE(s.ok()) << s.status();
  if (s.ok()) absl::StrAppend(&out, s->DebugString());
  v1::ListConflictsRequest conflicts;
  conflicts.set_page_size(100);
  conflicts.set_wait_for_ingested(true);  // conflicts trail ingest (proto)
  auto c = client.ListConflicts(conflicts);
  EXPECT_TRUE(c.ok()) << c.status();
  if (c.ok()) absl::StrAppend(&out, c->DebugString());
  v1::ListSpeakersRequest speakers;
  speakers.set_page_size(100);
  auto sp = client.ListSpeakers(speakers);
  EXPECT_TRUE(sp.ok()) << sp.status();
  if (sp.ok()) absl::StrAppend(&out, sp->DebugString());
  v1::ListSpeakerMergesRequest merges;
  merges.set_page_size(100);
  auto m = client.ListSpeakerMerges(merges);
  EXPECT_TRUE(m.ok()) << m.status();
  if (m.ok()) {
    std::vector<std::string> rows;  // ids and times follow the arrival order
    for (const v1::SpeakerMerge& merge : m->merges()) {
      rows.push_back(absl::StrCat(merge.from_name(), ">", merge.into_name(),
                                  ":", merge.reason()));
    }
    std::sort(rows.begin(), rows.end());
    for (const std::string& r : rows) absl::StrAppend(&out, r, "\n");
  }
  return out;
}

// Runs on SQLite and on a real PostgreSQL.
class StoriesE2ETest : public ::testing::TestWithParam<std::string> {};

TEST_P(StoriesE2ETest, ArticlesOfOneEventShareAStory) {
  Server s;
  ASSERT_NO_FATAL_FAILURE(StartServer(&s, GetParam()));
  std::vector<std::string> ids;
  for (size_t i = 0; i < std::size(kArticles); ++i) {
    auto r = s.client->IngestArticle(Request(kArticles[i], i));
    ASSERT_TRUE(r.ok()) << r.status();
    ids.push_back(r->article_id());
  }
  v1::ListStoriesRequest list;
  list.set_page_size(2);
  std::vector<v1::Story> stories;
  while (true) {
    auto page = s.client->ListStories(list);
    ASSERT_TRUE(page.ok()) << page.status();
    stories.insert(stories.end(), page->stories().begin(),
                   page->stories().end());
    if (page->next_page_token().empty()) break;
    list.set_page_token(page->next_page_token());
  }
  ASSERT_EQ(stories.size(), 4u);  // three events and the orchestra
  for (int event = 0; event < 3; ++event) {
    const std::vector<std::string> members(ids.begin() + 3 * event,
                                           ids.begin() + 3 * event + 3);
    const std::string want = *std::min_element(members.begin(), members.end());
    v1::GetStoryRequest get;
    get.set_id(want);
    auto story = s.client->GetStory(get);
    ASSERT_TRUE(story.ok()) << story.status();
    EXPECT_EQ(story->article_count(), 3);
    for (const v1::StoryArticle& a : story->articles()) {
      EXPECT_THAT(members, ::testing::Contains(a.article_id()));
    }
    v1::GetArticleRequest article;
    article.set_article_id(members[0]);
    auto got = s.client->GetArticle(article);
    ASSERT_TRUE(got.ok()) << got.status();
    EXPECT_EQ(got->story_id(), want);
  }
  // Numeric conflicts only within a story: the bridge's 300 vs 900 workers,
  // not the orchestra's 900 tickets or the other stories' numbers.
  v1::ListConflictsRequest numeric;
  numeric.set_kind(v1::CONFLICT_KIND_NUMERIC);
  numeric.set_wait_for_ingested(true);
  auto conflicts = s.client->ListConflicts(numeric);
  ASSERT_TRUE(conflicts.ok()) << conflicts.status();
  for (const v1::Conflict& c : conflicts->conflicts()) {
    EXPECT_THAT(c.reason(), ::testing::StartsWith("same story "));
    EXPECT_EQ(c.a().claim().evidence().published_date().substr(0, 7),
              c.b().claim().evidence().published_date().substr(0, 7))
        << c.summary();
  }
  // Unknown story, bad token.
  v1::GetStoryRequest unknown;
  unknown.set_id("a_nope");
  EXPECT_THAT(s.client->GetStory(unknown),
              StatusIs(absl::StatusCode::kNotFound));
  v1::ListStoriesRequest bad;
  bad.set_page_token("garbage");
  EXPECT_THAT(s.client->ListStories(bad),
              StatusIs(absl::StatusCode::kInvalidArgument));
  // Deleting the article that names the story: the rest keep a story,
  // named after the smallest id left.
  const std::vector<std::string> bridge(ids.begin(), ids.begin() + 3);
  const std::string first = *std::min_element(bridge.begin(), bridge.end());
  v1::DeleteArticleRequest del;
  del.set_article_id(first);
  ASSERT_TRUE(s.client->DeleteArticle(del).ok());
  std::vector<std::string> rest;
  for (const std::string& id : bridge) {
    if (id != first) rest.push_back(id);
  }
  v1::GetStoryRequest get;
  get.set_id(*std::min_element(rest.begin(), rest.end()));
  auto story = s.client->GetStory(get);
  ASSERT_TRUE(story.ok()) << story.status();
  EXPECT_EQ(story->article_count(), 2);
  get.set_id(first);
  EXPECT_THAT(s.client->GetStory(get), StatusIs(absl::StatusCode::kNotFound));
}

TEST_P(StoriesE2ETest, SameArticlesSameListingsWhateverTheOrderAndBatching) {
  Server one, other;
  ASSERT_NO_FATAL_FAILURE(StartServer(&one, GetParam()));
  ASSERT_NO_FATAL_FAILURE(StartServer(&other, GetParam()));
  // One server: one call per article, in order.
  for (size_t i = 0; i < std::size(kArticles); ++i) {
    auto r = one.client->IngestArticle(Request(kArticles[i], i));
    ASSERT_TRUE(r.ok()) << r.status();
  }
  // The other: one stream, reversed and interleaved (batched by the server).
  std::vector<v1::IngestArticleRequest> batch;
  std::vector<size_t> order(std::size(kArticles));
  for (size_t i = 0; i < order.size(); ++i) order[i] = order.size() - 1 - i;
  std::swap(order[1], order[6]);
  for (size_t i : order) batch.push_back(Request(kArticles[i], i));
  int acks = 0;
  ASSERT_TRUE(other.client
                  ->IngestMany(batch,
                               [&](const v1::IngestArticleResponse& r) {
                                 EXPECT_EQ(r.status_code(), 0);
                                 ++acks;
                               })
                  .ok());
  ASSERT_EQ(acks, static_cast<int>(batch.size()));
  const std::string a = Listings(*one.client);
  EXPECT_THAT(a, ::testing::HasSubstr("article_count: 3"));
  EXPECT_EQ(a, Listings(*other.client));
}

INSTANTIATE_TEST_SUITE_P(Backends, StoriesE2ETest,
                         ::testing::Values("Sqlite", "Postgres"),
                         claimcheck::testing::BackendName);

}  // namespace
}  // namespace claimcheck
