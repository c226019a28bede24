// Helpers shared by the store tests: temp dirs and hand-built articles.
// Extraction records are written by hand so these tests do not depend on
// what the extractor currently finds.
#ifndef CLAIMCHECK_TESTS_STORE_STORE_TEST_UTIL_H_
#define CLAIMCHECK_TESTS_STORE_STORE_TEST_UTIL_H_

#include <stdlib.h>

#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "server/extract/types.h"
#include "server/store/store.h"

namespace claimcheck::store::testing {

// A fresh directory under the test temp dir; removed by the destructor.
class TempDir {
 public:
  TempDir() {
    std::string tmpl = ::testing::TempDir() + "claimcheck_store_XXXXXX";
    if (mkdtemp(tmpl.data()) != nullptr) path_ = tmpl;
    EXPECT_FALSE(path_.empty()) << "mkdtemp failed";
  }
  ~TempDir() {
    std::error_code ec;
    if (!path_.empty()) std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }
  std::string File(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

// An article with its extraction, owned together so PutRequest can point in.
struct TestArticle {
  ArticleInput input;
  extract::Extraction extraction;
  PutRequest request() const { return PutRequest{&input, &extraction}; }
};

inline extract::Quote MakeQuote(std::string text, std::string speaker,
                                uint32_t begin, std::string mention = "",
                                std::string role = "") {
  extract::Quote q;
  q.span = {begin, begin + static_cast<uint32_t>(text.size())};
  q.text = std::move(text);
  q.speaker = std::move(speaker);
  q.speaker_kind = q.speaker.empty() ? extract::SpeakerKind::kUnknown
                                     : extract::SpeakerKind::kPerson;
  q.speaker_mention = std::move(mention);
  if (!q.speaker_mention.empty()) {
    q.mention_span = {
        begin + 500,
        begin + 500 + static_cast<uint32_t>(q.speaker_mention.size())};
  }
  q.role = std::move(role);
  q.cue = "said";
  q.rule = "test";
  q.confidence = 0.75f;
  return q;
}

inline extract::Quantity MakeQuantity(
    std::string surface, std::string unit_key, std::optional<double> value,
    std::optional<double> low = std::nullopt,
    std::optional<double> high = std::nullopt,
    extract::Approx approx = extract::Approx::kExact) {
  extract::Quantity q;
  q.span = {10, 10 + static_cast<uint32_t>(surface.size())};
  q.surface = std::move(surface);
  q.value = value;
  q.low = low;
  q.high = high;
  q.approx = approx;
  q.unit = unit_key;
  q.unit_key = std::move(unit_key);
  return q;
}

// A simple article: `n` is mixed into URL and text so each is distinct.
inline TestArticle MakeArticle(const std::string& tag,
                               const std::string& outlet = "Daily Test",
                               const std::string& date = "2026-02-08") {
  TestArticle a;
  a.input.url = absl::StrCat("https://news.example/", tag);
  a.input.outlet = outlet;
  a.input.published_date = date;
  a.input.title = absl::StrCat("Title ", tag);
  a.input.text = absl::StrCat("Body of article ", tag, ". Some words here.");
  return a;
}

}  // namespace claimcheck::store::testing

#endif  // CLAIMCHECK_TESTS_STORE_STORE_TEST_UTIL_H_
