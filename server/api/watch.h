// The Watch stream: durable events (new occurrences of registered quotes,
// new conflicts) sent to clients as articles arrive.
//
// Events live in the store's log (Store::ReadEvents), numbered by seq. Each
// stream keeps only a cursor and at most one page of events, read from the
// store when the previous page is written, so a slow client costs a bounded
// amount of memory; the store's event listener wakes idle streams after each
// commit that appended events. WatchHub is thread-safe.
#ifndef CLAIMCHECK_SERVER_API_WATCH_H_
#define CLAIMCHECK_SERVER_API_WATCH_H_

#include <functional>
#include <string>

#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "absl/synchronization/mutex.h"
#include "claimcheck/v1/claimcheck.grpc.pb.h"
#include "server/api/limits.h"
#include "server/store/store.h"

namespace claimcheck::api {

class WatchStream;

// Events sent per store read; the most a stream holds in memory.
inline constexpr int kWatchPage = 64;

// The live Watch streams of one service.
class WatchHub {
 public:
  // Streams are checked against `limits` (max_watch_streams, max_watch_ids).
  WatchHub(store::Store* store, const Limits& limits);

  // Opens a stream for `req` on `ctx` (validated here: INVALID_ARGUMENT,
  // RESOURCE_EXHAUSTED at the stream limit, UNAVAILABLE while draining).
  // `finished` is called once, when the stream is done, with its status.
  grpc::ServerWriteReactor<v1::WatchEvent>* Open(
      grpc::CallbackServerContext* ctx, const v1::WatchRequest* req,
      std::function<void(const grpc::Status&)> finished);

  // Wakes every idle stream (new events were committed).
  void Notify();
  // Ends every stream with UNAVAILABLE and refuses new ones (SIGTERM
  // drain: clients reconnect elsewhere and resume from their cursor).
  void Shutdown();

 private:
  friend class WatchStream;
  void Remove(WatchStream* stream);

  store::Store* const store_;
  const Limits limits_;
  absl::Mutex mu_;
  absl::flat_hash_set<WatchStream*> streams_ ABSL_GUARDED_BY(mu_);
  bool shutting_down_ ABSL_GUARDED_BY(mu_) = false;
};

// The store's WatchMatcher: VerifyQuote of each registration against a new
// quote (verify::JudgeOccurrence).
store::WatchMatcher MakeWatchMatcher();

// Records a conflict found outside an ingest (e.g. between two stories'
// sources) as a WATCH_EVENT_KIND_CONFLICT event in its own transaction; a
// Watch stream then sends it. `occurrence` is the newer side.
absl::Status RecordConflictEvent(store::Store* store,
                                 const store::QuoteRecord& occurrence,
                                 absl::string_view summary);

}  // namespace claimcheck::api

#endif  // CLAIMCHECK_SERVER_API_WATCH_H_
