#include "client/cli/commands.h"

#include <algorithm>
#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/time.h"
#include "client/article_reader.h"
#include "client/claim_review.h"
#include "client/exit_codes.h"
#include "client/table.h"

namespace claimcheck::cli {
namespace {

// The claim's time as written, with its resolved date when known:
// "last year (2023)".
std::string ClaimTime(const v1::NumericClaim& c) {
  if (c.time_resolved().empty() || c.time_resolved() == c.time()) {
    return c.time();
  }
  return absl::StrCat(c.time(), " (", c.time_resolved(), ")");
}

std::string Score(float score) {
  char buffer[16];
  std::snprintf(buffer, sizeof(buffer), "%.2f", score);
  return buffer;
}

// What the evidence says about the claimed speaker; empty when unchecked.
std::string SpeakerCheckText(v1::SpeakerCheck check) {
  switch (check) {
    case v1::SPEAKER_CHECK_CONFIRMED:
      return "confirmed";
    case v1::SPEAKER_CHECK_CONTRADICTED:
      return "contradicted";
    case v1::SPEAKER_CHECK_UNCONFIRMED:
      return "unconfirmed (no source names a speaker confidently)";
    default:
      return "";
  }
}

// "1 quote", "2 quotes".
std::string Plural(int n, absl::string_view noun) {
  return absl::StrCat(n, " ", noun, n == 1 ? "" : "s");
}

std::string Quoted(absl::string_view text) {
  return absl::StrCat("\xE2\x80\x9C", text, "\xE2\x80\x9D");  // “text”
}

std::string SpeakerOf(const v1::Quote& quote) {
  return quote.attribution().speaker().empty() ? "(unattributed)"
                                               : quote.attribution().speaker();
}

std::string Kind(v1::SpeakerKind kind) {
  return ShortEnumName(v1::SpeakerKind_descriptor(), kind);
}

void PrintTable(const Cli& cli, const Table& table) {
  cli.out << table.Render(cli.width);
}

// The claims of one article (extract, article): value, what is counted,
// where in the text.
void PrintArticleClaims(
    const Cli& cli,
    const google::protobuf::RepeatedPtrField<v1::NumericClaim>& claims) {
  Table table({{"VALUE", Table::Align::kRight},
               "UNIT",
               "KIND",
               "CHANGE",
               "SUBJECT",
               "TIME",
               {"CLAIM", 48},
               "QUOTED",
               "SPAN"});
  for (const v1::NumericClaim& c : claims) {
    table.AddRow({FormatClaimValue(c), c.unit(), FormatKind(c), FormatChange(c),
                  c.subject(), ClaimTime(c), c.surface(),
                  c.in_quote() ? "yes" : "", FormatSpan(c.span())});
  }
  if (table.num_rows() > 0) PrintTable(cli, table);
}

void PrintNextPage(const Cli& cli, const std::string& token) {
  if (!token.empty()) cli.out << "(more: --page-token=" << token << ")\n";
}

// Copies --limit and --page-token into a listing request.
template <typename Request>
void SetPage(const Cli& cli, Request* request) {
  request->set_page_size(cli.flags.limit);
  request->set_page_token(cli.flags.page_token);
}

// One page of a listing: `table` with a row per element of `rows` (added by
// `add_row(row, &table)`), then the hint for the next page. When `none` is
// given, an empty page prints just it ("no stories").
template <typename Rows, typename AddRow>
void PrintPage(const Cli& cli, const Rows& rows, Table table,
               const AddRow& add_row, const std::string& next_page_token,
               absl::string_view none = {}) {
  if (rows.empty() && !none.empty()) {
    cli.out << none << "\n";
    return;
  }
  for (const auto& row : rows) add_row(row, &table);
  PrintTable(cli, table);
  PrintNextPage(cli, next_page_token);
}

// A table of quotes with where they appeared.
void PrintQuotesWithEvidence(
    const Cli& cli,
    const google::protobuf::RepeatedPtrField<v1::QuoteWithEvidence>& quotes,
    bool with_speaker) {
  std::vector<Table::Column> columns = {"DATE", "OUTLET"};
  if (with_speaker) columns.push_back("SPEAKER");
  columns.push_back({"QUOTE", QuoteWidth(cli)});
  columns.push_back("ARTICLE");
  columns.push_back("SPAN");
  Table table(std::move(columns));
  for (const v1::QuoteWithEvidence& q : quotes) {
    std::vector<std::string> row = {q.evidence().published_date(),
                                    q.evidence().outlet()};
    if (with_speaker) row.push_back(SpeakerOf(q.quote()));
    row.push_back(Quoted(q.quote().text()));
    row.push_back(q.evidence().article_id());
    row.push_back(FormatSpan(q.quote().span()));
    table.AddRow(std::move(row));
  }
  PrintTable(cli, table);
}

std::string Tallies(
    const google::protobuf::RepeatedPtrField<v1::SpeakerTally>& tallies) {
  std::vector<std::string> parts;
  for (const v1::SpeakerTally& t : tallies) {
    parts.push_back(
        absl::StrCat(t.speaker().empty() ? "(unattributed)" : t.speaker(), " (",
                     t.count(), ")"));
  }
  return absl::StrJoin(parts, ", ");
}

// One ExtractText answer: its quotes, then its numeric claims.
void PrintExtraction(const Cli& cli, const v1::ExtractTextResponse& r) {
  cli.out << Plural(r.quotes_size(), "quote") << "\n";
  Table quotes({{"#", Table::Align::kRight},
                "SPEAKER",
                "MENTION",
                {"QUOTE", QuoteWidth(cli)},
                "RULE",
                {"CONF", Table::Align::kRight},
                "SPAN"});
  int i = 0;
  for (const v1::Quote& q : r.quotes()) {
    quotes.AddRow({absl::StrCat(++i), SpeakerOf(q), q.attribution().mention(),
                   Quoted(q.text()), q.attribution().rule(),
                   Score(q.attribution().confidence()), FormatSpan(q.span())});
  }
  if (quotes.num_rows() > 0) PrintTable(cli, quotes);
  cli.out << "\n" << Plural(r.claims_size(), "numeric claim") << "\n";
  PrintArticleClaims(cli, r.claims());
}

int Extract(const Cli& cli, const std::vector<std::string>& args) {
  ArticleReaderOptions options;
  absl::StatusOr<std::vector<v1::IngestArticleRequest>> articles =
      ReadArticles(args[0], options);
  if (!articles.ok()) return UsageError(cli, articles.status().message());
  for (const v1::IngestArticleRequest& article : *articles) {
    v1::ExtractTextRequest request;
    request.set_text(article.article().text());
    const int code = Answer(cli, cli.client.ExtractText(request),
                            [&](const v1::ExtractTextResponse& r) {
                              if (articles->size() > 1) {
                                cli.out << "== " << article.client_ref()
                                        << "\n";
                              }
                              PrintExtraction(cli, r);
                            });
    if (code != kExitOk) return code;
  }
  return kExitOk;
}

int WhoSaid(const Cli& cli, const std::vector<std::string>& args) {
  v1::SearchQuotesRequest request;
  request.set_text(args[0]);
  request.set_mode(cli.flags.approx ? v1::MATCH_MODE_APPROXIMATE
                                    : v1::MATCH_MODE_EXACT);
  request.set_min_score(cli.flags.min_score);
  request.set_page_size(cli.flags.limit);
  const auto print = [&](const v1::SearchQuotesResponse& r) {
    if (r.matches().empty()) {
      cli.out << "no matching quote"
              << (cli.flags.approx ? "" : " (try --approx)") << "\n";
      return;
    }
    cli.out << "speakers: " << Tallies(r.speakers()) << "\n\n";
    Table table({{"SCORE", Table::Align::kRight},
                 "SPEAKER",
                 {"QUOTE", QuoteWidth(cli)},
                 "OUTLET",
                 "DATE",
                 "ARTICLE",
                 "SPAN"});
    for (const v1::QuoteMatch& m : r.matches()) {
      table.AddRow({Score(m.score()), SpeakerOf(m.quote()),
                    Quoted(m.quote().text()), m.evidence().outlet(),
                    m.evidence().published_date(), m.evidence().article_id(),
                    FormatSpan(m.quote().span())});
    }
    PrintTable(cli, table);
  };
  return Answer(cli, cli.client.SearchQuotes(request), print,
                [](const v1::SearchQuotesResponse& r) {
                  return r.matches().empty() ? kExitNoMatch : kExitOk;
                });
}

int Quotes(const Cli& cli, const std::vector<std::string>& args) {
  v1::ListSpeakerQuotesRequest request;
  request.set_speaker(args[0]);
  request.set_outlet(cli.flags.outlet);
  request.set_from_date(cli.flags.from);
  request.set_to_date(cli.flags.to);
  SetPage(cli, &request);
  return Answer(
      cli, cli.client.ListSpeakerQuotes(request),
      [&](const v1::ListSpeakerQuotesResponse& r) {
        cli.out << r.speaker() << " (" << r.speaker_id()
                << "): " << Plural(r.quotes_size(), "quote")
                << (r.next_page_token().empty() ? "" : " on this page")
                << "\n\n";
        PrintQuotesWithEvidence(cli, r.quotes(), /*with_speaker=*/false);
        PrintNextPage(cli, r.next_page_token());
      });
}

int Speakers(const Cli& cli, const std::vector<std::string>& args) {
  v1::ListSpeakersRequest request;
  if (!args.empty()) request.set_name_prefix(args[0]);
  SetPage(cli, &request);
  return Answer(
      cli, cli.client.ListSpeakers(request),
      [&](const v1::ListSpeakersResponse& r) {
        PrintPage(
            cli, r.speakers(),
            Table({"NAME",
                   "KIND",
                   {"QUOTES", Table::Align::kRight},
                   {"ROLES", 40},
                   {"OUTLETS", 40},
                   "ID"}),
            [](const v1::Speaker& s, Table* table) {
              table->AddRow({s.name(), Kind(s.kind()),
                             absl::StrCat(s.quote_count()),
                             absl::StrJoin(s.roles(), "; "),
                             absl::StrJoin(s.outlets(), ", "), s.id()});
            },
            r.next_page_token());
      });
}

int SpeakerCommand(const Cli& cli, const std::vector<std::string>& args) {
  v1::GetSpeakerRequest request;
  request.set_speaker(args[0]);
  return Answer(cli, cli.client.GetSpeaker(request), [&](const v1::Speaker& r) {
    PrintFields(cli, {{"name", r.name()},
                      {"id", r.id()},
                      {"kind", Kind(r.kind())},
                      {"quotes", absl::StrCat(r.quote_count())},
                      {"aliases", absl::StrJoin(r.aliases(), ", ")},
                      {"roles", absl::StrJoin(r.roles(), "; ")},
                      {"outlets", absl::StrJoin(r.outlets(), ", ")}});
  });
}

// The verdict as aligned fields, then its evidence.
void PrintVerdict(const Cli& cli, const v1::VerifyQuoteResponse& r) {
  const bool found = r.verdict() != v1::VERDICT_NOT_FOUND;
  PrintFields(
      cli,
      {{"verdict", ShortEnumName(v1::Verdict_descriptor(), r.verdict())},
       {"confidence", r.confidence() > 0 ? Score(r.confidence()) : ""},
       {"score", found ? Score(r.score()) : ""},
       {"matched", r.matched_text().empty() ? "" : Quoted(r.matched_text())},
       {"said by", r.attributed_speaker()},
       {"speaker", SpeakerCheckText(r.speaker_check())},
       {"diff", FormatDiff(r.diff())},
       {"meaning", r.meaning_changed() ? "changed" : ""},
       {"changes", absl::StrJoin(r.changes(), "; ")},
       {"why", r.explanation()}});
  if (!r.evidence().empty()) {
    cli.out << "\n";
    PrintQuotesWithEvidence(cli, r.evidence(),
                            /*with_speaker=*/true);
  }
}

// verify --claimreview: the verdict as schema.org ClaimReview JSON-LD.
int PrintClaimReview(const Cli& cli, const v1::VerifyQuoteRequest& request,
                     const v1::VerifyQuoteResponse& r) {
  ClaimReviewOptions options;
  options.reviewer = cli.flags.reviewer;
  options.review_url = cli.flags.review_url;
  if (options.review_url.empty()) {
    cli.err << "claimcheck: verify: note: Google's fact-check markup needs "
               "the review's own url; pass --review-url=URL\n";
  }
  options.date_published =
      absl::FormatTime("%Y-%m-%d", absl::Now(), absl::UTCTimeZone());
  absl::StatusOr<std::string> json_ld = ClaimReviewJsonLd(request, r, options);
  if (!json_ld.ok()) return Fail(cli, json_ld.status());
  cli.out << *json_ld << "\n";
  return ExitCodeForVerdict(r.verdict());
}

int Verify(const Cli& cli, const std::vector<std::string>& args) {
  v1::VerifyQuoteRequest request;
  request.set_text(args[0]);
  request.set_claimed_speaker(cli.flags.speaker);
  request.set_claimed_date(cli.flags.date);
  absl::StatusOr<v1::VerifyQuoteResponse> response =
      cli.client.VerifyQuote(request);
  if (cli.flags.claimreview && response.ok()) {
    return PrintClaimReview(cli, request, *response);
  }
  return Answer(
      cli, response,
      [&](const v1::VerifyQuoteResponse& r) { PrintVerdict(cli, r); },
      [](const v1::VerifyQuoteResponse& r) {
        return ExitCodeForVerdict(r.verdict());
      });
}

void PrintQuoteReport(const Cli& cli, const v1::QuoteConsistencyReport& r) {
  PrintFields(
      cli,
      {{"agreement", ShortEnumName(v1::Agreement_descriptor(), r.agreement())},
       {"wording", r.wording_agrees() ? "agrees" : "differs"},
       {"speaker", r.speaker_agrees() ? "agrees" : "differs"},
       {"speakers", Tallies(r.speakers())},
       {"fullest", r.fullest_text().empty() ? "" : Quoted(r.fullest_text())},
       {"summary", r.summary()}});
  if (r.variants().empty()) return;
  Table table({"DATE",
               "OUTLET",
               "SPEAKER",
               {"SCORE", Table::Align::kRight},
               "FRAGMENT",
               {"WORDING (diff to fullest)", QuoteWidth(cli)},
               "ARTICLE"});
  for (const v1::QuoteVariant& v : r.variants()) {
    const v1::QuoteWithEvidence& o = v.occurrence();
    table.AddRow(
        {o.evidence().published_date(), o.evidence().outlet(),
         SpeakerOf(o.quote()), Score(v.score()), v.truncated() ? "yes" : "",
         v.diff().empty() ? Quoted(o.quote().text()) : FormatDiff(v.diff()),
         o.evidence().article_id()});
  }
  cli.out << "\n";
  PrintTable(cli, table);
}

// consistency speaker: one quote report per utterance.
void PrintSpeakerReport(const Cli& cli, const v1::SpeakerConsistencyReport& r) {
  int i = 0;
  for (const v1::QuoteConsistencyReport& group : r.groups()) {
    cli.out << (i == 0 ? "" : "\n") << "== " << r.speaker() << ", utterance "
            << i + 1 << " of " << r.groups_size() << "\n";
    PrintQuoteReport(cli, group);
    ++i;
  }
  if (r.groups().empty()) cli.out << r.speaker() << ": no quotes\n";
}

// A finding if any utterance's sources disagree; no match without quotes.
int SpeakerReportExitCode(const v1::SpeakerConsistencyReport& r) {
  int code = r.groups().empty() ? kExitNoMatch : kExitOk;
  for (const v1::QuoteConsistencyReport& group : r.groups()) {
    if (ExitCodeForAgreement(group.agreement()) == kExitFinding) {
      code = kExitFinding;
    }
  }
  return code;
}

// consistency quantity: the verdict, every observation, the conflicts.
void PrintQuantityReport(const Cli& cli,
                         const v1::QuantityConsistencyReport& r) {
  PrintFields(cli, {{"agreement",
                     ShortEnumName(v1::Agreement_descriptor(), r.agreement())},
                    {"unit key", r.unit_key()},
                    {"summary", r.summary()}});
  if (!r.observations().empty()) {
    Table table({"DATE",
                 "OUTLET",
                 {"VALUE", Table::Align::kRight},
                 "INTERVAL",
                 "SUBJECT",
                 {"CLAIM", 48},
                 "ASSERTED BY",
                 "ARTICLE"});
    for (const v1::QuantityObservation& o : r.observations()) {
      table.AddRow({o.evidence().published_date(), o.evidence().outlet(),
                    FormatClaimValue(o.claim()),
                    absl::StrCat("[", FormatNumber(o.interval_low()), ", ",
                                 FormatNumber(o.interval_high()), "]"),
                    o.claim().subject(), o.claim().surface(),
                    o.claim().asserted_by(), o.evidence().article_id()});
    }
    cli.out << "\n";
    PrintTable(cli, table);
  }
  for (const std::string& conflict : r.conflicts()) {
    cli.out << "conflict: " << conflict << "\n";
  }
}

template <typename Report>
int AgreementExitCode(const Report& r) {
  return ExitCodeForAgreement(r.agreement());
}

int Consistency(const Cli& cli, const std::vector<std::string>& args) {
  const std::string& kind = args[0];
  if (kind == "quote") {
    v1::GetQuoteConsistencyRequest request;
    request.set_text(args[1]);
    return Answer(
        cli, cli.client.GetQuoteConsistency(request),
        [&](const v1::QuoteConsistencyReport& r) { PrintQuoteReport(cli, r); },
        AgreementExitCode<v1::QuoteConsistencyReport>);
  }
  if (kind == "speaker") {
    v1::GetSpeakerConsistencyRequest request;
    request.set_speaker(args[1]);
    request.set_max_groups(cli.flags.limit);
    return Answer(
        cli, cli.client.GetSpeakerConsistency(request),
        [&](const v1::SpeakerConsistencyReport& r) {
          PrintSpeakerReport(cli, r);
        },
        SpeakerReportExitCode);
  }
  if (kind == "quantity") {
    v1::GetQuantityConsistencyRequest request;
    request.set_unit(args[1]);
    request.set_subject(cli.flags.subject);
    return Answer(
        cli, cli.client.GetQuantityConsistency(request),
        [&](const v1::QuantityConsistencyReport& r) {
          PrintQuantityReport(cli, r);
        },
        AgreementExitCode<v1::QuantityConsistencyReport>);
  }
  return UsageError(cli, absl::StrCat("unknown kind '", kind,
                                      "'; want quote, speaker or quantity"));
}

int Claims(const Cli& cli, const std::vector<std::string>& args) {
  v1::SearchClaimsRequest request;
  request.set_unit(cli.flags.unit);
  if (!args.empty()) {
    if (!cli.flags.unit.empty()) {
      return UsageError(cli, "give the unit either as argument or --unit");
    }
    request.set_unit(args[0]);
  }
  request.set_subject(cli.flags.subject);
  std::vector<v1::QuantityKind> kinds;
  std::string bad;
  if (!ParseKinds(cli.flags.kind, &kinds, &bad)) {
    return UsageError(cli, absl::StrCat("--kind: unknown kind '", bad, "'"));
  }
  for (v1::QuantityKind k : kinds) request.add_kinds(k);
  if (cli.flags.min) request.set_min_value(*cli.flags.min);
  if (cli.flags.max) request.set_max_value(*cli.flags.max);
  SetPage(cli, &request);
  return Answer(
      cli, cli.client.SearchClaims(request),
      [&](const v1::SearchClaimsResponse& r) {
        PrintPage(
            cli, r.claims(),
            Table({"DATE",
                   "OUTLET",
                   {"VALUE", Table::Align::kRight},
                   "UNIT",
                   "KIND",
                   "CHANGE",
                   "SUBJECT",
                   "TIME",
                   {"CLAIM", 48},
                   "ARTICLE",
                   "SPAN"}),
            [](const v1::QuantityObservation& o, Table* table) {
              table->AddRow({o.evidence().published_date(),
                             o.evidence().outlet(), FormatClaimValue(o.claim()),
                             o.claim().unit(), FormatKind(o.claim()),
                             FormatChange(o.claim()), o.claim().subject(),
                             ClaimTime(o.claim()), o.claim().surface(),
                             o.evidence().article_id(),
                             FormatSpan(o.claim().span())});
            },
            r.next_page_token());
      });
}

int ArticleCommand(const Cli& cli, const std::vector<std::string>& args) {
  v1::GetArticleRequest request;
  request.set_article_id(args[0]);
  request.set_include_text(cli.flags.text);
  return Answer(cli, cli.client.GetArticle(request), [&](const v1::Article& r) {
    const v1::Article& a = r;
    PrintFields(cli, {{"id", a.id()},
                      {"title", a.title()},
                      {"outlet", a.outlet()},
                      {"date", a.published_date()},
                      {"url", a.url()},
                      {"version", absl::StrCat(a.version())},
                      {"sha256", a.content_hash()},
                      {"quotes", absl::StrCat(a.quotes_size())},
                      {"claims", absl::StrCat(a.claims_size())}});
    if (!a.quotes().empty()) {
      Table quotes({{"#", Table::Align::kRight},
                    "SPEAKER",
                    "MENTION",
                    {"QUOTE", QuoteWidth(cli)},
                    "SPAN"});
      int i = 0;
      for (const v1::Quote& q : a.quotes()) {
        quotes.AddRow({absl::StrCat(++i), SpeakerOf(q),
                       q.attribution().mention(), Quoted(q.text()),
                       FormatSpan(q.span())});
      }
      cli.out << "\n";
      PrintTable(cli, quotes);
    }
    if (!a.claims().empty()) {
      cli.out << "\n";
      PrintArticleClaims(cli, a.claims());
    }
    if (cli.flags.text) cli.out << "\n" << a.text() << "\n";
  });
}

int Delete(const Cli& cli, const std::vector<std::string>& args) {
  v1::DeleteArticleRequest request;
  request.set_article_id(args[0]);
  return Answer(cli, cli.client.DeleteArticle(request),
                [&](const v1::DeleteArticleResponse& r) {
                  cli.out << "deleted article " << args[0] << " ("
                          << Plural(r.deleted_quotes(), "quote") << ", "
                          << Plural(r.deleted_claims(), "claim") << ")\n";
                });
}

int StatsCommand(const Cli& cli, const std::vector<std::string>& args) {
  return Answer(cli, cli.client.GetStats({}), [&](const v1::Stats& r) {
    const v1::Stats& s = r;
    PrintFields(cli, {{"articles", FormatNumber(s.articles())},
                      {"quotes", FormatNumber(s.quotes())},
                      {"speakers", FormatNumber(s.speakers())},
                      {"claims", FormatNumber(s.claims())},
                      {"outlets", FormatNumber(s.outlets())},
                      {"db bytes", FormatNumber(s.db_bytes())}});
  });
}

// "2026-03-04  Metro Wire  Victor Hale" style cell for one conflict side.
std::string SideWho(const v1::ConflictSide& side, bool numeric) {
  if (numeric) {
    return absl::StrCat(FormatClaimValue(side.claim().claim()),
                        side.occurrences() > 1
                            ? absl::StrCat(" (x", side.occurrences(), ")")
                            : "");
  }
  return absl::StrCat(side.speaker(),
                      side.occurrences() > 1
                          ? absl::StrCat(" (x", side.occurrences(), ")")
                          : "");
}

const v1::Evidence& SideEvidence(const v1::ConflictSide& side) {
  return side.has_claim() ? side.claim().evidence() : side.quote().evidence();
}

void PrintConflicts(const Cli& cli, const v1::ListConflictsResponse& r) {
  if (r.conflicts().empty()) {
    cli.out << "no conflicts\n";
    return;
  }
  Table table({"KIND",
               {"TOPIC", QuoteWidth(cli)},
               "A: DATE",
               "OUTLET",
               "SAYS",
               "B: DATE",
               "OUTLET",
               "SAYS"});
  for (const v1::Conflict& c : r.conflicts()) {
    const bool numeric = c.kind() == v1::CONFLICT_KIND_NUMERIC;
    const v1::Evidence& a = SideEvidence(c.a());
    const v1::Evidence& b = SideEvidence(c.b());
    table.AddRow({numeric ? "numeric" : "attribution",
                  numeric ? c.topic() : Quoted(c.topic()), a.published_date(),
                  a.outlet(), SideWho(c.a(), numeric), b.published_date(),
                  b.outlet(), SideWho(c.b(), numeric)});
  }
  PrintTable(cli, table);
  for (const v1::Conflict& c : r.conflicts()) {
    cli.out << c.id() << ": " << c.summary();
    if (!c.reason().empty()) cli.out << " [" << c.reason() << "]";
    cli.out << "\n";
  }
  if (r.pending_groups() > 0) {
    cli.out << "(" << r.pending_groups()
            << " groups still being recomputed: the listing trails ingest)\n";
  }
  PrintNextPage(cli, r.next_page_token());
}

int Conflicts(const Cli& cli, const std::vector<std::string>& args) {
  v1::ListConflictsRequest request;
  request.set_outlet(cli.flags.outlet);
  request.set_from_date(cli.flags.from);
  request.set_to_date(cli.flags.to);
  if (!args.empty()) {
    if (args[0] == "attribution") {
      request.set_kind(v1::CONFLICT_KIND_ATTRIBUTION);
    } else if (args[0] == "numeric") {
      request.set_kind(v1::CONFLICT_KIND_NUMERIC);
    } else {
      return UsageError(cli, absl::StrCat("unknown kind '", args[0],
                                          "'; want attribution or numeric"));
    }
  }
  SetPage(cli, &request);
  // What was just ingested is listed: conflicts trail ingest (proto).
  request.set_wait_for_ingested(true);
  return Answer(
      cli, cli.client.ListConflicts(request),
      [&](const v1::ListConflictsResponse& r) { PrintConflicts(cli, r); },
      [&](const v1::ListConflictsResponse& r) {
        return r.conflicts().empty() ? kExitOk : kExitFinding;
      });
}

std::string StoryOutlets(const v1::Story& s) {
  std::vector<std::string> outlets;
  for (const v1::StoryArticle& a : s.articles()) {
    if (std::find(outlets.begin(), outlets.end(), a.outlet()) ==
        outlets.end()) {
      outlets.push_back(a.outlet());
    }
  }
  return absl::StrJoin(outlets, ", ");
}

int Stories(const Cli& cli, const std::vector<std::string>& args) {
  v1::ListStoriesRequest request;
  SetPage(cli, &request);
  return Answer(
      cli, cli.client.ListStories(request),
      [&](const v1::ListStoriesResponse& r) {
        PrintPage(
            cli, r.stories(),
            Table(
                {"ID", "ARTICLES", "FIRST", "LAST", {"TITLE", 50}, "OUTLETS"}),
            [](const v1::Story& s, Table* table) {
              table->AddRow({s.id(), absl::StrCat(s.article_count()),
                             s.first_date(), s.last_date(),
                             s.articles().empty() ? "" : s.articles(0).title(),
                             StoryOutlets(s)});
            },
            r.next_page_token(), "no stories");
      });
}

int StoryCommand(const Cli& cli, const std::vector<std::string>& args) {
  v1::GetStoryRequest request;
  request.set_id(args[0]);
  return Answer(cli, cli.client.GetStory(request), [&](const v1::Story& r) {
    cli.out << "story " << r.id() << ": " << r.article_count() << " articles, "
            << r.first_date() << " to " << r.last_date() << "\n";
    Table table({"ARTICLE", "DATE", "OUTLET", {"TITLE", 60}, "URL"});
    for (const v1::StoryArticle& a : r.articles()) {
      table.AddRow(
          {a.article_id(), a.published_date(), a.outlet(), a.title(), a.url()});
    }
    PrintTable(cli, table);
  });
}

std::string MsDate(int64_t ms) {
  if (ms == 0) return "";
  return absl::FormatTime("%Y-%m-%d %H:%M:%S", absl::FromUnixMillis(ms),
                          absl::UTCTimeZone());
}

int Merges(const Cli& cli, const std::vector<std::string>& args) {
  v1::ListSpeakerMergesRequest request;
  request.set_speaker(cli.flags.speaker);
  if (!args.empty()) request.set_speaker(args[0]);
  request.set_include_undone(cli.flags.all);
  SetPage(cli, &request);
  return Answer(cli, cli.client.ListSpeakerMerges(request),
                [&](const v1::ListSpeakerMergesResponse& r) {
                  PrintPage(
                      cli, r.merges(),
                      Table({"ID",
                             "MERGED",
                             "INTO",
                             {"EVIDENCE", 60},
                             "WHEN (UTC)",
                             "UNDONE"}),
                      [](const v1::SpeakerMerge& m, Table* table) {
                        table->AddRow({m.id(), m.from_name(), m.into_name(),
                                       m.reason(), MsDate(m.created_unix_ms()),
                                       MsDate(m.undone_unix_ms())});
                      },
                      r.next_page_token(), "no speaker merges");
                });
}

int UndoMerge(const Cli& cli, const std::vector<std::string>& args) {
  v1::UndoSpeakerMergeRequest request;
  request.set_merge_id(args[0]);
  return Answer(cli, cli.client.UndoSpeakerMerge(request),
                [&](const v1::SpeakerMerge& r) {
                  cli.out << "undid " << r.id() << ": " << r.from_name()
                          << " is its own speaker again ("
                          << r.from_speaker_id() << "), apart from "
                          << r.into_name() << "\n";
                });
}

}  // namespace

const std::vector<Command>& Commands() {
  static const std::vector<Command>* const kCommands = new std::vector<Command>{
      {"ingest", "<file|folder|file.jsonl>...", "[--outlet=O] [--date=D]",
       "store articles (.txt, .json, .jsonl, or a folder of them)", 1, -1,
       RunIngest},
      {"extract", "<file>", "",
       "dry run: show the quotes and numbers the server finds, store nothing",
       1, 1, Extract},
      {"who-said", "\"<text>\"", "[--approx] [--min-score=S] [--limit=N]",
       "find who said a quote, and where", 1, 1, WhoSaid},
      {"quotes", "<speaker>",
       "[--outlet=O] [--from=D] [--to=D] [--limit=N] [--page-token=T]",
       "list a speaker's quotes, newest first", 1, 1, Quotes},
      {"speakers", "[prefix]", "[--limit=N] [--page-token=T]",
       "list speakers, optionally by name prefix", 0, 1, Speakers},
      {"speaker", "<name|id>", "", "show one speaker: aliases, roles, outlets",
       1, 1, SpeakerCommand},
      {"verify", "\"<text>\"",
       "[--speaker=NAME] [--date=YYYY-MM-DD] [--claimreview [--reviewer=ORG] "
       "[--review-url=URL]]",
       "verdict on a quote: SUPPORTED, MISATTRIBUTED, ALTERED, PARTIAL, "
       "UNATTRIBUTED, NOT_FOUND, with a confidence",
       1, 1, Verify},
      {"watch-add", "\"<text>\"", "[--speaker=NAME]",
       "register a quote to hear about when it appears again", 1, 1, WatchAdd},
      {"watch-rm", "<watch_id>", "", "remove a registration", 1, 1,
       WatchRemove},
      {"watches", "", "", "list the registrations", 0, 0, WatchList},
      {"watch", "[watch_id]...",
       "[--after=SEQ] [--from-now] [--max-events=N] [--watch-for=DURATION]",
       "stream new occurrences and conflicts as articles arrive; resumes "
       "after a lost connection",
       0, -1, WatchEvents},
      {"consistency", "quote \"<text>\" | speaker <name> | quantity <unit>",
       "[--subject=S] (quantity) [--limit=N] (speaker)",
       "do the outlets agree on a quote, a speaker, a quantity?", 2, 2,
       Consistency},
      {"claims", "[unit]",
       "[--unit=U] [--subject=S] [--min=X] [--max=X] [--limit=N] "
       "[--page-token=T]",
       "search numeric claims", 0, 1, Claims},
      {"article", "<id>", "[--text]",
       "show a stored article with its quotes and claims", 1, 1,
       ArticleCommand},
      {"delete", "<id>", "", "delete an article (e.g. a retraction)", 1, 1,
       Delete},
      {"conflicts", "[attribution|numeric]",
       "[--outlet=O] [--from=D] [--to=D] [--limit=N] [--page-token=T]",
       "list conflicts across the whole index (same quote, different "
       "speakers; same quantity, disjoint numbers)",
       0, 1, Conflicts},
      {"stories", "", "[--limit=N] [--page-token=T]",
       "list stories (articles about one event, grouped at ingest)", 0, 0,
       Stories},
      {"story", "<id>", "", "show one story and its articles", 1, 1,
       StoryCommand},
      {"merges", "[speaker]", "[--all] [--limit=N] [--page-token=T]",
       "list speaker merges (spelling variants joined), newest first", 0, 1,
       Merges},
      {"undo-merge", "<merge-id>", "",
       "undo a speaker merge: the variant becomes its own speaker again", 1, 1,
       UndoMerge},
      {"stats", "", "", "counts of what the index holds", 0, 0, StatsCommand},
      {"export", "", "",
       "write every quote (Quotebank style), speaker and numeric claim as "
       "JSON Lines to stdout, with a progress bar on a terminal",
       0, 0, RunExport},
  };
  return *kCommands;
}

const Command* FindCommand(absl::string_view name) {
  for (const Command& command : Commands()) {
    if (name == command.name) return &command;
  }
  return nullptr;
}

}  // namespace claimcheck::cli
