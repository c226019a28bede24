#include "server/store/prepared_article.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "server/extract/normalize.h"
#include "server/store/sha256.h"
#include "server/store/store.h"

namespace claimcheck::store {

std::string ArticleIdFor(absl::string_view url, absl::string_view content_hash,
                         int attempt) {
  std::string hex =
      url.empty() ? std::string(content_hash.substr(0, 16))
                  : Sha256Hex(absl::StrCat("url", std::string(1, '\0'), url))
                        .substr(0, 16);
  if (attempt > 0) {
    hex = Sha256Hex(absl::StrCat(hex, "#", attempt)).substr(0, 16);
  }
  return absl::StrCat("a_", hex);
}

std::string SpeakerIdForKey(absl::string_view key) {
  return absl::StrCat(
      "s_", Sha256Hex(absl::StrCat("speaker", std::string(1, '\0'), key))
                .substr(0, 16));
}

uint64_t MatchHashOfNormalized(absl::string_view norm_text) {
  uint64_t h = 14695981039346656037ULL;  // FNV-1a 64 offset basis
  for (const char c : norm_text) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ULL;  // FNV-1a 64 prime
  }
  return h;
}

PreparedArticle PrepareArticle(const ArticleInput& input,
                               const extract::Extraction& extraction) {
  PreparedArticle p;
  p.content_hash = Sha256Hex(input.text);
  p.new_article_id = ArticleIdFor(input.url, p.content_hash, 0);
  p.story = story::ComputeSignature(input.title, input.text);
  p.quotes.reserve(extraction.quotes.size());
  for (const extract::Quote& q : extraction.quotes) {
    PreparedQuote pq;
    pq.norm_text = extract::NormalizeForMatch(q.text);
    pq.match_hash = MatchHashOfNormalized(pq.norm_text);
    // A description of an unnamed source ("a friend") is a different person
    // in every article: it keeps its words on the quote but gets no speaker
    // record, so no profile mixes the people it stands for.
    if (!q.speaker.empty() && !extract::IsUnnamedSpeaker(q.speaker)) {
      pq.speaker_key = extract::SpeakerKey(q.speaker);
      if (!pq.speaker_key.empty()) {
        pq.speaker_id = SpeakerIdForKey(pq.speaker_key);
      }
    }
    p.quotes.push_back(std::move(pq));
  }
  return p;
}

}  // namespace claimcheck::store
