#include "server/store/change_codec.h"

#include "gtest/gtest.h"
#include "tests/status_matchers.h"
#include "tests/store/store_test_util.h"

namespace claimcheck::store {
namespace {

using ::claimcheck::testing::StatusIs;

using ::claimcheck::store::testing::MakeArticle;
using ::claimcheck::store::testing::MakeQuantity;
using ::claimcheck::store::testing::MakeQuote;

Change SampleChange() {
  Change c;
  c.kind = ChangeKind::kPut;
  auto a = MakeArticle("codec");
  a.extraction.quotes.push_back(
      MakeQuote("Talks went well", "Jane Doe", 12, "she", "mayor"));
  a.extraction.quotes[0].relayed_by = "Wire";
  a.extraction.quantities.push_back(
      MakeQuantity("between 1,000 and 3,000 missiles", "missile", std::nullopt,
                   1000.0, 3000.0, extract::Approx::kRange));
  a.extraction.quantities[0].base = 2.5;
  a.extraction.quantities[0].kind = extract::QuantityKind::kCount;
  c.inputs.push_back(a.input);
  c.extractions.push_back(a.extraction);
  c.kind = ChangeKind::kAddWatch;  // two args
  c.args = {"x", ""};
  c.number = -7;
  WatchEventRecord e;
  e.seq = 0;
  e.kind = WatchEventKind::kConflict;
  e.occurrence.id = "q_1";
  e.occurrence.quote.text = "caf\xc3\xa9";
  e.score = 0.25;
  e.created_unix_ms = 1234567890123;
  c.events.push_back(e);
  return c;
}

TEST(ChangeCodecTest, RoundTripsEveryField) {
  const Change in = SampleChange();
  absl::StatusOr<Change> out = DecodeChange(EncodeChange(in));
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_EQ(out->kind, ChangeKind::kAddWatch);
  ASSERT_EQ(out->inputs.size(), 1u);
  EXPECT_EQ(out->inputs[0].text, in.inputs[0].text);
  EXPECT_EQ(out->inputs[0].url, in.inputs[0].url);
  const extract::Quote& q = out->extractions[0].quotes.at(0);
  EXPECT_EQ(q.speaker, "Jane Doe");
  EXPECT_EQ(q.role, "mayor");
  EXPECT_EQ(q.relayed_by, "Wire");
  EXPECT_EQ(q.span, in.extractions[0].quotes[0].span);
  EXPECT_EQ(q.mention_span, in.extractions[0].quotes[0].mention_span);
  EXPECT_FLOAT_EQ(q.confidence, 0.75f);
  const extract::Quantity& n = out->extractions[0].quantities.at(0);
  EXPECT_FALSE(n.value.has_value());
  EXPECT_EQ(n.low, 1000.0);
  EXPECT_EQ(n.high, 3000.0);
  EXPECT_EQ(n.base, 2.5);
  EXPECT_EQ(n.approx, extract::Approx::kRange);
  EXPECT_EQ(n.kind, extract::QuantityKind::kCount);
  EXPECT_EQ(out->args, in.args);
  EXPECT_EQ(out->number, -7);
  ASSERT_EQ(out->events.size(), 1u);
  EXPECT_EQ(out->events[0].kind, WatchEventKind::kConflict);
  EXPECT_EQ(out->events[0].occurrence.quote.text, "caf\xc3\xa9");
  EXPECT_EQ(out->events[0].created_unix_ms, 1234567890123);
}

TEST(ChangeCodecTest, RejectsEveryTruncationAndTrailingBytes) {
  const std::string bytes = EncodeChange(SampleChange());
  for (size_t n = 0; n < bytes.size(); ++n) {
    SCOPED_TRACE(n);
    EXPECT_THAT(DecodeChange(bytes.substr(0, n)),
                StatusIs(absl::StatusCode::kDataLoss));
  }
  EXPECT_THAT(DecodeChange(bytes + "x"), StatusIs(absl::StatusCode::kDataLoss));
  std::string other_format = bytes;
  other_format[0] = 9;
  EXPECT_THAT(DecodeChange(other_format),
              StatusIs(absl::StatusCode::kDataLoss));
}

TEST(ChangeCodecTest, RejectsArgumentsThatDoNotFitTheKind) {
  Change c;
  c.kind = ChangeKind::kMerge;  // needs from, into, reason
  c.args = {"s_1", "s_2"};
  EXPECT_THAT(DecodeChange(EncodeChange(c)),
              StatusIs(absl::StatusCode::kDataLoss));
  c.args.push_back("same person");
  EXPECT_TRUE(DecodeChange(EncodeChange(c)).ok());
}

}  // namespace
}  // namespace claimcheck::store
