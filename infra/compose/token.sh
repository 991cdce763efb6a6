#!/usr/bin/env bash
# Prints a token the fleet's gateways accept (RS256, signed with the key up.sh generated):
#   infra/compose/token.sh <user> [--admin] [--team TEAM] [--ttl SECONDS]
# --admin: scope envstream:admin (every environment); --team: the claim team; --ttl: default 3600.
# Use it as ?token=... on a WebSocket URL or as
#   curl -H "Authorization: Bearer $(infra/compose/token.sh demo --admin)" http://127.0.0.1:8480/api/v1/environments
# The fleet's project and state as in compose.sh (ENVSTREAM_FLEET_PROJECT, ENVSTREAM_FLEET_STATE).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
project=${ENVSTREAM_FLEET_PROJECT:-envstream-fleet}
state=${ENVSTREAM_FLEET_STATE:-$here/.state/$project}
fail() { printf '[token] ERROR: %s\n' "$*" >&2; exit 1; }

user=${1:-}
[ -n "$user" ] && [ "${user#-}" = "$user" ] || fail "usage: $0 <user> [--admin] [--team TEAM] [--ttl SECONDS]"
shift
scope= team= ttl=3600
while [ $# -gt 0 ]; do
  case "$1" in
    --admin) scope=envstream:admin; shift ;;
    --team) [ $# -ge 2 ] || fail "--team needs a value"; team=$2; shift 2 ;;
    --ttl) [[ ${2:-} =~ ^[0-9]+$ ]] || fail "--ttl needs seconds"; ttl=$2; shift 2 ;;
    *) fail "unknown option $1" ;;
  esac
done
[[ $user =~ ^[A-Za-z0-9._@-]+$ ]] || fail "a user name is letters, digits and . _ @ -"
[[ $team =~ ^[A-Za-z0-9._-]*$ ]] || fail "a team name is letters, digits and . _ -"
[ -r "$state/jwt.pem" ] || fail "no signing key $state/jwt.pem: infra/compose/up.sh makes it"
command -v openssl >/dev/null 2>&1 || fail "openssl is missing: it signs the token"

base64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }
now=$(date +%s)
claims=$(printf '"sub":"%s","iss":"https://envstream.local/issuer","aud":"envstream","iat":%d,"exp":%d' \
  "$user" "$now" $((now + ttl)))
[ -z "$scope" ] || claims+=$(printf ',"scope":"%s"' "$scope")
[ -z "$team" ] || claims+=$(printf ',"team":"%s"' "$team")
header=$(printf '{"alg":"RS256","typ":"JWT"}' | base64url)
payload=$(printf '{%s}' "$claims" | base64url)
printf '%s.%s.%s\n' "$header" "$payload" \
  "$(printf '%s.%s' "$header" "$payload" | openssl dgst -sha256 -sign "$state/jwt.pem" -binary | base64url)"
