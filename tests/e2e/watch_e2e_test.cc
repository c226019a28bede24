// End to end: RegisterWatch and the Watch stream through a real claimcheckd
// and the C++ client. Articles are invented for the test. Covers events as
// articles arrive (occurrence, misattribution, altered wording), resume from
// a cursor after a reconnect and after a server restart (events are
// durable), the SIGTERM drain with a stream open, and the limits.
#include <sys/wait.h>

#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
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
using ::testing::Not;

constexpr char kQuote[] =
    "We will finish the harbour wall before the autumn storms arrive";

v1::IngestArticleRequest Article(const std::string& url,
                                 const std::string& outlet,
                                 const std::string& text) {
  v1::IngestArticleRequest req;
  req.mutable_article()->set_url(url);
  req.mutable_article()->set_outlet(outlet);
  req.mutable_article()->set_published_date("2026-05-01");
  req.mutable_article()->set_title("Harbour works");
  req.mutable_article()->set_text(text);
  return req;
}

// An article in which `speaker` says `quote` (the URL is in the text, so
// each URL is a new article, not the same text again).
v1::IngestArticleRequest Saying(const std::string& url,
                                const std::string& speaker,
                                const std::string& quote) {
  return Article(url, "Quay Gazette",
                 absl::StrCat("The council met on Monday (", url, ").\n\n\"",
                              quote, ",\" said ", speaker, ".\n"));
}

// Runs on SQLite and on a real PostgreSQL (tests/e2e/backends.h); a restart
// on PostgreSQL is a new replica replaying the log.
class WatchE2ETest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    dir_ = claimcheck::testing::MakeTempDir();
    ASSERT_FALSE(dir_.empty());
    db_ = claimcheck::testing::FreshDb(GetParam(), dir_);
    ASSERT_FALSE(db_.empty());
    StartServer();
  }

  void StartServer(const std::vector<std::string>& args = {}) {
    ASSERT_TRUE(server_.Start(db_, args)) << server_.error();
    ClientOptions opts;
    opts.target = server_.target();
    auto c = Client::Connect(opts);
    ASSERT_TRUE(c.ok()) << c.status();
    client_ = std::move(*c);
  }

  std::string Register(const std::string& text, const std::string& speaker) {
    v1::RegisterWatchRequest req;
    req.set_text(text);
    req.set_speaker(speaker);
    auto w = client_->RegisterWatch(req);
    EXPECT_TRUE(w.ok()) << w.status();
    return w.ok() ? w->id() : "";
  }

  void Ingest(const v1::IngestArticleRequest& req) {
    auto r = client_->IngestArticle(req);
    ASSERT_TRUE(r.ok()) << r.status();
  }

  // Reads events after `after` until `n` arrived or `wait` passed.
  std::vector<v1::WatchEvent> Collect(int64_t after, size_t n,
                                      absl::Duration wait = absl::Seconds(10),
                                      absl::Status* status = nullptr) {
    v1::WatchRequest req;
    req.set_after_sequence(after);
    if (!only_.empty()) req.add_watch_ids(only_);
    std::vector<v1::WatchEvent> got;
    absl::Status s = client_->Watch(req, wait, [&](const v1::WatchEvent& e) {
      got.push_back(e);
      return got.size() < n;
    });
    if (status != nullptr) *status = s;
    return got;
  }

  std::string dir_;
  std::string only_;  // Collect() reads this registration's events only
  std::string db_;    // --db of this test's store
  claimcheck::testing::ServerProcess server_;
  std::unique_ptr<Client> client_;
};

