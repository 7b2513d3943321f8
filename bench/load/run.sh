#!/usr/bin/env bash
# The load test, one command: `make load-test` (or bash bench/load/run.sh).
#
# gunicorn (production settings) on loopback with PostgreSQL and Redis on this machine, the
# background worker running, 100,000 records (kb_generate) and their search index; then
# locust, headless: first 1 reader alone for BASELINE_SECONDS (the baseline), then USERS
# users (readers, searchers, editors) for SECONDS. Prints p95 and p99 per kind of request and
# fails when any request got a server error. Bounded: locust stops itself (-t), and every
# process started here is stopped on exit.
#
# Environment: PG_URL (server, default postgres://postgres@127.0.0.1:5432), REDIS_URL
# (default redis://127.0.0.1:6379/5), USERS (50), LOAD_SECONDS (60), BASELINE_SECONDS (15),
# RECORDS (100000), WORKERS (gunicorn processes, 4), KB_LOAD_REBUILD=1 to rebuild the data.
set -euo pipefail
cd "$(dirname "$0")/../.."
PY=${PY:-.venv/bin/python}
PG_URL=${PG_URL:-postgres://postgres@127.0.0.1:5432}
DB=kb_load
TEMPLATE_DB=kb_load_data
USERS=${USERS:-50}; SECONDS_=${LOAD_SECONDS:-60}; BASELINE=${BASELINE_SECONDS:-15}
RECORDS=${RECORDS:-100000}
PORT=${PORT:-$("$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}
OUT=${KB_LOAD_OUT:-.state/load}
mkdir -p "$OUT"
"$PY" -c "import locust" 2>/dev/null || "$PY" -m pip install --quiet -e ".[bench]"

export DJANGO_SETTINGS_MODULE=kb.settings.production
export SECRET_KEY=${SECRET_KEY:-$("$PY" -c 'import secrets; print(secrets.token_urlsafe(50))')}
export ALLOWED_HOSTS=127.0.0.1,localhost SECURE_SSL_REDIRECT=0 SESSION_COOKIE_SECURE=0 CSRF_COOKIE_SECURE=0
export REDIS_URL=${REDIS_URL:-redis://127.0.0.1:6379/5} CACHE_KEY_PREFIX=kb-load
export STATIC_ROOT="$PWD/$OUT/static" MEDIA_ROOT="$PWD/$OUT/media" LOG_LEVEL=WARNING
export KB_LOAD_DIR="$PWD/$OUT" KB_LOAD_PASSWORD=${KB_LOAD_PASSWORD:-$("$PY" -c 'import secrets; print(secrets.token_urlsafe(16))')}
psql_() { psql -X -q -v ON_ERROR_STOP=1 "$PG_URL/postgres" "$@"; }

# 1. The data, built once and kept as a template database (KB_LOAD_REBUILD=1 to redo it).
if [ -n "${KB_LOAD_REBUILD:-}" ] || ! psql_ -tAc "SELECT 1 FROM pg_database WHERE datname='$TEMPLATE_DB'" | grep -q 1; then
  echo "== building $RECORDS records in $TEMPLATE_DB (a few minutes, once)"
  # Built under another name and renamed when complete: an interrupted build is never reused.
  psql_ -c "DROP DATABASE IF EXISTS ${TEMPLATE_DB}_partial WITH (FORCE)" -c "CREATE DATABASE ${TEMPLATE_DB}_partial"
  export DATABASE_URL="$PG_URL/${TEMPLATE_DB}_partial"
  "$PY" manage.py migrate --noinput -v0
  "$PY" manage.py shell -c "from kb.home.structure import ensure_site_structure; ensure_site_structure()"
  "$PY" manage.py kb_generate --exemplars $((RECORDS * 7 / 10)) --initiatives $((RECORDS * 2 / 10)) --stories $((RECORDS / 10))
  "$PY" manage.py kb_reindex --no-progress
  psql_ -c "DROP DATABASE IF EXISTS $TEMPLATE_DB WITH (FORCE)" \
        -c "ALTER DATABASE ${TEMPLATE_DB}_partial RENAME TO $TEMPLATE_DB"
fi
psql_ -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB TEMPLATE $TEMPLATE_DB"
export DATABASE_URL="$PG_URL/$DB"
"$PY" manage.py migrate --noinput -v0   # in case the code gained migrations since
"$PY" manage.py collectstatic --noinput -v0
"$PY" manage.py shell -c "exec(open('bench/load/prepare.py').read())"
redis-cli -u "$REDIS_URL" --scan --pattern "kb-load:*" 2>/dev/null | xargs -r redis-cli -u "$REDIS_URL" del >/dev/null || true

# 2. The servers: gunicorn and the worker, as deploy/ runs them.
: > "$OUT/access.log"
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT INT TERM
GUNICORN_BIND=127.0.0.1:$PORT GUNICORN_WORKERS=${WORKERS:-4} GUNICORN_ACCESS_LOG="$OUT/access.log" \
  "$PY" -m gunicorn -c deploy/gunicorn.conf.py kb.wsgi > "$OUT/gunicorn.log" 2>&1 & pids+=($!)
"$PY" manage.py kb_worker --no-reload > "$OUT/worker.log" 2>&1 & pids+=($!)
for _ in $(seq 1 60); do curl -fsS "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break; sleep 1; done
curl -fsS "http://127.0.0.1:$PORT/healthz"; echo
pages=$(psql -X -tA "$DATABASE_URL" -c "SELECT count(*) FROM wagtailcore_page WHERE depth >= 4")
echo "== $pages pages; baseline: 1 user for ${BASELINE}s, then $USERS users for ${SECONDS_}s"

# 3. Load: the baseline (one reader-mix user), then the crowd.
loc() { "$PY" -m locust -f bench/load/locustfile.py --headless --host "http://127.0.0.1:$PORT" \
  --only-summary --loglevel WARNING "$@"; }
loc -u 1 -r 1 -t "${BASELINE}s" --csv "$OUT/baseline" Reader Searcher > "$OUT/baseline.log" 2>&1 || true
loc -u "$USERS" -r 10 -t "${SECONDS_}s" --csv "$OUT/load" > "$OUT/locust.log" 2>&1 || true
echo "5xx in gunicorn's access log: $(grep -c '" 50[0-9] ' "$OUT/access.log" || true)"
"$PY" bench/load/report.py "$OUT/load" --baseline "$OUT/baseline"
