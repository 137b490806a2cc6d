#!/usr/bin/env bash
# Packs the npm package into target/npm/nianbao-check-<version>.tgz (npm pack; nothing is
# published). Needs scripts/build.sh first (www/pkg, www/version.js). See scripts/pack.mjs.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
exec node scripts/pack.mjs
