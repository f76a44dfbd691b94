/**
 * Codes are public API: each is kebab-case, has a default severity and a sentence, is documented in
 * docs/diagnostics.md under its own heading (the `codeDescription` links point there) and listed in the README.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { ALL_DIAGNOSTIC_CODES, DIAGNOSTIC_CODES, docsUrlOf, isDiagnosticCode } from '../../../shared/src/diagnosticCodes';
import { RULES } from '../../../server/src/service/rules';
import { SUPPRESSION_CODES } from '../../../server/src/service/features/suppression';

const ROOT = path.resolve(__dirname, '..', '..', '..');

describe('diagnostic codes', () => {
  it('are kebab-case with a default severity and a summary sentence', () => {
    for (const code of ALL_DIAGNOSTIC_CODES) {
      assert.match(code, /^[a-z]+(-[a-z]+)*$/);
      const info = DIAGNOSTIC_CODES[code];
      assert.ok(['error', 'warning', 'information', 'hint'].includes(info.defaultSeverity), code);
      assert.match(info.summary, /^[A-Z].{20,}\.$/s, `${code} has a one-sentence summary`);
    }
  });

  it('each have exactly one rule, or are reported by suppression', () => {
    const ruleCodes = [...RULES.map((rule) => rule.code), ...SUPPRESSION_CODES].sort();
    assert.deepEqual(ruleCodes, [...ALL_DIAGNOSTIC_CODES].sort());
  });

  it('are each documented under their own heading, which their docs link targets', () => {
    const docs = readFileSync(path.join(ROOT, 'docs', 'diagnostics.md'), 'utf8');
    for (const code of ALL_DIAGNOSTIC_CODES) {
      assert.ok(docs.includes(`\n## ${code}\n`), `docs/diagnostics.md has no '## ${code}' section`);
      assert.ok(docsUrlOf(code).endsWith(`docs/diagnostics.md#${code}`));
    }
  });

  it('are each listed in the README table, and the table lists nothing else', () => {
    const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const listed = [...readme.matchAll(/^\| `([a-z-]+)` \|/gm)].map((match) => match[1]).filter((code) => code !== undefined && !code.startsWith('plistSentinel'));
    const codes = listed.filter((code) => isDiagnosticCode(code));
    assert.deepEqual([...codes].sort(), [...ALL_DIAGNOSTIC_CODES].sort());
    assert.deepEqual(listed.filter((code) => !isDiagnosticCode(code)), []);
  });
});
