#!/usr/bin/env bash
# Creates (or replaces) the Secret envstream-collector-agent-keys: one entry per node that runs a
# collector, named after the node, holding the node's own terminal agent key derived from the
# gateways' master secret (infra/dev/agent-key.sh). The collector DaemonSet reads the entry of its
# own node. Run it again when nodes join; a collector started before its node had a key ships logs
# and refuses terminals until it is restarted.
#   ENVSTREAM_AGENT_SECRET=<agent-secret of the envstream-gateway Secret> infra/k8s/agent-keys.sh
# Uses the current kubectl context; NAMESPACE (default envstream) and NODE_SELECTOR (default
# envstream.io/docker-engine=true, the DaemonSet's) may be set. DRY_RUN=1 prints the nodes it
# would write a key for and applies nothing.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
namespace=${NAMESPACE:-envstream}
node_selector=${NODE_SELECTOR:-envstream.io/docker-engine=true}
if [ -z "${ENVSTREAM_AGENT_SECRET:-}" ]; then
  printf '[agent-keys] ERROR: set ENVSTREAM_AGENT_SECRET to the gateways'"'"' agent-secret\n' >&2
  exit 64
fi

nodes=$(kubectl get nodes -l "$node_selector" -o jsonpath='{range .items[*]}{.metadata.name}{"\n"}{end}')
if [ -z "$nodes" ]; then
  printf '[agent-keys] ERROR: no node carries %s\n' "$node_selector" >&2
  exit 1
fi

if [ "${DRY_RUN:-0}" = 1 ]; then
  printf '[agent-keys] would write a key for: %s\n' "$(tr '\n' ' ' <<<"$nodes")"
  exit 0
fi
# one file per node in a private directory, so no key shows in a process list as an argument
keys=$(mktemp -d)
trap 'rm -rf "$keys"' EXIT
for node in $nodes; do
  "$here/../dev/agent-key.sh" "$node" | tr -d '\n' >"$keys/$node"
done
kubectl -n "$namespace" create secret generic envstream-collector-agent-keys --from-file="$keys" \
  --dry-run=client -o yaml | kubectl apply -f -
printf '[agent-keys] keys for %s node(s) in %s/envstream-collector-agent-keys\n' "$(wc -w <<<"$nodes")" "$namespace"
