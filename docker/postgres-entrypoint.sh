#!/bin/bash
# Initialises the cluster on first start (role and database "claimcheck",
# password from $POSTGRES_PASSWORD, scram-sha-256 over the network), then
# runs the server in the foreground. Runs as user postgres.
set -euo pipefail
bin=/usr/lib/postgresql/15/bin
: "${POSTGRES_PASSWORD:?set POSTGRES_PASSWORD}"
if [[ ! -s $PGDATA/PG_VERSION ]]; then
  pwfile=$(mktemp)
  printf '%s\n' "$POSTGRES_PASSWORD" >"$pwfile"
  "$bin/initdb" -D "$PGDATA" -U postgres -E UTF8 --locale=C.UTF-8 \
    --auth-local=peer --auth-host=scram-sha-256 --pwfile="$pwfile"
  rm -f "$pwfile"
  echo "host all all 0.0.0.0/0 scram-sha-256" >>"$PGDATA/pg_hba.conf"
  "$bin/pg_ctl" -D "$PGDATA" \
    -o "-c listen_addresses='' -c unix_socket_directories=/tmp" -w start
  psql -h /tmp -v ON_ERROR_STOP=1 -v pw="$POSTGRES_PASSWORD" postgres <<'SQL'
CREATE ROLE claimcheck LOGIN PASSWORD :'pw';
CREATE DATABASE claimcheck OWNER claimcheck;
SQL
  "$bin/pg_ctl" -D "$PGDATA" -m fast -w stop
fi
exec "$bin/postgres" -D "$PGDATA" -c listen_addresses='*' \
  -c unix_socket_directories=/tmp
