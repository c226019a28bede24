#include "server/store/change_codec.h"

#include <cstring>
#include <optional>

#include "absl/strings/str_cat.h"

namespace claimcheck::store {
namespace {

constexpr uint8_t kFormat = 1;

class Writer {
 public:
  void U(uint64_t v) {
    while (v >= 0x80) {
      out_.push_back(static_cast<char>((v & 0x7f) | 0x80));
      v >>= 7;
    }
    out_.push_back(static_cast<char>(v));
  }
  void I(int64_t v) { U(static_cast<uint64_t>(v)); }
  void S(absl::string_view s) {
    U(s.size());
    out_.append(s.data(), s.size());
  }
  void D(double d) {
    char b[8];
    std::memcpy(b, &d, 8);
    out_.append(b, 8);
  }
  void OptD(const std::optional<double>& d) {
    U(d.has_value());
    if (d) D(*d);
  }
  void Sp(const extract::Span& s) {
    U(s.begin);
    U(s.end);
  }
  std::string Take() { return std::move(out_); }

 private:
  std::string out_;
};

class Reader {
 public:
  explicit Reader(absl::string_view in) : in_(in) {}
  bool ok() const { return ok_; }
  uint64_t U() {
    uint64_t v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (in_.empty()) return Fail();
      const uint8_t b = static_cast<uint8_t>(in_[0]);
      in_.remove_prefix(1);
      v |= static_cast<uint64_t>(b & 0x7f) << shift;
      if ((b & 0x80) == 0) return v;
    }
    return Fail();
  }
  int64_t I() { return static_cast<int64_t>(U()); }
  std::string S() {
    const uint64_t n = U();
    if (n > in_.size()) return Fail(), std::string();
    std::string s(in_.substr(0, n));
    in_.remove_prefix(n);
    return s;
  }
  double D() {
    if (in_.size() < 8) return Fail(), 0.0;
    double d;
    std::memcpy(&d, in_.data(), 8);
    in_.remove_prefix(8);
    return d;
  }
  std::optional<double> OptD() {
    if (U() == 0) return std::nullopt;
    return D();
  }
  extract::Span Sp() {
    extract::Span s;
    s.begin = static_cast<uint32_t>(U());
    s.end = static_cast<uint32_t>(U());
    return s;
  }
  // Element counts are bounded by the bytes left (each element takes one).
  size_t Count() {
    const uint64_t n = U();
    if (n > in_.size()) return Fail(), 0;
    return static_cast<size_t>(n);
  }
  bool AtEnd() const { return in_.empty(); }

 private:
  uint64_t Fail() {
    ok_ = false;
    in_ = {};
    return 0;
  }
  absl::string_view in_;
  bool ok_ = true;
};

void PutQuote(Writer* w, const extract::Quote& q) {
  w->S(q.text);
  w->Sp(q.span);
  w->U(q.partial);
  w->S(q.speaker);
  w->U(static_cast<uint64_t>(q.speaker_kind));
  w->S(q.speaker_mention);
  w->Sp(q.mention_span);
  w->S(q.role);
  w->S(q.channel);
  w->S(q.relayed_by);
  w->S(q.cue);
  w->S(q.rule);
  w->D(q.confidence);
}

extract::Quote GetQuote(Reader* r) {
  extract::Quote q;
  q.text = r->S();
  q.span = r->Sp();
  q.partial = r->U() != 0;
  q.speaker = r->S();
  q.speaker_kind = static_cast<extract::SpeakerKind>(r->U());
  q.speaker_mention = r->S();
  q.mention_span = r->Sp();
  q.role = r->S();
  q.channel = r->S();
  q.relayed_by = r->S();
  q.cue = r->S();
  q.rule = r->S();
  q.confidence = static_cast<float>(r->D());
  return q;
}

void PutQuantity(Writer* w, const extract::Quantity& q) {
  w->S(q.surface);
  w->Sp(q.span);
  w->OptD(q.value);
  w->OptD(q.low);
  w->OptD(q.high);
  w->U(static_cast<uint64_t>(q.approx));
  w->S(q.qualifier);
  w->U(q.vague);
  w->S(q.unit);
  w->S(q.unit_key);
  w->S(q.subject);
  w->S(q.time);
  w->S(q.asserted_by);
  w->I(q.quote_index);
  w->U(static_cast<uint64_t>(q.kind));
  w->U(static_cast<uint64_t>(q.change));
  w->U(q.is_delta);
  w->OptD(q.base);
  w->S(q.time_resolved);
}

extract::Quantity GetQuantity(Reader* r) {
  extract::Quantity q;
  q.surface = r->S();
  q.span = r->Sp();
  q.value = r->OptD();
  q.low = r->OptD();
  q.high = r->OptD();
  q.approx = static_cast<extract::Approx>(r->U());
  q.qualifier = r->S();
  q.vague = r->U() != 0;
  q.unit = r->S();
  q.unit_key = r->S();
  q.subject = r->S();
  q.time = r->S();
  q.asserted_by = r->S();
  q.quote_index = static_cast<int>(r->I());
  q.kind = static_cast<extract::QuantityKind>(r->U());
  q.change = static_cast<extract::ChangeDirection>(r->U());
  q.is_delta = r->U() != 0;
  q.base = r->OptD();
  q.time_resolved = r->S();
  return q;
}

void PutEvent(Writer* w, const WatchEventRecord& e) {
  w->U(static_cast<uint64_t>(e.kind));
  w->S(e.watch_id);
  const QuoteRecord& o = e.occurrence;
  w->S(o.id);
  w->S(o.speaker_id);
  PutQuote(w, o.quote);
  w->S(o.evidence.article_id);
  w->S(o.evidence.outlet);
  w->S(o.evidence.url);
  w->S(o.evidence.published_date);
  w->S(o.evidence.title);
  w->Sp(o.evidence.span);
  w->I(e.verdict);
  w->D(e.score);
  w->S(e.summary);
  w->I(e.created_unix_ms);
}

WatchEventRecord GetEvent(Reader* r) {
  WatchEventRecord e;
  e.kind = static_cast<WatchEventKind>(r->U());
  e.watch_id = r->S();
  QuoteRecord& o = e.occurrence;
  o.id = r->S();
  o.speaker_id = r->S();
  o.quote = GetQuote(r);
  o.evidence.article_id = r->S();
  o.evidence.outlet = r->S();
  o.evidence.url = r->S();
  o.evidence.published_date = r->S();
  o.evidence.title = r->S();
  o.evidence.span = r->Sp();
  e.verdict = static_cast<int>(r->I());
  e.score = r->D();
  e.summary = r->S();
  e.created_unix_ms = r->I();
  return e;
}

// The number of `args` each kind carries.
size_t ArgsOf(ChangeKind kind) {
  switch (kind) {
    case ChangeKind::kDelete:
    case ChangeKind::kUndoMerge:
    case ChangeKind::kRemoveWatch:
      return 1;
    case ChangeKind::kAddWatch:
      return 2;
    case ChangeKind::kMerge:
      return 3;
    case ChangeKind::kPut:
    case ChangeKind::kRecordEvents:
      return 0;
  }
  return 0;
}

}  // namespace

