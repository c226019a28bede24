#include "server/store/pg_conn.h"

#include <cstdlib>
#include <cstring>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"

namespace claimcheck::store {
namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return 0;
}

std::string FirstLine(const char* msg) {
  std::string s = msg == nullptr ? "" : msg;
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  const size_t nl = s.find('\n');
  return nl == std::string::npos ? s : s.substr(0, nl);
}

}  // namespace

std::string PgResult::Text(int row, int col) const {
  return std::string(PQgetvalue(res_.get(), row, col),
                     PQgetlength(res_.get(), row, col));
}

int64_t PgResult::Int64(int row, int col) const {
  int64_t v = 0;
  (void)absl::SimpleAtoi(PQgetvalue(res_.get(), row, col), &v);
  return v;
}

std::string PgResult::Bytes(int row, int col) const {
  const char* v = PQgetvalue(res_.get(), row, col);
  const int n = PQgetlength(res_.get(), row, col);
  std::string out;
  if (n >= 2 && v[0] == '\\' && v[1] == 'x') {
    out.reserve((n - 2) / 2);
    for (int i = 2; i + 1 < n; i += 2) {
      out.push_back(
          static_cast<char>(HexValue(v[i]) * 16 + HexValue(v[i + 1])));
    }
  }
  return out;
}

std::string PgWhere(const std::string& conninfo) {
  char* err = nullptr;
  PQconninfoOption* opts = PQconninfoParse(conninfo.c_str(), &err);
  if (opts == nullptr) {
    PQfreemem(err);
    return conninfo;
  }
  std::string host = "localhost", port = "5432";
  for (PQconninfoOption* o = opts; o->keyword != nullptr; ++o) {
    if (o->val == nullptr) continue;
    if (std::strcmp(o->keyword, "host") == 0) host = o->val;
    if (std::strcmp(o->keyword, "port") == 0) port = o->val;
  }
  PQconninfoFree(opts);
  return absl::StrCat(host, ":", port);
}

absl::StatusOr<std::unique_ptr<PgConnection>> PgConnection::Connect(
    const std::string& conninfo, int connect_timeout_s) {
  const char* keys[] = {"dbname", "connect_timeout", "application_name",
                        nullptr};
  const std::string timeout = std::to_string(connect_timeout_s);
  const char* values[] = {conninfo.c_str(), timeout.c_str(), "claimcheckd",
                          nullptr};
  // expand_dbname=1: the first "dbname" may be a URL or key=value string.
  PGconn* conn = PQconnectdbParams(keys, values, /*expand_dbname=*/1);
  const std::string where = PgWhere(conninfo);
  if (conn == nullptr) {
    return absl::UnavailableError(absl::StrCat(
        "postgresql at ", where, " is unreachable: out of memory"));
  }
  if (PQstatus(conn) != CONNECTION_OK) {
    const std::string msg = FirstLine(PQerrorMessage(conn));
    PQfinish(conn);
    return absl::UnavailableError(
        absl::StrCat("postgresql at ", where, " is unreachable: ", msg));
  }
  std::unique_ptr<PgConnection> c(new PgConnection(conn, where));
  // Notices (e.g. "relation already exists, skipping") are not errors.
  PQsetNoticeProcessor(
      conn, [](void*, const char*) {}, nullptr);
  return c;
}

PgConnection::~PgConnection() { PQfinish(conn_); }

absl::Status PgConnection::ErrorOf(const PGresult* res,
                                   absl::string_view sql) const {
  if (PQstatus(conn_) != CONNECTION_OK) {
    return absl::UnavailableError(
        absl::StrCat("postgresql at ", where_,
                     " connection lost: ", FirstLine(PQerrorMessage(conn_))));
  }
  const char* state =
      res == nullptr ? nullptr : PQresultErrorField(res, PG_DIAG_SQLSTATE);
  const std::string msg = FirstLine(res == nullptr ? PQerrorMessage(conn_)
                                                   : PQresultErrorMessage(res));
  if (state != nullptr &&
      (std::strcmp(state, "40001") == 0 || std::strcmp(state, "40P01") == 0)) {
    return absl::AbortedError(absl::StrCat("postgresql: ", msg));
  }
  // Admin shutdown, crash recovery, too many connections: transient.
  if (state != nullptr &&
      (std::strncmp(state, "57P", 3) == 0 ||
       std::strncmp(state, "08", 2) == 0 || std::strcmp(state, "53300") == 0)) {
    return absl::UnavailableError(
        absl::StrCat("postgresql at ", where_, " is unavailable: ", msg));
  }
  return absl::InternalError(
      absl::StrCat("postgresql: ", msg, " (in: ", sql.substr(0, 80), ")"));
}

absl::StatusOr<PgResult> PgConnection::Exec(
    absl::string_view sql, const std::vector<PgParam>& params) {
  const std::string q(sql);
  PGresult* res = nullptr;
  if (params.empty()) {
    res = PQexec(conn_, q.c_str());
  } else {
    std::vector<const char*> values;
    std::vector<int> lengths, formats;
    for (const PgParam& p : params) {
      values.push_back(p.value.data());
      lengths.push_back(static_cast<int>(p.value.size()));
      formats.push_back(p.binary ? 1 : 0);
    }
    res = PQexecParams(conn_, q.c_str(), static_cast<int>(params.size()),
                       nullptr, values.data(), lengths.data(), formats.data(),
                       /*resultFormat=*/0);
  }
  PgResult result(res);
  const ExecStatusType st =
      res == nullptr ? PGRES_FATAL_ERROR : PQresultStatus(res);
  if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) {
    return ErrorOf(res, sql);
  }
  return result;
}

absl::StatusOr<std::vector<std::string>> PgConnection::ConsumeNotifications() {
  if (PQconsumeInput(conn_) == 0 || PQstatus(conn_) != CONNECTION_OK) {
    return absl::UnavailableError(
        absl::StrCat("postgresql at ", where_,
                     " connection lost: ", FirstLine(PQerrorMessage(conn_))));
  }
  std::vector<std::string> channels;
  while (PGnotify* n = PQnotifies(conn_)) {
    channels.push_back(n->relname);
    PQfreemem(n);
  }
  return channels;
}

}  // namespace claimcheck::store
