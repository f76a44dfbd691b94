#!/usr/bin/env node
// The one executable: `plist-sentinel check ...` or `plist-sentinel --stdio`. The bundles are built by `npm run build`
// (which `npm install` runs through the `prepare` script). `check` and `profile` load the lean CLI bundle, which leaves
// out the language server and MCP libraries they never use; everything else loads the full one.
const command = process.argv[2];
require(command === 'check' || command === 'profile' ? '../dist/cli.js' : '../dist/server.js');
