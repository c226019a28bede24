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

void PrintNextPage(const Cli& cli, const std::string& token) {
  if (!token.empty()) cli.out << "(more: --page-token=" << token << ")\n";
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

int Extract(const Cli& cli, const std::vector<std::string>& args) {
  ArticleReaderOptions options;
  absl::StatusOr<std::vector<v1::IngestArticleRequest>> articles =
      ReadArticles(args[0], options);
  if (!articles.ok()) return UsageError(cli, articles.status().message());
  for (const v1::IngestArticleRequest& article : *articles) {
    v1::ExtractTextRequest request;
    request.set_text(article.article().text());
    absl::StatusOr<v1::ExtractTextResponse> response =
        cli.client.ExtractText(request);
    if (!response.ok()) return Fail(cli, response.status());
    if (cli.flags.json) {
      PrintJson(cli, *response);
      continue;
    }
    if (articles->size() > 1) cli.out << "== " << article.client_ref() << "\n";
    cli.out << Plural(response->quotes_size(), "quote") << "\n";
    Table quotes({{"#", Table::Align::kRight},
                  "SPEAKER",
                  "MENTION",
                  {"QUOTE", QuoteWidth(cli)},
                  "RULE",
                  {"CONF", Table::Align::kRight},
                  "SPAN"});
    int i = 0;
    for (const v1::Quote& q : response->quotes()) {
      quotes.AddRow({absl::StrCat(++i), SpeakerOf(q), q.attribution().mention(),
                     Quoted(q.text()), q.attribution().rule(),
                     Score(q.attribution().confidence()),
                     FormatSpan(q.span())});
    }
    if (quotes.num_rows() > 0) PrintTable(cli, quotes);
    cli.out << "\n" << Plural(response->claims_size(), "numeric claim") << "\n";
    Table claims({{"VALUE", Table::Align::kRight},
                  "UNIT",
                  "KIND",
                  "CHANGE",
                  "SUBJECT",
                  "TIME",
                  {"CLAIM", 48},
                  "QUOTED",
                  "SPAN"});
    for (const v1::NumericClaim& c : response->claims()) {
      claims.AddRow({FormatClaimValue(c), c.unit(), FormatKind(c),
                     FormatChange(c), c.subject(), ClaimTime(c), c.surface(),
                     c.in_quote() ? "yes" : "", FormatSpan(c.span())});
    }
    if (claims.num_rows() > 0) PrintTable(cli, claims);
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
  absl::StatusOr<v1::SearchQuotesResponse> response =
      cli.client.SearchQuotes(request);
  if (!response.ok()) return Fail(cli, response.status());
  if (cli.flags.json) {
    PrintJson(cli, *response);
  } else if (response->matches().empty()) {
    cli.out << "no matching quote"
            << (cli.flags.approx ? "" : " (try --approx)") << "\n";
  } else {
    cli.out << "speakers: " << Tallies(response->speakers()) << "\n\n";
    Table table({{"SCORE", Table::Align::kRight},
                 "SPEAKER",
                 {"QUOTE", QuoteWidth(cli)},
                 "OUTLET",
                 "DATE",
                 "ARTICLE",
                 "SPAN"});
    for (const v1::QuoteMatch& m : response->matches()) {
      table.AddRow({Score(m.score()), SpeakerOf(m.quote()),
                    Quoted(m.quote().text()), m.evidence().outlet(),
                    m.evidence().published_date(), m.evidence().article_id(),
                    FormatSpan(m.quote().span())});
    }
    PrintTable(cli, table);
  }
  return response->matches().empty() ? kExitNoMatch : kExitOk;
}

int Quotes(const Cli& cli, const std::vector<std::string>& args) {
  v1::ListSpeakerQuotesRequest request;
  request.set_speaker(args[0]);
  request.set_outlet(cli.flags.outlet);
  request.set_from_date(cli.flags.from);
  request.set_to_date(cli.flags.to);
  request.set_page_size(cli.flags.limit);
  request.set_page_token(cli.flags.page_token);
  absl::StatusOr<v1::ListSpeakerQuotesResponse> response =
      cli.client.ListSpeakerQuotes(request);
  if (!response.ok()) return Fail(cli, response.status());
  if (cli.flags.json) {
    PrintJson(cli, *response);
    return kExitOk;
  }
  cli.out << response->speaker() << " (" << response->speaker_id()
          << "): " << Plural(response->quotes_size(), "quote")
          << (response->next_page_token().empty() ? "" : " on this page")
          << "\n\n";
  PrintQuotesWithEvidence(cli, response->quotes(), /*with_speaker=*/false);
  PrintNextPage(cli, response->next_page_token());
  return kExitOk;
}

int Speakers(const Cli& cli, const std::vector<std::string>& args) {
  v1::ListSpeakersRequest request;
  if (!args.empty()) request.set_name_prefix(args[0]);
  request.set_page_size(cli.flags.limit);
  request.set_page_token(cli.flags.page_token);
  absl::StatusOr<v1::ListSpeakersResponse> response =
      cli.client.ListSpeakers(request);
  if (!response.ok()) return Fail(cli, response.status());
  if (cli.flags.json) {
    PrintJson(cli, *response);
    return kExitOk;
  }
  Table table({"NAME",
               "KIND",
               {"QUOTES", Table::Align::kRight},
               {"ROLES", 40},
               {"OUTLETS", 40},
               "ID"});
  for (const v1::Speaker& s : response->speakers()) {
    table.AddRow({s.name(), Kind(s.kind()), absl::StrCat(s.quote_count()),
                  absl::StrJoin(s.roles(), "; "),
                  absl::StrJoin(s.outlets(), ", "), s.id()});
  }
  PrintTable(cli, table);
  PrintNextPage(cli, response->next_page_token());
  return kExitOk;
}

int SpeakerCommand(const Cli& cli, const std::vector<std::string>& args) {
  v1::GetSpeakerRequest request;
  request.set_speaker(args[0]);
  absl::StatusOr<v1::Speaker> response = cli.client.GetSpeaker(request);
  if (!response.ok()) return Fail(cli, response.status());
  if (cli.flags.json) {
    PrintJson(cli, *response);
    return kExitOk;
  }
  PrintFields(cli, {{"name", response->name()},
                    {"id", response->id()},
                    {"kind", Kind(response->kind())},
                    {"quotes", absl::StrCat(response->quote_count())},
                    {"aliases", absl::StrJoin(response->aliases(), ", ")},
                    {"roles", absl::StrJoin(response->roles(), "; ")},
                    {"outlets", absl::StrJoin(response->outlets(), ", ")}});
  return kExitOk;
}

int Verify(const Cli& cli, const std::vector<std::string>& args) {
  v1::VerifyQuoteRequest request;
  request.set_text(args[0]);
  request.set_claimed_speaker(cli.flags.speaker);
  request.set_claimed_date(cli.flags.date);
  absl::StatusOr<v1::VerifyQuoteResponse> response =
      cli.client.VerifyQuote(request);
  if (!response.ok()) return Fail(cli, response.status());
  if (cli.flags.claimreview) {
    ClaimReviewOptions options;
    options.reviewer = cli.flags.reviewer;
    options.review_url = cli.flags.review_url;
    if (options.review_url.empty()) {
      cli.err << "claimcheck: verify: note: Google's fact-check markup needs "
                 "the review's own url; pass --review-url=URL\n";
    }
    options.date_published =
        absl::FormatTime("%Y-%m-%d", absl::Now(), absl::UTCTimeZone());
    absl::StatusOr<std::string> json_ld =
        ClaimReviewJsonLd(request, *response, options);
    if (!json_ld.ok()) return Fail(cli, json_ld.status());
    cli.out << *json_ld << "\n";
  } else if (cli.flags.json) {
    PrintJson(cli, *response);
  } else {
    const bool found = response->verdict() != v1::VERDICT_NOT_FOUND;
    PrintFields(
        cli, {{"verdict",
               ShortEnumName(v1::Verdict_descriptor(), response->verdict())},
              {"confidence",
               response->confidence() > 0 ? Score(response->confidence()) : ""},
              {"score", found ? Score(response->score()) : ""},
              {"matched", response->matched_text().empty()
                              ? ""
                              : Quoted(response->matched_text())},
              {"said by", response->attributed_speaker()},
              {"speaker", SpeakerCheckText(response->speaker_check())},
              {"diff", FormatDiff(response->diff())},
              {"meaning", response->meaning_changed() ? "changed" : ""},
              {"changes", absl::StrJoin(response->changes(), "; ")},
              {"why", response->explanation()}});
    if (!response->evidence().empty()) {
      cli.out << "\n";
      PrintQuotesWithEvidence(cli, response->evidence(),
                              /*with_speaker=*/true);
    }
  }
  return ExitCodeForVerdict(response->verdict());
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

int Consistency(const Cli& cli, const std::vector<std::string>& args) {
  const std::string& kind = args[0];
  if (kind == "quote") {
    v1::GetQuoteConsistencyRequest request;
    request.set_text(args[1]);
    absl::StatusOr<v1::QuoteConsistencyReport> response =
        cli.client.GetQuoteConsistency(request);
    if (!response.ok()) return Fail(cli, response.status());
    if (cli.flags.json) {
      PrintJson(cli, *response);
    } else {
      PrintQuoteReport(cli, *response);
    }
    return ExitCodeForAgreement(response->agreement());
  }
  if (kind == "speaker") {
    v1::GetSpeakerConsistencyRequest request;
    request.set_speaker(args[1]);
    request.set_max_groups(cli.flags.limit);
    absl::StatusOr<v1::SpeakerConsistencyReport> response =
        cli.client.GetSpeakerConsistency(request);
    if (!response.ok()) return Fail(cli, response.status());
    if (cli.flags.json) PrintJson(cli, *response);
    int code = response->groups().empty() ? kExitNoMatch : kExitOk;
    int i = 0;
    for (const v1::QuoteConsistencyReport& group : response->groups()) {
      if (!cli.flags.json) {
        cli.out << (i == 0 ? "" : "\n") << "== " << response->speaker()
                << ", utterance " << i + 1 << " of " << response->groups_size()
                << "\n";
        PrintQuoteReport(cli, group);
      }
      ++i;
      if (ExitCodeForAgreement(group.agreement()) == kExitFinding) {
        code = kExitFinding;
      }
    }
    if (!cli.flags.json && response->groups().empty()) {
      cli.out << response->speaker() << ": no quotes\n";
    }
    return code;
  }
  if (kind == "quantity") {
    v1::GetQuantityConsistencyRequest request;
    request.set_unit(args[1]);
    request.set_subject(cli.flags.subject);
    absl::StatusOr<v1::QuantityConsistencyReport> response =
        cli.client.GetQuantityConsistency(request);
    if (!response.ok()) return Fail(cli, response.status());
    if (cli.flags.json) {
      PrintJson(cli, *response);
    } else {
      PrintFields(cli, {{"agreement", ShortEnumName(v1::Agreement_descriptor(),
                                                    response->agreement())},
                        {"unit key", response->unit_key()},
                        {"summary", response->summary()}});
      if (!response->observations().empty()) {
        Table table({"DATE",
                     "OUTLET",
                     {"VALUE", Table::Align::kRight},
                     "INTERVAL",
                     "SUBJECT",
                     {"CLAIM", 48},
                     "ASSERTED BY",
                     "ARTICLE"});
        for (const v1::QuantityObservation& o : response->observations()) {
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
      for (const std::string& conflict : response->conflicts()) {
        cli.out << "conflict: " << conflict << "\n";
      }
    }
    return ExitCodeForAgreement(response->agreement());
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
  request.set_page_size(cli.flags.limit);
  request.set_page_token(cli.flags.page_token);
  absl::StatusOr<v1::SearchClaimsResponse> response =
      cli.client.SearchClaims(request);
  if (!response.ok()) return Fail(cli, response.status());
  if (cli.flags.json) {
    PrintJson(cli, *response);
    return kExitOk;
  }
  Table table({"DATE",
               "OUTLET",
               {"VALUE", Table::Align::kRight},
               "UNIT",
               "KIND",
               "CHANGE",
               "SUBJECT",
               "TIME",
               {"CLAIM", 48},
               "ARTICLE",
               "SPAN"});
  for (const v1::QuantityObservation& o : response->claims()) {
    table.AddRow({o.evidence().published_date(), o.evidence().outlet(),
                  FormatClaimValue(o.claim()), o.claim().unit(),
                  FormatKind(o.claim()), FormatChange(o.claim()),
                  o.claim().subject(), ClaimTime(o.claim()),
                  o.claim().surface(), o.evidence().article_id(),
                  FormatSpan(o.claim().span())});
  }
  PrintTable(cli, table);
  PrintNextPage(cli, response->next_page_token());
  return kExitOk;
}

int ArticleCommand(const Cli& cli, const std::vector<std::string>& args) {
  v1::GetArticleRequest request;
  request.set_article_id(args[0]);
  request.set_include_text(cli.flags.text);
  absl::StatusOr<v1::Article> response = cli.client.GetArticle(request);
  if (!response.ok()) return Fail(cli, response.status());
  if (cli.flags.json) {
    PrintJson(cli, *response);
    return kExitOk;
  }
  const v1::Article& a = *response;
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
      quotes.AddRow({absl::StrCat(++i), SpeakerOf(q), q.attribution().mention(),
                     Quoted(q.text()), FormatSpan(q.span())});
    }
    cli.out << "\n";
    PrintTable(cli, quotes);
  }
  if (!a.claims().empty()) {
    Table claims({{"VALUE", Table::Align::kRight},
                  "UNIT",
                  "KIND",
                  "CHANGE",
                  "SUBJECT",
                  "TIME",
                  {"CLAIM", 48},
                  "QUOTED",
                  "SPAN"});
    for (const v1::NumericClaim& c : a.claims()) {
      claims.AddRow({FormatClaimValue(c), c.unit(), FormatKind(c),
                     FormatChange(c), c.subject(), ClaimTime(c), c.surface(),
                     c.in_quote() ? "yes" : "", FormatSpan(c.span())});
    }
    cli.out << "\n";
    PrintTable(cli, claims);
  }
  if (cli.flags.text) cli.out << "\n" << a.text() << "\n";
  return kExitOk;
}

int Delete(const Cli& cli, const std::vector<std::string>& args) {
  v1::DeleteArticleRequest request;
  request.set_article_id(args[0]);
  absl::StatusOr<v1::DeleteArticleResponse> response =
      cli.client.DeleteArticle(request);
  if (!response.ok()) return Fail(cli, response.status());
  if (cli.flags.json) {
    PrintJson(cli, *response);
  } else {
    cli.out << "deleted article " << args[0] << " ("
            << Plural(response->deleted_quotes(), "quote") << ", "
            << Plural(response->deleted_claims(), "claim") << ")\n";
  }
  return kExitOk;
}

int StatsCommand(const Cli& cli, const std::vector<std::string>& args) {
  absl::StatusOr<v1::Stats> response = cli.client.GetStats({});
  if (!response.ok()) return Fail(cli, response.status());
  if (cli.flags.json) {
    PrintJson(cli, *response);
    return kExitOk;
  }
  const v1::Stats& s = *response;
  PrintFields(cli, {{"articles", FormatNumber(s.articles())},
                    {"quotes", FormatNumber(s.quotes())},
                    {"speakers", FormatNumber(s.speakers())},
                    {"claims", FormatNumber(s.claims())},
                    {"outlets", FormatNumber(s.outlets())},
                    {"db bytes", FormatNumber(s.db_bytes())}});
  return kExitOk;
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
  request.set_page_size(cli.flags.limit);
  request.set_page_token(cli.flags.page_token);
  absl::StatusOr<v1::ListConflictsResponse> response =
      cli.client.ListConflicts(request);
  if (!response.ok()) return Fail(cli, response.status());
  if (cli.flags.json) {
    PrintJson(cli, *response);
    return response->conflicts().empty() ? kExitOk : kExitFinding;
  }
  if (response->conflicts().empty()) {
    cli.out << "no conflicts\n";
    return kExitOk;
  }
  Table table({"KIND",
               {"TOPIC", QuoteWidth(cli)},
               "A: DATE",
               "OUTLET",
               "SAYS",
               "B: DATE",
               "OUTLET",
               "SAYS"});
  for (const v1::Conflict& c : response->conflicts()) {
    const bool numeric = c.kind() == v1::CONFLICT_KIND_NUMERIC;
    const v1::Evidence& a = SideEvidence(c.a());
    const v1::Evidence& b = SideEvidence(c.b());
    table.AddRow({numeric ? "numeric" : "attribution",
                  numeric ? c.topic() : Quoted(c.topic()), a.published_date(),
                  a.outlet(), SideWho(c.a(), numeric), b.published_date(),
                  b.outlet(), SideWho(c.b(), numeric)});
  }
  PrintTable(cli, table);
  for (const v1::Conflict& c : response->conflicts()) {
    cli.out << c.id() << ": " << c.summary();
    if (!c.reason().empty()) cli.out << " [" << c.reason() << "]";
    cli.out << "\n";
  }
  PrintNextPage(cli, response->next_page_token());
  return kExitFinding;
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
  request.set_page_size(cli.flags.limit);
  request.set_page_token(cli.flags.page_token);
  absl::StatusOr<v1::ListStoriesResponse> response =
      cli.client.ListStories(request);
  if (!response.ok()) return Fail(cli, response.status());
  if (cli.flags.json) {
    PrintJson(cli, *response);
    return kExitOk;
  }
  if (response->stories().empty()) {
    cli.out << "no stories\n";
    return kExitOk;
  }
  Table table({"ID", "ARTICLES", "FIRST", "LAST", {"TITLE", 50}, "OUTLETS"});
  for (const v1::Story& s : response->stories()) {
    table.AddRow(
        {s.id(), absl::StrCat(s.article_count()), s.first_date(), s.last_date(),
         s.articles().empty() ? "" : s.articles(0).title(), StoryOutlets(s)});
  }
  PrintTable(cli, table);
  PrintNextPage(cli, response->next_page_token());
  return kExitOk;
}

int StoryCommand(const Cli& cli, const std::vector<std::string>& args) {
  v1::GetStoryRequest request;
  request.set_id(args[0]);
  absl::StatusOr<v1::Story> response = cli.client.GetStory(request);
  if (!response.ok()) return Fail(cli, response.status());
  if (cli.flags.json) {
    PrintJson(cli, *response);
    return kExitOk;
  }
  cli.out << "story " << response->id() << ": " << response->article_count()
          << " articles, " << response->first_date() << " to "
          << response->last_date() << "\n";
  Table table({"ARTICLE", "DATE", "OUTLET", {"TITLE", 60}, "URL"});
  for (const v1::StoryArticle& a : response->articles()) {
    table.AddRow(
        {a.article_id(), a.published_date(), a.outlet(), a.title(), a.url()});
  }
  PrintTable(cli, table);
  return kExitOk;
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
  request.set_page_size(cli.flags.limit);
  request.set_page_token(cli.flags.page_token);
  absl::StatusOr<v1::ListSpeakerMergesResponse> response =
      cli.client.ListSpeakerMerges(request);
  if (!response.ok()) return Fail(cli, response.status());
  if (cli.flags.json) {
    PrintJson(cli, *response);
    return kExitOk;
  }
  if (response->merges().empty()) {
    cli.out << "no speaker merges\n";
    return kExitOk;
  }
  Table table(
      {"ID", "MERGED", "INTO", {"EVIDENCE", 60}, "WHEN (UTC)", "UNDONE"});
  for (const v1::SpeakerMerge& m : response->merges()) {
    table.AddRow({m.id(), m.from_name(), m.into_name(), m.reason(),
                  MsDate(m.created_unix_ms()), MsDate(m.undone_unix_ms())});
  }
  PrintTable(cli, table);
  PrintNextPage(cli, response->next_page_token());
  return kExitOk;
}

int UndoMerge(const Cli& cli, const std::vector<std::string>& args) {
  v1::UndoSpeakerMergeRequest request;
  request.set_merge_id(args[0]);
  absl::StatusOr<v1::SpeakerMerge> response =
      cli.client.UndoSpeakerMerge(request);
  if (!response.ok()) return Fail(cli, response.status());
  if (cli.flags.json) {
    PrintJson(cli, *response);
  } else {
    cli.out << "undid " << response->id() << ": " << response->from_name()
            << " is its own speaker again (" << response->from_speaker_id()
            << "), apart from " << response->into_name() << "\n";
  }
  return kExitOk;
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
