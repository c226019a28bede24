#include "server/api/admission.h"

#include <algorithm>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace claimcheck::api {

absl::string_view MethodClassName(MethodClass c) {
  switch (c) {
    case MethodClass::kLight:
      return "light";
    case MethodClass::kHeavy:
      return "heavy";
    case MethodClass::kIngest:
      return "ingest";
  }
  return "unknown";
}

Executor::Executor(int threads) {
  for (int i = 0; i < std::max(1, threads); ++i) {
    threads_.emplace_back([this] { Loop(); });
  }
}

Executor::~Executor() {
  {
    absl::MutexLock lock(&mu_);
    stop_ = true;
  }
  for (std::thread& t : threads_) t.join();
}

void Executor::Submit(std::function<void()> task) {
  absl::MutexLock lock(&mu_);
  tasks_.push_back(std::move(task));
}

void Executor::Loop() {
  while (true) {
    std::function<void()> task;
    {
      absl::MutexLock lock(&mu_);
      mu_.Await(absl::Condition(
          +[](Executor* e) ABSL_EXCLUSIVE_LOCKS_REQUIRED(e->mu_) {
            return e->stop_ || !e->tasks_.empty();
          },
          this));
      if (tasks_.empty()) return;  // stopping, nothing left
      task = std::move(tasks_.front());
      tasks_.pop_front();
    }
    task();
  }
}

Admission::Ticket& Admission::Ticket::operator=(Ticket&& o) noexcept {
  if (this != &o) {
    Release();
    count_ = o.count_;
    o.count_ = nullptr;
  }
  return *this;
}

void Admission::Ticket::Release() {
  if (count_ != nullptr) count_->fetch_sub(1);
  count_ = nullptr;
}

Admission::Admission(const Options& options)
    : limits_{options.max_light, options.max_heavy, options.max_ingest} {
  const int cores =
      std::max(2, static_cast<int>(std::thread::hardware_concurrency()));
  const int threads[kMethodClasses] = {
      options.light_threads > 0 ? options.light_threads : cores,
      options.heavy_threads > 0 ? options.heavy_threads : cores,
      options.ingest_threads > 0 ? options.ingest_threads : cores};
  for (int c = 0; c < kMethodClasses; ++c) {
    in_flight_[c].store(0);
    executors_[c] = std::make_unique<Executor>(threads[c]);
  }
}

absl::StatusOr<Admission::Ticket> Admission::Admit(MethodClass c) {
  const int i = static_cast<int>(c);
  if (in_flight_[i].fetch_add(1) >= limits_[i]) {
    in_flight_[i].fetch_sub(1);
    return absl::ResourceExhaustedError(
        absl::StrCat("server busy: ", limits_[i], " ", MethodClassName(c),
                     " calls already in flight; retry with backoff"));
  }
  return Ticket(&in_flight_[i]);
}

}  // namespace claimcheck::api
