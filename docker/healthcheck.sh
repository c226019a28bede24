#!/bin/bash
# The image's HEALTHCHECK: asks claimcheckd's own gRPC health service
# (grpc.health.v1.Health/Check) whether it is SERVING.
#
# The address comes from claimcheckd's command line (--listen=HOST:PORT of
# PID 1), so another port works without changing the image; a wildcard
# host is checked on 127.0.0.1. Plaintext: the request is written as raw
# HTTP/2 frames through bash's /dev/tcp (the same bytes as haproxy.cfg's
# check), so no call is logged and no client binary runs. TLS (--tls_cert
# given): the CLI's `stats` call with --tls_ca=$CLAIMCHECK_HEALTH_TLS_CA
# (default: the server's own certificate, right for a self-signed one);
# that call is logged like any other.
# Exit 0 healthy, 1 not.
set -uo pipefail

listen=127.0.0.1:50051
tls_cert=
for arg in $(tr '\0' ' ' </proc/1/cmdline); do
  case $arg in
    --listen=*) listen=${arg#--listen=} ;;
    --tls_cert=*) tls_cert=${arg#--tls_cert=} ;;
  esac
done
host=${listen%:*}
port=${listen##*:}
case $host in "" | 0.0.0.0 | "[::]" | "::") host=127.0.0.1 ;; esac

if [[ -n $tls_cert ]]; then
  exec claimcheck --server="${host}:${port}" \
    --tls_ca="${CLAIMCHECK_HEALTH_TLS_CA:-$tls_cert}" --deadline=3s stats \
    >/dev/null
fi

frames='505249202a20485454502f322e300d0a0d0a534d0d0a0d0a000000040000000000'
frames+='00004b0104000000018386041c2f677270632e6865616c74682e76312e4865616c7468'
frames+='2f436865636b01096c6f63616c686f73740f10106170706c69636174696f6e2f677270'
frames+='630002746508747261696c657273'
frames+='0000050001000000010000000000'
exec 3<>"/dev/tcp/${host}/${port}" || exit 1
printf '%b' "$(sed 's/../\\x&/g' <<<"$frames")" >&3
# SERVING is the message 08 01 behind the gRPC prefix 00 00000002; the
# server keeps the connection open, so read for 1 s.
reply=$(timeout 1 cat <&3 | od -An -v -tx1 | tr -d ' \n')
[[ $reply == *00000000020801* ]]
