#!/usr/bin/env bash
# Prints the terminal agent key of one collector host, derived from the gateways' master secret
# (envstream.gateway.terminal.agent-secret) as the gateway derives it:
#   ENVSTREAM_AGENT_SECRET=<master secret> infra/dev/agent-key.sh <host-id>
# Give the result to that host's collector only, as envstream.collector.terminal.key. The host id
# is the collector's envstream.collector.host-id, else its engine's ID (docker info -f '{{.ID}}',
# any '/' turned into '_'). The secret comes from the environment, not an argument, so it stays
# out of the shell's history; openssl still gets it as an argument while it runs, so run this on
# an administrator's machine, not on a shared one.
set -euo pipefail

if [ $# -ne 1 ] || [ -z "$1" ]; then
  printf 'usage: ENVSTREAM_AGENT_SECRET=<master secret> %s <host-id>\n' "$0" >&2
  exit 64
fi
if [ -z "${ENVSTREAM_AGENT_SECRET:-}" ]; then
  printf '[agent-key] ERROR: set ENVSTREAM_AGENT_SECRET to the gateways'"'"' agent-secret\n' >&2
  exit 64
fi
# HMAC-SHA256(key = master secret, message = "agent-key:" + host id), base64url without padding
printf 'agent-key:%s' "$1" | openssl dgst -sha256 -hmac "$ENVSTREAM_AGENT_SECRET" -binary | base64 | tr '+/' '-_' | tr -d '=\n'
printf '\n'
