# HAProxy 2.6 from Debian 12: the HTTP/2 balancer in front of the replicas
# (configuration and its gRPC health check of each replica: docker/haproxy.cfg).
ARG BASE=debian:bookworm-slim
FROM ${BASE}
ARG DEBIAN_FRONTEND=noninteractive
RUN apt-get update \
 && apt-get install -y --no-install-recommends haproxy \
 && rm -rf /var/lib/apt/lists/*
COPY docker/haproxy.cfg /etc/haproxy/haproxy.cfg
# The balancer's own health: one grpc.health.v1.Health/Check call through
# it (port 50051, as for the replicas' images), so it is healthy when it
# listens and routes a call to a SERVING replica.
COPY docker/healthcheck.sh /usr/local/bin/claimcheck-healthcheck
RUN haproxy -c -f /etc/haproxy/haproxy.cfg
EXPOSE 50051 8404
USER haproxy
HEALTHCHECK --interval=5s --timeout=4s --start-period=30s --retries=3 \
  CMD ["claimcheck-healthcheck"]
ENTRYPOINT ["haproxy", "-W", "-db", "-f", "/etc/haproxy/haproxy.cfg"]
