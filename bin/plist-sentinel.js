#!/usr/bin/env node
// The one executable: `plist-sentinel check ...` or `plist-sentinel --stdio`. The bundle is built by `npm run build`
// (which `npm install` runs through the `prepare` script).
require('../dist/server.js');
