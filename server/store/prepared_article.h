// What a Store derives from an article before writing it - hashes, ids,
// normalised quote text, speaker keys - computed without any lock, so the
// caller's threads do it instead of the store's single writer.
//
// Optional: PutRequest::prepared may be null (the store then prepares the
// article itself, under its write lock). A PreparedArticle must come from
// PrepareArticle() over the same input and extraction; the store checks the
// quote count and falls back to preparing the article itself on a mismatch.
//
// Pure and thread-safe.
#ifndef CLAIMCHECK_SERVER_STORE_PREPARED_ARTICLE_H_
#define CLAIMCHECK_SERVER_STORE_PREPARED_ARTICLE_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "server/extract/types.h"
#include "server/story/signature.h"

namespace claimcheck::store {

struct ArticleInput;

// One quote of the extraction, prepared.
struct PreparedQuote {
  std::string norm_text;    // extract::NormalizeForMatch(quote.text)
  uint64_t match_hash = 0;  // extract::MatchHash(quote.text)
  std::string speaker_key;  // extract::SpeakerKey(quote.speaker); empty for
                            // none or an unnamed source ("a friend")
  std::string speaker_id;   // SpeakerIdForKey(speaker_key); empty if no key
};

struct PreparedArticle {
  std::string content_hash;           // hex SHA-256 of the text
  std::string new_article_id;         // ArticleIdFor(url, content_hash, 0)
  std::vector<PreparedQuote> quotes;  // one per extraction quote, in order
  story::Signature story;             // story::ComputeSignature(title, text)
};

PreparedArticle PrepareArticle(const ArticleInput& input,
                               const extract::Extraction& extraction);

// Ids; see sqlite_store.cc for their definition. `attempt` > 0 re-hashes
// after an id collision.
std::string ArticleIdFor(absl::string_view url, absl::string_view content_hash,
                         int attempt);
std::string SpeakerIdForKey(absl::string_view key);

// extract::MatchHash(text) given NormalizeForMatch(text) (FNV-1a 64 of it).
uint64_t MatchHashOfNormalized(absl::string_view norm_text);

}  // namespace claimcheck::store

#endif  // CLAIMCHECK_SERVER_STORE_PREPARED_ARTICLE_H_
