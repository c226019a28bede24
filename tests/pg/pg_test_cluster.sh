#!/usr/bin/env bash
# A throwaway PostgreSQL 15 cluster for the tests: initdb + pg_ctl on a free
# loopback port, data in a new directory under $TMPDIR (or /tmp), trust
# authentication for the role "claimcheck". Works as a normal user and as
# root (the server then runs as the "postgres" user, as PostgreSQL demands).
#
#   pg_test_cluster.sh start STATE   start a cluster; writes STATE/url (an
#                                    admin URL of database "postgres") and
#                                    STATE/datadir
#   pg_test_cluster.sh stop STATE    stop it (immediate) and remove its data
#   pg_test_cluster.sh kill9 STATE   kill -9 the postmaster and its backends (a crash)
#   pg_test_cluster.sh restart STATE start it again on the same port
set -euo pipefail

cmd=${1:?usage: pg_test_cluster.sh start|stop|kill9|restart STATE_DIR}
state=${2:?state directory}
bindir=${CLAIMCHECK_PG_BINDIR:-}
if [[ -z $bindir ]]; then
  bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
fi
if [[ -z $bindir || ! -x $bindir/initdb ]]; then
  echo "pg_test_cluster: no initdb (install postgresql-15: .ci/install-deps)" >&2
  exit 1
fi

as_owner() {
  if [[ $(id -u) -eq 0 ]]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

free_port() {
  /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

pg_start() {
  local data=$1 port=$2 i
  # After kill -9, orphaned backends may hold the old shared memory for a
  # moment: retry.
  for i in $(seq 1 30); do
    if as_owner "$bindir/pg_ctl" -D "$data" -w -t 30 -l "$data/../server.log" \
        -o "-p $port -k $data/.. -c listen_addresses=127.0.0.1 -c max_connections=200 -c shared_buffers=32MB" \
        start >/dev/null 2>&1; then
      return 0
    fi
    sleep 0.5
  done
  echo "pg_test_cluster: server did not start; log:" >&2
  tail -n 20 "$data/../server.log" >&2 || true
  return 1
}

case $cmd in
  start)
    if [[ -f $state/datadir ]]; then  # left by an earlier run
      "$0" stop "$state" || true
    fi
    mkdir -p "$state"
    root=$(mktemp -d "${TMPDIR:-/tmp}/claimcheck-pg-XXXXXX")
    chmod 755 "$root"
    if [[ $(id -u) -eq 0 ]]; then chown postgres "$root"; fi
    as_owner "$bindir/initdb" -D "$root/data" -U claimcheck --auth=trust \
      -E UTF8 --locale=C.UTF-8 --no-sync >"$state/initdb.log" 2>&1 ||
      { cat "$state/initdb.log" >&2; exit 1; }
    port=$(free_port)
    pg_start "$root/data" "$port"
    echo "$root/data" >"$state/datadir"
    echo "$port" >"$state/port"
    echo "postgresql://claimcheck@127.0.0.1:$port/postgres" >"$state/url"
    cat "$state/url"
    ;;
  stop)
    data=$(cat "$state/datadir")
    as_owner "$bindir/pg_ctl" -D "$data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$(dirname "$data")" "$state"
    ;;
  kill9)
    data=$(cat "$state/datadir")
    pid=$(head -n 1 "$data/postmaster.pid")
    # The backends too, as in a machine crash: a backend outlives its
    # postmaster for a moment and could still commit a write sent right
    # after the kill (seen: PostgresOutageTest got OK under load).
    children=$(pgrep -P "$pid" || true)
    # shellcheck disable=SC2086
    kill -9 "$pid" $children
    for _ in $(seq 1 100); do
      alive=0
      for p in $pid $children; do kill -0 "$p" 2>/dev/null && alive=1; done
      [[ $alive -eq 0 ]] && break
      sleep 0.05
    done
    ;;
  restart)
    data=$(cat "$state/datadir")
    pg_start "$data" "$(cat "$state/port")"
    ;;
  *)
    echo "pg_test_cluster: unknown command $cmd" >&2
    exit 2
    ;;
esac
