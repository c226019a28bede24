#include "server/api/raw_message.h"

#include <grpcpp/support/slice.h>

#include <vector>

#include "absl/strings/str_cat.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/io/coded_stream.h"
#include "google/protobuf/wire_format_lite.h"
#include "server/extract/utf8.h"

namespace claimcheck::api {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::internal::WireFormatLite;

// Nesting the walk follows; deeper messages are not looked into.
constexpr int kMaxDepth = 8;

// Sets `*why` and returns true at the first problem found in `bytes`.
bool FindProblem(const Descriptor* type, absl::string_view bytes,
                 const std::string& prefix, int depth, std::string* why) {
  google::protobuf::io::CodedInputStream in(
      reinterpret_cast<const uint8_t*>(bytes.data()),
      static_cast<int>(bytes.size()));
  while (uint32_t tag = in.ReadTag()) {
    const FieldDescriptor* f = type->FindFieldByNumber(
        static_cast<int>(WireFormatLite::GetTagFieldNumber(tag)));
    const std::string name =
        prefix + (f != nullptr ? f->name() : absl::StrCat("field ", tag >> 3));
    if (WireFormatLite::GetTagWireType(tag) !=
        WireFormatLite::WIRETYPE_LENGTH_DELIMITED) {
      if (!WireFormatLite::SkipField(&in, tag)) {
        *why = absl::StrCat(name, ": malformed protobuf");
        return true;
      }
      continue;
    }
    uint32_t len = 0;
    std::string value;
    if (!in.ReadVarint32(&len) || !in.ReadString(&value, len)) {
      *why = absl::StrCat(name, ": malformed protobuf (truncated)");
      return true;
    }
    if (f == nullptr) continue;
    if (f->type() == FieldDescriptor::TYPE_STRING &&
        !extract::IsValidUtf8(value)) {
      *why = absl::StrCat(name, " is not valid UTF-8");
      return true;
    }
    if (f->type() == FieldDescriptor::TYPE_MESSAGE && depth < kMaxDepth &&
        FindProblem(f->message_type(), value, name + ".", depth + 1, why)) {
      return true;
    }
  }
  if (!in.ConsumedEntireMessage()) {
    *why = "malformed protobuf";
    return true;
  }
  return false;
}

}  // namespace

std::string ExplainParseFailure(const Descriptor* type,
                                absl::string_view bytes) {
  std::string why;
  if (FindProblem(type, bytes, "", 0, &why)) return why;
  return "malformed protobuf";
}

absl::Status ParseRequest(const grpc::ByteBuffer& in,
                          google::protobuf::Message* out) {
  std::vector<grpc::Slice> slices;
  std::string bytes;
  if (in.Dump(&slices).ok()) {
    bytes.reserve(in.Length());
    for (const grpc::Slice& s : slices) {
      bytes.append(reinterpret_cast<const char*>(s.begin()), s.size());
    }
  }
  if (out->ParseFromString(bytes)) return absl::OkStatus();
  return absl::InvalidArgumentError(
      absl::StrCat("request is not a valid ", out->GetDescriptor()->full_name(),
                   ": ", ExplainParseFailure(out->GetDescriptor(), bytes)));
}

absl::Status SerializeResponse(const google::protobuf::Message& msg,
                               size_t max_bytes, grpc::ByteBuffer* out) {
  const size_t size = msg.ByteSizeLong();
  if (size > max_bytes) {
    return absl::ResourceExhaustedError(
        absl::StrCat("response of ", size, " bytes is over the ", max_bytes,
                     "-byte response limit (--max_response_bytes)"));
  }
  std::string bytes;
  msg.SerializeToString(&bytes);
  grpc::Slice slice(std::move(bytes));
  *out = grpc::ByteBuffer(&slice, 1);
  return absl::OkStatus();
}

}  // namespace claimcheck::api
