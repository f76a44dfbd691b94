/**
 * Regression over the apps corpus (test/corpus/apps): 432 real .entitlements and Info.plist files from open-source apps.
 * - The parser agrees with a trusted one (the `plist` package) on every file, and with its own token loop.
 * - No real key is reported as unknown or hallucinated.
 * - Every error and warning is judged by hand (judgements.ts): a real mistake with its evidence, or a listed false
 *   alarm with its cause.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CATALOG } from '../../shared/src/catalogData';
import { createLanguageService } from '../../server/src/service/languageService';
import { parsePlist, parsePlistByTokens } from '../../server/src/service/plist/parser';
import { toValue, type PlistValue } from '../../server/src/service/plist/value';
import { parseDifference } from '../fuzz/sameParse';
import { CORPUS, loadCorpusFiles, normalizeValue, targetOf } from './corpusFiles';
import { appsFindings } from './corpusFindings';
import { compareWithJudgements, judgementsOf } from './judgements';

describe('corpus regression (test/corpus/apps)', () => {
  const service = createLanguageService(CATALOG);
  const corpus = loadCorpusFiles();

  it('has the whole corpus, each file with its repository\'s license and the evidence for it', () => {
    assert.equal(corpus.length, 432);
    const manifest = readFileSync(path.join(CORPUS, 'manifest.tsv'), 'utf8').trim().split('\n').slice(1).map((line) => line.split('\t'));
    const licenses = new Map(readFileSync(path.join(CORPUS, 'licenses.tsv'), 'utf8').trim().split('\n').slice(1).map((line) => {
      const [repo = '', license = '', evidence = ''] = line.split('\t');
      return [repo, { license, evidence }];
    }));
    assert.equal(licenses.size, 91);
    for (const [file = '', repo = '', , , , , , license = ''] of manifest) {
      assert.match(license, /^[A-Za-z0-9.+-]+( (AND|OR) [A-Za-z0-9.+-]+)*$/, file);
      assert.equal(licenses.get(repo)?.license, license, file);
      assert.notEqual(licenses.get(repo)?.evidence ?? '', '', repo);
    }
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

  it('never reports a real key as unknown or hallucinated, nor anything on the plist line', () => {
    const realKeys = new Set([...CATALOG.entitlements.map((entry) => entry.key), ...CATALOG.infoPlist.map((entry) => entry.key)]);
    for (const { file, kind, platformGuess, text } of corpus) {
      const document = TextDocument.create(`file:///${file}`, kind, 1, text);
      for (const diagnostic of service.validate(document, service.parse(text), { fileKind: kind, target: targetOf(platformGuess), allowedKeys: new Set(), severity: {} })) {
        const covered = document.getText(diagnostic.range);
        if (diagnostic.code === 'unknown-key' || diagnostic.code === 'hallucinated-key') assert.ok(!realKeys.has(covered), `${file}: real key '${covered}' reported as ${String(diagnostic.code)}`);
        assert.ok(diagnostic.range.start.line > 0, `${file}: ${String(diagnostic.code)} on line 0`);
      }
    }
  });

  it('reports exactly the judged findings: real mistakes and listed false alarms', () => {
    const { expected, falseAlarms } = judgementsOf('apps');
    const difference = compareWithJudgements(appsFindings(), [...expected, ...falseAlarms]);
    assert.deepEqual(difference, { unjudged: [], gone: [] }, 'unjudged: judge each in expected-findings.tsv or known-false-alarms.tsv; gone: remove the row');
  });
});
