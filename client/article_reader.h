// Reads articles to ingest from local files.
//
// Accepted inputs:
//   - a text file (.txt, or any name that is not .json/.jsonl): the whole file
//     is the article text; the title is its first non-empty line when that
//     line is at most kMaxTitleBytes long (a longer one is a paragraph, and
//     the article has no title); the URL is empty; outlet and date come from
//     ArticleReaderOptions.
//   - a JSON lines file (.jsonl, .ndjson): one object per line with the
//     string fields `url, outlet, date` (or `published_date`)`, title, text`;
//     unknown fields are ignored, blank lines skipped.
//   - a JSON file (.json): one such object, or an array of them.
//   - a folder: every .txt, .json, .jsonl and .ndjson file directly inside
//     it, in byte order of the file names.
// Every request gets a `client_ref` naming where it came from ("a.txt",
// "b.jsonl:7", "c.json[2]"), and every error names the file and the line or
// array element: "b.jsonl:7: missing string field \"text\"".
//
// Functions here are pure except for file reads and keep no state, so they
// are safe to call from several threads at once.
#ifndef CLAIMCHECK_CLIENT_ARTICLE_READER_H_
#define CLAIMCHECK_CLIENT_ARTICLE_READER_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "claimcheck/v1/claimcheck.pb.h"

namespace claimcheck {

// Longest first line of a text file taken as its title, in bytes.
inline constexpr size_t kMaxTitleBytes = 300;

struct ArticleReaderOptions {
  // Outlet for articles whose file gives none (text files always).
  std::string default_outlet = "unknown";
  // Publication date "YYYY-MM-DD" for articles whose file gives none; may be
  // empty.
  std::string default_date;
};

// Reads every article under `path` (a file or a folder; see above).
// NOT_FOUND if the path does not exist, INVALID_ARGUMENT for bad content.
absl::StatusOr<std::vector<v1::IngestArticleRequest>> ReadArticles(
    const std::string& path, const ArticleReaderOptions& options);

// The parsers behind ReadArticles, on content already in memory. `name` is
// used in client refs and error messages.
absl::StatusOr<v1::IngestArticleRequest> ArticleFromText(
    absl::string_view content, absl::string_view name,
    const ArticleReaderOptions& options);
absl::StatusOr<std::vector<v1::IngestArticleRequest>> ArticlesFromJsonLines(
    absl::string_view content, absl::string_view name,
    const ArticleReaderOptions& options);
absl::StatusOr<std::vector<v1::IngestArticleRequest>> ArticlesFromJson(
    absl::string_view content, absl::string_view name,
    const ArticleReaderOptions& options);

}  // namespace claimcheck

#endif  // CLAIMCHECK_CLIENT_ARTICLE_READER_H_
