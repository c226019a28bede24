// SqliteStore read path. Each call leases a reader connection and runs in one
// read transaction (a consistent WAL snapshot); statements are cached per
// connection.
#include <algorithm>
#include <cmath>
#include <cstring>
#include <optional>
#include <string>
#include <unordered_set>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "server/extract/normalize.h"
#include "server/store/page_token.h"
#include "server/store/sqlite_rows.h"
#include "server/store/sqlite_store_impl.h"
#include "server/text/stopwords.h"

namespace claimcheck::store {
namespace {

// At most this many distinct words go into a candidate query.
constexpr size_t kMaxQueryWords = 32;
// Substring (trigram) search runs for normalised queries of this many bytes.
constexpr size_t kMinTrigramBytes = 3;
constexpr size_t kMaxTrigramBytes = 160;

absl::Status CheckLimit(int limit) {
  if (limit <= 0) return absl::InvalidArgumentError("limit must be positive");
  return absl::OkStatus();
}

int CappedLimit(int limit) { return std::min(limit, kMaxListLimit); }

// An FTS5 string literal: the token in double quotes, inner quotes doubled.
// Whatever the user typed, FTS5 sees only quoted strings joined by OR.
std::string FtsString(absl::string_view token) {
  return absl::StrCat("\"", absl::StrReplaceAll(token, {{"\"", "\"\""}}), "\"");
}

// A GLOB pattern matching text that contains `s` literally: the GLOB
// metacharacters in `s` become one-character classes.
std::string GlobContains(absl::string_view s) {
  std::string out = "*";
  for (char c : s) {
    if (c == '*' || c == '?' || c == '[') {
      out.push_back('[');
      out.push_back(c);
      out.push_back(']');
    } else {
      out.push_back(c);
    }
  }
  out.push_back('*');
  return out;
}

// The query's distinct content words (all its words when it has only
// stopwords), longest first: length stands in for rarity, which FTS5 cannot
// tell us cheaply (fts5vocab walks a term's whole doclist).
std::vector<std::string> QueryWords(absl::string_view text) {
  std::vector<std::string> tokens = extract::MatchTokens(text);
  bool any_content = false;
  for (const std::string& t : tokens) {
    if (!t.empty() && !text::IsStopword(t, text::Stopwords::kSearch))
      any_content = true;
  }
  std::vector<std::string> words;
  std::unordered_set<std::string> seen;
  for (std::string& t : tokens) {
    if (t.empty() ||
        (any_content && text::IsStopword(t, text::Stopwords::kSearch)))
      continue;
    if (!seen.insert(t).second) continue;
    words.push_back(std::move(t));
    if (words.size() == kMaxQueryWords) break;
  }
  std::stable_sort(words.begin(), words.end(),
                   [](const std::string& a, const std::string& b) {
                     return a.size() > b.size();
                   });
  return words;
}

// "a" "b" "c": quotes holding all of words[0, n).
std::string AllOf(const std::vector<std::string>& words, size_t n) {
  std::vector<std::string> parts;
  for (size_t i = 0; i < n && i < words.size(); ++i) {
    parts.push_back(FtsString(words[i]));
  }
  return absl::StrJoin(parts, " ");
}

// ("a" "b") OR ("a" "c") OR ...: quotes holding any two of words[0, n).
std::string AnyTwoOf(const std::vector<std::string>& words, size_t n) {
  n = std::min(n, words.size());
  std::vector<std::string> pairs;
  for (size_t i = 0; i < n; ++i) {
    for (size_t j = i + 1; j < n; ++j) {
      pairs.push_back(absl::StrCat("(", FtsString(words[i]), " ",
                                   FtsString(words[j]), ")"));
    }
  }
  return absl::StrJoin(pairs, " OR ");
}

// Runs an FTS MATCH returning quote seqs best first.
absl::Status CollectMatches(SqliteConnection* db, const char* sql,
                            const std::string& match, int limit,
                            std::vector<int64_t>* seqs) {
  CC_ASSIGN_OR_RETURN(Stmt stmt, db->Prepare(sql));
  stmt.Bind(1, match).Bind(2, limit);
  while (true) {
    CC_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) return absl::OkStatus();
    seqs->push_back(stmt.Int64(0));
  }
}

absl::Status CheckDate(absl::string_view date, absl::string_view field) {
  if (date.empty() || IsIsoDate(date)) return absl::OkStatus();
  return absl::InvalidArgumentError(absl::StrCat(field, " must be YYYY-MM-DD"));
}

// Exact bytes of an optional bound, for query fingerprints.
std::string BoundKey(const std::optional<double>& v) {
  if (!v) return "-";
  char bytes[sizeof(double)];
  std::memcpy(bytes, &*v, sizeof(double));
  return std::string(bytes, sizeof(bytes));
}

absl::StatusOr<std::vector<std::string>> Strings(SqliteConnection* db,
                                                 const char* sql,
                                                 const std::string& arg) {
  CC_ASSIGN_OR_RETURN(Stmt stmt, db->Prepare(sql));
  stmt.Bind(1, arg);
  return ReadTextColumn(stmt);
}

}  // namespace