std::string EncodeChange(const Change& change) {
  Writer w;
  w.U(kFormat);
  w.U(static_cast<uint64_t>(change.kind));
  w.U(change.inputs.size());
  for (size_t i = 0; i < change.inputs.size(); ++i) {
    const ArticleInput& a = change.inputs[i];
    w.S(a.url);
    w.S(a.outlet);
    w.S(a.published_date);
    w.S(a.title);
    w.S(a.text);
    const extract::Extraction& x = change.extractions[i];
    w.U(x.quotes.size());
    for (const extract::Quote& q : x.quotes) PutQuote(&w, q);
    w.U(x.quantities.size());
    for (const extract::Quantity& q : x.quantities) PutQuantity(&w, q);
  }
  w.U(change.args.size());
  for (const std::string& a : change.args) w.S(a);
  w.I(change.number);
  w.U(change.events.size());
  for (const WatchEventRecord& e : change.events) PutEvent(&w, e);
  return w.Take();
}

absl::StatusOr<Change> DecodeChange(absl::string_view bytes) {
  Reader r(bytes);
  if (r.U() != kFormat || !r.ok()) {
    return absl::DataLossError("change log entry: unknown format version");
  }
  Change c;
  const uint64_t kind = r.U();
  if (kind < 1 || kind > 7) {
    return absl::DataLossError(
        absl::StrCat("change log entry: unknown kind ", kind));
  }
  c.kind = static_cast<ChangeKind>(kind);
  const size_t n = r.Count();
  for (size_t i = 0; i < n && r.ok(); ++i) {
    ArticleInput a;
    a.url = r.S();
    a.outlet = r.S();
    a.published_date = r.S();
    a.title = r.S();
    a.text = r.S();
    extract::Extraction x;
    const size_t nq = r.Count();
    for (size_t j = 0; j < nq && r.ok(); ++j) x.quotes.push_back(GetQuote(&r));
    const size_t nn = r.Count();
    for (size_t j = 0; j < nn && r.ok(); ++j) {
      x.quantities.push_back(GetQuantity(&r));
    }
    c.inputs.push_back(std::move(a));
    c.extractions.push_back(std::move(x));
  }
  const size_t na = r.Count();
  for (size_t i = 0; i < na && r.ok(); ++i) c.args.push_back(r.S());
  c.number = r.I();
  const size_t ne = r.Count();
  for (size_t i = 0; i < ne && r.ok(); ++i) c.events.push_back(GetEvent(&r));
  if (!r.ok() || !r.AtEnd()) {
    return absl::DataLossError("change log entry: truncated or malformed");
  }
  if (c.args.size() != ArgsOf(c.kind)) {
    return absl::DataLossError(
        absl::StrCat("change log entry of kind ", kind, " has ", c.args.size(),
                     " arguments, not ", ArgsOf(c.kind)));
  }
  return c;
}

}  // namespace claimcheck::store
