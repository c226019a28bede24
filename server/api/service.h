// The gRPC face of claimcheck: a callback-API service whose handlers are
// thin. Each one checks auth and deadline, calls QueryCore (or the ingest
// pipeline), converts the status in one place and logs one line.
//
// Thread-safe. Does not own the Store; owns its IngestPipeline.
#ifndef CLAIMCHECK_SERVER_API_SERVICE_H_
#define CLAIMCHECK_SERVER_API_SERVICE_H_

#include <memory>
#include <string>

#include "claimcheck/v1/claimcheck.grpc.pb.h"
#include "server/api/ingest_pipeline.h"
#include "server/api/limits.h"
#include "server/api/metrics.h"
#include "server/api/query_core.h"
#include "server/api/watch.h"
#include "server/extract/extract.h"
#include "server/store/store.h"

namespace claimcheck::api {

struct ServiceOptions {
  Limits limits;
  // When not empty, writes (ingest, delete) need the metadata
  // "authorization: Bearer <write_token>".
  std::string write_token;
  int max_commit_batch = 256;  // articles per ingest transaction
  bool log_calls = true;       // one JSON line per call on stderr
  Metrics* metrics = nullptr;  // not owned; null: no metrics
};

class ClaimCheckService final : public v1::ClaimCheck::CallbackService {
 public:
  ClaimCheckService(store::Store* store, const ServiceOptions& options);
  ~ClaimCheckService() override;

