#include "server/api/service.h"

#include <deque>
#include <utility>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "server/api/call_log.h"
#include "server/api/convert.h"
#include "server/api/status_util.h"
#include "server/api/validate.h"
#include "server/extract/numbers.h"

namespace claimcheck::api {
namespace {

// DEADLINE_EXCEEDED if the client's deadline has already passed.
absl::Status CheckDeadline(const grpc::CallbackServerContext& ctx) {
  if (ctx.deadline() < std::chrono::system_clock::now()) {
    return absl::DeadlineExceededError("deadline passed before work started");
  }
  return absl::OkStatus();
}

void FillIngestResponse(const absl::StatusOr<store::PutResult>& r, int quotes,
                        int claims, Metrics* metrics,
                        v1::IngestArticleResponse* resp) {
  if (metrics != nullptr) {
    metrics->RecordIngest(r.ok() ? v1::IngestOutcome_Name(ToProto(r->outcome))
                                 : "REJECTED");
  }
  if (!r.ok()) {
    resp->set_outcome(v1::INGEST_OUTCOME_REJECTED);
    resp->set_status_code(static_cast<int>(r.status().code()));
    resp->set_status_message(std::string(r.status().message()));
    return;
  }
  resp->set_article_id(r->article_id);
  resp->set_outcome(ToProto(r->outcome));
  resp->set_version(r->version);
  resp->set_quote_count(quotes);
  resp->set_claim_count(claims);
}

// Bidi ingest: reads articles, extracts each on arrival, hands it to the
// group-commit pipeline and writes one ack per article, in request order,
// once it is durable. At most `max_in_flight` articles are unacknowledged;
// beyond that reading pauses (flow control back to the client).
class IngestStreamReactor final
    : public grpc::ServerBidiReactor<v1::IngestArticleRequest,
                                     v1::IngestArticleResponse> {
 public:
  IngestStreamReactor(ClaimCheckService* service,
                      grpc::CallbackServerContext* ctx)
      : service_(service), start_(absl::Now()), peer_(ctx->peer()) {
    if (absl::Status s = service_->CheckWriteAuth(*ctx); !s.ok()) {
      finished_ = true;
      final_status_ = ToGrpcStatus(s);
      Finish(final_status_);
      return;
    }
    read_outstanding_ = true;
    StartRead(&req_);
  }

  void OnReadDone(bool ok) override {
    if (!ok) {
      absl::MutexLock lock(&mu_);
      read_outstanding_ = false;
      reads_done_ = true;
      Act(lock);
      return;
    }
    absl::StatusOr<std::pair<store::ArticleInput, extract::Extraction>> prep =
        service_->PrepareIngest(req_);
    std::string ref = req_.client_ref();
    uint64_t seq;
    {
      absl::MutexLock lock(&mu_);
      read_outstanding_ = false;
      seq = base_seq_ + slots_.size();
      slots_.emplace_back();
      slots_.back().resp.set_client_ref(std::move(ref));
      if (!prep.ok()) {
        Slot& s = slots_.back();
        s.ready = true;
        FillIngestResponse(prep.status(), 0, 0, service_->options().metrics,
                           &s.resp);
        s.resp.set_status_code(static_cast<int>(prep.status().code()));
        s.resp.set_status_message(std::string(prep.status().message()));
      } else {
        ++pending_commits_;
      }
    }
    if (prep.ok()) {
      const int nq = static_cast<int>(prep->second.quotes.size());
      const int nc = static_cast<int>(prep->second.quantities.size());
      service_->pipeline().Submit(
          std::move(prep->first), std::move(prep->second),
          [this, seq, nq, nc](absl::StatusOr<store::PutResult> r) {
            absl::MutexLock lock(&mu_);
            Slot& s = slots_[seq - base_seq_];
            FillIngestResponse(r, nq, nc, service_->options().metrics, &s.resp);
            s.ready = true;
            --pending_commits_;
            Act(lock);
          });
    }
    absl::MutexLock lock(&mu_);
    Act(lock);
  }

  void OnWriteDone(bool ok) override {
    absl::MutexLock lock(&mu_);
    writing_ = false;
    slots_.pop_front();
    ++base_seq_;
    if (!ok) broken_ = true;
    Act(lock);
  }

  void OnCancel() override {
    absl::MutexLock lock(&mu_);
    broken_ = true;
    Act(lock);
  }

  void OnDone() override {
    service_->Finished("IngestArticles", final_status_, start_, peer_);
    delete this;
  }

 private:
  struct Slot {
    bool ready = false;
    v1::IngestArticleResponse resp;
  };

  // Decides the next step under `mu_` and starts it. gRPC does not run
  // reactions inline from Start*/Finish, so calling them here is safe.
  void Act(absl::MutexLock&) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    if (finished_) return;
    if (broken_) {
      // The client is gone: drop ready acks, wait for pending commits.
      while (!writing_ && !slots_.empty() && slots_.front().ready) {
        slots_.pop_front();
        ++base_seq_;
      }
      if (!writing_ && pending_commits_ == 0 && !read_outstanding_) {
        finished_ = true;
        final_status_ = grpc::Status(grpc::StatusCode::CANCELLED,
                                     "ingest stream cancelled");
        Finish(final_status_);
      }
      return;
    }
    if (!writing_ && !slots_.empty() && slots_.front().ready) {
      writing_ = true;
      StartWrite(&slots_.front().resp);
    }
    const int in_flight = static_cast<int>(slots_.size());
    if (!reads_done_ && !read_outstanding_ &&
        in_flight < service_->options().limits.max_stream_in_flight) {
      read_outstanding_ = true;
      StartRead(&req_);
    }
    if (reads_done_ && slots_.empty() && !writing_) {
      finished_ = true;
      final_status_ = grpc::Status::OK;
      Finish(final_status_);
    }
  }

