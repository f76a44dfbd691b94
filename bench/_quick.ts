import { TextDocument } from 'vscode-languageserver-textdocument';
import { CATALOG } from '../shared/src/catalogData';
import { UNKNOWN_TARGET } from '../shared/src/target';
import { createLanguageService } from '../server/src/service/languageService';
import { createBenchInputs } from './inputs';
const service = createLanguageService(CATALOG);
const inputs = createBenchInputs(CATALOG);
const which = process.argv[2];
for (const input of inputs) {
  if (which && !input.name.startsWith(which)) continue;
  const runs = input.xml.length > 5e6 ? 5 : input.xml.length > 5e5 ? 20 : 2000;
  const times: number[] = []; const ptimes: number[] = [];
  let diags = 0;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const parsed = service.parse(input.xml);
    const t1 = performance.now();
    const doc = TextDocument.create(input.uri, input.fileKind, 1, input.xml);
    const d = service.validate(doc, parsed, { fileKind: input.fileKind, target: UNKNOWN_TARGET, allowedKeys: new Set(), severity: {} });
    const t2 = performance.now();
    diags = d.length; ptimes.push(t1 - t0); times.push(t2 - t0);
  }
  times.sort((a, b) => a - b); ptimes.sort((a, b) => a - b);
  let c = 0; const t0 = performance.now(); const text = input.xml;
  for (let i = 0; i < text.length; i++) { const ch = text.charCodeAt(i); if (ch === 60 || ch === 62) c++; }
  const floor = performance.now() - t0;
  console.log(input.name, 'parse', ptimes[runs >> 1]!.toFixed(3), 'parse+validate', times[runs >> 1]!.toFixed(3), 'first', 'diags', diags, 'floor(1 run)', floor.toFixed(3), c);
}
