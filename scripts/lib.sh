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

# Exports DATABASE_URL: the given one, or the embedded PostgreSQL kept in
# $DATA_DIR/postgres. Several scripts/run may share that server: each holds a shared lock
# on $DATA_DIR/postgres.users for as long as it runs, and the last one to leave stops it.
# Starting and stopping happen under $DATA_DIR/postgres.lock, so no run starts the server
# while another is stopping it. The kernel drops the locks of a run that was killed.
start_database() {
  if [ -n "${DATABASE_URL:-}" ]; then
    return 0
  fi
  mkdir -p "$DATA_DIR"
  exec {db_lock}>"$DATA_DIR/postgres.lock" {db_users}>"$DATA_DIR/postgres.users"
  flock "$db_lock"
  flock --shared "$db_users"
  trap stop_database EXIT
  say "Starting the embedded PostgreSQL in ${DATA_DIR}/postgres (or joining the one running)"
  DATABASE_URL=$("$VENV/bin/python" "$BACKEND_DIR/embedded_db.py" start "$DATA_DIR/postgres")
  export DATABASE_URL
  flock --unlock "$db_lock"
}

stop_database() {
  flock "$db_lock"
  if flock --exclusive --nonblock "$db_users"; then
    say "Stopping the embedded PostgreSQL"
    "$VENV/bin/python" "$BACKEND_DIR/embedded_db.py" stop "$DATA_DIR/postgres"
  else
    say "Leaving the embedded PostgreSQL running: another scripts/run still uses it"
  fi
}

# Stops here, saying so, when something already listens where gunicorn is to listen:
# before anything is built or started, and before anything claims to serve.
ensure_port_free() {
  local host=${HOST:-127.0.0.1} port=$1 name=${2:-PORT}
  if ! "$VENV/bin/python" -c '
import socket, sys
host, port = sys.argv[1].strip("[]"), int(sys.argv[2])
family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
with socket.socket(family, kind, proto) as sock:
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as gunicorn binds
    sock.bind(address)
' "$host" "$port" 2>/dev/null; then
    echo "Port $port on $host is already in use (another scripts/run?)." \
      "Stop that, or choose another port: $name=$((port + 1)) scripts/run" >&2
    exit 1
  fi
}

# A SECRET_KEY made once per data folder and kept there, never in git.
# A port nothing listens on now, on $HOST.
free_port() {
  "$VENV/bin/python" -c '
import socket, sys
host = sys.argv[1].strip("[]")
family, kind, proto, _, address = socket.getaddrinfo(host, 0, type=socket.SOCK_STREAM)[0]
with socket.socket(family, kind, proto) as sock:
    sock.bind(address)
    print(sock.getsockname()[1])
' "${HOST:-127.0.0.1}"
}

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

# Exports the settings from a .env file (scripts/run: the one at the top of the repository,
# which Docker Compose reads too) as Compose reads it (quotes, `# comments`, `${NAME}`;
# see backend/compose_env.py), without overriding variables already set.
load_dotenv() {
  local file=$1 exports
  [ -f "$file" ] || return 0
  exports=$("$VENV/bin/python" "$BACKEND_DIR/compose_env.py" "$file") || return 1
  eval "$exports"
}

# Prints the path of an nginx binary: the installed one, or Debian's package unpacked
# into backend/.venv/nginx (installing it would start a server). Its compiled-in paths
# (/var/lib/nginx for temporary files, /var/log/nginx) may not exist: configurations
# run with it name their own.
nginx_binary() {
  local unpacked="$VENV/nginx/usr/sbin/nginx" download
  if command -v nginx; then
    return 0
  fi
  if [ ! -x "$unpacked" ]; then
    download=$(mktemp -d)
    if ! (cd "$download" && apt-get download -qq nginx 2>/dev/null); then
      [ "$(id -u)" -eq 0 ] && apt-get update -qq
      (cd "$download" && apt-get download -qq nginx 2>/dev/null)
    fi
    dpkg-deb -x "$download"/nginx_*.deb "$VENV/nginx"
    rm -rf "$download"
  fi
  echo "$unpacked"
}
