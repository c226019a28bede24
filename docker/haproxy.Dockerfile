# HAProxy 2.6 from Debian 12: the HTTP/2 balancer in front of the replicas
# (configuration and its gRPC health check: docker/haproxy.cfg).
ARG BASE=debian:bookworm-slim
FROM ${BASE}
ARG DEBIAN_FRONTEND=noninteractive
RUN apt-get update \
 && apt-get install -y --no-install-recommends haproxy \
 && rm -rf /var/lib/apt/lists/*
COPY docker/haproxy.cfg /etc/haproxy/haproxy.cfg
EXPOSE 50051 8404
USER haproxy
ENTRYPOINT ["haproxy", "-W", "-db", "-f", "/etc/haproxy/haproxy.cfg"]
