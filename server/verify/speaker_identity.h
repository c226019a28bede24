// Speaker identity across articles: when two speaker records are one person
// whose name is spelled two ways ("Masoud Pezeshkian" / "Masoud Pezechkian").
//
// The rule merges only on evidence, never on a name alone:
//   1. both are people (not organisations), each named with a first name and
//      a surname; the first names are equal (after SpeakerKey folding);
//   2. the surnames differ by an edit distance of 1 or 2 (transpositions
//      count 1), and are long enough for that to mean a spelling variant:
//      at least 4 letters for distance 1, at least 6 for distance 2;
//   3. and they share a role ("Iranian President"), a co-speaker (both are
//      quoted in articles that also quote the same third speaker), or a quote
//      (the same words attributed to both spellings).
// "Bill Clinton" and "Hillary Clinton" never merge (rule 1); nor do two
// different people who share a first name and a similar surname but nothing
// else (rule 3).
//
// Pure; thread-safe.
#ifndef CLAIMCHECK_SERVER_VERIFY_SPEAKER_IDENTITY_H_
#define CLAIMCHECK_SERVER_VERIFY_SPEAKER_IDENTITY_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "server/extract/types.h"

namespace claimcheck::verify {

// What is known of one speaker record, for the merge rule.
struct SpeakerEvidence {
  std::string name;  // canonical name
  extract::SpeakerKind kind = extract::SpeakerKind::kUnknown;
  std::vector<std::string> roles;        // as written
  std::vector<std::string> co_speakers;  // ids of speakers quoted alongside
  std::vector<uint64_t> quote_hashes;    // extract::MatchHash of its quotes
};

// Why `a` and `b` are the same person ("surname spelling Pezechkian ~
// Pezeshkian (edit distance 1); shared role: Iranian President"), or empty
// when the rule above does not hold.
std::string SpeakerMergeEvidence(const SpeakerEvidence& a,
                                 const SpeakerEvidence& b);

}  // namespace claimcheck::verify

#endif  // CLAIMCHECK_SERVER_VERIFY_SPEAKER_IDENTITY_H_
