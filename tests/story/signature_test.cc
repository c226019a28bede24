#include "server/story/signature.h"

#include <string>

#include "gtest/gtest.h"

namespace claimcheck::story {
namespace {

constexpr char kBridgeA[] =
    "Harbor bridge reopens after repairs. The Harbor Bridge in Port Elms "
    "reopened to traffic on Tuesday after eight months of repairs, Mayor "
    "Elena Marsh said. The repairs cost the city council far less than the "
    "harbor transit authority had feared, and ferry crossings will end.";
constexpr char kBridgeB[] =
    "Port Elms: harbor bridge open again. Traffic crossed the Harbor Bridge "
    "on Tuesday after eight months of repairs. Mayor Elena Marsh thanked the "
    "harbor transit authority; ferry crossings will end next week.";
constexpr char kOther[] =
    "A regional orchestra announced its winter season, with three premieres "
    "and a touring programme of chamber music across northern valleys.";

TEST(SignatureTest, SameEventLinksOtherEventDoesNot) {
  const Signature a = ComputeSignature("", kBridgeA);
  const Signature b = ComputeSignature("", kBridgeB);
  const Signature c = ComputeSignature("", kOther);
  ASSERT_EQ(a.buckets.size(), static_cast<size_t>(kMinHashes));
  EXPECT_GE(Similarity(a.features, b.features), kSameStorySimilarity);
  EXPECT_LT(Similarity(a.features, c.features), kSameStorySimilarity);
  const int64_t day = DayNumber("2026-03-03");
  EXPECT_TRUE(SameStory(a.features, day, b.features, day + 1));
  // Too far apart in time, or one undated.
  EXPECT_FALSE(
      SameStory(a.features, day, b.features, day + kStoryWindowDays + 1));
  EXPECT_FALSE(SameStory(a.features, day, b.features, 0));
  EXPECT_FALSE(SameStory(a.features, day, c.features, day));
}

TEST(SignatureTest, PureAndStable) {
  const Signature a = ComputeSignature("Title", kBridgeA);
  const Signature b = ComputeSignature("Title", kBridgeA);
  EXPECT_EQ(a.features, b.features);
  EXPECT_EQ(a.buckets, b.buckets);
  EXPECT_EQ(DecodeFeatures(EncodeFeatures(a.features)), a.features);
  EXPECT_TRUE(ComputeSignature("", "").buckets.empty());
  for (uint64_t k : a.buckets) EXPECT_LT(k, uint64_t{1} << 63);
}

TEST(SignatureTest, DayNumbers) {
  EXPECT_EQ(DayNumber("1970-01-01"), 0);
  EXPECT_EQ(DayNumber("1970-01-02"), 1);
  EXPECT_EQ(DayNumber("2024-03-01") - DayNumber("2024-02-28"), 2);  // leap
  EXPECT_EQ(DayNumber(""), 0);
  EXPECT_EQ(DayNumber("2024-13-01"), 0);
  EXPECT_EQ(DayNumber("20240301"), 0);
}

}  // namespace
}  // namespace claimcheck::story
