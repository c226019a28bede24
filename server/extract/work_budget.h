// Bounds on the work one text may cause, so extraction time follows the
// size of the text whatever its shape (issue 12: text made of `"a" `, or
// of numbers in one long sentence, once took time growing with its square,
// and a text dense with quotes or numbers still costs far more per byte
// than news).
//
// A text gets at most MaxItems(bytes) quote spans and as many numeric
// claims: 64 plus one per 128 bytes, at least 2.5 times the densest
// article of the dev sets (../shared/eval; measured: 0.31 and 0.40 of the
// budget). Items past the budget are left out, in document order.
// Cancellation (`Cancelled`) is polled every kPollEvery steps of the long
// loops. Pure; thread-safe.
#ifndef CLAIMCHECK_SERVER_EXTRACT_WORK_BUDGET_H_
#define CLAIMCHECK_SERVER_EXTRACT_WORK_BUDGET_H_

#include <cstddef>
#include <functional>

namespace claimcheck::extract {

inline size_t MaxItems(size_t text_bytes) { return 64 + text_bytes / 128; }

// Steps of a long loop between two cancellation checks.
inline constexpr size_t kPollEvery = 256;

// True once `cancelled` (may be empty) says so.
inline bool Cancelled(const std::function<bool()>& cancelled) {
  return cancelled && cancelled();
}

}  // namespace claimcheck::extract

#endif  // CLAIMCHECK_SERVER_EXTRACT_WORK_BUDGET_H_
