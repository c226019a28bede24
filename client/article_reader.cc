#include "client/article_reader.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "client/utf8.h"
#include "google/protobuf/struct.pb.h"
#include "google/protobuf/util/json_util.h"

namespace claimcheck {
namespace {

namespace fs = std::filesystem;

constexpr absl::string_view kUtf8Bom = "\xEF\xBB\xBF";

enum class FileKind { kText, kJson, kJsonLines };

FileKind KindOf(const fs::path& path) {
  const std::string ext = absl::AsciiStrToLower(path.extension().string());
  if (ext == ".json") return FileKind::kJson;
  if (ext == ".jsonl" || ext == ".ndjson") return FileKind::kJsonLines;
  return FileKind::kText;
}

bool IsArticleFile(const fs::path& path) {
  const std::string ext = absl::AsciiStrToLower(path.extension().string());
  return ext == ".txt" || ext == ".json" || ext == ".jsonl" || ext == ".ndjson";
}

absl::StatusOr<std::string> ReadWholeFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat(path, ": cannot open"));
  std::ostringstream content;
  content << in.rdbuf();
  if (in.bad()) return absl::DataLossError(absl::StrCat(path, ": read error"));
  return content.str();
}

absl::Status CheckUtf8(absl::string_view text, absl::string_view where) {
  size_t bad = 0;
  if (IsValidUtf8(text, &bad)) return absl::OkStatus();
  return absl::InvalidArgumentError(
      absl::StrCat(where, ": text is not valid UTF-8 (byte ", bad, ")"));
}

// Reads the string field `key` of `object` into `*out`. Absent or null leaves
// `*out` alone; any other non-string is an error.
absl::Status ReadStringField(const google::protobuf::Struct& object,
                             absl::string_view key, absl::string_view where,
                             std::string* out) {
  const auto it = object.fields().find(std::string(key));
  if (it == object.fields().end()) return absl::OkStatus();
  const google::protobuf::Value& value = it->second;
  if (value.kind_case() == google::protobuf::Value::kNullValue) {
    return absl::OkStatus();
  }
  if (value.kind_case() != google::protobuf::Value::kStringValue) {
    return absl::InvalidArgumentError(
        absl::StrCat(where, ": field \"", key, "\" must be a string"));
  }
  *out = value.string_value();
  return absl::OkStatus();
}

// Builds a request from one JSON object. `where` names the file and line or
// element, and becomes the request's client_ref.
absl::StatusOr<v1::IngestArticleRequest> ArticleFromObject(
    const google::protobuf::Struct& object, absl::string_view where,
    const ArticleReaderOptions& options) {
  v1::IngestArticleRequest request;
  request.set_client_ref(std::string(where));
  v1::ArticleInput& article = *request.mutable_article();
  std::string outlet = options.default_outlet;
  std::string date = options.default_date;
  std::string published_date;
  const std::pair<absl::string_view, std::string*> fields[] = {
      {"url", article.mutable_url()},
      {"outlet", &outlet},
      {"date", &date},
      {"published_date", &published_date},
      {"title", article.mutable_title()},
      {"text", article.mutable_text()}};
  for (const auto& [key, target] : fields) {
    if (absl::Status s = ReadStringField(object, key, where, target); !s.ok()) {
      return s;
    }
  }
  if (!published_date.empty()) date = published_date;
  if (absl::StripAsciiWhitespace(article.text()).empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat(where, ": missing or empty string field \"text\""));
  }
  if (absl::Status s = CheckUtf8(article.text(), where); !s.ok()) return s;
  article.set_outlet(outlet.empty() ? options.default_outlet : outlet);
  article.set_published_date(date);
  return request;
}

// The first line of a protobuf JSON error (later lines echo the input with a
// caret under the bad token).
std::string FirstLine(google::protobuf::StringPiece message) {
  const absl::string_view text(message.data(), message.size());
  return std::string(text.substr(0, text.find('\n')));
}

// Parses `json` as one JSON object, naming `where` in errors.
absl::StatusOr<google::protobuf::Struct> ParseObject(absl::string_view json,
                                                     absl::string_view where) {
  google::protobuf::Struct object;
  const auto status = google::protobuf::util::JsonStringToMessage(
      google::protobuf::StringPiece(json.data(), json.size()), &object);
  if (!status.ok()) {
    return absl::InvalidArgumentError(absl::StrCat(
        where, ": not a JSON object: ", FirstLine(status.message())));
  }
  return object;
}

