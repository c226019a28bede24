#include "server/api/watch.h"

#include <deque>
#include <utility>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "server/api/convert.h"
#include "server/api/query_core.h"
#include "server/api/status_util.h"
#include "server/api/validate.h"
#include "server/base/status_macros.h"
#include "server/verify/watch_match.h"

namespace claimcheck::api {
namespace {

void EventToProto(const store::WatchEventRecord& in, v1::WatchEvent* out) {
  out->set_sequence(in.seq);
  out->set_kind(static_cast<v1::WatchEventKind>(in.kind));
  out->set_watch_id(in.watch_id);
  ToProto(in.occurrence, out->mutable_occurrence());
  out->set_verdict(static_cast<v1::Verdict>(in.verdict));
  out->set_score(static_cast<float>(in.score));
  out->set_summary(in.summary);
  out->set_created_unix_ms(in.created_unix_ms);
}

void WatchToProto(const store::WatchRecord& in, v1::WatchRegistration* out) {
  out->set_id(in.id);
  out->set_text(in.text);
  out->set_speaker(in.speaker);
  out->set_created_unix_ms(in.created_unix_ms);
}

}  // namespace

// One Watch call. Holds a cursor and at most kWatchPage events; one write in
// flight at a time. Deletes itself in OnDone.
class WatchStream final : public grpc::ServerWriteReactor<v1::WatchEvent> {
 public:
  WatchStream(WatchHub* hub, const v1::WatchRequest& req,
              std::function<void(const grpc::Status&)> finished)
      : hub_(hub),
        cursor_(req.from_now() ? hub->store_->LastEventSeq()
                               : req.after_sequence()),
        filter_(req.watch_ids().begin(), req.watch_ids().end()),
        finished_cb_(std::move(finished)) {}

  // Ends the call at once (validation failure), before it is registered.
  void Reject(const grpc::Status& status) {
    absl::MutexLock lock(&mu_);
    FinishLocked(status);
  }

  // New events may be in the store.
  void Wake() {
    absl::MutexLock lock(&mu_);
    PumpLocked();
  }

  void Stop(const grpc::Status& status) {
    absl::MutexLock lock(&mu_);
    FinishLocked(status);
  }

  void OnWriteDone(bool ok) override {
    absl::MutexLock lock(&mu_);
    writing_ = false;
    if (!ok) {
      FinishLocked(grpc::Status(grpc::StatusCode::CANCELLED,
                                "the client stopped reading"));
      return;
    }
    buffer_.pop_front();
    PumpLocked();
  }

  void OnCancel() override {
    absl::MutexLock lock(&mu_);
    FinishLocked(grpc::Status(grpc::StatusCode::CANCELLED,
                              "cancelled or deadline passed"));
  }

  void OnDone() override {
    if (registered_) hub_->Remove(this);
    if (finished_cb_) finished_cb_(status_);
    delete this;
  }

  void set_registered() { registered_ = true; }

 private:
  void FinishLocked(const grpc::Status& status)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    if (finished_) return;
    finished_ = true;
    status_ = status;
    Finish(status);
  }

  // Fills the buffer from the store when it is empty and starts the next
  // write; idle (until Wake) when the client has seen every event.
  void PumpLocked() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    if (finished_ || writing_) return;
    while (buffer_.empty()) {
      absl::StatusOr<std::vector<store::WatchEventRecord>> page =
          hub_->store_->ReadEvents(cursor_, kWatchPage);
      if (!page.ok()) {
        FinishLocked(ToGrpcStatus(page.status()));
        return;
      }
      if (page->empty()) return;  // caught up
      for (const store::WatchEventRecord& e : *page) {
        cursor_ = e.seq;
        if (!filter_.empty() && !filter_.contains(e.watch_id)) continue;
        EventToProto(e, &buffer_.emplace_back());
      }
    }
    writing_ = true;
    StartWrite(&buffer_.front());
  }

  WatchHub* const hub_;
  absl::Mutex mu_;
  int64_t cursor_ ABSL_GUARDED_BY(mu_);
  const absl::flat_hash_set<std::string> filter_;
  std::deque<v1::WatchEvent> buffer_ ABSL_GUARDED_BY(mu_);
  bool writing_ ABSL_GUARDED_BY(mu_) = false;
  bool finished_ ABSL_GUARDED_BY(mu_) = false;
  grpc::Status status_;
  bool registered_ = false;
  std::function<void(const grpc::Status&)> finished_cb_;
};

