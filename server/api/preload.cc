#include "server/api/preload.h"

#include <google/protobuf/util/json_util.h>

#include <fstream>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/notification.h"

namespace claimcheck::api {

absl::StatusOr<PreloadResult> PreloadJsonl(ClaimCheckService& service,
                                           const std::string& path) {
  std::ifstream in(path);
  if (!in)
    return absl::InvalidArgumentError(absl::StrCat("cannot read ", path));
  PreloadResult result;
  google::protobuf::util::JsonParseOptions opts;
  opts.ignore_unknown_fields = true;
  std::string line;
  for (int lineno = 1; std::getline(in, line); ++lineno) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    v1::IngestArticleRequest req;
    auto parsed = google::protobuf::util::JsonStringToMessage(
        line, req.mutable_article(), opts);
    if (!parsed.ok()) {
      return absl::InvalidArgumentError(
          absl::StrCat(path, ":", lineno, ": ", parsed.message().as_string()));
    }
    auto prep = service.PrepareIngest(req);
    if (!prep.ok()) {
      return absl::InvalidArgumentError(
          absl::StrCat(path, ":", lineno, ": ", prep.status().message()));
    }
    absl::Notification done;
    absl::StatusOr<store::PutResult> put;
    service.pipeline().Submit(std::move(prep->first), std::move(prep->second),
                              [&](absl::StatusOr<store::PutResult> r) {
                                put = std::move(r);
                                done.Notify();
                              });
    done.WaitForNotification();
    if (!put.ok()) return put.status();
    switch (put->outcome) {
      case store::PutOutcome::kCreated:
        ++result.created;
        break;
      case store::PutOutcome::kReplaced:
        ++result.replaced;
        break;
      case store::PutOutcome::kUnchanged:
        ++result.unchanged;
        break;
    }
  }
  return result;
}

}  // namespace claimcheck::api
