// SqliteStore: stories (see StoryRecord in store.h, server/story for the
// signatures). Tables story_members (article -> story, day), story_features
// (article -> signature features) and story_buckets (period, MinHash bucket
// key, day -> article), schema v5 and v7.
//
// Ingest (AssignStoryLocked) looks up the article's kMinHashes bucket keys
// within kStoryWindowDays of its day, at most kMaxBucketCandidates articles
// each, checks SameStory on the stored features of those candidates (one per
// story not yet joined) and joins their stories: the joined story takes the
// smallest id, which is the smallest article id of the component. So the cost
// per article is bounded (kMinHashes range lookups and row inserts, at most
// kMinHashes * kMaxBucketCandidates feature comparisons, plus relabelling
// the stories joined), never a scan. The cost is about 64 small index
// writes and reads per article: ingest of 3000 near-identical articles takes
// 2-2.5 s instead of 0.6-0.8 s.
#include <algorithm>
#include <numeric>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "server/store/page_token.h"
#include "server/store/sqlite_store_impl.h"
#include "server/story/signature.h"

namespace claimcheck::store {
namespace {

// Candidates read from one bucket (the most a popular bucket costs).
constexpr int kMaxBucketCandidates = 8;

// story_buckets rows are keyed by period = day / kBucketPeriodDays first
// (schema v7, which bakes the 8 into its migration): ingest in date order
// writes into one small part of the table. A window of days spans at most
// two periods, so a bucket lookup is at most two range reads.
constexpr int64_t kBucketPeriodDays = 8;
static_assert(kBucketPeriodDays > 2 * story::kStoryWindowDays,
              "a story window must span at most two periods");

int64_t BucketPeriod(int64_t day) { return day / kBucketPeriodDays; }

struct Member {
  std::string article_id;
  int64_t day = 0;
  std::vector<uint64_t> features;
};

// Reads up to `limit` members of story `story_id`, by article id.
absl::StatusOr<std::vector<Member>> StoryMembers(SqliteConnection* db,
                                                 const std::string& story_id,
                                                 int limit) {
  CC_ASSIGN_OR_RETURN(
      Stmt stmt,
      db->Prepare("SELECT m.article_id, m.day, f.features FROM story_members m"
                  " JOIN story_features f ON f.article_id = m.article_id"
                  " WHERE m.story_id = ?1 ORDER BY m.article_id LIMIT ?2"));
  stmt.Bind(1, story_id).Bind(2, limit);
  std::vector<Member> out;
  while (true) {
    CC_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) return out;
    out.push_back(
        {stmt.Text(0), stmt.Int64(1), story::DecodeFeatures(stmt.BlobView(2))});
  }
}

absl::Status Relabel(SqliteConnection* db, const std::string& from,
                     const std::string& to) {
  CC_ASSIGN_OR_RETURN(Stmt stmt,
                      db->Prepare("UPDATE story_members SET story_id = ?2"
                                  " WHERE story_id = ?1"));
  return stmt.Bind(1, from).Bind(2, to).Run();
}

// Reads one story's record from `db`; NOT_FOUND when it has no article.
absl::StatusOr<StoryRecord> ReadStory(SqliteConnection* db,
                                      absl::string_view id) {
  StoryRecord rec;
  rec.id = std::string(id);
  {
    CC_ASSIGN_OR_RETURN(
        Stmt stmt,
        db->Prepare("SELECT count(*),"
                    " min(NULLIF(a.published_date, '')),"
                    " max(NULLIF(a.published_date, ''))"
                    " FROM story_members m JOIN articles a"
                    " ON a.id = m.article_id WHERE m.story_id = ?1"));
    stmt.Bind(1, id);
    CC_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row || stmt.Int(0) == 0) {
      return absl::NotFoundError(absl::StrCat("story '", id, "' not found"));
    }
    rec.article_count = stmt.Int(0);
    rec.first_date = stmt.Text(1);
    rec.last_date = stmt.Text(2);
  }
  CC_ASSIGN_OR_RETURN(
      Stmt stmt,
      db->Prepare("SELECT a.id, a.outlet, a.url, a.published_date, a.title"
                  " FROM story_members m JOIN articles a"
                  " ON a.id = m.article_id WHERE m.story_id = ?1"
                  " ORDER BY a.published_date = '', a.published_date, a.id"
                  " LIMIT ?2"));
  stmt.Bind(1, id).Bind(2, kMaxStoryArticles);
  while (true) {
    CC_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) break;
    rec.articles.push_back(
        {stmt.Text(0), stmt.Text(1), stmt.Text(2), stmt.Text(3), stmt.Text(4)});
  }
  return rec;
}

