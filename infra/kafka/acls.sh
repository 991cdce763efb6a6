#!/usr/bin/env bash
# Applies the envstream ACL set (acls.conf beside this script) to a Kafka cluster with kafka-acls,
# one principal per app. The integration test KafkaAclIntegrationTests applies the same file through
# the Admin API, so what is tested is what this grants.
#
#   KAFKA_BOOTSTRAP=kafka-1:9093 KAFKA_ADMIN_CONFIG=admin.properties infra/kafka/acls.sh
#   DRY_RUN=1 infra/kafka/acls.sh            # print the kafka-acls commands, run nothing
#
# KAFKA_BOOTSTRAP     bootstrap servers of a listener where the admin principal authenticates (required)
# KAFKA_ADMIN_CONFIG  client properties file of a principal allowed to alter ACLs (--command-config)
# KAFKA_ACLS          the kafka-acls command (default: kafka-acls.sh on the PATH)
# ENVSTREAM_KAFKA_PRINCIPAL_COLLECTOR / _PROCESSOR / _GATEWAY / _ALERTS
#                     each app's principal (default User:envstream-collector, -processor, -gateway, -alerts);
#                     with mTLS, the certificate's principal, e.g. "User:CN=envstream-collector"
# DRY_RUN             non-empty: print the commands instead of running them
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
definitions="$here/acls.conf"
kafka_acls=${KAFKA_ACLS:-kafka-acls.sh}
bootstrap=${KAFKA_BOOTSTRAP:-}
if [[ -z "$bootstrap" && -z "${DRY_RUN:-}" ]]; then
  echo "acls.sh: set KAFKA_BOOTSTRAP to the cluster's bootstrap servers" >&2
  exit 2
fi

principal_of() {
  case "$1" in
    collector) echo "${ENVSTREAM_KAFKA_PRINCIPAL_COLLECTOR:-User:envstream-collector}" ;;
    processor) echo "${ENVSTREAM_KAFKA_PRINCIPAL_PROCESSOR:-User:envstream-processor}" ;;
    gateway) echo "${ENVSTREAM_KAFKA_PRINCIPAL_GATEWAY:-User:envstream-gateway}" ;;
    alerts) echo "${ENVSTREAM_KAFKA_PRINCIPAL_ALERTS:-User:envstream-alerts}" ;;
    *) echo "acls.sh: unknown app '$1' in $definitions" >&2; return 1 ;;
  esac
}

resource_option() {
  case "$1" in
    Topic) echo "--topic" ;;
    Group) echo "--group" ;;
    TransactionalId) echo "--transactional-id" ;;
    *) echo "acls.sh: unsupported resource type '$1' in $definitions" >&2; return 1 ;;
  esac
}

line_number=0
while read -r app type pattern name operations extra; do
  line_number=$((line_number + 1))
  [[ -z "$app" || "$app" == \#* ]] && continue
  if [[ -z "$operations" || -n "$extra" ]]; then
    echo "acls.sh: $definitions line $line_number: expected app, resource type, pattern type, name and operations" >&2
    exit 1
  fi
  command=("$kafka_acls" --bootstrap-server "${bootstrap:-<KAFKA_BOOTSTRAP>}")
  [[ -n "${KAFKA_ADMIN_CONFIG:-}" ]] && command+=(--command-config "$KAFKA_ADMIN_CONFIG")
  command+=(--add --allow-principal "$(principal_of "$app")" "$(resource_option "$type")" "$name"
    --resource-pattern-type "${pattern,,}")
  IFS=, read -r -a ops <<< "$operations"
  for op in "${ops[@]}"; do
    command+=(--operation "$op")
  done
  if [[ -n "${DRY_RUN:-}" ]]; then
    printf '%q ' "${command[@]}"
    echo
  else
    "${command[@]}"
  fi
done < "$definitions"
