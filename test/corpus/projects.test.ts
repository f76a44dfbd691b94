/**
 * Regression over the projects corpus (test/corpus/projects): 368 files from 44 repositories in their real layout,
 * each target's project.pbxproj beside its files, checked as a user would, through the CLI on the whole folder (so
 * platforms and product types come from the Xcode projects, and each file meets its companion).
 * - Every plist parses to the same value tree as with the `plist` package.
 * - No real key is reported as unknown or invented.
 * - Every error and warning is judged (judgements.ts); every entitlements file is checked, or listed as a false
 *   silence.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CATALOG } from '../../shared/src/catalogData';
import { createLanguageService } from '../../server/src/service/languageService';
import { toValue, type PlistValue } from '../../server/src/service/plist/value';
import { normalizeValue } from './corpusFiles';
import { checkProjects, PROJECT_FILES, PROJECTS, projectsFindings } from './corpusFindings';
import { compareWithJudgements, judgementsOf, knownMissesOf } from './judgements';

interface ManifestRow {
  /** Where the file is, relative to `files/`. */
  readonly file: string;
  readonly kind: 'entitlements' | 'infoplist' | 'pbxproj';
  readonly license: string;
}

function readManifest(): ManifestRow[] {
  return readFileSync(path.join(PROJECTS, 'manifest.tsv'), 'utf8').trim().split('\n').slice(1).map((line) => {
    const [repo = '', repoPath = '', , kind = '', , , license = ''] = line.split('\t');
    return { file: `${repo.replace('/', '__')}/${repoPath}`, kind: kind as ManifestRow['kind'], license };
  });
}

describe('corpus regression (test/corpus/projects)', function () {
  this.timeout(60_000);
  const manifest = readManifest();
  const plists = manifest.filter((row) => row.kind !== 'pbxproj');
  const checked = checkProjects();
  const findings = projectsFindings(checked);

  it('has the whole corpus, each file with its repository\'s license', () => {
    assert.equal(manifest.length, 368);
    assert.equal(new Set(manifest.map((row) => row.file.split('/')[0])).size, 44);
    for (const row of manifest) assert.match(row.license, /^[A-Za-z0-9.+-]+( (OR|AND) [A-Za-z0-9.+-]+)*$/, row.file);
  });

  it('parses every plist to the same value tree as the plist package', async () => {
    const plist = await import('plist');
    const service = createLanguageService(CATALOG);
    let compared = 0;
    for (const { file } of plists) {
      // Some files start with a byte-order mark, which the plist package does not skip.
      const text = readFileSync(path.join(PROJECT_FILES, file), 'utf8').replace(/^\uFEFF/, '');
      let expected: unknown;
      try {
        expected = plist.parse(text);
      } catch {
        continue;
      }
      assert.deepEqual(normalizeValue(toValue(service.parse(text)) as PlistValue), normalizeValue(expected), file);
      compared++;
    }
    assert.ok(compared >= plists.length - 2, `${compared} of ${plists.length} files compared`);
  });

  it('never reports a real key as unknown or invented', () => {
    const realKeys = new Set([...CATALOG.entitlements.map((entry) => entry.key), ...CATALOG.infoPlist.map((entry) => entry.key)]);
    for (const file of checked) {
      const document = TextDocument.create('file:///x', 'plist', 1, readFileSync(path.join(PROJECT_FILES, file.path), 'utf8'));
      for (const diagnostic of file.diagnostics) {
        if (diagnostic.code !== 'unknown-key' && diagnostic.code !== 'hallucinated-key') continue;
        const covered = document.getText(diagnostic.range);
        assert.ok(!realKeys.has(covered), `${file.path}: real key '${covered}' reported as ${String(diagnostic.code)}`);
      }
    }
  });

  it('reports exactly the judged findings: real mistakes and listed false alarms, and checks every entitlements file', () => {
    const { expected, falseAlarms } = judgementsOf('projects');
    const difference = compareWithJudgements(findings, [...expected, ...falseAlarms]);
    assert.deepEqual(difference, { unjudged: [], gone: [] }, 'unjudged: judge each in expected-findings.tsv or known-false-alarms.tsv; gone: remove the row');
  });

  it('still misses the listed real mistakes (a rule that starts reporting one moves it to the expected findings)', function () {
    const misses = knownMissesOf('projects');
    // With every known miss caught the list is empty, and there is nothing to check until a row is added.
    if (misses.length === 0) this.skip();
    for (const miss of misses) {
      const reported = findings.filter((finding) => finding.file === miss.file && (finding.text === miss.text || finding.text.startsWith(`${miss.text} = `)));
      assert.deepEqual(reported, [], `${miss.file}: '${miss.text}' is reported now`);
    }
  });
});
