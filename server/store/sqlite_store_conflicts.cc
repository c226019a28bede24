// SqliteStore: raw material for whole-index conflict listing. The store only
// groups rows (same quote hash with different speakers; quotes of different
// speakers sharing a rare run of words; same story and unit key in more than
// one article); server/verify decides what conflicts.
//
// Quote groups come from two passes:
//  1. exact: every quote whose match hash has more than one speaker record
//     (the quotes_match_hash index serves the grouping);
//  2. variants (truncations and near-variants): the newest `max_rows`
//     attributed quotes (by seq) are shingled, in quote id order (so that
//     joins, and the groups the size cap leaves, do not depend on the order
//     the quotes arrived in), into word trigrams of their
//     norm_text (trigrams of stopwords only are skipped). Quotes sharing a
//     trigram that at most kVariantBucketCap scanned quotes hold, with at
//     least two speaker records and two hashes among them, are joined
//     (union-find, together with every scanned quote of the same hash). A
//     join that would make a group bigger than kMaxVariantGroup is skipped.
//     Groups joined through a trigram with more than one speaker record are
//     kept; exact groups of pass 1 whose hash falls in one are merged into
//     it, so no conflict is listed twice.
// Cost: pass 2 reads at most max_rows (seq, speaker, hash, norm_text) rows,
// sorts their trigrams (O(w log w), w = words read) and looks at buckets of
// at most kVariantBucketCap quotes, so it never compares all pairs; then it
// reads the full rows of the kept groups, at most max_rows of them. Hitting
// either cap sets `truncated`. A variant whose only shared trigrams are
// common (in more than kVariantBucketCap scanned quotes) or that is older
// than the scanned window is missed.
#include <algorithm>
#include <cstdint>
#include <numeric>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/hash/hash.h"
#include "absl/strings/str_split.h"
#include "server/store/memory_index.h"
#include "server/store/sqlite_rows.h"
#include "server/store/sqlite_store_impl.h"

namespace claimcheck::store {
namespace {

// A trigram held by more scanned quotes than this is too common to say two
// quotes are one utterance.
constexpr size_t kVariantBucketCap = 16;
// Most quotes a variant join may build into one group.
constexpr size_t kMaxVariantGroup = 256;

class UnionFind {
 public:
  explicit UnionFind(size_t n) : parent_(n), size_(n, 1), linked_(n, false) {
    std::iota(parent_.begin(), parent_.end(), 0);
  }
  uint32_t Find(uint32_t x) {
    while (parent_[x] != x) {
      parent_[x] = parent_[parent_[x]];
      x = parent_[x];
    }
    return x;
  }
  // Joins unless the result would exceed `cap` members; true when joined
  // (or already one).
  bool Join(uint32_t a, uint32_t b, size_t cap) {
    a = Find(a);
    b = Find(b);
    if (a == b) return true;
    if (size_[a] + size_[b] > cap) return false;
    if (size_[a] < size_[b]) std::swap(a, b);
    parent_[b] = a;
    size_[a] += size_[b];
    linked_[a] = linked_[a] || linked_[b];
    return true;
  }
  void MarkLinked(uint32_t x) { linked_[Find(x)] = true; }
  bool Linked(uint32_t x) { return linked_[Find(x)]; }

