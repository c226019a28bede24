// The `claimcheck` CLI as a user meets it (issues 12 and 15): per-command
// help, unknown flags and commands, a bad --server, plain words for an
// unreachable server, ingest of a text file with a paragraph for a first
// line, exit 5 for a rejected article, and client certificates against a
// real mTLS claimcheckd. Every server is a real claimcheckd on port 0.
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "gmock/gmock.h"
#include "google/protobuf/struct.pb.h"
#include "google/protobuf/util/json_util.h"
#include "gtest/gtest.h"
#include "tests/e2e/server_process.h"

namespace claimcheck {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

struct CliResult {
  int code = -1;
  std::string out;
  std::string err;
};

std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

void WriteFile(const std::string& path, const std::string& content) {
  std::ofstream(path, std::ios::binary) << content;
}

// Runs `command` through the shell; stdout and stderr apart.
CliResult RunShell(const std::string& command) {
  // One file per call: ctest runs this binary's tests in parallel.
  std::string err_path = ::testing::TempDir() + "/cli_e2e_stderr_XXXXXX";
  const int fd = mkstemp(err_path.data());
  if (fd >= 0) close(fd);
  const std::string cmd = absl::StrCat("(", command, ") 2>", err_path);
  CliResult result;
  FILE* p = popen(cmd.c_str(), "r");
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) result.out.append(buf, n);
  const int status = pclose(p);
  result.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  result.err = ReadAll(err_path);
  unlink(err_path.c_str());
  return result;
}

// Runs `claimcheck ARGS`.
CliResult RunCli(const std::string& args) {
  return RunShell(absl::StrCat(CLAIMCHECK_BINARY_DIR "/claimcheck ", args));
}

// The lines of `text` that end with a space or a tab.
std::vector<std::string> TrailingSpaceLines(const std::string& text) {
  std::vector<std::string> bad;
  for (absl::string_view line : absl::StrSplit(text, '\n')) {
    if (!line.empty() && (line.back() == ' ' || line.back() == '\t')) {
      bad.emplace_back(line);
    }
  }
  return bad;
}

TEST(CliHelpTest, EachCommandHasItsOwnHelp) {
  for (const char* args :
       {"who-said --help", "help who-said", "--help who-said", "who-said -h"}) {
    SCOPED_TRACE(args);
    const CliResult r = RunCli(args);
    EXPECT_EQ(r.code, 0);
    EXPECT_THAT(r.out, HasSubstr("usage: claimcheck who-said \"<text>\""));
    EXPECT_THAT(r.out, HasSubstr("--min-score=S"));
    EXPECT_THAT(r.out, HasSubstr("who-said: minimum score"));
    EXPECT_THAT(r.out, Not(HasSubstr("Commands:")));  // not the global help
  }
  const CliResult global = RunCli("--help");
  EXPECT_EQ(global.code, 0);
  EXPECT_THAT(global.out, HasSubstr("Commands:"));
}

TEST(CliHelpTest, HelpForAnUnknownCommandIsAnError) {
  const CliResult r = RunCli("bogus --help");
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(r.out, "");
  EXPECT_THAT(r.err, HasSubstr("unknown command 'bogus'"));
}

TEST(CliHelpTest, NoLineEndsWithASpace) {
  std::vector<std::string> texts = {
      RunCli("--help").out, RunCli("stats extra").err, RunCli("watches x").err};
  for (const char* command : {"ingest", "who-said", "verify", "stats",
                              "watches", "consistency", "export"}) {
    texts.push_back(RunCli(absl::StrCat(command, " --help")).out);
  }
  for (const std::string& text : texts) {
    EXPECT_THAT(TrailingSpaceLines(text), ::testing::IsEmpty()) << text;
  }
}

TEST(CliErrorsTest, UnknownFlagGetsAHint) {
  CliResult r = RunCli("stats --jsno");
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(r.err, HasSubstr("unknown flag --jsno (did you mean --json?)"));
  r = RunCli("who-said x --min-scor=0.5");
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(r.err, HasSubstr("did you mean --min-score?"));
  r = RunCli("stats --zzzzzzzzzz");
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(r.err, HasSubstr("unknown flag --zzzzzzzzzz\n"));
}

