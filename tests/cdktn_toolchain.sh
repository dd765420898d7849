#!/usr/bin/env bash
# The CDK Terrain toolchain the cdktn oracle test (tests/test_cdktn_migration.py) checks the
# golden/cdktn-migration after/ projects against: PyPI cdktn + cdktn-provider-aws in a venv, npm
# cdktn + @cdktn/provider-aws + typescript. Beside the cdktf toolchains of ../shared/eval/setup_env.sh
# (same cache folder); idempotent. Versions: the shipped cdktn indexes (PyPI) and
# iacfix/knowledge/data/cdktn-npm.json (npm).
set -euo pipefail
EC=${EVAL_TOOLCHAINS:-$HOME/.cache/iacfix-eval}
PY=${PY:-python3.11}
mkdir -p "$EC"
if [ ! -x "$EC/.venv-cdktn/bin/python" ]; then "$PY" -m venv "$EC/.venv-cdktn"; fi
"$EC/.venv-cdktn/bin/pip" install -q 'cdktn==0.24.0' 'cdktn-provider-aws==25.8.1' 'constructs>=10.6.0,<10.8.0'
mkdir -p "$EC/.node-cdktn"
cd "$EC/.node-cdktn"
[ -f package.json ] || printf '{\n  "name": "iacfix-node-cdktn",\n  "version": "0.0.0",\n  "private": true\n}\n' > package.json
npm install --no-audit --no-fund typescript@5.9.3 cdktn@0.24.0 @cdktn/provider-aws@25.7.0 \
  'constructs@>=10.6.0 <10.8.0' @types/node@22.20.5
