import { syntaxFlood } from '/work/main/test/fuzz/hostileInputs';
for (const w of ['/work/wt-base', '/work/main']) {
  const { parsePlist } = require(w + '/server/src/service/plist/parser');
  for (const n of [10_000, 30_000, 100_000]) {
    const text = syntaxFlood(n);
    const t = performance.now(); const d = parsePlist(text); const ms = performance.now() - t;
    console.log(w, n, text.length, ms.toFixed(0), 'ms', d.problems.length);
  }
}
