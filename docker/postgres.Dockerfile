# PostgreSQL 15 from Debian 12 for the scale-out compose file: no registry
# image is needed, so it builds from the same BASE as claimcheck.
ARG BASE=debian:bookworm-slim
FROM ${BASE}
ARG DEBIAN_FRONTEND=noninteractive
# No Debian "main" cluster at install time: postgres-entrypoint.sh makes
# its own in $PGDATA on first start.
RUN mkdir -p /etc/postgresql-common/createcluster.d \
 && echo 'create_main_cluster = false' \
      >/etc/postgresql-common/createcluster.d/no-main-cluster.conf \
 && apt-get update \
 && apt-get install -y --no-install-recommends postgresql-15 postgresql-contrib \
 && rm -rf /var/lib/apt/lists/*
COPY docker/postgres-entrypoint.sh /usr/local/bin/postgres-entrypoint
ENV PGDATA=/var/lib/postgresql/data
# The volume's mount point must exist, owned by postgres, before VOLUME: a
# new named volume takes its owner and mode from it (else it is root's and
# initdb fails).
RUN mkdir -p "$PGDATA" \
 && chown postgres:postgres "$PGDATA" \
 && chmod 700 "$PGDATA"
VOLUME ["/var/lib/postgresql/data"]
EXPOSE 5432
USER postgres
HEALTHCHECK --interval=2s --timeout=3s --start-period=30s --retries=5 \
  CMD ["/usr/lib/postgresql/15/bin/pg_isready", "-h", "127.0.0.1", "-q"]
STOPSIGNAL SIGINT
ENTRYPOINT ["postgres-entrypoint"]
