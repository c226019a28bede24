// SqliteStore: conflicts kept at ingest and paged from an index (schema v6;
// ConflictGroup in store.h says what a group is).
//
// Triggers put the key of every group a write touches in `conflict_dirty`,
// inside that write's transaction. A refresh takes the dirty keys in
// batches, adds the attribution groups of the close variants of the quotes
// that changed (their approximate candidates, whose groups include them),
// recomputes each group with the finder, replaces the group's rows in
// `conflicts` and clears the keys, in one transaction per batch. A failed
// or interrupted refresh leaves the keys dirty for the next one, so the
// kept listing never depends on it.
//
// Rows (schema v9) hold the ids of the conflict's two sides (quotes, or
// claims for numeric conflicts) and the finder's payload without them;
// ListConflicts reads the sides' rows back with their articles, so a row
// is a few hundred bytes instead of the whole v1::Conflict (~4.7 KB).
//
// When: by default on ConflictLoop's thread, after the write is
// acknowledged, in turns that each hold write_mu_ and end (committing what
// they did) after kTurnBudgetMs or as soon as a write waits; a turn starts
// only when no write waits. A group dirtied by many commits while it waits
// is recomputed once. A commit that leaves more than
// max_conflict_backlog_ keys refreshes inline until it does not
// (backpressure), so the lag stays bounded. Inline mode (PostgresStore's
// replica) refreshes after each commit, in batches of kDirtyBatch.
//
// Cost per group: an attribution group reads at most kMaxHashQuotes quotes
// of its hash and kVariantHashes candidate hashes (kMaxVariantQuotes quotes
// each) from the memory index; a numeric group reads the claims of one
// story (at most kMaxStoryClaims rows). ListConflicts walks the listing
// index from the page token, at most kMaxScanRows rows per call.
#include <algorithm>
#include <cstdint>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "server/extract/normalize.h"
#include "server/store/page_token.h"
#include "server/store/sqlite_rows.h"
#include "server/store/sqlite_store_impl.h"

