// Opaque page tokens for keyset pagination.
//
// A token is web-safe base64 (no padding) of:
//   version (1 byte, = 1) | kind (1 byte) | query fingerprint (8 bytes)
//   | cursor: key (varint length + bytes), id (varint length + bytes),
//     seq (8 bytes little-endian)
//   | check (8 bytes): first 8 bytes of SHA-256(secret | everything before).
// The secret is per database, so a token only opens on the store that issued
// it, for the same kind of listing and the same filters. Anything else
// (garbage, truncation, a flipped bit, another query's token) decodes to
// INVALID_ARGUMENT "page_token is invalid". Pure; thread-safe.
#ifndef CLAIMCHECK_SERVER_STORE_PAGE_TOKEN_H_
#define CLAIMCHECK_SERVER_STORE_PAGE_TOKEN_H_

#include <cstdint>
#include <initializer_list>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace claimcheck::store {

// Which listing a token belongs to.
enum class PageKind : uint8_t {
  kSpeakers = 1,
  kSpeakerQuotes = 2,
  kClaims = 3,
  kConflicts = 4,      // api ListConflicts (token made in server/api)
  kSpeakerMerges = 5,  // ListSpeakerMerges
  kStories = 6,        // ListStories
};

// Where the previous page stopped: the sort key of its last row.
struct PageCursor {
  std::string key;  // e.g. published_date or lower-cased name
  std::string id;   // tie-breaker id, e.g. speaker id
  int64_t seq = 0;  // tie-breaker sequence, e.g. rowid
};

// Tokens longer than this are rejected without decoding.
inline constexpr size_t kMaxPageTokenBytes = 4096;

// A fingerprint of the filters of a query (everything but the page size), so
// a token cannot be replayed against a different query.
uint64_t QueryFingerprint(std::initializer_list<absl::string_view> parts);

std::string EncodePageToken(absl::string_view secret, PageKind kind,
                            uint64_t fingerprint, const PageCursor& cursor);

// INVALID_ARGUMENT "page_token is invalid" on any mismatch.
absl::StatusOr<PageCursor> DecodePageToken(absl::string_view secret,
                                           PageKind kind, uint64_t fingerprint,
                                           absl::string_view token);

}  // namespace claimcheck::store

#endif  // CLAIMCHECK_SERVER_STORE_PAGE_TOKEN_H_