absl::StatusOr<ArticleRecord> SqliteStore::GetArticle(absl::string_view id,
                                                      bool with_text) {
  const std::string article_id(id);
  ReaderLease db(this, AcquireReader());
  CC_ASSIGN_OR_RETURN(Transaction txn, Transaction::Begin(db.get(), "BEGIN"));
  ArticleRecord record;
  {
    CC_ASSIGN_OR_RETURN(
        Stmt stmt,
        db->Prepare("SELECT id, url, outlet, published_date, title,"
                    " CASE WHEN ?2 THEN text ELSE '' END, content_hash,"
                    " version, ingested_unix_ms FROM articles WHERE id = ?1"));
    stmt.Bind(1, article_id).Bind(2, with_text);
    CC_ASSIGN_OR_RETURN(bool found, stmt.Step());
    if (!found) {
      return absl::NotFoundError(absl::StrCat("article '", id, "' not found"));
    }
    record.id = stmt.Text(0);
    record.input.url = stmt.Text(1);
    record.input.outlet = stmt.Text(2);
    record.input.published_date = stmt.Text(3);
    record.input.title = stmt.Text(4);
    record.input.text = stmt.Text(5);
    record.content_hash = stmt.Text(6);
    record.version = stmt.Int(7);
    record.ingested_unix_ms = stmt.Int64(8);
  }
  {
    CC_ASSIGN_OR_RETURN(Stmt stmt,
                        db->Prepare("SELECT story_id FROM story_members"
                                    " WHERE article_id = ?1"));
    stmt.Bind(1, article_id);
    CC_ASSIGN_OR_RETURN(bool found, stmt.Step());
    if (found) record.story_id = stmt.Text(0);
  }
  {
    CC_ASSIGN_OR_RETURN(
        Stmt stmt,
        db->Prepare("SELECT " CC_QUOTE_COLUMNS " FROM quotes q JOIN articles a"
                    " ON a.id = q.article_id"
                    " WHERE q.article_id = ?1 ORDER BY q.ordinal"));
    stmt.Bind(1, article_id);
    while (true) {
      CC_ASSIGN_OR_RETURN(bool row, stmt.Step());
      if (!row) break;
      record.quotes.push_back(ReadQuoteRow(stmt));
    }
  }
  {
    CC_ASSIGN_OR_RETURN(
        Stmt stmt,
        db->Prepare("SELECT " CC_CLAIM_COLUMNS " FROM claims c JOIN articles a"
                    " ON a.id = c.article_id"
                    " WHERE c.article_id = ?1 ORDER BY c.ordinal"));
    stmt.Bind(1, article_id);
    while (true) {
      CC_ASSIGN_OR_RETURN(bool row, stmt.Step());
      if (!row) break;
      record.claims.push_back(ReadClaimRow(stmt));
    }
  }
  return record;
}

std::vector<QuoteRecord> SqliteStore::RecordsOf(
    const std::vector<MemoryIndex::Hit>& hits) {
  std::vector<QuoteRecord> out;
  out.reserve(hits.size());
  for (const MemoryIndex::Hit& hit : hits) out.push_back(index_->Record(hit));
  return out;
}