TEST(CliErrorsTest, ServerAddressIsCheckedInPlainWords) {
  CliResult r = RunCli("--server=garbage stats");
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(r.err, HasSubstr("--server=garbage: no port; want HOST:PORT"));
  EXPECT_THAT(r.err, Not(HasSubstr("ares")));
  r = RunCli("--server=localhost:99999 stats");
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(r.err, HasSubstr("the port is not a number from 1 to 65535"));
  r = RunCli("--server=127.0.0.1:1 --deadline=5s stats");
  EXPECT_EQ(r.code, 6);
  EXPECT_THAT(r.err, HasSubstr("nothing answers at 127.0.0.1:1"));
  r = RunCli("--server=nosuchhost.invalid:50051 --deadline=5s stats");
  EXPECT_EQ(r.code, 6);
  EXPECT_THAT(r.err, HasSubstr("cannot resolve host 'nosuchhost.invalid'"));
  EXPECT_THAT(r.err, Not(HasSubstr("ares")));
}

class CliServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = testing::MakeTempDir();
    ASSERT_TRUE(server_.Start(dir_ + "/db")) << server_.error();
  }
  std::string Server() const { return "--server=" + server_.target(); }

  std::string dir_;
  testing::ServerProcess server_;
};

// Issue 12: a 4,799-byte first line was taken as the title, which the
// server refused, and the CLI exited 7 where its usage promises 5.
TEST_F(CliServerTest, IngestTextWithAParagraphForAFirstLine) {
  std::string paragraph = "\"We will rebuild the bridge,\" said Ana Diaz.";
  while (paragraph.size() < 4799) paragraph += " The council met again.";
  paragraph.resize(4799);
  const std::string path = dir_ + "/long.txt";
  WriteFile(path, paragraph + "\nThe end.\n");
  CliResult r = RunCli(absl::StrCat(Server(), " ingest ", path));
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("created 1"));
  r = RunCli(
      absl::StrCat(Server(), " who-said \"We will rebuild the bridge\""));
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("Ana Diaz"));
}

TEST_F(CliServerTest, RejectedArticleExitsFive) {
  const std::string path = dir_ + "/huge.txt";
  WriteFile(path, "Title\n" + std::string(2 * 1024 * 1024 + 100, 'a'));
  const CliResult r = RunCli(absl::StrCat(Server(), " ingest ", path));
  EXPECT_EQ(r.code, 5) << r.err;
  EXPECT_THAT(r.err, HasSubstr("RESOURCE_EXHAUSTED"));
}

// Issue 15: the whole index as JSON Lines, every article's quotes and claims
// and every speaker, paged over the existing RPCs.
TEST(CliExportTest, ExportsEveryQuoteSpeakerAndClaim) {
  const std::string dir = testing::MakeTempDir();
  testing::ServerProcess server;
  ASSERT_TRUE(
      server.Start(dir + "/db", {"--preload=" CLAIMCHECK_SOURCE_DIR
                                 "/tests/testdata/sample_articles.jsonl"}))
      << server.error();
  const std::string flags = "--server=" + server.target();
  const CliResult stats = RunCli(flags + " --json stats");
  ASSERT_EQ(stats.code, 0) << stats.err;
  google::protobuf::Struct counts;
  ASSERT_TRUE(
      google::protobuf::util::JsonStringToMessage(stats.out, &counts).ok());
  const CliResult r = RunCli(flags + " export");
  ASSERT_EQ(r.code, 0) << r.err;
  std::map<std::string, int> lines;
  int occurrences = 0;
  for (absl::string_view line : absl::StrSplit(r.out, '\n')) {
    if (line.empty()) continue;
    google::protobuf::Struct object;
    ASSERT_TRUE(
        google::protobuf::util::JsonStringToMessage(std::string(line), &object)
            .ok())
        << line;
    const std::string type = object.fields().at("type").string_value();
    ++lines[type];
    if (type == "quote") {
      occurrences += object.fields().at("numOccurrences").number_value();
    }
  }
  const auto count = [&](const char* key) {
    return std::stoi(counts.fields().at(key).string_value());
  };
  EXPECT_EQ(occurrences, count("quotes"));
  EXPECT_EQ(lines["claim"], count("claims"));
  EXPECT_EQ(lines["speaker"], count("speakers"));
  EXPECT_GT(lines["quote"], 0);
  EXPECT_THAT(r.err, HasSubstr(absl::StrCat("exported ", count("articles"),
                                            " articles")));
  // On a terminal (script(1) gives it one), a progress bar on stderr.
  const CliResult tty = RunShell(
      absl::StrCat("script -qec '", CLAIMCHECK_BINARY_DIR, "/claimcheck ",
                   flags, " export >/dev/null' /dev/null"));
  EXPECT_THAT(tty.out, HasSubstr(absl::StrCat("] ", count("articles"), "/",
                                              count("articles"), " articles")));
  EXPECT_THAT(tty.out, HasSubstr("[###"));
  EXPECT_THAT(r.err, Not(HasSubstr("[###")));  // not when stderr is a file
  EXPECT_THAT(r.out, HasSubstr("\"quotation\":\"There is a long way to go to "
                               "build trust,\""));
}

