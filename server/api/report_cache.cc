#include "server/api/report_cache.h"

#include <utility>

namespace claimcheck::api {

std::shared_ptr<const QuantityReportCache::Report> QuantityReportCache::Lookup(
    absl::string_view key, uint64_t generation) const {
  absl::MutexLock lock(&mu_);
  if (generation != generation_) return nullptr;
  auto it = entries_.find(key);
  return it == entries_.end() ? nullptr : it->second.report;
}

void QuantityReportCache::Insert(absl::string_view key, uint64_t generation,
                                 const Report& report) {
  const size_t bytes = report.ByteSizeLong() + key.size();
  if (bytes > max_bytes_) return;
  auto copy = std::make_shared<const Report>(report);  // outside the lock
  absl::MutexLock lock(&mu_);
  if (generation < generation_) return;
  if (generation > generation_) {
    entries_.clear();
    order_.clear();
    bytes_ = 0;
    generation_ = generation;
  }
  if (entries_.contains(key)) return;  // another call computed it too
  while (bytes_ + bytes > max_bytes_ && !order_.empty()) EvictOldestLocked();
  entries_.emplace(std::string(key), Entry{std::move(copy), bytes});
  order_.emplace_back(key);
  bytes_ += bytes;
}

void QuantityReportCache::EvictOldestLocked() {
  auto it = entries_.find(order_.front());
  bytes_ -= it->second.bytes;
  entries_.erase(it);
  order_.pop_front();
}

}  // namespace claimcheck::api
