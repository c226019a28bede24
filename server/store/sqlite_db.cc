#include "server/store/sqlite_db.h"

#include <cstring>
#include <utility>

#include "absl/strings/str_cat.h"

namespace claimcheck::store {

absl::Status SqliteError(sqlite3* db, int rc, absl::string_view what) {
  const char* msg = db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  std::string text =
      absl::StrCat("sqlite: ", what, ": ", msg, " (code ", rc, ")");
  switch (rc & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return absl::UnavailableError(text);
    case SQLITE_FULL:
      return absl::ResourceExhaustedError(text);
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return absl::DataLossError(text);
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
    case SQLITE_READONLY:
      return absl::FailedPreconditionError(text);
    default:
      return absl::InternalError(text);
  }
}

Stmt::~Stmt() {
  if (stmt_ == nullptr) return;
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

Stmt& Stmt::Bind(int index, absl::string_view text) {
  // SQLITE_TRANSIENT: SQLite copies, so callers may pass temporaries.
  // An empty view may have a null data pointer, which SQLite would bind as
  // NULL; bind the empty string instead.
  const int rc =
      text.empty()
          ? sqlite3_bind_text(stmt_, index, "", 0, SQLITE_STATIC)
          : sqlite3_bind_text(stmt_, index, text.data(),
                              static_cast<int>(text.size()), SQLITE_TRANSIENT);
  if (bind_rc_ == SQLITE_OK) bind_rc_ = rc;
  return *this;
}

Stmt& Stmt::BindBlob(int index, absl::string_view bytes) {
  const int rc =
      bytes.empty()
          ? sqlite3_bind_zeroblob(stmt_, index, 0)
          : sqlite3_bind_blob(stmt_, index, bytes.data(),
                              static_cast<int>(bytes.size()), SQLITE_TRANSIENT);
  if (bind_rc_ == SQLITE_OK) bind_rc_ = rc;
  return *this;
}

Stmt& Stmt::Bind(int index, int64_t value) {
  const int rc = sqlite3_bind_int64(stmt_, index, value);
  if (bind_rc_ == SQLITE_OK) bind_rc_ = rc;
  return *this;
}

Stmt& Stmt::Bind(int index, double value) {
  const int rc = sqlite3_bind_double(stmt_, index, value);
  if (bind_rc_ == SQLITE_OK) bind_rc_ = rc;
  return *this;
}

Stmt& Stmt::Bind(int index, const std::optional<double>& value) {
  return value.has_value() ? Bind(index, *value) : BindNull(index);
}

Stmt& Stmt::BindNull(int index) {
  const int rc = sqlite3_bind_null(stmt_, index);
  if (bind_rc_ == SQLITE_OK) bind_rc_ = rc;
  return *this;
}

absl::StatusOr<bool> Stmt::Step() {
  if (bind_rc_ != SQLITE_OK) return SqliteError(db_, bind_rc_, "bind");
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return SqliteError(db_, rc, sqlite3_sql(stmt_));
}

absl::Status Stmt::Run() {
  while (true) {
    absl::StatusOr<bool> row = Step();
    if (!row.ok()) return row.status();
    if (!*row) return absl::OkStatus();
  }
}

std::string Stmt::Text(int col) const {
  const unsigned char* p = sqlite3_column_text(stmt_, col);
  if (p == nullptr) return std::string();
  return std::string(reinterpret_cast<const char*>(p),
                     static_cast<size_t>(sqlite3_column_bytes(stmt_, col)));
}

absl::StatusOr<std::unique_ptr<SqliteConnection>> SqliteConnection::Open(
    const std::string& path, int flags, int busy_timeout_ms) {
  sqlite3* db = nullptr;
  const int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
  if (rc != SQLITE_OK) {
    absl::Status status =
        SqliteError(db, rc, absl::StrCat("open '", path, "'"));
    sqlite3_close_v2(db);
    return status;
  }
  sqlite3_extended_result_codes(db, 1);
  sqlite3_busy_timeout(db, busy_timeout_ms);
  return std::unique_ptr<SqliteConnection>(new SqliteConnection(db));
}

SqliteConnection::~SqliteConnection() {
  for (auto& [sql, stmt] : cache_) sqlite3_finalize(stmt);
  sqlite3_close_v2(db_);
}

absl::Status SqliteConnection::Exec(absl::string_view sql) {
  const std::string copy(sql);
  char* err = nullptr;
  const int rc = sqlite3_exec(db_, copy.c_str(), nullptr, nullptr, &err);
  sqlite3_free(err);
  if (rc != SQLITE_OK) return SqliteError(db_, rc, copy.substr(0, 80));
  return absl::OkStatus();
}

absl::StatusOr<Stmt> SqliteConnection::Prepare(const char* sql) {
  // Fast path: the same literal again. The text is compared too, so a
  // reused buffer holding other SQL cannot pick up the wrong statement.
  if (auto p = by_ptr_.find(sql);
      p != by_ptr_.end() && std::strcmp(sqlite3_sql(p->second), sql) == 0) {
    return Stmt(db_, p->second);
  }
  auto it = cache_.find(sql);
  if (it != cache_.end()) {
    by_ptr_[sql] = it->second;
    return Stmt(db_, it->second);
  }
  sqlite3_stmt* stmt = nullptr;
  const int rc = sqlite3_prepare_v3(db_, sql, -1, SQLITE_PREPARE_PERSISTENT,
                                    &stmt, nullptr);
  if (rc != SQLITE_OK) {
    sqlite3_finalize(stmt);
    return SqliteError(db_, rc, absl::StrCat("prepare: ", sql));
  }
  cache_.emplace(sql, stmt);
  by_ptr_[sql] = stmt;
  return Stmt(db_, stmt);
}

absl::StatusOr<int64_t> SqliteConnection::QueryInt(const char* sql) {
  CC_ASSIGN_OR_RETURN(Stmt stmt, Prepare(sql));
  CC_ASSIGN_OR_RETURN(bool row, stmt.Step());
  if (!row) return absl::InternalError(absl::StrCat("no row from: ", sql));
  return stmt.Int64(0);
}

// BEGIN, COMMIT and ROLLBACK run on every call: cached statements, not
// sqlite3_exec (which parses and prepares the text each time).
absl::StatusOr<Transaction> Transaction::Begin(SqliteConnection* conn,
                                               const char* begin_sql) {
  CC_ASSIGN_OR_RETURN(Stmt begin, conn->Prepare(begin_sql));
  CC_RETURN_IF_ERROR(begin.Run());
  return Transaction(conn);
}

Transaction::~Transaction() {
  if (conn_ == nullptr) return;
  // Best effort: if the transaction is already gone (SQLite rolls back on
  // some errors by itself) this fails harmlessly.
  if (sqlite3_get_autocommit(conn_->raw())) return;
  absl::StatusOr<Stmt> rollback = conn_->Prepare("ROLLBACK");
  if (rollback.ok()) (void)rollback->Run();
}

absl::Status Transaction::Commit() {
  SqliteConnection* conn = conn_;
  CC_ASSIGN_OR_RETURN(Stmt commit, conn->Prepare("COMMIT"));
  absl::Status status = commit.Run();
  if (status.ok()) conn_ = nullptr;  // else the destructor rolls back
  return status;
}

}  // namespace claimcheck::store
