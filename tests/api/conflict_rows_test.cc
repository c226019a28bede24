// Kept conflict rows without the sides (schema v9): the finder stores the
// sides' row ids and a payload without their quotes or claims, and the
// listing reads them back from the rows. The listing must be the one the
// whole conflicts gave (rows kept whole, as v8 kept them), field for field.
#include <sqlite3.h>

#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "claimcheck/v1/claimcheck.pb.h"
#include "google/protobuf/util/json_util.h"
#include "google/protobuf/util/message_differencer.h"
#include "gtest/gtest.h"
#include "server/api/conflict_finder.h"
#include "server/api/convert.h"
#include "server/api/query_core.h"
#include "server/extract/extract.h"
#include "server/store/sqlite_db.h"
#include "server/store/sqlite_store.h"
#include "tests/store/store_test_util.h"

namespace claimcheck::api {
namespace {

using ::google::protobuf::util::MessageDifferencer;

std::unique_ptr<store::Store> Open(const std::string& path) {
  store::SqliteOptions options;
  options.path = path;
  options.conflicts_in_background = false;
  auto st = store::OpenSqliteStore(options);
  EXPECT_TRUE(st.ok()) << st.status();
  if (!st.ok()) return nullptr;
  (*st)->SetConflictFinder(MakeConflictFinder());
  return std::move(*st);
}

void IngestFixture(store::Store* st, const std::string& name) {
  std::ifstream in(absl::StrCat(CLAIMCHECK_SOURCE_DIR,
                                "/tests/testdata/fixtures/", name, ".jsonl"));
  ASSERT_TRUE(in.good()) << name;
  std::string line;
  while (std::getline(in, line)) {
    v1::Article a;
    ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(line, &a).ok());
    store::ArticleInput input;
    input.url = a.url();
    input.outlet = a.outlet();
    input.published_date = a.published_date();
    input.title = a.title();
    input.text = a.text();
    const extract::Extraction ex = extract::ExtractUnchecked(input.text);
    const store::PutRequest req{&input, &ex};
    ASSERT_TRUE(st->PutArticles({&req, 1}).ok());
  }
}

v1::ListConflictsResponse ListAll(store::Store* st) {
  const QueryCore core(st, Limits());
  v1::ListConflictsRequest req;
  req.set_page_size(100);
  v1::ListConflictsResponse resp;
  const absl::Status status =
      core.ListConflicts(req, &resp, [] { return false; });
  EXPECT_TRUE(status.ok()) << status;
  return resp;
}

std::unique_ptr<store::SqliteConnection> OpenRaw(const std::string& path) {
  auto db = store::SqliteConnection::Open(path, SQLITE_OPEN_READWRITE, 1000);
  EXPECT_TRUE(db.ok()) << db.status();
  return db.ok() ? std::move(*db) : nullptr;
}

int64_t Count(store::SqliteConnection* db, const char* sql) {
  absl::StatusOr<int64_t> n = db->QueryInt(sql);
  EXPECT_TRUE(n.ok()) << n.status();
  return n.ok() ? *n : -1;
}

TEST(ConflictRowsTest, ListingIsTheWholeConflictsFieldForField) {
  store::testing::TempDir dir;
  const std::string path = dir.File("db.sqlite");
  v1::ListConflictsResponse compact;
  {
    std::unique_ptr<store::Store> st = Open(path);
    ASSERT_NE(st, nullptr);
    IngestFixture(st.get(), "harbor_bridge");
    IngestFixture(st.get(), "lakeside_plant");
    compact = ListAll(st.get());
    ASSERT_EQ(compact.conflicts_size(), 6);  // as verification_e2e_test
    // Every side is the stored row, with its evidence.
    for (const v1::Conflict& c : compact.conflicts()) {
      SCOPED_TRACE(c.id());
      for (const v1::ConflictSide* side : {&c.a(), &c.b()}) {
        const bool numeric = c.kind() == v1::CONFLICT_KIND_NUMERIC;
        const v1::Evidence& e =
            numeric ? side->claim().evidence() : side->quote().evidence();
        absl::StatusOr<store::ArticleRecord> article =
            st->GetArticle(e.article_id(), false);
        ASSERT_TRUE(article.ok()) << article.status();
        bool found = false;
        if (numeric) {
          for (const store::ClaimRecord& r : article->claims) {
            if (r.id != side->claim().claim().id()) continue;
            v1::QuantityObservation want;
            ToProto(r, &want);
            EXPECT_TRUE(MessageDifferencer::Equals(want, side->claim()));
            found = true;
          }
        } else {
          for (const store::QuoteRecord& r : article->quotes) {
            if (r.id != side->quote().quote().id()) continue;
            v1::QuoteWithEvidence want;
            ToProto(r, &want);
            EXPECT_TRUE(MessageDifferencer::Equals(want, side->quote()));
            found = true;
          }
        }
        EXPECT_TRUE(found);
        EXPECT_FALSE(e.url().empty());
        EXPECT_LT(e.span().begin(), e.span().end());
      }
      // An attribution topic is the longer side's text (a's on a tie).
      if (c.kind() == v1::CONFLICT_KIND_ATTRIBUTION) {
        const std::string& ta = c.a().quote().quote().text();
        const std::string& tb = c.b().quote().quote().text();
        EXPECT_EQ(c.topic(), ta.size() >= tb.size() ? ta : tb);
      } else {
        EXPECT_FALSE(c.topic().empty());
      }
    }
  }
  std::unique_ptr<store::SqliteConnection> db = OpenRaw(path);
  ASSERT_NE(db, nullptr);
  // Rows without the sides: ids, and a payload of a few hundred bytes.
  EXPECT_EQ(Count(db.get(),
                  "SELECT count(*) FROM conflicts WHERE side_a = ''"
                  " OR side_b = ''"),
            0);
  EXPECT_LT(Count(db.get(), "SELECT max(length(payload)) FROM conflicts"),
            1024);
  // Nor the attribution topic (a side's text).
  {
    absl::StatusOr<store::Stmt> rows =
        db->Prepare("SELECT payload FROM conflicts WHERE kind = 1");
    ASSERT_TRUE(rows.ok()) << rows.status();
    int attribution = 0;
    while (true) {
      absl::StatusOr<bool> row = rows->Step();
      ASSERT_TRUE(row.ok()) << row.status();
      if (!*row) break;
      v1::Conflict kept;
      ASSERT_TRUE(kept.ParseFromString(std::string(rows->BlobView(0))));
      EXPECT_TRUE(kept.topic().empty()) << kept.topic();
      ++attribution;
    }
    EXPECT_GT(attribution, 0);
  }
  // The same rows kept whole, as v8 kept them (and as a migration from v8
  // leaves them): the listing is the same.
  for (const v1::Conflict& c : compact.conflicts()) {
    absl::StatusOr<store::Stmt> stmt = db->Prepare(
        "UPDATE conflicts SET side_a = '', side_b = '',"
        " digest = 0, payload = ?1 WHERE id = ?2");
    ASSERT_TRUE(stmt.ok()) << stmt.status();
    ASSERT_TRUE(
        stmt->BindBlob(1, c.SerializeAsString()).Bind(2, c.id()).Run().ok());
  }
  ASSERT_TRUE(db->Exec("INSERT OR IGNORE INTO conflict_dirty"
                       " SELECT DISTINCT group_key, '' FROM conflicts")
                  .ok());
  {
    store::SqliteOptions options;
    options.path = path;
    auto st = store::OpenSqliteStore(options);  // no finder: rows as kept
    ASSERT_TRUE(st.ok()) << st.status();
    const v1::ListConflictsResponse whole = ListAll(st->get());
    ASSERT_EQ(whole.conflicts_size(), compact.conflicts_size());
    for (int i = 0; i < whole.conflicts_size(); ++i) {
      EXPECT_TRUE(
          MessageDifferencer::Equals(whole.conflicts(i), compact.conflicts(i)))
          << whole.conflicts(i).DebugString() << "\nvs\n"
          << compact.conflicts(i).DebugString();
    }
  }
  // Recomputed (the dirty groups), the rows lose their sides again and the
  // listing stays the same.
  {
    std::unique_ptr<store::Store> st = Open(path);
    ASSERT_NE(st, nullptr);
    const v1::ListConflictsResponse again = ListAll(st.get());
    EXPECT_TRUE(MessageDifferencer::Equals(again, compact));
  }
  EXPECT_EQ(Count(db.get(), "SELECT count(*) FROM conflicts WHERE side_a = ''"),
            0);
}

}  // namespace
}  // namespace claimcheck::api
