// Group commit for ingest: many callers submit articles, one thread writes
// whatever has queued up in a single durable transaction, then calls each
// caller back. Under load this batches writes (one fsync for many articles);
// when idle a lone article is written at once. If a batch fails, its
// articles are retried one by one so only the culprit gets the error.
//
// Thread-safe. Callbacks run on the pipeline's thread, in submission order,
// only after the article is durable (or the write failed); they must not
// block. The Store must outlive the pipeline. The destructor drains the
// queue (every submitted item gets its callback) before returning.
#ifndef CLAIMCHECK_SERVER_API_INGEST_PIPELINE_H_
#define CLAIMCHECK_SERVER_API_INGEST_PIPELINE_H_

#include <deque>
#include <functional>
#include <memory>
#include <thread>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "server/extract/types.h"
#include "server/store/prepared_article.h"
#include "server/store/store.h"

namespace claimcheck::api {

class IngestPipeline {
 public:
  using Callback = std::function<void(absl::StatusOr<store::PutResult>)>;

  // `max_batch`: most articles per transaction.
  IngestPipeline(store::Store* store, int max_batch);
  ~IngestPipeline();
  IngestPipeline(const IngestPipeline&) = delete;
  IngestPipeline& operator=(const IngestPipeline&) = delete;

  // Queues one article. `done` is called exactly once. The article's hashes,
  // ids and normalised quote text (store::PrepareArticle) are computed here,
  // on the caller's thread, so the writer thread only writes.
  void Submit(store::ArticleInput input, extract::Extraction extraction,
              Callback done);

 private:
  struct Item {
    store::ArticleInput input;
    extract::Extraction extraction;
    store::PreparedArticle prepared;
    Callback done;
  };
  void Run();

  store::Store* const store_;
  const int max_batch_;
  absl::Mutex mu_;
  std::deque<Item> queue_ ABSL_GUARDED_BY(mu_);
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  std::thread thread_;
};

}  // namespace claimcheck::api

#endif  // CLAIMCHECK_SERVER_API_INGEST_PIPELINE_H_
