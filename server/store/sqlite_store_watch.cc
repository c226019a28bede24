// SqliteStore: watch registrations and the durable event log (schema v3).
//
// Occurrence events are appended inside PutArticles' transaction, so an
// event exists exactly when the article that caused it is durable, and its
// seq (AUTOINCREMENT) only grows: a client resuming from the last seq it
// saw misses nothing. The cost per ingested quote follows the registrations
// that share a longer word with it (an in-memory word index), not their
// number. Events of stored quotes and claims keep ids, not copies, until
// those rows go (schema v10; AppendEventLocked's `by_ref`).
#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "server/extract/normalize.h"
#include "server/store/sqlite_store_impl.h"

namespace claimcheck::store {
namespace {

// An event's occurrence columns as it reads: copied ones (`by_ref` 0), or
// those of the quote or claim row and article row it names (schema v10).
#define CC_EVENT_OCCURRENCE_COLUMNS                                     \
  "CASE WHEN e.by_ref THEN coalesce(a.outlet, '') ELSE e.outlet END"    \
  " AS outlet,"                                                         \
  " CASE WHEN e.by_ref THEN coalesce(a.url, '') ELSE e.url END AS url," \
  " CASE WHEN e.by_ref THEN coalesce(a.published_date, '')"             \
  " ELSE e.published_date END AS published_date,"                       \
  " CASE WHEN e.by_ref THEN coalesce(a.title, '') ELSE e.title END"     \
  " AS title,"                                                          \
  " CASE WHEN e.by_ref THEN coalesce(q.text, c.surface, '')"            \
  " ELSE e.quote_text END AS quote_text,"                               \
  " CASE WHEN e.by_ref THEN coalesce(q.speaker, '') ELSE e.speaker END" \
  " AS speaker,"                                                        \
  " CASE WHEN e.by_ref THEN coalesce(q.span_begin, c.span_begin, 0)"    \
  " ELSE e.span_begin END AS span_begin,"                               \
  " CASE WHEN e.by_ref THEN coalesce(q.span_end, c.span_end, 0)"        \
  " ELSE e.span_end END AS span_end"

// The rows those columns read from.
#define CC_EVENT_FROM                                         \
  " FROM events e"                                            \
  " LEFT JOIN quotes q ON e.by_ref = 1 AND q.id = e.quote_id" \
  " LEFT JOIN claims c ON e.by_ref = 1 AND q.seq IS NULL"     \
  " AND c.id = e.quote_id"                                    \
  " LEFT JOIN articles a ON e.by_ref = 1 AND a.id = e.article_id"

constexpr char kReadEvents[] =
    "SELECT e.seq, e.kind, e.watch_id, e.quote_id, "
    "e.article_id, " CC_EVENT_OCCURRENCE_COLUMNS
    ", e.verdict, e.score, e.summary, e.created_ms" CC_EVENT_FROM
    " WHERE e.seq > ?1 ORDER BY e.seq LIMIT ?2";

// Turns an article's by-reference events into copies of what they read.
constexpr char kCopyEventsOfArticle[] =
    "UPDATE events SET by_ref = 0, outlet = r.outlet, url = r.url,"
    " published_date = r.published_date, title = r.title,"
    " quote_text = r.quote_text, speaker = r.speaker,"
    " span_begin = r.span_begin, span_end = r.span_end"
    " FROM (SELECT e.seq AS seq, " CC_EVENT_OCCURRENCE_COLUMNS CC_EVENT_FROM
    " WHERE e.by_ref = 1 AND e.article_id = ?1) AS r"
    " WHERE events.seq = r.seq";

// Words that index a registration: normalised, at least 4 bytes (so "the"
// and "and" do not make every quote a candidate).
std::vector<std::string> IndexWords(absl::string_view text) {
  std::vector<std::string> words;
  for (std::string& w : extract::MatchTokens(text)) {
    if (w.size() >= 4) words.push_back(std::move(w));
  }
  std::sort(words.begin(), words.end());
  words.erase(std::unique(words.begin(), words.end()), words.end());
  return words;
}

WatchEventRecord EventFromRow(const Stmt& row) {
  WatchEventRecord e;
  e.seq = row.Int64(0);
  e.kind = static_cast<WatchEventKind>(row.Int(1));
  e.watch_id = row.Text(2);
  e.occurrence.id = row.Text(3);
  e.occurrence.evidence.article_id = row.Text(4);
  e.occurrence.evidence.outlet = row.Text(5);
  e.occurrence.evidence.url = row.Text(6);
  e.occurrence.evidence.published_date = row.Text(7);
  e.occurrence.evidence.title = row.Text(8);
  e.occurrence.quote.text = row.Text(9);
  e.occurrence.quote.speaker = row.Text(10);
  e.occurrence.quote.span = {static_cast<uint32_t>(row.Int64(11)),
                             static_cast<uint32_t>(row.Int64(12))};
  e.occurrence.evidence.span = e.occurrence.quote.span;
  e.verdict = row.Int(13);
  e.score = row.Double(14);
  e.summary = row.Text(15);
  e.created_unix_ms = row.Int64(16);
  return e;
}

}  // namespace

void SqliteStore::SetWatchMatcher(WatchMatcher matcher) {
  absl::MutexLock lock(&write_mu_);
  watch_matcher_ = std::move(matcher);
}

void SqliteStore::SetEventListener(std::function<void(int64_t)> listener) {
  absl::MutexLock lock(&listener_mu_);
  event_listener_ = std::move(listener);
}

absl::Status SqliteStore::EnsureWatchesLocked() {
  if (watches_loaded_) return absl::OkStatus();
  SqliteConnection* db = writer_.get();
  CC_ASSIGN_OR_RETURN(Stmt stmt,
                      db->Prepare("SELECT seq, text, speaker, created_ms FROM"
                                  " watches ORDER BY seq"));
  std::vector<WatchRecord> watches;
  while (true) {
    CC_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) break;
    watches.push_back({absl::StrCat("w_", stmt.Int64(0)), stmt.Text(1),
                       stmt.Text(2), stmt.Int64(3)});
  }
  CC_ASSIGN_OR_RETURN(const int64_t last,
                      db->QueryInt("SELECT coalesce(max(seq), 0) FROM events"));
  last_event_seq_.store(std::max(last_event_seq_.load(), last));
  watches_ = std::move(watches);
  IndexWatchesLocked();
  watches_loaded_ = true;
  return absl::OkStatus();
}

