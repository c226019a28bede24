// Test support: runs a real `claimcheckd` process on a loopback port chosen
// by the kernel (--listen=127.0.0.1:0), with its own database file, and
// reads the port back from its start-up line on stderr.
#ifndef CLAIMCHECK_TESTS_E2E_SERVER_PROCESS_H_
#define CLAIMCHECK_TESTS_E2E_SERVER_PROCESS_H_

#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"

namespace claimcheck::testing {

// A fresh empty directory under `parent`; empty on failure.
inline std::string MakeTempDirIn(const std::string& parent) {
  std::string tmpl = parent + "/claimcheck_XXXXXX";
  if (mkdtemp(tmpl.data()) == nullptr) return "";
  return tmpl;
}

// A fresh empty directory under the test's temp dir.
inline std::string MakeTempDir() { return MakeTempDirIn(::testing::TempDir()); }

class ServerProcess {
 public:
  ServerProcess() = default;
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;
  ~ServerProcess() { Kill(); }

  // Starts claimcheckd with --db=`db_path` plus `extra_args`; waits up to
  // 30 s for "serving on port N". Returns false (with `error()`) on failure.
  bool Start(const std::string& db_path,
             const std::vector<std::string>& extra_args = {},
             const std::vector<std::string>& env = {}) {
    int fds[2];
    if (pipe(fds) != 0) return Fail("pipe failed");
    pid_ = fork();
    if (pid_ < 0) return Fail("fork failed");
    if (pid_ == 0) {
      dup2(fds[1], 2);
      close(fds[0]);
      close(fds[1]);
      for (const std::string& e : env) putenv(const_cast<char*>(e.c_str()));
      std::vector<std::string> args = {CLAIMCHECK_BINARY_DIR "/claimcheckd",
                                       "--listen=127.0.0.1:0",
                                       "--db=" + db_path, "--log_calls=false"};
      args.insert(args.end(), extra_args.begin(), extra_args.end());
      std::vector<char*> argv;
      for (std::string& a : args) argv.push_back(a.data());
      argv.push_back(nullptr);
      execv(argv[0], argv.data());
      _exit(127);
    }
    close(fds[1]);
    stderr_fd_ = fds[0];
    const absl::Time deadline = absl::Now() + absl::Seconds(30);
    std::string buf;
    char chunk[4096];
    while (absl::Now() < deadline) {
      const ssize_t n = read(stderr_fd_, chunk, sizeof chunk);
      if (n <= 0) break;
      buf.append(chunk, n);
      const size_t at = buf.find("serving on port ");
      if (at != std::string::npos) {
        const size_t end = buf.find(',', at);
        if (end != std::string::npos &&
            absl::SimpleAtoi(buf.substr(at + 16, end - at - 16), &port_)) {
          startup_log_ = buf;
          // Keep draining stderr so the server never blocks on a full pipe.
          drain_ = std::thread([fd = stderr_fd_] {
            char c[4096];
            while (read(fd, c, sizeof c) > 0) {
            }
          });
          return true;
        }
      }
    }
    startup_log_ = buf;
    Kill();
    return Fail("claimcheckd did not start: " + buf);
  }

  int port() const { return port_; }
  std::string target() const { return absl::StrCat("127.0.0.1:", port_); }
  const std::string& error() const { return error_; }
  const std::string& startup_log() const { return startup_log_; }

  // SIGTERM, then wait. Returns the exit status (-1 if not running).
  int Stop() { return Signal(SIGTERM); }
  // SIGKILL, then wait: a crash, nothing flushed or closed.
  int Kill() { return Signal(SIGKILL); }

 private:
  bool Fail(std::string msg) {
    error_ = std::move(msg);
    return false;
  }
  int Signal(int sig) {
    if (pid_ <= 0) return -1;
    kill(pid_, sig);
    int status = 0;
    waitpid(pid_, &status, 0);
    pid_ = -1;
    if (drain_.joinable()) drain_.join();
    if (stderr_fd_ >= 0) close(stderr_fd_);
    stderr_fd_ = -1;
    return status;
  }

  pid_t pid_ = -1;
  int stderr_fd_ = -1;
  int port_ = 0;
  std::thread drain_;
  std::string error_;
  std::string startup_log_;
};

}  // namespace claimcheck::testing

#endif  // CLAIMCHECK_TESTS_E2E_SERVER_PROCESS_H_
