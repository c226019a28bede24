// Client against an in-process fake ClaimCheck service on port 0: status
// conversion, bearer-token metadata, and the IngestMany stream.
#include "client/client.h"

#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "tests/status_matchers.h"

namespace claimcheck {
namespace {

using ::claimcheck::testing::StatusIs;

class FakeService final : public v1::ClaimCheck::Service {
 public:
  grpc::Status GetStats(grpc::ServerContext* context,
                        const v1::GetStatsRequest*, v1::Stats* out) override {
    const auto& md = context->client_metadata();
    const auto it = md.find("authorization");
    if (it == md.end() || it->second != "Bearer sesame") {
      return grpc::Status(grpc::StatusCode::UNAUTHENTICATED,
                          "missing bearer token");
    }
    out->set_articles(3);
    return grpc::Status::OK;
  }

  grpc::Status GetSpeaker(grpc::ServerContext*, const v1::GetSpeakerRequest* r,
                          v1::Speaker*) override {
    return grpc::Status(grpc::StatusCode::NOT_FOUND,
                        absl::StrCat("speaker \"", r->speaker(), "\" unknown"));
  }

  grpc::Status IngestArticles(
      grpc::ServerContext*,
      grpc::ServerReaderWriter<v1::IngestArticleResponse,
                               v1::IngestArticleRequest>* stream) override {
    v1::IngestArticleRequest request;
    int n = 0;
    while (stream->Read(&request)) {
      v1::IngestArticleResponse ack;
      ack.set_client_ref(request.client_ref());
      if (request.article().text().empty()) {
        ack.set_outcome(v1::INGEST_OUTCOME_REJECTED);
        ack.set_status_code(grpc::StatusCode::INVALID_ARGUMENT);
        ack.set_status_message("article.text is empty");
      } else {
        ack.set_outcome(v1::INGEST_OUTCOME_CREATED);
        ack.set_article_id(absl::StrCat("a", ++n));
        ack.set_version(1);
      }
      if (!stream->Write(ack)) break;
    }
    return grpc::Status::OK;
  }
};

class ClientTest : public ::testing::Test {
 protected:
  void SetUp() override {
    grpc::ServerBuilder builder;
    int port = 0;
    builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(),
                             &port);
    builder.RegisterService(&service_);
    server_ = builder.BuildAndStart();
    ASSERT_NE(server_, nullptr);
    options_.target = absl::StrCat("127.0.0.1:", port);
  }
  void TearDown() override { server_->Shutdown(); }

  std::unique_ptr<Client> Connect() {
    absl::StatusOr<std::unique_ptr<Client>> client = Client::Connect(options_);
    EXPECT_TRUE(client.ok()) << client.status();
    return client.ok() ? *std::move(client) : nullptr;
  }

  FakeService service_;
  std::unique_ptr<grpc::Server> server_;
  ClientOptions options_;
};

TEST_F(ClientTest, SendsBearerToken) {
  options_.bearer_token = "sesame";
  absl::StatusOr<v1::Stats> stats = Connect()->GetStats({});
  ASSERT_TRUE(stats.ok()) << stats.status();
  EXPECT_EQ(stats->articles(), 3);
}

TEST_F(ClientTest, KeepsStatusCodeAndMessage) {
  absl::StatusOr<v1::Stats> stats = Connect()->GetStats({});
  EXPECT_THAT(stats, StatusIs(absl::StatusCode::kUnauthenticated));
  EXPECT_EQ(stats.status().message(), "missing bearer token");

  v1::GetSpeakerRequest request;
  request.set_speaker("Nobody");
  absl::StatusOr<v1::Speaker> speaker = Connect()->GetSpeaker(request);
  EXPECT_THAT(speaker, StatusIs(absl::StatusCode::kNotFound));
  EXPECT_EQ(speaker.status().message(), "speaker \"Nobody\" unknown");
}

TEST_F(ClientTest, UnimplementedRpcIsUnimplemented) {
  absl::StatusOr<v1::ExtractTextResponse> got = Connect()->ExtractText({});
  EXPECT_THAT(got, StatusIs(absl::StatusCode::kUnimplemented));
}

TEST_F(ClientTest, IngestManyAcksEveryRequestInOrder) {
  std::vector<v1::IngestArticleRequest> requests(500);
  for (size_t i = 0; i < requests.size(); ++i) {
    requests[i].set_client_ref(absl::StrCat("ref", i));
    // Every 7th article is invalid; the stream goes on.
    if (i % 7 != 3) {
      requests[i].mutable_article()->set_text(std::string(2000, 'x'));
    }
  }
  std::vector<v1::IngestArticleResponse> acks;
  absl::Status status = Connect()->IngestMany(
      requests,
      [&acks](const v1::IngestArticleResponse& ack) { acks.push_back(ack); });
  ASSERT_TRUE(status.ok()) << status;
  ASSERT_EQ(acks.size(), requests.size());
  for (size_t i = 0; i < acks.size(); ++i) {
    EXPECT_EQ(acks[i].client_ref(), absl::StrCat("ref", i));
    EXPECT_EQ(acks[i].outcome() == v1::INGEST_OUTCOME_REJECTED, i % 7 == 3);
  }
}

TEST_F(ClientTest, IngestManyOfNothingIsOk) {
  int calls = 0;
  EXPECT_TRUE(
      Connect()
          ->IngestMany({},
                       [&calls](const v1::IngestArticleResponse&) { ++calls; })
          .ok());
  EXPECT_EQ(calls, 0);
}

TEST(ClientConnectTest, UnreachableServerIsUnavailable) {
  ClientOptions options;
  options.target = "127.0.0.1:1";
  options.deadline = absl::Seconds(5);
  absl::StatusOr<std::unique_ptr<Client>> client = Client::Connect(options);
  ASSERT_TRUE(client.ok());
  EXPECT_THAT((*client)->GetStats({}),
              StatusIs(absl::StatusCode::kUnavailable));
}

TEST(ClientConnectTest, BadOptions) {
  ClientOptions options;
  options.target = "";
  EXPECT_THAT(Client::Connect(options),
              StatusIs(absl::StatusCode::kInvalidArgument));
  options.target = "localhost:1";
  options.tls_root_cert_path = "/nonexistent/ca.pem";
  EXPECT_THAT(Client::Connect(options), StatusIs(absl::StatusCode::kNotFound));
}

}  // namespace
}  // namespace claimcheck
