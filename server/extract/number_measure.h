// Units of measure written after a number, as symbols or words: "64GB",
// "30Mbps", "15kHz", "450 Nm", "332 lb-ft", "9 ksi", "4 ppb", "352 μm",
// "2.14degF", "-260 degrees Fahrenheit", "80 m.p.h.", "570 sq m", "24703m2",
// "15.3 ppg". Symbols are matched case-sensitively ("MB" is megabytes, "mb"
// is not read); the word table is constant, so this is pure and thread-safe.
#ifndef CLAIMCHECK_SERVER_EXTRACT_NUMBER_MEASURE_H_
#define CLAIMCHECK_SERVER_EXTRACT_NUMBER_MEASURE_H_

#include <cstddef>
#include <vector>

#include "absl/strings/string_view.h"
#include "server/extract/number_tokens.h"

namespace claimcheck::extract {

struct MeasureUnit {
  absl::string_view unit;  // Quantity::unit: "GB", "kilohertz", "degF"
  bool rate = false;       // per something: "Mbps", "ppg", "mph"
};

// Reads a unit of measure starting at token `k` (glued to the number or
// after a space) without passing `limit`. Returns one past its last token
// and sets *out; returns `k` when no unit starts there. Only reads tokens
// below `limit`, which must be <= toks.size().
size_t ReadMeasureUnit(const std::vector<NumToken>& toks, size_t k,
                       size_t limit, MeasureUnit* out);

}  // namespace claimcheck::extract

#endif  // CLAIMCHECK_SERVER_EXTRACT_NUMBER_MEASURE_H_
