#!/usr/bin/env bash
# Smoke test of the scale-out compose set-up (docker/docker-compose.yml):
#   1. waits until PostgreSQL, both replicas and the balancer are healthy
#      and HAProxy's own gRPC health check has both replicas UP;
#   2. writes the sample articles through replica 1;
#   3. reads them back through the balancer and through replica 2;
#   4. kills replica 1 (docker kill, SIGKILL) and shows that queries and a
#      write through the balancer go on, and that HAProxy marks it DOWN;
#   5. starts replica 1 again and shows it caught up, the write made while
#      it was dead included.
# Every step asserts; the script exits non-zero at the first failure.
#
# Needs docker, docker-compose and curl on the host (apt-get install
# docker.io docker-compose curl), and the stack already up:
#   docker-compose -f docker/docker-compose.yml up --build -d
# (without a registry: CLAIMCHECK_BASE=claimcheck-base:bookworm, made by
# docker/make-base-image.sh). Run from anywhere. Host ports as in the
# compose file (8404: HAProxy's stats page, read here).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

for tool in docker docker-compose curl; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "smoke: $tool is missing (apt-get install docker.io docker-compose curl)" >&2
    exit 1
  fi
done
stats_url="http://127.0.0.1:${CLAIMCHECK_STATS_PORT:-8404}/;csv"
start=$(date +%s)

fail() {
  echo "smoke: FAILED: $*" >&2
  exit 1
}
step() { echo; echo "==== smoke: $* ($(($(date +%s) - start)) s)"; }
dc() { docker-compose -f docker-compose.yml "$@"; }
# Container ids, looked up once after `up` (docker kill and docker start
# keep them): docker-compose takes about a second per call.
declare -A ids=()
cid() {
  local id=${ids[$1]:-}
  [[ -n $id ]] || id=$(dc ps -q "$1")
  [[ -n $id ]] || fail "no container for service $1 (is the stack up?)"
  echo "$id"
}
# The CLI inside a service's container, against a server on the compose
# network ("balancer:50051", "claimcheckd-2:50051", "127.0.0.1:50051").
# stdin is passed on (for `ingest -`-style input through a file, below).
cli() {
  local in=$1 server=$2
  shift 2
  docker exec -i "$(cid "$in")" claimcheck --server="$server" --deadline=5s "$@"
}
# who-said QUOTE through SERVER from container IN names SPEAKER.
said_by() {
  local in=$1 server=$2 quote=$3 speaker=$4 out
  out=$(cli "$in" "$server" who-said "$quote" 2>&1) || {
    echo "$out" >&2
    return 1
  }
  grep -qF "$speaker" <<<"$out" || {
    echo "$out" >&2
    return 1
  }
}

health() { docker inspect -f '{{.State.Health.Status}}' "$(cid "$1")" 2>/dev/null; }
wait_healthy() {
  local s=
  for _ in $(seq 1 90); do
    s=$(health "$1" || true)
    if [[ $s == healthy ]]; then
      echo "$1: healthy"
      return 0
    fi
    sleep 2
  done
  dc logs --tail=30 "$1" >&2
  fail "$1 is not healthy after 180 s (status: ${s:-none})"
}
# HAProxy's view of a replica (server name replica-N in haproxy.cfg): the
# status column of its stats CSV, e.g. "UP", "DOWN", "DOWN 1/2".
haproxy_status() {
  curl -fsS --max-time 3 "$stats_url" |
    awk -F, -v s="$1" '$1 == "replicas" && $2 == s { print $18 " (check " $37 ")" }'
}
# wait_haproxy SERVER WANT: until HAProxy's status of SERVER starts with
# WANT, an extended regex ("UP", "DOWN|MAINT": a dead replica's name stops
# resolving, so HAProxy may show it in MAINT (resolution) too).
wait_haproxy() {
  local s=
  for i in $(seq 1 60); do
    s=$(haproxy_status "$1" || true)
    if [[ $s =~ ^($2) ]]; then
      echo "haproxy: $1 $s after ${i}x0.5 s"
      return 0
    fi
    sleep 0.5
  done
  fail "HAProxy shows $1 as '${s:-nothing}', not $2, after 30 s"
}

step "services up and healthy"
# Starts what is missing or stopped; never rebuilds or recreates the
# containers `up --build -d` made (another CLAIMCHECK_BASE would).
dc up -d --no-recreate --no-build
for s in postgres claimcheckd-1 claimcheckd-2 balancer; do
  ids[$s]=$(cid "$s")
done
for s in postgres claimcheckd-1 claimcheckd-2 balancer; do
  wait_healthy "$s"
done
wait_haproxy replica-1 UP
wait_haproxy replica-2 UP

step "write through replica 1"
cli claimcheckd-1 127.0.0.1:50051 ingest /app/sample/sample_articles.jsonl ||
  fail "ingest through replica 1"