  grpc::ServerUnaryReactor* IngestArticle(
      grpc::CallbackServerContext* ctx, const v1::IngestArticleRequest* req,
      v1::IngestArticleResponse* resp) override;
  grpc::ServerBidiReactor<v1::IngestArticleRequest, v1::IngestArticleResponse>*
  IngestArticles(grpc::CallbackServerContext* ctx) override;
  grpc::ServerUnaryReactor* ExtractText(grpc::CallbackServerContext* ctx,
                                        const v1::ExtractTextRequest* req,
                                        v1::ExtractTextResponse* resp) override;
  grpc::ServerUnaryReactor* GetArticle(grpc::CallbackServerContext* ctx,
                                       const v1::GetArticleRequest* req,
                                       v1::Article* resp) override;
  grpc::ServerUnaryReactor* DeleteArticle(
      grpc::CallbackServerContext* ctx, const v1::DeleteArticleRequest* req,
      v1::DeleteArticleResponse* resp) override;
  grpc::ServerUnaryReactor* SearchQuotes(
      grpc::CallbackServerContext* ctx, const v1::SearchQuotesRequest* req,
      v1::SearchQuotesResponse* resp) override;
  grpc::ServerUnaryReactor* ListSpeakerQuotes(
      grpc::CallbackServerContext* ctx, const v1::ListSpeakerQuotesRequest* req,
      v1::ListSpeakerQuotesResponse* resp) override;
  grpc::ServerUnaryReactor* ListSpeakers(
      grpc::CallbackServerContext* ctx, const v1::ListSpeakersRequest* req,
      v1::ListSpeakersResponse* resp) override;
  grpc::ServerUnaryReactor* GetSpeaker(grpc::CallbackServerContext* ctx,
                                       const v1::GetSpeakerRequest* req,
                                       v1::Speaker* resp) override;
  grpc::ServerUnaryReactor* VerifyQuote(grpc::CallbackServerContext* ctx,
                                        const v1::VerifyQuoteRequest* req,
                                        v1::VerifyQuoteResponse* resp) override;
  grpc::ServerUnaryReactor* GetQuoteConsistency(
      grpc::CallbackServerContext* ctx,
      const v1::GetQuoteConsistencyRequest* req,
      v1::QuoteConsistencyReport* resp) override;
  grpc::ServerUnaryReactor* GetSpeakerConsistency(
      grpc::CallbackServerContext* ctx,
      const v1::GetSpeakerConsistencyRequest* req,
      v1::SpeakerConsistencyReport* resp) override;
  grpc::ServerUnaryReactor* GetQuantityConsistency(
      grpc::CallbackServerContext* ctx,
      const v1::GetQuantityConsistencyRequest* req,
      v1::QuantityConsistencyReport* resp) override;
  grpc::ServerUnaryReactor* SearchClaims(
      grpc::CallbackServerContext* ctx, const v1::SearchClaimsRequest* req,
      v1::SearchClaimsResponse* resp) override;
  grpc::ServerUnaryReactor* GetStats(grpc::CallbackServerContext* ctx,
                                     const v1::GetStatsRequest* req,
                                     v1::Stats* resp) override;
  grpc::ServerUnaryReactor* ListConflicts(
      grpc::CallbackServerContext* ctx, const v1::ListConflictsRequest* req,
      v1::ListConflictsResponse* resp) override;
  grpc::ServerUnaryReactor* ListStories(grpc::CallbackServerContext* ctx,
                                        const v1::ListStoriesRequest* req,
                                        v1::ListStoriesResponse* resp) override;
  grpc::ServerUnaryReactor* GetStory(grpc::CallbackServerContext* ctx,
                                     const v1::GetStoryRequest* req,
                                     v1::Story* resp) override;
  grpc::ServerUnaryReactor* ListSpeakerMerges(
      grpc::CallbackServerContext* ctx, const v1::ListSpeakerMergesRequest* req,
      v1::ListSpeakerMergesResponse* resp) override;
  grpc::ServerUnaryReactor* UndoSpeakerMerge(
      grpc::CallbackServerContext* ctx, const v1::UndoSpeakerMergeRequest* req,
      v1::SpeakerMerge* resp) override;
  grpc::ServerUnaryReactor* RegisterWatch(grpc::CallbackServerContext* ctx,
                                          const v1::RegisterWatchRequest* req,
                                          v1::WatchRegistration* resp) override;
  grpc::ServerUnaryReactor* UnregisterWatch(
      grpc::CallbackServerContext* ctx, const v1::UnregisterWatchRequest* req,
      v1::UnregisterWatchResponse* resp) override;
  grpc::ServerUnaryReactor* ListWatches(grpc::CallbackServerContext* ctx,
                                        const v1::ListWatchesRequest* req,
                                        v1::ListWatchesResponse* resp) override;
  grpc::ServerWriteReactor<v1::WatchEvent>* Watch(
      grpc::CallbackServerContext* ctx, const v1::WatchRequest* req) override;

  // Validates and extracts one article for ingest (no I/O). Errors name the
  // field under `field` ("article").
  absl::StatusOr<std::pair<store::ArticleInput, extract::Extraction>>
  PrepareIngest(const v1::IngestArticleRequest& req) const;

  // OK, or UNAUTHENTICATED when a write token is set and `ctx` lacks it.
  absl::Status CheckWriteAuth(const grpc::CallbackServerContext& ctx) const;

  // Logs the finished call and records it in the metrics.
  void Finished(absl::string_view method, const grpc::Status& status,
                absl::Time start, absl::string_view peer) const;

  IngestPipeline& pipeline() { return *pipeline_; }
  WatchHub& watch_hub() { return *watch_hub_; }
  const ServiceOptions& options() const { return options_; }

 private:
  template <typename Req, typename Resp>
  grpc::ServerUnaryReactor* Unary(
      const char* method, grpc::CallbackServerContext* ctx, const Req* req,
      Resp* resp, absl::Status (QueryCore::*fn)(const Req&, Resp*) const,
      bool write);

  const ServiceOptions options_;
  QueryCore core_;
  std::unique_ptr<IngestPipeline> pipeline_;
  store::Store* const store_;
  std::unique_ptr<WatchHub> watch_hub_;
};

}  // namespace claimcheck::api

#endif  // CLAIMCHECK_SERVER_API_SERVICE_H_
