#!/usr/bin/env bash
# Restore a backup made by deploy/backup.sh into the database of DATABASE_URL and MEDIA_ROOT.
#
#   deploy/restore.sh /srv/kb/backups/20261122-023000
#
# Stop the app servers and the worker first (systemctl stop kb-web kb-worker). The database's
# tables are replaced (pg_restore --clean); the media folder is replaced by the backup's.
# The JSON Lines file (kb.jsonl) is the other way back: `manage.py kb_import kb.jsonl` into a
# freshly migrated, empty site (see docs/deployment.md).
set -euo pipefail
cd "$(dirname "$0")/.."
src=${1:?usage: deploy/restore.sh BACKUP_DIR}
: "${DATABASE_URL:?DATABASE_URL must be set (postgres://...)}"
media=${MEDIA_ROOT:-media}
( cd "$src" && sha256sum --quiet -c SHA256SUMS )

pg_restore --clean --if-exists --no-owner --no-privileges --single-transaction \
  --dbname="$DATABASE_URL" "$src/db.dump"

mkdir -p "$media"
staging="$media.restoring"
rm -rf "$staging" && mkdir -p "$staging"
tar -C "$staging" -xzf "$src/media.tar.gz"
# Swap in the restored folder's contents (the folder itself may be a mount point).
find "$media" -mindepth 1 -maxdepth 1 -exec rm -rf {} +
find "$staging" -mindepth 1 -maxdepth 1 -exec mv -t "$media" {} +
rmdir "$staging"
echo "restored $src"
