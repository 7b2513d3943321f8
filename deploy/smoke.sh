#!/usr/bin/env bash
# Follow docs/deployment.md on this machine, from scratch, and check that the site works:
# PostgreSQL database kb_prod (dropped and made anew), Redis on 127.0.0.1:6379, the
# production settings, migrate + collectstatic, gunicorn on a port, the worker; then
# /healthz, a page, a static file, a search, the admin login, the security headers, and the
# worker draining the queue. Stops what it started unless KEEP=1.
#
#   bash deploy/smoke.sh            # PG_URL, REDIS_URL, PORT (a free one) may be set
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}
PG_URL=${PG_URL:-postgres://postgres@127.0.0.1:5432}
# A port nobody else uses on this machine, unless one is given.
PORT=${PORT:-$("$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}
STATE=.state/smoke
BASE="http://127.0.0.1:$PORT"
HTTPS=(-H "X-Forwarded-Proto: https")   # what nginx adds in front (deploy/nginx/kb.conf)
rm -rf "$STATE" && mkdir -p "$STATE/media" "$STATE/static"
ok() { echo "  ok  $*"; }
fail() { echo "  FAIL $*" >&2; exit 1; }

echo "== 1. Environment (deploy/kb.env.example, with this machine's values)"
cat > "$STATE/kb.env" <<ENV
DJANGO_SETTINGS_MODULE=kb.settings.production
SECRET_KEY=$("$PY" -c 'import secrets; print(secrets.token_urlsafe(50))')
ALLOWED_HOSTS=127.0.0.1,localhost
CSRF_TRUSTED_ORIGINS=https://127.0.0.1:$PORT
DATABASE_URL=$PG_URL/kb_prod
CONN_MAX_AGE=60
REDIS_URL=${REDIS_URL:-redis://127.0.0.1:6379/0}
CACHE_KEY_PREFIX=kb-smoke
MEDIA_ROOT=$PWD/$STATE/media
STATIC_ROOT=$PWD/$STATE/static
GUNICORN_BIND=127.0.0.1:$PORT
GUNICORN_WORKERS=3
LOG_LEVEL=WARNING
ENV
set -a; . "$STATE/kb.env"; set +a
ok "$STATE/kb.env"

echo "== 2. Dependencies"
"$PY" -m pip install --quiet -e . > "$STATE/pip.log" 2>&1 || { cat "$STATE/pip.log"; fail "pip install"; }
"$PY" -c "import gunicorn, whitenoise, redis, csp, axes" && ok "gunicorn, whitenoise, redis, django-csp, django-axes" || fail "gunicorn, whitenoise, redis, django-csp, django-axes"
redis-cli -u "$REDIS_URL" ping | grep -q PONG && ok "Redis answers at $REDIS_URL" || fail "Redis answers at $REDIS_URL"
pg_isready -q -d "$PG_URL/postgres" && ok "PostgreSQL answers" || fail "PostgreSQL answers"

echo "== 3. Database kb_prod from scratch, migrate, static files, content"
psql -X -q -v ON_ERROR_STOP=1 "$PG_URL/postgres" -c "DROP DATABASE IF EXISTS kb_prod WITH (FORCE)" -c "CREATE DATABASE kb_prod"
"$PY" manage.py check --deploy --fail-level WARNING > "$STATE/check.log" 2>&1 || { cat "$STATE/check.log"; fail "check --deploy"; }
ok "manage.py check --deploy: $(tail -1 "$STATE/check.log")"
"$PY" manage.py migrate --noinput -v0 && ok "migrate" || fail "migrate"
"$PY" manage.py collectstatic --noinput -v0 && ok "collectstatic ($(find "$STATIC_ROOT" -type f | wc -l) files)"
"$PY" manage.py kb_setup > "$STATE/setup.log" 2>&1 && ok "kb_setup: structure, demo content, administrator" || fail "kb_setup: structure, demo content, administrator"
"$PY" manage.py kb_reindex --no-progress > "$STATE/reindex.log" 2>&1 && ok "kb_reindex: search index built" || fail "kb_reindex: search index built"

echo "== 4. gunicorn and the worker (as deploy/systemd/kb-web.service and kb-worker.service)"
pids=()
cleanup() { [ -n "${KEEP:-}" ] && return; for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT INT TERM
"$PY" -m gunicorn -c deploy/gunicorn.conf.py kb.wsgi > "$STATE/gunicorn.log" 2>&1 & pids+=($!)
"$PY" manage.py kb_worker --no-reload > "$STATE/worker.log" 2>&1 & pids+=($!)
for _ in $(seq 1 60); do curl -fsS "$BASE/healthz" >/dev/null 2>&1 && break; sleep 1; done

echo "== 5. Checks"
health=$(curl -sS "$BASE/healthz")
echo "$health" | "$PY" -c 'import json,sys; b=json.load(sys.stdin); assert b["status"]=="ok", b; assert all(c["ok"] for c in b["checks"].values()), b' \
  && ok "/healthz: $health" || fail "/healthz: $health"
code=$(curl -s -o /dev/null -w '%{http_code} %{redirect_url}' "$BASE/")
[[ $code == "301 https://"* ]] && ok "plain HTTP is redirected to HTTPS ($code)" || fail "no HTTPS redirect: $code"
curl -sS -D "$STATE/home.h" -o "$STATE/home.html" "${HTTPS[@]}" "$BASE/"
grep -q "200" <(head -1 "$STATE/home.h") && grep -q "Điển hình tiên tiến" "$STATE/home.html" && ok "home page (through the proxy's header) 200" || fail "home page (through the proxy's header) 200"
grep -qi "^strict-transport-security: max-age=31536000" "$STATE/home.h" && ok "HSTS" || fail "HSTS"
grep -qi "^content-security-policy: .*script-src 'self'" "$STATE/home.h" && ok "Content-Security-Policy" || fail "Content-Security-Policy"
profile=$("$PY" manage.py shell -c "from kb.exemplars.models import ExemplarPage; print(ExemplarPage.objects.live().first().url)" | tail -1)
curl -sS -o "$STATE/profile.html" -w '%{http_code}' "${HTTPS[@]}" "$BASE$profile" | grep -q 200 \
  && grep -q "<h1" "$STATE/profile.html" && ok "an exemplar's profile: $profile" || fail "an exemplar's profile: $profile"
css=$(grep -o '/static/css/site\.[0-9a-f]*\.css' "$STATE/home.html" | head -1)
curl -sS -D "$STATE/css.h" -o /dev/null -H "Accept-Encoding: gzip" "${HTTPS[@]}" "$BASE$css"
grep -qi "cache-control: max-age=31536000" "$STATE/css.h" && grep -qi "content-encoding: gzip" "$STATE/css.h" \
  && ok "static $css: hashed, compressed, cached a year (WhiteNoise)" || fail "static $css: hashed, compressed, cached a year (WhiteNoise)"
[ "$(curl -s -o /dev/null -w '%{http_code}' "${HTTPS[@]}" "$BASE/admin/login/")" = 200 ] && ok "admin login page" || fail "admin login page"
# kb_setup queued the index work of the demo content (a few thousand tasks): the worker
# must be taking them, one after the other, and none may fail.
count() { psql -X -tA "$DATABASE_URL" -c "SELECT count(*) FROM django_tasks_database_dbtaskresult WHERE status='$1'"; }
first=$(count SUCCESSFUL)
for _ in $(seq 1 180); do [ "$(count SUCCESSFUL)" -ge $((first + 20)) ] && break; sleep 1; done
[ "$(count SUCCESSFUL)" -ge $((first + 20)) ] && [ "$(count FAILED)" = 0 ] \
  && ok "the worker runs the queued tasks ($(count SUCCESSFUL) done, $(count READY) waiting, none failed)" \
  || fail "the worker is not running the queue ($(count SUCCESSFUL) done, $(count FAILED) failed)"
results=$(curl -sS "${HTTPS[@]}" "$BASE/search/?q=bao+hiem+y+te" | grep -o 'class="search-result"' | wc -l || true)
[ "$results" -gt 0 ] && ok "search finds $results results" || fail "search found nothing"
echo "== deployed and working: $BASE (logs in $STATE/)"
