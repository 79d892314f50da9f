#!/bin/sh
# Runs before the container's command (gunicorn by default): provides a SECRET_KEY
# when none is configured, brings the database schema up to date, makes the first
# admin from DESK_ADMIN_* (and the demo's people with DEMO=true), then hands over.
set -eu

# Without SECRET_KEY in the environment, one is generated on the first start and kept
# in the state volume, so `docker compose up` needs no setup and the key survives
# restarts while never being part of the image or the repository.
if [ -z "${SECRET_KEY:-}" ]; then
    key_file=/var/lib/support-desk/secret_key
    if [ ! -s "$key_file" ]; then
        (
            umask 077
            python -c 'import secrets; print(secrets.token_urlsafe(50))' >"$key_file.tmp"
            mv "$key_file.tmp" "$key_file"
        )
        echo "docker-entrypoint: generated a SECRET_KEY in $key_file" >&2
    fi
    SECRET_KEY="$(cat "$key_file")"
    export SECRET_KEY
fi

python manage.py migrate --noinput
python manage.py prepare_desk

exec "$@"