absl::StatusOr<std::vector<QuoteRecord>> SqliteStore::FindQuotesByHash(
    uint64_t match_hash, int limit) {
  CC_RETURN_IF_ERROR(CheckLimit(limit));
  // Answered from the memory index alone (earliest article first, undated
  // last): no SQL.
  absl::ReaderMutexLock index_lock(&index_mu_);
  return RecordsOf(index_->QuotesByHash(match_hash, CappedLimit(limit)));
}

absl::StatusOr<std::vector<QuoteRecord>> SqliteStore::FindQuoteCandidates(
    absl::string_view text, int limit) {
  return FindQuoteCandidatesWhere(text, limit, {});
}

absl::StatusOr<std::vector<QuoteRecord>> SqliteStore::FindQuoteCandidatesWhere(
    absl::string_view text, int limit, const CandidateFilter& keep) {
  CC_RETURN_IF_ERROR(CheckLimit(limit));
  limit = CappedLimit(limit);
  const std::vector<std::string> words = QueryWords(text);
  const std::string norm = extract::NormalizeForMatch(text);
  std::vector<QuoteRecord> out;
  if (words.empty() && norm.size() < kMinTrigramBytes) return out;

  // 0. The memory index: quotes sharing the most rare words with the query
  //    (memory_index.h), records from memory. Only when it finds nothing
  //    (no query word is indexed: partial words, unknown words) do the FTS5
  //    queries below run.
  absl::ReaderMutexLock index_lock(&index_mu_);
  {
    std::vector<MemoryIndex::Hit> hits = index_->Candidates(norm, limit);
    if (!hits.empty()) {
      if (keep) {
        // The lambda runs here, under index_lock.
        const MemoryIndex& index = *index_;
        hits.erase(std::remove_if(hits.begin(), hits.end(),
                                  [&](const MemoryIndex::Hit& h) {
                                    return !keep(index.Text(h));
                                  }),
                   hits.end());
      }
      return RecordsOf(hits);
    }
  }
  ReaderLease db(this, AcquireReader());
  CC_ASSIGN_OR_RETURN(Transaction txn, Transaction::Begin(db.get(), "BEGIN"));
  // Cheapest first, widening only when nothing was found. All go through
  // FTS5 indexes with user text only ever inside quoted strings (words) or
  // a GLOB pattern (substrings), never parsed as FTS5 syntax.
  //  1. Quotes holding the query's 3 longest words, by bm25. A quote the
  //     query is taken from (whole or a fragment) holds all its words; an
  //     AND of a few long words touches few rows even at millions of
  //     quotes, where the old OR of every word ranked a large part of the
  //     index (about 0.2 s per query at 1M quotes, see tests/bench/README).
  //  2. Only when 1 found nothing (altered wording, or a query that is not
  //     from one quote): quotes holding any two of the 4 longest words, by
  //     bm25; then quotes holding any word, by bm25 among the newest 1,000
  //     such quotes (all of them in a small index; the bound keeps the cost
  //     flat at millions of quotes, at the price of older weak matches).
  //  3. Still nothing (partial words, very short queries): substring
  //     (trigram) search for the whole normalised query, shortest
  //     containing quote first; the inner LIMIT bounds the work for a very
  //     common substring.
  std::vector<int64_t> seqs;
  constexpr const char kWordsSql[] =
      "SELECT rowid FROM quotes_words WHERE quotes_words MATCH ?1"
      " ORDER BY rank LIMIT ?2";
  if (!words.empty()) {
    CC_RETURN_IF_ERROR(
        CollectMatches(db.get(), kWordsSql, AllOf(words, 3), limit, &seqs));
  }
  if (seqs.empty() && !words.empty()) {
    if (words.size() >= 3) {
      CC_RETURN_IF_ERROR(CollectMatches(db.get(), kWordsSql, AnyTwoOf(words, 4),
                                        limit, &seqs));
    }
    std::vector<std::string> any;
    for (const std::string& w : words) any.push_back(FtsString(w));
    CC_RETURN_IF_ERROR(CollectMatches(
        db.get(),
        "SELECT seq FROM (SELECT rowid AS seq, rank AS r FROM quotes_words"
        " WHERE quotes_words MATCH ?1 ORDER BY rowid DESC LIMIT 1000)"
        " ORDER BY r LIMIT ?2",
        absl::StrJoin(any, " OR "), limit, &seqs));
  }
  if (seqs.empty() && norm.size() >= kMinTrigramBytes &&
      norm.size() <= kMaxTrigramBytes) {
    CC_RETURN_IF_ERROR(CollectMatches(
        db.get(),
        "SELECT seq FROM (SELECT rowid AS seq, length(norm_text) AS len"
        " FROM quotes_trigram WHERE norm_text GLOB ?1 LIMIT 2000)"
        " ORDER BY len, seq LIMIT ?2",
        GlobContains(norm), limit, &seqs));
  }
  std::unordered_set<int64_t> seen;
  CC_ASSIGN_OR_RETURN(
      Stmt fetch,
      db->Prepare("SELECT " CC_QUOTE_COLUMNS " FROM quotes q JOIN articles a"
                  " ON a.id = q.article_id WHERE q.seq = ?1"));
  int fetched = 0;  // rows read, kept or not: the same `limit` cut
  for (int64_t seq : seqs) {
    if (fetched >= limit) break;
    if (!seen.insert(seq).second) continue;
    fetch.Bind(1, seq);
    CC_ASSIGN_OR_RETURN(bool row, fetch.Step());
    if (row) {
      ++fetched;
      QuoteRecord r = ReadQuoteRow(fetch);
      if (!keep || keep(r.quote.text)) out.push_back(std::move(r));
    }
    fetch.Reset();
  }
  return out;
}

