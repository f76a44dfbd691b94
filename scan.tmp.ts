import * as fs from 'fs';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createLanguageService } from './server/src/service/languageService';
import { CATALOG } from './shared/src/catalogData';
import { fileKindOf } from './server/src/service/fileKind';
const service = createLanguageService(CATALOG);
const rows = fs.readFileSync('../shared/corpus/manifest.tsv','utf8').trim().split('\n').slice(1);
const counts: Record<string, number> = {};
for (const r of rows) { const [file,, , , , platform] = r.split('\t'); const p = '../shared/corpus/'+file; const t = fs.readFileSync(p,'utf8');
  const doc = TextDocument.create('file:///'+file, 'plist', 1, t); const parsed = service.parse(t);
  const kind = r.split('\t')[4] === 'entitlements' ? 'entitlements' as const : 'infoPlist' as const;
  const diags = service.validate(doc, parsed, { fileKind: kind, platform: undefined, allowedKeys: new Set(), severity: {} });
  for (const d of diags) { counts[String(d.code)] = (counts[String(d.code)] ?? 0) + 1; console.log(file.slice(0,70), d.code, d.severity, JSON.stringify(t.slice(doc.offsetAt(d.range.start), doc.offsetAt(d.range.end))).slice(0,80), '|', d.message.slice(0,120)); }
}
console.log(counts);
