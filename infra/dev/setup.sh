#!/usr/bin/env bash
# Everything the run, test and bench commands need on this machine: a Docker engine that answers
# (installed and started when missing), the local demo image and Debian's chromium (the web UI's
# browser tests). Idempotent; quick when done.
set -euo pipefail
cd "$(dirname "$0")"

printf '\n==> Docker engine\n' >&2
./ensure-docker.sh
printf '\n==> demo image\n' >&2
./build-demo-image.sh
printf '\n==> chromium (browser tests)\n' >&2
./ensure-chromium.sh
