#include "server/api/service.h"

#include <chrono>
#include <deque>
#include <functional>
#include <memory>
#include <utility>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "server/api/call_log.h"
#include "server/api/convert.h"
#include "server/api/raw_message.h"
#include "server/api/status_util.h"
#include "server/api/validate.h"
#include "server/base/status_macros.h"
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

// Polled by long work: the client gave up, or its deadline passed.
std::function<bool()> CancelledFn(grpc::CallbackServerContext* ctx) {
  return [ctx] {
    return ctx->IsCancelled() ||
           ctx->deadline() < std::chrono::system_clock::now();
  };
}

// The status the client sees: once it cancelled or its deadline passed,
// whatever the handler answers, it gets CANCELLED or DEADLINE_EXCEEDED. The
// client's own timer cancels the call a little before our copy of its
// deadline passes (the timeout travels rounded up, and after a delay), so a
// cancel within kDeadlineSlack of the deadline is the deadline.
grpc::Status ClientStatus(const grpc::CallbackServerContext& ctx,
                          const grpc::Status& sent) {
  constexpr auto kDeadlineSlack = std::chrono::milliseconds(50);
  const auto now = std::chrono::system_clock::now();
  if (ctx.deadline() < now ||
      (ctx.IsCancelled() && ctx.deadline() < now + kDeadlineSlack)) {
    return grpc::Status(grpc::StatusCode::DEADLINE_EXCEEDED,
                        "deadline exceeded");
  }
  if (ctx.IsCancelled()) {
    return grpc::Status(grpc::StatusCode::CANCELLED, "cancelled");
  }
  return sent;
}

