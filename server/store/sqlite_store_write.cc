// SqliteStore write path: PutArticles and DeleteArticle. Every call is one
// BEGIN IMMEDIATE ... COMMIT on the writer connection, with cached prepared
// statements; nothing is prepared per row. Relational rows are written
// first; the FTS5 rows last, in one go (ApplyFtsLocked), so FTS5 buffers a
// whole batch in memory and writes one segment per commit.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <string>
#include <unordered_set>
#include <utility>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "server/extract/normalize.h"
#include "server/store/sha256.h"
#include "server/store/sqlite_rows.h"
#include "server/store/sqlite_store_impl.h"

namespace claimcheck::store {
namespace {

constexpr size_t kMaxAliasBytes = 200;

// "a_0123..." -> "0123...": the part quote and claim ids embed.
absl::string_view ArticleHex(absl::string_view article_id) {
  return article_id.size() > 2 ? article_id.substr(2) : article_id;
}

bool IsPronoun(absl::string_view lower) {
  static constexpr absl::string_view kPronouns[] = {
      "he", "she", "they", "it", "we", "i", "you", "him", "her", "them", "us"};
  for (absl::string_view p : kPronouns) {
    if (lower == p) return true;
  }
  return false;
}

// A mention worth keeping as an alias: a name-like mention ("Mr. Araghchi",
// "the Pentagon"), not a pronoun, not a lower-case description ("the
// minister"), and not the canonical name itself.
bool IsAlias(absl::string_view mention, absl::string_view name) {
  mention = absl::StripAsciiWhitespace(mention);
  if (mention.empty() || mention.size() > kMaxAliasBytes) return false;
  const std::string lower = LowerAscii(mention);
  if (IsPronoun(lower) || lower == LowerAscii(name)) return false;
  for (char c : mention) {
    if (absl::ascii_isupper(static_cast<unsigned char>(c)) ||
        static_cast<unsigned char>(c) >= 0x80) {
      return true;
    }
  }
  return false;
}

// The interval a claim covers, for min/max filters: [low, high] if given;
// an open side for "more than" / "up to"; else the point value.
std::pair<std::optional<double>, std::optional<double>> ClaimRange(
    const extract::Quantity& q) {
  constexpr double kInf = std::numeric_limits<double>::infinity();
  std::optional<double> lo = q.low;
  std::optional<double> hi = q.high;
  const bool bounded = q.value || q.low || q.high;
  if (!lo) {
    lo = q.approx == extract::Approx::kUpperBound && bounded
             ? std::optional<double>(-kInf)
             : q.value;
  }
  if (!hi) {
    hi = q.approx == extract::Approx::kLowerBound && bounded
             ? std::optional<double>(kInf)
             : q.value;
  }
  return {lo, hi};
}

// NaN cannot be compared or round-tripped meaningfully; store it as NULL.
std::optional<double> Finite(std::optional<double> v) {
  if (v && std::isnan(*v)) return std::nullopt;
  return v;
}

}  // namespace

absl::StatusOr<std::vector<PutResult>> SqliteStore::PutArticles(
    absl::Span<const PutRequest> articles) {
  for (size_t i = 0; i < articles.size(); ++i) {
    const PutRequest& r = articles[i];
    if (r.input == nullptr || r.extraction == nullptr) {
      return absl::InvalidArgumentError(
          absl::StrCat("articles[", i, "]: input and extraction are required"));
    }
    if (r.input->text.empty()) {
      return absl::InvalidArgumentError(
          absl::StrCat("articles[", i, "].text is empty"));
    }
    if (r.input->outlet.empty()) {
      return absl::InvalidArgumentError(
          absl::StrCat("articles[", i, "].outlet is empty"));
    }
    // Listings sort on the date as text, so it must be ISO shaped.
    if (!r.input->published_date.empty() &&
        !IsIsoDate(r.input->published_date)) {
      return absl::InvalidArgumentError(
          absl::StrCat("articles[", i, "].published_date must be YYYY-MM-DD"));
    }
  }
  std::vector<PutResult> results;
  results.reserve(articles.size());
  if (articles.empty()) return results;

  int64_t newest_event = 0;
  {
    writes_waiting_.fetch_add(1);  // the conflict loop yields to us
    absl::MutexLock lock(&write_mu_);
    writes_waiting_.fetch_sub(1);
    CacheGuard caches(this);
    CC_RETURN_IF_ERROR(EnsureCachesLocked());
    CC_RETURN_IF_ERROR(EnsureWatchesLocked());
    TakeCommittedEventsLocked(/*committed=*/false);
    const int64_t now_ms = NowMs();
    CC_ASSIGN_OR_RETURN(Transaction txn,
                        Transaction::Begin(writer_.get(), "BEGIN IMMEDIATE"));
    FtsChanges fts;
    for (const PutRequest& request : articles) {
      CC_ASSIGN_OR_RETURN(PutResult result,
                          PutOneLocked(request, now_ms, &fts));
      if (result.outcome != PutOutcome::kUnchanged) {
        // Watch hook (matching is verify's; sqlite_store_watch.cc).
        CC_RETURN_IF_ERROR(RecordWatchEventsLocked(
            request, result,
            absl::StrCat("q_", ArticleHex(result.article_id), "_",
                         result.version, "_"),
            now_ms));
      }
      results.push_back(std::move(result));
    }
    // Speaker identity hook (owned by verify; sqlite_store_speakers.cc).
    CC_RETURN_IF_ERROR(
        ReconcileSpeakersLocked(fts.quote_speakers, fts.quote_hashes));
    CC_RETURN_IF_ERROR(ApplyFtsLocked(fts));
    CC_RETURN_IF_ERROR(CommitLocked(&txn));
    caches.Committed();
    newest_event = TakeCommittedEventsLocked(/*committed=*/true);
  }
  if (newest_event > 0) NotifyEvents(newest_event);
  return results;
}

absl::StatusOr<PutResult> SqliteStore::PutOneLocked(const PutRequest& request,
                                                    int64_t now_ms,
                                                    FtsChanges* fts) {
  const ArticleInput& in = *request.input;
  PreparedArticle local;
  const PreparedArticle* prepared = request.prepared;
  if (prepared == nullptr ||
      prepared->quotes.size() != request.extraction->quotes.size()) {
    local = PrepareArticle(in, *request.extraction);
    prepared = &local;
  }
  // Same text under any URL: unchanged, the existing article's id.
  CC_ASSIGN_OR_RETURN(std::optional<ArticleVersion> same_text,
                      FindArticleLocked("SELECT id, version FROM articles"
                                        " WHERE content_hash = ?1",
                                        prepared->content_hash));
  if (same_text) {
    PutResult result;
    result.article_id = std::move(same_text->id);
    result.version = same_text->version;
    result.outcome = PutOutcome::kUnchanged;
    return result;
  }
  // Same URL, new text: replace in place, version + 1.
  if (!in.url.empty()) {
    CC_ASSIGN_OR_RETURN(std::optional<ArticleVersion> same_url,
                        FindArticleLocked("SELECT id, version FROM articles"
                                          " WHERE url = ?1 AND url <> ''",
                                          in.url));
    if (same_url) {
      return ReplaceArticleLocked(request, *prepared, *same_url, now_ms, fts);
    }
  }
  return InsertArticleLocked(request, *prepared, now_ms, fts);
}

absl::StatusOr<std::optional<SqliteStore::ArticleVersion>>
SqliteStore::FindArticleLocked(const char* sql, const std::string& value) {
  CC_ASSIGN_OR_RETURN(Stmt stmt, writer_->Prepare(sql));
  stmt.Bind(1, value);
  CC_ASSIGN_OR_RETURN(bool found, stmt.Step());
  if (!found) return std::nullopt;
  return ArticleVersion{stmt.Text(0), stmt.Int(1)};
}

absl::StatusOr<PutResult> SqliteStore::ReplaceArticleLocked(
    const PutRequest& request, const PreparedArticle& prepared,
    const ArticleVersion& old, int64_t now_ms, FtsChanges* fts) {
  SqliteConnection* db = writer_.get();
  const ArticleInput& in = *request.input;
  const std::string& id = old.id;
  CC_ASSIGN_OR_RETURN(std::vector<std::string> touched,
                      SpeakersOfArticleLocked(id));
  for (const std::string& speaker : touched) profiles_.Erase(speaker);
  CC_RETURN_IF_ERROR(DropQuotesOfArticleLocked(id, /*delete_rows=*/true, fts));
  const int new_version = old.version + 1;
  {
    CC_ASSIGN_OR_RETURN(
        Stmt update,
        db->Prepare("UPDATE articles SET outlet = ?2, published_date = ?3,"
                    " title = ?4, text = ?5, content_hash = ?6,"
                    " version = ?7, ingested_unix_ms = ?8 WHERE id = ?1"));
    update.Bind(1, id)
        .Bind(2, in.outlet)
        .Bind(3, in.published_date)
        .Bind(4, in.title)
        .Bind(5, in.text)
        .Bind(6, prepared.content_hash)
        .Bind(7, new_version)
        .Bind(8, now_ms);
    CC_RETURN_IF_ERROR(update.Run());
  }
  CC_RETURN_IF_ERROR(InsertExtractionLocked(
      id, new_version, *request.extraction, prepared, fts));
  CC_RETURN_IF_ERROR(RebuildSpeakersLocked(touched));
  CC_RETURN_IF_ERROR(RemoveFromStoryLocked(id));
  CC_RETURN_IF_ERROR(AssignStoryLocked(id, in.published_date, prepared.story));
  index_articles_.push_back(id);
  PutResult result;
  result.article_id = id;
  result.version = new_version;
  result.outcome = PutOutcome::kReplaced;
  return result;
}

absl::StatusOr<PutResult> SqliteStore::InsertArticleLocked(
    const PutRequest& request, const PreparedArticle& prepared, int64_t now_ms,
    FtsChanges* fts) {
  SqliteConnection* db = writer_.get();
  const ArticleInput& in = *request.input;
  const std::string& content_hash = prepared.content_hash;
  // Probe for an id collision (astronomically rare).
  std::string id;
  for (int attempt = 0; id.empty(); ++attempt) {
    if (attempt == 16)
      return absl::InternalError("could not allocate an article id");
    std::string candidate = attempt == 0
                                ? prepared.new_article_id
                                : ArticleIdFor(in.url, content_hash, attempt);
    CC_ASSIGN_OR_RETURN(Stmt exists,
                        db->Prepare("SELECT 1 FROM articles WHERE id = ?1"));
    exists.Bind(1, candidate);
    CC_ASSIGN_OR_RETURN(bool taken, exists.Step());
    if (!taken) id = std::move(candidate);
  }
  {
    CC_ASSIGN_OR_RETURN(
        Stmt insert,
        db->Prepare("INSERT INTO articles(id, url, outlet, published_date,"
                    " title, text, content_hash, version, ingested_unix_ms)"
                    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 1, ?8)"));
    insert.Bind(1, id)
        .Bind(2, in.url)
        .Bind(3, in.outlet)
        .Bind(4, in.published_date)
        .Bind(5, in.title)
        .Bind(6, in.text)
        .Bind(7, content_hash)
        .Bind(8, now_ms);
    CC_RETURN_IF_ERROR(insert.Run());
  }
  CC_RETURN_IF_ERROR(
      InsertExtractionLocked(id, 1, *request.extraction, prepared, fts));
  CC_RETURN_IF_ERROR(AssignStoryLocked(id, in.published_date, prepared.story));
  index_articles_.push_back(id);
  PutResult result;
  result.article_id = std::move(id);
  result.version = 1;
  result.outcome = PutOutcome::kCreated;
  return result;
}

absl::Status SqliteStore::DropQuotesOfArticleLocked(
    const std::string& article_id, bool delete_rows, FtsChanges* fts) {
  SqliteConnection* db = writer_.get();
  // Events that read these rows keep what they read (schema v10).
  CC_RETURN_IF_ERROR(CopyEventsOfArticleLocked(article_id));
  {
    CC_ASSIGN_OR_RETURN(
        Stmt select,
        db->Prepare("SELECT seq, norm_text FROM quotes WHERE article_id = ?1"));
    select.Bind(1, article_id);
    while (true) {
      CC_ASSIGN_OR_RETURN(bool row, select.Step());
      if (!row) break;
      const int64_t seq = select.Int64(0);
      // Written earlier in this transaction: never indexed, just forget it.
      if (fts->inserts.erase(seq) == 0) {
        fts->deletes.emplace_back(seq, select.Text(1));
      }
    }
  }
  // Quotes of a version written earlier in this transaction are gone.
  size_t kept = 0;
  for (size_t i = 0; i < fts->quote_speakers.size(); ++i) {
    if (fts->quote_speakers[i].first == article_id) continue;
    if (kept != i) {
      fts->quote_speakers[kept] = std::move(fts->quote_speakers[i]);
      fts->quote_hashes[kept] = fts->quote_hashes[i];
    }
    ++kept;
  }
  fts->quote_speakers.resize(kept);
  fts->quote_hashes.resize(kept);
  if (!delete_rows) return absl::OkStatus();
  CC_ASSIGN_OR_RETURN(Stmt del_quotes,
                      db->Prepare("DELETE FROM quotes WHERE article_id = ?1"));
  CC_RETURN_IF_ERROR(del_quotes.Bind(1, article_id).Run());
  CC_ASSIGN_OR_RETURN(Stmt del_claims,
                      db->Prepare("DELETE FROM claims WHERE article_id = ?1"));
  return del_claims.Bind(1, article_id).Run();
}

absl::Status SqliteStore::ApplyFtsLocked(const FtsChanges& fts) {
  SqliteConnection* db = writer_.get();
  // Removals first: a new row may reuse the seq of a removed one.
  for (const auto& [seq, norm_text] : fts.deletes) {
    CC_ASSIGN_OR_RETURN(
        Stmt words,
        db->Prepare("INSERT INTO quotes_words(quotes_words, rowid, norm_text)"
                    " VALUES ('delete', ?1, ?2)"));
    CC_RETURN_IF_ERROR(words.Bind(1, seq).Bind(2, norm_text).Run());
    CC_ASSIGN_OR_RETURN(
        Stmt trigram,
        db->Prepare("INSERT INTO quotes_trigram(quotes_trigram, rowid,"
                    " norm_text) VALUES ('delete', ?1, ?2)"));
    CC_RETURN_IF_ERROR(trigram.Bind(1, seq).Bind(2, norm_text).Run());
  }
  for (const auto& [seq, norm_text] : fts.inserts) {
    CC_ASSIGN_OR_RETURN(Stmt words,
                        db->Prepare("INSERT INTO quotes_words(rowid, norm_text)"
                                    " VALUES (?1, ?2)"));
    CC_RETURN_IF_ERROR(words.Bind(1, seq).Bind(2, norm_text).Run());
    CC_ASSIGN_OR_RETURN(Stmt trigram,
                        db->Prepare("INSERT INTO quotes_trigram(rowid,"
                                    " norm_text) VALUES (?1, ?2)"));
    CC_RETURN_IF_ERROR(trigram.Bind(1, seq).Bind(2, norm_text).Run());
  }
  return absl::OkStatus();
}

absl::Status SqliteStore::InsertExtractionLocked(
    const std::string& article_id, int version,
    const extract::Extraction& extraction, const PreparedArticle& prepared,
    FtsChanges* fts) {
  SqliteConnection* db = writer_.get();
  const absl::string_view hex = ArticleHex(article_id);
  for (size_t i = 0; i < extraction.quotes.size(); ++i) {
    const extract::Quote& q = extraction.quotes[i];
    const PreparedQuote& pq = prepared.quotes[i];
    CC_ASSIGN_OR_RETURN(const std::string speaker_id,
                        UpsertSpeakerLocked(q, pq));
    CC_ASSIGN_OR_RETURN(
        Stmt insert,
        db->Prepare(
            "INSERT INTO quotes(id, article_id, ordinal, text, norm_text,"
            " span_begin, span_end, partial, speaker_id, speaker, speaker_kind,"
            " mention, mention_begin, mention_end, role, channel, relayed_by,"
            " cue, rule, confidence, match_hash) VALUES (?1, ?2, ?3, ?4, ?5,"
            " ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18,"
            " ?19, ?20, ?21)"));
    insert.Bind(1, absl::StrCat("q_", hex, "_", version, "_", i))
        .Bind(2, article_id)
        .Bind(3, static_cast<int64_t>(i))
        .Bind(4, q.text)
        .Bind(5, pq.norm_text)
        .Bind(6, q.span.begin)
        .Bind(7, q.span.end)
        .Bind(8, q.partial);
    if (speaker_id.empty()) {
      insert.BindNull(9);
    } else {
      insert.Bind(9, speaker_id);
    }
    insert.Bind(10, q.speaker)
        .Bind(11, static_cast<int>(q.speaker_kind))
        .Bind(12, q.speaker_mention)
        .Bind(13, q.mention_span.begin)
        .Bind(14, q.mention_span.end)
        .Bind(15, q.role)
        .Bind(16, q.channel)
        .Bind(17, q.relayed_by)
        .Bind(18, q.cue)
        .Bind(19, q.rule)
        .Bind(20, std::isnan(q.confidence) ? 0.0
                                           : static_cast<double>(q.confidence))
        .Bind(21, static_cast<int64_t>(pq.match_hash));
    CC_RETURN_IF_ERROR(insert.Run());
    fts->inserts[sqlite3_last_insert_rowid(db->raw())] = pq.norm_text;
    if (!speaker_id.empty()) {
      CC_RETURN_IF_ERROR(AddAliasAndRoleLocked(speaker_id, q));
      fts->quote_speakers.emplace_back(article_id, speaker_id);
      fts->quote_hashes.push_back(pq.match_hash);
    }
  }
  for (size_t i = 0; i < extraction.quantities.size(); ++i) {
    const extract::Quantity& c = extraction.quantities[i];
    const auto [lo, hi] = ClaimRange(c);
    CC_ASSIGN_OR_RETURN(
        Stmt insert,
        db->Prepare(
            "INSERT INTO claims(id, article_id, ordinal, surface, span_begin,"
            " span_end, value, low, high, range_low, range_high, approx,"
            " qualifier, vague, unit, unit_key, subject, subject_key, time,"
            " asserted_by, quote_index, kind, change, is_delta, base,"
            " time_resolved) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10,"
            " ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23,"
            " ?24, ?25, ?26)"));
    insert.Bind(1, absl::StrCat("c_", hex, "_", version, "_", i))
        .Bind(2, article_id)
        .Bind(3, static_cast<int64_t>(i))
        .Bind(4, c.surface)
        .Bind(5, c.span.begin)
        .Bind(6, c.span.end)
        .Bind(7, Finite(c.value))
        .Bind(8, Finite(c.low))
        .Bind(9, Finite(c.high))
        .Bind(10, Finite(lo))
        .Bind(11, Finite(hi))
        .Bind(12, static_cast<int>(c.approx))
        .Bind(13, c.qualifier)
        .Bind(14, c.vague)
        .Bind(15, c.unit)
        .Bind(16, c.unit_key)
        .Bind(17, c.subject)
        .Bind(18, LowerAscii(c.subject))
        .Bind(19, c.time)
        .Bind(20, c.asserted_by)
        .Bind(21, c.quote_index)
        .Bind(22, static_cast<int>(c.kind))
        .Bind(23, static_cast<int>(c.change))
        .Bind(24, c.is_delta)
        .Bind(25, Finite(c.base))
        .Bind(26, c.time_resolved);
    CC_RETURN_IF_ERROR(insert.Run());
  }
  return absl::OkStatus();
}

absl::StatusOr<std::string> SqliteStore::UpsertSpeakerLocked(
    const extract::Quote& quote, const PreparedQuote& prepared) {
  if (quote.speaker.empty() || prepared.speaker_key.empty()) {
    return std::string();
  }
  const std::string& id = prepared.speaker_id;
  const bool kind_set = quote.speaker_kind != extract::SpeakerKind::kUnknown;
  auto known = known_speakers_.find(id);
  // The upsert below would change nothing: the row exists, and its kind is
  // already set or this quote has none to give.
  if (known != known_speakers_.end() && (known->second.kind_set || !kind_set)) {
    return id;
  }
  CC_ASSIGN_OR_RETURN(
      Stmt upsert,
      writer_->Prepare(
          "INSERT INTO speakers(id, key, name, sort_name, kind)"
          " VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT(key) DO UPDATE SET"
          " kind = excluded.kind WHERE speakers.kind = 0 AND excluded.kind <> "
          "0"));
  upsert.Bind(1, id)
      .Bind(2, prepared.speaker_key)
      .Bind(3, quote.speaker)
      .Bind(4, LowerAscii(quote.speaker))
      .Bind(5, static_cast<int>(quote.speaker_kind));
  CC_RETURN_IF_ERROR(upsert.Run());
  known_speakers_[id].kind_set |= kind_set;
  speaker_names_.Add(id, prepared.speaker_key);
  return id;
}

absl::Status SqliteStore::AddAliasAndRoleLocked(const std::string& speaker_id,
                                                const extract::Quote& quote) {
  // Rows already known present are skipped; new ones are remembered while
  // the speaker's entry lives (RebuildSpeakersLocked drops it).
  auto known = known_speakers_.find(speaker_id);
  const bool has_known = known != known_speakers_.end();
  const auto is_new = [&](char tag, absl::string_view value) {
    if (!has_known) return true;
    std::string fact = absl::StrCat(std::string(1, tag), value);
    std::vector<std::string>& facts = known->second.facts;
    for (const std::string& f : facts) {
      if (f == fact) return false;
    }
    facts.push_back(std::move(fact));
    return true;
  };
  if (IsAlias(quote.speaker_mention, quote.speaker)) {
    const absl::string_view alias =
        absl::StripAsciiWhitespace(quote.speaker_mention);
    if (is_new('a', alias)) {
      CC_RETURN_IF_ERROR(AddAliasLocked(speaker_id, alias));
    }
  }
  const absl::string_view role = absl::StripAsciiWhitespace(quote.role);
  if (!role.empty() && is_new('r', role)) {
    CC_ASSIGN_OR_RETURN(
        Stmt insert,
        writer_->Prepare("INSERT OR IGNORE INTO speaker_roles(speaker_id, role)"
                         " VALUES (?1, ?2)"));
    insert.Bind(1, speaker_id).Bind(2, role);
    CC_RETURN_IF_ERROR(insert.Run());
  }
  return absl::OkStatus();
}

absl::StatusOr<std::vector<std::string>> SqliteStore::SpeakersOfArticleLocked(
    const std::string& article_id) {
  CC_ASSIGN_OR_RETURN(
      Stmt select,
      writer_->Prepare("SELECT DISTINCT speaker_id FROM quotes"
                       " WHERE article_id = ?1 AND speaker_id IS NOT NULL"));
  select.Bind(1, article_id);
  return ReadTextColumn(select);
}

absl::Status SqliteStore::RebuildSpeakersLocked(
    const std::vector<std::string>& speaker_ids) {
  SqliteConnection* db = writer_.get();
  for (const std::string& id : speaker_ids) {
    known_speakers_.erase(id);  // its aliases and roles are re-derived
    CC_ASSIGN_OR_RETURN(
        Stmt clear_aliases,
        db->Prepare("DELETE FROM speaker_aliases WHERE speaker_id = ?1"));
    CC_RETURN_IF_ERROR(clear_aliases.Bind(1, id).Run());
    CC_ASSIGN_OR_RETURN(
        Stmt clear_roles,
        db->Prepare("DELETE FROM speaker_roles WHERE speaker_id = ?1"));
    CC_RETURN_IF_ERROR(clear_roles.Bind(1, id).Run());

    CC_ASSIGN_OR_RETURN(Stmt quotes,
                        db->Prepare("SELECT speaker, mention, role FROM quotes"
                                    " WHERE speaker_id = ?1"));
    quotes.Bind(1, id);
    int count = 0;
    while (true) {
      CC_ASSIGN_OR_RETURN(bool row, quotes.Step());
      if (!row) break;
      ++count;
      extract::Quote q;
      q.speaker = quotes.Text(0);
      q.speaker_mention = quotes.Text(1);
      q.role = quotes.Text(2);
      CC_RETURN_IF_ERROR(AddAliasAndRoleLocked(id, q));
    }
    if (count == 0) {
      CC_ASSIGN_OR_RETURN(Stmt drop,
                          db->Prepare("DELETE FROM speakers WHERE id = ?1"));
      CC_RETURN_IF_ERROR(drop.Bind(1, id).Run());
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<Transaction> SqliteStore::BeginWriteLocked() {
  CC_RETURN_IF_ERROR(EnsureCachesLocked());
  return Transaction::Begin(writer_.get(), "BEGIN IMMEDIATE");
}

absl::StatusOr<DeleteResult> SqliteStore::DeleteArticle(absl::string_view id) {
  const std::string article_id(id);
  absl::MutexLock lock(&write_mu_);
  CacheGuard caches(this);
  CC_ASSIGN_OR_RETURN(Transaction txn, BeginWriteLocked());
  SqliteConnection* db = writer_.get();
  DeleteResult result;
  {
    CC_ASSIGN_OR_RETURN(
        Stmt counts,
        db->Prepare(
            "SELECT (SELECT count(*) FROM quotes WHERE article_id = ?1),"
            " (SELECT count(*) FROM claims WHERE article_id = ?1)"
            " FROM articles WHERE id = ?1"));
    counts.Bind(1, article_id);
    CC_ASSIGN_OR_RETURN(bool found, counts.Step());
    if (!found) {
      return absl::NotFoundError(absl::StrCat("article '", id, "' not found"));
    }
    result.deleted_quotes = counts.Int(0);
    result.deleted_claims = counts.Int(1);
  }
  CC_ASSIGN_OR_RETURN(std::vector<std::string> touched,
                      SpeakersOfArticleLocked(article_id));
  for (const std::string& speaker : touched) profiles_.Erase(speaker);
  FtsChanges fts;
  CC_RETURN_IF_ERROR(
      DropQuotesOfArticleLocked(article_id, /*delete_rows=*/false, &fts));
  // FTS rows first, while their values are still at hand; then quotes and
  // claims go by ON DELETE CASCADE.
  CC_RETURN_IF_ERROR(ApplyFtsLocked(fts));
  CC_RETURN_IF_ERROR(RemoveFromStoryLocked(article_id));
  {
    CC_ASSIGN_OR_RETURN(Stmt del,
                        db->Prepare("DELETE FROM articles WHERE id = ?1"));
    CC_RETURN_IF_ERROR(del.Bind(1, article_id).Run());
  }
  CC_RETURN_IF_ERROR(RebuildSpeakersLocked(touched));
  index_articles_.push_back(article_id);
  CC_RETURN_IF_ERROR(CommitLocked(&txn));
  caches.Committed();
  return result;
}

absl::Status SqliteStore::CommitLocked(Transaction* txn) {
  CC_ASSIGN_OR_RETURN(
      const IndexDelta delta,
      MemoryIndex::ReadDelta(writer_.get(), index_articles_, index_speakers_));
  index_articles_.clear();
  index_speakers_.clear();
  // COMMIT first, without `index_mu_`: its fsync (the bulk of a small
  // write's latency) no longer holds up readers. Until the exclusive lock
  // below is taken and the delta applied, readers see the index of the
  // previous commit; a reader that opens its SQL read transaction after the
  // WAL commit but before Apply can see rows the index does not have yet
  // (e.g. a new speaker that exists in SQL with no indexed quotes): a mix
  // of two adjacent commits, for that window only (records come whole from
  // one side or the other, never torn). The caller acks only after this
  // returns, i.e. after both.
  CC_RETURN_IF_ERROR(txn->Commit());
  {
    absl::MutexLock lock(&index_mu_);
    if (index_ != nullptr) index_->Apply(delta);
  }
  data_generation_.fetch_add(1);  // after the SQL commit and the index
  CompactIndexIfDueLocked().IgnoreError();  // on failure: the next commit
  // Kept conflicts follow the commit (store.h, "Lag").
  AfterCommitConflictsLocked();
  BoundWalLocked();
  return absl::OkStatus();
}

absl::Status SqliteStore::CompactIndexIfDueLocked() {
  {
    absl::ReaderMutexLock lock(&index_mu_);
    if (index_ == nullptr ||
        index_->dead_quotes() <
            std::max(kCompactMinDeadQuotes, index_->quote_count())) {
      return absl::OkStatus();
    }
  }
  // Rebuilt from the committed rows on the writer (no write can come in
  // between: write_mu_ is held), outside index_mu_, then swapped in.
  CC_ASSIGN_OR_RETURN(Transaction txn,
                      Transaction::Begin(writer_.get(), "BEGIN"));
  CC_ASSIGN_OR_RETURN(std::unique_ptr<MemoryIndex> fresh,
                      MemoryIndex::Build(writer_.get()));
  CC_RETURN_IF_ERROR(txn.Commit());
  std::unique_ptr<MemoryIndex> old;
  {
    absl::MutexLock lock(&index_mu_);
    old = std::move(index_);
    index_ = std::move(fresh);
  }
  return absl::OkStatus();  // `old` is freed here, outside the lock
}

size_t SqliteStore::MemoryIndexSlots() {
  absl::ReaderMutexLock lock(&index_mu_);
  return index_ == nullptr ? 0 : index_->quote_slots();
}

}  // namespace claimcheck::store
