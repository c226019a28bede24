// SHA-256 (FIPS 180-4), used for article content hashes, stable ids and the
// page-token check. Pure; thread-safe. Not constant-time; not for secrets
// that an attacker can time.
#ifndef CLAIMCHECK_SERVER_STORE_SHA256_H_
#define CLAIMCHECK_SERVER_STORE_SHA256_H_

#include <array>
#include <cstdint>
#include <string>

#include "absl/strings/string_view.h"

namespace claimcheck::store {

// The 32-byte digest of `data`.
std::array<uint8_t, 32> Sha256(absl::string_view data);

// The digest as 64 lower-case hex characters.
std::string Sha256Hex(absl::string_view data);

}  // namespace claimcheck::store

#endif  // CLAIMCHECK_SERVER_STORE_SHA256_H_