void SqliteStore::IndexWatchesLocked() {
  watch_words_.clear();
  watch_word_counts_.assign(watches_.size(), 0);
  for (size_t i = 0; i < watches_.size(); ++i) {
    std::vector<std::string> words = IndexWords(watches_[i].text);
    watch_word_counts_[i] = words.size();
    for (std::string& w : words) watch_words_[std::move(w)].push_back(i);
  }
}

absl::StatusOr<WatchRecord> SqliteStore::AddWatch(absl::string_view text,
                                                  absl::string_view speaker,
                                                  int max_watches) {
  absl::MutexLock lock(&write_mu_);
  CC_RETURN_IF_ERROR(EnsureWatchesLocked());
  if (static_cast<int>(watches_.size()) >= max_watches) {
    return absl::ResourceExhaustedError(absl::StrCat(
        "at most ", max_watches, " watches can be registered; unregister one"));
  }
  SqliteConnection* db = writer_.get();
  CC_ASSIGN_OR_RETURN(Transaction txn,
                      Transaction::Begin(db, "BEGIN IMMEDIATE"));
  WatchRecord w{"", std::string(text), std::string(speaker), NowMs()};
  CC_ASSIGN_OR_RETURN(
      Stmt insert, db->Prepare("INSERT INTO watches(text, speaker, created_ms)"
                               " VALUES (?1, ?2, ?3)"));
  CC_RETURN_IF_ERROR(insert.Bind(1, w.text)
                         .Bind(2, w.speaker)
                         .Bind(3, w.created_unix_ms)
                         .Run());
  w.id = absl::StrCat("w_", sqlite3_last_insert_rowid(db->raw()));
  CC_RETURN_IF_ERROR(txn.Commit());
  watches_.push_back(w);
  IndexWatchesLocked();
  return w;
}

