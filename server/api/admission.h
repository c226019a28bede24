// Admission control and the executors slow handlers run on.
//
// gRPC's callback threads (about one per core) must stay free: they serve
// health checks and accept new calls. So every handler only parses and
// admits on the callback thread, then runs on an Executor of its method
// class. Each class has a bound on the calls it holds (queued plus
// running); a call beyond it is refused at once with RESOURCE_EXHAUSTED,
// so queues never grow without bound and an overloaded server says so.
//
//   Admission admission(Admission::Options{});
//   absl::StatusOr<Admission::Ticket> t = admission.Admit(MethodClass::kHeavy);
//   if (!t.ok()) return t.status();        // RESOURCE_EXHAUSTED
//   admission.executor(MethodClass::kHeavy).Submit([t = ...] { ... });
//
// Thread-safe. Destroying an Executor runs the tasks already queued, then
// joins its threads.
#ifndef CLAIMCHECK_SERVER_API_ADMISSION_H_
#define CLAIMCHECK_SERVER_API_ADMISSION_H_

#include <atomic>
#include <deque>
#include <functional>
#include <memory>
#include <thread>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"

namespace claimcheck::api {

// How costly a method is; each class has its own bound and executor.
enum class MethodClass {
  kLight = 0,   // point reads and paged listings (bounded SQL)
  kHeavy = 1,   // extraction, scoring, consistency reports
  kIngest = 2,  // article ingest (extraction, then the commit queue)
};
inline constexpr int kMethodClasses = 3;

absl::string_view MethodClassName(MethodClass c);

// A fixed pool of threads running tasks in submission order.
class Executor {
 public:
  explicit Executor(int threads);
  ~Executor();
  Executor(const Executor&) = delete;
  Executor& operator=(const Executor&) = delete;

  void Submit(std::function<void()> task) ABSL_LOCKS_EXCLUDED(mu_);

 private:
  void Loop() ABSL_LOCKS_EXCLUDED(mu_);

  absl::Mutex mu_;
  std::deque<std::function<void()>> tasks_ ABSL_GUARDED_BY(mu_);
  bool stop_ ABSL_GUARDED_BY(mu_) = false;
  std::vector<std::thread> threads_;
};

class Admission {
 public:
  struct Options {
    // Calls each class may hold (queued + running); 0 refuses all.
    int max_light = 256;
    int max_heavy = 32;
    int max_ingest = 64;
    // Threads per class; 0: the number of cores (at least 2).
    int light_threads = 0;
    int heavy_threads = 0;
    int ingest_threads = 0;
  };

  // Holds one admitted call's place until destroyed.
  class Ticket {
   public:
    Ticket() = default;
    explicit Ticket(std::atomic<int>* count) : count_(count) {}
    Ticket(Ticket&& o) noexcept : count_(o.count_) { o.count_ = nullptr; }
    Ticket& operator=(Ticket&& o) noexcept;
    Ticket(const Ticket&) = delete;
    Ticket& operator=(const Ticket&) = delete;
    ~Ticket() { Release(); }
    void Release();

   private:
    std::atomic<int>* count_ = nullptr;
  };

  explicit Admission(const Options& options);

  // A ticket, or RESOURCE_EXHAUSTED naming the class and its bound.
  absl::StatusOr<Ticket> Admit(MethodClass c);

  Executor& executor(MethodClass c) { return *executors_[static_cast<int>(c)]; }

  // Calls of the class admitted and not yet released.
  int in_flight(MethodClass c) const {
    return in_flight_[static_cast<int>(c)].load();
  }

 private:
  int limits_[kMethodClasses];
  std::atomic<int> in_flight_[kMethodClasses];
  std::unique_ptr<Executor> executors_[kMethodClasses];
};

}  // namespace claimcheck::api

#endif  // CLAIMCHECK_SERVER_API_ADMISSION_H_