namespace claimcheck::store {
namespace {

// Keys per refresh transaction. An ingest batch of 256 real articles
// dirties ~4,000 keys: taken in one or two transactions (one commit and
// fsync each), and a variant group shared by several keys of the batch is
// recomputed once, not once per 256 keys.
constexpr int kDirtyBatch = 2048;
// Pause after a failed background turn.
constexpr int kRetryMs = 200;
// A background turn takes no new key after this long, nor once a write
// waits (it holds write_mu_).
constexpr int kTurnBudgetMs = 500;
// How often a background turn that yields to writes looks again.
constexpr int kYieldMs = 2;
constexpr size_t kMaxHashQuotes = 256;
constexpr size_t kVariantHashes = 8;
constexpr size_t kMaxVariantQuotes = 16;
constexpr int kMaxStoryClaims = 20000;
constexpr int kMaxScanRows = 2000;

std::string HashKey(uint64_t hash) {
  return absl::StrCat("a", static_cast<int64_t>(hash));
}

// Earliest article first (undated first, as SQL orders ''), then quote id.
void SortGroup(std::vector<QuoteRecord>* quotes) {
  std::sort(quotes->begin(), quotes->end(),
            [](const QuoteRecord& x, const QuoteRecord& y) {
              if (x.evidence.published_date != y.evidence.published_date) {
                return x.evidence.published_date < y.evidence.published_date;
              }
              return x.id < y.id;
            });
}

bool SideMatches(absl::string_view outlet, absl::string_view date,
                 const ConflictQuery& q) {
  if (!q.outlet.empty() && outlet != q.outlet) return false;
  if (!q.from_date.empty() && (date.empty() || date < q.from_date)) {
    return false;
  }
  if (!q.to_date.empty() && (date.empty() || date > q.to_date)) return false;
  return true;
}

// A digest of a kept row's columns (all but its key and the digest), to
// tell whether a recomputed conflict would change the row: FNV-1a 64 of
// the columns joined by \x1f, never 0 (0 marks a row migrated from an
// older schema). Stored, so it must not change between builds (v9 added
// the side ids: a v8 digest matches none).
int64_t RowDigest(const ConflictRecord& c) {
  const std::string image =
      absl::StrCat(c.kind, "\x1f", c.sort_date, "\x1f", c.outlet_a, "\x1f",
                   c.date_a, "\x1f", c.outlet_b, "\x1f", c.date_b, "\x1f",
                   c.side_a, "\x1f", c.side_b, "\x1f", c.payload);
  uint64_t h = 1469598103934665603ULL;
  for (unsigned char ch : image) h = (h ^ ch) * 1099511628211ULL;
  return h == 0 ? 1 : static_cast<int64_t>(h);
}

}  // namespace

void SqliteStore::SetConflictFinder(ConflictFinder finder) {
  {
    absl::MutexLock lock(&write_mu_);
    conflict_finder_ = std::move(finder);
    if (!conflicts_in_background_) {
      // Groups left dirty (a migration, a failed refresh) are computed now,
      // without events: they are not news to anyone watching from now on.
      RefreshConflictsLocked(/*events=*/false, kDirtyBatch).IgnoreError();
      return;
    }
  }
  // Background: keys left by the last run (writes acknowledged before a
  // crash or a stop) are taken like any others, with their events; until
  // then the store has not caught up.
  absl::MutexLock lock(&conflict_mu_);
  conflicts_caught_up_ = -1;
  conflict_wake_ = true;
}

const std::vector<uint64_t>& SqliteStore::VariantHashesLocked(
    const std::string& norm, VariantMemo* memo) {
  auto [it, inserted] = memo->try_emplace(norm);
  if (inserted) {
    for (const MemoryIndex::Hit& hit :
         index_->Candidates(norm, kVariantHashes)) {
      it->second.push_back(index_->MatchHash(hit));
    }
  }
  return it->second;
}

absl::Status SqliteStore::RefreshConflictsLocked(bool events, int max_keys) {
  while (true) {
    CC_ASSIGN_OR_RETURN(
        const bool done,
        RefreshConflictBatchLocked(events, max_keys, absl::InfiniteFuture()));
    if (done) return absl::OkStatus();
  }
}

absl::StatusOr<bool> SqliteStore::RefreshConflictBatchLocked(
    bool events, int max_keys, absl::Time budget) {
  if (!conflict_finder_) {
    MarkConflictsCaughtUpLocked();  // nothing is kept, so nothing trails
    return true;
  }
  SqliteConnection* db = writer_.get();
  VariantMemo memo;  // one batch's: bounded by its keys
  CC_ASSIGN_OR_RETURN(Transaction txn,
                      Transaction::Begin(db, "BEGIN IMMEDIATE"));
  std::vector<std::pair<std::string, std::string>> dirty;  // key, text
  {
    CC_ASSIGN_OR_RETURN(Stmt stmt,
                        db->Prepare("SELECT key, text FROM conflict_dirty"
                                    " ORDER BY key LIMIT ?1"));
    stmt.Bind(1, max_keys);
    while (true) {
      CC_ASSIGN_OR_RETURN(bool row, stmt.Step());
      if (!row) break;
      dirty.emplace_back(stmt.Text(0), stmt.Text(1));
    }
  }
  if (dirty.empty()) {
    MarkConflictsCaughtUpLocked();
    return true;
  }
  CC_ASSIGN_OR_RETURN(Stmt del,
                      db->Prepare("DELETE FROM conflict_dirty WHERE key = ?1"));
  absl::flat_hash_set<std::string> done;  // a group shared by keys: once
  for (const auto& [key, text] : dirty) {
    // The key's group and those of its close variants, in a fixed order.
    std::set<std::string> keys{key};
    std::vector<std::string> texts;
    if (!text.empty()) texts.push_back(text);
    AddVariantGroupsLocked({key}, &texts, &keys, &memo);
    for (const std::string& group : keys) {
      if (closing_.load()) return absl::CancelledError("store is closing");
      if (!done.insert(group).second) continue;
      CC_RETURN_IF_ERROR(RecomputeConflictGroupLocked(group, events, &memo));
    }
    del.Reset();
    CC_RETURN_IF_ERROR(del.Bind(1, key).Run());
    // The rest in the next batch: after the budget, or as soon as a write
    // waits for write_mu_ (so an ack waits for one group at most).
    if (absl::Now() >= budget || writes_waiting_.load() > 0) break;
  }
  CC_RETURN_IF_ERROR(txn.Commit());
  return false;
}

void SqliteStore::AddVariantGroupsLocked(const std::vector<std::string>& dirty,
                                         std::vector<std::string>* texts,
                                         std::set<std::string>* keys,
                                         VariantMemo* memo) {
  // The groups of a changed quote's close variants include it.
  absl::ReaderMutexLock index_lock(&index_mu_);
  for (const std::string& key : dirty) {
    int64_t hash = 0;
    if (key[0] != 'a' ||
        !absl::SimpleAtoi(absl::string_view(key).substr(1), &hash)) {
      continue;
    }
    for (const MemoryIndex::Hit& hit :
         index_->QuotesByHash(static_cast<uint64_t>(hash), 1)) {
      texts->push_back(
          extract::NormalizeForMatch(index_->Record(hit).quote.text));
    }
  }
  for (const std::string& text : *texts) {
    for (uint64_t h : VariantHashesLocked(text, memo)) {
      keys->insert(HashKey(h));
    }
  }
}

absl::StatusOr<int64_t> SqliteStore::CountDirtyKeys(SqliteConnection* db,
                                                    int64_t cap) {
  CC_ASSIGN_OR_RETURN(Stmt stmt,
                      db->Prepare("SELECT count(*) FROM (SELECT 1 FROM"
                                  " conflict_dirty LIMIT ?1)"));
  stmt.Bind(1, cap);
  CC_ASSIGN_OR_RETURN(bool row, stmt.Step());
  return row ? stmt.Int64(0) : 0;
}

void SqliteStore::AfterCommitConflictsLocked() {
  if (!conflicts_in_background_) {
    // The write is durable already; a failed refresh leaves its groups
    // dirty for the next one.
    RefreshConflictsLocked(/*events=*/true, kDirtyBatch).IgnoreError();
    return;
  }
  if (conflict_finder_) {
    // Backpressure: the lag stays bounded when ingest outruns the loop.
    while (true) {
      absl::StatusOr<int64_t> backlog =
          CountDirtyKeys(writer_.get(), max_conflict_backlog_ + 1);
      if (!backlog.ok() || *backlog <= max_conflict_backlog_) break;
      absl::StatusOr<bool> done = RefreshConflictBatchLocked(
          /*events=*/true, kDirtyBatch, absl::InfiniteFuture());
      if (!done.ok() || *done) break;
    }
  }
  WakeConflictLoop();
}

void SqliteStore::MarkConflictsCaughtUpLocked() {
  // write_mu_ is held: no commit can come in between the last dirty key
  // taken and the generation read here.
  const int64_t generation = static_cast<int64_t>(data_generation_.load());
  absl::MutexLock lock(&conflict_mu_);
  conflicts_caught_up_ = std::max(conflicts_caught_up_, generation);
}

void SqliteStore::WakeConflictLoop() {
  absl::MutexLock lock(&conflict_mu_);
  conflict_wake_ = true;
}

void SqliteStore::ConflictLoop() {
  while (true) {
    {
      absl::MutexLock lock(&conflict_mu_);
      conflict_mu_.Await(absl::Condition(
          +[](SqliteStore* s) {
            s->conflict_mu_.AssertHeld();
            return s->conflict_wake_ || s->conflict_stop_;
          },
          this));
      if (conflict_stop_) return;
      conflict_wake_ = false;
    }
    do {
      if (closing_.load()) return;
      YieldToWriters();
    } while (!ConflictLoopTurn());
  }
}

bool SqliteStore::ConflictLoopTurn() {
  int64_t newest_event = 0;
  absl::StatusOr<bool> done = true;
  {
    absl::MutexLock lock(&write_mu_);
    TakeCommittedEventsLocked(/*committed=*/false);
    done = RefreshConflictBatchLocked(
        /*events=*/true, kDirtyBatch,
        absl::Now() + absl::Milliseconds(kTurnBudgetMs));
    newest_event = TakeCommittedEventsLocked(/*committed=*/done.ok());
  }
  if (newest_event > 0) NotifyEvents(newest_event);
  if (done.ok()) return *done;
  // A failed batch leaves its keys dirty: try again a little later (or at
  // the next commit's wake-up), not in a hot loop.
  absl::MutexLock lock(&conflict_mu_);
  conflict_mu_.AwaitWithTimeout(absl::Condition(&conflict_stop_),
                                absl::Milliseconds(kRetryMs));
  conflict_wake_ = true;
  return true;
}

void SqliteStore::YieldToWriters() {
  // Writes first: a turn starts only when no write waits for write_mu_
  // (backpressure in AfterCommitConflictsLocked bounds the backlog), so an
  // ack waits for at most the turn in progress. Re-checked every
  // kYieldMs, as a write's arrival does not take conflict_mu_.
  absl::MutexLock lock(&conflict_mu_);
  while (writes_waiting_.load() > 0 && !conflict_stop_) {
    conflict_mu_.AwaitWithTimeout(absl::Condition(&conflict_stop_),
                                  absl::Milliseconds(kYieldMs));
  }
}

bool SqliteStore::WaitForConflicts(uint64_t generation,
                                   absl::Duration timeout) {
  if (!conflicts_in_background_) return true;
  const int64_t target = static_cast<int64_t>(generation);
  std::pair<SqliteStore*, int64_t> arg(this, target);
  absl::MutexLock lock(&conflict_mu_);
  return conflict_mu_.AwaitWithTimeout(
      absl::Condition(
          +[](std::pair<SqliteStore*, int64_t>* a) {
            a->first->conflict_mu_.AssertHeld();
            return a->first->conflicts_caught_up_ >= a->second;
          },
          &arg),
      timeout);
}

absl::StatusOr<ConflictGroup> SqliteStore::ReadConflictGroupLocked(
    const std::string& key, VariantMemo* memo) {
  ConflictGroup group;
  group.key = key;
  if (key.empty()) return group;
  if (key[0] == 'a') {
    int64_t signed_hash = 0;
    if (!absl::SimpleAtoi(absl::string_view(key).substr(1), &signed_hash)) {
      return group;
    }
    const uint64_t hash = static_cast<uint64_t>(signed_hash);
    absl::ReaderMutexLock index_lock(&index_mu_);
    // Attributed hits first (ordinals, no copies): a group of one speaker
    // record cannot conflict and costs nothing more.
    std::vector<MemoryIndex::Hit> hits;
    absl::flat_hash_set<uint32_t> have;
    const MemoryIndex& index = *index_;  // the lambda runs under index_lock
    auto add = [&](const std::vector<MemoryIndex::Hit>& from) {
      for (const MemoryIndex::Hit& hit : from) {
        if (index.SpeakerOf(hit) != MemoryIndex::kNoSpeaker &&
            have.insert(hit.quote).second) {
          hits.push_back(hit);
        }
      }
    };
    add(index_->QuotesByHash(hash, kMaxHashQuotes));
    if (hits.empty()) return group;
    // Close variants: the hash groups of the first quote's candidates.
    const std::string norm =
        extract::NormalizeForMatch(index_->Record(hits[0]).quote.text);
    absl::flat_hash_set<uint64_t> hashes{hash};
    for (uint64_t h : VariantHashesLocked(norm, memo)) {
      if (hashes.insert(h).second) {
        add(index_->QuotesByHash(h, kMaxVariantQuotes));
      }
    }
    absl::flat_hash_set<uint32_t> speakers;
    for (const MemoryIndex::Hit& hit : hits) {
      speakers.insert(index_->SpeakerOf(hit));
    }
    if (speakers.size() < 2) return group;
    group.quotes.reserve(hits.size());
    for (const MemoryIndex::Hit& hit : hits) {
      group.quotes.push_back(index_->Record(hit));
    }
    SortGroup(&group.quotes);
    return group;
  }
  if (key[0] != 'n') return group;
  group.story_id = key.substr(1);
  SqliteConnection* db = writer_.get();
  CC_ASSIGN_OR_RETURN(
      Stmt stmt,
      db->Prepare("SELECT " CC_CLAIM_COLUMNS
                  " FROM story_members m JOIN claims c"
                  " ON c.article_id = m.article_id"
                  " JOIN articles a ON a.id = c.article_id"
                  " WHERE m.story_id = ?1 AND c.unit_key <> ''"
                  " ORDER BY c.unit_key, a.published_date, c.id LIMIT ?2"));
  stmt.Bind(1, group.story_id).Bind(2, kMaxStoryClaims);
  std::vector<ClaimRecord> unit;
  absl::flat_hash_set<std::string> articles;
  auto flush = [&] {
    if (articles.size() > 1) group.claim_groups.push_back(std::move(unit));
    unit.clear();
    articles.clear();
  };
  while (true) {
    CC_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) break;
    ClaimRecord rec = ReadClaimRow(stmt);
    if (!unit.empty() &&
        unit.front().quantity.unit_key != rec.quantity.unit_key) {
      flush();
    }
    articles.insert(rec.evidence.article_id);
    unit.push_back(std::move(rec));
  }
  flush();
  return group;
}

