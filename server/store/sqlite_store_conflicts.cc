// SqliteStore: raw material for whole-index conflict listing. The store only
// groups rows (same quote hash with different speakers; same unit key in
// more than one article); server/verify decides what conflicts.
#include <string>
#include <utility>
#include <vector>

#include "server/store/sqlite_rows.h"
#include "server/store/sqlite_store_impl.h"

namespace claimcheck::store {

absl::StatusOr<ConflictCandidates> SqliteStore::FindConflictCandidates(
    int max_rows) {
  if (max_rows <= 0) {
    return absl::InvalidArgumentError("max_rows must be positive");
  }
  ReaderLease db(this, AcquireReader());
  CC_STORE_ASSIGN_OR_RETURN(Transaction txn,
                            Transaction::Begin(db.get(), "BEGIN"));
  ConflictCandidates out;
  {
    // Hashes attributed to more than one speaker record (quotes_match_hash
    // index serves the grouping).
    CC_STORE_ASSIGN_OR_RETURN(
        Stmt stmt,
        db->Prepare("SELECT " CC_QUOTE_COLUMNS ", q.match_hash"
                    " FROM quotes q JOIN articles a ON a.id = q.article_id"
                    " WHERE q.speaker_id IS NOT NULL AND q.match_hash IN ("
                    "   SELECT match_hash FROM quotes"
                    "   WHERE speaker_id IS NOT NULL GROUP BY match_hash"
                    "   HAVING count(DISTINCT speaker_id) > 1)"
                    " ORDER BY q.match_hash, a.published_date, q.seq"
                    " LIMIT ?1"));
    stmt.Bind(1, max_rows + 1);
    int64_t group_hash = 0;
    int rows = 0;
    while (true) {
      CC_STORE_ASSIGN_OR_RETURN(bool row, stmt.Step());
      if (!row) break;
      if (++rows > max_rows) {
        out.truncated = true;
        break;
      }
      const int64_t hash = stmt.Int64(kQuoteColumnCount);
      if (out.quote_groups.empty() || hash != group_hash) {
        out.quote_groups.emplace_back();
        group_hash = hash;
      }
      out.quote_groups.back().push_back(ReadQuoteRow(stmt));
    }
  }
  {
    CC_STORE_ASSIGN_OR_RETURN(
        Stmt stmt,
        db->Prepare("SELECT " CC_CLAIM_COLUMNS
                    " FROM claims c JOIN articles a ON a.id = c.article_id"
                    " WHERE c.unit_key IN ("
                    "   SELECT unit_key FROM claims WHERE unit_key <> ''"
                    "   GROUP BY unit_key"
                    "   HAVING count(DISTINCT article_id) > 1)"
                    " ORDER BY c.unit_key, a.published_date, c.seq"
                    " LIMIT ?1"));
    stmt.Bind(1, max_rows + 1);
    int rows = 0;
    while (true) {
      CC_STORE_ASSIGN_OR_RETURN(bool row, stmt.Step());
      if (!row) break;
      if (++rows > max_rows) {
        out.truncated = true;
        break;
      }
      ClaimRecord rec = ReadClaimRow(stmt);
      if (out.claim_groups.empty() ||
          out.claim_groups.back().front().quantity.unit_key !=
              rec.quantity.unit_key) {
        out.claim_groups.emplace_back();
      }
      out.claim_groups.back().push_back(std::move(rec));
    }
  }
  return out;
}

}  // namespace claimcheck::store
