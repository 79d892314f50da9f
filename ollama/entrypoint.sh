#!/bin/sh
# Starts the Ollama server, then, next to it, makes sure OLLAMA_MODEL is on disk
# and loaded into memory. The server answers (and the container is healthy) from the
# first seconds; the backend falls back to its other classifiers until the model is in.
#
# The model is pulled only when the server does not already have it, so once it is in
# the models volume, restarts need no network. A failed pull (no network yet) is
# retried every 30 seconds while the server keeps running.
set -eu

: "${OLLAMA_MODEL:?OLLAMA_MODEL must name the model to serve, e.g. llama3.2:3b}"

log() {
    echo "ollama-entrypoint: $*" >&2
}

wait_for_server() {
    until ollama list >/dev/null 2>&1; do
        if ! kill -0 "$server_pid" 2>/dev/null; then
            log "the server stopped before it answered"
            return 1
        fi
        sleep 1
    done
}

# `ollama show` reads only the local model store and resolves names the way the
# server does (llama3.2 is llama3.2:latest), so it is the offline "is it on disk?" test.
model_on_disk() {
    ollama show "$OLLAMA_MODEL" >/dev/null 2>&1
}

provision_model() {
    wait_for_server
    if model_on_disk; then
        log "$OLLAMA_MODEL is already on disk; not downloading"
    else
        log "downloading $OLLAMA_MODEL (first start only)"
        until ollama pull "$OLLAMA_MODEL"; do
            log "download failed; retrying in 30s"
            sleep 30
        done
    fi
    # An empty prompt loads the model without generating anything; it then stays in
    # memory for OLLAMA_KEEP_ALIVE, so the first ticket does not wait for the load.
    # stdin is /dev/null so the CLI does not wait for a prompt there.
    if output="$(ollama run "$OLLAMA_MODEL" "" </dev/null 2>&1)"; then
        log "$OLLAMA_MODEL is loaded and ready"
    else
        log "loading $OLLAMA_MODEL failed, so the first request will load it: $output"
    fi
}

ollama serve &
server_pid=$!

provision_model &
provisioner_pid=$!

# Docker stops the container with SIGTERM to this script (PID 1): pass it on so the
# server shuts down cleanly instead of being killed after the grace period.
trap 'kill -TERM "$server_pid" "$provisioner_pid" 2>/dev/null || true' TERM INT

status=0
wait "$server_pid" || status=$?
# A trapped signal interrupts `wait` before the server has finished shutting down.
while kill -0 "$server_pid" 2>/dev/null; do
    status=0
    wait "$server_pid" || status=$?
done
kill "$provisioner_pid" 2>/dev/null || true
exit "$status"
