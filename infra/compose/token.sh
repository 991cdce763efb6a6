#!/usr/bin/env bash
# Prints an access token of the fleet's issuer for the program "fleet" (an admin: every
# environment), by client_credentials with the secret up.sh made; it lives as long as the issuer's
# access-token-lifetime (5 min by default). People sign in at the issuer through the web UI instead.
#   infra/compose/token.sh
# Use it as ?token=... on a WebSocket URL or as
#   curl -H "Authorization: Bearer $(infra/compose/token.sh)" http://localhost:8480/api/v1/environments
# The fleet's project and state as in compose.sh (ENVSTREAM_FLEET_PROJECT, ENVSTREAM_FLEET_STATE).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
project=${ENVSTREAM_FLEET_PROJECT:-envstream-fleet}
state=${ENVSTREAM_FLEET_STATE:-$here/.state/$project}
fail() { printf '[token] ERROR: %s\n' "$*" >&2; exit 1; }

[ $# -eq 0 ] || fail "usage: $0 (no arguments: the token is the program fleet's, an admin's)"
[ -r "$state/fleet.env" ] || fail "no $state/fleet.env: infra/compose/up.sh makes it"
command -v curl >/dev/null 2>&1 || fail "curl is missing: it asks the issuer for the token"
secret=$(sed -n 's/^ENVSTREAM_FLEET_PROGRAM_SECRET=//p' "$state/fleet.env")
port=$(sed -n 's/^ENVSTREAM_FLEET_ISSUER_PORT=//p' "$state/fleet.env")
[ -n "$secret" ] && [ -n "$port" ] || fail "$state/fleet.env has no program secret or issuer port: run infra/compose/up.sh"

answer=$(curl -sS --max-time 30 -u "fleet:$secret" -d grant_type=client_credentials \
  "http://127.0.0.1:$port/oauth2/token") || fail "the issuer on 127.0.0.1:$port did not answer"
token=$(printf '%s' "$answer" | sed -n 's/.*"access_token" *: *"\([^"]*\)".*/\1/p')
[ -n "$token" ] || fail "the issuer gave no token: $answer"
printf '%s\n' "$token"
