#include "server/api/conflict_finder.h"

#include <algorithm>
#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "claimcheck/v1/claimcheck.pb.h"
#include "server/api/convert.h"
#include "server/store/sha256.h"
#include "server/verify/conflicts.h"

namespace claimcheck::api {
namespace {

std::string ConflictId(absl::string_view prefix, absl::string_view a,
                       absl::string_view b) {
  return absl::StrCat(prefix,
                      store::Sha256Hex(absl::StrCat(a, "|", b)).substr(0, 16));
}

// Whether side a is dated after side b (on a tie b is: groups list the
// earliest article first).
bool ALater(const store::Evidence& a, const store::Evidence& b) {
  return a.published_date > b.published_date;
}

std::string EventSummary(const v1::Conflict& c) {
  return absl::StrCat(
      "New ", c.kind() == v1::CONFLICT_KIND_NUMERIC ? "numeric" : "attribution",
      " conflict ", c.id(), ": ", c.summary(), " (", c.reason(), ")");
}

store::ConflictRecord Record(const v1::Conflict& c, const store::Evidence& a,
                             const store::Evidence& b) {
  store::ConflictRecord r;
  r.summary = EventSummary(c);
  r.id = c.id();
  r.kind = static_cast<int>(c.kind());
  r.sort_date = std::max(a.published_date, b.published_date);
  r.outlet_a = a.outlet;
  r.date_a = a.published_date;
  r.outlet_b = b.outlet;
  r.date_b = b.published_date;
  c.SerializeToString(&r.payload);
  return r;
}

void AddAttribution(const std::vector<store::QuoteRecord>& group,
                    std::vector<store::ConflictRecord>* out) {
  std::vector<verify::QuoteOccurrence> occ;
  occ.reserve(group.size());
  for (const store::QuoteRecord& r : group) occ.push_back(ToOccurrence(r));
  for (const verify::ConflictPair& p : verify::AttributionConflicts(occ)) {
    const store::QuoteRecord& a = group[p.a];
    const store::QuoteRecord& b = group[p.b];
    v1::Conflict pc;
    pc.set_id(ConflictId("ca_", a.id, b.id));
    pc.set_kind(v1::CONFLICT_KIND_ATTRIBUTION);
    // The sides' quotes are read back from their rows (DecodeConflict).
    pc.mutable_a()->set_speaker(a.quote.speaker);
    pc.mutable_a()->set_occurrences(p.count_a);
    pc.mutable_b()->set_speaker(b.quote.speaker);
    pc.mutable_b()->set_occurrences(p.count_b);
    // The topic is a side's text: DecodeConflict puts it back.
    pc.set_summary(p.summary);
    pc.set_reason(p.reason);
    out->push_back(Record(pc, a.evidence, b.evidence));
    out->back().side_a = a.id;
    out->back().side_b = b.id;
    out->back().later = ALater(a.evidence, b.evidence) ? a : b;
  }
}

void AddNumeric(const std::vector<store::ClaimRecord>& group,
                const std::string& story,
                std::vector<store::ConflictRecord>* out) {
  std::vector<verify::ClaimOccurrence> occ;
  occ.reserve(group.size());
  for (const store::ClaimRecord& r : group) {
    occ.push_back({&r.quantity, r.evidence.article_id, r.evidence.outlet,
                   r.evidence.published_date});
  }
  for (const verify::ConflictPair& p : verify::NumericConflicts(occ)) {
    const store::ClaimRecord& a = group[p.a];
    const store::ClaimRecord& b = group[p.b];
    v1::Conflict pc;
    pc.set_id(ConflictId("cn_", a.id, b.id));
    pc.set_kind(v1::CONFLICT_KIND_NUMERIC);
    // The sides' claims are read back from their rows (DecodeConflict).
    pc.mutable_a()->set_occurrences(p.count_a);
    pc.mutable_b()->set_occurrences(p.count_b);
    const std::string& subject =
        !a.quantity.subject.empty() ? a.quantity.subject : b.quantity.subject;
    pc.set_topic(subject.empty()
                     ? a.quantity.unit_key
                     : absl::StrCat(a.quantity.unit_key, " (", subject, ")"));
    pc.set_summary(p.summary);
    pc.set_reason(absl::StrCat("same story ", story, "; ", p.reason));
    out->push_back(Record(pc, a.evidence, b.evidence));
    out->back().side_a = a.id;
    out->back().side_b = b.id;
    const store::ClaimRecord& later = ALater(a.evidence, b.evidence) ? a : b;
    out->back().later.id = later.id;
    out->back().later.quote.text = later.quantity.surface;
    out->back().later.quote.span = later.quantity.span;
    out->back().later.evidence = later.evidence;
  }
}

// An attribution conflict's topic: the longer side's text (a's on a tie).
const std::string& AttributionTopic(const store::QuoteRecord& a,
                                    const store::QuoteRecord& b) {
  return a.quote.text.size() >= b.quote.text.size() ? a.quote.text
                                                    : b.quote.text;
}

}  // namespace

std::vector<store::ConflictRecord> FindGroupConflicts(
    const store::ConflictGroup& group) {
  std::vector<store::ConflictRecord> out;
  if (group.quotes.size() > 1) AddAttribution(group.quotes, &out);
  for (const std::vector<store::ClaimRecord>& g : group.claim_groups) {
    AddNumeric(g, group.story_id, &out);
  }
  return out;
}

store::ConflictFinder MakeConflictFinder() { return &FindGroupConflicts; }

absl::Status DecodeConflict(const store::ConflictRecord& record,
                            v1::Conflict* out) {
  if (!out->ParseFromString(record.payload)) {
    return absl::DataLossError(
        absl::StrCat("conflict ", record.id, " does not decode"));
  }
  if (record.side_a.empty()) return absl::OkStatus();  // kept whole (<= v8)
  if (out->kind() == v1::CONFLICT_KIND_NUMERIC) {
    ToProto(record.claim_a, out->mutable_a()->mutable_claim());
    ToProto(record.claim_b, out->mutable_b()->mutable_claim());
  } else {
    ToProto(record.quote_a, out->mutable_a()->mutable_quote());
    ToProto(record.quote_b, out->mutable_b()->mutable_quote());
    // Rows written before the topic was left out keep theirs.
    if (out->topic().empty()) {
      out->set_topic(AttributionTopic(record.quote_a, record.quote_b));
    }
  }
  return absl::OkStatus();
}

}  // namespace claimcheck::api
