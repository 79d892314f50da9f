# Shared by scripts/run and scripts/test: set-up steps that do nothing when already done.
# shellcheck shell=bash

REPO_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BACKEND_DIR="$REPO_DIR/backend"
FRONTEND_DIR="$REPO_DIR/frontend"
VENV="$BACKEND_DIR/.venv"
DATA_DIR=${DATA_DIR:-"$REPO_DIR/.data"}

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

# A fingerprint of files, to skip work when none of them changed.
fingerprint() { cat "$@" 2>/dev/null | sha256sum | cut -d' ' -f1; }

ensure_backend_env() {
  local stamp="$VENV/.requirements.sha" wanted
  wanted=$(fingerprint "$BACKEND_DIR/requirements.txt" "$BACKEND_DIR/requirements-dev.txt")
  [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$wanted" ] && return 0
  say "Installing backend dependencies into backend/.venv"
  [ -x "$VENV/bin/python" ] || python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet --disable-pip-version-check -r "$BACKEND_DIR/requirements-dev.txt"
  echo "$wanted" >"$stamp"
}

ensure_frontend_deps() {
  local stamp="$FRONTEND_DIR/node_modules/.package-lock.sha" wanted
  wanted=$(fingerprint "$FRONTEND_DIR/package-lock.json")
  [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$wanted" ] && return 0
  say "Installing frontend dependencies (npm ci)"
  (cd "$FRONTEND_DIR" && npm ci --no-audit --no-fund --loglevel=error)
  echo "$wanted" >"$stamp"
}

# Builds frontend/dist when any source file, config or dependency changed.
ensure_frontend_build() {
  local stamp="$FRONTEND_DIR/dist/.sources.sha" wanted
  ensure_frontend_deps
  wanted=$(cd "$FRONTEND_DIR" && git ls-files -co --exclude-standard -- \
    src public index.html package-lock.json '*.config.*' 'tsconfig*.json' | sort | xargs sha256sum | sha256sum | cut -d' ' -f1)
  [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$wanted" ] && return 0
  say "Building the UI (frontend/dist)"
  (cd "$FRONTEND_DIR" && npm run build --silent)
  # Pre-compressed copies beside each file: WhiteNoise sends them to browsers that accept
  # gzip, a third of the bytes for the JavaScript, with no compression per request.
  "$VENV/bin/python" -m whitenoise.compress --quiet --no-brotli "$FRONTEND_DIR/dist"
  echo "$wanted" >"$stamp"
}

# Exports DATABASE_URL: the given one, or an embedded PostgreSQL kept in $DATA_DIR/postgres
# and stopped again when the calling script exits.
start_database() {
  if [ -n "${DATABASE_URL:-}" ]; then
    return 0
  fi
  say "Starting the embedded PostgreSQL in ${DATA_DIR}/postgres"
  DATABASE_URL=$("$VENV/bin/python" "$BACKEND_DIR/embedded_db.py" start "$DATA_DIR/postgres")
  export DATABASE_URL
  trap stop_database EXIT
}

stop_database() {
  say "Stopping the embedded PostgreSQL"
  "$VENV/bin/python" "$BACKEND_DIR/embedded_db.py" stop "$DATA_DIR/postgres"
}

# A SECRET_KEY made once per data folder and kept there, never in git.
ensure_secret_key() {
  [ -n "${SECRET_KEY:-}" ] && return 0
  local file="$DATA_DIR/secret_key"
  if [ ! -s "$file" ]; then
    mkdir -p "$DATA_DIR"
    (umask 077 && "$VENV/bin/python" -c 'import secrets; print(secrets.token_urlsafe(50))' >"$file")
  fi
  SECRET_KEY=$(cat "$file")
  export SECRET_KEY
}

# The browser tests drive Debian's Chromium (browser downloads are not possible everywhere).
ensure_chromium() {
  command -v chromium >/dev/null && return 0
  if [ "$(id -u)" -ne 0 ]; then
    echo "Chromium is missing: install it with 'sudo apt-get install -y chromium'." >&2
    return 1
  fi
  say "Installing Chromium for the browser tests (apt)"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
}

# Exports the settings from a .env file at the top of the repository (the same file
# Docker Compose reads), without overriding variables already set in the environment.
load_dotenv() {
  local file="$REPO_DIR/.env" line name
  [ -f "$file" ] || return 0
  while IFS= read -r line || [ -n "$line" ]; do
    [[ "$line" =~ ^[A-Za-z_][A-Za-z0-9_]*= ]] || continue
    name=${line%%=*}
    [ -n "${!name+set}" ] || export "$name=${line#*=}"
  done <"$file"
}
