#include "server/api/ingest_pipeline.h"

#include <utility>
#include <vector>

namespace claimcheck::api {

IngestPipeline::IngestPipeline(store::Store* store, int max_batch)
    : store_(store), max_batch_(max_batch > 0 ? max_batch : 1) {
  thread_ = std::thread([this] { Run(); });
}

IngestPipeline::~IngestPipeline() {
  {
    absl::MutexLock lock(&mu_);
    stopping_ = true;
  }
  thread_.join();
}

void IngestPipeline::Submit(store::ArticleInput input,
                            extract::Extraction extraction, Callback done) {
  store::PreparedArticle prepared = store::PrepareArticle(input, extraction);
  absl::MutexLock lock(&mu_);
  queue_.push_back(Item{std::move(input), std::move(extraction),
                        std::move(prepared), std::move(done)});
}

void IngestPipeline::Run() {
  std::vector<Item> batch;
  std::vector<store::PutRequest> requests;
  for (;;) {
    batch.clear();
    {
      absl::MutexLock lock(&mu_);
      mu_.Await(absl::Condition(
          +[](IngestPipeline* p) ABSL_SHARED_LOCKS_REQUIRED(p->mu_) {
            return p->stopping_ || !p->queue_.empty();
          },
          this));
      if (queue_.empty()) return;  // stopping and drained
      while (!queue_.empty() && static_cast<int>(batch.size()) < max_batch_) {
        batch.push_back(std::move(queue_.front()));
        queue_.pop_front();
      }
    }
    requests.clear();
    for (const Item& item : batch) {
      requests.push_back(
          store::PutRequest{&item.input, &item.extraction, &item.prepared});
    }
    absl::StatusOr<std::vector<store::PutResult>> results =
        store_->PutArticles(requests);
    if (results.ok()) {
      for (size_t i = 0; i < batch.size(); ++i) batch[i].done((*results)[i]);
      continue;
    }
    // The whole transaction was rolled back. Retry one by one, so a single
    // bad article fails alone instead of taking its batch-mates with it.
    for (size_t i = 0; i < batch.size(); ++i) {
      if (batch.size() == 1) {
        batch[i].done(results.status());
        break;
      }
      absl::StatusOr<std::vector<store::PutResult>> one =
          store_->PutArticles(absl::MakeConstSpan(&requests[i], 1));
      if (one.ok()) {
        batch[i].done((*one)[0]);
      } else {
        batch[i].done(one.status());
      }
    }
  }
}

}  // namespace claimcheck::api
