// Plain result types of the extractor: what was found in one article.
// Value types, no behaviour. Every Span is a UTF-8 byte range [begin, end)
// into the caller's original text, never into a normalised copy.
#ifndef CLAIMCHECK_SERVER_EXTRACT_TYPES_H_
#define CLAIMCHECK_SERVER_EXTRACT_TYPES_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace claimcheck::extract {

// A half-open byte range [begin, end) in the original text.
struct Span {
  uint32_t begin = 0;
  uint32_t end = 0;
  bool empty() const { return end <= begin; }
  uint32_t size() const { return end > begin ? end - begin : 0; }
  friend bool operator==(const Span& a, const Span& b) {
    return a.begin == b.begin && a.end == b.end;
  }
};

enum class SpeakerKind { kUnknown = 0, kPerson = 1, kOrganization = 2 };

// A direct quotation and who it is attributed to.
struct Quote {
  std::string text;      // exactly the bytes between the quotation marks
  Span span;             // of `text` (marks excluded)
  bool partial = false;  // fragment inside indirect speech: called it "x"

  // Attribution. `speaker` empty means nobody was found.
  std::string speaker;  // canonical within the article: "Abbas Araghchi"
  SpeakerKind speaker_kind = SpeakerKind::kUnknown;
  std::string speaker_mention;  // as written: "he", "Mr. Araghchi"
  Span mention_span;            // of the mention; empty when none
  std::string role;             // "Iranian Foreign Minister"; may be empty
  std::string channel;          // "posted on X", "in a CENTCOM statement"
  std::string relayed_by;       // "Al Jazeera" for "according to Al Jazeera"
  std::string cue;              // speech verb: "said", "told", "posted"
  std::string rule;             // which rule chose the speaker
  float confidence = 0;         // 0..1
};

// How a numeric value is qualified. Values match the proto enum.
enum class Approx {
  kExact = 0,
  kAbout = 1,
  kLowerBound = 2,  // more than, at least, over
  kUpperBound = 3,  // up to, under, less than
  kRange = 4,       // between A and B, A-B
  kVague = 5,       // thousands of, dozens
};

// What sort of quantity a claim states. Values match the proto enum.
// Which kinds compare with which is decided by the query and verify layers.
enum class QuantityKind {
  kUnknown = 0,
  kNumber = 1,    // a bare number that counts nothing named: "192", "1/2"
  kCount = 2,     // things counted: "60 missiles", "two new jets"
  kMoney = 3,     // unit is an ISO 4217 code (or "pence", "cents")
  kPercent = 4,   // percent or percentage points
  kFraction = 5,  // "a quarter of", "one in three"
  kMeasure = 6,   // a unit of measure: "5 km", "64GB", "-260 degF"
  kDuration = 7,  // time spans: "three months", "a 24 hour cycle"
  kRate = 8,      // per something: "30Mbps", "15.3 ppg", "$5 a month"
  kAge = 9,       // "Maddon, 66", "a 15-year-old", "aged 40"
  kRank = 10,     // "world number two", "the top three" (not ordinals)
};

// Direction of a change the sentence reports about the quantity.
enum class ChangeDirection { kNone = 0, kUp = 1, kDown = 2 };

// A numeric claim: a quantity of something.
struct Quantity {
  std::string
      surface;  // as written: "up to 60 intercontinental ballistic missiles"
  Span span;    // of `surface`
  std::optional<double> value;  // point value, if the claim states one
  std::optional<double> low;    // lower end, if bounded below
  std::optional<double> high;   // upper end, if bounded above
  Approx approx = Approx::kExact;
  std::string qualifier;    // "up to", "about", "between"; may be empty
  bool vague = false;       // "thousands of": no point value
  std::string unit;         // thing counted as written, or "USD", "percent"
  std::string unit_key;     // comparable: lower case, singular head
  std::string subject;      // "Iran"; may be empty
  std::string time;         // "by 2035", "last year"; may be empty
  std::string asserted_by;  // "A Defense Intelligence Agency report"
  int quote_index = -1;     // index into Extraction::quotes, or -1

  QuantityKind kind = QuantityKind::kUnknown;
  // "rose 5% to $3 billion": the 5% has change kUp and is_delta (the size of
  // the change); the $3 billion has change kUp and is the level reached.
  // "fell from 208 to 193": the 193 has change kDown and base 208.
  ChangeDirection change = ChangeDirection::kNone;
  bool is_delta = false;       // the amount of a change, not a level
  std::optional<double> base;  // the level the change started from
  // `time` resolved against the article's date by ResolveTimes (numbers.h):
  // "YYYY", "YYYY-MM" or "YYYY-MM-DD"; empty when unknown or unresolved.
  std::string time_resolved;
};

// Everything found in one text, each list in document order.
struct Extraction {
  std::vector<Quote> quotes;
  std::vector<Quantity> quantities;
};

}  // namespace claimcheck::extract

#endif  // CLAIMCHECK_SERVER_EXTRACT_TYPES_H_