absl::Status SqliteStore::RemoveWatch(absl::string_view id) {
  int64_t seq = 0;
  if (!absl::ConsumePrefix(&id, "w_") || !absl::SimpleAtoi(id, &seq)) {
    return absl::NotFoundError(absl::StrCat("no watch w_", id));
  }
  absl::MutexLock lock(&write_mu_);
  CC_RETURN_IF_ERROR(EnsureWatchesLocked());
  SqliteConnection* db = writer_.get();
  CC_ASSIGN_OR_RETURN(Transaction txn,
                      Transaction::Begin(db, "BEGIN IMMEDIATE"));
  CC_ASSIGN_OR_RETURN(Stmt del,
                      db->Prepare("DELETE FROM watches WHERE seq = ?1"));
  CC_RETURN_IF_ERROR(del.Bind(1, seq).Run());
  if (sqlite3_changes(db->raw()) == 0) {
    return absl::NotFoundError(absl::StrCat("no watch w_", id));
  }
  CC_RETURN_IF_ERROR(txn.Commit());
  const std::string full = absl::StrCat("w_", seq);
  watches_.erase(
      std::remove_if(watches_.begin(), watches_.end(),
                     [&](const WatchRecord& w) { return w.id == full; }),
      watches_.end());
  IndexWatchesLocked();
  return absl::OkStatus();
}

absl::StatusOr<std::vector<WatchRecord>> SqliteStore::ListWatches() {
  absl::MutexLock lock(&write_mu_);
  CC_RETURN_IF_ERROR(EnsureWatchesLocked());
  return watches_;
}

absl::Status SqliteStore::RecordWatchEventsLocked(
    const PutRequest& request, const PutResult& result,
    absl::string_view quote_id_prefix, int64_t now_ms) {
  if (!watch_matcher_ || watches_.empty()) return absl::OkStatus();
  const ArticleInput& in = *request.input;
  const std::vector<extract::Quote>& quotes = request.extraction->quotes;
  for (size_t i = 0; i < quotes.size(); ++i) {
    // Registrations sharing at least two index words with the quote (or
    // all of theirs, when they have fewer).
    absl::flat_hash_map<size_t, int> shared;
    for (const std::string& w : IndexWords(quotes[i].text)) {
      auto it = watch_words_.find(w);
      if (it == watch_words_.end()) continue;
      for (size_t k : it->second) ++shared[k];
    }
    if (shared.empty()) continue;
    QuoteRecord rec;
    rec.id = absl::StrCat(quote_id_prefix, i);
    rec.quote = quotes[i];
    rec.evidence = {result.article_id, in.outlet, in.url,
                    in.published_date, in.title,  quotes[i].span};
    std::vector<size_t> candidates;
    for (const auto& [k, n] : shared) {
      if (n >= static_cast<int>(std::min<size_t>(2, watch_word_counts_[k]))) {
        candidates.push_back(k);
      }
    }
    std::sort(candidates.begin(), candidates.end());  // registration order
    for (size_t k : candidates) {
      WatchEventRecord event;
      if (!watch_matcher_(watches_[k], rec, &event)) continue;
      event.watch_id = watches_[k].id;
      event.occurrence = rec;
      event.created_unix_ms = now_ms;
      CC_RETURN_IF_ERROR(AppendEventLocked(&event, /*by_ref=*/true));
    }
  }
  return absl::OkStatus();
}

