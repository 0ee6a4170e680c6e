#!/usr/bin/env bash
# A private PostgreSQL 15 cluster for the month-end benchmark, configured for a 2-core, 24 GB machine as
# docs/operations.md recommends (the stock Debian cluster has 128 MB of shared_buffers). Usage:
#   bench/start-tuned-postgres.sh STATE_DIR [PORT]   → prints BENCH_DATABASE_SERVER=postgres://…
#   pg_ctl -D STATE_DIR/data stop                      (as the postgres user when run as root)
set -euo pipefail
state=$(realpath -m "${1:?state directory}")
port=${2:-5499}
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
run_as_postgres() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
mkdir -p "$state"
[ "$(id -u)" -eq 0 ] && chown postgres "$state"
if [ ! -f "$state/data/PG_VERSION" ]; then
  run_as_postgres "$bin/initdb" -D "$state/data" -U root --auth=trust -E UTF8 >/dev/null
  cat >>"$state/data/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$state'
shared_buffers = 4GB
effective_cache_size = 16GB
work_mem = 64MB
maintenance_work_mem = 1GB
max_wal_size = 8GB
checkpoint_timeout = 15min
wal_buffers = 64MB
jit = off
CONF
fi
if ! run_as_postgres "$bin/pg_ctl" -D "$state/data" status >/dev/null 2>&1; then
  run_as_postgres "$bin/pg_ctl" -D "$state/data" -l "$state/postgres.log" -w start >/dev/null
fi
echo "BENCH_DATABASE_SERVER=postgres://root@127.0.0.1:$port/postgres"
