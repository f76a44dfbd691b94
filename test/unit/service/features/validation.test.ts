import * as assert from 'node:assert/strict';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { ALL_DIAGNOSTIC_CODES, DIAGNOSTIC_CODES, DIAGNOSTIC_SOURCE, docsUrlOf, isDiagnosticCode, type SeverityName } from '../../../../shared/src/diagnosticCodes';
import { collectProblems } from '../../../../server/src/service/features/validation';
import { PLIST_HEADER, context, diagnose, findings, plist, service } from '../../helpers';

const SEVERITY: Readonly<Record<SeverityName, DiagnosticSeverity>> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** One problem of each kind in one .entitlements file. */
const EVERY_CODE = `${PLIST_HEADER}<dict>
\t<key>com.apple.security.app-sandbox</key>
\t<true/>
\t<key>com.apple.developer.push-notifications</key>
\t<string>production</string>
\t<key>com.apple.security.app-sandbx</key>
\t<true/>
\t<key>com.apple.security.app-sandbox</key>
\t<true/>
\t<key>NSCameraUsageDescription</key>
\t<string>x</string>
\t<key>com.apple.private.tcc.allow</key>
\t<array/>
\t<key>no-value</key>
</dict>
</plist>
`;

describe('validation', () => {
  it('reports each problem of a file with one of each kind, in document order', () => {
    assert.deepEqual(findings(EVERY_CODE, diagnose(EVERY_CODE, { fileKind: 'entitlements' })), [
      { code: 'hallucinated-key', covered: 'com.apple.developer.push-notifications' },
      { code: 'unknown-key', covered: 'com.apple.security.app-sandbx' },
      { code: 'duplicate-key', covered: 'com.apple.security.app-sandbox' },
      { code: 'misplaced-key', covered: 'NSCameraUsageDescription' },
      { code: 'private-entitlement', covered: 'com.apple.private.tcc.allow' },
      { code: 'plist-syntax', covered: 'no-value' },
      { code: 'unknown-key', covered: 'no-value' },
    ]);
  });

  it('gives every diagnostic our source, a kebab-case code and an https docs link', () => {
    for (const diagnostic of diagnose(EVERY_CODE, { fileKind: 'entitlements' })) {
      assert.equal(diagnostic.source, DIAGNOSTIC_SOURCE);
      assert.equal(diagnostic.source, 'plist-sentinel');
      assert.ok(isDiagnosticCode(diagnostic.code), String(diagnostic.code));
      assert.match(String(diagnostic.code), /^[a-z]+(?:-[a-z]+)*$/);
      const href = new URL(diagnostic.codeDescription?.href ?? '');
      assert.equal(href.protocol, 'https:', String(diagnostic.code));
    }
  });

  it('uses each code\'s default severity', () => {
    for (const diagnostic of diagnose(EVERY_CODE, { fileKind: 'entitlements' })) {
      assert.ok(isDiagnosticCode(diagnostic.code));
      assert.equal(diagnostic.severity, SEVERITY[DIAGNOSTIC_CODES[diagnostic.code].defaultSeverity], diagnostic.code);
    }
  });

  it('links the catalog page for a key problem and our docs otherwise', () => {
    const diagnostics = diagnose(EVERY_CODE, { fileKind: 'entitlements' });
    const hrefOf = (code: string) => diagnostics.find((diagnostic) => diagnostic.code === code)?.codeDescription?.href;
    assert.equal(hrefOf('misplaced-key'), 'https://developer.apple.com/documentation/bundleresources/information-property-list/nscamerausagedescription');
    assert.equal(hrefOf('plist-syntax'), docsUrlOf('plist-syntax'));
    assert.equal(hrefOf('duplicate-key'), docsUrlOf('duplicate-key'));
  });

  it('lets the user override a severity per code', () => {
    const diagnostics = diagnose(EVERY_CODE, { fileKind: 'entitlements', severity: { 'unknown-key': 'hint', 'duplicate-key': 'error' } });
    for (const diagnostic of diagnostics) {
      const expected = diagnostic.code === 'unknown-key' ? DiagnosticSeverity.Hint : diagnostic.code === 'duplicate-key' ? DiagnosticSeverity.Error : undefined;
      if (expected !== undefined) assert.equal(diagnostic.severity, expected, String(diagnostic.code));
    }
  });

  it('lets a user override win over a rule\'s own severity', () => {
    const text = plist('<key>NSCameraUsageDescriptions</key><string>x</string>');
    assert.equal(diagnose(text, { fileKind: 'infoPlist' })[0]?.severity, DiagnosticSeverity.Warning);
    assert.equal(diagnose(text, { fileKind: 'infoPlist', severity: { 'unknown-key': 'error' } })[0]?.severity, DiagnosticSeverity.Error);
  });

  it('drops a code set to off, and only that code', () => {
    const codes = diagnose(EVERY_CODE, { fileKind: 'entitlements', severity: { 'unknown-key': 'off', 'plist-syntax': 'off' } }).map((diagnostic) => diagnostic.code);
    assert.deepEqual(codes, ['hallucinated-key', 'duplicate-key', 'misplaced-key', 'private-entitlement']);
  });

  it('drops everything when every code is off', () => {
    const severity = Object.fromEntries(ALL_DIAGNOSTIC_CODES.map((code) => [code, 'off' as const]));
    assert.deepEqual(diagnose(EVERY_CODE, { fileKind: 'entitlements', severity }), []);
  });

  it('carries the data quick fixes need', () => {
    const [diagnostic] = diagnose(plist('<key>com.apple.security.app-sandbx</key><true/>'), { fileKind: 'entitlements' });
    assert.deepEqual(diagnostic?.data, { replacements: ['com.apple.security.app-sandbox'], canRemove: true });
  });

  it('is silent on a clean file', () => {
    assert.deepEqual(diagnose(plist('<key>com.apple.security.app-sandbox</key><true/>'), { fileKind: 'entitlements' }), []);
  });

  it('validates a 10,000-deep file quickly, reporting the depth once', () => {
    const depth = 10_000;
    const text = `<plist><dict><key>NSAppTransportSecurity</key>${'<dict><key>NSAllowsArbitraryLoad</key>'.repeat(depth)}<true/>${'</dict>'.repeat(depth)}</dict></plist>`;
    const started = Date.now();
    const diagnostics = diagnose(text, { fileKind: 'infoPlist' });
    assert.ok(Date.now() - started < 2000);
    assert.deepEqual(findings(text, diagnostics), [
      { code: 'unknown-key', covered: 'NSAllowsArbitraryLoad' },
      { code: 'plist-syntax', covered: '<dict' },
    ]);
  });

  describe('collectProblems', () => {
    it('returns the same findings as offsets, sorted, skipping codes that are off', () => {
      const parsed = service.parse(EVERY_CODE);
      const problems = collectProblems(parsed, service.catalog, { ...context({ fileKind: 'entitlements' }), severity: { 'private-entitlement': 'off' } });
      assert.deepEqual(
        problems.map((problem) => [problem.code, EVERY_CODE.slice(problem.offset, problem.offset + problem.length)]),
        findings(EVERY_CODE, diagnose(EVERY_CODE, { fileKind: 'entitlements', severity: { 'private-entitlement': 'off' } })).map(({ code, covered }) => [code, covered]),
      );
      const offsets = problems.map((problem) => problem.offset);
      assert.deepEqual(offsets, [...offsets].sort((a, b) => a - b));
    });
  });
});
