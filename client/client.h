// A synchronous C++ client for the claimcheck.v1.ClaimCheck gRPC service.
//
// Usage:
//   claimcheck::ClientOptions options;
//   options.target = "localhost:50051";
//   absl::StatusOr<std::unique_ptr<claimcheck::Client>> client =
//       claimcheck::Client::Connect(options);
//   if (!client.ok()) return client.status();
//   claimcheck::v1::VerifyQuoteRequest request;
//   request.set_text("never negotiable");
//   absl::StatusOr<claimcheck::v1::VerifyQuoteResponse> verdict =
//       (*client)->VerifyQuote(request);
//
// Every method is one RPC with the per-call deadline from ClientOptions (the
// streaming IngestMany uses `stream_deadline`). A failed RPC comes back as an
// absl::Status with the same code and message as the grpc::Status.
//
// Thread safety: a Client is safe for concurrent use from multiple threads
// without external synchronization (gRPC channels and stubs are). Connect()
// does not block on the network: an unreachable server shows up as
// UNAVAILABLE on the first call.
#ifndef CLAIMCHECK_CLIENT_CLIENT_H_
#define CLAIMCHECK_CLIENT_CLIENT_H_

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "claimcheck/v1/claimcheck.grpc.pb.h"
#include "claimcheck/v1/claimcheck.pb.h"
#include "grpcpp/grpcpp.h"

namespace claimcheck {

// How to reach the server. A plain struct: fill in what differs from the
// defaults.
struct ClientOptions {
  // Server address, "host:port" (any gRPC target URI also works).
  std::string target = "localhost:50051";
  // Bearer token sent as `authorization: Bearer <token>` on every call;
  // empty sends none.
  std::string bearer_token;
  // Path to a PEM file of root certificates. Non-empty switches to TLS.
  std::string tls_root_cert_path;
  // Use TLS with the system's root certificates when no cert path is given.
  bool use_tls = false;
  // mTLS: PEM files of this client's certificate chain and its private key.
  // Both or neither; either switches to TLS.
  std::string tls_cert_chain_path;
  std::string tls_private_key_path;
  // Deadline of each unary call, measured from the start of the call.
  absl::Duration deadline = absl::Seconds(10);
  // Deadline of a whole IngestMany stream.
  absl::Duration stream_deadline = absl::Minutes(30);
  // Largest response accepted, in bytes (articles with full text can be big).
  int max_receive_message_bytes = 64 << 20;
};

// Converts a gRPC status to an absl::Status with the same code and message.
// The one place the client maps statuses.
absl::Status ToAbslStatus(const grpc::Status& status);

class Client {
 public:
  // Creates a client for `options.target`. Fails with INVALID_ARGUMENT for an
  // empty target or a client certificate without its key (or the reverse),
  // and NOT_FOUND when a TLS file cannot be read.
  static absl::StatusOr<std::unique_ptr<Client>> Connect(
      const ClientOptions& options);

  // For tests: a client over any stub (e.g. a mock). Takes ownership.
  Client(const ClientOptions& options,
         std::unique_ptr<v1::ClaimCheck::StubInterface> stub);

  Client(const Client&) = delete;
  Client& operator=(const Client&) = delete;