absl::StatusOr<std::string> SqliteStore::ResolveSpeakerId(
    SqliteConnection* conn, absl::string_view id_or_name) {
  const std::string raw(id_or_name);
  const std::string key = extract::SpeakerKey(id_or_name);
  const std::string lower = LowerAscii(id_or_name);
  // By id, canonical key, or lower-cased name; then by alias, the speaker
  // with most quotes winning when an alias is shared.
  {
    CC_ASSIGN_OR_RETURN(
        Stmt stmt,
        conn->Prepare("SELECT id FROM speakers WHERE id = ?1 UNION ALL"
                      " SELECT id FROM speakers WHERE key = ?2 UNION ALL"
                      " SELECT id FROM speakers WHERE sort_name = ?3 LIMIT 1"));
    stmt.Bind(1, raw).Bind(2, key).Bind(3, lower);
    CC_ASSIGN_OR_RETURN(bool found, stmt.Step());
    if (found) return stmt.Text(0);
  }
  CC_ASSIGN_OR_RETURN(
      Stmt stmt,
      conn->Prepare("SELECT al.speaker_id FROM speaker_aliases al"
                    " WHERE al.alias_lower = ?1 ORDER BY (SELECT count(*)"
                    " FROM quotes q WHERE q.speaker_id = al.speaker_id) DESC,"
                    " al.speaker_id LIMIT 1"));
  stmt.Bind(1, lower);
  CC_ASSIGN_OR_RETURN(bool found, stmt.Step());
  if (found) return stmt.Text(0);
  return absl::NotFoundError(
      absl::StrCat("speaker '", id_or_name, "' not found"));
}

absl::StatusOr<SpeakerRecord> SqliteStore::LoadSpeaker(SqliteConnection* conn,
                                                       const std::string& id) {
  SpeakerRecord record;
  {
    CC_ASSIGN_OR_RETURN(
        Stmt stmt,
        conn->Prepare("SELECT id, name, kind FROM speakers s WHERE id = ?1"));
    stmt.Bind(1, id);
    CC_ASSIGN_OR_RETURN(bool found, stmt.Step());
    if (!found) {
      return absl::NotFoundError(absl::StrCat("speaker '", id, "' not found"));
    }
    record.id = stmt.Text(0);
    record.name = stmt.Text(1);
    record.kind = SpeakerKindFromInt(stmt.Int64(2));
  }
  CC_ASSIGN_OR_RETURN(
      record.aliases,
      Strings(conn,
              "SELECT alias FROM speaker_aliases WHERE speaker_id = ?1"
              " ORDER BY alias_lower, alias",
              id));
  CC_ASSIGN_OR_RETURN(record.roles,
                      Strings(conn,
                              "SELECT role FROM speaker_roles"
                              " WHERE speaker_id = ?1 ORDER BY role",
                              id));
  index_->SpeakerStats(id, &record.quote_count, &record.outlets);
  return record;
}

