#include "server/api/convert.h"

#include <cmath>
#include <limits>
#include <string>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"

namespace claimcheck::api {

std::string SpeakerRelation(absl::string_view mention,
                            absl::string_view speaker) {
  if (mention.empty() || speaker.empty()) return "";
  const std::string m = absl::AsciiStrToLower(mention);
  // "Mr. Netanyahu's office", "Netanyahu’s office", "the office of".
  static constexpr absl::string_view kOffice[] = {
      "'s office", "\xE2\x80\x99s office", "office of "};
  for (absl::string_view o : kOffice) {
    if (absl::StrContains(m, o)) return "office of";
  }
  static constexpr absl::string_view kSpokes[] = {
      "'s spokes", "\xE2\x80\x99s spokes", "spokesman for ", "spokeswoman for ",
      "spokesperson for "};
  for (absl::string_view o : kSpokes) {
    if (absl::StrContains(m, o)) return "spokesperson for";
  }
  return "";
}

void ToProto(const extract::Span& in, v1::Span* out) {
  out->set_begin(in.begin);
  out->set_end(in.end);
}

namespace {

// The fields of a quote (Q: const extract::Quote& copies its strings,
// extract::Quote&& moves them) and of evidence (E likewise).
template <typename Q>
void QuoteToProto(Q&& in, std::string id, std::string speaker_id,
                  v1::Quote* out) {
  out->set_id(std::move(id));
  out->set_partial(in.partial);
  ToProto(in.span, out->mutable_span());
  v1::Attribution* a = out->mutable_attribution();
  a->set_relation(SpeakerRelation(in.speaker_mention, in.speaker));
  a->set_speaker_id(std::move(speaker_id));
  ToProto(in.mention_span, a->mutable_mention_span());
  a->set_kind(static_cast<v1::SpeakerKind>(in.speaker_kind));
  a->set_confidence(in.confidence);
  out->set_text(std::forward<Q>(in).text);
  a->set_speaker(std::forward<Q>(in).speaker);
  a->set_mention(std::forward<Q>(in).speaker_mention);
  a->set_role(std::forward<Q>(in).role);
  a->set_channel(std::forward<Q>(in).channel);
  a->set_relayed_by(std::forward<Q>(in).relayed_by);
  a->set_cue(std::forward<Q>(in).cue);
  a->set_rule(std::forward<Q>(in).rule);
}

template <typename E>
void EvidenceToProto(E&& in, v1::Evidence* out) {
  ToProto(in.span, out->mutable_span());
  out->set_article_id(std::forward<E>(in).article_id);
  out->set_outlet(std::forward<E>(in).outlet);
  out->set_url(std::forward<E>(in).url);
  out->set_published_date(std::forward<E>(in).published_date);
  out->set_title(std::forward<E>(in).title);
}

}  // namespace

void ToProto(const extract::Quote& in, absl::string_view id,
             absl::string_view speaker_id, v1::Quote* out) {
  QuoteToProto(in, std::string(id), std::string(speaker_id), out);
}

void ToProto(const extract::Quantity& in, absl::string_view id,
             v1::NumericClaim* out) {
  out->set_id(std::string(id));
  out->set_surface(in.surface);
  ToProto(in.span, out->mutable_span());
  if (in.value) out->set_value(*in.value);
  if (in.low) out->set_low(*in.low);
  if (in.high) out->set_high(*in.high);
  out->set_approximation(static_cast<v1::Approximation>(in.approx));
  out->set_qualifier(in.qualifier);
  out->set_unit(in.unit);
  out->set_unit_key(in.unit_key);
  out->set_subject(in.subject);
  out->set_time(in.time);
  out->set_asserted_by(in.asserted_by);
  out->set_in_quote(in.quote_index >= 0);
  out->set_kind(static_cast<v1::QuantityKind>(in.kind));
  out->set_change(static_cast<v1::ChangeDirection>(in.change));
  out->set_is_delta(in.is_delta);
  if (in.base) out->set_base(*in.base);
  out->set_time_resolved(in.time_resolved);
}

void ToProto(const store::Evidence& in, v1::Evidence* out) {
  EvidenceToProto(in, out);
}

void ToProto(const store::QuoteRecord& in, v1::QuoteWithEvidence* out) {
  QuoteToProto(in.quote, in.id, in.speaker_id, out->mutable_quote());
  EvidenceToProto(in.evidence, out->mutable_evidence());
}

void ToProto(store::QuoteRecord&& in, v1::QuoteWithEvidence* out) {
  ToProto(std::move(in), out->mutable_quote(), out->mutable_evidence());
}

void ToProto(store::QuoteRecord&& in, v1::Quote* quote,
             v1::Evidence* evidence) {
  QuoteToProto(std::move(in.quote), std::move(in.id), std::move(in.speaker_id),
               quote);
  EvidenceToProto(std::move(in.evidence), evidence);
}

void ToProto(const store::ArticleRecord& in, v1::Article* out) {
  out->set_id(in.id);
  out->set_url(in.input.url);
  out->set_outlet(in.input.outlet);
  out->set_published_date(in.input.published_date);
  out->set_title(in.input.title);
  out->set_text(in.input.text);
  out->set_content_hash(in.content_hash);
  out->set_version(in.version);
  out->set_ingested_unix_ms(in.ingested_unix_ms);
  out->set_story_id(in.story_id);
  for (const store::QuoteRecord& q : in.quotes) {
    ToProto(q.quote, q.id, q.speaker_id, out->add_quotes());
  }
  for (const store::ClaimRecord& c : in.claims) {
    ToProto(c.quantity, c.id, out->add_claims());
  }
}

void ToProto(const store::StoryRecord& in, v1::Story* out) {
  out->set_id(in.id);
  out->set_article_count(in.article_count);
  out->set_first_date(in.first_date);
  out->set_last_date(in.last_date);
  for (const store::StoryArticle& a : in.articles) {
    v1::StoryArticle* pa = out->add_articles();
    pa->set_article_id(a.article_id);
    pa->set_outlet(a.outlet);
    pa->set_url(a.url);
    pa->set_published_date(a.published_date);
    pa->set_title(a.title);
  }
}

void ToProto(const store::SpeakerRecord& in, v1::Speaker* out) {
  out->set_id(in.id);
  out->set_name(in.name);
  out->set_kind(static_cast<v1::SpeakerKind>(in.kind));
  for (const std::string& s : in.aliases) out->add_aliases(s);
  for (const std::string& s : in.roles) out->add_roles(s);
  for (const std::string& s : in.outlets) out->add_outlets(s);
  out->set_quote_count(in.quote_count);
}

void ToProto(const store::ClaimRecord& in, v1::QuantityObservation* out) {
  ToProto(in.quantity, in.id, out->mutable_claim());
  ToProto(in.evidence, out->mutable_evidence());
  const verify::Interval iv = verify::ToInterval(in.quantity);
  out->set_interval_low(iv.low);
  out->set_interval_high(iv.high);
}

void ToProto(const extract::Extraction& in, v1::ExtractTextResponse* out) {
  for (const extract::Quote& q : in.quotes)
    ToProto(q, "", "", out->add_quotes());
  for (const extract::Quantity& c : in.quantities) {
    ToProto(c, "", out->add_claims());
  }
}

void ToProto(absl::Span<const verify::WordEdit> diff,
             google::protobuf::RepeatedPtrField<v1::WordDiff>* out) {
  for (const verify::WordEdit& e : diff) {
    v1::WordDiff* d = out->Add();
    d->set_op(static_cast<v1::WordDiff::Op>(e.op));
    d->set_text(e.text);
  }
}

v1::Verdict ToProto(verify::Verdict v) { return static_cast<v1::Verdict>(v); }
v1::Agreement ToProto(verify::Agreement a) {
  return static_cast<v1::Agreement>(a);
}
v1::IngestOutcome ToProto(store::PutOutcome o) {
  switch (o) {
    case store::PutOutcome::kCreated:
      return v1::INGEST_OUTCOME_CREATED;
    case store::PutOutcome::kReplaced:
      return v1::INGEST_OUTCOME_REPLACED;
    case store::PutOutcome::kUnchanged:
      return v1::INGEST_OUTCOME_UNCHANGED;
  }
  return v1::INGEST_OUTCOME_UNSPECIFIED;
}

verify::QuoteOccurrence ToOccurrence(const store::QuoteRecord& r) {
  verify::QuoteOccurrence o{r.quote.text, r.quote.speaker, r.evidence.outlet,
                            r.evidence.published_date, r.speaker_id};
  o.confidence = r.quote.confidence;
  o.speaker_kind = r.quote.speaker_kind;
  return o;
}

void ToProto(const store::SpeakerMergeRecord& in, v1::SpeakerMerge* out) {
  out->set_id(in.id);
  out->set_from_speaker_id(in.from_id);
  out->set_from_name(in.from_name);
  out->set_into_speaker_id(in.into_id);
  out->set_into_name(in.into_name);
  out->set_reason(in.reason);
  out->set_created_unix_ms(in.created_unix_ms);
  out->set_undone_unix_ms(in.undone_unix_ms);
}

}  // namespace claimcheck::api
