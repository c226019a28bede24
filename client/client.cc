#include "client/client.h"

#include <chrono>
#include <fstream>
#include <sstream>
#include <thread>
#include <utility>

#include "absl/strings/str_cat.h"

namespace claimcheck {

absl::Status ToAbslStatus(const grpc::Status& status) {
  if (status.ok()) return absl::OkStatus();
  // grpc::StatusCode and absl::StatusCode share the canonical numbering.
  return absl::Status(static_cast<absl::StatusCode>(status.error_code()),
                      status.error_message());
}

namespace {

absl::StatusOr<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot read ", path));
  std::ostringstream content;
  content << in.rdbuf();
  return content.str();
}

std::chrono::system_clock::time_point DeadlineAfter(absl::Duration d) {
  return absl::ToChronoTime(absl::Now() + d);
}

// Plaintext, TLS (server certificate checked against the given or the
// system's roots) or mTLS (a client certificate too).
absl::StatusOr<std::shared_ptr<grpc::ChannelCredentials>> MakeCredentials(
    const ClientOptions& options) {
  if (options.tls_cert_chain_path.empty() !=
      options.tls_private_key_path.empty()) {
    return absl::InvalidArgumentError(
        "a client certificate needs both --tls_cert and --tls_key");
  }
  if (options.tls_root_cert_path.empty() && !options.use_tls &&
      options.tls_cert_chain_path.empty()) {
    return grpc::InsecureChannelCredentials();
  }
  grpc::SslCredentialsOptions ssl;
  const std::pair<const std::string*, std::string*> files[] = {
      {&options.tls_root_cert_path, &ssl.pem_root_certs},
      {&options.tls_cert_chain_path, &ssl.pem_cert_chain},
      {&options.tls_private_key_path, &ssl.pem_private_key}};
  for (const auto& [path, pem] : files) {
    if (path->empty()) continue;
    absl::StatusOr<std::string> content = ReadFile(*path);
    if (!content.ok()) return content.status();
    *pem = *std::move(content);
  }
  return grpc::SslCredentials(ssl);
}

}  // namespace

absl::StatusOr<std::unique_ptr<Client>> Client::Connect(
    const ClientOptions& options) {
  if (options.target.empty()) {
    return absl::InvalidArgumentError("target is empty; want host:port");
  }
  absl::StatusOr<std::shared_ptr<grpc::ChannelCredentials>> credentials =
      MakeCredentials(options);
  if (!credentials.ok()) return credentials.status();
  grpc::ChannelArguments args;
  args.SetMaxReceiveMessageSize(options.max_receive_message_bytes);
  std::shared_ptr<grpc::Channel> channel =
      grpc::CreateCustomChannel(options.target, *credentials, args);
  return std::make_unique<Client>(options, v1::ClaimCheck::NewStub(channel));
}

Client::Client(const ClientOptions& options,
               std::unique_ptr<v1::ClaimCheck::StubInterface> stub)
    : options_(options), stub_(std::move(stub)) {}

void Client::Prepare(grpc::ClientContext* context,
                     absl::Duration deadline) const {
  if (deadline != absl::InfiniteDuration()) {
    context->set_deadline(DeadlineAfter(deadline));
  }
  if (!options_.bearer_token.empty()) {
    context->AddMetadata("authorization",
                         absl::StrCat("Bearer ", options_.bearer_token));
  }
}

template <typename Request, typename Response>
absl::StatusOr<Response> Client::Call(
    grpc::Status (v1::ClaimCheck::StubInterface::*method)(grpc::ClientContext*,
                                                          const Request&,
                                                          Response*),
    const Request& request) const {
  grpc::ClientContext context;
  Prepare(&context, options_.deadline);
  Response response;
  grpc::Status status = (stub_.get()->*method)(&context, request, &response);
  if (!status.ok()) return ToAbslStatus(status);
  return response;
}