TEST_P(WatchE2ETest, EventsAsArticlesArrive) {
  const std::string id = Register(kQuote, "Ines Duarte");
  ASSERT_FALSE(id.empty());
  only_ = id;  // the server's own conflict events are another test's
  // A stream opened before the articles arrive gets them as they come.
  std::vector<v1::WatchEvent> live;
  std::thread watcher([&] { live = Collect(0, 3); });
  absl::SleepFor(absl::Milliseconds(300));
  Ingest(Saying("https://example.org/1", "Ines Duarte", kQuote));
  Ingest(Saying("https://example.org/2", "Victor Hale", kQuote));
  Ingest(Saying("https://example.org/3", "Ines Duarte",
                "We will never finish the harbour wall before the autumn "
                "storms arrive"));
  // Unrelated: no event.
  Ingest(Saying("https://example.org/4", "Ines Duarte",
                "The ferry timetable changes in June"));
  watcher.join();
  ASSERT_EQ(live.size(), 3u);
  EXPECT_EQ(live[0].kind(), v1::WATCH_EVENT_KIND_OCCURRENCE);
  EXPECT_EQ(live[0].verdict(), v1::VERDICT_SUPPORTED);
  EXPECT_EQ(live[0].watch_id(), id);
  EXPECT_EQ(live[0].occurrence().evidence().url(), "https://example.org/1");
  EXPECT_EQ(live[1].kind(), v1::WATCH_EVENT_KIND_CONFLICT);
  EXPECT_EQ(live[1].verdict(), v1::VERDICT_MISATTRIBUTED);
  EXPECT_EQ(live[1].occurrence().quote().attribution().speaker(),
            "Victor Hale");
  EXPECT_EQ(live[2].kind(), v1::WATCH_EVENT_KIND_CONFLICT);
  EXPECT_EQ(live[2].verdict(), v1::VERDICT_ALTERED);
  EXPECT_THAT(live[2].summary(), HasSubstr("negation added: never"));
  EXPECT_LT(live[0].sequence(), live[1].sequence());
  EXPECT_LT(live[1].sequence(), live[2].sequence());
  // Nothing more: the unrelated article made no event.
  EXPECT_TRUE(Collect(live[2].sequence(), 1, absl::Milliseconds(500)).empty());
  // The same article again (unchanged) makes no second event.
  Ingest(Saying("https://example.org/1", "Ines Duarte", kQuote));
  EXPECT_TRUE(Collect(live[2].sequence(), 1, absl::Milliseconds(500)).empty());
  // Nor does the same text under another URL.
  auto copy = Saying("https://example.org/1", "Ines Duarte", kQuote);
  copy.mutable_article()->set_url("https://mirror.example.org/1");
  Ingest(copy);
  EXPECT_TRUE(Collect(live[2].sequence(), 1, absl::Milliseconds(500)).empty());
}