// Bidi ingest: reads articles, extracts each on the ingest executor (one at
// a time per stream, so a stream's articles are written in request order),
// hands it to the group-commit pipeline and writes one ack per article, in
// request order, once it is durable. At most `max_stream_in_flight`
// articles are unacknowledged; beyond that reading pauses (flow control
// back to the client). A message that does not parse ends the stream with
// INVALID_ARGUMENT naming it and the problem, after the acks of every
// message before it.
class IngestStreamReactor final
    : public grpc::ServerBidiReactor<grpc::ByteBuffer, grpc::ByteBuffer> {
 public:
  IngestStreamReactor(ClaimCheckService* service,
                      grpc::CallbackServerContext* ctx)
      : service_(service),
        ctx_(ctx),
        start_(absl::Now()),
        peer_(ctx->peer()),
        cancelled_(CancelledFn(ctx)) {
    absl::Status s = service_->CheckWriteAuth(*ctx);
    if (s.ok()) {
      absl::StatusOr<Admission::Ticket> t =
          service_->admission().Admit(MethodClass::kIngest);
      if (t.ok()) ticket_ = std::move(*t);
      s = t.status();
    }
    if (!s.ok()) {
      finished_ = true;
      final_status_ = ToGrpcStatus(s);
      Finish(final_status_);
      return;
    }
    read_outstanding_ = true;
    StartRead(&read_buf_);
  }

  void OnReadDone(bool ok) override {
    absl::MutexLock lock(&mu_);
    read_outstanding_ = false;
    if (!ok) {
      reads_done_ = true;
      Act(lock);
      return;
    }
    auto req = std::make_unique<v1::IngestArticleRequest>();
    if (absl::Status s = ParseRequest(read_buf_, req.get()); !s.ok()) {
      // Stop reading; the stream ends with this status once the acks of
      // the messages before it are written.
      reads_done_ = true;
      failure_ = ToGrpcStatus(absl::InvalidArgumentError(
          absl::StrCat("message ", base_seq_ + slots_.size(),
                       " of the stream: ", s.message())));
      Act(lock);
      return;
    }
    slots_.emplace_back();
    slots_.back().resp.set_client_ref(req->client_ref());
    ++pending_commits_;
    to_extract_.push_back({base_seq_ + slots_.size() - 1, std::move(req)});
    if (!extracting_) {
      extracting_ = true;
      service_->admission().executor(MethodClass::kIngest).Submit([this] {
        ExtractQueued();
      });
    }
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
    ticket_.Release();
    service_->Finished("IngestArticles", ClientStatus(*ctx_, final_status_),
                       start_, peer_);
    delete this;
  }

 private:
  struct Slot {
    bool ready = false;
    v1::IngestArticleResponse resp;
    grpc::ByteBuffer bytes;  // resp, serialized when written
  };
  struct Pending {
    uint64_t seq;
    std::unique_ptr<v1::IngestArticleRequest> req;
  };

  // On the ingest executor: extracts the queued articles one at a time and
  // submits each to the pipeline.
  void ExtractQueued() {
    while (true) {
      Pending p;
      {
        absl::MutexLock lock(&mu_);
        if (to_extract_.empty()) {
          extracting_ = false;
          Act(lock);
          return;
        }
        p = std::move(to_extract_.front());
        to_extract_.pop_front();
      }
      absl::StatusOr<std::pair<store::ArticleInput, extract::Extraction>> prep =
          service_->PrepareIngest(*p.req, cancelled_);
      if (!prep.ok()) {
        Complete(p.seq, prep.status(), 0, 0);
        continue;
      }
      const int nq = static_cast<int>(prep->second.quotes.size());
      const int nc = static_cast<int>(prep->second.quantities.size());
      const uint64_t seq = p.seq;
      service_->pipeline().Submit(
          std::move(prep->first), std::move(prep->second),
          [this, seq, nq, nc](absl::StatusOr<store::PutResult> r) {
            Complete(seq, r, nq, nc);
          });
    }
  }

  void Complete(uint64_t seq, const absl::StatusOr<store::PutResult>& r, int nq,
                int nc) {
    absl::MutexLock lock(&mu_);
    Slot& s = slots_[seq - base_seq_];
    FillIngestResponse(r, nq, nc, service_->options().metrics, &s.resp);
    s.ready = true;
    --pending_commits_;
    Act(lock);
  }

  // Decides the next step under `mu_` and starts it. gRPC does not run
  // reactions inline from Start*/Finish, so calling them here is safe.
  void Act(absl::MutexLock&) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    if (finished_) return;
    if (broken_) {
      // The client is gone: drop ready acks, wait for pending work.
      while (!writing_ && !slots_.empty() && slots_.front().ready) {
        slots_.pop_front();
        ++base_seq_;
      }
      if (!writing_ && pending_commits_ == 0 && !read_outstanding_ &&
          !extracting_) {
        finished_ = true;
        final_status_ = grpc::Status(grpc::StatusCode::CANCELLED,
                                     "ingest stream cancelled");
        Finish(final_status_);
      }
      return;
    }
    if (!writing_ && !slots_.empty() && slots_.front().ready) {
      writing_ = true;
      Slot& s = slots_.front();
      s.resp.SerializeToString(&scratch_);
      grpc::Slice slice(std::move(scratch_));
      s.bytes = grpc::ByteBuffer(&slice, 1);
      scratch_.clear();
      StartWrite(&s.bytes);
    }
    const int in_flight = static_cast<int>(slots_.size());
    if (!reads_done_ && !read_outstanding_ &&
        in_flight < service_->options().limits.max_stream_in_flight) {
      read_outstanding_ = true;
      StartRead(&read_buf_);
    }
    if (reads_done_ && slots_.empty() && !writing_ && !extracting_) {
      finished_ = true;
      final_status_ = failure_;
      Finish(final_status_);
    }
  }

  ClaimCheckService* const service_;
  grpc::CallbackServerContext* const ctx_;
  const absl::Time start_;
  const std::string peer_;
  const std::function<bool()> cancelled_;
  Admission::Ticket ticket_;
  grpc::ByteBuffer read_buf_;  // read buffer; used only between reads

  absl::Mutex mu_;
  std::deque<Slot> slots_ ABSL_GUARDED_BY(mu_);  // unacked, request order
  std::deque<Pending> to_extract_ ABSL_GUARDED_BY(mu_);
  std::string scratch_ ABSL_GUARDED_BY(mu_);
  uint64_t base_seq_ ABSL_GUARDED_BY(mu_) = 0;  // seq of slots_.front()
  int pending_commits_ ABSL_GUARDED_BY(mu_) = 0;
  bool extracting_ ABSL_GUARDED_BY(mu_) = false;
  bool read_outstanding_ ABSL_GUARDED_BY(mu_) = false;
  bool reads_done_ ABSL_GUARDED_BY(mu_) = false;
  bool writing_ ABSL_GUARDED_BY(mu_) = false;
  bool broken_ ABSL_GUARDED_BY(mu_) = false;
  bool finished_ ABSL_GUARDED_BY(mu_) = false;
  grpc::Status failure_ ABSL_GUARDED_BY(mu_);  // OK unless a message is bad
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
      watch_hub_(std::make_unique<WatchHub>(store, options.limits)),
      admission_(options.admission) {
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
ClaimCheckService::PrepareIngest(const v1::IngestArticleRequest& req,
                                 const std::function<bool()>& cancelled) const {
  CC_RETURN_IF_ERROR(ValidateRequest(req, options_.limits));
  const v1::ArticleInput& a = req.article();
  std::pair<store::ArticleInput, extract::Extraction> out;
  extract::ExtractOptions eo;
  eo.cancelled = cancelled;
  CC_ASSIGN_OR_RETURN(out.second, extract::ExtractValidated(a.text(), eo));
  extract::ResolveTimes(a.published_date(), &out.second.quantities);
  out.first.url = a.url();
  out.first.outlet = a.outlet();
  out.first.published_date = a.published_date();
  out.first.title = a.title();
  out.first.text = a.text();
  return out;
}

grpc::ServerUnaryReactor* ClaimCheckService::IngestArticle(
    grpc::CallbackServerContext* ctx, const grpc::ByteBuffer* in,
    grpc::ByteBuffer* out) {
  grpc::ServerUnaryReactor* reactor = ctx->DefaultReactor();
  const absl::Time start = absl::Now();
  auto finish = [this, reactor, start, ctx](const absl::Status& s) {
    const grpc::Status gs = ToGrpcStatus(s);
    Finished("IngestArticle", ClientStatus(*ctx, gs), start, ctx->peer());
    reactor->Finish(gs);
  };
  auto req = std::make_shared<v1::IngestArticleRequest>();
  absl::Status s = CheckWriteAuth(*ctx);
  if (s.ok()) s = CheckDeadline(*ctx);
  if (s.ok()) s = ParseRequest(*in, req.get());
  absl::StatusOr<Admission::Ticket> ticket;
  if (s.ok()) {
    ticket = admission_.Admit(MethodClass::kIngest);
    s = ticket.status();
  }
  if (!s.ok()) {
    finish(s);
    return reactor;
  }
  auto held = std::make_shared<Admission::Ticket>(std::move(*ticket));
  admission_.executor(MethodClass::kIngest)
      .Submit([this, ctx, req, out, held, finish] {
        absl::StatusOr<std::pair<store::ArticleInput, extract::Extraction>>
            prep = PrepareIngest(*req, CancelledFn(ctx));
        if (!prep.ok()) {
          held->Release();
          finish(prep.status());
          return;
        }
        const int nq = static_cast<int>(prep->second.quotes.size());
        const int nc = static_cast<int>(prep->second.quantities.size());
        pipeline_->Submit(
            std::move(prep->first), std::move(prep->second),
            [req, out, nq, nc, held, finish, metrics = options_.metrics,
             max_bytes = options_.limits.max_response_bytes](
                absl::StatusOr<store::PutResult> r) {
              held->Release();
              if (!r.ok()) {
                finish(r.status());
                return;
              }
              v1::IngestArticleResponse resp;
              resp.set_client_ref(req->client_ref());
              FillIngestResponse(r, nq, nc, metrics, &resp);
              finish(SerializeResponse(resp, max_bytes, out));
            });
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

grpc::ServerBidiReactor<grpc::ByteBuffer, grpc::ByteBuffer>*
ClaimCheckService::IngestArticles(grpc::CallbackServerContext* ctx) {
  return new IngestStreamReactor(this, ctx);
}

template <typename Req, typename Resp, typename Fn>
grpc::ServerUnaryReactor* ClaimCheckService::Unary(
    const char* method, MethodClass cls, bool write,
    grpc::CallbackServerContext* ctx, const grpc::ByteBuffer* in,
    grpc::ByteBuffer* out, Fn fn) {
  const absl::Time start = absl::Now();
  grpc::ServerUnaryReactor* reactor = ctx->DefaultReactor();
  auto finish = [this, method, reactor, start, ctx](const absl::Status& s) {
    const grpc::Status gs = ToGrpcStatus(s);
    Finished(method, ClientStatus(*ctx, gs), start, ctx->peer());
    reactor->Finish(gs);
  };
  auto req = std::make_shared<Req>();
  absl::Status s = write ? CheckWriteAuth(*ctx) : absl::OkStatus();
  if (s.ok()) s = CheckDeadline(*ctx);
  if (s.ok()) s = ParseRequest(*in, req.get());
  absl::StatusOr<Admission::Ticket> ticket;
  if (s.ok()) {
    ticket = admission_.Admit(cls);
    s = ticket.status();
  }
  if (!s.ok()) {
    finish(s);
    return reactor;
  }
  auto held = std::make_shared<Admission::Ticket>(std::move(*ticket));
  admission_.executor(cls).Submit([this, ctx, req, out, held, finish, fn] {
    const std::function<bool()> cancelled = CancelledFn(ctx);
    Resp resp;
    absl::Status s = cancelled()
                         ? absl::CancelledError("cancelled before work started")
                         : fn(*req, &resp, cancelled);
    if (s.ok()) {
      s = SerializeResponse(resp, options_.limits.max_response_bytes, out);
    }
    held->Release();
    finish(s);
  });
  return reactor;
}

#define CC_UNARY(Name, Req, Resp, cls, write)                                 \
  grpc::ServerUnaryReactor* ClaimCheckService::Name(                          \
      grpc::CallbackServerContext* ctx, const grpc::ByteBuffer* in,           \
      grpc::ByteBuffer* out) {                                                \
    return Unary<v1::Req, v1::Resp>(                                          \
        #Name, MethodClass::cls, write, ctx, in, out,                         \
        [this](const v1::Req& r, v1::Resp* p, const std::function<bool()>&) { \
          return core_.Name(r, p);                                            \
        });                                                                   \
  }

// The same for a core method that polls the call's cancellation and
// deadline in its long loops.
#define CC_UNARY_CANCELLABLE(Name, Req, Resp, cls, write)           \
  grpc::ServerUnaryReactor* ClaimCheckService::Name(                \
      grpc::CallbackServerContext* ctx, const grpc::ByteBuffer* in, \
      grpc::ByteBuffer* out) {                                      \
    return Unary<v1::Req, v1::Resp>(                                \
        #Name, MethodClass::cls, write, ctx, in, out,               \
        [this](const v1::Req& r, v1::Resp* p,                       \
               const std::function<bool()>& cancelled) {            \
          return core_.Name(r, p, cancelled);                       \
        });                                                         \
  }

grpc::ServerUnaryReactor* ClaimCheckService::ExtractText(
    grpc::CallbackServerContext* ctx, const grpc::ByteBuffer* in,
    grpc::ByteBuffer* out) {
  return Unary<v1::ExtractTextRequest, v1::ExtractTextResponse>(
      "ExtractText", MethodClass::kHeavy, false, ctx, in, out,
      [this](const v1::ExtractTextRequest& r, v1::ExtractTextResponse* p,
             const std::function<bool()>& cancelled) {
        return core_.ExtractText(r, p, cancelled);
      });
}

CC_UNARY(GetArticle, GetArticleRequest, Article, kLight, false)
CC_UNARY(DeleteArticle, DeleteArticleRequest, DeleteArticleResponse, kLight,
         true)
CC_UNARY(SearchQuotes, SearchQuotesRequest, SearchQuotesResponse, kHeavy, false)
CC_UNARY(ListSpeakerQuotes, ListSpeakerQuotesRequest, ListSpeakerQuotesResponse,
         kLight, false)
CC_UNARY(ListSpeakers, ListSpeakersRequest, ListSpeakersResponse, kLight, false)
CC_UNARY(GetSpeaker, GetSpeakerRequest, Speaker, kLight, false)
CC_UNARY(VerifyQuote, VerifyQuoteRequest, VerifyQuoteResponse, kHeavy, false)
CC_UNARY(GetQuoteConsistency, GetQuoteConsistencyRequest,
         QuoteConsistencyReport, kHeavy, false)
CC_UNARY_CANCELLABLE(GetSpeakerConsistency, GetSpeakerConsistencyRequest,
                     SpeakerConsistencyReport, kHeavy, false)
CC_UNARY_CANCELLABLE(GetQuantityConsistency, GetQuantityConsistencyRequest,
                     QuantityConsistencyReport, kHeavy, false)
CC_UNARY(SearchClaims, SearchClaimsRequest, SearchClaimsResponse, kLight, false)
CC_UNARY(GetStats, GetStatsRequest, Stats, kLight, false)
CC_UNARY_CANCELLABLE(ListConflicts, ListConflictsRequest, ListConflictsResponse,
                     kLight, false)
CC_UNARY(ListStories, ListStoriesRequest, ListStoriesResponse, kLight, false)
CC_UNARY(GetStory, GetStoryRequest, Story, kLight, false)
CC_UNARY(ListSpeakerMerges, ListSpeakerMergesRequest, ListSpeakerMergesResponse,
         kLight, false)
CC_UNARY(UndoSpeakerMerge, UndoSpeakerMergeRequest, SpeakerMerge, kLight, true)
CC_UNARY(RegisterWatch, RegisterWatchRequest, WatchRegistration, kLight, true)
CC_UNARY(UnregisterWatch, UnregisterWatchRequest, UnregisterWatchResponse,
         kLight, true)
CC_UNARY(ListWatches, ListWatchesRequest, ListWatchesResponse, kLight, false)

#undef CC_UNARY
#undef CC_UNARY_CANCELLABLE

}  // namespace claimcheck::api
