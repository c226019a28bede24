// Does ingest slow down as the database grows? Streams N articles (default
// 100,000) through one IngestArticles stream into an in-process claimcheckd
// (api::Server on 127.0.0.1:0, fresh temp SQLite db, WAL +
// synchronous=FULL, durable acks) and prints articles/s for each chunk of
// chunk of --chunk articles (default 10,000), as a ratio to a floor measured
// right after the chunk and relative to the first chunk's ratio.
//
//   build/tests/ingest_growth_benchmark [--articles=100000] [--chunk=10000]
//       [--generated] [--corpus=PATH] [--keep_db] [--parts=2000]
//
// Articles (real text, the default): article i is the paragraphs of article
// i mod 2,530 of ../shared/eval/corpus/news.jsonl (real news, read at run
// time, never copied into the repository) in a shuffled order, plus one
// paragraph of a random other article, dated 150 articles per day; order
// and borrowed paragraph come from a generator seeded with i, so every run
// ingests the same articles. Real news quotes the same people again and again,
// so this is the workload whose cost could grow with the database. Without the
// file the benchmark prints "skipped" and exits 0. --generated uses
// tests/bench/article_gen.h (ever-new invented names) instead.
//
// Each chunk is one stream; after it, the floor inserts the same chunk's
// article bytes with raw SQLite (one table kept for the whole run, WAL,
// synchronous=FULL, 256 rows per transaction = the pipeline's batch; no
// gRPC, no extraction), so every chunk's ratio pairs two measurements taken
// back to back on a machine whose load drifts. The target compares the last
// chunk's ratio with the first's.
//
// --parts=M also times, on one thread over the first M articles, the pure
// per-article work ingest adds before the store: the whole extraction
// (quotes, the learned speaker ranker, every quantity with its kind) and the
// story signature, as articles/s and as a share of one article's ingest
// time in this run.
#include <grpcpp/grpcpp.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "claimcheck/v1/claimcheck.grpc.pb.h"
#include "server/api/server.h"
#include "server/extract/extract.h"
#include "server/story/signature.h"
#include "tests/bench/article_gen.h"
#include "tests/bench/news_articles.h"

namespace {

namespace v1 = claimcheck::v1;
using Clock = std::chrono::steady_clock;

struct Flags {
  int articles = 100000;
  int chunk = 10000;
  bool generated = false;
  bool keep_db = false;
  int parts = 0;
  std::string corpus = claimcheck::bench::DefaultNewsCorpus();
};

// Article number `i`: generated, or real text (news_articles.h).
class ArticleSource {
 public:
  explicit ArticleSource(const Flags& flags)
      : generated_(flags.generated),
        gen_(/*seed=*/42),
        news_(generated_ ? std::string() : flags.corpus) {}

  bool ok() const { return generated_ || !news_.empty(); }
  size_t corpus_size() const { return news_.size(); }

  v1::IngestArticleRequest Request(uint64_t i) const {
    v1::IngestArticleRequest req;
    v1::ArticleInput* in = req.mutable_article();
    req.set_client_ref(absl::StrCat("growth-", i));
    if (generated_) {
      claimcheck::bench::GeneratedArticle a = gen_.Article(i);
      in->set_url(a.url);
      in->set_outlet(a.outlet);
      in->set_published_date(a.published_date);
      in->set_title(a.title);
      in->set_text(a.text);
      return req;
    }
    claimcheck::bench::NewsArticle a = news_.Article(i);
    in->set_url(std::move(a.url));
    in->set_outlet(std::move(a.outlet));
    in->set_title(std::move(a.title));
    in->set_published_date(std::move(a.published_date));
    in->set_text(std::move(a.text));
    return req;
  }

