#!/usr/bin/env bash
# Back up the site: PostgreSQL (pg_dump, custom format), the media folder, and the knowledge
# base as JSON Lines (kb_export, readable by kb_import on any installation).
#
#   deploy/backup.sh /srv/kb/backups          # makes /srv/kb/backups/YYYYmmdd-HHMMSS/
#
# Reads DATABASE_URL and MEDIA_ROOT from the environment (/etc/kb/kb.env under systemd).
# KEEP (default 14) old backups are kept. Restore with deploy/restore.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
dest_root=${1:?usage: deploy/backup.sh BACKUP_DIR}
: "${DATABASE_URL:?DATABASE_URL must be set (postgres://...)}"
case "$DATABASE_URL" in postgres://*|postgresql://*) ;; *) echo "backup.sh: DATABASE_URL is not PostgreSQL" >&2; exit 2;; esac
media=${MEDIA_ROOT:-media}
py=${PYTHON:-.venv/bin/python}
stamp=$(date -u +%Y%m%d-%H%M%S)
dest="$dest_root/$stamp"
tmp="$dest_root/.$stamp.partial"
mkdir -p "$tmp"

pg_dump --format=custom --no-owner --no-privileges --file="$tmp/db.dump" "$DATABASE_URL"
if [ -d "$media" ]; then
  tar -C "$media" -czf "$tmp/media.tar.gz" .
else
  tar -czf "$tmp/media.tar.gz" -T /dev/null
fi
"$py" manage.py kb_export "$tmp/kb.jsonl" --no-progress
( cd "$tmp" && sha256sum db.dump media.tar.gz kb.jsonl > SHA256SUMS )
# Only a complete backup gets its final name.
mv "$tmp" "$dest"
echo "$dest"

keep=${KEEP:-14}
ls -1d "$dest_root"/20*/ 2>/dev/null | sort | head -n "-$keep" | xargs -r rm -rf
