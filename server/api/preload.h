// Loads articles from a JSON-lines file into a running service at start-up
// (the sample data of the README's first command). Each line is a
// claimcheck.v1.ArticleInput in JSON ({"url","outlet","published_date",
// "title","text"}; unknown fields are ignored). Already-stored articles are
// left unchanged, so preloading twice is harmless.
#ifndef CLAIMCHECK_SERVER_API_PRELOAD_H_
#define CLAIMCHECK_SERVER_API_PRELOAD_H_

#include <string>

#include "absl/status/statusor.h"
#include "server/api/service.h"

namespace claimcheck::api {

struct PreloadResult {
  int created = 0;
  int replaced = 0;
  int unchanged = 0;
};

// INVALID_ARGUMENT naming the file and line for a bad line; nothing after it
// is loaded.
absl::StatusOr<PreloadResult> PreloadJsonl(ClaimCheckService& service,
                                           const std::string& path);

}  // namespace claimcheck::api

#endif  // CLAIMCHECK_SERVER_API_PRELOAD_H_
