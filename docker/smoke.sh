#!/usr/bin/env bash
# Smoke test of the scale-out compose set-up (docker/docker-compose.yml):
# waits until PostgreSQL, both replicas and the balancer are healthy, writes
# the sample articles through replica 1, reads them back through the
# balancer and through replica 2, kills replica 1 (SIGKILL) and shows that
# queries through the balancer go on, then starts it again and shows it
# catches up. Exits non-zero at the first failed step.
#
# Needs docker and docker-compose (apt-get install docker.io docker-compose).
# Run from anywhere, after
#   docker-compose -f docker/docker-compose.yml up --build -d
# (without a registry: CLAIMCHECK_BASE=claimcheck-base:bookworm, see
# docker/make-base-image.sh).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

if ! command -v docker-compose >/dev/null 2>&1; then
  echo "smoke: docker-compose is missing: apt-get install docker-compose" >&2
  exit 1
fi
dc() { docker-compose -f docker-compose.yml "$@"; }
# The CLI inside a replica's container, against a server on the compose
# network ("balancer:50051", "claimcheckd-2:50051", "127.0.0.1:50051").
cli() {
  local in=$1 server=$2
  shift 2
  dc exec -T "$in" claimcheck --server="$server" --deadline=5s "$@"
}
step() { echo; echo "==== smoke: $*"; }

health() { docker inspect -f '{{.State.Health.Status}}' "$(dc ps -q "$1")" 2>/dev/null; }
wait_healthy() {
  local s
  for _ in $(seq 1 90); do
    s=$(health "$1" || true)
    [[ $s == healthy ]] && return 0
    sleep 2
  done
  echo "smoke: $1 is not healthy (status: ${s:-none})" >&2
  dc logs --tail=30 "$1" >&2
  return 1
}

step "services up and healthy"
dc up -d
wait_healthy postgres
wait_healthy claimcheckd-1
wait_healthy claimcheckd-2
# The classic builder leaves the build stage behind as an untagged image.
docker image prune -f --filter label=org.claimcheck.stage=build >/dev/null

step "write through replica 1"
cli claimcheckd-1 127.0.0.1:50051 ingest /app/sample/sample_articles.jsonl
quote="There is a long way to go to build trust"

step "read through the balancer"
for _ in 1 2 3 4; do  # round robin: both replicas answer
  cli claimcheckd-2 balancer:50051 who-said "$quote" | grep -q "Abbas Araghchi"
done
echo "balancer: 4 of 4 answered"

step "read through replica 2"
for _ in $(seq 1 50); do  # replication lag is well under a second; allow 5 s
  if cli claimcheckd-2 127.0.0.1:50051 who-said "$quote" | grep -q "Abbas Araghchi"; then
    break
  fi
  sleep 0.1
done
cli claimcheckd-2 127.0.0.1:50051 verify "$quote" --speaker="Abbas Araghchi" |
  grep -q SUPPORTED
echo "replica 2: SUPPORTED"

step "kill replica 1; queries through the balancer go on"
dc kill -s SIGKILL claimcheckd-1
for i in $(seq 1 20); do
  cli claimcheckd-2 balancer:50051 who-said "$quote" | grep -q "Abbas Araghchi" ||
    { echo "smoke: query $i through the balancer failed" >&2; exit 1; }
done
echo "balancer with one replica: 20 of 20 answered"

step "replica 1 back: it catches up from the log"
dc start claimcheckd-1
wait_healthy claimcheckd-1
a=$(cli claimcheckd-1 127.0.0.1:50051 --json stats)
b=$(cli claimcheckd-2 127.0.0.1:50051 --json stats)
echo "replica 1: $a"
echo "replica 2: $b"
[[ $(grep -o '"articles":"*[0-9]*' <<<"$a") == $(grep -o '"articles":"*[0-9]*' <<<"$b") ]]

echo
echo "smoke: PASSED"