absl::StatusOr<SpeakerRecord> SqliteStore::GetSpeaker(
    absl::string_view id_or_name) {
  if (id_or_name.empty()) {
    return absl::InvalidArgumentError("speaker id or name is empty");
  }
  absl::ReaderMutexLock index_lock(&index_mu_);
  ReaderLease db(this, AcquireReader());
  CC_ASSIGN_OR_RETURN(Transaction txn, Transaction::Begin(db.get(), "BEGIN"));
  CC_ASSIGN_OR_RETURN(const std::string id,
                      ResolveSpeakerId(db.get(), id_or_name));
  return LoadSpeaker(db.get(), id);
}

absl::Status SqliteStore::CheckSpeakerExists(const std::string& id) {
  ReaderLease db(this, AcquireReader());
  CC_ASSIGN_OR_RETURN(Transaction txn, Transaction::Begin(db.get(), "BEGIN"));
  CC_ASSIGN_OR_RETURN(Stmt exists,
                      db->Prepare("SELECT 1 FROM speakers WHERE id = ?1"));
  exists.Bind(1, id);
  CC_ASSIGN_OR_RETURN(bool found, exists.Step());
  if (!found) {
    return absl::NotFoundError(absl::StrCat("speaker '", id, "' not found"));
  }
  return absl::OkStatus();
}

absl::StatusOr<SpeakerName> SqliteStore::ResolveSpeaker(
    absl::string_view id_or_name) {
  if (id_or_name.empty()) {
    return absl::InvalidArgumentError("speaker id or name is empty");
  }
  ReaderLease db(this, AcquireReader());
  CC_ASSIGN_OR_RETURN(Transaction txn, Transaction::Begin(db.get(), "BEGIN"));
  SpeakerName out;
  CC_ASSIGN_OR_RETURN(out.id, ResolveSpeakerId(db.get(), id_or_name));
  CC_ASSIGN_OR_RETURN(Stmt stmt,
                      db->Prepare("SELECT name FROM speakers WHERE id = ?1"));
  stmt.Bind(1, out.id);
  CC_ASSIGN_OR_RETURN(bool found, stmt.Step());
  if (!found) {
    return absl::NotFoundError(
        absl::StrCat("speaker '", id_or_name, "' not found"));
  }
  out.name = stmt.Text(0);
  return out;
}

absl::StatusOr<SpeakerPage> SqliteStore::ListSpeakers(
    absl::string_view prefix, int limit, absl::string_view page_token) {
  CC_RETURN_IF_ERROR(CheckLimit(limit));
  limit = CappedLimit(limit);
  const std::string name_prefix = LowerAscii(prefix);
  std::string key_prefix = extract::SpeakerKey(prefix);
  if (key_prefix.empty()) key_prefix = name_prefix;
  const uint64_t fingerprint = QueryFingerprint({"speakers", name_prefix});
  PageCursor after;
  if (!page_token.empty()) {
    CC_ASSIGN_OR_RETURN(
        after, DecodePageToken(token_secret_, PageKind::kSpeakers, fingerprint,
                               page_token));
  }
  absl::ReaderMutexLock index_lock(&index_mu_);
  ReaderLease db(this, AcquireReader());
  CC_ASSIGN_OR_RETURN(Transaction txn, Transaction::Begin(db.get(), "BEGIN"));
  std::vector<std::pair<std::string, std::string>> rows;  // (sort_name, id)
  {
    // "\xff" never occurs in UTF-8, so [p, p + "\xff") holds exactly the
    // strings that start with p under BINARY collation. Each arm is a range
    // scan of its own index; the keyset condition is a row-value range.
    // Before the first page the cursor is ('', ''), below every row.
    CC_ASSIGN_OR_RETURN(
        Stmt stmt, name_prefix.empty()
                       ? db->Prepare("SELECT sort_name, id FROM speakers"
                                     " WHERE (sort_name, id) > (?5, ?6)"
                                     " ORDER BY sort_name, id LIMIT ?7")
                       : db->Prepare("SELECT sort_name, id FROM speakers"
                                     " WHERE sort_name >= ?1 AND sort_name < ?2"
                                     " AND (sort_name, id) > (?5, ?6)"
                                     " UNION SELECT sort_name, id FROM speakers"
                                     " WHERE key >= ?3 AND key < ?4"
                                     " AND (sort_name, id) > (?5, ?6)"
                                     " ORDER BY 1, 2 LIMIT ?7"));
    if (!name_prefix.empty()) {
      stmt.Bind(1, name_prefix)
          .Bind(2, name_prefix + "\xff")
          .Bind(3, key_prefix)
          .Bind(4, key_prefix + "\xff");
    }
    stmt.Bind(5, after.key).Bind(6, after.id).Bind(7, limit + 1);
    while (true) {
      CC_ASSIGN_OR_RETURN(bool row, stmt.Step());
      if (!row) break;
      rows.emplace_back(stmt.Text(0), stmt.Text(1));
    }
  }
  SpeakerPage page;
  const bool more = static_cast<int>(rows.size()) > limit;
  if (more) rows.resize(limit);
  for (const auto& [sort_name, id] : rows) {
    CC_ASSIGN_OR_RETURN(SpeakerRecord record, LoadSpeaker(db.get(), id));
    page.speakers.push_back(std::move(record));
  }
  if (more) {
    page.next_page_token =
        EncodePageToken(token_secret_, PageKind::kSpeakers, fingerprint,
                        PageCursor{rows.back().first, rows.back().second, 0});
  }
  return page;
}

