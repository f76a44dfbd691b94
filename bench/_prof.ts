import { TextDocument } from 'vscode-languageserver-textdocument';
import { CATALOG } from '../shared/src/catalogData';
import { UNKNOWN_TARGET } from '../shared/src/target';
import { createLanguageService } from '../server/src/service/languageService';
import { createBenchInputs } from './inputs';
const service = createLanguageService(CATALOG);
const input = createBenchInputs(CATALOG, [1_000_000])[2]!;
const mode = process.argv[2] ?? 'parse';
const doc = TextDocument.create(input.uri, input.fileKind, 1, input.xml);
const parsed0 = service.parse(input.xml);
const t0 = performance.now();
for (let i = 0; i < 30; i++) {
  if (mode === 'parse') service.parse(input.xml);
  else service.validate(doc, parsed0, { fileKind: input.fileKind, target: UNKNOWN_TARGET, allowedKeys: new Set(), severity: {} });
}
console.log(mode, (performance.now() - t0) / 30);
