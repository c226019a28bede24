// `claimcheck export`: the whole index as JSON Lines on stdout (quotes in
// Quotebank style, speakers, numeric claims; see client/export.h), with a
// progress bar on stderr when it is a terminal. Pages over existing RPCs:
// ListStories gives every article id (each article belongs to one story),
// GetArticle its quotes and claims, ListSpeakers the speakers.
#include "client/export.h"

#include <unistd.h>

#include <set>
#include <string>
#include <vector>

#include "client/cli/cli.h"
#include "client/cli/commands.h"
#include "client/cli/progress.h"
#include "client/exit_codes.h"

namespace claimcheck::cli {
namespace {

constexpr int kPageSize = 100;

struct ExportCounts {
  size_t articles = 0;
  size_t claims = 0;
  size_t speakers = 0;
};

// Writes the claims of every article and gathers its quotes. NOT_FOUND for
// an article deleted since its story was listed is skipped.
absl::Status ExportArticles(const Cli& cli, ProgressBar& bar,
                            QuoteGroups& quotes, ExportCounts& counts) {
  std::set<std::string> seen;
  v1::ListStoriesRequest request;
  request.set_page_size(kPageSize);
  do {
    absl::StatusOr<v1::ListStoriesResponse> page =
        cli.client.ListStories(request);
    if (!page.ok()) return page.status();
    for (const v1::Story& story : page->stories()) {
      for (const v1::StoryArticle& entry : story.articles()) {
        if (!seen.insert(entry.article_id()).second) continue;
        v1::GetArticleRequest get;
        get.set_article_id(entry.article_id());
        absl::StatusOr<v1::Article> article = cli.client.GetArticle(get);
        if (absl::IsNotFound(article.status())) continue;
        if (!article.ok()) return article.status();
        for (const std::string& line : ClaimLines(*article)) {
          cli.out << line << "\n";
          ++counts.claims;
        }
        quotes.Add(*article);
        bar.Update(++counts.articles);
      }
    }
    request.set_page_token(page->next_page_token());
  } while (!request.page_token().empty());
  return absl::OkStatus();
}

absl::Status ExportSpeakers(const Cli& cli, ExportCounts& counts) {
  v1::ListSpeakersRequest request;
  request.set_page_size(kPageSize);
  do {
    absl::StatusOr<v1::ListSpeakersResponse> page =
        cli.client.ListSpeakers(request);
    if (!page.ok()) return page.status();
    for (const v1::Speaker& speaker : page->speakers()) {
      cli.out << SpeakerLine(speaker) << "\n";
      ++counts.speakers;
    }
    request.set_page_token(page->next_page_token());
  } while (!request.page_token().empty());
  return absl::OkStatus();
}

}  // namespace

int RunExport(const Cli& cli, const std::vector<std::string>& args) {
  absl::StatusOr<v1::Stats> stats = cli.client.GetStats({});
  if (!stats.ok()) return Fail(cli, stats.status());
  ProgressBar bar(cli.err, stats->articles(), isatty(STDERR_FILENO) == 1);
  QuoteGroups quotes;
  ExportCounts counts;
  bar.Update(0);
  absl::Status status = ExportArticles(cli, bar, quotes, counts);
  bar.Clear();
  if (!status.ok()) return Fail(cli, status);
  for (const std::string& line : quotes.Lines()) cli.out << line << "\n";
  if (status = ExportSpeakers(cli, counts); !status.ok()) {
    return Fail(cli, status);
  }
  cli.out.flush();
  cli.err << "exported " << counts.articles << " articles: " << quotes.size()
          << " quotations, " << counts.speakers << " speakers, "
          << counts.claims << " claims\n";
  if (counts.articles < static_cast<size_t>(stats->articles())) {
    cli.err << "claimcheck: export: " << stats->articles() - counts.articles
            << " articles are in no story (stored before schema v3, or "
               "ingested during the export); re-ingest them to export them\n";
  }
  return kExitOk;
}

}  // namespace claimcheck::cli
