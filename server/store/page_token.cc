#include "server/store/page_token.h"

#include <array>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "server/store/sha256.h"

namespace claimcheck::store {
namespace {

constexpr uint8_t kVersion = 1;
constexpr size_t kCheckBytes = 8;

absl::Status Invalid() {
  return absl::InvalidArgumentError("page_token is invalid");
}

void PutFixed64(std::string* out, uint64_t v) {
  for (int i = 0; i < 8; ++i) out->push_back(static_cast<char>(v >> (8 * i)));
}

bool GetFixed64(absl::string_view* in, uint64_t* v) {
  if (in->size() < 8) return false;
  *v = 0;
  for (int i = 0; i < 8; ++i) {
    *v |= uint64_t{static_cast<uint8_t>((*in)[i])} << (8 * i);
  }
  in->remove_prefix(8);
  return true;
}

void PutBytes(std::string* out, absl::string_view s) {
  uint64_t n = s.size();
  while (n >= 0x80) {
    out->push_back(static_cast<char>((n & 0x7f) | 0x80));
    n >>= 7;
  }
  out->push_back(static_cast<char>(n));
  out->append(s.data(), s.size());
}

bool GetBytes(absl::string_view* in, std::string* s) {
  uint64_t n = 0;
  for (int shift = 0;; shift += 7) {
    if (in->empty() || shift > 28) return false;
    const uint8_t b = static_cast<uint8_t>(in->front());
    in->remove_prefix(1);
    n |= uint64_t{b & 0x7fu} << shift;
    if ((b & 0x80) == 0) break;
  }
  if (n > in->size()) return false;
  s->assign(in->data(), n);
  in->remove_prefix(n);
  return true;
}

std::string Check(absl::string_view secret, absl::string_view body) {
  const std::array<uint8_t, 32> digest =
      Sha256(absl::StrCat(secret, "|", body));
  return std::string(reinterpret_cast<const char*>(digest.data()), kCheckBytes);
}

}  // namespace

uint64_t QueryFingerprint(std::initializer_list<absl::string_view> parts) {
  std::string joined;
  for (absl::string_view p : parts) PutBytes(&joined, p);
  const std::array<uint8_t, 32> digest = Sha256(joined);
  uint64_t v = 0;
  for (int i = 0; i < 8; ++i) v |= uint64_t{digest[i]} << (8 * i);
  return v;
}

std::string EncodePageToken(absl::string_view secret, PageKind kind,
                            uint64_t fingerprint, const PageCursor& cursor) {
  std::string body;
  body.push_back(static_cast<char>(kVersion));
  body.push_back(static_cast<char>(kind));
  PutFixed64(&body, fingerprint);
  PutBytes(&body, cursor.key);
  PutBytes(&body, cursor.id);
  PutFixed64(&body, static_cast<uint64_t>(cursor.seq));
  body += Check(secret, body);
  return absl::WebSafeBase64Escape(body);
}

absl::StatusOr<PageCursor> DecodePageToken(absl::string_view secret,
                                           PageKind kind, uint64_t fingerprint,
                                           absl::string_view token) {
  if (token.empty() || token.size() > kMaxPageTokenBytes) return Invalid();
  std::string raw;
  if (!absl::WebSafeBase64Unescape(token, &raw)) return Invalid();
  if (raw.size() < 2 + 8 + 1 + 1 + 8 + kCheckBytes) return Invalid();
  const absl::string_view body(raw.data(), raw.size() - kCheckBytes);
  const absl::string_view check(raw.data() + body.size(), kCheckBytes);
  if (Check(secret, body) != check) return Invalid();

  absl::string_view in = body;
  if (static_cast<uint8_t>(in[0]) != kVersion ||
      static_cast<uint8_t>(in[1]) != static_cast<uint8_t>(kind)) {
    return Invalid();
  }
  in.remove_prefix(2);
  uint64_t got_fingerprint = 0;
  uint64_t seq = 0;
  PageCursor cursor;
  if (!GetFixed64(&in, &got_fingerprint) || got_fingerprint != fingerprint ||
      !GetBytes(&in, &cursor.key) || !GetBytes(&in, &cursor.id) ||
      !GetFixed64(&in, &seq) || !in.empty()) {
    return Invalid();
  }
  cursor.seq = static_cast<int64_t>(seq);
  return cursor;
}

}  // namespace claimcheck::store