absl::StatusOr<absl::flat_hash_map<std::string, int64_t>>
SqliteStore::KeptConflictsLocked(const std::string& key) {
  // Not the payload: the digest sits before it in the row, so its overflow
  // pages are not read.
  CC_ASSIGN_OR_RETURN(Stmt stmt,
                      writer_->Prepare("SELECT id, digest FROM conflicts"
                                       " WHERE group_key = ?1"));
  stmt.Bind(1, key);
  absl::flat_hash_map<std::string, int64_t> kept;
  while (true) {
    CC_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) return kept;
    kept.emplace(stmt.Text(0), stmt.Int64(1));
  }
}

absl::Status SqliteStore::RecomputeConflictGroupLocked(const std::string& key,
                                                       bool events,
                                                       VariantMemo* memo) {
  SqliteConnection* db = writer_.get();
  // Rows are rewritten only where they changed: a group is recomputed each
  // time a quote joins it or one of its variants, and most of its conflicts
  // (a few KB each) come out the same.
  CC_ASSIGN_OR_RETURN(auto kept, KeptConflictsLocked(key));
  CC_ASSIGN_OR_RETURN(const ConflictGroup group,
                      ReadConflictGroupLocked(key, memo));
  std::vector<ConflictRecord> found;
  if (group.quotes.size() >= 2 || !group.claim_groups.empty()) {
    found = conflict_finder_(group);
  }
  CC_ASSIGN_OR_RETURN(
      Stmt ins,
      db->Prepare("INSERT OR REPLACE INTO conflicts(group_key, id, kind,"
                  " sort_date, outlet_a, date_a, outlet_b, date_b, payload,"
                  " digest, side_a, side_b) VALUES (?1, ?2, ?3, ?4, ?5, ?6,"
                  " ?7, ?8, ?9, ?10, ?11, ?12)"));
  for (const ConflictRecord& c : found) {
    const int64_t digest = RowDigest(c);
    auto old = kept.find(c.id);
    const bool is_new = old == kept.end();
    if (!is_new) {
      const bool same = old->second == digest;
      kept.erase(old);  // found again: stays
      if (same) continue;
    }
    ins.Reset();
    ins.Bind(1, key)
        .Bind(2, c.id)
        .Bind(3, c.kind)
        .Bind(4, c.sort_date)
        .Bind(5, c.outlet_a)
        .Bind(6, c.date_a)
        .Bind(7, c.outlet_b)
        .Bind(8, c.date_b)
        .BindBlob(9, c.payload)
        .Bind(10, digest)
        .Bind(11, c.side_a)
        .Bind(12, c.side_b);
    CC_RETURN_IF_ERROR(ins.Run());
    if (!events || !is_new) continue;
    WatchEventRecord event;
    event.kind = WatchEventKind::kConflict;
    event.occurrence = c.later;
    event.summary = c.summary;
    event.created_unix_ms = NowMs();
    CC_RETURN_IF_ERROR(AppendEventLocked(&event, /*by_ref=*/true));
  }
  // Kept before, not found now.
  CC_ASSIGN_OR_RETURN(Stmt del,
                      db->Prepare("DELETE FROM conflicts WHERE group_key = ?1"
                                  " AND id = ?2"));
  for (const auto& [id, image] : kept) {
    del.Reset();
    CC_RETURN_IF_ERROR(del.Bind(1, key).Bind(2, id).Run());
  }
  return absl::OkStatus();
}

