#!/usr/bin/env bash
# Sets up, builds, and serves the page on http://127.0.0.1:${PORT:-8080}/ (Ctrl-C to stop).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
scripts/setup.sh
scripts/build.sh
exec node e2e/serve.mjs www "${PORT:-8080}"
