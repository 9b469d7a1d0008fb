#!/usr/bin/env bash
# Dump the DATABASE_URL database to var/backups/<UTC timestamp>.dump (pg_dump custom format).
#
# The custom format is compressed, restores selectively and in parallel, and pg_restore checks
# its table of contents, so a truncated file is noticed at restore time rather than silently
# loaded. The dump is written to a temporary name and renamed only when pg_dump succeeded, so
# a failed run never leaves a file that looks like a good backup.
set -euo pipefail

: "${DATABASE_URL:?DATABASE_URL must name the PostgreSQL database to back up}"
case "$DATABASE_URL" in
  postgres://*|postgresql://*) ;;
  *) echo "backup.sh: DATABASE_URL must be a postgres:// URL (SQLite: copy var/db.sqlite3)" >&2; exit 2 ;;
esac

repo="$(cd "$(dirname "$0")/.." && pwd)"
dir="${BACKUP_DIR:-$repo/var/backups}"
mkdir -p "$dir"
chmod 700 "$dir"
stamp="$(date -u +%Y%m%dT%H%M%SZ)"
target="$dir/$stamp.dump"
partial="$target.partial"
trap 'rm -f "$partial"' EXIT

# Owners and grants belong to the target server, not to the data.
pg_dump --format=custom --compress=6 --no-owner --no-privileges --file="$partial" "$DATABASE_URL"
# Listing the archive reads its whole table of contents: a sanity check before we rename it.
pg_restore --list "$partial" >/dev/null
chmod 600 "$partial"
mv "$partial" "$target"
echo "$target"