  ClaimCheckService* const service_;
  const absl::Time start_;
  const std::string peer_;
  v1::IngestArticleRequest req_;  // read buffer; used only between reads

  absl::Mutex mu_;
  std::deque<Slot> slots_ ABSL_GUARDED_BY(mu_);  // unacked, request order
  uint64_t base_seq_ ABSL_GUARDED_BY(mu_) = 0;   // seq of slots_.front()
  int pending_commits_ ABSL_GUARDED_BY(mu_) = 0;
  bool read_outstanding_ ABSL_GUARDED_BY(mu_) = false;
  bool reads_done_ ABSL_GUARDED_BY(mu_) = false;
  bool writing_ ABSL_GUARDED_BY(mu_) = false;
  bool broken_ ABSL_GUARDED_BY(mu_) = false;
  bool finished_ ABSL_GUARDED_BY(mu_) = false;
  grpc::Status final_status_;
};

}  // namespace

ClaimCheckService::ClaimCheckService(store::Store* store,
                                     const ServiceOptions& options)
    : options_(options),
      core_(store, options.limits),
      pipeline_(
          std::make_unique<IngestPipeline>(store, options.max_commit_batch)),
      store_(store),
      watch_hub_(
          std::make_unique<WatchHub>(store, options.limits.max_watch_streams)) {
  store_->SetEventListener(
      [hub = watch_hub_.get()](int64_t) { hub->Notify(); });
}

ClaimCheckService::~ClaimCheckService() {
  store_->SetEventListener(nullptr);
  watch_hub_->Shutdown();
}

grpc::ServerWriteReactor<v1::WatchEvent>* ClaimCheckService::Watch(
    grpc::CallbackServerContext* ctx, const v1::WatchRequest* req) {
  const absl::Time start = absl::Now();
  std::string peer = ctx->peer();
  return watch_hub_->Open(
      ctx, req, [this, start, peer = std::move(peer)](const grpc::Status& s) {
        Finished("Watch", s, start, peer);
      });
}

absl::Status ClaimCheckService::CheckWriteAuth(
    const grpc::CallbackServerContext& ctx) const {
  if (options_.write_token.empty()) return absl::OkStatus();
  const auto& md = ctx.client_metadata();
  auto it = md.find("authorization");
  if (it == md.end()) {
    return absl::UnauthenticatedError(
        "writes need metadata 'authorization: Bearer <token>'");
  }
  const absl::string_view got(it->second.data(), it->second.size());
  if (!absl::StartsWith(got, "Bearer ") ||
      got.substr(7) != options_.write_token) {
    return absl::UnauthenticatedError("authorization bearer token is wrong");
  }
  return absl::OkStatus();
}

absl::StatusOr<std::pair<store::ArticleInput, extract::Extraction>>
ClaimCheckService::PrepareIngest(const v1::IngestArticleRequest& req) const {
  if (!req.has_article())
    return absl::InvalidArgumentError("article is missing");
  const v1::ArticleInput& a = req.article();
  CC_RETURN_IF_ERROR(CheckArticle("article", a, options_.limits));
  CC_RETURN_IF_ERROR(CheckOptionalText("client_ref", req.client_ref(),
                                       options_.limits.max_meta_bytes));
  std::pair<store::ArticleInput, extract::Extraction> out;
  out.second = extract::ExtractUnchecked(a.text());  // validated above
  extract::ResolveTimes(a.published_date(), &out.second.quantities);
  out.first.url = a.url();
  out.first.outlet = a.outlet();
  out.first.published_date = a.published_date();
  out.first.title = a.title();
  out.first.text = a.text();
  return out;
}

