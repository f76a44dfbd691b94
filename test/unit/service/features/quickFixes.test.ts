import * as assert from 'node:assert/strict';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { readValueData } from '../../../../server/src/service/features/quickFixes';
import { applyAction, diagnose, plist, quickFixes } from '../../helpers';
import { rootValue } from '../../fixHelpers';

const SANDBX = plist(`
\t<key>com.apple.security.network.client</key>
\t<true/>
\t<key>com.apple.security.app-sandbx</key>
\t<true/>
\t<key>com.apple.security.files.user-selected.read-only</key>
\t<true/>
`);

describe('quick fixes', () => {
  describe('what it ignores', () => {
    it('offers nothing for syntax problems', () => {
      const text = plist('<key>com.apple.security.app-sandbox</key>');
      const diagnostics = diagnose(text, { fileKind: 'entitlements' });
      assert.deepEqual(diagnostics.map((diagnostic) => diagnostic.code), ['plist-syntax']);
      assert.deepEqual(quickFixes(text, diagnostics), []);
    });

    it('ignores diagnostics from other sources and codes it does not know', () => {
      const [ours] = diagnose(SANDBX, { fileKind: 'entitlements' });
      assert.ok(ours !== undefined);
      assert.deepEqual(quickFixes(SANDBX, [{ ...ours, source: 'xml' }]), []);
      assert.deepEqual(quickFixes(SANDBX, [{ ...ours, code: 'not-a-code' }]), []);
    });

    it('narrows data that comes back from the client', () => {
      const [ours] = diagnose(SANDBX, { fileKind: 'entitlements' });
      assert.ok(ours !== undefined);
      const titles = (data: unknown) => quickFixes(SANDBX, [{ ...ours, data }]).map((candidate) => candidate.title);
      assert.deepEqual(titles({ replacements: ['com.apple.security.app-sandbox', 42, null], canRemove: 'yes' }), ["Change to 'com.apple.security.app-sandbox'"]);
      assert.deepEqual(titles(undefined), []);
      assert.deepEqual(titles('garbage'), []);
    });

    it('offers nothing when the diagnostic no longer points at a key', () => {
      const [ours] = diagnose(SANDBX, { fileKind: 'entitlements' });
      assert.ok(ours !== undefined);
      const elsewhere: Diagnostic = { ...ours, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, severity: DiagnosticSeverity.Error };
      assert.deepEqual(quickFixes(SANDBX, [elsewhere]), []);
    });

    it('escapes a replacement that needs it', () => {
      const [ours] = diagnose(SANDBX, { fileKind: 'entitlements' });
      assert.ok(ours !== undefined);
      const [rename] = quickFixes(SANDBX, [{ ...ours, data: { replacements: ['a&b<c>'] } }]);
      assert.ok(rename !== undefined);
      const result = applyAction(SANDBX, rename);
      assert.ok(result.includes('<key>a&amp;b&lt;c&gt;</key>'));
      assert.ok(Object.keys(rootValue(result)).includes('a&b<c>'));
    });
  });

  it('narrows the value data the client sends back', () => {
    assert.deepEqual(readValueData({ valueReplacements: ['a', 1, 'b'], convertTo: 'boolean' }), { valueReplacements: ['a', 'b'], convertTo: 'boolean' });
    assert.deepEqual(readValueData({ valueReplacements: 'a', convertTo: 'bool' }), {});
    assert.deepEqual(readValueData({ keepFirstItems: 1 }), { keepFirstItems: 1 });
    for (const keepFirstItems of [0, -1, 1.5, '1', Number.NaN]) assert.deepEqual(readValueData({ keepFirstItems }), {}, String(keepFirstItems));
  });
});
