#include "server/api/server.h"

#include <grpcpp/ext/proto_server_reflection_plugin.h>
#include <grpcpp/health_check_service_interface.h>
#include <grpcpp/security/server_credentials.h>
#include <grpcpp/server_builder.h>

#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "grpc/health/v1/health.pb.h"
#include "server/store/open_store.h"

namespace claimcheck::api {
namespace {

absl::StatusOr<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    return absl::InvalidArgumentError(absl::StrCat("cannot read ", path));
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

Server::Server() = default;
Server::~Server() { Shutdown(absl::Seconds(1)); }

absl::Status Server::BuildAndStart(const Options& options) {
  store::StoreOptions so;
  // Speaker identity: spelling variants merge on ingest, on evidence.
  so.merge_rule = DefaultSpeakerMergeRule();
  // Watch: new quotes are judged against the registrations at ingest.
  so.watch_matcher = MakeWatchMatcher();
  so.cache_dir = options.replica_cache_dir;
  absl::StatusOr<std::unique_ptr<store::Store>> st =
      store::OpenStore(options.db_path, so);
  if (!st.ok()) return st.status();
  store_ = std::move(*st);
  ServiceOptions service_options = options.service;
  if (!options.metrics_listen.empty()) {
    absl::StatusOr<std::unique_ptr<Metrics>> m =
        Metrics::Start(options.metrics_listen);
    if (!m.ok()) return m.status();
    metrics_ = std::move(*m);
    service_options.metrics = metrics_.get();
  }
  service_ = std::make_unique<ClaimCheckService>(store_.get(), service_options);

  std::shared_ptr<grpc::ServerCredentials> creds =
      grpc::InsecureServerCredentials();
  if (!options.tls_cert_file.empty() || !options.tls_key_file.empty()) {
    grpc::SslServerCredentialsOptions ssl;
    absl::StatusOr<std::string> cert = ReadFile(options.tls_cert_file);
    if (!cert.ok()) return cert.status();
    absl::StatusOr<std::string> key = ReadFile(options.tls_key_file);
    if (!key.ok()) return key.status();
    ssl.pem_key_cert_pairs.push_back({*key, *cert});
    if (!options.tls_client_ca_file.empty()) {
      absl::StatusOr<std::string> ca = ReadFile(options.tls_client_ca_file);
      if (!ca.ok()) return ca.status();
      ssl.pem_root_certs = *ca;
      ssl.client_certificate_request =
          GRPC_SSL_REQUEST_AND_REQUIRE_CLIENT_CERTIFICATE_AND_VERIFY;
    }
    creds = grpc::SslServerCredentials(ssl);
  }

  // Referencing the descriptor links health.pb.cc, so reflection lists
  // grpc.health.v1.Health.
  (void)grpc::health::v1::HealthCheckRequest::descriptor();
  grpc::EnableDefaultHealthCheckService(true);
  grpc::reflection::InitProtoReflectionServerBuilderPlugin();

  grpc::ServerBuilder builder;
  // A second server on the same port must fail, not share the traffic.
  builder.AddChannelArgument(GRPC_ARG_ALLOW_REUSEPORT, 0);
  builder.AddListeningPort(options.listen, creds, &bound_port_);
  builder.RegisterService(service_.get());
  const int max_receive =
      options.max_receive_bytes > 0
          ? options.max_receive_bytes
          : static_cast<int>(options.service.limits.max_text_bytes +
                             (64 << 10));
  builder.SetMaxReceiveMessageSize(max_receive);
  server_ = builder.BuildAndStart();
  if (server_ == nullptr || bound_port_ == 0) {
    server_.reset();
    return absl::UnavailableError(
        absl::StrCat("cannot listen on ", options.listen));
  }
  server_->GetHealthCheckService()->SetServingStatus(true);
  shut_down_ = false;
  return absl::OkStatus();
}

void Server::Shutdown(absl::Duration drain) {
  if (server_ == nullptr || shut_down_) return;
  shut_down_ = true;
  server_->GetHealthCheckService()->SetServingStatus(false);
  // Watch streams never end by themselves: end them so the drain can.
  service_->watch_hub().Shutdown();
  server_->Shutdown(std::chrono::system_clock::now() +
                    absl::ToChronoMilliseconds(drain));
  server_->Wait();
  service_.reset();  // drains the ingest pipeline
}

void Server::Wait() {
  if (server_ != nullptr) server_->Wait();
}

}  // namespace claimcheck::api
