// Issue 12 end to end: hostile input, overload and long life against real
// claimcheckd processes on loopback (each with its own database), driven by
// the C++ client, raw gRPC calls and plain sockets.
#include <arpa/inet.h>
#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/grpcpp.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <atomic>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "client/client.h"
#include "gmock/gmock.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "gtest/gtest.h"
#include "tests/e2e/server_process.h"
#include "tests/status_matchers.h"

namespace claimcheck {
namespace {

using ::claimcheck::testing::StatusIs;

using ::testing::HasSubstr;

// Two outlets give one sentence to two people: one attribution conflict.
std::vector<v1::IngestArticleRequest> ConflictingPair(absl::string_view tag) {
  v1::IngestArticleRequest a;
  a.mutable_article()->set_url(absl::StrCat("https://gazette.example/", tag));
  a.mutable_article()->set_outlet("Bay Gazette");
  a.mutable_article()->set_published_date("2026-05-02");
  a.mutable_article()->set_text(absl::StrCat(
      "Mayor Elena Marsh visited the ", tag, " terminal on Friday.\n\n\"The ",
      tag,
      " terminal works are ahead of schedule and under budget,\" said "
      "Elena Marsh."));
  v1::IngestArticleRequest b;
  b.mutable_article()->set_url(absl::StrCat("https://harbor.example/", tag));
  b.mutable_article()->set_outlet("Harbor News");
  b.mutable_article()->set_published_date("2026-05-03");
  b.mutable_article()->set_text(absl::StrCat(
      "Councilman Victor Hale toured the ", tag, " terminal.\n\n\"The ", tag,
      " terminal works are ahead of schedule and under budget,\" said Victor "
      "Hale."));
  return {a, b};
}

// Runs claimcheckd with `args` to completion; returns its exit status and
// stderr.
int RunToExit(const std::vector<std::string>& args, std::string* err) {
  int fds[2];
  if (pipe(fds) != 0) return -1;
  const pid_t pid = fork();
  if (pid == 0) {
    dup2(fds[1], 1);
    dup2(fds[1], 2);
    close(fds[0]);
    close(fds[1]);
    std::vector<std::string> all = {CLAIMCHECK_BINARY_DIR "/claimcheckd"};
    all.insert(all.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (std::string& a : all) argv.push_back(a.data());
    argv.push_back(nullptr);
    execv(argv[0], argv.data());
    _exit(127);
  }
  close(fds[1]);
  char buf[4096];
  ssize_t n;
  while ((n = read(fds[0], buf, sizeof buf)) > 0) err->append(buf, n);
  close(fds[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

bool Exists(const std::string& path) {
  struct stat st;
  return stat(path.c_str(), &st) == 0;
}

class HardeningE2ETest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = claimcheck::testing::MakeTempDir();
    ASSERT_FALSE(dir_.empty());
  }

  std::unique_ptr<Client> Connect(const claimcheck::testing::ServerProcess& s) {
    ClientOptions opts;
    opts.target = s.target();
    auto c = Client::Connect(opts);
    EXPECT_TRUE(c.ok()) << c.status();
    return c.ok() ? std::move(*c) : nullptr;
  }

  absl::StatusOr<v1::ListConflictsResponse> Conflicts(Client& c, int page_size,
                                                      std::string token = "") {
    v1::ListConflictsRequest req;
    req.set_page_size(page_size);
    req.set_page_token(token);
    req.set_wait_for_ingested(true);  // conflicts trail ingest (proto)
    return c.ListConflicts(req);
  }

  std::string dir_;
};

TEST_F(HardeningE2ETest, ConflictsAreKeptAtIngestAndRetractedByDelete) {
  claimcheck::testing::ServerProcess server;
  ASSERT_TRUE(server.Start(dir_ + "/a.db")) << server.error();
  auto client = Connect(server);
  ASSERT_NE(client, nullptr);
  std::vector<std::string> ids;
  for (const auto& req : ConflictingPair("ferry")) {
    auto r = client->IngestArticle(req);
    ASSERT_TRUE(r.ok()) << r.status();
    ids.push_back(r->article_id());
  }
  auto listed = Conflicts(*client, 10);
  ASSERT_TRUE(listed.ok()) << listed.status();
  ASSERT_EQ(listed->conflicts_size(), 1);
  EXPECT_EQ(listed->conflicts(0).kind(), v1::CONFLICT_KIND_ATTRIBUTION);

  v1::DeleteArticleRequest del;
  del.set_article_id(ids[1]);
  ASSERT_TRUE(client->DeleteArticle(del).ok());
  listed = Conflicts(*client, 10);
  ASSERT_TRUE(listed.ok()) << listed.status();
  EXPECT_EQ(listed->conflicts_size(), 0) << "a delete must retract";

  // Back again, and kept across a restart (the table, not memory).
  ASSERT_TRUE(client->IngestArticle(ConflictingPair("ferry")[1]).ok());
  EXPECT_EQ(server.Stop(), 0);
  claimcheck::testing::ServerProcess again;
  ASSERT_TRUE(again.Start(dir_ + "/a.db")) << again.error();
  auto c2 = Connect(again);
  ASSERT_NE(c2, nullptr);
  listed = Conflicts(*c2, 10);
  ASSERT_TRUE(listed.ok()) << listed.status();
  EXPECT_EQ(listed->conflicts_size(), 1);
}

TEST_F(HardeningE2ETest, ConflictPageTokenOfAnotherDatabaseIsRejected) {
  claimcheck::testing::ServerProcess a, b;
  ASSERT_TRUE(a.Start(dir_ + "/a.db")) << a.error();
  ASSERT_TRUE(b.Start(dir_ + "/b.db")) << b.error();
  auto ca = Connect(a), cb = Connect(b);
  ASSERT_NE(ca, nullptr);
  ASSERT_NE(cb, nullptr);
  for (const char* tag : {"ferry", "bridge"}) {
    for (const auto& req : ConflictingPair(tag)) {
      ASSERT_TRUE(ca->IngestArticle(req).ok());
      ASSERT_TRUE(cb->IngestArticle(req).ok());
    }
  }
  auto first = Conflicts(*ca, 1);
  ASSERT_TRUE(first.ok()) << first.status();
  ASSERT_FALSE(first->next_page_token().empty());
  auto own = Conflicts(*ca, 1, first->next_page_token());
  ASSERT_TRUE(own.ok()) << own.status();
  EXPECT_EQ(own->conflicts_size(), 1);
  auto foreign = Conflicts(*cb, 1, first->next_page_token());
  ASSERT_FALSE(foreign.ok());
  EXPECT_THAT(foreign, StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(std::string(foreign.status().message()), HasSubstr("page_token"));
}

TEST_F(HardeningE2ETest, DatabaseFilesAreCreatedPrivate) {
  const mode_t old = umask(022);
  claimcheck::testing::ServerProcess server;
  const bool started = server.Start(dir_ + "/p.db");
  umask(old);
  ASSERT_TRUE(started) << server.error();
  auto client = Connect(server);
  ASSERT_NE(client, nullptr);
  ASSERT_TRUE(client->IngestArticle(ConflictingPair("ferry")[0]).ok());
  for (const char* suffix : {"", "-wal", "-shm"}) {
    const std::string path = dir_ + "/p.db" + suffix;
    struct stat st;
    ASSERT_EQ(stat(path.c_str(), &st), 0) << path;
    EXPECT_EQ(st.st_mode & 0777, 0600u) << path;
  }
}

TEST_F(HardeningE2ETest, UnparseableRequestIsInvalidArgumentNamingTheField) {
  claimcheck::testing::ServerProcess server;
  ASSERT_TRUE(server.Start(dir_ + "/u.db")) << server.error();
  auto channel =
      grpc::CreateChannel(server.target(), grpc::InsecureChannelCredentials());
  grpc::GenericStub stub(channel);
  // ExtractTextRequest { text (field 1) = "\xff\xfe" }: invalid UTF-8.
  const std::string bytes = std::string("\x0a\x02\xff\xfe", 4);
  grpc::Slice slice(bytes);
  grpc::ByteBuffer request(&slice, 1), response;
  grpc::ClientContext ctx;
  ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
  absl::Mutex mu;
  bool done = false;
  grpc::Status status;
  stub.UnaryCall(&ctx, "/claimcheck.v1.ClaimCheck/ExtractText", {}, &request,
                 &response, [&](grpc::Status s) {
                   absl::MutexLock lock(&mu);
                   status = s;
                   done = true;
                 });
  absl::MutexLock lock(&mu);
  mu.Await(absl::Condition(&done));
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(status.error_message(), HasSubstr("text is not valid UTF-8"));
}

TEST_F(HardeningE2ETest, IncompleteTlsRefusesToStartNamingTheFlag) {
  struct Case {
    std::vector<std::string> args;
    std::string want;
  };
  const std::string missing = dir_ + "/missing.pem";
  const std::string not_pem = dir_ + "/not.pem";
  FILE* f = fopen(not_pem.c_str(), "w");
  ASSERT_NE(f, nullptr);
  fputs("hello\n", f);
  fclose(f);
  const std::vector<Case> cases = {
      {{"--tls_client_ca=" + missing}, "--tls_client_ca"},
      {{"--tls_cert=" + missing}, "--tls_key"},
      {{"--tls_key=" + missing}, "--tls_cert"},
      {{"--tls_cert=" + missing, "--tls_key=" + not_pem}, missing},
      {{"--tls_cert=" + not_pem, "--tls_key=" + not_pem}, "--tls_cert: '"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.want);
    const std::string db = dir_ + "/tls.db";
    std::vector<std::string> args = {"--listen=127.0.0.1:0", "--db=" + db};
    args.insert(args.end(), c.args.begin(), c.args.end());
    std::string err;
    EXPECT_EQ(RunToExit(args, &err), 1);
    EXPECT_THAT(err, HasSubstr(c.want));
    EXPECT_FALSE(Exists(db)) << "no database before the config is checked";
  }
}

TEST_F(HardeningE2ETest, PortInUseIsOneShortLineAndCreatesNoDatabase) {
  claimcheck::testing::ServerProcess first;
  ASSERT_TRUE(first.Start(dir_ + "/first.db")) << first.error();
  const std::string db = dir_ + "/second.db";
  std::string err;
  EXPECT_EQ(RunToExit({"--listen=" + first.target(), "--db=" + db}, &err), 1);
  EXPECT_THAT(err, HasSubstr("--listen"));
  EXPECT_THAT(err, HasSubstr("in use"));
  EXPECT_LT(err.size(), 300u) << err;
  EXPECT_FALSE(Exists(db));
}

TEST_F(HardeningE2ETest, HelpPrintsTheRealFlagsAndExitsZero) {
  std::string out;
  EXPECT_EQ(RunToExit({"--help"}, &out), 0);
  for (const char* flag : {"--listen", "--db", "--drain_seconds",
                           "--max_heavy_calls", "--tls_client_ca"}) {
    EXPECT_THAT(out, HasSubstr(flag));
  }
}

TEST_F(HardeningE2ETest, StartupLineSaysWhatItServes) {
  claimcheck::testing::ServerProcess server;
  ASSERT_TRUE(server.Start(dir_ + "/s.db")) << server.error();
  EXPECT_THAT(server.startup_log(), HasSubstr("plaintext (TLS off)"));
  EXPECT_THAT(server.startup_log(), HasSubstr("writes open (auth off)"));
  EXPECT_THAT(server.startup_log(), HasSubstr(dir_ + "/s.db"));
}

grpc::health::v1::HealthCheckResponse::ServingStatus Health(
    grpc::health::v1::Health::Stub& stub, const std::string& service,
    grpc::Status* status) {
  grpc::ClientContext ctx;
  ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(2));
  grpc::health::v1::HealthCheckRequest req;
  req.set_service(service);
  grpc::health::v1::HealthCheckResponse resp;
  *status = stub.Check(&ctx, req, &resp);
  return resp.status();
}

TEST_F(HardeningE2ETest, HealthAnswersForTheServiceName) {
  claimcheck::testing::ServerProcess server;
  ASSERT_TRUE(server.Start(dir_ + "/h.db")) << server.error();
  auto stub = grpc::health::v1::Health::NewStub(
      grpc::CreateChannel(server.target(), grpc::InsecureChannelCredentials()));
  for (const char* service : {"", "claimcheck.v1.ClaimCheck"}) {
    grpc::Status status;
    EXPECT_EQ(Health(*stub, service, &status),
              grpc::health::v1::HealthCheckResponse::SERVING)
        << service;
    EXPECT_TRUE(status.ok()) << service << ": " << status.error_message();
  }
}

// A long ordinary text: many paragraphs of quotes and numbers.
std::string LongText(size_t bytes) {
  std::string out;
  for (int i = 0; out.size() < bytes; ++i) {
    absl::StrAppend(&out, "\"The budget of ", i % 97, " million dollars is ",
                    "enough for the new line,\" said Mayor Elena Marsh. ",
                    "About ", 1000 + i, " workers joined the project.\n\n");
  }
  return out;
}

TEST_F(HardeningE2ETest, FloodOfHeavyCallsIsRefusedAndHealthKeepsAnswering) {
  claimcheck::testing::ServerProcess server;
  ASSERT_TRUE(server.Start(dir_ + "/f.db", {"--max_heavy_calls=2"}))
      << server.error();
  auto channel =
      grpc::CreateChannel(server.target(), grpc::InsecureChannelCredentials());
  auto stub = v1::ClaimCheck::NewStub(channel);
  auto health = grpc::health::v1::Health::NewStub(channel);
  v1::ExtractTextRequest req;
  req.set_text(LongText(1 << 20));

  constexpr int kCalls = 24;
  std::atomic<int> ok{0}, exhausted{0}, other{0};
  std::atomic<bool> flooding{true};
  std::vector<std::thread> callers;
  for (int i = 0; i < kCalls; ++i) {
    callers.emplace_back([&] {
      grpc::ClientContext ctx;
      ctx.set_deadline(std::chrono::system_clock::now() +
                       std::chrono::seconds(60));
      v1::ExtractTextResponse resp;
      const grpc::Status s = stub->ExtractText(&ctx, req, &resp);
      if (s.ok()) {
        ++ok;
      } else if (s.error_code() == grpc::StatusCode::RESOURCE_EXHAUSTED) {
        ++exhausted;
        EXPECT_THAT(s.error_message(), HasSubstr("heavy"));
      } else {
        ++other;
        ADD_FAILURE() << s.error_message();
      }
    });
  }
  int health_ok = 0, health_checks = 0;
  std::thread prober([&] {
    while (flooding.load() || health_checks < 5) {
      grpc::Status status;
      const auto serving = Health(*health, "", &status);
      ++health_checks;
      if (status.ok() &&
          serving == grpc::health::v1::HealthCheckResponse::SERVING) {
        ++health_ok;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
  });
  for (std::thread& t : callers) t.join();
  flooding = false;
  prober.join();
  EXPECT_EQ(ok + exhausted, kCalls);
  EXPECT_EQ(other, 0);
  EXPECT_GE(ok.load(), 2);
  EXPECT_GE(exhausted.load(), 1) << "the bound must refuse some of " << kCalls;
  EXPECT_EQ(health_ok, health_checks) << "every health check answered";
}

TEST_F(HardeningE2ETest, SigtermHonoursTheDrainUnderLoad) {
  claimcheck::testing::ServerProcess server;
  ASSERT_TRUE(server.Start(dir_ + "/d.db", {"--drain_seconds=2"}))
      << server.error();
  auto stub = v1::ClaimCheck::NewStub(
      grpc::CreateChannel(server.target(), grpc::InsecureChannelCredentials()));
  v1::ExtractTextRequest req;
  req.set_text(LongText(2 << 20));
  std::vector<std::thread> callers;
  for (int i = 0; i < 8; ++i) {
    callers.emplace_back([&] {
      grpc::ClientContext ctx;
      v1::ExtractTextResponse resp;
      (void)stub->ExtractText(&ctx, req, &resp);
    });
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  const absl::Time start = absl::Now();
  const int status = server.Stop();
  const absl::Duration took = absl::Now() - start;
  for (std::thread& t : callers) t.join();
  EXPECT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0);
  EXPECT_LT(took, absl::Seconds(4)) << "drain 2 s, stopped after " << took;
}

// GET http://127.0.0.1:<port><path>; the whole response, headers included.
std::string HttpGet(int port, const std::string& path) {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    close(fd);
    return "";
  }
  const std::string req = "GET " + path + " HTTP/1.0\r\n\r\n";
  (void)!write(fd, req.data(), req.size());
  std::string out;
  char buf[4096];
  ssize_t n;
  while ((n = read(fd, buf, sizeof buf)) > 0) out.append(buf, n);
  close(fd);
  return out;
}

// Ten words picked by `i` from a vocabulary of 48: sentences far enough
// apart that few are taken for variants of one utterance.
std::string Sentence(int i) {
  static const char* const kWords[] = {
      "harbour", "cranes",  "budget", "river",   "school",  "tunnel",
      "market",  "ferry",   "bridge", "housing", "water",   "power",
      "trains",  "doctors", "parks",  "roads",   "taxes",   "farms",
      "police",  "museum",  "garden", "library", "clinic",  "airport",
      "canal",   "stadium", "prison", "tram",    "forest",  "harvest",
      "salary",  "pension", "ticket", "lamp",    "station", "beach",
      "factory", "orchard", "quarry", "dairy",   "bakery",  "theatre",
      "cinema",  "chapel",  "castle", "meadow",  "valley",  "island"};
  constexpr unsigned kCount = sizeof(kWords) / sizeof(*kWords);
  std::string out = "We";
  unsigned x = 2654435761u * static_cast<unsigned>(i + 1);
  for (int w = 0; w < 10; ++w) {
    x = x * 1103515245u + 12345u;
    absl::StrAppend(&out, w % 2 ? " with " : " build ",
                    kWords[(x >> 16) % kCount]);
  }
  return out;
}

// A speaker report past its deadline stops there (issue 12): the client
// gets DEADLINE_EXCEEDED, the server counts the call with the status the
// client got, and the only heavy slot (--max_heavy_calls=1) is free again
// long before the whole report would have finished.
TEST_F(HardeningE2ETest, SpeakerReportStopsAtItsDeadline) {
  claimcheck::testing::ServerProcess server;
  ASSERT_TRUE(server.Start(
      dir_ + "/r.db", {"--max_heavy_calls=1", "--metrics_listen=127.0.0.1:0"}))
      << server.error();
  const std::string log = server.startup_log();
  const size_t at = log.find("metrics on port ");
  ASSERT_NE(at, std::string::npos) << log;
  const int metrics_port = std::stoi(log.substr(at + 16));
  auto client = Connect(server);
  ASSERT_NE(client, nullptr);
  // One speaker, 2,000 different quotes (the report's row cap).
  std::vector<v1::IngestArticleRequest> reqs;
  for (int i = 0; i < 400; ++i) {
    v1::IngestArticleRequest r;
    r.mutable_article()->set_url(absl::StrCat("https://ledger.example/", i));
    r.mutable_article()->set_outlet(i % 2 ? "Daily Ledger" : "Metro Wire");
    r.mutable_article()->set_published_date("2026-04-01");
    std::string text;
    for (int k = 0; k < 5; ++k) {
      absl::StrAppend(&text, "\"", Sentence(i * 5 + k),
                      ",\" said Mayor Ann Lee.\n\n");
    }
    r.mutable_article()->set_text(text);
    reqs.push_back(std::move(r));
  }
  ASSERT_TRUE(
      client->IngestMany(reqs, [](const v1::IngestArticleResponse&) {}).ok());
  auto stub = v1::ClaimCheck::NewStub(
      grpc::CreateChannel(server.target(), grpc::InsecureChannelCredentials()));
  v1::GetSpeakerConsistencyRequest req;
  req.set_speaker("Ann Lee");
  req.set_max_groups(200);
  auto report = [&](absl::Duration deadline) {
    grpc::ClientContext ctx;
    ctx.set_deadline(absl::ToChronoTime(absl::Now() + deadline));
    v1::SpeakerConsistencyReport resp;
    return stub->GetSpeakerConsistency(&ctx, req, &resp);
  };
  // The whole report, for scale.
  absl::Time start = absl::Now();
  ASSERT_TRUE(report(absl::Seconds(120)).ok());
  const absl::Duration whole = absl::Now() - start;

  start = absl::Now();
  EXPECT_EQ(report(whole / 20).error_code(),
            grpc::StatusCode::DEADLINE_EXCEEDED);
  // The next heavy call is admitted once the report has let go of the slot.
  v1::GetQuantityConsistencyRequest next;
  next.set_unit("workers");
  absl::StatusOr<v1::QuantityConsistencyReport> got;
  do {
    got = client->GetQuantityConsistency(next);
  } while (got.status().code() == absl::StatusCode::kResourceExhausted &&
           absl::Now() - start < 2 * whole);
  const absl::Duration freed = absl::Now() - start;
  EXPECT_TRUE(got.ok()) << got.status();
  EXPECT_LT(freed, whole / 2) << "whole report " << whole;
  EXPECT_THAT(HttpGet(metrics_port, "/metrics"),
              HasSubstr("claimcheck_calls_total{code=\"DEADLINE_EXCEEDED\","
                        "method=\"GetSpeakerConsistency\"} 1"));
}

}  // namespace
}  // namespace claimcheck
