#include "server/store/page_token.h"

#include <string>

#include "gtest/gtest.h"
#include "server/store/sha256.h"
#include "tests/status_matchers.h"

namespace claimcheck::store {
namespace {

using ::claimcheck::testing::StatusIs;

TEST(Sha256Test, KnownVectors) {
  struct Case {
    std::string in;
    const char* hex;
  };
  const Case kCases[] = {
      {"", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},
      {"abc",
       "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"},
      {"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
       "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"},
      {std::string(1000000, 'a'),
       "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"},
      // 55, 56, 63 and 64 bytes: the padding edge cases.
      {std::string(55, 'x'),
       "d5e285683cd4efc02d021a5c62014694958901005d6f71e89e0989fac77e4072"},
      {std::string(56, 'x'),
       "04c26261370ee7541549d16dee320c723e3fd14671e66a099afe0a377c16888e"},
      {std::string(63, 'x'),
       "75220b47218278e656f2013bb8f0c455a25eaf01e86c64924e9d48d89776d6f2"},
      {std::string(64, 'x'),
       "7ce100971f64e7001e8fe5a51973ecdfe1ced42befe7ee8d5fd6219506b5393c"},
  };
  for (const Case& c : kCases) {
    SCOPED_TRACE(c.in.size());
    EXPECT_EQ(Sha256Hex(c.in), c.hex);
  }
}

TEST(PageTokenTest, RoundTrips) {
  const PageCursor in{"2026-02-08", "s_0123", -42};
  const std::string token =
      EncodePageToken("secret", PageKind::kClaims, 77, in);
  absl::StatusOr<PageCursor> out =
      DecodePageToken("secret", PageKind::kClaims, 77, token);
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_EQ(out->key, in.key);
  EXPECT_EQ(out->id, in.id);
  EXPECT_EQ(out->seq, in.seq);
  // Binary and long keys survive too.
  const PageCursor odd{std::string("a\0b\xff", 4), std::string(300, 'z'), 1};
  out = DecodePageToken("k", PageKind::kSpeakers, 1,
                        EncodePageToken("k", PageKind::kSpeakers, 1, odd));
  ASSERT_TRUE(out.ok());
  EXPECT_EQ(out->key, odd.key);
  EXPECT_EQ(out->id, odd.id);
}

TEST(PageTokenTest, RejectsAnythingElse) {
  const std::string token =
      EncodePageToken("secret", PageKind::kClaims, 77, {"k", "i", 5});
  const struct {
    std::string secret;
    PageKind kind;
    uint64_t fingerprint;
    std::string token;
  } kCases[] = {
      {"other", PageKind::kClaims, 77, token},
      {"secret", PageKind::kSpeakers, 77, token},
      {"secret", PageKind::kClaims, 78, token},
      {"secret", PageKind::kClaims, 77, ""},
      {"secret", PageKind::kClaims, 77, "%%%"},
      {"secret", PageKind::kClaims, 77, token.substr(1)},
      {"secret", PageKind::kClaims, 77, token + "AA"},
      {"secret", PageKind::kClaims, 77, std::string(10000, 'A')},
  };
  for (const auto& c : kCases) {
    absl::StatusOr<PageCursor> got =
        DecodePageToken(c.secret, c.kind, c.fingerprint, c.token);
    EXPECT_THAT(got, StatusIs(absl::StatusCode::kInvalidArgument));
    EXPECT_EQ(got.status().message(), "page_token is invalid");
  }
}

TEST(PageTokenTest, FingerprintSeparatesParts) {
  EXPECT_NE(QueryFingerprint({"ab", "c"}), QueryFingerprint({"a", "bc"}));
  EXPECT_EQ(QueryFingerprint({"a", "b"}), QueryFingerprint({"a", "b"}));
}

}  // namespace
}  // namespace claimcheck::store
