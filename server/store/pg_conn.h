// A thin RAII wrapper over one libpq connection: parameterised statements
// (text parameters, one binary BYTEA form), results read by row and column,
// LISTEN notifications, and errors turned into absl::Status.
//
// Status mapping: a connection that cannot be made or is lost ->
// UNAVAILABLE, naming the server ("postgresql at HOST:PORT is unreachable:
// ..."); a serialisation failure or deadlock (SQLSTATE 40001, 40P01) ->
// ABORTED; any other SQL error -> INTERNAL with the server's message.
//
// Not thread-safe: one thread uses a PgConnection at a time.
#ifndef CLAIMCHECK_SERVER_STORE_PG_CONN_H_
#define CLAIMCHECK_SERVER_STORE_PG_CONN_H_

#include <libpq-fe.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace claimcheck::store {

// A query's rows, owned. Column indexes are 0-based.
class PgResult {
 public:
  explicit PgResult(PGresult* res) : res_(res, &PQclear) {}
  int rows() const { return PQntuples(res_.get()); }
  bool IsNull(int row, int col) const {
    return PQgetisnull(res_.get(), row, col) != 0;
  }
  std::string Text(int row, int col) const;
  int64_t Int64(int row, int col) const;
  // A BYTEA column (the server sends it as hex text; decoded here).
  std::string Bytes(int row, int col) const;

 private:
  std::unique_ptr<PGresult, void (*)(PGresult*)> res_;
};

// One statement parameter: text, or bytes sent in binary (for BYTEA).
struct PgParam {
  std::string value;
  bool binary = false;
  static PgParam Text(std::string v) { return {std::move(v), false}; }
  static PgParam Int(int64_t v) { return {std::to_string(v), false}; }
  static PgParam Bytes(std::string v) { return {std::move(v), true}; }
};

class PgConnection {
 public:
  // Connects to `conninfo` (a postgresql:// URL or key=value string) with a
  // connect timeout of `connect_timeout_s` seconds. UNAVAILABLE on failure.
  static absl::StatusOr<std::unique_ptr<PgConnection>> Connect(
      const std::string& conninfo, int connect_timeout_s);
  ~PgConnection();
  PgConnection(const PgConnection&) = delete;
  PgConnection& operator=(const PgConnection&) = delete;

  // Runs one statement (or, without params, several separated by ';').
  absl::StatusOr<PgResult> Exec(absl::string_view sql,
                                const std::vector<PgParam>& params = {});

  // False once the connection is known to be broken.
  bool ok() const { return PQstatus(conn_) == CONNECTION_OK; }
  // The socket, for poll() by a LISTEN loop.
  int socket() const { return PQsocket(conn_); }
  // Reads what arrived on the socket and returns the channels of the
  // notifications received (possibly none). UNAVAILABLE when the
  // connection is lost.
  absl::StatusOr<std::vector<std::string>> ConsumeNotifications();
  // "HOST:PORT", for messages.
  const std::string& where() const { return where_; }

 private:
  PgConnection(PGconn* conn, std::string where)
      : conn_(conn), where_(std::move(where)) {}
  absl::Status ErrorOf(const PGresult* res, absl::string_view sql) const;

  PGconn* conn_;
  std::string where_;
};

// "HOST:PORT" of a conninfo without its password, for messages; the
// conninfo itself when it cannot be parsed.
std::string PgWhere(const std::string& conninfo);

}  // namespace claimcheck::store

#endif  // CLAIMCHECK_SERVER_STORE_PG_CONN_H_
