#!/usr/bin/env bash
# Builds claimcheck-gateway (grpc-gateway 1.6 from Debian 12) into OUT_DIR:
#   client/gateway/build.sh OUT_DIR
# Needs (apt): golang-go golang-grpc-gateway
# golang-github-grpc-ecosystem-grpc-gateway-dev golang-google-grpc-dev
# golang-goprotobuf-dev golang-google-genproto-dev protobuf-compiler.
# Offline: Go builds in GOPATH mode against Debian's /usr/share/gocode.
#
# Debian's protoc-gen-go (1.3) and protoc-gen-grpc-gateway (1.6) predate
# proto3 `optional`, which protoc then refuses, so they are given a copy of
# the proto with the 6 `optional` labels removed. The wire format is the
# same (same numbers and types); only presence is lost on the gateway side:
# a NumericClaim `value`, `low`, `high` or `base` of 0 and an absent one both
# come out absent in the JSON, and SearchClaims `min_value`/`max_value` of 0
# count as not given.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "${here}/../.." && pwd)"
out="$(mkdir -p "$1" && cd "$1" && pwd)"
work="${out}/gopath"
pkg="${work}/src/claimcheck/gateway"
rm -rf "${work}/src" && mkdir -p "${pkg}/main" "${work}/proto/claimcheck/v1"
sed -E 's/^(\s*)optional /\1/' "${repo}/proto/claimcheck/v1/claimcheck.proto" \
  >"${work}/proto/claimcheck/v1/claimcheck.proto"
protoc -I "${work}/proto" \
  --go_out=plugins=grpc,paths=source_relative:"${pkg}" \
  --grpc-gateway_out=logtostderr=true,paths=source_relative,grpc_api_configuration="${here}/http_rules.yaml":"${pkg}" \
  claimcheck/v1/claimcheck.proto
cp "${here}/main.go" "${pkg}/main/"
GO111MODULE=off GOFLAGS= GOPATH="${work}:/usr/share/gocode" \
  GOCACHE="${out}/gocache" go build -o "${out}/claimcheck-gateway" claimcheck/gateway/main
echo "built ${out}/claimcheck-gateway"
