// SqliteStore: speaker identity across articles - merges of spelling
// variants into one speaker record, recorded in `speaker_merges` (schema v2),
// listable and undoable.
//
// A merge points the quotes of `from` at `into` and removes the `from`
// speaker row (its values stay in the merge row, so it can be undone). The
// quotes keep the name their article gave (quotes.speaker), so undoing needs
// no other record: quotes whose own name keys to the merged-away speaker go
// back to it. Articles ingested later under a merged-away spelling are
// redirected by ReconcileSpeakersLocked, which PutArticles calls inside its
// transaction; the same hook merges new variants that the merge rule (set
// by the server: verify::SpeakerMergeEvidence) finds evidence for.
#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "server/extract/normalize.h"
#include "server/store/page_token.h"
#include "server/store/sqlite_rows.h"
#include "server/store/sqlite_store_impl.h"

namespace claimcheck::store {
namespace {

// Chains of merges longer than this are cut (they cannot arise from the
// rule, which only merges live speakers; this guards a damaged database).
constexpr int kMaxMergeChain = 32;

std::string MergeId(int64_t seq) { return absl::StrCat("m_", seq); }

absl::StatusOr<int64_t> ParseMergeId(absl::string_view id) {
  int64_t seq = 0;
  if (!absl::ConsumePrefix(&id, "m_") || !absl::SimpleAtoi(id, &seq) ||
      seq <= 0) {
    return absl::NotFoundError(
        absl::StrCat("speaker merge '", id, "' not found"));
  }
  return seq;
}

constexpr const char kMergeColumns[] =
    "m.seq, m.from_id, m.from_name, m.into_id, m.into_name, m.reason,"
    " m.created_ms, m.undone_ms";

SpeakerMergeRecord ReadMergeRow(const Stmt& row) {
  SpeakerMergeRecord r;
  r.id = MergeId(row.Int64(0));
  r.from_id = row.Text(1);
  r.from_name = row.Text(2);
  r.into_id = row.Text(3);
  r.into_name = row.Text(4);
  r.reason = row.Text(5);
  r.created_unix_ms = row.Int64(6);
  r.undone_unix_ms = row.Int64(7);
  return r;
}

}  // namespace

void SqliteStore::InvalidateCachesLocked() {
  caches_valid_ = false;
  known_speakers_.clear();
  speaker_names_.Clear();
  merged_away_.clear();
  profiles_.Clear();
}

absl::Status SqliteStore::EnsureCachesLocked() {
  if (caches_valid_) return absl::OkStatus();
  InvalidateCachesLocked();
  CC_ASSIGN_OR_RETURN(Transaction txn,
                      Transaction::Begin(writer_.get(), "BEGIN"));
  {
    CC_ASSIGN_OR_RETURN(Stmt stmt,
                        writer_->Prepare("SELECT id, key FROM speakers"));
    while (true) {
      CC_ASSIGN_OR_RETURN(bool row, stmt.Step());
      if (!row) break;
      speaker_names_.Load(stmt.Text(0), stmt.Text(1));
    }
  }
  {
    CC_ASSIGN_OR_RETURN(
        Stmt stmt, writer_->Prepare("SELECT DISTINCT from_id FROM"
                                    " speaker_merges WHERE undone_ms = 0"));
    CC_ASSIGN_OR_RETURN(std::vector<std::string> ids, ReadTextColumn(stmt));
    merged_away_.insert(ids.begin(), ids.end());
  }
  CC_RETURN_IF_ERROR(txn.Commit());
  caches_valid_ = true;
  return absl::OkStatus();
}

absl::StatusOr<std::string> SqliteStore::FollowMergesLocked(
    const std::string& id) {
  std::string at = id;
  CC_ASSIGN_OR_RETURN(Stmt next,
                      writer_->Prepare("SELECT into_id FROM speaker_merges"
                                       " WHERE from_id = ?1 AND undone_ms = 0"
                                       " ORDER BY seq DESC LIMIT 1"));
  for (int i = 0; i < kMaxMergeChain; ++i) {
    next.Reset();
    next.Bind(1, at);
    CC_ASSIGN_OR_RETURN(bool row, next.Step());
    if (!row) break;
    at = next.Text(0);
  }
  return at;
}

absl::StatusOr<KeptProfile> SqliteStore::KeptProfileFromRowsLocked(
    const std::string& id) {
  SqliteConnection* db = writer_.get();
  KeptProfile kept;
  {
    CC_ASSIGN_OR_RETURN(
        Stmt stmt,
        db->Prepare("SELECT o.speaker_id, count(DISTINCT o.article_id)"
                    " FROM quotes q JOIN quotes o ON o.article_id ="
                    " q.article_id WHERE q.speaker_id = ?1 AND o.speaker_id"
                    " IS NOT NULL AND o.speaker_id <> ?1"
                    " GROUP BY o.speaker_id"));
    stmt.Bind(1, id);
    while (true) {
      CC_ASSIGN_OR_RETURN(bool row, stmt.Step());
      if (!row) break;
      kept.co_articles[stmt.Text(0)] = stmt.Int(1);
    }
  }
  {
    CC_ASSIGN_OR_RETURN(Stmt stmt, db->Prepare("SELECT match_hash FROM quotes"
                                               " WHERE speaker_id = ?1"));
    stmt.Bind(1, id);
    while (true) {
      CC_ASSIGN_OR_RETURN(bool row, stmt.Step());
      if (!row) break;
      ++kept.quote_count;
      kept.quote_hashes.push_back(static_cast<uint64_t>(stmt.Int64(0)));
    }
    std::sort(kept.quote_hashes.begin(), kept.quote_hashes.end());
    kept.quote_hashes.erase(
        std::unique(kept.quote_hashes.begin(), kept.quote_hashes.end()),
        kept.quote_hashes.end());
  }
  return kept;
}

absl::StatusOr<SpeakerProfile> SqliteStore::LoadProfileLocked(
    const std::string& id, bool from_rows) {
  SqliteConnection* db = writer_.get();
  SpeakerProfile p;
  {
    CC_ASSIGN_OR_RETURN(
        Stmt stmt,
        db->Prepare("SELECT name, kind FROM speakers s WHERE id = ?1"));
    stmt.Bind(1, id);
    CC_ASSIGN_OR_RETURN(bool found, stmt.Step());
    if (!found) {
      return absl::NotFoundError(absl::StrCat("speaker '", id, "' not found"));
    }
    p.id = id;
    p.name = stmt.Text(0);
    p.kind = SpeakerKindFromInt(stmt.Int64(1));
  }
  {
    CC_ASSIGN_OR_RETURN(
        Stmt stmt,
        db->Prepare("SELECT role FROM speaker_roles WHERE speaker_id = ?1"));
    stmt.Bind(1, id);
    CC_ASSIGN_OR_RETURN(p.roles, ReadTextColumn(stmt));
  }
  KeptProfile rebuilt;
  const KeptProfile* kept = from_rows ? nullptr : profiles_.Find(id);
  if (kept == nullptr) {
    CC_ASSIGN_OR_RETURN(rebuilt, KeptProfileFromRowsLocked(id));
    if (!from_rows) {
      profiles_.Put(id, std::move(rebuilt));
      kept = profiles_.Find(id);
    } else {
      kept = &rebuilt;
    }
  }
  p.quote_count = kept->quote_count;
  p.quote_hashes = kept->quote_hashes;
  p.co_speakers = TopCoSpeakers(*kept);
  return p;
}

absl::StatusOr<SpeakerProfile> SqliteStore::SpeakerProfileForTesting(
    absl::string_view id, bool from_rows) {
  absl::MutexLock lock(&write_mu_);
  return LoadProfileLocked(std::string(id), from_rows);
}

void SqliteStore::AddToProfilesLocked(
    const std::vector<std::pair<std::string, std::string>>& quote_speakers,
    const std::vector<uint64_t>& quote_hashes,
    const absl::flat_hash_map<std::pair<std::string, std::string>, std::string>&
        redirected) {
  std::vector<StoredQuote> article;
  for (size_t i = 0; i <= quote_speakers.size(); ++i) {
    if (i == quote_speakers.size() ||
        (i > 0 && quote_speakers[i].first != quote_speakers[i - 1].first)) {
      profiles_.AddArticle(article);
      article.clear();
    }
    if (i == quote_speakers.size()) break;
    const auto moved = redirected.find(quote_speakers[i]);
    article.push_back(StoredQuote{
        moved == redirected.end() ? quote_speakers[i].second : moved->second,
        quote_hashes[i]});
  }
}

absl::Status SqliteStore::AddAliasLocked(const std::string& speaker_id,
                                         absl::string_view alias) {
  CC_ASSIGN_OR_RETURN(
      Stmt insert,
      writer_->Prepare("INSERT OR IGNORE INTO speaker_aliases(speaker_id,"
                       " alias, alias_lower) VALUES (?1, ?2, ?3)"));
  insert.Bind(1, speaker_id).Bind(2, alias).Bind(3, LowerAscii(alias));
  return insert.Run();
}

absl::Status SqliteStore::AddMergedAliasesLocked(const std::string& into_id) {
  CC_ASSIGN_OR_RETURN(
      Stmt names,
      writer_->Prepare(
          "WITH RECURSIVE m(id) AS (SELECT ?1 UNION SELECT sm.from_id FROM"
          " speaker_merges sm JOIN m ON sm.into_id = m.id"
          " WHERE sm.undone_ms = 0)"
          " SELECT DISTINCT from_name FROM speaker_merges"
          " WHERE undone_ms = 0 AND into_id IN (SELECT id FROM m)"));
  names.Bind(1, into_id);
  CC_ASSIGN_OR_RETURN(std::vector<std::string> aliases, ReadTextColumn(names));
  for (const std::string& alias : aliases) {
    CC_RETURN_IF_ERROR(AddAliasLocked(into_id, alias));
  }
  return absl::OkStatus();
}

absl::StatusOr<SpeakerMergeRecord> SqliteStore::MergeSpeakersLocked(
    const std::string& from_id, const std::string& into_id,
    const std::string& reason, int64_t now_ms) {
  if (from_id == into_id) {
    return absl::InvalidArgumentError("cannot merge a speaker into itself");
  }
  SqliteConnection* db = writer_.get();
  std::string from_key, from_name, into_name;
  int64_t from_kind = 0;
  {
    CC_ASSIGN_OR_RETURN(
        Stmt stmt,
        db->Prepare("SELECT key, name, kind FROM speakers WHERE id = ?1"));
    stmt.Bind(1, from_id);
    CC_ASSIGN_OR_RETURN(bool found, stmt.Step());
    if (!found) {
      return absl::NotFoundError(
          absl::StrCat("speaker '", from_id, "' not found"));
    }
    from_key = stmt.Text(0);
    from_name = stmt.Text(1);
    from_kind = stmt.Int64(2);
  }
  {
    CC_ASSIGN_OR_RETURN(Stmt stmt,
                        db->Prepare("SELECT name FROM speakers WHERE id = ?1"));
    stmt.Bind(1, into_id);
    CC_ASSIGN_OR_RETURN(bool found, stmt.Step());
    if (!found) {
      return absl::NotFoundError(
          absl::StrCat("speaker '", into_id, "' not found"));
    }
    into_name = stmt.Text(0);
  }
  SpeakerMergeRecord rec;
  {
    CC_ASSIGN_OR_RETURN(
        Stmt insert,
        db->Prepare("INSERT INTO speaker_merges(from_id, from_key, from_name,"
                    " from_kind, into_id, into_name, reason, created_ms)"
                    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"));
    insert.Bind(1, from_id)
        .Bind(2, from_key)
        .Bind(3, from_name)
        .Bind(4, from_kind)
        .Bind(5, into_id)
        .Bind(6, into_name)
        .Bind(7, reason)
        .Bind(8, now_ms);
    CC_RETURN_IF_ERROR(insert.Run());
    CC_ASSIGN_OR_RETURN(const int64_t seq,
                        db->QueryInt("SELECT last_insert_rowid()"));
    rec.id = MergeId(seq);
  }
  {
    CC_ASSIGN_OR_RETURN(
        Stmt stmt,
        db->Prepare("UPDATE quotes SET speaker_id = ?2 WHERE speaker_id = ?1"));
    CC_RETURN_IF_ERROR(stmt.Bind(1, from_id).Bind(2, into_id).Run());
    index_speakers_.push_back(from_id);
    index_speakers_.push_back(into_id);
  }
  known_speakers_.erase(from_id);
  merged_away_.insert(from_id);
  // Every profile listing `from_id` as a co-speaker changes: rebuild lazily.
  profiles_.Clear();
  for (const char* sql : {"DELETE FROM speaker_aliases WHERE speaker_id = ?1",
                          "DELETE FROM speaker_roles WHERE speaker_id = ?1",
                          "DELETE FROM speakers WHERE id = ?1"}) {
    CC_ASSIGN_OR_RETURN(Stmt stmt, db->Prepare(sql));
    CC_RETURN_IF_ERROR(stmt.Bind(1, from_id).Run());
  }
  CC_RETURN_IF_ERROR(RebuildSpeakersLocked({into_id}));
  CC_RETURN_IF_ERROR(AddMergedAliasesLocked(into_id));
  rec.from_id = from_id;
  rec.from_name = from_name;
  rec.into_id = into_id;
  rec.into_name = into_name;
  rec.reason = reason;
  rec.created_unix_ms = now_ms;
  return rec;
}

absl::Status SqliteStore::ReconcileSpeakersLocked(
    const std::vector<std::pair<std::string, std::string>>& quote_speakers,
    const std::vector<uint64_t>& quote_hashes) {
  if (quote_speakers.empty()) return absl::OkStatus();
  const int64_t now_ms = NowMs();

  // Distinct (article, speaker) pairs, in write order.
  std::vector<std::pair<std::string, std::string>> pairs;
  {
    absl::flat_hash_set<std::pair<std::string, std::string>> seen;
    for (const auto& p : quote_speakers) {
      if (seen.insert(p).second) pairs.push_back(p);
    }
  }

  // 1. Quotes under a merged-away spelling go to the speaker kept.
  absl::flat_hash_map<std::pair<std::string, std::string>, std::string>
      redirected;
  if (!merged_away_.empty()) {
    CC_RETURN_IF_ERROR(RedirectMergedAwayLocked(&pairs, &redirected));
  }

  AddToProfilesLocked(quote_speakers, quote_hashes, redirected);

  // 2. New spelling variants, merged on the rule's evidence. Only pairs the
  // name index offers are looked at (see SpeakerMergeRule).
  if (!merge_rule_) return absl::OkStatus();
  absl::flat_hash_set<std::pair<std::string, std::string>> done;
  for (const auto& [article, id] : pairs) {
    if (!done.insert({article, id}).second) continue;
    CC_RETURN_IF_ERROR(MergeVariantsOfLocked(id, now_ms));
  }
  return absl::OkStatus();
}

absl::Status SqliteStore::RedirectMergedAwayLocked(
    std::vector<std::pair<std::string, std::string>>* pairs,
    absl::flat_hash_map<std::pair<std::string, std::string>, std::string>*
        redirected) {
  SqliteConnection* db = writer_.get();
  std::vector<std::string> touched;
  for (auto& [article, from] : *pairs) {
    if (!merged_away_.contains(from)) continue;
    CC_ASSIGN_OR_RETURN(const std::string into, FollowMergesLocked(from));
    if (into == from) continue;
    CC_ASSIGN_OR_RETURN(
        Stmt update, db->Prepare("UPDATE quotes SET speaker_id = ?3"
                                 " WHERE article_id = ?1 AND speaker_id = ?2"));
    update.Bind(1, article).Bind(2, from).Bind(3, into);
    CC_RETURN_IF_ERROR(update.Run());
    index_speakers_.push_back(from);
    index_speakers_.push_back(into);
    touched.push_back(from);
    touched.push_back(into);
    profiles_.Erase(from);
    (*redirected)[{article, from}] = into;
    from = into;  // step 2 looks at the speaker kept
  }
  if (!touched.empty()) {
    std::sort(touched.begin(), touched.end());
    touched.erase(std::unique(touched.begin(), touched.end()), touched.end());
    // Drops the re-created rows of merged-away spellings (no quotes left).
    CC_RETURN_IF_ERROR(RebuildSpeakersLocked(touched));
    for (const std::string& id : touched) {
      CC_RETURN_IF_ERROR(AddMergedAliasesLocked(id));
    }
  }
  return absl::OkStatus();
}

absl::Status SqliteStore::MergeVariantsOfLocked(const std::string& id,
                                                int64_t now_ms) {
  SqliteConnection* db = writer_.get();
  const std::vector<std::string> names = speaker_names_.Candidates(id);
  if (names.empty()) return absl::OkStatus();
  {
    CC_ASSIGN_OR_RETURN(Stmt stmt,
                        db->Prepare("SELECT kind FROM speakers WHERE id = ?1"));
    stmt.Bind(1, id);
    CC_ASSIGN_OR_RETURN(bool found, stmt.Step());
    if (!found) return absl::OkStatus();  // merged away earlier
    if (SpeakerKindFromInt(stmt.Int64(0)) ==
        extract::SpeakerKind::kOrganization) {
      return absl::OkStatus();
    }
  }
  // Live, non-organisation candidates not kept apart by an undone merge,
  // oldest record first.
  std::vector<std::pair<int64_t, std::string>> others;
  for (const std::string& other : names) {
    CC_ASSIGN_OR_RETURN(
        Stmt stmt,
        db->Prepare("SELECT rowid FROM speakers WHERE id = ?1 AND kind <> 2"
                    " AND NOT EXISTS (SELECT 1 FROM speaker_merges m"
                    " WHERE m.undone_ms <> 0 AND"
                    " ((m.from_id = ?2 AND m.into_id = ?1) OR"
                    " (m.into_id = ?2 AND m.from_id = ?1)))"));
    stmt.Bind(1, other).Bind(2, id);
    CC_ASSIGN_OR_RETURN(bool found, stmt.Step());
    if (found) others.emplace_back(stmt.Int64(0), other);
  }
  if (others.empty()) return absl::OkStatus();
  std::sort(others.begin(), others.end());
  CC_ASSIGN_OR_RETURN(SpeakerProfile self, LoadProfileLocked(id));
  for (const auto& [rowid, other_id] : others) {
    absl::StatusOr<SpeakerProfile> other = LoadProfileLocked(other_id);
    if (!other.ok()) continue;
    const std::string evidence = merge_rule_(*other, self);
    if (evidence.empty()) continue;
    // The record with more quotes is kept; on a tie, the older one.
    const bool keep_self = self.quote_count > other->quote_count;
    CC_ASSIGN_OR_RETURN(
        SpeakerMergeRecord merged,
        keep_self ? MergeSpeakersLocked(other_id, id, evidence, now_ms)
                  : MergeSpeakersLocked(id, other_id, evidence, now_ms));
    if (!keep_self) break;  // `id` is gone
    CC_ASSIGN_OR_RETURN(self, LoadProfileLocked(id));
  }
  return absl::OkStatus();
}

absl::StatusOr<SpeakerMergeRecord> SqliteStore::MergeSpeakers(
    absl::string_view from_id, absl::string_view into_id,
    absl::string_view reason) {
  absl::MutexLock lock(&write_mu_);
  CacheGuard caches(this);
  CC_ASSIGN_OR_RETURN(Transaction txn, BeginWriteLocked());
  CC_ASSIGN_OR_RETURN(
      SpeakerMergeRecord rec,
      MergeSpeakersLocked(std::string(from_id), std::string(into_id),
                          std::string(reason), NowMs()));
  CC_RETURN_IF_ERROR(CommitLocked(&txn));
  caches.Committed();
  return rec;
}

absl::StatusOr<SpeakerMergePage> SqliteStore::ListSpeakerMerges(
    const SpeakerMergesQuery& query) {
  if (query.limit <= 0) {
    return absl::InvalidArgumentError("limit must be positive");
  }
  const int limit = std::min(query.limit, kMaxListLimit);
  const uint64_t fingerprint = QueryFingerprint(
      {"speaker_merges", query.speaker_id, query.include_undone ? "1" : "0"});
  int64_t after = INT64_MAX;
  if (!query.page_token.empty()) {
    CC_ASSIGN_OR_RETURN(PageCursor cursor,
                        DecodePageToken(token_secret_, PageKind::kSpeakerMerges,
                                        fingerprint, query.page_token));
    after = cursor.seq;
  }
  ReaderLease db(this, AcquireReader());
  CC_ASSIGN_OR_RETURN(Transaction txn, Transaction::Begin(db.get(), "BEGIN"));
  CC_ASSIGN_OR_RETURN(
      Stmt stmt,
      db->Prepare(
          absl::StrCat("SELECT ", kMergeColumns,
                       " FROM speaker_merges m WHERE m.seq < ?1"
                       " AND (?2 = '' OR m.from_id = ?2 OR m.into_id = ?2)"
                       " AND (?3 OR m.undone_ms = 0)"
                       " ORDER BY m.seq DESC LIMIT ?4")
              .c_str()));
  stmt.Bind(1, after)
      .Bind(2, query.speaker_id)
      .Bind(3, query.include_undone)
      .Bind(4, limit + 1);
  SpeakerMergePage page;
  int64_t last_seq = 0;
  while (true) {
    CC_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) break;
    if (static_cast<int>(page.merges.size()) == limit) {
      page.next_page_token =
          EncodePageToken(token_secret_, PageKind::kSpeakerMerges, fingerprint,
                          PageCursor{"", "", last_seq});
      break;
    }
    last_seq = stmt.Int64(0);
    page.merges.push_back(ReadMergeRow(stmt));
  }
  return page;
}

absl::StatusOr<SpeakerMergeRecord> SqliteStore::UndoSpeakerMerge(
    absl::string_view merge_id) {
  CC_ASSIGN_OR_RETURN(const int64_t seq, ParseMergeId(merge_id));
  absl::MutexLock lock(&write_mu_);
  CacheGuard caches(this);
  CC_ASSIGN_OR_RETURN(Transaction txn, BeginWriteLocked());
  SqliteConnection* db = writer_.get();
  SpeakerMergeRecord rec;
  std::string from_key;
  int64_t from_kind = 0;
  {
    CC_ASSIGN_OR_RETURN(
        Stmt stmt,
        db->Prepare(absl::StrCat("SELECT ", kMergeColumns,
                                 ", m.from_key, m.from_kind"
                                 " FROM speaker_merges m WHERE m.seq = ?1")
                        .c_str()));
    stmt.Bind(1, seq);
    CC_ASSIGN_OR_RETURN(bool found, stmt.Step());
    if (!found) {
      return absl::NotFoundError(
          absl::StrCat("speaker merge '", merge_id, "' not found"));
    }
    rec = ReadMergeRow(stmt);
    from_key = stmt.Text(8);
    from_kind = stmt.Int64(9);
  }
  if (rec.undone_unix_ms != 0) {
    return absl::FailedPreconditionError(
        absl::StrCat("speaker merge '", merge_id, "' was already undone"));
  }
  CC_ASSIGN_OR_RETURN(const std::string holder,
                      FollowMergesLocked(rec.into_id));
  rec.undone_unix_ms = NowMs();
  profiles_.Clear();  // quotes move back; co-speaker lists change
  {
    CC_ASSIGN_OR_RETURN(
        Stmt stmt,
        db->Prepare("UPDATE speaker_merges SET undone_ms = ?2 WHERE seq = ?1"));
    CC_RETURN_IF_ERROR(stmt.Bind(1, seq).Bind(2, rec.undone_unix_ms).Run());
  }
  {
    CC_ASSIGN_OR_RETURN(
        Stmt stmt,
        db->Prepare("INSERT OR IGNORE INTO speakers(id, key, name, sort_name,"
                    " kind) VALUES (?1, ?2, ?3, ?4, ?5)"));
    stmt.Bind(1, rec.from_id)
        .Bind(2, from_key)
        .Bind(3, rec.from_name)
        .Bind(4, LowerAscii(rec.from_name))
        .Bind(5, from_kind);
    CC_RETURN_IF_ERROR(stmt.Run());
    speaker_names_.Add(rec.from_id, from_key);
  }
  CC_ASSIGN_OR_RETURN(const std::vector<std::string> keys,
                      MergedKeysLocked(rec.from_id, from_key));
  CC_RETURN_IF_ERROR(MoveQuotesBackLocked(holder, keys, rec.from_id));
  CC_RETURN_IF_ERROR(RebuildSpeakersLocked({rec.from_id, holder}));
  CC_RETURN_IF_ERROR(AddMergedAliasesLocked(rec.from_id));
  CC_RETURN_IF_ERROR(AddMergedAliasesLocked(holder));
  {
    // Still merged away only if another active merge takes it.
    CC_ASSIGN_OR_RETURN(Stmt stmt,
                        db->Prepare("SELECT 1 FROM speaker_merges"
                                    " WHERE from_id = ?1 AND undone_ms = 0"));
    stmt.Bind(1, rec.from_id);
    CC_ASSIGN_OR_RETURN(bool still, stmt.Step());
    if (!still) merged_away_.erase(rec.from_id);
  }
  CC_RETURN_IF_ERROR(CommitLocked(&txn));
  caches.Committed();
  return rec;
}

absl::StatusOr<std::vector<std::string>> SqliteStore::MergedKeysLocked(
    const std::string& from_id, const std::string& from_key) {
  SqliteConnection* db = writer_.get();
  std::vector<std::string> keys = {from_key};
  CC_ASSIGN_OR_RETURN(
      Stmt stmt,
      db->Prepare(
          "WITH RECURSIVE m(id) AS (SELECT ?1 UNION SELECT sm.from_id FROM"
          " speaker_merges sm JOIN m ON sm.into_id = m.id"
          " WHERE sm.undone_ms = 0)"
          " SELECT from_key FROM speaker_merges"
          " WHERE undone_ms = 0 AND into_id IN (SELECT id FROM m)"));
  stmt.Bind(1, from_id);
  CC_ASSIGN_OR_RETURN(std::vector<std::string> more, ReadTextColumn(stmt));
  keys.insert(keys.end(), more.begin(), more.end());
  return keys;
}

absl::Status SqliteStore::MoveQuotesBackLocked(
    const std::string& holder, const std::vector<std::string>& keys,
    const std::string& from_id) {
  SqliteConnection* db = writer_.get();
  CC_ASSIGN_OR_RETURN(
      Stmt stmt,
      db->Prepare("SELECT seq, speaker FROM quotes WHERE speaker_id = ?1"));
  stmt.Bind(1, holder);
  std::vector<int64_t> back;
  while (true) {
    CC_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) break;
    const std::string key = extract::SpeakerKey(stmt.Text(1));
    if (std::find(keys.begin(), keys.end(), key) != keys.end()) {
      back.push_back(stmt.Int64(0));
    }
  }
  for (int64_t q : back) {
    CC_ASSIGN_OR_RETURN(
        Stmt update,
        db->Prepare("UPDATE quotes SET speaker_id = ?2 WHERE seq = ?1"));
    CC_RETURN_IF_ERROR(update.Bind(1, q).Bind(2, from_id).Run());
  }
  index_speakers_.push_back(holder);
  index_speakers_.push_back(from_id);
  return absl::OkStatus();
}

}  // namespace claimcheck::store
