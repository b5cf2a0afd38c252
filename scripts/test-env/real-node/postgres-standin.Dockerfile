# A STAND-IN for the chart's PostgreSQL image (postgres:17.6-alpine), used only by the test
# cluster's real node: no container registry is reachable where the tests run. It keeps the
# contract the chart relies on, not the distribution: POSTGRES_USER, POSTGRES_PASSWORD,
# POSTGRES_DB and PGDATA; an empty PGDATA is initialised once; the postgres user is uid/gid
# 70; port 5432 on every address with password (scram-sha-256) authentication; pg_isready
# on PATH; nothing written outside PGDATA, /var/run/postgresql and /tmp. It runs Debian's
# PostgreSQL 15 on the project's stand-in Node base (Debian bookworm).
ARG BASE_IMAGE=localhost/todo-ops/node:24
FROM ${BASE_IMAGE}
RUN groupadd --gid 70 postgres \
 && useradd --uid 70 --gid 70 --home-dir /var/lib/postgresql --no-create-home --shell /bin/sh postgres \
 && printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d && chmod 0755 /usr/sbin/policy-rc.d \
 && mkdir -p /etc/postgresql-common/createcluster.d \
 && echo 'create_main_cluster = false' >/etc/postgresql-common/createcluster.d/no-main-cluster.conf \
 && apt-get update -q \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends postgresql-15 \
 && rm -rf /var/lib/apt/lists/* /var/cache/apt/*.bin /usr/sbin/policy-rc.d \
 && mkdir -p /var/lib/postgresql/data /var/run/postgresql \
 && chown -R 70:70 /var/lib/postgresql /var/run/postgresql \
 && chmod 2777 /var/run/postgresql
COPY postgres-standin-entrypoint.sh /usr/local/bin/docker-entrypoint.sh
ENV PATH=/usr/lib/postgresql/15/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    PGDATA=/var/lib/postgresql/data \
    LANG=C.UTF-8
USER 70:70
EXPOSE 5432
STOPSIGNAL SIGINT
ENTRYPOINT ["/usr/local/bin/docker-entrypoint.sh"]
CMD ["postgres"]