absl::StatusOr<ConflictPage> SqliteStore::ListConflicts(
    const ConflictQuery& query) {
  if (query.kind < 0 || query.kind > 2) {
    return absl::InvalidArgumentError("kind must be 0, 1 or 2");
  }
  const int limit = std::clamp(query.limit, 1, kMaxListLimit);
  const uint64_t fingerprint =
      QueryFingerprint({"conflicts", absl::StrCat(query.kind), query.outlet,
                        query.from_date, query.to_date});
  std::optional<PageCursor> after;
  if (!query.page_token.empty()) {
    CC_ASSIGN_OR_RETURN(
        after, DecodePageToken(token_secret_, PageKind::kConflicts, fingerprint,
                               query.page_token));
  }
  ReaderLease db(this, AcquireReader());
  CC_ASSIGN_OR_RETURN(Transaction txn, Transaction::Begin(db.get(), "BEGIN"));
  const std::string kind_where =
      query.kind != 0 ? absl::StrCat("kind = ", query.kind, " AND ") : "";
  constexpr const char* kColumns =
      "SELECT id, kind, sort_date, outlet_a, date_a, outlet_b, date_b,"
      " payload, side_a, side_b FROM conflicts WHERE ";
  // Two index ranges from the cursor: the rest of its date, then older.
  std::vector<std::string> sqls;
  if (after) {
    sqls.push_back(absl::StrCat(kColumns, kind_where,
                                "sort_date = ?1 AND id > ?2"
                                " ORDER BY id, group_key LIMIT ?3"));
    sqls.push_back(absl::StrCat(kColumns, kind_where,
                                "sort_date < ?1"
                                " ORDER BY sort_date DESC, id, group_key"
                                " LIMIT ?3"));
  } else {
    sqls.push_back(absl::StrCat(kColumns, kind_where,
                                "1 ORDER BY sort_date DESC, id, group_key"
                                " LIMIT ?3"));
  }
  // The sides' rows (schema v9): quotes for attribution conflicts, claims
  // for numeric ones.
  CC_ASSIGN_OR_RETURN(
      Stmt quote_row,
      db->Prepare("SELECT " CC_QUOTE_COLUMNS " FROM quotes q JOIN articles a"
                  " ON a.id = q.article_id WHERE q.id = ?1"));
  CC_ASSIGN_OR_RETURN(
      Stmt claim_row,
      db->Prepare("SELECT " CC_CLAIM_COLUMNS " FROM claims c JOIN articles a"
                  " ON a.id = c.article_id WHERE c.id = ?1"));
  // False when the side's row is gone: its group is dirty (the delete's
  // trigger), and its next recompute drops the conflict.
  auto read_side = [&](const std::string& side_id, int kind, QuoteRecord* quote,
                       ClaimRecord* claim) -> absl::StatusOr<bool> {
    Stmt& stmt = kind == 2 ? claim_row : quote_row;
    stmt.Reset();
    stmt.Bind(1, side_id);
    CC_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) return false;
    if (kind == 2) {
      *claim = ReadClaimRow(stmt);
    } else {
      *quote = ReadQuoteRow(stmt);
    }
    return true;
  };
  ConflictPage page;
  int scanned = 0;
  std::string last_date, last_id;
  bool more = false;
  for (const std::string& sql : sqls) {
    CC_ASSIGN_OR_RETURN(Stmt stmt, db->Prepare(sql.c_str()));
    if (after) stmt.Bind(1, after->key).Bind(2, after->id);
    stmt.Bind(3, kMaxScanRows + 1);
    while (!more) {
      CC_ASSIGN_OR_RETURN(bool row, stmt.Step());
      if (!row) break;
      const absl::string_view id = stmt.TextView(0);
      if (scanned > 0 && id == last_id) continue;  // one pair, two groups
      if (static_cast<int>(page.conflicts.size()) == limit ||
          scanned == kMaxScanRows) {
        more = true;
        break;
      }
      ++scanned;
      last_id = std::string(id);
      last_date = stmt.Text(2);
      if (!SideMatches(stmt.TextView(3), stmt.TextView(4), query) &&
          !SideMatches(stmt.TextView(5), stmt.TextView(6), query)) {
        continue;
      }
      ConflictRecord c;
      c.id = last_id;
      c.kind = stmt.Int(1);
      c.sort_date = last_date;
      c.outlet_a = stmt.Text(3);
      c.date_a = stmt.Text(4);
      c.outlet_b = stmt.Text(5);
      c.date_b = stmt.Text(6);
      c.payload = std::string(stmt.BlobView(7));
      c.side_a = stmt.Text(8);
      c.side_b = stmt.Text(9);
      if (!c.side_a.empty()) {
        CC_ASSIGN_OR_RETURN(
            const bool have_a,
            read_side(c.side_a, c.kind, &c.quote_a, &c.claim_a));
        CC_ASSIGN_OR_RETURN(
            const bool have_b,
            read_side(c.side_b, c.kind, &c.quote_b, &c.claim_b));
        if (!have_a || !have_b) continue;
      }
      page.conflicts.push_back(std::move(c));
    }
    if (more) break;
  }
  CC_ASSIGN_OR_RETURN(page.pending_groups,
                      CountDirtyKeys(db.get(), kMaxCountedPendingGroups));
  if (more) {
    page.next_page_token =
        EncodePageToken(token_secret_, PageKind::kConflicts, fingerprint,
                        PageCursor{last_date, last_id, 0});
  }
  return page;
}

}  // namespace claimcheck::store
