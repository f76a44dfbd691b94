/**
 * Regression over the apps corpus (test/corpus/apps): 432 real .entitlements and Info.plist files from open-source apps.
 * - The parser agrees with a trusted one (the `plist` package) on every file, and with its own token loop.
 * - No real key is reported as unknown or hallucinated.
 * - The genuine mistakes in these files are found, and nothing else at error or warning level: the full list of
 *   findings is reviewed by hand and kept in expected-findings.tsv (UPDATE_EXPECTED=1 rewrites it).
 */
import * as assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CATALOG } from '../../shared/src/catalogData';
import { createLanguageService } from '../../server/src/service/languageService';
import { parsePlist, parsePlistByTokens } from '../../server/src/service/plist/parser';
import { toValue, type PlistValue } from '../../server/src/service/plist/value';
import { parseDifference } from '../fuzz/sameParse';
import { loadCorpusFiles, normalizeValue, targetOf } from './corpusFiles';

const EXPECTED = path.join(__dirname, 'expected-findings.tsv');

describe('corpus regression (test/corpus/apps)', () => {
  const service = createLanguageService(CATALOG);
  const corpus = loadCorpusFiles();

  it('has the whole corpus', () => {
    assert.equal(corpus.length, 432);
  });

  it('reads every file the same way directly as through the token loop (parsePlistByTokens)', () => {
    for (const { file, text } of corpus) assert.equal(parseDifference(parsePlist(text), parsePlistByTokens(text)), undefined, file);
  });

  it('parses every file to the same value tree as the plist package', async () => {
    const plist = await import('plist');
    let compared = 0;
    for (const { file, text } of corpus) {
      let expected: unknown;
      try {
        expected = plist.parse(text);
      } catch {
        continue;
      }
      const parsed = service.parse(text);
      assert.deepEqual(normalizeValue(toValue(parsed) as PlistValue), normalizeValue(expected), file);
      compared++;
    }
    assert.equal(compared, corpus.length, 'every corpus file is well-formed for the plist package');
  });

  it('never reports a real key as unknown or hallucinated, and finds exactly the reviewed mistakes', () => {
    const realKeys = new Set([...CATALOG.entitlements.map((entry) => entry.key), ...CATALOG.infoPlist.map((entry) => entry.key)]);
    const findings: string[] = [];
    for (const { file, kind, platformGuess, text } of corpus) {
      const document = TextDocument.create(`file:///${file}`, kind, 1, text);
      const diagnostics = service.validate(document, service.parse(text), { fileKind: kind, target: targetOf(platformGuess), allowedKeys: new Set(), severity: {} });
      for (const diagnostic of diagnostics) {
        const covered = text.slice(document.offsetAt(diagnostic.range.start), document.offsetAt(diagnostic.range.end));
        if (diagnostic.code === 'unknown-key' || diagnostic.code === 'hallucinated-key') {
          assert.ok(!realKeys.has(covered), `${file}: real key '${covered}' reported as ${String(diagnostic.code)}`);
        }
        assert.ok(diagnostic.range.start.line > 0, `${file}: ${String(diagnostic.code)} on line 0`);
        if ((diagnostic.severity ?? 1) <= 2) findings.push([file, String(diagnostic.code), covered].join('\t'));
      }
    }
    findings.sort();
    if (process.env.UPDATE_EXPECTED === '1') writeFileSync(EXPECTED, `${findings.join('\n')}\n`);
    const expected = readFileSync(EXPECTED, 'utf8').trim().split('\n');
    assert.deepEqual(findings, expected);
  });
});