TEST_P(WatchE2ETest, ResumeFromCursorAfterReconnectAndRestart) {
  only_ = Register(kQuote, "Ines Duarte");
  Ingest(Saying("https://example.org/a", "Ines Duarte", kQuote));
  Ingest(Saying("https://example.org/b", "Victor Hale", kQuote));
  // Read one event, then drop the connection.
  const std::vector<v1::WatchEvent> first = Collect(0, 1);
  ASSERT_EQ(first.size(), 1u);
  // More arrives while the client is away.
  Ingest(Saying("https://example.org/c", "Mr. Hale", kQuote));
  // Resume from the cursor: the rest, in order, nothing twice.
  const std::vector<v1::WatchEvent> rest =
      Collect(first[0].sequence(), 2, absl::Seconds(10));
  ASSERT_EQ(rest.size(), 2u);
  EXPECT_EQ(rest[0].occurrence().evidence().url(), "https://example.org/b");
  EXPECT_EQ(rest[1].occurrence().evidence().url(), "https://example.org/c");
  EXPECT_GT(rest[0].sequence(), first[0].sequence());

  // A stream open during SIGTERM ends with UNAVAILABLE and the drain
  // finishes (exit 0, well before the drain limit).
  absl::Status during_drain;
  std::thread watcher([&] {
    Collect(rest[1].sequence(), 5, absl::Seconds(30), &during_drain);
  });
  absl::SleepFor(absl::Milliseconds(300));
  const absl::Time stop = absl::Now();
  const int exit_status = server_.Stop();
  watcher.join();
  EXPECT_TRUE(WIFEXITED(exit_status) && WEXITSTATUS(exit_status) == 0)
      << exit_status;
  EXPECT_LT(absl::Now() - stop, absl::Seconds(8));
  EXPECT_THAT(during_drain, StatusIs(absl::StatusCode::kUnavailable))
      << during_drain;

  // Restart on the same database: events are durable, the cursor still
  // works, and registrations survive.
  StartServer();
  // A stream from now on sees only what arrives after it opened.
  std::vector<v1::WatchEvent> fresh;
  std::thread from_now([&] {
    v1::WatchRequest req;
    req.set_from_now(true);
    req.add_watch_ids(only_);
    EXPECT_TRUE(client_
                    ->Watch(req, absl::Seconds(10),
                            [&](const v1::WatchEvent& e) {
                              fresh.push_back(e);
                              return false;
                            })
                    .ok());
  });
  absl::SleepFor(absl::Milliseconds(300));
  Ingest(Saying("https://example.org/d", "Ines Duarte", kQuote));
  from_now.join();
  ASSERT_EQ(fresh.size(), 1u);
  EXPECT_EQ(fresh[0].occurrence().evidence().url(), "https://example.org/d");
  const std::vector<v1::WatchEvent> after_restart =
      Collect(rest[1].sequence(), 1);
  ASSERT_EQ(after_restart.size(), 1u);
  EXPECT_EQ(after_restart[0].occurrence().evidence().url(),
            "https://example.org/d");
  EXPECT_GT(after_restart[0].sequence(), rest[1].sequence());
  // From 0, every event ever recorded, once each.
  EXPECT_EQ(Collect(0, 10, absl::Seconds(1)).size(), 4u);
}

// Conflicts the server finds between sources are events too, with no
// registration: once when first found, never again for the same pair.
TEST_P(WatchE2ETest, NewConflictsBetweenSourcesAreEvents) {
  Ingest(Saying("https://example.org/1", "Ines Duarte", kQuote));
  Ingest(Saying("https://example.org/2", "Victor Hale", kQuote));
  const std::vector<v1::WatchEvent> got = Collect(0, 1);
  ASSERT_EQ(got.size(), 1u);
  const v1::WatchEvent& e = got[0];
  EXPECT_EQ(e.kind(), v1::WATCH_EVENT_KIND_CONFLICT);
  EXPECT_EQ(e.watch_id(), "");
  EXPECT_THAT(e.summary(), HasSubstr("New attribution conflict ca_"));
  EXPECT_EQ(e.occurrence().evidence().url(), "https://example.org/2");
  EXPECT_EQ(e.occurrence().quote().attribution().speaker(), "Victor Hale");
  // The same conflict as the listing's.
  v1::ListConflictsRequest list;
  list.set_wait_for_ingested(true);
  auto conflicts = client_->ListConflicts(list);
  ASSERT_TRUE(conflicts.ok()) << conflicts.status();
  ASSERT_EQ(conflicts->conflicts_size(), 1);
  EXPECT_THAT(e.summary(), HasSubstr(conflicts->conflicts(0).id()));
  // The same articles again, or one more agreeing source: nothing new.
  Ingest(Saying("https://example.org/2", "Victor Hale", kQuote));
  Ingest(Saying("https://example.org/3", "Ines Duarte", kQuote));
  const std::vector<v1::WatchEvent> more =
      Collect(e.sequence(), 1, absl::Milliseconds(500));
  for (const v1::WatchEvent& m : more) {
    EXPECT_THAT(m.summary(), Not(HasSubstr(conflicts->conflicts(0).id())));
  }
}

