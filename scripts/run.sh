#!/usr/bin/env bash
# Installs what is missing, builds, and runs the default job: qscale run configs/default.yaml.
# Extra arguments go to `qscale run` (e.g. --json report.json, --set quant.scheme=float).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec build/bin/qscale run configs/default.yaml "$@"