absl::Status AppendFile(const std::string& path,
                        const ArticleReaderOptions& options,
                        std::vector<v1::IngestArticleRequest>* out) {
  absl::StatusOr<std::string> content = ReadWholeFile(path);
  if (!content.ok()) return content.status();
  absl::StatusOr<std::vector<v1::IngestArticleRequest>> articles;
  switch (KindOf(path)) {
    case FileKind::kText: {
      absl::StatusOr<v1::IngestArticleRequest> one =
          ArticleFromText(*content, path, options);
      if (!one.ok()) return one.status();
      out->push_back(*std::move(one));
      return absl::OkStatus();
    }
    case FileKind::kJson:
      articles = ArticlesFromJson(*content, path, options);
      break;
    case FileKind::kJsonLines:
      articles = ArticlesFromJsonLines(*content, path, options);
      break;
  }
  if (!articles.ok()) return articles.status();
  for (v1::IngestArticleRequest& article : *articles) {
    out->push_back(std::move(article));
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<v1::IngestArticleRequest> ArticleFromText(
    absl::string_view content, absl::string_view name,
    const ArticleReaderOptions& options) {
  absl::ConsumePrefix(&content, kUtf8Bom);
  if (absl::Status s = CheckUtf8(content, name); !s.ok()) return s;
  if (absl::StripAsciiWhitespace(content).empty()) {
    return absl::InvalidArgumentError(absl::StrCat(name, ": file is empty"));
  }
  v1::IngestArticleRequest request;
  request.set_client_ref(std::string(name));
  v1::ArticleInput& article = *request.mutable_article();
  article.set_text(std::string(content));
  article.set_outlet(options.default_outlet);
  article.set_published_date(options.default_date);
  for (absl::string_view line : absl::StrSplit(content, '\n')) {
    line = absl::StripAsciiWhitespace(line);
    if (line.empty()) continue;
    // A first line longer than a headline is the text's first paragraph.
    if (line.size() <= kMaxTitleBytes) article.set_title(std::string(line));
    break;
  }
  return request;
}

absl::StatusOr<std::vector<v1::IngestArticleRequest>> ArticlesFromJsonLines(
    absl::string_view content, absl::string_view name,
    const ArticleReaderOptions& options) {
  absl::ConsumePrefix(&content, kUtf8Bom);
  std::vector<v1::IngestArticleRequest> out;
  int line_number = 0;
  for (absl::string_view line : absl::StrSplit(content, '\n')) {
    ++line_number;
    line = absl::StripAsciiWhitespace(line);
    if (line.empty()) continue;
    const std::string where = absl::StrCat(name, ":", line_number);
    absl::StatusOr<google::protobuf::Struct> object = ParseObject(line, where);
    if (!object.ok()) return object.status();
    absl::StatusOr<v1::IngestArticleRequest> article =
        ArticleFromObject(*object, where, options);
    if (!article.ok()) return article.status();
    out.push_back(*std::move(article));
  }
  if (out.empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat(name, ": no articles in file"));
  }
  return out;
}

absl::StatusOr<std::vector<v1::IngestArticleRequest>> ArticlesFromJson(
    absl::string_view content, absl::string_view name,
    const ArticleReaderOptions& options) {
  absl::ConsumePrefix(&content, kUtf8Bom);
  google::protobuf::Value root;
  const auto status = google::protobuf::util::JsonStringToMessage(
      google::protobuf::StringPiece(content.data(), content.size()), &root);
  if (!status.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat(name, ": invalid JSON: ", FirstLine(status.message())));
  }
  std::vector<v1::IngestArticleRequest> out;
  if (root.kind_case() == google::protobuf::Value::kStructValue) {
    absl::StatusOr<v1::IngestArticleRequest> article =
        ArticleFromObject(root.struct_value(), name, options);
    if (!article.ok()) return article.status();
    out.push_back(*std::move(article));
    return out;
  }
  if (root.kind_case() != google::protobuf::Value::kListValue) {
    return absl::InvalidArgumentError(
        absl::StrCat(name, ": want a JSON object or an array of objects"));
  }
  const auto& values = root.list_value().values();
  for (int i = 0; i < values.size(); ++i) {
    const std::string where = absl::StrCat(name, "[", i, "]");
    if (values[i].kind_case() != google::protobuf::Value::kStructValue) {
      return absl::InvalidArgumentError(
          absl::StrCat(where, ": not a JSON object"));
    }
    absl::StatusOr<v1::IngestArticleRequest> article =
        ArticleFromObject(values[i].struct_value(), where, options);
    if (!article.ok()) return article.status();
    out.push_back(*std::move(article));
  }
  if (out.empty()) {
    return absl::InvalidArgumentError(absl::StrCat(name, ": empty array"));
  }
  return out;
}

absl::StatusOr<std::vector<v1::IngestArticleRequest>> ReadArticles(
    const std::string& path, const ArticleReaderOptions& options) {
  std::error_code error;
  const fs::file_status status = fs::status(path, error);
  if (error || !fs::exists(status)) {
    return absl::NotFoundError(absl::StrCat(path, ": no such file or folder"));
  }
  std::vector<v1::IngestArticleRequest> out;
  if (!fs::is_directory(status)) {
    if (absl::Status s = AppendFile(path, options, &out); !s.ok()) return s;
    return out;
  }
  std::vector<std::string> files;
  for (fs::directory_iterator it(path, error), end; !error && it != end;
       it.increment(error)) {
    if (it->is_regular_file(error) && IsArticleFile(it->path())) {
      files.push_back(it->path().string());
    }
  }
  if (error) {
    return absl::NotFoundError(
        absl::StrCat(path, ": cannot list folder: ", error.message()));
  }
  std::sort(files.begin(), files.end());
  if (files.empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat(path, ": no .txt, .json or .jsonl files in folder"));
  }
  for (const std::string& file : files) {
    if (absl::Status s = AppendFile(file, options, &out); !s.ok()) return s;
  }
  return out;
}

}  // namespace claimcheck