absl::Status SqliteStore::AppendEventLocked(WatchEventRecord* e, bool by_ref) {
  SqliteConnection* db = writer_.get();
  CC_ASSIGN_OR_RETURN(
      Stmt insert,
      db->Prepare("INSERT INTO events(kind, watch_id, quote_id, article_id,"
                  " outlet, url, published_date, title, quote_text, speaker,"
                  " span_begin, span_end, verdict, score, summary, created_ms,"
                  " by_ref) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10,"
                  " ?11, ?12, ?13, ?14, ?15, ?16, ?17)"));
  const Evidence& ev = e->occurrence.evidence;
  by_ref = by_ref && !e->occurrence.id.empty() && !ev.article_id.empty();
  insert.Bind(1, static_cast<int>(e->kind))
      .Bind(2, e->watch_id)
      .Bind(3, e->occurrence.id)
      .Bind(4, ev.article_id)
      .Bind(13, e->verdict)
      .Bind(14, e->score)
      .Bind(15, e->summary)
      .Bind(16, e->created_unix_ms)
      .Bind(17, by_ref ? 1 : 0);
  if (by_ref) {
    for (int i = 5; i <= 10; ++i) insert.Bind(i, absl::string_view());
    insert.Bind(11, 0).Bind(12, 0);
  } else {
    insert.Bind(5, ev.outlet)
        .Bind(6, ev.url)
        .Bind(7, ev.published_date)
        .Bind(8, ev.title)
        .Bind(9, e->occurrence.quote.text)
        .Bind(10, e->occurrence.quote.speaker)
        .Bind(11, e->occurrence.quote.span.begin)
        .Bind(12, e->occurrence.quote.span.end);
  }
  CC_RETURN_IF_ERROR(insert.Run());
  e->seq = sqlite3_last_insert_rowid(db->raw());
  pending_event_seq_ = std::max(pending_event_seq_, e->seq);
  return absl::OkStatus();
}

absl::Status SqliteStore::CopyEventsOfArticleLocked(
    const std::string& article_id) {
  CC_ASSIGN_OR_RETURN(Stmt copy, writer_->Prepare(kCopyEventsOfArticle));
  return copy.Bind(1, article_id).Run();
}

int64_t SqliteStore::TakeCommittedEventsLocked(bool committed) {
  const int64_t seq = pending_event_seq_;
  pending_event_seq_ = 0;
  if (!committed || seq == 0) return 0;
  last_event_seq_.store(std::max(last_event_seq_.load(), seq));
  return seq;
}

void SqliteStore::NotifyEvents(int64_t seq) {
  std::function<void(int64_t)> listener;
  {
    absl::MutexLock lock(&listener_mu_);
    listener = event_listener_;
  }
  if (listener) listener(seq);
}

absl::Status SqliteStore::RecordEvents(std::vector<WatchEventRecord>* events) {
  if (events->empty()) return absl::OkStatus();
  int64_t newest = 0;
  {
    absl::MutexLock lock(&write_mu_);
    CC_RETURN_IF_ERROR(EnsureWatchesLocked());
    TakeCommittedEventsLocked(/*committed=*/false);
    SqliteConnection* db = writer_.get();
    CC_ASSIGN_OR_RETURN(Transaction txn,
                        Transaction::Begin(db, "BEGIN IMMEDIATE"));
    const int64_t now_ms = NowMs();
    for (WatchEventRecord& e : *events) {
      if (e.created_unix_ms == 0) e.created_unix_ms = now_ms;
      absl::Status s = AppendEventLocked(&e, /*by_ref=*/false);
      if (!s.ok()) {
        TakeCommittedEventsLocked(/*committed=*/false);
        return s;
      }
    }
    absl::Status s = txn.Commit();
    newest = TakeCommittedEventsLocked(/*committed=*/s.ok());
    CC_RETURN_IF_ERROR(s);
  }
  NotifyEvents(newest);
  return absl::OkStatus();
}

absl::StatusOr<std::vector<WatchEventRecord>> SqliteStore::ReadEvents(
    int64_t after_seq, int limit) {
  if (limit <= 0) return absl::InvalidArgumentError("limit must be positive");
  ReaderLease db(this, AcquireReader());
  CC_ASSIGN_OR_RETURN(Stmt stmt, db->Prepare(kReadEvents));
  stmt.Bind(1, after_seq).Bind(2, std::min(limit, kMaxListLimit));
  std::vector<WatchEventRecord> out;
  while (true) {
    CC_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) break;
    out.push_back(EventFromRow(stmt));
  }
  return out;
}

}  // namespace claimcheck::store
