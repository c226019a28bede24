// Conversions from core types (extract, store, verify) to API protos.
// Pure functions; thread-safe.
#ifndef CLAIMCHECK_SERVER_API_CONVERT_H_
#define CLAIMCHECK_SERVER_API_CONVERT_H_

#include "claimcheck/v1/claimcheck.pb.h"
#include "server/extract/types.h"
#include "server/store/store.h"
#include "server/verify/verify.h"

namespace claimcheck::api {

namespace v1 = ::claimcheck::v1;

// How a mention relates to the speaker it was attributed to when it names
// something else: "office of" ("Mr. Netanyahu's office" -> Benjamin
// Netanyahu), "spokesperson for"; empty when the mention names the speaker.
std::string SpeakerRelation(absl::string_view mention,
                            absl::string_view speaker);

void ToProto(const extract::Span& in, v1::Span* out);
void ToProto(const store::SpeakerMergeRecord& in, v1::SpeakerMerge* out);
// `id` and `speaker_id` are empty for dry-run extraction.
void ToProto(const extract::Quote& in, absl::string_view id,
             absl::string_view speaker_id, v1::Quote* out);
void ToProto(const extract::Quantity& in, absl::string_view id,
             v1::NumericClaim* out);
void ToProto(const store::Evidence& in, v1::Evidence* out);
void ToProto(const store::QuoteRecord& in, v1::QuoteWithEvidence* out);
// The same, moving the record's strings into `out` instead of copying them.
void ToProto(store::QuoteRecord&& in, v1::QuoteWithEvidence* out);
// The same into a quote and its evidence held apart (e.g. a QuoteMatch).
void ToProto(store::QuoteRecord&& in, v1::Quote* quote, v1::Evidence* evidence);
void ToProto(const store::ArticleRecord& in, v1::Article* out);
void ToProto(const store::StoryRecord& in, v1::Story* out);
void ToProto(const store::SpeakerRecord& in, v1::Speaker* out);
void ToProto(const store::ClaimRecord& in, v1::QuantityObservation* out);
void ToProto(const extract::Extraction& in, v1::ExtractTextResponse* out);
void ToProto(absl::Span<const verify::WordEdit> diff,
             google::protobuf::RepeatedPtrField<v1::WordDiff>* out);

v1::Verdict ToProto(verify::Verdict v);
v1::Agreement ToProto(verify::Agreement a);
v1::IngestOutcome ToProto(store::PutOutcome o);

// A view of a stored quote for the verify module (borrows `r`).
verify::QuoteOccurrence ToOccurrence(const store::QuoteRecord& r);

}  // namespace claimcheck::api

#endif  // CLAIMCHECK_SERVER_API_CONVERT_H_