absl::StatusOr<QuotePage> SqliteStore::ListSpeakerQuotes(
    const SpeakerQuotesQuery& query) {
  if (query.speaker_id.empty()) {
    return absl::InvalidArgumentError("speaker_id is empty");
  }
  CC_RETURN_IF_ERROR(CheckLimit(query.limit));
  CC_RETURN_IF_ERROR(CheckDate(query.from_date, "from_date"));
  CC_RETURN_IF_ERROR(CheckDate(query.to_date, "to_date"));
  const int limit = CappedLimit(query.limit);
  const uint64_t fingerprint =
      QueryFingerprint({"speaker_quotes", query.speaker_id, query.outlet,
                        query.from_date, query.to_date});
  PageCursor after;
  const bool has_cursor = !query.page_token.empty();
  if (has_cursor) {
    CC_ASSIGN_OR_RETURN(after,
                        DecodePageToken(token_secret_, PageKind::kSpeakerQuotes,
                                        fingerprint, query.page_token));
  }
  absl::ReaderMutexLock index_lock(&index_mu_);
  // A speaker the index lists quotes of has its row (a speaker row goes
  // only with its last quote, in the commit that the index follows); only
  // one without quotes is looked up in SQL.
  if (!index_->HasQuotesBy(query.speaker_id)) {
    CC_RETURN_IF_ERROR(CheckSpeakerExists(query.speaker_id));
  }
  // The page's quotes, in order (published_date DESC, seq), from the
  // memory index's per-speaker list; one more than the page to know if
  // another follows.
  MemoryIndex::SpeakerFilter filter;
  filter.outlet = query.outlet;
  filter.from_date = query.from_date;
  filter.to_date = query.to_date;
  filter.has_cursor = has_cursor;
  filter.after_date = after.key;
  filter.after_seq = after.seq;
  std::vector<MemoryIndex::Hit> hits =
      index_->SpeakerQuotes(query.speaker_id, filter, limit + 1);
  const bool more = static_cast<int>(hits.size()) > limit;
  if (more) hits.resize(limit);
  QuotePage page;
  page.quotes = RecordsOf(hits);
  if (more && !page.quotes.empty()) {
    PageCursor last;
    last.key = page.quotes.back().evidence.published_date;
    last.seq = hits.back().seq;
    page.next_page_token = EncodePageToken(
        token_secret_, PageKind::kSpeakerQuotes, fingerprint, last);
  }
  return page;
}

