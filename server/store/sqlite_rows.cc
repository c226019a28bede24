#include "server/store/sqlite_rows.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "server/base/status_macros.h"

namespace claimcheck::store {
namespace {

uint32_t SpanOffset(int64_t v) {
  return static_cast<uint32_t>(std::clamp<int64_t>(v, 0, UINT32_MAX));
}

// Reads CC_EVIDENCE_COLUMNS starting at `col`.
Evidence ReadEvidence(const Stmt& row, int col) {
  Evidence e;
  e.article_id = row.Text(col);
  e.outlet = row.Text(col + 1);
  e.url = row.Text(col + 2);
  e.published_date = row.Text(col + 3);
  e.title = row.Text(col + 4);
  return e;
}

}  // namespace

extract::SpeakerKind SpeakerKindFromInt(int64_t v) {
  switch (v) {
    case 1:
      return extract::SpeakerKind::kPerson;
    case 2:
      return extract::SpeakerKind::kOrganization;
    default:
      return extract::SpeakerKind::kUnknown;
  }
}

extract::Approx ApproxFromInt(int64_t v) {
  if (v < 0 || v > static_cast<int64_t>(extract::Approx::kVague)) {
    return extract::Approx::kExact;
  }
  return static_cast<extract::Approx>(v);
}

QuoteRecord ReadQuoteRow(const Stmt& row) {
  QuoteRecord r = ReadQuoteFields(row);
  const extract::Span span = r.evidence.span;
  r.evidence = ReadEvidence(row, 17);
  r.evidence.span = span;
  return r;
}

QuoteFieldsView ViewQuoteFields(const Stmt& row, int c) {
  QuoteFieldsView v;
  v.id = row.TextView(c + 0);
  v.speaker_id = row.TextView(c + 1);
  v.text = row.TextView(c + 2);
  v.span = {SpanOffset(row.Int64(c + 3)), SpanOffset(row.Int64(c + 4))};
  v.partial = row.Int64(c + 5) != 0;
  v.speaker = row.TextView(c + 6);
  v.speaker_kind = SpeakerKindFromInt(row.Int64(c + 7));
  v.mention = row.TextView(c + 8);
  v.mention_span = {SpanOffset(row.Int64(c + 9)),
                    SpanOffset(row.Int64(c + 10))};
  v.role = row.TextView(c + 11);
  v.channel = row.TextView(c + 12);
  v.relayed_by = row.TextView(c + 13);
  v.cue = row.TextView(c + 14);
  v.rule = row.TextView(c + 15);
  v.confidence = static_cast<float>(row.Double(c + 16));
  return v;
}

QuoteRecord ReadQuoteFields(const Stmt& row, int c) {
  const QuoteFieldsView v = ViewQuoteFields(row, c);
  QuoteRecord r;
  r.id = std::string(v.id);
  r.speaker_id = std::string(v.speaker_id);
  extract::Quote& q = r.quote;
  q.text = std::string(v.text);
  q.span = v.span;
  q.partial = v.partial;
  q.speaker = std::string(v.speaker);
  q.speaker_kind = v.speaker_kind;
  q.speaker_mention = std::string(v.mention);
  q.mention_span = v.mention_span;
  q.role = std::string(v.role);
  q.channel = std::string(v.channel);
  q.relayed_by = std::string(v.relayed_by);
  q.cue = std::string(v.cue);
  q.rule = std::string(v.rule);
  q.confidence = v.confidence;
  r.evidence.span = q.span;
  return r;
}

absl::StatusOr<std::vector<std::string>> ReadTextColumn(Stmt& stmt) {
  std::vector<std::string> out;
  while (true) {
    CC_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) return out;
    out.push_back(stmt.Text(0));
  }
}

ClaimRecord ReadClaimRow(const Stmt& row) {
  ClaimRecord r;
  r.id = row.Text(0);
  extract::Quantity& q = r.quantity;
  q.surface = row.Text(1);
  q.span = {SpanOffset(row.Int64(2)), SpanOffset(row.Int64(3))};
  q.value = row.OptDouble(4);
  q.low = row.OptDouble(5);
  q.high = row.OptDouble(6);
  q.approx = ApproxFromInt(row.Int64(7));
  q.qualifier = row.Text(8);
  q.vague = row.Int64(9) != 0;
  q.unit = row.Text(10);
  q.unit_key = row.Text(11);
  q.subject = row.Text(12);
  q.time = row.Text(13);
  q.asserted_by = row.Text(14);
  q.quote_index =
      static_cast<int>(std::clamp<int64_t>(row.Int64(15), -1, INT32_MAX));
  r.evidence = ReadEvidence(row, 16);
  r.evidence.span = q.span;
  q.kind = static_cast<extract::QuantityKind>(std::clamp<int64_t>(
      row.Int64(21), 0, static_cast<int64_t>(extract::QuantityKind::kRank)));
  q.change = static_cast<extract::ChangeDirection>(std::clamp<int64_t>(
      row.Int64(22), 0, static_cast<int64_t>(extract::ChangeDirection::kDown)));
  q.is_delta = row.Int64(23) != 0;
  q.base = row.OptDouble(24);
  q.time_resolved = row.Text(25);
  return r;
}

std::string LowerAscii(absl::string_view s) { return absl::AsciiStrToLower(s); }

bool IsIsoDate(absl::string_view s) {
  if (s.size() != 10) return false;
  for (size_t i = 0; i < s.size(); ++i) {
    const bool dash = i == 4 || i == 7;
    if (dash ? s[i] != '-'
             : !absl::ascii_isdigit(static_cast<unsigned char>(s[i]))) {
      return false;
    }
  }
  return true;
}

}  // namespace claimcheck::store