WatchHub::WatchHub(store::Store* store, const Limits& limits)
    : store_(store), limits_(limits) {}

grpc::ServerWriteReactor<v1::WatchEvent>* WatchHub::Open(
    grpc::CallbackServerContext* ctx, const v1::WatchRequest* req,
    std::function<void(const grpc::Status&)> finished) {
  auto* stream = new WatchStream(this, *req, std::move(finished));
  absl::Status s = ValidateRequest(*req, limits_);
  if (s.ok()) {
    absl::MutexLock lock(&mu_);
    if (shutting_down_) {
      s = absl::UnavailableError("the server is draining; reconnect");
    } else if (static_cast<int>(streams_.size()) >= limits_.max_watch_streams) {
      s = absl::ResourceExhaustedError(
          absl::StrCat("at most ", limits_.max_watch_streams,
                       " Watch streams at a time; try later"));
    } else {
      streams_.insert(stream);
      stream->set_registered();
    }
  }
  if (!s.ok()) {
    stream->Reject(ToGrpcStatus(s));
    return stream;
  }
  stream->Wake();  // the backlog after the cursor
  return stream;
}

void WatchHub::Notify() {
  absl::MutexLock lock(&mu_);
  for (WatchStream* s : streams_) s->Wake();
}

void WatchHub::Shutdown() {
  absl::MutexLock lock(&mu_);
  shutting_down_ = true;
  for (WatchStream* s : streams_) {
    s->Stop(grpc::Status(grpc::StatusCode::UNAVAILABLE,
                         "the server is draining; reconnect and resume from "
                         "the last sequence"));
  }
}

void WatchHub::Remove(WatchStream* stream) {
  absl::MutexLock lock(&mu_);
  streams_.erase(stream);
}

store::WatchMatcher MakeWatchMatcher() {
  return [](const store::WatchRecord& watch, const store::QuoteRecord& quote,
            store::WatchEventRecord* event) {
    const std::optional<verify::WatchJudgement> j =
        verify::JudgeOccurrence(watch.text, watch.speaker, ToOccurrence(quote));
    if (!j.has_value()) return false;
    event->kind = j->conflict ? store::WatchEventKind::kConflict
                              : store::WatchEventKind::kOccurrence;
    event->verdict = static_cast<int>(j->verdict);
    event->score = j->score;
    event->summary = j->summary;
    return true;
  };
}

absl::Status RecordConflictEvent(store::Store* store,
                                 const store::QuoteRecord& occurrence,
                                 absl::string_view summary) {
  std::vector<store::WatchEventRecord> events(1);
  events[0].kind = store::WatchEventKind::kConflict;
  events[0].occurrence = occurrence;
  events[0].summary = std::string(summary);
  return store->RecordEvents(&events);
}

absl::Status QueryCore::RegisterWatch(const v1::RegisterWatchRequest& req,
                                      v1::WatchRegistration* resp) const {
  CC_RETURN_IF_ERROR(ValidateRequest(req, limits_));
  CC_ASSIGN_OR_RETURN(
      store::WatchRecord w,
      store_->AddWatch(req.text(), req.speaker(), limits_.max_watches));
  WatchToProto(w, resp);
  return absl::OkStatus();
}

absl::Status QueryCore::UnregisterWatch(const v1::UnregisterWatchRequest& req,
                                        v1::UnregisterWatchResponse*) const {
  CC_RETURN_IF_ERROR(ValidateRequest(req, limits_));
  return store_->RemoveWatch(req.watch_id());
}

absl::Status QueryCore::ListWatches(const v1::ListWatchesRequest&,
                                    v1::ListWatchesResponse* resp) const {
  CC_ASSIGN_OR_RETURN(std::vector<store::WatchRecord> watches,
                      store_->ListWatches());
  for (const store::WatchRecord& w : watches) {
    WatchToProto(w, resp->add_watches());
  }
  return absl::OkStatus();
}

}  // namespace claimcheck::api
