// Thin RAII wrappers over the SQLite C API: a connection that owns a cache
// of prepared statements, and a borrowed statement handle that binds, steps
// and reads columns and resets itself when it goes out of scope.
//
// A SqliteConnection is NOT thread-safe: one thread uses it at a time (the
// store guards the writer with a mutex and leases readers from a pool).
// Every SQLite error is turned into an absl::Status that carries the SQLite
// message; nothing here CHECKs or throws.
#ifndef CLAIMCHECK_SERVER_STORE_SQLITE_DB_H_
#define CLAIMCHECK_SERVER_STORE_SQLITE_DB_H_

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "server/base/status_macros.h"

namespace claimcheck::store {

// Maps a SQLite result code (and the connection's last message) to a status.
// SQLITE_BUSY/LOCKED -> UNAVAILABLE, SQLITE_FULL -> RESOURCE_EXHAUSTED,
// SQLITE_CORRUPT/NOTADB -> DATA_LOSS, everything else -> INTERNAL.
absl::Status SqliteError(sqlite3* db, int rc, absl::string_view what);

// A prepared statement borrowed from a connection's cache. Resets and clears
// its bindings on destruction so the next user starts clean. Bind indexes
// are 1-based, column indexes 0-based (as in SQLite).
class Stmt {
 public:
  Stmt(sqlite3* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}
  Stmt(Stmt&& other) noexcept : db_(other.db_), stmt_(other.stmt_) {
    other.stmt_ = nullptr;
  }
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;
  ~Stmt();

  Stmt& Bind(int index, absl::string_view text);
  // Binds `bytes` as a BLOB (SQLite copies them).
  Stmt& BindBlob(int index, absl::string_view bytes);
  Stmt& Bind(int index, const char* text) {
    return Bind(index, absl::string_view(text));
  }
  Stmt& Bind(int index, const std::string& text) {
    return Bind(index, absl::string_view(text));
  }
  Stmt& Bind(int index, int64_t value);
  Stmt& Bind(int index, int value) { return Bind(index, int64_t{value}); }
  Stmt& Bind(int index, uint32_t value) { return Bind(index, int64_t{value}); }
  Stmt& Bind(int index, bool value) { return Bind(index, int64_t{value}); }
  Stmt& Bind(int index, double value);
  Stmt& Bind(int index, const std::optional<double>& value);
  Stmt& BindNull(int index);

  // Rewinds to run again; bindings are kept.
  void Reset() { sqlite3_reset(stmt_); }

  // Advances one row: true when a row is available, false when done.
  absl::StatusOr<bool> Step();
  // Steps until done (for statements that return no rows we care about).
  absl::Status Run();

  std::string Text(int col) const;
  // The column's bytes, valid until the next Step() or Reset(), or another
  // read of this column as a different type (reading other columns is
  // fine: SQLite's rule).
  absl::string_view TextView(int col) const {
    const unsigned char* p = sqlite3_column_text(stmt_, col);
    if (p == nullptr) return {};
    return absl::string_view(
        reinterpret_cast<const char*>(p),
        static_cast<size_t>(sqlite3_column_bytes(stmt_, col)));
  }
  // A BLOB column's bytes, valid as TextView's.
  absl::string_view BlobView(int col) const {
    const void* p = sqlite3_column_blob(stmt_, col);
    if (p == nullptr) return {};
    return absl::string_view(
        static_cast<const char*>(p),
        static_cast<size_t>(sqlite3_column_bytes(stmt_, col)));
  }
  int64_t Int64(int col) const { return sqlite3_column_int64(stmt_, col); }
  int Int(int col) const { return sqlite3_column_int(stmt_, col); }
  double Double(int col) const { return sqlite3_column_double(stmt_, col); }
  bool IsNull(int col) const {
    return sqlite3_column_type(stmt_, col) == SQLITE_NULL;
  }
  std::optional<double> OptDouble(int col) const {
    if (IsNull(col)) return std::nullopt;
    return Double(col);
  }

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_;
  int bind_rc_ = SQLITE_OK;  // first bind error, reported by Step()
};

// One SQLite connection and its prepared-statement cache.
class SqliteConnection {
 public:
  // Opens `path` with `flags` (SQLITE_OPEN_*). Sets the busy timeout.
  static absl::StatusOr<std::unique_ptr<SqliteConnection>> Open(
      const std::string& path, int flags, int busy_timeout_ms);

  SqliteConnection(const SqliteConnection&) = delete;
  SqliteConnection& operator=(const SqliteConnection&) = delete;
  ~SqliteConnection();

  // Runs one or more statements that return nothing we need.
  absl::Status Exec(absl::string_view sql);

  // A cached prepared statement for `sql` (prepared on first use). `sql`
  // must be a single statement. Statements are cached by SQL text, so at
  // most one Stmt per text may be alive at a time on a connection.
  absl::StatusOr<Stmt> Prepare(const char* sql);

  // Runs a query returning one integer (e.g. a PRAGMA or COUNT).
  absl::StatusOr<int64_t> QueryInt(const char* sql);

  sqlite3* raw() { return db_; }

 private:
  explicit SqliteConnection(sqlite3* db) : db_(db) {}

  sqlite3* db_;
  std::unordered_map<std::string, sqlite3_stmt*> cache_;  // owns the stmts
  // Front index by the caller's pointer (SQL literals have fixed addresses),
  // so a hit needs no std::string and no hash of the whole text.
  std::unordered_map<const char*, sqlite3_stmt*> by_ptr_;
};

// BEGIN/COMMIT with rollback on scope exit unless committed.
class Transaction {
 public:
  // `begin_sql` is "BEGIN IMMEDIATE" for writers, "BEGIN" for readers.
  static absl::StatusOr<Transaction> Begin(SqliteConnection* conn,
                                           const char* begin_sql);
  Transaction(Transaction&& other) noexcept : conn_(other.conn_) {
    other.conn_ = nullptr;
  }
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  ~Transaction();

  absl::Status Commit();

 private:
  explicit Transaction(SqliteConnection* conn) : conn_(conn) {}
  SqliteConnection* conn_;  // null once committed or rolled back
};

}  // namespace claimcheck::store

#endif  // CLAIMCHECK_SERVER_STORE_SQLITE_DB_H_
