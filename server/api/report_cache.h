// Finished reports kept between calls, keyed by their request and stamped
// with the store's DataGeneration() read before they were computed: an entry
// is returned only while the store is still at that generation, so a cached
// report is always the one a fresh computation would give. Any committed
// write makes every entry stale (they are dropped at the next Insert).
//
// Bounded: at most `max_bytes` of reports (their ByteSizeLong); the oldest
// entries are evicted first. A report larger than the bound is not kept.
//
// Thread-safe. Entries are shared, immutable: Lookup hands out a pointer
// that stays valid after eviction.
#ifndef CLAIMCHECK_SERVER_API_REPORT_CACHE_H_
#define CLAIMCHECK_SERVER_API_REPORT_CACHE_H_

#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <string>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "claimcheck/v1/claimcheck.pb.h"

namespace claimcheck::api {

class QuantityReportCache {
 public:
  using Report = v1::QuantityConsistencyReport;

  // max_bytes 0: nothing is kept.
  explicit QuantityReportCache(size_t max_bytes) : max_bytes_(max_bytes) {}

  // The report stored for `key` at `generation`; null when there is none.
  std::shared_ptr<const Report> Lookup(absl::string_view key,
                                       uint64_t generation) const;

  // Keeps `report` for `key`, computed from the store at `generation`.
  // Entries of older generations are dropped first; a report of an older
  // generation than the entries held is not kept.
  void Insert(absl::string_view key, uint64_t generation, const Report& report);

 private:
  struct Entry {
    std::shared_ptr<const Report> report;
    size_t bytes = 0;
  };
  void EvictOldestLocked() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);

  const size_t max_bytes_;
  mutable absl::Mutex mu_;
  uint64_t generation_ ABSL_GUARDED_BY(mu_) = 0;  // of every entry
  size_t bytes_ ABSL_GUARDED_BY(mu_) = 0;
  absl::flat_hash_map<std::string, Entry> entries_ ABSL_GUARDED_BY(mu_);
  std::deque<std::string> order_ ABSL_GUARDED_BY(mu_);  // oldest first
};

}  // namespace claimcheck::api

#endif  // CLAIMCHECK_SERVER_API_REPORT_CACHE_H_