absl::StatusOr<ClaimPage> SqliteStore::FindClaims(const ClaimsQuery& query) {
  CC_RETURN_IF_ERROR(CheckLimit(query.limit));
  if ((query.min_value && std::isnan(*query.min_value)) ||
      (query.max_value && std::isnan(*query.max_value))) {
    return absl::InvalidArgumentError(
        "min_value and max_value must be numbers");
  }
  if (query.min_value && query.max_value &&
      *query.min_value > *query.max_value) {
    return absl::InvalidArgumentError("min_value must be <= max_value");
  }
  const int limit = CappedLimit(query.limit);
  const std::string subject_key = LowerAscii(query.subject);
  int64_t kind_mask = 0;  // bit k set: kind k wanted; 0: any kind
  for (extract::QuantityKind k : query.kinds) {
    const int bit = static_cast<int>(k);
    if (bit < 0 || bit > 62) {
      return absl::InvalidArgumentError("kinds holds an unknown kind");
    }
    kind_mask |= int64_t{1} << bit;
  }
  const uint64_t fingerprint = QueryFingerprint(
      {"claims", query.unit_key, subject_key, BoundKey(query.min_value),
       BoundKey(query.max_value), absl::StrCat(kind_mask)});
  PageCursor after;
  const bool has_cursor = !query.page_token.empty();
  if (has_cursor) {
    CC_ASSIGN_OR_RETURN(after, DecodePageToken(token_secret_, PageKind::kClaims,
                                               fingerprint, query.page_token));
  }
  if (!query.unit_key.empty()) {
    return FindClaimsByUnit(
        query, {subject_key, kind_mask, fingerprint, has_cursor, after, limit});
  }
  ReaderLease db(this, AcquireReader());
  CC_ASSIGN_OR_RETURN(Transaction txn, Transaction::Begin(db.get(), "BEGIN"));
  // One statement per filter shape, so SQLite can pick the right index (a
  // "?1 = '' OR col = ?1" form would force a scan).
#define CC_CLAIMS_SQL(FILTER)                  \
  "SELECT " CC_CLAIM_COLUMNS                   \
  ", c.seq FROM claims c JOIN articles a"      \
  " ON a.id = c.article_id WHERE " FILTER      \
  " AND (?3 IS NULL OR c.range_high >= ?3)"    \
  " AND (?4 IS NULL OR c.range_low <= ?4)"     \
  " AND (?9 = 0 OR ((1 << c.kind) & ?9) <> 0)" \
  " AND (?5 = 0 OR a.published_date < ?6 OR"   \
  "  (a.published_date = ?6 AND c.seq > ?7))"  \
  " ORDER BY a.published_date DESC, c.seq LIMIT ?8"
  const char* sql =
      !query.unit_key.empty()
          ? CC_CLAIMS_SQL("c.unit_key = ?1 AND (?2 = '' OR c.subject_key = ?2)")
      : !subject_key.empty() ? CC_CLAIMS_SQL("?1 = '' AND c.subject_key = ?2")
                             : CC_CLAIMS_SQL("?1 = '' AND ?2 = ''");
#undef CC_CLAIMS_SQL
  CC_ASSIGN_OR_RETURN(Stmt stmt, db->Prepare(sql));
  stmt.Bind(1, query.unit_key)
      .Bind(2, subject_key)
      .Bind(3, query.min_value)
      .Bind(4, query.max_value)
      .Bind(5, has_cursor)
      .Bind(6, after.key)
      .Bind(7, after.seq)
      .Bind(8, limit + 1)
      .Bind(9, kind_mask);
  ClaimPage page;
  PageCursor last;
  while (true) {
    CC_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) break;
    if (static_cast<int>(page.claims.size()) == limit) {
      page.next_page_token =
          EncodePageToken(token_secret_, PageKind::kClaims, fingerprint, last);
      break;
    }
    page.claims.push_back(ReadClaimRow(stmt));
    last.key = page.claims.back().evidence.published_date;
    last.seq = stmt.Int64(kClaimColumnCount);
  }
  return page;
}