TEST_P(WatchE2ETest, FiltersRegistrationsAndUnregisters) {
  const std::string a = Register(kQuote, "Ines Duarte");
  const std::string b = Register("The ferry timetable changes in June", "");
  Ingest(Saying("https://example.org/x", "Ines Duarte", kQuote));
  Ingest(Saying("https://example.org/y", "Ines Duarte",
                "The ferry timetable changes in June"));
  v1::WatchRequest req;
  req.add_watch_ids(b);
  std::vector<v1::WatchEvent> got;
  ASSERT_TRUE(client_
                  ->Watch(req, absl::Seconds(10),
                          [&](const v1::WatchEvent& e) {
                            got.push_back(e);
                            return false;
                          })
                  .ok());
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].watch_id(), b);

  auto list = client_->ListWatches(v1::ListWatchesRequest());
  ASSERT_TRUE(list.ok()) << list.status();
  ASSERT_EQ(list->watches_size(), 2);
  v1::UnregisterWatchRequest un;
  un.set_watch_id(a);
  ASSERT_TRUE(client_->UnregisterWatch(un).ok());
  EXPECT_THAT(client_->UnregisterWatch(un),
              StatusIs(absl::StatusCode::kNotFound));
  const int64_t last = got[0].sequence();
  Ingest(Saying("https://example.org/z", "Ines Duarte", kQuote));
  EXPECT_TRUE(Collect(last, 1, absl::Milliseconds(500)).empty());
}

TEST_P(WatchE2ETest, LimitsAndBadRequests) {
  server_.Stop();
  StartServer({"--max_watch_streams=1", "--max_watches=1"});
  v1::WatchRequest bad;
  bad.set_after_sequence(-1);
  absl::Status s = client_->Watch(bad, absl::Seconds(5),
                                  [](const v1::WatchEvent&) { return true; });
  EXPECT_THAT(s, StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(std::string(s.message()), HasSubstr("after_sequence"));
  bad.set_after_sequence(0);
  bad.add_watch_ids("nonsense");
  EXPECT_EQ(client_
                ->Watch(bad, absl::Seconds(5),
                        [](const v1::WatchEvent&) { return true; })
                .code(),
            absl::StatusCode::kInvalidArgument);

  Register(kQuote, "");
  v1::RegisterWatchRequest second;
  second.set_text("The ferry timetable changes in June");
  EXPECT_THAT(client_->RegisterWatch(second),
              StatusIs(absl::StatusCode::kResourceExhausted));
  v1::RegisterWatchRequest empty;
  EXPECT_THAT(client_->RegisterWatch(empty),
              StatusIs(absl::StatusCode::kInvalidArgument));

  // One stream at a time: a second gets RESOURCE_EXHAUSTED; the first ends
  // at its deadline.
  absl::Status first;
  std::thread holder([&] { Collect(0, 5, absl::Seconds(2), &first); });
  absl::SleepFor(absl::Milliseconds(500));
  absl::Status second_stream;
  Collect(0, 5, absl::Seconds(2), &second_stream);
  EXPECT_THAT(second_stream, StatusIs(absl::StatusCode::kResourceExhausted));
  holder.join();
  EXPECT_THAT(first, StatusIs(absl::StatusCode::kDeadlineExceeded));
  // The slot is free again once the first stream ended (the server may
  // take a moment to release it).
  absl::Status again;
  for (int i = 0; i < 20; ++i) {
    Collect(0, 5, absl::Milliseconds(300), &again);
    if (again.code() != absl::StatusCode::kResourceExhausted) break;
    absl::SleepFor(absl::Milliseconds(100));
  }
  EXPECT_THAT(again, StatusIs(absl::StatusCode::kDeadlineExceeded));
}

INSTANTIATE_TEST_SUITE_P(Backends, WatchE2ETest,
                         ::testing::Values("Sqlite", "Postgres"),
                         claimcheck::testing::BackendName);

}  // namespace
}  // namespace claimcheck
