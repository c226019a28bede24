// `claimcheck ingest`: reads every input first (a bad file stops everything
// before anything is sent), then ingests one article with IngestArticle or
// many over the IngestArticles stream, with a progress bar on stderr when it
// is a terminal.
#include <unistd.h>

#include <iostream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "client/article_reader.h"
#include "client/cli/cli.h"
#include "client/cli/commands.h"
#include "client/cli/progress.h"
#include "client/exit_codes.h"
#include "client/table.h"

namespace claimcheck::cli {
namespace {

struct Tally {
  int created = 0;
  int replaced = 0;
  int unchanged = 0;
  int rejected = 0;
  int first_rejection_code = 0;  // absl/gRPC status code of the first one

  void Add(const v1::IngestArticleResponse& ack) {
    switch (ack.outcome()) {
      case v1::INGEST_OUTCOME_CREATED:
        ++created;
        break;
      case v1::INGEST_OUTCOME_REPLACED:
        ++replaced;
        break;
      case v1::INGEST_OUTCOME_UNCHANGED:
        ++unchanged;
        break;
      default:
        ++rejected;
        if (first_rejection_code == 0) {
          first_rejection_code =
              ack.status_code() != 0
                  ? ack.status_code()
                  : static_cast<int>(absl::StatusCode::kUnknown);
        }
    }
  }

  int ingested() const { return created + replaced + unchanged; }
};

// The exit code of an ingest that failed with `code`: 5 (the usage's "an
// article was rejected") when the article itself was refused (invalid, too
// large, ...), else the code of any failed call (unreachable, token, ...).
int IngestExitCode(absl::StatusCode code) {
  switch (code) {
    case absl::StatusCode::kInvalidArgument:
    case absl::StatusCode::kOutOfRange:
    case absl::StatusCode::kResourceExhausted:
    case absl::StatusCode::kFailedPrecondition:
      return kExitInvalidArgument;
    default:
      return ExitCodeForStatus(absl::Status(code, "ingest failed"));
  }
}

bool Rejected(const v1::IngestArticleResponse& ack) {
  return ack.status_code() != 0 ||
         ack.outcome() == v1::INGEST_OUTCOME_REJECTED ||
         ack.outcome() == v1::INGEST_OUTCOME_UNSPECIFIED;
}

}  // namespace

int RunIngest(const Cli& cli, const std::vector<std::string>& args) {
  ArticleReaderOptions options;
  if (!cli.flags.outlet.empty()) options.default_outlet = cli.flags.outlet;
  options.default_date = cli.flags.date;
  std::vector<v1::IngestArticleRequest> requests;
  for (const std::string& path : args) {
    absl::StatusOr<std::vector<v1::IngestArticleRequest>> articles =
        ReadArticles(path, options);
    if (!articles.ok()) return UsageError(cli, articles.status().message());
    for (v1::IngestArticleRequest& r : *articles) {
      requests.push_back(std::move(r));
    }
  }

  std::vector<v1::IngestArticleResponse> acks;
  Tally tally;
  ProgressBar bar(cli.err, requests.size(), isatty(STDERR_FILENO) == 1);
  const auto on_ack = [&](const v1::IngestArticleResponse& ack) {
    acks.push_back(ack);
    tally.Add(ack);
    if (Rejected(ack)) {
      bar.Clear();
      cli.err << "claimcheck: ingest: " << ack.client_ref() << ": "
              << absl::StatusCodeToString(
                     static_cast<absl::StatusCode>(ack.status_code()))
              << ": " << ack.status_message() << "\n";
    }
    if (cli.flags.json) PrintJson(cli, ack);
    bar.Update(acks.size());
  };

  if (requests.size() == 1) {
    absl::StatusOr<v1::IngestArticleResponse> ack =
        cli.client.IngestArticle(requests[0]);
    if (!ack.ok()) {
      Fail(cli, ack.status());
      return IngestExitCode(ack.status().code());
    }
    if (ack->client_ref().empty()) {
      ack->set_client_ref(requests[0].client_ref());
    }
    on_ack(*ack);
  } else {
    bar.Update(0);
    absl::Status status = cli.client.IngestMany(requests, on_ack);
    bar.Clear();
    if (!status.ok()) {
      cli.err << "claimcheck: ingest: stream failed after " << acks.size()
              << " of " << requests.size() << " articles\n";
      return Fail(cli, status);
    }
  }

  const std::string summary =
      absl::StrCat("ingested ", tally.ingested(), " (created ", tally.created,
                   ", replaced ", tally.replaced, ", unchanged ",
                   tally.unchanged, ", rejected ", tally.rejected, ")");
  if (cli.flags.json) {
    cli.err << summary << "\n";
  } else {
    Table table({"SOURCE",
                 "OUTCOME",
                 "ARTICLE",
                 {"VERSION", Table::Align::kRight},
                 {"QUOTES", Table::Align::kRight},
                 {"CLAIMS", Table::Align::kRight}});
    for (const v1::IngestArticleResponse& ack : acks) {
      if (Rejected(ack)) continue;
      table.AddRow(
          {ack.client_ref(),
           ShortEnumName(v1::IngestOutcome_descriptor(), ack.outcome()),
           ack.article_id(), absl::StrCat(ack.version()),
           absl::StrCat(ack.quote_count()), absl::StrCat(ack.claim_count())});
    }
    if (table.num_rows() > 0) cli.out << table.Render(cli.width);
    cli.out << summary << "\n";
  }
  if (tally.rejected > 0) {
    return IngestExitCode(
        static_cast<absl::StatusCode>(tally.first_rejection_code));
  }
  return kExitOk;
}

}  // namespace claimcheck::cli
