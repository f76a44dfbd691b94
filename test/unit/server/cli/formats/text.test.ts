import * as assert from 'node:assert/strict';
import type { Diagnostic } from 'vscode-languageserver-types';
import { formatText, summarizeText } from '../../../../../server/src/cli/formats/text';
import type { CheckReport } from '../../../../../server/src/cli/report';

function reportOf(severities: ReadonlyArray<1 | 2 | 3 | 4>, baselined = 0): CheckReport {
  const findings = severities.map((severity) => {
    const diagnostic: Diagnostic = { range: { start: { line: 0, character: 2 }, end: { line: 0, character: 5 } }, severity, code: 'unknown-key', message: 'Unknown key' };
    return { diagnostic, coveredText: 'key', occurrence: 0 };
  });
  return { files: [{ path: 'App.entitlements', fileKind: 'entitlements', view: 'text', findings }], baselined };
}

describe('text format', () => {
  it('writes path:line:col: severity code message, without colour unless asked', () => {
    assert.equal(formatText(reportOf([1, 4])), 'App.entitlements:1:3: error unknown-key Unknown key\nApp.entitlements:1:3: hint unknown-key Unknown key\n');
    assert.equal(formatText(reportOf([2]), { color: true }), 'App.entitlements:1:3: \u001b[33mwarning\u001b[39m \u001b[2munknown-key\u001b[22m Unknown key\n');
  });

  describe('summary', () => {
    it('always counts errors and warnings, and infos and hints when there are any', () => {
      assert.equal(summarizeText(reportOf([])), '1 file checked: 0 errors, 0 warnings\n');
      assert.equal(summarizeText(reportOf([1, 2, 2, 3, 4, 4])), '1 file checked: 1 error, 2 warnings, 1 info, 2 hints\n');
    });

    it('counts hints left out of the report and says how to see them', () => {
      assert.equal(summarizeText(reportOf([1]), { hiddenHints: 3 }), '1 file checked: 1 error, 0 warnings, 3 hints not shown (--hints shows them)\n');
    });

    it('says how many findings the baseline left out', () => {
      assert.equal(summarizeText(reportOf([2], 4)), '1 file checked: 0 errors, 1 warning (4 findings in the baseline not shown)\n');
    });
  });
});