cli claimcheckd-1 127.0.0.1:50051 stats
quote="There is a long way to go to build trust"
speaker="Abbas Araghchi"

step "read through the balancer"
for i in 1 2 3 4; do # round robin: both replicas answer
  said_by claimcheckd-2 balancer:50051 "$quote" "$speaker" ||
    fail "who-said $i through the balancer"
done
echo "balancer: who-said 4 of 4 answered \"$speaker\""

step "read through replica 2"
ok=0
for _ in $(seq 1 50); do # replication lag is well under a second; allow 5 s
  if said_by claimcheckd-2 127.0.0.1:50051 "$quote" "$speaker" 2>/dev/null; then
    ok=1
    break
  fi
  sleep 0.1
done
[[ $ok == 1 ]] || fail "replica 2 does not know the quote 5 s after the write"
out=$(cli claimcheckd-2 127.0.0.1:50051 verify "$quote" --speaker="$speaker") ||
  fail "verify through replica 2"
grep -q "verdict: *SUPPORTED" <<<"$out" || { echo "$out" >&2; fail "verify through replica 2 is not SUPPORTED"; }
echo "replica 2: verify -> SUPPORTED"

step "kill replica 1 (docker kill); queries through the balancer go on"
docker kill --signal=KILL "$(cid claimcheckd-1)" >/dev/null
echo "claimcheckd-1: $(docker inspect -f '{{.State.Status}} (exit {{.State.ExitCode}})' "$(cid claimcheckd-1)")"
# Each call is its own `docker exec` (about 0.5 s of that is docker's);
# the first ones may wait for HAProxy's connect timeout (2 s) on the dead
# replica before it redispatches them, within the CLI's 5 s deadline.
slowest=0
for i in $(seq 1 20); do
  t0=$(date +%s%N)
  said_by claimcheckd-2 balancer:50051 "$quote" "$speaker" ||
    fail "who-said $i of 20 through the balancer with replica 1 dead"
  ms=$((($(date +%s%N) - t0) / 1000000))
  ((ms > slowest)) && slowest=$ms
done
echo "balancer with replica 1 dead: who-said 20 of 20 answered (slowest ${slowest} ms, docker exec included)"
wait_haproxy replica-1 "DOWN|MAINT"
haproxy_status replica-2 | grep -q '^UP' || fail "replica-2 is not UP in HAProxy"
# A write through the balancer while replica 1 is dead: replica 1 must
# catch up with it from the log when it comes back. The article is made
# up here (not real news).
# The quote names this run, so a rerun writes a new article again.
run=$(date +%s)
new_quote="Test run $run keeps going even when one server is gone"
new_speaker="Marta Kowalczyk"
article=$(printf '{"url": "https://smoke.invalid/claimcheck/run-%s", "outlet": "Smoke Test Gazette", "published_date": "2026-01-15", "title": "Smoke test", "text": "The engineers stopped one of the two servers on purpose. \\"%s,\\" said %s, the chief engineer of the test lab, on Thursday."}' \
  "$run" "$new_quote" "$new_speaker")
docker exec -i "$(cid claimcheckd-2)" sh -c 'cat >/tmp/smoke_article.jsonl' <<<"$article"
out=$(cli claimcheckd-2 balancer:50051 ingest /tmp/smoke_article.jsonl) ||
  fail "ingest through the balancer with replica 1 dead"
echo "$out"
grep -q "created 1" <<<"$out" || fail "the new article was not created"
said_by claimcheckd-2 balancer:50051 "$new_quote" "$new_speaker" ||
  fail "the new quote through the balancer"
echo "balancer with replica 1 dead: write + read back OK"

step "replica 1 back: it catches up from the log"
docker start "$(cid claimcheckd-1)" >/dev/null
wait_healthy claimcheckd-1
wait_haproxy replica-1 UP
ok=0
for _ in $(seq 1 50); do
  if said_by claimcheckd-1 127.0.0.1:50051 "$new_quote" "$new_speaker" 2>/dev/null; then
    ok=1
    break
  fi
  sleep 0.1
done
[[ $ok == 1 ]] || fail "replica 1 did not catch up with the write made while it was dead"
echo "replica 1: who-said of the write made while it was dead -> $new_speaker"
a=$(cli claimcheckd-1 127.0.0.1:50051 --json stats)
b=$(cli claimcheckd-2 127.0.0.1:50051 --json stats)
echo "replica 1 stats: $a"
echo "replica 2 stats: $b"
count() { grep -o '"articles": *"*[0-9]*' <<<"$1" | grep -o '[0-9]*$'; }
[[ -n $(count "$a") && $(count "$a") == $(count "$b") ]] ||
  fail "replicas disagree on the article count"

echo
echo "smoke: PASSED ($(($(date +%s) - start)) s)"