// An article sharing a bucket key, with what SameStory needs of it.
struct Candidate {
  std::string article_id;
  std::string story_id;
  int64_t day = 0;
  std::string features;  // story::EncodeFeatures
};

// The rowids of the articles sharing a bucket key of `signature` within the
// window around `day`, sorted, distinct.
absl::StatusOr<std::vector<int64_t>> BucketNeighbours(
    SqliteConnection* db, const story::Signature& signature, int64_t day) {
  std::vector<int64_t> seqs;
  CC_ASSIGN_OR_RETURN(
      Stmt stmt,
      db->Prepare("SELECT article_seq FROM story_buckets WHERE period = ?1"
                  " AND bucket = ?2 AND day BETWEEN ?3 AND ?4 LIMIT ?5"));
  const int64_t first = day - story::kStoryWindowDays;
  const int64_t last = day + story::kStoryWindowDays;
  for (uint64_t bucket : signature.buckets) {
    // Oldest days first, at most kMaxBucketCandidates over the window.
    int left = kMaxBucketCandidates;
    for (int64_t p = BucketPeriod(first); p <= BucketPeriod(last); ++p) {
      stmt.Reset();
      stmt.Bind(1, p)
          .Bind(2, static_cast<int64_t>(bucket))
          .Bind(3, first)
          .Bind(4, last)
          .Bind(5, left);
      while (left > 0) {
        CC_ASSIGN_OR_RETURN(bool row, stmt.Step());
        if (!row) break;
        seqs.push_back(stmt.Int64(0));
        --left;
      }
    }
  }
  std::sort(seqs.begin(), seqs.end());
  seqs.erase(std::unique(seqs.begin(), seqs.end()), seqs.end());
  return seqs;
}

// Articles sharing a bucket key of `signature` within the window around
// `day`, with their stories, days and features (one statement each),
// sorted by article id.
absl::StatusOr<std::vector<Candidate>> StoryCandidates(
    SqliteConnection* db, const story::Signature& signature, int64_t day) {
  CC_ASSIGN_OR_RETURN(const std::vector<int64_t> seqs,
                      BucketNeighbours(db, signature, day));
  std::vector<Candidate> candidates;
  CC_ASSIGN_OR_RETURN(
      Stmt stmt, db->Prepare("SELECT a.id, m.story_id, m.day, f.features"
                             " FROM articles a"
                             " JOIN story_members m ON m.article_id = a.id"
                             " JOIN story_features f ON f.article_id = a.id"
                             " WHERE a.rowid = ?1"));
  for (int64_t seq : seqs) {
    stmt.Reset();
    stmt.Bind(1, seq);
    CC_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) continue;
    candidates.push_back({stmt.Text(0), stmt.Text(1), stmt.Int64(2),
                          std::string(stmt.BlobView(3))});
  }
  // Distinct rowids are distinct articles.
  std::sort(candidates.begin(), candidates.end(),
            [](const Candidate& x, const Candidate& y) {
              return x.article_id < y.article_id;
            });
  return candidates;
}

// The stories of `candidates` (other than `article_id` itself) that are the
// same event as `signature`, sorted, distinct; a story already joined needs
// no second look.
std::vector<std::string> SameEventStories(
    const std::string& article_id, const story::Signature& signature,
    int64_t day, const std::vector<Candidate>& candidates) {
  std::vector<std::string> joined;
  for (const Candidate& c : candidates) {
    if (c.article_id == article_id ||
        std::find(joined.begin(), joined.end(), c.story_id) != joined.end()) {
      continue;
    }
    if (story::SameStory(signature.features, day,
                         story::DecodeFeatures(c.features), c.day)) {
      joined.push_back(c.story_id);
    }
  }
  std::sort(joined.begin(), joined.end());
  joined.erase(std::unique(joined.begin(), joined.end()), joined.end());
  return joined;
}

