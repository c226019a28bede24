// The gRPC face of claimcheck: a callback-API service whose handlers are
// thin. Each one parses its request, checks auth and deadline and admits
// the call (admission.h) on the gRPC thread, then calls QueryCore (or the
// ingest pipeline) on an executor, converts the status in one place and
// logs one line with the status the client got.
//
// Thread-safe. Does not own the Store; owns its IngestPipeline.
#ifndef CLAIMCHECK_SERVER_API_SERVICE_H_
#define CLAIMCHECK_SERVER_API_SERVICE_H_

#include <grpcpp/support/byte_buffer.h>

#include <functional>
#include <memory>
#include <string>

#include "claimcheck/v1/claimcheck.grpc.pb.h"
#include "server/api/admission.h"
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
  int max_commit_batch = 256;    // articles per ingest transaction
  bool log_calls = true;         // one JSON line per call on stderr
  Metrics* metrics = nullptr;    // not owned; null: no metrics
  Admission::Options admission;  // in-flight bounds and executors
};

// Every rpc but Watch is registered raw (ByteBuffer in and out): the service
// parses requests itself (raw_message.h), so unparseable ones get
// INVALID_ARGUMENT with the field named.
using ClaimCheckServiceBase = v1::ClaimCheck::WithRawCallbackMethod_IngestArticle<
    v1::ClaimCheck::WithRawCallbackMethod_IngestArticles<
        v1::ClaimCheck::WithRawCallbackMethod_ExtractText<
            v1::ClaimCheck::WithRawCallbackMethod_GetArticle<
                v1::ClaimCheck::WithRawCallbackMethod_DeleteArticle<
                    v1::ClaimCheck::WithRawCallbackMethod_SearchQuotes<
                        v1::ClaimCheck::WithRawCallbackMethod_ListSpeakerQuotes<
                            v1::ClaimCheck::WithRawCallbackMethod_ListSpeakers<
                                v1::ClaimCheck::WithRawCallbackMethod_GetSpeaker<
                                    v1::ClaimCheck::WithRawCallbackMethod_VerifyQuote<
                                        v1::ClaimCheck::
                                            WithRawCallbackMethod_GetQuoteConsistency<
                                                v1::ClaimCheck::WithRawCallbackMethod_GetSpeakerConsistency<
                                                    v1::ClaimCheck::
                                                        WithRawCallbackMethod_GetQuantityConsistency<
                                                            v1::ClaimCheck::WithRawCallbackMethod_SearchClaims<
                                                                v1::ClaimCheck::WithRawCallbackMethod_GetStats<
                                                                    v1::ClaimCheck::WithRawCallbackMethod_ListConflicts<
                                                                        v1::ClaimCheck::WithRawCallbackMethod_ListStories<
                                                                            v1::ClaimCheck::WithRawCallbackMethod_GetStory<
                                                                                v1::ClaimCheck::WithRawCallbackMethod_ListSpeakerMerges<
                                                                                    v1::ClaimCheck::WithRawCallbackMethod_UndoSpeakerMerge<
                                                                                        v1::ClaimCheck::WithRawCallbackMethod_RegisterWatch<
                                                                                            v1::ClaimCheck::WithRawCallbackMethod_UnregisterWatch<
                                                                                                v1::ClaimCheck::WithRawCallbackMethod_ListWatches<
                                                                                                    v1::ClaimCheck::WithCallbackMethod_Watch<
                                                                                                        v1::ClaimCheck::
                                                                                                            Service>>>>>>>>>>>>>>>>>>>>>>>>;

class ClaimCheckService final : public ClaimCheckServiceBase {
 public:
  ClaimCheckService(store::Store* store, const ServiceOptions& options);
  ~ClaimCheckService() override;