grpc::ServerUnaryReactor* ClaimCheckService::IngestArticle(
    grpc::CallbackServerContext* ctx, const v1::IngestArticleRequest* req,
    v1::IngestArticleResponse* resp) {
  grpc::ServerUnaryReactor* reactor = ctx->DefaultReactor();
  const absl::Time start = absl::Now();
  auto finish = [this, reactor, start, ctx](const absl::Status& s) {
    const grpc::Status gs = ToGrpcStatus(s);
    Finished("IngestArticle", gs, start, ctx->peer());
    reactor->Finish(gs);
  };
  absl::Status s = CheckWriteAuth(*ctx);
  if (s.ok()) s = CheckDeadline(*ctx);
  absl::StatusOr<std::pair<store::ArticleInput, extract::Extraction>> prep;
  if (s.ok()) {
    prep = PrepareIngest(*req);
    s = prep.status();
  }
  if (!s.ok()) {
    finish(s);
    return reactor;
  }
  resp->set_client_ref(req->client_ref());
  const int nq = static_cast<int>(prep->second.quotes.size());
  const int nc = static_cast<int>(prep->second.quantities.size());
  pipeline_->Submit(std::move(prep->first), std::move(prep->second),
                    [resp, nq, nc, finish, metrics = options_.metrics](
                        absl::StatusOr<store::PutResult> r) {
                      if (!r.ok()) {
                        finish(r.status());
                        return;
                      }
                      FillIngestResponse(r, nq, nc, metrics, resp);
                      finish(absl::OkStatus());
                    });
  return reactor;
}

void ClaimCheckService::Finished(absl::string_view method,
                                 const grpc::Status& status, absl::Time start,
                                 absl::string_view peer) const {
  LogCall(options_.log_calls, method, status, start, peer);
  if (options_.metrics != nullptr) {
    options_.metrics->RecordCall(method, status, absl::Now() - start);
  }
}

grpc::ServerBidiReactor<v1::IngestArticleRequest, v1::IngestArticleResponse>*
ClaimCheckService::IngestArticles(grpc::CallbackServerContext* ctx) {
  return new IngestStreamReactor(this, ctx);
}

template <typename Req, typename Resp>
grpc::ServerUnaryReactor* ClaimCheckService::Unary(
    const char* method, grpc::CallbackServerContext* ctx, const Req* req,
    Resp* resp, absl::Status (QueryCore::*fn)(const Req&, Resp*) const,
    bool write) {
  const absl::Time start = absl::Now();
  grpc::ServerUnaryReactor* reactor = ctx->DefaultReactor();
  absl::Status s = write ? CheckWriteAuth(*ctx) : absl::OkStatus();
  if (s.ok()) s = CheckDeadline(*ctx);
  if (s.ok()) s = (core_.*fn)(*req, resp);
  const grpc::Status gs = ToGrpcStatus(s);
  Finished(method, gs, start, ctx->peer());
  reactor->Finish(gs);
  return reactor;
}

#define CC_UNARY(Name, Req, Resp, write)                                      \
  grpc::ServerUnaryReactor* ClaimCheckService::Name(                          \
      grpc::CallbackServerContext* ctx, const v1::Req* req, v1::Resp* resp) { \
    return Unary(#Name, ctx, req, resp, &QueryCore::Name, write);             \
  }

CC_UNARY(ExtractText, ExtractTextRequest, ExtractTextResponse, false)
CC_UNARY(GetArticle, GetArticleRequest, Article, false)
CC_UNARY(DeleteArticle, DeleteArticleRequest, DeleteArticleResponse, true)
CC_UNARY(SearchQuotes, SearchQuotesRequest, SearchQuotesResponse, false)
CC_UNARY(ListSpeakerQuotes, ListSpeakerQuotesRequest, ListSpeakerQuotesResponse,
         false)
CC_UNARY(ListSpeakers, ListSpeakersRequest, ListSpeakersResponse, false)
CC_UNARY(GetSpeaker, GetSpeakerRequest, Speaker, false)
CC_UNARY(VerifyQuote, VerifyQuoteRequest, VerifyQuoteResponse, false)
CC_UNARY(GetQuoteConsistency, GetQuoteConsistencyRequest,
         QuoteConsistencyReport, false)
CC_UNARY(GetSpeakerConsistency, GetSpeakerConsistencyRequest,
         SpeakerConsistencyReport, false)
CC_UNARY(GetQuantityConsistency, GetQuantityConsistencyRequest,
         QuantityConsistencyReport, false)
CC_UNARY(SearchClaims, SearchClaimsRequest, SearchClaimsResponse, false)
CC_UNARY(GetStats, GetStatsRequest, Stats, false)
CC_UNARY(ListConflicts, ListConflictsRequest, ListConflictsResponse, false)
CC_UNARY(ListStories, ListStoriesRequest, ListStoriesResponse, false)
CC_UNARY(GetStory, GetStoryRequest, Story, false)
CC_UNARY(ListSpeakerMerges, ListSpeakerMergesRequest, ListSpeakerMergesResponse,
         false)
CC_UNARY(UndoSpeakerMerge, UndoSpeakerMergeRequest, SpeakerMerge, true)
CC_UNARY(RegisterWatch, RegisterWatchRequest, WatchRegistration, true)
CC_UNARY(UnregisterWatch, UnregisterWatchRequest, UnregisterWatchResponse, true)
CC_UNARY(ListWatches, ListWatchesRequest, ListWatchesResponse, false)

#undef CC_UNARY

}  // namespace claimcheck::api
