// Column lists and row readers shared by the SQLite store's queries, so each
// record type is read from a row in exactly one place.
//
// A query selects CC_QUOTE_COLUMNS (or CC_CLAIM_COLUMNS) first, from
// `quotes q` (or `claims c`) joined with `articles a`; extra columns follow
// at index kQuoteColumnCount (kClaimColumnCount).
#ifndef CLAIMCHECK_SERVER_STORE_SQLITE_ROWS_H_
#define CLAIMCHECK_SERVER_STORE_SQLITE_ROWS_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "server/extract/types.h"
#include "server/store/sqlite_db.h"
#include "server/store/store.h"

#define CC_EVIDENCE_COLUMNS "a.id, a.outlet, a.url, a.published_date, a.title"

// A quote's own columns, without its article's.
#define CC_QUOTE_FIELDS                                                    \
  "q.id, q.speaker_id, q.text, q.span_begin, q.span_end, q.partial, "      \
  "q.speaker, q.speaker_kind, q.mention, q.mention_begin, q.mention_end, " \
  "q.role, q.channel, q.relayed_by, q.cue, q.rule, q.confidence"

#define CC_QUOTE_COLUMNS CC_QUOTE_FIELDS ", " CC_EVIDENCE_COLUMNS

// A claim's columns with `EVIDENCE` (five columns) as its article's.
#define CC_CLAIM_COLUMNS_WITH(EVIDENCE)                                     \
  "c.id, c.surface, c.span_begin, c.span_end, c.value, c.low, c.high, "     \
  "c.approx, c.qualifier, c.vague, c.unit, c.unit_key, c.subject, c.time, " \
  "c.asserted_by, c.quote_index, " EVIDENCE                                 \
  ", c.kind, c.change, c.is_delta, c.base, c.time_resolved"
#define CC_CLAIM_COLUMNS CC_CLAIM_COLUMNS_WITH(CC_EVIDENCE_COLUMNS)
// Five empty article columns, for claim rows whose evidence comes from the
// memory index instead of a join.
#define CC_NO_EVIDENCE_COLUMNS "'', '', '', '', ''"

namespace claimcheck::store {

inline constexpr int kQuoteColumnCount = 22;
inline constexpr int kClaimColumnCount = 26;

// Reads a row selected with CC_QUOTE_COLUMNS.
QuoteRecord ReadQuoteRow(const Stmt& row);

// CC_QUOTE_FIELDS of the current row, viewed in place: the strings are valid
// until the row's statement steps, resets or is destroyed. For readers that
// keep only some of them, or intern them (the memory index).
struct QuoteFieldsView {
  absl::string_view id, speaker_id, text;
  extract::Span span, mention_span;
  bool partial = false;
  absl::string_view speaker;
  extract::SpeakerKind speaker_kind = extract::SpeakerKind::kUnknown;
  absl::string_view mention, role, channel, relayed_by, cue, rule;
  float confidence = 0;
};
QuoteFieldsView ViewQuoteFields(const Stmt& row, int first_column = 0);

// Reads CC_QUOTE_FIELDS starting at `first_column`; evidence left empty
// but for the span.
QuoteRecord ReadQuoteFields(const Stmt& row, int first_column = 0);

// The first column, as text, of every row `stmt` has left.
absl::StatusOr<std::vector<std::string>> ReadTextColumn(Stmt& stmt);

// Reads a row selected with CC_CLAIM_COLUMNS.
ClaimRecord ReadClaimRow(const Stmt& row);

// Enum values read back from disk, clamped to known values (a damaged or
// newer database must not produce out-of-range enums).
extract::SpeakerKind SpeakerKindFromInt(int64_t v);
extract::Approx ApproxFromInt(int64_t v);

// Lower-cases ASCII letters only (the sort and lookup form of names).
std::string LowerAscii(absl::string_view s);

// True for a "YYYY-MM-DD" shaped date (digits and dashes; not calendar
// checked).
bool IsIsoDate(absl::string_view s);

}  // namespace claimcheck::store

#endif  // CLAIMCHECK_SERVER_STORE_SQLITE_ROWS_H_