 private:
  bool generated_;
  claimcheck::bench::ArticleGenerator gen_;
  claimcheck::bench::NewsArticles news_;
};

// CPU seconds (user + system) of this whole process so far: the server,
// its extraction threads and the client side of the streams.
double ProcessCpuSeconds() {
  struct rusage u;
  getrusage(RUSAGE_SELF, &u);
  return u.ru_utime.tv_sec + u.ru_stime.tv_sec +
         (u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

double Since(Clock::time_point t0) {
  return std::chrono::duration<double>(Clock::now() - t0).count();
}

std::string TempDir() {
  std::string tmpl = "/tmp/claimcheck_growth_bench_XXXXXX";
  if (mkdtemp(tmpl.data()) == nullptr) {
    std::perror("mkdtemp");
    std::exit(1);
  }
  return tmpl;
}

int64_t FileSize(const std::string& path) {
  struct stat st;
  return stat(path.c_str(), &st) == 0 ? st.st_size : 0;
}

void RemoveDb(const std::string& dir, const std::string& name) {
  for (const char* suffix : {"", "-wal", "-shm"}) {
    unlink((dir + "/" + name + suffix).c_str());
  }
  rmdir(dir.c_str());
}

// Floor: the same article bytes appended to one raw SQLite table (kept open
// for the whole run, so it grows alongside the store).
class SqliteFloor {
 public:
  SqliteFloor() : dir_(TempDir()) {
    sqlite3_open((dir_ + "/floor.db").c_str(), &db_);
    sqlite3_exec(db_,
                 "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"
                 "CREATE TABLE t(id INTEGER PRIMARY KEY, url TEXT, outlet TEXT,"
                 " date TEXT, title TEXT, text TEXT)",
                 nullptr, nullptr, nullptr);
    sqlite3_prepare_v2(db_,
                       "INSERT INTO t(url, outlet, date, title, text)"
                       " VALUES (?1, ?2, ?3, ?4, ?5)",
                       -1, &ins_, nullptr);
  }
  ~SqliteFloor() {
    sqlite3_finalize(ins_);
    sqlite3_close(db_);
    RemoveDb(dir_, "floor.db");
  }
  // Inserts articles [begin, end), 256 per transaction; articles/s.
  double Insert(const ArticleSource& source, int begin, int end) {
    std::vector<v1::IngestArticleRequest> batch(256);
    double busy = 0;
    for (int i = begin; i < end; i += 256) {
      const int m = std::min(256, end - i);
      for (int j = 0; j < m; ++j) batch[j] = source.Request(i + j);
      const auto t0 = Clock::now();
      sqlite3_exec(db_, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr);
      for (int j = 0; j < m; ++j) {
        const v1::ArticleInput& a = batch[j].article();
        int k = 1;
        for (const std::string* s : {&a.url(), &a.outlet(), &a.published_date(),
                                     &a.title(), &a.text()}) {
          sqlite3_bind_text(ins_, k++, s->data(), s->size(), SQLITE_STATIC);
        }
        sqlite3_step(ins_);
        sqlite3_reset(ins_);
      }
      sqlite3_exec(db_, "COMMIT", nullptr, nullptr, nullptr);
      busy += Since(t0);
    }
    return (end - begin) / busy;
  }

 private:
  std::string dir_;
  sqlite3* db_ = nullptr;
  sqlite3_stmt* ins_ = nullptr;
};

// Streams articles [begin, end) on one IngestArticles stream and waits for
// every ack; returns the seconds taken and counts acks other than CREATED.
double StreamChunk(v1::ClaimCheck::Stub* stub, const ArticleSource& source,
                   int begin, int end, int* not_created) {
  grpc::ClientContext ctx;
  auto stream = stub->IngestArticles(&ctx);
  const auto t0 = Clock::now();
  std::thread writer([&] {
    for (int i = begin; i < end; ++i) {
      if (!stream->Write(source.Request(i))) break;
    }
    stream->WritesDone();
  });
  v1::IngestArticleResponse resp;
  int acks = 0;
  while (stream->Read(&resp)) {
    if (resp.outcome() != v1::INGEST_OUTCOME_CREATED) ++*not_created;
    ++acks;
  }
  const double seconds = Since(t0);
  writer.join();
  const grpc::Status status = stream->Finish();
  if (!status.ok() || acks != end - begin) {
    std::fprintf(stderr, "stream ended early: %d of %d acks (%s)\n", acks,
                 end - begin, status.error_message().c_str());
    std::exit(1);
  }
  return seconds;
}

// Per-article seconds of the pure work before the store, over `m` articles.
void TimeParts(const ArticleSource& source, int m, double ingest_s_each) {
  std::vector<v1::IngestArticleRequest> reqs;
  for (int i = 0; i < m; ++i) reqs.push_back(source.Request(i));
  size_t quotes = 0, quantities = 0;
  auto t0 = Clock::now();
  for (const auto& r : reqs) {
    claimcheck::extract::Extraction e =
        claimcheck::extract::ExtractUnchecked(r.article().text());
    quotes += e.quotes.size();
    quantities += e.quantities.size();
  }
  const double extract_s = Since(t0) / m;
  t0 = Clock::now();
  size_t buckets = 0;
  for (const auto& r : reqs) {
    buckets += claimcheck::story::ComputeSignature(r.article().title(),
                                                   r.article().text())
                   .buckets.size();
  }
  const double story_s = Since(t0) / m;
  std::printf(
      "\nparts over %d articles (%.1f quotes, %.1f quantities each), one "
      "thread:\n",
      m, static_cast<double>(quotes) / m, static_cast<double>(quantities) / m);
  std::printf("  %-44s %9.0f articles/s  %5.1f%% of ingest time/article\n",
              "extraction (rules + ranker + all quantities)", 1 / extract_s,
              100 * extract_s / ingest_s_each);
  std::printf("  %-44s %9.0f articles/s  %5.1f%% of ingest time/article\n",
              "story signature (shingles, MinHash buckets)", 1 / story_s,
              100 * story_s / ingest_s_each);
  (void)buckets;
}

Flags ParseFlags(int argc, char** argv) {
  Flags f;
  for (int i = 1; i < argc; ++i) {
    if (std::strncmp(argv[i], "--articles=", 11) == 0) {
      f.articles = std::atoi(argv[i] + 11);
    } else if (std::strncmp(argv[i], "--chunk=", 8) == 0) {
      f.chunk = std::atoi(argv[i] + 8);
    } else if (std::strncmp(argv[i], "--corpus=", 9) == 0) {
      f.corpus = argv[i] + 9;
    } else if (std::strncmp(argv[i], "--parts=", 8) == 0) {
      f.parts = std::atoi(argv[i] + 8);
    } else if (std::strcmp(argv[i], "--generated") == 0) {
      f.generated = true;
    } else if (std::strcmp(argv[i], "--keep_db") == 0) {
      f.keep_db = true;
    } else {
      std::fprintf(stderr, "unknown flag %s\n", argv[i]);
      std::exit(2);
    }
  }
  if (f.articles <= 0 || f.chunk <= 0) {
    std::fprintf(stderr, "--articles and --chunk must be positive\n");
    std::exit(2);
  }
  return f;
}

struct ConflictLag {
  int64_t pending_at_last_ack = 0;
  double seconds = 0;  // from the last ack until ListConflicts caught up
  bool caught_up = false;
};

// The conflicts' lag after the last chunk: the backlog, then the wait.
ConflictLag WaitForConflicts(v1::ClaimCheck::Stub* stub) {
  ConflictLag lag;
  v1::ListConflictsRequest req;
  req.set_page_size(1);
  v1::ListConflictsResponse resp;
  {
    grpc::ClientContext ctx;
    if (stub->ListConflicts(&ctx, req, &resp).ok()) {
      lag.pending_at_last_ack = resp.pending_groups();
    }
  }
  const auto t0 = std::chrono::steady_clock::now();
  grpc::ClientContext ctx;
  ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::minutes(30));
  req.set_wait_for_ingested(true);
  lag.caught_up =
      stub->ListConflicts(&ctx, req, &resp).ok() && resp.pending_groups() == 0;
  lag.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - t0)
          .count();
  return lag;
}

}  // namespace

