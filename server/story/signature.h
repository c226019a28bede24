// Story signatures: what makes two articles reports of one event.
//
// A signature is a pure function of an article's title and text: the set of
// its features (pairs of consecutive content words and capitalised names in
// the title and the first kLeadWords words), and kMinHashes MinHash bucket
// keys over that set. Two articles share a story when their features'
// Jaccard similarity is at least kSameStorySimilarity and their dates are at
// most kStoryWindowDays apart (SameStory). A store finds the candidates
// through the bucket keys (two articles with Jaccard similarity J share at
// least one of the kMinHashes keys with probability 1 - (1 - J)^kMinHashes:
// 0.93 at J = 0.04), so ingest never scans the index.
//
// The thresholds were fitted on a held-out set of real multi-outlet stories
// with tests/tools/story_fit (see the README for the figures).
//
// Feature hashes are FNV-1a 64 based and stable across builds and platforms:
// stores keep them on disk. Pure; thread-safe.
#ifndef CLAIMCHECK_SERVER_STORY_SIGNATURE_H_
#define CLAIMCHECK_SERVER_STORY_SIGNATURE_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/types/span.h"

namespace claimcheck::story {

// Words of the text (after the title) that make the signature.
inline constexpr int kLeadWords = 400;
// MinHash bucket keys per article (one-row LSH bands).
inline constexpr int kMinHashes = 64;
// Least feature Jaccard similarity of two articles about one event.
inline constexpr double kSameStorySimilarity = 0.04;
// Most days between two articles of one story.
inline constexpr int kStoryWindowDays = 3;

struct Signature {
  std::vector<uint64_t> features;  // sorted, distinct
  std::vector<uint64_t> buckets;   // kMinHashes keys; empty when no features
};

Signature ComputeSignature(absl::string_view title, absl::string_view text);

// The kMinHashes bucket keys of a sorted feature set (empty when it is):
// ComputeSignature's `buckets`. Each key fits in a signed 64-bit integer.
std::vector<uint64_t> BucketKeys(absl::Span<const uint64_t> features);

// Jaccard similarity of two sorted, distinct feature sets (0 when both are
// empty).
double Similarity(absl::Span<const uint64_t> a, absl::Span<const uint64_t> b);

// "YYYY-MM-DD" -> days since 1970-01-01; 0 for empty or malformed (undated
// articles share day 0, so they only meet other undated ones).
int64_t DayNumber(absl::string_view date);

// Whether two articles (features, day numbers) are reports of one event.
bool SameStory(absl::Span<const uint64_t> features_a, int64_t day_a,
               absl::Span<const uint64_t> features_b, int64_t day_b);

// Features as stored (little-endian 8 bytes each) and back. Decoding drops a
// trailing partial value.
std::string EncodeFeatures(absl::Span<const uint64_t> features);
std::vector<uint64_t> DecodeFeatures(absl::string_view bytes);

}  // namespace claimcheck::story

#endif  // CLAIMCHECK_SERVER_STORY_SIGNATURE_H_
