#include "server/api/server.h"

#include <grpcpp/ext/proto_server_reflection_plugin.h>
#include <grpcpp/health_check_service_interface.h>
#include <grpcpp/security/server_credentials.h>
#include <grpcpp/server_builder.h>
#include <netdb.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "grpc/health/v1/health.pb.h"
#include "server/api/conflict_finder.h"
#include "server/base/status_macros.h"
#include "server/store/open_store.h"

namespace claimcheck::api {
namespace {

constexpr char kServiceName[] = "claimcheck.v1.ClaimCheck";

// The contents of the PEM file `path` given by `flag`; errors name both.
absl::StatusOr<std::string> ReadPem(absl::string_view flag,
                                    const std::string& path,
                                    absl::string_view want) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return absl::InvalidArgumentError(absl::StrCat(
        flag, ": cannot read '", path, "': ", std::strerror(errno)));
  }
  std::stringstream ss;
  ss << in.rdbuf();
  std::string pem = ss.str();
  if (pem.find("-----BEGIN") == std::string::npos ||
      pem.find(std::string(want)) == std::string::npos) {
    return absl::InvalidArgumentError(
        absl::StrCat(flag, ": '", path, "' is not a PEM file holding ", want));
  }
  return pem;
}

// Refuses an incomplete TLS configuration, naming the missing flag.
absl::Status CheckTlsOptions(const Server::Options& o) {
  const bool cert = !o.tls_cert_file.empty();
  const bool key = !o.tls_key_file.empty();
  const bool ca = !o.tls_client_ca_file.empty();
  if (cert && !key) {
    return absl::InvalidArgumentError(
        "--tls_cert is set but --tls_key is not: TLS needs both");
  }
  if (key && !cert) {
    return absl::InvalidArgumentError(
        "--tls_key is set but --tls_cert is not: TLS needs both");
  }
  if (ca && !cert) {
    return absl::InvalidArgumentError(
        "--tls_client_ca is set but --tls_cert and --tls_key are not: mTLS "
        "needs all three (refusing to serve plaintext)");
  }
  return absl::OkStatus();
}

absl::StatusOr<std::shared_ptr<grpc::ServerCredentials>> MakeCredentials(
    const Server::Options& o) {
  CC_RETURN_IF_ERROR(CheckTlsOptions(o));
  if (o.tls_cert_file.empty()) return grpc::InsecureServerCredentials();
  grpc::SslServerCredentialsOptions ssl;
  CC_ASSIGN_OR_RETURN(const std::string cert,
                      ReadPem("--tls_cert", o.tls_cert_file, "CERTIFICATE"));
  CC_ASSIGN_OR_RETURN(const std::string key,
                      ReadPem("--tls_key", o.tls_key_file, "PRIVATE KEY"));
  ssl.pem_key_cert_pairs.push_back({key, cert});
  if (!o.tls_client_ca_file.empty()) {
    CC_ASSIGN_OR_RETURN(
        ssl.pem_root_certs,
        ReadPem("--tls_client_ca", o.tls_client_ca_file, "CERTIFICATE"));
    ssl.client_certificate_request =
        GRPC_SSL_REQUEST_AND_REQUIRE_CLIENT_CERTIFICATE_AND_VERIFY;
  }
  return grpc::SslServerCredentials(ssl);
}

// Binds `listen` (HOST:PORT) once and lets go, so that a port in use is
// reported in one line before anything (the database file) is created.
absl::Status CheckCanListen(const std::string& listen) {
  const size_t colon = listen.rfind(':');
  if (colon == std::string::npos) {
    return absl::InvalidArgumentError(
        absl::StrCat("--listen: '", listen, "' is not HOST:PORT"));
  }
  std::string host = listen.substr(0, colon);
  const std::string port = listen.substr(colon + 1);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  addrinfo hints{};
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
  addrinfo* res = nullptr;
  if (int rc = getaddrinfo(host.empty() ? nullptr : host.c_str(), port.c_str(),
                           &hints, &res);
      rc != 0) {
    return absl::InvalidArgumentError(absl::StrCat(
        "--listen: cannot resolve '", listen, "': ", gai_strerror(rc)));
  }
  absl::Status status = absl::OkStatus();
  for (addrinfo* a = res; a != nullptr; a = a->ai_next) {
    const int fd = socket(a->ai_family, a->ai_socktype | SOCK_CLOEXEC, 0);
    if (fd < 0) continue;
    const int one = 1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
    if (bind(fd, a->ai_addr, a->ai_addrlen) != 0) {
      status = absl::UnavailableError(absl::StrCat(
          "--listen: cannot listen on ", listen, ": ", std::strerror(errno)));
    }
    close(fd);
    break;  // the first address is the one gRPC would take
  }
  freeaddrinfo(res);
  return status;
}

}  // namespace

Server::Server() = default;
Server::~Server() { Shutdown(absl::Seconds(1)); }

absl::Status Server::BuildAndStart(const Options& options) {
  // Everything that can be refused is checked before the database exists.
  CC_ASSIGN_OR_RETURN(std::shared_ptr<grpc::ServerCredentials> creds,
                      MakeCredentials(options));
  CC_RETURN_IF_ERROR(CheckCanListen(options.listen));
  store::StoreOptions so;
  // Speaker identity: spelling variants merge on ingest, on evidence.
  so.merge_rule = DefaultSpeakerMergeRule();
  // Watch: new quotes are judged against the registrations at ingest.
  so.watch_matcher = MakeWatchMatcher();
  // Conflicts are kept at ingest (verify decides), so listing is bounded.
  so.conflict_finder = MakeConflictFinder();
  so.cache_dir = options.replica_cache_dir;
  absl::StatusOr<std::unique_ptr<store::Store>> st =
      store::OpenStore(options.db_path, so);
  if (!st.ok()) {
    return absl::Status(
        st.status().code(),
        absl::StrCat("--db '", options.db_path, "': ", st.status().message()));
  }
  store_ = std::move(*st);
  ServiceOptions service_options = options.service;
  if (!options.metrics_listen.empty()) {
    absl::StatusOr<std::unique_ptr<Metrics>> m =
        Metrics::Start(options.metrics_listen);
    if (!m.ok()) {
      return absl::Status(
          m.status().code(),
          absl::StrCat("--metrics_listen '", options.metrics_listen,
                       "': ", m.status().message()));
    }
    metrics_ = std::move(*m);
    service_options.metrics = metrics_.get();
  }
  service_ = std::make_unique<ClaimCheckService>(store_.get(), service_options);

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
        absl::StrCat("--listen: cannot listen on ", options.listen));
  }
  // Health answers for the whole server ("") and for the service by name.
  server_->GetHealthCheckService()->SetServingStatus(kServiceName, true);
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
