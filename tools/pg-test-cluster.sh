#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the test suite (issue 13): `start DIR` creates DIR/data with initdb, starts
# the server on a unix socket in DIR (no TCP port, nothing reachable from the network) and prints its URL;
# `stop DIR` stops it (immediate: the data is throwaway). Installs nothing (tools/system-deps.sh does).
# initdb and pg_ctl refuse to run as root: as root they run as the `postgres` user through runuser.
set -euo pipefail
cmd=${1:-}; dir=${2:-}
if [ -z "$cmd" ] || [ -z "$dir" ]; then echo "usage: $0 start|stop DIR" >&2; exit 2; fi
bindir=""
for d in /usr/lib/postgresql/*/bin; do [ -x "$d/initdb" ] && bindir=$d; done
if [ -z "$bindir" ] && command -v pg_ctl >/dev/null 2>&1; then bindir=$(dirname "$(command -v pg_ctl)"); fi
if [ -z "$bindir" ]; then echo "pg-test-cluster: PostgreSQL is not installed (tools/system-deps.sh)" >&2; exit 1; fi
as_pg=()
if [ "$(id -u)" -eq 0 ]; then as_pg=(runuser -u postgres --); fi
port=${JULIU_PG_TEST_PORT:-54329}
case "$cmd" in
  start)
    mkdir -p "$dir"
    dir=$(cd "$dir" && pwd)
    [ "$(id -u)" -eq 0 ] && chown postgres "$dir"
    "${as_pg[@]}" "$bindir/initdb" -D "$dir/data" -A trust -U postgres --no-sync -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log"
    # Everyone is trusted on the socket, except the role the password tests create: it must give its password.
    hba="$dir/data/pg_hba.conf"
    { echo "local all juliu_password_test scram-sha-256"; cat "$hba"; } >"$hba.new" && mv "$hba.new" "$hba"
    [ "$(id -u)" -eq 0 ] && chown postgres "$hba"
    "${as_pg[@]}" "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
      -o "-k $dir -p $port -c listen_addresses='' -c fsync=off -c full_page_writes=off" start >/dev/null
    echo "postgresql://postgres@/postgres?host=$dir&port=$port"
    ;;
  stop)
    [ -d "$dir/data" ] || exit 0
    "${as_pg[@]}" "$bindir/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null || true
    ;;
  *) echo "usage: $0 start|stop DIR" >&2; exit 2 ;;
esac
