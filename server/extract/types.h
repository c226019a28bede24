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
};

// Everything found in one text, each list in document order.
struct Extraction {
  std::vector<Quote> quotes;
  std::vector<Quantity> quantities;
};

}  // namespace claimcheck::extract

#endif  // CLAIMCHECK_SERVER_EXTRACT_TYPES_H_