  // One method per RPC; see proto/claimcheck/v1/claimcheck.proto.
  absl::StatusOr<v1::IngestArticleResponse> IngestArticle(
      const v1::IngestArticleRequest& request) const;
  absl::StatusOr<v1::ExtractTextResponse> ExtractText(
      const v1::ExtractTextRequest& request) const;
  absl::StatusOr<v1::Article> GetArticle(
      const v1::GetArticleRequest& request) const;
  absl::StatusOr<v1::DeleteArticleResponse> DeleteArticle(
      const v1::DeleteArticleRequest& request) const;
  absl::StatusOr<v1::SearchQuotesResponse> SearchQuotes(
      const v1::SearchQuotesRequest& request) const;
  absl::StatusOr<v1::ListSpeakerQuotesResponse> ListSpeakerQuotes(
      const v1::ListSpeakerQuotesRequest& request) const;
  absl::StatusOr<v1::ListSpeakersResponse> ListSpeakers(
      const v1::ListSpeakersRequest& request) const;
  absl::StatusOr<v1::Speaker> GetSpeaker(
      const v1::GetSpeakerRequest& request) const;
  absl::StatusOr<v1::VerifyQuoteResponse> VerifyQuote(
      const v1::VerifyQuoteRequest& request) const;
  absl::StatusOr<v1::QuoteConsistencyReport> GetQuoteConsistency(
      const v1::GetQuoteConsistencyRequest& request) const;
  absl::StatusOr<v1::SpeakerConsistencyReport> GetSpeakerConsistency(
      const v1::GetSpeakerConsistencyRequest& request) const;
  absl::StatusOr<v1::QuantityConsistencyReport> GetQuantityConsistency(
      const v1::GetQuantityConsistencyRequest& request) const;
  absl::StatusOr<v1::SearchClaimsResponse> SearchClaims(
      const v1::SearchClaimsRequest& request) const;
  absl::StatusOr<v1::Stats> GetStats(const v1::GetStatsRequest& request) const;
  absl::StatusOr<v1::ListConflictsResponse> ListConflicts(
      const v1::ListConflictsRequest& request) const;
  absl::StatusOr<v1::ListStoriesResponse> ListStories(
      const v1::ListStoriesRequest& request) const;
  absl::StatusOr<v1::Story> GetStory(const v1::GetStoryRequest& request) const;
  absl::StatusOr<v1::ListSpeakerMergesResponse> ListSpeakerMerges(
      const v1::ListSpeakerMergesRequest& request) const;
  absl::StatusOr<v1::SpeakerMerge> UndoSpeakerMerge(
      const v1::UndoSpeakerMergeRequest& request) const;
  absl::StatusOr<v1::WatchRegistration> RegisterWatch(
      const v1::RegisterWatchRequest& request) const;
  absl::StatusOr<v1::UnregisterWatchResponse> UnregisterWatch(
      const v1::UnregisterWatchRequest& request) const;
  absl::StatusOr<v1::ListWatchesResponse> ListWatches(
      const v1::ListWatchesRequest& request) const;

  // Opens one Watch stream and calls `on_event` for each event, in order,
  // until it returns false (then the call is cancelled and OK returned),
  // the server ends the stream, or `duration` passes (infinite: no
  // deadline; DEADLINE_EXCEEDED when it passes). Returns the stream's status.
  // To resume after an error, call again with `after_sequence` set to the
  // last event's sequence.
  absl::Status Watch(
      const v1::WatchRequest& request, absl::Duration duration,
      const std::function<bool(const v1::WatchEvent&)>& on_event) const;

  // Ingests `requests` over one IngestArticles stream: a writer thread sends
  // them all while this thread reads the acks. `on_ack` is called on the
  // calling thread once per request, in request order; a rejected article is
  // an ack with a non-zero `status_code`, not an error. Returns the stream's
  // status: OK only when every request was acknowledged.
  absl::Status IngestMany(
      const std::vector<v1::IngestArticleRequest>& requests,
      const std::function<void(const v1::IngestArticleResponse&)>& on_ack)
      const;

 private:
  // Sets deadline and credentials metadata on a fresh context.
  void Prepare(grpc::ClientContext* context, absl::Duration deadline) const;

  template <typename Request, typename Response>
  absl::StatusOr<Response> Call(
      grpc::Status (v1::ClaimCheck::StubInterface::*method)(
          grpc::ClientContext*, const Request&, Response*),
      const Request& request) const;

  const ClientOptions options_;
  const std::unique_ptr<v1::ClaimCheck::StubInterface> stub_;
};

}  // namespace claimcheck

#endif  // CLAIMCHECK_CLIENT_CLIENT_H_