absl::StatusOr<v1::IngestArticleResponse> Client::IngestArticle(
    const v1::IngestArticleRequest& request) const {
  return Call(&v1::ClaimCheck::StubInterface::IngestArticle, request);
}
absl::StatusOr<v1::ExtractTextResponse> Client::ExtractText(
    const v1::ExtractTextRequest& request) const {
  return Call(&v1::ClaimCheck::StubInterface::ExtractText, request);
}
absl::StatusOr<v1::Article> Client::GetArticle(
    const v1::GetArticleRequest& request) const {
  return Call(&v1::ClaimCheck::StubInterface::GetArticle, request);
}
absl::StatusOr<v1::DeleteArticleResponse> Client::DeleteArticle(
    const v1::DeleteArticleRequest& request) const {
  return Call(&v1::ClaimCheck::StubInterface::DeleteArticle, request);
}
absl::StatusOr<v1::SearchQuotesResponse> Client::SearchQuotes(
    const v1::SearchQuotesRequest& request) const {
  return Call(&v1::ClaimCheck::StubInterface::SearchQuotes, request);
}
absl::StatusOr<v1::ListSpeakerQuotesResponse> Client::ListSpeakerQuotes(
    const v1::ListSpeakerQuotesRequest& request) const {
  return Call(&v1::ClaimCheck::StubInterface::ListSpeakerQuotes, request);
}
absl::StatusOr<v1::ListSpeakersResponse> Client::ListSpeakers(
    const v1::ListSpeakersRequest& request) const {
  return Call(&v1::ClaimCheck::StubInterface::ListSpeakers, request);
}
absl::StatusOr<v1::Speaker> Client::GetSpeaker(
    const v1::GetSpeakerRequest& request) const {
  return Call(&v1::ClaimCheck::StubInterface::GetSpeaker, request);
}
absl::StatusOr<v1::VerifyQuoteResponse> Client::VerifyQuote(
    const v1::VerifyQuoteRequest& request) const {
  return Call(&v1::ClaimCheck::StubInterface::VerifyQuote, request);
}
absl::StatusOr<v1::QuoteConsistencyReport> Client::GetQuoteConsistency(
    const v1::GetQuoteConsistencyRequest& request) const {
  return Call(&v1::ClaimCheck::StubInterface::GetQuoteConsistency, request);
}
absl::StatusOr<v1::SpeakerConsistencyReport> Client::GetSpeakerConsistency(
    const v1::GetSpeakerConsistencyRequest& request) const {
  return Call(&v1::ClaimCheck::StubInterface::GetSpeakerConsistency, request);
}
absl::StatusOr<v1::QuantityConsistencyReport> Client::GetQuantityConsistency(
    const v1::GetQuantityConsistencyRequest& request) const {
  return Call(&v1::ClaimCheck::StubInterface::GetQuantityConsistency, request);
}
absl::StatusOr<v1::SearchClaimsResponse> Client::SearchClaims(
    const v1::SearchClaimsRequest& request) const {
  return Call(&v1::ClaimCheck::StubInterface::SearchClaims, request);
}
absl::StatusOr<v1::Stats> Client::GetStats(
    const v1::GetStatsRequest& request) const {
  return Call(&v1::ClaimCheck::StubInterface::GetStats, request);
}
absl::StatusOr<v1::ListConflictsResponse> Client::ListConflicts(
    const v1::ListConflictsRequest& request) const {
  return Call(&v1::ClaimCheck::StubInterface::ListConflicts, request);
}
absl::StatusOr<v1::ListStoriesResponse> Client::ListStories(
    const v1::ListStoriesRequest& request) const {
  return Call(&v1::ClaimCheck::StubInterface::ListStories, request);
}
absl::StatusOr<v1::Story> Client::GetStory(
    const v1::GetStoryRequest& request) const {
  return Call(&v1::ClaimCheck::StubInterface::GetStory, request);
}
absl::StatusOr<v1::ListSpeakerMergesResponse> Client::ListSpeakerMerges(
    const v1::ListSpeakerMergesRequest& request) const {
  return Call(&v1::ClaimCheck::StubInterface::ListSpeakerMerges, request);
}
absl::StatusOr<v1::SpeakerMerge> Client::UndoSpeakerMerge(
    const v1::UndoSpeakerMergeRequest& request) const {
  return Call(&v1::ClaimCheck::StubInterface::UndoSpeakerMerge, request);
}

absl::StatusOr<v1::WatchRegistration> Client::RegisterWatch(
    const v1::RegisterWatchRequest& request) const {
  return Call(&v1::ClaimCheck::StubInterface::RegisterWatch, request);
}

absl::StatusOr<v1::UnregisterWatchResponse> Client::UnregisterWatch(
    const v1::UnregisterWatchRequest& request) const {
  return Call(&v1::ClaimCheck::StubInterface::UnregisterWatch, request);
}

absl::StatusOr<v1::ListWatchesResponse> Client::ListWatches(
    const v1::ListWatchesRequest& request) const {
  return Call(&v1::ClaimCheck::StubInterface::ListWatches, request);
}

absl::Status Client::Watch(
    const v1::WatchRequest& request, absl::Duration duration,
    const std::function<bool(const v1::WatchEvent&)>& on_event) const {
  grpc::ClientContext context;
  Prepare(&context, duration);
  std::unique_ptr<grpc::ClientReaderInterface<v1::WatchEvent>> stream =
      stub_->Watch(&context, request);
  v1::WatchEvent event;
  bool stopped = false;
  while (stream->Read(&event)) {
    if (!on_event(event)) {
      stopped = true;
      context.TryCancel();
      break;
    }
  }
  const grpc::Status status = stream->Finish();
  if (stopped) return absl::OkStatus();
  return ToAbslStatus(status);
}

absl::Status Client::IngestMany(
    const std::vector<v1::IngestArticleRequest>& requests,
    const std::function<void(const v1::IngestArticleResponse&)>& on_ack) const {
  if (requests.empty()) return absl::OkStatus();
  grpc::ClientContext context;
  Prepare(&context, options_.stream_deadline);
  std::unique_ptr<grpc::ClientReaderWriterInterface<v1::IngestArticleRequest,
                                                    v1::IngestArticleResponse>>
      stream = stub_->IngestArticles(&context);

  // The writer runs on its own thread so that neither side of the stream can
  // stall the other under flow control. Write() returns false once the call
  // has ended (e.g. the server failed it), which stops the writer.
  std::thread writer([&stream, &requests] {
    for (const v1::IngestArticleRequest& request : requests) {
      if (!stream->Write(request)) return;
    }
    stream->WritesDone();
  });

  size_t acks = 0;
  bool too_many = false;
  v1::IngestArticleResponse response;
  while (stream->Read(&response)) {
    if (acks == requests.size()) {
      too_many = true;  // The server broke the one-ack-per-request rule.
      context.TryCancel();
      break;
    }
    ++acks;
    if (on_ack) on_ack(response);
  }
  writer.join();
  const grpc::Status status = stream->Finish();
  if (too_many) {
    return absl::InternalError(
        absl::StrCat("server sent more acknowledgements than the ",
                     requests.size(), " articles sent"));
  }
  if (!status.ok()) return ToAbslStatus(status);
  if (acks != requests.size()) {
    return absl::InternalError(absl::StrCat(
        "server acknowledged ", acks, " of ", requests.size(), " articles"));
  }
  return absl::OkStatus();
}

}  // namespace claimcheck