  grpc::ServerUnaryReactor* IngestArticle(grpc::CallbackServerContext* ctx,
                                          const grpc::ByteBuffer* req,
                                          grpc::ByteBuffer* resp) override;
  grpc::ServerBidiReactor<grpc::ByteBuffer, grpc::ByteBuffer>* IngestArticles(
      grpc::CallbackServerContext* ctx) override;
  grpc::ServerUnaryReactor* ExtractText(grpc::CallbackServerContext* ctx,
                                        const grpc::ByteBuffer* req,
                                        grpc::ByteBuffer* resp) override;
  grpc::ServerUnaryReactor* GetArticle(grpc::CallbackServerContext* ctx,
                                       const grpc::ByteBuffer* req,
                                       grpc::ByteBuffer* resp) override;
  grpc::ServerUnaryReactor* DeleteArticle(grpc::CallbackServerContext* ctx,
                                          const grpc::ByteBuffer* req,
                                          grpc::ByteBuffer* resp) override;
  grpc::ServerUnaryReactor* SearchQuotes(grpc::CallbackServerContext* ctx,
                                         const grpc::ByteBuffer* req,
                                         grpc::ByteBuffer* resp) override;
  grpc::ServerUnaryReactor* ListSpeakerQuotes(grpc::CallbackServerContext* ctx,
                                              const grpc::ByteBuffer* req,
                                              grpc::ByteBuffer* resp) override;
  grpc::ServerUnaryReactor* ListSpeakers(grpc::CallbackServerContext* ctx,
                                         const grpc::ByteBuffer* req,
                                         grpc::ByteBuffer* resp) override;
  grpc::ServerUnaryReactor* GetSpeaker(grpc::CallbackServerContext* ctx,
                                       const grpc::ByteBuffer* req,
                                       grpc::ByteBuffer* resp) override;
  grpc::ServerUnaryReactor* VerifyQuote(grpc::CallbackServerContext* ctx,
                                        const grpc::ByteBuffer* req,
                                        grpc::ByteBuffer* resp) override;
  grpc::ServerUnaryReactor* GetQuoteConsistency(
      grpc::CallbackServerContext* ctx, const grpc::ByteBuffer* req,
      grpc::ByteBuffer* resp) override;
  grpc::ServerUnaryReactor* GetSpeakerConsistency(
      grpc::CallbackServerContext* ctx, const grpc::ByteBuffer* req,
      grpc::ByteBuffer* resp) override;
  grpc::ServerUnaryReactor* GetQuantityConsistency(
      grpc::CallbackServerContext* ctx, const grpc::ByteBuffer* req,
      grpc::ByteBuffer* resp) override;
  grpc::ServerUnaryReactor* SearchClaims(grpc::CallbackServerContext* ctx,
                                         const grpc::ByteBuffer* req,
                                         grpc::ByteBuffer* resp) override;
  grpc::ServerUnaryReactor* GetStats(grpc::CallbackServerContext* ctx,
                                     const grpc::ByteBuffer* req,
                                     grpc::ByteBuffer* resp) override;
  grpc::ServerUnaryReactor* ListConflicts(grpc::CallbackServerContext* ctx,
                                          const grpc::ByteBuffer* req,
                                          grpc::ByteBuffer* resp) override;
  grpc::ServerUnaryReactor* ListStories(grpc::CallbackServerContext* ctx,
                                        const grpc::ByteBuffer* req,
                                        grpc::ByteBuffer* resp) override;
  grpc::ServerUnaryReactor* GetStory(grpc::CallbackServerContext* ctx,
                                     const grpc::ByteBuffer* req,
                                     grpc::ByteBuffer* resp) override;
  grpc::ServerUnaryReactor* ListSpeakerMerges(grpc::CallbackServerContext* ctx,
                                              const grpc::ByteBuffer* req,
                                              grpc::ByteBuffer* resp) override;
  grpc::ServerUnaryReactor* UndoSpeakerMerge(grpc::CallbackServerContext* ctx,
                                             const grpc::ByteBuffer* req,
                                             grpc::ByteBuffer* resp) override;
  grpc::ServerUnaryReactor* RegisterWatch(grpc::CallbackServerContext* ctx,
                                          const grpc::ByteBuffer* req,
                                          grpc::ByteBuffer* resp) override;
  grpc::ServerUnaryReactor* UnregisterWatch(grpc::CallbackServerContext* ctx,
                                            const grpc::ByteBuffer* req,
                                            grpc::ByteBuffer* resp) override;
  grpc::ServerUnaryReactor* ListWatches(grpc::CallbackServerContext* ctx,
                                        const grpc::ByteBuffer* req,
                                        grpc::ByteBuffer* resp) override;
  grpc::ServerWriteReactor<v1::WatchEvent>* Watch(
      grpc::CallbackServerContext* ctx, const v1::WatchRequest* req) override;

  // Validates (ValidateRequest) and extracts one article for ingest (no I/O).
  // Errors name the field ("article.text", ...). `cancelled` (may be empty) is
  // polled during extraction; when it turns true the result is CANCELLED.
  absl::StatusOr<std::pair<store::ArticleInput, extract::Extraction>>
  PrepareIngest(const v1::IngestArticleRequest& req,
                const std::function<bool()>& cancelled = {}) const;

  // OK, or UNAUTHENTICATED when a write token is set and `ctx` lacks it.
  absl::Status CheckWriteAuth(const grpc::CallbackServerContext& ctx) const;

  // Logs the finished call and records it in the metrics.
  void Finished(absl::string_view method, const grpc::Status& status,
                absl::Time start, absl::string_view peer) const;

  IngestPipeline& pipeline() { return *pipeline_; }
  WatchHub& watch_hub() { return *watch_hub_; }
  Admission& admission() { return admission_; }
  const ServiceOptions& options() const { return options_; }

 private:
  // Parses, admits, runs `fn` on the class's executor, answers.
  template <typename Req, typename Resp, typename Fn>
  grpc::ServerUnaryReactor* Unary(const char* method, MethodClass cls,
                                  bool write, grpc::CallbackServerContext* ctx,
                                  const grpc::ByteBuffer* in,
                                  grpc::ByteBuffer* out, Fn fn);

  const ServiceOptions options_;
  QueryCore core_;
  std::unique_ptr<IngestPipeline> pipeline_;
  store::Store* const store_;
  std::unique_ptr<WatchHub> watch_hub_;
  Admission admission_;
};

}  // namespace claimcheck::api

#endif  // CLAIMCHECK_SERVER_API_SERVICE_H_
