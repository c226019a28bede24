// Requests and responses as bytes: the service takes every request as a
// grpc::ByteBuffer and parses it itself, so a request that does not parse
// gets INVALID_ARGUMENT naming the problem (and is logged and counted like
// any call) instead of gRPC's bare UNIMPLEMENTED. Pure; thread-safe.
#ifndef CLAIMCHECK_SERVER_API_RAW_MESSAGE_H_
#define CLAIMCHECK_SERVER_API_RAW_MESSAGE_H_

#include <grpcpp/support/byte_buffer.h>

#include <cstddef>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/message.h"

namespace claimcheck::api {

// Parses `in` into `out`. INVALID_ARGUMENT "request is not a valid
// claimcheck.v1.X: article.text is not valid UTF-8" (the first string field
// holding invalid UTF-8, or "malformed protobuf" when the bytes themselves
// are broken).
absl::Status ParseRequest(const grpc::ByteBuffer& in,
                          google::protobuf::Message* out);

// Why `bytes` does not parse as `type`: the path of the first string field
// with invalid UTF-8 ("article.text is not valid UTF-8"), or "malformed
// protobuf".
std::string ExplainParseFailure(const google::protobuf::Descriptor* type,
                                absl::string_view bytes);

// Serializes `msg` into `out`. RESOURCE_EXHAUSTED when it is larger than
// `max_bytes` (what default clients accept), naming the size.
absl::Status SerializeResponse(const google::protobuf::Message& msg,
                               size_t max_bytes, grpc::ByteBuffer* out);

}  // namespace claimcheck::api

#endif  // CLAIMCHECK_SERVER_API_RAW_MESSAGE_H_