// Issue 12 point 8: client certificates for an mTLS server.
class CliMtlsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = testing::MakeTempDir();
    ASSERT_EQ(std::system(absl::StrCat("cd ", dir_, " && (", kMakeCerts,
                                       ") >openssl.log 2>&1")
                              .c_str()),
              0)
        << ReadAll(dir_ + "/openssl.log");
    ASSERT_TRUE(
        server_.Start(dir_ + "/db", {"--tls_cert=" + dir_ + "/server.pem",
                                     "--tls_key=" + dir_ + "/server.key",
                                     "--tls_client_ca=" + dir_ + "/ca.pem"}))
        << server_.error();
  }
  std::string Flags(bool with_client_cert) const {
    std::string flags = absl::StrCat("--server=localhost:", server_.port(),
                                     " --tls-ca=", dir_, "/ca.pem");
    if (with_client_cert) {
      absl::StrAppend(&flags, " --tls-cert=", dir_,
                      "/client.pem --tls-key=", dir_, "/client.key");
    }
    return flags;
  }

  // A CA, a server certificate for localhost and a client certificate,
  // both signed by the CA.
  static constexpr const char* kMakeCerts =
      "openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=test-ca "
      "-keyout ca.key -out ca.pem && "
      "openssl req -newkey rsa:2048 -nodes -subj /CN=localhost "
      "-keyout server.key -out server.csr && "
      "printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\\n' > san.ext && "
      "openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key "
      "-CAcreateserial -days 2 -extfile san.ext -out server.pem && "
      "openssl req -newkey rsa:2048 -nodes -subj /CN=newsroom-client "
      "-keyout client.key -out client.csr && "
      "openssl x509 -req -in client.csr -CA ca.pem -CAkey ca.key "
      "-CAcreateserial -days 2 -out client.pem";

  std::string dir_;
  testing::ServerProcess server_;
};

TEST_F(CliMtlsTest, ClientCertificateIsAcceptedAndRequired) {
  CliResult r = RunCli(Flags(true) + " stats");
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("articles:"));
  r = RunCli(Flags(false) + " --deadline=5s stats");
  EXPECT_EQ(r.code, 6) << r.out << r.err;  // the handshake fails
  r = RunCli(
      absl::StrCat(Flags(false), " --tls-cert=", dir_, "/client.pem stats"));
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(r.err, HasSubstr("needs both --tls_cert and --tls_key"));
  r = RunCli(absl::StrCat(Flags(false), " --tls-cert=", dir_,
                          "/nope.pem --tls-key=", dir_, "/client.key stats"));
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(r.err, HasSubstr("cannot read " + dir_ + "/nope.pem"));
}

}  // namespace
}  // namespace claimcheck