absl::StatusOr<ClaimPage> SqliteStore::FindClaimsByUnit(
    const ClaimsQuery& query, const ClaimFilter& f) {
  absl::ReaderMutexLock index_lock(&index_mu_);
  ReaderLease db(this, AcquireReader());
  CC_ASSIGN_OR_RETURN(Transaction txn, Transaction::Begin(db.get(), "BEGIN"));
  CC_ASSIGN_OR_RETURN(
      Stmt stmt,
      db->Prepare("SELECT " CC_CLAIM_COLUMNS_WITH(
          CC_NO_EVIDENCE_COLUMNS) " FROM claims c WHERE c.seq = ?1 AND "
                                  "c.unit_key = ?2"
                                  " AND (?3 = '' OR c.subject_key = ?3)"
                                  " AND (?4 IS NULL OR c.range_high >= ?4)"
                                  " AND (?5 IS NULL OR c.range_low <= ?5)"
                                  " AND (?6 = 0 OR ((1 << c.kind) & ?6) <> "
                                  "0)"));
  stmt.Bind(2, query.unit_key)
      .Bind(3, f.subject_key)
      .Bind(4, query.min_value)
      .Bind(5, query.max_value)
      .Bind(6, f.kind_mask);
  ClaimPage page;
  PageCursor last;
  absl::Status status;
  MemoryIndex::ClaimCursor cursor;
  cursor.has_cursor = f.has_cursor;
  cursor.after_date = f.after.key;
  cursor.after_seq = f.after.seq;
  // The visitor runs here, under index_lock.
  const MemoryIndex& index = *index_;
  index.VisitClaimsByUnit(
      query.unit_key, cursor, [&](int64_t seq, uint32_t article) {
        stmt.Reset();
        stmt.Bind(1, seq);
        absl::StatusOr<bool> row = stmt.Step();
        if (!row.ok()) {
          status = row.status();
          return false;
        }
        if (!*row) return true;  // filtered out (or deleted since)
        if (static_cast<int>(page.claims.size()) == f.limit) {
          page.next_page_token = EncodePageToken(
              token_secret_, PageKind::kClaims, f.fingerprint, last);
          return false;
        }
        ClaimRecord r = ReadClaimRow(stmt);
        const extract::Span span = r.evidence.span;
        r.evidence = index.ArticleEvidence(article);
        r.evidence.span = span;
        last.key = r.evidence.published_date;
        last.seq = seq;
        page.claims.push_back(std::move(r));
        return true;
      });
  CC_RETURN_IF_ERROR(status);
  return page;
}

absl::StatusOr<std::vector<ClaimKeyView>> SqliteStore::ClaimKeysByUnit(
    absl::string_view unit_key, int limit) {
  absl::ReaderMutexLock index_lock(&index_mu_);
  return index_->ClaimKeysByUnit(unit_key,
                                 static_cast<size_t>(std::max(limit, 0)));
}

absl::StatusOr<std::vector<std::optional<ClaimRecord>>>
SqliteStore::ClaimsBySeq(absl::Span<const int64_t> seqs) {
  absl::ReaderMutexLock index_lock(&index_mu_);
  ReaderLease db(this, AcquireReader());
  CC_ASSIGN_OR_RETURN(Transaction txn, Transaction::Begin(db.get(), "BEGIN"));
  // As FindClaimsByUnit reads a row: evidence from the index.
  CC_ASSIGN_OR_RETURN(Stmt stmt,
                      db->Prepare("SELECT " CC_CLAIM_COLUMNS_WITH(
                          CC_NO_EVIDENCE_COLUMNS) ", c.article_id FROM claims c"
                                                  " WHERE c.seq = ?1"));
  const MemoryIndex& index = *index_;
  std::vector<std::optional<ClaimRecord>> out;
  out.reserve(seqs.size());
  for (int64_t seq : seqs) {
    stmt.Reset();
    stmt.Bind(1, seq);
    CC_ASSIGN_OR_RETURN(bool row, stmt.Step());
    std::optional<uint32_t> article;
    if (row) article = index.ArticleOrdinal(stmt.TextView(kClaimColumnCount));
    if (!row || !article) {
      out.emplace_back();
      continue;
    }
    ClaimRecord r = ReadClaimRow(stmt);
    const extract::Span span = r.evidence.span;
    r.evidence = index.ArticleEvidence(*article);
    r.evidence.span = span;
    out.emplace_back(std::move(r));
  }
  return out;
}

}  // namespace claimcheck::store
