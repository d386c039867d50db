#!/usr/bin/env bash
# Type-checks each layer with its own tsconfig (the layer boundaries are part of the type check).
set -euo pipefail
cd "$(dirname "$0")/.."
for p in shared main/core main/shell renderer test; do
  echo "tsc -p $p"
  npx tsc -p "$p"
done