// The article's membership of `story_id`, its features and its bucket keys.
absl::Status RecordStoryMember(SqliteConnection* db,
                               const std::string& article_id,
                               const std::string& story_id, int64_t day,
                               const story::Signature& signature) {
  {
    CC_ASSIGN_OR_RETURN(
        Stmt stmt,
        db->Prepare("INSERT OR REPLACE INTO story_members(article_id,"
                    " story_id, day) VALUES (?1, ?2, ?3)"));
    stmt.Bind(1, article_id).Bind(2, story_id).Bind(3, day);
    CC_RETURN_IF_ERROR(stmt.Run());
  }
  {
    CC_ASSIGN_OR_RETURN(Stmt stmt,
                        db->Prepare("INSERT OR REPLACE INTO story_features("
                                    "article_id, features) VALUES (?1, ?2)"));
    stmt.Bind(1, article_id)
        .BindBlob(2, story::EncodeFeatures(signature.features));
    CC_RETURN_IF_ERROR(stmt.Run());
  }
  CC_ASSIGN_OR_RETURN(Stmt rowid,
                      db->Prepare("SELECT rowid FROM articles WHERE id = ?1"));
  rowid.Bind(1, article_id);
  CC_ASSIGN_OR_RETURN(bool found, rowid.Step());
  if (!found) return absl::NotFoundError("article vanished while writing");
  const int64_t seq = rowid.Int64(0);
  CC_ASSIGN_OR_RETURN(
      Stmt insert,
      db->Prepare("INSERT OR IGNORE INTO story_buckets(period, bucket, day,"
                  " article_seq) VALUES (?1, ?2, ?3, ?4)"));
  for (uint64_t bucket : signature.buckets) {
    insert.Reset();
    insert.Bind(1, BucketPeriod(day))
        .Bind(2, static_cast<int64_t>(bucket))
        .Bind(3, day)
        .Bind(4, seq);
    CC_RETURN_IF_ERROR(insert.Run());
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status SqliteStore::AssignStoryLocked(const std::string& article_id,
                                            const std::string& published_date,
                                            const story::Signature& signature) {
  SqliteConnection* db = writer_.get();
  const int64_t day = story::DayNumber(published_date);
  CC_ASSIGN_OR_RETURN(const std::vector<Candidate> candidates,
                      StoryCandidates(db, signature, day));
  const std::vector<std::string> joined =
      SameEventStories(article_id, signature, day, candidates);
  std::string story_id = article_id;
  if (!joined.empty()) story_id = std::min(story_id, joined.front());
  for (const std::string& s : joined) {
    if (s != story_id) CC_RETURN_IF_ERROR(Relabel(db, s, story_id));
  }
  return RecordStoryMember(db, article_id, story_id, day, signature);
}

absl::Status SqliteStore::RemoveFromStoryLocked(const std::string& article_id) {
  SqliteConnection* db = writer_.get();
  std::string story_id;
  int64_t day = 0;
  std::vector<uint64_t> features;
  {
    CC_ASSIGN_OR_RETURN(
        Stmt stmt,
        db->Prepare("SELECT m.story_id, m.day, f.features FROM story_members m"
                    " JOIN story_features f ON f.article_id = m.article_id"
                    " WHERE m.article_id = ?1"));
    stmt.Bind(1, article_id);
    CC_ASSIGN_OR_RETURN(bool found, stmt.Step());
    if (!found) return absl::OkStatus();
    story_id = stmt.Text(0);
    day = stmt.Int64(1);
    features = story::DecodeFeatures(stmt.BlobView(2));
  }
  {
    // Its bucket rows, from its keys (no index by article needed).
    CC_ASSIGN_OR_RETURN(
        Stmt stmt, db->Prepare("DELETE FROM story_buckets WHERE period = ?1"
                               " AND bucket = ?2 AND day = ?3 AND article_seq ="
                               " (SELECT rowid FROM articles WHERE id = ?4)"));
    for (uint64_t bucket : story::BucketKeys(features)) {
      stmt.Reset();
      stmt.Bind(1, BucketPeriod(day))
          .Bind(2, static_cast<int64_t>(bucket))
          .Bind(3, day)
          .Bind(4, article_id);
      CC_RETURN_IF_ERROR(stmt.Run());
    }
  }
  for (const char* sql : {"DELETE FROM story_features WHERE article_id = ?1",
                          "DELETE FROM story_members WHERE article_id = ?1"}) {
    CC_ASSIGN_OR_RETURN(Stmt stmt, db->Prepare(sql));
    CC_RETURN_IF_ERROR(stmt.Bind(1, article_id).Run());
  }
  // The rest of the story may fall apart: components again, pairwise.
  CC_ASSIGN_OR_RETURN(std::vector<Member> members,
                      StoryMembers(db, story_id, kMaxStoryArticles));
  std::vector<size_t> root(members.size());
  std::iota(root.begin(), root.end(), 0);
  const auto find = [&](size_t x) {
    while (root[x] != x) x = root[x] = root[root[x]];
    return x;
  };
  for (size_t i = 0; i < members.size(); ++i) {
    for (size_t j = i + 1; j < members.size(); ++j) {
      if (story::SameStory(members[i].features, members[i].day,
                           members[j].features, members[j].day)) {
        // Members are by id, so the smaller root is the smaller id.
        const size_t a = find(i), b = find(j);
        root[std::max(a, b)] = std::min(a, b);
      }
    }
  }
  CC_ASSIGN_OR_RETURN(Stmt update,
                      db->Prepare("UPDATE story_members SET story_id = ?2"
                                  " WHERE article_id = ?1"));
  for (size_t i = 0; i < members.size(); ++i) {
    const std::string& id = members[find(i)].article_id;
    if (id == story_id) continue;
    update.Reset();
    CC_RETURN_IF_ERROR(update.Bind(1, members[i].article_id).Bind(2, id).Run());
  }
  return absl::OkStatus();
}

absl::StatusOr<StoryPage> SqliteStore::ListStories(
    int limit, absl::string_view page_token) {
  if (limit <= 0) return absl::InvalidArgumentError("limit must be positive");
  limit = std::min(limit, kMaxListLimit);
  const uint64_t fingerprint = QueryFingerprint({"stories"});
  std::string after;
  if (!page_token.empty()) {
    CC_ASSIGN_OR_RETURN(PageCursor cursor,
                        DecodePageToken(token_secret_, PageKind::kStories,
                                        fingerprint, page_token));
    after = cursor.id;
  }
  ReaderLease db(this, AcquireReader());
  CC_ASSIGN_OR_RETURN(Transaction txn, Transaction::Begin(db.get(), "BEGIN"));
  std::vector<std::string> ids;
  {
    CC_ASSIGN_OR_RETURN(
        Stmt stmt,
        db->Prepare("SELECT DISTINCT story_id FROM story_members"
                    " WHERE story_id > ?1 ORDER BY story_id LIMIT ?2"));
    stmt.Bind(1, after).Bind(2, limit + 1);
    while (true) {
      CC_ASSIGN_OR_RETURN(bool row, stmt.Step());
      if (!row) break;
      ids.push_back(stmt.Text(0));
    }
  }
  StoryPage page;
  for (size_t i = 0; i < ids.size(); ++i) {
    if (static_cast<int>(i) == limit) {
      page.next_page_token =
          EncodePageToken(token_secret_, PageKind::kStories, fingerprint,
                          PageCursor{"", ids[i - 1], 0});
      break;
    }
    CC_ASSIGN_OR_RETURN(StoryRecord rec, ReadStory(db.get(), ids[i]));
    page.stories.push_back(std::move(rec));
  }
  return page;
}

absl::StatusOr<StoryRecord> SqliteStore::GetStory(absl::string_view id) {
  ReaderLease db(this, AcquireReader());
  CC_ASSIGN_OR_RETURN(Transaction txn, Transaction::Begin(db.get(), "BEGIN"));
  return ReadStory(db.get(), id);
}

}  // namespace claimcheck::store