 private:
  std::vector<uint32_t> parent_;
  std::vector<size_t> size_;
  std::vector<bool> linked_;
};

// Pass 2 (see the file comment): adds the variant groups to `out`, merging
// the pass-1 groups they touch (`exact_hashes`, `exact_seqs` parallel to
// out->quote_groups).
absl::Status AddVariantGroups(
    SqliteConnection* db, int max_rows,
    const std::vector<int64_t>& exact_hashes,
    const std::vector<std::vector<int64_t>>& exact_seqs,
    ConflictCandidates* out) {
  struct Row {
    int64_t seq = 0;
    int64_t hash = 0;
    uint32_t speaker = 0;
  };
  std::vector<Row> rows;
  std::vector<std::pair<size_t, uint32_t>> shingles;  // (trigram hash, row)
  {
    absl::flat_hash_map<std::string, uint32_t> speakers;
    CC_STORE_ASSIGN_OR_RETURN(
        Stmt stmt,
        db->Prepare("SELECT seq, speaker_id, match_hash, norm_text FROM"
                    " (SELECT seq, speaker_id, match_hash, norm_text, id"
                    "  FROM quotes WHERE speaker_id IS NOT NULL"
                    "  ORDER BY seq DESC LIMIT ?1)"
                    " ORDER BY id"));
    stmt.Bind(1, max_rows + 1);
    std::vector<absl::string_view> words;
    while (true) {
      CC_STORE_ASSIGN_OR_RETURN(bool row, stmt.Step());
      if (!row) break;
      if (rows.size() >= static_cast<size_t>(max_rows)) {
        out->truncated = true;
        break;
      }
      const uint32_t r = static_cast<uint32_t>(rows.size());
      Row rec;
      rec.seq = stmt.Int64(0);
      rec.speaker = speakers
                        .try_emplace(std::string(stmt.TextView(1)),
                                     static_cast<uint32_t>(speakers.size()))
                        .first->second;
      rec.hash = stmt.Int64(2);
      rows.push_back(rec);
      const absl::string_view norm = stmt.TextView(3);
      words = absl::StrSplit(norm, ' ', absl::SkipEmpty());
      for (size_t i = 0; i + 3 <= words.size(); ++i) {
        if (IsStopword(words[i]) && IsStopword(words[i + 1]) &&
            IsStopword(words[i + 2])) {
          continue;
        }
        const absl::string_view tri(
            words[i].data(),
            static_cast<size_t>(words[i + 2].data() + words[i + 2].size() -
                                words[i].data()));
        shingles.emplace_back(absl::HashOf(tri), r);
      }
    }
  }
  if (rows.empty()) return absl::OkStatus();
  std::sort(shingles.begin(), shingles.end());
  shingles.erase(std::unique(shingles.begin(), shingles.end()), shingles.end());

  UnionFind uf(rows.size());
  {
    // Same hash: one utterance, whatever the size.
    std::vector<uint32_t> by_hash(rows.size());
    std::iota(by_hash.begin(), by_hash.end(), 0);
    std::sort(by_hash.begin(), by_hash.end(), [&](uint32_t a, uint32_t b) {
      return rows[a].hash < rows[b].hash;
    });
    for (size_t i = 1; i < by_hash.size(); ++i) {
      if (rows[by_hash[i]].hash == rows[by_hash[i - 1]].hash) {
        uf.Join(by_hash[i], by_hash[i - 1], rows.size());
      }
    }
  }
  for (size_t i = 0; i < shingles.size();) {
    size_t j = i;
    while (j < shingles.size() && shingles[j].first == shingles[i].first) ++j;
    const size_t n = j - i;
    if (n >= 2 && n <= kVariantBucketCap) {
      bool two_speakers = false, two_hashes = false;
      const Row& first = rows[shingles[i].second];
      for (size_t k = i + 1; k < j; ++k) {
        const Row& r = rows[shingles[k].second];
        two_speakers = two_speakers || r.speaker != first.speaker;
        two_hashes = two_hashes || r.hash != first.hash;
      }
      if (two_speakers && two_hashes) {
        bool any = false;
        for (size_t k = i + 1; k < j; ++k) {
          if (uf.Join(shingles[i].second, shingles[k].second,
                      kMaxVariantGroup)) {
            any = true;
          }
        }
        if (any) uf.MarkLinked(shingles[i].second);
      }
    }
    i = j;
  }
  // Kept groups: linked through a trigram, with two speaker records.
  absl::flat_hash_map<uint32_t, std::vector<uint32_t>> groups;
  for (uint32_t r = 0; r < rows.size(); ++r) {
    if (uf.Linked(r)) groups[uf.Find(r)].push_back(r);
  }
  std::vector<std::vector<uint32_t>> kept;
  for (auto& [root, members] : groups) {
    bool two = false;
    for (uint32_t m : members) {
      two = two || rows[m].speaker != rows[members.front()].speaker;
    }
    if (two) kept.push_back(std::move(members));
  }
  // Deterministic order: by members' scan position (quote id order).
  for (auto& g : kept) std::sort(g.begin(), g.end());
  std::sort(kept.begin(), kept.end());
  if (kept.empty()) return absl::OkStatus();

  absl::flat_hash_map<int64_t, size_t> exact_of_hash;
  for (size_t g = 0; g < exact_hashes.size(); ++g) {
    exact_of_hash[exact_hashes[g]] = g;
  }
  std::vector<bool> absorbed(exact_hashes.size(), false);
  std::vector<std::vector<QuoteRecord>> merged;
  CC_STORE_ASSIGN_OR_RETURN(
      Stmt fetch,
      db->Prepare("SELECT " CC_QUOTE_COLUMNS " FROM quotes q JOIN articles a"
                  " ON a.id = q.article_id WHERE q.seq = ?1"));
  size_t fetched = 0;
  for (const std::vector<uint32_t>& g : kept) {
    if (fetched + g.size() > static_cast<size_t>(max_rows)) {
      out->truncated = true;
      break;
    }
    std::vector<std::pair<QuoteRecord, int64_t>> recs;  // with seq
    absl::flat_hash_set<int64_t> have;
    for (uint32_t m : g) {
      auto it = exact_of_hash.find(rows[m].hash);
      if (it == exact_of_hash.end() || absorbed[it->second]) continue;
      absorbed[it->second] = true;
      const size_t e = it->second;
      for (size_t k = 0; k < exact_seqs[e].size(); ++k) {
        if (have.insert(exact_seqs[e][k]).second) {
          recs.emplace_back(std::move(out->quote_groups[e][k]),
                            exact_seqs[e][k]);
        }
      }
    }
    for (uint32_t m : g) {
      if (!have.insert(rows[m].seq).second) continue;
      fetch.Reset();
      fetch.Bind(1, rows[m].seq);
      CC_STORE_ASSIGN_OR_RETURN(bool row, fetch.Step());
      if (!row) continue;
      recs.emplace_back(ReadQuoteRow(fetch), rows[m].seq);
      ++fetched;
    }
    // Earliest article first, then by quote id, as pass 1 orders its groups:
    // a function of the stored quotes, not of their arrival order.
    std::sort(recs.begin(), recs.end(), [](const auto& x, const auto& y) {
      if (x.first.evidence.published_date != y.first.evidence.published_date) {
        return x.first.evidence.published_date <
               y.first.evidence.published_date;
      }
      return x.first.id < y.first.id;
    });
    merged.emplace_back();
    for (auto& r : recs) merged.back().push_back(std::move(r.first));
  }
  std::vector<std::vector<QuoteRecord>> groups_out;
  for (size_t e = 0; e < out->quote_groups.size(); ++e) {
    if (!absorbed[e]) groups_out.push_back(std::move(out->quote_groups[e]));
  }
  for (auto& g : merged) groups_out.push_back(std::move(g));
  out->quote_groups = std::move(groups_out);
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<ConflictCandidates> SqliteStore::FindConflictCandidates(
    int max_rows) {
  if (max_rows <= 0) {
    return absl::InvalidArgumentError("max_rows must be positive");
  }
  ReaderLease db(this, AcquireReader());
  CC_STORE_ASSIGN_OR_RETURN(Transaction txn,
                            Transaction::Begin(db.get(), "BEGIN"));
  ConflictCandidates out;
  // Pass 1's groups: their hashes and the seq of each row.
  std::vector<int64_t> exact_hashes;
  std::vector<std::vector<int64_t>> exact_seqs;
  {
    // Hashes attributed to more than one speaker record (quotes_match_hash
    // index serves the grouping).
    CC_STORE_ASSIGN_OR_RETURN(
        Stmt stmt,
        db->Prepare("SELECT " CC_QUOTE_COLUMNS ", q.match_hash, q.seq"
                    " FROM quotes q JOIN articles a ON a.id = q.article_id"
                    " WHERE q.speaker_id IS NOT NULL AND q.match_hash IN ("
                    "   SELECT match_hash FROM quotes"
                    "   WHERE speaker_id IS NOT NULL GROUP BY match_hash"
                    "   HAVING count(DISTINCT speaker_id) > 1)"
                    " ORDER BY q.match_hash, a.published_date, q.id"
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
        exact_hashes.push_back(hash);
        exact_seqs.emplace_back();
        group_hash = hash;
      }
      out.quote_groups.back().push_back(ReadQuoteRow(stmt));
      exact_seqs.back().push_back(stmt.Int64(kQuoteColumnCount + 1));
    }
  }
  CC_STORE_RETURN_IF_ERROR(
      AddVariantGroups(db.get(), max_rows, exact_hashes, exact_seqs, &out));
  {
    CC_STORE_ASSIGN_OR_RETURN(
        Stmt stmt,
        db->Prepare("SELECT " CC_CLAIM_COLUMNS ", m.story_id"
                    " FROM claims c JOIN articles a ON a.id = c.article_id"
                    " JOIN story_members m ON m.article_id = c.article_id"
                    " WHERE (m.story_id, c.unit_key) IN ("
                    "   SELECT sm.story_id, cc.unit_key FROM claims cc"
                    "   JOIN story_members sm ON sm.article_id = cc.article_id"
                    "   WHERE cc.unit_key <> ''"
                    "   GROUP BY sm.story_id, cc.unit_key"
                    "   HAVING count(DISTINCT cc.article_id) > 1)"
                    " ORDER BY m.story_id, c.unit_key, a.published_date, c.id"
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
      const absl::string_view story = stmt.TextView(kClaimColumnCount);
      if (out.claim_groups.empty() || out.claim_stories.back() != story ||
          out.claim_groups.back().front().quantity.unit_key !=
              rec.quantity.unit_key) {
        out.claim_groups.emplace_back();
        out.claim_stories.emplace_back(story);
      }
      out.claim_groups.back().push_back(std::move(rec));
    }
  }
  return out;
}

}  // namespace claimcheck::store
