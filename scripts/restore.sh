#!/usr/bin/env bash
# Restore a scripts/backup.sh dump into DATABASE_URL, replacing what is there.
#
#   bash scripts/restore.sh var/backups/20260101T000000Z.dump   (or: make restore FILE=...)
#
# --clean --if-exists drops each object before recreating it; --single-transaction makes the
# restore all-or-nothing, so a failure leaves the database as it was instead of half-restored.
set -euo pipefail

file="${1:-}"
if [ -z "$file" ]; then
  echo "usage: restore.sh FILE   (a dump written by scripts/backup.sh)" >&2
  exit 2
fi
if [ ! -f "$file" ]; then
  echo "restore.sh: no such file: $file" >&2
  exit 2
fi
: "${DATABASE_URL:?DATABASE_URL must name the PostgreSQL database to restore into}"
case "$DATABASE_URL" in
  postgres://*|postgresql://*) ;;
  *) echo "restore.sh: DATABASE_URL must be a postgres:// URL" >&2; exit 2 ;;
esac

# Refuse anything that is not a readable custom-format archive before touching the database.
pg_restore --list "$file" >/dev/null
pg_restore --clean --if-exists --no-owner --no-privileges --single-transaction \
  --exit-on-error --dbname="$DATABASE_URL" "$file"
echo "restored $file into the DATABASE_URL database"