int main(int argc, char** argv) {
  const Flags flags = ParseFlags(argc, argv);
  const ArticleSource source(flags);
  if (!source.ok()) {
    std::printf("skipped: no corpus at %s\n", flags.corpus.c_str());
    return 0;
  }
  std::printf(
      "articles: %d, %s\n", flags.articles,
      flags.generated
          ? "generated (article_gen.h, seed 42)"
          : absl::StrCat("real text: shuffled paragraphs of ",
                         source.corpus_size(), " articles of ", flags.corpus)
                .c_str());
  const std::string dir = TempDir();
  claimcheck::api::Server server;
  claimcheck::api::Server::Options opts;
  opts.listen = "127.0.0.1:0";
  opts.db_path = dir + "/growth.db";
  opts.service.log_calls = false;
  if (absl::Status s = server.BuildAndStart(opts); !s.ok()) {
    std::fprintf(stderr, "server: %s\n", s.ToString().c_str());
    return 1;
  }
  grpc::ChannelArguments args;
  args.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);
  auto stub = v1::ClaimCheck::NewStub(
      grpc::CreateCustomChannel(absl::StrCat("127.0.0.1:", server.bound_port()),
                                grpc::InsecureChannelCredentials(), args));
  SqliteFloor floor;
  std::printf(
      "floor = raw SQLite insert of the same chunk's article bytes (WAL,\n"
      "synchronous=FULL, 256/txn, one table that grows with the run), "
      "measured right after each chunk\n");
  std::printf("%-16s %12s %12s %12s %12s %12s %12s\n", "articles", "articles/s",
              "floor/s", "vs floor", "vs first", "cpu ms/art", "cpu vs first");
  int not_created = 0;
  double first = 0, last = 0, total_s = 0, total_floor_s = 0;
  double first_cpu = 0, last_cpu = 0;
  for (int begin = 0; begin < flags.articles; begin += flags.chunk) {
    const int end = std::min(flags.articles, begin + flags.chunk);
    const double cpu0 = ProcessCpuSeconds();
    const double secs =
        StreamChunk(stub.get(), source, begin, end, &not_created);
    // Process CPU per article: what an article costs, whatever else the
    // machine runs (the floor, fsync-bound, swings with the machine's I/O).
    const double cpu_ms = 1000 * (ProcessCpuSeconds() - cpu0) / (end - begin);
    const double floor_rate = floor.Insert(source, begin, end);
    const double ratio = (end - begin) / secs / floor_rate;
    if (begin == 0) first = ratio, first_cpu = cpu_ms;
    last = ratio;
    last_cpu = cpu_ms;
    total_s += secs;
    total_floor_s += (end - begin) / floor_rate;
    std::printf("%7d-%-8d %12.0f %12.0f %12.4f %12.3f %12.2f %12.3f\n", begin,
                end, (end - begin) / secs, floor_rate, ratio, ratio / first,
                cpu_ms, first_cpu / cpu_ms);
    std::fflush(stdout);
  }
  const ConflictLag lag = WaitForConflicts(stub.get());
  server.Shutdown(absl::Seconds(10));
  const int64_t disk = FileSize(opts.db_path) + FileSize(opts.db_path + "-wal");
  std::printf("%-16s %12.0f %12.0f %12.4f\n", "whole run",
              flags.articles / total_s, flags.articles / total_floor_s,
              total_floor_s / total_s);
  std::printf(
      "kept conflicts (they trail the acks): %lld groups pending at the last "
      "ack, caught up %.1f s later%s; whole run until caught up %.0f "
      "articles/s\n",
      static_cast<long long>(lag.pending_at_last_ack), lag.seconds,
      lag.caught_up ? "" : " (NOT caught up)",
      flags.articles / (total_s + lag.seconds));
  std::printf("not CREATED: %d; disk %.0f B/article\n", not_created,
              static_cast<double>(disk) / flags.articles);
  std::printf(
      "target: last chunk within 20%% of the first (ratios to the floor): "
      "%.3f -> %s\n",
      last / first, last >= 0.8 * first ? "MET" : "NOT MET");
  std::printf(
      "CPU per article, first chunk / last chunk (1 = flat; not the target's "
      "measure): %.3f\n",
      first_cpu / last_cpu);
  const double overall = flags.articles / total_s;
  if (flags.parts > 0) TimeParts(source, flags.parts, 1 / overall);
  if (!flags.keep_db) {
    RemoveDb(dir, "growth.db");
  } else {
    std::printf("kept %s\n", opts.db_path.c_str());
  }
  return 0;
}
