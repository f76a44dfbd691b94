import { syntaxFlood } from '/work/main/test/fuzz/hostileInputs';
const { parsePlist } = require('/work/main/server/src/service/plist/parser');
const text = syntaxFlood(60_000);
const t = performance.now(); parsePlist(text); console.log((performance.now() - t).toFixed(0), 'ms');
